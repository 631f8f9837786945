"""Batch throughput: --workers 2 against --workers 1 on one generated archive, in one run.

    python benchmarks/bench_batch.py [--documents 1000]

Generates an archive of notices (txt, docx and pdf, Chinese and English, each one
different), then runs ``safetydocs batch`` with 1 and with 2 workers into fresh
folders, and once more on the finished folder (a re-run should only hash).
Reports documents/s, characters/s, the speed-up, and the peak memory of a worker.
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

UNITS = ["市应急管理局", "市公安局", "市交通运输局", "市住房和城乡建设局", "市消防救援支队", "市市场监督管理局", "各县（区）人民政府"]
WORKS = ["开展危险化学品安全专项整治", "排查城镇燃气管道隐患", "整治道路交通安全重点隐患", "开展高层建筑消防安全检查",
         "加强建筑施工现场安全监管", "开展自建房安全专项整治", "强化烟花爆竹经营单位监管"]
EN_UNITS = ["Municipal Emergency Management Bureau", "Municipal Public Security Bureau", "Municipal Transport Bureau",
            "Municipal Fire and Rescue Detachment"]
EN_WORKS = ["carry out special rectification of hazardous chemicals", "inspect urban gas pipelines",
            "rectify road traffic hazards", "inspect fire safety in high-rise buildings"]


def _zh_notice(rng: random.Random, n: int) -> tuple[str, list[str], list[list[str]]]:
    items, rows = [], []
    for i in range(1, rng.randint(4, 9)):
        lead, support = rng.sample(UNITS, 2)
        work, month = f"{rng.choice(WORKS)}（第{n}批）", rng.randint(1, 12)
        items.append(f"{i}.{work}。各单位要认真组织，确保取得实效。（{lead}牵头，{support}配合，2025年{month}月底前完成）")
        rows.append([str(i), work, lead, support, f"2025年{month}月底前"])
    title = f"关于印发第{n}号安全生产重点工作任务分工的通知"
    return title, ["各县（区）人民政府，市直有关部门：", *items, "临川市安全生产委员会办公室", "2025年3月7日"], rows


def _en_notice(rng: random.Random, n: int) -> tuple[str, list[str], list[list[str]]]:
    items = []
    for i in range(1, rng.randint(3, 7)):
        lead, support = rng.sample(EN_UNITS, 2)
        items.append(f"{i}. The {lead} shall take the lead to {rng.choice(EN_WORKS)} (batch {n}), in cooperation "
                     f"with the {support}, by the end of {rng.choice(['June', 'September', 'December'])} 2025.")
    return f"Notice No. {n} on Key Work Safety Tasks", ["All regions and relevant departments:", *items], []


def generate(folder: Path, count: int) -> int:
    """count notices: Chinese as txt, docx (with a task table) and pdf (with a ruled task table); English as txt."""
    from tests.fixtures import builders

    rng = random.Random(7)
    characters = 0
    for n in range(count):
        english = n % 5 == 4
        title, lines, rows = (_en_notice if english else _zh_notice)(rng, n)
        kind = "txt" if english else ("txt", "txt", "docx", "pdf")[n % 5]
        path = folder / f"notice-{n:05d}.{kind}"
        if kind == "txt":
            text = "\n".join([title, *lines]) + "\n"
            path.write_text(text, encoding="utf-8")
        elif kind == "docx":
            builders.build_notice_docx(path, title=title, paragraphs=lines[:1], rows=rows, closing=lines[-2:],
                                       merge_lead_rows=None)
            text = title + "".join(lines[:1] + lines[-2:]) + "".join("".join(r) for r in rows)
        else:
            builders.build_task_table_pdf(path, title=title, paragraphs=lines[:1], rows=rows, closing=lines[-2:])
            text = title + "".join(lines[:1] + lines[-2:]) + "".join("".join(r) for r in rows)
        characters += len(text)
    return characters


def run(archive: Path, out: Path, workers: int) -> dict:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "safetydocs", "batch", str(archive), "--out", str(out),
                             "--workers", str(workers), "--quiet"], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return {"seconds": seconds, "summary": summary, "stderr": result.stderr.strip()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        archive = Path(temp) / "archive"
        archive.mkdir()
        started = time.perf_counter()
        characters = generate(archive, args.documents)
        print(f"generated {args.documents} notices ({characters:,} characters of text) in "
              f"{time.perf_counter() - started:.1f} s")
        results = {}
        for workers in (1, 2):
            results[workers] = run(archive, Path(temp) / f"out-{workers}", workers)
            r = results[workers]
            print(f"--workers {workers}: {r['seconds']:.1f} s, {args.documents / r['seconds']:.1f} documents/s, "
                  f"{characters / r['seconds']:,.0f} characters/s ({r['summary']['failed']} failed)")
        print(f"speed-up with 2 workers: {results[1]['seconds'] / results[2]['seconds']:.2f}x")
        rerun = run(archive, Path(temp) / "out-2", 2)
        print(f"re-run on the finished archive: {rerun['seconds']:.1f} s "
              f"({rerun['summary']['parsed']} parsed, {rerun['summary']['cached']} already done)")
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"peak memory of one process (largest child): {peak:.0f} MiB")


if __name__ == "__main__":
    main()
