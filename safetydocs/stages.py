"""The extraction stages, in their one order: structure → departments → deadlines → industries → tasks → roles →
bodies. Each reads what earlier stages wrote on a *sheet* and writes its own results there, as plain values
(:mod:`safetydocs.plain`); no stage reaches back or forward.

A sheet is any mapping. :func:`safetydocs.pipeline.parse_text` runs the stages over a dict; the spaCy components
(:mod:`safetydocs.components`) run each stage over the sheet a ``Doc`` keeps in ``doc.user_data`` (keys
``"safetydocs.<name>"``), so the Doc serialises and a stage may run in a pipeline of the user's own. The same
functions on the same text give the same results either way. :func:`document` builds the pydantic
:class:`~safetydocs.model.Document` from a finished sheet.

What a stage writes, and the key it writes it under:

==============  ==================================================================================================
structure       ``issued`` (ISO date or None), ``title``, ``layout`` (headings, lines, responsibility notes),
                ``tables`` (those the reader returned and those written as text)
departments     ``mentions`` (bodies and collectives, :meth:`~safetydocs.extract.departments.Mention.as_row`),
                ``addressees``, ``word_cuts`` (where the English words were cut for the mentions)
deadlines       ``deadlines`` (:class:`~safetydocs.model.Deadline` as JSON)
industries      ``industry_mentions`` ([code, start, end])
tasks           ``task_candidates`` (:class:`~safetydocs.extract.tasks.TaskCandidate`)
roles           ``tasks`` (:class:`~safetydocs.model.Task` as JSON, with assignments, deadline and industries)
bodies          ``departments``, ``other_bodies`` (:class:`~safetydocs.model.Department` as JSON)
==============  ==================================================================================================

The inputs a caller may put on the sheet first: ``source``, ``issued`` and ``title`` (as given), ``read_tables``
(the tables a reader returned, as plain values).
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Optional

from .model import Deadline, Department, Document, Person, Section, Task, stable_id
from .plain import from_plain, to_plain

if TYPE_CHECKING:  # pragma: no cover
    from .analysis import Analysis
    from .extract.departments import Mention
    from .extract.involvement_model import BodyCandidate, InvolvementModel
    from .extract.task_classifier import TaskClassifier
    from .extract.tasks import TaskCandidate
    from .ingest.base import Table
    from .structure.segment import Layout

Sheet = MutableMapping[str, Any]

STAGES = ("structure", "departments", "deadlines", "industries", "tasks", "roles", "bodies")


@dataclass
class Context:
    """What every stage of one text shares and no Doc need keep: the text, its canonical form (same length,
    :func:`~safetydocs.structure.normalize.canonical`), its language, and the words once segmented."""

    text: str
    canon: str
    language: str
    analysis: Optional["Analysis"] = None  # made by the departments stage; made again from the sheet if missing
    # The objects behind the sheet's plain values, by key: (the plain value, the object). A stage reads the
    # objects an earlier stage wrote, or decodes the plain value once (a sheet from DocBin, another process).
    kept: dict[str, tuple[Any, Any]] = field(default_factory=dict)


# ---------------------------------------------------------------- reading a sheet back
def _read(sheet: Sheet, context: Optional[Context], key: str, decode: Any) -> Any:
    """The object behind ``sheet[key]``: the one kept on the context for this very plain value, or decoded."""
    plain = sheet.get(key)
    if context is not None:
        kept = context.kept.get(key)
        if kept is not None and kept[0] is plain:
            return kept[1]
    value = decode(plain)
    if context is not None:
        context.kept[key] = (plain, value)
    return value


def _write(sheet: Sheet, context: Context, key: str, value: Any, plain: Any = None) -> None:
    """``sheet[key]``: the plain form of ``value``; the object itself is kept on the context for later stages."""
    plain = to_plain(value) if plain is None else plain
    sheet[key] = plain
    context.kept[key] = (plain, value)


def issued_of(sheet: Sheet) -> Optional[dt.date]:
    value = sheet.get("issued")
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def layout_of(sheet: Sheet, context: Optional[Context] = None) -> "Layout":
    from .structure.notes import Note
    from .structure.segment import Heading, Layout

    def decode(plain: dict) -> "Layout":
        return Layout(headings=from_plain(list[Heading], plain["headings"]),
                      lines=from_plain(list[tuple[int, int]], plain["lines"]),
                      notes=from_plain(list[Note], plain["notes"]))

    return _read(sheet, context, "layout", decode)


def tables_of(sheet: Sheet, context: Optional[Context] = None) -> list["Table"]:
    from .ingest.base import Table

    return _read(sheet, context, "tables", lambda plain: from_plain(list[Table], plain or []))


def mentions_of(sheet: Sheet, key: str = "mentions", context: Optional[Context] = None) -> list["Mention"]:
    from .extract.departments import Mention

    return _read(sheet, context, key, lambda plain: [Mention.from_row(row) for row in plain or []])


def deadlines_of(sheet: Sheet, context: Optional[Context] = None) -> list[Deadline]:
    return _read(sheet, context, "deadlines", lambda plain: from_plain(list[Deadline], plain))


def industry_mentions_of(sheet: Sheet, context: Optional[Context] = None) -> list[tuple[str, tuple[int, int]]]:
    return _read(sheet, context, "industry_mentions",
                 lambda plain: [(code, (int(start), int(end))) for code, start, end in plain])


def task_candidates_of(sheet: Sheet, context: Optional[Context] = None) -> list["TaskCandidate"]:
    from .extract.tasks import TaskCandidate

    return _read(sheet, context, "task_candidates", lambda plain: from_plain(list[TaskCandidate], plain))


def tasks_of(sheet: Sheet, context: Optional[Context] = None) -> list[Task]:
    return _read(sheet, context, "tasks", lambda plain: from_plain(list[Task], plain))


def _require(sheet: Sheet, key: str, stage: str, needed_by: str) -> None:
    if key not in sheet:
        raise ValueError(f"the {needed_by} stage reads {key!r}, which the {stage} stage writes: run it first")


# ---------------------------------------------------------------- the stages
def structure(sheet: Sheet, context: Context) -> None:
    """The document's date, its title, its layout (headings, lines, responsibility notes) and its tables: those a
    reader returned, and those written as text (TAB, |, aligned columns) between them."""
    from .extract.deadlines import find_issued
    from .ingest.base import Table
    from .structure.notes import find_notes
    from .structure.segment import find_headings
    from .structure.tables import find_text_tables

    text, canon, language = context.text, context.canon, context.language
    issued = issued_of(sheet)
    if issued is None:
        found = find_issued(text, canon=canon, language=language)
        issued = found[0] if found else None
    layout = find_headings(text, canon, language=language)
    layout.notes = find_notes(canon, language=language)
    read_tables = _read(sheet, context, "read_tables", lambda plain: from_plain(list[Table], plain or []))
    tables = list(read_tables) + [t for t in find_text_tables(text)
                            if not any(t.span[0] < r.span[1] and r.span[0] < t.span[1] for r in read_tables)]
    tables.sort(key=lambda t: t.span[0])
    sheet["issued"] = issued.isoformat() if issued else None
    sheet["title"] = sheet.get("title") or _guess_title(text, canon)
    _write(sheet, context, "layout", layout, {"headings": to_plain(layout.headings), "lines": to_plain(layout.lines),
                                              "notes": to_plain(layout.notes)})
    _write(sheet, context, "tables", tables)


def departments(sheet: Sheet, context: Context) -> None:
    """Every body and collective named (the name grammar and gazetteer over the words; the bodies in a 牵头单位
    cell or a responsibility note that the grammar does not know), those the notice is addressed to, and each
    mention's name once short forms and references (该局, the Ministry) are resolved."""
    from .analysis import MENTIONS, analyse
    from .extract.departments import (apply_learned_aliases, find_addressees, note_bodies, resolve_coreference)
    from .extract.table_tasks import cell_mentions

    _require(sheet, "layout", "structure", "departments")
    text, canon, language = context.text, context.canon, context.language
    layout, tables = layout_of(sheet, context), tables_of(sheet, context)
    segmented = context.analysis.chinese if context.analysis is not None else None
    analysis = analyse(text, canon, language=language, words=segmented)  # jieba / spaCy run once
    mentions = analysis.user_data[MENTIONS]
    # English words are cut where these mentions begin and end: a context that did not run this stage cuts them again
    word_cuts = sorted({offset for m in mentions for offset in m.span}) if language != "zh" else []
    # The task stage reads this same list from the analysis: the bodies added below are mentions to it too.
    mentions.extend(cell_mentions(canon, tables, mentions, language=language))
    mentions.extend(note_bodies(text, canon, layout.notes, mentions, language=language))
    mentions.sort(key=lambda m: m.span)
    addressees = find_addressees(text, canon, mentions, language=language)
    resolve_coreference(mentions, canon=canon)
    apply_learned_aliases(mentions, language=language)
    context.analysis = analysis
    _write(sheet, context, "mentions", mentions, [m.as_row() for m in mentions])
    _write(sheet, context, "addressees", addressees, [m.as_row() for m in addressees])
    sheet["word_cuts"] = word_cuts


