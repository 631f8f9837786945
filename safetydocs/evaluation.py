"""Scoring parser output against gold annotations (see ``corpus-dev/SCHEMA.md``).

>>> report = evaluate("corpus-dev")                     # doctest: +SKIP
>>> print(format_table(report))                         # doctest: +SKIP

Scoring is strict, so that the figures are hard to flatter:

- **Names** (departments, collectives, lead, support) match only when equal after
  :func:`normalize_name` (NFKC, case folded, whitespace and punctuation dropped,
  traditional → simplified), or when the parser's own alias table maps the gold
  string to the predicted canonical name. A name that merely overlaps the gold
  one (舒区人民政府 for 望舒区人民政府) earns nothing.
- **Tasks** are matched one to one: a predicted task answers a gold task when
  its span contains the whole anchor, and answers at most one gold task.
- **Roles** are (task, body, role) triples over matched tasks.
- **Deadlines** match by equal date and kind; **industries** by code.
- **Language** is detected by the parser, never handed to it; its accuracy is a
  field of its own. A gold file with a ``file`` is scored on that file, read by
  the parser's own readers.

Counts are micro-averaged: per document we count true positives, false
positives and false negatives per field and sum them per language.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, computed_field

from .errors import FileMissing, GoldFormatError
from .model import DeadlineKind, Department, Document, Language, Span, Task
from .structure.normalize import canonical

__all__ = [
    "ACCURACY_FIELDS",
    "COUNT_FIELDS",
    "Accuracy",
    "Counts",
    "DocumentScore",
    "ErrorExample",
    "EvalReport",
    "GoldDeadline",
    "GoldDocument",
    "GoldTask",
    "Totals",
    "evaluate",
    "format_errors",
    "format_table",
    "load_gold",
    "load_gold_dir",
    "normalize_name",
    "score_document",
]

COUNT_FIELDS: tuple[str, ...] = (
    "tasks",
    "lead",
    "support",
    "departments",
    "collectives",
    "deadlines",
    "deadline_text",
    "industries",
    "task_industries",
)
ACCURACY_FIELDS: tuple[str, ...] = ("task_due", "issued", "language")
GROUPS: tuple[str, ...] = ("zh", "en", "all")


# --------------------------------------------------------------------------- gold format


class _Gold(BaseModel):
    # Unknown keys are most often typos ("exhaustive_task"): reject them.
    model_config = ConfigDict(extra="forbid")


class GoldDeadline(_Gold):
    text: str = Field(min_length=1)
    date: Optional[dt.date] = None
    kind: DeadlineKind


class GoldTask(_Gold):
    anchor: str = Field(min_length=1)
    lead: list[str] = Field(default_factory=list)
    support: list[str] = Field(default_factory=list)
    deadline: Optional[GoldDeadline] = None
    industries: list[str] = Field(default_factory=list)


class GoldDocument(_Gold):
    id: str = Field(min_length=1)
    lang: Language
    kind: Literal["plan", "workpoints", "meeting", "interview", "instruction", "news", "notice", "feedback", "other"]
    source: str
    # Corpus metadata (corpus/gold/CONVENTIONS.md): what the document is and who issued it.
    origin: Literal["real", "translation", "composed", "seed"] = "real"
    issuer: Optional[str] = None
    level: Optional[Literal["national", "provincial", "city", "county", "township", "enterprise", "other"]] = None
    year: Optional[int] = None
    notes: Optional[str] = None
    file: Optional[str] = Field(default=None, description="the original file, relative to the gold file")
    _path: Optional[Path] = PrivateAttr(default=None)

    @property
    def file_path(self) -> Optional[Path]:
        """The original file to parse, or None when the text itself is parsed."""
        if self.file is None:
            return None
        base = self._path.parent if self._path is not None else Path.cwd()
        return base / self.file
    issued: Optional[dt.date] = None
    exhaustive_tasks: bool
    text: str = Field(min_length=1)
    departments: list[str] = Field(default_factory=list)
    collectives: list[str] = Field(default_factory=list)
    industries: list[str] = Field(default_factory=list)
    deadlines: list[GoldDeadline] = Field(default_factory=list)
    tasks: list[GoldTask] = Field(default_factory=list)


def _validation_summary(exc: ValidationError, *, limit: int = 3) -> str:
    # GoldFormatError must stay one line; name the JSON path of each problem.
    parts = []
    for error in exc.errors()[:limit]:
        where = ".".join(str(p) for p in error["loc"]) or "<root>"
        parts.append(f"{where}: {error['msg']}")
    more = len(exc.errors()) - limit
    if more > 0:
        parts.append(f"and {more} more")
    return "; ".join(parts)


def load_gold(path: str | Path) -> GoldDocument:
    """Read and validate one gold file; any problem is a :class:`GoldFormatError` naming it."""
    path = Path(path)
    source = str(path)
    if not path.is_file():
        raise FileMissing(source)
    try:
        # utf-8-sig: annotation tools on Windows like to add a BOM.
        raw = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GoldFormatError(source, f"not UTF-8: {exc.reason} at byte {exc.start}") from exc
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise GoldFormatError(source, f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from exc
    if not isinstance(data, dict):
        raise GoldFormatError(source, f"expected a JSON object, got {type(data).__name__}")
    try:
        gold = GoldDocument.model_validate(data)
    except ValidationError as exc:
        raise GoldFormatError(source, _validation_summary(exc)) from exc
    if gold.file is not None and not (path.parent / gold.file).is_file():
        raise GoldFormatError(source, f"file {gold.file!r} does not exist next to the gold file")
    # Anchors are how gold tasks are located; one that is not in the text would
    # silently count as a miss for every parser, so refuse the file instead.
    text = _canon(gold.text)
    for index, task in enumerate(gold.tasks):
        if _canon(task.anchor) not in text:
            raise GoldFormatError(source, f"tasks.{index}.anchor is not a substring of text: {task.anchor!r}")
    gold._path = path
    return gold


# Files that live beside the gold files without being gold: the held-out set's recorded scores.
NOT_GOLD = frozenset({"SCORES.json"})


def is_gold_file(path: Path) -> bool:
    return path.suffix == ".json" and path.name not in NOT_GOLD


def load_gold_dir(path: str | Path) -> list[GoldDocument]:
    """All ``*.json`` gold files under ``path`` (recursively), in sorted path order."""
    root = Path(path)
    if not root.is_dir():
        raise FileMissing(str(root), "not a folder of gold files")
    files = sorted(
        p
        for p in root.rglob("*.json")
        if is_gold_file(p)
        # Hidden folders are editor/notebook caches (.ipynb_checkpoints), not gold.
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )
    golds: list[GoldDocument] = []
    seen: dict[str, Path] = {}
    for file in files:
        gold = load_gold(file)
        # Per-document scores and error examples are keyed by id.
        if gold.id in seen:
            raise GoldFormatError(str(file), f"duplicate id {gold.id!r} (also in {seen[gold.id]})")
        seen[gold.id] = file
        golds.append(gold)
    return golds


# --------------------------------------------------------------------------- scores


class Counts(BaseModel):
    """Micro counts for one field. ``tp_scored`` is the share of ``tp`` found on
    documents where precision is measured (for ``tasks``: exhaustive documents
    only); elsewhere it equals ``tp``."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tp_scored: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> Optional[float]:
        denominator = self.tp_scored + self.fp
        return self.tp_scored / denominator if denominator else None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> Optional[float]:
        denominator = self.tp + self.fn
        return self.tp / denominator if denominator else None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def f1(self) -> Optional[float]:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.tp_scored += other.tp_scored


