"""One task-division table in every form it travels in, read into the same task list.

The table has a 牵头单位 cell merged over two rows (市住建局 leads tasks 2 and 3), two supporting bodies
in one cell, a date, a month end and an ongoing time limit. Each form is built at test time: a ruled PDF
table that runs over two pages with its header repeated, a Word table with merged cells, an HTML table
with rowspan, an Excel sheet with merged cells, a PDF table set out by white space alone, and text tables
with bars and with aligned columns.
"""
from __future__ import annotations

from pathlib import Path

import pytest

import safetydocs

TITLE = "2024年城镇燃气和危险化学品安全专项整治任务分工表"
HEADER = ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]
ROWS = [
    ["1", "开展危险化学品企业安全专项检查", "市应急管理局", "市公安局、市交通运输局", "2024年6月30日前"],
    ["2", "开展城镇燃气管道隐患排查整治", "市住建局", "市市场监管局", "2024年9月底前"],
    ["3", "推进老旧小区燃气设施更新改造", "", "市发展改革委", "2024年12月31日前"],
    ["4", "加强危险货物道路运输安全监管", "市交通运输局", "市公安局", "长期坚持"],
]
LEAD_MERGE = (2, 2, 2, 1)  # rows 2-3 of the grid (header = row 0), column 2: 市住建局 for tasks 2 and 3
EXPECTED = [
    ("开展危险化学品企业安全专项检查", ["市应急管理局"], ["市公安局", "市交通运输局"], "2024-06-30"),
    ("开展城镇燃气管道隐患排查整治", ["市住房和城乡建设局"], ["市市场监督管理局"], "2024-09-30"),
    ("推进老旧小区燃气设施更新改造", ["市住房和城乡建设局"], ["市发展和改革委员会"], "2024-12-31"),
    ("加强危险货物道路运输安全监管", ["市交通运输局"], ["市公安局"], "ongoing"),
]


def _task_list(doc) -> list[tuple]:
    out = []
    for task in doc.tasks:
        if task.origin != "table_row":
            continue  # the closing 请各单位… of the PDF and the web page is a demand of its own
        due = task.deadline.date.isoformat() if task.deadline and task.deadline.date else (
            task.deadline.kind if task.deadline else None)
        out.append((task.title, task.departments("lead"), task.departments("support"), due))
    return out


def build_pdf(path: Path) -> Path:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from tests.fixtures.builders import _cjk_styles

    title_style, body_style, cell_style = _cjk_styles()
    story = [Paragraph(TITLE, title_style), Paragraph("各区安委会，市安委会各成员单位：", body_style)]
    # The table runs over a page break after task 3; pdfplumber finds one table on each page.
    first = [HEADER, *ROWS[:3]]
    second = [HEADER, *ROWS[3:]]
    widths = [12 * mm, 60 * mm, 32 * mm, 42 * mm, 28 * mm]
    style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("SPAN", (2, 2), (2, 3))]
    story.append(Table([[Paragraph(c, cell_style) for c in row] for row in first], colWidths=widths,
                       style=TableStyle(style)))
    story += [PageBreak()]
    story.append(Table([[Paragraph(c, cell_style) for c in row] for row in second], colWidths=widths,
                       style=TableStyle(style[:2])))
    story += [Spacer(1, 6), Paragraph("请各单位严格落实责任分工。", body_style)]
    SimpleDocTemplate(str(path), pagesize=A4, invariant=True).build(story)
    return path