def deadlines(sheet: Sheet, context: Context) -> None:
    """Every deadline, with its date reckoned from the document's (a 完成时限 column's cells are deadlines even
    without a cue word; the cells of an ignored column are none)."""
    from .extract.deadlines import find_deadlines
    from .extract.table_tasks import cells_of_role

    _require(sheet, "tables", "structure", "deadlines")
    canon, language = context.canon, context.language
    tables = tables_of(sheet, context)
    found = find_deadlines(context.text, canon=canon, language=language, issued=issued_of(sheet),
                           cued=cells_of_role(canon, tables, "deadline", language=language),
                           ignored=cells_of_role(canon, tables, "ignore", language=language))
    _write(sheet, context, "deadlines", found)


def industries(sheet: Sheet, context: Context) -> None:
    """Every mention of an industry of the taxonomy (models/common/industries.yaml)."""
    from .extract.industries import find_industry_mentions

    found = find_industry_mentions(context.canon, language=context.language)  # type: ignore[arg-type]
    _write(sheet, context, "industry_mentions", found, [[code, start, end] for code, (start, end) in found])


def tasks(sheet: Sheet, context: Context, *, classifier: Optional["TaskClassifier"] = None) -> None:
    """The task candidates: table rows, numbered items, the demands of running text. ``classifier``: a trained
    running-text classifier to use instead of the shipped one."""
    from .extract.tasks import find_tasks

    for key, stage in (("layout", "structure"), ("mentions", "departments"), ("deadlines", "deadlines")):
        _require(sheet, key, stage, "tasks")
    candidates = find_tasks(context.text, canon=context.canon, language=context.language, layout=layout_of(sheet, context),
                            tables=tables_of(sheet, context), doc=analysis_of(sheet, context),
                            deadline_spans=[d.span for d in deadlines_of(sheet, context)],
                            classifier=classifier)
    _write(sheet, context, "task_candidates", candidates)


