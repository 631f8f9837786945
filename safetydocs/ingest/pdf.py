"""PDF: pypdfium2 for the text of every page, pdfplumber for ruled tables.

Why two libraries: pypdfium2 (PDFium) is fast and robust and gives every
character with its box, which is all paragraphs need. pdfplumber (pdfminer)
finds tables from ruling lines well but is an order of magnitude slower, so it
only runs on pages that can hold a ruled table at all: pages with at least a
few vector path objects (table borders from Word/WPS exports are path objects:
stroked lines or thin filled rectangles). Pages of plain text, the bulk of a
notice, never reach pdfminer.

Unruled tables (columns set out by white space alone) are found from the
character boxes PDFium already gave, in pure Python: lines are cut where two
characters are a column gap apart, and a run of lines keeping to three or more
shared, lined-up columns is a table (see "unruled tables" below). Prose never
qualifies: justified text has even, narrow gaps and no columns lined up.

Characters inside a found table's box (the chunks of an unruled one) are
removed from the page text, and the table is inserted where its top edge falls
among the text lines, so the output reads: text above, one line per table row,
text below. Merged cells of a ruled table (a 牵头单位 cell over several task
rows, a category row across the table) are read from the cell boxes. A table
continued on the next page is joined to its first part, without the header
rows the continuation repeats.

Page furniture is dropped: page numbers ("- 3 -", "第3页 共10页", "3/10") and a
running header or footer repeated on most pages, looking only at the first
and last lines of each page.

Paragraphs: PDF breaks lines mid-sentence. Lines are joined (without a space
when either side is CJK) unless the break looks real: the line ends a
sentence or clause (。；：！？), the next line starts a numbered item (一、
（一） 1. ① 第X条), the next line is indented, the line stops short of the
right margin (the next line's first word would have fitted), the font size
changes, or the vertical gap is larger than leading. A title set over several
centred lines at the top of the first page is one line; the letterhead,
document number, issuer and date around it stay on lines of their own.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Optional, Sequence, Union

from ..errors import (CorruptDocument, EmptyInput, EncryptedPdf, NoTextLayer, OcrPageUnreadable, OcrUnavailable,
                      SafetydocsWarning)
from .base import Merge, RawText, TextBuilder

Box = tuple[float, float, float, float]  # x0, top, x1, bottom, from the page top like pdfplumber

# A page needs this many vector paths before pdfplumber looks for tables:
# a page border or the red rule under a letterhead are one or two paths, the
# smallest 2x2 ruled grid is at least four.
_MIN_PATHS_FOR_TABLE = 4
_TABLE_MARGIN = 1.0  # points of slack when testing "is this char in the table"
_GRID_SLACK = 1.0  # points: cell edges snapped by pdfplumber still differ by rounding
_MAX_HEADER_ROWS = 3  # a header repeated on a continuation page is one to three rows

# Page furniture: only the first and last few lines of a page can be a header,
# footer or page number, and a page number sits in the outer band of the page.
_EDGE_LINES = 2
_EDGE_BAND = 0.15

# Front matter: the lines that open the first page before body text.
_MAX_FRONT_LINES = 8
_MAX_TITLE_LINES = 4
# A title is set at least a step larger than body text (小二 18pt over 三号 16pt), or centred.
_LARGER_FONT = 1.1
_BODY_SAMPLE = 200  # characters of one size that make it the body size
_FULL_PAGE_LINES = 8  # a page with this many lines shows the text width

_PDFIUM_HYPHENS = "\ufffe\x02"
_SENTENCE_END = "。！？；：!?;:"
_CLOSERS = "”’」』）)》〕】\"'"
# Numbering of Chinese official documents, plain decimal lists and bullets. Digits are limited to
# two so that a wrapped line starting with "2024年" or "3.5亿元" is not taken for an item.
_HEADING = re.compile(
    r"^\s*(第[一二三四五六七八九十百零〇\d]+[条章节部分]"
    r"|[一二三四五六七八九十]+[、.．]"
    r"|[（(]([一二三四五六七八九十]+|\d{1,2}|[a-zA-Z])[）)]"
    r"|\d{1,2}([.．]\d{1,2})*[.．、](?!\d)"
    r"|\d{1,2}([.．]\d{1,2})+\s"
    r"|\d{1,2}[)）]"
    r"|[①-⑳•●■◆▪])"
)
# Page numbers such as "- 3 -", "— 3 —", "3", "第 3 页 共 10 页", "3/10", "Page 3 of 10".
_PAGE_NUMBER = re.compile(
    r"^\s*[-—–－_·•]*\s*\d{1,4}\s*[-—–－_·•]*\s*$"
    r"|^\s*[-—–－]?\s*第\s*\d+\s*页(\s*[，,/]?\s*共\s*\d+\s*页)?\s*[-—–－]?\s*$"
    r"|^\s*\d+\s*/\s*\d+\s*$"
    r"|^\s*[Pp]age\s*\d+(\s*of\s*\d+)?\s*$"
)
_DIGITS_AND_SPACE = re.compile(r"[\d\s]+")
# Lines around a title that are not part of it.
_CN_DIGIT = "〇零一二三四五六七八九十"
_DATE_LINE = re.compile(
    rf"^[（(]?\s*(\d{{4}}|[{_CN_DIGIT}]{{4}})\s*年\s*[\d{_CN_DIGIT}]{{1,3}}\s*月"
    rf"(\s*[\d{_CN_DIGIT}]{{1,3}}\s*日)?\s*[）)]?$"
    r"|^[A-Z][a-z]+\.? \d{1,2}, \d{4}$|^\d{1,2} [A-Z][a-z]+\.? \d{4}$|^\d{4}-\d{2}-\d{2}$"
)
_DOC_NUMBER = re.compile(r"[〔\[［【（(]\s*\d{4}\s*[〕\]］】）)]\s*第?\s*\d+\s*号")
_ISSUER = re.compile(r"(办公室|委员会|人民政府|政府|局|厅|委|部|院|中心|公司|集团|协会|指挥部|领导小组)$")
_TITLE_END = re.compile(
    r"(通知|意见|方案|办法|决定|报告|函|公告|通告|通报|规定|细则|纪要|批复|请示|要点|计划|规划|决议|指南|清单|预案|制度|规则|公报)$"
)
_TRAILING_NOTE = re.compile(r"\s*[（(][^（()）]*[）)]$")  # "（试行）", "（征求意见稿）"

_FILENAME_TITLE = re.compile(r"\.(docx?|wps|pdf|xlsx?|txt|rtf)\s*$", re.IGNORECASE)
_GENERIC_TITLES = {"untitled", "无标题", "标题", "(anonymous)", "anonymous", "title"}
_MAX_TITLE = 60
_MAX_SET_TITLE = 100  # a title found by its layout may be longer than a guessed first line


def _is_cjk(ch: str) -> bool:
    # CJK ideographs, kana, full-width punctuation and forms all sit above
    # U+2E80; text there is written without spaces between words.
    return ord(ch) >= 0x2E80


def _is_em_wide(ch: str) -> bool:
    # CJK punctuation, kana, ideographs and full-width forms: one em wide in any CJK font.
    code = ord(ch)
    return 0x3000 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF01 <= code <= 0xFF5E


def join_lines(first: str, second: str) -> str:
    """Join two wrapped lines of one paragraph: no space for Chinese."""
    first, second = first.rstrip(), second.lstrip()
    if not first or not second:
        return first + second
    if _is_cjk(first[-1]) or _is_cjk(second[0]):
        return first + second
    if first.endswith("-") and len(first) > 1 and first[-2].isalnum():
        if second[0].islower() and first[-2].isalpha():
            return first[:-1] + second  # hyphenated English word: "en-" + "forcement"
        return first + second  # a hyphen that belongs to the text: "COVID-" + "19", "Anglo-" + "Saxon"
    return f"{first} {second}"


@dataclass
class _Chunk:
    """Characters of one line with no wide gap between them: a cell's line in an unruled table."""

    text: str
    left: float
    right: float
    top: float
    bottom: float
    size: float


