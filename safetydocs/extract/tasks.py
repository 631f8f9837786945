"""Tasks: numbered items, task-table rows and directive sentences.

Three sources, in this order of trust:

* a row of a task-division table (its task column, with lead / support /
  deadline columns alongside);
* a numbered item with no sub-items (1. ... / （一）... ), title and body
  together, unless its heading is framing (指导思想, 工作目标...);
* in running text, a sentence or clause carrying a directive cue (要, 必须,
  must, should...), found on spaCy tokens so that 要 in 重要 or 主要 is no cue.

Cue words live in ``models/<lang>/tasks.yaml``.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable, Optional

from ..ingest.base import Table
from ..analysis import phrase_matcher
from ..resources import load_yaml
from ..structure.segment import Heading, Layout, clauses, item_marker_end, sentences
from .role_grammar import opens_with_subject, subject_starts

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from ..analysis import Analysis
    from .task_classifier import TaskClassifier

Span = tuple[int, int]


@dataclass
class TaskCandidate:
    span: Span
    origin: str  # "table_row" | "numbered" | "directive"
    confidence: float
    section: Optional[str] = None
    title: Optional[Span] = None
    # Table rows: the cells by role, so assignments and deadlines come from their columns.
    columns: dict[str, list[Span]] = field(default_factory=dict)
    sentence: Optional[Span] = None  # running text: the sentence the demand belongs to
    kind: str = "task"  # or "problem": a problem to fix, from a 问题清单
    number: Optional[Span] = None  # the item's number as written (a table's 序号 cell)
    category: Optional[str] = None  # a table's category cell: the task's section
    people: list[Span] = field(default_factory=list)  # named people responsible (责任人)


@lru_cache(maxsize=2)
def _cues(language: str) -> dict:
    return load_yaml(f"{language}/tasks.yaml")


# 一是…二是…, 一要…二要… (the enumerated demands of a speech), 第一…第二…, 其一…其二…
_ENUMERATED = re.compile(r"(?:^|(?<=[;。:,]))\s*(?:[一二三四五六七八九十]+(?:是|要(?!求))|第[一二三四五六七八九十]+,|其[一二三四五六七八九十],)")


def find_tasks(text: str, *, canon: str, language: str, layout: Layout, tables: list[Table],
               doc: Optional["Analysis"] = None, deadline_spans: Optional[list[Span]] = None,
               classifier: Optional["TaskClassifier"] = None) -> list[TaskCandidate]:
    """Task candidates in text order. ``doc`` is the analysed text (see :func:`safetydocs.analysis.analyse`);
    ``classifier``: a trained running-text classifier to use instead of the shipped one."""
    if doc is None:
        from ..analysis import analyse

        doc = analyse(text, canon, language=language)
    from ..analysis import MENTIONS

    mentions = doc.user_data.get(MENTIONS) or []
    found, covered = structural_tasks(canon, language=language, layout=layout, tables=tables, mentions=mentions)
    pieces = running_pieces(canon, doc=doc, language=language, layout=layout, covered=covered,
                            deadline_spans=deadline_spans)
    found.extend(_decide(pieces, language=language, classifier=classifier))
    found.sort(key=lambda c: c.span[0])
    problem_regions = _problem_regions(canon, layout, language)
    note_starts = [note.span[0] for note in layout.notes]  # in text order
    section_path = _section_paths(layout)
    for candidate in found:
        candidate.section = candidate.category or section_path(candidate.span[0])
        if candidate.origin == "numbered" and _inside(candidate.span, problem_regions):
            candidate.kind = "problem"
        first = bisect.bisect_left(note_starts, candidate.span[0])
        last = bisect.bisect_left(note_starts, candidate.span[1])
        for note in layout.notes[first:last]:
            if note.span[1] <= candidate.span[1]:
                candidate.people.extend(p for p in note.people if p not in candidate.people)
    return found


def structural_tasks(canon: str, *, language: str, layout: Layout, tables: list[Table],
                     mentions: Optional[list] = None) -> tuple[list[TaskCandidate], list[Span]]:
    """Tasks given by the layout (table rows, numbered items), and the regions they cover."""
    cues = _cues(language)
    found: list[TaskCandidate] = []
    covered: list[Span] = []
    from .table_tasks import table_plans

    for table, plan in zip(tables, table_plans(canon, tables, language=language)):
        rows = _table_tasks(canon, table, language, mentions or [], plan) if plan is not None else []
        if rows:
            found.extend(rows)
            covered.append(table.span)
    task_tables = list(covered)
    field_parents = _field_parents(canon, layout, cues)
    framing = _framing_headings(canon, layout, cues)
    for heading in layout.headings:
        if heading in field_parents:
            span = _trim_signature(canon, _trim(canon, heading.line[0], heading.end))
            found.append(TaskCandidate(span=span, origin="numbered", confidence=0.8,
                                       title=_title_span(canon, heading, language)))
            covered.append(span)
            continue
        if heading.children or _inside(heading.line, covered):
            continue
        if heading.line[0] in framing:
            continue
        if _gives_no_work(canon, heading, language):
            continue  # "一、活动主题 关爱生命", "1、未履行审批手续的。": the facts of an activity, or a circumstance
        if _defines(canon, (heading.body_start, heading.end), language):
            continue  # "第十二条 本条例所称生产经营单位，是指…": a definition gives no one work
        if _describes_itself(canon, (heading.body_start, heading.end), language) \
                and not _strong_cue(language).search(canon, heading.body_start, heading.end):
            continue  # "第一条 为…，制定本办法。", "第二条 本规定适用于…": the document's purpose or scope
        if _is_bare_heading(canon, heading) and not canon[heading.line[1]:heading.end].strip() \
                and not _names_work(canon, heading):
            continue  # "第三章 监督管理", "II. Main Tasks": a title with nothing under it
        if any(heading.line[0] < s < heading.end for s, _ in task_tables):
            continue  # "二、任务分工" over a task table: its rows are the tasks
        if _is_bare_heading(canon, heading) and _demands_for_several(canon, heading, language):
            continue  # "二、突出重点领域" over paragraphs of demands to different bodies: each is a task
        span = _trim_signature(canon, _trim(canon, heading.line[0], heading.end))
        covered.append(span)
        # One item, but separate bodies given separate work (A要…；B负责…，C每月…): one task each.
        # The body that opens the item (after its number and title) is the first task's subject, not a cut.
        title = _title_span(canon, heading, language)
        opening = _trim(canon, max(heading.body_start, title[1] if title else span[0]), span[1])[0]
        opening = item_marker_end(canon, opening, language=language)
        starts = subject_starts(canon, span=span, mentions=mentions or [], language=language)
        cuts = [c for c in starts if c > opening and (title is None or c >= title[1])]
        if cuts and opening not in starts and not canon[opening:cuts[0]].rstrip().endswith(("。", ";")):
            # The item opens without a subject: a body after a comma (会议要求,市住建局要…) is the subject of
            # the item's first demand; only one that opens a new sentence gives a second doer its own task.
            cuts = cuts[1:]
        if language == "zh":
            # An enumeration inside the item (…要加强管理。一是…；二是…；三是…): each of its parts is a task, as in
            # running text (corpus/gold/CONVENTIONS.md: a sentence is split at 一是/二是).
            parts = [m.end() - len(m.group().lstrip()) for m in _ENUMERATED.finditer(canon, opening, span[1])]
            if len(parts) >= 2 and canon[parts[0]] == "一":
                cuts = sorted(set(cuts) | {p for p in parts if p > span[0]})
        bounds = [span[0], *cuts, span[1]]
        for number, (start, end) in enumerate(zip(bounds, bounds[1:])):
            piece = _trim(canon, start, end)
            found.append(TaskCandidate(span=piece, origin="numbered", confidence=0.85 if number == 0 else 0.75,
                                       title=_title_span(canon, heading, language) if number == 0 else None))
    return found, covered


def _problem_regions(canon: str, layout: Layout, language: str) -> list[Span]:
    """Where numbered items are problems to fix: under a heading, or a document title, that names a
    problem list (问题清单, 隐患清单, 问题台账)."""
    from .table_tasks import vocabulary

    words = tuple(w.lower() for w in vocabulary(language).get("problem_titles", []))
    regions = []
    for heading in layout.headings:
        title = canon[heading.body_start:heading.line[1]].lower()
        if len(title) <= 40 and any(word in title for word in words):
            regions.append((heading.line[0], heading.end))
    if layout.lines and not regions:
        # A document titled as a list (…问题清单, …隐患台账), not one that only reports problems found.
        lists = tuple(w.lower() for w in vocabulary(language).get("problem_list_titles", []))
        first = layout.lines[0]
        opening = canon[first[0]:first[1]].strip().lower()
        if len(opening) <= 60 and not any(h.line == first for h in layout.headings) \
                and any(word in opening for word in lists):
            regions.append((first[0], len(canon)))
    return regions


class _Regions:
    """Spans to test "inside one of them" by bisection: a scan per line made long plans quadratic."""

    def __init__(self, regions: list[Span]) -> None:
        ordered = sorted(regions)
        self.starts = [s for s, _ in ordered]
        self.reach: list[int] = []  # the furthest end among the regions starting at or before each
        for _, end in ordered:
            self.reach.append(max(end, self.reach[-1]) if self.reach else end)

    def holds(self, span: Span) -> bool:
        at = bisect.bisect_right(self.starts, span[0]) - 1
        return at >= 0 and self.reach[at] >= span[1]


def _inside(span: Span, regions: list[Span]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in regions)


def _trim(canon: str, start: int, end: int) -> Span:
    while start < end and canon[start].isspace():
        start += 1
    while end > start and canon[end - 1].isspace():
        end -= 1
    return (start, end)


def _title_span(canon: str, heading: Heading, language: str) -> Optional[Span]:
    """"1.广泛开展专题宣传教育培训。…": the first sentence of an item is its title."""
    first = sentences(canon, (heading.body_start, heading.line[1]), language=language)
    return first[0] if first else None


def _field_parents(canon: str, layout: Layout, cues: dict) -> list[Heading]:
    """Items whose sub-items are the fields of one activity (时间： 内容： 牵头单位： / Time: Content:)."""
    labels = tuple(label.lower() for label in cues.get("field_labels", []))
    parents = []
    for index, heading in enumerate(layout.headings):
        if not heading.children:
            continue
        children = [h for h in layout.headings[index + 1:]
                    if h.level == heading.level + 1 and heading.line[0] < h.line[0] < heading.end]
        fields = [h for h in children
                  if re.match(r"\s*(?:" + "|".join(map(re.escape, labels)) + r")\s*:", canon[h.body_start:h.line[1]].lower())]
        if children and len(fields) * 2 > len(children):
            parents.append(heading)
    return parents


def _framing_headings(canon: str, layout: Layout, cues: dict) -> set[int]:
    """The line starts of the headings whose section is framing text (guiding ideas, goals, principles): its own
    title names it, or a parent's does. One pass, the open parents on a stack (a long plan has thousands)."""
    words = cues["framing_titles"]

    def names_framing(heading: Heading) -> bool:
        title = canon[heading.body_start:heading.line[1]][:24].lower()
        return any(word in title for word in words)

    found: set[int] = set()
    open_: list[tuple[Heading, bool]] = []  # (heading, it or a parent of it names framing)
    for heading in sorted(layout.headings, key=lambda h: h.line[0]):
        while open_ and not (open_[-1][0].line[0] < heading.line[0] < open_[-1][0].end):
            open_.pop()
        # a parent: a heading of a lower level whose section holds this one
        parents = [framing for parent, framing in open_ if parent.level < heading.level]
        framing = names_framing(heading) or any(parents)
        if framing:
            found.add(heading.line[0])
        open_.append((heading, names_framing(heading) or any(parents)))
    return found


