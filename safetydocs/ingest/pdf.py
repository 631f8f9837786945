"""PDF: pypdfium2 for the text of every page, pdfplumber for ruled tables.

Why two libraries: pypdfium2 (PDFium) is fast and robust and gives every
character with its box, which is all paragraphs need. pdfplumber (pdfminer)
finds tables from ruling lines well but is an order of magnitude slower, so it
only runs on pages that can hold a ruled table at all: pages with at least a
few vector path objects (table borders from Word/WPS exports are path objects:
stroked lines or thin filled rectangles). Pages of plain text, the bulk of a
notice, never reach pdfminer. Unruled "tables" (columns aligned by spaces) are
left as text lines: guessing columns from whitespace misfires on Chinese
notices, whose task tables are almost always ruled.

Characters inside a found table's box are removed from the page text, and
the table is inserted where its top edge falls among the text lines, so the
output reads: text above, one line per table row, text below.

Paragraphs: PDF breaks lines mid-sentence. Lines are joined (without a space
when either side is CJK) unless the break looks real: the line ends a
sentence or clause (。；：！？), the next line starts a heading (一、 （一）
1. 第X条), the next line is indented, the line stops short of the right
margin, the font size changes, or the vertical gap is larger than leading.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Optional, Union

from ..errors import CorruptDocument, EmptyInput, EncryptedPdf, NoTextLayer
from .base import RawText, TextBuilder

# A page needs this many vector paths before pdfplumber looks for tables:
# a page border or the red rule under a letterhead are one or two paths, the
# smallest 2x2 ruled grid is at least four.
_MIN_PATHS_FOR_TABLE = 4
_TABLE_MARGIN = 1.0  # points of slack when testing "is this char in the table"

_SENTENCE_END = "。！？；：!?;:"
_CLOSERS = "”’」』）)》〕】\"'"
# Heading numbering of Chinese official documents and plain decimal lists.
_HEADING = re.compile(
    r"^\s*(第[一二三四五六七八九十百零〇\d]+[条章节部分]"
    r"|[一二三四五六七八九十]+[、.．]"
    r"|[（(][一二三四五六七八九十\d]+[）)]"
    r"|\d+(\.\d+)*[.．、]\s*\S"
    r"|[①-⑳])"
)
# Page numbers such as "- 3 -", "— 3 —", "3", "第 3 页 共 10 页", "3/10".
_PAGE_NUMBER = re.compile(
    r"^\s*([-—–－]\s*)?\d+(\s*[-—–－])?\s*$"
    r"|^\s*第\s*\d+\s*页(\s*[，,/]?\s*共\s*\d+\s*页)?\s*$"
    r"|^\s*\d+\s*/\s*\d+\s*$"
)
_FILENAME_TITLE = re.compile(r"\.(docx?|wps|pdf|xlsx?|txt|rtf)\s*$", re.IGNORECASE)
_GENERIC_TITLES = {"untitled", "无标题", "(anonymous)", "anonymous", "title"}
_MAX_TITLE = 60


def _is_cjk(ch: str) -> bool:
    # CJK ideographs, kana, full-width punctuation and forms all sit above
    # U+2E80; text there is written without spaces between words.
    return ord(ch) >= 0x2E80


def join_lines(first: str, second: str) -> str:
    """Join two wrapped lines of one paragraph: no space for Chinese."""
    first, second = first.rstrip(), second.lstrip()
    if not first or not second:
        return first + second
    if _is_cjk(first[-1]) or _is_cjk(second[0]):
        return first + second
    if first.endswith("-") and len(first) > 1 and first[-2].isalpha() and second[0].islower():
        return first[:-1] + second  # hyphenated English word
    return f"{first} {second}"


@dataclass
class _Line:
    text: str
    left: float
    right: float
    top: float  # distance from the page top, like pdfplumber
    bottom: float

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)


@dataclass
class _Block:
    top: float
    line: Optional[_Line] = None
    rows: Optional[list[list[str]]] = None


@dataclass
class _Page:
    blocks: list[_Block] = field(default_factory=list)
    right_margin: float = 0.0


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip().rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _SENTENCE_END


def _breaks_between(prev: _Line, line: _Line, *, right_margin: float, same_page: bool) -> bool:
    """Does a paragraph end between ``prev`` and ``line``?"""
    if _ends_sentence(prev.text) or _HEADING.match(line.text):
        return True
    if not same_page:
        return False  # geometry across a page break means nothing
    size = min(prev.height, line.height)
    if abs(prev.height - line.height) > 0.2 * size:
        return True  # font size changed: title, heading, footnote
    if line.top - prev.bottom > 1.0 * size:
        return True  # more space than leading
    if line.left - prev.left > 0.8 * size:
        return True  # next line indented: first line of a new paragraph
    if right_margin and prev.right < right_margin - 2.0 * size:
        return True  # previous line stops short: last line of its paragraph
    return False


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


def _page_lines(textpage: Any, *, origin: tuple[float, float], tables: list[tuple[float, float, float, float]]) -> list[_Line]:
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
            lines.append(_Line(
                line_text,
                min(b[0] for b in boxes), max(b[1] for b in boxes),
                min(b[2] for b in boxes), max(b[3] for b in boxes),
            ))
        chars.clear()
        boxes.clear()

    for index, ch in enumerate(text_chars):
        if ch in "\r\n":
            flush()
            continue
        if ch.isspace():
            if chars:
                chars.append(" ")
            continue
        left, bottom, right, top = textpage.get_charbox(index, loose=True)
        box = (left - left0, right - left0, top0 - top, top0 - bottom)  # left, right, top, bottom
        cx, cy = (box[0] + box[1]) / 2, (box[2] + box[3]) / 2
        if any(
            x0 - _TABLE_MARGIN <= cx <= x1 + _TABLE_MARGIN and t0 - _TABLE_MARGIN <= cy <= t1 + _TABLE_MARGIN
            for x0, t0, x1, t1 in tables
        ):
            continue
        chars.append(ch)
        boxes.append(box)
    flush()
    return lines


def _cell_text(cell: Optional[str]) -> str:
    if not cell:
        return ""
    text = ""
    for part in cell.split("\n"):
        text = join_lines(text, part.strip()) if text else part.strip()
    return text


class _TableFinder:
    """pdfplumber, opened only if some page has ruling lines."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._pdf: Any = None
        self._failed = False

    def tables(self, index: int) -> list[tuple[tuple[float, float, float, float], list[list[str]]]]:
        if self._failed:
            return []
        try:
            if self._pdf is None:
                import io

                import pdfplumber

                self._pdf = pdfplumber.open(io.BytesIO(self._data))
            page = self._pdf.pages[index]
            found = []
            for table in page.find_tables():
                rows = [[_cell_text(cell) for cell in row] for row in table.extract()]
                rows = [row for row in rows if any(row)]
                # A 1-row or 1-column "table" is a framed box or page border:
                # leave its text to the paragraph flow.
                if len(rows) < 2 or max(len(row) for row in rows) < 2:
                    continue
                found.append((tuple(table.bbox), rows))
            return found
        except Exception:  # noqa: BLE001 - pdfminer fails in many ways
            # The text layer from PDFium is still good: lose the table
            # structure of this page rather than the whole document.
            return []

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()


