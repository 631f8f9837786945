"""The next due date of a periodic limit (每月26日前, 每季度末月25日前, 每周五前, every month, quarterly).

``next_occurrence(text, after=day)`` is the first due date strictly after ``day``; None when the words are not read
(the ledger then lists the task with no due date rather than a guessed one).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Optional

_NUM = r"[0-9]{1,2}|[一二三四五六七八九十两]{1,3}"
_WEEKDAYS_ZH = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_WEEKDAYS_EN = {name: i for i, name in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                                  "sunday"))}
_ZH_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return _ZH_DIGITS.get(tens, 1) * 10 + _ZH_DIGITS.get(ones, 0)
    return _ZH_DIGITS[text]


def _month_day(year: int, month: int, day: Optional[int]) -> dt.date:
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, last if day is None else min(day, last))


def _months_after(after: dt.date, months: tuple[int, ...], day: Optional[int]) -> dt.date:
    """The first date after ``after`` that is ``day`` (None: the last day) of one of ``months``."""
    for year in (after.year, after.year + 1, after.year + 2):
        for month in months:
            candidate = _month_day(year, month, day)
            if candidate > after:
                return candidate
    raise ValueError("no occurrence")  # unreachable: every month list holds a month


def next_occurrence(text: str, *, after: dt.date) -> Optional[dt.date]:
    lowered = text.strip().lower()
    every_month = tuple(range(1, 13))
    quarter_ends = (3, 6, 9, 12)
    # 每周五前, every Friday
    found = re.search(r"每(?:个)?(?:周|星期)([一二三四五六日天])", text) or re.search(
        r"\bevery (monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", lowered)
    if found:
        weekday = _WEEKDAYS_ZH.get(found.group(1), _WEEKDAYS_EN.get(found.group(1)))
        return after + dt.timedelta(days=(weekday - after.weekday() - 1) % 7 + 1)
    # 每季度末月25日前, 每季度第一个月10日前, 每季度末
    found = re.search(rf"每(?:个)?季度(末月|最后一个月|首月|第一个月)?(?:({_NUM})[日号])?", text)
    if found:
        first = found.group(1) in ("首月", "第一个月")
        day = _number(found.group(2)) if found.group(2) else None
        return _months_after(after, (1, 4, 7, 10) if first else quarter_ends, day)
    # 每半年
    if re.search(r"每(?:个)?半年", text) or re.search(r"\b(?:semi-?annually|biannually|every (?:half year|six months))\b",
                                                      lowered):
        return _months_after(after, (6, 12), None)
    # 每年12月底前, 每年1月15日前, 每年
    found = re.search(rf"每年(?:({_NUM})月(?:(底|末)|({_NUM})[日号])?)?", text)
    if found:
        month = _number(found.group(1)) if found.group(1) else 12
        day = _number(found.group(3)) if found.group(3) else None
        return _months_after(after, (month,), day)
    if re.search(r"\b(?:annually|every year|each year|once a year|on an annual basis)\b", lowered):
        return _months_after(after, (12,), None)
    # 每月5日前, 每月15日、30日前, 每月底
    found = re.search(rf"每(?:个)?月(?:月)?((?:(?:{_NUM})[日号][、和及]?)+|底|末)?", text)
    if found:
        days = [_number(d) for d in re.findall(rf"({_NUM})[日号]", found.group(1) or "")]
        return min(_months_after(after, every_month, day) for day in (days or [None]))
    found = re.search(r"\b(?:by )?the ([0-9]{1,2})(?:st|nd|rd|th)? of (?:each|every) month\b", lowered)
    if found:
        return _months_after(after, every_month, int(found.group(1)))
    if re.search(r"\b(?:monthly|every month|each month|once a month|on a monthly basis)\b", lowered):
        return _months_after(after, every_month, None)
    if re.search(r"\b(?:quarterly|every quarter|each quarter|once a quarter|on a quarterly basis)\b", lowered):
        return _months_after(after, quarter_ends, None)
    # 每天, 每日, daily; 每周, weekly (a week from the last)
    if re.search(r"每(?:天|日)", text) or re.search(r"\b(?:daily|every day|each day)\b", lowered):
        return after + dt.timedelta(days=1)
    if re.search(r"每(?:个)?(?:周|星期)", text) or re.search(r"\b(?:weekly|every week|each week|once a week)\b", lowered):
        return after + dt.timedelta(days=7)
    return None
