"""Task detection: numbered items, table rows, running-text demands, non-tasks."""
import pytest

import safetydocs
from safetydocs.ingest.base import TextBuilder
from safetydocs.pipeline import parse_text

PLAN = """关于做好2024年安全生产工作的通知
一、指导思想
坚持人民至上、生命至上，统筹发展和安全。
二、重点任务
（一）危险化学品安全
1.全面摸排风险。公布危险化学品目录，建立风险档案。（市应急管理局牵头，市公安局配合，2024年6月底前完成）
2.严格重大危险源管控。完善监测监控设施。（各有关部门按职责分工负责，持续推进）
（二）消防安全
3.开展高层建筑消防隐患整治。（市消防救援支队负责，2024年9月30日前完成）
"""

REPORT = """今年以来，全市安全生产形势总体平稳，取得了显著成效。
会议强调，各地区、各部门要切实加强组织领导，严格落实安全生产责任制。
同时，各单位务必加强值班值守；市消防救援支队要加强火灾隐患排查。
安全第一，预防为主。
"""


def _texts(doc):
    return [task.text for task in doc.tasks]


def test_numbered_items_are_one_task_each_with_title_and_section():
    doc = parse_text(PLAN)
    assert len(doc.tasks) == 3
    first = doc.tasks[0]
    assert first.text.startswith("1.全面摸排风险。") and first.text.endswith("2024年6月底前完成）")
    assert first.title == "全面摸排风险。"
    assert first.section == "二、（一）1."
    assert first.origin == "numbered"
    assert PLAN[first.span[0]:first.span[1]] == first.text


def test_framing_sections_are_not_tasks():
    doc = parse_text(PLAN)
    assert not any("人民至上" in text for text in _texts(doc))


def test_running_text_demands_are_tasks_and_background_is_not():
    doc = parse_text(REPORT)
    texts = _texts(doc)
    # The demand starts at its subject; the lead-in 会议强调， is not part of it.
    assert "各地区、各部门要切实加强组织领导，严格落实安全生产责任制。" in texts
    assert not any("成效" in text for text in texts)          # praise of past work
    assert not any("预防为主" in text for text in texts)      # slogan


def test_semicolon_splits_separate_demands_for_separate_bodies():
    doc = parse_text(REPORT)
    texts = _texts(doc)
    assert "各单位务必加强值班值守；" in texts
    assert "市消防救援支队要加强火灾隐患排查。" in texts


def test_enumerated_demands_split():
    doc = parse_text("县长提出三点要求：一是加强执法队伍建设，由县应急局牵头；二是加强消防宣传，由县消防救援大队负责。")
    leads = [task.departments("lead") for task in doc.tasks]
    assert leads == [["县应急管理局"], ["县消防救援大队"]]


def test_table_rows_are_tasks_with_column_roles():
    builder = TextBuilder()
    builder.add_paragraph("重点任务分工表")
    builder.add_table([
        ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
        ["1", "开展危险化学品专项整治", "市应急管理局", "市公安局、市交通运输局", "2024年6月底前"],
        ["2", "推进城镇燃气安全排查", "市住建局", "市市场监管局", "2024年12月31日前"],
    ])
    text, tables = builder.build()
    doc = parse_text(text, tables=tables)
    assert [t.origin for t in doc.tasks] == ["table_row", "table_row"]
    assert doc.tasks[0].departments("lead") == ["市应急管理局"]
    assert doc.tasks[0].departments("support") == ["市公安局", "市交通运输局"]
    assert str(doc.tasks[1].deadline.date) == "2024-12-31"


def test_english_demands():
    text = ("The meeting was held in Xining. Great progress has been achieved since last year.\n"
            "All regions must strengthen inspections of hazardous chemicals. "
            "Strengthen the supervision of construction sites.")
    doc = safetydocs.parse_text(text)
    assert _texts(doc) == ["All regions must strengthen inspections of hazardous chemicals.",
                           "Strengthen the supervision of construction sites."]


def test_trailing_note_with_semicolon_stays_with_its_task():
    doc = parse_text("各县区要开展专项整治。（牵头单位：市应急管理局；配合单位：市公安局）\n")
    assert len(doc.tasks) == 1
    assert doc.tasks[0].departments("lead") == ["各县区", "市应急管理局"]
    assert doc.tasks[0].departments("support") == ["市公安局"]


