"""The JSON contract of ``safetydocs parse --format json`` and the Python API."""
import datetime as dt
import json
from pathlib import Path

import pytest

import safetydocs
from safetydocs.export import render

DEV = Path(__file__).resolve().parent.parent / "corpus" / "dev"

NOTICE = """关于开展危险化学品安全专项整治的通知
各县（区）安委会，市安委会各成员单位：
1.全面排查危险化学品企业安全风险。（市应急管理局牵头，市公安局、市交通运输局配合，2024年6月底前完成）
2.加强城镇燃气安全管理。（市住房城乡建设局负责，持续推进）
3.各县（区）每季度报送一次工作进展。
市安全生产委员会办公室
2024年3月7日
"""


@pytest.fixture(scope="module")
def contract():
    return json.loads(render(safetydocs.parse_text(NOTICE, source="notice.txt"), fmt="json"))


def test_top_level_keys_and_types(contract):
    assert {"source", "language", "title", "issued", "tasks", "departments", "deadlines", "industries",
            "matrix"} <= set(contract)
    assert contract["source"] == "notice.txt"
    assert contract["language"] == "zh"
    assert contract["issued"] == "2024-03-07"
    assert contract["title"] == "关于开展危险化学品安全专项整治的通知"


def test_tasks_carry_spans_roles_deadlines_industries(contract):
    tasks = contract["tasks"]
    assert len(tasks) == 3
    first = tasks[0]
    assert {"id", "text", "span", "section", "assignments", "deadline", "industries", "confidence"} <= set(first)
    assert NOTICE[first["span"][0]:first["span"][1]] == first["text"]
    roles = [(a["department"], a["role"]) for a in first["assignments"]]
    assert roles == [("市应急管理局", "lead"), ("市公安局", "support"), ("市交通运输局", "support")]
    for assignment in first["assignments"]:
        start, end = assignment["span"]
        assert NOTICE[start:end] == assignment["mention"]
    assert first["deadline"]["date"] == "2024-06-30" and first["deadline"]["kind"] == "date"
    assert "hazardous_chemicals" in first["industries"]
    assert tasks[1]["deadline"]["kind"] == "ongoing" and tasks[1]["deadline"]["date"] is None
    assert tasks[1]["assignments"][0]["department"] == "市住房和城乡建设局"
    assert "gas" in tasks[1]["industries"]
    assert 0.0 <= first["confidence"] <= 1.0


def test_departments_deadlines_industries_matrix(contract):
    kinds = {d["name"]: d["kind"] for d in contract["departments"]}
    assert kinds["市应急管理局"] == "body"
    assert kinds["市安委会各成员单位"] == "collective"
    levels = {d["name"]: d["level"] for d in contract["departments"]}
    assert levels["市应急管理局"] == "municipal"
    deadline_kinds = {d["text"]: d["kind"] for d in contract["deadlines"]}
    assert deadline_kinds["2024年6月底前"] == "date"
    assert deadline_kinds["持续推进"] == "ongoing"
    assert "periodic" in deadline_kinds.values()
    codes = {i["code"]: i for i in contract["industries"]}
    assert codes["hazardous_chemicals"]["name_zh"] and codes["hazardous_chemicals"]["count"] >= 1
    matrix = contract["matrix"]
    assert matrix["departments"][:3] == ["市应急管理局", "市公安局", "市交通运输局"]
    assert matrix["rows"][0] == {"task": contract["tasks"][0]["id"],
                                 "cells": {"市应急管理局": "lead", "市公安局": "support", "市交通运输局": "support"}}


def test_ids_are_stable_between_runs():
    first = safetydocs.parse_text(NOTICE)
    second = safetydocs.parse_text(NOTICE)
    assert [t.id for t in first.tasks] == [t.id for t in second.tasks]
    assert len({t.id for t in first.tasks}) == len(first.tasks)


def test_parse_accepts_text_path_and_overrides(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text(NOTICE, encoding="utf-8")
    from_path = safetydocs.parse(path, issued=dt.date(2023, 1, 1))
    assert from_path.source.endswith("notice.txt")
    assert from_path.issued == dt.date(2023, 1, 1)
    from_text = safetydocs.parse(NOTICE, lang="zh")
    assert len(from_text.tasks) == len(from_path.tasks)
    with pytest.raises(safetydocs.SafetydocsError, match="missing.pdf"):
        safetydocs.parse("missing.pdf")


def test_a_one_line_text_longer_than_a_file_name_is_text():
    # 100 Chinese characters are 300 bytes: past the 255-byte name limit, where asking the disk raises.
    line = "各乡镇要立即组织开展安全隐患排查。" * 6
    assert len(line.encode("utf-8")) > 255
    doc = safetydocs.parse(line)
    assert doc.source == "<text>" and doc.tasks


def test_fullwidth_and_ascii_punctuation_give_the_same_result():
    folded = NOTICE.translate(str.maketrans("（）：；，", "():;,"))
    a, b = safetydocs.parse_text(NOTICE), safetydocs.parse_text(folded)
    assert [(t.span, t.departments("lead"), t.departments("support")) for t in a.tasks] == \
           [(t.span, t.departments("lead"), t.departments("support")) for t in b.tasks]
    assert [(d.date, d.kind) for d in a.deadlines] == [(d.date, d.kind) for d in b.deadlines]


def test_traditional_characters_match_and_spans_point_into_the_original():
    import opencc

    traditional = opencc.OpenCC("s2t").convert(NOTICE)
    doc = safetydocs.parse_text(traditional)
    first = doc.tasks[0]
    assert first.departments("lead") == ["市应急管理局"]
    assert traditional[first.span[0]:first.span[1]] == first.text
    assert first.assignments[0].mention == "市應急管理局"


def test_importing_the_package_is_light():
    import subprocess
    import sys

    code = ("import sys, safetydocs; heavy = [m for m in ('spacy', 'jieba', 'sklearn', 'pdfplumber', 'docx', "
            "'openpyxl', 'opencc') if m in sys.modules]; print(','.join(heavy))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


@pytest.mark.parametrize("path", sorted(DEV.glob("*.json")), ids=lambda p: p.stem)
def test_every_dev_document_parses_with_valid_spans(path):
    gold = json.loads(path.read_text(encoding="utf-8"))
    doc = safetydocs.parse_text(gold["text"], source=gold["id"])
    assert doc.language == gold["lang"]
    for task in doc.tasks:
        assert doc.quote(task.span) == task.text
        for assignment in task.assignments:
            assert doc.quote(assignment.span) == assignment.mention
    for deadline in doc.deadlines:
        assert doc.quote(deadline.span) == deadline.text
