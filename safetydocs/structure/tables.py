"""Task tables written as text.

The readers return the tables of PDF, Word and web pages themselves; a plain text (a .txt file,
text pasted into the API, a gold file) carries its table as lines, written in one of these ways:

* TAB-separated cells, ``1\\t开展专项整治\\t市应急管理局\\t市公安局\\t6月底前`` (what the readers
  write, so a text they produced reads back the same);
* cells between bars, ``| 1 | 开展专项整治 | 市应急管理局 |`` (Markdown, with or without the outer
  bars and with ``|---|:---:|`` under the header), full-width ``｜`` or box drawing ``│`` with
  ``┌──┬──┐`` / ``+----+----+`` borders;
* columns aligned with runs of spaces or full-width spaces (U+3000), as typed in a text editor or
  copied from a monospaced listing.

This pass finds those blocks so that both kinds of input reach the task stage alike. A task cell
too long for its column is often wrapped onto the next line, under its column, with the number
column left empty; such a line continues the row above, and the cell records each line's piece.

Everything is one pass over the lines, and each line is looked at a bounded number of times
(a cheap test first: does it hold a TAB, a bar or a gap at all), so whole books stay linear.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator, Optional, Union

from ..ingest.base import Span, Table, TableCell, TableRow

_BAR_CHARS = "|｜│┃║"
_BAR = re.compile(r"[|｜│┃║]")
# A border or separator line: bars, strokes (also the dashes ——, －, ＝ of Chinese text), corners
# and Markdown's alignment colons only...
_BORDER = re.compile(r"[\s\-=+:_~|｜\u2014\u2015\uff0d\uff1d\u2500-\u257f]+")
# ...with at least one horizontal stroke, so that "| | |" (a row of empty cells) is not one.
_STROKE = re.compile(r"[^\s|｜│┃║:+]")
# Whitespace runs inside a line. One plain character class, so matching is linear even on a
# line of a million spaces; which runs separate cells is decided in Python (see _is_gap).
_SPACES = re.compile(r"[ \t\u3000\u00a0]+")
_SENTENCE_END = frozenset("。！？.!?")
_WIDE = frozenset("WF")
_TAB_STOP = 8
# A continuation line may reach this many display columns past the widest line of its table:
# wrapped text stays inside the table's width, a paragraph after the table runs past it.
_RIGHT_SLACK = 2
# "序　号", "备　　注": a two-character header label padded with full-width spaces to the width of
# a four-character one is one label, not two cells (up to this many display columns of padding).
_LABEL_PADDING = 4
# Every row is padded to its table's column count, so a "table" of a million columns would cost
# rows × columns; no real table is that wide, and a line cut into more cells than this is none.
_MAX_COLUMNS = 100


# ------------------------------------------------------------------ characters and widths
@lru_cache(maxsize=4096)
def _char_width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in _WIDE else 1


def _width(piece: str) -> int:
    """Display width of a piece without TABs: CJK and full-width characters take two columns."""
    if piece.isascii():
        return len(piece)
    return sum(map(_char_width, piece))


def _advance(column: int, piece: str) -> int:
    """The display column after writing ``piece`` from ``column`` (TABs jump to the next stop)."""
    if "\t" not in piece:
        return column + _width(piece)
    for ch in piece:
        column = (column // _TAB_STOP + 1) * _TAB_STOP if ch == "\t" else column + _char_width(ch)
    return column


def _is_gap(run: str) -> bool:
    """Whether a whitespace run separates cells: one space is just a space between words."""
    return len(run) >= 2 or "\u3000" in run or "\t" in run


def _is_wide(ch: str) -> bool:
    return _char_width(ch) == 2


def _join(parts: list[str]) -> str:
    """Fragments of a wrapped cell: Chinese runs on without a space, Latin words take one."""
    out = [parts[0]]
    for before, part in zip(parts, parts[1:]):
        if not (_is_wide(before[-1]) or _is_wide(part[0])):
            out.append(" ")
        out.append(part)
    return "".join(out)


# ------------------------------------------------------------------ lines
@dataclass
class _Line:
    start: int
    end: int  # before the newline and a final carriage return
    raw_end: int  # before the newline only: a TAB row's span, as it always was
    kind: str  # "tab", "blank", "border", "bar" or "text"
    gappy: bool = False  # a "text" line with a gap after its indentation: it may start a table
    _fragments: Optional[list[Span]] = field(default=None, repr=False)
    _columns: Optional[list[Span]] = field(default=None, repr=False)

    def fragments(self, text: str) -> list[Span]:
        """The line's runs of text between gaps, computed once and only when asked."""
        if self._fragments is None:
            self._fragments = _fragments(text, self.start, self.end)
        return self._fragments

    def columns(self, text: str) -> list[Span]:
        """The display columns (left, right) of each fragment."""
        if self._columns is None:
            self._columns = _display_columns(text, self.start, self.fragments(text))
        return self._columns


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every line, the newline excluded."""
    start, length = 0, len(text)
    while start <= length:
        end = text.find("\n", start)
        if end < 0:
            end = length
        yield start, end
        start = end + 1


def _classify(text: str, start: int, raw_end: int, min_cells: int) -> _Line:
    line = text[start:raw_end]
    end = raw_end - 1 if line.endswith("\r") else raw_end
    gappy = False
    if line.count("\t") + 1 >= min_cells:
        kind = "tab"  # tested first, exactly as before: a line with enough TABs is a TAB row
    else:
        content = line.strip()
        if not content:
            kind = "blank"
        elif len(content) >= 3 and _BORDER.fullmatch(content) and _STROKE.search(content):
            kind = "border"
        elif _BAR.search(content):
            kind = "bar"
        else:
            kind = "text"
            # Cheap test before any splitting: a gap inside the line (indentation does not count).
            gappy = "  " in content or "\u3000" in content or "\t" in content or "\u00a0" in content
    return _Line(start, end, raw_end, kind, gappy)


def _fragments(text: str, start: int, end: int) -> list[Span]:
    """The runs of text of a line between gaps; leading indentation is never a gap."""
    found: list[Span] = []
    opened: Optional[int] = None  # where the fragment being read began
    position = start  # where the text after the last whitespace run begins
    for match in _SPACES.finditer(text, start, end):
        a, b = match.span()
        if a > position and opened is None:
            opened = position
        if opened is not None and (b == end or _is_gap(match.group())):
            found.append((opened, a))
            opened = None
        position = b
    if position < end and opened is None:
        opened = position
    if opened is not None:
        found.append((opened, end))
    return _merge_spaced_labels(text, found)


def _merge_spaced_labels(text: str, fragments: list[Span]) -> list[Span]:
    """Join "序　号" / "负　责　人": single CJK characters spaced out to fill a header cell."""
    if len(fragments) < 2:
        return fragments
    merged: list[Span] = []
    previous_single = False
    for a, b in fragments:
        single = b - a == 1 and _is_wide(text[a])
        if single and previous_single and _advance(0, text[merged[-1][1]:a]) <= _LABEL_PADDING:
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
        previous_single = single
    return merged


def _display_columns(text: str, start: int, fragments: list[Span]) -> list[Span]:
    """The display columns (left, right) each fragment takes, counted from the line's start."""
    found: list[Span] = []
    column, position = 0, start
    for a, b in fragments:
        column = _advance(column, text[position:a])
        left = column
        column = _advance(column, text[a:b])
        found.append((left, column))
        position = b
    return found


