"""Headings, sections, paragraphs, sentences and clauses, with spans.

All functions read the canonical text (see :mod:`.normalize`) and return
offsets that are valid in the source text.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

Span = tuple[int, int]

# Numbering styles, by kind. The level of a style is decided per document by
# the order in which styles first appear (a stack), as a reader does: some
# notices start at （一）, others at 一、 or at 1.
_HAN_NUM = "一二三四五六七八九十百零〇"
_STYLES_ZH: list[tuple[str, str]] = [
    ("chapter", rf"第[{_HAN_NUM}\d]+[章部分编]\s*"),
    ("article", rf"第[{_HAN_NUM}\d]+条\s*"),
    ("han", rf"[{_HAN_NUM}]+\s*[、.]\s*"),
    ("paren_han", rf"\([{_HAN_NUM}]+\)\s*"),
    # 1.5 is a number, 1.2024年底前… an item that opens with its date
    ("arabic", r"\d{1,3}\s*(?:[、]|\.(?!\d)|\.(?=(?:19|20)\d\d年))\s*"),
    ("paren_arabic", r"\(\d{1,3}\)\s*"),
    ("circled", r"[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]\s*"),
]
_STYLES_EN: list[tuple[str, str]] = [
    ("chapter", r"(?:Chapter|Part|Section)\s+[IVXLC\d]+[.:]?\s+"),
    ("article", r"Article\s+\d+[.:]?\s+"),
    ("roman", r"(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)\.\s+"),
    # (I), (II): how English translations of Chinese documents number the items written （一）, （二）
    ("paren_roman", r"\((?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)\)\s+"),
    ("arabic", r"\d{1,3}\.(?!\d)\s*"),
    ("paren_alpha", r"\([a-z]\)\s+"),
    ("alpha", r"[a-h]\)\s+"),
    ("paren_arabic", r"\(\d{1,3}\)\s*"),
]


@lru_cache(maxsize=2)
def _style_regex(language: str) -> list[tuple[str, re.Pattern[str]]]:
    styles = _STYLES_ZH if language == "zh" else _STYLES_EN
    return [(name, re.compile(r"[ \t]*(" + pattern + r")")) for name, pattern in styles]


def item_marker_end(text: str, start: int, *, language: str) -> int:
    """Where the text after an item's number begins (（一）, 1., ①…), or ``start`` when none stands there."""
    for _, pattern in _style_regex(language):
        match = pattern.match(text, start)
        if match:
            return match.end()
    return start


@dataclass
class Heading:
    style: str
    number: str  # the numbering as written, e.g. "（二）"
    line: Span  # the whole line
    body_start: int  # first character after the numbering
    level: int = 0
    path: str = ""
    end: int = 0  # end of the section this heading opens
    children: int = 0


@dataclass
class Layout:
    headings: list[Heading] = field(default_factory=list)
    lines: list[Span] = field(default_factory=list)
    notes: list = field(default_factory=list)  # responsibility notes (structure.notes.Note)


