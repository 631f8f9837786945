from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from safetydocs.errors import InvalidCorrection, ReviewStoreError
from safetydocs.review import ReviewStore


def test_the_same_file_is_stored_once(store, document) -> None:
    assert store.add(document, data=b"notice bytes", file_name="again.txt", reviewer="bob") == 1
    assert store.add(document, data=b"other bytes", file_name="other.txt", reviewer="bob") == 2
    assert [d.file_name for d in store.documents()] == ["notice.txt", "other.txt"]


def test_corrections_replay_and_undo(store, document) -> None:
    store.correct(1, {"op": "role.set", "task": "t1", "department": "市应急局", "role": "lead"}, reviewer="ann")
    store.correct(1, {"op": "task.delete", "task": "t2"}, reviewer="bob")
    assert [t.id for t in store.corrected(1).tasks] == ["t1"]
    assert store.parsed(1) == document  # the parser's output is kept as it was
    undone = store.undo(1, reviewer="ann")
    assert undone.op == "task.delete" and undone.undone
    corrected = store.corrected(1)
    assert [t.id for t in corrected.tasks] == ["t1", "t2"]
    assert corrected.tasks[0].departments("lead") == ["市住建局", "市应急局"]
    history = store.history(1)
    assert [(h.reviewer, h.op, h.undone) for h in history] == [("ann", "role.set", False), ("bob", "task.delete", True)]
    assert all(h.at for h in history)
    store.undo(1, reviewer="ann")
    assert store.corrected(1) == document
    assert store.undo(1, reviewer="ann") is None


def test_a_bad_correction_writes_nothing(store) -> None:
    with pytest.raises(InvalidCorrection):
        store.correct(1, {"op": "role.remove", "task": "t2", "department": "市住建局"}, reviewer="ann")
    with pytest.raises(InvalidCorrection, match="reviewer"):
        store.correct(1, {"op": "task.delete", "task": "t2"}, reviewer=" ")
    assert store.history(1) == []


def test_reviewed_mark_and_its_undo(store) -> None:
    assert store.reviewed(1) == (False, None)
    store.correct(1, {"op": "document.reviewed", "reviewed": True}, reviewer="ann")
    assert store.reviewed(1) == (True, "ann") and store.reviewed_ids() == [1]
    assert store.documents()[0].reviewed
    store.undo(1, reviewer="ann")
    assert store.reviewed(1) == (False, None)


def test_merges_are_learned_as_aliases_until_undone(store) -> None:
    store.correct(1, {"op": "department.merge", "source": "市应急局", "target": "市应急管理局"}, reviewer="ann")
    assert store.aliases() == [("市应急局", "市应急管理局", "zh")]
    store.undo(1, reviewer="ann")
    assert store.aliases() == []


def test_the_store_survives_a_reopen(tmp_path, document) -> None:
    path = tmp_path / "review.sqlite"
    first = ReviewStore(path)
    first.add(document, data=b"x", file_name="n.txt", reviewer="ann")
    first.correct(1, {"op": "task.delete", "task": "t1"}, reviewer="ann")
    first.close()
    again = ReviewStore(path)
    assert [t.id for t in again.corrected(1).tasks] == ["t2"] and again.secret == ReviewStore(path).secret
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_file_that_is_no_store_is_one_coded_error(tmp_path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("this is not a database", encoding="utf-8")
    with pytest.raises(ReviewStoreError, match="SD702"):
        ReviewStore(path)


def test_two_threads_writing_lose_nothing(store) -> None:
    def work(name: str) -> None:
        for _ in range(10):
            store.correct(1, {"op": "industry.add", "task": "t1", "code": "fire_safety"}, reviewer=name)

    threads = [threading.Thread(target=work, args=(name,)) for name in ("ann", "bob")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(store.history(1)) == 20


@pytest.mark.slow
def test_a_killed_writer_leaves_a_whole_store(tmp_path, document) -> None:
    path = tmp_path / "review.sqlite"
    ReviewStore(path).add(document, data=b"x", file_name="n.txt", reviewer="ann")
    script = textwrap.dedent(f"""
        from safetydocs.review import ReviewStore
        store = ReviewStore({str(path)!r})
        print("ready", flush=True)
        while True:
            store.correct(1, {{"op": "industry.add", "task": "t1", "code": "fire_safety"}}, reviewer="loop")
            store.undo(1, reviewer="loop")
    """)
    writer = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE)
    assert writer.stdout.readline().strip() == b"ready"
    time.sleep(1.0)
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    reopened = ReviewStore(path)
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    history = reopened.history(1)
    assert history and all(json.dumps(h.payload) for h in history)
    reopened.corrected(1)  # every correction recorded can still be replayed


def test_two_reviewers_deleting_one_task_at_once_store_one_deletion(tmp_path, document) -> None:
    path = tmp_path / "review.sqlite"
    ReviewStore(path).add(document, data=b"x", file_name="n.txt", reviewer="ann")
    stores = [ReviewStore(path), ReviewStore(path)]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def delete(store: ReviewStore, name: str) -> None:
        barrier.wait()
        try:
            store.correct(1, {"op": "task.delete", "task": "t1"}, reviewer=name)
            outcomes.append("stored")
        except InvalidCorrection:
            outcomes.append("refused")

    threads = [threading.Thread(target=delete, args=(store, name)) for store, name in zip(stores, ("ann", "bob"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "stored"]
    assert [t.id for t in ReviewStore(path).corrected(1).tasks] == ["t2"]