_TITLE = re.compile(r"[^:。.]*")  # an item's words before its first colon or full stop


def _gives_no_work(canon: str, heading: Heading, language: str) -> bool:
    """A numbered item that gives no one work, having no strong directive: a fact of an activity under a title
    that names it (活动主题, 演练地点：…, 二、时间安排 即日起至6月30日), or one circumstance of a list
    (有下列情形之一的：1、未履行审批手续的。), a clause the particle 的 turns into a noun."""
    title_end = _TITLE.match(canon, heading.body_start, heading.line[1]).end()
    title = canon[heading.body_start:title_end].strip()
    rest = canon[title_end:heading.end]
    if len(title) <= 12 and _fact_title(language).search(title) and not _strong_cue(language).search(rest):
        return True
    text = canon[heading.body_start:heading.end].strip()
    if _CLOCK_OPENING.match(text) and not _strong_cue(language).search(text):
        return True  # 9 时 01 分，消防监控室接到报警后… / "09:15 The team arrived": a timeline of events, not work
    return (language == "zh" and bool(re.search(r"的[。;,]?$", text)) and "\n" not in text
            and not _strong_cue(language).search(text))


# An item that opens with a time of day records when something happened (a drill's or an accident's timeline).
_CLOCK_OPENING = re.compile(r"(?:上午|下午|晚上|凌晨|中午)?\s*[0-9]{1,2}\s*(?:时\s*[0-9]{1,2}\s*分|[:：][0-9]{2}\b|时(?![间限段期]))")


