"""Every example in the README runs, so that none can rot.

The ``bash`` blocks' ``safetydocs`` commands run in-process (click's runner) in a workspace holding the files they
name (notice.pdf, a.pdf, archive/ …, made from the shipped samples) and must exit 0. The ``python`` blocks run in
order in one namespace; where a block writes an expected value as a comment under an expression
(``# [('市住建局', …)]``), the expression must equal it.

Not run here, each for its reason: ``pip install`` lines (CI runs the install for real), the Dask cluster lines
(``dask scheduler``, ``dask worker``, ``--scheduler``), which need machines (the local Dask engine is tested in
tests/test_batch.py), and the ``safetydocs review`` lines that start the review server, which serves until stopped
(tests/review/test_cli_review.py starts it and reads its page; tests/review/test_browser.py drives it in Chromium).
"""
from __future__ import annotations

import ast
import re
import shlex
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from safetydocs.cli import main
from safetydocs.errors import all_codes

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
SAMPLES = ROOT / "corpus" / "samples"


def blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", README, flags=re.S | re.M)


def commands() -> list[str]:
    out = []
    for block in blocks("bash"):
        for line in block.splitlines():
            command = re.sub(r"\s+#.*$", "", line).strip()
            if not command or command.startswith(("pip ", "dask ")) or "--scheduler" in command:
                continue
            if command.startswith("safetydocs review") and "export-gold" not in command:
                continue  # it serves until stopped
            out.append(command)
    return out


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    """The files the examples name, made from the shipped samples; the corpus and language data beside them."""
    root = tmp_path_factory.mktemp("readme")
    pdf, docx, html = SAMPLES / "zh-task-table.pdf", SAMPLES / "zh-notice.docx", SAMPLES / "zh-notice.html"
    for name, source in {"notice.pdf": pdf, "a.pdf": pdf, "notice.docx": docx, "b.html": html}.items():
        shutil.copy(source, root / name)
    text = "请各区人民政府于2024年6月30日前完成燃气管道检查，市应急管理局牵头，市住建局配合。\n"
    (root / "notice.txt").write_text(text, encoding="utf-8")
    (root / "c.txt").write_text(text, encoding="utf-8")
    (root / "archive" / "2023").mkdir(parents=True)
    shutil.copy(pdf, root / "archive" / "2023" / "plan.pdf")
    (root / "archive" / "note.txt").write_text(text, encoding="utf-8")
    with zipfile.ZipFile(root / "notices-2023.zip", "w") as archive:
        archive.write(docx, "notice-a.docx")
        archive.writestr("notice-b.txt", "All departments must inspect gas pipelines by 30 June 2024.\n")
    # `safetydocs train corpus/` in a checkout rewrites ./models: give it a checkout of its own.
    shutil.copytree(ROOT / "models", root / "models")
    (root / "corpus").mkdir()
    for part in ("gold", "dev"):  # copied: folders are walked, and a walk does not follow links
        shutil.copytree(ROOT / "corpus" / part, root / "corpus" / part)
    for part in ("samples", "files"):
        (root / "corpus" / part).symlink_to(ROOT / "corpus" / part, target_is_directory=True)
    return root


def test_the_readme_has_examples_to_run() -> None:
    assert len(commands()) >= 10 and len(blocks("python")) >= 3


@pytest.mark.slow
@pytest.mark.parametrize("command", commands())
def test_documented_command_exits_0(command: str, workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(workspace)
    stdin = None
    if "|" in command:
        producer, command = (part.strip() for part in command.split("|", 1))
        words = shlex.split(producer)
        assert words[0] == "cat", f"only `cat FILE | safetydocs …` pipes are documented: {producer}"
        stdin = (workspace / words[1]).read_bytes()
    words = shlex.split(command)
    assert words[0] == "safetydocs", command
    result = CliRunner().invoke(main, words[1:], input=stdin, catch_exceptions=False)
    assert result.exit_code == 0, f"{command}\n{result.output}"


def _expectations(block: str) -> list[tuple[str, object]]:
    """(expression, expected value) for every code line followed by a comment that is a Python literal."""
    found = []
    lines = block.splitlines()
    for line, following in zip(lines, lines[1:]):
        stripped = following.strip()
        if not stripped.startswith("# ") or line.lstrip().startswith("#"):
            continue
        try:
            expected = ast.literal_eval(stripped[2:])
        except (ValueError, SyntaxError):
            continue
        code = re.sub(r"\s+#.*$", "", line).strip()
        found.append((code, expected))
    return found


def test_python_examples_run_and_print_what_they_say(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import safetydocs

    monkeypatch.chdir(workspace)
    namespace: dict = {"text": (workspace / "notice.txt").read_text(encoding="utf-8"),
                       "doc": safetydocs.parse(workspace / "notice.pdf")}
    checked = 0
    for block in blocks("python"):
        try:
            exec(compile(block, "README.md", "exec"), namespace)
        except ImportError as exc:
            # The one optional dependency the examples mention: `m.to_frame()` needs pandas.
            assert "pandas" in str(exc), exc
            continue
        for expression, expected in _expectations(block):
            assert eval(expression, namespace) == expected, expression
            checked += 1
    assert checked >= 1


def test_the_error_table_lists_every_code() -> None:
    table = dict(re.findall(r"^\| (SD\d{3}) \| (.+?) \|$", README, flags=re.M))
    assert table == dict(all_codes())


@pytest.mark.parametrize("command", [[], ["parse"], ["batch"], ["eval"], ["train"], ["review"], ["ledger"], ["users"]])
def test_help_lists_exit_and_error_codes(command: list[str]) -> None:
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    assert "Exit codes:" in result.output
    for code, _ in all_codes():
        assert code in result.output, code