@dataclass
class _Line:
    text: str
    left: float
    right: float
    top: float  # distance from the page top, like pdfplumber
    bottom: float
    # The font size, near enough (see _font_size). The line's own height is that of its
    # tallest glyph box, and quotes or digits from a fallback font make it jump.
    size: float = 1.0
    # The line's text in pieces set apart by wide gaps (see _chunks): cells of an unruled table.
    chunks: tuple[_Chunk, ...] = ()


@dataclass
class _Grid:
    """A table's text on its grid, covered positions "", and its merged cells."""

    rows: list[list[str]]
    merges: list[Merge] = field(default_factory=list)


@dataclass
class _Layout:
    left: float = 0.0  # where body lines start
    right: float = 0.0  # where full lines end


@dataclass
class _Page:
    lines: list[_Line]
    tables: list[tuple[Box, _Grid]]
    height: float
    width: float = 0.0


@dataclass
class _Block:
    top: float
    line: Optional[_Line] = None
    grid: Optional[_Grid] = None


# --- tables -----------------------------------------------------------------------------------


def _merges(cell_rows: Sequence[Sequence[Optional[Box]]]) -> list[Merge]:
    """Merged cells of a pdfplumber grid, from its cell boxes.

    pdfplumber puts a merged cell's box at its top-left grid position and None at every position
    it covers; a box reaching past the next column's left edge or the next row's top covers it.
    """
    if not cell_rows:
        return []
    width = max(len(row) for row in cell_rows)
    tops = [min((box[1] for box in row if box), default=0.0) for row in cell_rows]
    lefts = [min((row[c][0] for row in cell_rows if c < len(row) and row[c]), default=None) for c in range(width)]

    def free(r: int, c: int) -> bool:
        return c >= len(cell_rows[r]) or cell_rows[r][c] is None

    merges: list[Merge] = []
    for r, row in enumerate(cell_rows):
        for c, box in enumerate(row):
            if box is None:
                continue
            x1, bottom = box[2], box[3]
            colspan = 1
            while (
                c + colspan < width and free(r, c + colspan)
                and lefts[c + colspan] is not None and lefts[c + colspan] < x1 - _GRID_SLACK
            ):
                colspan += 1
            rowspan = 1
            while (
                r + rowspan < len(cell_rows) and tops[r + rowspan] < bottom - _GRID_SLACK
                and all(free(r + rowspan, k) for k in range(c, c + colspan))
            ):
                rowspan += 1
            if rowspan * colspan > 1:
                merges.append((r, c, rowspan, colspan))
    return merges


def _cell_text(cell: Optional[str]) -> str:
    if not cell:
        return ""
    text = ""
    for part in cell.split("\n"):
        text = join_lines(text, part.strip()) if text else part.strip()
    return text


def _grid(texts: Sequence[Sequence[Optional[str]]], cell_rows: Sequence[Sequence[Optional[Box]]]) -> Optional[_Grid]:
    """A found table as text rows and merges, or None when it is a framed box, not a table."""
    width = max((len(row) for row in texts), default=0)
    rows = [[_cell_text(cell) for cell in row] + [""] * (width - len(row)) for row in texts]
    # A 1-row or 1-column "table" is a framed box or page border: leave its text to the paragraphs.
    if sum(1 for row in rows if any(row)) < 2 or width < 2:
        return None
    return _Grid(rows, _merges(cell_rows))


def _normalised(row: Sequence[str]) -> tuple[str, ...]:
    return tuple("".join(cell.split()) for cell in row)


def _repeated_header(first: Sequence[Sequence[str]], continued: Sequence[Sequence[str]]) -> int:
    """How many leading rows of a continuation repeat the table's own first (header) rows."""
    limit = min(_MAX_HEADER_ROWS, len(first) - 1, len(continued))
    count = 0
    while count < limit and any(first[count]) and _normalised(continued[count]) == _normalised(first[count]):
        count += 1
    return count


def _merge_at(merges: Sequence[Merge], row: int, column: int) -> Optional[Merge]:
    """The merge covering a grid position, if any."""
    return next(
        (m for m in merges if m[0] <= row < m[0] + m[2] and m[1] <= column < m[1] + m[3]), None
    )


def _mend_split_cells(rows: list[list[str]], merges: list[Merge], seam: int) -> list[Merge]:
    """Rejoin merged cells that a page break cut in two.

    A cell merged down several rows and cut by the page break keeps its text above the break;
    the part below is an empty cell. When either part spans several rows, the empty lower part
    at the seam (the first row from the new page) belongs to the cell above it.
    """
    if not 0 < seam < len(rows):
        return merges
    merges = list(merges)
    for column in range(len(rows[seam])):
        upper = _merge_at(merges, seam - 1, column) or (seam - 1, column, 1, 1)
        lower = _merge_at(merges, seam, column) or (seam, column, 1, 1)
        if upper[1] != column or lower[1] != column or lower[0] != seam or upper[3] != lower[3]:
            continue  # not the same column extent, or a horizontal merge from the left
        if max(upper[2], lower[2]) < 2 or rows[seam][column].strip() or not rows[upper[0]][column].strip():
            continue
        merges = [m for m in merges if m not in (upper, lower)]
        merges.append((upper[0], column, upper[2] + lower[2], upper[3]))
    return merges


def _continue_table(table: _Grid, continued: _Grid) -> _Grid:
    """A table with its continuation from the next page appended, header repeats dropped."""
    skip = _repeated_header(table.rows, continued.rows)
    offset = len(table.rows) - skip
    rows = table.rows + continued.rows[skip:]
    merges = list(table.merges)
    for top, left, rowspan, colspan in continued.merges:
        if top >= skip:  # a merge inside a dropped header row goes with it
            merges.append((top + offset, left, rowspan, colspan))
    return _Grid(rows, _mend_split_cells(rows, merges, len(table.rows)))