@lru_cache(maxsize=2)
def _fact_title(language: str) -> re.Pattern[str]:
    heads = "|".join(map(re.escape, _cues(language).get("fact_titles", [])))
    return re.compile(rf"(?:{heads})$" if language == "zh" else rf"\b(?:{heads})$", re.IGNORECASE)


@lru_cache(maxsize=2)
def _strong_cue(language: str) -> re.Pattern[str]:
    words = "|".join(sorted(map(re.escape, _cues(language)["strong_directives"]), key=len, reverse=True))
    return re.compile(rf"(?:{words})" if language == "zh" else rf"\b(?:{words})\b", re.IGNORECASE)


def _section_paths(layout: Layout) -> Callable[[int], Optional[str]]:
    """The section path at any offset of one layout: the deepest heading whose section holds the offset, found by
    bisection and a short walk back instead of a look at every heading."""
    headings = sorted(layout.headings, key=lambda h: (h.line[0], -h.end))
    starts = [h.line[0] for h in headings]
    top = min((h.level for h in headings), default=0)

    def path(offset: int) -> Optional[str]:
        best: Optional[Heading] = None
        for index in range(bisect.bisect_right(starts, offset) - 1, -1, -1):
            heading = headings[index]
            if offset < heading.end and (best is None or heading.level > best.level):
                best = heading
            if heading.level <= top:
                break  # a top-level heading: the sections before it end where it starts
        return best.path if best else None

    return path


# ------------------------------------------------------------------ tables
def _table_tasks(canon: str, table: Table, language: str, mentions: list, plan) -> list[TaskCandidate]:
    from .table_tasks import table_items

    return [TaskCandidate(span=item.span, origin="table_row", confidence=0.95, title=item.title,
                          columns=item.cells, kind=item.kind, number=item.number, category=item.category,
                          people=item.people or [])
            for item in table_items(canon, table, language=language, mentions=mentions, plan=plan)]


# ------------------------------------------------------------ running text
def _cue_tokens(doc: "Doc", matcher: Any) -> list[int]:
    """Token indices where a cue phrase starts, over the whole (spaCy) document at once."""
    return sorted(start for _, start, _ in matcher(doc))


@lru_cache(maxsize=4)
def _zh_cue_pattern(key: str) -> re.Pattern[str]:
    cues = _cues("zh")
    words = "|".join(sorted(map(re.escape, cues[key]), key=len, reverse=True))
    not_words = "|".join(sorted(map(re.escape, cues["opener_not_words"]), key=len, reverse=True))
    return re.compile(rf"(?!{not_words})(?:{words})")


def _zh_cue_tokens(canon: str, token_starts: list[int], key: str) -> list[int]:
    """Token indices where a Chinese cue word of ``key`` begins a word (a token starts there)."""
    starts = set(token_starts)
    out = []
    for match in _zh_cue_pattern(key).finditer(canon):
        if match.start() in starts:
            out.append(bisect.bisect_left(token_starts, match.start()))
    return sorted(set(out))


@dataclass
class Piece:
    """A sentence or clause of running text, with what the rules and the classifier need."""

    span: Span
    sentence: Span
    tokens: list[str]
    rule: Optional[float]  # the rules' confidence that it is a demand, None when they say no
    cue_in_sentence: bool = False  # an earlier piece of the sentence carries the demand word
    background: bool = False  # reports the past or praises (取得成效, "was held"): never a task
    subject: bool = False  # opens with a body or group that does its work (县应急局负责…, 各乡镇要…)
    explicit: bool = False  # opens with a demand word (严禁…, 要…, 确保…, "It is necessary to …"): never vetoed


