"""Every ledger test runs on SQLite and on a real PostgreSQL server.

The server is named by SAFETYDOCS_TEST_POSTGRES (postgresql://user:password@host/database, a role that may create
databases); each test gets a database of its own, dropped after. .ci/run installs and starts Debian's postgresql and
sets it; where it is not set outside CI the PostgreSQL half is skipped, in CI it fails.
"""
from __future__ import annotations

import datetime as dt
import os
import time
import uuid

import pytest
import sqlalchemy as sa

from safetydocs.matrix import build_matrix
from safetydocs.model import Assignment, Deadline, Document, Task
from safetydocs.tracking import TaskLedger

POSTGRES = os.environ.get("SAFETYDOCS_TEST_POSTGRES")


def _postgres_database():
    if not POSTGRES:
        if os.environ.get("CI"):
            pytest.fail("SAFETYDOCS_TEST_POSTGRES is not set: .ci/run starts PostgreSQL and sets it")
        pytest.skip("no PostgreSQL server (set SAFETYDOCS_TEST_POSTGRES)")
    url = sa.engine.make_url(POSTGRES.replace("postgresql://", "postgresql+psycopg://", 1))
    name = f"safetydocs_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as db:
        db.execute(sa.text(f'CREATE DATABASE "{name}"'))
    return admin, name, url.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(params=["sqlite", "postgresql"])
def ledger_url(request, tmp_path):
    if request.param == "sqlite":
        yield str(tmp_path / "ledger.sqlite")
        return
    admin, name, url = _postgres_database()
    yield url
    _drop_database(admin, name)
    admin.dispose()


def _drop_database(admin, name, *, attempts=10):
    """Drop a test database, whoever is still connected to it.

    WITH (FORCE) ends the test's own leftover connections, but PostgreSQL refuses it outright when another role's
    process is in the database, and an autovacuum worker may be, now and then, just after the test wrote its tables.
    A plain DROP DATABASE stops autovacuum workers itself, so that is the fallback, tried again for a few seconds.
    """
    failure = None
    forced, plain = f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'DROP DATABASE IF EXISTS "{name}"'
    for statement in [forced] + [plain] * attempts:
        try:
            with admin.connect() as db:
                db.execute(sa.text(statement))
            return
        except sa.exc.DBAPIError as error:
            failure = error
            time.sleep(0.5)
    raise failure


@pytest.fixture
def ledger(ledger_url):
    opened = TaskLedger(ledger_url)
    yield opened
    opened.close()


TEXT = ("关于做好燃气安全检查的通知\n"
        "一、市住建局牵头，市应急局配合，6月底前完成燃气管网排查。\n"
        "二、市应急管理局负责危险化学品企业检查，9月底前完成。\n"
        "三、各区每月25日前报送工作进展。\n")


def _span(piece: str) -> tuple[int, int]:
    start = TEXT.index(piece)
    return start, start + len(piece)


def make_document(*, drop_second: bool = False, first_deadline: str = "6月底前") -> Document:
    def deadline(text: str, date, kind: str = "date"):
        return Deadline(text=text, date=date, kind=kind, span=_span(text))

    tasks = [
        Task(id="t1", text="市住建局牵头，市应急局配合，6月底前完成燃气管网排查。", span=_span("市住建局牵头"), industries=["gas"],
             assignments=[Assignment(department="市住建局", mention="市住建局", role="lead", span=_span("市住建局")),
                          Assignment(department="市应急局", mention="市应急局", role="support", span=_span("市应急局"))],
             deadline=deadline(first_deadline, dt.date(2024, 6, 30) if first_deadline == "6月底前" else dt.date(2024, 9, 30))),
        Task(id="t2", text="市应急管理局负责危险化学品企业检查，9月底前完成。", span=_span("市应急管理局负责"),
             industries=["hazardous_chemicals"],
             assignments=[Assignment(department="市应急管理局", mention="市应急管理局", role="lead",
                                     span=_span("市应急管理局"))],
             deadline=deadline("9月底前", dt.date(2024, 9, 30))),
        Task(id="t3", text="各区每月25日前报送工作进展。", span=_span("各区每月25日前"),
             assignments=[Assignment(department="各区", mention="各区", role="lead", span=_span("各区"))],
             deadline=deadline("每月25日前", None, "periodic")),
    ]
    if drop_second:
        tasks = [tasks[0], tasks[2]]
    return Document(source="notice.txt", language="zh", title="关于做好燃气安全检查的通知", issued=dt.date(2024, 3, 20),
                    text=TEXT, tasks=tasks, matrix=build_matrix(tasks))


@pytest.fixture
def document() -> Document:
    return make_document()