class _TableFinder:
    """pdfplumber, on one page at a time, opened only for pages with ruling lines.

    pdfplumber reads a document's whole page tree when it opens it (0.4 s for a 224-page plan), so each page it
    looks at is first copied by PDFium into a PDF of its own, which pdfplumber reads at once; the copy keeps the
    page's boxes, so the tables' coordinates are the page's.
    """

    def __init__(self, document: Any) -> None:
        self._document = document

    def tables(self, index: int) -> list[tuple[Box, _Grid]]:
        import io

        import pdfplumber
        import pypdfium2 as pdfium

        try:
            single = pdfium.PdfDocument.new()
            try:
                single.import_pages(self._document, [index])
                buffer = io.BytesIO()
                single.save(buffer)
            finally:
                single.close()
            with pdfplumber.open(io.BytesIO(buffer.getvalue())) as pdf:
                found = []
                for table in pdf.pages[0].find_tables():
                    grid = _grid(table.extract(), [row.cells for row in table.rows])
                    if grid is not None:
                        found.append((tuple(table.bbox), grid))
                return found
        except Exception:  # noqa: BLE001 - pdfminer fails in many ways
            # The text layer from PDFium is still good: lose the table
            # structure of this page rather than the whole document.
            return []


# --- unruled tables ---------------------------------------------------------------------------
#
# A table set without ruling lines is only white space on the page. Lines are cut into chunks
# where two characters are a column gap apart (_chunks, far wider than word spacing), the chunks
# of every PDFium line are regrouped into screen lines by height, and a run of screen lines whose
# chunks keep to the same columns (no chunk reaching over two) is a candidate. It is a table only
# with the evidence prose never shows: three or more columns lined up (left edges, centres or
# right edges) on two or more lines each, and two or more lines holding three or more cells.
#
# Rows: a line with text in the first column (the 序号) starts a row. A line without continues a
# cell of the row above, or of the row below when cells are centred vertically (a short cell's
# single line between the two lines of a long one): the lines between two row starts are split
# at the widest vertical step between them (row padding), else given to the nearer start when the
# table shows centred rows elsewhere, else to the row above.

# Ems of white space between two characters that set them in different columns; the narrower
# gap is enough beside a Chinese character or between words set closer (see _chunks).
_COLUMN_GAP = 1.5
_CJK_COLUMN_GAP = 0.8
_SAME_LINE = 0.3  # ems between the middles of chunks on one screen line
_ROW_STEP = 3.5  # ems at most from one line of a table to the next (middle to middle)
_WRAP_STEP = 2.2  # ems at most from a cell's line to its next line
_HEAD_STEP = 1.0  # ems at most above the first line for a header cell's line centred above it
_SAME_SIZE = 0.15  # a table's lines are set in one size, give or take this much
_ALIGNED = 0.25  # ems: two cells line up when their left edges, middles or right edges are this close
_MIN_COLUMNS = 3


@dataclass
class _Piece:
    """The chunks of one screen line between two column gaps: a cell's line."""

    text: str
    left: float
    right: float
    parts: list[_Chunk]


@dataclass
class _ScreenLine:
    pieces: list[_Piece]
    top: float
    bottom: float
    size: float

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class _Run:
    start: int  # the index of its first line among the page's screen lines
    lines: list[_ScreenLine]
    columns: list[list[int]]  # per line, per piece: its column, numbered left to right
    width: int  # number of columns


def _screen_lines(lines: Sequence[_Line]) -> list[_ScreenLine]:
    """The chunks of all lines grouped into screen lines by height, top to bottom.

    Chunks of one height with no column gap between them (a line PDFium gave in two parts) are
    one piece.
    """
    chunks = sorted((chunk for line in lines for chunk in line.chunks), key=lambda c: c.top + c.bottom)
    groups: list[list[_Chunk]] = []
    for chunk in chunks:
        if groups:
            first = groups[-1][0]
            apart = abs(chunk.top + chunk.bottom - first.top - first.bottom) / 2
            if apart <= _SAME_LINE * min(chunk.size, first.size):
                groups[-1].append(chunk)
                continue
        groups.append([chunk])
    result = []
    for group in groups:
        group.sort(key=lambda c: c.left)
        pieces: list[_Piece] = []
        for chunk in group:
            last = pieces[-1] if pieces else None
            if last is not None and chunk.left - last.right < _CJK_COLUMN_GAP * chunk.size:
                last.text = join_lines(last.text, chunk.text)
                last.right = max(last.right, chunk.right)
                last.parts.append(chunk)
            else:
                pieces.append(_Piece(chunk.text, chunk.left, chunk.right, [chunk]))
        result.append(_ScreenLine(
            pieces, min(c.top for c in group), max(c.bottom for c in group), _median([c.size for c in group])
        ))
    return result


def _letter_spaced(line: _ScreenLine) -> bool:
    """A spaced-out title ("安 全 生 产 通 知"): single characters at even gaps, not cells."""
    pieces = line.pieces
    if len(pieces) < _MIN_COLUMNS or any(len(p.text.replace(" ", "")) > 2 for p in pieces):
        return False
    gaps = [b.left - a.right for a, b in zip(pieces, pieces[1:])]
    return max(gaps) - min(gaps) < 0.3 * line.size


def _fit(columns: list[list[float]], line: _ScreenLine) -> Optional[tuple[list[list[float]], list[int]]]:
    """Columns widened by a line's pieces and the column of each piece (an index into the
    returned list, where new columns are appended), or None when a piece reaches over two."""
    columns = [list(column) for column in columns]
    slack = 0.1 * line.size
    assigned = []
    for piece in line.pieces:
        hits = [k for k, (left, right) in enumerate(columns)
                if piece.left < right - slack and piece.right > left + slack]
        if len(hits) > 1:
            return None
        if hits:
            k = hits[0]
            columns[k] = [min(columns[k][0], piece.left), max(columns[k][1], piece.right)]
        else:
            k = len(columns)  # a column no line above had text in
            columns.append([piece.left, piece.right])
        assigned.append(k)
    return columns, assigned


def _closed_up(line: _ScreenLine) -> _ScreenLine:
    """The line with its spaced-out cells closed up: "序　　号", "备　注" are one cell each.

    Single Chinese characters a little apart read as one word; a header is often set so.
    """
    pieces: list[_Piece] = []
    spaced = False  # the last piece is made of single characters
    for piece in line.pieces:
        single = len(piece.text) == 1 and _is_cjk(piece.text)
        last = pieces[-1] if pieces else None
        if (
            last is not None and single and (spaced or len(last.text) == 1 and _is_cjk(last.text))
            and piece.left - last.right < 2 * _COLUMN_GAP * line.size
        ):
            pieces[-1] = _Piece(last.text + piece.text, last.left, piece.right, last.parts + piece.parts)
            spaced = True
        else:
            pieces.append(piece)
            spaced = False
    return _ScreenLine(pieces, line.top, line.bottom, line.size)


