from __future__ import annotations

import datetime as dt
import threading

import pytest
import sqlalchemy as sa

from safetydocs.errors import InvalidArgument, LedgerConflict, LedgerError
from safetydocs.tracking import Filters, TaskLedger

from .conftest import make_document

APRIL = dt.date(2024, 4, 1)
JULY = dt.date(2024, 7, 5)


def test_import_lists_tasks_with_due_dates_overdue_first(ledger, document) -> None:
    ledger.import_document(document, key="k", by="ann", today=APRIL)
    items = ledger.items(Filters(today=JULY))
    # overdue first, the oldest first; a periodic task is due on its first date after the import
    assert [(i.text[:4], i.due, i.overdue) for i in items] == [
        ("各区每月", dt.date(2024, 4, 25), True), ("市住建局", dt.date(2024, 6, 30), True),
        ("市应急管", dt.date(2024, 9, 30), False)]
    assert items[1].lead == ["市住建局"] and items[1].support == ["市应急局"] and items[1].status == "not_started"


def test_reimport_updates_never_duplicates_and_keeps_the_work_done(ledger, document) -> None:
    ledger.import_document(document, key="k", by="ann", today=APRIL)
    first = ledger.items(Filters(today=APRIL))
    target = next(i for i in first if i.text.startswith("市住建局"))
    ledger.update(target.id, version=target.version, by="ann", status="进行中", note="已开始排查")
    ledger.import_document(make_document(drop_second=True, first_deadline="9月底前"), key="k", by="bob", today=APRIL)
    again = ledger.items(Filters(today=APRIL))
    assert len(again) == 2 and len(ledger.items(Filters(today=APRIL, include_withdrawn=True))) == 3
    moved = ledger.item(target.id, today=APRIL)
    assert moved.status == "in_progress" and moved.due == dt.date(2024, 9, 30)
    assert [n.text for n in ledger.notes(target.id)] == ["已开始排查"]
    withdrawn = [i for i in ledger.items(Filters(today=APRIL, include_withdrawn=True)) if i.withdrawn]
    assert [i.text[:6] for i in withdrawn] == ["市应急管理局"]


def test_filters(ledger, document) -> None:
    ledger.import_document(document, key="k", by="ann", today=APRIL)
    assert [i.text[:4] for i in ledger.items(Filters(department="市应急局", today=JULY))] == ["市住建局"]
    assert [i.text[:4] for i in ledger.items(Filters(industry="hazardous_chemicals", today=JULY))] == ["市应急管"]
    assert [i.text[:4] for i in ledger.items(Filters(industry="gas", today=JULY))] == ["市住建局"]
    assert ledger.items(Filters(industry="chemicals", today=JULY)) == []  # whole codes only
    assert len(ledger.items(Filters(overdue=True, today=JULY))) == 2
    assert [i.due for i in ledger.items(Filters(due_within=14, today=dt.date(2024, 6, 20)))] == [
        dt.date(2024, 4, 25), dt.date(2024, 6, 30)]
    assert ledger.items(Filters(status="已完成", today=JULY)) == []
    with pytest.raises(InvalidArgument, match="未开始"):
        ledger.items(Filters(status="half done"))


def test_update_with_note_and_evidence(ledger, document) -> None:
    ledger.import_document(document, key="k", by="ann", today=APRIL)
    item = ledger.items(Filters(department="市应急管理局"))[0]
    updated = ledger.update(item.id, version=item.version, by="王芳", status="done", note="检查完成",
                            evidence=[("../../报告.pdf", b"%PDF report")], today=JULY)
    assert updated.status == "done" and updated.version == item.version + 1 and updated.updated_by == "王芳"
    [evidence] = ledger.evidence(item.id)
    assert evidence.file_name == "报告.pdf" and evidence.size == 11 and len(evidence.sha256) == 64
    assert ledger.notes(item.id)[0].author == "王芳"
    assert [a["action"] for a in ledger.audit_log()][:2] == ["update", "import"]


def test_a_stale_update_is_refused_and_writes_nothing(ledger, document) -> None:
    ledger.import_document(document, key="k", by="ann", today=APRIL)
    item = ledger.items()[0]
    ledger.update(item.id, version=item.version, by="ann", status="in_progress")
    with pytest.raises(LedgerConflict, match="SD802"):
        ledger.update(item.id, version=item.version, by="bob", status="done", note="stale")
    assert ledger.item(item.id).status == "in_progress" and ledger.notes(item.id) == []


