"""The task-division table as plain rows, shared by the tabular exports."""
from __future__ import annotations

from ..model import Document

HEADERS = {
    "zh": ["序号", "重点任务", "牵头单位", "配合单位", "完成时限", "重点行业", "出处"],
    "en": ["No.", "Task", "Lead", "Support", "Deadline", "Industries", "Source"],
}


def task_rows(document: Document) -> list[list[str]]:
    """The seven cells of each task, as every tabular export shows them (industries by name)."""
    from .review import separator, task_lines  # review imports HEADERS from here

    return [line.cells(sep=separator(document)) for line in task_lines(document)]
