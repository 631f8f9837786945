"""The hostile-input corpus: every kind of bad, unlucky or malicious input, generated here, with its outcome.

Each case builds its input in a temporary folder and names what must happen: parsed (a Document), or refused
with one coded line (never a traceback, never a hang). ``HOSTILE`` is counted by the README's robustness
figures; batch-level cases (dying workers, bad archives, links, full disks) follow below it.
"""
from __future__ import annotations

import csv
import errno
import io
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Callable, Optional

import pytest
from click.testing import CliRunner

from safetydocs.cli import main
from tests.fixtures import builders

NOTICE = "关于加强安全生产工作的通知\n请各区人民政府开展燃气管道检查。市应急管理局牵头，市公安局配合，2024年6月30日前完成。\n"


def _text(path: Path, text: str = NOTICE, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def _bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _docx_bomb(path: Path) -> Path:
    # A valid-looking .docx whose one member inflates to 300 MB from about 300 KB.
    builders.build_notice_docx(path)
    data = io.BytesIO(path.read_bytes())
    with zipfile.ZipFile(data, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/padding.bin", b"\0" * 300_000_000)
    path.write_bytes(data.getvalue())
    return path


def _many_pages_pdf(path: Path) -> Path:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path))
    for page in range(30):
        pdf.drawString(72, 720, f"Page {page}: all departments must inspect gas pipelines.")
        pdf.showPage()
    pdf.save()
    return path


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


# name -> (build the input, extra CLI options, expected code or None for "parsed")
Case = tuple[Callable[[Path], Path], list[str], Optional[str]]
HOSTILE: dict[str, Case] = {
    "form feed (pdftotext page break)": (lambda p: _text(p / "ff.txt", NOTICE.replace("\n", "\f", 1)), [], None),
    "vertical tab": (lambda p: _text(p / "vt.txt", NOTICE.replace("。", "。\v", 1)), [], None),
    "escape character": (lambda p: _text(p / "esc.txt", NOTICE.replace("请", "\x1b[31m请", 1)), [], None),
    "NUL after 64 KiB": (lambda p: _text(p / "nul.txt", NOTICE + "今年以来取得显著成效" * 3000 + "\x00" + NOTICE), [], None),
    "C1 control characters": (lambda p: _text(p / "c1.txt", NOTICE.replace("，", "\x85\x9b，")), [], None),
    "Unicode line and paragraph separators": (lambda p: _text(p / "ls.txt", NOTICE.replace("\n", "\u2028")), [], None),
    "formula title (=HYPERLINK)": (lambda p: _text(p / "f.txt", '=HYPERLINK("http://x","通知")\n' + NOTICE), [], None),
    "markup in the text": (lambda p: _text(p / "m.txt", NOTICE + "<script>alert(1)</script>[x](javascript:1)\n"), [],
                           None),
    "CRLF and lone CR line ends": (lambda p: _text(p / "crlf.txt", NOTICE.replace("\n", "\r\n").replace("。", "。\r")),
                                   [], None),
    "UTF-16 with BOM": (lambda p: _text(p / "u16.txt", "\ufeff" + NOTICE, "utf-16-le"), [], None),
    "GB18030": (lambda p: _text(p / "gb.txt", NOTICE, "gb18030"), [], None),
    "Big5 traditional": (lambda p: _text(p / "big5.txt", "請各區人民政府開展燃氣管道檢查，市應急管理局牽頭。\n" * 3, "big5"), [],
                         None),
    "deeply nested HTML (32,000 divs)": (
        lambda p: _text(p / "deep.html", "<html><body>" + "<div>" * 32000 + NOTICE + "</div>" * 32000 + "</body></html>"),
        [], None),
    "text over spaCy's 1,000,000 characters": (
        lambda p: _text(p / "long.txt", NOTICE + "今年以来全市安全生产形势总体平稳，取得显著成效。" * 45_000 + "\n" + NOTICE), [], None),
    "empty file": (lambda p: builders.write_empty(p / "empty.txt"), [], "SD103"),
    "whitespace only": (lambda p: _text(p / "blank.txt", " \n\t\u3000\n"), [], "SD103"),
    "binary garbage": (lambda p: builders.write_binary_garbage(p / "garbage.txt"), [], "SD104"),
    "image under a document's name": (lambda p: _bytes(p / "photo.pdf", b"\x89PNG\r\n\x1a\n" + b"\0" * 64), [],
                                      "SD106"),
    "corrupt PDF": (lambda p: builders.build_corrupt_pdf(p / "corrupt.pdf"), [], "SD106"),
    "encrypted PDF": (lambda p: builders.build_encrypted_pdf(p / "locked.pdf"), [], "SD107"),
    "scanned PDF (no text layer)": (lambda p: builders.build_scanned_pdf(p / "scan.pdf"), [], "SD108"),
    # Cut before its directory, the file no longer shows it is Word: it is refused as an unknown zip.
    "truncated DOCX": (lambda p: _bytes(p / "cut.docx", builders.build_notice_docx(p / "whole.docx").read_bytes()[:900]),
                       [], "SD102"),
    "missing file, name with spaces": (lambda p: p / "a path with spaces.txt", [], "SD101"),
    "Shift-JIS text": (lambda p: _text(p / "jp.txt", "安全生産に関する通知。各部門は配管の点検を実施すること。" * 4, "shift_jis"), [],
                       "SD110"),
    "file over --max-bytes": (lambda p: _text(p / "big.txt"), ["--max-bytes", "20"], "SD111"),
    "text over --max-chars": (lambda p: _text(p / "chars.txt"), ["--max-chars", "10"], "SD111"),
    "PDF over --max-pages": (lambda p: _many_pages_pdf(p / "pages.pdf"), ["--max-pages", "10"], "SD111"),
    "DOCX compression bomb": (lambda p: _docx_bomb(p / "bomb.docx"), [], "SD111"),
    "named pipe (FIFO)": (lambda p: _fifo(p / "fifo.txt"), [], "SD112"),
    "device (/dev/zero)": (lambda p: Path("/dev/zero"), [], "SD112"),
    "slower than --timeout": (lambda p: _text(p / "slow.txt", NOTICE * 3000), ["--timeout", "0.05"], "SD113"),
    "a folder given as a file": (lambda p: (p / "folder.txt").mkdir() or p / "folder.txt", [], "SD102"),
}