def _read_pages(document: Any, data: bytes, *, source: str) -> list[_Page]:
    import pypdfium2 as pdfium

    finder = _TableFinder(data)
    pages: list[_Page] = []
    try:
        for index in range(len(document)):
            try:
                page = document[index]
                left, _bottom, _right, top = page.get_mediabox()
                found = finder.tables(index) if _page_has_rulings(page) else []
                textpage = page.get_textpage()
                lines = _page_lines(textpage, origin=(left, top), tables=[bbox for bbox, _ in found])
            except pdfium.PdfiumError as exc:
                raise CorruptDocument(source, f"page {index + 1}: {exc}") from None
            height = page.get_height()
            lines = [
                line for line in lines
                if not (_PAGE_NUMBER.match(line.text) and (line.top < 0.12 * height or line.bottom > 0.88 * height))
            ]
            result = _Page(right_margin=max((line.right for line in lines), default=0.0))
            blocks = [_Block(line.top, line=line) for line in lines]
            for bbox, rows in found:
                # Insert the table before the first line below its top edge,
                # keeping PDFium's order for the text itself.
                position = next((i for i, b in enumerate(blocks) if b.line is not None and b.top > bbox[1]), len(blocks))
                blocks.insert(position, _Block(bbox[1], rows=rows))
            result.blocks = blocks
            pages.append(result)
    finally:
        finder.close()
    return pages