class Accuracy(BaseModel):
    correct: int = 0
    total: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def accuracy(self) -> Optional[float]:
        return self.correct / self.total if self.total else None

    def add(self, other: Accuracy) -> None:
        self.correct += other.correct
        self.total += other.total


class ErrorExample(BaseModel):
    """One missed, spurious or wrong item, for a developer to look at."""

    doc_id: str
    field: str
    kind: Literal["missed", "spurious", "wrong"]
    gold: Optional[str] = None
    predicted: Optional[str] = None
    span: Optional[Span] = None
    detail: Optional[str] = None

    def line(self) -> str:
        parts = [f"[{self.doc_id}] {self.field} {self.kind}:"]
        if self.gold is not None:
            parts.append(f"gold={self.gold!r}")
        if self.predicted is not None:
            parts.append(f"pred={self.predicted!r}")
        if self.span is not None:
            parts.append(f"@{self.span[0]}-{self.span[1]}")
        if self.detail:
            parts.append(f"({self.detail})")
        return " ".join(parts)


def _empty_counts() -> dict[str, Counts]:
    return {name: Counts() for name in COUNT_FIELDS}


def _empty_accuracy() -> dict[str, Accuracy]:
    return {name: Accuracy() for name in ACCURACY_FIELDS}


class DocumentScore(BaseModel):
    id: str
    lang: Language
    exhaustive_tasks: bool
    counts: dict[str, Counts] = Field(default_factory=_empty_counts)
    accuracy: dict[str, Accuracy] = Field(default_factory=_empty_accuracy)
    errors: list[ErrorExample] = Field(default_factory=list)
    failure: Optional[str] = Field(default=None, description="the parser's exception, if it raised")


