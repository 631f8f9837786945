"""Markdown: a readable task list and the responsibility matrix."""
from __future__ import annotations

from ..model import Document
from .rows import HEADERS, task_rows
from .safety import markdown_text

_LABELS = {
    "zh": {"tasks": "任务分工", "matrix": "责任矩阵", "lead": "牵头", "support": "配合", "issued": "日期", "task": "任务"},
    "en": {"tasks": "Tasks", "matrix": "Responsibility matrix", "lead": "lead", "support": "support",
           "issued": "Date", "task": "Task"},
}


def _cell(value: str) -> str:
    # The document's words, never markup: a task may say <script> or [x](javascript:…).
    return markdown_text(value)


def render(document: Document) -> str:
    labels = _LABELS[document.language]
    lines = [f"# {_cell(document.heading())}", ""]
    if document.issued:
        lines += [f"{labels['issued']}: {document.issued.isoformat()}", ""]
    lines += [f"## {labels['tasks']}", ""]
    headers = HEADERS[document.language]
    lines.append("| " + " | ".join(headers) + " |")
    lines.append("|" + "---|" * len(headers))
    for row in task_rows(document):
        lines.append("| " + " | ".join(_cell(c) for c in row) + " |")
    if document.matrix.departments:
        lines += ["", f"## {labels['matrix']}", ""]
        lines.append("| # | " + " | ".join(_cell(d) for d in document.matrix.departments) + " |")
        lines.append("|" + "---|" * (len(document.matrix.departments) + 1))
        # Every task has its row, one with no department too: the matrix and the task list agree
        # row for row, and a reviewer sees at once which tasks nobody was given.
        cells = {row.task: row.cells for row in document.matrix.rows}
        for number, task in enumerate(document.tasks, start=1):
            row_cells = cells.get(task.id, {})
            marks = [labels[row_cells[d]] if d in row_cells else "" for d in document.matrix.departments]
            lines.append(f"| {number} | " + " | ".join(marks) + " |")
    return "\n".join(lines) + "\n"