def running_pieces(canon: str, *, doc: "Analysis", language: str, layout: Layout, covered: list[Span],
                   deadline_spans: Optional[list[Span]] = None) -> list[Piece]:
    """Sentences and clauses outside numbered items and tables, scored by the cue-word rules.

    ``deadline_spans``: where the deadlines stand (extract.deadlines); actions of one subject are cut
    apart only where each has its own deadline."""
    from ..analysis import MENTIONS
    from .role_grammar import attends_meeting

    cues = _cues(language)
    mentions = doc.user_data.get(MENTIONS) or []
    mention_starts = [m.span[0] for m in mentions]
    spans: list[tuple[Span, Span]] = []  # (piece, its sentence)
    note_lines = {note.span[0] for note in layout.notes if note.own_line}
    headings_at: dict[Span, list[Heading]] = {}
    for heading in layout.headings:
        headings_at.setdefault(heading.line, []).append(heading)
    regions = _Regions(covered)
    measure_lines = _measure_items(canon, layout.lines) if language == "en" else set()
    for line in _text_lines(canon, layout.lines):
        if regions.holds(line):
            continue
        if _trim(canon, *line)[0] in note_lines:
            continue  # (牵头单位：…) on its own line says who does the work above; it is no demand
        if any(h.children or _is_bare_heading(canon, h) or _titles_its_section(canon, h)
               for h in headings_at.get(line, ())):
            continue  # a heading with sub-items, or a bare title line, is not a task
        if _is_title_line(canon[line[0]:line[1]], cues) or _SIGNATURE_LINE.match(canon[line[0]:line[1]]):
            continue  # a title, a signature, a date, a contact or copy line
        if _is_address_line(canon, line, mentions, mention_starts):
            continue  # 各县区应急局，高新区安监局…： names whom the notice speaks to; it asks nothing itself
        line_sentences = sentences(canon, line, language=language)
        line_spans: list[tuple[Span, Span]] = []
        for number, sentence in enumerate(line_sentences):
            if regions.holds(sentence):
                continue
            if (language == "zh" and number == 0 and len(line_sentences) > 1
                    and _topic_sentence(canon, sentence, mentions)):
                continue  # "要紧盯道路交通安全。" over the demands of its paragraph: their title
            for piece in _split_demands(canon, sentence, language=language):
                line_spans.extend((part, sentence)
                                  for part in _split_actions(canon, piece, mentions, language, deadline_spans or []))
        spans.extend(_join_part_titles(canon, line_spans) if language == "zh" else line_spans)
    if not spans:
        return []
    words = doc.words_over(span for span, _ in spans)  # Chinese: only the lines that hold a piece are segmented
    token_starts = words.starts
    if language == "zh":
        # On characters, where a word begins: jieba glues a cue to the next word (切实加强, 要于, 请市), and
        # 要 inside 重要 or 主要 begins no word.
        strong = _zh_cue_tokens(canon, token_starts, "strong_directives")
        weak = _zh_cue_tokens(canon, token_starts, "directives")
        background = _zh_cue_tokens(canon, token_starts, "background")
    else:
        strong = _cue_tokens(doc.doc, phrase_matcher(language, "strong", tuple(cues["strong_directives"])))
        weak = _cue_tokens(doc.doc, phrase_matcher(language, "weak", tuple(cues["directives"])))
        background = _cue_tokens(doc.doc, phrase_matcher(language, "background", tuple(cues["background"])))
    pieces: list[Piece] = []
    demand_sentences: set[Span] = set()
    for span, sentence in spans:
        if canon[span[1] - 1] == ":" or (language == "zh" and _FIRST_ENUMERATED.match(canon, span[1])
                                          and _ANNOUNCES_DEMANDS.search(canon, span[0], span[1])):
            # "提出四点要求：" introduces the demands that follow; it is not one. Clauses before it are:
            # "福鼎市政府要高度重视，…，并提出三点具体要求：" keeps "福鼎市政府要高度重视，…". So does a comma right
            # before an enumeration's first item (对各部门提出五点要求，一是…).
            comma = canon.rfind(",", span[0], span[1] - 1)
            if comma <= span[0]:
                continue
            span = (span[0], comma)
        first = bisect.bisect_left(token_starts, span[0])
        last = bisect.bisect_left(token_starts, span[1])
        if last - first < 4:
            continue
        # Cue positions by bisection: scanning every cue for every sentence made long plans quadratic.
        strong_hits = _between(strong, first, last)
        weak_hits = _between(weak, first, last)
        background_hits = _between(background, first, last)
        rule: Optional[float] = None
        # A background word before every demand word means a report of the past; in English one after the demand
        # word is what the demand is about ("will provide assistance to the families of the deceased and injured").
        # (A Chinese clause states its result after its verb: 通过整治，安全水平显著提升 — a result, no demand.)
        cue_hits = strong_hits + weak_hits if language == "en" else strong_hits
        reports_past = bool(background_hits) and (not cue_hits or min(background_hits) < min(cue_hits))
        if strong_hits:
            if not (background_hits and min(background_hits) < min(strong_hits) and not weak_hits):
                rule = 0.75
        elif weak_hits and min(_after_time_frame(canon, span, weak_hits, token_starts, first, language)) <= 3 \
                and not (reports_past if language == "en" else background_hits):
            rule = 0.55  # an imperative: the clause opens with a directive verb
        elif language == "en" and not background_hits and _en_imperative(canon, span):
            rule = 0.55  # "Fourth, promptly close all unsafe crossings": a verb of no list, before its object
        cue_in_sentence = sentence in demand_sentences and span[0] > sentence[0]
        if rule is None and language == "en" and cue_in_sentence:
            # English states the demand once for a list of actions ("All regions must adhere
            # to …, thoroughly investigate …, and solidly promote …").
            rule = 0.5
        if strong_hits:
            demand_sentences.add(sentence)
        tokens = words.lowered(first, last)
        subject = opens_with_subject(canon, span=span, mentions=mentions, language=language)
        if _describes_itself(canon, span, language):
            continue  # "本方案共分为五个部分…", "This plan consists of …": the document describing itself
        explicit = opens_with_demand(canon, span, language=language) or _assigns_roles(
            canon, span, mentions, language) or (
            weak_hits and min(weak_hits) == _opening_token(canon, span, token_starts, first, language)
            and not background_hits and not _reports(canon, span, language)) or (
            language == "en" and not background_hits and bool(_EN_PASSIVE_DEMAND.search(canon, span[0], span[1])))
        if not explicit and language == "en" and cue_in_sentence and not background_hits:
            # "All regions must adhere to …, thoroughly investigate …, and solidly promote …": an action of the
            # modal's own list of verbs is as explicit as the first (a conjunction may open it).
            joiner = re.compile(r"\s*(?:and|or)\s+", re.IGNORECASE).match(canon, span[0], span[1])
            explicit = _en_imperative(canon, (joiner.end(), span[1]) if joiner else span)
        if not explicit and language == "en" and span[0] in measure_lines and not background_hits \
                and _en_verb_opening(canon, span):
            # "… measures, which include: * Reducing heat exposure … * Adjusting rest breaks …": each measure of
            # a list a demand introduces, opening with its verb, is a demand of its own
            explicit = True
        if explicit and rule is None:
            rule = 0.75
        pieces.append(Piece(span=span, sentence=sentence, tokens=tokens, rule=rule, cue_in_sentence=cue_in_sentence,
                            background=(rule is None and (reports_past or _reports(canon, span, language)))
                            or attends_meeting(canon, span, language=language),
                            subject=subject, explicit=explicit))
    _parallel_items(canon, pieces)
    return pieces


# The short title of a part of an enumeration (一是加强宣传，营造浓厚氛围。), closed by its own full stop.
_PART_TITLE = re.compile(r"\s*[一二三四五六七八九十]+是[^,;。]{2,12}(?:,[^,;。]{2,12})?。\s*$")


