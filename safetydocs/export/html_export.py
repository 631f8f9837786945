"""HTML: one self-contained page for review — no external assets, inline CSS, no JavaScript.

The page has the document's title and date, the task-division table, the responsibility
matrix, and the source text with every task's span highlighted (``<mark class="task"
id="span-<task id>">``) and department and deadline mentions marked inside it. Each task
row links to its span and each span back to its row.

Every piece of document text goes through :func:`html.escape`: a notice quoting
``<script>`` comes out as text, never as markup.
"""
from __future__ import annotations

import datetime as dt
from html import escape
from typing import NamedTuple

from ..matrix import ResponsibilityMatrix, responsibility_matrix
from ..model import Document
from .review import (COLLECTIVE_HEADER_FILL, HEADER_FILL, LEAD_FILL, SUPPORT_FILL, TaskLine, format_date, headers,
                     labels, separator, shorten, task_lines, title_line)

_CSS = f"""
body {{ font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", system-ui, sans-serif;
       margin: 2em auto; max-width: 1280px; padding: 0 1em; color: #222; line-height: 1.5; }}
h1 {{ font-size: 1.5em; text-align: center; margin-bottom: .2em; }}
p.meta {{ text-align: center; color: #666; margin-top: 0; }}
h2 {{ font-size: 1.2em; border-bottom: 2px solid #{HEADER_FILL}; padding-bottom: .2em; margin-top: 2em; }}
table {{ border-collapse: collapse; width: 100%; font-size: .92em; }}
th, td {{ border: 1px solid #a6a6a6; padding: .3em .5em; vertical-align: top; }}
th {{ background: #{HEADER_FILL}; position: sticky; top: 0; }}
th.collective {{ background: #{COLLECTIVE_HEADER_FILL}; font-style: italic; }}
td.num {{ text-align: center; white-space: nowrap; }}
table.matrix td.role {{ text-align: center; white-space: nowrap; }}
td.lead {{ background: #{LEAD_FILL}; font-weight: bold; }}
td.support {{ background: #{SUPPORT_FILL}; }}
.source {{ white-space: pre-wrap; border: 1px solid #ddd; padding: 1em; background: #fcfcfc; }}
mark.task {{ background: #fff2cc; }}
mark.task:target, tr:target {{ outline: 2px solid #e67e22; }}
.dept {{ border-bottom: 2px solid #2f75b5; }}
.deadline {{ color: #c00000; font-weight: bold; }}
sup.ref a {{ color: #888; text-decoration: none; font-size: .75em; }}
a {{ color: #2f75b5; }}
"""


def render(document: Document) -> str:
    label = labels(document)
    lines = task_lines(document)
    matrix = responsibility_matrix(document)
    title = title_line(document)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if document.language == "zh" else "en"}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(document.heading())}</h1>",
        _meta(document),
        f'<h2 id="tasks">{escape(label["tasks_sheet"])}（{len(lines)}）</h2>' if document.language == "zh"
        else f'<h2 id="tasks">{escape(label["tasks_sheet"])} ({len(lines)})</h2>',
        _task_table(document, lines),
        f'<h2 id="matrix">{escape(label["matrix_sheet"])}</h2>',
        _matrix_table(document, matrix),
        f'<h2 id="source">{escape(label["source_text"])}</h2>',
        _source(document),
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _meta(document: Document) -> str:
    label = labels(document)
    items = []
    if document.issued:
        day = format_date(document.issued, language=document.language)
        items.append(f'{escape(label["issued"])}: <time datetime="{document.issued.isoformat()}">{escape(day)}</time>')
    items.append(f'{escape(label["source"])}: {escape(document.source)}')
    return '<p class="meta">' + " · ".join(items) + "</p>"


def _task_table(document: Document, lines: list[TaskLine]) -> str:
    if not lines:
        return f"<p>{escape(labels(document)['no_tasks'])}</p>"
    sep = separator(document)
    out = ['<table class="tasks">', "<thead><tr>"]
    out += [f"<th>{escape(name)}</th>" for name in headers(document)]
    out.append("</tr></thead>")
    out.append("<tbody>")
    for line in lines:
        number, text, lead, support, deadline, industries, source = line.cells(sep=sep)
        anchor = f"#span-{escape(line.id)}"
        out.append(
            f'<tr id="row-{escape(line.id)}">'
            f'<td class="num"><a href="{anchor}">{escape(number)}</a></td>'
            f"<td>{escape(text)}</td><td>{escape(lead)}</td><td>{escape(support)}</td>"
            f"<td>{escape(deadline)}</td><td>{escape(industries)}</td>"
            f'<td class="num"><a href="{anchor}">{escape(source)}</a></td>'
            "</tr>"
        )
    out.append("</tbody></table>")
    return "\n".join(out)


