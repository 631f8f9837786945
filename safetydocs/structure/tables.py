"""Task tables written as text: consecutive lines of TAB-separated cells.

The readers return the tables of PDF, Word and web pages themselves; a plain
text (a .txt file, text pasted into the API, a gold file) carries its table
as lines like ``1\\t开展专项整治\\t市应急管理局\\t市公安局\\t6月底前``. This pass
finds those blocks so that both kinds of input reach the task stage alike.
"""
from __future__ import annotations

import re

from ..ingest.base import Table, TableCell, TableRow

_LINE = re.compile(r"[^\n]*")


def find_text_tables(text: str, *, min_rows: int = 2, min_cells: int = 3) -> list[Table]:
    tables: list[Table] = []
    block: list[TableRow] = []

    def close() -> None:
        if len(block) >= min_rows:
            tables.append(Table(tuple(block), (block[0].span[0], block[-1].span[1])))
        block.clear()

    for match in _LINE.finditer(text):
        line = match.group()
        if line.count("\t") + 1 < min_cells:
            if line.strip() or not block:
                close()
            continue
        cells, start = [], match.start()
        for piece in line.split("\t"):
            stripped = piece.strip()
            offset = start + (piece.find(stripped) if stripped else 0)
            cells.append(TableCell(stripped, (offset, offset + len(stripped))))
            start += len(piece) + 1
        block.append(TableRow(tuple(cells), match.span()))
    close()
    return tables
