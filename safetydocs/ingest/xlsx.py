"""XLSX: task lists that travel as Excel workbooks (任务分工表, 问题清单, 隐患排查表).

Each sheet becomes its title lines (rows with one filled cell before the table) and one table, one row
per line with cells separated by a TAB, as the other readers write tables. Values are the stored
results, never formulas (``data_only``): a cell is text to read, not code to run. A value merged down
several rows (a 牵头单位 cell spanning its tasks) is repeated in each row it covers, so every task row
keeps its lead; a value merged across columns is kept once. Dates are written as ISO dates.
"""
from __future__ import annotations

import datetime as dt
import io
from typing import Any

from ..errors import EmptyInput
from .base import RawText, TextBuilder


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _grid(sheet: Any) -> list[list[str]]:
    rows = [[_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    for merged in sheet.merged_cells.ranges:
        top, left = merged.min_row - 1, merged.min_col - 1
        if top >= len(rows) or left >= len(rows[top]):
            continue
        value = rows[top][left]
        for r in range(merged.min_row - 1, min(merged.max_row, len(rows))):
            for c in range(merged.min_col - 1, min(merged.max_col, len(rows[r]))):
                # Down the rows the value belongs to every row; across the columns, to the first only.
                rows[r][c] = value if c == left else ""
    # Trailing empty columns and rows are formatting, not content.
    width = max((max((i + 1 for i, v in enumerate(row) if v), default=0) for row in rows), default=0)
    rows = [row[:width] for row in rows]
    while rows and not any(rows[-1]):
        rows.pop()
    return rows


def read(data: bytes, *, source: str) -> RawText:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), data_only=True, read_only=False)
    builder = TextBuilder()
    title = None
    for sheet in workbook.worksheets:
        if sheet.sheet_state != "visible":
            continue
        rows = [row for row in _grid(sheet) if any(row)]
        # Title lines: the rows with one filled cell above the table.
        while rows and sum(1 for v in rows[0] if v) == 1 and len(rows) > 1:
            line = next(v for v in rows[0] if v)
            title = title or line
            builder.add_paragraph(line)
            rows.pop(0)
        if len(rows) == 1 and sum(1 for v in rows[0] if v) == 1:
            builder.add_paragraph(next(v for v in rows[0] if v))
        elif rows:
            builder.add_table(rows)
    text, tables = builder.build()
    if not text.strip():
        raise EmptyInput(source, "no text in the workbook")
    return RawText(text=text, source=source, kind="xlsx", title=title, tables=tables)
