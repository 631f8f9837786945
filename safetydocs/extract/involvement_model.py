"""The trained second opinion on which bodies a text gives work to.

The rules of :mod:`.involvement` say when a mention is in passing (a cited
author, a place, a recipient of reports, a person's title); what is left over
is still often a body the text only names: the issuer above its own title, a
province whose spirit is studied, the units an inspection visited. Whether a
body is *given work* is a judgement over all its mentions, so a small logistic
regression makes it from named evidence of the whole document:

- its roles: does it lead or support a task, is it the notice's addressee
  (either keeps it whatever the model says: the assignment or the address is
  the work);
- how the rules saw its mentions: the share in passing, inside a task, at the
  start of a line or alone on one, only in the first lines (a letterhead) or
  only in the last (a signature) of a document longer than those lines;
- what stands right beside each mention, in closed classes only, so that no
  content word of the training texts becomes a feature: a punctuation mark, a
  function word (``neighbour_words`` in ``models/<lang>/involvement.yaml``:
  由X, X的, 对X, "of X"), a demand or role cue of the role rules after it
  (X要, X牵头, X配合, "X shall"), a directive or passing context before it
  (请X, 受X, "according to X"), else "other";
- its kind (named body or collective), level and the length of its name.

Features are named, so a model is a JSON file of weights per feature
(``models/<lang>/involvement_model.json``; no code is loaded with it) with a
threshold per kind chosen by cross-validation, grouped by document. A kind with
too few training bodies (``safetydocs.train.MIN_BODY_EXAMPLES``), or whose selector gives up too much of the rules'
recall in cross-validation (``MAX_BODY_RECALL_LOSS``), gets no
threshold and is left to the rules.
``safetydocs train`` writes it. Without a model file the rules decide alone:
a body is kept when one of its mentions is not in passing.
"""
from __future__ import annotations

import bisect
import json
import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterable, Optional, Sequence

from ..resources import data_path, load_yaml

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Department, Task

FEATURE_VERSION = 1
MODEL_FILE = "involvement_model.json"
# At most this many mentions of one body are read for context: a body named a hundred times in a long
# plan says nothing new after the first few dozen, and the cost stays linear in the text.
_CONTEXT_MENTIONS = 20
# Lines from the top that a letterhead, title and address can take, and from the bottom a signature.
_HEAD_LINES, _TAIL_LINES = 3, 4
# How far a neighbouring cue can reach: the longest cue ("with the approval of the") and its spaces.
_NEIGHBOURHOOD = 30


@dataclass(frozen=True)
class BodyCandidate:
    """A body the name grammar found, with the evidence the selector weighs."""

    department: "Department"
    features: dict[str, float]
    assigned: bool  # leads or supports a task
    addressed: bool  # stands in the notice's address line, which gives it the notice's work
    by_rule: bool  # the rules alone would keep it: one of its mentions is not in passing

    @property
    def given_work(self) -> bool:
        """Evidence that settles it: a role in a task, or a place in the address (corpus/gold/CONVENTIONS.md)."""
        return self.assigned or self.addressed


@dataclass(frozen=True)
class _Neighbours:
    after: "re.Pattern[str]"  # named groups: the class of what follows a mention
    before: "re.Pattern[str]"  # the same for what precedes it, anchored at its end


def _alternation(words: Iterable[str], language: str) -> str:
    escaped = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return rf"(?:{escaped})" if language == "zh" else rf"\b(?:{escaped})\b"


@lru_cache(maxsize=2)
def _neighbours(language: str) -> _Neighbours:
    roles = load_yaml(f"{language}/roles.yaml")
    involvement = load_yaml(f"{language}/involvement.yaml")
    words = _alternation(involvement["neighbour_words"], language)
    cues_after = {
        "lead": roles["lead_markers"],
        "support": roles["support_markers"],
        "demand": list(roles["subject_verbs"]) + list(roles.get("subject_followers") or []),
    }
    after = "|".join(f"(?P<{name}>{_alternation(cue, language)})" for name, cue in cues_after.items() if cue)
    before = (f"(?P<directed>{_alternation(roles['directed_by'], language)})\\s*$"
              f"|(?P<passing>{_alternation(involvement['passing_before'], language)})\\s*$")
    flags = re.IGNORECASE if language == "en" else 0
    return _Neighbours(after=re.compile(rf"\s*(?:{after}|(?P<word>{words}))", flags),
                       before=re.compile(rf"(?:{before}|(?P<word>{words})\s*$)", flags))