def _is_prose(text: str, fragments: list[Span]) -> bool:
    """"要求如下：  各单位要……。": a sentence with one gap in it, not a row of two cells."""
    return len(fragments) == 2 and text[fragments[-1][1] - 1] == "。"


def _reads_as_sentences(text: str, fragments: list[Span]) -> bool:
    """"Check the site.  Report by May.  Close it.": every gap follows the end of a sentence.

    Only asked of a line that would start a table: inside one, "Police Dept.  31 May" is a row.
    """
    return all(text[b - 1] in _SENTENCE_END and b - a > 3 for a, b in fragments[:-1])


def _strip(text: str, start: int, end: int) -> Span:
    """The span of a piece of a line without its surrounding whitespace; empty at its start."""
    piece = text[start:end]
    core = piece.strip()
    if not core:
        return (start, start)
    offset = start + len(piece) - len(piece.lstrip())
    return (offset, offset + len(core))


def _bar_cells(text: str, line: _Line, outer: bool) -> list[Span]:
    """The cells of a line between bars.

    ``outer``: the table's rows start with a bar (Markdown, box drawing), so the empty piece
    before the first bar is no cell; in a table without outer bars it is an empty first cell
    (a continuation line). The empty piece after a last bar is never a cell.
    """
    cells: list[Span] = []
    piece_start = line.start
    for match in _BAR.finditer(text, line.start, line.end):
        cells.append(_strip(text, piece_start, match.start()))
        piece_start = match.end()
    cells.append(_strip(text, piece_start, line.end))
    if outer and len(cells) > 1 and cells[0][0] == cells[0][1]:
        cells.pop(0)
    if len(cells) > 1 and cells[-1][0] == cells[-1][1]:
        cells.pop()
    return cells


