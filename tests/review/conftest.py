"""A small hand-built document: the review tests need no parser run except where they say so."""
from __future__ import annotations

import datetime as dt

import pytest

from safetydocs.matrix import build_matrix
from safetydocs.model import Assignment, Deadline, Department, Document, Task

TEXT = ("关于做好燃气安全检查的通知\n"
        "一、市住建局牵头，市应急局配合，6月底前完成燃气管网排查。\n"
        "二、市应急管理局负责危险化学品企业检查。\n"
        "三、各区要开展宣传教育。\n"
        "临江市安委办\n2024年3月20日\n")


def _span(text: str, piece: str) -> tuple[int, int]:
    start = text.index(piece)
    return start, start + len(piece)


def make_document() -> Document:
    t1 = _span(TEXT, "市住建局牵头，市应急局配合，6月底前完成燃气管网排查。")
    t2 = _span(TEXT, "市应急管理局负责危险化学品企业检查。")
    tasks = [
        Task(id="t1", text=TEXT[t1[0]:t1[1]], span=t1, confidence=0.9, industries=["gas"],
             assignments=[Assignment(department="市住建局", mention="市住建局", role="lead", span=_span(TEXT, "市住建局")),
                          Assignment(department="市应急局", mention="市应急局", role="support",
                                     span=_span(TEXT, "市应急局"), confidence=0.5)],
             deadline=Deadline(text="6月底前", date=dt.date(2024, 6, 30), kind="date", span=_span(TEXT, "6月底前"))),
        Task(id="t2", text=TEXT[t2[0]:t2[1]], span=t2, confidence=0.8, industries=["hazardous_chemicals"],
             assignments=[Assignment(department="市应急管理局", mention="市应急管理局", role="lead",
                                     span=_span(TEXT, "市应急管理局"))]),
    ]
    departments = [
        Department(id="d1", name="市住建局", mentions=["市住建局"], spans=[_span(TEXT, "市住建局")]),
        Department(id="d2", name="市应急局", mentions=["市应急局"], spans=[_span(TEXT, "市应急局")]),
        Department(id="d3", name="市应急管理局", mentions=["市应急管理局"], spans=[_span(TEXT, "市应急管理局")]),
    ]
    return Document(source="notice.txt", language="zh", title="关于做好燃气安全检查的通知", issued=dt.date(2024, 3, 20),
                    text=TEXT, tasks=tasks, departments=departments, matrix=build_matrix(tasks))


@pytest.fixture
def document() -> Document:
    return make_document()


@pytest.fixture
def store(tmp_path, document):
    """A review store holding the document as its first (id 1)."""
    from safetydocs.review import ReviewStore

    store = ReviewStore(tmp_path / "review.sqlite")
    store.add(document, data=b"notice bytes", file_name="notice.txt", reviewer="ann")
    return store
