from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from safetydocs.cli import main
from safetydocs.review import ReviewStore

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "corpus" / "samples" / "zh-gas-plan.txt"


def test_export_gold_writes_the_reviewed_documents(tmp_path, document) -> None:
    store = ReviewStore(tmp_path / "r.sqlite")
    store.add(document, data=b"x", file_name="n.txt", reviewer="ann")
    store.correct(1, {"op": "document.reviewed"}, reviewer="ann")
    result = CliRunner().invoke(main, ["review", "export-gold", "--store", str(tmp_path / "r.sqlite"),
                                       "--out", str(tmp_path / "gold")])
    assert result.exit_code == 0, result.output
    assert "1 reviewed documents written" in result.output
    assert json.loads((tmp_path / "gold" / "zh-notice-reviewed-1.json").read_text(encoding="utf-8"))["tasks"]


def test_a_broken_store_is_one_coded_line(tmp_path) -> None:
    bad = tmp_path / "r.sqlite"
    bad.write_text("not sqlite", encoding="utf-8")
    result = CliRunner().invoke(main, ["review", "export-gold", "--store", str(bad), "--out", str(tmp_path)])
    assert result.exit_code == 1 and "SD702" in result.output and "Traceback" not in result.output


def test_review_help_lists_its_commands() -> None:
    result = CliRunner().invoke(main, ["review", "--help"])
    assert result.exit_code == 0 and "export-gold" in result.output and "SD701" in result.output


@pytest.mark.slow
def test_review_serves_the_files_it_is_given(tmp_path) -> None:
    env = {**os.environ, "SAFETYDOCS_NO_BROWSER": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "safetydocs", "review", str(SAMPLE), str(tmp_path / "missing.pdf"), "--store",
         str(tmp_path / "r.sqlite"), "--port", "0", "--no-browser"],
        stderr=subprocess.PIPE, text=True, env=env)
    try:
        lines = []
        while True:
            line = server.stderr.readline()
            assert line, "".join(lines)
            lines.append(line)
            found = re.search(r"review pages at (http://127\.0\.0\.1:[0-9]+/)", line)
            if found:
                break
        assert any("missing.pdf" in line and "SD101" in line for line in lines)
        page = urllib.request.urlopen(found.group(1), timeout=10).read().decode("utf-8")
        assert "zh-gas-plan.txt" in page
    finally:
        server.terminate()
        server.wait(timeout=10)
