"""The task-division table as plain rows, shared by the tabular exports."""
from __future__ import annotations

from ..model import Document

HEADERS = {
    "zh": ["序号", "重点任务", "牵头单位", "配合单位", "完成时限", "重点行业", "出处"],
    "en": ["No.", "Task", "Lead", "Support", "Deadline", "Industries", "Source"],
}


def task_rows(document: Document) -> list[list[str]]:
    separator = "、" if document.language == "zh" else "; "
    rows = []
    for number, task in enumerate(document.tasks, start=1):
        deadline = ""
        if task.deadline:
            deadline = task.deadline.text
            if task.deadline.date:
                deadline += f" ({task.deadline.date.isoformat()})"
        where = f"{task.section or ''} [{task.span[0]}:{task.span[1]}]".strip()
        rows.append([
            str(number),
            # A table row's task is its task cell; the row itself stays the evidence span.
            task.title if task.origin == "table_row" and task.title else task.text,
            separator.join(task.departments("lead")),
            separator.join(task.departments("support")),
            deadline,
            separator.join(task.industries),
            where,
        ])
    return rows
