"""HTML pages (typically a notice on a government website).

Steps, and why:

1. Decode: BOM, then the page's own ``<meta charset>`` / http-equiv charset,
   then the same fixed order as plain text (:func:`.text.decode_bytes`).
   Many Chinese government sites still serve GB2312/GBK pages; GB2312 is read
   as GB18030, its superset, because such pages routinely contain GBK-only
   characters.
2. Drop boilerplate: script/style/nav/header/footer/... elements, hidden
   elements, and elements whose id/class names navigation, sharing, comments
   and the like. An element holding most of the page's text is never dropped,
   whatever its class says (``<div class="main-with-sidebar">``).
3. Choose the article body: an ``<article>`` or a container named like the
   content areas of common CMSs (TRS_Editor, zoom, content, article) if it
   holds a good share of the text; else the smallest block holding most of
   the non-link text. Text is measured in characters, never in words, so
   Chinese counts like English.
4. Render paragraphs and ``<br>`` as lines, tables as TextBuilder tables
   (a rowspan or colspan cell written once at its top-left position and recorded as a merge, the
   positions it covers left empty, so columns stay aligned).
   One-column or nested "layout" tables are rendered as text instead.
"""
from __future__ import annotations

import re
from typing import Any, Optional

from ..errors import EmptyInput
from .base import Merge, RawText, TextBuilder
from .text import decode_bytes

