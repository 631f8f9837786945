"""Excel workbook: the task-division table, the responsibility matrix, a per-department
summary and the deadlines, laid out the way an office would make them by hand.

Sheets (Chinese names for Chinese documents, English for English ones):

1. 任务分工表 / Task division — one row per task: 序号, 重点任务, 牵头单位, 配合单位, 完成时限, 重点行业, 出处.
2. 责任矩阵 / Matrix — tasks × departments, named bodies then collectives, cells 牵头 / 配合.
3. 部门汇总 / By department — per department: kind, level, lead and support counts, earliest due date, industries.
4. 时间节点 / Deadlines — the tasks with a deadline, by date (undated ones, e.g. 长期坚持, last).

Every sheet has a title row (the document's title and date), a bold header row, frozen panes
below it and an auto-filter over the table.
"""
from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING, Any, Sequence

from ..matrix import ResponsibilityMatrix, responsibility_matrix
from ..model import Document
from .safety import safe_workbook
from .review import (COLLECTIVE_HEADER_FILL, HEADER_FILL, LEAD_FILL, LEVELS, SUPPORT_FILL, TaskLine, headers,
                     industry_names, labels, separator, shorten, task_lines, title_line)

if TYPE_CHECKING:  # pragma: no cover
    from openpyxl.worksheet.worksheet import Worksheet

DATE_FORMAT = "yyyy-mm-dd"

_TITLE_ROW = 1
_HEADER_ROW = 2


def render_bytes(document: Document) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.properties.title = title_line(document)
    workbook.properties.creator = "safetydocs"
    lines = task_lines(document)
    matrix = responsibility_matrix(document)

    _task_sheet(workbook.active, document, lines)
    _matrix_sheet(workbook.create_sheet(), document, matrix)
    _summary_sheet(workbook.create_sheet(), document, matrix)
    _deadline_sheet(workbook.create_sheet(), document, lines)
    workbook.active = 0
    safe_workbook(workbook)  # no cell is ever a formula, whatever the document's text

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- the sheets -----------------------------------------------------------------------------


def _task_sheet(sheet: "Worksheet", document: Document, lines: list[TaskLine]) -> None:
    label = labels(document)
    sheet.title = label["tasks_sheet"]
    sep = separator(document)
    rows: list[list[Any]] = [line.cells(sep=sep) for line in lines]
    for row, line in zip(rows, lines):
        row[0] = line.number  # a number, so that Excel sorts and filters it as one
    widths = [7, 60, 24, 30, 20, 18, 16] if document.language == "zh" else [6, 70, 30, 34, 24, 22, 16]
    _table(sheet, title=title_line(document), header=headers(document), rows=rows, widths=widths)
    for row in range(_HEADER_ROW + 1, _HEADER_ROW + 1 + len(rows)):
        sheet.cell(row=row, column=1).alignment = _alignment(horizontal="center")


def _matrix_sheet(sheet: "Worksheet", document: Document, matrix: ResponsibilityMatrix) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    label = labels(document)
    sheet.title = label["matrix_sheet"]
    marks = {"lead": label["lead"], "support": label["support"]}
    fills = {"lead": PatternFill("solid", fgColor=LEAD_FILL), "support": PatternFill("solid", fgColor=SUPPORT_FILL)}
    departments = matrix.departments
    limit = 40 if document.language == "zh" else 80
    rows = [[row.number, shorten(row.text, limit=limit)] + [marks.get(row.cells.get(name, ""), "")
                                                            for name in departments]
            for row in matrix.rows]
    widths = [7, 36 if document.language == "zh" else 50] + [_department_width(name) for name in departments]
    _table(sheet, title=title_line(document), header=[label["number"], label["task"]] + departments, rows=rows,
           widths=widths, freeze_column=3)

    first = _HEADER_ROW + 1
    for r, row in enumerate(matrix.rows, start=first):
        sheet.cell(row=r, column=1).alignment = _alignment(horizontal="center")
        for c, name in enumerate(departments, start=3):
            role = row.cells.get(name)
            cell = sheet.cell(row=r, column=c)
            cell.alignment = _alignment(horizontal="center", vertical="center")
            if role:
                cell.fill = fills[role]
                if role == "lead":
                    cell.font = Font(bold=True)
    for c, name in enumerate(departments, start=3):
        header = sheet.cell(row=_HEADER_ROW, column=c)
        header.alignment = _alignment(horizontal="center", vertical="center")
        if name in matrix.collectives:
            header.fill = PatternFill("solid", fgColor=COLLECTIVE_HEADER_FILL)
            header.font = Font(bold=True, italic=True)
    # Department names are long: a taller header row shows them wrapped instead of cut.
    sheet.row_dimensions[_HEADER_ROW].height = 48 if departments else None

    if not departments:
        return
    # Below the table, the lead / support totals per column and which columns are collectives,
    # outside the filter range so that filtering never hides them.
    legend_row = first + len(rows) + 1
    for offset, role in enumerate(("lead", "support")):
        r = legend_row + offset
        sheet.cell(row=r, column=2, value=f"{marks[role]}{'合计' if document.language == 'zh' else ' total'}")
        sheet.cell(row=r, column=2).font = Font(bold=True)
        for c, summary in enumerate(matrix.summary, start=3):
            value = summary.lead if role == "lead" else summary.support
            cell = sheet.cell(row=r, column=c, value=value)
            cell.fill = fills[role]
            cell.alignment = _alignment(horizontal="center")
    def columns(first_column: int, last_column: int) -> str:
        first_letter, last_letter = get_column_letter(first_column), get_column_letter(last_column)
        return first_letter if first_letter == last_letter else f"{first_letter}–{last_letter}"

    # Which columns hold named bodies and which collectives, by the letters Excel shows.
    groups = []
    if matrix.bodies:
        groups.append(f"{label['bodies']}: {columns(3, 2 + len(matrix.bodies))}")
    if matrix.collectives:
        groups.append(f"{label['collectives']}: {columns(3 + len(matrix.bodies), 2 + len(departments))}")
    note = sheet.cell(row=legend_row + 2, column=2, value="; ".join(groups))
    note.font = Font(italic=True, color="808080")