def _join_part_titles(canon: str, line_spans: list[tuple[Span, Span]]) -> list[tuple[Span, Span]]:
    """A part of an enumeration that opens with a title sentence (一是加强宣传，营造浓厚氛围。必须做到…；二是…)
    is one demand with its title, as a numbered item is (corpus/gold/CONVENTIONS.md: a sentence is split at
    一是/二是, not inside a part): the title joins the piece after it. ``line_spans``: (piece, sentence) in order."""
    out: list[tuple[Span, Span]] = []
    index = 0
    while index < len(line_spans):
        (start, end), sentence = line_spans[index]
        if index + 1 < len(line_spans) and _PART_TITLE.match(canon, start, end):
            (_, next_end), next_sentence = line_spans[index + 1]
            if not _ENUMERATED.match(canon, line_spans[index + 1][0][0]):
                out.append(((start, next_end), (min(sentence[0], next_sentence[0]), next_sentence[1])))
                index += 2
                continue
        out.append(line_spans[index])
        index += 1
    return out


def _parallel_items(canon: str, pieces: list[Piece]) -> None:
    """The items of one enumeration (一是…；二是…；三是…) are of one kind: when one of them is an explicit demand,
    so is each sibling, whatever the rules read in it (二是严查超载超限) — unless it reports the past."""
    by_sentence: dict[Span, list[Piece]] = {}
    for piece in pieces:
        if starts_new_item(canon, piece.span):
            by_sentence.setdefault(piece.sentence, []).append(piece)
    for items in by_sentence.values():
        if len(items) < 2 or not any(item.explicit for item in items):
            continue
        for item in items:
            if not item.background:
                item.rule, item.explicit = max(item.rule or 0.0, 0.55), True


def _opening_prefix(language: str) -> str:
    """What may stand before a clause's own words: an enumerator (一是, 一 of 一要, 第一，) and connectives
    (同时, "In addition,")."""
    connective = "|".join(sorted(map(re.escape, _cues(language)["connectives"]), key=len, reverse=True))
    if language == "zh":
        enumerator = r"(?:[一二三四五六七八九十]+(?:是|(?=要))|第[一二三四五六七八九十]+,?|其[一二三四五六七八九十],?)?"
        return rf"{enumerator}(?:(?:{connective}),?)*"
    return rf"(?:(?:{connective}),?\s+)*"


def _en_imperative(canon: str, span: Span) -> bool:
    """An English clause that opens (after its number or an ordinal connective, and adverbs) with a word
    followed by a determiner, which no function word is: the imperative of any verb (close all …, designate a …)."""
    start = item_marker_end(canon, span[0], language="en")
    match = _en_imperative_opening().match(canon, start, span[1])
    return bool(match) and match.group(1).lower() not in _en_function_words()


@lru_cache(maxsize=1)
def _en_imperative_opening() -> re.Pattern[str]:
    adverbs = "|".join(map(re.escape, _cues("en")["action_adverbs"]))
    return re.compile(rf"\s*{_opening_prefix('en')}(?:(?:\w+ly|{adverbs})\s+)*([a-z]+)\s+"
                      r"(?:all|the|a|an|every|each|any|its|their|these|those|our|your)\s", re.IGNORECASE)


@lru_cache(maxsize=1)
def _en_function_words() -> frozenset[str]:
    return frozenset(_cues("en")["function_words"])


@lru_cache(maxsize=2)
def _demand_opener(language: str) -> re.Pattern[str]:
    cues = _cues(language)
    opener = "|".join(sorted(map(re.escape, cues["demand_openers"]), key=len, reverse=True))
    if language == "zh":
        not_words = "|".join(sorted(map(re.escape, cues["opener_not_words"]), key=len, reverse=True))
        return re.compile(rf"\s*{_opening_prefix(language)}(?!{not_words})(?:{opener})")
    return re.compile(rf"\s*{_opening_prefix(language)}(?:{opener})\b", re.IGNORECASE)


# A clause that opens with a time frame, "[event]期间，" (during), "以来" (since), "过程中" (in the course of),
# "之际" (on the occasion of): a verb inside the frame names the period, not the action (专项整治期间，全市累计出动…).
_ZH_TIME_FRAME = re.compile(r"[^,;。:!?]{1,20}?(?:期间|以来|过程中|之际),")


def _after_time_frame(canon: str, span: Span, hits: list[int], token_starts: list[int], first: int,
                      language: str) -> list[int]:
    """Cue hits (relative to the piece's first token) counted from the end of an opening time frame, if the
    clause has one; a hit inside the frame is out of reach (a large index)."""
    frame = _ZH_TIME_FRAME.match(canon, span[0], span[1]) if language == "zh" else None
    if frame is None:
        return hits
    after = bisect.bisect_left(token_starts, frame.end()) - first
    return [hit - after if hit >= after else 1_000 for hit in hits]


def _opening_token(canon: str, span: Span, token_starts: list[int], first: int, language: str) -> int:
    """The index, relative to the piece's first token, of the token that opens its words (after its number
    and an enumerator or connective)."""
    start = item_marker_end(canon, span[0], language=language)
    skip = _opening_skip(language).match(canon, start, span[1])
    if skip:
        start = skip.end()
    while start < span[1] and canon[start] in " \t,":
        start += 1
    return bisect.bisect_left(token_starts, start) - first


@lru_cache(maxsize=2)
def _opening_skip(language: str) -> re.Pattern[str]:
    if language == "zh":
        # … and a phrase that sets what the work bears on (对检查发现的问题，实行挂牌督办)
        return re.compile(_opening_prefix(language) + r"(?:(?:对|针对|围绕|按照|根据|结合)[^,;。:]{1,30},)?")
    return re.compile(_opening_prefix(language), re.IGNORECASE)


@lru_cache(maxsize=2)
def _report_pattern(language: str) -> re.Pattern[str]:
    return re.compile("|".join(_cues(language)["report_markers"]), re.IGNORECASE if language == "en" else 0)


@lru_cache(maxsize=2)
def _report_unless(language: str) -> Optional[re.Pattern[str]]:
    words = _cues(language).get("report_unless")
    return re.compile(words, re.IGNORECASE) if words else None


