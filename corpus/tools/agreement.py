"""Inter-annotator agreement: two independent gold annotations of the same texts, scored against each other by
the project's own strict scorer (safetydocs.evaluation.score_document).

    python corpus/tools/agreement.py corpus/agreement/second corpus/gold/train

The first folder holds the second annotator's files; each is paired with the file of the same id in the second
folder. Annotation B is turned into a prediction: its task spans are the sentences its anchors stand in (a
sentence or clause ends at 。；！？ or a line break; in English at . ; ! ? and line breaks), its bodies and
collectives are its lists, its deadlines and issued date its own. Then the two are scored both ways
(A as gold, B as gold) and the figures printed are the mean of the two directions, per language and overall, in
the layout of `safetydocs eval`. They bound what any parser can score against one annotator: a field on which two
careful annotators agree at 0.7 cannot be met at 0.85 against either of them.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from safetydocs.evaluation import (Counts, DocumentScore, GoldDocument, _find_anchor, load_gold, load_gold_dir,
                                   score_document)
from safetydocs.model import Assignment, Deadline, Department, Document, Task
from safetydocs.structure.normalize import canonical

FIELDS = ("tasks", "lead", "support", "departments", "collectives", "deadlines", "industries", "task_industries")
ACCURACIES = ("task_due", "issued")
_UNIT_END = {"zh": re.compile(r"[。;!?\n]"), "en": re.compile(r"[.;!?](?=\s)|\n")}


def _unit(canon: str, anchor: tuple[int, int], language: str) -> tuple[int, int]:
    """The sentence or clause the anchor stands in, widened to hold the whole anchor."""
    end_mark = _UNIT_END[language]
    start = 0
    for m in end_mark.finditer(canon, 0, anchor[0]):
        start = m.end()
    m = end_mark.search(canon, anchor[1])
    end = m.end() if m else len(canon)
    return start, max(end, anchor[1])


def as_prediction(gold: GoldDocument) -> Document:
    """Annotation ``gold`` as the parser's output would carry it."""
    canon = canonical(gold.text)
    tasks = []
    for number, task in enumerate(gold.tasks):
        anchor = _find_anchor(canon, task.anchor)
        if anchor is None:
            continue
        span = _unit(canon, anchor, gold.lang)
        assignments = [Assignment(department=name, mention=name, role=role, span=span)
                       for role in ("lead", "support") for name in getattr(task, role)]
        deadline = (Deadline(text=task.deadline.text, date=task.deadline.date, kind=task.deadline.kind, span=span)
                    if task.deadline else None)
        tasks.append(Task(id=f"t{number}", text=gold.text[span[0]:span[1]], span=span, assignments=assignments,
                          deadline=deadline, industries=list(task.industries)))
    departments = [Department(id=f"d{i}", name=name, mentions=[name], kind="body")
                   for i, name in enumerate(gold.departments)]
    departments += [Department(id=f"c{i}", name=name, mentions=[name], kind="collective")
                    for i, name in enumerate(gold.collectives)]
    deadlines = [Deadline(text=d.text, date=d.date, kind=d.kind, span=(0, 0)) for d in gold.deadlines]
    from safetydocs.model import Industry
    industries = [Industry(code=code, name_zh=code, name_en=code, count=1) for code in gold.industries]
    return Document(source=gold.id, language=gold.lang, issued=gold.issued, text=gold.text, tasks=tasks,
                    departments=departments, deadlines=deadlines, industries=industries)


def _both_ways(first: GoldDocument, second: GoldDocument) -> list[DocumentScore]:
    """Scores of B against A and of A against B. Only a document both call exhaustive counts precision."""
    exhaustive = first.exhaustive_tasks and second.exhaustive_tasks
    a = first.model_copy(update={"exhaustive_tasks": exhaustive})
    b = second.model_copy(update={"exhaustive_tasks": exhaustive})
    return [score_document(as_prediction(b), a), score_document(as_prediction(a), b)]


def _f1(counts: Counts) -> tuple[float, float, float]:
    p = counts.tp_scored / (counts.tp_scored + counts.fp) if counts.tp_scored + counts.fp else 0.0
    r = counts.tp / (counts.tp + counts.fn) if counts.tp + counts.fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def agreement(pairs: list[tuple[GoldDocument, GoldDocument]]) -> dict[str, dict[str, tuple]]:
    """Per language and "all": field -> (P, R, F1) averaged over the two directions, accuracy -> (acc, n)."""
    out: dict[str, dict[str, tuple]] = {}
    for language in ("zh", "en", "all"):
        chosen = [p for p in pairs if language == "all" or p[0].lang == language]
        if not chosen:
            continue
        directions = list(zip(*[_both_ways(a, b) for a, b in chosen]))
        row: dict[str, tuple] = {}
        for field in FIELDS:
            figures = []
            for scores in directions:
                total = Counts()
                for score in scores:
                    c = score.counts[field]
                    total.tp += c.tp
                    total.tp_scored += c.tp_scored
                    total.fp += c.fp
                    total.fn += c.fn
                figures.append(_f1(total))
            row[field] = tuple(sum(f[k] for f in figures) / len(figures) for k in range(3))
        for field in ACCURACIES:
            correct = sum(s.accuracy[field].correct for s in directions[0])
            total = sum(s.accuracy[field].total for s in directions[0])
            row[field] = (correct / total if total else 0.0, total)
        row["documents"] = (len(chosen),)
        out[language] = row
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("second", type=Path, help="folder of the second annotator's gold files")
    parser.add_argument("first", type=Path, help="folder holding the first annotation of the same ids")
    args = parser.parse_args(argv)
    firsts = {g.id: g for g in load_gold_dir(args.first)}
    pairs = []
    for second in load_gold_dir(args.second):
        if second.id not in firsts:
            print(f"{second.id}: no first annotation in {args.first}", file=sys.stderr)
            return 1
        pairs.append((firsts[second.id], second))
    table = agreement(pairs)
    languages = list(table)
    print("field            " + "".join(f"{lang} (n={table[lang]['documents'][0]})".ljust(21) for lang in languages))
    print("                 " + "P     R     F1       " * len(languages))
    for field in FIELDS:
        print(field.ljust(17) + "".join("{:.3f} {:.3f} {:.3f}    ".format(*table[lang][field]) for lang in languages))
    for field in ACCURACIES:
        print(field.ljust(17) + "".join(f"acc {table[lang][field][0]:.3f} n={table[lang][field][1]}".ljust(21)
                                        for lang in languages))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
