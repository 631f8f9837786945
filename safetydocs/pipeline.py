"""The one-way data flow: ingest → structure → extract → matrix.

``parse`` reads a file (or takes text), ``parse_text`` runs the extraction stages of :mod:`safetydocs.stages`
(the same functions the spaCy components run) over a sheet of plain values and builds the
:class:`~safetydocs.model.Document` from it.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Union

from .errors import EmptyInput, InvalidArgument, LanguageMismatch
from .errors import SafetydocsWarning  # noqa: F401 - defined with the errors; callers import it from here too
from .ingest.base import RawText, Table
from .model import Document
from .structure.language import detect_language
from .structure.normalize import canonical

if TYPE_CHECKING:  # pragma: no cover
    from .limits import Limits
    from .extract.involvement_model import BodyCandidate
    from .stages import Context

PathOrText = Union[str, os.PathLike]
DateLike = Union[dt.date, str, None]




def coerce_date(value: DateLike, *, name: str = "issued") -> Optional[dt.date]:
    """A date given as ``date``, ``datetime`` or ISO ``YYYY-MM-DD`` string (as the JSON output writes dates)."""
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise InvalidArgument(f"{name}={value!r}", "expected a date or an ISO date string YYYY-MM-DD")


def coerce_language(value: Optional[str]) -> Optional[str]:
    if value is None or value == "auto":
        return None
    if value in ("zh", "en"):
        return value
    raise InvalidArgument(f"lang={value!r}", "expected 'zh', 'en', 'auto' or None")
_KNOWN_SUFFIXES = {".txt", ".md", ".text", ".pdf", ".docx", ".xlsx", ".html", ".htm", ".xhtml", ".doc", ".wps", ".xls",
                   ".et", ".rtf", ".odt", ".ods", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp"}


def parse(source: PathOrText, *, lang: Optional[str] = None, issued: DateLike = None,
          limits: Optional["Limits"] = None) -> Document:
    """Parse a file path or a text, within ``limits`` (:class:`~safetydocs.limits.Limits`; defaults if None).

    A :class:`os.PathLike` is always a file. A string is a file when it names
    an existing file or looks like a path to a supported document (one line
    ending in a known extension: then a missing file is an error, SD101);
    otherwise it is the text itself.
    """
    from .limits import DEFAULT, time_limit

    limits = limits or DEFAULT
    label = os.fspath(source) if isinstance(source, os.PathLike) else "<text>"
    if not isinstance(source, os.PathLike) and _looks_like_path(source):
        label = source
    with time_limit(limits.timeout, source=str(label)):
        if isinstance(source, os.PathLike) or _looks_like_path(source):
            from .ingest import read

            return parse_raw(read(source, limits=limits), lang=lang, issued=issued, limits=limits)
        return parse_text(str(source), lang=lang, issued=issued, limits=limits)


def _looks_like_path(value: str) -> bool:
    if "\n" in value or len(value) > 1024:
        return False
    try:
        if Path(value).is_file():
            return True
    except (OSError, ValueError):
        # A one-line Chinese text is soon over the system's 255-byte name limit (ENAMETOOLONG); no file has it.
        return False
    # "a path with spaces.txt" that does not exist is a missing file, not a one-line notice.
    return Path(value.strip()).suffix.lower() in _KNOWN_SUFFIXES


def parse_raw(raw: RawText, *, lang: Optional[str] = None, issued: DateLike = None,
              limits: Optional["Limits"] = None) -> Document:
    document = parse_text(raw.text, source=raw.source, lang=lang, issued=issued, title=raw.title, tables=raw.tables,
                          limits=limits)
    if raw.ocr_confidence is not None:
        _scale_confidence(document, raw.ocr_confidence)
    return document


def _scale_confidence(document: Document, factor: float) -> None:
    """Text read by OCR is only as sure as the reading: every item's confidence is scaled by the OCR's."""
    factor = min(max(factor, 0.0), 1.0)
    items = [*document.tasks, *document.departments, *document.other_bodies, *document.deadlines]
    for task in document.tasks:
        items += [*task.assignments, *task.people]
        if task.deadline is not None:
            items.append(task.deadline)
    for item in {id(item): item for item in items}.values():  # a task's deadline may be the document's own
        item.confidence = round(item.confidence * factor, 4)


def parse_text(
    text: str,
    *,
    source: str = "<text>",
    lang: Optional[str] = None,
    issued: DateLike = None,
    title: Optional[str] = None,
    tables: Optional[list[Table]] = None,
    limits: Optional["Limits"] = None,
) -> Document:
    """Extract tasks, departments, deadlines and industries from ``text``.

    Control characters are cleaned one for one (spans stay valid) and the text's
    length is checked against ``limits.max_chars``.
    """
    from . import stages

    sheet, context = _prepared(text, source=source, lang=lang, issued=issued, title=title, tables=tables,
                               limits=limits)
    for name in stages.STAGES:
        stages.RUN[name](sheet, context)
    return stages.document(sheet, context)


def body_evidence(
    text: str,
    *,
    source: str = "<text>",
    lang: Optional[str] = None,
    issued: DateLike = None,
    title: Optional[str] = None,
    tables: Optional[list[Table]] = None,
    limits: Optional["Limits"] = None,
) -> tuple[Document, list["BodyCandidate"]]:
    """Everything :func:`parse_text` extracts but the department list, and every body found with the
    evidence the selector weighs (:mod:`safetydocs.extract.involvement_model`; ``safetydocs train`` learns
    from it)."""
    from . import stages

    sheet, context = _prepared(text, source=source, lang=lang, issued=issued, title=title, tables=tables,
                               limits=limits)
    for name in stages.STAGES[:-1]:
        stages.RUN[name](sheet, context)
    return stages.document(sheet, context, with_bodies=False), stages.body_candidates(sheet, context)


def _prepared(text: str, *, source: str, lang: Optional[str], issued: DateLike, title: Optional[str],
              tables: Optional[list[Table]], limits: Optional["Limits"]) -> tuple[dict, "Context"]:
    """The checked text, its canonical form and language, and a sheet holding what the caller gave."""
    from .ingest.base import clean_controls
    from .limits import DEFAULT, check_chars
    from .plain import to_plain
    from .stages import Context

    lang = coerce_language(lang)
    issued = coerce_date(issued)
    if not isinstance(text, str):
        raise InvalidArgument(f"text={type(text).__name__}", "expected a str")
    text = clean_controls(text)
    check_chars(len(text), source=source, limits=limits or DEFAULT)
    if not text.strip():
        raise EmptyInput(source)
    canon = canonical(text)
    detected = detect_language(canon)
    language = lang or detected
    if lang and lang != detected:
        import warnings

        warnings.warn(SafetydocsWarning(LanguageMismatch(source, f"--lang {lang}, but the text reads as {detected}")),
                      stacklevel=3)
    read_tables = list(tables or [])
    sheet = {"source": source, "issued": issued.isoformat() if issued else None, "title": title,
             "read_tables": to_plain(read_tables)}
    context = Context(text=text, canon=canon, language=language)
    context.kept["read_tables"] = (sheet["read_tables"], read_tables)  # the reader's own tables, not decoded again
    return sheet, context
