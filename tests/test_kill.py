"""Twenty random SIGKILLs of a batch's parent or of its workers lose nothing and duplicate nothing."""
from __future__ import annotations

import csv
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

KILLS = 20
NOTICE = "关于第{n}号区域安全生产工作的通知\n{n}.加强危险化学品安全检查。（市应急管理局牵头，市公安局配合，2024年6月底前完成）\n"


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs /proc to find the workers")
def test_random_kills_of_parent_and_workers_lose_nothing(tmp_path: Path) -> None:
    count = 400
    archive = tmp_path / "archive"
    archive.mkdir()
    for n in range(count):
        (archive / f"n{n:04d}.txt").write_text(NOTICE.format(n=n), encoding="utf-8")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "safetydocs", "batch", str(archive), "--out", str(out), "--workers", "2", "-q"]
    rng = random.Random(7)
    kills = {"parent": 0, "worker": 0}
    process = None
    while sum(kills.values()) < KILLS:
        if process is None or process.poll() is not None:
            process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.5, 3.0))
        if process.poll() is not None:
            continue
        workers = _children(process.pid)
        if workers and rng.random() < 0.5:
            victim = rng.choice(workers)
            try:
                import os

                os.kill(victim, signal.SIGKILL)
                kills["worker"] += 1
            except ProcessLookupError:
                pass
        else:
            process.kill()
            process.wait()
            kills["parent"] += 1
    if process.poll() is None:
        process.wait(timeout=300)
    final = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert kills["parent"] and kills["worker"], kills
    assert final.returncode == 0, final.stderr
    with (out / "ledger.csv").open(encoding="utf-8-sig", newline="") as handle:
        ledger = list(csv.DictReader(handle))
    sources = [Path(row["source"]).name for row in ledger]
    assert len(sources) == count and len(set(sources)) == count, "each document exactly once"
    assert len(list((out / "documents").glob("*.json"))) == count
    assert not list((out / "documents").glob(".*")) and not list(out.glob(".*.part"))
