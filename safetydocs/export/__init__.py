"""Exports: one module per format, chosen by name or by the output file's extension."""
from __future__ import annotations

import importlib
import os
import tempfile
from pathlib import Path

from ..model import Document

# format name -> (module, file extension, binary?)
FORMATS: dict[str, tuple[str, str]] = {
    "json": ("json_export", ".json"),
    "csv": ("csv_export", ".csv"),
    "md": ("markdown_export", ".md"),
}
_BY_EXTENSION = {ext: name for name, (_, ext) in FORMATS.items()} | {".markdown": "md"}


def format_for(path: str | os.PathLike) -> str | None:
    return _BY_EXTENSION.get(Path(path).suffix.lower())


def render(document: Document, *, fmt: str) -> str:
    module_name, _ = FORMATS[fmt]
    module = importlib.import_module(f"{__name__}.{module_name}")
    return module.render(document)


def extension(fmt: str) -> str:
    return FORMATS[fmt][1]


def write_atomic(path: Path, content: str, *, encoding: str = "utf-8") -> None:
    """Write to a temporary file in the same folder, then rename: never a half-written output."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding=encoding, newline="") as out:
            out.write(content)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
