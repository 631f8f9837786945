"""The one table of file kinds: detection, dispatch and error messages.

Every format the library knows about is one :class:`FileKind` row in
:data:`KINDS`, in sniffing order. A row with a ``module`` is readable (the
reader module is imported lazily, so ``import safetydocs`` stays light); a row
without one is a format we recognise only to say clearly what the file looks
like ("an old binary Word/Excel file") instead of failing on it as garbage.

Detection rules, in order:

1. A *positive* content sniff wins over the extension (a ``.txt`` that starts
   with ``%PDF-`` is read as a PDF). Only formats with a real signature can
   sniff positively; "text" is the fallback, not evidence.
2. Otherwise the extension decides, if it is known.
3. A file named like a binary format (``.pdf``, ``.docx``) whose content has no
   signature and is not text is reported as corrupt, naming the mismatch.
4. Anything else is sniffed as text; the text reader rejects binary data.
"""
from __future__ import annotations

import importlib
import io
import os
import zipfile
from dataclasses import dataclass
from typing import Callable, Optional

from ..errors import CorruptDocument, UnknownFormat
from .base import RawText

Sniffer = Callable[[bytes], bool]
Reader = Callable[..., RawText]

# How far into the file the cheap sniffers look.
_HEAD = 2048


def _sniff_pdf(data: bytes) -> bool:
    # The spec allows junk before the header and PDFium accepts it within 1 KB.
    return b"%PDF-" in data[:1024]


