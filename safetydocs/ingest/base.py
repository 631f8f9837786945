"""What every reader returns: the document's plain text plus the tables found in it.

Readers linearise a document into one string. Tables are written into that
string one row per line, cells separated by a TAB, and are also returned as
:class:`Table` objects whose row and cell spans point into the string, so later
stages can treat a task-division table row as one task.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

Span = tuple[int, int]

# Control characters, mapped one to one so that every span stays valid: a page or line break
# (form feed from pdftotext, vertical tab, the Unicode line and paragraph separators) becomes a
# newline, any other control character a space. Tab, newline and carriage return are kept.
_BREAKS = {0x0B: "\n", 0x0C: "\n", 0x1C: "\n", 0x1D: "\n", 0x1E: "\n", 0x85: "\n", 0x2028: "\n", 0x2029: "\n"}
_CONTROLS = {code: " " for code in [*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0)]}
_CONTROLS.update({0xFFFE: " ", 0xFFFF: " "})  # noncharacters that no XML writer accepts
_CONTROLS.update(_BREAKS)


def clean_controls(text: str) -> str:
    """The text with its control characters replaced, one character for one (see above).

    Lone surrogates (from a broken UTF-16 source) become U+FFFD. Every writer can then store any
    text the readers produce: openpyxl and python-docx refuse control characters outright.
    """
    cleaned = text.translate(_CONTROLS)
    if any("\ud800" <= ch <= "\udfff" for ch in cleaned):
        cleaned = "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in cleaned)
    return cleaned


@dataclass(frozen=True)
class TableCell:
    text: str
    span: Span


@dataclass(frozen=True)
class TableRow:
    cells: tuple[TableCell, ...]
    span: Span


@dataclass(frozen=True)
class Table:
    rows: tuple[TableRow, ...]
    span: Span


@dataclass
class RawText:
    text: str
    source: str
    kind: str  # a FileKind name: "text", "pdf", "docx", "html"
    title: Optional[str] = None
    tables: list[Table] = field(default_factory=list)
    encoding: Optional[str] = None


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

    def add_table(self, rows: list[list[str]]) -> Optional[Table]:
        clean_rows = [[" ".join(cell.split()) for cell in row] for row in rows]
        clean_rows = [row for row in clean_rows if any(row)]
        if not clean_rows:
            return None
        self._newline()
        table_start = self._length
        built_rows = []
        for row in clean_rows:
            row_start = self._length
            cells = []
            for index, cell in enumerate(row):
                if index:
                    self._append("\t")
                cells.append(TableCell(cell, self._append(cell)))
            built_rows.append(TableRow(tuple(cells), (row_start, self._length)))
            self._append("\n")
        table = Table(tuple(built_rows), (table_start, self._length))
        self.tables.append(table)
        return table

    def build(self) -> tuple[str, list[Table]]:
        return "".join(self._parts), list(self.tables)
