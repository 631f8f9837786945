"""Write models/<lang>/gazetteer.yaml: the body names of the lead and support columns of real task tables.

    python corpus/tools/mine_gazetteer.py

Two sources, both real public documents, never the held-out set:

- the task tables of the real training documents (corpus/gold/train), read as the parser reads them (the original
  file where there is one): the names of their lead and support columns, as the parser cut them;
- the table corpus (corpus/tables/<lang>/*.json): rows of real task-division tables (任务分工表) copied from public
  pages, whose lead and support names were written down by hand, as written in the cells (corpus/tables/README.md).

A name is kept with the forms written for it, how often it was written and the documents it came from. Groups
(各乡镇, 有关部门) are left out: they are a grammar (models/<lang>/collectives.yaml), not names. A form the parser's
name grammar already reads whole is marked ``grammar: true``; the parser looks up only the others, so that the
gazetteer adds what the grammar misses (十六化建, 港务安环部) and costs nothing for what it already knows.

Re-run after the table reader, the name grammar or either corpus changes.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from safetydocs.evaluation import load_gold_dir  # noqa: E402
from safetydocs.pipeline import parse, parse_text  # noqa: E402

# A form shorter than this (办公室, 财政局) names a different body in every text: it is left out.
SHORTEST = {"zh": 4, "en": 10}
COLUMN_EVIDENCE = 0.95  # roles.py: an assignment read from a lead or support column
COLLECTIVE_STARTS = {"zh": ("各", "有关", "相关", "全体"), "en": ("all ", "relevant ", "each ")}
# Words of a group, not a name, wherever they stand in a cell (市直有关部门, 县安委会成员单位, 属地乡镇).
COLLECTIVE_WORDS = {"zh": ("各", "有关", "相关", "全体", "所属", "成员单位", "属地", "等"),
                    "en": (" all ", "relevant", "concerned")}
# A cell that holds more than a name: a sentence, a number, a person or a post (林业发展岗, 分管领导).
NOT_A_NAME = re.compile(r"[\d。，,;；:：!?“”《》\s]|负责|牵头|配合|同志|领导|岗$")
# A cell that names a kind of place, not one body: 村(社区), 乡镇(街道).
GENERIC = re.compile(r"^(?:村|社区|乡镇|乡|镇|街道|村委会|居委会|[()、])+$")


def _entry(found: dict, name: str) -> dict:
    return found.setdefault(name, {"forms": set(), "lookup": set(), "count": 0, "documents": set()})


def mine_training(gold_dir: Path) -> dict[str, dict[str, dict]]:
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
                entry = _entry(found[doc.language], name)
                entry["forms"].add(form)
                if not read_whole(form, doc.language)[1]:
                    entry["lookup"].add(form)
                entry["count"] += 1
                entry["documents"].add(gold.id)
    return found


def load_tables(folder: Path) -> list[dict]:
    """The table corpus of one language; a file whose names are not literal substrings of its text is an error."""
    tables = []
    for path in sorted(folder.glob("*.json")):
        table = json.loads(path.read_text(encoding="utf-8"))
        if table.get("id") != path.stem or not table.get("source"):
            raise ValueError(f"{path}: id must be the file name and source a url")
        for row in table["rows"]:
            for text in (row["task"], *row["lead"], *row["support"]):
                if text not in table["text"]:
                    raise ValueError(f"{path}: {text!r} is not written in the table's text")
        tables.append(table)
    return tables


def table_form(form: str, language: str) -> bool:
    """A cell entry that names one body: long enough, no group word, nothing but the name."""
    padded = f" {form.lower()} "
    return (len(form) >= SHORTEST[language] and not any(w in padded for w in COLLECTIVE_WORDS[language])
            and (language == "en" or (NOT_A_NAME.search(form) is None and GENERIC.match(form) is None)))


def read_whole(form: str, language: str) -> tuple[str, bool]:
    """The parser's name for a form read alone, and whether its name grammar reads the whole form as one body.

    The grammar is asked without the gazetteer: what the gazetteer already holds must not count as read by it.
    """
    from safetydocs.extract.departments import find_mentions
    from safetydocs.structure.normalize import canonical

    text = form + ("。" if language == "zh" else ".")
    for mention in find_mentions(text, canon=canonical(text), language=language, gazetteer=False):
        if mention.kind == "body" and mention.text == form:
            return mention.name, True
    return form, False


def mine_tables(folder: Path, language: str, found: dict[str, dict]) -> None:
    for table in load_tables(folder):
        for row in table["rows"]:
            for form in (*row["lead"], *row["support"]):
                form = form.strip()
                if not table_form(form, language):
                    continue
                name, whole = read_whole(form, language)
                entry = _entry(found, name)
                entry["forms"].add(form)
                if not whole:
                    entry["lookup"].add(form)
                entry["count"] += 1
                entry["documents"].add(table["id"])


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write(language: str, entries: dict[str, dict]) -> Path:
    path = ROOT / "models" / language / "gazetteer.yaml"
    documents = sorted({d for e in entries.values() for d in e["documents"]})
    unread = sum(1 for e in entries.values() if e["lookup"])
    lines = [
        "# Body names read from the lead and support columns of real task tables: the training corpus's",
        "# (corpus/gold/train) and the table corpus's (corpus/tables), each with the forms written for it, how often,",
        "# and the documents it came from. `lookup` lists the forms the name grammar does not read whole: the parser",
        "# looks those up in any text. Written by corpus/tools/mine_gazetteer.py; do not edit by hand.",
        f"# {len(entries)} names from {len(documents)} documents; {unread} with forms to look up.",
        "_sources:",
        '  "*": "the task tables of the real documents listed under documents: corpus/gold/train/<id>.json and '
        'corpus/tables/<lang>/<id>.json name each one\'s public source"',
        "bodies:",
    ]
    for name in sorted(entries, key=lambda n: (-entries[n]["count"], n)):
        entry = entries[name]
        forms = ", ".join(_quote(f) for f in sorted(entry["forms"]))
        docs = ", ".join(sorted(entry["documents"]))
        lookup = sorted(entry["lookup"])
        lookup_text = f", lookup: [{', '.join(_quote(f) for f in lookup)}]" if lookup else ""
        lines.append(f"  {_quote(name)}: {{forms: [{forms}], count: {entry['count']}{lookup_text}, "
                     f"documents: [{docs}]}}")
    if not entries:
        lines[-1] = "bodies: {}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main() -> None:
    found = mine_training(ROOT / "corpus" / "gold" / "train")
    for language, entries in found.items():
        folder = ROOT / "corpus" / "tables" / language
        if folder.is_dir():
            mine_tables(folder, language, entries)
        print(f"{write(language, entries)}: {len(entries)} names")


if __name__ == "__main__":
    main()
