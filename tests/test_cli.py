"""The ``safetydocs`` command: parse and eval, good and bad inputs."""
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from safetydocs.cli import main
from tests.fixtures import builders

ROOT = Path(__file__).resolve().parent.parent
NOTICE = "各地区、各部门要加强危险化学品安全管理。（市应急管理局牵头，市公安局配合，2024年6月底前完成）\n"


@pytest.fixture()
def runner():
    return CliRunner()


def _write(path: Path, text: str = NOTICE) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_parse_prints_json_to_stdout(runner, tmp_path):
    result = runner.invoke(main, ["parse", str(_write(tmp_path / "a.txt"))])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    roles = {(a["department"], a["role"]) for a in data["tasks"][0]["assignments"]}
    assert {("市应急管理局", "lead"), ("市公安局", "support"), ("各地区", "lead"), ("各部门", "lead")} == roles


def test_format_from_out_extension_csv_with_bom(runner, tmp_path):
    out = tmp_path / "tasks.csv"
    result = runner.invoke(main, ["parse", str(_write(tmp_path / "a.txt")), "--out", str(out)])
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert raw.startswith("\ufeff".encode("utf-8"))
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["序号", "重点任务", "牵头单位", "配合单位", "完成时限", "重点行业", "出处"]
    assert rows[1][2] == "各地区、各部门、市应急管理局" and rows[1][3] == "市公安局"
    assert rows[1][4].startswith("2024年6月底前")


def test_markdown_output(runner, tmp_path):
    result = runner.invoke(main, ["parse", str(_write(tmp_path / "a.txt")), "--format", "md"])
    assert result.exit_code == 0
    assert "| 序号 | 重点任务 |" in result.stdout
    assert "| 1 | 牵头 | 牵头 | 牵头 | 配合 |" in result.stdout


def test_several_inputs_to_a_folder(runner, tmp_path):
    a = _write(tmp_path / "a.txt")
    b = _write(tmp_path / "b.md", "All regions must strengthen fire safety inspections by the end of June 2024.\n")
    out = tmp_path / "results"
    result = runner.invoke(main, ["parse", str(a), str(b), "--format", "md", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["a.md", "b.md"]
    assert "Responsibility" in (out / "b.md").read_text(encoding="utf-8") or "Tasks" in (out / "b.md").read_text(encoding="utf-8")


def test_stdin_and_options(runner):
    result = runner.invoke(main, ["parse", "-", "--lang", "zh", "--date", "2023-05-01"],
                           input=NOTICE.encode("gb18030"))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["issued"] == "2023-05-01" and data["source"] == "<stdin>"


def test_bad_inputs_are_one_line_each_and_do_not_stop_the_good(runner, tmp_path):
    good = _write(tmp_path / "good.txt")
    bad = {
        "missing.txt": None,
        "empty.txt": builders.write_empty(tmp_path / "empty.txt"),
        "garbage.bin": builders.write_binary_garbage(tmp_path / "garbage.bin"),
        "corrupt.pdf": builders.build_corrupt_pdf(tmp_path / "corrupt.pdf"),
        "encrypted.pdf": builders.build_encrypted_pdf(tmp_path / "encrypted.pdf"),
        "scanned.pdf": builders.build_scanned_pdf(tmp_path / "scanned.pdf"),
    }
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    names = [str(tmp_path / n) for n in bad] + [str(tmp_path / "image.png"), str(good)]
    out = tmp_path / "out"
    result = runner.invoke(main, ["parse", *names, "--out", str(out)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 7
    expected = {"missing.txt": "not found", "empty.txt": "empty", "garbage.bin": "binary",
                "corrupt.pdf": "corrupt", "encrypted.pdf": "encrypted", "scanned.pdf": "no text layer",
                "image.png": "corrupt"}
    for name, reason in expected.items():
        line = next(line for line in errors if name in line)
        assert reason in line.lower()
        assert "Traceback" not in line
    assert sorted(p.name for p in out.iterdir()) == ["good.json"]


def test_eval_prints_table_and_json(runner):
    result = runner.invoke(main, ["eval", str(ROOT / "corpus" / "dev")])
    assert result.exit_code == 0, result.output
    for field in ("tasks", "lead", "support", "departments", "deadlines", "industries", "issued"):
        assert field in result.stdout
    result = runner.invoke(main, ["eval", str(ROOT / "corpus" / "dev"), "--json"])
    report = json.loads(result.stdout)
    assert set(report["totals"]) >= {"zh", "en", "all"}


def test_eval_on_a_bad_gold_folder_fails_cleanly(runner, tmp_path):
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    result = runner.invoke(main, ["eval", str(tmp_path)])
    assert result.exit_code != 0
    assert "bad.json" in result.output


@pytest.mark.slow
def test_installed_command_runs_on_the_shipped_samples(tmp_path):
    samples = sorted((ROOT / "corpus" / "samples").glob("zh-*.*"))
    samples = [p for p in samples if p.suffix in (".pdf", ".docx", ".html", ".txt")]
    assert len(samples) >= 3
    result = subprocess.run([sys.executable, "-m", "safetydocs", "parse", *map(str, samples), "--out", str(tmp_path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    stems = [s.stem for s in samples]
    for sample in samples:
        # zh-notice.docx and zh-notice.html share a stem: each is written under its whole name.
        name = sample.name if stems.count(sample.stem) > 1 else sample.stem
        data = json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8"))
        assert data["tasks"], sample.name
        assert any(a["role"] == "lead" for t in data["tasks"] for a in t["assignments"]), sample.name
