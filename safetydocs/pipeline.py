"""The one-way data flow: ingest → structure → nlp → extract → matrix.

``parse`` reads a file (or takes text), ``parse_text`` runs the rest. Both
return a :class:`~safetydocs.model.Document`.
"""
from __future__ import annotations

import bisect
import datetime as dt
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Union

from .errors import EmptyInput, InvalidArgument, LanguageMismatch
from .errors import SafetydocsWarning  # noqa: F401 - defined with the errors; callers import it from here too
from .ingest.base import RawText, Table
from .model import Deadline, Document, Person, Section, Task, stable_id
from .structure.language import detect_language
from .structure.normalize import canonical
from .structure.segment import Layout, find_headings

if TYPE_CHECKING:  # pragma: no cover
    from .limits import Limits
    from .extract.involvement_model import BodyCandidate

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
    from .extract.involvement_model import select_bodies

    document, bodies = body_evidence(text, source=source, lang=lang, issued=issued, title=title, tables=tables,
                                     limits=limits)
    departments, other_bodies = select_bodies(bodies, language=document.language)
    return document.model_copy(update={"departments": departments, "other_bodies": other_bodies})


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
    from .extract.deadlines import find_deadlines, find_issued
    from .extract.departments import find_addressees, group_departments, resolve_coreference
    from .extract.involvement import passing_mentions
    from .extract.industries import find_industry_mentions, summarize, tag_spans
    from .extract.roles import assign_task_roles
    from .extract.tasks import find_tasks
    from .matrix import build_matrix

    from .ingest.base import clean_controls
    from .limits import DEFAULT, check_chars

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
                      stacklevel=2)
    if issued is None:
        found_issued = find_issued(text, canon=canon, language=language)
        issued = found_issued[0] if found_issued else None
    layout = find_headings(text, canon, language=language)
    from .structure.notes import find_notes
    from .structure.tables import find_text_tables

    layout.notes = find_notes(canon, language=language)
    # Tables written as text (TAB, |, aligned columns), also between the tables a reader returned.
    read_tables = list(tables or [])
    tables = read_tables + [t for t in find_text_tables(text)
                            if not any(t.span[0] < r.span[1] and r.span[0] < t.span[1] for r in read_tables)]
    tables.sort(key=lambda t: t.span[0])
    from .nlp import MENTIONS, analyse

    doc = analyse(text, canon, language=language)  # jieba / spaCy run once, over the whole text
    mentions = doc.user_data[MENTIONS]
    from .extract.table_tasks import cell_mentions

    # Bodies that stand in a 牵头单位 cell but that the name grammar does not know: the same list,
    # so the task stage (which reads it from the analysed doc) sees them too.
    mentions.extend(cell_mentions(canon, tables, mentions, language=language))
    from .extract.departments import note_bodies

    mentions.extend(note_bodies(text, canon, layout.notes, mentions, language=language))
    mentions.sort(key=lambda m: m.span)
    addressees = find_addressees(text, canon, mentions, language=language)
    resolve_coreference(mentions, canon=canon)
    from .extract.departments import apply_learned_aliases

    apply_learned_aliases(mentions, language=language)
    from .extract.table_tasks import cells_of_role

    deadlines = find_deadlines(text, canon=canon, language=language, issued=issued,
                               cued=cells_of_role(canon, tables, "deadline", language=language),
                               ignored=cells_of_role(canon, tables, "ignore", language=language))
    industry_mentions = find_industry_mentions(canon, language=language)

    candidates = find_tasks(text, canon=canon, language=language, layout=layout, tables=tables, doc=doc,
                            deadline_spans=[d.span for d in deadlines])
    roles = assign_task_roles(canon, candidates=candidates, mentions=mentions, addressees=addressees,
                              language=language, layout=layout, deadline_spans=[d.span for d in deadlines])
    from .structure.notes import group_reach

    group_notes = group_reach(layout)
    deadline_ends = [d.span[1] for d in deadlines]  # in text order
    tasks: list[Task] = []
    for candidate, assignments in zip(candidates, roles):
        start, end = candidate.span
        deadline = (_task_deadline(canon, deadlines, candidate.span, (candidate.columns.get("deadline") or [None])[0])
                    or _opening_deadline(canon, deadlines, deadline_ends, candidate.span)
                    or _group_deadline(deadlines, group_notes, candidate.span))
        tasks.append(
            Task(
                id=stable_id("task", start, text[start:end]),
                text=text[start:end],
                span=candidate.span,
                section=candidate.section,
                title=text[candidate.title[0]:candidate.title[1]] if candidate.title else None,
                origin=candidate.origin,  # type: ignore[arg-type]
                kind=candidate.kind,  # type: ignore[arg-type]
                number=text[candidate.number[0]:candidate.number[1]].strip() if candidate.number else None,
                assignments=assignments,
                people=[Person(name=text[s:e], span=(s, e), confidence=0.8) for s, e in candidate.people],
                deadline=deadline,
                industries=tag_spans(industry_mentions, span=candidate.span),
                confidence=candidate.confidence,
            )
        )
    # The bodies with their evidence; which of them the text gives work to is decided by
    # involvement_model.select_bodies (parse_text), the rest are kept apart for the reviewer.
    from .extract.involvement_model import evidence_of_all

    passing = passing_mentions(canon, mentions, language=language)
    bodies = evidence_of_all(canon, group_departments(mentions), passing=passing, tasks=tasks,
                             addressee_spans={m.span for m in addressees}, language=language)
    return Document(
        source=source,
        language=language,  # type: ignore[arg-type]
        title=title or _guess_title(text, canon),
        issued=issued,
        text=text,
        sections=_sections(text, layout),
        tasks=tasks,
        deadlines=deadlines,
        industries=summarize(industry_mentions),
        matrix=build_matrix(tasks),
    ), bodies