class Totals(BaseModel):
    documents: int = 0
    failures: int = 0
    counts: dict[str, Counts] = Field(default_factory=_empty_counts)
    accuracy: dict[str, Accuracy] = Field(default_factory=_empty_accuracy)

    def add(self, score: DocumentScore) -> None:
        self.documents += 1
        self.failures += score.failure is not None
        for name, counts in score.counts.items():
            self.counts.setdefault(name, Counts()).add(counts)
        for name, acc in score.accuracy.items():
            self.accuracy.setdefault(name, Accuracy()).add(acc)


class EvalReport(BaseModel):
    gold_dir: str
    documents: list[DocumentScore] = Field(default_factory=list)
    totals: dict[str, Totals] = Field(default_factory=lambda: {g: Totals() for g in GROUPS})

    @property
    def errors(self) -> list[ErrorExample]:
        """All error examples, in document order (kept per document in the JSON)."""
        return [e for d in self.documents for e in d.errors]

    @property
    def failures(self) -> list[DocumentScore]:
        return [d for d in self.documents if d.failure is not None]


# --------------------------------------------------------------------------- matching helpers


@lru_cache(maxsize=4096)
def _canon(text: str) -> str:
    # Gold strings and mentions repeat a lot across fields; canonical() may call opencc.
    return canonical(text)


@lru_cache(maxsize=8192)
def normalize_name(text: str) -> str:
    """The one normalisation under which two names are the same name.

    NFKC (full-width letters and digits), case folded, traditional characters
    simplified, and every whitespace and punctuation character dropped:
    ``各县（区）政府`` = ``各县(区)政府``, ``the Ministry of Emergency Management``
    ≠ ``Ministry of Emergency Management`` (a word is not punctuation).
    """
    folded = _canon(unicodedata.normalize("NFKC", text)).casefold()
    return "".join(ch for ch in folded if not ch.isspace() and not unicodedata.category(ch).startswith(("P", "S")))


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _partial(gold_name: str, forms: Iterable[str]) -> bool:
    """A name that shares a part with the gold one without being it: a hint in error lists, never a match."""
    key = normalize_name(gold_name)
    return any(f and f != key and (f in key or key in f) for f in map(normalize_name, forms))


def _find_anchor(canon_text: str, anchor: str) -> Optional[Span]:
    """Where the anchor lies in the parsed text, ignoring white space.

    A reader may break a line inside an anchor (PDF wraps) or join two lines;
    the characters themselves must all be there, in order, with nothing between
    them but white space.
    """
    key = "".join(_canon(anchor).split())
    if not key:
        return None
    start = canon_text.find(key)
    if start != -1:
        return (start, start + len(key))
    pattern = r"\s*".join(re.escape(ch) for ch in key)
    match = re.search(pattern, canon_text)
    return match.span() if match else None


def _bipartite(candidates: Sequence[Sequence[int]]) -> dict[int, int]:
    """Maximum one-to-one matching, left index -> right index.

    ``candidates[i]`` lists the right items left item ``i`` may match, best
    first. Greedy matching would let an early gold item take the only
    prediction a later one could use; augmenting paths (Kuhn) avoid that while
    still trying preferred pairs first.
    """
    owner: dict[int, int] = {}

    def augment(left: int, seen: set[int]) -> bool:
        for right in candidates[left]:
            if right in seen:
                continue
            seen.add(right)
            if right not in owner or augment(owner[right], seen):
                owner[right] = left
                return True
        return False

    for left in range(len(candidates)):
        augment(left, set())
    return {left: right for right, left in owner.items()}


