"""A reviewed document as a gold file of the corpus (corpus/dev/SCHEMA.md), for ``safetydocs train``.

What the reviewer approved becomes gold: the tasks as corrected, their lead and support bodies, deadlines and
industries. The schema wants every name as the text writes it, so a department is written by its longest mention
found in the text; a name typed by a reviewer that the text never writes cannot be gold and is left out, and the
file's notes say so. Anchors are the shortest stretch at the start of a task that occurs once in the text.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any, Optional

from ..model import Document, Task

# The document kinds of the schema, by the words of a title that name them (通知 is a notice, 方案 a plan ...)
_KIND_WORDS = (
    ("workpoints", ("要点", "work points", "key points")),
    ("plan", ("方案", "规划", "计划", "plan")),
    ("meeting", ("会议", "会上", "meeting", "conference")),
    ("feedback", ("反馈", "督查", "巡查", "feedback")),
    ("instruction", ("批示", "指示", "instruction")),
    ("notice", ("通知", "通告", "紧急", "notice", "circular", "order", "directive")),
)
_ANCHOR_SIZES = {"zh": (8, 30), "en": (4, 12)}  # characters / words; within check_gold's 4-30 / 3-12


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _kind(document: Document) -> str:
    title = (document.title or "").lower()
    for kind, words in _KIND_WORDS:
        if any(word in title for word in words):
            return kind
    return "other"


def _anchor(text: str, folded: str, task: Task, language: str, used: set[str]) -> Optional[str]:
    """The shortest piece opening at a word of the task that occurs once in the text (as the evaluator folds it)."""
    start, end = task.span
    low, high = _ANCHOR_SIZES[language]
    if language == "en":
        words = [m for m in re.finditer(r"\S+", text[start:end])]
        for first in range(len(words)):
            for size in range(low, high + 1):
                if first + size > len(words):
                    break
                piece = text[start + words[first].start():start + words[first + size - 1].end()]
                if folded.count(_fold(piece)) == 1 and piece not in used:
                    return piece
        return None
    for first in range(start, end):
        if text[first].isspace():
            continue
        for size in range(low, high + 1):
            if first + size > end:
                break
            piece = text[first:first + size]
            if "\n" in piece:
                break
            if folded.count(_fold(piece)) == 1 and piece not in used:
                return piece
    return None


def _literal(document: Document, name: str, folded: str) -> Optional[str]:
    """How the text writes ``name``: the name itself, else its longest mention the text holds."""
    if _fold(name) in folded:
        return name
    for department in document.departments + document.other_bodies:
        if department.name == name:
            for mention in sorted(department.mentions, key=len, reverse=True):
                if _fold(mention) in folded:
                    return mention
    for task in document.tasks:
        for assignment in task.assignments:
            if assignment.department == name and _fold(assignment.mention) in folded:
                return assignment.mention
    return None


def _deadline(value: Any, folded: str) -> Optional[dict[str, Any]]:
    if value is None or value.kind == "start" or _fold(value.text) not in folded:
        return None
    return {"text": value.text, "date": value.date.isoformat() if value.date else None, "kind": value.kind}


def gold_record(document: Document, *, gold_id: str, reviewer: str, reviewed_at: Optional[str] = None,
                corrections: int = 0) -> dict[str, Any]:
    """The gold file's content for a reviewed document (check it with corpus/tools/check_gold.py)."""
    text, folded = document.text, _fold(document.text)
    kinds = {d.name: d.kind for d in document.other_bodies + document.departments}
    departments: list[str] = []
    collectives: list[str] = []
    unwritten: list[str] = []
    tasks: list[dict[str, Any]] = []
    deadlines: list[dict[str, Any]] = []
    skipped = 0
    used: set[str] = set()
    for task in document.tasks:
        anchor = _anchor(text, folded, task, document.language, used)
        if anchor is None:
            skipped += 1
            continue
        used.add(anchor)
        roles: dict[str, list[str]] = {"lead": [], "support": []}
        for assignment in task.assignments:
            name = _literal(document, assignment.department, folded)
            if name is None:
                if assignment.department not in unwritten:
                    unwritten.append(assignment.department)
                continue
            listing = collectives if kinds.get(assignment.department) == "collective" else departments
            if name not in departments and name not in collectives:
                listing.append(name)
            if name not in roles[assignment.role]:
                roles[assignment.role].append(name)
        deadline = _deadline(task.deadline, folded)
        if deadline and deadline not in deadlines:
            deadlines.append(deadline)
        tasks.append({"anchor": anchor, "lead": roles["lead"], "support": roles["support"], "deadline": deadline,
                      "industries": list(task.industries)})
    industries = sorted({code for task in document.tasks for code in task.industries}
                        | {industry.code for industry in document.industries})
    notes = [f"Exported from the review store: reviewed by {reviewer}"
             + (f" on {reviewed_at}" if reviewed_at else "") + f", {corrections} corrections to the parser's output."]
    if unwritten:
        notes.append("Names the text never writes, left out: " + "; ".join(unwritten) + ".")
    if skipped:
        notes.append(f"{skipped} tasks with no piece of their own text found once in the document, left out.")
    record: dict[str, Any] = {
        "id": gold_id, "lang": document.language, "kind": _kind(document), "source": document.source,
        "issued": document.issued.isoformat() if document.issued else None,
        # the reviewer saw every task the document holds: a task missing now is a task the reviewer deleted
        "exhaustive_tasks": skipped == 0,
        "text": text, "departments": departments, "collectives": collectives, "industries": industries,
        "deadlines": deadlines, "tasks": tasks, "origin": "real", "notes": " ".join(notes),
    }
    if document.issued is None:
        year = _year(text)
        if year:
            record["year"] = year
    return record


def _year(text: str) -> Optional[int]:
    found = re.search(r"(?<![0-9])((?:19|20)[0-9]{2})(?:年|\b)", text)
    return int(found.group(1)) if found and 1949 <= int(found.group(1)) <= dt.date.today().year + 1 else None


def gold_id(document: Document, *, number: int) -> str:
    """``<lang>-<kind>-reviewed-<n>``: a file name the corpus tools accept."""
    return f"{document.language}-{_kind(document)}-reviewed-{number}"