def test_numbered_fields_of_one_activity_are_one_task():
    text = ("(2) Work safety consultation day\n1. Time: 16 June.\n2. Content: All townships shall provide "
            "consultation on work safety policies.\n3. Organizing units: County Safety Office. (Participating "
            "units: County Transport Bureau, County Education Bureau.)\n")
    doc = parse_text(text)
    assert len(doc.tasks) == 1
    task = doc.tasks[0]
    assert task.text.startswith("(2) Work safety consultation day") and task.text.endswith("Education Bureau.)")
    assert "County Safety Office" in task.departments("lead")
    assert task.departments("support") == ["County Transport Bureau", "County Education Bureau"]


def test_chinese_activity_fields_are_one_task():
    text = "（一）开展安全咨询日活动\n1.时间：6月16日。\n2.内容：各乡镇要开展安全生产政策咨询。\n3.牵头单位：县安委办。\n"
    doc = parse_text(text)
    assert len(doc.tasks) == 1 and doc.tasks[0].departments("lead")[-1] == "县安全生产委员会办公室"


def test_one_item_giving_separate_bodies_separate_work_is_split():
    text = ("（三）加强危险化学品运输安全监管。区交通运输局负责危险货物道路运输企业的日常监管，"
            "区公安分局负责危险化学品运输车辆通行管控，区交通运输局、区公安分局每月开展一次联合执法检查。\n")
    doc = parse_text(text)
    assert [t.departments("lead") for t in doc.tasks] == [
        ["区交通运输局"], ["区公安分局"], ["区交通运输局", "区公安分局"]]
    assert doc.tasks[0].text.startswith("（三）加强危险化学品运输安全监管。")


def test_lead_and_responsible_units_of_one_demand_stay_together(monkeypatch):
    # How the sentence is split and its roles grouped, whatever the trained classifier thinks of it.
    from safetydocs.extract import task_classifier

    monkeypatch.setattr(task_classifier, "load_classifier", lambda language: None)
    text = "会议明确，县民政局为养老服务中心火灾隐患整改牵头单位，泷泊镇人民政府和县消防救援大队为责任单位。\n"
    doc = parse_text(text)
    assert len(doc.tasks) == 1
    assert doc.tasks[0].departments("support") == ["泷泊镇人民政府", "县消防救援大队"]


def test_and_then_splits_actions_that_share_a_subject():
    doc = parse_text("请各牵头单位于3月20日前制定细化措施，并于每季度结束后10日内将完成情况报县安委会办公室。\n")
    assert [t.departments("lead") for t in doc.tasks] == [["各牵头单位"], ["各牵头单位"]]


def test_task_table_written_as_text_lines():
    text = ("二、任务分工\n序号\t重点任务\t牵头单位\t配合单位\t完成时限\n"
            "1\t开展烟花爆竹专项检查\t县应急管理局\t县公安局、县市场监督管理局\t2025年12月底前\n"
            "2\t推进化工企业自动化改造\t县工业和信息化局\t县应急管理局\t持续推进\n")
    doc = parse_text(text)
    assert [t.origin for t in doc.tasks] == ["table_row", "table_row"]
    assert doc.tasks[0].departments("support") == ["县公安局", "县市场监督管理局"]
    assert doc.tasks[1].deadline.kind == "ongoing"


def test_task_due_date_prefers_the_trailing_note_then_a_fixed_date_over_a_periodic_report():
    text = ("1.开展专家指导服务。每季度通报一次进展。（市应急管理局负责，2024年6月30日前完成）\n"
            "2.建立隐患台账。每季度报送一次，2024年9月底前完成全覆盖。\n")
    doc = parse_text(text)
    assert [str(t.deadline.date) for t in doc.tasks] == ["2024-06-30", "2024-09-30"]


def test_a_lead_cell_merged_over_rows_leads_each_row():
    builder = TextBuilder()
    builder.add_table([
        ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
        ["1", "排查燃气管网隐患", "市住建局", "各区人民政府", "2024年5月31日前"],
        ["2", "排查餐饮场所燃气使用", "", "市市场监管局", "2024年5月31日前"],  # merged cell, read once
    ])
    text, tables = builder.build()
    doc = parse_text(text, tables=tables)
    assert [t.departments("lead") for t in doc.tasks] == [["市住房和城乡建设局"], ["市住房和城乡建设局"]]
    assert text[slice(*doc.tasks[1].assignments[0].span)] == "市住建局"