def _reports(canon: str, span: Span, language: str) -> bool:
    """The piece reports work done (已…, 共检查…家, 120余次, "has completed"), not work to do."""
    if not _report_pattern(language).search(canon, span[0], span[1]):
        return False
    unless = _report_unless(language)
    return not (unless and unless.search(canon, span[0], span[1]))


def _assigns_roles(canon: str, span: Span, mentions: list, language: str) -> bool:
    """The piece names who does the work by a role word or label (县民政局为牵头单位, A牵头、B配合, 由A负责)."""
    from .role_grammar import assign_roles

    # mentions come in text order (the department ruler's): bisect to the piece, not a scan of the document
    first = bisect.bisect_left(mentions, span[0], key=lambda m: m.span[0])
    last = bisect.bisect_left(mentions, span[1], lo=first, key=lambda m: m.span[0])
    inside = [m for m in mentions[first:last] if m.span[1] <= span[1]]
    if not inside:
        return False
    return any(a.confidence >= 0.8 for a in assign_roles(canon, task_span=span, mentions=inside, language=language))


def opens_with_demand(canon: str, span: Span, *, language: str) -> bool:
    """The piece opens, after its number, an enumerator (一是, First,) or a connective (同时, "In addition,"),
    with a word that states a demand outright: 要, 严禁, 不得, 确保, 请, "It is necessary to", "Be sure to"."""
    start = item_marker_end(canon, span[0], language=language)
    return bool(_demand_opener(language).match(canon, start, span[1]))


@lru_cache(maxsize=2)
def _self_description(language: str) -> re.Pattern[str]:
    return re.compile(_cues(language)["self_description"], re.IGNORECASE if language == "en" else 0)


def _describes_itself(canon: str, span: Span, language: str) -> bool:
    start = item_marker_end(canon, span[0], language=language)
    return bool(_self_description(language).match(canon, start, span[1]))


_EN_BULLET = re.compile(r"[ \t]*(?:[•▪‣◦●○■□◆◇·*–-]|\(?[0-9]{1,2}[.)]|\(?[a-z][.)])[ \t]+(?=\S)")


def _measure_items(canon: str, lines: list[Span]) -> set[int]:
    """Where the words of each bulleted line begin that a line ending in a colon introduces as measures or
    demands (models/en/tasks.yaml measure_lead_ins: "… measures to avoid heat stress, which include:",
    "the following points should be included:")."""
    lead_in = _measure_lead_in()
    out: set[int] = set()
    introduced = False
    for start, end in lines:
        text = canon[start:end]
        if not text.strip():
            continue
        bullet = _EN_BULLET.match(text)
        if bullet:
            if introduced:  # the piece may begin at the bullet or after it
                out.update({start + len(text) - len(text.lstrip()), start + bullet.end()})
            continue
        introduced = text.rstrip().endswith(":") and bool(lead_in.search(text))
    return out


@lru_cache(maxsize=1)
def _measure_lead_in() -> re.Pattern[str]:
    words = _cues("en")["measure_lead_ins"] + _cues("en")["strong_directives"]
    return re.compile(rf"\b(?:{'|'.join(sorted(map(re.escape, words), key=len, reverse=True))})\b", re.IGNORECASE)


def _en_verb_opening(canon: str, span: Span) -> bool:
    """The item opens with a verb: an imperative (Provide …) or a gerund with its object (Reducing heat …)."""
    start = item_marker_end(canon, span[0], language="en")
    bullet = _EN_BULLET.match(canon, start, span[1])
    start = bullet.end() if bullet else start
    first = re.match(r"\s*([A-Za-z]+)(?:\s+([A-Za-z]+))?", canon[start:span[1]])
    if first is None:
        return False
    word, after = first.group(1), (first.group(2) or "").lower()
    # a gerund with its object (Providing them with …, Reducing extreme heat …), not one of an event, which a
    # preposition follows (Flooding in excavations, Loosening of anchors: hazards, not measures)
    return _en_imperative(canon, (start, span[1])) or (
        word[0].isupper() and word.lower().endswith("ing") and len(word) > 5 and word.lower() not in _en_function_words()
        and after not in _EN_PREPOSITIONS)


_EN_PREPOSITIONS = frozenset({"of", "in", "on", "at", "from", "by", "to", "with", "into", "onto", "over", "under", "out",
                              "off", "down", "up", "away"})


def _text_lines(canon: str, lines: list[Span]) -> list[Span]:
    """The lines of running text; in a row of a table no task plan reads (TAB-separated cells under headers it does
    not know), each cell long enough to hold a demand is a line of its own: 要求十六化建立即完成防护栏杆设置…"""
    out: list[Span] = []
    for line in lines:
        if "\t" not in canon[line[0]:line[1]]:
            out.append(line)
            continue
        for cell in re.finditer(r"[^\t]+", canon[line[0]:line[1]]):
            start, end = _trim(canon, line[0] + cell.start(), line[0] + cell.end())
            if end - start >= 12:
                out.append((start, end))
    return out


def _between(sorted_positions: list[int], first: int, last: int) -> list[int]:
    """The positions in ``[first, last)``, relative to ``first``."""
    lo = bisect.bisect_left(sorted_positions, first)
    hi = bisect.bisect_left(sorted_positions, last)
    return [i - first for i in sorted_positions[lo:hi]]


def _decide(pieces: list[Piece], *, language: str, classifier: Optional["TaskClassifier"] = None) -> list[TaskCandidate]:
    """Rules and the trained classifier together; the rules alone when no model is installed."""
    from .task_classifier import load_classifier

    classifier = classifier or load_classifier(language)
    probabilities = classifier.predict(pieces) if classifier and pieces else None
    out = []
    for index, piece in enumerate(pieces):
        if piece.background:
            continue  # the classifier may not overrule a report of past work or praise
        if probabilities is None:
            if piece.rule is None:
                continue
            confidence = piece.rule
        else:
            probability = float(probabilities[index])
            if not classifier.accepts(probability, rule=piece.rule) and not piece.subject and not piece.explicit:
                continue
            confidence = round((probability + (piece.rule or probability)) / 2, 3)
        out.append(TaskCandidate(span=piece.span, origin="directive", confidence=confidence, sentence=piece.sentence))
    return out


