"""Scanned notices: image files, faxes and PDFs of scans read by OCR, their tables kept.

The pictures are in tests/fixtures/scans (made by tests/fixtures/make_scans.py: drawing Chinese needs a CJK font).
The OCR engine is the ``ocr`` extra, which the test extra installs; where it is missing outside CI the tests that
read pictures are skipped, in CI they fail.
"""
from __future__ import annotations

import os
import warnings
from pathlib import Path

import pytest

from safetydocs.errors import NoTextLayer, OcrUnavailable
from safetydocs.ingest import ocr, read, read_bytes
from safetydocs.limits import Limits
from tests.fixtures import builders

SCANS = Path(__file__).resolve().parent.parent / "fixtures" / "scans"
TABLE = [list(builders.TASK_HEADER), *[list(row) for row in builders.TASK_ROWS]]


@pytest.fixture(scope="module")
def engine():
    if not ocr.available():
        if os.environ.get("CI"):
            pytest.fail("the OCR engine is not installed: the test extra installs rapidocr and onnxruntime")
        pytest.skip("OCR is not installed (pip install 'safetydocs[ocr]')")
    return ocr.engine()


def _cells(raw) -> list[list[list[str]]]:
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in raw.tables]


def _leads(document) -> dict[str, tuple[list[str], list[str], str]]:
    return {task.title: (task.departments("lead"), task.departments("support"),
                         task.deadline.text if task.deadline else "")
            for task in document.tasks if task.origin == "table_row"}


EXPECTED_ROWS = {
    "开展危险化学品安全专项整治": (["市应急管理局"], ["市公安局", "市交通运输局"], "2024年6月底前"),
    "排查整治城镇燃气安全隐患": (["市住房和城乡建设局"], ["市市场监督管理局"], "2024年9月底前"),
    "加强危险货物道路运输安全监管": (["市交通运输局"], ["市公安局"], "长期坚持"),
}


# --- without the engine -------------------------------------------------------------------------------------------

def test_cells_of_a_scanned_table_are_cut_at_its_ruling_lines():
    line = ocr.OcrLine("市住房城乡建设局市市场监管局", (514.0, 260.0, 819.0, 287.0), 0.99)
    rules = [(686.0, 147.0, 340.0), (941.0, 147.0, 340.0)]
    parts = [ocr.stand_off_rules(part, rules) for part in ocr.split_at_rules(line, rules)]
    assert [part.text for part in parts] == ["市住房城乡建设局", "市市场监管局"]
    assert parts[0].box[2] < 686.0 < parts[1].box[0] and parts[1].box[0] - parts[0].box[2] >= line.height
    # a ruling line above or below the text, or at its very edge, cuts nothing
    assert ocr.split_at_rules(line, [(686.0, 0.0, 200.0), (516.0, 147.0, 340.0)]) == [line]


def test_vertical_rules_are_long_dark_runs_down_a_column():
    import numpy as np

    dark = np.zeros((200, 50), dtype=bool)
    dark[20:180, 10] = dark[20:180, 11] = True  # a ruling line two pixels wide
    dark[50:60, 30] = True  # a stroke of a character
    assert ocr.vertical_rules(dark, min_length=60) == [(11.0, 20.0, 179.0)]


def test_reading_order_is_rows_top_to_bottom_and_left_to_right():
    a = ocr.OcrLine("配合单位", (690, 160, 780, 192), 0.9)
    b = ocr.OcrLine("序号", (150, 161, 195, 192), 0.9)
    c = ocr.OcrLine("1", (150, 212, 173, 238), 0.9)
    assert ocr.reading_order([c, a, b]) == [[b, a], [c]]


def test_a_skewed_page_is_turned_level():
    from PIL import Image, ImageDraw

    page = Image.new("L", (800, 600), 255)
    draw = ImageDraw.Draw(page)
    for y in range(100, 500, 40):
        draw.rectangle([100, y, 700, y + 12], fill=0)  # lines of "text"
    assert ocr.skew(page) == 0.0
    assert abs(ocr.skew(page.rotate(-1.5, fillcolor=255, expand=True)) - 1.5) <= 0.25


def test_without_the_engine_a_scan_fails_with_what_to_install(monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)
    data = (SCANS / "notice-page2.png").read_bytes()
    with pytest.raises(OcrUnavailable) as caught:
        read_bytes(data, name="扫描件.png")
    assert caught.value.code == "SD117" and "safetydocs[ocr]" in str(caught.value) and "扫描件.png" in str(caught.value)