def _unique(items: Iterable[str]) -> list[str]:
    # Gold lists are sets: a name listed twice is one item.
    seen: set[str] = set()
    out = []
    for item in items:
        key = _canon(item)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _deadline_label(text: str, date: Optional[dt.date], kind: str) -> str:
    return f"{text} ({date.isoformat() if date else 'no date'}, {kind})"


class _Scorer:
    """State for scoring one document: the canonical text and the name matcher."""

    def __init__(self, doc: Document, gold: GoldDocument, score: DocumentScore,
                 alias: Optional[Callable[[str], str]] = None) -> None:
        self.doc = doc
        self.gold = gold
        self.score = score
        self.text = _canon(doc.text)
        self.alias = alias

    def error(self, field: str, kind: Literal["missed", "spurious", "wrong"], **values: Any) -> None:
        self.score.errors.append(ErrorExample(doc_id=self.gold.id, field=field, kind=kind, **values))

    def same_name(self, gold_name: str, predicted: Iterable[str], canonical_name: str) -> bool:
        """Equal after :func:`normalize_name`, or the parser's alias of the gold name is the prediction's name."""
        key = normalize_name(gold_name)
        if any(normalize_name(form) == key for form in predicted):
            return True
        if self.alias is None:
            return False
        return normalize_name(self.alias(gold_name)) == normalize_name(canonical_name)

    # ---- departments and collectives

    def departments(self, field: Literal["departments", "collectives"]) -> None:
        kind = "body" if field == "departments" else "collective"
        golds = _unique(getattr(self.gold, field))
        preds = [d for d in self.doc.departments if d.kind == kind]
        candidates = [
            [j for j, dept in enumerate(preds) if self.same_name(name, [dept.name, *dept.mentions], dept.name)]
            for name in golds
        ]
        matched = _bipartite(candidates)
        counts = self.score.counts[field]
        for i, name in enumerate(golds):
            if i in matched:
                counts.tp += 1
            else:
                counts.fn += 1
                near = [d.name for d in preds if _partial(name, [d.name, *d.mentions])]
                self.error(field, "missed", gold=name,
                           detail=f"predicted only {', '.join(near)}" if near else None)
        taken = set(matched.values())
        for j, dept in enumerate(preds):
            if j not in taken:
                counts.fp += 1
                self.error(field, "spurious", predicted=dept.name, span=dept.spans[0] if dept.spans else None)
        counts.tp_scored = counts.tp

    # ---- tasks and their assignments

    def tasks(self) -> dict[int, int]:
        """Match gold tasks to predicted tasks one to one; returns gold index -> predicted index.

        A predicted task answers a gold task when its span holds the whole anchor.
        """
        anchors: list[Optional[Span]] = []
        candidates: list[list[int]] = []
        for task in self.gold.tasks:
            anchor = _find_anchor(self.text, task.anchor)
            anchors.append(anchor)
            options: list[tuple[int, int]] = []
            if anchor is not None:
                for j, pred in enumerate(self.doc.tasks):
                    if pred.span[0] <= anchor[0] and anchor[1] <= pred.span[1]:
                        options.append((pred.span[1] - pred.span[0], j))  # the tightest first
            candidates.append([j for _, j in sorted(options)])
        matched = _bipartite(candidates)

        counts = self.score.counts["tasks"]
        exhaustive = self.gold.exhaustive_tasks
        for i, task in enumerate(self.gold.tasks):
            if i in matched:
                counts.tp += 1
                continue
            counts.fn += 1
            detail = None
            if anchors[i] is None:
                detail = "anchor not found in the parsed text"
            elif candidates[i]:
                detail = "its predicted task already answers another gold task (segmentation)"
            elif any(_overlap(p.span, anchors[i]) for p in self.doc.tasks):
                detail = "a predicted task cuts through the anchor"
            self.error("tasks", "missed", gold=task.anchor, span=anchors[i], detail=detail)
        taken = set(matched.values())
        if exhaustive:
            counts.tp_scored = counts.tp
            for j, pred in enumerate(self.doc.tasks):
                if j not in taken:
                    counts.fp += 1
                    self.error("tasks", "spurious", predicted=_short(pred.text), span=pred.span)
        # Non-exhaustive gold lists only some tasks: an unmatched prediction may be
        # a real task nobody annotated, so neither FP nor TP enter precision.
        return matched

    def assignments(self, matched: dict[int, int]) -> None:
        for role in ("lead", "support"):
            counts = self.score.counts[role]
            for i, gtask in enumerate(self.gold.tasks):
                names = _unique(getattr(gtask, role))
                if i not in matched:
                    counts.fn += len(names)
                    for name in names:
                        self.error(role, "missed", gold=f"{gtask.anchor} -> {name}", detail="task not found")
                    continue
                self._task_assignments(role, gtask.anchor, names, self.doc.tasks[matched[i]], counts)
            if self.gold.exhaustive_tasks:
                taken = set(matched.values())
                for j, ptask in enumerate(self.doc.tasks):
                    if j in taken:
                        continue
                    for department in self._predicted(role, ptask):
                        counts.fp += 1
                        self.error(role, "spurious", predicted=f"{_short(ptask.text, 30)} -> {department}",
                                   span=ptask.span, detail="task not in gold")
            counts.tp_scored = counts.tp

    @staticmethod
    def _predicted(role: str, task: Task) -> list[str]:
        # Predicted triples are (task, department, role): the same department twice is one triple.
        return _unique(a.department for a in task.assignments if a.role == role)

    def _task_assignments(self, role: str, anchor: str, names: list[str], ptask: Task, counts: Counts) -> None:
        preds = []
        seen: set[str] = set()
        for a in ptask.assignments:
            if a.role == role and normalize_name(a.department) not in seen:
                seen.add(normalize_name(a.department))
                preds.append(a)
        candidates = [
            [j for j, a in enumerate(preds) if self.same_name(name, [a.department, a.mention], a.department)]
            for name in names
        ]
        matched = _bipartite(candidates)
        counts.tp += len(matched)
        wrong_role = "support" if role == "lead" else "lead"
        others = [a for a in ptask.assignments if a.role == wrong_role]
        for i, name in enumerate(names):
            if i in matched:
                continue
            counts.fn += 1
            detail = None
            if any(self.same_name(name, [a.department, a.mention], a.department) for a in others):
                detail = f"predicted as {wrong_role}"
            elif any(_partial(name, [a.department, a.mention]) for a in preds):
                detail = "predicted a different name for it"
            self.error(role, "missed", gold=f"{anchor} -> {name}", span=ptask.span, detail=detail)
        taken = set(matched.values())
        for j, a in enumerate(preds):
            if j not in taken:
                counts.fp += 1
                self.error(role, "spurious", predicted=f"{anchor} -> {a.department}", span=a.span)

    # ---- deadlines

    def deadlines(self) -> None:
        # Predicted deadlines repeat (one per task): one item per (text, date, kind).
        groups: dict[tuple[str, Optional[dt.date], str], list[Span]] = {}
        labels: dict[tuple[str, Optional[dt.date], str], str] = {}
        for d in self.doc.deadlines:
            if d.kind == "start":
                continue  # when work begins: the schema annotates completion times only
            key = (normalize_name(d.text), d.date, d.kind)
            groups.setdefault(key, []).append(d.span)
            labels.setdefault(key, d.text)
        pred_keys = list(groups)
        golds: list[GoldDeadline] = []
        seen: set[tuple[str, Optional[dt.date], str]] = set()
        for g in self.gold.deadlines:
            key = (normalize_name(g.text), g.date, g.kind)
            if key not in seen:
                seen.add(key)
                golds.append(g)

        # deadlines: equal date and kind. Equal text is preferred where several fit, so
        # that the error list pairs the right items; it is not required.
        def options(g: GoldDeadline) -> list[int]:
            fits = [j for j, k in enumerate(pred_keys) if k[1] == g.date and k[2] == g.kind]
            return sorted(fits, key=lambda j: pred_keys[j][0] != normalize_name(g.text))

        matched = _bipartite([options(g) for g in golds])
        counts = self.score.counts["deadlines"]
        counts.tp = counts.tp_scored = len(matched)

        # deadline_text: the expression found, whatever date it was given (equal text).
        text_golds = _unique(g.text for g in golds)
        text_keys = _unique(labels[k] for k in pred_keys)
        text_hits = {normalize_name(t) for t in text_golds} & {normalize_name(t) for t in text_keys}
        text_counts = self.score.counts["deadline_text"]
        text_counts.tp = text_counts.tp_scored = len(text_hits)
        text_counts.fn = len(text_golds) - len(text_hits)
        text_counts.fp = len(text_keys) - len(text_hits)

        for i, g in enumerate(golds):
            if i in matched:
                continue
            counts.fn += 1
            found = [k for k in pred_keys if k[0] == normalize_name(g.text)]
            detail = None
            if found:
                detail = "text found, predicted " + ", ".join(
                    f"{k[1].isoformat() if k[1] else 'no date'}/{k[2]}" for k in found
                )
            self.error("deadlines", "missed", gold=_deadline_label(g.text, g.date, g.kind), detail=detail)
        taken = set(matched.values())
        for j, k in enumerate(pred_keys):
            if j not in taken:
                counts.fp += 1
                self.error("deadlines", "spurious", predicted=_deadline_label(labels[k], k[1], k[2]), span=groups[k][0])

    def task_due(self, matched: dict[int, int]) -> None:
        acc = self.score.accuracy["task_due"]
        for i, j in sorted(matched.items()):
            gold = self.gold.tasks[i].deadline
            pred = self.doc.tasks[j].deadline
            acc.total += 1
            if gold is None and pred is None:
                acc.correct += 1
            elif gold is not None and pred is not None and gold.date == pred.date and gold.kind == pred.kind:
                acc.correct += 1
            else:
                self.error(
                    "task_due",
                    "wrong",
                    gold=f"{self.gold.tasks[i].anchor} -> "
                    + (_deadline_label(gold.text, gold.date, gold.kind) if gold else "none"),
                    predicted=_deadline_label(pred.text, pred.date, pred.kind) if pred else "none",
                    span=self.doc.tasks[j].span,
                )

    # ---- industries and issued

    def _sets(self, field: str, gold: set[str], pred: set[str], where: str = "") -> None:
        counts = self.score.counts[field]
        counts.tp += len(gold & pred)
        counts.fn += len(gold - pred)
        counts.fp += len(pred - gold)
        counts.tp_scored = counts.tp
        for code in sorted(gold - pred):
            self.error(field, "missed", gold=where + code)
        for code in sorted(pred - gold):
            self.error(field, "spurious", predicted=where + code)

    def industries(self, matched: dict[int, int]) -> None:
        self._sets("industries", set(self.gold.industries), {i.code for i in self.doc.industries})
        for i, j in sorted(matched.items()):
            gtask = self.gold.tasks[i]
            self._sets("task_industries", set(gtask.industries), set(self.doc.tasks[j].industries),
                       where=f"{gtask.anchor} -> ")

    def _accuracy(self, field: str, gold: object, predicted: object) -> None:
        acc = self.score.accuracy[field]
        acc.total += 1
        if gold == predicted:
            acc.correct += 1
        else:
            self.error(field, "wrong", gold=str(gold), predicted=str(predicted))

    def language(self) -> None:
        self._accuracy("language", self.gold.lang, self.doc.language)

    def issued(self) -> None:
        self._accuracy("issued", self.gold.issued, self.doc.issued)


