"""PDF: paragraphs joined the Chinese way, ruled task tables as rows, clear errors."""
from __future__ import annotations

import pytest

from safetydocs.errors import CorruptDocument, EncryptedPdf, NoTextLayer
from safetydocs.ingest import read
from safetydocs.ingest.pdf import join_lines
from tests.fixtures.builders import (
    NOTICE_TITLE,
    TASK_HEADER,
    TASK_ROWS,
    build_corrupt_pdf,
    build_encrypted_pdf,
    build_scanned_pdf,
    build_task_table_pdf,
)


@pytest.fixture(scope="module")
def notice(tmp_path_factory):
    path = build_task_table_pdf(tmp_path_factory.mktemp("pdf") / "notice.pdf")
    return read(path)


def _cells(table):
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_paragraphs_are_joined_without_spaces(notice):
    lines = notice.text.split("\n")
    # This sentence wraps over three lines in the PDF.
    assert any(line.startswith("为深入贯彻落实") and line.endswith("现将有关事项通知如下。") for line in lines)
    assert "危险化学品领域重大安全风险" in notice.text  # joined across a line break
    assert " " not in notice.text.replace("\t", "")


def test_headings_and_salutation_stay_on_their_own_lines(notice):
    lines = notice.text.split("\n")
    assert lines[0] == NOTICE_TITLE
    assert "各区安委会，市安委会各成员单位：" in lines
    assert "一、工作要求" in lines
    assert "二、保障措施" in lines


def test_task_table_comes_out_as_rows(notice):
    assert len(notice.tables) == 1
    rows = _cells(notice.tables[0])
    assert rows[0] == list(TASK_HEADER)
    assert rows[1:] == [list(row) for row in TASK_ROWS]


def test_table_spans_point_into_the_text(notice):
    table = notice.tables[0]
    for row in table.rows:
        line = notice.text[row.span[0]:row.span[1]]
        assert line.split("\t") == [cell.text for cell in row.cells]
        for cell in row.cells:
            assert notice.text[cell.span[0]:cell.span[1]] == cell.text


def test_table_sits_between_its_paragraphs_and_is_not_duplicated(notice):
    table = notice.tables[0]
    assert notice.text.index("一、工作要求") < table.span[0]
    assert table.span[1] <= notice.text.index("二、保障措施")
    assert notice.text.count("市住房城乡建设局") == 1
    assert notice.text.count("2024年6月底前") == 1


def test_title_from_first_line_or_metadata(notice, tmp_path):
    assert notice.title == NOTICE_TITLE
    raw = read(build_task_table_pdf(tmp_path / "m.pdf", pdf_title="市安委办关于汛期安全的通知"))
    assert raw.title == "市安委办关于汛期安全的通知"
    generic = read(build_task_table_pdf(tmp_path / "g.pdf", pdf_title="Microsoft Word - 通知.docx"))
    assert generic.title == NOTICE_TITLE


def test_table_split_over_pages_is_one_table(tmp_path):
    rows = [(str(i), f"开展第{i}批重点企业安全检查", "市应急管理局", "各区政府", "2024年12月底前") for i in range(1, 41)]
    raw = read(build_task_table_pdf(tmp_path / "long.pdf", rows=rows))
    assert len(raw.tables) == 1
    cells = _cells(raw.tables[0])
    assert cells[0] == list(TASK_HEADER)
    assert len(cells) == 41  # the repeated header on page 2 is dropped
    assert cells[-1][:2] == ["40", "开展第40批重点企业安全检查"]


def test_scanned_pdf_has_no_text_layer(tmp_path):
    path = build_scanned_pdf(tmp_path / "scan.pdf")
    with pytest.raises(NoTextLayer) as info:
        read(path)
    assert str(path) in str(info.value)


def test_encrypted_pdf(tmp_path):
    path = build_encrypted_pdf(tmp_path / "locked.pdf")
    with pytest.raises(EncryptedPdf) as info:
        read(path)
    assert str(path) in str(info.value)
    assert info.value.code == "SD107"


def test_truncated_pdf(tmp_path):
    path = build_corrupt_pdf(tmp_path / "broken.pdf")
    with pytest.raises(CorruptDocument) as info:
        read(path)
    assert str(path) in str(info.value)


def test_half_a_pdf(tmp_path):
    full = build_task_table_pdf(tmp_path / "full.pdf").read_bytes()
    path = tmp_path / "half.pdf"
    path.write_bytes(full[: len(full) // 2])
    with pytest.raises(CorruptDocument):
        read(path)


@pytest.mark.parametrize(
    ("first", "second", "joined"),
    [
        ("切实防范化解危险化学", "品领域重大安全风险", "切实防范化解危险化学品领域重大安全风险"),
        ("每月25", "日前报送", "每月25日前报送"),
        ("the safety", "inspection", "the safety inspection"),
        ("produc-", "tion safety", "production safety"),
    ],
)
def test_join_lines(first, second, joined):
    assert join_lines(first, second) == joined


def test_shipped_sample(samples_dir):
    raw = read(samples_dir / "zh-task-table.pdf")
    assert raw.title and "安全生产" in raw.title
    rows = _cells(raw.tables[0])
    assert rows[0] == list(TASK_HEADER)
    assert 4 <= len(rows) - 1 <= 6
    assert all(len(row) == 5 and row[1] and row[2] for row in rows)
