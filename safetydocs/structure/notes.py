"""Responsibility notes: who does the work, written after it.

Running-text plans say who does what in a note after a measure or a group of measures::

    1.开展危险化学品专项整治。（负责部门：市应急管理局、市公安局）
    2.推进燃气安全排查整治。（牵头单位：市住建局；配合单位：市市场监管局）
    3.加强道路交通安全管理。（市公安局牵头，市交通运输局配合）
    （责任单位：县应急管理局；责任人：张三）        <- on its own line: for the items above it
    Responsible units: County Emergency Management Bureau

A note is a bracketed part (half- or full-width brackets) that opens with a label (牵头单位：, 责任单位：,
"Lead:") or ends a clause with a role word (牵头, 配合, 负责), or a line of its own that opens with a
label. The label words are those of ``models/<lang>/roles.yaml``. This pass finds notes on the canonical
text; which bodies a note names, and with which role, is read later, with the department mentions.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Optional

from ..resources import load_yaml

if TYPE_CHECKING:
    from .segment import Layout

Span = tuple[int, int]

_MAX_NOTE = 160  # characters inside the brackets: a note names bodies and people, never a paragraph


@dataclass(frozen=True)
class Note:
    span: Span  # brackets included
    own_line: bool  # alone on its line: it may speak for a group of items above it
    people: tuple[Span, ...] = field(default=())  # names after 责任人：/ "Responsible person:"


@lru_cache(maxsize=2)
def _patterns(language: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    roles = load_yaml(f"{language}/roles.yaml")
    labels = roles["lead_labels"] + roles["support_labels"] + roles["responsible_labels"] + roles["person_labels"]
    label = "|".join(sorted(map(re.escape, labels), key=len, reverse=True))
    people = "|".join(sorted(map(re.escape, roles["person_labels"]), key=len, reverse=True))
    flags = re.IGNORECASE if language == "en" else 0
    if language == "zh":
        markers = roles["lead_markers"] + roles["support_markers"] + roles.get("shared_markers", [])
        marker = "|".join(sorted(map(re.escape, markers), key=len, reverse=True))
        scope = "|".join(sorted(map(re.escape, roles.get("note_scope", [])), key=len, reverse=True))
        opens = re.compile(rf"\s*(?:(?:{scope})\s*)?(?:{label})\s*(?::|为)|.*(?:{marker})\s*(?:[,;]|$)", flags)
    else:
        opens = re.compile(rf"\s*(?:{label})\s*:", flags)
    scope_words = roles.get("note_scope", [])
    scope = "|".join(sorted(map(re.escape, scope_words), key=len, reverse=True)) if scope_words else None
    line_label = re.compile(rf"[ \t]*(?:(?:{scope})\s*)?(?:{label})\s*:" if scope else rf"[ \t]*(?:{label})\s*:", flags)
    person = re.compile(rf"(?:{people})\s*[:为]\s*([^;)\n]+)", flags)
    return opens, line_label, person


# One level of brackets may nest inside a note: （责任单位：各县（市、区）人民政府）.
_BRACKETED = re.compile(r"\(((?:[^()\n]|\([^()\n]{0,40}\)){2,%d})\)" % _MAX_NOTE)


def closing_note(line: str, *, language: str) -> bool:
    """The line ends with a responsibility note in brackets: 胖东来时代广场（责任单位：魏都区、市消防支队）."""
    opens = _patterns(language)[0]
    matches = list(_BRACKETED.finditer(line))
    match = matches[-1] if matches else None  # the last bracket of the line
    return (match is not None and not line[match.end():].strip(" \t:;。.") and match.start() > 0
            and "。" not in match.group(1) and opens.match(match.group(1)) is not None)


def find_notes(canon: str, *, language: str) -> list[Note]:
    """Every responsibility note of the text, in order."""
    opens, line_label, person = _patterns(language)
    found: list[Note] = []
    for match in _BRACKETED.finditer(canon):
        inside = match.group(1)
        if "。" in inside or not opens.match(inside):
            continue
        found.append(_note(canon, match.span(), person))
    taken = [note.span for note in found]
    for match in re.finditer(r"[^\n]+", canon):
        start, end = match.span()
        if not line_label.match(canon, start) or len(canon[start:end].strip()) > _MAX_NOTE:
            continue
        if any(s <= start < e for s, e in taken):
            continue
        while end > start and canon[end - 1] in " \t。.;":
            end -= 1
        found.append(_note(canon, (start + len(match.group()) - len(match.group().lstrip()), end), person))
    found.sort(key=lambda note: note.span[0])
    return found


def _note(canon: str, span: Span, person: re.Pattern[str]) -> Note:
    line_start = canon.rfind("\n", 0, span[0]) + 1
    line_end = canon.find("\n", span[1])
    line_end = len(canon) if line_end < 0 else line_end
    own_line = not canon[line_start:span[0]].strip() and not canon[span[1]:line_end].strip(" \t。.;")
    people: list[Span] = []
    for match in person.finditer(canon, span[0], span[1]):
        position = match.start(1)
        for name in re.split(r"([、,/]|\s+)", match.group(1)):
            stripped = name.strip()
            if stripped and not re.fullmatch(r"[、,/]", stripped):
                offset = canon.find(stripped, position, span[1])
                if offset >= 0:
                    people.append((offset, offset + len(stripped)))
                    position = offset + len(stripped)
    return Note(span=span, own_line=own_line, people=tuple(people))


def group_reach(layout: "Layout") -> list[tuple[Note, list[Span]]]:
    """The notes that speak for a group of items, each with the sections of the items it speaks for.

    （一）强化责任落实（牵头单位：县应急管理局）, then items 1. 2.: the note of the heading is theirs.
    1.制定工作方案。 2.建立工作台账。 （牵头单位：县应急管理局，6月底前完成） — the note lies inside item 2's
    text; item 1, a sibling above it, is spoken for too. Only a note on a line of its own that closes its
    section (no item of the section after it) and is the section's only note speaks for the group; never
    beyond the section.
    """
    notes = list(layout.notes)
    if not notes:
        return []
    headings = layout.headings
    parents = _parents(headings)
    note_starts = sorted(note.span[0] for note in notes)
    children: dict[Optional[int], list[int]] = {}
    for index, parent in enumerate(parents):
        children.setdefault(parent, []).append(index)

    def holds_note(heading) -> bool:
        at = bisect.bisect_left(note_starts, heading.line[0])
        return at < len(note_starts) and note_starts[at] < heading.end

    reach: list[tuple[Note, list[Span]]] = []
    for note in notes:
        item = _deepest_heading(headings, note.span[0])
        if item is None:
            continue
        kids = children.get(item, [])
        if kids and note.span[1] <= headings[kids[0]].line[0]:
            reach.append((note, [(headings[kids[0]].line[0], headings[item].end)]))
            continue
        if not note.own_line:
            continue
        siblings = [headings[i] for i in children.get(parents[item], [])
                    if i != item and headings[i].level == headings[item].level]
        if any(h.line[0] > headings[item].line[0] for h in siblings) or any(holds_note(h) for h in siblings):
            # Items that go on after the note, or that carry notes of their own: each item has
            # its own note (1.… 责任单位：A 2.… 责任单位：B), and this one is its item's alone.
            continue
        reach.append((note, [(heading.line[0], heading.end) for heading in siblings]))
    return reach


def _parents(headings: list) -> list[Optional[int]]:
    """The index of each heading's parent (the nearest heading above it of a lower level that holds it)."""
    parents: list[Optional[int]] = []
    stack: list[int] = []
    for index, heading in enumerate(headings):
        while stack and not (headings[stack[-1]].level < heading.level
                             and headings[stack[-1]].line[0] < heading.line[0] < headings[stack[-1]].end):
            stack.pop()
        parents.append(stack[-1] if stack else None)
        stack.append(index)
    return parents


def _deepest_heading(headings: list, offset: int) -> Optional[int]:
    """The index of the innermost heading whose section holds ``offset``."""
    best: Optional[int] = None
    for index, heading in enumerate(headings):
        if heading.line[0] > offset:
            break
        if offset < heading.end and (best is None or heading.level > headings[best].level):
            best = index
    return best