def _task_deadline(canon: str, deadlines: list[Deadline], span: tuple[int, int],
                   column: Optional[tuple[int, int]]) -> Optional[Deadline]:
    """The time limit of a task.

    Its 完成时限 column; else the one in its trailing note （…，2024年6月底前完成）; else the first
    fixed or relative limit in it (a 每季度 report inside a task does not replace its due date);
    else the first periodic or ongoing one.
    """
    region = column or span
    # A start (自4月8日起) says when the work begins, not when it is due.
    inside = [d for d in deadlines if region[0] <= d.span[0] and d.span[1] <= region[1] and d.kind != "start"]
    if not inside:
        return None
    if column is None:
        note = canon.rfind("(", region[0], region[1])
        if note >= 0 and ")" not in canon[note:region[1]].rstrip()[:-1]:
            in_note = [d for d in inside if d.span[0] > note]
            if in_note:
                return in_note[-1]
    dated = [d for d in inside if d.kind in ("date", "relative")]
    return (dated or inside)[0]


def _opening_deadline(canon: str, deadlines: list[Deadline], ends: list[int],
                      span: tuple[int, int]) -> Optional[Deadline]:
    """The limit that opens the task's sentence, before its subject (自即日起至4月8日，各乡镇要…; 下半年，各区要…).
    ``ends``: where each deadline ends, in order."""
    at = bisect.bisect_left(ends, span[0] + 1) - 1
    if at < 0:
        return None
    deadline = deadlines[at]
    if deadline.kind == "start" or span[0] - deadline.span[1] > 3 or canon[deadline.span[1]:span[0]].strip(" \t,"):
        return None
    # The words before the limit in its sentence: none, or a preposition (于, 自).
    low = max(0, deadline.span[0] - 4)
    sentence_start = max(canon.rfind(c, low, deadline.span[0]) for c in "。;!?\n") + 1
    return deadline if len(canon[max(sentence_start, low):deadline.span[0]].strip()) <= 2 and (
        sentence_start > 0 or low == 0) else None


def _group_deadline(deadlines: list[Deadline], group_notes: list, span: tuple[int, int]) -> Optional[Deadline]:
    """The limit of a note that speaks for the task's group (（以上任务牵头单位：县应急局，6月底前完成）)."""
    for note, sections in group_notes:
        if any(start <= span[0] < end for start, end in sections):
            inside = [d for d in deadlines if note.span[0] <= d.span[0] and d.span[1] <= note.span[1]
                      and d.kind != "start"]
            if inside:
                return inside[-1]
    return None


def _sections(text: str, layout: Layout) -> list[Section]:
    out = []
    for heading in layout.headings:
        if not heading.children:
            continue  # items without sub-items are tasks, not sections
        out.append(
            Section(
                id=stable_id("sec", heading.line[0], heading.path),
                heading=text[heading.line[0]:heading.line[1]].strip(),
                number=heading.number,
                level=heading.level,
                path=heading.path,
                span=(heading.line[0], heading.end),
            )
        )
    return out


_TITLE_WORDS = re.compile(r"通知|方案|要点|意见|办法|规定|决定|计划|公告|通报|纪要|Notice|Plan|Key Points|Opinions|Measures|Circular", re.IGNORECASE)


def _guess_title(text: str, canon: str) -> Optional[str]:
    """A short line near the top naming the document kind (通知, 方案, Key Points...)."""
    for line in canon.split("\n")[:12]:
        stripped = line.strip()
        if 4 <= len(stripped) <= 80 and _TITLE_WORDS.search(stripped) and not stripped.endswith((":", "。", ",")):
            start = canon.index(stripped)
            return text[start:start + len(stripped)]
    return None