def build_unruled_pdf(path: Path) -> Path:
    """The table set out by white space alone: no ruling lines, cells wrapped, centred vertically."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from tests.fixtures.builders import _cjk_styles

    title_style, body_style, cell_style = _cjk_styles()
    story = [Paragraph(TITLE, title_style), Paragraph("各区安委会，市安委会各成员单位：", body_style)]
    # 完成时限 wide enough for 2024年12月31日前 on one line (see tests/ingest/test_pdf.py on lone characters).
    widths = [12 * mm, 60 * mm, 32 * mm, 42 * mm, 34 * mm]
    rows = [list(row) for row in [HEADER, *ROWS]]
    rows[3][2] = rows[2][2]  # white space cannot merge cells: the lead is written in both rows
    table = Table([[Paragraph(c, cell_style) for c in row] for row in rows], colWidths=widths,
                  style=TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))  # no GRID: an unruled table
    story += [table, Spacer(1, 6), Paragraph("请各单位严格落实责任分工。", body_style)]
    SimpleDocTemplate(str(path), pagesize=A4, invariant=True).build(story)
    return path


def build_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph(TITLE)
    table = document.add_table(rows=1 + len(ROWS), cols=len(HEADER))
    for r, row in enumerate([HEADER, *ROWS]):
        for c, value in enumerate(row):
            if value:
                table.cell(r, c).text = value
    top, left, height, _ = LEAD_MERGE
    table.cell(top, left).merge(table.cell(top + height - 1, left))
    document.save(str(path))
    return path


def build_html(path: Path) -> Path:
    cells = []
    for r, row in enumerate([HEADER, *ROWS]):
        tag = "th" if r == 0 else "td"
        parts = []
        for c, value in enumerate(row):
            if (r, c) == (3, 2):
                continue  # covered by the rowspan above
            span = ' rowspan="2"' if (r, c) == (2, 2) else ""
            parts.append(f"<{tag}{span}>{value}</{tag}>")
        cells.append("<tr>" + "".join(parts) + "</tr>")
    html = (f"<html><head><meta charset='utf-8'><title>{TITLE}</title></head><body><div class='content'>"
            f"<h1>{TITLE}</h1><p>各区安委会，市安委会各成员单位：</p><table border='1'>{''.join(cells)}</table>"
            "<p>请各单位严格落实责任分工。</p></div></body></html>")
    path.write_text(html, encoding="utf-8")
    return path


def build_xlsx(path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append([TITLE])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    for row in [HEADER, *ROWS]:
        sheet.append(row)
    top, left, height, _ = LEAD_MERGE
    sheet.merge_cells(start_row=top + 2, start_column=left + 1, end_row=top + height + 1, end_column=left + 1)
    book.save(str(path))
    return path


def build_bar_text(path: Path) -> Path:
    lines = [TITLE, "", "| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(value or "" for value in row) + " |" for row in ROWS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def build_aligned_text(path: Path) -> Path:
    from unicodedata import east_asian_width

    def width(text: str) -> int:
        return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in text)

    columns = list(zip(*[HEADER, *ROWS]))
    widths = [max(width(v) for v in column) + 4 for column in columns]
    lines = [TITLE, ""]
    for row in [HEADER, *ROWS]:
        lines.append("".join(value + " " * (w - width(value)) for value, w in zip(row, widths)).rstrip())
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


BUILDERS = {"pdf": build_pdf, "unruled.pdf": build_unruled_pdf, "docx": build_docx, "html": build_html, "xlsx": build_xlsx,
            "bars.txt": build_bar_text, "aligned.txt": build_aligned_text}


@pytest.mark.parametrize("form", sorted(BUILDERS))
def test_every_row_read_alike_in_every_form(tmp_path, form):
    path = BUILDERS[form](tmp_path / f"division.{form}")
    doc = safetydocs.parse(path, issued="2024-02-01")
    assert _task_list(doc) == EXPECTED, form
    assert sum(task.origin == "table_row" for task in doc.tasks) == len(ROWS)
    for task in doc.tasks:
        assert doc.text[task.span[0]:task.span[1]] == task.text
        for assignment in task.assignments:
            assert assignment.span[0] < assignment.span[1]


def test_the_pdf_table_is_one_table_with_its_header_once(tmp_path):
    from safetydocs.ingest import read

    raw = read(build_pdf(tmp_path / "division.pdf"))
    assert len(raw.tables) == 1
    assert raw.text.count("重点任务") == 1
