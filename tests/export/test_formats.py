"""The export registry: formats by name and extension, text vs bytes, atomic writes; the CSV."""
from __future__ import annotations

import csv
import io

import pytest

from safetydocs import export


def test_new_formats_are_registered():
    assert {"xlsx", "docx", "html"} <= set(export.FORMATS)
    assert export.format_for("a/tasks.XLSX") == "xlsx"
    assert export.format_for("tasks.docx") == "docx"
    assert export.format_for("tasks.html") == "html"
    assert export.format_for("tasks.htm") == "html"
    assert export.is_binary("xlsx") and export.is_binary("docx")
    assert not export.is_binary("html") and not export.is_binary("csv")
    assert export.extension("xlsx") == ".xlsx"


def test_render_refuses_binary_and_render_bytes_takes_all(zh_doc):
    with pytest.raises(ValueError, match="binary"):
        export.render(zh_doc, fmt="xlsx")
    assert export.render_bytes(zh_doc, fmt="md") == export.render(zh_doc, fmt="md").encode("utf-8")
    assert export.render_bytes(zh_doc, fmt="docx")[:2] == b"PK"


def test_write_atomic_text_and_bytes(tmp_path):
    export.write_atomic(tmp_path / "out" / "a.bin", b"\x00\x01PK")
    assert (tmp_path / "out" / "a.bin").read_bytes() == b"\x00\x01PK"
    export.write_atomic(tmp_path / "a.txt", "一\r\n二")
    assert (tmp_path / "a.txt").read_bytes() == "一\r\n二".encode("utf-8")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_csv_has_bom_and_headers(docs, lang):
    document = docs[lang]
    text = export.render(document, fmt="csv")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0] == (["序号", "重点任务", "牵头单位", "配合单位", "完成时限", "重点行业", "出处"] if lang == "zh"
                       else ["No.", "Task", "Lead", "Support", "Deadline", "Industries", "Source"])
    assert len(rows) == len(document.tasks) + 1
