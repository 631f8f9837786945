"""DOCX: body order, merged cells written once, nested tables flattened."""
from __future__ import annotations

import pytest

from safetydocs.errors import CorruptDocument, EmptyInput
from safetydocs.ingest import read
from tests.fixtures.builders import NOTICE_TITLE, TASK_HEADER, build_notice_docx


def _cells(table):
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_paragraphs_and_table_in_body_order(tmp_path):
    raw = read(build_notice_docx(tmp_path / "n.docx"))
    assert raw.kind == "docx"
    assert raw.text.split("\n")[0] == NOTICE_TITLE
    assert len(raw.tables) == 1
    table = raw.tables[0]
    assert raw.text.index("一、工作要求") < table.span[0] < raw.text.index("二、保障措施")
    assert _cells(table)[0] == list(TASK_HEADER)


def test_vertically_merged_cell_is_written_once(tmp_path):
    raw = read(build_notice_docx(tmp_path / "n.docx", merge_lead_rows=(2, 3)))
    rows = _cells(raw.tables[0])
    assert rows[2][2] == "市住房城乡建设局"
    assert rows[3][2] == ""  # covered by the merge above, not repeated
    assert all(len(row) == 5 for row in rows)
    assert raw.text.count("市住房城乡建设局") == 1


def test_horizontal_merge_and_nested_table(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("附件：重点任务分工表")
    table = document.add_table(rows=3, cols=3)
    for r in range(3):
        for c in range(3):
            table.cell(r, c).text = f"r{r}c{c}"
    merged = table.cell(0, 0).merge(table.cell(0, 2))
    merged.text = "全市安全生产重点任务"
    inner = table.cell(2, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "市公安局"
    inner.cell(0, 1).text = "市消防救援支队"
    document.add_paragraph("以上任务请按时完成。")
    path = tmp_path / "merged.docx"
    document.save(str(path))

    raw = read(path)
    rows = _cells(raw.tables[0])
    assert rows[0] == ["全市安全生产重点任务", "", ""]
    assert rows[1] == ["r1c0", "r1c1", "r1c2"]
    assert rows[2][0] == "r2c0"
    assert "市公安局" in rows[2][1] and "市消防救援支队" in rows[2][1]
    assert len(raw.tables) == 1  # the nested table lives inside its cell
    assert raw.text.rstrip("\n").endswith("以上任务请按时完成。")


def test_title_from_core_properties_first(tmp_path):
    raw = read(build_notice_docx(tmp_path / "n.docx", core_title="市安委办关于安全检查的通知"))
    assert raw.title == "市安委办关于安全检查的通知"


def test_title_from_heading(tmp_path):
    raw = read(build_notice_docx(tmp_path / "n.docx"))
    assert raw.title == NOTICE_TITLE


def test_no_title_without_styles(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("各区安委会：")
    document.add_paragraph("请做好节日期间安全生产工作。")
    document.add_heading("一、总体要求", level=1)  # a heading deep in the body is not the title
    path = tmp_path / "plain.docx"
    document.save(str(path))
    assert read(path).title is None


def test_truncated_docx(tmp_path):
    data = build_notice_docx(tmp_path / "n.docx").read_bytes()
    path = tmp_path / "broken.docx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptDocument) as info:
        read(path)
    assert str(path) in str(info.value)


def test_empty_docx(tmp_path):
    import docx

    path = tmp_path / "empty.docx"
    docx.Document().save(str(path))
    with pytest.raises(EmptyInput) as info:
        read(path)
    assert str(path) in str(info.value)


def test_shipped_sample(samples_dir):
    raw = read(samples_dir / "zh-notice.docx")
    assert raw.title and "通知" in raw.title
    rows = _cells(raw.tables[0])
    assert rows[0] == list(TASK_HEADER)
    assert len(rows) >= 4
