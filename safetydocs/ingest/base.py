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
