"""The responsibility matrix: tasks × departments, each cell lead or support."""
from __future__ import annotations

from .model import Matrix, MatrixRow, Task


def build_matrix(tasks: list[Task]) -> Matrix:
    """Departments in order of first assignment; one row per task that has any."""
    departments: list[str] = []
    rows: list[MatrixRow] = []
    for task in tasks:
        cells: dict[str, str] = {}
        for assignment in task.assignments:
            if assignment.department not in departments:
                departments.append(assignment.department)
            # A body named as lead and as support of one task is its lead.
            if cells.get(assignment.department) != "lead":
                cells[assignment.department] = assignment.role
        if cells:
            rows.append(MatrixRow(task=task.id, cells=cells))  # type: ignore[arg-type]
    return Matrix(departments=departments, rows=rows)