def _starts_with_bar(text: str, line: _Line) -> bool:
    first = text[line.start:line.end].lstrip()[:1]
    return first != "" and first in _BAR_CHARS


_NUMBER = re.compile(r"[(（]?[0-9０-９一二三四五六七八九十百零〇]{1,4}[)）.、．]?")


def _is_number(cell: str) -> bool:
    """A 序号 / No. cell: "1", "（一）", "3." — never the start of text that wraps."""
    return _NUMBER.fullmatch(cell.strip()) is not None


# ------------------------------------------------------------------ rows being read
@dataclass
class _Row:
    start: int
    end: int
    line_end: int  # end of the row's first line: where a padded empty cell sits
    columns: list[list[Span]]  # the pieces of each column, one per line that has text there
    empty_at: list[int]  # where each column's cell sits while it has no text
    width: int  # how many cells its first line had

    def add(self, column: int, span: Span) -> None:
        while len(self.columns) <= column:
            self.columns.append([])
            self.empty_at.append(self.line_end)
        self.columns[column].append(span)


def _new_row(line: _Line, placed: list[tuple[int, Span]], width: int) -> _Row:
    """A row from one line's (column, span) cells; an empty column sits after the text before it."""
    count = max(column for column, _ in placed) + 1
    columns: list[list[Span]] = [[] for _ in range(count)]
    empty_at = [line.end] * count
    last_end = line.start
    filled = dict(placed)
    for column in range(count):
        span = filled.get(column)
        if span is None or span[0] == span[1]:
            empty_at[column] = span[0] if span is not None else last_end
        else:
            columns[column].append(span)
            last_end = span[1]
    return _Row(line.start, line.end, line.end, columns, empty_at, width)


def _cell(text: str, pieces: list[Span], empty_at: int) -> TableCell:
    if not pieces:
        return TableCell("", (empty_at, empty_at))
    if len(pieces) == 1:
        start, end = pieces[0]
        return TableCell(text[start:end], (start, end))
    joined = _join([text[start:end] for start, end in pieces])
    return TableCell(joined, (pieces[0][0], pieces[-1][1]), pieces=tuple(pieces))


def _built_row(text: str, row: _Row, count: int) -> TableRow:
    """The row with ``count`` cells: the columns its lines left empty are padded at its line end."""
    cells = []
    for column in range(count):
        pieces = row.columns[column] if column < len(row.columns) else []
        empty_at = row.empty_at[column] if column < len(row.empty_at) else row.line_end
        cells.append(_cell(text, pieces, empty_at))
    return TableRow(tuple(cells), (row.start, row.end))


