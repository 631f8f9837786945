"""The ingest stage: any supported file in, one :class:`RawText` out.

>>> from safetydocs.ingest import read
>>> raw = read("notice.pdf")          # doctest: +SKIP
>>> raw.kind, raw.title, len(raw.tables)  # doctest: +SKIP

Format detection lives in :mod:`.filekinds`; each reader module exposes
``read(data: bytes, *, source: str) -> RawText`` and is imported on first use.
Every failure is a :class:`~safetydocs.errors.SafetydocsError`: library
exceptions from the readers are wrapped, so callers never see a raw traceback.
"""
from __future__ import annotations

import os
import stat
from typing import Optional, Union

from ..errors import CorruptDocument, FileMissing, FileUnreadable, NotRegularFile, SafetydocsError, UnknownFormat
from ..limits import DEFAULT, Limits, check_bytes, check_chars, check_pages, check_zip
from .base import RawText, Table, TableCell, TableRow, TextBuilder, clean_controls

__all__ = ["RawText", "Table", "TableCell", "TableRow", "TextBuilder", "read", "read_bytes"]

PathLike = Union[str, "os.PathLike[str]"]


def read(path: PathLike, *, limits: Optional[Limits] = None) -> RawText:
    """Read the document at ``path`` (kind detected from content, then name), within ``limits``."""
    limits = limits or DEFAULT
    source = os.fspath(path)
    if isinstance(source, bytes):  # os.fspath allows bytes paths; messages want str
        source = os.fsdecode(source)
    if os.path.isdir(source):
        raise UnknownFormat(source, "is a directory, not a document")
    try:
        info = os.stat(source)
        if not stat.S_ISREG(info.st_mode):
            # A FIFO waits forever and /dev/zero never ends: refuse before opening.
            raise NotRegularFile(source)
        check_bytes(info.st_size, source=source, limits=limits)
        with open(source, "rb") as handle:
            cap = limits.max_bytes + 1 if limits.max_bytes is not None else -1
            data = handle.read(cap)
    except FileNotFoundError:
        raise FileMissing(source) from None
    except (PermissionError, IsADirectoryError, OSError) as exc:
        raise FileUnreadable(source, exc.strerror or type(exc).__name__) from None
    return read_bytes(data, name=source, limits=limits)


def read_bytes(data: bytes, *, name: str, limits: Optional[Limits] = None) -> RawText:
    """Read a document from memory; ``name`` labels messages and hints at the kind.

    Use ``name="<stdin>"`` for piped input: with no extension, the content
    alone decides the format. The text comes back with its control characters
    cleaned (:func:`~.base.clean_controls`), every bound of ``limits`` checked.
    """
    from .filekinds import detect

    limits = limits or DEFAULT
    check_bytes(len(data), source=name, limits=limits)
    kind = detect(data, source=name)
    reader = kind.reader()
    try:
        _check_container(kind.name, data, source=name, limits=limits)
        # Readers of pictures of pages take the OCR setting; the others have no use for it.
        options = {"ocr": limits.ocr} if kind.module in ("pdf", "image") else {}
        raw = reader(data, source=name, **options)
        raw.text = clean_controls(raw.text)
        if raw.title:
            raw.title = clean_controls(raw.title)
        check_chars(len(raw.text), source=name, limits=limits)
        return raw
    except SafetydocsError:
        raise
    except RecursionError:
        raise CorruptDocument(name, f"{kind.label} is nested too deeply to read") from None
    except MemoryError:
        raise CorruptDocument(name, f"{kind.label} is too large to read") from None
    except Exception as exc:  # a reader library failed in a way we did not foresee
        detail = f"{kind.label} could not be read: {type(exc).__name__}: {exc}"
        raise CorruptDocument(name, " ".join(detail.split())[:300]) from exc


def _check_container(kind: str, data: bytes, *, source: str, limits: Limits) -> None:
    """The bounds that must be checked before a reader inflates or renders anything."""
    if kind in ("docx", "xlsx", "odt"):
        import zipfile

        try:
            check_zip(data, source=source, limits=limits)
        except zipfile.BadZipFile as exc:
            raise CorruptDocument(source, f"bad zip container: {exc}") from None
    elif kind == "pdf" and limits.max_pages is not None:
        import pypdfium2

        try:
            document = pypdfium2.PdfDocument(data)
        except Exception:
            return  # the reader reports what is wrong with it, with its own code
        try:
            check_pages(len(document), source=source, limits=limits)
        finally:
            document.close()