def test_a_demand_in_a_cell_of_a_table_no_plan_reads_is_a_task():
    text = ("编号\t日期\t类别\t处理情况\n"
            "12\t2024-05-08\t高处坠落\t已指出，要求施工单位立即完成临边防护栏杆设置，5月9日前完成。\n"
            "13\t2024-05-08\t触电\t现场已整改完毕。\n")
    tasks = [t.text for t in parse_text(text).tasks]
    assert tasks == ["已指出，要求施工单位立即完成临边防护栏杆设置，5月9日前完成。"]


def test_handing_over_a_document_is_no_task_but_the_request_after_it_is():
    doc = parse_text("现将《全县燃气安全排查整治方案》印发给你们，请认真贯彻执行。\n现将有关事项通知如下。\n")
    assert [t.text for t in doc.tasks] == ["现将《全县燃气安全排查整治方案》印发给你们，请认真贯彻执行。"]


def test_items_stating_the_facts_of_an_activity_are_not_tasks():
    text = ("关于开展消防演练的通知\n一、演练主题\n人人讲安全、个个会应急\n二、时间安排\n即日起至9月30日。\n"
            "三、演练要求\n1、演练地点：综合楼一层大厅。\n2、参演人员：\n全体职工\n3、保卫科要于9月20日前制定演练脚本。\n"
            "4、演练时间：9月25日上午，各科室须提前十分钟到场。\n")
    assert _texts(parse_text(text)) == ["3、保卫科要于9月20日前制定演练脚本。", "4、演练时间：9月25日上午，各科室须提前十分钟到场。"]
    english = "1. Theme: Know the risks\n2. Venue: the county hall\n3. All townships must report their drills by 5 May.\n"
    assert _texts(parse_text(english)) == ["3. All townships must report their drills by 5 May."]


def test_a_list_of_circumstances_is_no_task_but_a_demand_in_it_is():
    text = ("有下列情形之一的，依法予以处罚：\n1、未取得特种作业操作证上岗作业的。\n2、擅自拆除消防设施的；\n"
            "3、对逾期未整改的，监管部门要依法责令停产整顿。\n")
    assert _texts(parse_text(text)) == ["3、对逾期未整改的，监管部门要依法责令停产整顿。"]


def test_an_english_item_numbered_in_parenthesised_roman_is_one_task_with_its_roles():
    text = ("I. Key tasks\n(I) Signage. Put up warning signs at every level crossing. The County Transport Bureau shall "
            "take the lead, with the County Public Security Bureau cooperating.\n"
            "(II) Drills. All townships shall hold a flood drill by 30 June 2025.\n")
    doc = parse_text(text)
    assert [task.text[:14] for task in doc.tasks] == ["(I) Signage. P", "(II) Drills. A"]
    roles = {(a.role, a.department) for a in doc.tasks[0].assignments}
    assert roles == {("lead", "County Transport Bureau"), ("support", "County Public Security Bureau")}


def test_the_plans_own_note_on_how_it_marks_leads_is_no_task():
    text = "各单位按照分工抓好落实。列第一位的为牵头单位，下同。\n1.开展燃气管道排查。（县住建局、县市场监管局）\n"
    assert _texts(parse_text(text)) == ["各单位按照分工抓好落实。", "1.开展燃气管道排查。（县住建局、县市场监管局）"]


def test_a_limit_opening_the_sentence_is_the_due_date_of_its_demand():
    doc = parse_text("自即日起至5月10日，各街道要开展电动自行车充电隐患排查。\n下半年，各企业要完成双重预防机制建设。\n",
                     issued="2025-04-02")
    assert [(t.deadline.text, t.deadline.date.isoformat()) for t in doc.tasks] == [
        ("即日起至5月10日", "2025-05-10"), ("下半年", "2025-12-31")]
    english = parse_text("By 15 July, every township shall test its flood alarms.\n", issued="2025-04-02")
    assert english.tasks[0].deadline.date.isoformat() == "2025-07-15"


