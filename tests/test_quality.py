"""The quality gate: strict scores on the frozen held-out set may not fall.

``corpus/gold/heldout/SCORES.json`` records the figures of the last change that
moved them. A field more than ``TOLERANCE`` below its record fails the suite;
a change that improves a figure updates the record in the same commit
(``python corpus/tools/record_scores.py``).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from safetydocs.evaluation import evaluate

HELDOUT = Path(__file__).resolve().parent.parent / "corpus" / "gold" / "heldout"
RECORD = HELDOUT / "SCORES.json"
TOLERANCE = 0.02

pytestmark = pytest.mark.skipif(not RECORD.is_file(), reason="no recorded held-out scores")


@pytest.fixture(scope="module")
def measured() -> dict:
    from tests.corpus_scores import figures  # the one definition of the recorded figures

    return figures(evaluate(HELDOUT))


def _recorded() -> dict:
    return json.loads(RECORD.read_text(encoding="utf-8"))["figures"]


@pytest.mark.parametrize("key", sorted(_recorded()) if RECORD.is_file() else [])
def test_heldout_figure_does_not_fall(measured: dict, key: str) -> None:
    recorded = _recorded()[key]
    now = measured.get(key)
    assert now is not None, f"{key}: recorded {recorded}, no longer measured"
    assert now >= recorded - TOLERANCE, f"{key}: {now:.3f} < recorded {recorded:.3f} - {TOLERANCE}"


def test_record_is_current(measured: dict) -> None:
    # A figure that rose by more than the tolerance must be recorded, so that it cannot fall back unnoticed.
    risen = {k: (v, measured[k]) for k, v in _recorded().items()
             if measured.get(k) is not None and measured[k] > v + TOLERANCE}
    assert not risen, f"update {RECORD.name} (python corpus/tools/record_scores.py): {risen}"
