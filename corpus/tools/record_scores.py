"""Record the strict held-out figures that tests/test_quality.py guards.

    python corpus/tools/record_scores.py          # writes corpus/gold/heldout/SCORES.json

Run it in the commit that improves a figure; never to hide a fall.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.corpus_scores import figures  # noqa: E402

from safetydocs.evaluation import evaluate  # noqa: E402

HELDOUT = ROOT / "corpus" / "gold" / "heldout"


def main() -> None:
    report = evaluate(HELDOUT)
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = None
    record = {
        "command": "safetydocs eval corpus/gold/heldout",
        "measured_on": commit,
        "documents": {group: totals.documents for group, totals in report.totals.items()},
        "figures": figures(report),
    }
    (HELDOUT / "SCORES.json").write_text(json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"recorded {len(record['figures'])} figures on {record['documents']['all']} documents")


if __name__ == "__main__":
    main()