_DROP_TAGS = (
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe",
    "template", "svg", "canvas", "object", "embed", "button", "select", "textarea", "input",
)
# Boilerplate names seen in id/class attributes (format knowledge, matched
# as substrings: "bdsharebuttonbox", "breadcrumbs", "top-nav" all hit).
_BOILERPLATE = re.compile(
    r"nav|menu|breadcrumb|crumb|footer|share|comment|sidebar|side-bar|toolbar|pager|pagination|"
    r"related|advert|banner|copyright|login|search|skip",
    re.IGNORECASE,
)
# Containers of the article body on common sites and CMSs (TRS is the CMS
# behind many Chinese government sites: TRS_Editor, UCAP-CONTENT; "zoom" is
# the font-size-zoomable body of gov.cn pages).
_CONTENT_HINT = re.compile(r"trs_editor|ucap-content|zoom|article|content|main-?text|post-body|entry", re.IGNORECASE)
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
    "dl", "dt", "dd", "blockquote", "pre", "center", "address", "figure", "figcaption", "hr", "body",
    "tr", "table", "caption",
}
_CANDIDATE_TAGS = {"div", "section", "article", "main", "td", "body", "center"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_TITLE_SEPARATORS = re.compile(r"\s+[-|—–_]\s+|[_|]|--|——")
_MAX_TITLE = 100
_CJK_GAP = re.compile(r"(?<=[\u2e80-\uffff])\s*\n\s*(?=[\u2e80-\uffff])")


def _declared_charset(data: bytes) -> Optional[str]:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    # GB2312/GBK pages contain GBK-only characters; GB18030 is the superset.
    if name in ("gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936"):
        return "gb18030"
    if name == "big5":
        return "big5hkscs"
    return name


def _visible_length(text: str) -> int:
    return len("".join(text.split()))


def _text_lengths(root: Any) -> tuple[dict[int, int], dict[int, int]]:
    """Characters of text under every element of ``root`` (itself included), and of text inside links.

    Linear in the size of the tree, however deep it is: each text counts once towards its own element,
    then every element hands its sums to its parent, children before parents (reverse document order).
    """
    from bs4 import NavigableString, Tag
    from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

    total: dict[int, int] = {id(root): 0}
    elements = [root]
    for node in root.descendants:
        if isinstance(node, Tag):
            total[id(node)] = 0
            elements.append(node)
        elif isinstance(node, NavigableString) and not isinstance(
            node, (Comment, Declaration, Doctype, ProcessingInstruction)
        ):
            total[id(node.parent)] = total.get(id(node.parent), 0) + _visible_length(str(node))
    linked: dict[int, int] = {}
    for element in reversed(elements):
        key = id(element)
        if element.name == "a":
            linked[key] = total[key]  # all text inside a link is linked text
        if element is root or element.parent is None:
            continue
        parent = id(element.parent)
        total[parent] = total.get(parent, 0) + total[key]
        if linked.get(key):
            linked[parent] = linked.get(parent, 0) + linked[key]
    return total, linked


def _depths(root: Any) -> dict[int, int]:
    """Depth below ``root`` of every element, in one pass (parents come before children)."""
    from bs4 import Tag

    depth = {id(root): 0}
    for node in root.descendants:
        if isinstance(node, Tag):
            depth[id(node)] = depth.get(id(node.parent), 0) + 1
    return depth


def _attr_names(tag: Any) -> str:
    classes = tag.get("class") or []
    if isinstance(classes, str):
        classes = [classes]
    return " ".join([tag.get("id") or "", *classes])


def _is_hidden(tag: Any) -> bool:
    style = (tag.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style or tag.has_attr("hidden")


def _drop_boilerplate(soup: Any) -> None:
    from bs4 import Comment

    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    body = soup.body or soup
    total, _ = _text_lengths(body)
    page_text = total.get(id(body), 0)
    doomed = []
    for tag in body.find_all(True):
        if tag.name in ("html", "body", "main", "article"):
            continue
        if _is_hidden(tag) or _BOILERPLATE.search(_attr_names(tag)):
            # Never drop a wrapper that holds most of the page.
            if total.get(id(tag), 0) <= 0.5 * page_text:
                doomed.append(tag)
    for tag in doomed:
        if not getattr(tag, "decomposed", False):
            tag.decompose()


def _choose_body(soup: Any) -> Any:
    body = soup.body or soup
    total, linked = _text_lengths(body)

    def own(tag: Any) -> int:
        return total.get(id(tag), 0) - linked.get(id(tag), 0)

    page_text = own(body)
    if page_text == 0:
        return body

    depths = _depths(body)

    def depth(tag: Any) -> int:
        return depths.get(id(tag), 0)

    def link_density(tag: Any) -> float:
        return linked.get(id(tag), 0) / max(total.get(id(tag), 0), 1)

    named = [
        tag for tag in body.find_all(True)
        if (tag.name == "article" or _CONTENT_HINT.search(_attr_names(tag)))
        and own(tag) >= 0.4 * page_text and link_density(tag) < 0.5
    ]
    if named:
        # The most specific (deepest) container that still holds the text.
        return max(named, key=lambda tag: (depth(tag), own(tag)))
    generic = [
        tag for tag in body.find_all(_CANDIDATE_TAGS)
        if own(tag) >= 0.8 * page_text and link_density(tag) < 0.5
    ]
    if generic:
        return max(generic, key=depth)
    return body


class _Renderer:
    """Walks the chosen element, writing lines and tables into a TextBuilder."""

    def __init__(self) -> None:
        self.builder = TextBuilder()
        self._line: list[str] = []

    def flush(self) -> None:
        text = "".join(self._line)
        self._line = []
        text = _CJK_GAP.sub("", text)  # source line breaks inside Chinese text
        for line in text.split("\n"):
            line = " ".join(line.split())
            if line:
                self.builder.add_paragraph(line)

    def walk(self, node: Any) -> None:
        from bs4 import NavigableString
        from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

        for child in node.children:
            if isinstance(child, NavigableString):
                if isinstance(child, (Comment, Declaration, Doctype, ProcessingInstruction)):
                    continue
                self._line.append(str(child))
                continue
            name = child.name
            if name == "br":
                self.flush()
            elif name == "table":
                grid = _table_rows(child)
                if grid is None:
                    self.flush()
                    self.walk(child)
                    self.flush()
                else:
                    self.flush()
                    self.builder.add_table(grid[0], merges=grid[1])
            elif name in ("td", "th"):
                self.flush()
                self.walk(child)
                self.flush()
            elif name in _BLOCK_TAGS:
                self.flush()
                self.walk(child)
                self.flush()
            else:
                self.walk(child)


def _cell_text(cell: Any) -> str:
    text = cell.get_text("\n")
    text = _CJK_GAP.sub("", text)
    return " ".join(text.split())


def _span(cell: Any, attr: str) -> int:
    try:
        return max(1, min(int(str(cell.get(attr, "1")).strip() or 1), 100))
    except ValueError:
        return 1


def _table_rows(table: Any) -> Optional[tuple[list[list[str]], list[Merge]]]:
    """A data table's rows on a grid and its merged cells, or None for a layout table."""
    own_rows = [row for row in table.find_all("tr") if row.find_parent("table") is table]
    if not own_rows:
        return None
    grid: list[list[Optional[str]]] = []
    merges: list[Merge] = []
    pending: dict[tuple[int, int], bool] = {}  # (row, col) covered by a rowspan above
    for r, row in enumerate(own_rows):
        cells = [c for c in row.find_all(("td", "th")) if c.find_parent("tr") is row]
        out: list[Optional[str]] = []
        col = 0
        for cell in cells:
            if cell.find("table") is not None:
                return None  # nested tables: page layout, not data
            while pending.pop((r, col), False):
                out.append("")
                col += 1
            colspan, rowspan = _span(cell, "colspan"), _span(cell, "rowspan")
            # A rowspan past the last row is cut there, as browsers do.
            rowspan = min(rowspan, len(own_rows) - r)
            out.append(_cell_text(cell))
            out.extend("" for _ in range(colspan - 1))
            if rowspan * colspan > 1:
                merges.append((r, col, rowspan, colspan))
            for extra in range(1, rowspan):
                for c in range(col, col + colspan):
                    pending[(r + extra, c)] = True
            col += colspan
        while pending.pop((r, col), False):
            out.append("")
            col += 1
        grid.append(out)
    width = max(len(row) for row in grid)
    if width < 2:
        return None  # one column: a layout box around text
    rows = [[cell or "" for cell in row] + [""] * (width - len(row)) for row in grid]
    return rows, [(top, left, rows_, min(cols, width - left)) for top, left, rows_, cols in merges]


def _page_title(soup: Any, body: Any) -> Optional[str]:
    for heading in (body.find("h1"), (soup.body or soup).find("h1")):
        if heading is not None:
            text = " ".join(heading.get_text(" ").split())
            if 2 <= len(text) <= _MAX_TITLE:
                return text
    if soup.title is not None:
        text = " ".join(soup.title.get_text(" ").split())
        # "Notice title_Site name": keep the longest piece.
        pieces = [p.strip() for p in _TITLE_SEPARATORS.split(text) if p.strip()]
        if pieces:
            best = max(pieces, key=len)
            if len(best) <= _MAX_TITLE:
                return best
    return None


def read(data: bytes, *, source: str) -> RawText:
    """Read an HTML page's bytes: the article body's text and tables."""
    from bs4 import BeautifulSoup

    if not data.strip():
        raise EmptyInput(source)
    text, encoding = decode_bytes(data, source=source, declared=_declared_charset(data))
    soup = BeautifulSoup(text, "lxml")
    title_before = _page_title(soup, soup.body or soup)  # <header> may hold the h1
    _drop_boilerplate(soup)
    body = _choose_body(soup)
    title = _page_title(soup, body) or title_before

    renderer = _Renderer()
    if title and title not in body.get_text(""):
        # The headline often sits outside the body container: keep it as
        # the first line, as the other readers do.
        renderer.builder.add_paragraph(title)
    renderer.walk(body)
    renderer.flush()
    out, tables = renderer.builder.build()
    if not out.strip():
        raise EmptyInput(source, "no text in the page body")
    return RawText(text=out, source=source, kind="html", title=title, tables=tables, encoding=encoding)
