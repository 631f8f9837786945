"""Tasks from task tables: what each column holds, read from its header, then one item per row.

The header wording decides each column's role (``models/<lang>/table_headers.yaml``): task, problem,
category, lead, support, shared (责任单位: lead unless the table has a lead column), deadline, leader
(named people) or ignore (progress, remarks). Read as office staff read a 任务分工表:

* two task columns (工作任务 | 工作要求): the first is the category, each requirement is a task;
* a category or lead cell merged over several rows, or left empty below a filled one, applies to
  the rows it covers; a row with text in one wide cell only ("一、落实责任") opens a category;
* a task cell merged over several rows (one task, a lead per row) is one task over those rows;
* header rows repeated further down (a table continued on the next page) are skipped;
* a table with a problem column (问题清单, 隐患清单) gives problems, not tasks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Optional

from ..ingest.base import Table, TableCell
from ..resources import load_yaml

Span = tuple[int, int]

_ROLE_ORDER = ("number", "category", "task", "problem", "lead", "support", "shared", "deadline", "leader", "ignore")
_MAX_LABEL = {"zh": 16, "en": 48}  # a header cell is short; a long cell is content, whatever words it holds
_UNIT_WORDS = re.compile(r"单位|部门|主体|unit|department|agenc", re.IGNORECASE)


@lru_cache(maxsize=2)
def vocabulary(language: str) -> dict:
    return load_yaml(f"{language}/table_headers.yaml")


def _label(text: str) -> str:
    return re.sub(r"\s+", "" if not text.isascii() else " ", text).strip().lower()


def _contains(label: str, word: str, language: str) -> bool:
    if language == "zh" and len(word) <= 2:
        return label == word  # 问题, 隐患, 时间: too general to count inside 隐患级别 or 排查时间
    if language == "en" or word.isascii():
        return re.search(rf"(?<![a-z]){re.escape(word.lower())}(?![a-z])", label) is not None
    return word in label


@lru_cache(maxsize=4096)  # a table's header cells are asked about again for every plan and role lookup
def column_role(text: str, *, language: str, section: str = "roles") -> Optional[str]:
    """The role of a header cell: the role of the longest header word it contains."""
    label = _label(text)
    if not label or len(label) > _MAX_LABEL.get(language, 16):
        return None
    best: tuple[int, int, Optional[str]] = (0, 0, None)
    for role, words in _header_words(language, section):
        for word in words:
            if _contains(label, word, language):
                exact = int(label == word)
                if (exact, len(word)) > best[:2]:
                    best = (exact, len(word), role)
    return best[2]


@lru_cache(maxsize=8)
def _header_words(language: str, section: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each role (in _ROLE_ORDER) with its header words as labels, made once."""
    table = vocabulary(language).get(section, {})
    return tuple((role, tuple(_label(str(word)) for word in table.get(role, []))) for role in _ROLE_ORDER)


# Between a table and its continuation only a page number or a "续表" (table continued) may stand.
_CONTINUATION_GAP = re.compile(r"[-—–\d\s第页共/续表()（）.:：]*|continued|\(continued\)", re.IGNORECASE)


def table_plans(canon: str, tables: list[Table], *, language: str) -> list[Optional[ColumnPlan]]:
    """The column plan of each table (tables in text order).

    A table with no header of its own right after one that has, with as many columns and nothing
    but a page number or 续表 between them, continues it (a table split at a page break, or into two tables by a
    converter): it is read with the same columns from its first row.
    """
    plans: list[Optional[ColumnPlan]] = []
    previous: Optional[tuple[Table, ColumnPlan]] = None
    for table in tables:
        plan = plan_columns(table, language=language)
        if plan is None and previous is not None:
            before, inherited = previous
            gap = canon[before.span[1]:table.span[0]]
            if (_width(table) == _width(before) and _CONTINUATION_GAP.fullmatch(gap.strip())
                    and before.span[1] <= table.span[0]):
                plan = replace(inherited, first_data_row=0)
        plans.append(plan)
        previous = (table, plan) if plan is not None else None
    return plans


def _width(table: Table) -> int:
    return max((len(row.cells) for row in table.rows), default=0)