def lines(canon: str) -> list[Span]:
    """Non-empty lines, as spans without the newline."""
    spans = []
    start = 0
    for match in re.finditer(r"\n", canon):
        if canon[start:match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if canon[start:].strip():
        spans.append((start, len(canon)))
    return spans


def find_headings(text: str, canon: str, *, language: str) -> Layout:
    """Numbered headings and items, each with its level and section extent."""
    layout = Layout(lines=lines(canon))
    regexes = _style_regex(language)
    for start, end in layout.lines:
        line = canon[start:end]
        if "\t" in line:  # a table row, numbered or not, is not a heading
            continue
        for style, regex in regexes:
            match = regex.match(line)
            if not match or match.end() >= len(line.rstrip()):
                continue
            if style == "roman" and language == "en" and not line[match.end():match.end() + 1].isupper():
                continue
            number_span = (start + match.start(1), start + match.end(1))
            layout.headings.append(
                Heading(style=style, number=text[number_span[0]:number_span[1]].strip(),
                        line=(start, end), body_start=start + match.end())
            )
            break
    _add_group_titles(canon, layout, language=language)
    _assign_levels(layout.headings, text_length=len(canon), ranks=_RANK_ZH if language == "zh" else None)
    return layout


# The first number of a list: 1. （一） 一、 ① (1)
_FIRST_NUMBERS = {"1", "(1)", "一", "(一)", "①"}


def _add_group_titles(canon: str, layout: Layout, *, language: str) -> None:
    """Unnumbered lines that title a group of items and name who is responsible for them, as an inspection's
    problem list does per site: 胖东来时代广场（责任单位：魏都区，市消防支队） then 1.… 2.…. Each is a heading over
    the items that follow it, so that its note speaks for them and no item above runs on into it."""
    from .notes import closing_note

    starts = {h.line[0]: h for h in layout.headings}
    titles = []
    for index, (start, end) in enumerate(layout.lines):
        if start in starts or "\t" in canon[start:end] or index + 1 >= len(layout.lines):
            continue
        following = starts.get(layout.lines[index + 1][0])
        if following is None or "".join(following.number.split()).rstrip(".、") not in _FIRST_NUMBERS:
            continue
        if len(canon[start:end].strip()) <= 80 and closing_note(canon[start:end], language=language):
            titles.append(Heading(style="group", number="", line=(start, end), body_start=start))
    if titles:
        layout.headings = sorted(layout.headings + titles, key=lambda h: h.line[0])


# The order of the levels of a PRC official document (GB/T 9704-2012 党政机关公文格式, 结构层次序数:
# 一、 then （一） then 1. then （1）), under its chapters and articles.
_RANK_ZH = {style: rank for rank, (style, _) in enumerate(_STYLES_ZH)}


def _assign_levels(headings: list[Heading], *, text_length: int, ranks: Optional[dict[str, int]] = None) -> None:
    """Levels as a reader assigns them: the first style seen is the top, each new style a level below, a style seen
    before returns to its level. With ``ranks`` (the order of the official levels), a style that ranks above the
    styles open so far closes them: an excerpt that opens at （四） and goes on at 三、 puts 三、 on top."""
    stack: list[str] = []
    path_numbers: list[str] = []
    for heading in headings:
        if heading.style in stack:
            depth = stack.index(heading.style)
            del stack[depth + 1:]
            del path_numbers[depth:]
        else:
            if ranks is not None and heading.style in ranks:
                depth = len(stack)
                while depth > 0 and ranks.get(stack[depth - 1], -1) > ranks[heading.style]:
                    depth -= 1
                del stack[depth:]
                del path_numbers[depth:]
            stack.append(heading.style)
        heading.level = len(stack)
        path_numbers.append(heading.number)
        heading.path = "".join(path_numbers)
    # A section runs to the next heading of the same or a higher level.
    for index, heading in enumerate(headings):
        heading.end = text_length
        for later in headings[index + 1:]:
            if later.level <= heading.level:
                heading.end = later.line[0]
                break
            if later.level == heading.level + 1:
                heading.children += 1


_ZH_SENTENCE_END = re.compile(r"[。!?！？]+[”’\"')）]*|\n")
_ZH_CLAUSE_END = re.compile(r"[;；]")
_EN_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\bNo)(?<!\be\.g)(?<!\bi\.e)(?<!\bMr)(?<!\bDr)(?<!\bSt)[.!?]+[\"'”’)]*(?=\s+[\"“'(]?[A-Z0-9])|[.!?]+[\"'”’)]*$|\n", re.MULTILINE)


# A line that ends a sentence, a clause or a label: the break after it is the writer's, whatever its length.
_LINE_CLOSED = re.compile(r"[。!?！？;；:：”’\"')）\]】]\s*$")