# ------------------------------------------------------------------ blocks of lines
_MAX_SPANNING = 400  # characters of a line across a TAB table: a category or goal, not a paragraph


class _TabBlock:
    """Consecutive TAB rows; blank lines between them do not end the table (as it always was)."""

    def __init__(self, text: str, line: _Line) -> None:
        self.text = text
        self.rows: list[TableRow] = []
        self.pending: Optional[_Line] = None  # a line without TABs that may open a category
        self._add(line)

    def _add(self, line: _Line) -> None:
        cells, start = [], line.start
        for piece in self.text[line.start:line.raw_end].split("\t"):
            stripped = piece.strip()
            offset = start + (piece.find(stripped) if stripped else 0)
            cells.append(TableCell(stripped, (offset, offset + len(stripped))))
            start += len(piece) + 1
        self.rows.append(TableRow(tuple(cells), (line.start, line.raw_end)))

    def offer(self, line: _Line) -> bool:
        if line.kind == "tab":
            if self.pending is not None:
                self._add_spanning(self.pending)
                self.pending = None
            self._add(line)
            return True
        if line.kind == "blank":
            return True
        if (line.kind == "text" and not line.gappy and self.pending is None
                and line.end - line.start <= _MAX_SPANNING):
            # "GOAL S-3: …" or "一、落实责任" between the header and the rows: a cell across the
            # table in the original, kept when TAB rows follow it.
            self.pending = line
            return True
        return False

    def _add_spanning(self, line: _Line) -> None:
        width = max(len(row.cells) for row in self.rows)
        start, end = _strip(self.text, line.start, line.end)
        index = len(self.rows)
        cells = [TableCell(self.text[start:end], (start, end), colspan=width)]
        cells += [TableCell("", (line.end, line.end), merged_from=(index, 0)) for _ in range(width - 1)]
        self.rows.append(TableRow(tuple(cells), (line.start, line.end)))

    def table(self, min_rows: int) -> Optional[Table]:
        if len(self.rows) < min_rows:
            return None
        return Table(tuple(self.rows), (self.rows[0].span[0], self.rows[-1].span[1]))


_MARKDOWN_RULE = re.compile(r"[|｜]?\s*:?-{2,}:?\s*(?:[|｜]\s*:?-{2,}:?\s*)*[|｜]?")


