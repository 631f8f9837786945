"""`safetydocs parse` with the office formats."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from safetydocs.cli import main

openpyxl = pytest.importorskip("openpyxl")


@pytest.fixture()
def notice(tmp_path, notice_texts):
    path = tmp_path / "notice.txt"
    path.write_text(notice_texts["zh"], encoding="utf-8")
    return path


def test_out_xlsx_writes_a_workbook(notice, tmp_path):
    out = tmp_path / "tasks.xlsx"
    result = CliRunner().invoke(main, ["parse", str(notice), "--out", str(out)])
    assert result.exit_code == 0, result.output
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == ["任务分工表", "责任矩阵", "部门汇总", "时间节点"]
    assert workbook.worksheets[0].max_row == 2 + 4


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_binary_format_without_out_is_refused(notice, fmt):
    result = CliRunner().invoke(main, ["parse", str(notice), "--format", fmt])
    assert result.exit_code != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "--out" in lines[0] and fmt in lines[0]


def test_format_html_prints_and_several_inputs_go_to_a_folder(notice, tmp_path, notice_texts):
    result = CliRunner().invoke(main, ["parse", str(notice), "--format", "html"])
    assert result.exit_code == 0 and result.stdout.startswith("<!DOCTYPE html>")

    english = tmp_path / "english.txt"
    english.write_text(notice_texts["en"], encoding="utf-8")
    out = tmp_path / "results"
    result = CliRunner().invoke(main, ["parse", str(notice), str(english), "--format", "docx", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["english.docx", "notice.docx"]