def test_the_corpus_holds_thirty_kinds_and_more() -> None:
    assert len(HOSTILE) >= 30


SLOW = {"text over spaCy's 1,000,000 characters"}


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.slow) if n in SLOW else n for n in sorted(HOSTILE)])
def test_hostile_input(name: str, tmp_path: Path) -> None:
    build, options, expected = HOSTILE[name]
    path = build(tmp_path)
    out = tmp_path / "out"
    started = time.perf_counter()
    result = CliRunner().invoke(main, ["parse", str(path), "--format", "json", "--out", str(out / "r.json"),
                                       *options])
    assert time.perf_counter() - started < 60, "no input may take this long"
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    if expected is None:
        assert result.exit_code == 0, result.stderr
        # Every writer takes what the parser gave: the workbook and the Word file too.
        from safetydocs.export import render_bytes
        from safetydocs.model import Document

        document = Document.model_validate_json((out / "r.json").read_text(encoding="utf-8"))
        for fmt in ("xlsx", "docx", "csv", "md", "html"):
            assert render_bytes(document, fmt=fmt), fmt
    else:
        assert result.exit_code == 1
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].endswith(f"[{expected}]"), result.stderr
        assert not (out / "r.json").exists()


# ---------------------------------------------------------------- batch


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _notices(folder: Path, count: int, prefix: str = "n") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [_text(folder / f"{prefix}{i:03d}.txt", NOTICE.replace("燃气", f"第{i}号燃气")) for i in range(count)]


