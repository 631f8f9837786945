"""Which bodies a text gives work to, and which it only mentions in passing.

The department list of a document is the bodies that lead or support a task,
are addressed, issue or organise, or act in the text. A body named only as a
delegator (受县安委会委托), a place (在县应急管理局召开), a recipient of reports
or copies (报市政府, 抄送市公安局), a source of cited documents (《…》, "the
spirit of the …"), in a person's title (县应急管理局局长, "Secretary of the
Provincial Party Committee"), at a meeting it attended or reported to, as the
author of a title (X关于…的通知), as the owner of a collective
(市安委会有关成员单位), as the object of an inspection or a visit, or in a web
page's metadata, is kept apart (``Document.other_bodies``) for the reviewer.
The contexts are data: ``models/<lang>/involvement.yaml``. The trained selector
(:mod:`.involvement_model`) weighs what these rules leave over.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..resources import load_yaml
from .departments import Mention, group_lists


@dataclass(frozen=True)
class _Rules:
    before: re.Pattern[str]
    after: re.Pattern[str] | None
    metadata: re.Pattern[str]
    quotes: tuple[str, ...]
    interviewed: re.Pattern[str] | None


@lru_cache(maxsize=2)
def _rules(language: str) -> _Rules:
    data = load_yaml(f"{language}/involvement.yaml")
    words = sorted(data["passing_before"], key=len, reverse=True)
    if language == "zh":
        before = re.compile("(?:" + "|".join(re.escape(w) for w in words) + r")\s*$")
    else:
        before = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\s+$", re.IGNORECASE)
    after = re.compile("|".join(f"(?:{p})" for p in data["passing_after"])) if data["passing_after"] else None
    labels = "|".join(re.escape(w) for w in data["metadata_labels"])
    metadata = re.compile(rf"(?:^|\s)(?:{labels})\s*:")
    interviewed = data.get("interviewed_after") or []
    return _Rules(before=before, after=after, metadata=metadata, quotes=tuple(data["title_quotes"]),
                  interviewed=re.compile("|".join(f"(?:{p})" for p in interviewed)) if interviewed else None)


# How far back a title quote or a metadata label can stand from the body it concerns: a cited title or
# a metadata field is short. Bounded, so that a page-long line costs linear time, not quadratic.
_WINDOW = 300


def _inside_quotes(canon: str, start: int, pairs: tuple[str, ...]) -> bool:
    line_start = max(canon.rfind("\n", max(0, start - _WINDOW), start) + 1, start - _WINDOW)
    prefix = canon[line_start:start]
    for pair in pairs:
        opening, closing = pair[0], pair[1]
        if opening == closing:
            if prefix.count(opening) % 2 == 1:
                return True
        elif prefix.rfind(opening) > prefix.rfind(closing):
            return True
    return False


def _signs(canon: str, line_start: int, start: int, end: int, language: str) -> bool:
    """The bodies sign the document: alone on their line, the next line a date (the issuer's signature,
    which gives the issuer no work: corpus/gold/CONVENTIONS.md). A page that runs the whole notice on one line
    keeps the signature's shape in blanks: "…认真抓好贯彻落实。 桐乡市安全生产委员会 2023年4月11日 …"."""
    from .deadlines import dates_a_line, full_date_at

    before = canon[line_start:start]
    if before.strip() and before.endswith((" ", "\u3000")) and before.rstrip(" \u3000").endswith(("。", ".")) \
            and canon[end:end + 1] in (" ", "\u3000"):
        return full_date_at(canon, end, language=language) is not None
    line_end = canon.find("\n", end)
    if line_end < 0 or before.strip() or canon[end:line_end].strip(" \t\u3000,，、"):
        return False
    return dates_a_line(canon, line_end + 1, language=language)


# The list goes on with names no rule read (省委、省政府、市委、市政府和党工委、管委会决策部署): the words after it speak
# for the whole list.
_ZH_LIST_TAIL = re.compile(r"(?:[、和及与][\u4e00-\u9fff]{1,6}?(?=[、和及与]|决策|部署|要求|安排|工作要求|的|关于|《))+")


def _after_list_tail(canon: str, end: int, rules: _Rules, language: str) -> bool:
    if language != "zh" or rules.after is None:
        return False
    tail = _ZH_LIST_TAIL.match(canon, end, min(len(canon), end + 30))
    return bool(tail) and bool(rules.after.match(canon, tail.end()))


def passing_mentions(canon: str, mentions: list[Mention], *, language: str) -> set[tuple[int, int]]:
    """Spans of the mentions that are in passing."""
    rules = _rules(language)
    passing: set[tuple[int, int]] = set()
    for group in group_lists(canon, mentions, language):
        start, end = group[0].span[0], group[-1].span[1]
        line_start = max(canon.rfind("\n", max(0, start - _WINDOW), start) + 1, start - _WINDOW)
        is_passing = (
            (bool(rules.before.search(canon[max(line_start, start - 20):start]))
             and not (rules.interviewed and rules.interviewed.match(canon, end)))
            or bool(rules.after and (rules.after.match(canon, end) or _after_list_tail(canon, end, rules, language)))
            or bool(rules.metadata.search(canon[line_start:start]))
            or _inside_quotes(canon, start, rules.quotes)
            or _signs(canon, line_start, start, end, language)
        )
        if is_passing:
            passing.update(m.span for m in group)
    return passing