def _grow(lines: Sequence[_ScreenLine], start: int, floor: int) -> Optional[_Run]:
    """The run of lines from ``start`` that keep to the columns of its first line, or None.

    The first line (usually the header) is read with its spaced-out cells closed up, unless a
    line below then has two cells in one column: single characters in columns of their own.
    """
    seed = lines[start]
    if len(seed.pieces) < _MIN_COLUMNS or _letter_spaced(seed):
        return None
    closed = _closed_up(seed)
    if len(closed.pieces) < len(seed.pieces):
        run = _grow_from(lines, start, floor, closed)
        if run is not None and all(
            len(set(cells)) == len(cells) for i, cells in enumerate(run.columns) if i != start - run.start
        ):
            return run
    return _grow_from(lines, start, floor, seed)


def _grow_from(lines: Sequence[_ScreenLine], start: int, floor: int, seed: _ScreenLine) -> Optional[_Run]:
    """The run of lines below ``seed`` (the line at ``start``) that keep to its columns.

    A header cell's line centred just above the first line (and below ``floor``, the last line
    a table took) is taken in too.
    """
    if len(seed.pieces) < _MIN_COLUMNS:
        return None
    columns = [[p.left, p.right] for p in seed.pieces]
    taken = [seed]
    assigned = [list(range(len(seed.pieces)))]
    for line in lines[start + 1:]:
        prev = taken[-1]
        size = min(prev.size, line.size)
        if line.middle - prev.middle > _ROW_STEP * size or abs(line.size - seed.size) > _SAME_SIZE * seed.size:
            break  # far below, or in another size: text under the table
        fitted = None if _letter_spaced(line) else _fit(columns, line)
        if fitted is None:
            break
        columns, cells = fitted
        taken.append(line)
        assigned.append(cells)
    first = start
    if start - 1 > floor:
        above = lines[start - 1]
        fitted = _fit(columns, above)
        leftmost = min(range(len(columns)), key=lambda k: columns[k][0])
        if (
            fitted is not None and seed.middle - above.middle <= _HEAD_STEP * seed.size
            and len(fitted[0]) == len(columns) and leftmost not in fitted[1]
        ):
            columns = fitted[0]
            taken.insert(0, above)
            assigned.insert(0, fitted[1])
            first -= 1
    order = sorted(range(len(columns)), key=lambda k: columns[k][0])  # columns numbered left to right
    rank = {k: i for i, k in enumerate(order)}
    return _Run(first, taken, [[rank[k] for k in cells] for cells in assigned], len(columns))


def _evidence(run: _Run) -> bool:
    """Three columns lined up on two lines each, and two lines with three cells or more."""
    if run.width < _MIN_COLUMNS:
        return False
    if sum(1 for cells in run.columns if len(set(cells)) >= _MIN_COLUMNS) < 2:
        return False
    size = _median([line.size for line in run.lines])
    tolerance = _ALIGNED * size
    aligned = 0
    for column in range(run.width):
        pieces = [p for line, cells in zip(run.lines, run.columns) for p, k in zip(line.pieces, cells) if k == column]
        if len(pieces) < 2:
            continue
        for edge in (lambda p: p.left, lambda p: (p.left + p.right) / 2, lambda p: p.right):
            values = sorted(edge(p) for p in pieces)
            if any(b - a <= tolerance for a, b in zip(values, values[1:])):
                aligned += 1
                break
    return aligned >= _MIN_COLUMNS


def _row_starts(run: _Run) -> list[int]:
    """Which lines each table row takes: the index of each row's first line."""
    starts = [i for i, cells in enumerate(run.columns) if 0 in cells]
    if not starts:
        return []
    bounds = [0]  # the first row also takes the lines above its first-column text, unless
    if starts[0] > 0:  # they are a row with an empty first cell (a header over an empty corner)
        steps = [run.lines[i + 1].middle - run.lines[i].middle for i in range(starts[0])]
        widest = max(range(len(steps)), key=lambda i: (steps[i], i))
        if steps[widest] > _HEAD_STEP * run.lines[starts[0]].size:
            bounds.append(widest + 1)
    centred = False
    decided: list[Optional[int]] = []
    for a, b in zip(starts, starts[1:]):
        steps = [run.lines[i + 1].middle - run.lines[i].middle for i in range(a, b)]
        if len(steps) == 1:
            decided.append(b)
            continue
        ranked = sorted(steps, reverse=True)
        if ranked[0] - ranked[1] > max(1.0, 0.1 * run.lines[a].size):
            cut = a + 1 + steps.index(ranked[0])  # the widest step: padding between two rows
            decided.append(cut)
            centred = centred or cut < b
        else:
            decided.append(None)
    for (a, b), cut in zip(zip(starts, starts[1:]), decided):
        if cut is None:
            if centred:  # the nearer row start takes each line
                cut = next(i for i in range(a + 1, b + 1)
                           if run.lines[b].middle - run.lines[i].middle < run.lines[i].middle - run.lines[a].middle)
            else:
                cut = b
        bounds.append(cut)
    return bounds


def _cells_of(run: _Run, begin: int, end: int) -> list[str]:
    row = [""] * run.width
    for line, cells in zip(run.lines[begin:end], run.columns[begin:end]):
        for piece, k in zip(line.pieces, cells):
            row[k] = join_lines(row[k], piece.text) if row[k] else piece.text
    return row


def _run_table(run: _Run) -> Optional[tuple[int, _Grid]]:
    """The table a run makes and how many of its lines it takes, or None when it is no table."""
    lines, columns = run.lines, run.columns
    # A cell's next line sits close below it: lines further below after the last row start are
    # text under the table.
    last_start = max((i for i, cells in enumerate(columns) if 0 in cells), default=0)
    end = last_start + 1
    while end < len(lines) and lines[end].middle - lines[end - 1].middle <= _WRAP_STEP * min(
        lines[end].size, lines[end - 1].size
    ):
        end += 1
    run = _Run(run.start, lines[:end], columns[:end], run.width)
    while True:
        bounds = _row_starts(run)
        if len(bounds) < 2:
            return None
        rows = [_cells_of(run, b, e) for b, e in zip(bounds, [*bounds[1:], len(run.lines)])]
        if sum(1 for cell in rows[-1] if cell) > 1:
            break
        # A last "row" with one cell is a line under the table (附件, a note), not a row.
        run = _Run(run.start, run.lines[:bounds[-1]], run.columns[:bounds[-1]], run.width)
    if not _evidence(run):
        return None
    return len(run.lines), _Grid(rows)