def _batch(*args: str) -> "CliRunner.Result":
    return CliRunner().invoke(main, ["batch", *args, "-q"])


def test_control_characters_never_break_the_ledger(tmp_path):
    archive = tmp_path / "in"
    archive.mkdir()
    for name, (build, options, expected) in HOSTILE.items():
        if expected is None and name.startswith(("form", "vertical", "escape", "NUL", "C1", "formula")):
            path = build(tmp_path)
            path.rename(archive / path.name)
    result = _batch(str(archive), "--out", str(tmp_path / "out"), "--workers", "1")
    assert result.exit_code == 0, result.stderr
    import openpyxl

    book = openpyxl.load_workbook(tmp_path / "out" / "ledger.xlsx")
    cells = [c for row in book["ledger"].iter_rows() for c in row]
    assert not any(c.data_type == "f" for c in cells)
    assert (tmp_path / "out" / "summary.json").is_file()


def _deadly(source, options):
    """parse_source, except that the worker given killer.txt dies as the out-of-memory killer would do it."""
    from safetydocs import batch

    if source.name.endswith("killer.txt"):
        os.kill(os.getpid(), signal.SIGKILL)
    return batch._real_parse_source(source, options)


@pytest.mark.slow
def test_a_dying_worker_costs_only_its_own_document(tmp_path, monkeypatch):
    from safetydocs import batch

    _notices(tmp_path / "in", 6)
    _text(tmp_path / "in" / "killer.txt")
    monkeypatch.setattr(batch, "_real_parse_source", batch.parse_source, raising=False)
    monkeypatch.setattr(batch, "parse_source", _deadly)  # the workers are forked: they see it too
    summary = batch.run_batch([str(tmp_path / "in")], out=tmp_path / "out", workers=2, progress=False)
    errors = _rows(tmp_path / "out" / "errors.csv")
    assert [(Path(e["source"]).name, e["code"]) for e in errors] == [("killer.txt", "SD114")]
    assert summary.parsed == 6 and summary.failed == 1


