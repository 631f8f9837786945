"""CSV: the task list, UTF-8 with a BOM so that Excel shows Chinese correctly."""
from __future__ import annotations

import csv
import io

from ..model import Document
from .rows import HEADERS, task_rows
from .safety import spreadsheet_value


def render(document: Document) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADERS[document.language])
    writer.writerows([spreadsheet_value(cell) for cell in row] for row in task_rows(document))
    return "\ufeff" + buffer.getvalue()
