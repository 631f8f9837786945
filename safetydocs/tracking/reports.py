"""The weekly 督办 report and a department's task sheet, as xlsx and docx.

The report has four parts: overdue tasks, tasks due in the next 14 days, tasks done this week (Monday to the day
of the report), and a table by department. Every cell is written as text a spreadsheet will not run
(:mod:`safetydocs.export.safety`).
"""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Literal, Optional

from . import schema as t
from .store import Filters, LedgerItem, TaskLedger

DUE_SOON_DAYS = 14
LABELS = {
    "zh": {"title": "安全生产工作督办周报", "overdue": "逾期未完成", "due_soon": "14日内到期", "done": "本周完成",
           "by_department": "按部门", "no": "序号", "task": "任务", "document": "文件", "lead": "牵头单位",
           "support": "配合单位", "deadline": "完成时限", "due": "到期日", "status": "状态", "department": "部门",
           "open": "未完成", "updated": "更新", "none": "无", "sheet": "任务清单"},
    "en": {"title": "Weekly supervision report", "overdue": "Overdue", "due_soon": "Due in the next 14 days",
           "done": "Done this week", "by_department": "By department", "no": "No.", "task": "Task",
           "document": "Document", "lead": "Lead", "support": "Support", "deadline": "Deadline", "due": "Due",
           "status": "Status", "department": "Department", "open": "Open", "updated": "Updated", "none": "none",
           "sheet": "Tasks"},
}


@dataclass
class WeeklyReport:
    day: dt.date
    overdue: list[LedgerItem]
    due_soon: list[LedgerItem]
    done: list[LedgerItem]
    departments: list[tuple[str, int, int, int]]  # name, overdue, due soon, done this week


def weekly_report(ledger: TaskLedger, *, day: Optional[dt.date] = None,
                  department: Optional[str] = None) -> WeeklyReport:
    """Overdue, due in the next DUE_SOON_DAYS, done since Monday, and those three counted by department."""
    day = day or dt.date.today()
    monday = dt.datetime.combine(day - dt.timedelta(days=day.weekday()), dt.time(), tzinfo=dt.timezone.utc)
    overdue = ledger.items(Filters(today=day, department=department, overdue=True))
    due_soon = ledger.items(Filters(today=day, department=department, finished=False, due_from=day,
                                    due_within=DUE_SOON_DAYS))
    until = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=dt.timezone.utc)
    done = ledger.items(Filters(today=day, department=department, finished=True, updated_since=monday,
                                updated_before=until))
    table: dict[str, list[int]] = {}
    for column, items in enumerate((overdue, due_soon, done)):
        for item in items:
            for name in dict.fromkeys(item.lead + item.support):
                table.setdefault(name, [0, 0, 0])[column] += 1
    if department:  # a department's report counts that department only
        table = {name: counts for name, counts in table.items() if name == department}
    departments = sorted(((name, *counts) for name, counts in table.items()), key=lambda r: (-r[1], -r[2], r[0]))
    return WeeklyReport(day=day, overdue=overdue, due_soon=due_soon, done=done, departments=departments)


def _rows(items: list[LedgerItem], labels: dict[str, str], language: str) -> list[list[str]]:
    status = t.STATUS_LABELS[language]
    return [[str(n), item.text, item.document_title, "; ".join(item.lead), "; ".join(item.support), item.deadline_text,
             item.due.isoformat() if item.due else "", status[item.status]] for n, item in enumerate(items, start=1)]


def _headers(labels: dict[str, str]) -> list[str]:
    return [labels[k] for k in ("no", "task", "document", "lead", "support", "deadline", "due", "status")]


def render_report(report: WeeklyReport, *, fmt: Literal["xlsx", "docx"], language: str = "zh") -> bytes:
    labels = LABELS[language]
    parts = [(labels["overdue"], _rows(report.overdue, labels, language)),
             (labels["due_soon"], _rows(report.due_soon, labels, language)),
             (labels["done"], _rows(report.done, labels, language))]
    by_department = [[name, str(a), str(b), str(c)] for name, a, b, c in report.departments]
    department_headers = [labels["department"], labels["overdue"], labels["due_soon"], labels["done"]]
    title = f"{labels['title']} {report.day.isoformat()}"
    if fmt == "xlsx":
        return _xlsx(title, [(name, _headers(labels), rows) for name, rows in parts]
                     + [(labels["by_department"], department_headers, by_department)])
    return _docx(title, [(name, _headers(labels), rows) for name, rows in parts]
                 + [(labels["by_department"], department_headers, by_department)], labels["none"])


def department_sheet(ledger: TaskLedger, *, department: str, day: Optional[dt.date] = None,
                     language: str = "zh") -> bytes:
    """One department's tasks (lead or support), overdue first, as a workbook."""
    labels = LABELS[language]
    items = ledger.items(Filters(today=day or dt.date.today(), department=department))
    return _xlsx(f"{department} {labels['sheet']}", [(labels["sheet"], _headers(labels),
                                                       _rows(items, labels, language))])


def _xlsx(title: str, sheets: list[tuple[str, list[str], list[list[str]]]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    from ..export.safety import safe_workbook

    book = Workbook()
    book.remove(book.active)
    for name, headers, rows in sheets:
        sheet = book.create_sheet(name[:31])
        sheet.append([title])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append(headers)
        for cell in sheet[2]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="D9E1F2")
        for row in rows:
            sheet.append(row)
        sheet.freeze_panes = "A3"
        for column, width in zip("ABCDEFGH", (6, 60, 30, 24, 24, 16, 12, 10)):
            sheet.column_dimensions[column].width = width
        for row in sheet.iter_rows(min_row=3):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    safe_workbook(book)  # no cell a spreadsheet would run as a formula
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _docx(title: str, parts: list[tuple[str, list[str], list[list[str]]]], none: str) -> bytes:
    from docx import Document as Word
    from docx.enum.section import WD_ORIENT

    from ..ingest.base import clean_controls as xml_text  # characters XML cannot hold, replaced

    word = Word()
    section = word.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    word.add_heading(xml_text(title), level=1)
    for name, headers, rows in parts:
        word.add_heading(xml_text(f"{name} ({len(rows)})"), level=2)
        if not rows:
            word.add_paragraph(none)
            continue
        table = word.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        for cell, header in zip(table.rows[0].cells, headers):
            cell.text = header
            for run in cell.paragraphs[0].runs:
                run.bold = True
        for row in rows:
            for cell, value in zip(table.add_row().cells, row):
                cell.text = xml_text(value)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
