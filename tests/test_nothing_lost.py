"""Every input gives a correct result or one coded line and a non-zero exit; no output replaces another unasked.

Each case here was once a silent loss, a silent misreading or a traceback.
"""
from __future__ import annotations

import csv
import datetime as dt
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import safetydocs
from safetydocs.cli import main
from safetydocs.errors import InvalidArgument, NoInput, OutputError, SchedulerUnavailable, UnknownOutputFormat

NOTICE = "请各区人民政府开展燃气管道检查。市应急管理局牵头，市公安局配合，2024年6月30日前完成。\n"


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def _write(path: Path, text: str = NOTICE) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


# ---------------------------------------------------------------- parse: outputs


def test_two_inputs_with_one_output_name_are_refused_before_anything_is_written(runner, tmp_path):
    a, b = _write(tmp_path / "x" / "a.txt"), _write(tmp_path / "y" / "a.txt")
    out = tmp_path / "dir"
    result = runner.invoke(main, ["parse", str(a), str(b), "--format", "md", "--out", str(out)])
    assert result.exit_code == 1
    assert "[SD303]" in result.stderr and "x/a.txt" in result.stderr and "y/a.txt" in result.stderr
    assert not out.exists() or not list(out.iterdir())


def test_inputs_sharing_a_stem_are_written_under_their_whole_names(runner, tmp_path):
    txt, md = _write(tmp_path / "notice.txt"), _write(tmp_path / "notice.md")
    out = tmp_path / "out"
    result = runner.invoke(main, ["parse", str(txt), str(md), "--format", "md", "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["notice.md.md", "notice.txt.md"]


@pytest.mark.parametrize(("args", "message"), [
    (["--out", "tasks.pdf"], ".pdf is not one of"),
    (["--out", "tasks.csv", "--format", "json"], "--format json does not match the extension .csv"),
])
def test_an_output_extension_must_match_its_content(runner, tmp_path, args, message):
    notice = _write(tmp_path / "a.txt")
    args = [a if not a.startswith("tasks.") else str(tmp_path / a) for a in args]
    result = runner.invoke(main, ["parse", str(notice), *args])
    assert result.exit_code == 1
    assert "[SD304]" in result.stderr and message in result.stderr
    assert not list(tmp_path.glob("tasks.*"))


def test_an_existing_output_is_replaced_only_with_force(runner, tmp_path):
    notice, target = _write(tmp_path / "a.txt"), tmp_path / "tasks.md"
    target.write_text("my own notes\n", encoding="utf-8")
    result = runner.invoke(main, ["parse", str(notice), "--out", str(target)])
    assert result.exit_code == 1 and "[SD302]" in result.stderr
    assert target.read_text(encoding="utf-8") == "my own notes\n"
    result = runner.invoke(main, ["parse", str(notice), "--out", str(target), "--force"])
    assert result.exit_code == 0 and target.read_text(encoding="utf-8").startswith("# a.txt")


def test_a_binary_format_to_the_terminal_is_refused_with_exit_1(runner, tmp_path):
    result = runner.invoke(main, ["parse", str(_write(tmp_path / "a.txt")), "--format", "xlsx"])
    assert result.exit_code == 1 and "[SD501]" in result.stderr and "--out tasks.xlsx" in result.stderr


@pytest.mark.slow
def test_a_closed_pipe_ends_the_run_quietly(tmp_path):
    files = [str(_write(tmp_path / f"n{i}.txt")) for i in range(40)]
    shell = f"{sys.executable} -m safetydocs parse {' '.join(files)} | head -c 10"
    result = subprocess.run(shell, shell=True, capture_output=True, text=True, timeout=120)
    assert "SD999" not in result.stderr and "Traceback" not in result.stderr, result.stderr


# ---------------------------------------------------------------- parse: inputs


def test_shift_jis_is_refused_rather_than_read_as_mojibake(runner, tmp_path):
    text = "安全生産に関する通知。各部門は配管の点検を実施し、六月三十日までに報告すること。" * 3
    path = tmp_path / "jp.txt"
    path.write_bytes(text.encode("shift_jis"))
    result = runner.invoke(main, ["parse", str(path)])
    assert result.exit_code == 1 and "[SD110]" in result.stderr and "jp.txt" in result.stderr


def test_a_language_forced_against_the_text_warns(runner, tmp_path):
    result = runner.invoke(main, ["parse", str(_write(tmp_path / "a.txt")), "--lang", "en"])
    assert result.exit_code == 0
    assert "warning:" in result.stderr and "[SD601]" in result.stderr


def test_a_document_without_title_is_headed_by_its_file_name_not_its_path(runner, tmp_path):
    result = runner.invoke(main, ["parse", str(_write(tmp_path / "deep" / "a.txt")), "--format", "md"])
    assert result.output.splitlines()[0] == "# a.txt"


# ---------------------------------------------------------------- the Python API


def test_dates_may_be_iso_strings_as_the_json_writes_them():
    assert safetydocs.parse(NOTICE, issued="2010-11-18").issued == dt.date(2010, 11, 18)
    assert safetydocs.parse(NOTICE, issued=dt.datetime(2010, 11, 18, 9, 30)).issued == dt.date(2010, 11, 18)


@pytest.mark.parametrize("kwargs", [{"issued": "18/11/2010"}, {"issued": 20101118}, {"lang": "fr"}])
def test_bad_arguments_are_one_coded_error(kwargs):
    with pytest.raises(InvalidArgument, match=r"\[SD501\]") as info:
        safetydocs.parse(NOTICE, **kwargs)
    assert isinstance(info.value, ValueError)


def test_forcing_a_language_against_the_text_warns_in_python_too():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        safetydocs.parse(NOTICE, lang="en")
    assert any("SD601" in str(w.message) for w in caught)


def test_render_takes_format_aliases_and_names_the_formats_it_knows():
    from safetydocs.export import render

    doc = safetydocs.parse(NOTICE)
    assert render(doc, fmt="htm") == render(doc, fmt="html")
    with pytest.raises(UnknownOutputFormat, match=r"json, csv, md, html, xlsx, docx.*\[SD304\]"):
        render(doc, fmt="pdf")


# ---------------------------------------------------------------- exports


def test_the_markdown_matrix_has_a_row_for_every_task():
    from safetydocs.export import render

    text = "一、工作任务\n1.开展燃气检查。(牵头单位:市应急管理局)\n2.全面开展消防安全检查。\n3.开展道路检查。(牵头单位:市公安局)\n"
    doc = safetydocs.parse(text)
    assert len(doc.tasks) == 3 and not doc.tasks[1].assignments
    matrix = render(doc, fmt="md").split("\n## ")[-1]
    assert [line.split("|")[1].strip() for line in matrix.splitlines() if line[:3] in ("| 1", "| 2", "| 3")] == [
        "1", "2", "3"]


def test_the_workbook_legend_names_the_columns_it_describes(tmp_path):
    import openpyxl

    from safetydocs.export import render_bytes

    text = "一、工作任务\n1.开展燃气检查。(牵头单位:市应急管理局;配合单位:各区人民政府)\n2.开展消防检查。(牵头单位:市消防救援支队)\n"
    (tmp_path / "t.xlsx").write_bytes(render_bytes(safetydocs.parse(text), fmt="xlsx"))
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx")["责任矩阵"]
    header = [c.value for c in sheet[2]]
    legend = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and "统称单位" in c.value]
    assert header[2:] == ["市应急管理局", "市消防救援支队", "各区人民政府"]
    assert legend == ["具名单位: C–D; 统称单位: E"]


# ---------------------------------------------------------------- batch


def test_a_glob_that_matches_nothing_is_an_error_not_an_empty_success(runner, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(main, ["batch", str(tmp_path / "nomatch" / "*.pdf"), "--out", str(out), "-q"])
    assert result.exit_code == 1 and "[SD401]" in result.stderr
    assert not out.exists()
    with pytest.raises(NoInput):
        safetydocs.batch.run_batch([str(tmp_path / "nomatch" / "*.pdf")], out=out, progress=False)


def test_an_empty_glob_beside_real_inputs_is_listed_and_fails_the_run(runner, tmp_path):
    _write(tmp_path / "in" / "a.txt")
    out = tmp_path / "out"
    result = runner.invoke(main, ["batch", str(tmp_path / "in"), str(tmp_path / "x*.pdf"), "--out", str(out),
                                  "--workers", "1", "-q"])
    assert result.exit_code == 1
    assert [r["code"] for r in _rows(out / "errors.csv")] == ["SD401"]
    assert len(_rows(out / "ledger.csv")) >= 1


def test_a_folder_and_a_zip_of_it_are_parsed_once(runner, tmp_path):
    folder = tmp_path / "in"
    for n in range(3):
        # A numbered item: a task whatever the classifier makes of the sentence, so each file has rows.
        _write(folder / f"n{n}.txt", f"{n + 1}.开展{'一二三'[n]}号片区燃气管道检查。（牵头单位：市应急管理局）\n")
    with zipfile.ZipFile(tmp_path / "in.zip", "w") as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, path.name)
    out = tmp_path / "out"
    result = runner.invoke(main, ["batch", str(folder), str(tmp_path / "in.zip"), "--out", str(out), "--workers", "1",
                                  "-q"])
    assert result.exit_code == 0, result.stderr
    assert "3 duplicates listed once" in result.stderr
    rows = _rows(out / "ledger.csv")
    assert len({r["source"] for r in rows}) == 3 and not any("!" in r["source"] for r in rows)
    assert len({(r["source"], r["task_no"]) for r in rows}) == len(rows)


def test_the_ledger_writes_industry_names_and_keeps_the_codes(runner, tmp_path):
    out = tmp_path / "out"
    runner.invoke(main, ["batch", str(_write(tmp_path / "in" / "a.txt")), "--out", str(out), "--workers", "1", "-q"])
    row = _rows(out / "ledger.csv")[0]
    assert row["industries"] == "城镇燃气" and row["industry_codes"] == "gas"


@pytest.mark.parametrize("make_out", [
    lambda tmp: (tmp / "afile").write_text("x") and tmp / "afile",
    lambda tmp: (tmp / "afile").write_text("x") and tmp / "afile" / "sub",
])
def test_an_unusable_out_is_one_coded_line(runner, tmp_path, make_out):
    out = make_out(tmp_path)
    result = runner.invoke(main, ["batch", str(_write(tmp_path / "in" / "a.txt")), "--out", str(out), "-q"])
    assert result.exit_code == 1 and "[SD301]" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_an_unreachable_scheduler_is_one_coded_error_soon(tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    from safetydocs import batch

    monkeypatch.setattr(batch, "SCHEDULER_TIMEOUT", 1)
    with pytest.raises(SchedulerUnavailable, match=r"tcp://127\.0\.0\.1:9.*\[SD402\]"):
        batch.run_batch([str(_write(tmp_path / "in" / "a.txt"))], out=tmp_path / "out", engine="dask",
                        scheduler="tcp://127.0.0.1:9", progress=False)


def test_the_cache_key_changes_with_the_language_data(monkeypatch):
    from safetydocs import batch

    before = batch.content_hash(b"notice", {})
    monkeypatch.setattr(batch, "_FINGERPRINT", "1:0.1.0:other-models")
    assert batch.content_hash(b"notice", {}) != before
    monkeypatch.setattr(batch, "_FINGERPRINT", None)
    assert batch.parser_fingerprint().startswith(f"{batch.PARSER_VERSION}:")


# ---------------------------------------------------------------- train


def test_train_without_out_outside_a_checkout_refuses_to_touch_the_package(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["train", str(tmp_path)])
    assert result.exit_code == 1 and "[SD501]" in result.stderr and "--out" in result.stderr


def test_train_without_out_in_a_checkout_writes_its_models(tmp_path):
    from safetydocs.train import default_out_dir

    for language in ("zh", "en"):
        _write(tmp_path / "models" / language / "departments.yaml", "national: []\n")
    assert default_out_dir(tmp_path) == tmp_path / "models"
    with pytest.raises(OutputError.__mro__[1]):  # SafetydocsError: InvalidArgument
        default_out_dir(tmp_path / "elsewhere")


def test_an_unexpected_failure_in_any_command_is_one_coded_line(runner, tmp_path, monkeypatch):
    from safetydocs import batch

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(batch, "run_batch", broken)
    result = runner.invoke(main, ["batch", str(_write(tmp_path / "a.txt")), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: safetydocs batch: internal error (RuntimeError: a bug) [SD999]"
