"""The ledger's pages in headless Chromium (the `page` fixture of tests/conftest.py): a department user logs in,
sees his tasks only, marks one done."""
from __future__ import annotations

import datetime as dt
import io
import threading

import pytest

from safetydocs.review import ReviewStore
from safetydocs.tracking import TaskLedger

from .conftest import make_document

pytestmark = pytest.mark.slow


@pytest.fixture
def server(tmp_path):
    from werkzeug.serving import make_server

    from safetydocs.review.app import create_app

    ledger = TaskLedger(tmp_path / "ledger.sqlite")
    ledger.import_document(make_document(), key="k", by="admin", today=dt.date(2024, 4, 1))
    ledger.add_user("王芳", password="wang password", role="department", department="市应急管理局", by="test")
    app = create_app(store=ReviewStore(tmp_path / "review.sqlite"), ledger=ledger, require_login=True)
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}", ledger
    httpd.shutdown()


def _overdue_tasks(page, url: str) -> list[str]:
    import openpyxl

    response = page.request.get(f"{url}/ledger/report.xlsx")
    assert response.ok
    sheet = openpyxl.load_workbook(io.BytesIO(response.body()))["逾期未完成"]
    return [row[1] for row in sheet.iter_rows(min_row=3, values_only=True)]


def test_a_department_user_marks_his_task_done(server, page) -> None:
    url, ledger = server
    page.goto(f"{url}/ledger/")
    assert "/login" in page.url

    page.fill("#login-name", "王芳")
    page.fill("#login-password", "not his password")
    page.click("#login-button")
    assert "Wrong name or password" in page.inner_text(".flashes")

    page.fill("#login-name", "王芳")
    page.fill("#login-password", "wang password")
    page.click("#login-button")
    page.wait_for_url(f"{url}/ledger/")
    rows = page.locator("#ledger tbody tr")
    assert rows.count() == 1 and "危险化学品企业检查" in rows.first.inner_text()
    assert "逾期" in rows.first.inner_text()
    assert "市应急管理局负责危险化学品企业检查，9月底前完成。" in _overdue_tasks(page, url)

    rows.first.locator("a").click()
    page.select_option("#status", "done")
    page.fill("#note", "已完成全部企业检查")
    page.click("#save")
    assert page.inner_text("#item-status") == "已完成"
    assert "已完成全部企业检查" in page.inner_text("#notes")
    assert page.locator("#overdue").count() == 0
    assert "市应急管理局负责危险化学品企业检查，9月底前完成。" not in _overdue_tasks(page, url)

    other = next(i for i in ledger.items() if "市住建局" in i.lead)
    assert page.goto(f"{url}/ledger/item/{other.id}").status == 403
    assert page.goto(f"{url}/").status == 403
    assert [a["action"] for a in ledger.audit_log()][:3] == ["update", "login", "login.failed"]
