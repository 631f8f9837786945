"""Accounts on the pages: login, roles, a department user's view, session expiry, the audit log."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from safetydocs.review import ReviewStore
from safetydocs.review.app import create_app
from safetydocs.tracking import TaskLedger

from ..tracking.conftest import make_document


@pytest.fixture
def setup(tmp_path):
    store = ReviewStore(tmp_path / "review.sqlite")
    ledger = TaskLedger(tmp_path / "ledger.sqlite")
    ledger.import_document(make_document(), key="k", by="admin", today=dt.date(2024, 4, 1))
    ledger.add_user("admin", password="admin password", role="admin", by="test")
    ledger.add_user("王芳", password="wang password", role="department", department="市应急管理局", by="test")
    return store, ledger


def _client(store, ledger, **kwargs):
    return create_app(store=store, ledger=ledger, require_login=True, **kwargs).test_client()


def _token(client, url="/login") -> str:
    return re.search(r'name="csrf-token" content="([^"]+)"', client.get(url).get_data(as_text=True)).group(1)


def _login(client, name, password):
    return client.post("/login", data={"name": name, "password": password, "csrf_token": _token(client)})


def test_every_page_asks_for_a_login(setup) -> None:
    client = _client(*setup)
    for url in ("/", "/ledger/", "/ledger/item/1", "/doc/1", "/ledger/report.xlsx"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"], url


def test_a_wrong_password_is_refused_and_logged(setup) -> None:
    store, ledger = setup
    client = _client(store, ledger)
    assert _login(client, "王芳", "wrong password").status_code == 401
    assert client.get("/ledger/").status_code == 302
    assert ledger.audit_log()[0]["action"] == "login.failed"


def test_a_department_user_sees_only_his_departments_tasks(setup) -> None:
    store, ledger = setup
    client = _client(store, ledger)
    assert _login(client, "王芳", "wang password").headers["Location"].endswith("/ledger/")
    page = client.get("/ledger/").get_data(as_text=True)
    assert "危险化学品企业检查" in page and "燃气管网排查" not in page and "每月25日前" not in page
    own = next(i for i in ledger.items() if "市应急管理局" in i.lead)
    other = next(i for i in ledger.items() if "市住建局" in i.lead)
    assert client.get(f"/ledger/item/{own.id}").status_code == 200
    assert client.get(f"/ledger/item/{other.id}").status_code == 403
    token = _token(client, "/ledger/")
    refused = client.post(f"/ledger/item/{other.id}", data={"version": other.version, "status": "done",
                                                             "csrf_token": token})
    assert refused.status_code == 403 and ledger.item(other.id).status == "not_started"
    assert client.get("/").status_code == 403 and client.get("/ledger/?department=市住建局").status_code == 200
    assert "燃气管网排查" not in client.get("/ledger/?department=市住建局").get_data(as_text=True)
    client.post(f"/ledger/item/{own.id}", data={"version": own.version, "status": "done", "note": "已检查",
                                                 "csrf_token": token})
    assert ledger.item(own.id).status == "done" and ledger.notes(own.id)[0].author == "王芳"


def test_an_admin_sees_every_page(setup) -> None:
    client = _client(*setup)
    _login(client, "admin", "admin password")
    assert client.get("/").status_code == 200
    page = client.get("/ledger/").get_data(as_text=True)
    assert "燃气管网排查" in page and "危险化学品企业检查" in page
    assert client.get("/ledger/report.docx").status_code == 200


def test_a_session_ends(setup) -> None:
    client = _client(*setup, session_hours=-1)  # every session already past its end
    _login(client, "admin", "admin password")
    assert client.get("/ledger/").status_code == 302


def test_a_stale_form_is_refused_with_a_reason(setup) -> None:
    store, ledger = setup
    client = _client(store, ledger)
    _login(client, "admin", "admin password")
    item = ledger.items()[0]
    token = _token(client, "/ledger/")
    ledger.update(item.id, version=item.version, by="someone", status="in_progress")
    page = client.post(f"/ledger/item/{item.id}", data={"version": item.version, "status": "done",
                                                         "csrf_token": token}, follow_redirects=True)
    assert "SD802" in page.get_data(as_text=True) and ledger.item(item.id).status == "in_progress"


def test_marking_a_document_reviewed_puts_its_tasks_in_the_ledger(tmp_path) -> None:
    from .conftest import make_document as review_document

    store = ReviewStore(tmp_path / "review.sqlite")
    ledger = TaskLedger(tmp_path / "ledger.sqlite")
    doc_id = store.add(review_document(), data=b"x", file_name="n.txt", reviewer="ann")
    client = create_app(store=store, ledger=ledger, reviewer="ann").test_client()
    token = _token(client, "/")
    client.post(f"/doc/{doc_id}/correct", data={"op": "document.reviewed", "reviewed": "1", "csrf_token": token})
    client.post(f"/doc/{doc_id}/correct", data={"op": "document.reviewed", "reviewed": "1", "csrf_token": token})
    assert sorted(i.text[:4] for i in ledger.items()) == ["市住建局", "市应急管"]


def test_serving_beyond_loopback_needs_an_account(tmp_path) -> None:
    from safetydocs.errors import NotAllowed
    from safetydocs.review.service import serve

    with pytest.raises(NotAllowed, match="users add"):
        serve(ReviewStore(tmp_path / "r.sqlite"), host="0.0.0.0", port=0, open_browser=False,
              ledger=TaskLedger(tmp_path / "l.sqlite"))


def test_a_department_users_report_holds_his_department_only(setup) -> None:
    import io

    import openpyxl

    store, ledger = setup
    client = _client(store, ledger)
    _login(client, "王芳", "wang password")
    book = openpyxl.load_workbook(io.BytesIO(client.get("/ledger/report.xlsx?department=市住建局").data))
    overdue = [row[1] for row in book["逾期未完成"].iter_rows(min_row=3, values_only=True)]
    assert overdue == ["市应急管理局负责危险化学品企业检查，9月底前完成。"]
    assert [row[0] for row in book["按部门"].iter_rows(min_row=3, values_only=True)] == ["市应急管理局"]


def test_a_long_ledger_is_shown_a_page_at_a_time(tmp_path, monkeypatch) -> None:
    from safetydocs.review import ledger_pages

    monkeypatch.setattr(ledger_pages, "PAGE_SIZE", 2)
    store = ReviewStore(tmp_path / "review.sqlite")
    ledger = TaskLedger(tmp_path / "ledger.sqlite")
    ledger.import_document(make_document(), key="k", by="admin", today=dt.date(2024, 4, 1))
    client = create_app(store=store, ledger=ledger).test_client()
    first = client.get("/ledger/").get_data(as_text=True)
    assert first.count("data-item=") == 2 and 'id="next-page"' in first and 'id="previous-page"' not in first
    second = client.get("/ledger/?page=2").get_data(as_text=True)
    assert second.count("data-item=") == 1 and 'id="next-page"' not in second and "Tasks 3–3" in second
