"""The learning loop, measured: strict held-out scores before and after training on N reviewed documents.

    python benchmarks/bench_review_learning.py            # N = 40 documents, seed 0
    python benchmarks/bench_review_learning.py --n 80 --seed 3

N training documents are taken out of the training corpus. "Before" trains on the rest. "After" puts the N documents
through the review store the way the review pages do: each is parsed, stored, corrected until it says what its gold
file says (tasks deleted and added, lead and support set, deadlines fixed: the corrections a careful reviewer makes),
marked reviewed, exported with `safetydocs review export-gold` and trained on with the rest. Both runs train a copy
of models/ and score the frozen held-out set through SAFETYDOCS_MODELS, so only the reviewed documents differ.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIELDS = ("tasks", "lead", "support", "departments", "collectives")


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause a gold anchor stands in: from the last stop or line break before it to the next after it."""
    before = max(text.rfind(c, 0, start) for c in "。；;\n") + 1
    after = [i for i in (text.find(c, end) for c in "。；;\n") if i >= 0]
    return before, (min(after) + 1 if after else len(text))


def _same(gold_name: str, assignment, language: str) -> bool:
    from safetydocs.evaluation import normalize_name
    from safetydocs.extract.departments import alias_name

    key = normalize_name(gold_name)
    return key in (normalize_name(assignment.department), normalize_name(assignment.mention)) or \
        normalize_name(alias_name(gold_name, language=language)) == normalize_name(assignment.department)


def review_like_the_gold(store, doc_id: int, gold) -> int:
    """Correct the stored parse until its tasks, roles and deadlines are the gold's; the number of corrections."""
    made = 0

    def correct(**data) -> None:
        nonlocal made
        store.correct(doc_id, data, reviewer="benchmark")
        made += 1

    document = store.corrected(doc_id)
    text = document.text
    anchors = {}
    for task in gold.tasks:
        at = text.find(task.anchor)
        if at >= 0:
            anchors[task.anchor] = (at, at + len(task.anchor), task)
    # tasks the gold does not list go (only where the gold lists every task); missed ones are added
    for parsed in list(document.tasks):
        holds = [a for a, (s, e, _) in anchors.items() if parsed.span[0] <= s and e <= parsed.span[1]]
        if not holds and gold.exhaustive_tasks:
            correct(op="task.delete", task=parsed.id)
    for start, end, _ in anchors.values():
        current = store.corrected(doc_id)
        if not any(t.span[0] <= start and end <= t.span[1] for t in current.tasks):
            s, e = _sentence(text, start, end)
            if text[s:e].strip():
                correct(op="task.add", start=s, end=e)
    for start, end, gold_task in anchors.values():
        current = store.corrected(doc_id)
        task = next((t for t in current.tasks if t.span[0] <= start and end <= t.span[1]), None)
        if task is None:
            continue
        wanted = {name: "lead" for name in gold_task.lead} | {name: "support" for name in gold_task.support
                                                             if name not in gold_task.lead}
        # a name the parser wrote otherwise (市住建局 as 市住房和城乡建设局) is the gold's name: kept, as a reviewer
        # would keep it; only what the gold does not hold goes, and only what the parser missed is added
        kept: dict[str, str] = {}
        for assignment in task.assignments:
            gold_name = next((n for n in wanted if _same(n, assignment, current.language)), None)
            if gold_name is None:
                correct(op="role.remove", task=task.id, department=assignment.department)
            else:
                kept[gold_name] = assignment.department
                if assignment.role != wanted[gold_name]:
                    correct(op="role.set", task=task.id, department=assignment.department, role=wanted[gold_name])
        for name, role in wanted.items():
            if name not in kept:
                correct(op="role.set", task=task.id, department=name, role=role)
        deadline = gold_task.deadline
        if deadline is not None and (task.deadline is None or task.deadline.text != deadline.text):
            correct(op="deadline.set", task=task.id, text=deadline.text,
                    date=deadline.date.isoformat() if deadline.date else None, kind=deadline.kind)
    correct(op="document.reviewed", reviewed=True)
    return made


def _train_and_score(corpus: Path, models: Path) -> dict:
    shutil.copytree(ROOT / "models", models)
    env = {**os.environ, "SAFETYDOCS_MODELS": str(models)}
    subprocess.run([sys.executable, "-m", "safetydocs", "train", str(corpus), "--out", str(models)], env=env,
                   check=True, capture_output=True)
    out = subprocess.run([sys.executable, "-m", "safetydocs", "eval", str(ROOT / "corpus" / "gold" / "heldout"),
                          "--json"], env=env, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def _f1(report: dict, field: str) -> str:
    value = report["totals"]["all"]["counts"].get(field)
    return f"{value['f1']:.3f}" if value else "-"


def main() -> None:
    from safetydocs.evaluation import load_gold
    from safetydocs.pipeline import parse_text
    from safetydocs.review import ReviewStore
    from safetydocs.review.service import export_gold

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=40)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    train = sorted((ROOT / "corpus" / "gold" / "train").glob("*.json"))
    plain = [p for p in train if '"file"' not in p.read_text(encoding="utf-8")[:400]
             and json.loads(p.read_text(encoding="utf-8")).get("origin", "real") == "real"]
    chosen = set(random.Random(args.seed).sample(plain, args.n))
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        corpus = work / "corpus"
        (corpus / "gold" / "train").mkdir(parents=True)
        (corpus / "files").symlink_to(ROOT / "corpus" / "files")
        for path in train:
            if path not in chosen:
                shutil.copy(path, corpus / "gold" / "train" / path.name)

        started = time.perf_counter()
        before = _train_and_score(corpus, work / "models-before")

        store = ReviewStore(work / "review.sqlite")
        corrections = 0
        for path in sorted(chosen):
            gold = load_gold(path)
            document = parse_text(gold.text, lang=gold.lang)
            doc_id = store.add(document, data=gold.text.encode("utf-8"), file_name=path.name, reviewer="benchmark")
            corrections += review_like_the_gold(store, doc_id, gold)
        exported = export_gold(store, out=corpus / "gold" / "reviewed")
        after = _train_and_score(corpus, work / "models-after")

    print(f"review learning loop: {len(train) - args.n} training documents, then {len(exported)} reviewed "
          f"({corrections} corrections), seed {args.seed}; strict held-out F1 ({time.perf_counter() - started:.0f} s)")
    print(f"{'field':<14}{'before':>8}{'after':>8}")
    for field in FIELDS:
        print(f"{field:<14}{_f1(before, field):>8}{_f1(after, field):>8}")


if __name__ == "__main__":
    main()