def cells_of_role(canon: str, tables: list[Table], role: str, *, language: str) -> list[Span]:
    """The spans of the data cells of every column with ``role`` (the 完成时限 cells, for the deadlines)."""
    out = []
    for table, plan in zip(tables, table_plans(canon, tables, language=language)):
        if plan is None:
            continue
        for column, found in plan.roles.items():
            if found != role:
                continue
            for row in table.rows[plan.first_data_row:]:
                if column < len(row.cells) and row.cells[column].text:
                    out.append(row.cells[column].span)
    return out


_NOT_A_BODY = re.compile(r"[\d\s\-/.:年月日]*|无|暂无|none|n/?a|—+|-+|各|等", re.IGNORECASE)


def cell_mentions(canon: str, tables: list[Table], mentions: list, *, language: str) -> list:
    """Bodies named in lead, support and 责任单位 cells that the name grammar does not know.

    Whatever stands in a 牵头单位 cell is a body, as office staff read it: an enterprise written short
    (十六化建), a project department. Each piece of such a cell (split at 、，；/ and spaces) that no
    department mention touches becomes a mention of its own; in a column that also names people
    (责任单位及责任人) the leftover pieces are people, not bodies.
    """
    from .departments import Mention

    overlapping = _overlap_finder(mentions)
    out = []
    for table, plan in zip(tables, table_plans(canon, tables, language=language)):
        if plan is None:
            continue
        for column, role in plan.roles.items():
            if role not in ("lead", "support") or column in plan.people:
                continue
            for row in table.rows[plan.first_data_row:]:
                if column >= len(row.cells) or not row.cells[column].text:
                    continue
                start, end = row.cells[column].span
                touched = overlapping(start, end)  # by bisection: a scan per cell made long tables quadratic
                for piece_start, piece_end in _pieces(canon, start, end, language):
                    if any(s < piece_end and piece_start < e for s, e in touched):
                        continue
                    text = canon[piece_start:piece_end]
                    if _NOT_A_BODY.fullmatch(text.strip()) or len(text) < 2:
                        continue
                    if text in (plan.header[column] if column < len(plan.header) else ""):
                        continue
                    kind = "collective" if text.startswith(("各", "有关", "相关", "all ", "All ")) else "body"
                    out.append(Mention(span=(piece_start, piece_end), text=text, name=" ".join(text.split()),
                                       kind=kind))
    return out


def _pieces(canon: str, start: int, end: int, language: str) -> list[Span]:
    from .departments import list_pieces

    return list_pieces(canon, start, end, separators=r"[、,;/]+|\s{2,}" if language == "en" else r"[、,;/\s]+")


def holds_people(text: str, *, language: str) -> bool:
    """A 责任单位及责任人 column: besides bodies, it names the people responsible."""
    label = _label(text)
    return any(_contains(label, _label(w), language) for w in vocabulary(language)["roles"]["leader"])


@dataclass(frozen=True)
class ColumnPlan:
    roles: dict[int, str]
    first_data_row: int
    header: tuple[str, ...]  # the header row's labels, to spot it again further down
    people: frozenset[int]  # columns whose cells name people

    def column(self, role: str) -> Optional[int]:
        """The leftmost column of a role (隐患内容 before 隐患描述补充)."""
        found = sorted(c for c, r in self.roles.items() if r == role)
        return found[0] if found else None


def plan_columns(table: Table, *, language: str) -> Optional[ColumnPlan]:
    """The table's header (one of its first three rows, with a second header row under it) and its roles."""
    for index, row in enumerate(table.rows[:3]):
        roles = {c: role for c, cell in enumerate(row.cells)
                 if (role := column_role(_text_at(table, index, c), language=language)) is not None}
        if not ({"task", "problem", "category"} & set(roles.values())) or len(roles) < 2:
            continue
        if not ({"task", "problem"} & set(roles.values())) and not ({"lead", "shared"} & set(roles.values())):
            continue  # a category with no task column is the task only where someone is to do it
        people = {c for c, cell in enumerate(row.cells) if roles.get(c) == "leader"
                  or (roles.get(c) in ("shared", "lead") and holds_people(_text_at(table, index, c), language=language))}
        first_data = index + 1
        if first_data < len(table.rows):
            sub = _subheader(table, first_data, language=language)
            if sub:
                roles.update(sub)
                first_data += 1
        header = tuple(_label(cell.text) for cell in row.cells)
        return ColumnPlan(roles=_settle(roles), first_data_row=first_data, header=header, people=frozenset(people))
    return None