def _matrix_table(document: Document, matrix: ResponsibilityMatrix) -> str:
    label = labels(document)
    if not matrix.departments:
        return f"<p>{escape(label['no_tasks'])}</p>" if not matrix.rows else "<p>—</p>"
    limit = 40 if document.language == "zh" else 80
    marks = {"lead": label["lead"], "support": label["support"]}
    out = ['<table class="matrix">', "<thead>"]
    # A group row over the columns keeps the named bodies and the collectives visibly apart.
    out.append('<tr><th rowspan="2">' + escape(label["number"]) + '</th><th rowspan="2">' + escape(label["task"])
               + "</th>")
    if matrix.bodies:
        out.append(f'<th colspan="{len(matrix.bodies)}">{escape(label["bodies"])}</th>')
    if matrix.collectives:
        out.append(f'<th class="collective" colspan="{len(matrix.collectives)}">{escape(label["collectives"])}</th>')
    out.append("</tr><tr>")
    out += [f"<th>{escape(name)}</th>" for name in matrix.bodies]
    out += [f'<th class="collective">{escape(name)}</th>' for name in matrix.collectives]
    out.append("</tr></thead><tbody>")
    for row in matrix.rows:
        cells = []
        for name in matrix.departments:
            role = row.cells.get(name)
            cells.append(f'<td class="role {role}">{escape(marks[role])}</td>' if role else '<td class="role"></td>')
        out.append(f'<tr><td class="num"><a href="#row-{escape(row.task)}">{row.number}</a></td>'
                   f"<td>{escape(shorten(row.text, limit=limit))}</td>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


class _Mark(NamedTuple):
    start: int
    end: int
    kind: str      # "dept" or "deadline"
    note: str      # tooltip: the canonical department name, or the deadline's date


def _source(document: Document) -> str:
    """The text with task spans as <mark>s and mentions inside them, always properly nested.

    Task spans are made disjoint (a span overlapping the one before starts where that one ends),
    mentions are made disjoint (the first, then longest, wins) and cut at task boundaries, so
    that every opened element closes before its parent does.
    """
    text = document.text
    size = len(text)

    tasks: list[tuple[int, int, int, str]] = []  # start, end, number, id
    last_end = 0
    for number, task in sorted(enumerate(document.tasks, start=1), key=lambda item: (item[1].span, item[0])):
        start, end = max(min(task.span[0], size), last_end), min(task.span[1], size)
        end = max(end, start)  # fully covered by an earlier span: an empty mark still anchors the link
        tasks.append((start, end, number, task.id))
        last_end = end

    candidates: list[_Mark] = []
    for department in document.departments:
        candidates += [_Mark(s, e, "dept", department.name) for s, e in department.spans]
    for task in document.tasks:
        candidates += [_Mark(*a.span, "dept", a.department) for a in task.assignments]
        if task.deadline:
            candidates.append(_Mark(*task.deadline.span, "deadline", _date_note(task.deadline.date)))
    candidates += [_Mark(*d.span, "deadline", _date_note(d.date)) for d in document.deadlines]
    mentions: list[_Mark] = []
    last_end = 0
    for mark in sorted(set(candidates), key=lambda m: (m.start, -m.end, m.kind)):
        if mark.start >= last_end and mark.start < mark.end <= size:
            mentions.append(mark)
            last_end = mark.end
    cuts = sorted({position for start, end, _, _ in tasks for position in (start, end)})
    pieces: list[_Mark] = []
    for mark in mentions:
        inner = [c for c in cuts if mark.start < c < mark.end]
        bounds = [mark.start, *inner, mark.end]
        pieces += [mark._replace(start=a, end=b) for a, b in zip(bounds, bounds[1:])]

    opens: dict[int, list[str]] = {}
    closes: dict[int, list[str]] = {}
    for start, end, number, task_id in tasks:
        opens.setdefault(start, []).append(
            f'<sup class="ref"><a href="#row-{escape(task_id)}">[{number}]</a></sup>'
            f'<mark class="task" id="span-{escape(task_id)}">' + ("</mark>" if start == end else ""))
        if start < end:  # an empty mark closed itself above: closes at a position come before opens
            closes.setdefault(end, []).append("</mark>")
    for piece in pieces:
        opens.setdefault(piece.start, []).append(
            f'<span class="{piece.kind}" title="{escape(piece.note)}">')
        closes.setdefault(piece.end, []).append("</span>")

    out = ['<div class="source">']
    boundaries = sorted({0, size, *opens, *closes})
    for position, following in zip(boundaries, boundaries[1:] + [None]):
        # Mentions close before tasks do and tasks open before mentions: lists were filled in that order.
        out += reversed(closes.get(position, []))
        out += opens.get(position, [])
        if following is not None:
            out.append(escape(text[position:following]))
    out.append("</div>")
    return "".join(out)


def _date_note(date: dt.date | None) -> str:
    return date.isoformat() if date else ""
