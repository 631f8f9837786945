"""responsibility_matrix(): document order, orderings, collectives apart, the per-department summary."""
from __future__ import annotations

import datetime as dt

import pytest

from safetydocs.matrix import ResponsibilityMatrix, build_matrix, responsibility_matrix
from safetydocs.model import Assignment, Deadline, Department, Document, Task


def _task(number: int, *roles: tuple[str, str], due: dt.date | None = None, industries=(), title=None,
          origin="numbered") -> Task:
    start = number * 100
    return Task(
        id=f"t{number}", text=f"task {number} text", span=(start, start + 50), section=f"{number}.", title=title,
        origin=origin,
        assignments=[Assignment(department=d, mention=d, role=r, span=(start + 10, start + 12)) for d, r in roles],
        deadline=Deadline(text=f"due {number}", date=due, kind="date" if due else "ongoing",
                          span=(start + 20, start + 25)),
        industries=list(industries),
    )


@pytest.fixture()
def document() -> Document:
    tasks = [
        _task(1, ("Zeta Bureau", "lead"), ("All regions", "lead"), due=dt.date(2024, 9, 30), industries=["gas"]),
        _task(2, ("Alpha Bureau", "lead"), ("Zeta Bureau", "support"), ("Alpha Bureau", "support"),
              due=dt.date(2024, 6, 30), industries=["mining", "gas"]),
        _task(3, ("Mid Office", "lead"), ("Alpha Bureau", "support"), ("Relevant departments", "support")),
        _task(4, ("Alpha Bureau", "lead"), due=dt.date(2024, 3, 31), title="the row's task cell",
              origin="table_row"),
        _task(5),
    ]
    departments = [
        Department(id="d1", name="Zeta Bureau", mentions=["Zeta Bureau"], level="municipal"),
        Department(id="d2", name="All regions", mentions=["All regions"], kind="collective"),
        Department(id="d3", name="Alpha Bureau", mentions=["Alpha Bureau"], level="provincial"),
        Department(id="d4", name="Relevant departments", mentions=["relevant departments"], kind="collective"),
        # "Mid Office" is deliberately missing: an unknown department counts as a body.
    ]
    return Document(source="<test>", language="en", text="x" * 600, tasks=tasks, departments=departments)


def test_document_order_bodies_first_then_collectives(document):
    matrix = responsibility_matrix(document)
    assert isinstance(matrix, ResponsibilityMatrix)
    assert matrix.bodies == ["Zeta Bureau", "Alpha Bureau", "Mid Office"]
    assert matrix.collectives == ["All regions", "Relevant departments"]
    assert matrix.departments == matrix.bodies + matrix.collectives
    assert [s.name for s in matrix.summary] == matrix.departments


def test_every_task_is_a_row_in_document_order(document):
    matrix = responsibility_matrix(document)
    assert [(row.number, row.task) for row in matrix.rows] == [(i, f"t{i}") for i in range(1, 6)]
    assert matrix.rows[4].cells == {}
    # Lead wins over support for one body in one task.
    assert matrix.cell("t2", "Alpha Bureau") == "lead"
    assert matrix.cell("t2", "Zeta Bureau") == "support"
    assert matrix.cell("t1", "Alpha Bureau") is None
    # A table row is named by its task cell.
    assert matrix.rows[3].text == "the row's task cell"


def test_order_by_workload(document):
    matrix = responsibility_matrix(document, order="workload")
    # Alpha: 3 tasks; Zeta: 2; Mid Office: 1 — collectives ordered among themselves, after the bodies.
    assert matrix.bodies == ["Alpha Bureau", "Zeta Bureau", "Mid Office"]
    assert matrix.collectives == ["All regions", "Relevant departments"]
    assert matrix.order == "workload"


def test_order_by_name(document):
    matrix = responsibility_matrix(document, order="name")
    assert matrix.bodies == ["Alpha Bureau", "Mid Office", "Zeta Bureau"]
    assert matrix.collectives == ["All regions", "Relevant departments"]


def test_unknown_order_is_rejected(document):
    with pytest.raises(ValueError, match="order"):
        responsibility_matrix(document, order="size")  # type: ignore[arg-type]


def test_collectives_can_be_left_out(document):
    matrix = responsibility_matrix(document, collectives=False)
    assert matrix.collectives == []
    assert "All regions" not in matrix.rows[0].cells
    assert matrix.rows[0].cells == {"Zeta Bureau": "lead"}
    assert all(s.kind == "body" for s in matrix.summary)


def test_summary_counts_due_dates_and_industries(document):
    summary = {s.name: s for s in responsibility_matrix(document).summary}
    alpha = summary["Alpha Bureau"]
    assert (alpha.lead, alpha.support, alpha.total) == (2, 1, 3)
    assert alpha.tasks == ["t2", "t3", "t4"]
    assert alpha.earliest_due == dt.date(2024, 3, 31)
    assert alpha.industries == ["mining", "gas"]
    assert (alpha.kind, alpha.level) == ("body", "provincial")
    zeta = summary["Zeta Bureau"]
    assert (zeta.lead, zeta.support) == (1, 1)
    assert zeta.earliest_due == dt.date(2024, 6, 30)
    assert zeta.industries == ["gas", "mining"]
    mid = summary["Mid Office"]
    assert (mid.kind, mid.level, mid.earliest_due) == ("body", None, None)
    assert summary["Relevant departments"].kind == "collective"
    assert (summary["Relevant departments"].lead, summary["Relevant departments"].support) == (0, 1)


def test_build_matrix_still_feeds_the_pipeline(document, zh_doc):
    compact = build_matrix(document.tasks)
    assert compact.departments == ["Zeta Bureau", "All regions", "Alpha Bureau", "Mid Office", "Relevant departments"]
    assert [row.task for row in compact.rows] == ["t1", "t2", "t3", "t4"]  # t5 has no department
    assert compact.rows[1].cells["Alpha Bureau"] == "lead"
    assert zh_doc.matrix == build_matrix(zh_doc.tasks)


def test_parsed_chinese_notice(zh_doc):
    matrix = responsibility_matrix(zh_doc)
    assert matrix.language == "zh"
    assert "各区人民政府" in matrix.collectives and "各区人民政府" not in matrix.bodies
    assert matrix.bodies[:2] == ["市应急管理局", "市公安局"]
    summary = {s.name: s for s in matrix.summary}
    assert (summary["市应急管理局"].lead, summary["市应急管理局"].support) == (1, 1)
    assert summary["市应急管理局"].earliest_due == dt.date(2024, 5, 31)
    assert (summary["市公安局"].lead, summary["市公安局"].support) == (0, 2)
    assert summary["市公安局"].earliest_due == dt.date(2024, 6, 30)  # 长期坚持 has no date
    assert summary["市应急管理局"].level == "municipal"


def test_to_frame_with_pandas(document):
    pd = pytest.importorskip("pandas")
    frame = responsibility_matrix(document).to_frame()
    assert isinstance(frame, pd.DataFrame)
    assert frame.shape == (5, 5)
    assert frame.loc["t2", ("body", "Alpha Bureau")] == "lead"
    assert list(frame.columns.get_level_values("kind")) == ["body"] * 3 + ["collective"] * 2


def test_to_frame_without_pandas_says_so(document, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_pandas(name, *args, **kwargs):
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError("No module named 'pandas'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.raises(ImportError, match="pip install pandas"):
        responsibility_matrix(document).to_frame()