def test_a_note_for_the_items_above_it_gives_each_its_lead_and_due_date():
    text = ("二、工作措施\n（一）摸清底数。各村要登记所有自建房。\n（二）分类整治。各村要督促房主整改。\n"
            "（上述工作责任单位：镇规建办，2025年9月底前完成）\n")
    doc = parse_text(text, issued="2025-04-02")
    assert [t.deadline.date.isoformat() for t in doc.tasks] == ["2025-09-30", "2025-09-30"]
    assert all("镇规建办" in t.departments("lead") for t in doc.tasks)
    # A start is when work begins, never a task's due date.
    started = parse_text("自6月1日起，各企业要每日报送隐患排查情况。\n", issued="2025-04-02")
    assert [(d.text, d.kind) for d in started.deadlines] == [("自6月1日起", "start"), ("每日", "periodic")]
    assert started.tasks[0].deadline.kind == "periodic"


def test_parallel_demands_are_as_many_tasks():
    # 排比: clauses that open with the same words are separate demands, as an enumeration's are
    text = "各乡镇要进一步强化隐患排查治理,进一步强化重点企业督查检查,进一步强化应急值守和信息报送。"
    tasks = [t.text.rstrip("。") for t in safetydocs.parse_text(text).tasks]
    assert tasks == ["各乡镇要进一步强化隐患排查治理", "进一步强化重点企业督查检查", "进一步强化应急值守和信息报送"]


def test_clauses_of_one_demand_that_do_not_run_parallel_stay_one_task():
    text = "各乡镇要加强隐患排查治理,建立问题清单,逐项整改销号。"
    assert len(safetydocs.parse_text(text).tasks) == 1


def test_a_numbered_item_splits_where_a_new_sentence_names_another_doer():
    text = ("一、重点任务\n（一）强化重大危险源管控。开展全覆盖专家指导服务，6月30日前完成首轮指导服务。"
            "区应急管理局要督促企业落实包保责任制，每季度开展一次抽查。\n")
    tasks = safetydocs.parse_text(text, issued="2024-03-01").tasks
    assert len(tasks) == 2
    assert tasks[1].text.startswith("区应急管理局要督促企业")
    assert [a.department for a in tasks[1].assignments] == ["区应急管理局"]


def test_a_body_after_the_framing_words_of_an_item_is_its_subject_not_a_cut():
    text = "一、会议议定事项\n（一）关于道路交通安全。会议要求，市公安局要开展夜查行动，4月底前完成。\n"
    tasks = safetydocs.parse_text(text, issued="2024-03-01").tasks
    assert len(tasks) == 1 and "市公安局要开展夜查行动" in tasks[0].text


def test_a_timeline_of_events_gives_no_tasks():
    text = ("三、演练过程\n1、上午9时00分总指挥下达演练任务，演练正式开始。\n2、9时01分，消防监控室接到报警后通知商管员前往查看。\n"
            "3、9时06分，商场所有人员全部疏散完毕。\n四、下一步工作\n1、各部门要在4月底前完成消防设施维保。\n")
    tasks = safetydocs.parse_text(text, issued="2024-03-26").tasks
    assert [t.text.rstrip("。") for t in tasks] == ["1、各部门要在4月底前完成消防设施维保"]


def test_an_english_imperative_of_any_verb_before_its_object_is_a_demand():
    from safetydocs.extract.tasks import _en_imperative

    for text in ("Third, promptly designate a liaison officer for each site.",
                 "2. Relocate all residents of the flood zone.",
                 "Finally, urgently repair the damaged embankments."):
        assert _en_imperative(text, (0, len(text))), text
    for text in ("In all regions, inspections were completed.",
                 "Of the 12 firms inspected, three were closed.",
                 "It is the season of heavy rain."):
        assert not _en_imperative(text, (0, len(text))), text


def test_an_english_passive_demand_names_work_without_a_doer():
    from safetydocs.extract.tasks import _EN_PASSIVE_DEMAND

    for text in ("Hidden dangers must be rectified within the time limit.",
                 "The responsibility system should be fully implemented.",
                 "Emergency plans shall be revised and drilled."):
        assert _EN_PASSIVE_DEMAND.search(text), text
    for text in ("It should be noted that the weather turns cold.", "Inspections should be on schedule."):
        assert not _EN_PASSIVE_DEMAND.search(text), text


