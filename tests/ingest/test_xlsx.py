"""The XLSX reader: sheets into text and tables, merged cells, dates, never formulas."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from safetydocs.ingest import read


def _workbook(path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["2024年燃气安全专项整治任务分工表"])
    sheet.append(["序号", "重点任务", "牵头单位", "配合单位", "完成时限"])
    sheet.append([1, "开展燃气管道隐患排查", "市住建局", "市应急管理局", dt.datetime(2024, 6, 30)])
    sheet.append([2, "整治餐饮场所用气安全", None, "市市场监管局", "2024年9月底前"])
    sheet.merge_cells("C3:C4")  # one lead for both tasks
    sheet.append([3, "=1+1", "市消防救援支队", None, None])
    hidden = book.create_sheet("hidden")
    hidden.append(["不应读出的内容"])
    hidden.sheet_state = "hidden"
    book.save(path)
    return path


def test_a_task_table_in_a_workbook(tmp_path):
    raw = read(_workbook(tmp_path / "tasks.xlsx"))
    assert raw.kind == "xlsx" and raw.title == "2024年燃气安全专项整治任务分工表"
    (table,) = raw.tables
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]
    assert rows[1] == ["1", "开展燃气管道隐患排查", "市住建局", "市应急管理局", "2024-06-30"]
    assert table.cell(2, 2).text == "市住建局", "a lead merged down two rows leads both"
    assert rows[2][2] == "" and table.rows[2].cells[2].merged_from == (1, 2)
    assert table.rows[1].cells[2].rowspan == 2
    assert "不应读出" not in raw.text
    for row in table.rows:
        for cell in row.cells:
            assert raw.text[cell.span[0]:cell.span[1]] == cell.text


def test_a_formula_is_never_evaluated_or_kept_as_code(tmp_path):
    raw = read(_workbook(tmp_path / "tasks.xlsx"))
    # openpyxl wrote no cached value for the formula: the cell is read as empty, not as "=1+1".
    assert "=1+1" not in raw.text


def test_the_parser_finds_the_tasks_and_their_leads(tmp_path):
    import safetydocs

    doc = safetydocs.parse(_workbook(tmp_path / "tasks.xlsx"))
    leads = [t.departments("lead") for t in doc.tasks]
    assert ["市住房和城乡建设局"] in leads or ["市住建局"] in leads
