"""The Word document, read back with python-docx."""
from __future__ import annotations

import io

import pytest

from safetydocs.export import render_bytes

docx = pytest.importorskip("docx")

HEADERS = {"zh": ["序号", "重点任务", "牵头单位", "配合单位", "完成时限", "重点行业", "出处"],
           "en": ["No.", "Task", "Lead", "Support", "Deadline", "Industries", "Source"]}


def _word(document):
    return docx.Document(io.BytesIO(render_bytes(document, fmt="docx")))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_landscape_title_and_table(docs, lang):
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn

    document = docs[lang]
    word = _word(document)
    section = word.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width > section.page_height

    title = word.paragraphs[0]
    assert document.title in title.text
    assert ("2024年3月1日" if lang == "zh" else "March 1, 2024") in title.text
    assert all(run.bold for run in title.runs)

    assert len(word.tables) == 1
    table = word.tables[0]
    assert [cell.text for cell in table.rows[0].cells] == HEADERS[lang]
    assert len(table.rows) == len(document.tasks) + 1
    assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
    # The header row repeats on each page.
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    # The task column is the widest, and the columns fit the landscape text width.
    widths = [column.width for column in table.columns]
    assert max(widths) == widths[1]
    assert sum(widths) <= section.page_width - section.left_margin - section.right_margin + 1000


def test_rows_carry_the_task_division(zh_doc):
    table = _word(zh_doc).tables[0]
    cells = [cell.text for cell in table.rows[1].cells]
    assert cells[0] == "1"
    assert cells[1].startswith("（一）开展危险化学品安全专项整治")
    assert cells[2:5] == ["市应急管理局", "市公安局", "2024年6月底前 (2024-06-30)"]
    assert table.rows[2].cells[3].text == "市市场监督管理局、市应急管理局"
