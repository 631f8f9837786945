"""Every speed figure beside its baseline, as ratios measured in one run (not a test).

    python benchmarks/run.py            # all five parts; about three minutes on two cores
    python benchmarks/run.py --quick    # smaller inputs, for a look while working

1. Chinese end to end, warm, against `jieba.lcut` over the same text, on 1, 10, 100 and 200 pages (a page is
   1,500 characters of real notices from corpus/gold/train: one page is up to twenty one-page notices parsed one by one,
   more pages the notices joined); target >= 1.0x and flat within 20 %.
2. English end to end, warm, characters/s; target >= 1,000,000.
3. Cold start of `safetydocs parse` on a one-page notice against `python -c "import jieba; jieba.lcut('安全')"`
   (best of three each, the package compiled to bytecode as an install does); target <= 1.3x.
4. A real 224-page PDF (corpus/files): reading it, and parsing it whole, against pdfplumber's `extract_text` over
   every page; target >= 10x.
5. Batch: `--workers 2` against `--workers 1` on generated notices (benchmarks/bench_batch.py); target >= 1.85x,
   peak <= 300 MiB per worker.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = 1_500  # characters of a printed page of a notice
PDF = ROOT / "corpus" / "files" / "h" / "zh-notice-national-anweiban-2024.pdf"


def _texts(language: str) -> list[str]:
    texts = []
    for path in sorted((ROOT / "corpus" / "gold" / "train").glob(f"{language}-*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if gold.get("origin", "real") == "real":
            texts.append(gold["text"])
    return texts


def _pages(texts: list[str], pages: int) -> str:
    out, size = [], 0
    for text in texts * 50:
        out.append(text)
        size += len(text)
        if size >= pages * PAGE:
            break
    return "\n".join(out)[: pages * PAGE]


def _best(call, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return min(times)


def chinese(sizes: list[int]) -> list[str]:
    import jieba

    import safetydocs

    texts = _texts("zh")
    # One page is up to twenty different one-page notices, each parsed on its own: one notice alone measures its
    # content (a notice naming five companies sends each through jieba's part-of-speech tagger) more than its
    # size. Longer sizes are the notices joined into one text.
    notices = [text[:PAGE] for text in texts if len(text) >= PAGE][:20]
    for notice in notices:  # warm: pipelines built, every dictionary and table loaded once
        safetydocs.parse_text(notice, lang="zh")
        jieba.lcut(notice)
    lines = []
    rates = []
    for pages in sizes:
        batch = notices if pages == 1 else [_pages(texts, pages)]
        size = sum(len(text) for text in batch)
        repeat = 3 if pages <= 10 else 1
        ours = _best(lambda batch=batch: [safetydocs.parse_text(text, lang="zh") for text in batch], repeat)
        base = _best(lambda batch=batch: [jieba.lcut(text) for text in batch], repeat)
        rates.append(size / ours)
        label = f"{len(batch)} x 1 page" if pages == 1 else f"{pages:>4} pages"
        lines.append(f"  {label:>12} ({size:>7,} chars): {size / ours:>9,.0f} chars/s; jieba.lcut "
                     f"{size / base:>9,.0f} chars/s; ratio {base / ours:.2f}x")
    spread = (max(rates) - min(rates)) / max(rates)
    return ["1. Chinese end to end, warm (target >= 1.0x jieba.lcut, flat within 20 %)", *lines,
            f"  spread of chars/s across sizes: {spread:.0%}"]


def english() -> list[str]:
    import safetydocs

    texts = _texts("en")
    safetydocs.parse_text(texts[0], lang="en")
    chars = sum(len(t) for t in texts)
    elapsed = _best(lambda: [safetydocs.parse_text(t, lang="en") for t in texts], 1)
    return ["2. English end to end, warm (target >= 1,000,000 chars/s)",
            f"  {len(texts)} notices, {chars:,} chars: {chars / elapsed:,.0f} chars/s; ratio to target "
            f"{chars / elapsed / 1_000_000:.2f}x"]


def cold_start() -> list[str]:
    # As installed: pip compiles every module to bytecode when it installs a wheel (jieba's were), so the
    # package's modules are compiled first; a checkout run with PYTHONDONTWRITEBYTECODE would compile them
    # from source on every start.
    import compileall

    compileall.compile_dir(str(ROOT / "safetydocs"), quiet=1)
    with tempfile.TemporaryDirectory() as folder:
        notice = Path(folder) / "notice.txt"
        notice.write_text(_texts("zh")[0][:PAGE], encoding="utf-8")
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        ours = _best(lambda: subprocess.run([sys.executable, "-m", "safetydocs", "parse", str(notice)], env=env,
                                            check=True, capture_output=True), 3)
        base = _best(lambda: subprocess.run([sys.executable, "-c", "import jieba; jieba.lcut('安全')"], env=env,
                                            check=True, capture_output=True), 3)
    return ["3. Cold start of `safetydocs parse` on a one-page notice (target <= 1.3x)",
            f"  safetydocs {ours:.2f} s; import jieba + lcut {base:.2f} s; ratio {ours / base:.2f}x"]


def pdf() -> list[str]:
    import pdfplumber

    import safetydocs

    safetydocs.parse_text("预热。", lang="zh")

    def plumber() -> None:
        with pdfplumber.open(PDF) as document:
            for page in document.pages:
                page.extract_text()

    from safetydocs.ingest import read

    base = _best(plumber, 1)
    reading = _best(lambda: read(PDF), 2)
    whole = _best(lambda: safetydocs.parse(PDF), 1)
    pages = 224
    return ["4. A 224-page PDF against pdfplumber's extract_text over every page (target >= 10x)",
            f"  reading it (text, layout, tables): {pages / reading:,.0f} pages/s ({reading:.2f} s); pdfplumber "
            f"extract_text {pages / base:,.0f} pages/s ({base:.1f} s); ratio {base / reading:.2f}x",
            f"  parsing it whole (reading and extraction): {pages / whole:,.0f} pages/s ({whole:.1f} s); ratio "
            f"{base / whole:.2f}x"]


def batch(documents: int) -> list[str]:
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_batch.py"), "--documents",
                             str(documents)], capture_output=True, text=True, check=True)
    return ["5. Batch, --workers 2 against --workers 1 (target >= 1.85x, <= 300 MiB per worker)",
            *("  " + line for line in result.stdout.strip().splitlines())]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    print(f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{time.strftime('%Y-%m-%d')}")
    parts = [chinese([1, 10] if args.quick else [1, 10, 100, 200]), english(), cold_start(), pdf(),
             batch(100 if args.quick else 1000)]
    for part in parts:
        print("\n".join(part))


if __name__ == "__main__":
    main()