def _without(lines: Sequence[_Line], used: set[int]) -> list[_Line]:
    """The page's lines without the chunks a table took."""
    result = []
    for line in lines:
        kept = [chunk for chunk in line.chunks if id(chunk) not in used]
        if len(kept) == len(line.chunks):
            result.append(line)
        elif kept:
            text = ""
            for chunk in kept:
                text = join_lines(text, chunk.text) if text else chunk.text
            result.append(_Line(
                text, min(c.left for c in kept), max(c.right for c in kept),
                min(c.top for c in kept), max(c.bottom for c in kept), line.size, tuple(kept),
            ))
    return result


def _unruled_tables(lines: list[_Line]) -> tuple[list[_Line], list[tuple[Box, _Grid]]]:
    """Tables set out by white space alone on a page, and the page's lines without them."""
    screen = _screen_lines(lines)
    found: list[tuple[Box, _Grid]] = []
    used: set[int] = set()
    start, floor = 0, -1
    while start < len(screen):
        run = _grow(screen, start, floor)
        table = _run_table(run) if run is not None else None
        if run is None or table is None:
            start += 1
            continue
        count, grid = table
        taken = run.lines[:count]
        pieces = [piece for line in taken for piece in line.pieces]
        bbox = (min(p.left for p in pieces), min(line.top for line in taken),
                max(p.right for p in pieces), max(line.bottom for line in taken))
        found.append((bbox, grid))
        used.update(id(chunk) for piece in pieces for chunk in piece.parts)
        floor = run.start + count - 1
        start = floor + 1
    if not found:
        return lines, []
    return _without(lines, used), found


# --- text lines -------------------------------------------------------------------------------


def _open_document(data: bytes, *, source: str) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        # FPDF_ERR_PASSWORD = 4; the message is the fallback for older builds.
        if code == 4 or "password" in str(exc).lower():
            raise EncryptedPdf(source) from None
        raise CorruptDocument(source, f"PDFium: {exc}") from None


def _page_has_rulings(page: Any) -> bool:
    import pypdfium2.raw as pdfium_c

    count = 0
    for _ in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=4):
        count += 1
        if count >= _MIN_PATHS_FOR_TABLE:
            return True
    return False


def _median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def _font_size(letters: Sequence[str], boxes: Sequence[tuple[float, float, float, float]]) -> float:
    """A line's font size in points, near enough to tell a title from body text.

    A CJK character is one em wide, whatever its font's ascent and descent, so the median width
    of a line's CJK characters is its size; box heights vary with the font (full-width digits
    from a fallback font can be twice as tall). A line with no CJK uses the median box height.
    ``letters`` are the line's characters without spaces, one per box.
    """
    # the ranges of _is_em_wide, compared inline: this runs on every character of a PDF
    wide = [box[1] - box[0] for ch, box in zip(letters, boxes)
            if "\u3000" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\uff01" <= ch <= "\uff5e"]
    wide = [width for width in wide if width > 1.0]
    return max(_median(wide) if wide else _median([box[3] - box[2] for box in boxes]), 1.0)


def _chunks(
    chars: Sequence[str], boxes: Sequence[tuple[float, float, float, float]], size: float
) -> tuple[_Chunk, ...]:
    """A PDFium line cut where the gap between two characters is a column gap, not word spacing.

    A gap of _COLUMN_GAP ems always is. A narrower one is beside a Chinese character (Chinese has
    no word spaces), or between two words when it is several times the line's word spacing: a
    table cell's full line ends just over an em before the next column, while a justified line
    spreads its words evenly. PDFium's lines are runs of characters in content order and may run
    over several lines of a table ("序号 … 完成时限 1 开展…"), so a chunk also ends where the
    text moves to another line: up or down, or back to the left.
    """
    letters = [ch for ch in chars if ch != " "]
    breaks = [False] * len(boxes)
    gaps: list[tuple[int, float]] = []
    back = 0.5 * size
    for i in range(1, len(boxes)):
        left0, right0, top0, bottom0 = boxes[i - 1]
        left, _right, top, bottom = boxes[i]
        height = bottom0 - top0 if bottom0 - top0 < bottom - top else bottom - top
        if abs((top + bottom) - (top0 + bottom0)) / 2 > 0.5 * height or left < left0 - back:
            breaks[i] = True  # another line
        else:
            gaps.append((i, left - right0))
    spacing = [gap for _, gap in gaps if 0.1 * size < gap < _CJK_COLUMN_GAP * size]
    word_space = _median(spacing) if spacing else None
    for i, gap in gaps:
        if gap >= _COLUMN_GAP * size:
            breaks[i] = True
        elif gap >= _CJK_COLUMN_GAP * size and (
            _is_cjk(letters[i]) or _is_cjk(letters[i - 1]) or (word_space is not None and gap >= 3 * word_space)
        ):
            breaks[i] = True

    chunks: list[_Chunk] = []
    text: list[str] = []
    piece: list[tuple[float, float, float, float]] = []

    def close() -> None:
        joined = " ".join("".join(text).split())
        if joined and piece:
            lefts, rights, tops, bottoms = zip(*piece)
            chunks.append(_Chunk(joined, min(lefts), max(rights), min(tops), max(bottoms), size))
        text.clear()
        piece.clear()

    index = 0
    for ch in chars:
        if ch == " ":
            text.append(ch)
            continue
        if breaks[index]:
            close()
        text.append(ch)
        piece.append(boxes[index])
        index += 1
    close()
    return tuple(chunks)


def _page_lines(textpage: Any, *, origin: tuple[float, float], tables: list[Box]) -> list[_Line]:
    """Text lines in PDFium's reading order, minus characters inside tables."""
    text = textpage.get_text_range()
    count = textpage.count_chars()
    if len(text) != count:
        # Characters outside the BMP make the string longer than the char
        # count; fetch one by one so indices and boxes stay aligned.
        text_chars = [textpage.get_text_range(i, 1) or " " for i in range(count)]
    else:
        text_chars = list(text)
    left0, top0 = origin
    lines: list[_Line] = []
    chars: list[str] = []
    boxes: list[tuple[float, float, float, float]] = []

    def flush() -> None:
        line_text = "".join(chars).strip()
        if line_text and boxes:
            size = _font_size([ch for ch in chars if ch != " "], boxes)
            lefts, rights, tops, bottoms = zip(*boxes)
            lines.append(_Line(line_text, min(lefts), max(rights), min(tops), max(bottoms), size,
                               _chunks(chars, boxes, size)))
        chars.clear()
        boxes.clear()

    # PDFium's loose box of each character, read straight from its C function into one reused struct: the
    # wrapper's get_charbox makes a struct per character, a third of the time of reading a page.
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_raw

    rect = pdfium_raw.FS_RECTF()
    rect_ref = ctypes.byref(rect)
    charbox = pdfium_raw.FPDFText_GetLooseCharBox
    raw = textpage.raw
    for index, ch in enumerate(text_chars):
        if ch in "\r\n":
            flush()
            continue
        # PDFium reads a line ending in a hyphen as one word run on to the next line, with no
        # line break and the hyphen marked U+FFFE (U+0002 in older builds). The break is put
        # back here: whether the hyphen goes is join_lines' decision, like every other break.
        hyphen = ch in _PDFIUM_HYPHENS
        if hyphen:
            ch = "-"
        if ch.isspace():
            if chars:
                chars.append(" ")
            continue
        if not charbox(raw, index, rect_ref):
            raise pdfium.PdfiumError(f"no box for character {index}")
        box = (rect.left - left0, rect.right - left0, top0 - rect.top, top0 - rect.bottom)  # left, right, top, bottom
        if tables:
            cx, cy = (box[0] + box[1]) / 2, (box[2] + box[3]) / 2
            if any(x0 - _TABLE_MARGIN <= cx <= x1 + _TABLE_MARGIN and t0 - _TABLE_MARGIN <= cy <= t1 + _TABLE_MARGIN
                   for x0, t0, x1, t1 in tables):
                continue
        chars.append(ch)
        boxes.append(box)
        if hyphen:
            flush()
    flush()
    return lines


def _read_pages(document: Any, *, source: str, ocr: str = "auto") -> tuple[list[_Page], Optional[_OcrRead]]:
    """Every page's lines and tables, and what read pages by OCR, if any did (``ocr``: see :func:`read`)."""
    import pypdfium2 as pdfium

    finder = _TableFinder(document)
    pages: list[_Page] = []
    read_by_ocr: Optional[_OcrRead] = None
    for index in range(len(document)):
        try:
            page = document[index]
            left, _bottom, _right, top = page.get_mediabox()
            textpage = page.get_textpage()
            scanned = ocr == "always" or (ocr == "auto" and _has_no_text(textpage) and _page_has_images(page))
            if scanned:
                from .ocr import DPI

                read_by_ocr = read_by_ocr or _OcrRead(source=source)
                # A scanned page: its picture read by OCR. Ruled tables are looked for in the picture, not in
                # paths, which a scan has none of.
                found = []
                lines = read_by_ocr.page(page.render(scale=DPI / 72).to_pil(), number=index + 1, scale=72 / DPI)
            else:
                found = finder.tables(index) if _page_has_rulings(page) else []
                lines = _page_lines(textpage, origin=(left, top), tables=[bbox for bbox, _ in found])
            lines, unruled = _unruled_tables(lines)
            found = sorted(found + unruled, key=lambda table: table[0][1])
        except pdfium.PdfiumError as exc:
            raise CorruptDocument(source, f"page {index + 1}: {exc}") from None
        pages.append(_Page(lines, found, page.get_height(), page.get_width()))
    return pages, read_by_ocr


def _has_no_text(textpage: Any) -> bool:
    """No character, or only white space (a scan's page). A page of text has more than a few characters, so its text
    is not extracted twice."""
    count = textpage.count_chars()
    return count == 0 or (count < 64 and not textpage.get_text_range().strip())


def _ocr_font_size(line: Any, *, scale: float) -> float:
    """About an OCR line's font size: a CJK character is one em wide, so the box's width over its characters where
    most are CJK (its height carries the box's padding); else most of the box's height."""
    text = line.text.replace(" ", "")
    if text and sum(1 for ch in text if _is_em_wide(ch)) >= 0.6 * len(text):
        return (line.box[2] - line.box[0]) / len(text) * scale
    return 0.8 * line.height * scale


def _page_has_images(page: Any) -> bool:
    import pypdfium2.raw as pdfium_c

    return next(iter(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=4)), None) is not None


