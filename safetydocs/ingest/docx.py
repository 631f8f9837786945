"""Word .docx: paragraphs and tables in body order.

The body is walked at the XML level (``w:p`` and ``w:tbl`` children, and the
paragraphs inside content controls ``w:sdt``) because python-docx's
``document.paragraphs`` and ``document.tables`` lose the order between them,
and a task table must stay between the text that introduces it and the text
after it.

python-docx repeats a merged cell at every grid position it covers (both
gridSpan and vMerge). A merged cell's text is written once, at its top-left
position; the other positions it covers become empty cells, so every row
keeps the table's column count and a column still means one header.
Nested tables are flattened into the text of the cell that holds them.
"""
from __future__ import annotations

import io
from typing import Any, Iterator, Optional

from ..errors import CorruptDocument, EmptyInput
from .base import Merge, RawText, TextBuilder

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _SDT, _SDT_CONTENT, _TC = f"{_W}p", f"{_W}tbl", f"{_W}sdt", f"{_W}sdtContent", f"{_W}tc"
_MAX_TITLE = 80
_TITLE_WINDOW = 3
_BODY_PUNCTUATION = ("：", ":", "。", "；", ";")


def _body_items(element: Any) -> Iterator[Any]:
    """``w:p`` and ``w:tbl`` children in order, looking inside content controls."""
    for child in element.iterchildren():
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _body_items(content)


def _paragraph_text(element: Any, parent: Any) -> str:
    from docx.text.paragraph import Paragraph

    return Paragraph(element, parent).text


def _cell_text(tc: Any, parent: Any) -> str:
    """A cell's paragraphs and nested tables as one line of text."""
    parts: list[str] = []
    for child in _body_items(tc):
        if child.tag == _P:
            parts.append(_paragraph_text(child, parent))
        else:
            for row in _table_rows(child, parent):
                parts.append(" ".join(cell for cell in row if cell))
    return " ".join(part.strip() for part in parts if part.strip())


def _table_rows(tbl: Any, parent: Any) -> list[list[str]]:
    """Rows of cell texts, each merged cell written once (see module docstring)."""
    return _table_grid(tbl, parent)[0]


def _table_grid(tbl: Any, parent: Any) -> tuple[list[list[str]], list[Merge]]:
    """Rows of cell texts and the merged cells (gridSpan across, vMerge down) on that grid."""
    from docx.table import Table

    table = Table(tbl, parent)
    # id -> (element, top-left position, bottom-right position): holding the element keeps its
    # id from being reused.
    seen: dict[int, tuple[Any, tuple[int, int], list[int]]] = {}
    rows: list[list[str]] = []
    for row in table.rows:
        cells: list[str] = []
        # Rows may start after the first grid column (w:gridBefore).
        cells.extend("" for _ in range(row.grid_cols_before))
        for cell in row.cells:
            key = id(cell._tc)
            position = (len(rows), len(cells))
            if key in seen:
                corner = seen[key][2]
                corner[0], corner[1] = max(corner[0], position[0]), max(corner[1], position[1])
                cells.append("")
                continue
            seen[key] = (cell._tc, position, [position[0], position[1]])
            cells.append(_cell_text(cell._tc, cell))
        rows.append(cells)
    width = max((len(row) for row in rows), default=0)
    merges = [(top, left, bottom - top + 1, right - left + 1)
              for _, (top, left), (bottom, right) in seen.values() if (bottom, right) != (top, left)]
    return [row + [""] * (width - len(row)) for row in rows], merges


def _style_name(element: Any, parent: Any) -> str:
    from docx.text.paragraph import Paragraph

    try:
        style = Paragraph(element, parent).style
    except Exception:  # noqa: BLE001 - dangling style ids are common in the wild
        return ""
    return (style.name or "") if style is not None else ""


def _is_title_style(name: str) -> bool:
    # Built-in style names are stored in English whatever the UI language.
    lowered = name.lower()
    return lowered == "title" or lowered.startswith("heading") or lowered.startswith("标题")


def read(data: bytes, *, source: str) -> RawText:
    """Read a .docx file's bytes: body paragraphs and tables, in order."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise CorruptDocument(source, f"not a readable Word document: {type(exc).__name__}") from None
    except Exception as exc:  # zipfile.BadZipFile, lxml.etree.XMLSyntaxError, ...
        raise CorruptDocument(source, f"{type(exc).__name__}: {exc}") from None

    builder = TextBuilder()
    styled_title: Optional[str] = None
    # keep python-docx's proxy objects for the elements' parent: cell and
    # paragraph objects need it to resolve styles.
    parent = document._body
    paragraphs_seen = 0
    body_started = False
    for element in _body_items(body):
        if element.tag == _P:
            text = _paragraph_text(element, parent)
            if builder.add_paragraph(text) is None:
                continue
            paragraphs_seen += 1
            # Only the opening paragraphs can be the title: once the body has
            # begun (a salutation or sentence ended with ：。；, a table), a
            # heading ("一、工作要求") is a section, not the document's name.
            if (
                styled_title is None and not body_started and paragraphs_seen <= _TITLE_WINDOW
                and len(text.strip()) <= _MAX_TITLE and _is_title_style(_style_name(element, parent))
            ):
                styled_title = " ".join(text.split())
            body_started = body_started or text.rstrip()[-1:] in _BODY_PUNCTUATION
        else:
            grid, merges = _table_grid(element, parent)
            builder.add_table(grid, merges=merges)
            body_started = True
    text, tables = builder.build()
    if not text.strip():
        raise EmptyInput(source, "the document has no text in its body")

    title = (document.core_properties.title or "").strip() or styled_title
    return RawText(text=text, source=source, kind="docx", title=title, tables=tables)