# Cached for the document being parsed (its sentences are asked for many times), not kept for a batch's others.
@lru_cache(maxsize=2)
def soft_breaks(canon: str, *, language: str) -> frozenset[int]:
    """The line breaks that only wrap a paragraph at the width of a page (text taken from a PDF or a fixed-width
    page, 每行约28字): positions of those newlines. Layout repair: a sentence runs on over them.

    A text is wrapped when many of its lines share one length (give or take the width of a punctuation mark); a
    break is a wrap when its line reaches that width, ends in no sentence, clause or label punctuation, and the
    next line opens no numbered item and no table row (in English: the next line goes on in lower case)."""
    spans = lines(canon)
    lengths = [len(canon[a:b].strip()) for a, b in spans]
    long = sorted(n for n in lengths if n >= 15)
    if len(long) < 5:
        return frozenset()
    if language == "zh":
        # Chinese wraps at a character count: the lines of a paragraph share it, give or take a punctuation mark.
        width, slack, share = Counter(long).most_common(1)[0][0], 3, 0.3
    else:
        # English wraps before a word that does not fit: full lines fall short of the width by up to a long word.
        width, slack, share = long[int(0.9 * (len(long) - 1))], 12, 0.5
    at_width = sum(1 for n in long if width - slack <= n <= width + 1)
    if at_width < max(5, share * len(long)):
        return frozenset()
    regexes = _style_regex(language)
    out = set()
    for (start, end), (next_start, next_end), length in zip(spans, spans[1:], lengths):
        if length < width - slack or _LINE_CLOSED.search(canon, start, end) or "\t" in canon[start:end]:
            continue
        if canon.count("\n", end, next_start) != 1:
            continue  # a blank line between: a new paragraph
        following = canon[next_start:next_end]
        if any(regex.match(following) for _, regex in regexes) or following.lstrip().startswith(("|", "\t")):
            continue
        if language == "en" and not following.lstrip()[:1].islower():
            continue
        out.add(end)
    return frozenset(out)


def sentences(canon: str, span: Span, *, language: str) -> list[Span]:
    """Sentences inside ``span``, trimmed of surrounding whitespace. A line break ends a sentence unless it only
    wraps a paragraph (:func:`soft_breaks`)."""
    regex = _ZH_SENTENCE_END if language == "zh" else _EN_SENTENCE_END
    start, end = span
    out: list[Span] = []
    cursor = start
    wraps = soft_breaks(canon, language=language) if "\n" in canon[start:end] else frozenset()
    for match in regex.finditer(canon, start, end):
        if match.group() == "\n" and match.start() in wraps:
            continue
        piece_end = match.end() if match.group() != "\n" else match.start()
        _append_trimmed(canon, cursor, piece_end, out)
        cursor = match.end()
    _append_trimmed(canon, cursor, end, out)
    return _attach_parentheticals(canon, out)


def _attach_parentheticals(canon: str, spans: list[Span]) -> list[Span]:
    """"…管理。（市应急管理局牵头，2024年6月底前完成）": a trailing note belongs to its sentence."""
    merged: list[Span] = []
    for span in spans:
        if merged and canon[span[0]] == "(" and "\n" not in canon[merged[-1][1]:span[0]]:
            merged[-1] = (merged[-1][0], span[1])
        else:
            merged.append(span)
    return merged


def clauses(canon: str, span: Span) -> list[Span]:
    """Clauses of a sentence split at semicolons (both widths), not inside brackets."""
    start, end = span
    out: list[Span] = []
    cursor = start
    depth = 0
    for index in range(start, end):
        char = canon[index]
        if char in "(（[【":
            depth += 1
        elif char in ")）]】":
            depth = max(0, depth - 1)
        elif char in ";；" and depth == 0:
            _append_trimmed(canon, cursor, index + 1, out)
            cursor = index + 1
    _append_trimmed(canon, cursor, end, out)
    return out


def _append_trimmed(canon: str, start: int, end: int, out: list[Span]) -> None:
    while start < end and canon[start].isspace():
        start += 1
    while end > start and canon[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))