def _assemble(pages: list[_Page]) -> tuple[TextBuilder, Optional[str]]:
    """Join lines into paragraphs and emit tables, merging tables split by a page break."""
    items: list[Union[str, list[list[str]]]] = []
    paragraph = ""
    prev: Optional[_Line] = None
    prev_margin = 0.0
    last_was_table = False

    def flush() -> None:
        nonlocal paragraph
        if paragraph:
            items.append(paragraph)
            paragraph = ""

    for page in pages:
        same_page = False
        for block in page.blocks:
            if block.rows is not None:
                flush()
                prev = None
                previous = items[-1] if items and last_was_table else None
                if isinstance(previous, list) and len(previous[0]) == len(block.rows[0]):
                    # A table continued on the next page, usually with its
                    # header row repeated.
                    rows = block.rows[1:] if block.rows[0] == previous[0] else block.rows
                    previous.extend(rows)
                else:
                    items.append(block.rows)
                last_was_table = True
                continue
            line = block.line
            assert line is not None
            last_was_table = False
            if prev is not None and not _breaks_between(prev, line, right_margin=prev_margin, same_page=same_page):
                paragraph = join_lines(paragraph, line.text)
            else:
                flush()
                paragraph = line.text
            prev, prev_margin, same_page = line, page.right_margin, True
        # A table that ends a page may continue on the next one.
        last_was_table = last_was_table and not paragraph
    flush()

    builder = TextBuilder()
    first_text: Optional[str] = None
    for item in items:
        if isinstance(item, str):
            builder.add_paragraph(item)
            if first_text is None:
                first_text = item
        else:
            builder.add_table(item)
    return builder, first_text


def _meta_title(document: Any) -> Optional[str]:
    try:
        title = (document.get_metadata_value("Title") or "").strip()
    except Exception:  # noqa: BLE001 - broken Info dictionaries are common
        return None
    if len(title) < 2 or title.lower() in _GENERIC_TITLES:
        return None
    if _FILENAME_TITLE.search(title) or title.lower().startswith("microsoft word"):
        return None
    if not any(ch.isalpha() or _is_cjk(ch) for ch in title):
        return None
    return " ".join(title.split())


def read(data: bytes, *, source: str) -> RawText:
    """Read a PDF's bytes: paragraphs and ruled tables in reading order."""
    if not data.strip():
        raise EmptyInput(source)
    document = _open_document(data, source=source)
    try:
        if len(document) == 0:
            raise CorruptDocument(source, "PDF has no pages")
        pages = _read_pages(document, data, source=source)
        if not any(page.blocks for page in pages):
            raise NoTextLayer(source, f"{len(pages)} page(s), no text")
        builder, first_text = _assemble(pages)
        title = _meta_title(document)
    finally:
        document.close()
    if (
        title is None and first_text is not None and len(first_text) <= _MAX_TITLE
        and not _ends_sentence(first_text) and first_text[-1] not in "，,"
    ):
        title = first_text
    text, tables = builder.build()
    return RawText(text=text, source=source, kind="pdf", title=title, tables=tables)