def _summary_sheet(sheet: "Worksheet", document: Document, matrix: ResponsibilityMatrix) -> None:
    label = labels(document)
    sheet.title = label["summary_sheet"]
    sep = separator(document)
    names = industry_names(document)
    levels = LEVELS[document.language]
    header = [label["department"], label["kind"], label["level"], label["lead_count"], label["support_count"],
              label["total"], label["earliest_due"], label["industries"]]
    rows: list[list[Any]] = [
        [s.name, label[s.kind], levels.get(s.level or "", ""), s.lead, s.support, s.total, s.earliest_due,
         sep.join(names.get(code, code) for code in s.industries)]
        for s in matrix.summary
    ]
    _table(sheet, title=title_line(document), header=header, rows=rows, widths=[34, 10, 10, 12, 12, 8, 16, 40])
    for r in range(_HEADER_ROW + 1, _HEADER_ROW + 1 + len(rows)):
        for c in (2, 3, 4, 5, 6, 7):
            sheet.cell(row=r, column=c).alignment = _alignment(horizontal="center")
        sheet.cell(row=r, column=7).number_format = DATE_FORMAT


def _deadline_sheet(sheet: "Worksheet", document: Document, lines: list[TaskLine]) -> None:
    label = labels(document)
    sheet.title = label["deadlines_sheet"]
    sep = separator(document)
    dated = [line for line in lines if line.deadline_text]
    # By date; undated deadlines (ongoing, periodic) after every dated one; ties in document order.
    dated.sort(key=lambda line: (line.deadline_date is None, line.deadline_date or dt.date.max, line.number))
    header = [label["due_date"], label["due_text"], label["number"], label["task"], label["lead_units"]]
    rows: list[list[Any]] = [
        [line.deadline_date or label["undated"], line.deadline_text, line.number, line.text, sep.join(line.lead)]
        for line in dated
    ]
    _table(sheet, title=title_line(document), header=header, rows=rows, widths=[14, 22, 7, 60, 30])
    for r in range(_HEADER_ROW + 1, _HEADER_ROW + 1 + len(rows)):
        sheet.cell(row=r, column=1).number_format = DATE_FORMAT
        sheet.cell(row=r, column=1).alignment = _alignment(horizontal="center")
        sheet.cell(row=r, column=3).alignment = _alignment(horizontal="center")


# --- layout shared by the sheets -------------------------------------------------------------


def _alignment(*, horizontal: str | None = None, vertical: str = "top"):
    from openpyxl.styles import Alignment

    return Alignment(horizontal=horizontal, vertical=vertical, wrap_text=True)


def _table(sheet: "Worksheet", *, title: str, header: Sequence[str], rows: Sequence[Sequence[Any]],
           widths: Sequence[float], freeze_column: int = 1) -> None:
    """Title row, bold header row, wrapped bordered body; frozen under the header; filter over the table."""
    from openpyxl.styles import Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    columns = max(len(header), 1)
    thin = Side(style="thin", color="A6A6A6")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)

    sheet.cell(row=_TITLE_ROW, column=1, value=title).font = Font(bold=True, size=14)
    sheet.cell(row=_TITLE_ROW, column=1).alignment = _alignment(horizontal="center", vertical="center")
    if columns > 1:
        sheet.merge_cells(start_row=_TITLE_ROW, start_column=1, end_row=_TITLE_ROW, end_column=columns)
    sheet.row_dimensions[_TITLE_ROW].height = 30

    for c, text in enumerate(header, start=1):
        cell = sheet.cell(row=_HEADER_ROW, column=c, value=text)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = _alignment(horizontal="center", vertical="center")
        cell.border = border
    for r, row in enumerate(rows, start=_HEADER_ROW + 1):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=c, value=value)
            cell.alignment = _alignment()
            cell.border = border

    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = width
    sheet.freeze_panes = f"{get_column_letter(freeze_column)}{_HEADER_ROW + 1}"
    last_column = get_column_letter(columns)
    sheet.auto_filter.ref = f"A{_HEADER_ROW}:{last_column}{_HEADER_ROW + max(len(rows), 1)}"

    # Printed as an office prints a table: landscape, one page wide, header repeated on each page.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{_HEADER_ROW}:{_HEADER_ROW}"


def _department_width(name: str) -> float:
    # Chinese characters are about two columns wide; a header wraps to at most about three lines.
    wide = sum(2 if ord(ch) > 0x2E80 else 1 for ch in name)
    return float(min(max(wide / 3 + 2, 9), 18))
