"""Strict scores on the documents that hold a task table or a responsibility note.

    python corpus/tools/layout_scores.py corpus/gold/heldout
    python corpus/tools/layout_scores.py corpus/gold/train -v     # train only: every missed and spurious item

Which documents count is decided by the structure passes alone, before any task is extracted: a table
whose header names a task or problem column (models/<lang>/table_headers.yaml), or a responsibility note
((牵头单位：…), 责任单位：…). The gold annotations are not read to choose them.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from safetydocs.evaluation import EvalReport, Totals, evaluate, format_errors, format_table  # noqa: E402


def _layout_of(raw_text: str, tables: Optional[list], language: str) -> set[str]:
    from safetydocs.extract.table_tasks import plan_columns
    from safetydocs.structure.normalize import canonical
    from safetydocs.structure.notes import find_notes
    from safetydocs.structure.tables import find_text_tables

    found = set()
    all_tables = list(tables or []) + find_text_tables(raw_text)
    if any(plan_columns(t, language=language) is not None for t in all_tables):
        found.add("table")
    if find_notes(canonical(raw_text), language=language):
        found.add("note")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold_dir")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()

    from safetydocs.ingest import read
    from safetydocs.pipeline import parse_raw, parse_text
    from safetydocs.structure.language import detect_language
    from safetydocs.structure.normalize import canonical

    layouts: dict[str, set[str]] = {}

    def run(*, text: str, source: str, file: Optional[Path] = None):
        if file is not None:
            raw = read(file)
            layouts[source] = _layout_of(raw.text, raw.tables, detect_language(canonical(raw.text)))
            return parse_raw(raw)
        layouts[source] = _layout_of(text, None, detect_language(canonical(text)))
        return parse_text(text, source=source)

    report = evaluate(args.gold_dir, parser=run)
    subset = EvalReport(gold_dir=report.gold_dir)
    subset.totals = {group: Totals() for group in report.totals}
    for score in report.documents:
        if layouts.get(score.id):
            subset.documents.append(score)
            subset.totals[score.lang].add(score)
            subset.totals["all"].add(score)
    tables = sum("table" in v for v in layouts.values())
    notes = sum("note" in v for v in layouts.values())
    print(f"{len(subset.documents)} of {len(report.documents)} documents hold a task table ({tables}) "
          f"or a responsibility note ({notes})")
    print(format_table(subset))
    if args.verbose:
        print(format_errors(subset))


if __name__ == "__main__":
    main()