def score_document(doc: Document, gold: GoldDocument, *, alias: Optional[Callable[[str], str]] = None) -> DocumentScore:
    """Counts for one parsed document against its gold annotation.

    ``alias`` maps a gold name to the parser's canonical name for it (its alias
    table: 市住建局 → 市住房和城乡建设局); without it only equal names match.
    """
    score = DocumentScore(id=gold.id, lang=gold.lang, exhaustive_tasks=gold.exhaustive_tasks)
    scorer = _Scorer(doc, gold, score, alias)
    scorer.departments("departments")
    scorer.departments("collectives")
    matched = scorer.tasks()
    scorer.assignments(matched)
    scorer.deadlines()
    scorer.task_due(matched)
    scorer.industries(matched)
    scorer.issued()
    scorer.language()
    return score


# --------------------------------------------------------------------------- evaluation


Parser = Callable[..., Any]


def _default_parser() -> Parser:
    # Lazy: the pipeline loads readers and language data.
    from .pipeline import parse, parse_text

    def run(*, text: str, source: str, file: Optional[Path] = None) -> Document:
        if file is not None:
            return parse(file)
        return parse_text(text, source=source)

    return run


def _default_alias(language: str) -> Callable[[str], str]:
    from .extract.departments import alias_name

    return lambda name: alias_name(name, language=language)


