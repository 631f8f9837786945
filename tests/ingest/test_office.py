"""Old and open office formats through LibreOffice: .doc, .wps, .xls, .rtf, .odt, .ods.

The conversions themselves need LibreOffice (.ci/run installs Debian's libreoffice-writer-nogui and
libreoffice-calc-nogui); where it is missing outside CI they are skipped, in CI they fail. The fixtures are made by
LibreOffice itself from the .docx and .xlsx fixtures, as an archive's old files were made by an office suite.
"""
from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from safetydocs.errors import ConverterMissing, UnknownFormat
from safetydocs.ingest import office, read, read_bytes
from tests.fixtures import builders

OLE2 = office.OLE2_SIGNATURE


def _ole2_with(stream: str) -> bytes:
    # enough of a compound file for the sniffers: its signature, and a directory entry's UTF-16LE name
    return OLE2 + b"\x00" * 504 + (stream + "\0").encode("utf-16-le") + b"\x00" * 64


def _odf(kind: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", f"application/vnd.oasis.opendocument.{kind}", compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


@pytest.mark.parametrize("data, name, expected", [
    (_ole2_with("WordDocument"), "通知.doc", ("docx", ".doc")),
    (_ole2_with("WordDocument"), "通知.wps", ("docx", ".wps")),
    (_ole2_with("WordDocument"), "<stdin>", ("docx", ".doc")),
    (_ole2_with("WordDocument"), "misnamed.xls", ("docx", ".doc")),  # the content decides
    (_ole2_with("Workbook"), "分工表.xls", ("xlsx", ".xls")),
    (_ole2_with("Book"), "分工表.et", ("xlsx", ".et")),
    (_ole2_with("Workbook"), "<stdin>", ("xlsx", ".xls")),
    (b"{\\rtf1\\ansi hello}", "notice.txt", ("docx", ".rtf")),
    (_odf("text"), "notice.odt", ("docx", ".odt")),
    (_odf("spreadsheet"), "tasks.bin", ("xlsx", ".ods")),
])
def test_what_each_file_is_converted_to(data, name, expected):
    assert office.conversion_of(data, source=name) == expected


def test_an_old_powerpoint_file_is_refused_with_what_to_do():
    with pytest.raises(UnknownFormat, match="PowerPoint.*PDF"):
        read_bytes(_ole2_with("PowerPoint Document"), name="slides.ppt")


def test_without_libreoffice_the_error_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("SAFETYDOCS_SOFFICE", str(tmp_path / "no-such-soffice"))
    path = tmp_path / "通知.doc"
    path.write_bytes(_ole2_with("WordDocument"))
    with pytest.raises(ConverterMissing) as caught:
        read(path)
    message = str(caught.value)
    assert caught.value.code == "SD116" and "通知.doc" in message and "apt install libreoffice-writer-nogui" in message
    assert "\n" not in message


def test_the_cli_reports_a_missing_libreoffice_on_one_line_with_its_code(tmp_path):
    path = tmp_path / "通知.doc"
    path.write_bytes(_ole2_with("WordDocument"))
    env = {**os.environ, "SAFETYDOCS_SOFFICE": str(tmp_path / "no-such-soffice")}
    result = subprocess.run([sys.executable, "-m", "safetydocs", "parse", str(path)], capture_output=True, text=True,
                            env=env)
    assert result.returncode != 0 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "SD116" in lines[0] and "通知.doc" in lines[0]


# --- real conversions --------------------------------------------------------------------------------------------


def _need_libreoffice() -> str:
    program = office.soffice()
    if program is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is not installed: .ci/run installs libreoffice-writer-nogui and -calc-nogui")
        pytest.skip("LibreOffice is not installed")
    return program


def _made_by_libreoffice(source: Path, target: str, folder: Path) -> Path:
    """``source`` saved by LibreOffice as ``target`` (doc, xls, rtf, odt, ods): an old-format fixture."""
    program = _need_libreoffice()
    profile = folder / "profile"
    subprocess.run([program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                    "--convert-to", target, "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=300, env={**os.environ, "HOME": str(folder)})
    made = folder / f"{source.stem}.{target}"
    assert made.is_file()
    return made


@pytest.fixture(scope="module")
def old_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("office")
    notice = builders.build_notice_docx(folder / "notice.docx")
    workbook = folder / "tasks.xlsx"
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["2024年燃气安全专项整治任务分工表"])
    sheet.append(["序号", "重点任务", "牵头单位", "配合单位", "完成时限"])
    sheet.append([1, "开展燃气管道隐患排查", "市住建局", "市应急管理局", "2024年6月底前"])
    sheet.append([2, "整治餐饮场所用气安全", "市市场监管局", "市消防救援支队", "2024年9月底前"])
    book.save(workbook)
    made = {target: _made_by_libreoffice(notice if target in ("doc", "rtf", "odt") else workbook, target, folder)
            for target in ("doc", "rtf", "odt", "xls", "ods")}
    return {**made, "docx": notice, "xlsx": workbook}


def _leads(document) -> dict[str, list[str]]:
    return {task.title or task.text: task.departments("lead") for task in document.tasks if task.origin == "table_row"}


@pytest.mark.slow
@pytest.mark.parametrize("target", ["doc", "rtf", "odt"])
def test_an_old_word_file_gives_the_notice_and_its_task_table(old_files, target):
    import safetydocs

    document = safetydocs.parse(old_files[target])
    assert document.title == builders.NOTICE_TITLE
    leads = _leads(document)
    assert len(leads) == len(builders.TASK_ROWS) and leads["开展危险化学品安全专项整治"] == ["市应急管理局"]
    assert leads == _leads(safetydocs.parse(old_files["docx"]))  # what the .docx it was made from gives
    assert any("每月25日前" in task.text for task in document.tasks)


@pytest.mark.slow
def test_a_wps_file_is_read_as_the_word_file_it_is(old_files, tmp_path):
    import safetydocs

    wps = tmp_path / "通知.wps"
    wps.write_bytes(old_files["doc"].read_bytes())  # WPS Writer's .wps files are Word 97 compound files
    assert _leads(safetydocs.parse(wps)) == _leads(safetydocs.parse(old_files["doc"]))


@pytest.mark.slow
@pytest.mark.parametrize("target", ["xls", "ods"])
def test_an_old_workbook_gives_its_task_table(old_files, target):
    import safetydocs

    raw = read(old_files[target])
    assert raw.kind == "office" and len(raw.tables) == 1
    document = safetydocs.parse(old_files[target])
    leads = _leads(document)
    assert len(leads) == 2 and leads == _leads(safetydocs.parse(old_files["xlsx"]))
    assert leads["开展燃气管道隐患排查"] == ["市住房和城乡建设局"]  # 市住建局, by its full name


@pytest.mark.slow
def test_a_file_libreoffice_cannot_convert_fails_with_a_code(tmp_path):
    _need_libreoffice()
    from safetydocs.errors import SafetydocsError

    broken = tmp_path / "broken.doc"
    broken.write_bytes(_ole2_with("WordDocument")[:600])
    with pytest.raises(SafetydocsError) as caught:
        read(broken)
    assert caught.value.code == "SD106" and "broken.doc" in str(caught.value)


@pytest.mark.slow
def test_a_batch_with_old_files_converts_them_in_its_workers_and_leaves_no_profile(old_files, tmp_path):
    import json
    import shutil

    archive = tmp_path / "archive"
    archive.mkdir()
    for target in ("doc", "xls"):
        shutil.copy(old_files[target], archive / old_files[target].name)
    (archive / "notice.txt").write_text("关于加强燃气安全的通知\n一、市住建局牵头，6月底前完成燃气管网排查。\n", encoding="utf-8")
    temp = tmp_path / "temp"
    temp.mkdir()
    done = subprocess.run([sys.executable, "-m", "safetydocs", "batch", str(archive), "--out", str(tmp_path / "out"),
                           "--workers", "2", "--quiet"], capture_output=True, text=True,
                          env={**os.environ, "TMPDIR": str(temp)}, timeout=600)
    assert done.returncode == 0, done.stderr
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["parsed"] == 3 and summary["failed"] == 0
    ledger = (tmp_path / "out" / "ledger.csv").read_text(encoding="utf-8-sig")
    assert "开展危险化学品安全专项整治" in ledger and "开展燃气管道隐患排查" in ledger
    assert not [p.name for p in temp.iterdir() if p.name.startswith("safetydocs-libreoffice-")]


def test_a_word_in_a_documents_text_is_not_taken_for_a_stream_name():
    text = "WordDocument review; PowerPoint Document".encode("utf-16-le")  # cells' text, as Excel 97 stores it
    assert office.conversion_of(_ole2_with("Workbook") + text, source="<stdin>") == ("xlsx", ".xls")
