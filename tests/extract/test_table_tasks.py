"""Task tables read as office staff read them: column roles from the header, merged and empty cells,
category columns, repeated headers, problem lists and people."""
from __future__ import annotations

import pytest

import safetydocs
from safetydocs.extract.table_tasks import column_role, plan_columns
from safetydocs.ingest.base import TextBuilder


@pytest.mark.parametrize("header, role", [
    ("重点任务", "task"), ("工作要求", "task"), ("具体措施", "task"), ("整改措施", "task"),
    ("牵头单位", "lead"), ("牵头部门", "lead"), ("主责单位", "lead"), ("负责单位", "lead"),
    ("配合单位", "support"), ("协同单位", "support"), ("协办单位", "support"), ("参与单位", "support"),
    ("协同责任单位", "support"), ("配合责任单位", "support"),
    ("配合/责任单位", "shared"), ("责任单位及责任人", "shared"), ("整改责任单位", "shared"),
    ("完成时限", "deadline"), ("时间安排", "deadline"), ("进度安排", "deadline"), ("整改时限", "deadline"),
    ("责任领导", "leader"), ("责任人", "leader"), ("序号", "number"), ("存在问题", "problem"),
    ("问题", "problem"), ("隐患内容", "problem"), ("备注", "ignore"), ("完成情况", "ignore"),
    ("隐患级别", "ignore"), ("排查时间", None),
])
def test_column_role_from_header_wording(header, role):
    assert column_role(header, language="zh") == role


@pytest.mark.parametrize("header, role", [
    ("Key task", "task"), ("Lead unit", "lead"), ("Supporting units", "support"), ("Responsible unit", "shared"),
    ("Deadline", "deadline"), ("Responsible person", "leader"), ("Corrective action", "task"),
    ("Finding", "problem"), ("Remarks", "ignore"), ("Procedure", None),
])
def test_english_column_roles(header, role):
    assert column_role(header, language="en") == role


def test_a_long_content_cell_is_no_header():
    assert column_role("开展燃气管道隐患排查整治，全面排查老旧管网", language="zh") is None


def _parse(rows, merges=(), *, title="重点任务分工表", issued="2024-01-05"):
    builder = TextBuilder()
    builder.add_paragraph(title)
    builder.add_table(rows, merges=merges)
    text, tables = builder.build()
    return safetydocs.parse_text(text, tables=tables, issued=issued)


def _rows(doc):
    return [(t.title, t.departments("lead"), t.departments("support"),
             str(t.deadline.date) if t.deadline and t.deadline.date else (t.deadline.kind if t.deadline else None))
            for t in doc.tasks]


def test_category_and_requirement_columns_merged_cells_and_repeated_header():
    header = ["序号", "工作任务", "工作要求", "牵头单位", "配合/责任单位", "完成时限"]
    doc = _parse([
        header,
        ["一、落实安全生产责任", "", "", "", "", ""],
        ["1", "压实责任", "制定年度安全生产工作要点", "县应急管理局", "各乡镇、县直有关部门", "2024年3月底前"],
        ["2", "", "开展安全生产巡查", "", "县公安局", "2024年6月底前"],
        header,
        ["3", "专项整治", "开展燃气安全专项整治", "县住建局", "县市场监管局", "长期坚持"],
    ], merges=[(1, 0, 1, 6), (2, 1, 2, 1), (2, 3, 2, 1)])
    assert _rows(doc) == [
        ("制定年度安全生产工作要点", ["县应急管理局"], ["各乡镇", "县直有关部门"], "2024-03-31"),
        ("开展安全生产巡查", ["县应急管理局"], ["县公安局"], "2024-06-30"),
        ("开展燃气安全专项整治", ["县住房和城乡建设局"], ["县市场监督管理局"], "ongoing"),
    ]
    assert [t.section for t in doc.tasks] == ["压实责任", "压实责任", "专项整治"]
    assert [t.number for t in doc.tasks] == ["1", "2", "3"]
    for task in doc.tasks:
        assert doc.text[task.span[0]:task.span[1]] == task.text