class _Grid:
    """What bar and space tables share: rows, continuation lines, borders, blank lines."""

    def __init__(self, text: str, table_start: int, min_width: int) -> None:
        self.text = text
        self.start = table_start
        self.end = table_start
        self.min_width = min_width  # a row whose own line has this many cells is a full row
        self.rows: list[_Row] = []
        self.header: list[str] = []
        self.columns = 0
        self.blank = False  # a blank line since the last line taken
        self.ruled = False  # a border since the last row: the next line starts a row of its own
        # A Markdown table (|---|:---:| under its header): see _may_wrap.
        self.markdown = False

    def _may_wrap(self, cells: list[Span]) -> bool:
        """A line with an empty first cell may continue the row above; in a Markdown table only when
        at most half its cells hold text (a wrapped task and support), for a row with most cells
        filled is a row of its own whose first column is merged or blank."""
        if not self.markdown:
            return True
        return 2 * sum(a < b for a, b in cells) <= len(cells)

    def _add_row(self, row: _Row) -> None:
        if not self.rows:
            self.header = [self.text[a:b] for a, b in self._spans(row)]
        self.rows.append(row)
        self.columns = max(self.columns, len(row.columns))
        self.end = row.end
        self.blank = self.ruled = False

    def _continue(self, line: _Line, placed: list[tuple[int, Span]]) -> None:
        row = self.rows[-1]
        for column, span in placed:
            if span[0] < span[1]:
                row.add(column, span)
        self.columns = max(self.columns, len(row.columns))
        row.end = self.end = line.end

    def _wraps_first_column(self) -> bool:
        """Whether text under the first column alone continues the row above.

        In "Task | Lead | Deadline" the task is the first column and wraps there; under a 序号
        column text alone would be a new row. The header is never continued this way.
        """
        if len(self.rows) < 2 or self.blank or self.ruled:
            return False
        pieces = self.rows[-1].columns[0] if self.rows[-1].columns else []
        return bool(pieces) and not _is_number(self.text[pieces[0][0]:pieces[0][1]])

    def _between_rows(self, line: _Line) -> Optional[bool]:
        """A blank line or a border: whether the table takes it; None for a line of cells."""
        if line.kind == "blank":
            self.blank = True
            return True
        if line.kind == "border":
            return self._border(line)
        return None

    def _border(self, line: _Line) -> bool:
        if self.blank:
            return False  # a border after a blank line opens the next table
        if len(self.rows) == 1 and _MARKDOWN_RULE.fullmatch(self.text[line.start:line.end].strip()):
            self.markdown = True
        self.ruled = True
        self.end = line.end
        return True

    @staticmethod
    def _spans(row: _Row) -> list[Span]:
        return [pieces[0] if pieces else (0, 0) for pieces in row.columns]

    def _repeats_header(self, spans: list[Span]) -> bool:
        """A header again after a blank line: a new table (or the header repeated on a new page)."""
        return [self.text[a:b] for a, b in spans] == self.header

    def table(self, min_rows: int) -> Optional[Table]:
        full = sum(row.width >= self.min_width for row in self.rows)
        if len(self.rows) < min_rows or full < min(2, min_rows):
            return None
        rows = tuple(_built_row(self.text, row, self.columns) for row in self.rows)
        return Table(rows, (self.start, self.end))


class _BarBlock(_Grid):
    """Lines of cells between bars (| ｜ │), with Markdown separators and box-drawing borders."""

    def __init__(self, text: str, line: _Line, table_start: int, min_cells: int) -> None:
        super().__init__(text, table_start, min_cells)
        self.outer = _starts_with_bar(text, line)
        cells = _bar_cells(text, line, self.outer)
        self._add_row(_new_row(line, list(enumerate(cells)), len(cells)))

    def offer(self, line: _Line) -> bool:
        between = self._between_rows(line)
        if between is not None:
            return between
        if line.kind != "bar":
            return False
        cells = _bar_cells(self.text, line, self.outer)
        if len(cells) > _MAX_COLUMNS:
            return False
        if all(a == b for a, b in cells):
            return self._border(line)  # "|  |  |": a spacer between rows
        placed = list(enumerate(cells))
        if self.blank:
            # After a blank line only a row of the same table continues it.
            if len(cells) != self.columns or self._repeats_header(cells):
                return False
        elif cells[0][0] == cells[0][1] and not self.ruled and self._may_wrap(cells):
            self._continue(line, placed)  # no number: the cells above run on
            return True
        elif all(a == b for a, b in cells[1:]) and self.columns > 1 and self._wraps_first_column():
            self._continue(line, placed[:1])
            return True
        self._add_row(_new_row(line, placed, len(cells)))
        return True


