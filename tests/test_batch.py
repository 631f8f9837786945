"""Batch runs: good and bad files, a killed run resumed, zip archives, the Dask engine."""
import csv
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from safetydocs.batch import discover, parse_many, run_batch
from safetydocs.cli import main
from tests.fixtures import builders

NOTICE = "关于加强第{n}号区域安全生产工作的通知\n{n}.加强危险化学品安全检查。（市应急管理局牵头，市公安局配合，2024年6月底前完成）\n"


def _notices(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(1, count + 1):
        path = folder / f"notice-{n:03d}.txt"
        path.write_text(NOTICE.format(n=n), encoding="utf-8")
        paths.append(path)
    return paths


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_good_files_are_parsed_and_bad_ones_reported(tmp_path):
    archive = tmp_path / "archive"
    _notices(archive / "2024", 3)
    builders.build_corrupt_pdf(archive / "corrupt.pdf")
    builders.write_empty(archive / "empty.txt")
    builders.write_binary_garbage(archive / "garbage.bin")
    (archive / ".DS_Store").write_bytes(b"\x00\x01")  # hidden files are not documents
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", str(archive), "--out", str(out), "--workers", "1", "--quiet"])
    assert result.exit_code == 1
    assert "6 documents: 3 parsed" in result.stderr
    errors = {Path(row["source"]).name: row["code"] for row in _rows(out / "errors.csv")}
    assert errors == {"corrupt.pdf": "SD106", "empty.txt": "SD103", "garbage.bin": "SD104"}
    ledger = _rows(out / "ledger.csv")
    assert sorted({Path(r["source"]).name for r in ledger}) == ["notice-001.txt", "notice-002.txt", "notice-003.txt"]
    assert all(r["lead"] == "市应急管理局" and r["due"] == "2024-06-30" for r in ledger)
    assert len(list((out / "documents").glob("*.json"))) == 3
    departments = {r["department"]: r for r in _rows(out / "by_department.csv")}
    assert departments["市应急管理局"]["lead_tasks"] == "3" and departments["市公安局"]["support_tasks"] == "3"
    import openpyxl

    book = openpyxl.load_workbook(out / "ledger.xlsx", read_only=True)
    assert book.sheetnames == ["ledger", "by department"]
    assert len(list(book["ledger"].iter_rows())) == len(ledger) + 1


def test_a_rerun_only_hashes_and_reports_the_same(tmp_path):
    _notices(tmp_path / "archive", 3)
    builders.write_empty(tmp_path / "archive" / "empty.txt")
    first = run_batch([tmp_path / "archive"], out=tmp_path / "out", workers=1, progress=False)
    second = run_batch([tmp_path / "archive"], out=tmp_path / "out", workers=1, progress=False)
    assert (first.parsed, first.failed) == (3, 1)
    assert (second.parsed, second.cached, second.failed) == (0, 4, 1)
    assert _rows(tmp_path / "out" / "ledger.csv") and len(_rows(tmp_path / "out" / "errors.csv")) == 1


def test_a_changed_file_is_parsed_again(tmp_path):
    paths = _notices(tmp_path / "archive", 2)
    run_batch([tmp_path / "archive"], out=tmp_path / "out", workers=1, progress=False)
    paths[0].write_text(NOTICE.format(n=99), encoding="utf-8")
    again = run_batch([tmp_path / "archive"], out=tmp_path / "out", workers=1, progress=False)
    assert (again.parsed, again.cached) == (1, 1)
    titles = {r["title"] for r in _rows(tmp_path / "out" / "ledger.csv")}
    assert "关于加强第99号区域安全生产工作的通知" in titles and "关于加强第1号区域安全生产工作的通知" not in titles


def test_zip_archives_and_globs(tmp_path):
    paths = _notices(tmp_path / "loose", 3)
    with zipfile.ZipFile(tmp_path / "2023.zip", "w") as archive:
        for path in paths[:2]:
            archive.write(path, f"folder/{path.name}")
        archive.writestr("__MACOSX/._junk", b"\x00")
    sources = discover([tmp_path / "2023.zip", str(tmp_path / "loose" / "*-003.txt")])
    assert [s.name.replace(str(tmp_path), "") for s in sources] == [
        "/2023.zip!folder/notice-001.txt", "/2023.zip!folder/notice-002.txt", "/loose/notice-003.txt"]
    summary = run_batch([tmp_path / "2023.zip"], out=tmp_path / "out", workers=1, progress=False)
    assert (summary.documents, summary.parsed, summary.failed) == (2, 2, 0)
    assert {r["source"].split("!")[-1] for r in _rows(tmp_path / "out" / "ledger.csv")} == {
        "folder/notice-001.txt", "folder/notice-002.txt"}


def test_parse_many_yields_documents_and_errors(tmp_path):
    _notices(tmp_path / "archive", 2)
    builders.write_empty(tmp_path / "archive" / "empty.txt")
    results = list(parse_many([tmp_path / "archive"], workers=1))
    assert sorted(type(r).__name__ for r in results) == ["Document", "Document", "ParseError"]
    error = next(r for r in results if type(r).__name__ == "ParseError")
    assert error.code == "SD103" and "empty.txt" in error.reason


@pytest.mark.slow
def test_a_killed_run_resumes_with_no_duplicate_and_no_missing_document(tmp_path):
    count = 40
    _notices(tmp_path / "archive", count)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "safetydocs", "batch", str(tmp_path / "archive"), "--out", str(out),
               "--workers", "1", "--quiet"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 90
    while time.time() < deadline and len(list((out / "documents").glob("*.json"))) < 5:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    done_before = len(list((out / "documents").glob("*.json")))
    assert 5 <= done_before < count, "the run was to be killed midway"
    assert not (out / "ledger.csv").exists()  # the ledger is written only when a run completes
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert f"{count} documents: {count - done_before}" in result.stderr or "already done" in result.stderr
    ledger = _rows(out / "ledger.csv")
    sources = [Path(r["source"]).name for r in ledger]
    assert len(sources) == count and len(set(sources)) == count
    assert len(list((out / "documents").glob("*.json"))) == count
    assert not list((out / "documents").glob(".*"))  # no temporary file left behind


@pytest.mark.slow
def test_dask_engine_on_a_local_cluster_gives_the_same_ledger(tmp_path):
    pytest.importorskip("distributed")
    _notices(tmp_path / "archive", 6)
    builders.write_empty(tmp_path / "archive" / "empty.txt")
    local = run_batch([tmp_path / "archive"], out=tmp_path / "local", workers=2, progress=False)
    dask = run_batch([tmp_path / "archive"], out=tmp_path / "dask", workers=2, engine="dask", progress=False)
    assert (dask.parsed, dask.failed, dask.tasks) == (local.parsed, local.failed, local.tasks)
    strip = lambda rows: [{k: v for k, v in r.items()} for r in rows]  # noqa: E731
    assert strip(_rows(tmp_path / "dask" / "ledger.csv")) == strip(_rows(tmp_path / "local" / "ledger.csv"))
    assert _rows(tmp_path / "dask" / "errors.csv") == _rows(tmp_path / "local" / "errors.csv")


def test_a_document_submitted_to_a_pool_that_just_broke_is_not_lost(monkeypatch):
    """The pool can break between a wait and the next submission, which then raises BrokenProcessPool: the
    document being submitted must still be run, not dropped."""
    import concurrent.futures
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    from safetydocs import batch

    pools = []

    class FakePool:
        def __init__(self, max_workers, initializer=None):
            self.calls = 0
            self.first = not pools
            pools.append(self)

        def submit(self, function, source, options):
            self.calls += 1
            if self.first and self.calls == 2:
                raise BrokenProcessPool("a worker died")
            future = Future()
            future.set_result(function(source, options))
            return future

        def shutdown(self, wait=True, cancel_futures=False):
            pass

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", FakePool)
    monkeypatch.setattr(batch, "parse_source", lambda source, options: (source, "parsed"))
    results = list(batch._local_results(["a", "b", "c"], {}, workers=2))
    assert sorted(name for name, _ in results) == ["a", "b", "c"]


def test_ledger_cells_that_read_as_formulas_or_error_codes_stay_text(tmp_path):
    import openpyxl

    import safetydocs
    from safetydocs.ledger import write_ledger

    document = safetydocs.parse_text("各乡镇要在6月底前开展隐患排查。", lang="zh")
    write_ledger(tmp_path, [("#N/A", document), ("=1+1", document), ("@SUM(A1)", document)])
    sheet = openpyxl.load_workbook(tmp_path / "ledger.xlsx")["ledger"]
    sources = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [(c.value, c.data_type) for c in sources] == [("#N/A", "s"), ("'=1+1", "s"), ("'@SUM(A1)", "s")]


def test_the_ledger_is_in_discovery_order_with_two_workers_and_a_half_done_archive(tmp_path):
    # Results come back in the order the workers finish; the ledger, written while they parse, keeps the
    # order of discovery, with documents of an earlier run and failures in their places.
    archive = tmp_path / "archive"
    _notices(archive, 12)
    out = tmp_path / "out"
    run_batch([archive / "notice-003.txt", archive / "notice-007.txt"], out=out, workers=1)
    builders.build_corrupt_pdf(archive / "notice-005b.pdf")
    summary = run_batch([archive], out=out, workers=2)
    assert (summary.parsed, summary.cached, summary.failed) == (10, 2, 1)
    names = [Path(r["source"]).name for r in _rows(out / "ledger.csv")]
    assert names == [f"notice-{n:03d}.txt" for n in range(1, 13)]
    assert summary.tasks == 12
    assert not list(out.glob(".*.part"))


def test_an_aborted_ledger_leaves_the_earlier_one_and_no_temporary_file(tmp_path):
    import safetydocs
    from safetydocs.ledger import LedgerWriter, write_ledger

    document = safetydocs.parse_text("各乡镇要在6月底前开展隐患排查。", lang="zh")
    write_ledger(tmp_path, [("first.txt", document)])
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    writer = LedgerWriter(tmp_path)
    writer.add("second.txt", document)
    writer.abort()
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_each_document_gives_back_the_memory_its_parse_freed(tmp_path, monkeypatch):
    import platform

    from safetydocs import batch

    if platform.system() == "Linux" and platform.libc_ver()[0] == "glibc":
        assert batch._malloc_trim() is not None  # glibc's malloc_trim, where the workers of a batch run
    calls = []
    monkeypatch.setattr(batch, "_malloc_trim", lambda: calls.append)
    good = tmp_path / "notice.txt"
    good.write_text("关于加强燃气安全的通知\n一、市住建局牵头，6月底前完成燃气管网排查。\n", encoding="utf-8")
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.7 not really")
    for path in (good, bad):
        _, _, output, error = batch.parse_source(batch.Source(str(path)), {})
        assert (output is None) == (path is bad) and (error is None) == (path is good)
    assert calls == [0, 0]  # after the document that parsed and after the one that failed
