"""Responsibility notes found in running text: bracketed, trailing, on their own line, with people."""
from __future__ import annotations

import pytest

import safetydocs
from safetydocs.structure.normalize import canonical
from safetydocs.structure.notes import find_notes


def _notes(text, language="zh"):
    canon = canonical(text)
    return [(text[n.span[0]:n.span[1]], n.own_line, [text[s:e] for s, e in n.people])
            for n in find_notes(canon, language=language)]


@pytest.mark.parametrize("note", [
    "（负责部门：市应急管理局、市公安局）", "(责任单位:市市场监管局)", "（牵头单位：市住建局；配合单位：市消防救援支队）",
    "（市公安局牵头，市交通运输局配合）", "（市住建局负责）", "（主责单位：县水利局）",
])
def test_trailing_notes_in_both_bracket_widths(note):
    assert _notes(f"1.开展专项整治。{note}\n") == [(note, False, [])]


def test_a_note_on_its_own_line_with_people():
    text = "1.制定工作方案。\n（责任单位：县应急管理局；责任人：张三、李四）\n"
    assert _notes(text) == [("（责任单位：县应急管理局；责任人：张三、李四）", True, ["张三", "李四"])]


def test_an_unbracketed_label_line_is_a_note():
    assert _notes("1.组织应急演练。\n责任单位：县教育局、县应急管理局\n") == [
        ("责任单位：县教育局、县应急管理局", True, [])]


@pytest.mark.parametrize("text", [
    "各地要加强监管（2024年6月底前完成）。\n",
    "（一）强化责任落实\n",
    "会议指出（详见附件），要加强安全生产工作。\n",
])
def test_brackets_that_are_no_note(text):
    assert _notes(text) == []


def test_english_notes():
    text = "1. Inspect all gas stations. (Lead: County Emergency Management Bureau)\nResponsible units: County Fire Rescue Brigade\n"
    assert [(quote, own) for quote, own, _ in _notes(text, "en")] == [
        ("(Lead: County Emergency Management Bureau)", False),
        ("Responsible units: County Fire Rescue Brigade", True)]


def _leads(text):
    doc = safetydocs.parse_text(text, issued="2024-01-01")
    return [(t.departments("lead"), t.departments("support")) for t in doc.tasks]


def test_each_measure_takes_its_own_note():
    text = ("一、重点任务\n"
            "1.开展危险化学品专项整治，严厉打击非法违法行为。（负责部门：市应急管理局、市公安局、市交通运输局）\n"
            "2.推进燃气安全排查整治。（牵头单位：市住建局；配合单位：市市场监管局、市消防救援支队）\n"
            "3.加强道路交通安全管理。（市公安局牵头，市交通运输局、市应急管理局配合）\n"
            "4.强化建筑施工安全监管。（市住建局负责）\n")
    assert _leads(text) == [
        (["市应急管理局", "市公安局", "市交通运输局"], []),
        (["市住房和城乡建设局"], ["市市场监督管理局", "市消防救援支队"]),
        (["市公安局"], ["市交通运输局", "市应急管理局"]),
        (["市住房和城乡建设局"], []),
    ]


def test_a_note_after_a_group_of_items_applies_to_each_item_of_the_group():
    text = ("（一）强化责任落实\n1.制定年度工作方案。\n2.建立隐患排查工作台账。\n"
            "（牵头单位：县应急管理局；配合单位：县住建局；责任人：王明）\n"
            "（二）加强宣传教育\n1.开展安全生产月活动。\n2.组织应急演练。\n责任单位：县教育局、县应急管理局\n")
    assert _leads(text) == [
        (["县应急管理局"], ["县住房和城乡建设局"]),
        (["县应急管理局"], ["县住房和城乡建设局"]),
        (["县教育局", "县应急管理局"], []),
        (["县教育局", "县应急管理局"], []),
    ]
    doc = safetydocs.parse_text(text)
    assert [[p.name for p in t.people] for t in doc.tasks[:2]] == [["王明"], ["王明"]]


