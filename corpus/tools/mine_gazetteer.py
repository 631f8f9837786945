"""Write models/<lang>/gazetteer.yaml: the body names of the lead and support columns of real task tables.

    python corpus/tools/mine_gazetteer.py

Every real training document (corpus/gold/train, never the held-out set) is read as the parser reads it: its
original file where it has one, else its text. The cells of the columns a task table heads 牵头单位 / 配合单位 /
责任单位 (or "Lead unit", "Responsible unit"...) are cut into names as the parser cuts them. A name is kept
with the forms written for it, how often it was written and the documents it came from. Groups (各乡镇,
有关部门) are left out: they are a grammar (models/<lang>/collectives.yaml), not names.

The parser then knows these names in any text, and the short forms written in a table name the same body
as the full form (县应急局 → 县应急管理局). Re-run after the table reader or the corpus changes.
"""
from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from safetydocs.evaluation import load_gold_dir  # noqa: E402
from safetydocs.pipeline import parse, parse_text  # noqa: E402

# A form shorter than this (办公室, 财政局) names a different body in every text: it is left out.
SHORTEST = {"zh": 4, "en": 10}
COLUMN_EVIDENCE = 0.95  # roles.py: an assignment read from a lead or support column
COLLECTIVE_STARTS = {"zh": ("各", "有关", "相关", "全体"), "en": ("all ", "relevant ", "each ")}


def mine(gold_dir: Path) -> dict[str, dict[str, dict]]:
    found: dict[str, dict[str, dict]] = {"zh": {}, "en": {}}
    for gold in load_gold_dir(gold_dir):
        if gold.origin != "real":
            continue  # composed and translated texts name bodies of no real place
        path = gold.file_path
        doc = parse(path) if path is not None else parse_text(gold.text, source=gold.id)
        kinds = {d.name: d.kind for d in doc.departments + doc.other_bodies}
        for task in doc.tasks:
            if task.origin != "table_row":
                continue
            for assignment in task.assignments:
                name, form = assignment.department, assignment.mention.strip()
                if assignment.confidence < COLUMN_EVIDENCE or kinds.get(name, "body") != "body":
                    continue
                if len(form) < SHORTEST[doc.language] or form.lower().startswith(COLLECTIVE_STARTS[doc.language]):
                    continue
                entry = found[doc.language].setdefault(name, {"forms": set(), "count": 0, "documents": set()})
                entry["forms"].add(form)
                entry["count"] += 1
                entry["documents"].add(gold.id)
    return found


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write(language: str, entries: dict[str, dict]) -> Path:
    path = ROOT / "models" / language / "gazetteer.yaml"
    documents = sorted({d for e in entries.values() for d in e["documents"]})
    lines = [
        "# Body names read from the lead and support columns of real task tables in the training corpus",
        "# (corpus/gold/train): each with the forms written for it, how often, and the documents it came from.",
        "# Written by corpus/tools/mine_gazetteer.py; do not edit by hand.",
        f"# {len(entries)} names from {len(documents)} documents.",
        "_sources:",
        '  "*": "the task tables of the training documents listed under documents (corpus/gold/train/<id>.json '
        'names each one\'s public source)"',
        "bodies:",
    ]
    for name in sorted(entries, key=lambda n: (-entries[n]["count"], n)):
        entry = entries[name]
        forms = ", ".join(_quote(f) for f in sorted(entry["forms"]))
        docs = ", ".join(sorted(entry["documents"]))
        lines.append(f"  {_quote(name)}: {{forms: [{forms}], count: {entry['count']}, documents: [{docs}]}}")
    if not entries:
        lines[-1] = "bodies: {}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main() -> None:
    found = mine(ROOT / "corpus" / "gold" / "train")
    for language, entries in found.items():
        print(f"{write(language, entries)}: {len(entries)} names")


if __name__ == "__main__":
    main()
