"""Deadlines (completion times for work) and the document's own date.

Two small grammars, one per language, own the time expressions that matter in
safety notices: 6月底前, 2018年3月底前, 上半年, 一季度末, 即日起至…, 30日内,
每季度, 长期坚持, "by the end of June", "within 90 days of the date of this
order", "every quarter". General-purpose time parsers get these wrong (see
FIELD-NOTES "Time expressions"), so the grammar is ours; the words come from
``models/<lang>/deadlines.yaml`` and are compiled once, on first use.

Matching runs on the canonical text (``structure.normalize.canonical``), which
has the length of the original, so spans and ``Deadline.text`` are cut from
the original text with the same offsets.

A date alone is not a deadline: headers, datelines, meeting dates and past
events are full of dates. An expression is kept only with a cue (前, 完成,
by, until, within …) and without past-event context; weak cues (至, 截至, a
label, a bare date in a parenthesis) are also dropped near meeting words.
"""
from __future__ import annotations

import bisect

import calendar
import math
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Literal, NamedTuple, Optional, Sequence

from ..model import Deadline
from ..resources import load_yaml
from ..structure.segment import item_marker_end

Lang = Literal["zh", "en"]

# Clause boundaries for context checks. Commas bound clauses too: a past
# event in the previous clause says nothing about this one.
# A TAB separates table cells: a cell is a clause (and a sentence) of its own.
_CLAUSE_STOP = set("。;!?\n\t,()[]、") | {"，", "；", "（", "）"}
_SENTENCE_STOP = set("。;!?\n\t")

# Strength of the evidence that an expression is a deadline.
_STRONG = "strong"  # 前 / 完成 / by / before / within / range
_WEAK = "weak"      # 至 / 截至 / label / bare date standing alone in a parenthesis


# A date as a web page's field writes it: 2024-02-09, 2024/2/9
_FIELD_DATE = r"(?:19|20)[0-9]{2}[-/][0-9]{1,2}[-/][0-9]{1,2}"