def test_where_items_carry_notes_of_their_own_a_note_on_its_line_is_its_items_alone():
    text = ("1.制定工作方案。（牵头单位：县住建局）\n2.建立工作台账。\n3.开展隐患排查。\n"
            "（牵头单位：县应急管理局）\n")
    assert [lead for lead, _ in _leads(text)] == [["县住房和城乡建设局"], [], ["县应急管理局"]]
    text = ("1.开展森林防火检查。\n责任单位：县林业局\n2.开展燃气安全检查。\n责任单位：县住建局\n"
            "3.开展消防安全检查。\n责任单位：县消防救援大队\n")
    assert [lead for lead, _ in _leads(text)] == [["县林业局"], ["县住房和城乡建设局"], ["县消防救援大队"]]


def test_problems_under_a_problem_list_heading():
    text = ("关于反馈安全生产督导检查发现问题的通知\n各乡镇：\n一、问题清单\n"
            "1.部分企业未建立隐患排查治理制度。（整改责任单位：县应急管理局；整改时限：2024年6月底前）\n"
            "2.个别燃气经营企业未按规定配备安全管理人员。（责任单位：县住建局）\n"
            "二、整改要求\n各乡镇要于2024年7月10日前报送整改情况。\n")
    doc = safetydocs.parse_text(text, issued="2024-05-01")
    assert [(t.kind, t.departments("lead")) for t in doc.tasks] == [
        ("problem", ["县应急管理局"]), ("problem", ["县住房和城乡建设局"]), ("task", ["各乡镇"])]
    assert str(doc.tasks[0].deadline.date) == "2024-06-30"


def test_a_note_on_a_heading_applies_to_its_items():
    text = ("（一）强化责任落实（牵头单位：县应急管理局；配合单位：县住建局）\n1.制定年度工作方案。\n2.建立隐患排查工作台账。\n"
            "（二）加强宣传教育\n（责任单位：县教育局）\n1.开展安全生产月活动。\n2.组织应急演练。\n")
    assert _leads(text) == [
        (["县应急管理局"], ["县住房和城乡建设局"]),
        (["县应急管理局"], ["县住房和城乡建设局"]),
        (["县教育局"], []),
        (["县教育局"], []),
    ]


def test_a_label_heads_every_name_up_to_the_next_label():
    # A collective and a body after one label, separated by a comma.
    assert _leads("1.落实消防安全责任制。\n责任单位：各镇人民政府，县消安委办公室\n") == [
        (["各镇人民政府", "县消防安全委员会办公室"], [])]
    # The marker at the end speaks for the names after the last comma only.
    assert _leads("1.开展灭火救援演练。\n责任单位：县消防救援大队，县应急管理局配合\n") == [
        (["县消防救援大队"], ["县应急管理局"])]


def test_a_note_may_hold_brackets_of_its_own():
    text = "1.加强应急预案管理。\n2.加强应急预案演练。\n（责任单位：各县（市、区）人民政府、各开发区管委会）\n"
    assert _notes(text)[0][0] == "（责任单位：各县（市、区）人民政府、各开发区管委会）"


def test_a_note_may_say_it_speaks_for_the_items_above():
    assert _notes("2.开展演练。\n（以上任务牵头单位：县应急管理局）\n") == [("（以上任务牵头单位：县应急管理局）", True, [])]
    assert _notes("上述工作责任单位：各镇人民政府\n") == [("上述工作责任单位：各镇人民政府", True, [])]


def _reach(text):
    from safetydocs.structure.segment import find_headings

    canon = canonical(text)
    layout = find_headings(text, canon, language="zh")
    layout.notes = find_notes(canon, language="zh")
    from safetydocs.structure.notes import group_reach

    return [(text[note.span[0]:note.span[1]], [text[s:e].split("\n")[0] for s, e in sections])
            for note, sections in group_reach(layout)]


def test_which_items_a_group_note_speaks_for():
    # A note closing its section on a line of its own: every sibling item above it.
    closing = "一、任务\n（一）排查。各镇要排查。\n（二）整治。各镇要整治。\n（牵头单位：县住建局）\n二、要求\n（一）各镇要报送。\n"
    assert _reach(closing) == [("（牵头单位：县住建局）", ["（一）排查。各镇要排查。"])]
    # The note of a heading: the items under it.
    heading = "（一）强化责任（牵头单位：县应急局）\n1.制定方案。\n2.建立台账。\n"
    assert _reach(heading) == [("（牵头单位：县应急局）", ["1.制定方案。"])]
    # Items that carry notes of their own: a note speaks only for its item.
    own = "1.制定方案。\n（牵头单位：县应急局）\n2.建立台账。\n（牵头单位：县住建局）\n"
    assert _reach(own) == []
