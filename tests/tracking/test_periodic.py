from __future__ import annotations

import datetime as dt

import pytest

from safetydocs.tracking.periodic import next_occurrence

DAY = dt.date(2024, 3, 20)  # a Wednesday


@pytest.mark.parametrize("text, expected", [
    ("每月26日前", dt.date(2024, 3, 26)),
    ("每月5日前", dt.date(2024, 4, 5)),
    ("每月15日、30日前", dt.date(2024, 3, 30)),
    ("每月底", dt.date(2024, 3, 31)),
    ("每月三十一日前", dt.date(2024, 3, 31)),
    ("每季度末月25日前", dt.date(2024, 3, 25)),
    ("每季度第一个月10日前", dt.date(2024, 4, 10)),
    ("每季度末", dt.date(2024, 3, 31)),
    ("每半年", dt.date(2024, 6, 30)),
    ("每年12月底前", dt.date(2024, 12, 31)),
    ("每年1月15日前", dt.date(2025, 1, 15)),
    ("每周五前", dt.date(2024, 3, 22)),
    ("每周三", dt.date(2024, 3, 27)),  # strictly after the day
    ("每天", dt.date(2024, 3, 21)),
    ("every month", dt.date(2024, 3, 31)),
    ("by the 10th of each month", dt.date(2024, 4, 10)),
    ("quarterly", dt.date(2024, 3, 31)),
    ("annually", dt.date(2024, 12, 31)),
    ("every Friday", dt.date(2024, 3, 22)),
    ("weekly", dt.date(2024, 3, 27)),
])
def test_next_occurrence(text: str, expected: dt.date) -> None:
    assert next_occurrence(text, after=DAY) == expected


def test_february_has_no_thirtieth() -> None:
    assert next_occurrence("每月30日前", after=dt.date(2024, 1, 31)) == dt.date(2024, 2, 29)


@pytest.mark.parametrize("text", ["定期", "长期坚持", "from time to time"])
def test_unread_words_give_no_date(text: str) -> None:
    assert next_occurrence(text, after=DAY) is None