def _zip_names(data: bytes) -> Optional[list[str]]:
    """Member names of a zip, or None when the central directory is unreadable."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None


def _is_zip(data: bytes) -> bool:
    return data[:4] in (b"PK\x03\x04", b"PK\x05\x06")


def _zip_has(data: bytes, marker: str) -> bool:
    if not _is_zip(data):
        return False
    names = _zip_names(data)
    if names is None:
        # Truncated archive: the local headers near the start still carry
        # member names in clear, which is enough to say what it was meant to be.
        return marker.encode("ascii") in data[: 1 << 16]
    return any(name == marker or name.startswith(marker) for name in names)


def _sniff_docx(data: bytes) -> bool:
    return _zip_has(data, "word/document.xml") or (
        _is_zip(data) and _zip_names(data) is None and b"word/" in data[: 1 << 16]
    )


def _decoded_head(data: bytes) -> bytes:
    """The start of the file as lower-case ASCII-ish bytes (UTF-16 BOMs undone)."""
    head = data[:_HEAD]
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            text = head[2:].decode(codec, errors="ignore")
            return text.encode("ascii", errors="ignore").lower()
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return head.lower()


# Tags that only HTML documents start with; fragments of markup inside a
# Markdown file (<div>, <br>) deliberately do not count.
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title")


def _sniff_html(data: bytes) -> bool:
    head = _decoded_head(data).lstrip()
    if not head.startswith(b"<"):
        return False
    return any(marker in head for marker in _HTML_MARKERS)


def _odf_type(data: bytes) -> str:
    """What an OpenDocument holds ("text", "spreadsheet", "presentation"...): its ``mimetype`` member, a few dozen
    bytes (a larger one is no OpenDocument's)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("mimetype")
            if info.file_size > 200:
                return ""
            mimetype = archive.read(info).decode("ascii", "replace")
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return ""
    prefix = "application/vnd.oasis.opendocument."
    return mimetype[len(prefix):].split("-")[0] if mimetype.startswith(prefix) else ""


def _magic(*prefixes: bytes) -> Sniffer:
    return lambda data: any(data.startswith(p) for p in prefixes)


def _sniff_other_zip(data: bytes) -> bool:
    return _is_zip(data)


@dataclass(frozen=True)
class FileKind:
    """One format: how to recognise it and which module reads it."""

    name: str
    label: str  # what the file "looks like", for messages
    extensions: tuple[str, ...] = ()
    sniff: Optional[Sniffer] = None  # positive content evidence; None = no signature
    module: Optional[str] = None  # reader module under safetydocs.ingest; None = unsupported
    hint: str = ""  # what the user can do about an unsupported kind

    @property
    def supported(self) -> bool:
        return self.module is not None

    def reader(self) -> Reader:
        """The reader's ``read(data, *, source)``; imported on first use."""
        if self.module is None:
            raise RuntimeError(f"no reader for {self.name}")
        module = importlib.import_module(f"{__package__}.{self.module}")
        return module.read


# Sniffing order matters: specific signatures first, generic zip after the
# zip-based formats, text last (it is the fallback and has no sniffer).
KINDS: tuple[FileKind, ...] = (
    FileKind("pdf", "a PDF document", (".pdf",), _sniff_pdf, "pdf"),
    FileKind("docx", "a Word .docx document", (".docx", ".docm"), _sniff_docx, "docx"),
    FileKind("xlsx", "an Excel workbook", (".xlsx", ".xlsm"), lambda d: _zip_has(d, "xl/"), "xlsx"),
    FileKind(
        "pptx", "a PowerPoint presentation", (".pptx",),
        lambda d: _zip_has(d, "ppt/"), hint="export it as PDF",
    ),
    FileKind(
        "ofd", "an OFD document", (".ofd",),
        lambda d: _zip_has(d, "OFD.xml"), hint="export it as PDF",
    ),
    FileKind(
        "odp", "an OpenDocument presentation", (".odp",),
        lambda d: _zip_has(d, "content.xml") and _odf_type(d) == "presentation", hint="export it as PDF",
    ),
    FileKind("odt", "an OpenDocument file", (".odt", ".ods"), lambda d: _zip_has(d, "content.xml"), "office"),
    FileKind("zip", "a zip archive", (".zip",), _sniff_other_zip, hint="unpack it first"),
    FileKind(
        "ole2", "an old binary Office file (.doc/.xls/.wps)", (".doc", ".dot", ".xls", ".xlt", ".wps", ".wpt", ".et"),
        _magic(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), "office",
    ),
    FileKind("ppt", "an old PowerPoint file", (".ppt",), None, hint="export it as PDF"),
    FileKind("rtf", "an RTF document", (".rtf",), _magic(b"{\\rtf"), "office"),
    FileKind("png", "a PNG image", (".png",), _magic(b"\x89PNG\r\n\x1a\n"), "image"),
    FileKind("jpeg", "a JPEG image", (".jpg", ".jpeg"), _magic(b"\xff\xd8\xff"), "image"),
    FileKind("gif", "a GIF image", (".gif",), _magic(b"GIF87a", b"GIF89a"), "image"),
    FileKind("tiff", "a TIFF image", (".tif", ".tiff"), _magic(b"II*\x00", b"MM\x00*"), "image"),
    # "BM" alone starts many texts; a bitmap's header also gives the file's own size
    FileKind("bmp", "a BMP image", (".bmp",), lambda d: d[:2] == b"BM" and int.from_bytes(d[2:6], "little") == len(d),
             "image"),
    FileKind(
        "webp", "a WebP image", (".webp",),
        lambda d: d[:4] == b"RIFF" and d[8:12] == b"WEBP", "image",
    ),
    FileKind("gzip", "a gzip archive", (".gz", ".tgz"), _magic(b"\x1f\x8b"), hint="unpack it first"),
    FileKind("7z", "a 7-Zip archive", (".7z",), _magic(b"7z\xbc\xaf\x27\x1c"), hint="unpack it first"),
    FileKind("rar", "a RAR archive", (".rar",), _magic(b"Rar!\x1a\x07"), hint="unpack it first"),
    FileKind("html", "an HTML page", (".html", ".htm", ".xhtml", ".shtml"), _sniff_html, "html"),
    FileKind("text", "plain text", (".txt", ".md", ".text", ".markdown"), None, "text"),
)

_BY_NAME = {kind.name: kind for kind in KINDS}
TEXT = _BY_NAME["text"]


def kind_named(name: str) -> FileKind:
    return _BY_NAME[name]


def kind_for_extension(name: str) -> Optional[FileKind]:
    ext = os.path.splitext(name)[1].lower()
    if not ext:
        return None
    for kind in KINDS:
        if ext in kind.extensions:
            return kind
    return None


def sniff(data: bytes) -> Optional[FileKind]:
    """The kind the content positively looks like, or None (no signature)."""
    for kind in KINDS:
        if kind.sniff is not None and kind.sniff(data):
            return kind
    return None


def _looks_textual(data: bytes) -> bool:
    sample = data[:_HEAD]
    if not sample:
        return True
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    controls = sum(1 for b in sample if (b < 32 and b not in b"\t\n\r\f\x1b") or b == 127)
    return controls / len(sample) < 0.05


def detect(data: bytes, *, source: str) -> FileKind:
    """The readable kind for ``data`` (named ``source``), or a clear error.

    Raises UnknownFormat for recognised but unsupported formats, and
    CorruptDocument when the name promises a binary format the bytes lack.
    """
    by_content = sniff(data)
    by_name = kind_for_extension(source)
    if by_content is not None:
        if not by_content.supported:
            detail = f"looks like {by_content.label}"
            if by_content.hint:
                detail += f"; {by_content.hint}"
            raise UnknownFormat(source, detail)
        return by_content
    if by_name is not None and not by_name.supported:
        # Named .doc/.png/... but without the signature: say both facts.
        raise UnknownFormat(
            source, f"named like {by_name.label} but the content does not match; {by_name.hint}"
        )
    if by_name is not None and by_name.name in ("pdf", "docx") and not _looks_textual(data):
        expected = "%PDF- header" if by_name.name == "pdf" else "zip container with word/document.xml"
        raise CorruptDocument(source, f"named like {by_name.label} but has no {expected}")
    if by_name is not None and by_name.name in ("html", "text"):
        return by_name
    return TEXT