@dataclass
class _Cand:
    start: int
    end: int
    kind: str
    date: Optional[dt.date]
    strength: Optional[str] = None
    confidence: float = 0.9
    # for the Chinese coordination pass (于6月中旬和12月中旬前)
    core_end: int = 0
    meta: dict[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------- helpers

def _alt(words: list[str] | dict[str, Any] | Any) -> str:
    """A regex alternation of literal words, longest first (so 第一季度 beats 一季度)."""
    items = sorted({str(w) for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: Optional[int], month: int, day: Optional[int | str]) -> Optional[dt.date]:
    """Last day of the named period; None when the year is unknown or the date is impossible."""
    if year is None or not 1 <= month <= 12:
        return None
    try:
        if day is None or day == "end":
            return _month_end(year, month)
        return dt.date(year, month, int(day))
    except ValueError:
        return None


def _add_months(base: dt.date, months: int) -> dt.date:
    index = base.month - 1 + months
    year, month = base.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(base.day, calendar.monthrange(year, month)[1]))


def _add_offset(base: dt.date, *, days: int = 0, months: float = 0, working: bool = False) -> dt.date:
    if months:
        whole = int(months)
        result = _add_months(base, whole)
        # half a month (半个月内) is counted as 15 days
        return result + dt.timedelta(days=round((months - whole) * 30))
    if working:
        # weekends only: public holidays vary by year and region
        current, left = base, days
        while left > 0:
            current += dt.timedelta(days=1)
            if current.weekday() < 5:
                left -= 1
        return current
    return base + dt.timedelta(days=days)


def _clause(canon: str, start: int, end: int, *, stops: set[str] = _CLAUSE_STOP) -> tuple[str, str]:
    """Text of the clause before and after [start, end)."""
    left = start
    while left > 0 and canon[left - 1] not in stops:
        left -= 1
    right = end
    while right < len(canon) and canon[right] not in stops:
        right += 1
    return canon[left:start], canon[end:right]


def _inside_title(canon: str, start: int) -> bool:
    """Inside 《…》 (a law's or a notice's title) or a 〔2019〕 document number."""
    line_start = canon.rfind("\n", max(0, start - _LOOK_BACK), start) + 1
    before = canon[line_start:start]
    return before.rfind("《") > before.rfind("》") or before.rfind("〔") > before.rfind("〕")


def _standalone(canon: str, start: int, end: int, *, opening: str, closing: str) -> bool:
    """The expression fills a clause of its own: (市应急局负责,持续推进) / Deadline: ongoing."""
    # A table cell (cells are TAB-separated) is a clause of its own too.
    i = start
    while i > 0 and canon[i - 1] == " ":
        i -= 1
    j = end
    while j < len(canon) and canon[j] == " ":
        j += 1
    return (i == 0 or canon[i - 1] in opening + "\t") and (j == len(canon) or canon[j] in closing + "\t")


def _in_parenthesis(canon: str, start: int, end: int, work: tuple[str, ...] = ()) -> bool:
    """A bare date as the last item of a (lead unit, date) annotation, perhaps with a few words of how the
    work is done after it (（县消防救援大队牵头，11月集中开展）)."""
    line_start = canon.rfind("\n", max(0, start - _LOOK_BACK), start) + 1
    before = canon[line_start:start]
    close = canon.find(")", end, end + _NOTE_TAIL + 2)
    tail = canon[end:close].strip() if close >= 0 else "\n"
    return (before.rfind("(") > before.rfind(")") and close >= 0 and before.rstrip()[-1:] in {"(", ","}
            and (not tail or not re.search(r"[,;:。\n(]", tail) and any(w in tail for w in work)))


_NOTE_TAIL = 6  # characters of 集中开展, 完成 after a date in a note
_LOOK_BACK = 200  # how far the context of an expression is read: a line, a note, a sentence


def _resolve_overlaps(cands: list[_Cand]) -> list[_Cand]:
    """Document order, longest first at a position, then drop anything overlapping a kept one."""
    kept: list[_Cand] = []
    for cand in sorted(cands, key=lambda c: (c.start, -(c.end - c.start))):
        if kept and cand.start < kept[-1].end:
            continue
        kept.append(cand)
    return kept


_RECENT_DAYS = 61


def _roll_over(cands: list[_Cand], issued: Optional[dt.date]) -> None:
    """A limit with no year whose month has passed, more than two months before the notice is issued, falls
    in the next year (a notice of 20 November asking for 1月15日前 means next January); a day alone whose day has passed, in
    the next month. (A cut-off date in a report, 截至3月底已…, is then dropped as no limit by the report check.)"""
    if issued is None:
        return
    for cand in cands:
        if cand.kind != "date" or cand.date is None:
            continue
        # A date a few weeks before the notice is recent, not next year's: a table of records, a late notice.
        recent = (issued - cand.date).days <= _RECENT_DAYS
        if cand.meta.get("yearless") and cand.date.year == issued.year and cand.date.month < issued.month \
                and not recent:
            cand.date = _month_end(issued.year + 1, cand.date.month) if cand.meta.get("month_end") else _safe_date(
                issued.year + 1, cand.date.month, cand.date.day)
        elif cand.meta.get("day_only") and cand.date < issued:
            following = _add_months(issued.replace(day=1), 1)
            cand.date = _safe_date(following.year, following.month, cand.date.day)


@lru_cache(maxsize=256)  # a long plan names the same festivals again and again; the calendar sums are costly
def _festival(key: str, year: int) -> Optional[dt.date]:
    """The first day of a festival of ``models/common/holidays.yaml`` in ``year``: fixed, lunar or a solar
    term, the last two computed by lunar_python."""
    spec = load_yaml("common/holidays.yaml")[key]
    if "solar" in spec:
        return dt.date(year, *spec["solar"])
    from lunar_python import Lunar  # only when a festival is named

    try:
        if "lunar" in spec:
            solar = Lunar.fromYmd(year, *spec["lunar"]).getSolar()
        else:
            solar = Lunar.fromYmd(year, 1, 1).getJieQiTable()[spec["solar_term"]]
    except Exception:  # a year outside the package's tables
        return None
    return dt.date(solar.getYear(), solar.getMonth(), solar.getDay())


def _day_before_holiday(key: str, *, year: Optional[int], after: Optional[dt.date]) -> Optional[dt.date]:
    """The last day before a festival: of ``year`` when written, else its first occurrence after ``after``."""
    if year is None:
        if after is None:
            return None
        day = _festival(key, after.year)
        if day is not None and day <= after:
            day = _festival(key, after.year + 1)
    else:
        day = _festival(key, year)
    return day - dt.timedelta(days=1) if day else None


# ---------------------------------------------------------------- Chinese

@dataclass(frozen=True)
class _Zh:
    data: dict[str, Any]
    digits: dict[str, int]
    units: dict[str, int]
    expr: re.Pattern[str]
    iso: re.Pattern[str]
    range_tail: re.Pattern[str]
    relative: re.Pattern[str]
    periodic: re.Pattern[str]
    ongoing: re.Pattern[str]
    weak_periodic: re.Pattern[str]
    year_mention: re.Pattern[str]
    full_date: re.Pattern[str]
    label: re.Pattern[str]
    own_label: re.Pattern[str]
    dateline: re.Pattern[str]
    review: re.Pattern[str]
    time_of_day: re.Pattern[str]
    time_alone: re.Pattern[str]
    holiday: re.Pattern[str]
    undated: re.Pattern[str]


# Spaces that PDF text puts between the parts of a date (2016年 2月 5日): part of the expression.
_GAP = r"[ \u00a0\u3000]*"
# What may stand around a date alone on its line: white space and the zero-width marks of web text
_BLANK = " \t\r\n\u00a0\u3000\u200b\u200c\u200d\ufeff"


@lru_cache(maxsize=1)
def _zh() -> _Zh:
    d = load_yaml("zh/deadlines.yaml")
    digits = {str(k): int(v) for k, v in d["numerals"]["digits"].items()}
    units = {str(k): int(v) for k, v in d["numerals"]["units"].items()}
    digit_class = "".join(re.escape(c) for c in digits)
    num = f"(?:[0-9]{{1,3}}|[{digit_class}{''.join(units)}]{{1,4}})"
    ynum = f"(?:[0-9]{{4}}|[{digit_class}]{{4}})"
    parts = _alt(d["month_parts"])
    seps = _alt(d["range_separators"])
    g = _GAP
    # The first number of a range written once (2020至2025年, 2018年2——4月, 4月12-19日) is read with the second.
    # Every expression begins with one of these: scanning only there keeps the all-optional grammar from
    # matching (empty) at every character of a long text.
    firsts = set("0123456789年月") | set(digits) | set(units) | {
        str(word)[0] for key in ("relative_years", "year_periods", "year_end_words", "relative_months",
                                 "relative_weeks", "week_words", "relative_quarters") for word in d[key]}
    # 后年 is the year after next; 今后, 此后, 以后, 之后, 然后, 最后 before 年 are no such word (今后年度工作),
    # nor is 以上 (以上年度).
    relative_years = _alt(d["relative_years"]).replace("后", "(?<![今此之以然最前随])后").replace("上", "(?<![以])上")
    core = (
        rf"(?=[{''.join(sorted(re.escape(c) for c in firsts))}])"
        rf"(?:(?:(?P<y0>{ynum}){g}(?:{seps}){g}(?={ynum}{g}年))?"
        rf"(?:(?P<y>{ynum})|(?P<yrel>{relative_years})){g}年{g})?"
        r"(?:"
        rf"(?:(?P<mo0>{num}){g}(?:{seps}){g}(?={num}{g}月))?"
        rf"(?P<mo>{num}){g}月份?{g}(?:(?:(?P<d0>{num}){g}(?:{seps}){g}(?={num}{g}[日号]))?(?P<d>{num}){g}(?:[日号]|(?={g}(?:之|以)?前))"  # 7月10前: the day's unit left out before 前
        rf"|(?P<mp>{parts}))?"
        rf"|(?P<yp>{_alt(d['year_periods'])})(?P<ype>{_alt(d['period_end_suffixes'])})?"
        rf"|(?P<ylit>年)?(?P<ye>{_alt(d['year_end_words'])})"
        rf"|(?P<mrel>{_alt(d['relative_months'])})月(?:(?P<d2>{num}){g}[日号]|(?P<mp2>{parts}))?"
        rf"|(?P<qrel>{_alt(d['relative_quarters'])})季度(?P<qp>{_alt(d['quarter_parts'])})?"
        rf"|月(?P<mp3>{parts})"
        # weeks: 本周五, 下周一, 周五 (the coming one), 本周内
        rf"|(?<![0-9{digit_class}十两个])(?P<wrel>{_alt(d['relative_weeks'])})?(?:{_alt(d['week_words'])})"
        rf"(?:(?P<wd>[{''.join(d['weekdays'])}])|(?P<wend>内|末))"
        # a day alone (25日前): the day of the document's month
        rf"|(?<![0-9{digit_class}十月])(?P<dx>{num}){g}[日号]"
        r")?"
    )
    hour = rf"(?:[0-9]{{1,2}}|[{digit_class}十]{{1,3}})"
    clock = rf"(?:(?:{_alt(d['day_periods'])}){g})?{hour}(?::[0-9]{{2}}|{g}[时点](?:{g}(?:[0-9]{{1,2}}|[{digit_class}十]{{1,3}})分|半|整)?)"
    holiday_names = _alt(d["holidays"])
    iso = r"(?<![0-9])(?P<iy>(?:19|20)[0-9]{2})[-./](?P<im>[0-9]{1,2})[-./](?P<id>[0-9]{1,2})(?![0-9])"
    # The second half of a range: a full expression or just a day (5月10日至20日)
    range_tail = rf"\s*(?:{_alt(d['range_separators'])})\s*(?:(?P<dd>{num})[日号]|(?P<rest>{core.replace('?P<', '?P<r_')}))"
    units_rel = d["relative_units"]
    relative = (
        rf"(?<![0-9])(?P<n>{num}|{_alt(d['half_words'])})(?P<ge>{re.escape(d['relative_measure_word'])})?"
        rf"(?P<u>{_alt(units_rel)})(?:{_alt(d['relative_within'])})"
    )
    # The whole limit, not its first words: 每季度末月25日前, 每周五前, 每年12月底前, 每月5日前
    periodic = (
        rf"{re.escape(d['periodic_prefix'])}(?:个)?"
        rf"(?:(?:周|星期)[一二三四五六日天](?![次个])"
        # (每年年底, 每月月底: the unit said again before its part)
        rf"|(?:{_alt(d['periodic_units'])})(?:(?<=年)年(?={parts})|(?<=月)月(?={parts}))?"
        # (每月15日、30日前: one limit on several days of each period)
        rf"(?:{_alt(d['periodic_month_parts'])}|{num}月)?(?:{parts}|{num}[日号](?:[、和]{num}[日号])*)?)"
        rf"(?:{g}{clock})?(?:{_alt(d['suffix_cues_in_text'])})?"
    )
    full_date = (
        rf"(?:(?P<fy>{ynum}){g}年{g}(?P<fm>{num}){g}月{g}(?P<fd>{num}){g}[日号]"
        rf"|(?P<iy>(?:19|20)[0-9]{{2}})[-./年](?P<im>[0-9]{{1,2}})[-./月](?P<id>[0-9]{{1,2}})(?![0-9]))"
    )
    return _Zh(
        data=d,
        digits=digits,
        units=units,
        expr=re.compile(core),
        iso=re.compile(iso),
        range_tail=re.compile(range_tail),
        relative=re.compile(relative),
        periodic=re.compile(periodic),
        ongoing=re.compile(_alt(d["ongoing"])),
        weak_periodic=re.compile(_alt(d["periodic_weak"])),
        year_mention=re.compile(rf"(?<![0-9])(?P<y>{ynum})(?:年|[-./][0-9]{{1,2}}[-./][0-9]{{1,2}})"),
        full_date=re.compile(full_date),
        # a field's label, then its separator: a colon, the bracket of 【发布日期】, the cell border of a page's
        # table (| [ 成文日期 ] | 2023-06-06 |), or none before a date written 2024-02-09 (发布日期2024-02-09)
        label=re.compile(rf"(?P<label>{_alt(d['issued_labels'])})(?:(?:\s*[:】\]|]){{1,2}}\s*|\s*(?={_FIELD_DATE}))"),
        own_label=re.compile(rf"(?<![\u4e00-\u9fff])(?:{_alt(d['own_date_labels'])})"
                             rf"(?:(?:\s*[:】\]|]){{1,2}}\s*|\s*(?={_FIELD_DATE}))"),
        dateline=re.compile(
            rf"(?P<mo>{num})月(?P<d>{num})日(?:{_alt(d['dateline_suffixes'])})"
        ),
        review=re.compile(
            rf"(?P<y>{ynum})年[^,。;\n]{{0,{int(d['review_year_window'])}}}?(?:{_alt(d['review_year_after'])})"
        ),
        time_of_day=re.compile(rf"{g}{clock}"),
        # a time alone stands after a preposition or a comma; right after 午 it is the rest of a 下午 or 中午 its
        # day-period word did not take (每天下\n午5点前)
        time_alone=re.compile(rf"(?:(?P<today>{_alt(d['today_words'])})|(?<![0-9:午])){g}{clock}"),
        holiday=re.compile(
            rf"(?:(?:(?P<y>{ynum})|(?P<yrel>{_alt(d['relative_years'])})){g}年{g})?(?P<name>{holiday_names})"
            rf"(?:{_alt(d['holiday_suffixes'])})?"
        ),
        # one-character events (节) only as a word of their own: 节前, not 环节前
        undated=re.compile(rf"(?:{_alt(w for w in d['undated_events'] if len(w) > 1)}"
                           rf"|(?:(?<![\u4e00-\u9fff])|(?<=[于在]))(?:{_alt(w for w in d['undated_events'] if len(w) == 1)}))"
                           rf"(?=(?:{_alt(d['suffix_cues_in_text'])}))"),
    )


def _zh_num(text: str) -> Optional[int]:
    """2020, 二〇二〇, 三十一, 十二, 两 -> int."""
    if text.isdigit() and text.isascii():
        return int(text)
    z = _zh()
    if any(c in z.units for c in text):
        total, current = 0, 0
        for ch in text:
            if ch in z.digits:
                current = z.digits[ch]
            elif ch in z.units:
                total += (current or 1) * z.units[ch]
                current = 0
            else:
                return None
        return total + current
    if all(c in z.digits for c in text):
        # positional: 二〇二〇
        return int("".join(str(z.digits[c]) for c in text))
    return None


class _Read(NamedTuple):
    """What one match of a date grammar (Chinese core, English forms) says."""

    ok: bool  # a real expression
    due: Optional[dt.date] = None
    year: Optional[int] = None
    month: Optional[int] = None
    yearless: bool = False  # no year written: the document's year, or the next if the month has passed
    day_only: bool = False  # 25日前: the document's month, or the next if the day has passed
    month_end: bool = False  # the last day of a named month or period (6月底, 二季度): so rolled, too


def _zh_core_date(
    g: dict[str, Optional[str]], *, base_year: Optional[int], issued: Optional[dt.date], prefix: str = ""
) -> _Read:
    """What one match of the core grammar says (``prefix`` reads the second half of a range)."""
    z = _zh().data
    p = prefix

    def get(name: str) -> Optional[str]:
        return g.get(p + name)

    def month_of_document(offset: int, part: Any, day: Optional[int] = None) -> _Read:
        if issued is None:
            return _Read(True)
        target = _add_months(issued.replace(day=1), offset)
        return _Read(True, _safe_date(target.year, target.month, day if day is not None else part),
                     target.year, target.month)

    has_year = bool(get("y") or get("yrel"))
    year: Optional[int]
    if get("y"):
        year = _zh_num(get("y") or "")
    elif get("yrel"):
        offset = int(z["relative_years"][get("yrel")])
        year = base_year + offset if base_year is not None else None
    else:
        year = base_year
    if get("mo"):
        month = _zh_num(get("mo") or "")
        if month is None or not 1 <= month <= 12:
            return _Read(False)
        if get("d"):
            day = _zh_num(get("d") or "")
            if day is None or not 1 <= day <= 31:
                return _Read(False)
            return _Read(True, _safe_date(year, month, day), year, month, yearless=not has_year)
        part = z["month_parts"].get(get("mp")) if get("mp") else "end"
        return _Read(True, _safe_date(year, month, part), year, month, yearless=not has_year, month_end=part == "end")
    if get("yp"):
        month = int(z["year_periods"][get("yp")])
        return _Read(True, _safe_date(year, month, "end"), year, month, yearless=not has_year, month_end=True)
    if get("ye"):
        # 底/内/初 alone is not a date: it needs a year or a literal 年 (年底, 2020年底, 明年初)
        if not (has_year or get("ylit")):
            return _Read(False)
        month = int(z["year_end_words"][get("ye")])
        return _Read(True, _safe_date(year, month, "end"), year, month)
    if get("mrel"):
        offset = int(z["relative_months"][get("mrel")])
        if get("d2"):
            day = _zh_num(get("d2") or "")
            if day is None or not 1 <= day <= 31:
                return _Read(False)
            return month_of_document(offset, None, day)
        return month_of_document(offset, z["month_parts"][get("mp2")] if get("mp2") else "end")
    if get("mp3"):
        return month_of_document(0, z["month_parts"][get("mp3")])
    if get("qrel"):
        # 本季度内, 下季度初: months from the document's month to the end (or first month) of that quarter
        if issued is None:
            return _Read(True)
        first_month = (issued.month - 1) // 3 * 3 + 1 + 3 * int(z["relative_quarters"][get("qrel")])
        last = first_month + (0 if z["quarter_parts"].get(get("qp") or "") == "first" else 2)
        return month_of_document(last - issued.month, "end")
    if get("wd") or get("wend"):
        if issued is None or not (get("wd") or get("wrel")):
            return _Read(True)  # 周末 alone: which week is not said
        target = _weekday(issued, int(z["weekdays"][get("wd")]) if get("wd") else 6,
                          weeks=int(z["relative_weeks"].get(get("wrel") or "", 0)), coming=not get("wrel"))
        return _Read(True, target, target.year, target.month)
    if get("dx"):
        day = _zh_num(get("dx") or "")
        if day is None or not 1 <= day <= 31:
            return _Read(False)
        read = month_of_document(0, None, day)
        return read._replace(day_only=True)
    if has_year:
        # a bare year: 2025年前 / 到2025年
        return _Read(True, _safe_date(year, 12, "end"), year, 12)
    return _Read(False)


def _weekday(issued: dt.date, weekday: int, *, weeks: int, coming: bool) -> dt.date:
    """Day ``weekday`` (Monday 0) of the week of ``issued``, ``weeks`` later; ``coming``: the next such day
    on or after ``issued`` (周五前, "by Friday")."""
    target = issued - dt.timedelta(days=issued.weekday()) + dt.timedelta(weeks=weeks, days=weekday)
    return target + dt.timedelta(weeks=1) if coming and target < issued else target


def _year_mentions(canon: str, language: Lang) -> list[tuple[int, int]]:
    """(offset, year) of every explicit year, for 'the most recent year mentioned earlier'."""
    found = []
    if language == "zh":
        for m in _zh().year_mention.finditer(canon):
            year = _zh_num(m.group("y"))
            if year and 1900 <= year <= 2100:
                found.append((m.start(), year))
        # The document's own number (新应急〔2022〕16号) names the year it was issued in (GB/T 9704-2012 党政机关
        # 公文格式 7.2.4: 发文字号 holds the year in 〔〕): the year of the dates it writes without one.
        numbers = [m for pattern in _OWN_NUMBERS if (m := pattern.search(canon, 0, _NUMBER_REACH))]
        if numbers:
            first = min(numbers, key=lambda m: m.start())
            found = sorted(found + [(first.start(), int(first.group("year")))])
    else:
        for m in _en().year_mention.finditer(canon):
            if _EN_TITLE_YEAR.search(canon, max(0, m.start() - 16), m.start()):
                continue  # "Fire Safety Rules, 2017": the year of a cited law names no time of this text
            found.append((m.start(), int(m.group(0))))
    if language == "zh":
        # a year inside a cited title (《2023年安全生产工作要点》) is the title's, unless the text has no other
        titled = [(offset, year) for offset, year in found if _inside_cited_title(canon, offset)]
        if len(titled) < len(found):
            found = [item for item in found if item not in titled]
    return found


# The year that closes the name of a law or a set of rules ("Fire Safety Rules, 2017", "the Factories Act 1948")
_EN_TITLE_YEAR = re.compile(r"\b(?:Act|Acts|Rules|Regulations|Code|Ordinance|Order|Law|Amendment)\s*,?\s*$")


def _inside_cited_title(canon: str, offset: int) -> bool:
    opening = canon.rfind("《", 0, offset)
    return opening >= 0 and canon.rfind("》", opening, offset) < 0 and "\n" not in canon[opening:offset]


def _base_year(mentions: list[tuple[int, int]], pos: int, issued: Optional[dt.date]) -> Optional[int]:
    """The year of a date written without one: the document's; with no document date, the year last named
    before it, or the only year the text names."""
    if issued is not None:
        return issued.year
    earlier = [year for offset, year in mentions if offset < pos]
    if earlier:
        return earlier[-1]
    years = {year for _, year in mentions}
    return years.pop() if len(years) == 1 else None


def _zh_candidates(canon: str, issued: Optional[dt.date]) -> list[_Cand]:
    z = _zh()
    d = z.data
    mentions = _year_mentions(canon, "zh")
    cands: list[_Cand] = []
    in_text = sorted(d["suffix_cues_in_text"], key=len, reverse=True)
    outside = sorted(d["suffix_cues_outside"], key=len, reverse=True)
    not_before = set(str(x) for x in d["not_before_followers"])
    prefixes = sorted(d["prefix_cues"], key=len, reverse=True)
    clause_start_only = set(d["clause_start_only_prefixes"])
    aims = tuple(d["aim_words"])
    from_now = sorted(d["from_now_prefixes"], key=len, reverse=True)
    labels = sorted(d["deadline_labels"], key=len, reverse=True)
    gap_max = int(d["cue_gap_max"])
    work = tuple(d["work_after_cues"])

    starts = set(d["start_prefixes"])
    raw: list[_Cand] = []
    for m in z.expr.finditer(canon):
        if m.end() == m.start():
            continue
        base = _base_year(mentions, m.start(), issued)
        read = _zh_core_date(m.groupdict(), base_year=base, issued=issued)
        if not read.ok:
            continue
        due, end = read.due, m.end()
        # A span of whole years (2024—2026年) is mostly a plan's term, which a cue must make a limit.
        is_range = bool(m.group("mo0") or m.group("d0"))
        tail = None if m.group("wd") or m.group("wend") else z.range_tail.match(canon, end)  # 周一至周五: a week
        if tail:
            if tail.group("dd"):
                day = _zh_num(tail.group("dd"))
                if read.month is not None and day:
                    due, end, is_range = _safe_date(read.year, read.month, day), tail.end(), True
            else:
                second = _zh_core_date(tail.groupdict(), base_year=read.year if read.year is not None else base,
                                       issued=issued, prefix="r_")
                if second.ok and tail.end() > tail.start("rest"):
                    due, end, is_range = second.due, tail.end(), True
                    if due is not None and read.due is not None and due < read.due and second.yearless:
                        due = _safe_date(due.year + 1, due.month, due.day)  # 11月至次年2月 written 11月至2月
        clock = z.time_of_day.match(canon, end)
        if clock:
            end = clock.end()  # 3月5日17:00前: the day is the limit
        cand = _Cand(start=m.start(), end=end, kind="date", date=due, core_end=end)
        cand.meta.update(range=is_range, yearless=read.yearless, day_only=read.day_only, month_end=read.month_end,
                         day=bool(m.group("d") or m.group("d2") or m.group("dx")),
                         week=bool(m.group("wd") or m.group("wend")),
                         year_only=not any(m.group(k) for k in ("mo", "yp", "ye", "mrel", "mp3", "dx")))
        if _zh_partly_read(canon, m.start(), end):
            # 前三季度, 6月1x: never the date of a shorter piece; the reviewer sees the whole expression
            cand.date, cand.confidence = None, 0.5
            while cand.start > 0 and (canon[cand.start - 1] in _ZH_TIME_BEFORE or canon[cand.start - 1] == "前"):
                cand.start -= 1
            within = z.relative.match(canon, cand.start)
            if within and within.end() >= end:
                continue  # 三年内: a span of time from the notice, read below, not a year partly read
        if not is_range and canon.startswith(d["start_suffix"], end) \
                and canon[end + 1:end + 2] not in set(d["start_not_before"]):
            # 自4月8日起: when the work begins, not when it is due; its first day (自2011年起: 1 January)
            cand.kind, cand.end, cand.strength = "start", end + 1, _STRONG
            cand.date = _first_day(m, cand.date)
            if canon[m.start() - 1:m.start()] in starts:
                cand.start -= 1
        raw.append(cand)
    for m in z.iso.finditer(canon):
        due = _safe_date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
        if due:
            end = m.end()
            clock = z.time_of_day.match(canon, end)
            raw.append(_Cand(start=m.start(), end=clock.end() if clock else end, kind="date", date=due,
                             core_end=clock.end() if clock else end))

    for cand in raw:
        start, end = cand.start, cand.end
        after = canon[end:end + _LOOK_BACK]  # not the whole rest of the text: long texts went quadratic
        for cue in in_text:
            if after.startswith(cue) and after[len(cue):len(cue) + 1] not in not_before:
                if cand.kind == "date":
                    cand.end, cand.strength = end + len(cue), _STRONG
                break
        if cand.strength is None:
            window = after[: gap_max + 4]
            for cue in outside:
                pos = window.find(cue)
                if 0 <= pos <= gap_max and not any(ch in _CLAUSE_STOP for ch in window[:pos]):
                    cand.strength = _STRONG
                    break
        window = canon[max(0, start - _LOOK_BACK):start]  # a slice of the whole prefix made long texts quadratic
        before = window.rstrip(" ")
        for pre in from_now:
            if before.endswith(pre):
                cand.start, cand.strength = start - len(pre) - (len(window) - len(before)), _STRONG
                break
        if cand.strength is None and cand.meta.get("range"):
            cand.strength = _STRONG
        if cand.strength is None:
            for pre in prefixes:
                if before.endswith(pre):
                    head = before[: -len(pre)].rstrip(" ")
                    if pre in clause_start_only and head and head[-1] not in _CLAUSE_STOP | {":"} \
                            and not head.endswith(aims):
                        continue
                    cand.strength, cand.meta["cut_off"] = _WEAK, True  # 截至3月底: maybe a statistic's date
                    break
        if cand.strength is None:
            head = before.rstrip(":为").rstrip()
            if any(head.endswith(lab) for lab in labels):
                cand.strength = _WEAK  # 完成时限: 2020年6月30日, 截止时间为9月30日
            elif _in_parenthesis(canon, start, end, work) and not (cand.meta.get("year_only") and before.endswith("(")) or (
                    canon[start - 1:start] == "\t" and _standalone(canon, start, end, opening="", closing="\n")):
                # a bare date in a (lead unit, date) note or in a table cell of its own; not a plan's term
                # ((2024—2026年) after its title)
                cand.strength = _WEAK
            elif not cand.meta.get("day") and _opens_clause(canon, start, end, work):
                # 下半年，全面推开 (a day opening a sentence is how news dates its events: 3月25日，镇召开…)
                cand.strength, cand.meta["opens_clause"] = _WEAK, True
        if cand.meta.get("day_only") and not (cand.end > cand.core_end or cand.kind == "start" and cand.start < start):
            continue  # a day alone (8日) is a deadline only with 前 after it: news dates its events so
        if cand.meta.get("week") and cand.strength != _STRONG:
            continue  # 周一至周五每天值班: a weekday is a limit only with 前 or 完成
        cands.append(cand)

    def cue_at(position: int) -> Optional[str]:
        """The in-text cue (前, 之前, 以前) that stands at ``position``, if any."""
        return next((c for c in in_text if canon.startswith(c, position)), None)

    for m in z.time_alone.finditer(canon):
        # 17:00前, 当日12时前: the document's own day
        cue = cue_at(m.end())
        if cue is None or (m.start() > 0 and canon[m.start() - 1] in "日号"):
            continue
        cands.append(_Cand(start=m.start(), end=m.end() + len(cue), kind="date", date=issued, strength=_STRONG,
                           confidence=0.8))
    for m in z.holiday.finditer(canon):
        cue = cue_at(m.end())
        if cue is None or canon[m.end() + len(cue):m.end() + len(cue) + 1] == "后":
            continue  # 春节期间, 国庆前后: a period, not a limit
        year = _zh_num(m.group("y")) if m.group("y") else None
        base = _base_year(mentions, m.start(), issued)
        if m.group("yrel") and base is not None:
            year = base + int(d["relative_years"][m.group("yrel")])
        elif year is None and issued is None:
            year = base  # no document date: the festival of the year the text last named
        due = _day_before_holiday(d["holidays"][m.group("name")], year=year, after=issued)
        cands.append(_Cand(start=m.start(), end=m.end() + len(cue), kind="date", date=due, strength=_STRONG,
                           confidence=0.85 if due else 0.5))
    for m in z.undated.finditer(canon):
        # 汛期前, 节前: a limit relative to an event the notice does not date
        cue = cue_at(m.end()) or ""
        cands.append(_Cand(start=m.start(), end=m.end() + len(cue), kind="relative", date=None, strength=_STRONG,
                           confidence=0.5))

    # 于2022年6月中旬和12月中旬前: the expressions before a coordinator share the cue of the last one
    coordinators = sorted(d["coordinators"], key=len, reverse=True)
    ordered = sorted(cands, key=lambda c: c.start)
    for i in range(len(ordered) - 2, -1, -1):
        cur, nxt = ordered[i], ordered[i + 1]
        if cur.strength is None and nxt.strength == _STRONG:
            gap = canon[cur.core_end:nxt.start].strip()
            if gap in coordinators:
                cur.strength = _STRONG
                cur.confidence = 0.8

    for m in z.relative.finditer(canon):
        unit = d["relative_units"][m.group("u")]
        if unit.get("measure") and not m.group("ge"):
            continue
        raw_n = m.group("n")
        amount: float = 0.5 if raw_n in d["half_words"] else float(_zh_num(raw_n) or 0)
        if amount <= 0:
            continue
        cand = _Cand(start=m.start(), end=m.end(), kind="relative", date=None, strength=_STRONG)
        before, _ = _clause(canon, m.start(), m.end(), stops=_SENTENCE_STOP)
        anchored_doc = any(a in before for a in d["document_anchors"])
        # 变更的，应当在5个工作日内…: a limit after a condition runs from the event the condition names
        conditional = "的," in before
        # a limit in hours or minutes runs from an event (事发后1小时内报告) unless the notice names itself
        anchored_event = (any(a in before[-12:] for a in d["event_anchors"]) or "hours" in unit or "minutes" in unit
                          or conditional)
        if issued is not None and (anchored_doc or not anchored_event):
            cand.date = _add_offset(
                issued,
                days=int(amount * unit.get("days", 0)) + math.ceil(amount * unit.get("hours", 0) / 24),
                months=amount * unit.get("months", 0),
                working=bool(unit.get("working")),
            )
        cand.confidence = 0.8 if anchored_event and not anchored_doc else 0.9
        cands.append(cand)

    for m in z.periodic.finditer(canon):
        cands.append(_Cand(start=m.start(), end=m.end(), kind="periodic", date=None, strength=_STRONG, confidence=0.8))
    opening, closing = "(,;:\n", "),;.\n。"
    for pattern, kind in ((z.ongoing, "ongoing"), (z.weak_periodic, "periodic")):
        for m in pattern.finditer(canon):
            if _standalone(canon, m.start(), m.end(), opening=opening, closing=closing):
                cands.append(_Cand(start=m.start(), end=m.end(), kind=kind, date=None, strength=_WEAK, confidence=0.8))
    # A period read without a cue ("in the first half of 2025") yields to a time limit its sentence states
    # outright ("…, by the first half of 2023"; "Key Points of Work Safety in 2020: complete the survey by …").
    stated = [c for c in cands if c.strength == _STRONG and c.kind == "date"]
    cands = [c for c in cands if not (c.meta.get("period") and any(_same_sentence(canon, c, o) for o in stated))]
    _roll_over(cands, issued)
    return cands


# Words after a date form that change what it means and that the grammar does not read: a second year
# ("2024/25", "2024-25", a financial year) or "after next". The form alone would give a wrong date.
_EN_UNREAD_TAIL = re.compile(r"(?:[/-][0-9]{2}(?:[0-9]{2})?(?![0-9/-])|\s+after\s+next\b)", re.IGNORECASE)


def _same_sentence(canon: str, first: _Cand, second: _Cand) -> bool:
    """No sentence or line ends between the two expressions."""
    start, end = min(first.end, second.end), max(first.start, second.start)
    between = canon[start:end] if start < end else ""
    return "\n" not in between and ". " not in between


def _first_day(m: re.Match[str], due: Optional[dt.date]) -> Optional[dt.date]:
    """The first day of the period a core match names (its due date is the last)."""
    if due is None or m.group("d") or m.group("dx") or m.group("d2"):
        return due
    if m.group("mo") or m.group("mrel"):
        return due.replace(day=1)
    if m.group("yp") or m.group("ye") or m.group("mp3"):
        return None  # 一季度起, 年底起: a first day the grammar does not hold
    return due.replace(month=1, day=1)  # a year


# Characters that go on a time expression: when one stands right before or after what the grammar read, the
# expression was read only in part (首季度, 前三季度, 6月1x).
_ZH_TIME_BEFORE = set("0123456789〇○一二三四五六七八九十首")
_ZH_TIME_AFTER = set("0123456789〇○一二三四五六七八九十初旬")


def _opens_clause(canon: str, start: int, end: int, work: tuple[str, ...]) -> bool:
    """下半年，全面推开 / 即日起至4月8日，要…: the date opens its sentence (or follows 于 there), a comma closes
    it, and the next clause names work to do: the time of that work."""
    low = max(0, start - _LOOK_BACK)
    line_start = max(canon.rfind(c, low, start) for c in "。;\n!?") + 1
    if line_start == 0 and low > 0:
        return False  # no sentence start within reach: not the opening of one
    head = canon[line_start:start].strip()
    head = head[item_marker_end(head, 0, language="zh"):] if head else head
    if head not in ("", "于", "在"):
        return False
    if canon[end:end + 1] != ",":
        return False
    stop = min([i for i in (canon.find(c, end, end + _LOOK_BACK) for c in "。;\n") if i >= 0] or [end + _LOOK_BACK])
    return any(word in canon[end + 1:stop] for word in work)


def _zh_partly_read(canon: str, start: int, end: int) -> bool:
    before = canon[start - 1:start]
    if before in _ZH_TIME_BEFORE or (before == "前" and canon[start:start + 1] in _ZH_TIME_BEFORE):
        return True
    return canon[end:end + 1] in _ZH_TIME_AFTER


# ---------------------------------------------------------------- English

@dataclass(frozen=True)
class _En:
    data: dict[str, Any]
    cue: re.Pattern[str]
    forms: tuple[re.Pattern[str], ...]
    end_of: re.Pattern[str]
    relative: re.Pattern[str]
    within_period: re.Pattern[str]
    periodic: re.Pattern[str]
    ongoing: re.Pattern[str]
    weak_periodic: re.Pattern[str]
    year_mention: re.Pattern[str]
    full_date: re.Pattern[str]
    label: re.Pattern[str]
    dateline: re.Pattern[str]
    review: re.Pattern[str]
    clock: re.Pattern[str]
    range_start: re.Pattern[str]
    range_join: re.Pattern[str]
    bare_day: re.Pattern[str]
    start: re.Pattern[str]
    holiday: re.Pattern[str]
    undated: re.Pattern[str]
    ongoing_phrase: re.Pattern[str]
    weekday: re.Pattern[str]
    period_cue: re.Pattern[str]
    deictic_period: re.Pattern[str]
    modal: re.Pattern[str]
    imperative: re.Pattern[str]
    nth_of_each: re.Pattern[str]
    field: re.Pattern[str]
    signature_prefix: re.Pattern[str]
    header: re.Pattern[str]
    byline: re.Pattern[str]


@lru_cache(maxsize=1)
def _en() -> _En:
    d = load_yaml("en/deadlines.yaml")
    # a dot only as an abbreviation (Sept. 30), not the full stop after "by the end of June."
    mon = rf"(?P<mon>{_alt(d['months'])})(?:\.(?=\s+[0-9]))?(?![a-z])"
    day = r"(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?(?![0-9])"
    yr = r"(?P<y>(?:19|20)[0-9]{2})(?![0-9])"
    this_year = rf"(?P<ty>{_alt(d['this_year'])})"
    next_year = rf"(?P<ny>{_alt(d['next_year'])})"
    this_month = rf"(?P<tm>{_alt(d['this_month'])})"
    following = rf"(?P<nyo>{_alt(d['next_year'])})"
    of_year = rf"(?:\s+of)?(?:\s+(?:the\s+year|this\s+year|{following}|{yr}))?"
    mods = _alt(d["month_modifiers"])
    # Forms after a cue, tried in order; the longest match wins.
    dash = r"\s*[-–—]\s*"
    weekday = rf"(?:{_alt(d['weekdays'])})"  # "Monday 25 November": the date says the day
    # Forms begin at a word's start (\b): the forms scanned over a whole text try no other position.
    forms = (
        rf"\b(?:{weekday},?\s+)?{mon}\s+{day}(?:,?\s+{yr})?",
        # "30 June", "the 9th of June", and "31st, May" (a comma after an ordinal day, as some English is written)
        rf"\b(?:{weekday},?\s+)?(?:the\s+)?{day}(?:\s+(?:of\s+)?|(?<=[a-z]),\s*){mon}(?:,?\s+{yr})?",
        # a range of days written once: April 12-19, 12-19 April 2024
        rf"\b{mon}\s+(?P<d0>[0-9]{{1,2}})(?:st|nd|rd|th)?{dash}{day}(?:,?\s+{yr})?",
        rf"\b(?P<d0>[0-9]{{1,2}})(?:st|nd|rd|th)?{dash}{day}(?:\s+(?:of\s+)?|(?<=[a-z]),\s*){mon}(?:,?\s+{yr})?",
        r"(?P<iy>(?:19|20)[0-9]{2})-(?P<im>[0-9]{1,2})-(?P<id>[0-9]{1,2})(?![0-9])",
        rf"(?:(?P<mod>{mods})\s*)?{mon}(?:,?\s+(?:of\s+)?(?:{yr}|{following}))?",
        rf"(?:the\s+)?(?P<half>{_alt(d['halves'])})\s+half{of_year}",
        rf"(?:the\s+)?(?P<q>{_alt(d['quarters'])})\s+quarter{of_year}",
        # (a range of quarters, Q1–Q4 2020, runs to the end of the last)
        rf"(?:(?:{_alt(d['quarter_codes'])})\s*[-–—]\s*)?(?P<qc>{_alt(d['quarter_codes'])})(?:\s+{yr})?(?![a-z0-9])",
        rf"(?:(?P<ymod>{mods})\s*)?{yr}",
        this_year,
        next_year,
        this_month,
        rf"(?P<nm>{_alt(d['next_month'])})",
        # "the 5th of next month"
        rf"(?:the\s+)?(?P<dn>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+of\s+(?:(?P<nm2>{_alt(d['next_month'])})|{this_month})",
        rf"(?P<tq>{_alt(d['this_quarter'])})",
        rf"(?P<nq>{_alt(d['next_quarter'])})",
        # "Friday", "next Monday", "this week", "next week"
        rf"(?:(?P<wrel>this|next|coming|the\s+coming)\s+)?(?P<wd>{_alt(d['weekdays'])})\b",
        r"(?P<wk>this|next)\s+week\b",
    )
    # a cue and its date stand in one paragraph: "By\n\n12 July 2024" is a byline's "By" above a page's date
    cue = rf"\b(?:{_alt(d['deadline_cues'])})\b(?:\s+is|\s*:)?(?:[ \t]+|[ \t]*\n[ \t]*)"
    units = _alt(d["relative_units"])
    relative = (
        # (within the next two weeks, within the coming 30 days: counted from the notice all the same)
        rf"\b(?:{_alt(d['within_words'])})\s+(?:the\s+(?:next|coming|following)\s+)?"
        rf"(?P<n>[0-9]{{1,3}}|{_alt(d['number_words'])})\s+(?P<u>{units})\b"
        # ("within a month's time", "in two weeks' time": the same period)
        r"(?P<time>['’]s?\s+time\b)?"
        rf"(?P<anchor>\s+{d['document_anchor_regex']})?(?P<event>\s+{d['event_anchor_regex']})?"
    )
    within_period = rf"\b(?:{_alt(d['within_words'])})\s+(?:{this_year}|{this_month})\b"
    full_date = (
        rf"(?:(?P<mon1>{_alt(d['months'])})\.?\s+(?P<d1>[0-9]{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>(?:19|20)[0-9]{{2}})"
        rf"|(?P<d2>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>{_alt(d['months'])})\.?,?\s+(?P<y2>(?:19|20)[0-9]{{2}})"
        r"|(?P<iy>(?:19|20)[0-9]{2})-(?P<im>[0-9]{1,2})-(?P<id>[0-9]{1,2}))(?![0-9])"
    )
    flags = re.IGNORECASE
    return _En(
        data=d,
        cue=re.compile(cue, flags),
        forms=tuple(re.compile(f, flags) for f in forms),
        end_of=re.compile(rf"(?:{_alt(d['end_of_words'])})\s+", flags),
        relative=re.compile(relative, flags),
        within_period=re.compile(within_period, flags),
        periodic=re.compile(rf"\b(?:{_alt(d['periodic'])})\b", flags),
        ongoing=re.compile(rf"\b(?:{_alt(d['ongoing'])})\b", flags),
        weak_periodic=re.compile(rf"\b(?:{_alt(d['periodic_weak'])})\b", flags),
        year_mention=re.compile(r"(?<![0-9©])\b(?:19|20)[0-9]{2}\b(?![0-9])"),
        full_date=re.compile(full_date, flags),
        label=re.compile(rf"^[ \t]*(?:{_alt(d['issued_labels'])})\s*:?\s*", flags | re.MULTILINE),
        dateline=re.compile(
            rf"(?:{_alt(d['dateline_words'])})[^\n:]{{0,60}}?(?:,\s*|\s+)(?P<mon>{_alt(d['months'])})\.?\s+"
            rf"(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?(?:(?:,?\s+(?P<y>(?:19|20)[0-9]{{2}}))?\s*[:()—-]"
            # with its year a dateline needs no mark after it ("Xinhua, August 17, 2015 Adjust font size")
            rf"|,?\s+(?P<y_>(?:19|20)[0-9]{{2}})(?![0-9]))",
            flags,
        ),
        review=re.compile(d["review_year_regex"], flags),
        clock=re.compile(rf"(?:{d['clock_regex']})(?![0-9])(?:\s+(?P<today>{_alt(d['today_words'])})\b|\s+on\s+|,\s*)?", flags),
        range_start=re.compile(rf"\b(?:{_alt(d['range_starts'])})\s+", flags),
        range_join=re.compile(rf"\s*,?\s*(?:{_alt(d['range_joins'])})\s*", flags),  # ("from 11 February 2025, to 10 May 2025")
        bare_day=re.compile(r"(?:the\s+)?[0-9]{1,2}(?:st|nd|rd|th)?(?![0-9])", flags),
        start=re.compile(rf"\b(?:{_alt(d['start_cues'])})\s+", flags),
        holiday=re.compile(
            rf"\b(?:{_alt(d['holiday_cues'])})\s+(?:the\s+)?(?:(?P<y>(?:19|20)[0-9]{{2}})\s+)?"
            rf"(?P<name>{_alt(d['holidays'])})(?:\s+(?:{_alt(d['holiday_suffixes'])}))?"
            rf"(?:,?\s+(?:of\s+)?(?P<y2>(?:19|20)[0-9]{{2}}))?(?![a-z])", flags),
        undated=re.compile(rf"\b(?:before|ahead of|prior to)\s+(?:the\s+)?(?:(?:19|20)[0-9]{{2}}\s+)?"
                           rf"(?:{_alt(d['undated_events'])})\b", flags),
        ongoing_phrase=re.compile(rf"\b(?:{_alt(d['ongoing_phrases'])})\b", flags),
        weekday=re.compile(rf"\b(?:every|each)\s+(?:{_alt(d['weekdays'])})\b", flags),
        period_cue=re.compile(rf"\b(?:{_alt(d['period_cues'])})\s+", flags),
        # "this month", not "the month" ("The month-long campaign"): the names that say which month
        deictic_period=re.compile(
            rf"(?<!\bof )\b(?:(?P<tm>{_alt(w for w in d['this_month'] if not w.startswith('the '))})"
            rf"|(?P<tq>{_alt(w for w in d['this_quarter'] if w != 'the quarter')})"
            rf"|(?P<nm>{_alt(d['next_month'])})|(?P<nq>{_alt(d['next_quarter'])}))\b", flags),
        modal=re.compile(d["modal_regex"], flags),
        # a sentence that opens (after its number and a "Title:") with an imperative verb of work
        imperative=re.compile(rf"[ \t]*(?:\(?[0-9IVXivx]{{1,4}}[.)][ \t]*)?(?-i:[A-Z][^.:\n]{{0,40}}:[ \t]*)?"
                              rf"(?:{_alt(d['imperative_verbs'])})\b", flags),
        nth_of_each=re.compile(rf"\b(?:(?:{_alt(d['deadline_cues'])})\s+)?(?:the\s+)?[0-9]{{1,2}}(?:st|nd|rd|th)?\s+of\s+"
                               rf"(?:each|every)\s+(?:month|quarter|year)\b", flags),
        field=re.compile(rf"(?:^|(?<=[\s?*\[【(]))(?:{_alt(d['issued_fields'])})\s*:\s*", flags | re.MULTILINE),
        signature_prefix=re.compile(d["signature_prefix_regex"] + r"$", flags),
        # a date that opens a line near the top, with a time after it or nothing ("2023-02-23 00:32:00"), or that
        # follows a place at a line's start ("Hong Kong, 11 October 2021 —"), or a news page's source and time of
        # posting ("Xinhua) 16:24, April 20, 2023")
        header=re.compile(rf"^[ \t]*(?:(?-i:[A-Z][A-Za-z.]*(?:[ \t]+[A-Z][A-Za-z.]*){{0,2}},[ \t]*)"
                          rf"|[^\n]{{0,24}}?\b[0-9]{{1,2}}:[0-9]{{2}},[ \t]*)?(?={full_date})",
                          flags | re.MULTILINE),
        # or that follows the web site that publishes the page ("China.org.cn, November 30, 2017")
        byline=re.compile(r"(?<![\w.])[A-Za-z][\w-]*(?:\.[A-Za-z]{2,})+,[ \t]*"),
    )


def _en_form_date(
    g: dict[str, Optional[str]], *, base_year: Optional[int], issued: Optional[dt.date], end_of: bool
) -> _Read:
    d = _en().data

    def month_of(name: Optional[str]) -> Optional[int]:
        return int(d["months"][name.lower().rstrip(".")]) if name else None

    yearless = not (g.get("y") or g.get("nyo"))
    year = int(g["y"]) if g.get("y") else base_year
    if g.get("nyo"):
        year = base_year + 1 if base_year is not None else None
    if g.get("iy"):
        return _Read(True, _safe_date(int(g["iy"]), int(g["im"] or 0), int(g["id"] or 0)))
    if g.get("mon") and g.get("d"):
        return _Read(True, _safe_date(year, month_of(g["mon"]) or 0, int(g["d"])), yearless=yearless)
    if g.get("mon"):
        mod = g.get("mod")
        part = "end" if end_of or not mod else d["month_modifiers"][mod.lower()]
        return _Read(True, _safe_date(year, month_of(g["mon"]) or 0, part), yearless=yearless, month_end=part == "end")
    if g.get("half"):
        return _Read(True, _safe_date(year, int(d["halves"][g["half"].lower()]), "end"), yearless=yearless, month_end=True)
    if g.get("q"):
        return _Read(True, _safe_date(year, int(d["quarters"][g["q"].lower()]), "end"), yearless=yearless, month_end=True)
    if g.get("qc"):
        return _Read(True, _safe_date(year, int(d["quarter_codes"][g["qc"].lower()]), "end"), yearless=yearless, month_end=True)
    if g.get("y"):
        mod = (g.get("ymod") or "").lower().rstrip("-")
        # mid-2020 -> June 30: the middle of a year is its first half
        return _Read(True, _safe_date(year, 6 if mod in {"mid", "early"} else 12, "end"))
    if g.get("ty"):
        return _Read(True, _safe_date(base_year, 12, "end"))
    if g.get("ny"):
        return _Read(True, _safe_date(base_year + 1 if base_year else None, 12, "end"))
    if g.get("wd") or g.get("wk"):
        if issued is None:
            return _Read(True)
        weekdays = [w.lower() for w in d["weekdays"]]
        next_week = (g.get("wrel") or g.get("wk") or "").lower() == "next"
        return _Read(True, _weekday(issued, weekdays.index(g["wd"].lower()) if g.get("wd") else 6,
                                    weeks=1 if next_week else 0, coming=bool(g.get("wd")) and not next_week))
    if g.get("tm") or g.get("nm") or g.get("tq") or g.get("nq") or g.get("dn"):
        if issued is None:
            return _Read(True)
        if g.get("dn"):  # the 5th of next month
            month = _add_months(issued.replace(day=1), 1 if g.get("nm2") else 0)
            return _Read(True, _safe_date(month.year, month.month, int(g["dn"])))
        if g.get("tm") or g.get("nm"):
            month = _add_months(issued.replace(day=1), 1 if g.get("nm") else 0)
        else:  # the last month of this quarter or the next
            month = _add_months(issued.replace(day=1), 2 - (issued.month - 1) % 3 + (3 if g.get("nq") else 0))
        return _Read(True, _month_end(month.year, month.month))
    return _Read(False)


def _opens_with(canon: str, at: int, pattern: re.Pattern[str]) -> bool:
    """The sentence (or line) holding ``at`` opens with ``pattern``."""
    stop = canon.rfind(". ", 0, at)
    start = max(canon.rfind("\n", 0, at) + 1, stop + 2 if stop >= 0 else 0)
    return bool(pattern.match(canon, start))


# A day number, perhaps with its month and year, then a dash or "to": where a range of days may stand
_EN_DAY_JOIN = re.compile(r"[0-9](?:st|nd|rd|th)?(?:\s+[A-Za-z]{3,9}\.?)?(?:,?\s+[0-9]{4})?\s*"
                          r"(?:[-–—]|\b(?:to|until|till|through)\b)", re.IGNORECASE)


def _sentence_has(canon: str, at: int, pattern: re.Pattern[str]) -> bool:
    before, after = _clause(canon, at, at, stops=_SENTENCE_STOP | {"."})
    return bool(pattern.search(before + after))


def _en_candidates(canon: str, original: str, issued: Optional[dt.date]) -> list[_Cand]:
    e = _en()
    d = e.data
    mentions = _year_mentions(canon, "en")
    cands: list[_Cand] = []

    def form_at(at: int) -> Optional[re.Match[str]]:
        """The longest date form at ``at`` ("by may" is a verb far more often than a month)."""
        best: Optional[re.Match[str]] = None
        for form in e.forms:
            m = form.match(canon, at)
            if m and (best is None or m.end() > best.end()):
                best = m
        if best is not None and best.groupdict().get("mon") and best.group("mon").lower() == "may" \
                and not original[best.start("mon")].isupper():
            return None
        if best is not None and _EN_UNREAD_TAIL.match(canon, best.end()):
            return None  # "the year after next", "2024/25": the form read is only part of the expression
        return best

    def read(m: re.Match[str], at: int, *, end_of: bool = False) -> _Read:
        return _en_form_date(m.groupdict(), base_year=_base_year(mentions, at, issued), issued=issued, end_of=end_of)

    def add_range(start: int, last: re.Match[str], *, end_of: bool = False) -> None:
        """A range from ``start`` to the form ``last``, due when ``last`` is."""
        found = read(last, start, end_of=end_of)
        if found.ok:
            cand = _Cand(start=start, end=last.end(), kind="date", date=found.due, strength=_STRONG)
            cand.meta.update(range=True, yearless=found.yearless, month_end=found.month_end)
            cands.append(cand)

    for cue in e.cue.finditer(canon):
        end_of = e.end_of.match(canon, cue.end())
        at = end_of.end() if end_of else cue.end()
        clock = None if end_of else e.clock.match(canon, at)
        best = form_at(clock.end() if clock else at)
        if best is None and clock is not None and not clock.group(0).rstrip().endswith(("on", ",")):
            # "by 17:00", "before 5 p.m. today": the document's own day
            cands.append(_Cand(start=cue.start(), end=clock.end() if clock.group("today") else clock.end(0),
                               kind="date", date=issued, strength=_STRONG, confidence=0.8))
            continue
        if best is None:
            continue
        found = read(best, cue.start(), end_of=bool(end_of))
        if found.ok:
            cand = _Cand(start=cue.start(), end=best.end(), kind="date", date=found.due, strength=_STRONG)
            cand.meta.update(yearless=found.yearless, month_end=found.month_end)
            cands.append(cand)
    for start in e.range_start.finditer(canon):
        # "from 1 April to 30 June 2025", "between 1 and 15 April": due at the end of the range
        first = form_at(start.end()) or e.bare_day.match(canon, start.end())
        if first is not None and " to " in first.group():
            add_range(start.start(), first)  # "from mid- to late-September": one form holds the range
            continue
        join = e.range_join.match(canon, first.end()) if first else None
        # ("from August to the end of December": the range's end may be the end of a period)
        end_of = e.end_of.match(canon, join.end()) if join else None
        second = form_at(end_of.end() if end_of else join.end()) if join else None
        if second is None:
            continue
        add_range(start.start(), second, end_of=bool(end_of))
    # Ranges of days need a day number joined to something: a text with none skips the scans below.
    day_ranges = bool(_EN_DAY_JOIN.search(canon))
    for form in e.forms if day_ranges else ():
        if "d0" in form.groupindex:  # "April 12-19" needs no cue: a range is a limit
            for m in form.finditer(canon):
                add_range(m.start(), m)
    for first in (e.forms[0].finditer(canon), e.forms[1].finditer(canon)) if day_ranges else ():
        for m in first:
            # "1 June to 7 June", "June 1 - June 7": two days joined, with no "from"
            join = e.range_join.match(canon, m.end())
            second = form_at(join.end()) if join and join.group().strip() not in ("and",) else None
            if second is None or not second.groupdict().get("d"):
                continue
            add_range(m.start(), second)
    for start in e.start.finditer(canon):
        # "starting from 1 April", "with effect from 1 May": when the work begins (unless a range follows)
        first = form_at(start.end())
        if first is None or first.groupdict().get("d0") or " to " in first.group() or e.range_join.match(
                canon, first.end()) and form_at(
                e.range_join.match(canon, first.end()).end()):
            continue
        found = read(first, start.start())
        if found.ok:
            cands.append(_Cand(start=start.start(), end=first.end(), kind="start", date=found.due, strength=_STRONG))
    for m in e.holiday.finditer(canon):
        year = m.group("y") or m.group("y2")
        due = _day_before_holiday(d["holidays"][re.sub(r"\s+", " ", m.group("name").lower())],
                                  year=int(year) if year else None if issued else _base_year(mentions, m.start(), None),
                                  after=issued)
        cands.append(_Cand(start=m.start(), end=m.end(), kind="date", date=due, strength=_STRONG,
                           confidence=0.85 if due else 0.5))
    for m in e.undated.finditer(canon):
        # "before the flood season": a limit relative to an event the notice does not date
        cands.append(_Cand(start=m.start(), end=m.end(), kind="relative", date=None, strength=_STRONG,
                           confidence=0.5))
    for m in e.ongoing_phrase.finditer(canon):
        cands.append(_Cand(start=m.start(), end=m.end(), kind="ongoing", date=None, strength=_STRONG, confidence=0.8))
    for m in e.nth_of_each.finditer(canon):  # "before the 5th of each month"
        cands.append(_Cand(start=m.start(), end=m.end(), kind="periodic", date=None, strength=_STRONG, confidence=0.8))
    for m in e.weekday.finditer(canon):
        cands.append(_Cand(start=m.start(), end=m.end(), kind="periodic", date=None, strength=_STRONG, confidence=0.8))
    for cue in e.period_cue.finditer(canon):
        # "will complete … in the first half of 2025": a period the sentence says work is due in
        best = form_at(cue.end())
        if best is not None and not (best.groupdict().get("d") or best.groupdict().get("iy")) \
                and (_sentence_has(canon, cue.start(), e.modal) or _opens_with(canon, cue.start(), e.imperative)):
            found = read(best, cue.start(), end_of=True)
            if found.ok:
                cand = _Cand(start=cue.start(), end=best.end(), kind="date", date=found.due, strength=_WEAK,
                             confidence=0.75)
                cand.meta.update(yearless=found.yearless, month_end=found.month_end, period=True)
                cands.append(cand)
    for m in e.deictic_period.finditer(canon):
        # "must organise a drill this month", "is to be finished this quarter"
        if _sentence_has(canon, m.start(), e.modal):
            found = read(m, m.start(), end_of=True)
            cands.append(_Cand(start=m.start(), end=m.end(), kind="date", date=found.due, strength=_WEAK,
                               confidence=0.75))
    for m in e.within_period.finditer(canon):
        found = read(m, m.start(), end_of=True)
        cands.append(_Cand(start=m.start(), end=m.end(), kind="date", date=found.due, strength=_STRONG))
    for m in e.relative.finditer(canon):
        raw_n = m.group("n").lower()
        amount = int(raw_n) if raw_n.isdigit() else int(d["number_words"][raw_n])
        unit = d["relative_units"][re.sub(r"\s+", " ", m.group("u").lower())]
        end = m.end("anchor") if m.group("anchor") else m.end("time") if m.group("time") else m.end("u")
        cand = _Cand(start=m.start(), end=end, kind="relative", date=None, strength=_STRONG)
        if issued is not None and not m.group("event") and ("hours" not in unit or m.group("anchor")):
            cand.date = _add_offset(issued, days=amount * int(unit.get("days", 0)) + math.ceil(
                                    amount * unit.get("hours", 0) / 24),
                                    months=amount * int(unit.get("months", 0)), working=bool(unit.get("working")))
        cands.append(cand)
    for m in e.periodic.finditer(canon):
        cands.append(_Cand(start=m.start(), end=m.end(), kind="periodic", date=None, strength=_STRONG, confidence=0.8))
    opening, closing = "(,;:\n|", "),;.\n|"
    for pattern, kind in ((e.ongoing, "ongoing"), (e.weak_periodic, "periodic")):
        for m in pattern.finditer(canon):
            if _standalone(canon, m.start(), m.end(), opening=opening, closing=closing):
                cands.append(_Cand(start=m.start(), end=m.end(), kind=kind, date=None, strength=_WEAK, confidence=0.8))
    # A period read without a cue ("in the first half of 2025") yields to a time limit its sentence states
    # outright ("…, by the first half of 2023"; "Key Points of Work Safety in 2020: complete the survey by …").
    stated = [c for c in cands if c.strength == _STRONG and c.kind == "date"]
    cands = [c for c in cands if not (c.meta.get("period") and any(_same_sentence(canon, c, o) for o in stated))]
    _roll_over(cands, issued)
    return cands


def _same_sentence(canon: str, first: _Cand, second: _Cand) -> bool:
    """No sentence or line ends between the two expressions."""
    start, end = min(first.end, second.end), max(first.start, second.start)
    between = canon[start:end] if start < end else ""
    return "\n" not in between and ". " not in between


# ---------------------------------------------------------------- public

@lru_cache(maxsize=2)
def _report_patterns(language: Lang) -> tuple[re.Pattern[str], Optional[re.Pattern[str]]]:
    data = load_yaml(f"{language}/deadlines.yaml")
    flags = re.IGNORECASE if language == "en" else 0
    unless = data.get("report_unless")
    return re.compile("|".join(data["report_markers"]), flags), re.compile(unless, flags) if unless else None


def _reports(canon: str, cand: _Cand, language: Lang) -> bool:
    """The sentence reports the past (2023年1—11月，全市共发生事故218起; "By the end of June, the city had
    rectified …"): a date in it is no limit. In Chinese, only a date with weak evidence of a limit is so read (a
    range, a cut-off, a date opening its clause): 前 and 完成 after a date state a limit whatever else is said."""
    if language == "zh" and not any(cand.meta.get(k) for k in ("range", "cut_off", "opens_clause")):
        return False
    stops = _SENTENCE_STOP | ({"."} if language == "en" else set())
    before, after = _clause(canon, cand.start, cand.end, stops=stops)
    sentence = before + after
    markers, unless = _report_patterns(language)
    return bool(markers.search(sentence)) and not (unless and unless.search(sentence))


# How far before a Chinese limit stated outright a past word still makes it an event's date (characters)
_PAST_REACH = 4


def _context_ok(
    canon: str, cand: _Cand, *, past: list[str], meeting: list[str], anchors: list[str], language: Lang,
    forecast: Sequence[str] = (),
) -> bool:
    # English sentences end with "."; in Chinese text "." is a decimal point (1.2万处)
    stops = _CLAUSE_STOP | {"."} if language == "en" else _CLAUSE_STOP
    if cand.kind == "periodic" and language == "en":
        # "Every year, accidents occurred …": an English frequency phrase heads the whole sentence
        stops = _SENTENCE_STOP | {"."}
    before, after = _clause(canon, cand.start, cand.end, stops=stops)
    if _reports(canon, cand, language):
        return False
    if cand.kind == "relative" and any(anchor in before for anchor in anchors):
        # 事故发生后30日内: the event is the anchor of a future time limit, not a past event
        before = ""
    if language == "en":
        before, after = before.lower(), after.lower()
        hit = lambda words, s: any(re.search(rf"\b{re.escape(w)}\b", s) for w in words)  # noqa: E731
    else:
        hit = lambda words, s: any(w in s for w in words)  # noqa: E731
    # past events: 2019年3月21日发生的… / which have occurred … within six months
    window_after = after if language == "en" else after[:12]
    # A Chinese limit stated outright (…于10月15日前报…) is no past event for a past word further back in its
    # clause, which names what is to be reported (将今年以来的工作情况于10月15日前报…): only one next to the
    # date makes it the date of an event (3月5日以来, 造成…死亡的5月1日).
    window_before = before[-_PAST_REACH:] if language == "zh" and cand.strength == _STRONG else before
    if hit(past, window_before) or hit(past, window_after):
        return False
    if cand.strength == _WEAK and cand.kind == "date" and (hit(meeting, before) or hit(meeting, after)):
        return False
    if forecast and (hit(forecast, before) or hit(forecast, window_after)):
        return False
    return True


@lru_cache(maxsize=1)
def _zh_holiday_name() -> re.Pattern[str]:
    """A holiday's name after a date, and what shows the date is no time limit before it: 2017年国庆节期间 (the year
    names which National Day), 10月1日-7日国庆节放假 (the days of the holiday); not 9月30日国庆节前 (a limit)."""
    names = _alt(load_yaml("zh/deadlines.yaml")["holidays"])
    return re.compile(rf"\s*(?:{names})(?:节)?(?!\s*(?:之前|以前|前))|\s*放假")


# A span of days that is itself a holiday or an event's length (放假时间从5月1日至7日, 4月5日至7日共3天), or the days in
# brackets that a period, an order or a daily duty holds for (预警期间(4月9日至13日), 禁火令(1月21日至28日), 每日(…)下午15时前)
_ZH_HOLIDAY_BEFORE = re.compile(r"放假(?:时间)?(?:为|是|从|自)?\s*$|(?:期间|令|每日|每天)\($")
_ZH_DAYS_COUNTED = re.compile(r"\s*[,]?\s*共[0-9一二三四五六七八九十]+天")


def _dates_a_holiday(canon: str, start: int, end: int) -> bool:
    return bool(_zh_holiday_name().match(canon, end) or _ZH_DAYS_COUNTED.match(canon, end)
                or _ZH_HOLIDAY_BEFORE.search(canon, max(0, start - 8), start))


def _cell_finder(cells: list[tuple[int, int]]) -> Callable[[int, int], Optional[int]]:
    """For sorted, disjoint table cells: the index of the cell that holds a span, by bisection (or None)."""
    starts = [s for s, _ in cells]

    def cell_of(start: int, end: int) -> Optional[int]:
        at = bisect.bisect_right(starts, start) - 1
        return at if at >= 0 and end <= cells[at][1] else None

    return cell_of


def find_deadlines(
    text: str, *, canon: str, language: Lang, issued: dt.date | None, cued: Sequence[tuple[int, int]] = (),
    ignored: Sequence[tuple[int, int]] = (),
) -> list[Deadline]:
    """Every completion time for work in ``text``, in document order, non-overlapping.

    ``cued`` are regions where a bare date is a due date: the cells of a table's 完成时限 column.
    ``ignored`` are regions where no date is one: the cells of columns filled in later or recording events
    (排查日期, 复查日期, 完成情况).
    """
    if len(canon) != len(text):
        raise ValueError("canon must be the canonical form of text (same length)")
    data = load_yaml(f"{language}/deadlines.yaml")
    if language == "zh":
        cands = _zh_candidates(canon, issued)
    else:
        cands = _en_candidates(canon, text, issued)
    if cued:
        ordered = sorted(cued)
        cell_of = _cell_finder(ordered)
        filled = set()
        for c in cands:
            at = cell_of(c.start, c.end)
            if at is not None:
                filled.add(at)
                if c.strength is None:
                    c.strength = _WEAK  # the column's header is the cue, as a label is
        ongoing = re.compile(rf"(?:{_alt(data['ongoing'])})", re.IGNORECASE if language == "en" else 0)
        for at, (start, end) in enumerate(ordered):
            # 长期坚持 / "Ongoing" alone in a 完成时限 cell, whatever separates the cells.
            match = None if at in filled else ongoing.fullmatch(canon[start:end].strip())
            if match:
                offset = start + len(canon[start:end]) - len(canon[start:end].lstrip())
                cands.append(_Cand(start=offset, end=offset + len(match.group()), kind="ongoing", date=None,
                                   strength=_WEAK, confidence=0.8))
    if ignored:
        ignored_cell = _cell_finder(sorted(ignored))
        cands = [c for c in cands if ignored_cell(c.start, c.end) is None]
    kept = [
        c for c in cands
        if c.strength is not None
        and not _inside_title(canon, c.start)
        and _context_ok(canon, c, past=data["past_markers"], meeting=data["meeting_markers"],
                       anchors=data.get("event_anchors", []), language=language,
                       forecast=data.get("forecast_markers", []))
    ]
    if language == "zh":
        # the days of a holiday or a period are no limit, nor is any shorter piece of them (4月13日 of 4月9日至4月13日)
        holidays = [(c.start, c.end) for c in cands if _dates_a_holiday(canon, c.start, c.end)]
        kept = [c for c in kept if not any(a <= c.start and c.end <= b for a, b in holidays)]
    out = []
    for c in _resolve_overlaps(kept):
        confidence = c.confidence if c.strength == _STRONG else min(c.confidence, 0.7)
        if c.kind in {"date", "relative"} and c.date is None:
            confidence = min(confidence, 0.7)
        out.append(Deadline(text=text[c.start:c.end], date=c.date, kind=c.kind,  # type: ignore[arg-type]
                            span=(c.start, c.end), confidence=confidence))
    return out


def _doc_year_elsewhere(canon: str, language: Lang) -> Optional[int]:
    """The document's year from the text: one distinct year, reviews counting as the year after.

    "从2019年情况看" / "the situation in 2019" reviews 2019, so a yearless
    dateline belongs to 2020. Several candidate years -> unsure -> None.
    """
    years: set[int] = set()
    reviewed: list[tuple[int, int]] = []
    if language == "zh":
        for m in _zh().review.finditer(canon):
            year = _zh_num(m.group("y"))
            if year:
                years.add(year + 1)
                reviewed.append((m.start(), m.end()))
    else:
        for m in _en().review.finditer(canon):
            years.add(int(m.group("year")) + 1)
            reviewed.append((m.start(), m.end()))
    for offset, year in _year_mentions(canon, language):
        line_start = canon.rfind("\n", 0, offset) + 1
        line = canon[line_start:canon.find("\n", offset) if "\n" in canon[offset:] else len(canon)].lower()
        if "copyright" in line or "©" in line:
            continue
        if any(a <= offset < b for a, b in reviewed):
            continue
        years.add(year)
    return years.pop() if len(years) == 1 else None


def find_issued(text: str, *, canon: str, language: Lang) -> tuple[dt.date, tuple[int, int]] | None:
    """The document's own date and its span, or None when the text does not say it clearly."""
    if len(canon) != len(text):
        raise ValueError("canon must be the canonical form of text (same length)")
    if language == "zh":
        return _agrees_with_number(canon, _zh_issued(canon))
    return _en_issued(canon)


# The document's own number (发文字号): 国办发〔2016〕88号, 鲁水工安字[2011]1号, on a line of its own, in brackets
# after the title, or after a 文号 / 来源 field label. Official documents are numbered in the year they are issued
# (党政机关公文格式 GB/T 9704-2012 7.2.4: the year in 〔〕 is the year of issue).
_NUMBER = r"[\u4e00-\u9fff]{1,12}[〔\[(【]\s*(?P<year>(?:19|20)[0-9]{2})\s*[〕\])】]\s*(?:第\s*)?[0-9]{1,4}\s*号"
_OWN_NUMBERS = (
    re.compile(rf"^[ \t]*\(?{_NUMBER}\)?[ \t]*$", re.MULTILINE),  # on a line of its own
    re.compile(rf"(?:文号|发文字号|字号|来源)[ \t]*:[ \t]*{_NUMBER}"),  # after a field label
    re.compile(rf"(?<=[^》\s])\({_NUMBER}\)[ \t]*$", re.MULTILINE),  # in brackets closing the title, no cited title's
)
_NUMBER_REACH = 800  # the number stands in the head of the document


def _agrees_with_number(canon: str, found: tuple[dt.date, tuple[int, int]] | None
                        ) -> tuple[dt.date, tuple[int, int]] | None:
    """A date of another year than the document's own number is a web page's (2013.12.12 above 鲁水工安字[2011]1号):
    the full date of the number's year that signs the text stands instead, else none."""
    numbers = [m for pattern in _OWN_NUMBERS if (m := pattern.search(canon, 0, _NUMBER_REACH))]
    if found is None or not numbers:
        return found
    year = int(min(numbers, key=lambda m: m.start()).group("year"))
    if found[0].year == year:
        return found
    signed = None
    for m in _zh().full_date.finditer(canon):
        day = _zh_full(m)
        after = canon[m.end():m.end() + 2]
        if day and day.year == year and (not after.strip(_BLANK) or after[:1] in "。.\n"):
            signed = (day, m.span())  # the last one: a signature or a closing date
    return signed


def full_date_at(canon: str, start: int, *, language: Lang) -> Optional[int]:
    """Where a full date that begins at ``start`` (after blanks) ends, or None."""
    pattern = _zh().full_date if language == "zh" else _en().full_date
    m = pattern.match(canon, start + len(canon[start:start + 8]) - len(canon[start:start + 8].lstrip(" \t\u3000")))
    return m.end() if m else None


def dates_a_line(canon: str, start: int, *, language: Lang) -> bool:
    """A full date (2024年3月8日, 二〇二四年三月八日, 2024-03-08, "March 8, 2024") stands alone on the line at ``start``."""
    pattern = _zh().full_date if language == "zh" else _en().full_date
    m = pattern.match(canon, start + len(canon[start:]) - len(canon[start:].lstrip(" \t\u3000")))
    if m is None:
        return False
    line_end = canon.find("\n", m.end())
    return not canon[m.end():len(canon) if line_end < 0 else line_end].strip(_BLANK)


def _zh_full(m: re.Match[str]) -> Optional[dt.date]:
    if m.group("fy"):
        year, month, day = _zh_num(m.group("fy")), _zh_num(m.group("fm")), _zh_num(m.group("fd"))
    else:
        year, month, day = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
    if year is None or month is None or day is None:
        return None
    return _safe_date(year, month, day)


# A page's stamp written day first with its time, at the head of a line near the top: 29.01.2019 03:20
_ZH_DAY_FIRST_STAMP = re.compile(r"^[ \t]*(?P<d>[0-9]{1,2})\.(?P<m>[0-9]{1,2})\.(?P<y>(?:19|20)[0-9]{2})[ \t]+[0-9]{1,2}:[0-9]{2}",
                                 re.MULTILINE)


# The last line: 年, its year's digits gone, then a month and day (年三月二十九日, 年 3 月 29 日)
_ZH_YEARLESS_SIGNATURE = re.compile(r"(?:^|\n)[ \t\u3000]*年[ \t]*(?P<mo>[0-9]{1,2}|[一二三四五六七八九十]{1,2})[ \t]*月[ \t]*"
                                    r"(?P<d>[0-9]{1,2}|[一二三四五六七八九十]{1,3})[ \t]*日[ \t\u3000]*\s*$")


def _zh_issued(canon: str) -> tuple[dt.date, tuple[int, int]] | None:
    z = _zh()
    cues = tuple(z.data["suffix_cues_in_text"]) + tuple(z.data["suffix_cues_outside"])
    def labelled(pattern: re.Pattern[str]) -> Optional[tuple[dt.date, tuple[int, int]]]:
        for lab in pattern.finditer(canon):
            m = z.full_date.match(canon, lab.end())
            if not m:
                continue
            # 活动时间：… is no page date; a page's own field may be glued to its title when written 2023-09-13
            whole_field = not re.match(r"[\u4e00-\u9fff]", canon[lab.start() - 1:lab.start()])
            # a bare 时间 is a page's only among the page's other fields on its line (浏览:2306次 时间:2021年4月22日)
            line = canon[canon.rfind("\n", 0, lab.start()) + 1:lab.start()]
            page_line = bool(re.search(rf"(?:{_alt(z.data['page_fields'])})[^\n]{{0,12}}?:", line))
            if m.group("iy") or (whole_field and (lab.groupdict().get("label") != "时间" or page_line)):
                if day := _zh_full(m):
                    return day, m.span()
        return None

    # 2. the signature: a line that is only a full date (the last one: attachments come after the letter), or that
    # follows the issuer's name; at the very end, after the last sentence
    found = None
    issuers = tuple(z.data["signature_issuer_endings"])
    text_end = len(canon.rstrip(_BLANK))
    signed = set(z.data["signature_suffixes"])
    for m in z.full_date.finditer(canon):
        line_start = canon.rfind("\n", 0, m.start()) + 1
        line_end = canon.find("\n", m.end())
        line_end = len(canon) if line_end < 0 else line_end
        before = canon[line_start:m.start()].strip(_BLANK)
        after = canon[m.end():line_end].strip(_BLANK)
        last = m.end() >= text_end
        # an issuer before the date only where a signature stands, in the closing part of the text
        closing = m.start() >= len(canon) * 0.6
        issuer = closing and before.endswith(issuers) and len(before) <= 30 and not re.search(r"[\t:,;。]", before)
        # a signature flattened onto the line of the last sentence: "…认真贯彻落实。 桐乡市安全生产委员会 2023年4月11日"
        # (blanks around the issuer's name, the date followed by a blank or nothing)
        inline = re.search(r"[。!?][ \t\u3000]+([^\s,;:。!?]{2,30})[ \t\u3000]*$", before)
        flattened = bool(inline) and inline.group(1).endswith(issuers) and (
            not after or canon[m.end():m.end() + 1] in " \t\u3000")
        if before and not (issuer or flattened or last and before.endswith("。")):
            continue
        if after and after not in signed and not flattened:
            continue
        if day := _zh_full(m):
            found = (day, m.span())
    if found:
        return found
    # ... or a signature whose year was lost on its way to the page (　　年三月二十九日: the digits in a font the
    # text layer did not keep), at the very end: the year is the one the text gives elsewhere
    lost = _ZH_YEARLESS_SIGNATURE.search(canon)
    if lost and (year := _doc_year_elsewhere(canon, "zh")):
        month, day_n = _zh_num(lost.group("mo")), _zh_num(lost.group("d"))
        if month and day_n and (day := _safe_date(year, month, day_n)):
            return day, (lost.start("mo"), lost.end("d") + 1)
    # 1. the document's own date field: 成文日期: 2019-04-26
    if found := labelled(z.own_label):
        return found
    # 3. the page's date field: 发布日期: 2019-04-26, 【发布日期】 2009-01-22
    if found := labelled(z.label):
        return found
    # 4. a dateline or a news header near the top: 新华社北京2020年4月10日电 / 2022-01-25 09:43 宁武新闻网, or a
    # date with a time anywhere there (来源:长寿镇 2020-03-31 19:06)
    limit = int(z.data["dateline_max_offset"])
    for m in z.full_date.finditer(canon, 0, limit):
        line_start = canon.rfind("\n", 0, m.start()) + 1
        after = canon[m.end():m.end() + 6]
        if after.lstrip().startswith(cues) or any(c in after[:2] for c in "至到-~"):
            continue
        starts_line = not canon[line_start:m.start()].strip()
        # a page's date written as a field (2017-07-01 向阳 湖南航天, 决策杂志 2021-06-21): at the start of a line or
        # after a source's short name, not inside a sentence
        field_date = m.group("iy") and re.fullmatch(r"[^\s\d,;:。!?至到~-]{0,12}[ \t\u3000]*",
                                                     canon[line_start:m.start()])
        is_dateline = any(after.startswith(s) for s in z.data["dateline_suffixes"])
        # a page's stamp (2021-06-02 10:15), not a labelled time of an activity (时间：3 月 26 日 9:00)
        stamped = re.match(r"\s*[0-9]{1,2}:[0-9]{2}", after) and (
            m.group("iy") or not canon[:m.start()].rstrip().endswith(":"))
        if (starts_line and re.match(r"\s{2,}\S", after + canon[m.end() + 6:m.end() + 8])) or stamped or is_dateline \
                or field_date:
            if day := _zh_full(m):
                return day, m.span()
    m = _ZH_DAY_FIRST_STAMP.search(canon, 0, limit)
    if m and (day := _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))):
        return day, (m.start("d"), m.end("y"))
    # 5. a yearless dateline (中新社上海11月18日电) with the year given elsewhere
    m = z.dateline.search(canon, 0, limit)
    if m:
        year = _doc_year_elsewhere(canon, "zh")
        month, day_n = _zh_num(m.group("mo")), _zh_num(m.group("d"))
        if year and month and day_n and (day := _safe_date(year, month, day_n)):
            return day, (m.start(), m.end() - 1)
    return None