def evaluate(gold_dir: str | Path, *, parser: Optional[Parser] = None,
             kinds: Optional[Iterable[str]] = None) -> EvalReport:
    """Parse every gold document with ``parser`` and score it; micro totals per language and "all".

    ``kinds``: score only the documents of these kinds (meeting, news, …), e.g. the reports issue 16
    measures apart.

    ``parser`` is called as ``parser(text=..., source=gold.id, file=path_or_None)``
    and must return a :class:`Document`; ``file`` is the original file of a gold
    document that has one (the parser reads it), else None (the parser takes
    ``text``). Neither the gold language nor the gold ``issued`` date is passed:
    both are measured. A parser exception is recorded on that document
    (``failure``), which is then scored as an empty prediction so a crash never
    improves the totals.
    """
    golds = load_gold_dir(gold_dir)
    if not golds:
        raise GoldFormatError(str(gold_dir), "no *.json gold files found")
    if kinds is not None:
        wanted = set(kinds)
        golds = [g for g in golds if g.kind in wanted]
        if not golds:
            raise GoldFormatError(str(gold_dir), f"no gold document of kind {', '.join(sorted(wanted))}")
    parse = parser if parser is not None else _default_parser()
    report = EvalReport(gold_dir=str(gold_dir))
    for gold in golds:
        failure: Optional[str] = None
        try:
            result = parse(text=gold.text, source=gold.id, file=gold.file_path)
            doc = result if isinstance(result, Document) else Document.model_validate(result)
        except Exception as exc:  # one bad document must not stop the run
            # One line, like SafetydocsError: pydantic messages span several.
            failure = " ".join(f"{type(exc).__name__}: {exc}".split())
            doc = Document(source=gold.id, language="en" if gold.lang == "zh" else "zh", text=gold.text)
        score = score_document(doc, gold, alias=_default_alias(doc.language))
        score.failure = failure
        report.documents.append(score)
        report.totals[gold.lang].add(score)
        report.totals["all"].add(score)
    return report


