"""Format detection and dispatch: content beats extension, unsupported kinds are named."""
from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from safetydocs.errors import CorruptDocument, FileMissing, SafetydocsError, UnknownFormat
from safetydocs.ingest import read, read_bytes
from safetydocs.ingest.filekinds import KINDS, detect, kind_for_extension
from tests.fixtures.builders import build_notice_docx, build_task_table_pdf


def test_kind_table_is_consistent():
    names = [kind.name for kind in KINDS]
    assert len(names) == len(set(names))
    extensions = [ext for kind in KINDS for ext in kind.extensions]
    assert len(extensions) == len(set(extensions))
    readable = {kind.name for kind in KINDS if kind.supported}
    # ole2, rtf and odt through LibreOffice; the pictures by OCR
    assert readable == {"text", "pdf", "docx", "xlsx", "html", "ole2", "rtf", "odt", "png", "jpeg", "gif", "tiff", "bmp",
                        "webp"}
    assert kind_for_extension("a/b/NOTICE.PDF").name == "pdf"
    assert kind_for_extension("page.htm").name == "html"
    assert kind_for_extension("readme") is None


def test_txt_that_is_really_a_pdf_is_read_as_pdf(tmp_path):
    pdf = build_task_table_pdf(tmp_path / "real.pdf")
    disguised = tmp_path / "notice.txt"
    disguised.write_bytes(pdf.read_bytes())
    raw = read(disguised)
    assert raw.kind == "pdf"
    assert "危险化学品" in raw.text


def test_unknown_extension_is_sniffed(tmp_path):
    html = tmp_path / "page.asp"
    html.write_text("<!DOCTYPE html><html><body><p>关于做好安全生产工作的通知</p></body></html>", encoding="utf-8")
    assert read(html).kind == "html"
    plain = tmp_path / "notice.dat"
    plain.write_text("关于做好安全生产工作的通知\n各单位：请认真落实。\n", encoding="utf-8")
    assert read(plain).kind == "text"


def test_markdown_with_inline_markup_stays_text():
    data = "# 通知\n\n<div align='center'>安全生产</div>\n".encode()
    assert detect(data, source="a.md").name == "text"


def test_docx_bytes_from_stdin(tmp_path):
    data = build_notice_docx(tmp_path / "n.docx").read_bytes()
    raw = read_bytes(data, name="<stdin>")
    assert raw.kind == "docx"
    assert raw.source == "<stdin>"


def test_stdin_plain_text():
    raw = read_bytes("各区应急管理局：请于月底前报送。\n".encode(), name="<stdin>")
    assert raw.kind == "text"
    assert raw.text.startswith("各区应急管理局")


@pytest.mark.parametrize(
    ("filename", "data", "looks_like"),
    [
        ("slides.ppt", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600 + "PowerPoint Document\0".encode("utf-16-le"),
         "PowerPoint"),
    ],
)
def test_unsupported_formats_are_named(tmp_path, filename, data, looks_like):
    path = tmp_path / filename
    path.write_bytes(data)
    with pytest.raises(UnknownFormat) as info:
        read(path)
    message = str(info.value)
    assert str(path) in message
    assert looks_like in message
    assert "\n" not in message


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_zip_that_is_not_docx(tmp_path):
    path = tmp_path / "attachments.docx"
    path.write_bytes(_zip({"a.txt": b"hello", "b.txt": b"world"}))
    with pytest.raises(UnknownFormat, match="zip archive"):
        read(path)


def test_a_broken_workbook_is_named(tmp_path):
    path = tmp_path / "tasks.xlsx"
    path.write_bytes(_zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>"}))
    with pytest.raises(CorruptDocument, match="Excel"):
        read(path)


def test_pdf_named_file_without_pdf_content(tmp_path):
    path = tmp_path / "notice.pdf"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(CorruptDocument) as info:
        read(path)
    assert str(path) in str(info.value)
    assert "%PDF-" in str(info.value)


def test_missing_file(tmp_path):
    path = tmp_path / "nope.pdf"
    with pytest.raises(FileMissing) as info:
        read(path)
    assert str(path) in str(info.value)
    assert info.value.code == "SD101"


def test_directory(tmp_path):
    with pytest.raises(UnknownFormat, match="directory"):
        read(tmp_path)


def test_reader_library_failures_are_wrapped(monkeypatch):
    import safetydocs.ingest.text as text_reader

    def boom(data, *, source):
        raise ValueError("library exploded")

    monkeypatch.setattr(text_reader, "read", boom)
    with pytest.raises(SafetydocsError) as info:
        read_bytes(b"hello", name="x.txt")
    assert isinstance(info.value, CorruptDocument)
    assert "x.txt" in str(info.value)
    assert "library exploded" in str(info.value)


def test_importing_ingest_stays_light():
    code = (
        "import sys, safetydocs, safetydocs.ingest, safetydocs.ingest.filekinds\n"
        "heavy = {'pdfplumber', 'pypdfium2', 'docx', 'bs4', 'charset_normalizer', 'lxml', 'reportlab'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=Path(__file__).resolve().parents[2])
    assert result.stdout.strip() == "[]"


def test_an_opendocument_presentation_is_named_and_text_goes_to_libreoffice(tmp_path):
    from safetydocs.ingest.filekinds import detect

    def odf(kind: str) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("mimetype", f"application/vnd.oasis.opendocument.{kind}")
            archive.writestr("content.xml", "<office:document-content/>")
        return buffer.getvalue()

    path = tmp_path / "slides.odp"
    path.write_bytes(odf("presentation"))
    with pytest.raises(UnknownFormat, match="OpenDocument presentation; export it as PDF"):
        read(path)
    assert detect(odf("text"), source="notice.odt").module == "office"
    assert detect(odf("spreadsheet"), source="<stdin>").module == "office"
