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
from typing import Union

from ..errors import CorruptDocument, FileMissing, FileUnreadable, SafetydocsError, UnknownFormat
from .base import RawText, Table, TableCell, TableRow, TextBuilder

__all__ = ["RawText", "Table", "TableCell", "TableRow", "TextBuilder", "read", "read_bytes"]

PathLike = Union[str, "os.PathLike[str]"]


def read(path: PathLike) -> RawText:
    """Read the document at ``path`` (kind detected from content, then name)."""
    source = os.fspath(path)
    if isinstance(source, bytes):  # os.fspath allows bytes paths; messages want str
        source = os.fsdecode(source)
    if os.path.isdir(source):
        raise UnknownFormat(source, "is a directory, not a document")
    try:
        with open(source, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise FileMissing(source) from None
    except (PermissionError, IsADirectoryError, OSError) as exc:
        raise FileUnreadable(source, exc.strerror or type(exc).__name__) from None
    return read_bytes(data, name=source)


def read_bytes(data: bytes, *, name: str) -> RawText:
    """Read a document from memory; ``name`` labels messages and hints at the kind.

    Use ``name="<stdin>"`` for piped input: with no extension, the content
    alone decides the format.
    """
    from .filekinds import detect

    kind = detect(data, source=name)
    reader = kind.reader()
    try:
        return reader(data, source=name)
    except SafetydocsError:
        raise
    except RecursionError:
        raise CorruptDocument(name, f"{kind.label} is nested too deeply to read") from None
    except MemoryError:
        raise CorruptDocument(name, f"{kind.label} is too large to read") from None
    except Exception as exc:  # a reader library failed in a way we did not foresee
        detail = f"{kind.label} could not be read: {type(exc).__name__}: {exc}"
        raise CorruptDocument(name, " ".join(detail.split())[:300]) from exc