def test_responsible_column_leads_without_a_lead_column_and_names_people():
    doc = _parse([
        ["序号", "重点任务", "责任单位及责任人", "完成时间"],
        ["1", "开展危险化学品企业安全检查", "县应急管理局 王明", "2024年5月31日"],
        ["2", "开展消防安全专项检查", "县消防救援大队 李华", "2024年9月30日"],
    ])
    assert _rows(doc) == [
        ("开展危险化学品企业安全检查", ["县应急管理局"], [], "2024-05-31"),
        ("开展消防安全专项检查", ["县消防救援大队"], [], "2024-09-30"),
    ]
    assert [[p.name for p in t.people] for t in doc.tasks] == [["王明"], ["李华"]]
    assert "王明" not in {d.name for d in doc.departments}


def test_two_header_rows_under_a_merged_responsibility_cell():
    doc = _parse([
        ["序号", "重点任务", "责任单位", "", "完成时限"],
        ["", "", "牵头", "配合", ""],
        ["1", "开展道路交通安全整治", "县公安局", "县交通运输局", "2024年10月底前"],
    ], merges=[(0, 0, 2, 1), (0, 1, 2, 1), (0, 2, 1, 2), (0, 4, 2, 1)])
    assert _rows(doc) == [("开展道路交通安全整治", ["县公安局"], ["县交通运输局"], "2024-10-31")]


def test_one_task_merged_over_rows_with_a_lead_each():
    doc = _parse([
        ["序号", "重点任务", "责任单位", "完成时限"],
        ["1", "开展汛期安全隐患排查", "县水利局", "2024年6月底前"],
        ["", "", "县自然资源局", ""],
        ["2", "开展消防安全检查", "县消防救援大队", "2024年8月底前"],
    ], merges=[(1, 0, 2, 1), (1, 1, 2, 1), (1, 3, 2, 1)])
    assert _rows(doc) == [
        ("开展汛期安全隐患排查", ["县水利局", "县自然资源局"], [], "2024-06-30"),
        ("开展消防安全检查", ["县消防救援大队"], [], "2024-08-31"),
    ]


def test_a_problem_list_gives_problems_with_their_fixer_and_time_limit():
    doc = _parse([
        ["序号", "存在问题", "整改措施", "整改责任单位", "责任人", "整改时限", "整改情况"],
        ["1", "部分企业未建立隐患排查治理制度", "督促企业建立制度", "县应急管理局", "赵强", "2024-06-30", "已整改"],
        ["2", "燃气管道占压问题突出", "依法清理占压", "县住建局", "钱进", "2024-09-30", ""],
    ], title="安全生产督导检查问题清单")
    assert [t.kind for t in doc.tasks] == ["problem", "problem"]
    assert _rows(doc) == [
        ("部分企业未建立隐患排查治理制度", ["县应急管理局"], [], "2024-06-30"),
        ("燃气管道占压问题突出", ["县住房和城乡建设局"], [], "2024-09-30"),
    ]
    assert [[p.name for p in t.people] for t in doc.tasks] == [["赵强"], ["钱进"]]


def test_a_date_in_another_column_is_not_the_time_limit():
    doc = _parse([
        ["序号", "隐患内容", "排查日期", "责任单位", "整改期限"],
        ["1", "脚手架缺少防护栏杆", "2024-04-25", "县建筑公司", "2024-04-28"],
    ], title="隐患排查治理台账")
    assert doc.tasks[0].kind == "problem"
    assert str(doc.tasks[0].deadline.date) == "2024-04-28"


def test_english_task_table():
    doc = _parse([
        ["No.", "Key task", "Lead unit", "Supporting units", "Deadline"],
        ["1", "Inspect all hazardous chemical enterprises", "County Emergency Management Bureau",
         "County Public Security Bureau", "by 30 June 2024"],
    ], title="Division of key tasks")
    task = doc.tasks[0]
    assert task.title == "Inspect all hazardous chemical enterprises"
    assert task.departments("lead") == ["County Emergency Management Bureau"]
    assert task.departments("support") == ["County Public Security Bureau"]
    assert str(task.deadline.date) == "2024-06-30"


def test_a_table_without_a_task_column_gives_no_tasks():
    builder = TextBuilder()
    builder.add_table([["姓名", "职务", "电话"], ["张三", "科长", "12345678"]])
    text, tables = builder.build()
    assert plan_columns(tables[0], language="zh") is None


