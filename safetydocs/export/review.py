"""What the office exports (xlsx, docx, html) share: labels in the document's language,
the title line, industry names and one structured row per task.

The plain-text exports keep using :mod:`.rows`; the office formats need the parts of a
row separately (the deadline's date as a date, industry *names*, the span) to format them.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

from ..matrix import task_label
from ..model import Document, Span
from .rows import HEADERS

# Colours (RRGGBB) shared by the xlsx fills and the HTML page's CSS, so both read alike.
LEAD_FILL = "F8CBAD"      # warm orange: the body answerable for the task
SUPPORT_FILL = "DDEBF7"   # pale blue: a body that helps
HEADER_FILL = "D9E1F2"
COLLECTIVE_HEADER_FILL = "EDEDED"  # collectives' columns look apart from the named bodies'

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "tasks_sheet": "任务分工表", "matrix_sheet": "责任矩阵", "summary_sheet": "部门汇总",
        "deadlines_sheet": "时间节点", "source_text": "原文",
        "lead": "牵头", "support": "配合", "bodies": "具名单位", "collectives": "统称单位",
        "body": "单位", "collective": "统称",
        "department": "部门", "kind": "类别", "level": "层级", "lead_count": "牵头任务数",
        "support_count": "配合任务数", "total": "合计", "earliest_due": "最早完成时限", "industries": "涉及重点行业",
        "due_date": "日期", "due_text": "完成时限", "number": "序号", "task": "重点任务", "lead_units": "牵头单位",
        "undated": "无具体日期", "issued": "日期", "source": "来源", "no_tasks": "未识别出任务。",
        "tasks_count": "共{n}项任务",
    },
    "en": {
        "tasks_sheet": "Task division", "matrix_sheet": "Matrix", "summary_sheet": "By department",
        "deadlines_sheet": "Deadlines", "source_text": "Source text",
        "lead": "Lead", "support": "Support", "bodies": "Named bodies", "collectives": "Collectives",
        "body": "Body", "collective": "Collective",
        "department": "Department", "kind": "Kind", "level": "Level", "lead_count": "Lead tasks",
        "support_count": "Support tasks", "total": "Total", "earliest_due": "Earliest due", "industries": "Industries",
        "due_date": "Date", "due_text": "Deadline", "number": "No.", "task": "Task", "lead_units": "Lead",
        "undated": "no date", "issued": "Date", "source": "Source", "no_tasks": "No tasks found.",
        "tasks_count": "{n} tasks",
    },
}

LEVELS: dict[str, dict[str, str]] = {
    "zh": {"national": "国家级", "provincial": "省级", "municipal": "市级", "county": "县级", "township": "乡镇级",
           "enterprise": "企业"},
    "en": {"national": "National", "provincial": "Provincial", "municipal": "Municipal", "county": "County",
           "township": "Township", "enterprise": "Enterprise"},
}


def labels(document: Document) -> dict[str, str]:
    return LABELS[document.language]


def headers(document: Document) -> list[str]:
    return list(HEADERS[document.language])


def separator(document: Document) -> str:
    return "、" if document.language == "zh" else "; "


def format_date(day: dt.date, *, language: str) -> str:
    if language == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day:%B} {day.day}, {day.year}"


def title_of(document: Document) -> str:
    return document.heading()


def title_line(document: Document) -> str:
    """The document's title with its issued date, as an office would head a table."""
    title = title_of(document)
    if document.issued is None:
        return title
    day = format_date(document.issued, language=document.language)
    return f"{title}（{day}）" if document.language == "zh" else f"{title} ({day})"


def industry_names(document: Document) -> dict[str, str]:
    """Industry code -> its name in the document's language (the document's own list, then the taxonomy)."""
    key = "name_zh" if document.language == "zh" else "name_en"
    names = {industry.code: getattr(industry, key) for industry in document.industries}
    missing = {code for task in document.tasks for code in task.industries} - names.keys()
    if missing:
        from ..extract.industries import taxonomy  # only when a task names a code the summary lacks

        known = taxonomy()
        names |= {code: known[code][key] for code in missing if code in known}
    return names


@dataclass(frozen=True)
class TaskLine:
    """One task of the task-division table, its parts kept apart for formatting."""

    number: int
    id: str
    text: str
    lead: list[str]
    support: list[str]
    deadline_text: str
    deadline_date: Optional[dt.date]
    industries: list[str]
    section: str
    span: Span

    @property
    def source(self) -> str:
        """Section path and character span: where a reviewer finds the task in the text."""
        return f"{self.section} [{self.span[0]}:{self.span[1]}]".strip()

    @property
    def deadline(self) -> str:
        """The deadline as written, with its date when it has one (as in the CSV and Markdown)."""
        if self.deadline_date is None:
            return self.deadline_text
        return f"{self.deadline_text} ({self.deadline_date.isoformat()})"

    def cells(self, *, sep: str) -> list[str]:
        """The seven cells of the task-division table, in :data:`HEADERS` order."""
        return [str(self.number), self.text, sep.join(self.lead), sep.join(self.support), self.deadline,
                sep.join(self.industries), self.source]


def task_lines(document: Document) -> list[TaskLine]:
    names = industry_names(document)
    lines = []
    for number, task in enumerate(document.tasks, start=1):
        lines.append(TaskLine(
            number=number,
            id=task.id,
            text=task_label(task),
            lead=task.departments("lead"),
            support=task.departments("support"),
            deadline_text=task.deadline.text if task.deadline else "",
            deadline_date=task.deadline.date if task.deadline else None,
            industries=[names.get(code, code) for code in task.industries],
            section=task.section or "",
            span=task.span,
        ))
    return lines


def shorten(text: str, *, limit: int) -> str:
    """One line of at most ``limit`` characters, for row labels of the matrix."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