# --------------------------------------------------------------------------- output


def _num(value: Optional[float]) -> str:
    # Fixed width so the columns line up whether or not a value is defined.
    return "  -  " if value is None else f"{value:.3f}"


def format_table(report: EvalReport, *, counts: bool = False) -> str:
    """A plain-text table: one row per field, P / R / F1 (or accuracy and n) per language.

    With ``counts=True`` each cell also shows tp/fp/fn (correct/total for accuracies).
    """
    groups = [g for g in GROUPS if g in report.totals]
    width = 32 if counts else 19
    name_width = max(len(f) for f in (*COUNT_FIELDS, *ACCURACY_FIELDS, "documents"))

    def row(name: str, cells: list[str]) -> str:
        return (name.ljust(name_width) + "  " + "  ".join(c.ljust(width) for c in cells)).rstrip()

    lines = [
        row("field", [f"{g} (n={report.totals[g].documents})" for g in groups]),
        row("", ["P     R     F1" + ("     tp/fp/fn" if counts else "") for _ in groups]),
    ]
    lines.append("-" * (name_width + (width + 2) * len(groups)))
    for name in COUNT_FIELDS:
        cells = []
        for g in groups:
            c = report.totals[g].counts.get(name, Counts())
            cell = f"{_num(c.precision)} {_num(c.recall)} {_num(c.f1)}"
            if counts:
                cell += f"  {c.tp}/{c.fp}/{c.fn}"
            cells.append(cell)
        lines.append(row(name, cells))
    for name in ACCURACY_FIELDS:
        cells = []
        for g in groups:
            a = report.totals[g].accuracy.get(name, Accuracy())
            cells.append(f"acc {_num(a.accuracy)} n={a.total}" + (f" ({a.correct}/{a.total})" if counts else ""))
        lines.append(row(name, cells))
    lines.append(row("failures", [str(report.totals[g].failures) for g in groups]))
    return "\n".join(lines)


def format_errors(report: EvalReport, *, field: Optional[str] = None, limit: Optional[int] = None) -> str:
    """Error examples and parser failures, one per line (for ``--verbose``)."""
    lines = [f"[{d.id}] parser failed: {d.failure}" for d in report.failures]
    examples = [e for e in report.errors if field is None or e.field == field]
    lines.extend(e.line() for e in examples[:limit])
    if limit is not None and len(examples) > limit:
        lines.append(f"... and {len(examples) - limit} more")
    return "\n".join(lines)