def _demands_for_several(canon: str, heading: Heading, language: str) -> bool:
    """The body under a title holds more than one sentence: its demands are tasks of their own."""
    body = (heading.line[1], heading.end)
    return len(sentences(canon, body, language=language)) >= 2


_AND_THEN = re.compile(r",并(?=[\u4e00-\u9fff])")


def _split_actions(canon: str, piece: Span, mentions: list, language: str,
                   deadline_spans: list[Span]) -> list[Span]:
    """A Chinese clause with several actions: before each body that opens its own demand, and at ，并… where
    the actions before and after it each have a deadline of their own (…3月20日前制定措施，并于每季度结束后…)."""
    if language != "zh":
        return [piece]
    cuts = set(subject_starts(canon, span=piece, mentions=mentions, language=language))

    def dated(start: int, end: int) -> bool:
        return any(start <= a and b <= end for a, b in deadline_spans)

    cuts.update(m.end() for m in _AND_THEN.finditer(canon, piece[0], piece[1])
                if dated(piece[0], m.start()) and dated(m.end(), piece[1]))
    bounds = [piece[0], *sorted(c for c in cuts if piece[0] < c < piece[1]), piece[1]]
    parts = [_trim(canon, a, b) for a, b in zip(bounds, bounds[1:])]
    # A part cut before the next subject ends at its comma; the task is the words before it.
    parts = [(a, b - 1) if b - a > 1 and canon[b - 1] in ",、" else (a, b) for a, b in parts]
    return [p for p in parts if p[1] > p[0]]


def _topic_sentence(canon: str, sentence: Span, mentions: list) -> bool:
    """A short opening sentence that names no one (要紧盯森林防火。): the title of the demands its paragraph
    goes on to make. (English paragraphs open with short demands of their own: no such rule there.)"""
    start = item_marker_end(canon, sentence[0], language="zh")
    words = canon[start:sentence[1]].strip().rstrip("。.")
    if len(words) > 16 or re.search(r"[,;:]", words):
        return False
    return not any(sentence[0] <= m.span[0] < sentence[1] for m in mentions)


def _defines(canon: str, span: Span, language: str) -> bool:
    """The item defines a term (所称…是指, "… means …") and makes no demand."""
    text = canon[span[0]:span[1]]
    if language == "zh":
        return bool(re.search(r"所称[^。]{1,40}?(?:是指|指)", text)) and not re.search(r"应当|必须|不得|严禁|要", text.split("是指")[0])
    return bool(re.search(r"\b(?:means|refers? to|is defined as|are defined as)\b", text)) and not re.search(
        r"\b(?:shall|must|should)\b", text)


@lru_cache(maxsize=2)
def _work_words(language: str) -> re.Pattern[str]:
    cues = _cues(language)
    words = "|".join(sorted(map(re.escape, cues["directives"] + cues["strong_directives"]), key=len, reverse=True))
    return re.compile(rf"(?:{words})" if language == "zh" else rf"\b(?:{words})\b", re.IGNORECASE)


def _names_work(canon: str, heading: Heading) -> bool:
    """A bare item that names work (1、加强燃气管道巡查): a task, unlike a bare title (二、主要任务)."""
    return bool(_work_words("zh" if re.search(r"[\u4e00-\u9fff]", canon[heading.body_start:heading.line[1]])
                            else "en").search(canon, heading.body_start, heading.line[1]))


def _titles_its_section(canon: str, heading: Heading) -> bool:
    """"（一）加强组织领导。" on its own line, with the section's text below it: a title, whatever its full stop."""
    body = canon[heading.body_start:heading.line[1]].strip()
    return (len(body) <= 20 and not re.search(r"[。;!?.]", body.rstrip("。."))
            and bool(canon[heading.line[1]:heading.end].strip()))


def _is_bare_heading(canon: str, heading: Heading) -> bool:
    """"三、工作要求": a numbered title line with no sentence of its own."""
    body = canon[heading.body_start:heading.line[1]].strip()
    # A title may end with a full stop (（一）加强组织领导。): no other sentence mark stands in it.
    return len(body) <= 20 and not re.search(r"[。;!?.]", body)


_SIGNATURE_LINE = re.compile(
    r"^\s*(?:[\d〇○一二三四五六七八九十]{2,4}年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日"
    r"|\d{4}-\d{1,2}-\d{1,2}"
    r"|(?:联系人|联系电话|附件|抄送|印发)[::].*"
    r"|[\u4e00-\u9fff()]{2,30}(?:办公室|委员会|人民政府|政府|局|厅|部|中心|支队|大队))\s*$"
)


def _trim_signature(canon: str, span: Span) -> Span:
    """Drop the signature block (issuing body, date, contact line) from the end of the last item."""
    start, end = span
    while True:
        line_start = canon.rfind("\n", start, end) + 1
        if line_start <= start or not _SIGNATURE_LINE.match(canon[line_start:end]):
            return _trim(canon, start, end)
        end = line_start - 1


# The first item of an enumeration, right after the words that introduce it: (，)一是…, 一要…
_FIRST_ENUMERATED = re.compile(r"[,\s]*一(?:是|要(?!求))")
# Words that end a clause announcing the demands listed after it (提出五点要求，一是…; 作出如下部署，一是…)
_ANNOUNCES_DEMANDS = re.compile(r"(?:要求|意见|建议|部署|指示|如下|以下)[,\s]*$")


def starts_new_item(canon: str, span: Span) -> bool:
    """"二是…": the piece opens a new enumerated demand."""
    return bool(_ENUMERATED.match(canon, span[0]))


# A demand in the passive, which names the work and no doer: "The long-term mechanism should be further improved",
# "Hidden dangers must be rectified" (not "It should be noted that …": a remark, no work).
_EN_PASSIVE_DEMAND = re.compile(
    r"\b(?:must|should|shall|needs? to|has to|have to)\s+(?:also\s+|further\s+|still\s+)?be\s+"
    r"(?:\w+ly\s+|further\s+|fully\s+|well\s+)*(?!noted\b|pointed\b|mentioned\b|said\b|seen\b|stressed\b)"
    r"[a-z]+(?:ed|en|wn|lt|pt|ne|de|ght)\b", re.IGNORECASE)


