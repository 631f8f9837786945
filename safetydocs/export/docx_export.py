"""Word document: the task-division table, ready to send.

A landscape A4 page, a centred title line (the document's title and date), then the
task-division table as a Word table whose bold header row repeats on every page.
"""
from __future__ import annotations

import io

from ..model import Document
from .review import headers, labels, separator, task_lines, title_line

# Column widths in centimetres for the seven columns (序号, 重点任务, 牵头单位, 配合单位, 完成时限,
# 重点行业, 出处); they add up to the text width of landscape A4 with 2 cm margins (25.7 cm).
_WIDTHS_CM = (1.3, 9.4, 4.2, 4.6, 2.8, 2.0, 1.4)
# Word falls back to a Latin font for Chinese unless the East Asian font is set explicitly.
_EAST_ASIAN_FONT = {"zh": ("宋体", "黑体"), "en": (None, None)}


def render_bytes(document: Document) -> bytes:
    from docx import Document as WordDocument
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    word = WordDocument()
    body_font, heading_font = _EAST_ASIAN_FONT[document.language]
    normal = word.styles["Normal"]
    normal.font.size = Pt(10.5)
    if body_font:
        _east_asian(normal.element.get_or_add_rPr(), body_font)

    section = word.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))

    title = word.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(title_line(document))
    run.bold = True
    run.font.size = Pt(16)
    if heading_font:
        _east_asian(run._element.get_or_add_rPr(), heading_font)

    lines = task_lines(document)
    sep = separator(document)
    names = headers(document)
    table = word.add_table(rows=1, cols=len(names))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False

    header = table.rows[0]
    _repeat_as_header(header)
    for cell, text in zip(header.cells, names):
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        header_run = paragraph.add_run(text)
        header_run.bold = True
        if heading_font:
            _east_asian(header_run._element.get_or_add_rPr(), heading_font)
        _shade(cell, "D9E1F2")
    for line in lines:
        cells = table.add_row().cells
        for index, (cell, text) in enumerate(zip(cells, line.cells(sep=sep))):
            cell.text = text
            if index == 0:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    # Word reads a column's width from each of its cells, LibreOffice from the table grid: set both.
    for column, width in zip(table.columns, _WIDTHS_CM):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, _WIDTHS_CM):
            cell.width = Cm(width)

    if not lines:
        word.add_paragraph(labels(document)["no_tasks"])

    word.core_properties.title = title_line(document)
    word.core_properties.author = "safetydocs"
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _east_asian(rpr, font: str) -> None:
    from docx.oxml.ns import qn

    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), font)


def _repeat_as_header(row) -> None:
    """Mark the row as a header row: Word repeats it at the top of each page the table runs onto."""
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    flag = properties.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"})
    properties.append(flag)


def _shade(cell, colour: str) -> None:
    from docx.oxml.ns import qn

    properties = cell._tc.get_or_add_tcPr()
    shading = properties.makeelement(qn("w:shd"), {qn("w:val"): "clear", qn("w:color"): "auto",
                                                  qn("w:fill"): colour})
    properties.append(shading)