def _punctuation(ch: str) -> Optional[str]:
    if ch in "\n\t":
        return "punct:newline" if ch == "\n" else "punct:tab"
    return f"punct:{ch}" if unicodedata.category(ch).startswith("P") else None


def _neighbour_class(edge: str, match: Optional["re.Match[str]"]) -> str:
    """The class of a mention's neighbour: the punctuation mark next to it (``edge``), else the function word or
    cue its pattern matched, else "other"."""
    punctuation = _punctuation(edge)
    if punctuation:
        return punctuation
    group = match.lastgroup if match else None
    if group == "word":
        return f"word:{match.group('word').strip().lower()}"  # type: ignore[union-attr]
    return f"cue:{group}" if group else "other"


def _neighbour_classes(canon: str, start: int, end: int, language: str) -> tuple[str, str]:
    """What precedes and what follows one mention, as a closed class."""
    rules = _neighbours(language)
    ahead = canon[end:end + _NEIGHBOURHOOD]
    behind = canon[max(0, start - _NEIGHBOURHOOD):start]
    stripped, tail = ahead.lstrip(" "), behind.rstrip(" ")
    after = _neighbour_class(stripped[0], rules.after.match(ahead)) if stripped else "end"
    before = _neighbour_class(tail[-1], rules.before.search(behind)) if tail else "start"
    return before, after


@dataclass(frozen=True)
class _DocumentIndex:
    """What every body of one document is measured against, computed once (no scan of the text per body)."""

    line_starts: list[int]
    task_spans: list[tuple[int, int]]
    task_starts: list[int]
    roles: dict[str, list[str]]  # department name -> the roles of its assignments

    @classmethod
    def of(cls, canon: str, tasks: Sequence["Task"]) -> "_DocumentIndex":
        line_starts = [0] + [i + 1 for i, ch in enumerate(canon) if ch == "\n"]
        task_spans = sorted(task.span for task in tasks)
        roles: dict[str, list[str]] = {}
        for task in tasks:
            for assignment in task.assignments:
                roles.setdefault(assignment.department, []).append(assignment.role)
        return cls(line_starts, task_spans, [s for s, _ in task_spans], roles)

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset) - 1


def evidence(canon: str, department: "Department", *, passing: set[tuple[int, int]], tasks: Sequence["Task"],
             addressee_spans: set[tuple[int, int]], language: str) -> BodyCandidate:
    """The named features of one body in one document (see :func:`evidence_of_all` for many)."""
    return _evidence(canon, department, passing=passing, addressee_spans=addressee_spans, language=language,
                     index=_DocumentIndex.of(canon, tasks))


def evidence_of_all(canon: str, departments: Sequence["Department"], *, passing: set[tuple[int, int]],
                    tasks: Sequence["Task"], addressee_spans: set[tuple[int, int]],
                    language: str) -> list[BodyCandidate]:
    """The named features of every body of one document, the document indexed once."""
    index = _DocumentIndex.of(canon, tasks)
    return [_evidence(canon, department, passing=passing, addressee_spans=addressee_spans, language=language,
                      index=index) for department in departments]


def _evidence(canon: str, department: "Department", *, passing: set[tuple[int, int]],
              addressee_spans: set[tuple[int, int]], language: str, index: _DocumentIndex) -> BodyCandidate:
    spans = department.spans
    roles = index.roles.get(department.name, [])
    leads, supports = roles.count("lead"), roles.count("support")
    features: dict[str, float] = {
        f"kind={department.kind}": 1.0,
        f"level={department.level}": 1.0,
        "name_length": min(len(department.name), 30) / 30,
        "leads": math.log1p(leads), "has_lead": float(leads > 0),
        "supports": math.log1p(supports), "has_support": float(supports > 0),
        # The owner of an addressed collective (市安委会 of 市安委会有关成员单位) is in passing there.
        "addressee": float(any(span in addressee_spans and span not in passing for span in spans)),
        "mentions": math.log1p(len(spans)),
    }
    if spans:
        in_passing = sum(1 for span in spans if span in passing)
        features["share_passing"] = in_passing / len(spans)
        features["any_active"] = float(in_passing < len(spans))
        # A letterhead or a signature is a place in a document of some length; in a text of a few lines
        # every body stands at its head and its tail.
        newlines = len(index.line_starts) - 1
        if newlines >= _HEAD_LINES + _TAIL_LINES:
            features["only_in_head_lines"] = float(index.line_of(spans[-1][0]) < _HEAD_LINES)
            features["only_in_tail_lines"] = float(newlines - index.line_of(spans[0][1]) < _TAIL_LINES)
        inside = 0
        for start, end in spans:
            at = bisect.bisect_right(index.task_starts, start) - 1
            inside += at >= 0 and index.task_spans[at][1] >= end
        features["share_in_task"] = inside / len(spans)
    for start, end in spans[:_CONTEXT_MENTIONS]:
        line_start = index.line_starts[index.line_of(start)]
        last_line = index.line_of(end)  # a name may run over a line break (国务\n院安委会)
        line_end = index.line_starts[last_line + 1] - 1 if last_line + 1 < len(index.line_starts) else len(canon)
        opens_line = len(canon[line_start:start].strip()) <= 4  # after a number such as （一）
        if opens_line:
            features["opens_line"] = 1.0
            if not canon[end:line_end].strip(" \t\u3000,、:"):
                features["alone_on_line"] = 1.0
        before, after = _neighbour_classes(canon, start, end, language)
        features[f"before={before}"] = 1.0
        features[f"after={after}"] = 1.0
    return BodyCandidate(department=department, features=features, assigned=bool(roles),
                         addressed=features["addressee"] > 0, by_rule=features.get("any_active", 0.0) > 0)


