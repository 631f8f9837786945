from __future__ import annotations

import datetime as dt
import io

from safetydocs.tracking import Filters
from safetydocs.tracking.reports import department_sheet, render_report, weekly_report

APRIL = dt.date(2024, 4, 1)


def _texts(workbook_bytes: bytes) -> dict[str, list[list[str]]]:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes))
    return {sheet.title: [[str(c.value) for c in row if c.value is not None] for row in sheet.iter_rows()]
            for sheet in book.worksheets}


def test_the_weekly_report(ledger, document) -> None:
    ledger.import_document(document, key="k", by="ann", today=APRIL)
    gas = ledger.items(Filters(department="市住建局"))[0]
    ledger.update(gas.id, version=gas.version, by="ann", status="done", note="完成")
    day = dt.date.today()
    report = weekly_report(ledger, day=day)
    assert [i.text[:4] for i in report.done] == ["市住建局"]
    later = weekly_report(ledger, day=dt.date(2024, 9, 20))
    assert [i.text[:4] for i in later.due_soon] == ["市应急管"]
    by_name = {row[0]: row[1:] for row in later.departments}
    assert by_name["市应急管理局"] == (0, 1, 0)
    sheets = _texts(render_report(later, fmt="xlsx"))
    assert list(sheets) == ["逾期未完成", "14日内到期", "本周完成", "按部门"]
    assert any("市应急管理局负责危险化学品企业检查" in cell for row in sheets["14日内到期"] for cell in row)
    import docx

    word = docx.Document(io.BytesIO(render_report(later, fmt="docx", language="en")))
    assert "Weekly supervision report 2024-09-20" in word.paragraphs[0].text
    assert any("市应急管理局" in cell.text for table in word.tables for row in table.rows for cell in row.cells)


def test_a_department_sheet_holds_its_tasks_only(ledger, document) -> None:
    ledger.import_document(document, key="k", by="ann", today=APRIL)
    [rows] = _texts(department_sheet(ledger, department="市应急局")).values()
    tasks = [row[1] for row in rows[2:]]
    assert tasks == ["市住建局牵头，市应急局配合，6月底前完成燃气管网排查。"]


def test_formulas_in_task_text_are_not_run(ledger, document) -> None:
    document.tasks[0].text = "=HYPERLINK(\"http://x\")"
    ledger.import_document(document, key="k", by="ann", today=APRIL)
    [rows] = _texts(department_sheet(ledger, department="市住建局")).values()
    assert rows[2][1] == "'=HYPERLINK(\"http://x\")"