def test_the_address_field_of_an_official_document_is_no_task():
    doc = parse_text("关于做好防汛工作的通知\n请各乡镇加强值班值守。\n主送：各县（市、区）人民政府，市政府各部门，各直属机构。\n")
    assert [t.text for t in doc.tasks] == ["请各乡镇加强值班值守。"]


def test_the_scope_of_an_inspection_is_no_task_and_its_groups_are():
    doc = safetydocs.parse_text("二、检查范围\n全县各类生产经营单位。\n三、分组情况\n(一)第一检查组;\n责任领导:张明\n"
                                "责任单位:城建办、派出所\n检查范围:加油站、液化气站。\n(二)第二检查组;\n责任领导:李强\n"
                                "责任单位:供电所、农技站\n检查范围:农业生产用电。\n")
    assert [t.text.splitlines()[0] for t in doc.tasks] == ["(一)第一检查组;", "(二)第二检查组;"]
    assert [[a.mention for a in t.assignments] for t in doc.tasks] == [["城建办", "派出所"], ["供电所", "农技站"]]


def test_the_items_of_one_enumeration_are_of_one_kind():
    import safetydocs

    doc = safetydocs.parse_text("会议对各企业提出三点要求：一是加强隐患排查；二是严查违章作业；三是做好应急准备。", lang="zh")
    assert [t.text[:2] for t in doc.tasks] == ["一是", "二是", "三是"]
    # a report of what was done is no demand, whatever its siblings
    report = safetydocs.parse_text("会议指出：一是去年全县事故总量明显下降；二是隐患排查取得明显成效。", lang="zh")
    assert report.tasks == []


def test_a_comma_before_an_enumeration_closes_the_words_that_announce_it():
    import safetydocs

    doc = safetydocs.parse_text("总经理在会上作了重要指示，对各部门今年的安全生产工作提出三点要求，一是进一步落实安全生产责任制；"
                                "二是强化培训，加强基层安全管理；三是进一步提升安全管理水平。", lang="zh")
    assert [t.text[:2] for t in doc.tasks] == ["一是", "二是", "三是"]
    assert all([a.mention for a in t.assignments if a.role == "lead"] == ["各部门"] for t in doc.tasks)
    # a demand of its own before the enumeration stays one
    own = safetydocs.parse_text("会议要求各地要高度重视，一是强化责任落实；二是扎实做好专项整治。", lang="zh")
    assert [t.text[:4] for t in own.tasks] == ["会议要求", "一是强化", "二是扎实"]


def test_an_enumeration_inside_a_numbered_item_gives_a_task_per_part_led_by_the_words_that_announce_it():
    text = ("各部门：\n现将有关事项通知如下：\n"
            "一、各系、各部门要加强学生的安全管理和教育。一是教育学生节日期间不要酗酒；二是假期留校学生要按时归寝；"
            "三是注意交通安全。\n二、财务部门放假期间不要超量留存现金。\n")
    doc = safetydocs.parse_text(text, lang="zh")
    assert [t.text[:2] for t in doc.tasks] == ["一、", "一是", "二是", "三是", "二、"]
    assert all([a.department for a in t.assignments if a.role == "lead"][:2] == ["各系", "各部门"]
               for t in doc.tasks[:4])


def test_an_item_with_one_is_part_only_is_not_cut():
    doc = safetydocs.parse_text("一、各乡镇要加强值守，一是要落实领导带班制度。\n二、各部门要做好应急准备。\n", lang="zh")
    assert [t.text[:2] for t in doc.tasks] == ["一、", "二、"]


@pytest.mark.parametrize("headline", [
    "Cal/OSHA Reminds Employers to Protect Workers from Heat Illness",
    "Labour Department Urges Contractors to Step Up Safety Measures Against Typhoons",
    "Safety Blitz Targets Construction Site Hazards",
])
def test_an_english_headline_in_title_case_is_no_task(headline):
    doc = safetydocs.parse_text(headline + "\n\nEmployers must provide water, rest and shade to outdoor workers.\n",
                                lang="en")
    assert [t.text for t in doc.tasks] == ["Employers must provide water, rest and shade to outdoor workers."]