def test_ocr_never_refuses_a_scanned_pdf_and_an_image(tmp_path):
    limits = Limits.resolve(ocr="never")
    scanned = builders.build_scanned_pdf(tmp_path / "scan.pdf")
    with pytest.raises(NoTextLayer):
        read(scanned, limits=limits)
    from safetydocs.errors import UnknownFormat

    with pytest.raises(UnknownFormat, match="--ocr never"):
        read(SCANS / "notice-page1.png", limits=limits)


# --- with the engine ----------------------------------------------------------------------------------------------

@pytest.mark.slow
def test_a_scanned_page_gives_its_task_table_with_rows_and_columns(engine):
    raw = read(SCANS / "notice-page2.png")
    assert raw.kind == "image" and raw.ocr_pages == [1] and raw.ocr_confidence > 0.9
    assert _cells(raw) == [TABLE]


@pytest.mark.slow
def test_a_two_page_fax_gives_the_notice_and_its_tasks(engine):
    import safetydocs

    document = safetydocs.parse(SCANS / "fax.tiff")
    assert document.title == builders.NOTICE_TITLE
    assert _leads(document) == EXPECTED_ROWS
    assert any("每月25日前" in task.text for task in document.tasks)


@pytest.mark.slow
def test_a_scanned_two_page_notice_gives_its_paragraphs_and_task_table(engine):
    import safetydocs

    raw = read(SCANS / "scanned.pdf")
    assert raw.kind == "pdf" and raw.ocr_pages == [1, 2] and _cells(raw) == [TABLE]
    document = safetydocs.parse(SCANS / "scanned.pdf")
    assert document.title == builders.NOTICE_TITLE and _leads(document) == EXPECTED_ROWS
    assert any("每月25日前" in task.text for task in document.tasks)


@pytest.mark.slow
def test_a_mixed_pdf_reads_only_its_scanned_page_by_ocr(engine):
    import safetydocs

    raw = read(SCANS / "mixed.pdf")
    assert raw.kind == "pdf" and raw.ocr_pages == [2]
    assert builders.NOTICE_TITLE in raw.text and _cells(raw) == [TABLE]
    document = safetydocs.parse(SCANS / "mixed.pdf")
    assert _leads(document) == EXPECTED_ROWS


@pytest.mark.slow
def test_ocr_confidence_flows_into_the_items_confidence(engine, monkeypatch):
    import safetydocs

    sure = safetydocs.parse(SCANS / "notice-page2.png")
    real_recognise = ocr.recognise

    def doubtful(image):
        return [ocr.OcrLine(line.text, line.box, 0.5) for line in real_recognise(image)]

    monkeypatch.setattr(ocr, "recognise", doubtful)
    unsure = safetydocs.parse(SCANS / "notice-page2.png")
    assert [t.title for t in unsure.tasks] == [t.title for t in sure.tasks]
    for a, b in zip(sure.tasks, unsure.tasks):  # the engine was all but sure of this page (0.99 and more)
        assert b.confidence == pytest.approx(a.confidence * 0.5, abs=0.01)
        for x, y in zip(a.assignments, b.assignments):
            assert y.confidence == pytest.approx(x.confidence * 0.5, abs=0.01)


@pytest.mark.slow
def test_a_blank_page_is_a_warning_with_its_number_and_a_blank_scan_fails(engine, tmp_path):
    from PIL import Image

    from safetydocs.errors import EmptyInput, SafetydocsWarning

    blank = Image.new("L", (800, 1100), 255)
    pages = [Image.open(SCANS / "notice-page1.png").convert("L"), blank]
    path = tmp_path / "with-blank.tiff"
    pages[0].save(path, save_all=True, append_images=pages[1:], dpi=(150, 150))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        raw = read(path)
    assert builders.NOTICE_TITLE in raw.text
    said = [w.message for w in caught if isinstance(w.message, SafetydocsWarning)]
    assert len(said) == 1 and said[0].code == "SD118" and "page 2" in str(said[0])
    only_blank = tmp_path / "blank.png"
    blank.save(only_blank)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(EmptyInput):
            read(only_blank)


@pytest.mark.slow
def test_the_cli_reads_an_image_with_ocr_auto_and_refuses_it_with_never(engine, tmp_path):
    import subprocess
    import sys

    image = str(SCANS / "notice-page2.png")
    done = subprocess.run([sys.executable, "-m", "safetydocs", "parse", image, "--format", "md"], capture_output=True,
                          text=True)
    assert done.returncode == 0 and "市应急管理局" in done.stdout and done.stderr.strip() == ""  # no engine chatter
    refused = subprocess.run([sys.executable, "-m", "safetydocs", "parse", image, "--ocr", "never"],
                             capture_output=True, text=True)
    assert refused.returncode != 0 and "SD102" in refused.stderr and len(refused.stderr.strip().splitlines()) == 1