def test_bad_archives_are_reported_member_by_member(tmp_path):
    archive = tmp_path / "in"
    _notices(archive, 2)
    (archive / "broken.zip").write_bytes(b"PK\x03\x04" + b"\0" * 100)  # no central directory
    good = io.BytesIO()
    with zipfile.ZipFile(good, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("fine.txt", NOTICE)
        z.writestr("crc.txt", NOTICE * 20)
    data = bytearray(good.getvalue())
    spot = data.find(b"crc.txt") + 60  # inside the compressed data of crc.txt
    data[spot] ^= 0xFF
    (archive / "mixed.zip").write_bytes(bytes(data))
    locked = bytearray(io.BytesIO().getvalue())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("secret.txt", NOTICE)
    locked = bytearray(buffer.getvalue())
    for header in (b"PK\x03\x04", b"PK\x01\x02"):  # set the "encrypted" flag in both headers
        at = locked.find(header)
        flag_at = at + (6 if header == b"PK\x03\x04" else 8)
        locked[flag_at] |= 0x1
    (archive / "locked.zip").write_bytes(bytes(locked))
    result = _batch(str(archive), "--out", str(tmp_path / "out"), "--workers", "1")
    assert result.exit_code == 1
    codes = {Path(e["source"]).name: e["code"] for e in _rows(tmp_path / "out" / "errors.csv")}
    assert codes["broken.zip"] == "SD106"
    assert codes["mixed.zip!crc.txt"] == "SD106"
    assert codes["locked.zip!secret.txt"] == "SD115"
    names = {Path(r["source"]).name for r in _rows(tmp_path / "out" / "ledger.csv")}
    assert {"n000.txt", "n001.txt", "mixed.zip!fine.txt"} <= names


def test_a_zip_is_opened_once(tmp_path):
    from safetydocs import batch

    with zipfile.ZipFile(tmp_path / "many.zip", "w") as archive:
        for i in range(300):
            archive.writestr(f"n{i}.txt", NOTICE)
    batch._open_zip_at.cache_clear()
    sources = batch.discover([str(tmp_path / "many.zip")])
    for source in sources:
        source.read()
    info = batch._open_zip_at.cache_info()
    assert len(sources) == 300 and info.misses == 1


def test_symlinked_folders_are_not_followed(tmp_path):
    from safetydocs import batch

    _notices(tmp_path / "in" / "real", 2)
    (tmp_path / "in" / "real" / "loop").symlink_to(tmp_path / "in", target_is_directory=True)
    (tmp_path / "in" / "alias").symlink_to(tmp_path / "in" / "real", target_is_directory=True)
    for pattern in (str(tmp_path / "in"), str(tmp_path / "in" / "**" / "*.txt")):
        found = batch.discover([pattern])
        assert sorted(Path(s.path).name for s in found) == ["n000.txt", "n001.txt"], pattern


def test_broken_links_and_unreadable_folders_are_listed(tmp_path, monkeypatch):
    archive = tmp_path / "in"
    _notices(archive, 1)
    (archive / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (archive / "closed").mkdir()
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path).name == "closed":  # as a folder without read permission would (root reads anything)
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = _batch(str(archive), "--out", str(tmp_path / "out"), "--workers", "1")
    assert result.exit_code == 1
    codes = {Path(e["source"]).name: e["code"] for e in _rows(tmp_path / "out" / "errors.csv")}
    assert codes == {"gone.txt": "SD101", "closed": "SD109"}


def test_a_full_disk_ends_the_run_cleanly_with_its_reports(tmp_path, monkeypatch):
    from safetydocs import batch

    _notices(tmp_path / "in", 5)
    real = batch.write_atomic
    written = []

    def full(path, content, **kwargs):
        if "documents" in Path(path).parts:
            if len(written) >= 2:
                raise OSError(errno.ENOSPC, "No space left on device")
            written.append(path)
        return real(path, content, **kwargs)

    monkeypatch.setattr(batch, "write_atomic", full)
    result = _batch(str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--workers", "1")
    assert result.exit_code == 1 and "[SD301]" in result.stderr and "No space left" in result.stderr
    assert (tmp_path / "out" / "summary.json").is_file() and (tmp_path / "out" / "errors.csv").is_file()
    assert len(list((tmp_path / "out" / "documents").glob("*.json"))) == 2
    monkeypatch.setattr(batch, "write_atomic", real)
    again = _batch(str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--workers", "1")
    assert again.exit_code == 0 and "2 already done" in again.stderr


def test_a_changed_file_leaves_no_stale_result(tmp_path):
    (notice,) = _notices(tmp_path / "in", 1)
    out = tmp_path / "out"
    assert _batch(str(tmp_path / "in"), "--out", str(out), "--workers", "1").exit_code == 0
    first = {p.name for p in (out / "documents").glob("*.json")}
    notice.write_text(NOTICE.replace("燃气", "消防"), encoding="utf-8")
    assert _batch(str(tmp_path / "in"), "--out", str(out), "--workers", "1").exit_code == 0
    second = {p.name for p in (out / "documents").glob("*.json")}
    assert len(second) == 1 and second != first


@pytest.mark.slow
def test_workers_die_with_their_parent(tmp_path):
    _notices(tmp_path / "in", 200)
    command = [sys.executable, "-m", "safetydocs", "batch", str(tmp_path / "in"), "--out", str(tmp_path / "out"),
               "--workers", "2", "-q"]
    parent = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    children: list[int] = []
    deadline = time.time() + 60
    while time.time() < deadline and len(children) < 2:
        children = _children(parent.pid)
        time.sleep(0.1)
    assert children, "the batch started no workers"
    parent.kill()
    parent.wait()
    deadline = time.time() + 10
    while time.time() < deadline and any(_alive(pid) for pid in children):
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in children)


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except OSError:
        return False
    return state != "Z"