def test_a_demand_in_sentence_case_without_a_full_stop_is_still_a_task():
    doc = safetydocs.parse_text("All contractors must check their scaffolds before the typhoon arrives\n", lang="en")
    assert len(doc.tasks) == 1


def test_articles_that_state_the_documents_purpose_or_scope_are_not_tasks():
    # 立法技术规范: a regulation's first articles state its purpose (为…，制定本办法) and scope (本办法适用于…);
    # they give no one work, while an article that does is a task.
    text = ("燃气安全管理办法\n"
            "第一条 为了加强燃气安全管理，保障人民群众生命财产安全，根据有关法律法规，结合本县实际，制定本办法。\n"
            "第二条 本办法适用于本县行政区域内的燃气经营和使用活动。\n"
            "第三条 县住房和城乡建设局负责全县燃气安全的监督管理工作。\n"
            "第四条 燃气经营企业应当每月开展一次安全检查。\n")
    texts = _texts(parse_text(text))
    assert not any("制定本办法" in t or "适用于" in t for t in texts), texts
    assert any("县住房和城乡建设局负责" in t for t in texts) and any("每月开展一次安全检查" in t for t in texts)


def test_a_part_of_an_enumeration_keeps_its_title_with_its_demand():
    text = ("某镇召开防汛工作会议。会议要求：一是压实责任，严守底线。各村要落实防汛责任人，每日巡查河堤；"
            "二是做好准备。镇应急办要备足抢险物资；三是加强值守，确保汛期信息畅通。\n")
    texts = _texts(parse_text(text))
    assert any(t.startswith("一是压实责任，严守底线。各村要落实防汛责任人") for t in texts), texts
    assert any(t.startswith("二是做好准备。镇应急办要备足抢险物资") for t in texts), texts
    assert not any(t in ("一是压实责任，严守底线。", "二是做好准备。") for t in texts), texts


def test_english_measures_listed_under_a_lead_in_are_tasks_but_hazards_are_not():
    text = ("The Department of Labour reminded employers to protect workers from heat.\n\n"
            "The advisory recommends measures to prevent heat stress, which include:\n\n"
            "* Reducing heat exposure of workers through ventilation and shade\n\n"
            "* Adjusting their rest breaks during the hottest hours\n\n"
            "* Providing them with free drinking water\n\n"
            "Contractors should watch out for the following hazards:\n\n"
            "* Flooding in excavations;\n\n"
            "* Loosening of scaffold ties.\n")
    texts = _texts(parse_text(text))
    for measure in ("Reducing heat exposure", "Adjusting their rest breaks", "Providing them with free"):
        assert any(measure in t for t in texts), (measure, texts)
    assert not any("Flooding" in t or "Loosening" in t for t in texts), texts


def _zh_piece_rules(text):
    from safetydocs.extract.tasks import running_pieces
    from safetydocs.analysis import analyse
    from safetydocs.structure.normalize import canonical
    from safetydocs.structure.segment import find_headings

    canon = canonical(text)
    layout = find_headings(text, canon, language="zh")
    pieces = running_pieces(canon, doc=analyse(text, canon, language="zh"), language="zh", layout=layout, covered=[])
    return [(piece.rule, piece.background) for piece in pieces]


@pytest.mark.parametrize("text", [
    "专项整治期间，全市累计出动执法人员300人次。",
    "安全大检查期间，全县共检查企业260余家。",
    "整治开展以来，累计关停取缔非法作业点17处。",
])
def test_a_directive_verb_inside_an_opening_time_frame_makes_no_imperative(text):
    # "[整治]期间，…" names a period; what follows reports counts of work done: a report, never a task
    assert [rule for rule, _ in _zh_piece_rules(text)] == [None]
    assert safetydocs.parse_text(text, lang="zh").tasks == []


@pytest.mark.parametrize("text", [
    "专项行动期间，排查整治各类隐患，严厉打击非法违法行为。",
    "汛期期间，加强巡查值守，及时转移危险区域群众。",
])
def test_an_imperative_after_an_opening_time_frame_is_still_one(text):
    assert _zh_piece_rules(text)[0] == (0.55, False)
