from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from safetydocs.cli import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "corpus" / "samples" / "zh-task-table.pdf"


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def test_import_list_update_report(tmp_path) -> None:
    db = str(tmp_path / "ledger.sqlite")
    for _ in range(2):  # the same file twice: one set of tasks
        result = run("ledger", "import", "--db", db, str(SAMPLE))
        assert result.exit_code == 0 and "1 documents imported" in result.output
    listed = [json.loads(line) for line in run("ledger", "--db", db, "--json", "--today", "2024-07-05").output
              .splitlines() if line.startswith("{")]
    assert len(listed) == len({item["text"] for item in listed}) > 5
    assert listed[0]["overdue"] and not listed[-1]["overdue"]
    first = listed[0]["id"]
    evidence = tmp_path / "photo.jpg"
    evidence.write_bytes(b"\xff\xd8 photo")
    result = run("ledger", "update", str(first), "--db", db, "--status", "已完成", "--note", "已完成", "--by", "王芳",
                 "--evidence", str(evidence))
    assert result.exit_code == 0 and "done" in result.output
    table = run("ledger", "list", "--db", db, "--status", "done").output
    assert str(first) in table and "已完成" in table
    assert run("ledger", "report", "--db", db, "--out", str(tmp_path / "r.xlsx")).exit_code == 0
    assert (tmp_path / "r.xlsx").stat().st_size > 1000
    assert run("ledger", "report", "--db", db, "--out", str(tmp_path / "r.pdf")).exit_code == 2
    sheet = run("ledger", "sheet", "--db", db, "--department", "市应急管理局", "--out", str(tmp_path / "s.xlsx"))
    assert sheet.exit_code == 0 and (tmp_path / "s.xlsx").is_file()
    audit = run("ledger", "audit", "--db", db).output.splitlines()
    assert "王芳  update" in audit[0] and f"item {first}" in audit[0] and "import" in audit[-1]


def test_users_add_asks_for_the_password_twice(tmp_path) -> None:
    db = str(tmp_path / "ledger.sqlite")
    result = run("users", "add", "--db", db, "王芳", "--role", "department", "--department", "市应急管理局",
                 input="long password\nlong password\n")
    assert result.exit_code == 0 and "王芳 (department, 市应急管理局) added" in result.output
    again = run("users", "add", "--db", db, "王芳", "--role", "admin", "--password", "long password")
    assert again.exit_code == 1 and "SD501" in again.output


def test_errors_are_one_coded_line(tmp_path) -> None:
    db = str(tmp_path / "ledger.sqlite")
    missing = run("ledger", "update", "99", "--db", db, "--status", "done")
    assert missing.exit_code == 1 and "SD801" in missing.output and "Traceback" not in missing.output
    bad = run("ledger", "import", "--db", db, str(tmp_path / "nothing.pdf"))
    assert bad.exit_code == 1 and "SD101" in bad.output
    wrong = run("ledger", "--db", db, "--status", "half")
    assert wrong.exit_code == 1 and "SD501" in wrong.output
