from __future__ import annotations

import datetime as dt

import pytest

from safetydocs.errors import InvalidCorrection
from safetydocs.review.corrections import apply_correction, parse_correction

from .conftest import TEXT


def apply(document, **data):
    return apply_correction(document, parse_correction(data))


def test_switch_role_keeps_the_original(document) -> None:
    corrected = apply(document, op="role.set", task="t1", department="市应急局", role="lead")
    assert corrected.tasks[0].departments("lead") == ["市住建局", "市应急局"]
    assert document.tasks[0].departments("support") == ["市应急局"]  # the parser's output is untouched
    assert corrected.matrix.rows[0].cells == {"市住建局": "lead", "市应急局": "lead"}


def test_add_a_department_the_document_did_not_list(document) -> None:
    corrected = apply(document, op="role.set", task="t2", department="各区", role="support")
    assert corrected.tasks[1].departments("support") == ["各区"]
    added = [d for d in corrected.departments if d.name == "各区"][0]
    assert added.kind == "collective" and added.spans == [(TEXT.index("各区"), TEXT.index("各区") + 2)]


def test_remove_a_department(document) -> None:
    corrected = apply(document, op="role.remove", task="t1", department="市应急局")
    assert corrected.tasks[0].departments() == ["市住建局"]
    with pytest.raises(InvalidCorrection, match="SD701"):
        apply(corrected, op="role.remove", task="t1", department="市应急局")


def test_merge_two_names_of_one_body(document) -> None:
    corrected = apply(document, op="department.merge", source="市应急局", target="市应急管理局")
    assert corrected.tasks[0].departments("support") == ["市应急管理局"]
    assert "市应急局" not in [d.name for d in corrected.departments]
    merged = [d for d in corrected.departments if d.name == "市应急管理局"][0]
    assert set(merged.mentions) == {"市应急管理局", "市应急局"}


def test_merge_keeps_the_lead_when_a_task_names_both(document) -> None:
    both = apply(document, op="role.set", task="t2", department="市应急局", role="support")
    corrected = apply(both, op="department.merge", source="市应急局", target="市应急管理局")
    assert [(a.department, a.role) for a in corrected.tasks[1].assignments] == [("市应急管理局", "lead")]


def test_fix_and_remove_a_deadline(document) -> None:
    corrected = apply(document, op="deadline.set", task="t2", text="6月底前", date="2024-06-30", kind="date")
    assert corrected.tasks[1].deadline.date == dt.date(2024, 6, 30)
    assert corrected.tasks[1].deadline.span == (TEXT.index("6月底前"), TEXT.index("6月底前") + 4)
    periodic = apply(document, op="deadline.set", task="t1", text="6月底前", date="2024-06-30", kind="periodic")
    assert periodic.tasks[0].deadline.date is None  # a periodic limit has no one date
    assert apply(document, op="deadline.set", task="t1", text="").tasks[0].deadline is None


def test_add_move_and_delete_tasks(document) -> None:
    start = TEXT.index("三、各区要开展宣传教育。")
    added = apply(document, op="task.add", start=start - 1, end=start + 13)  # the line breaks around are trimmed
    assert [t.text for t in added.tasks][-1] == "三、各区要开展宣传教育。" and added.tasks[-1].span == (start, start + 12)
    moved = apply(added, op="task.span", task="t2", start=TEXT.index("负责"), end=TEXT.index("负责") + 4)
    assert [t for t in moved.tasks if t.id == "t2"][0].text == "负责危险"
    deleted = apply(moved, op="task.delete", task="t1")
    assert "t1" not in [t.id for t in deleted.tasks] and all(r.task != "t1" for r in deleted.matrix.rows)


def test_industries(document) -> None:
    corrected = apply(document, op="industry.add", task="t2", code="fire_safety")
    assert corrected.tasks[1].industries == ["hazardous_chemicals", "fire_safety"]
    assert apply(corrected, op="industry.remove", task="t2", code="hazardous_chemicals").tasks[1].industries == [
        "fire_safety"]
    with pytest.raises(InvalidCorrection, match="not an industry code"):
        apply(document, op="industry.add", task="t2", code="no_such_code")


@pytest.mark.parametrize("data, message", [
    ({"op": "role.set", "task": "t1", "department": "x", "role": "boss"}, "role"),
    ({"op": "task.add", "start": 5, "end": 5000}, "not a span"),
    ({"op": "task.add", "start": 9, "end": 4}, "not a span"),
    ({"op": "role.set", "task": "nope", "department": "x", "role": "lead"}, "no such task"),
    ({"op": "department.merge", "source": "市住建局", "target": "市住建局"}, "itself"),
    ({"op": "department.merge", "source": "不存在局", "target": "市住建局"}, "names no"),
    ({"op": "drop.tables"}, "op"),
])
def test_bad_corrections_are_one_coded_error(document, data, message) -> None:
    with pytest.raises(InvalidCorrection) as caught:
        apply(document, **data)
    assert message in str(caught.value) and "SD701" in str(caught.value) and "\n" not in str(caught.value)