def _en_full(m: re.Match[str]) -> Optional[dt.date]:
    months = _en().data["months"]
    if m.group("iy"):
        return _safe_date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
    if m.group("mon1"):
        return _safe_date(int(m.group("y1")), int(months[m.group("mon1").lower()]), int(m.group("d1")))
    return _safe_date(int(m.group("y2")), int(months[m.group("mon2").lower()]), int(m.group("d2")))


# What may follow a page's date on its line near the top: a time ("09:12", ", 12:49 pm"), a dash, a separator before the place
# ("22 May 2024 / Mumbai, India"), or one capitalised word, the page's section ("01 Sep 2022 Announcements").
_EN_HEADER_REST = re.compile(r",?\s+[0-9]{1,2}:[0-9]{2}|\s*[—–|/-]|\s+[A-Z][a-z]+\s*$")
# (or after a page's byline: "Submitted by maithuy on Tue, 02/28/2012 - 10:05", "Posted by admin on 03/25/2019")
_EN_DATED_NUMERIC = re.compile(r"\b(?:dated\s+(?:the\s+)?|(?:submitted|posted|published)\s+by\s+[^\n]{1,40}?\s+on\s+"
                               r"(?:[a-z]{3,9},?\s+)?)(?P<a>[0-9]{1,2})(?P<sep>[./])(?P<b>[0-9]{1,2})(?P=sep)"
                               r"(?P<y>(?:19|20)[0-9]{2})(?![0-9])", re.IGNORECASE)


