"""XLSX: task lists that travel as Excel workbooks (任务分工表, 问题清单, 隐患排查表).

Each sheet becomes its title lines (rows with one filled cell before the table) and one table, one row
per line with cells separated by a TAB, as the other readers write tables. Values are the stored
results, never formulas (``data_only``): a cell is text to read, not code to run. A value merged down
several rows or columns (a 牵头单位 cell spanning its tasks) is written once and recorded as a merge,
so every task row it covers keeps its lead (``Table.cell``). Dates are written as ISO dates.
"""
from __future__ import annotations

import datetime as dt
import io
from typing import Any

from ..errors import EmptyInput
from .base import Merge, RawText, TextBuilder


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


def _grid(sheet: Any) -> tuple[list[list[str]], list[Merge]]:
    rows = [[_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    merges: list[Merge] = []
    for merged in sheet.merged_cells.ranges:
        top, left = merged.min_row - 1, merged.min_col - 1
        if top >= len(rows) or left >= len(rows[top]):
            continue
        bottom = min(merged.max_row, len(rows))
        right = min(merged.max_col, len(rows[top]))
        merges.append((top, left, bottom - top, right - left))
        for r in range(top, bottom):
            for c in range(left, min(right, len(rows[r]))):
                if (r, c) != (top, left):
                    rows[r][c] = ""  # openpyxl keeps stale values under a merge: they are not shown
    # Trailing empty columns and rows are formatting, not content.
    width = max((max((i + 1 for i, v in enumerate(row) if v), default=0) for row in rows), default=0)
    rows = [row[:width] for row in rows]
    while rows and not any(rows[-1]):
        rows.pop()
    merges = [(t, l, min(h, len(rows) - t), min(w, width - l)) for t, l, h, w in merges if t < len(rows) and l < width]
    return rows, merges


def read(data: bytes, *, source: str) -> RawText:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), data_only=True, read_only=False)
    builder = TextBuilder()
    title = None
    for sheet in workbook.worksheets:
        if sheet.sheet_state != "visible":
            continue
        rows, merges = _grid(sheet)
        # Title lines: the rows with one filled cell above the table (a title merged across the
        # sheet is one filled cell too).
        first = 0
        while first < len(rows) - 1 and sum(1 for v in rows[first] if v) <= 1:
            line = next((v for v in rows[first] if v), "")
            if line:
                title = title or line
                builder.add_paragraph(line)
            first += 1
        body = rows[first:]
        if len(body) == 1 and sum(1 for v in body[0] if v) == 1:
            builder.add_paragraph(next(v for v in body[0] if v))
        elif body:
            builder.add_table(body, merges=[(t - first, l, h, w) for t, l, h, w in merges if t >= first])
    text, tables = builder.build()
    if not text.strip():
        raise EmptyInput(source, "no text in the workbook")
    return RawText(text=text, source=source, kind="xlsx", title=title, tables=tables)