def _text_at(table: Table, row: int, column: int) -> str:
    cell = table.cell(row, column)
    return cell.text if cell is not None else ""


def _subheader(table: Table, row_index: int, *, language: str) -> dict[int, str]:
    """牵头 | 配合 under a merged 责任单位 header cell: every filled cell of the row is such a word."""
    row = table.rows[row_index]
    filled = [(c, cell) for c, cell in enumerate(row.cells) if cell.text and cell.merged_from is None]
    if not filled:
        return {}
    found = {}
    for column, cell in filled:
        role = column_role(cell.text, language=language, section="subheader")
        if role is None:
            role = column_role(cell.text, language=language)
            if role is None or role in ("task", "problem", "category"):
                return {}
        found[column] = role
    return found if any(role in ("lead", "support") for role in found.values()) else {}


def _settle(roles: dict[int, str]) -> dict[int, str]:
    """Two task columns make the first a category; a problem table's measures stay part of the row;
    a 责任单位 column leads unless a 牵头单位 column does."""
    settled = dict(roles)
    if not {"task", "problem"} & set(settled.values()):
        # 重点工作 | 牵头单位 | 完成时限: the only column of work is the task column.
        settled[max(c for c, r in settled.items() if r == "category")] = "task"
    tasks = sorted(c for c, r in settled.items() if r == "task")
    if "problem" in settled.values():
        for column in tasks:
            settled[column] = "measure"
    elif len(tasks) >= 2 and "category" not in settled.values():
        for column in tasks[:-1]:
            settled[column] = "category"
    has_lead = "lead" in settled.values()
    for column, role in settled.items():
        if role == "shared":
            settled[column] = "support" if has_lead else "lead"
    return settled


@dataclass
class TableItem:
    """One task or problem of a table, before roles and deadlines are read from its cells."""

    span: Span
    title: Span
    kind: str  # "task" | "problem"
    cells: dict[str, list[Span]]  # role -> the spans of its cells (a merged cell may lie in an earlier row)
    number: Optional[Span] = None
    category: Optional[str] = None
    people: list[Span] = None  # type: ignore[assignment]


def table_items(canon: str, table: Table, *, language: str, mentions: list,
                plan: Optional[ColumnPlan] = None) -> list[TableItem]:
    """The tasks or problems of one table; ``plan`` when it is known (see :func:`table_plans`)."""
    if plan is None:
        if len(table.rows) < 2:
            return []
        plan = plan_columns(table, language=language)
    if plan is None:
        return []
    item_column = plan.column("problem") if plan.column("problem") is not None else plan.column("task")
    if item_column is None:
        return []
    kind = "problem" if plan.column("problem") is not None else "task"
    width = max(len(row.cells) for row in table.rows)
    overlapping = _overlap_finder(mentions)
    out: list[TableItem] = []
    carried: dict[str, Optional[TableCell]] = {"category": None, "lead": None}
    for r in range(plan.first_data_row, len(table.rows)):
        row = table.rows[r]
        own = [(c, cell) for c, cell in enumerate(row.cells) if cell.merged_from is None and cell.text]
        if tuple(_label(cell.text) for cell in row.cells) == plan.header:
            continue  # the header again, on the next page
        heading = _category_row(own, plan, width) or _numbered_category(table, r, own, plan)
        if heading is not None:
            carried["category"] = heading
            continue
        item_cell = table.cell(r, item_column)
        if item_cell is None or not item_cell.text:
            continue
        if _indicator_row(row, item_column, plan):
            continue  # 生产安全事故亡人数 | 同比下降5%: a goal's indicator and its target value, no work
        by_role: dict[str, list[Span]] = {}
        for column, role in plan.roles.items():
            cell = table.cell(r, column)
            if cell is None:
                continue
            if role in carried:
                if cell.text:
                    carried[role] = cell
                elif carried[role] is not None and row.cells[column].merged_from is None:
                    cell = carried[role]  # left empty under a filled cell: the same as above
            if cell.text:
                by_role.setdefault(role, []).append(cell.span)
        category = carried["category"].text if carried["category"] is not None else None
        people = [span for column in plan.people
                  for span in _people(canon, table.cell(r, column), overlapping, language=language)]
        own_item = row.cells[item_column].merged_from is None
        if not own_item and out and out[-1].title == item_cell.span:
            # One task merged over several rows (a lead per row): one task over all of them.
            previous = out[-1]
            previous.span = (previous.span[0], row.span[1])
            for role, spans in by_role.items():
                previous.cells.setdefault(role, [])
                previous.cells[role].extend(s for s in spans if s not in previous.cells[role])
            previous.people.extend(p for p in people if p not in previous.people)
            continue
        number = by_role.get("number", [None])[0]
        out.append(TableItem(span=row.span, title=item_cell.span, kind=kind, cells=by_role, number=number,
                             category=" ".join(category.split()) if category else None, people=people))
    return out


