"""The responsibility matrix: tasks × departments, each cell lead or support.

Two views of the same data:

- :func:`build_matrix` is the compact form the pipeline stores in ``Document.matrix``
  (the JSON contract): departments in order of first assignment, rows only for tasks
  that have any.
- :func:`responsibility_matrix` is the review form used by the exports: every task in
  document order, named bodies first and collectives (各地区、各部门, "relevant
  departments") kept in a group of their own after them, a choice of department order,
  and a per-department summary. It needs no pandas; :meth:`ResponsibilityMatrix.to_frame`
  converts to a DataFrame when pandas happens to be installed.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Literal, Optional

from pydantic import BaseModel, Field

from .model import DepartmentKind, Document, Level, Matrix, MatrixRow, Role, Task

if TYPE_CHECKING:  # pragma: no cover - typing only; pandas is optional
    import pandas

Order = Literal["document", "workload", "name"]
ORDERS: tuple[str, ...] = ("document", "workload", "name")


def _cells(task: Task) -> dict[str, Role]:
    cells: dict[str, Role] = {}
    for assignment in task.assignments:
        # A body named as lead and as support of one task is its lead.
        if cells.get(assignment.department) != "lead":
            cells[assignment.department] = assignment.role
    return cells


def build_matrix(tasks: list[Task]) -> Matrix:
    """Departments in order of first assignment; one row per task that has any."""
    departments: list[str] = []
    rows: list[MatrixRow] = []
    for task in tasks:
        cells = _cells(task)
        for name in cells:
            if name not in departments:
                departments.append(name)
        if cells:
            rows.append(MatrixRow(task=task.id, cells=cells))
    return Matrix(departments=departments, rows=rows)


class ResponsibilityRow(BaseModel):
    number: int = Field(description="1-based position of the task in Document.tasks (the 序号 of the task list)")
    task: str = Field(description="task id")
    text: str = Field(description="the task as a reader names it: a table row's task cell, else the task text")
    cells: dict[str, Role] = Field(default_factory=dict)


class DepartmentSummary(BaseModel):
    name: str
    kind: DepartmentKind = "body"
    level: Optional[Level] = None
    lead: int = Field(default=0, description="number of tasks it leads")
    support: int = Field(default=0, description="number of tasks it supports")
    tasks: list[str] = Field(default_factory=list, description="ids of its tasks, in document order")
    earliest_due: Optional[dt.date] = Field(default=None, description="earliest dated deadline among its tasks")
    industries: list[str] = Field(default_factory=list, description="industry codes of its tasks, first seen first")

    @property
    def total(self) -> int:
        return self.lead + self.support


class ResponsibilityMatrix(BaseModel):
    language: Literal["zh", "en"]
    order: Order = "document"
    bodies: list[str] = Field(default_factory=list, description="named bodies, in the chosen order")
    collectives: list[str] = Field(default_factory=list,
                                   description="collectives (各地区、各部门, relevant departments), after the bodies")
    rows: list[ResponsibilityRow] = Field(default_factory=list, description="every task, in document order")
    summary: list[DepartmentSummary] = Field(default_factory=list, description="one per column, in column order")

    @property
    def departments(self) -> list[str]:
        """The columns: bodies, then collectives."""
        return self.bodies + self.collectives

    def cell(self, task: str, department: str) -> Role | None:
        for row in self.rows:
            if row.task == task:
                return row.cells.get(department)
        raise KeyError(task)

    def to_frame(self) -> "pandas.DataFrame":
        """Tasks × departments as a pandas DataFrame ("lead" / "support" / None), indexed by task id.

        The column index has two levels, (kind, department), so bodies and collectives stay apart.
        """
        try:
            import pandas as pd
        except ImportError as exc:  # pandas is not a dependency: say how to get it
            raise ImportError("ResponsibilityMatrix.to_frame() needs pandas: pip install pandas") from exc
        columns = pd.MultiIndex.from_tuples(
            [("body", name) for name in self.bodies] + [("collective", name) for name in self.collectives],
            names=["kind", "department"],
        )
        data: list[list[Any]] = [[row.cells.get(name) for name in self.departments] for row in self.rows]
        index = pd.Index([row.task for row in self.rows], name="task")
        return pd.DataFrame(data, index=index, columns=columns, dtype="object")


def task_label(task: Task) -> str:
    """A table row's task is its task cell (the row is only the evidence); other tasks are their text."""
    return task.title if task.origin == "table_row" and task.title else task.text


def responsibility_matrix(document: Document, *, order: Order = "document",
                          collectives: bool = True) -> ResponsibilityMatrix:
    """Tasks × departments for review.

    ``order``: ``"document"`` (first appearance in the tasks), ``"workload"`` (lead + support tasks,
    most first; ties keep document order) or ``"name"``. Bodies and collectives are ordered
    separately, collectives always after the bodies; ``collectives=False`` leaves them out.
    Departments the document lists are typed by their ``kind``; an assignment naming a
    department the list lacks is treated as a body.
    """
    if order not in ORDERS:
        from .errors import InvalidArgument

        raise InvalidArgument(f"order={order!r}", f"expected one of {', '.join(ORDERS)}")
    known = {d.name: d for d in document.other_bodies} | {d.name: d for d in document.departments}

    summaries: dict[str, DepartmentSummary] = {}
    rows: list[ResponsibilityRow] = []
    for number, task in enumerate(document.tasks, start=1):
        cells = _cells(task)
        for name, role in cells.items():
            summary = summaries.get(name)
            if summary is None:
                department = known.get(name)
                summary = summaries[name] = DepartmentSummary(
                    name=name,
                    kind=department.kind if department else "body",
                    level=department.level if department else None,
                )
            if role == "lead":
                summary.lead += 1
            else:
                summary.support += 1
            summary.tasks.append(task.id)
            due = task.deadline.date if task.deadline else None
            if due is not None and (summary.earliest_due is None or due < summary.earliest_due):
                summary.earliest_due = due
            summary.industries.extend(code for code in task.industries if code not in summary.industries)
        if not collectives:
            cells = {name: role for name, role in cells.items() if summaries[name].kind != "collective"}
        rows.append(ResponsibilityRow(number=number, task=task.id, text=task_label(task), cells=cells))

    first_seen = list(summaries)  # dicts keep insertion order: first appearance
    if order == "workload":
        first_seen.sort(key=lambda name: -summaries[name].total)  # stable: ties stay in document order
    elif order == "name":
        first_seen.sort(key=lambda name: (name.casefold(), name))
    bodies = [name for name in first_seen if summaries[name].kind == "body"]
    groups = [name for name in first_seen if summaries[name].kind == "collective"] if collectives else []
    return ResponsibilityMatrix(
        language=document.language,
        order=order,
        bodies=bodies,
        collectives=groups,
        rows=rows,
        summary=[summaries[name] for name in bodies + groups],
    )