def test_words_in_other_cells_do_not_disturb_the_time_limit():
    # 触电 holds 电 (a dateline word, as in 新华社电): a cell is a clause of its own, so it stays out.
    doc = _parse([
        ["序号", "隐患内容", "隐患类型", "责任单位", "整改期限"],
        ["1", "配电箱未设置漏电保护器", "触电", "县建筑公司", "2024-04-29"],
    ], title="隐患排查治理台账")
    assert str(doc.tasks[0].deadline.date) == "2024-04-29"


def test_a_category_column_alone_holds_the_tasks():
    doc = _parse([
        ["序号", "重点工作", "牵头单位", "完成时限"],
        ["1", "开展安全生产大检查", "县应急管理局", "2024年6月底前"],
    ])
    assert _rows(doc) == [("开展安全生产大检查", ["县应急管理局"], [], "2024-06-30")]


def test_a_monthly_schedule_table():
    doc = _parse([
        ["Month", "Focus of inspection", "Lead unit", "Support unit"],
        ["June", "Work Safety Month checks on construction sites", "County Housing Bureau",
         "County Emergency Management Bureau"],
    ], title="Annual inspection schedule")
    task = doc.tasks[0]
    assert task.title == "Work Safety Month checks on construction sites"
    assert task.departments("lead") == ["County Housing Bureau"]


def test_rows_numbered_in_chinese_numerals_open_categories():
    doc = _parse([
        ["序号", "工作内容", "牵头部门", "完成时间"],
        ["一", "主要任务", "", ""],
        ["(一)", "构建更加严密的责任体系", "", ""],
        ["1", "完善企业安全生产责任考核体系", "省应急管理厅", "2018年"],
        ["(二)", "增强依法治理能力", "", ""],
        ["1", "完善安全监管执法检查制度", "省司法厅", "2017年"],
    ])
    assert [(t.section, t.title) for t in doc.tasks] == [
        ("构建更加严密的责任体系", "完善企业安全生产责任考核体系"), ("增强依法治理能力", "完善安全监管执法检查制度")]


def test_a_table_split_in_two_without_its_header_goes_on_with_the_same_columns():
    builder = TextBuilder()
    builder.add_paragraph("重点任务分工表")
    builder.add_table([["序号", "重点任务", "牵头单位", "完成时限"],
                       ["1", "开展危险化学品企业安全检查", "县应急管理局", "2024年5月31日"]])
    builder.add_paragraph("- 2 -")
    builder.add_table([["2", "开展燃气安全专项检查", "县住建局", "2024年9月30日"]])
    builder.add_paragraph("请各单位抓好落实。")
    builder.add_table([["姓名", "职务", "电话", "邮箱"], ["张三", "科长", "1234", "a@b.c"]])
    text, tables = builder.build()
    doc = safetydocs.parse_text(text, tables=tables, issued="2024-01-05")
    assert [t.title for t in doc.tasks if t.origin == "table_row"] == ["开展危险化学品企业安全检查", "开展燃气安全专项检查"]
    assert doc.tasks[1].departments("lead") == ["县住房和城乡建设局"]
    assert str(doc.tasks[1].deadline.date) == "2024-09-30"


def test_a_table_of_goals_gives_no_tasks_and_a_list_of_named_items_does():
    import safetydocs

    goals = ("序号\t指标名称\t2025年目标\t责任单位\n"
             "1\t生产安全事故亡人数\t同比下降5%\t市安委会各成员单位\n"
             "2\t道路交通事故万车死亡率\t1.5以下\t市公安局\n")
    items = ("序号\t名 称\t2025年目标\t责任单位\n"
             "1\t《某市安全生产条例》\t立法预备\t市应急管理局\n"
             "2\t《某市燃气管理办法》\t修订\t市住房和城乡建设局\n")
    assert safetydocs.parse_text(goals, lang="zh").tasks == []
    tasks = safetydocs.parse_text(items, lang="zh").tasks
    assert [t.departments("lead") for t in tasks] == [["市应急管理局"], ["市住房和城乡建设局"]]