# A measure and its target value: the row of a table of goals (指标 | 目标值), not of work to do.
_MEASURE = re.compile(r"(?:数|率|比例|占比|人次|起数|总量)$")
_QUANTITY = re.compile(r"(?:同比(?:下降|减少|上升|增长|提高))?[0-9０-９.]+\s*(?:%|‰|起|人|个|家|次|万元|亿元)?"
                       r"(?:以内|以下|以上|左右)?|零|无")


def _indicator_row(row, item_column: int, plan: ColumnPlan) -> bool:
    item = row.cells[item_column].text.strip() if item_column < len(row.cells) else ""
    if not _MEASURE.search(item):
        return False
    values = [cell.text.strip() for c, cell in enumerate(row.cells)
              if c != item_column and c not in plan.roles and cell.text.strip()]
    return bool(values) and all(_QUANTITY.fullmatch(v) for v in values)


def _category_row(own: list[tuple[int, TableCell]], plan: ColumnPlan, width: int) -> Optional[TableCell]:
    """"一、落实安全责任" in one cell merged across the table, or alone in the number or category column."""
    if len(own) != 1:
        return None
    column, cell = own[0]
    if cell.colspan >= max(2, (width + 1) // 2):
        return cell
    if plan.roles.get(column) in ("number", "category") and re.search(r"[\u4e00-\u9fffA-Za-z]{2}", cell.text):
        return cell
    return None


_HAN_NUMBER = re.compile(r"[(]?[一二三四五六七八九十]+[)、.]?")


def _numbered_category(table: Table, r: int, own: list[tuple[int, TableCell]], plan: ColumnPlan) -> Optional[TableCell]:
    """"一 | 主要任务" or "(一) | 构建责任体系" with nothing else in the row: a Chinese numeral in the
    number column, where the tasks are numbered 1, 2, 3, opens a category."""
    number_column = plan.column("number")
    if number_column is None or len(own) != 2 or own[0][0] != number_column:
        return None
    number = own[0][1].text.replace("（", "(").replace("）", ")").strip()
    if not _HAN_NUMBER.fullmatch(number) or plan.roles.get(own[1][0]) not in ("task", "category"):
        return None
    return own[1][1]


_PEOPLE_SEPARATORS = re.compile(r"[、,;/\s]+")


def _overlap_finder(mentions: list):
    """A function giving the spans of the mentions that overlap ``[start, end)``, by bisection."""
    import bisect

    ordered = sorted(mentions, key=lambda m: m.span)
    starts = [m.span[0] for m in ordered]
    longest = max((m.span[1] - m.span[0] for m in ordered), default=0)

    def overlapping(start: int, end: int) -> list[Span]:
        nearby = ordered[bisect.bisect_left(starts, start - longest):bisect.bisect_left(starts, end)]
        return [m.span for m in nearby if m.span[0] < end and start < m.span[1]]

    return overlapping


def _people(canon: str, cell: Optional[TableCell], overlapping, *, language: str) -> list[Span]:
    """Named people in a 责任人 cell: its pieces that are not a department named there."""
    if cell is None or not cell.text:
        return []
    start, end = cell.span
    taken = overlapping(start, end)
    out = []
    position = start
    for piece in _PEOPLE_SEPARATORS.split(canon[start:end]):
        piece_start = canon.find(piece, position, end) if piece else -1
        if piece_start < 0:
            continue
        position = piece_start + len(piece)
        span = (piece_start, position)
        if any(s < span[1] and span[0] < e for s, e in taken) or _UNIT_WORDS.search(piece):
            continue
        if language == "zh" and not re.fullmatch(r"[\u4e00-\u9fff·]{2,12}", piece):
            continue
        out.append(span)
    return out
