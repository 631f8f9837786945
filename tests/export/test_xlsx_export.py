"""The Excel workbook, read back with openpyxl."""
from __future__ import annotations

import datetime as dt
import io

import pytest

from safetydocs.export import render_bytes
from safetydocs.matrix import responsibility_matrix

openpyxl = pytest.importorskip("openpyxl")

SHEETS = {"zh": ["任务分工表", "责任矩阵", "部门汇总", "时间节点"],
          "en": ["Task division", "Matrix", "By department", "Deadlines"]}
HEADERS = {"zh": ["序号", "重点任务", "牵头单位", "配合单位", "完成时限", "重点行业", "出处"],
           "en": ["No.", "Task", "Lead", "Support", "Deadline", "Industries", "Source"]}
MARKS = {"zh": ("牵头", "配合"), "en": ("Lead", "Support")}


def _workbook(document):
    data = render_bytes(document, fmt="xlsx")
    assert data[:2] == b"PK"  # a zip container, as every xlsx is
    return openpyxl.load_workbook(io.BytesIO(data))


def _rows(sheet, *, first: int = 3):
    return [list(row) for row in sheet.iter_rows(min_row=first, values_only=True)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sheets_headers_and_title(docs, lang):
    document = docs[lang]
    workbook = _workbook(document)
    assert workbook.sheetnames == SHEETS[lang]
    tasks = workbook.worksheets[0]
    assert [c.value for c in tasks[2]] == HEADERS[lang]
    title = tasks["A1"].value
    assert document.title in title and ("2024年3月1日" if lang == "zh" else "March 1, 2024") in title
    assert any(str(r) == "A1:G1" for r in tasks.merged_cells.ranges)
    for sheet in workbook.worksheets:
        assert sheet["A1"].font.bold
        assert sheet.freeze_panes is not None and sheet.auto_filter.ref


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_task_sheet_has_one_row_per_task(docs, lang):
    document = docs[lang]
    sheet = _workbook(document).worksheets[0]
    rows = _rows(sheet)
    assert len(rows) == len(document.tasks) == sheet.max_row - 2
    assert [row[0] for row in rows] == list(range(1, len(document.tasks) + 1))
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == f"A2:G{sheet.max_row}"
    assert sheet["B3"].alignment.wrap_text
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["A"].width


def test_task_sheet_contents_zh(zh_doc):
    rows = _rows(_workbook(zh_doc).worksheets[0])
    first = rows[0]
    assert first[1].startswith("（一）开展危险化学品安全专项整治")
    assert first[2] == "市应急管理局"
    assert first[3] == "市公安局"
    assert first[4] == "2024年6月底前 (2024-06-30)"
    assert first[5] == "危险化学品、工业园区"  # industry names (hazardous_chemicals, industrial_parks), not codes
    task = zh_doc.tasks[0]
    assert first[6] == f"一、（一） [{task.span[0]}:{task.span[1]}]"
    assert rows[1][3] == "市市场监督管理局、市应急管理局"


def test_task_sheet_contents_en(en_doc):
    rows = _rows(_workbook(en_doc).worksheets[0])
    assert rows[0][2] == "Municipal Emergency Management Bureau"
    assert rows[0][3] == "Municipal Public Security Bureau"
    from safetydocs.extract.industries import taxonomy

    assert en_doc.tasks[0].industries == ["hazardous_chemicals"]
    assert rows[0][5] == taxonomy()["hazardous_chemicals"]["name_en"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_matrix_sheet_marks_and_fills(docs, lang):
    document = docs[lang]
    matrix = responsibility_matrix(document)
    sheet = _workbook(document).worksheets[1]
    header = [c.value for c in sheet[2]]
    assert header[:2] == (["序号", "重点任务"] if lang == "zh" else ["No.", "Task"])
    assert header[2:] == matrix.bodies + matrix.collectives
    assert matrix.collectives, "the sample names a collective"
    assert sheet.freeze_panes == "C3"
    assert sheet.auto_filter.ref == f"A2:{sheet.cell(row=2, column=len(header)).column_letter}{2 + len(document.tasks)}"

    lead, support = MARKS[lang]
    fills = {}
    for r, row in enumerate(matrix.rows, start=3):
        assert sheet.cell(row=r, column=1).value == row.number
        for c, name in enumerate(header[2:], start=3):
            cell = sheet.cell(row=r, column=c)
            role = row.cells.get(name)
            assert cell.value == {"lead": lead, "support": support, None: None}[role]
            if role:
                fills.setdefault(role, set()).add(cell.fill.fgColor.rgb)
            else:
                assert cell.fill.fill_type is None
    # One colour per role, and the two differ.
    assert len(fills["lead"]) == 1 and len(fills["support"]) == 1
    assert fills["lead"] != fills["support"]
    # The collectives' headers look apart from the bodies'.
    first_collective = 3 + len(matrix.bodies)
    assert sheet.cell(row=2, column=first_collective).fill.fgColor.rgb != sheet.cell(row=2, column=3).fill.fgColor.rgb


def test_summary_sheet_zh(zh_doc):
    sheet = _workbook(zh_doc).worksheets[2]
    assert [c.value for c in sheet[2]] == ["部门", "类别", "层级", "牵头任务数", "配合任务数", "合计", "最早完成时限",
                                           "涉及重点行业"]
    rows = {row[0]: row for row in _rows(sheet)}
    assert rows["市应急管理局"][1:6] == ["单位", "市级", 1, 1, 2]
    assert rows["市应急管理局"][6] == dt.datetime(2024, 5, 31)
    assert "城镇燃气" in rows["市应急管理局"][7]
    assert rows["各区人民政府"][1] == "统称"
    names = [row[0] for row in _rows(sheet)]
    assert names.index("各区人民政府") > names.index("市交通运输局")  # collectives after bodies


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_deadline_sheet_sorted_undated_last(docs, lang):
    document = docs[lang]
    rows = _rows(_workbook(document).worksheets[3])
    assert len(rows) == sum(1 for t in document.tasks if t.deadline)
    dates = [row[0] for row in rows if isinstance(row[0], dt.datetime)]
    assert dates == sorted(dates) and dates
    dated_count = len(dates)
    assert all(not isinstance(row[0], dt.datetime) for row in rows[dated_count:])
    if lang == "zh":
        assert [row[1] for row in rows] == ["2024年5月底前", "2024年6月底前", "长期坚持"]
        assert rows[0][4] == "市住房和城乡建设局"
        assert rows[-1][0] == "无具体日期"


def test_empty_document_still_makes_a_workbook():
    import safetydocs

    document = safetydocs.parse_text("本通知自印发之日起施行。")
    workbook = _workbook(document)
    assert workbook.sheetnames == SHEETS["zh"]
    assert workbook.worksheets[0].max_row == 2
