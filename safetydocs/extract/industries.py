"""Key industries and fields of safety work named in a text.

The taxonomy and the lexicons live in ``models/common/industries.yaml``; this
module only matches them. Matching runs on the ``canonical()`` view of the text
(simplified characters, ASCII punctuation, same length as the source), so every
span is valid in the original text.

One compiled, prefix-factored regex per language finds lexicon hits; overlapping
hits are resolved longest-first; hits overlapping an ``exclude`` pattern (a
department's name, "ceasefire", a chemical company's name, ...) are dropped.

Parent/child rule: a mention carries the code of the lexicon entry it matched,
nothing else; a child never implies its parent. A parent code is therefore
reported only when a generic parent word occurs on its own: not inside a longer
child term (longest match: 非煤矿山 is not 矿山) and not as the head noun or
summarizing hypernym right after one of its children (煤矿、非煤矿山等矿山,
"waterway passenger transport", 公路水路客运). The gold files agree: seed-003
tags ``transport`` (for "transportation") beside ``road_transport`` and
``waterway_transport`` (for "highway and waterway passenger transport").
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Any, Iterable, Literal, Sequence

from ..model import Industry
from ..resources import load_yaml

Language = Literal["zh", "en"]
Span = tuple[int, int]
Mention = tuple[str, Span]

_DATA = "common/industries.yaml"
_LANGUAGES: tuple[Language, ...] = ("zh", "en")

# Quote characters an entry may carry; in the text any quote style (or none) matches.
_QUOTES = "\"“”'‘’「」『』"
_QUOTE_CLASS = "[\"“”'‘’「」『』]?"
# Spaces and hyphens are one separator in English entries: "high-rise" == "high rise".
_SEPARATORS = " -"
_SEP_PATTERN = r"(?:\s*-\s*|\s+)"
_END = ""  # trie key marking the end of an entry


def _data() -> dict[str, Any]:
    return load_yaml(_DATA)


@lru_cache(maxsize=1)
def taxonomy() -> dict[str, dict[str, Any]]:
    """The codes in schema order, each with ``parent``, ``name_zh`` and ``name_en``."""
    return {
        code: {"parent": entry.get("parent"), "name_zh": entry["name_zh"], "name_en": entry["name_en"]}
        for code, entry in _data()["codes"].items()
    }


def _normalize_entry(term: str, language: Language) -> str:
    """The key an entry is stored under: lower case English, one separator, one quote."""
    term = term.strip()
    if language == "en":
        term = re.sub(r"[\s-]+", " ", term.lower())
    return "".join('"' if ch in _QUOTES else ch for ch in term)


def _lookup_key(text: str, language: Language) -> str:
    """Key for looking a matched text up: quotes are optional in the text, so drop them."""
    return _normalize_entry(text, language).replace('"', "")


@lru_cache(maxsize=2)
def _lookup(language: Language) -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for key, codes in lexicon(language=language).items():
        merged = table.setdefault(_lookup_key(key, language), [])
        merged.extend(c for c in codes if c not in merged)
    return {key: tuple(codes) for key, codes in table.items()}


@lru_cache(maxsize=2)
def lexicon(*, language: Language) -> dict[str, tuple[str, ...]]:
    """Normalized entry -> the code(s) it stands for, in taxonomy order."""
    table: dict[str, list[str]] = {}
    for code, entry in _data()["codes"].items():
        for term in entry.get(language) or ():
            key = _normalize_entry(str(term), language)
            codes = table.setdefault(key, [])
            if code not in codes:
                codes.append(code)
    return {key: tuple(codes) for key, codes in table.items()}


def _trie(terms: Iterable[str]) -> dict[str, Any]:
    root: dict[str, Any] = {}
    for term in terms:
        # A leading quote is optional anyway; dropping it lets every entry start with
        # a real character, which the first-character dispatch below relies on.
        term = term.lstrip('"')
        if not term:
            continue
        node = root
        for ch in term:
            node = node.setdefault(ch, {})
        node[_END] = True
    return root


def _emit(node: dict[str, Any], language: Language) -> str:
    """Regex for the entries below ``node``: a prefix-factored alternation.

    Plain ``a|ab|abc`` alternations are tried one by one at each position; a trie
    shares prefixes. Optional tails are greedy, so the longest entry is tried first.
    """
    branches = []
    for ch in sorted(k for k in node if k != _END):
        if ch == '"':
            head = _QUOTE_CLASS
        elif language == "en" and ch == " ":
            head = _SEP_PATTERN
        else:
            head = re.escape(ch)
        branches.append(head + _emit(node[ch], language))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return "(?:" + body + ")?" if _END in node else body


def _dispatch(items: list[tuple[str, str]]) -> str:
    """Branch on the already-consumed first character by bisection of lookbehind sets.

    The regex engine tries alternatives one after another; with hundreds of first
    characters (Chinese) that linear scan dominated. Halving by a one-character
    lookbehind class costs O(log n) cheap set tests instead.
    """
    if len(items) <= 6:
        return "|".join(f"(?<={re.escape(ch)}){tail}" for ch, tail in items)
    half = len(items) // 2
    left, right = items[:half], items[half:]
    chars = "".join(re.escape(ch) for ch, _ in left)
    return f"(?:(?<=[{chars}])(?:{_dispatch(left)})|(?:{_dispatch(right)}))"


def _trie_regex(terms: Iterable[str], *, language: Language) -> str:
    """The whole lexicon as one regex whose first element is a character class.

    Starting with a plain class lets the regex engine skip, in C, every position
    whose character cannot start an entry (for English: every position that is not
    a non-word character preceding a word, see ``_matcher``).
    """
    root = _trie(terms)
    items = [(ch, _emit(root[ch], language)) for ch in sorted(k for k in root if k != _END)]
    first = "".join(re.escape(ch) for ch, _ in items)
    return f"[{first}](?:{_dispatch(items)})"


@lru_cache(maxsize=2)
def _matcher(language: Language) -> re.Pattern[str]:
    pattern = _trie_regex(lexicon(language=language), language=language)
    if language == "en":
        # Matched on lower-cased text padded with one space: the leading [^\w] is the
        # left word boundary (and what the engine skips to), (?!\w) the right one, so
        # "fire" never matches in "ceasefire"/"fired", "mine" never in "determine".
        return re.compile(rf"[^\w]({pattern})(?!\w)")
    return re.compile(f"({pattern})")


def _prepare(canon: str, language: Language) -> tuple[str, int]:
    """The string the matcher runs on and the offset of ``canon[0]`` in it."""
    if language == "zh":
        return canon, 0
    lowered = canon.lower()
    if len(lowered) != len(canon):  # e.g. "İ" lower-cases to two characters
        lowered = "".join(low if len(low := ch.lower()) == 1 else ch for ch in canon)
    return " " + lowered, 1


def _candidates(canon: str, language: Language) -> list[tuple[int, int]]:
    """Every (start, end) of the longest entry at each start position that matches.

    ``finditer`` finds leftmost-longest hits and skips what they cover; positions
    inside a hit are probed with ``match`` so that a longer entry starting there
    can still win the overlap.
    """
    matcher = _matcher(language)
    text, shift = _prepare(canon, language)
    found: list[tuple[int, int]] = []
    for hit in matcher.finditer(text):
        start, end = hit.span(1)
        found.append((start - shift, end - shift))
        for pos in range(start + 1, end):
            # English hits need the character before them, so probe from pos - 1.
            inner = matcher.match(text, pos - shift)
            if inner is not None:
                found.append((inner.start(1) - shift, inner.end(1) - shift))
    return found


def _resolve_overlaps(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest first, then leftmost; a span overlapping an accepted one is dropped.

    Spans are first cut into clusters of mutually overlapping ones (almost all
    clusters are a single span), so the longest-first choice stays local and cheap.
    """
    ordered = sorted(set(spans))
    accepted: list[tuple[int, int]] = []
    i = 0
    while i < len(ordered):
        j, reach = i + 1, ordered[i][1]
        while j < len(ordered) and ordered[j][0] < reach:
            reach = max(reach, ordered[j][1])
            j += 1
        if j == i + 1:
            accepted.append(ordered[i])
        else:
            chosen: list[tuple[int, int]] = []
            for start, end in sorted(ordered[i:j], key=lambda s: (s[0] - s[1], s[0])):
                if all(end <= c_start or c_end <= start for c_start, c_end in chosen):
                    chosen.append((start, end))
            accepted.extend(sorted(chosen))
        i = j
    return accepted