def test_two_writers_at_once_lose_no_update(ledger_url, document) -> None:
    TaskLedger(ledger_url).import_document(document, key="k", by="ann", today=APRIL)
    writers = [TaskLedger(ledger_url), TaskLedger(ledger_url)]
    item = writers[0].items()[0]
    barrier = threading.Barrier(2)
    outcome: dict[str, str] = {}

    def write(ledger: TaskLedger, name: str) -> None:
        read = ledger.item(item.id)
        barrier.wait()  # both read the same version, then both write
        for _attempt in range(5):
            try:
                ledger.update(item.id, version=read.version, by=name, status="in_progress", note=f"{name}'s note")
                outcome[name] = "first" if not outcome else "after retry"
                return
            except LedgerConflict:
                read = ledger.item(item.id)  # what a person does: reload and try again
        outcome[name] = "gave up"

    threads = [threading.Thread(target=write, args=(w, n)) for w, n in zip(writers, ("ann", "bob"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcome.values()) == ["after retry", "first"]
    assert sorted(n.text for n in writers[0].notes(item.id)) == ["ann's note", "bob's note"]
    assert writers[0].item(item.id).version == item.version + 2


def test_a_periodic_task_done_produces_its_next_occurrence(ledger, document) -> None:
    ledger.import_document(document, key="k", by="ann", today=APRIL)
    periodic = next(i for i in ledger.items() if i.deadline_kind == "periodic")
    ledger.update(periodic.id, version=periodic.version, by="ann", status="done", today=dt.date(2024, 4, 24))
    occurrences = [i for i in ledger.items(Filters(today=dt.date(2024, 4, 26)))
                   if i.deadline_kind == "periodic" and i.status == "not_started"]
    assert [(i.due, i.status, i.occurrence, i.lead) for i in occurrences] == [
        (dt.date(2024, 5, 25), "not_started", 1, ["各区"])]
    assert ledger.items(Filters(status="done"))[0].due == dt.date(2024, 4, 25)
    ledger.import_document(document, key="k", by="ann", today=APRIL)  # the next occurrence survives a re-import
    assert len([i for i in ledger.items() if i.deadline_kind == "periodic"]) == 2


def test_accounts(ledger) -> None:
    ledger.add_user("王芳", password="correct horse", role="department", department="市应急管理局", by="admin")
    assert ledger.check_password("王芳", "correct horse").department == "市应急管理局"
    assert ledger.check_password("王芳", "wrong") is None and ledger.check_password("nobody", "x") is None
    with pytest.raises(InvalidArgument):
        ledger.add_user("王芳", password="another one", role="admin", by="admin")
    with pytest.raises(InvalidArgument, match="department"):
        ledger.add_user("李", password="long enough", role="department", by="admin")
    with pytest.raises(InvalidArgument, match="8 characters"):
        ledger.add_user("赵", password="short", role="admin", by="admin")
    engine = ledger.engine
    with engine.connect() as db:
        stored = db.execute(sa.text("SELECT password_hash FROM ledger_users")).scalar_one()
    assert "correct horse" not in stored and stored.startswith(("scrypt:", "pbkdf2:"))


def test_migrations_build_the_schema_the_code_uses(ledger) -> None:
    from safetydocs.tracking.schema import metadata

    inspector = sa.inspect(ledger.engine)
    for table in metadata.sorted_tables:
        assert {c["name"] for c in inspector.get_columns(table.name)} == set(table.columns.keys()), table.name
    with ledger.engine.connect() as db:
        assert db.execute(sa.text("SELECT version_num FROM ledger_alembic_version")).scalar_one() == "0002"


def test_an_unusable_ledger_is_one_coded_error(tmp_path) -> None:
    bad = tmp_path / "ledger.sqlite"
    bad.write_text("not a database", encoding="utf-8")
    with pytest.raises(LedgerError, match="SD801"):
        TaskLedger(bad)
    with pytest.raises(LedgerError, match="SD801") as caught:
        TaskLedger("postgresql://someone:secret@127.0.0.1:1/none")
    assert "secret" not in str(caught.value)