class _SpaceBlock(_Grid):
    """Columns separated by runs of spaces or full-width spaces.

    The seed line (normally the header, with at least three cells) gives the first gutters: the
    display columns between its cells. A later line is a row when it splits into as many cells,
    or when its text lies between the gutters (which then narrow to what stays blank in every
    line, so the columns come from the whole block); under the gutters with nothing in the first
    column it continues the row above.
    """

    def __init__(self, text: str, line: _Line, table_start: int, min_width: int) -> None:
        super().__init__(text, table_start, min_width)
        fragments, columns = line.fragments(text), line.columns(text)
        self._set_gutters(columns)
        self.aligned = True  # every row so far lies between the gutters
        self.right = columns[-1][1]  # the widest line's right edge
        self.row_left, self.first_right = columns[0]  # the last row's first cell, on its last line
        self._add_row(_new_row(line, list(enumerate(fragments)), len(fragments)))

    def offer(self, line: _Line) -> bool:
        between = self._between_rows(line)
        if between is not None:
            return between
        if line.kind != "text":
            return False
        fragments = line.fragments(self.text)
        if _is_prose(self.text, fragments):
            return False
        columns = line.columns(self.text)
        placed = _place(columns, self.gutter_starts, self.gutter_ends)
        same_count = len(fragments) == len(self.gutter_ends) + 1
        in_order = placed is not None and placed[0] == list(range(len(fragments)))
        if self.blank:
            # After a blank line only a whole row of the same layout continues the table.
            if not same_count or (self.aligned and not in_order) or self._repeats_header(fragments):
                return False
        if same_count and not in_order:
            # As many cells but not under the gutters: a row by its count. Its own gaps are the
            # gutters from here on, so that a wrapped line below it is judged by the row it wraps.
            self.aligned = False
            self._set_gutters(columns)
            self._take_row(line, list(enumerate(fragments)), len(fragments))
            return True
        if placed is None:
            return False
        found, narrowed = placed
        cells = _group(fragments, found)
        if found[0] > 0:  # nothing in the first column: the line continues the row above
            if (self.blank or self.ruled or columns[-1][1] > self.right + _RIGHT_SLACK
                    or not self._left_aligned(columns, found)):
                return False
            self._narrow(narrowed)
            self._continue(line, cells)
        elif found[-1] == 0 and self._wraps_first_column() and self._wrapped_here(line, columns):
            self._narrow(narrowed)
            self._continue(line, cells)  # text under the first column only: a wrapped task
            self.first_right = columns[-1][1]
        else:
            if found[-1] == 0:
                return False  # text under the first column alone is no row
            self._narrow(narrowed)
            self._take_row(line, cells, len(fragments))
        self.right = max(self.right, columns[-1][1])
        return True

    def _take_row(self, line: _Line, cells: list[tuple[int, Span]], width: int) -> None:
        self._add_row(_new_row(line, cells, width))
        columns = line.columns(self.text)
        self.right = max(self.right, columns[-1][1])
        self.row_left, self.first_right = columns[0]

    def _wrapped_here(self, line: _Line, columns: list[Span]) -> bool:
        """Whether a line under the first column alone is that column's text wrapped.

        It starts where the cell above starts, and its first word would not have fitted on the
        line above (the column is as wide as its widest text): "Review permits" over "Note." is
        a row and a note, "Inspect all scaffolding" over "on construction sites" one cell.
        """
        start, end = line.fragments(self.text)[0]
        first_word = self.text[start:end].split(" ", 1)[0]
        fits_above = self.first_right + 1 + _width(first_word) <= self.gutter_starts[0]
        return abs(columns[0][0] - self.row_left) <= 1 and not fits_above

    def _left_aligned(self, columns: list[Span], found: list[int]) -> bool:
        """Whether each column's text on a continuation line starts where that column starts.

        Wrapped text sits flush under its cell; an indented paragraph after the table ("　　特此
        通知。") starts somewhere in a gutter instead.
        """
        previous = -1
        for (left, _), column in zip(columns, found):
            if column != previous and abs(left - self.gutter_ends[column - 1]) > 1:
                return False
            previous = column
        return True

    def _set_gutters(self, columns: list[Span]) -> None:
        """The display columns between a line's cells, each a gutter."""
        self.gutter_starts = [right for _, right in columns[:-1]]
        self.gutter_ends = [left for left, _ in columns[1:]]

    def _narrow(self, narrowed: dict[int, Span]) -> None:
        for index, (start, end) in narrowed.items():
            self.gutter_starts[index], self.gutter_ends[index] = start, end


