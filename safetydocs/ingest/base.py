"""What every reader returns: the document's plain text plus the tables found in it.

Readers linearise a document into one string. Tables are written into that
string one row per line, cells separated by a TAB, and are also returned as
:class:`Table` objects whose row and cell spans point into the string, so later
stages can treat a task-division table row as one task.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional, Sequence

Span = tuple[int, int]

# Control characters, mapped one to one so that every span stays valid: a page or line break
# (form feed from pdftotext, vertical tab, the Unicode line and paragraph separators) becomes a
# newline, any other control character a space. Tab, newline and carriage return are kept.
_BREAKS = {0x0B: "\n", 0x0C: "\n", 0x1C: "\n", 0x1D: "\n", 0x1E: "\n", 0x85: "\n", 0x2028: "\n", 0x2029: "\n"}
_CONTROLS = {code: " " for code in [*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0)]}
_CONTROLS.update({0xFFFE: " ", 0xFFFF: " "})  # noncharacters that no XML writer accepts
_CONTROLS.update(_BREAKS)
_SURROGATES = re.compile("[\ud800-\udfff]")


def clean_controls(text: str) -> str:
    """The text with its control characters replaced, one character for one (see above).

    Lone surrogates (from a broken UTF-16 source) become U+FFFD. Every writer can then store any
    text the readers produce: openpyxl and python-docx refuse control characters outright.
    """
    cleaned = text.translate(_CONTROLS)
    return _SURROGATES.sub("\ufffd", cleaned) if _SURROGATES.search(cleaned) else cleaned


@dataclass(frozen=True)
class TableCell:
    """One grid position of a table.

    A merged cell is written once, at its top-left position, which carries its ``rowspan`` and
    ``colspan``; every other position it covers is an empty cell whose ``merged_from`` is the
    (row, column) of that top-left cell, so a 牵头单位 cell merged over five rows belongs to each.
    A cell whose text runs over several lines of a text table has its ``pieces``.
    """

    text: str
    span: Span
    rowspan: int = 1
    colspan: int = 1
    merged_from: Optional[tuple[int, int]] = None
    pieces: tuple[Span, ...] = ()

    def contains(self, span: Span) -> bool:
        return any(s <= span[0] and span[1] <= e for s, e in (self.pieces or (self.span,)))


@dataclass(frozen=True)
class TableRow:
    cells: tuple[TableCell, ...]
    span: Span


@dataclass(frozen=True)
class Table:
    rows: tuple[TableRow, ...]
    span: Span

    def cell(self, row: int, column: int) -> Optional[TableCell]:
        """The cell that fills a grid position: the merged cell's top-left one where it is covered."""
        if not (0 <= row < len(self.rows)) or not (0 <= column < len(self.rows[row].cells)):
            return None
        found = self.rows[row].cells[column]
        if found.merged_from is not None:
            origin_row, origin_column = found.merged_from
            if (origin_row, origin_column) != (row, column):
                return self.cell(origin_row, origin_column)
        return found


Merge = tuple[int, int, int, int]  # (top row, left column, rowspan, colspan) on a reader's grid


@dataclass
class RawText:
    text: str
    source: str
    kind: str  # a FileKind name: "text", "pdf", "docx", "html"
    title: Optional[str] = None
    tables: list[Table] = field(default_factory=list)
    encoding: Optional[str] = None
    # Pages read by OCR (1-based) and how sure the engine was of their text: its lines' confidences averaged,
    # weighted by their characters. None when no page was read by OCR.
    ocr_pages: list[int] = field(default_factory=list)
    ocr_confidence: Optional[float] = None


class TextBuilder:
    """Appends paragraphs and tables to one text, recording spans as it goes."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.tables: list[Table] = []

    def _append(self, piece: str) -> Span:
        start = self._length
        self._parts.append(piece)
        self._length += len(piece)
        return (start, self._length)

    def _newline(self) -> None:
        if self._length and not self._parts[-1].endswith("\n"):
            self._append("\n")

    def add_paragraph(self, text: str) -> Optional[Span]:
        text = text.strip("\n")
        if not text.strip():
            return None
        self._newline()
        span = self._append(text)
        self._append("\n")
        return span

    def add_table(self, rows: list[list[str]], *, merges: Sequence[Merge] = ()) -> Optional[Table]:
        """Write a table one row per line; ``merges`` are its merged cells on the same grid."""
        clean_rows = [[" ".join(cell.split()) for cell in row] for row in rows]
        kept = [index for index, row in enumerate(clean_rows) if any(row)]
        if not kept:
            return None
        new_index = {old: new for new, old in enumerate(kept)}
        origin_of: dict[tuple[int, int], tuple[int, int]] = {}
        size_of: dict[tuple[int, int], tuple[int, int]] = {}
        for top, left, rowspan, colspan in merges:
            if top not in new_index or rowspan * colspan <= 1:
                continue  # a merged cell on a row with no text at all has nothing to give
            covered = [r for r in range(top, top + rowspan) if r in new_index]
            origin = (new_index[top], left)
            size_of[origin] = (len(covered), colspan)
            for r in covered:
                for c in range(left, left + colspan):
                    if (new_index[r], c) != origin:
                        origin_of[(new_index[r], c)] = origin
        self._newline()
        table_start = self._length
        built_rows = []
        for row_number, old in enumerate(kept):
            row = clean_rows[old]
            row_start = self._length
            cells = []
            for index, cell in enumerate(row):
                if index:
                    self._append("\t")
                origin = origin_of.get((row_number, index))
                text = "" if origin is not None else cell  # a covered position repeats nothing
                rowspan, colspan = size_of.get((row_number, index), (1, 1))
                cells.append(TableCell(text, self._append(text), rowspan=rowspan, colspan=colspan,
                                       merged_from=origin))
            built_rows.append(TableRow(tuple(cells), (row_start, self._length)))
            self._append("\n")
        table = Table(tuple(built_rows), (table_start, self._length))
        self.tables.append(table)
        return table

    def build(self) -> tuple[str, list[Table]]:
        return "".join(self._parts), list(self.tables)
