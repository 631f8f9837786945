"""The figures of a strict evaluation that the quality gate records and compares (see test_quality.py)."""
from __future__ import annotations

from safetydocs.evaluation import ACCURACY_FIELDS, COUNT_FIELDS, EvalReport

# deadline_text is a diagnostic (the expression found, whatever its date); the gate keeps the strict fields.
GATED_COUNTS = tuple(f for f in COUNT_FIELDS if f != "deadline_text")


def figures(report: EvalReport) -> dict[str, float]:
    """``{"zh.lead.f1": 0.41, "en.tasks.recall": 0.6, "all.language.accuracy": 1.0, ...}`` for defined values."""
    out: dict[str, float] = {}
    for group, totals in report.totals.items():
        for field in GATED_COUNTS:
            counts = totals.counts[field]
            for measure in ("precision", "recall", "f1"):
                value = getattr(counts, measure)
                if value is not None:
                    out[f"{group}.{field}.{measure}"] = round(value, 4)
        for field in ACCURACY_FIELDS:
            value = totals.accuracy[field].accuracy
            if value is not None:
                out[f"{group}.{field}.accuracy"] = round(value, 4)
    return out