@dataclass
class InvolvementModel:
    language: str
    weights: dict[str, float]
    intercept: float
    thresholds: dict[str, float]  # per kind: "body", "collective"
    meta: dict = field(default_factory=dict)

    def probability(self, features: dict[str, float]) -> float:
        score = self.intercept + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))

    def decides(self, kind: str) -> bool:
        """Whether the model was trained on enough bodies of this kind to decide them (else the rules do)."""
        return kind in self.thresholds


def model_file(language: str, folder: Any = None) -> Any:
    from pathlib import Path

    return (Path(folder) / language if folder is not None else data_path(language)) / MODEL_FILE


def save_model(model: InvolvementModel, folder: Any) -> None:
    """Write the model as JSON, atomically."""
    import os
    import tempfile

    path = model_file(model.language, folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = dict(model.meta, feature_version=FEATURE_VERSION, intercept=model.intercept,
                   thresholds=model.thresholds, weights={k: model.weights[k] for k in sorted(model.weights)})
    handle, temp = tempfile.mkstemp(dir=path.parent, suffix=".json")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(payload, out, ensure_ascii=False, indent=1, sort_keys=True)
        out.write("\n")
    os.chmod(temp, 0o644)  # mkstemp makes files private; a model is data to share
    os.replace(temp, path)


def read_model(language: str, folder: Any = None) -> Optional[InvolvementModel]:
    path = model_file(language, folder)
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("feature_version") != FEATURE_VERSION:
        return None  # a model of an older feature layout: the rules decide until it is retrained
    meta = {k: v for k, v in data.items() if k not in ("weights", "intercept", "thresholds", "feature_version")}
    return InvolvementModel(language=language, weights={str(k): float(v) for k, v in data["weights"].items()},
                            intercept=float(data["intercept"]),
                            thresholds={str(k): float(v) for k, v in data["thresholds"].items()}, meta=meta)


@lru_cache(maxsize=2)
def load_model(language: str) -> Optional[InvolvementModel]:
    """The shipped model for ``language``, or None (then the rules decide alone)."""
    return read_model(language)


def select_bodies(candidates: Iterable[BodyCandidate], *, language: str,
                  model: Optional[InvolvementModel] = None) -> tuple[list["Department"], list["Department"]]:
    """The bodies given work, and the others (kept apart for the reviewer); each with its confidence.

    ``model``: the trained selector (default: the shipped one). A body that leads or supports a task, or
    that the notice is addressed to, is always kept. Without a model, or for a kind the model was not trained to
    decide, a body is kept when one of its mentions is not in passing, a company only when it is given work."""
    model = model if model is not None else load_model(language)
    kept: list["Department"] = []
    others: list["Department"] = []
    for candidate in candidates:
        department = candidate.department
        if model is None or not model.decides(department.kind):
            # A company named with no work is, in a report, mostly where an accident happened or what was
            # inspected: by the rules alone it is kept only when it leads or supports a task.
            keep = candidate.given_work or (candidate.by_rule and department.level != "enterprise")
        else:
            probability = model.probability(candidate.features)
            keep = candidate.given_work or (candidate.by_rule and probability >= model.thresholds[department.kind])
            department = department.model_copy(update={"confidence": round(probability, 3)})
        (kept if keep else others).append(department)
    return kept, others


__all__ = ["BodyCandidate", "InvolvementModel", "evidence", "evidence_of_all", "load_model", "read_model",
           "save_model", "select_bodies"]