# The address fields of an official document (党政机关公文格式 GB/T 9704-2012 7.2.5 and 7.4.3: 主送机关, 抄送机关).
_ADDRESS_FIELD = re.compile(r"\s*(?:主送|抄送)(?:机关|单位)?\s*:\s*")


def _is_address_line(canon: str, line: Span, mentions: list, mention_starts: list[int]) -> bool:
    """A line ending in a colon that is mostly the names of bodies: a notice's address.
    ``mention_starts``: where the mentions (in text order) start, to find the line's own by bisection."""
    text = canon[line[0]:line[1]].rstrip()
    field = _ADDRESS_FIELD.match(text)
    if field:
        text = text[field.end():].rstrip("。.")  # 主送：各县（市、区）人民政府，市政府各部门。
    elif not text.endswith(":"):
        return False
    # A mention may begin before the line and run into it (a name broken over a line): one step back.
    first = max(0, bisect.bisect_left(mention_starts, line[0]) - 1)
    last = bisect.bisect_left(mention_starts, line[1])
    named = sum(min(m.span[1], line[1]) - max(m.span[0], line[0]) for m in mentions[first:last]
                if m.span[0] < line[1] and line[0] < m.span[1])
    return named * 2 >= len(re.sub(r"[\s,、:;]", "", text))


def _is_title_line(line: str, cues: dict) -> bool:
    stripped = line.strip().rstrip("\"'”》").lower()
    return (len(stripped) <= 60 and stripped.endswith(tuple(cues["title_endings"]))) or (
        "headline_lowercase" in cues and _is_en_headline(line, frozenset(cues["headline_lowercase"])))


def _is_en_headline(line: str, lowercase: frozenset[str]) -> bool:
    """"Cal/OSHA Reminds Employers to Protect Workers from Heat Illness": a line of four words or more, ending with no
    mark of a sentence, whose every word but those title case leaves in lower case is capitalised."""
    stripped = line.strip()
    if not stripped.isascii() or stripped.endswith((".", "!", "?", ":", ";", ",")):
        return False
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", stripped)
    content = [w for w in words if w.lower() not in lowercase]
    return len(words) >= 4 and len(content) >= 3 and all(w[0].isupper() for w in content)


@lru_cache(maxsize=1)
def _en_action_boundary() -> re.Pattern[str]:
    """", (and) comprehensively carried out …": a comma that opens a new action."""
    cues = _cues("en")
    forms: set[str] = set()
    for verb in cues["action_verbs"]:
        stem = verb[:-1] if verb.endswith("e") else verb
        forms.update({verb, verb + "s", stem + "ed", stem + "ing", verb + "d"})
        if verb.endswith("y"):
            forms.update({verb[:-1] + "ied", verb[:-1] + "ies"})
        if len(verb) <= 4 and verb[-1] not in "aeiouwy" and verb[-2] in "aeiou":
            forms.update({verb + verb[-1] + "ed", verb + verb[-1] + "ing"})  # step -> stepped
    adverbs = "|".join(map(re.escape, cues["action_adverbs"]))
    verbs = "|".join(sorted(map(re.escape, forms), key=len, reverse=True))
    return re.compile(rf",\s+(?:and\s+)?(?=(?:(?:\w+ly|{adverbs})\s+)*(?:{verbs})\b)", re.IGNORECASE)


_EN_MODAL_INSERT = re.compile(r"\b(?:must|shall|should|will|need to|needs to|have to|has to|is to|are to),[^,;]{1,60},$",
                              re.IGNORECASE)


# Parallel demands (排比): three or more comma-separated clauses that open with the same words
# (进一步强化…，进一步强化…，进一步强化…) are as many demands as an enumeration's.
_PARALLEL_OPENING = 3
_PARALLEL_COUNT = 3
_PARALLEL_AFTER_SUBJECT = re.compile(r"[^,]{1,12}?(?:要|必须|务必|应当|须)")


def _parallel_starts(canon: str, clause: Span) -> list[int]:
    segments, start = [], clause[0]
    for comma in re.finditer(",", canon[clause[0]:clause[1]]):
        segments.append((start, clause[0] + comma.start()))
        start = clause[0] + comma.end()
    segments.append((start, clause[1]))
    openings: dict[str, list[int]] = {}
    for a, b in segments:
        a = _trim(canon, a, b)[0]
        # the first clause may name its doer first: 各乡镇要进一步强化…
        modal = _PARALLEL_AFTER_SUBJECT.match(canon, a, b)
        for at in {a, modal.end() if modal else a}:
            opening = canon[at:at + _PARALLEL_OPENING]
            if re.fullmatch(r"[\u4e00-\u9fff]{%d}" % _PARALLEL_OPENING, opening) and b - at > 2 * _PARALLEL_OPENING:
                openings.setdefault(opening, []).append(a)
    return [a for starts in openings.values() if len(set(starts)) >= _PARALLEL_COUNT for a in starts]


def _split_demands(canon: str, sentence: Span, *, language: str = "zh") -> list[Span]:
    """Clauses at semicolons, at 一是…二是… enumerations, and at English action lists."""
    out: list[Span] = []
    pieces = clauses(canon, sentence)
    if language == "en":
        boundary = _en_action_boundary()
        split: list[Span] = []
        for clause in pieces:
            # "Each district shall, before 30 September, establish …": an insert after the modal, not a new action.
            # Each action ends before the comma (and the "and") that opens the next: no fragment ends in one.
            cuts = [m for m in boundary.finditer(canon, clause[0], clause[1])
                    if not _EN_MODAL_INSERT.search(canon, clause[0], m.start() + 1)]
            starts = [clause[0], *(m.end() for m in cuts)]
            ends = [*(m.start() for m in cuts), clause[1]]
            split.extend(_trim(canon, a, b) for a, b in zip(starts, ends) if b > a)
        pieces = split
    for clause in pieces:
        starts = [m.start() for m in _ENUMERATED.finditer(canon, clause[0], clause[1])]
        if language == "zh":
            starts.extend(_parallel_starts(canon, clause))
        starts = sorted({s for s in starts if s > clause[0]})
        bounds = [clause[0], *starts, clause[1]]
        for start, end in zip(bounds, bounds[1:]):
            trimmed = _trim(canon, start, end)
            if trimmed[1] > trimmed[0]:
                out.append(trimmed)
    return out
