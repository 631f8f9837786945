"""Split newly annotated documents between train and held-out, at random, and freeze the held-out set.

    python corpus/tools/split_heldout.py corpus/gold/pool --seed 20261130

Run once, before any rule work looks at the new documents. Every real document in the pool goes to
``corpus/gold/train`` or ``corpus/gold/heldout``; the draw is stratified (original files, Chinese texts, English
texts), takes ``--share`` of each stratum and at least ``--min-files`` original files, and depends only on the
seed and the sorted list of ids. ``corpus/gold/heldout/MANIFEST`` then records the SHA-256 of every held-out gold
file and original file; tests/test_corpus.py fails when one changes without its line.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import shutil
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1]
GOLD = CORPUS / "gold"


def _stratum(doc: dict) -> str:
    return "file" if doc.get("file") else f"text-{doc['lang']}"


def _move(path: Path, doc: dict, folder: Path) -> Path:
    """Write the gold file into ``folder``, its ``file`` path rewritten relative to the new place."""
    folder.mkdir(parents=True, exist_ok=True)
    if doc.get("file"):
        original = (path.parent / doc["file"]).resolve()
        doc["file"] = Path(_relative(original, folder)).as_posix()
    target = folder / path.name
    if target.exists():
        raise SystemExit(f"{target} exists already: ids must be unique")
    target.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    path.unlink()
    return target


def _relative(target: Path, start: Path) -> str:
    import os

    return os.path.relpath(target, start)


def write_manifest(heldout: Path = GOLD / "heldout") -> Path:
    lines = ["# SHA-256 of every held-out file, relative to corpus/. Frozen: see corpus/README.md."]
    files = []
    for path in sorted(p for p in heldout.glob("*.json") if p.name != "SCORES.json"):
        files.append(path)
        doc = json.loads(path.read_text(encoding="utf-8"))
        if doc.get("file"):
            files.append((path.parent / doc["file"]).resolve())
    for path in files:
        lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.relative_to(CORPUS).as_posix()}")
    manifest = heldout / "MANIFEST"
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return manifest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pool", type=Path)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--share", type=float, default=0.3)
    parser.add_argument("--min-files", type=int, default=10)
    args = parser.parse_args()

    docs = {}
    for path in sorted(args.pool.rglob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        if doc.get("origin") != "real":
            raise SystemExit(f"{path}: only real documents are split")
        docs[doc["id"]] = (path, doc)
    strata: dict[str, list[str]] = {}
    for doc_id, (_, doc) in sorted(docs.items()):
        strata.setdefault(_stratum(doc), []).append(doc_id)
    rng = random.Random(args.seed)
    heldout: set[str] = set()
    for name in sorted(strata):
        ids = strata[name]
        take = math.ceil(args.share * len(ids))
        if name == "file":
            take = min(len(ids), max(take, args.min_files))
        heldout.update(rng.sample(ids, take))
    for doc_id, (path, doc) in sorted(docs.items()):
        _move(path, doc, GOLD / ("heldout" if doc_id in heldout else "train"))
    manifest = write_manifest()
    counts = {name: (sum(i in heldout for i in ids), len(ids)) for name, ids in sorted(strata.items())}
    print(f"held out {len(heldout)} of {len(docs)} (per stratum held/all: {counts}); {manifest}")


if __name__ == "__main__":
    main()
