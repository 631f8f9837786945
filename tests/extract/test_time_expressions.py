"""The time-expression table (tests/extract/data/time_expressions_{zh,en}.yaml): sentences written for the tests
from the conventions of the deadline grammar, each with its document date and the deadlines a reader finds in it.

The table passes when at least 98 % of its expressions (and of its sentences with no deadline) are read right,
and no failure is a wrong date: what the grammar cannot read it reports with no date, or not at all.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from safetydocs.extract.deadlines import find_deadlines
from safetydocs.structure.normalize import canonical

DATA = Path(__file__).parent / "data"


def _rows(language: str) -> list[dict]:
    return yaml.safe_load((DATA / f"time_expressions_{language}.yaml").read_text(encoding="utf-8"))


def _iso(value) -> str | None:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def grade(language: str) -> tuple[int, list[str], list[str]]:
    """(cases read right, failures with no date, failures with a wrong date or kind)."""
    right, unread, wrong = 0, [], []
    for row in _rows(language):
        text = row["text"]
        found = find_deadlines(text, canon=canonical(text), language=language, issued=row["ref"])
        claimed = set()
        for expected in row["expect"]:
            start = text.index(expected["text"])
            end = start + len(expected["text"])
            hits = [d for d in found if d.span[0] < end and start < d.span[1]]
            claimed.update(id(d) for d in hits)
            got = [(_iso(d.date), d.kind) for d in hits]
            want = (_iso(expected["date"]), expected["kind"])
            line = f"{text!r} @ {row['ref']}: {expected['text']!r} want {want} got {got}"
            if want in got:
                right += 1
            elif all(date is None for date, _ in got):
                unread.append(line)
            else:
                wrong.append(line)
        extra = [d for d in found if id(d) not in claimed and d.date is not None]
        if extra:
            wrong.append(f"{text!r} @ {row['ref']}: no deadline expected, got "
                         f"{[(d.text, _iso(d.date), d.kind) for d in extra]}")
        elif not row["expect"]:
            right += 1
    return right, unread, wrong


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_table_is_read_right_and_never_with_a_wrong_date(language):
    right, unread, wrong = grade(language)
    total = right + len(unread) + len(wrong)
    assert not wrong, "\n".join(wrong)
    assert right / total >= 0.98, "\n".join(unread)


def test_the_table_is_large_enough_and_well_formed():
    expressions = 0
    for language in ("zh", "en"):
        for row in _rows(language):
            assert isinstance(row["ref"], (dt.date, type(None)))
            for expected in row["expect"]:
                assert expected["text"] in row["text"]
                assert expected["kind"] in {"date", "relative", "periodic", "ongoing", "start"}
                expressions += 1
    assert expressions >= 250
