"""Parse throughput and start-up cost, measured in one run (not a test).

    python benchmarks/bench_parse.py [--repeat 20]

Reads the gold texts in corpus/dev, then reports for each language: the
first parse (pipeline start-up: spaCy, jieba, language data), warm
throughput in characters/s, and the process's peak memory.
"""
from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    import safetydocs

    texts: dict[str, list[str]] = {"zh": [], "en": []}
    for path in sorted((ROOT / "corpus" / "dev").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        texts[gold["lang"]].append(gold["text"])

    start = time.perf_counter()
    safetydocs.parse_text(texts["zh"][0])
    safetydocs.parse_text(texts["en"][0])
    startup = time.perf_counter() - start
    print(f"first zh + en parse (start-up included): {startup:.2f} s")
    for language, docs in texts.items():
        chars = sum(len(t) for t in docs) * args.repeat
        start = time.perf_counter()
        for _ in range(args.repeat):
            for text in docs:
                safetydocs.parse_text(text)
        elapsed = time.perf_counter() - start
        per_doc = elapsed / (len(docs) * args.repeat) * 1000
        print(f"{language}: {len(docs) * args.repeat} documents, {chars / elapsed:,.0f} chars/s, {per_doc:.1f} ms/document")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