# How far an exclusion pattern may reach beyond the hit (or anchor) it is searched
# around: longest body names, enumerations of departments.
_EXCLUDE_REACH = 200


@lru_cache(maxsize=2)
def _excluders(language: Language) -> tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]:
    """(pattern, anchors) per exclusion entry.

    Patterns run one by one, not as one alternation: each keeps the regex engine's
    literal-prefix skip, which an alternation of them loses. An entry with
    ``anchors`` (lower-case literals) runs only in windows around their occurrences.
    """
    out = []
    for raw in (_data().get("exclude") or {}).get(language) or ():
        if isinstance(raw, dict):
            out.append((re.compile(str(raw["pattern"])), tuple(str(a).lower() for a in raw.get("anchors") or ())))
        else:
            out.append((re.compile(str(raw)), ()))
    return tuple(out)


def _merge(windows: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for lo, hi in sorted(windows):
        if merged and lo <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    return [(lo, hi) for lo, hi in merged]


def _anchor_windows(lowered: str, anchors: tuple[str, ...], size: int) -> list[tuple[int, int]]:
    windows = []
    for anchor in anchors:
        pos = lowered.find(anchor)
        while pos >= 0:
            windows.append((max(0, pos - _EXCLUDE_REACH), min(size, pos + len(anchor) + _EXCLUDE_REACH)))
            pos = lowered.find(anchor, pos + 1)
    return _merge(windows)


def _blocked(canon: str, spans: Sequence[tuple[int, int]], language: Language) -> list[tuple[int, int]]:
    """Exclusion matches near the given hits, sorted."""
    excluders = _excluders(language)
    if not excluders or not spans:
        return []
    size = len(canon)
    near_hits = _merge((max(0, a - _EXCLUDE_REACH), min(size, b + _EXCLUDE_REACH)) for a, b in spans)
    lowered = canon.lower() if any(anchors for _, anchors in excluders) else canon
    if len(lowered) != size:  # anchors only; a rare length change just means no anchored windows
        lowered = ""
    blocked: set[tuple[int, int]] = set()
    for pattern, anchors in excluders:
        windows = _anchor_windows(lowered, anchors, size) if anchors else near_hits
        for lo, hi in windows:
            # pos/endpos keep the look-behind and \b context of the whole string.
            blocked.update(m.span() for m in pattern.finditer(canon, lo, hi) if m.end() > m.start())
    return sorted(blocked)


def _overlaps_any(span: tuple[int, int], blocked: Sequence[tuple[int, int]], starts: Sequence[int]) -> bool:
    start, end = span
    # Blocked spans can nest or overlap each other, so look at every one starting before `end`.
    i = bisect.bisect_left(starts, end)
    for j in range(i - 1, -1, -1):
        b_start, b_end = blocked[j]
        if b_end > start:
            return True
        if start - b_start > 4 * _EXCLUDE_REACH:  # blocked spans are short; stop scanning far back
            break
    return False


_GAP_STRIP = re.compile(r"[\s\W_]+")


def _drop_head_hypernyms(canon: str, mentions: list[Mention], language: Language) -> list[Mention]:
    """Drop a parent mention that directly follows one of its children (see module doc)."""
    cfg = _data().get("hypernym") or {}
    max_gap = int(cfg.get("max_gap", 8))
    connectors = {_GAP_STRIP.sub("", str(c)).lower() for c in (cfg.get(language) or [""])}
    parents = {code: info["parent"] for code, info in taxonomy().items()}
    kept: list[Mention] = []
    previous: list[Mention] = []  # mentions ending at the last seen end offset
    for code, (start, end) in mentions:
        drop = False
        for prev_code, (_, prev_end) in previous:
            if parents.get(prev_code) == code and 0 <= start - prev_end <= max_gap:
                gap = _GAP_STRIP.sub("", canon[prev_end:start]).lower()
                drop = gap in connectors
                if drop:
                    break
        if not drop:
            kept.append((code, (start, end)))
        if previous and previous[0][1][1] == end and previous[0][1][0] == start:
            previous.append((code, (start, end)))
        else:
            previous = [(code, (start, end))]
    return kept


def find_industry_mentions(canon: str, *, language: Language) -> list[tuple[str, tuple[int, int]]]:
    """(code, span) for every lexicon hit in ``canon`` (the canonical() text), in text order.

    Longest match wins on overlap; English is matched case-insensitively on word
    boundaries; hits overlapping an ``exclude`` pattern are dropped; a parent word
    that is only the head/hypernym of a child just before it is dropped. An entry
    shared by two codes (化工园区) gives one mention per code with the same span.
    """
    if language not in _LANGUAGES:
        raise ValueError(f"unsupported language {language!r}")
    if not canon:
        return []
    table = _lookup(language)
    hits = _resolve_overlaps(_candidates(canon, language))
    blocked = _blocked(canon, hits, language)
    blocked_starts = [b[0] for b in blocked]
    mentions: list[Mention] = []
    for start, end in hits:
        if blocked and _overlaps_any((start, end), blocked, blocked_starts):
            continue
        codes = table.get(_lookup_key(canon[start:end], language))
        if codes is None:  # cannot happen for a regex built from the same table; be safe
            continue
        mentions.extend((code, (start, end)) for code in codes)
    return sorted(_drop_head_hypernyms(canon, mentions, language), key=lambda m: m[1])


def tag_spans(mentions: Sequence[tuple[str, tuple[int, int]]], *, span: tuple[int, int]) -> list[str]:
    """Codes of the mentions lying wholly inside ``span``, by first mention, without repeats.

    ``mentions`` sorted by span (as :func:`find_industry_mentions` returns them): only the mentions from the
    span's start on are looked at, so tagging every task of a long plan stays linear."""
    import bisect

    lo, hi = span
    seen: dict[str, None] = {}
    for code, (start, end) in mentions[bisect.bisect_left(mentions, lo, key=lambda m: m[1][0]):]:
        if start > hi:
            break
        if end <= hi:
            seen.setdefault(code, None)
    return list(seen)



def summarize(mentions: Sequence[tuple[str, tuple[int, int]]]) -> list[Industry]:
    """One Industry per code mentioned, with count and spans, in taxonomy order."""
    spans: dict[str, list[Span]] = {}
    for code, span in mentions:
        spans.setdefault(code, []).append(span)
    out = []
    for code, info in taxonomy().items():
        if code in spans:
            found = sorted(set(spans[code]))
            out.append(
                Industry(code=code, name_zh=info["name_zh"], name_en=info["name_en"], count=len(found), spans=found)
            )
    return out