def roles(sheet: Sheet, context: Context) -> None:
    """The tasks whole: each candidate with the bodies that lead and support it, its people, its deadline and
    its industries."""
    from .extract.industries import tag_spans
    from .extract.roles import assign_task_roles
    from .structure.notes import group_reach

    for key, stage in (("task_candidates", "tasks"), ("industry_mentions", "industries")):
        _require(sheet, key, stage, "roles")
    text, canon = context.text, context.canon
    layout = layout_of(sheet, context)
    candidates = task_candidates_of(sheet, context)
    found_deadlines = deadlines_of(sheet, context)
    industry_mentions = industry_mentions_of(sheet, context)
    assigned = assign_task_roles(canon, candidates=candidates, mentions=mentions_of(sheet, context=context),
                                 addressees=mentions_of(sheet, "addressees", context), language=context.language,
                                 layout=layout, deadline_spans=[d.span for d in found_deadlines])
    group_notes = group_reach(layout)
    deadline_ends = [d.span[1] for d in found_deadlines]  # in text order
    out: list[Task] = []
    for candidate, assignments in zip(candidates, assigned):
        start, end = candidate.span
        deadline = (_task_deadline(canon, found_deadlines, candidate.span,
                                   (candidate.columns.get("deadline") or [None])[0])
                    or _opening_deadline(canon, found_deadlines, deadline_ends, candidate.span)
                    or _group_deadline(found_deadlines, group_notes, candidate.span))
        out.append(
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
    _write(sheet, context, "tasks", out)


def body_candidates(sheet: Sheet, context: Context) -> list["BodyCandidate"]:
    """Every body found, with the evidence the selector weighs (``safetydocs train`` learns from it)."""
    from .extract.departments import group_departments
    from .extract.involvement import passing_mentions
    from .extract.involvement_model import evidence_of_all

    _require(sheet, "tasks", "roles", "bodies")
    canon, language = context.canon, context.language
    mentions = mentions_of(sheet, context=context)
    passing = passing_mentions(canon, mentions, language=language)
    return evidence_of_all(canon, group_departments(mentions), passing=passing, tasks=tasks_of(sheet, context),
                           addressee_spans={m.span for m in mentions_of(sheet, "addressees", context)},
                           language=language)


def bodies(sheet: Sheet, context: Context, *, selector: Optional["InvolvementModel"] = None) -> None:
    """Which bodies the text gives work to (the trained selector), and the others, kept apart for the reviewer.
    ``selector``: a trained selector to use instead of the shipped one."""
    from .extract.involvement_model import select_bodies

    given_work, others = select_bodies(body_candidates(sheet, context), language=context.language, model=selector)
    _write(sheet, context, "departments", given_work)
    _write(sheet, context, "other_bodies", others)


RUN = {"structure": structure, "departments": departments, "deadlines": deadlines, "industries": industries,
       "tasks": tasks, "roles": roles, "bodies": bodies}


def analysis_of(sheet: Sheet, context: Context) -> "Analysis":
    """The words the departments stage segmented (kept on the context), or, on a context that did not run it
    (a Doc from ``DocBin``, another process), the same words made again, cut where it cut them."""
    from .analysis import MENTIONS, chinese_words, english_words

    if context.analysis is None or (context.language == "zh") != (context.analysis.chinese is not None):
        if context.language == "zh":
            chinese_words(context)
        else:
            context.analysis = english_words(context.canon, cuts=sheet.get("word_cuts") or [])
    # The mentions the task stage sees are the finished ones (with the bodies of cells and notes).
    context.analysis.user_data[MENTIONS] = mentions_of(sheet, context=context)
    return context.analysis


def document(sheet: Sheet, context: Context, *, with_bodies: bool = True) -> Document:
    """The pydantic Document of a sheet the stages have run over (``with_bodies=False``: before the bodies stage,
    with no department list)."""
    from .extract.industries import summarize
    from .matrix import build_matrix

    found_tasks = tasks_of(sheet, context)
    layout = layout_of(sheet, context)
    return Document(
        source=sheet.get("source") or "<text>",
        language=context.language,  # type: ignore[arg-type]
        title=sheet.get("title"),
        issued=issued_of(sheet),
        text=context.text,
        sections=_sections(context.text, layout),
        tasks=found_tasks,
        departments=_read(sheet, context, "departments", lambda plain: from_plain(list[Department], plain))
        if with_bodies else [],
        other_bodies=_read(sheet, context, "other_bodies", lambda plain: from_plain(list[Department], plain))
        if with_bodies else [],
        deadlines=deadlines_of(sheet, context),
        industries=summarize(industry_mentions_of(sheet, context)),
        matrix=build_matrix(found_tasks),
    )


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


def _sections(text: str, layout: "Layout") -> list[Section]:
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
