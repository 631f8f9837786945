"""Roles: who leads and who supports each task of a document.

Each task's own words first (:mod:`.role_grammar`), then what a document says for many tasks at once: the
addressees of a letter, a note for a group of items (以上任务牵头单位：…), the subject of a demand carried over to the
actions after it, the lead-in of a list, a table whose header was flattened into its rows.
"""
from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, Optional

from ..model import Assignment
from .departments import Mention, mentions_within
from .role_grammar import (
    _EN_THEY, _EVIDENCE, _ZH_BARE_MODAL, _ZH_DEMAND_MODAL, _ZH_FIRST_ITEM, _ZH_ISSUER_ITSELF, _ZH_ITEM_OPENING,
    _ZH_LATER_MODAL_ITEM, _en_speaker_itself, _leads, _letter_body_end, _letter_body_start, _markers,
    _zh_unread_subject, addressed_to, assign_roles, bare_note, first_listed_leads, lead_in_leads,
    list_lead_in, same_paragraph,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..structure.segment import Layout

Span = tuple[int, int]


def assign_task_roles(canon: str, *, candidates: list, mentions: list[Mention], addressees: list[Mention],
                      language: str, layout: Optional["Layout"] = None,
                      deadline_spans: Optional[list[Span]] = None) -> list[list[Assignment]]:
    """The assignments of each task candidate, in order.

    A task's own markers first; then, for a notice speaking to its addressees (你们, "Please"),
    the addressees. The subject of a demand carries over to the actions listed after it in the
    same sentence ("All regions must …, and solidly promote …"), and in Chinese to the next
    demand of the paragraph, which drops it (各级各相关部门要…。特别是在整改期间要加强巡查值守) —
    one step only: a subject is not carried on through a whole paragraph.
    """
    from .tasks import starts_new_item

    out: list[list[Assignment]] = []
    inherited: set[int] = set()
    letter = _letter_body_start(canon, addressees=addressees, language=language)
    letter_from = letter[0] if letter else None
    letter_to = _letter_body_end(canon, letter_from) if letter_from is not None else len(canon)
    first_leads = first_listed_leads(canon, language)
    letter_demands: list[int] = []
    flattened = _flattened_header(canon, language)
    for index, candidate in enumerate(candidates):
        assignments = assign_roles(canon, task_span=candidate.span, mentions=mentions, language=language,
                                   columns=candidate.columns or None, first_leads=first_leads)
        if flattened and candidate.origin == "numbered":
            assignments = _flattened_row_roles(canon, candidate.span, mentions, assignments, language)
        if not assignments and candidate.sentence and candidate.sentence[0] < candidate.span[0]:
            # "各地要重点抓好三项工作：一是…，二是…": the subject of the words that introduce a list of
            # demands leads each of them.
            colon = canon.rfind(":", candidate.sentence[0], candidate.span[0])
            if colon <= candidate.sentence[0] and language == "zh":
                # "对各部门提出五点要求，一是…；二是…": a comma before the enumeration's first item closes its lead-in
                # and so does a modal right before it: 要求各科室、各单位要一是…；二是…
                first = _ZH_FIRST_ITEM.search(canon, candidate.sentence[0], candidate.span[0] + 3)
                colon = first.start() - 1 if first and canon[first.start() - 1] in ",要须" else -1
            if colon > candidate.sentence[0]:
                clause_start = max(canon.rfind(mark, candidate.sentence[0], colon) for mark in ",;") + 1
                assignments = lead_in_leads(canon, (max(clause_start, candidate.sentence[0]), colon + 1),
                                            mentions=mentions, language=language)
        if not assignments:
            assignments = bare_note(canon, task_span=candidate.span, mentions=mentions,
                                    deadline_spans=deadline_spans or [], language=language)
        if not assignments and layout is not None:
            lead_in = list_lead_in(canon, candidate.span, layout=layout)
            if lead_in is not None:
                assignments = lead_in_leads(canon, lead_in, mentions=mentions, language=language)
        if not assignments:
            assignments = addressed_to(canon, task_span=candidate.span, addressees=addressees, language=language)
        if not assignments and language == "en":
            assignments = _en_speaker_itself(canon, candidate, mentions)
        previous = candidates[index - 1] if index else None
        if (not assignments and previous is not None and language == "en" and out[-1]
                and _EN_THEY.match(canon, candidate.span[0]) and same_paragraph(canon, previous.span, candidate.span)):
            # "They must identify and rectify all risks": the bodies that led the demand before.
            assignments = [a.model_copy(update={"confidence": min(a.confidence, 0.5)})
                           for a in out[-1] if a.role == "lead"]
        if (not assignments and previous is not None and candidate.origin == "directive"
                and previous.origin == "directive" and not starts_new_item(canon, candidate.span)
                and not (language == "zh" and _zh_unread_subject(canon, candidate.span))):
            same_sentence = candidate.sentence == previous.sentence
            if same_sentence or (language == "zh" and (index - 1 not in inherited
                                                       or _ZH_BARE_MODAL.match(canon, candidate.span[0]))
                                 and same_paragraph(canon, previous.span, candidate.span)):
                assignments = [a.model_copy(update={"confidence": min(a.confidence, 0.5)})
                               for a in out[-1] if a.role == "lead"]
                if assignments and not same_sentence:
                    inherited.add(index)
        if not assignments and previous is not None and out[-1] and (
                (candidate.origin == "numbered" and _ZH_ITEM_OPENING.match(canon, candidate.span[0]))
                or (candidate.origin == "directive" and _ZH_LATER_MODAL_ITEM.match(canon, candidate.span[0]))) \
                and not canon[previous.span[1]:candidate.span[0]].strip():
            # "一、各系要加强学生的安全管理。一是…；二是…": the parts of an item's enumeration are done by the
            # subject of the words that announce them, or of the part before
            assignments = [a.model_copy(update={"confidence": min(a.confidence, 0.5)})
                           for a in out[-1] if a.role == "lead"]
            inherited.add(index)  # carried on to the next part, but no further by the plain carry below
        if not assignments and letter_from is not None and letter_from <= candidate.span[0] < letter_to \
                and candidate.origin in ("directive", "numbered") \
                and not _ZH_ISSUER_ITSELF.search(canon, *(candidate.sentence or candidate.span)):
            # "现将…转发给你们，并提出如下要求：…一、要…": a letter's demands that name no one are its addressees'
            # — decided once the whole letter is read (below).
            letter_demands.append(index)
        out.append(assignments)
    if layout is not None:
        _apply_group_notes(canon, candidates=candidates, assignments=out, mentions=mentions, language=language,
                           layout=layout)
    _apply_letter_addressees(canon, candidates, assignments=out, pending=letter_demands, addressees=addressees,
                             spoken_to=bool(letter and letter[1]))
    return out


def _flattened_header(canon: str, language: str) -> bool:
    """A task table copied out of its grid, one cell to a line: a line that is a lead column's header (牵头单位),
    then, within a few lines, one that is a support column's (配合单位). Its rows follow in the same order: the
    task, then the line of its lead units, then the line of its supporting units."""
    markers = _markers(language)
    lines = [line.strip() for line in canon.split("\n") if line.strip()]
    leads, supports = set(markers["lead_labels"]), set(markers["support_labels"])
    return any(line in leads and any(later in supports for later in lines[number + 1:number + 4])
               for number, line in enumerate(lines))


def _flattened_row_roles(canon: str, span: Span, mentions: list[Mention], assignments: list[Assignment],
                         language: str) -> list[Assignment]:
    """The cells of a flattened row after its task's words (see :func:`_flattened_header`): a line of names alone
    is the lead column, the next line of names the support column; a lead line that says so (县自然资源局牵头) is
    read by the role rules, and the line after it is still the support column."""
    lines = []
    position = span[0]
    for line in canon[span[0]:span[1]].split("\n"):
        lines.append((position, position + len(line)))
        position += len(line) + 1
    cells = []  # the trailing lines that hold names and no other words
    for start, end in reversed(lines[1:]):
        if not canon[start:end].strip():
            continue
        inside = mentions_within(mentions, start, end)
        rest = canon[start:end]
        for mention in inside:
            rest = rest.replace(canon[mention.span[0]:mention.span[1]], " ")
        rest = re.sub(r"[\s、,;和及与]|等(?:有关)?(?:部门|单位)?|牵头", "", rest)
        if not inside or rest:
            break
        cells.insert(0, inside)
    if not cells or len(cells) > 2:
        return assignments
    have = {a.department for a in assignments}
    out = list(assignments)
    roles = ["lead", "support"] if len(cells) == 2 else (["support"] if any(a.role == "lead" for a in assignments)
                                                           else ["lead"])
    for cell, role in zip(cells, roles):
        for mention in cell:
            if mention.name not in have:
                have.add(mention.name)
                out.append(Assignment(department=mention.name, mention=mention.text, role=role, span=mention.span,
                                      confidence=_EVIDENCE["bare_note"]))
    return out


def _apply_letter_addressees(canon: str, candidates: list, *, assignments: list[list[Assignment]], pending: list[int],
                             addressees: list[Mention], spoken_to: bool) -> None:
    """A letter's demand that names no one is its addressees': unless a note gave it its bodies, or its
    section names who does the section's work (一、… 电力企业要…): then the addressees are not its doers. A letter
    whose cover does not speak to them (你们) gives them only what it asks with a modal or an adverb of urgency
    (二、督察对象… asks nothing)."""
    if not pending:
        return
    pending_set = set(pending)
    section_leads: dict[str, list[frozenset[str]]] = {}
    for index, candidate in enumerate(candidates):
        if index not in pending_set and candidate.section and assignments[index]:
            section_leads.setdefault(candidate.section, []).append(
                frozenset(a.department for a in assignments[index] if a.role == "lead"))
    for index in pending:
        section = candidates[index].section
        if assignments[index]:
            continue
        if section in section_leads:
            leads = set(section_leads[section])
            if len(leads) == 1:
                donor = next(i for i, c in enumerate(candidates) if c.section == section and i not in pending_set
                             and assignments[i])
                assignments[index].extend(a.model_copy(update={"confidence": 0.4})
                                          for a in assignments[donor] if a.role == "lead")
            continue
        if not spoken_to and not _ZH_DEMAND_MODAL.search(canon, *candidates[index].span):
            continue  # 二、督察对象…: what the letter tells of, not what it asks of them
        assignments[index].extend(_leads(addressees, confidence=0.4))


def _apply_group_notes(canon: str, *, candidates: list, assignments: list[list[Assignment]],
                       mentions: list[Mention], language: str, layout: "Layout") -> None:
    """A note that heads a group of items, or closes it on a line of its own, speaks for each item
    (structure.notes.group_reach says which)."""
    from ..structure.notes import group_reach

    candidate_starts = [candidate.span[0] for candidate in candidates]
    first_leads = first_listed_leads(canon, language)
    for note, sections in group_reach(layout):
        roles = assign_roles(canon, task_span=note.span, mentions=mentions, language=language,
                             first_leads=first_leads)
        if not roles:
            continue
        for start, end in sections:
            for index in range(bisect.bisect_left(candidate_starts, start), bisect.bisect_left(candidate_starts, end)):
                have = {(a.department, a.role) for a in assignments[index]}
                assignments[index].extend(a for a in roles if (a.department, a.role) not in have)
                for person in note.people:
                    if person not in candidates[index].people:
                        candidates[index].people.append(person)


