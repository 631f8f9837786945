"""Exports: one module per format, chosen by name or by the output file's extension."""
from __future__ import annotations

import importlib
import os
import tempfile
from pathlib import Path

from ..errors import InvalidArgument, UnknownOutputFormat
from ..model import Document

# format name -> (module, file extension, binary?)
# A text format's module has ``render(document) -> str``; a binary one ``render_bytes(document) -> bytes``.
FORMATS: dict[str, tuple[str, str, bool]] = {
    "json": ("json_export", ".json", False),
    "csv": ("csv_export", ".csv", False),
    "md": ("markdown_export", ".md", False),
    "html": ("html_export", ".html", False),
    "xlsx": ("xlsx_export", ".xlsx", True),
    "docx": ("docx_export", ".docx", True),
}
_ALIASES = {"markdown": "md", "htm": "html", "xhtml": "html"}
_BY_EXTENSION = {ext: name for name, (_, ext, _) in FORMATS.items()} | {f".{a}": f for a, f in _ALIASES.items()}


def resolve_format(fmt: str) -> str:
    """The format's name (``htm`` → ``html``); an unknown one is :class:`UnknownOutputFormat` (SD304)."""
    name = str(fmt).lower().lstrip(".")
    name = _ALIASES.get(name, name)
    if name not in FORMATS:
        raise UnknownOutputFormat(repr(fmt), f"choose one of {', '.join(FORMATS)}")
    return name


def format_for(path: str | os.PathLike) -> str | None:
    """The format an output file's extension asks for, or None when the extension is not an output format."""
    return _BY_EXTENSION.get(Path(path).suffix.lower())


def is_binary(fmt: str) -> bool:
    """True for formats that are bytes (xlsx, docx): they cannot be printed to a terminal."""
    return FORMATS[resolve_format(fmt)][2]


def _module(fmt: str):
    # Imported on demand: the office formats pull in openpyxl / python-docx only when used.
    return importlib.import_module(f"{__name__}.{FORMATS[fmt][0]}")


def writable(document: Document) -> Document:
    """The document with control characters and lone surrogates replaced one for one in every string.

    The parser never produces them (ingest cleans the text), but a Document built or edited by hand
    may hold anything; every writer takes this copy, so any Document can be written. Spans stay valid.
    """
    from ..ingest.base import clean_controls

    def clean(value):
        if isinstance(value, str):
            return clean_controls(value)
        if isinstance(value, list):
            return [clean(v) for v in value]
        if isinstance(value, dict):
            return {clean(k): clean(v) for k, v in value.items()}
        return value

    data = document.model_dump()
    cleaned = clean(data)
    return document if cleaned == data else Document.model_validate(cleaned)


def render(document: Document, *, fmt: str) -> str:
    """A text format as a string; for binary formats use :func:`render_bytes`."""
    fmt = resolve_format(fmt)
    if is_binary(fmt):
        raise InvalidArgument(f"fmt={fmt!r}", "a binary format: use render_bytes()")
    return _module(fmt).render(writable(document))


def render_bytes(document: Document, *, fmt: str) -> bytes:
    """Any format as the bytes of its file (text formats in UTF-8)."""
    fmt = resolve_format(fmt)
    if is_binary(fmt):
        return _module(fmt).render_bytes(writable(document))
    return render(document, fmt=fmt).encode("utf-8")


def extension(fmt: str) -> str:
    return FORMATS[resolve_format(fmt)][1]


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


def write_atomic(path: Path, content: str | bytes, *, encoding: str = "utf-8") -> None:
    """Write to a temporary file in the same folder, then rename: never a half-written output.

    ``content`` is text (written with ``encoding``, newlines untouched) or bytes (written as is).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        if isinstance(content, bytes):
            with os.fdopen(handle, "wb") as raw:
                raw.write(content)
        else:
            with os.fdopen(handle, "w", encoding=encoding, newline="") as out:
                out.write(content)
        os.chmod(temp, 0o666 & ~_UMASK)  # mkstemp makes files private; an output is for sharing
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