class _OcrRead:
    """Pages read by OCR for one document: their lines as text lines of the page, and what the engine's
    confidence was, over all of them."""

    def __init__(self, *, source: str) -> None:
        from . import ocr

        if not ocr.available():
            raise OcrUnavailable(source)
        self.source = source
        self.pages: list[int] = []
        self._weighted = 0.0
        self._characters = 0

    def page(self, image: Any, *, number: int, scale: float) -> list[_Line]:
        """The lines of one page image (``scale``: points per pixel); a page with none is warned about."""
        import warnings

        from . import ocr

        rows = ocr.reading_order(ocr.recognise(image))
        self.pages.append(number)
        if not rows:
            warnings.warn(SafetydocsWarning(OcrPageUnreadable(self.source, f"page {number}")), stacklevel=2)
        lines = []
        for row in rows:
            for part in row:
                self._weighted += part.confidence * len(part.text)
                self._characters += len(part.text)
            size = sorted(_ocr_font_size(part, scale=scale) for part in row)[len(row) // 2]
            chunks = tuple(_Chunk(part.text, part.box[0] * scale, part.box[2] * scale, part.box[1] * scale,
                                  part.box[3] * scale, size) for part in row)
            lines.append(_Line(" ".join(part.text for part in row), chunks[0].left, chunks[-1].right,
                               min(c.top for c in chunks), max(c.bottom for c in chunks), size, chunks))
        return lines

    @property
    def confidence(self) -> Optional[float]:
        return round(self._weighted / self._characters, 4) if self._characters else None


def read_images(images: Sequence[Any], *, source: str, dpi: Sequence[int]) -> RawText:
    """Page images (a scan, a fax, a photograph) read by OCR, then laid out as a PDF's pages are: paragraphs
    joined, tables set out by white space found from the lines' parts, page furniture dropped."""
    read = _OcrRead(source=source)
    pages = []
    for number, (image, resolution) in enumerate(zip(images, dpi), start=1):
        lines = read.page(image, number=number, scale=72 / resolution)
        lines, unruled = _unruled_tables(lines)
        pages.append(_Page(lines, sorted(unruled, key=lambda table: table[0][1]), image.height * 72 / resolution,
                           image.width * 72 / resolution))
    pages = _drop_page_furniture(pages)
    if not any(page.lines or page.tables for page in pages):
        raise EmptyInput(source, f"OCR found no text on {len(pages)} page(s)")
    builder, title = _assemble(pages)
    text, tables = builder.build()
    return RawText(text=text, source=source, kind="image", title=title, tables=tables, ocr_pages=read.pages,
                   ocr_confidence=read.confidence)


# --- page furniture ---------------------------------------------------------------------------


def _edge_lines(page: _Page) -> tuple[list[int], list[int]]:
    """Indices of the lines that open and close a page, top first and bottom first.

    A line below a table's top is not at the top of the page, nor one above a table's bottom
    at its foot.
    """
    order = sorted(range(len(page.lines)), key=lambda i: page.lines[i].top)
    first_table = min((bbox[1] for bbox, _ in page.tables), default=float("inf"))
    last_table = max((bbox[3] for bbox, _ in page.tables), default=float("-inf"))
    top = [i for i in order[:_EDGE_LINES] if page.lines[i].bottom <= first_table]
    bottom = [i for i in reversed(order[-_EDGE_LINES:]) if page.lines[i].top >= last_table]
    return top, bottom


def _furniture_key(text: str) -> str:
    """A running header's text on every page: the page number and spacing removed."""
    return _DIGITS_AND_SPACE.sub("", text)


def _drop_page_furniture(pages: list[_Page]) -> list[_Page]:
    """The pages without page numbers and running headers or footers."""
    edges = [_edge_lines(page) for page in pages]
    # A running header or footer: the same text (digits aside) among the edge lines of most pages.
    seen: Counter[tuple[int, str]] = Counter()
    for page, sides in zip(pages, edges):
        keys = {(side, _furniture_key(page.lines[i].text)) for side, indices in enumerate(sides) for i in indices}
        seen.update(key for key in keys if key[1])
    running = {key for key, count in seen.items() if count >= 2 and 2 * count >= len(pages)}

    result = []
    for page, sides in zip(pages, edges):
        dropped: set[int] = set()
        for side, indices in enumerate(sides):
            used: set[str] = set()
            for i in indices:
                line = page.lines[i]
                key = _furniture_key(line.text)
                in_band = line.top < _EDGE_BAND * page.height or line.bottom > (1 - _EDGE_BAND) * page.height
                if (side, key) in running and key not in used:
                    used.add(key)  # once per page: a title equal to the header stays
                    dropped.add(i)
                elif in_band and _PAGE_NUMBER.match(line.text):
                    dropped.add(i)
        lines = [line for i, line in enumerate(page.lines) if i not in dropped]
        result.append(_Page(lines, page.tables, page.height, page.width))
    return result


# --- paragraphs -------------------------------------------------------------------------------


def _layout(lines: Sequence[_Line]) -> _Layout:
    """Where body lines start and end on a page.

    The right edge is the farthest any line reaches. The left edge is the leftmost start of a
    line that reaches it (a full line), so indented first lines and centred titles do not count.
    """
    if not lines:
        return _Layout()
    right = max(line.right for line in lines)
    full = [line.left for line in lines if line.right >= right - 2.0 * line.size]
    return _Layout(min(full or [line.left for line in lines]), right)


def _layouts(pages: Sequence[_Page]) -> list[_Layout]:
    """Each page's layout, its right edge at least that of the full pages of its size.

    A page with a few lines (the end of a notice, a page mostly table) cannot tell its own text
    width: its widest line may be short, and every line would pass for a full one.
    """
    own = [_layout(page.lines) for page in pages]
    result = []
    for page, layout in zip(pages, own):
        alike = [other.right for other_page, other in zip(pages, own)
                 if len(other_page.lines) >= _FULL_PAGE_LINES and abs(other_page.width - page.width) < 1.0]
        right = max(layout.right, _median(alike)) if alike else layout.right
        result.append(_Layout(layout.left, right))
    return result


def _body_size(pages: Sequence[_Page]) -> float:
    """The font size of the body text around the title: the most common one, counted in characters.

    The first page's own when it holds enough text: an annex in a smaller font can outweigh the
    notice itself, whose body would then look like a title.
    """
    def most_common(lines: Sequence[_Line]) -> tuple[float, int]:
        sizes: Counter[float] = Counter()
        for line in lines:
            sizes[round(line.size * 2) / 2] += len(line.text)
        return sizes.most_common(1)[0] if sizes else (0.0, 0)

    first, count = most_common(pages[0].lines if pages else [])
    if count >= _BODY_SAMPLE:
        return first
    return most_common([line for page in pages for line in page.lines])[0]


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip().rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _SENTENCE_END


def _first_word_width(line: _Line) -> float:
    """About how wide the first word of a line is: a run of Latin letters or digits, else one character."""
    match = re.match(r"[A-Za-z0-9'’\-]+[,.;:!?)]?", line.text)
    length = len(match.group()) if match else 1
    return length * (line.right - line.left) / max(len(line.text), 1)


def _stops_short(prev: _Line, line: _Line, right: float) -> bool:
    """Does ``prev`` end short enough that the first word of ``line`` would have fitted?

    Then the break was the author's: the last line of a paragraph, or a title. Two characters
    of room are always allowed, as line-breaking rules push a character down with the
    punctuation that may not start a line.
    """
    if not right:
        return False
    size = min(prev.size, line.size)
    return right - prev.right > max(2.0 * size, _first_word_width(line) + 1.0 * size)


def _breaks_between(prev: _Line, line: _Line, *, prev_page: _Layout, page: _Layout, same_page: bool) -> bool:
    """Does a paragraph end between ``prev`` and ``line``?"""
    if _ends_sentence(prev.text) or _HEADING.match(line.text):
        return True
    size = min(prev.size, line.size)
    if abs(prev.size - line.size) > 0.2 * size:
        return True  # font size changed: title, heading, footnote
    if _stops_short(prev, line, prev_page.right):
        return True  # previous line stops short: last line of its paragraph
    if not same_page:
        # Positions across a page break compare only with each page's own margins.
        return line.left - page.left > 0.8 * size
    if line.top - prev.bottom > 1.0 * size:
        return True  # more space than leading
    if line.left - prev.left > 0.8 * size:
        return True  # next line indented: first line of a new paragraph
    return False


def _is_display_line(line: _Line, layout: _Layout, body_size: float) -> bool:
    """Set apart like a title: a larger font, or centred with room on both sides."""
    if body_size and line.size >= _LARGER_FONT * body_size:
        return True
    size = line.size
    room_left, room_right = line.left - layout.left, layout.right - line.right
    return room_left > size and room_right > size and abs(room_left - room_right) <= 1.5 * size


def _text_area(page: _Page) -> _Layout:
    """The page's text column, for centring: from its lines, or the page itself when the lines
    are too few to tell (a first page holding only a title and a table)."""
    layout = _layout(page.lines)
    if page.width and layout.right - layout.left < 0.5 * page.width:
        return _Layout(0.0, page.width)
    return layout


def _compact(text: str) -> str:
    """Text without its spaces: letterheads are often letter-spaced ("国 务 院 … 文 件")."""
    return "".join(text.split())


def _is_date_or_number(text: str) -> bool:
    text = text.strip()
    return bool(_DATE_LINE.match(text) or _DOC_NUMBER.search(_compact(text)))


def _stands_alone(text: str) -> bool:
    """A letterhead, document number or date: front matter that is never part of a title."""
    return _is_date_or_number(text) or _compact(text).endswith("文件")


def _is_issuer(text: str) -> bool:
    text = _compact(text)
    return len(text) <= 30 and "关于" not in text and bool(_ISSUER.search(text))


def _title_complete(text: str) -> bool:
    """A Chinese title ends with its document type: 通知, 意见, 方案 (a note such as （试行） aside).

    Not inside an open quotation: "关于印发《……行动方案" goes on with the plan's years.
    """
    if sum(text.count(ch) for ch in "《«“（(〈") > sum(text.count(ch) for ch in "》»”）)〉"):
        return False
    return bool(_TITLE_END.search(_TRAILING_NOTE.sub("", text.strip())))


def _continues_title(prev: _Line, line: _Line) -> bool:
    """Is ``line`` the next line of a title set over several lines?"""
    size = min(prev.size, line.size)
    if abs(prev.size - line.size) > 0.15 * size or line.top - prev.bottom > 1.0 * size:
        return False
    # A letterhead ends in 文件 and may itself be broken over two lines.
    if _stands_alone(prev.text) or _is_date_or_number(line.text) or _HEADING.match(line.text):
        return False
    if _ends_sentence(prev.text) or _title_complete(prev.text):
        return False
    # An issuer line below a title is its signature; issuers above "关于" open the title itself.
    return not _is_issuer(line.text) or _is_issuer(prev.text)


def _front_matter(lines: Sequence[_Line], area: _Layout, body_size: float) -> list[list[_Line]]:
    """The lines that open the first page, grouped into the paragraphs they make.

    Front matter is the run of larger or centred lines before the first body line: letterhead,
    document number, the title (possibly over several lines, one group), issuer, date.
    """
    groups: list[list[_Line]] = []
    for line in lines[:_MAX_FRONT_LINES]:
        if not _is_display_line(line, area, body_size):
            break
        if groups and len(groups[-1]) < _MAX_TITLE_LINES and _continues_title(groups[-1][-1], line):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _joined(lines: Sequence[_Line]) -> str:
    text = ""
    for line in lines:
        text = join_lines(text, line.text) if text else line.text
    return text


def _blocks(page: _Page) -> list[_Block]:
    """A page's lines and tables in reading order."""
    blocks = [_Block(line.top, line=line) for line in page.lines]
    for bbox, grid in page.tables:
        # Insert the table before the first line below its top edge,
        # keeping PDFium's order for the text itself.
        position = next((i for i, b in enumerate(blocks) if b.line is not None and b.top > bbox[1]), len(blocks))
        blocks.insert(position, _Block(bbox[1], grid=grid))
    return blocks


def _assemble(pages: list[_Page]) -> tuple[TextBuilder, Optional[str]]:
    """Join lines into paragraphs and emit tables, merging tables split by a page break.

    Returns the builder and a guessed title: the one set apart at the top, else a short first
    paragraph.
    """
    items: list[Union[str, _Grid]] = []
    paragraph = ""
    prev: Optional[_Line] = None
    prev_layout = _Layout()
    last_was_table = False
    body_size = _body_size(pages)
    set_title: Optional[str] = None

    def flush() -> None:
        nonlocal paragraph
        if paragraph:
            items.append(paragraph)
            paragraph = ""

    for number, (page, layout) in enumerate(zip(pages, _layouts(pages))):
        blocks = _blocks(page)
        same_page = False
        if number == 0:
            leading = [b.line for b in blocks[: next((i for i, b in enumerate(blocks) if b.line is None), len(blocks))]]
            groups = _front_matter(leading, _text_area(page), body_size)
            front = [_joined(group) for group in groups]
            items.extend(front)
            set_title = next((text for text in front if not _stands_alone(text) and not _is_issuer(text)), None)
            blocks = blocks[sum(len(group) for group in groups):]  # nothing joins to the front matter
        for block in blocks:
            if block.grid is not None:
                flush()
                prev = None
                previous = items[-1] if items and last_was_table else None
                if isinstance(previous, _Grid) and len(previous.rows[0]) == len(block.grid.rows[0]):
                    items[-1] = _continue_table(previous, block.grid)  # a table continued on the next page
                else:
                    items.append(block.grid)
                last_was_table = True
                continue
            line = block.line
            assert line is not None
            last_was_table = False
            if prev is not None and not _breaks_between(
                prev, line, prev_page=prev_layout, page=layout, same_page=same_page
            ):
                paragraph = join_lines(paragraph, line.text)
            else:
                flush()
                paragraph = line.text
            prev, prev_layout, same_page = line, layout, True
        # A table that ends a page may continue on the next one.
        last_was_table = last_was_table and not paragraph
    flush()

    builder = TextBuilder()
    first_text: Optional[str] = None
    for item in items:
        if isinstance(item, str):
            builder.add_paragraph(item)
            if first_text is None and not _stands_alone(item):
                first_text = item  # a letterhead or document number is no title
        else:
            builder.add_table(item.rows, merges=item.merges)
    return builder, _title_guess(set_title, first_text)


def _title_guess(set_title: Optional[str], first_text: Optional[str]) -> Optional[str]:
    """The title set apart at the top of the first page, else a short first paragraph (past any
    letterhead and document number)."""
    if set_title is not None and len(set_title) <= _MAX_SET_TITLE and not _ends_sentence(set_title):
        return set_title
    if (
        first_text is not None and len(first_text) <= _MAX_TITLE
        and not _ends_sentence(first_text) and first_text[-1] not in "，,"
    ):
        return first_text
    return None


def _meta_title(document: Any) -> Optional[str]:
    try:
        title = (document.get_metadata_value("Title") or "").strip()
    except Exception:  # noqa: BLE001 - broken Info dictionaries are common
        return None
    if len(title) < 2 or title.lower() in _GENERIC_TITLES:
        return None
    if _FILENAME_TITLE.search(title) or title.lower().startswith("microsoft word"):
        return None
    if _compact(title).endswith("文件"):
        return None  # the letterhead ("XX局文件"), kept as the title of a template
    if not any(ch.isalpha() or _is_cjk(ch) for ch in title):
        return None
    return " ".join(title.split())


def read(data: bytes, *, source: str, ocr: str = "auto") -> RawText:
    """Read a PDF's bytes: paragraphs and ruled tables in reading order.

    ``ocr``: "auto" reads pages with no text but a picture (scans) by OCR, "never" leaves them out (a PDF of scans
    alone is then SD108), "always" reads every page by OCR. Without the OCR extra, a scanned page is SD117."""
    if not data.strip():
        raise EmptyInput(source)
    document = _open_document(data, source=source)
    try:
        if len(document) == 0:
            raise CorruptDocument(source, "PDF has no pages")
        pages, read_by_ocr = _read_pages(document, source=source, ocr=ocr)
        pages = _drop_page_furniture(pages)
        if not any(page.lines or page.tables for page in pages):
            if read_by_ocr is not None:
                raise NoTextLayer(source, f"OCR found no text on {len(pages)} page(s)")
            raise NoTextLayer(source, f"{len(pages)} page(s), no text")
        builder, guessed_title = _assemble(pages)
        title = _meta_title(document) or guessed_title
    finally:
        document.close()
    text, tables = builder.build()
    return RawText(text=text, source=source, kind="pdf", title=title, tables=tables,
                   ocr_pages=read_by_ocr.pages if read_by_ocr else [],
                   ocr_confidence=read_by_ocr.confidence if read_by_ocr else None)
