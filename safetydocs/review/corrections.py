"""A reviewer's corrections to a parsed document, each a small typed record, and how one is applied.

A correction never edits the parser's output in place: :func:`apply_correction` returns a new
:class:`~safetydocs.model.Document`, so the review store keeps the original and rebuilds the corrected
document by replaying the corrections not undone (:func:`apply_all`). Every correction names tasks by id and
text by character span, so replaying it is deterministic.
"""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from ..errors import InvalidCorrection
from ..matrix import build_matrix
from ..model import Assignment, Deadline, DeadlineKind, Department, Document, Role, Task, stable_id

# A name opening so is a group, not one body (各区县, "all districts"): the kind a department added by a reviewer
# gets when the document does not list it already.
_COLLECTIVE_OPENINGS_ZH = ("各", "全市", "全县", "全区", "全省", "有关", "相关")
_COLLECTIVE_OPENINGS_EN = ("all ", "relevant ", "the relevant ", "concerned ", "each ", "every ")


class _Correction(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SetTaskSpan(_Correction):
    """Move a task's boundaries to ``start``–``end`` of the document's text."""

    op: Literal["task.span"] = "task.span"
    task: str
    start: int = Field(ge=0)
    end: int = Field(gt=0)


class AddTask(_Correction):
    """A task the parser missed, at ``start``–``end`` of the text."""

    op: Literal["task.add"] = "task.add"
    start: int = Field(ge=0)
    end: int = Field(gt=0)


class DeleteTask(_Correction):
    op: Literal["task.delete"] = "task.delete"
    task: str


class SetRole(_Correction):
    """Give ``department`` the ``role`` on ``task`` (added when the task does not name it; switched when it does)."""

    op: Literal["role.set"] = "role.set"
    task: str
    department: str = Field(min_length=1, max_length=200)
    role: Role


class RemoveDepartment(_Correction):
    op: Literal["role.remove"] = "role.remove"
    task: str
    department: str = Field(min_length=1, max_length=200)


class MergeDepartments(_Correction):
    """``source`` is another name of ``target``: every task's ``source`` becomes ``target``; an alias to learn."""

    op: Literal["department.merge"] = "department.merge"
    source: str = Field(min_length=1, max_length=200)
    target: str = Field(min_length=1, max_length=200)


class SetDeadline(_Correction):
    """The task's deadline as the text writes it, its date and kind; an empty ``text`` removes it."""

    op: Literal["deadline.set"] = "deadline.set"
    task: str
    text: str = Field(default="", max_length=200)
    date: Optional[dt.date] = None
    kind: DeadlineKind = "date"


class AddIndustry(_Correction):
    op: Literal["industry.add"] = "industry.add"
    task: str
    code: str = Field(pattern=r"^[a-z_]{2,40}$")


class RemoveIndustry(_Correction):
    op: Literal["industry.remove"] = "industry.remove"
    task: str
    code: str = Field(pattern=r"^[a-z_]{2,40}$")


class SetReviewed(_Correction):
    """The document checked and approved (or taken back): kept by the store, the document is unchanged."""

    op: Literal["document.reviewed"] = "document.reviewed"
    reviewed: bool = True


Correction = Annotated[
    Union[SetTaskSpan, AddTask, DeleteTask, SetRole, RemoveDepartment, MergeDepartments, SetDeadline, AddIndustry,
          RemoveIndustry, SetReviewed],
    Field(discriminator="op"),
]
_ADAPTER: TypeAdapter[Correction] = TypeAdapter(Correction)
OPERATIONS: tuple[str, ...] = ("task.span", "task.add", "task.delete", "role.set", "role.remove", "department.merge",
                               "deadline.set", "industry.add", "industry.remove", "document.reviewed")


def parse_correction(data: dict) -> Correction:
    """A correction from its JSON form; anything malformed is :class:`InvalidCorrection` (SD701)."""
    try:
        return _ADAPTER.validate_python(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first.get("loc", ())) or "correction"
        raise InvalidCorrection(str(data.get("op", "?")) if isinstance(data, dict) else "?",
                                f"{where}: {first.get('msg')}") from None


def correction_json(correction: Correction) -> dict:
    return correction.model_dump(mode="json")


def apply_all(document: Document, corrections: list[Correction]) -> Document:
    for correction in corrections:
        document = apply_correction(document, correction)
    return document


def apply_correction(document: Document, correction: Correction) -> Document:
    """The document with ``correction`` made; the argument is left as it was."""
    doc = document.model_copy(deep=True)
    if isinstance(correction, SetReviewed):
        return doc
    if isinstance(correction, AddTask):
        start, end = _span(doc, correction.start, correction.end)
        task_id = stable_id("task", "review", start, end)
        if any(t.id == task_id for t in doc.tasks):
            raise InvalidCorrection("task.add", f"a task already covers {start}-{end}")
        task = Task(id=task_id, text=doc.text[start:end].strip(), span=(start, end), confidence=1.0)
        doc.tasks.append(task)
        doc.tasks.sort(key=lambda t: t.span)
    elif isinstance(correction, MergeDepartments):
        _merge(doc, correction.source.strip(), correction.target.strip())
    else:
        task = _task(doc, correction.task)
        if isinstance(correction, SetTaskSpan):
            start, end = _span(doc, correction.start, correction.end)
            task.span, task.text = (start, end), doc.text[start:end].strip()
            doc.tasks.sort(key=lambda t: t.span)
        elif isinstance(correction, DeleteTask):
            doc.tasks = [t for t in doc.tasks if t.id != task.id]
        elif isinstance(correction, SetRole):
            _set_role(doc, task, correction.department.strip(), correction.role)
        elif isinstance(correction, RemoveDepartment):
            name = correction.department.strip()
            if name not in task.departments():
                raise InvalidCorrection("role.remove", f"task {task.id} names no {name!r}")
            task.assignments = [a for a in task.assignments if a.department != name]
        elif isinstance(correction, SetDeadline):
            task.deadline = _deadline(doc, task, correction)
        elif isinstance(correction, AddIndustry):
            from ..extract.industries import taxonomy  # the codes the exports can name (models/common)

            if correction.code not in taxonomy():
                raise InvalidCorrection("industry.add", f"{correction.code!r} is not an industry code")
            if correction.code not in task.industries:
                task.industries.append(correction.code)
        elif isinstance(correction, RemoveIndustry):
            task.industries = [code for code in task.industries if code != correction.code]
    _tidy_departments(doc)
    doc.matrix = build_matrix(doc.tasks)
    return doc


def _task(doc: Document, task_id: str) -> Task:
    for task in doc.tasks:
        if task.id == task_id:
            return task
    raise InvalidCorrection(task_id, "no such task in this document")


def _span(doc: Document, start: int, end: int) -> tuple[int, int]:
    if not 0 <= start < end <= len(doc.text):
        raise InvalidCorrection(f"{start}-{end}", f"not a span of the text (0-{len(doc.text)})")
    # the span a reader selected, without the blanks around it
    while start < end and doc.text[start].isspace():
        start += 1
    while end > start and doc.text[end - 1].isspace():
        end -= 1
    if start == end:
        raise InvalidCorrection(f"{start}-{end}", "the span holds no text")
    return start, end


def _guess_kind(doc: Document, name: str) -> str:
    known = {d.name: d.kind for d in doc.departments + doc.other_bodies}
    if name in known:
        return known[name]
    openings = _COLLECTIVE_OPENINGS_ZH if doc.language == "zh" else _COLLECTIVE_OPENINGS_EN
    return "collective" if name.lower().startswith(openings) else "body"


def _mention_span(doc: Document, task: Task, name: str) -> tuple[int, int]:
    """Where the task's text names ``name``, else where the document first does, else the task itself."""
    at = doc.text.find(name, task.span[0], task.span[1])
    if at < 0:
        at = doc.text.find(name)
    return (at, at + len(name)) if at >= 0 else task.span


def _set_role(doc: Document, task: Task, name: str, role: Role) -> None:
    kept = [a for a in task.assignments if a.department != name]
    old = [a for a in task.assignments if a.department == name]
    span = old[0].span if old else _mention_span(doc, task, name)
    mention = old[0].mention if old else name
    task.assignments = kept + [Assignment(department=name, mention=mention, role=role, span=span, confidence=1.0)]
    task.assignments.sort(key=lambda a: (a.role != "lead", a.span))
    if not any(d.name == name for d in doc.departments):
        moved = [d for d in doc.other_bodies if d.name == name]
        doc.other_bodies = [d for d in doc.other_bodies if d.name != name]
        doc.departments.append(moved[0] if moved else Department(
            id=stable_id("dept", name), name=name, mentions=[mention],
            spans=[span] if doc.text[span[0]:span[1]] == name else [], kind=_guess_kind(doc, name), confidence=1.0))


def _merge(doc: Document, source: str, target: str) -> None:
    if source == target:
        raise InvalidCorrection("department.merge", "a name cannot be merged into itself")
    names = {a.department for t in doc.tasks for a in t.assignments} | {d.name for d in doc.departments}
    if source not in names:
        raise InvalidCorrection("department.merge", f"the document names no {source!r}")
    for task in doc.tasks:
        roles = {a.department: a.role for a in task.assignments}
        if source not in roles:
            continue
        merged_role: Role = "lead" if "lead" in (roles[source], roles.get(target)) else "support"
        kept = [a for a in task.assignments if a.department not in (source, target)]
        first = next(a for a in task.assignments if a.department in (source, target))
        kept.append(Assignment(department=target, mention=first.mention, role=merged_role, span=first.span,
                               confidence=1.0))
        task.assignments = sorted(kept, key=lambda a: (a.role != "lead", a.span))
    by_name = {d.name: d for d in doc.departments}
    gone = by_name.get(source)
    into = by_name.get(target)
    if gone is not None:
        if into is None:
            into = Department(id=stable_id("dept", target), name=target, mentions=[], kind=gone.kind,
                              level=gone.level, confidence=1.0)
            doc.departments.append(into)
        into.mentions += [m for m in gone.mentions if m not in into.mentions]
        into.spans = sorted(set(into.spans) | set(gone.spans))
        doc.departments = [d for d in doc.departments if d.name != source]


def _deadline(doc: Document, task: Task, correction: SetDeadline) -> Optional[Deadline]:
    text = correction.text.strip()
    if not text:
        return None
    at = doc.text.find(text, task.span[0], task.span[1])
    if at < 0:
        at = doc.text.find(text)
    span = (at, at + len(text)) if at >= 0 else task.span
    date = correction.date if correction.kind in ("date", "relative") else None
    return Deadline(text=text, date=date, kind=correction.kind, span=span, confidence=1.0)


def _tidy_departments(doc: Document) -> None:
    """A department no task names any more stays listed (the text still names it); none is listed twice."""
    seen: set[str] = set()
    unique = []
    for department in doc.departments:
        if department.name not in seen:
            seen.add(department.name)
            unique.append(department)
    doc.departments = unique