# The heading of a numbered order, decree or notification, then "of" and its date
_EN_ORDER_OF = re.compile(r"\b(?:Order|Decree|Directive|Notification|Proclamation|Circular|Ordinance)\s+(?:No\.?\s*)?"
                          r"[0-9][0-9/-]*\s+of\s+(?:the\s+)?", re.IGNORECASE)


def _en_issued(canon: str) -> tuple[dt.date, tuple[int, int]] | None:
    e = _en()
    # 1. a header line: "date 2022-09-20", "Published: March 7, 2024"; a header field "Updated: 2018-07-20"
    for lab in (*e.label.finditer(canon), *e.field.finditer(canon, 0, 600)):
        m = e.full_date.match(canon, lab.end())
        if m and (day := _en_full(m)):
            return day, m.span()
    # ... or a bare "Time" among the page's other fields on its line ("TIME : 2020-01-20    CLICK :"), as 时间 is
    page_fields = e.data.get("page_fields", [])
    for lab in re.finditer(r"(?:^|(?<=[\s\[(]))time\s*:\s*", canon[:600], re.IGNORECASE | re.MULTILINE):
        m = e.full_date.match(canon, lab.end())
        line_end = canon.find("\n", lab.end())
        line = canon[canon.rfind("\n", 0, lab.start()) + 1:line_end if line_end >= 0 else len(canon)]
        if m and re.search(rf"\b(?:{_alt(page_fields)})\s*:", line, re.IGNORECASE) and (day := _en_full(m)):
            return day, m.span()
    # 1b. a news page's date near the top: alone on its line or before a time, or after a place
    reach = int(e.data.get("dateline_max_offset", 400))
    for head in (*e.header.finditer(canon, 0, reach), *e.byline.finditer(canon, 0, reach)):
        m = e.full_date.match(canon, head.end())
        line_end = canon.find("\n", m.end()) if m else -1
        rest = (canon[m.end():line_end] if line_end >= 0 else canon[m.end():]) if m else ""
        if m and (not rest.strip() or _EN_HEADER_REST.match(rest)) and (day := _en_full(m)):
            return day, m.span()
    # 1b'. an order's own date in its heading: "Executive Order 12196 of February 26, 1980"
    for m in _EN_ORDER_OF.finditer(canon, 0, reach):
        date = e.full_date.match(canon, m.end())
        if date and (day := _en_full(date)):
            return day, date.span()
    # 1c. a numeric date after "dated" near the top ("Dhanbad dated the 26.09.2008"), day first unless the month
    # could not be first
    for m in _EN_DATED_NUMERIC.finditer(canon, 0, reach):
        first, second, year = int(m.group("a")), int(m.group("b")), int(m.group("y"))
        day = _safe_date(year, second, first) if first > 12 or m.group("sep") == "." else (
            _safe_date(year, first, second) if second > 12 else None)
        if day:
            return day, (m.start("a"), m.end("y"))
    # 2. a dateline: "Xinhua News Agency, Beijing, April 10th:" (year from the text if not given)
    m = e.dateline.search(canon)
    if m:
        written = m.group("y") or m.group("y_")
        year = int(written) if written else _doc_year_elsewhere(canon, "en")
        month = int(e.data["months"][m.group("mon").lower()])
        end = m.end("y" if m.group("y") else "y_") if written else \
            m.end("d") + len(re.match(r"(?:st|nd|rd|th)?", canon[m.end("d"):], re.I).group(0))
        if year and (day := _safe_date(year, month, int(m.group("d")))):
            return day, (m.start("mon"), end)
    # 3. the signature: the last line that is only a full date
    found = None
    for m in e.full_date.finditer(canon):
        line_start = canon.rfind("\n", 0, m.start()) + 1
        line_end = canon.find("\n", m.end())
        line_end = len(canon) if line_end < 0 else line_end
        if not e.signature_prefix.match(canon[line_start:m.start()].strip()) or canon[m.end():line_end].strip(" \t."):
            continue  # only a date on its line, or the closing "Ends/Thursday, December 4, 2008"
        if day := _en_full(m):
            found = (day, m.span())
    return found