def _place(columns: list[Span], starts: list[int], ends: list[int]
           ) -> Optional[tuple[list[int], dict[int, Span]]]:
    """The column of each fragment under the gutters, and the gutters narrowed to stay blank.

    None when a fragment covers a whole gutter (its text runs across two columns) or sits inside
    one (between two columns, in neither). A bisection finds the first gutter a fragment can
    touch, and a fragment touches at most two, so a line costs O(fragments · log gutters).
    """
    narrowed: dict[int, Span] = {}
    found: list[int] = []
    for left, right in columns:
        first = bisect_right(ends, left)  # gutters before it end at or before its left edge
        column = first
        index = first
        while index < len(ends):
            start, end = narrowed.get(index, (starts[index], ends[index]))
            if start >= right:
                break
            if left <= start and end <= right:
                return None
            if start < left and right < end:
                return None
            if left <= start:  # it overhangs the gutter's left part: it is the column before
                narrowed[index] = (right, end)
            else:  # it overhangs the gutter's right part: it is the column after
                narrowed[index] = (start, left)
                column = index + 1
            index += 1
        found.append(column)
    return found, narrowed


def _group(fragments: list[Span], found: list[int]) -> list[tuple[int, Span]]:
    """One span per column: fragments of one line that fall in one column are one cell."""
    cells: list[tuple[int, Span]] = []
    for span, column in zip(fragments, found):
        if cells and cells[-1][0] == column:
            cells[-1] = (column, (cells[-1][1][0], span[1]))
        else:
            cells.append((column, span))
    return cells


_Block = Union[_TabBlock, _BarBlock, _SpaceBlock]


class _Finder:
    def __init__(self, text: str, min_rows: int, min_cells: int) -> None:
        self.text = text
        self.min_rows = min_rows
        self.min_cells = min_cells
        # Spaced text needs two gaps in a line before it is taken for a table: one gap is too
        # easily a sentence with a double space in it.
        self.min_space_cells = max(3, min_cells)
        self.block: Optional[_Block] = None
        self.border_at: Optional[int] = None  # the top border just above belongs to the next table
        self.tables: list[Table] = []

    def feed(self, line: _Line) -> None:
        if self.block is not None:
            if self.block.offer(line):
                return
            self.close()
        self._start(line)

    def close(self) -> None:
        if self.block is not None:
            table = self.block.table(self.min_rows)
            if table is not None:
                self.tables.append(table)
        self.block = None

    def _start(self, line: _Line) -> None:
        border_at, self.border_at = self.border_at, None
        if line.kind == "border":
            self.border_at = border_at if border_at is not None else line.start
            return
        table_start = border_at if border_at is not None else line.start
        if line.kind == "tab":
            self.block = _TabBlock(self.text, line)
        elif line.kind == "bar":
            cells = _bar_cells(self.text, line, _starts_with_bar(self.text, line))
            if len(cells) <= _MAX_COLUMNS and any(a < b for a, b in cells):
                self.block = _BarBlock(self.text, line, table_start, self.min_cells)
        elif line.kind == "text" and line.gappy:
            fragments = line.fragments(self.text)
            if (self.min_space_cells <= len(fragments) <= _MAX_COLUMNS
                    and not _reads_as_sentences(self.text, fragments)):
                self.block = _SpaceBlock(self.text, line, table_start, self.min_space_cells)


def find_text_tables(text: str, *, min_rows: int = 2, min_cells: int = 3) -> list[Table]:
    """The tables written as lines of ``text``: TAB-separated, between bars, or space-aligned.

    Each table has at least ``min_rows`` rows (a row with its continuation lines is one) and its
    header or rows at least ``min_cells`` cells (three for space-aligned text, whatever is asked,
    since two cells are too easily a sentence with a double space). Bar and space tables pad
    every row to the table's column count; a TAB table keeps each line's cells as they are.
    """
    finder = _Finder(text, min_rows, min_cells)
    for start, end in _lines(text):
        finder.feed(_classify(text, start, end, min_cells))
    finder.close()
    return finder.tables
