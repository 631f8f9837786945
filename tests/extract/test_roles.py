import pytest
"""Lead and support roles, and the scope of their markers."""
import safetydocs
from safetydocs.extract.departments import find_mentions
from safetydocs.extract.roles import assign_roles
from safetydocs.structure.normalize import canonical


def _roles(text, language="zh"):
    canon = canonical(text)
    mentions = find_mentions(text, canon=canon, language=language)
    assignments = assign_roles(canon, task_span=(0, len(text)), mentions=mentions, language=language)
    return [(a.mention, a.role) for a in assignments]


def test_trailing_lead_and_shared_responsibility():
    text = "加强高危化学品管控。（应急管理部牵头，公安部、交通运输部按职责分工负责，2024年底前完成）"
    assert _roles(text) == [("应急管理部", "lead"), ("公安部", "support"), ("交通运输部", "support")]


def test_ascii_punctuation_variant_gives_the_same_roles():
    text = "加强高危化学品管控。(应急管理部牵头,公安部、交通运输部按职责分工负责,2024年底前完成)"
    assert _roles(text) == [("应急管理部", "lead"), ("公安部", "support"), ("交通运输部", "support")]


def test_labelled_lead_and_support_units():
    text = "开展专项整治。（牵头单位：市应急管理局；配合单位：市公安局、市交通运输局）"
    assert _roles(text) == [("市应急管理局", "lead"), ("市公安局", "support"), ("市交通运输局", "support")]


def test_shared_responsibility_without_lead_is_lead():
    assert _roles("全面摸排风险。（各有关部门按职责分工负责，持续推进）") == [("各有关部门", "lead")]


def test_responsible_unit_label_counts_as_lead():
    assert _roles("完成执法队伍组建。（责任单位：市安全生产监察支队）") == [("市安全生产监察支队", "lead")]


def test_by_body_responsible():
    assert _roles("加强执法队伍建设，由县应急局牵头统筹建设") == [("县应急局", "lead")]


def test_support_marker_after_body():
    text = "由县自然资源局牵头规划编制，县消防救援大队配合数据提供"
    assert _roles(text) == [("县自然资源局", "lead"), ("县消防救援大队", "support")]


def test_subject_of_a_demand_leads():
    assert _roles("各牵头单位要科学制定隐患整改方案") == [("各牵头单位", "lead")]


def test_english_subject_and_cooperation():
    text = ("The Provincial Department of Emergency Management should strengthen inspections "
            "in cooperation with the Provincial Department of Water Resources.")
    assert _roles(text, "en") == [
        ("Provincial Department of Emergency Management", "lead"),
        ("Provincial Department of Water Resources", "support"),
    ]


def test_a_body_named_without_a_role_gets_none():
    assert _roles("会议由县应急管理局局长主持。") == []


def test_directed_by_request_makes_lead():
    assert _roles("《通知》要求公安消防部门加强灭火战术研究") == [("公安消防部门", "lead")]
    assert _roles("请各街镇按照通知要求，切实负起主体责任") == [("各街镇", "lead")]


def test_lead_unit_with_responsible_units_as_support():
    text = "县民政局为养老服务中心火灾隐患整改牵头单位，泷泊镇人民政府和县消防救援大队为责任单位"
    assert _roles(text) == [("县民政局", "lead"), ("泷泊镇人民政府", "support"), ("县消防救援大队", "support")]


def test_english_role_labels():
    text = ("(6) Before 8 June, with the cooperation of the County Work Safety Supervision Bureau, put up "
            "at least one advertisement.\nResponsible units: County Construction Bureau, County Urban Management Bureau.")
    assert _roles(text, "en") == [
        ("County Work Safety Supervision Bureau", "support"),
        ("County Construction Bureau", "lead"),
        ("County Urban Management Bureau", "lead"),
    ]


def test_responsible_units_lead_beside_a_subject_but_support_an_explicit_lead():
    subject = "The County Television Station shall broadcast slogans. Responsible units: County Culture Bureau."
    assert _roles(subject, "en") == [("County Television Station", "lead"), ("County Culture Bureau", "lead")]
    explicit = ("The County Safety Office shall take the lead in the inspection. "
                "Responsible units: County Transport Bureau.")
    assert _roles(explicit, "en") == [("County Safety Office", "lead"), ("County Transport Bureau", "support")]


def test_subject_carries_over_to_the_next_demand_once():
    import safetydocs

    doc = safetydocs.parse_text("各级各相关部门一定要高度重视，安排专人专抓。特别是在整改期间要加强巡查值守。同时要做好宣传。\n")
    leads = [task.departments("lead") for task in doc.tasks]
    assert leads == [["各级各相关部门"], ["各级各相关部门"], []]


def test_subject_covers_each_action_of_an_english_list():
    import safetydocs

    doc = safetydocs.parse_text(
        "All regions must adhere to the guidance, thoroughly investigate hidden dangers in all areas, "
        "and solidly promote the rectification of hazardous chemicals.\n")
    assert [task.departments("lead") for task in doc.tasks] == [["All regions"]] * 3


def test_addressees_lead_what_the_notice_asks_of_them():
    import safetydocs

    doc = safetydocs.parse_text("各县区应急局，市消防救援支队：\n现将工作要点印发给你们，请结合实际制定具体措施。\n")
    assert doc.tasks[0].departments("lead") == ["各县区应急局", "市消防救援支队"]


def test_english_short_role_labels_and_cooperating():
    text = ("1. Inspect urban gas pipelines. (Lead: Municipal Emergency Management Bureau; "
            "Support: Municipal Public Security Bureau)")
    assert _roles(text, "en") == [("Municipal Emergency Management Bureau", "lead"),
                                  ("Municipal Public Security Bureau", "support")]
    text = "The Municipal Transport Bureau shall rectify road hazards, with the Municipal Public Security Bureau cooperating."
    assert _roles(text, "en") == [("Municipal Transport Bureau", "lead"), ("Municipal Public Security Bureau", "support")]


def test_english_addressees_lead_the_cover_instruction():
    import safetydocs

    doc = safetydocs.parse_text("To the people's governments of all townships and towns, all departments of the county "
                                "government:\nThe plan is hereby issued to you. Please implement it conscientiously.\n")
    leads = [t.departments("lead") for t in doc.tasks if "Please" in t.text]
    assert leads == [["people's governments of all townships and towns", "all departments of the county government"]]


def test_a_modal_before_a_support_verb_is_support():
    doc = safetydocs.parse_text("The County Emergency Management Bureau shall take the lead, and the County Public "
                                "Security Bureau shall assist.")
    task = doc.tasks[0]
    assert task.departments("lead") == ["County Emergency Management Bureau"]
    assert task.departments("support") == ["County Public Security Bureau"]


def test_confidence_follows_the_evidence():
    text = ("一、重点工作\n1.开展燃气安全检查。（牵头单位：县住建局）\n2.开展危化品检查。县应急管理局牵头，县公安局配合。\n"
            "3.县消防救援大队要开展消防检查。特别是在节日期间要加强巡查值守。\n")
    doc = safetydocs.parse_text(text)
    confidence = {a.department: a.confidence for t in doc.tasks for a in t.assignments}
    assert confidence["县住房和城乡建设局"] > confidence["县应急管理局"] > confidence["县消防救援大队"]
    assert confidence["县公安局"] == confidence["县应急管理局"]  # the same kind of evidence


@pytest.mark.parametrize("text, lead", [
    ("（一）排查摸底。各乡镇人民政府组织力量逐户开展排查，建立工作台账。", ["各乡镇人民政府"]),
    ("1.严格信息报送。各镇人民政府、各牵头单位于每周五前报送工作进展。", ["各镇人民政府", "各牵头单位"]),
    ("2.强化督查。县政府督查室将对整治工作开展专项督查。", ["县政府督查室"]),
    ("3.集中整治。对鉴定为危险的自建房，产权人要立即停止经营活动。", ["产权人"]),
])
def test_the_subject_that_opens_a_sentence_of_an_item_leads_it(text, lead):
    doc = safetydocs.parse_text(text)
    assert [t.departments("lead") for t in doc.tasks] == [lead]


@pytest.mark.parametrize("text, lead", [
    ("The minister told safety watchdogs nationwide to launch inspections of coal mines.", "safety watchdogs"),
    ("Mining companies have been urged to check their ventilation systems.", "Mining companies"),
    ("He called for the city government to learn the lesson from the fire.", "city government"),
])
def test_the_one_directed_to_work_leads_it(text, lead):
    assert (lead, "lead") in _roles(text, "en")


@pytest.mark.parametrize("text, leads", [
    ("各部门、各主力店、各商户负责人要在岗在位。", ["各部门", "各主力店", "各商户"]),   # the list's people act for it
    ("各重点企业主要负责人必须在岗在位。", ["各重点企业"]),
    ("(二)各责任单位于每月10日前将整改进展报县安委办。", ["各责任单位"]),           # after an item number
    ("各车间、各班组要开展隐患排查。", ["各车间", "各班组"]),
])
def test_groups_opening_a_demand_lead_it(text, leads):
    roles = _roles(text)
    assert [name for name, role in roles if role == "lead"] == leads


@pytest.mark.parametrize("text, leads", [
    ("On rainy days, contractors and employers shall suspend outdoor work.", ["contractors", "employers"]),
    ("The department reminded contractors and employers to heed the warning.", ["contractors", "employers"]),
    ("All towns, departments and units should strengthen duty.", ["All towns, departments and units"]),
    ("It is requested that all town governments shall report by Friday.", ["all town governments"]),
])
def test_english_groups_that_lead(text, leads):
    assert [name for name, role in _roles(text, "en") if role == "lead"] == leads


def test_the_ministry_names_the_ministry_named_before():
    doc = safetydocs.parse_text("The Ministry of Emergency Management met on Monday. The ministry will also "
                                "investigate potential hazards in mines.")
    leads = [a.department for task in doc.tasks for a in task.assignments if a.role == "lead"]
    assert "Ministry of Emergency Management" in leads


@pytest.mark.parametrize("text, expected", [
    ("加强燃气安全监管（牵头单位：县住建局；协同责任单位：县消防救援大队）。",
     [("县住建局", "lead"), ("县消防救援大队", "support")]),
    ("加强燃气安全监管（协同单位：县消防救援大队）。", [("县消防救援大队", "support")]),
])
def test_a_support_word_before_the_responsible_label_makes_support(text, expected):
    assert _roles(text) == expected


def test_a_body_that_opens_a_plain_demand_makes_it_a_task():
    doc = safetydocs.parse_text("县委宣传部负责全县安全生产宣传报道。")
    assert [(a.department, a.role) for t in doc.tasks for a in t.assignments] == [("县委宣传部", "lead")]


def test_they_takes_the_leads_of_the_demand_before():
    doc = safetydocs.parse_text("Governments at all levels must pay high attention to flood safety. They must "
                                "identify and rectify all risks and hidden dangers.")
    leads = [[a.department for a in t.assignments if a.role == "lead"] for t in doc.tasks]
    assert leads[-1] == ["Governments at all levels"] and leads[-1][0] in leads[0]


@pytest.mark.parametrize("text, expected", [
    ("县应急管理局具体负责全县危化品安全监管工作。", [("县应急管理局", "lead")]),       # an adverb before the role word
    ("推动乡镇政府主要负责人每半年研究一次消防工作。", []),                          # 负责人 is no role word
])
def test_adverbs_of_manner_before_a_role_word(text, expected):
    assert _roles(text) == expected


def test_the_agent_of_a_passive_of_work_leads():
    assert ("District Emergency Management Bureau", "lead") in _roles(
        "Safety inspections will be carried out by the District Emergency Management Bureau before May.", "en")


def test_a_body_that_takes_on_the_work_leads_it():
    assert _roles("县应急管理局承担全县危险化学品安全监管的综合工作。") == [("县应急管理局", "lead")]


def _task_roles(text):
    doc = safetydocs.parse_text(text)
    return [[(a.department, a.role, a.confidence) for a in t.assignments] for t in doc.tasks]


@pytest.mark.parametrize("text, expected", [
    # a bracket that closes an item and names only bodies (and the deadline) says who does it
    ("1.开展校园周边交通秩序整治。（区教育局、区公安分局，9月底前）",
     [[("区教育局", "lead", 0.7), ("区公安分局", "lead", 0.7)]]),
    ("2. Hold a flood drill for every reservoir. (County Water Resources Bureau, by the end of June)",
     [[("County Water Resources Bureau", "lead", 0.7)]]),
])
def test_a_closing_bracket_of_names_leads_the_item(text, expected):
    assert _task_roles(text) == expected


@pytest.mark.parametrize("text", [
    "1.开展校园周边交通秩序整治（含区教育局所属学校）。",            # words other than names: no note
    "1.加强对市安委办（以下简称市安委办）的督导。",
])
def test_a_bracket_with_other_words_is_no_note(text):
    assert _task_roles(text) in ([], [[]])


def test_a_note_label_outranks_a_bare_bracket():
    [[(_, _, confidence)]] = _task_roles("1.开展燃气管道排查。（牵头单位：县住建局）")
    assert confidence > 0.7


def test_each_one_a_directing_verb_lists_leads():
    doc = safetydocs.parse_text("The Transport Department reminds bus operators, drivers and passengers that they "
                                "should fasten their seat belts.")
    assert [a.department for t in doc.tasks for a in t.assignments] == ["bus operators", "drivers", "passengers"]


def test_names_before_deng_and_the_group_after_it_lead_together():
    assert _roles("县教育局、县卫健局等行业主管部门负责组织开展本行业专项检查。") == [
        ("县教育局", "lead"), ("县卫健局", "lead"), ("行业主管部门", "lead")]


def test_a_site_title_with_its_note_speaks_for_the_problems_listed_under_it():
    import safetydocs

    text = ("二、检查发现的问题\n胖东来时代广场（责任单位：魏都区，市消防支队）\n1.进门地面无荧光标识；\n2.防火卷帘门下无提示；\n"
            "许昌万达广场（责任单位：市消防支队）\n1.控制室无防小动物措施；\n")
    tasks = safetydocs.parse_text(text).tasks
    assert [t.text.rstrip("；;") for t in tasks] == ["1.进门地面无荧光标识", "2.防火卷帘门下无提示", "1.控制室无防小动物措施"]
    assert [[a.department for a in t.assignments] for t in tasks] == [
        ["魏都区", "市消防救援支队"], ["魏都区", "市消防救援支队"], ["市消防救援支队"]]


def test_items_under_a_title_of_problems_found_are_problems():
    import safetydocs

    text = "二、检查发现的问题和隐患\n某商场（责任单位：市消防救援支队）\n1.进门地面无荧光标识；\n"
    assert [t.kind for t in safetydocs.parse_text(text).tasks] == ["problem"]


def test_the_bodies_a_participle_of_directing_names_lead():
    import safetydocs

    text = ("Premier Li Keqiang also made an instruction, requiring the Ministry of Emergency Management and the "
            "Ministry of Public Security to send work teams to guide the rescue.")
    task = safetydocs.parse_text(text, lang="en").tasks[0]
    assert task.departments("lead") == ["Ministry of Emergency Management", "Ministry of Public Security"]


@pytest.mark.parametrize("text, leads", [
    ("Governments at all levels, along with related departments, must ensure people's safety.",
     ["governments at all levels", "related departments"]),
    ("The county emergency management bureau, together with the county fire rescue brigade, shall inspect all malls.",
     ["county emergency management bureau", "county fire rescue brigade"]),
])
def test_an_english_subject_with_a_co_subject_set_off_by_commas(text, leads):
    import safetydocs

    task = safetydocs.parse_text(text, lang="en").tasks[0]
    assert [name.lower() for name in task.departments("lead")] == leads


def test_a_relative_clause_between_an_english_group_and_its_modal():
    import safetydocs

    text = "Shop owners who have installed anti-flooding equipment should check that it works."
    assert safetydocs.parse_text(text, lang="en").tasks[0].departments("lead") == ["Shop owners"]
    # a reported clause after "that" is no relative clause
    text = "The interview requires that all regions should reflect deeply on the accident."
    assert safetydocs.parse_text(text, lang="en").tasks[0].departments("lead") == ["all regions"]



@pytest.mark.parametrize("text,leads", [
    ("各区人民政府，市安委会有关成员单位：\n现将《方案》印发，请认真贯彻执行。\n", ["各区人民政府", "市安委会有关成员单位"]),
    ("各乡镇人民政府：\n请于6月30日前报送半年工作总结。\n", ["各乡镇人民政府"]),
])
def test_a_bare_please_in_a_letter_asks_its_addressees(text, leads):
    (task,) = safetydocs.parse_text(text).tasks
    assert [a.mention for a in task.assignments if a.role == "lead"] == leads


@pytest.mark.parametrize("text", [
    "各区人民政府：\n请隐患责任单位、包案责任人按照要求制定整改方案。\n",  # a unit the grammar did not read
    "各区人民政府：\n请示报告制度要严格落实。\n",  # 请示 asks for instructions: nobody is asked
])
def test_a_please_that_names_someone_else_is_not_put_to_the_addressees(text):
    for task in safetydocs.parse_text(text).tasks:
        assert "各区人民政府" not in [a.mention for a in task.assignments]


def test_the_address_line_itself_is_no_task():
    doc = safetydocs.parse_text("各县区应急局，高新区安监局，市消防救援支队、市森林消防大队：\n"
                                "现将工作要点印发给你们，请结合实际抓好落实。\n")
    assert [t.text for t in doc.tasks] == ["现将工作要点印发给你们，请结合实际抓好落实。"]


@pytest.mark.parametrize("text,leads", [
    ("Contractors that use tower cranes must inspect them daily.", ["Contractors"]),
    ("Enterprises that store hazardous chemicals shall register them.", ["Enterprises"]),
    # after a verb of saying or requiring, "that" opens a reported clause whose own subject leads
    ("The minister stressed that all regions must act.", ["all regions"]),
    ("The document requires that local governments must act.", ["local governments"]),
])
def test_an_english_relative_that_after_a_group_leaves_the_group_the_subject(text, leads):
    (task,) = safetydocs.parse_text(text, lang="en").tasks
    assert [a.mention for a in task.assignments if a.role == "lead"] == leads


def test_the_body_a_demand_is_put_to_after_a_comma_leads():
    doc = safetydocs.parse_text("会议要求，市住房和城乡建设局对3月份发生事故的企业依法依规实施处罚。")
    assert [(a.mention, a.role) for a in doc.tasks[0].assignments] == [("市住房和城乡建设局", "lead")]


@pytest.mark.parametrize("text", [
    "根据总体要求，交通运输部结合工作实际制定本方案。各单位要加强值守。",  # the noun 要求
    "按照省政府工作要求，市应急管理局组织召开了会议。各单位要加强值守。",  # a requirement cited
])
def test_a_requirement_named_before_a_comma_directs_nobody(text):
    doc = safetydocs.parse_text(text)
    assert all(a.mention == "各单位" for t in doc.tasks for a in t.assignments)


@pytest.mark.parametrize("text,leads", [
    # a body whose head is made answerable leads the demand that follows
    ("各县区政府主要负责同志是本地区森林防火第一责任人，要亲自部署。", ["各县区政府"]),
    ("各乡镇是燃气安全属地管理责任主体，要逐户排查。", ["各乡镇"]),
])
def test_a_body_made_answerable_leads(text, leads):
    assert [m for m, role in _roles(text) if role == "lead"] == leads


def test_each_unit_that_opens_a_clause_with_an_action_verb_leads_its_own_clause():
    text = "安全监察部牵头组织专项检查；保卫部制定大楼安全保卫规定；农电工作部指导农电系统开展自查。"
    canon = canonical(text)
    mentions = find_mentions(text, canon=canon, language="zh")
    for clause, unit in (("保卫部制定大楼安全保卫规定", "保卫部"), ("农电工作部指导农电系统开展自查", "农电工作部")):
        start = text.index(clause)
        assignments = assign_roles(canon, task_span=(start, start + len(clause)), mentions=mentions, language="zh")
        assert [(a.mention, a.role) for a in assignments] == [(unit, "lead")]


@pytest.mark.parametrize("text,leads", [
    ("1 市公安局 负责烟花爆竹运输通行证发放。", ["市公安局"]),  # a table's spacing
    ("市直各有关部门，要依照各自职责组成督查组。", ["市直各有关部门"]),  # a comma before the verb
    ("各县（区）和市安委会有关成员单位（详见任务分工）要认真制定工作方案。", ["各县（区）", "市安委会有关成员单位"]),
])
def test_spaces_a_bracketed_note_or_a_comma_between_a_subject_and_its_verb(text, leads):
    assert [m for m, role in _roles(text) if role == "lead"] == leads


@pytest.mark.parametrize("text", [
    "The bureau urged enterprises, especially small and medium-sized ones, to step up fire drills.",
    "The bureau urged enterprises, in particular those located in low-lying areas to move goods to higher floors.",
])
def test_an_appositive_after_the_group_directed_keeps_it_directed(text):
    assert _roles(text, "en") == [("enterprises", "lead")]


LETTER = """关于做好汛期安全工作的通知
各乡镇人民政府，县直各有关部门：
现将省安委办通报转发给你们，并提出如下要求，请一并贯彻落实。
一、要加强汛期值班值守，严格执行24小时值班制度。
二、县应急管理局要加强督查检查。
三、要及时报送险情信息。
"""

COVER = """关于印发汛期安全工作方案的通知
各乡镇人民政府，县直各有关部门：
现将《汛期安全工作方案》印发给你们，请认真贯彻执行。
一、要加强汛期值班值守，严格执行24小时值班制度。
"""


def test_a_letter_whose_demands_follow_gives_its_subjectless_demands_to_its_addressees():
    import safetydocs

    doc = safetydocs.parse_text(LETTER)
    leads = {task.text[:8]: task.departments("lead") for task in doc.tasks}
    assert leads["一、要加强汛期值"] == ["各乡镇人民政府", "县直各有关部门"]
    assert leads["二、县应急管理局"] == ["县应急管理局"]  # a demand that names its doer keeps it
    assert leads["三、要及时报送险"] == ["各乡镇人民政府", "县直各有关部门"]


def test_the_items_of_a_plan_a_cover_letter_issues_are_not_the_addressees():
    import safetydocs

    doc = safetydocs.parse_text(COVER)
    item = next(task for task in doc.tasks if task.text.startswith("一、"))
    assert item.departments("lead") == []


def test_the_source_of_a_duty_between_the_passive_and_its_to():
    text = "Employers are required under the law to ensure the safety of their employees."
    assert _roles(text, "en") == [("Employers", "lead")]


@pytest.mark.parametrize("text, expected", [
    ("由市城管局会同市公安局开展占道经营整治。", [("市城管局", "lead"), ("市公安局", "support")]),
    ("由县交通运输局组织开展客运站安全检查。", [("县交通运输局", "lead")]),
    ("会议由县应急管理局局长主持。", []),  # who chairs a meeting is given no work
])
def test_a_body_after_by_that_opens_the_work_leads_it(text, expected):
    assert _roles(text) == expected


def _task_leads(text, language="zh"):
    doc = safetydocs.parse_text(text, lang=language)
    return [(task.text.split("\n")[0][:8], [(a.mention, round(a.confidence, 2)) for a in task.assignments
                                            if a.role == "lead"]) for task in doc.tasks]


@pytest.mark.parametrize("text,lead,items", [
    # the body whose duties are listed leads each duty
    ("县燃气安全管理办公室主要职责：\n（一）组织开展燃气安全隐患排查整治；\n（二）督促燃气企业落实主体责任；\n"
     "（三）完成县政府交办的其他工作。", "县燃气安全管理办公室", 3),
    # the subject of the words that introduce the list, on the line above its items
    ("会议要求，各镇人民政府要重点抓好以下工作：\n1.立即组织力量排查河道隐患；\n2.落实防汛物资储备；\n"
     "3.加强汛期值班值守。", "各镇人民政府", 3),
    # the body a demand is put to (对…提出…要求：), with the items in the same sentence
    ("会议对县交通运输局提出三点要求：一是加强客运车辆检查；二是严查超载超限；三是做好应急保障。", "县交通运输局", 3),
    ("The main duties of the County Emergency Management Bureau are:\n1. Organise safety inspections of mines;\n"
     "2. Investigate accidents in the county;\n3. Train rescue teams.", "County Emergency Management Bureau", 3),
])
def test_the_words_that_introduce_a_list_name_who_does_its_items(text, lead, items):
    language = "en" if text.isascii() else "zh"
    leads = _task_leads(text, language)
    assert len(leads) == items
    assert all(found == [(lead, 0.5)] for _, found in leads)  # an inference: the confidence of one


@pytest.mark.parametrize("text,leads", [
    # the modal of the lead-in right before the first item, with no colon or comma between
    ("要求各科室、各单位要一是提高认识，加大宣传；二是加强领导，扎实安排；三是检查到位，责任夯实。", ["各科室", "各单位"]),
    ("各乡镇要一是加强巡查；二是做好值守。", ["各乡镇"]),
])
def test_a_lead_in_that_ends_in_its_modal_names_who_does_each_item(text, leads):
    found = _task_leads(text)
    assert len(found) >= 2
    assert all([name for name, _ in names] == leads for _, names in found)


@pytest.mark.parametrize("text", [
    # the body in the words before the colon is no doer: a notice's reason, not its subject
    "根据县人民政府主要负责同志要求，现将有关事项通知如下：\n一、立即开展燃气安全排查。\n二、加强应急值守。",
    # the colon introduces something else than the list: a paragraph stands between
    "县应急管理局主要职责：\n负责综合监管。\n1.立即组织排查河道隐患；\n2.落实防汛物资储备。",
])
def test_words_before_a_list_that_name_no_doer_lead_nothing(text):
    leads = _task_leads(text)
    assert leads and all(not found or found[0][0] != "县人民政府" for _, found in leads)
    assert all(found != [("县应急管理局", 0.5)] for item, found in leads if item.startswith(("1.", "2.")))


@pytest.mark.parametrize("text,lead", [
    # a verb after the name at a clause start, after an adverb, or after a preposition that opens the object
    ("各单位即刻开展防汛安全检查，全面摸查险情。", "各单位"),
    ("各镇（街、区）对辖区内的企业全面检查。", "各镇（街、区）"),
    ("（三）总结验收阶段。\n县城镇燃气专项整治工作专班对整治情况进行验收，形成总结报告。", "县城镇燃气专项整治工作专班"),
])
def test_a_name_opening_a_clause_before_its_verb_leads(text, lead):
    assert [a.mention for task in safetydocs.parse_text(text, lang="zh").tasks for a in task.assignments
            if a.role == "lead"] == [lead]


@pytest.mark.parametrize("text", [
    "各乡镇发生较大事故的，要立即上报。",  # a verb of happening: the name is no doer
    "县应急管理局是全县安全生产综合监管部门，要加强统筹。",  # the copula
])
def test_a_verb_of_being_or_happening_after_a_name_makes_no_lead(text):
    assert not [a for task in safetydocs.parse_text(text, lang="zh").tasks for a in task.assignments]


def test_a_teams_head_leads_and_its_members_support():
    doc = safetydocs.parse_text("成立防汛检查组，由县水利局局长任组长，成员由县水利局、县应急管理局、县自然资源局相关人员"
                                "组成，6月底前完成检查。", lang="zh")
    assert [(a.mention, a.role) for a in doc.tasks[0].assignments] == [
        ("县水利局", "lead"), ("县应急管理局", "support"), ("县自然资源局", "support")]


@pytest.mark.parametrize("text,leads", [
    ("县政府要求各乡镇加强河道巡查。", ["各乡镇"]),  # the body directed does the work, not the one directing it
    ("市应急管理局责成各企业立即开展自查。", ["各企业"]),
    ("县政府要求，各乡镇要加强河道巡查。", ["各乡镇"]),
])
def test_the_body_that_directs_another_does_not_lead(text, leads):
    doc = safetydocs.parse_text(text, lang="zh")
    assert [a.mention for t in doc.tasks for a in t.assignments if a.role == "lead"] == leads


@pytest.mark.parametrize("text,lead", [
    # the speaker of reported speech whose pronoun subject stands for itself announces its own work
    ("The Labour Department said that it would step up inspections of construction sites.", "Labour Department"),
    ("The Ministry of Manpower (MOM) extended the safety period. MOM said it will also empower workers to report "
     "concerns.", "Ministry of Manpower (MOM)"),
])
def test_a_body_that_says_it_will_act_leads_that_work(text, lead):
    doc = safetydocs.parse_text(text, lang="en")
    assert [a.department for t in doc.tasks for a in t.assignments if a.role == "lead"] == [lead]


def test_an_impersonal_it_carries_no_subject_over():
    doc = safetydocs.parse_text("All regions must strengthen inspections. It is necessary to improve emergency "
                                "rescue capacity.", lang="en")
    assert [[a.department for a in t.assignments] for t in doc.tasks] == [["All regions"], []]


@pytest.mark.parametrize("text,leads", [
    # "The Department" as releases capitalise it: the body named before with that head
    ("The Buildings Department will prosecute owners. The Department will also provide support to owners.",
     ["Buildings Department", "Buildings Department"]),
    # "The Government" with none named before: the government of the text's own place
    ("The Government will provide active support for building owners.", ["Government"]),
    # a body's own name that begins with its head is no reference
    ("The Department of Labor will inspect construction sites.", ["Department of Labor"]),
])
def test_a_capitalised_definite_head_names_a_body(text, leads):
    doc = safetydocs.parse_text(text, lang="en")
    assert [a.department for t in doc.tasks for a in t.assignments if a.role == "lead"] == leads


@pytest.mark.parametrize("text,leads", [
    # after an item's number, or a short phrase of time with no name in it, the list still opens its clause
    ("3、各站所立即组织人员清理排水沟渠，疏通河道。", ["各站所"]),
    ("（二）汛期到来前，各乡、各村做好物资储备，落实抢险队伍。", ["各乡", "各村"]),
    # an adverb of focus between the list, its comma and its modal
    ("节假日期间，县交通运输局和县公安局，尤其要加强对客运车辆的安全检查。", ["县交通运输局", "县公安局"]),
])
def test_a_list_after_an_opening_number_or_phrase_leads(text, leads):
    assert [a.mention for task in safetydocs.parse_text(text, lang="zh").tasks for a in task.assignments
            if a.role == "lead"] == leads


@pytest.mark.parametrize("text,lead", [
    # a clause of time or condition between the subject and its modal, as rules and laws write
    ("第十条 建设单位在工程竣工后，应当组织消防验收。", "建设单位"),
    ("危险化学品企业发现重大隐患时，必须立即停产整改。", "危险化学品企业"),
])
def test_a_clause_of_time_before_the_modal_keeps_the_subject(text, lead):
    doc = safetydocs.parse_text(text, lang="zh")
    assert [a.mention for task in doc.tasks for a in task.assignments if a.role == "lead"] == [lead]


def test_a_subject_carries_on_through_demands_that_open_on_their_modal():
    doc = safetydocs.parse_text("各街道要落实巡查制度。要加强对老旧小区的排查。要建立隐患台账，限期整改。", lang="zh")
    assert [[a.mention for a in t.assignments if a.role == "lead"] for t in doc.tasks] == [["各街道"]] * 3


def test_a_subject_is_not_carried_past_two_sentences_that_name_their_own_doer_or_none():
    doc = safetydocs.parse_text("各街道要落实巡查制度。加强对老旧小区的排查。做好隐患台账的登记。", lang="zh")
    leads = [[a.mention for a in t.assignments if a.role == "lead"] for t in doc.tasks]
    assert leads[0] == ["各街道"] and leads[-1] == []


@pytest.mark.parametrize("text,leads", [
    # a duty the law puts on a group, and a passive of obligation, make the group the doer
    ("Property managers have a legal duty to keep fire exits clear.", ["Property managers"]),
    ("Scaffolders and riggers are obliged to wear harnesses above two metres.", ["Scaffolders", "riggers"]),
    ("Warehouse operators also have duties to store chemicals safely.", ["Warehouse operators"]),
    # a verb of pressing directs its object, and a plural of initials is a group of units
    ("The Governor pressed municipalities to clear drainage canals before the rains.", ["municipalities"]),
    ("All LGUs must submit their evacuation plans by 5 June.", ["All LGUs"]),
])
def test_english_duties_and_directions_name_their_doers(text, leads):
    doc = safetydocs.parse_text(text, lang="en")
    assert [a.mention for t in doc.tasks for a in t.assignments if a.role == "lead"] == leads


def test_an_item_that_opens_on_its_doers_and_an_infinitive_is_theirs():
    doc = safetydocs.parse_text("Cyclone advisory\n1. Port users are advised as follows.\n"
                                "2. Trawler owners/skippers to return to harbour before nightfall.\n"
                                "3. All barges to double their moorings.\n4. Efforts to improve safety are welcome.\n",
                                lang="en")
    leads = {t.text.split(".")[0]: [a.mention for a in t.assignments if a.role == "lead"] for t in doc.tasks}
    assert leads["2"] == ["Trawler owners", "skippers"]
    assert leads["3"] == ["All barges"]
    assert not leads.get("4")


def test_bodies_that_join_work_another_leads_support_it():
    doc = safetydocs.parse_text("经研究，由县住房和城乡建设局牵头成立检查组，县消防救援大队、县总工会参加，"
                                "9月底前完成全部检查。", lang="zh")
    assert [(a.department, a.role) for a in doc.tasks[0].assignments] == [
        ("县住房和城乡建设局", "lead"), ("县消防救援大队", "support"), ("县总工会", "support")]


def test_attending_a_meeting_is_still_no_support():
    doc = safetydocs.parse_text("会议由副县长主持，各乡镇主要负责人参加。", lang="zh")
    assert not [a for t in doc.tasks for a in t.assignments]


def test_a_plan_that_puts_its_lead_first_in_each_note():
    text = ("（说明：各项任务责任单位中，排在第一位的为牵头单位。）\n"
            "1.开展燃气管道隐患排查。（责任单位：县住房和城乡建设局、县市场监督管理局、县应急管理局）\n"
            "2.整治电动自行车违规充电。（责任单位：县消防救援大队、县公安局）\n")
    roles = [[(a.department, a.role) for a in t.assignments] for t in safetydocs.parse_text(text, lang="zh").tasks
             if t.assignments]
    assert roles == [[("县住房和城乡建设局", "lead"), ("县市场监督管理局", "support"), ("县应急管理局", "support")],
                     [("县消防救援大队", "lead"), ("县公安局", "support")]]


def test_without_that_sentence_every_responsible_unit_leads():
    text = "1.开展燃气管道隐患排查。（责任单位：县住房和城乡建设局、县市场监督管理局）\n"
    assert {a.role for t in safetydocs.parse_text(text, lang="zh").tasks for a in t.assignments} == {"lead"}


@pytest.mark.parametrize("text,roles", [
    ("The Fire Services Department will coordinate with the Buildings Department to inspect mini-storages.",
     [("Fire Services Department", "lead"), ("Buildings Department", "support")]),
    ("The Marine Department should work with the Highways Department to repair the piers.",
     [("Marine Department", "lead"), ("Highways Department", "support")]),
])
def test_the_body_worked_with_supports_the_subject(text, roles):
    doc = safetydocs.parse_text(text, lang="en")
    assert [(a.department, a.role) for t in doc.tasks for a in t.assignments] == roles


def test_a_phrase_of_time_between_subject_and_modal_keeps_the_subject():
    doc = safetydocs.parse_text("县水利局在汛期前要完成水库安全鉴定。", lang="zh")
    assert [a.department for t in doc.tasks for a in t.assignments if a.role == "lead"] == ["县水利局"]


def test_a_body_named_in_one_word_leads_the_bullets_its_lead_in_announces():
    text = ("Planned activities\nIn 2021, SafeWorkQLD will:\n• Conduct inspections of scaffolding and edge protection on "
            "high-rise construction sites across the state.\n• Provide information and resources to builders and workers "
            "through free workshops and site visits.\n")
    doc = safetydocs.parse_text(text, lang="en")
    assert [[a.department for a in t.assignments if a.role == "lead"] for t in doc.tasks] == [["SafeWorkQLD"]] * 2


def test_bullets_after_words_that_end_in_no_colon_have_no_lead_from_them():
    text = "SafeWorkQLD inspected 300 sites last year.\n• Inspect scaffolding on high-rise sites.\n"
    doc = safetydocs.parse_text(text, lang="en")
    assert all(not t.assignments for t in doc.tasks if t.text.startswith("•"))


@pytest.mark.parametrize("text,leads", [
    # after a comma, an enumerator, or a speaker's verb and its comma, a list that does the work leads it
    ("坚持以查促改，县安委会办公室组织开展全县消防安全专项检查。", ["县安委会办公室"]),
    ("会议要求：一是落实值班制度；二是各执勤中队加强对辖区客运企业的排查。", ["各执勤中队"]),
    ("县长指出，各乡镇、各部门一要压实属地责任；", ["各乡镇", "各部门"]),
])
def test_a_list_after_a_comma_or_an_enumerator_leads_its_work(text, leads):
    doc = safetydocs.parse_text(text, lang="zh")
    assert [a.mention for t in doc.tasks for a in t.assignments if a.role == "lead"] == leads


@pytest.mark.parametrize("text,leads", [
    ("Site agents, safety staff and foremen of lifting operations are encouraged to check the cranes daily.",
     ["Site agents", "safety staff", "foremen of lifting operations"]),
    ("Fishermen must return to port before the typhoon arrives.", ["Fishermen"]),
    ("Shop owners bear the responsibility to keep fire exits clear.", ["Shop owners"]),
    ("Landlords have an obligation to repair faulty gas heaters.", ["Landlords"]),
])
def test_english_groups_with_irregular_plurals_and_duties_lead(text, leads):
    doc = safetydocs.parse_text(text, lang="en")
    assert [a.mention for t in doc.tasks for a in t.assignments if a.role == "lead"] == leads


@pytest.mark.parametrize("text,leads", [
    ("二、节日期间，各单位各库区要严格执行交接班制度。", ["各单位"]),  # 各-groups side by side: the list goes on
    ("各处室、系(部)要进一步提高认识。", ["各处室"]),  # a bracketed member the grammar does not name
    ("各学院从下周起开展实验室安全自查工作，并填写隐患清单。", ["各学院"]),  # a phrase of time from which the work starts
])
def test_group_lists_with_unread_members_and_time_phrases_lead(text, leads):
    doc = safetydocs.parse_text(text, lang="zh")
    assert [a.mention for t in doc.tasks for a in t.assignments if a.role == "lead"] == leads


def test_an_adverb_and_verb_the_tagger_glued_are_no_part_of_an_enterprise():
    doc = safetydocs.parse_text("各工地要严格执行集团公司的值班制度。", lang="zh")
    assert not [d.name for d in doc.departments + doc.other_bodies if "执行" in d.name]


ANNOUNCED_LETTER = """关于做好岁末年初燃气安全工作的通知
各街道办事处，区直有关单位：
近期多地发生燃气事故，为切实做好岁末年初燃气安全工作，
经区政府同意，现就有关事项通知如下：
一、开展燃气隐患排查。要对辖区餐饮场所逐一检查。
二、强化企业管理。燃气经营企业要落实入户安检制度。
三、督查对象
全区燃气经营企业。
2025年12月1日
附件
1．部分餐饮场所未安装报警器。
"""


def test_a_cover_that_announces_its_demands_makes_them_the_addressees_without_a_pronoun():
    doc = safetydocs.parse_text(ANNOUNCED_LETTER)
    leads = {task.text[:6]: task.departments("lead") for task in doc.tasks}
    assert leads["一、开展燃气"] == ["各街道办事处", "区直有关单位"]
    # a section that names who does its work gives its title to them, not to the addressees
    assert leads["二、强化企业"] == ["燃气经营企业"]
    # what the letter tells of (三、督查对象) and the rows of its attachment ask nothing of the addressees
    assert all(not task.departments("lead") for task in doc.tasks if task.text.startswith(("三、", "全区", "1．")))


def test_an_address_after_the_header_lines_of_a_web_page_is_read():
    header = "".join(f"字段{n}：内容{n}\n" for n in range(14))
    doc = safetydocs.parse_text(header + "各县区人民政府，市直各有关单位：\n现将工作要点印发给你们，请认真贯彻落实。\n")
    cover = next(task for task in doc.tasks if "请认真贯彻落实" in task.text)
    assert cover.departments("lead") == ["各县区人民政府", "市直各有关单位"]


def test_an_address_run_into_the_cover_on_one_line_is_read_and_a_document_number_is_no_body():
    doc = safetydocs.parse_text("皖安办〔2025〕12号 各市应急管理局，省安委会各成员单位: 现将《要点》印发给你们，"
                                "请结合实际认真抓好贯彻落实。 省安委会 2025年3月1日 要点 一、加强风险监测预警。")
    cover = next(task for task in doc.tasks if "请结合实际" in task.text)
    assert cover.departments("lead") == ["各市应急管理局", "省安委会各成员单位"]
    assert not any("〔" in department.name for department in doc.departments)
    # the plan the letter issues does not inherit the cover's addressees across the dated signature
    assert all(not task.departments("lead") for task in doc.tasks if "风险监测" in task.text)


@pytest.mark.parametrize("text, expected", [
    ("1.各科室根据本科室的具体情况，对本科室的安全工作进行一次认真的自查。", [("各科室", "lead")]),
    ("（二）各街道按照区政府统一部署，逐户开展燃气入户检查。", [("各街道", "lead")]),
])
def test_a_phrase_of_basis_between_a_subject_and_its_work_keeps_the_subject(text, expected):
    assert _roles(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("各乡镇要按照县委要求全面排查自建房。", [("各乡镇", "lead")]),
    ("县应急管理局要根据市安委办部署开展危化品专项检查。", [("县应急管理局", "lead")]),
])
def test_a_body_whose_demand_is_followed_is_not_the_doer(text, expected):
    assert _roles(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("由县住建局牵头开展燃气排查，县公安局要全力配合。", [("县住建局", "lead"), ("县公安局", "support")]),
    ("县应急管理局负责危化品检查，县市场监管局也要积极协助。", [("县应急管理局", "lead"), ("县市场监管局", "support")]),
])
def test_a_modal_before_a_chinese_support_verb_is_support(text, expected):
    assert _roles(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("由市安监局牵头，会同市住建局、市公安局立即对全市建筑工地进行安全检查。",
     [("市安监局", "lead"), ("市住建局", "support"), ("市公安局", "support")]),
    ("县交通运输局要牵头会同属地乡镇和县公安局，全力推进农村道路隐患整治。",
     [("县交通运输局", "lead"), ("县公安局", "support")]),
])
def test_the_bodies_a_verb_of_joining_names_support_whatever_verb_follows_them(text, expected):
    assert _roles(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("第一组：王某副局长带队，办公室、监管一处参加，督查东区。", [("办公室", "support"), ("监管一处", "support")]),
    ("由县应急管理局牵头组成检查组，县公安局、县总工会参加。",
     [("县应急管理局", "lead"), ("县公安局", "support"), ("县总工会", "support")]),
])
def test_units_that_join_the_work_support_it(text, expected):
    assert _roles(text) == expected


def test_an_english_subject_leads_the_action_it_announces_after_a_reported_one():
    text = ("The Fire Services Department inspected 200 buildings. At the same time, the department has redeployed "
            "staff to follow up on complaints and will take enforcement action where needed.")
    doc = safetydocs.parse_text(text)
    task = next(t for t in doc.tasks if "enforcement action" in t.text)
    assert task.departments("lead") == ["Fire Services Department"]


def test_english_groups_offered_with_a_slash_are_each_given_the_work():
    assert _roles("Factory Inspectors / Labour Officers must submit daily reports by 5 PM.", "en") == [
        ("Factory Inspectors", "lead"), ("Labour Officers", "lead")]


@pytest.mark.parametrize("text, expected", [
    ("二、各县区、各部门单位带班领导和值班人员要保持通讯工具24小时畅通。",
     [("各县区", "lead"), ("各部门单位", "lead")]),
    ("二、各系(分院)、各部门放假前要认真进行安全检查。", [("各系(分院)", "lead"), ("各部门", "lead")]),
])
def test_groups_whose_people_on_duty_act_for_them_or_named_with_a_bracket_lead(text, expected):
    assert _roles(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("District collectors, Municipal Commissioners have been directed to submit fire audit reports.",
     [("District collectors", "lead"), ("Municipal Commissioners", "lead")]),
    ("In recent years, employers should train their workers.", [("employers", "lead")]),
])
def test_two_english_groups_with_only_a_comma_between_them(text, expected):
    assert _roles(text, "en") == expected


def test_a_body_that_informs_that_it_will_act_leads_the_action():
    text = "The Labour Affairs Bureau (DSAL) also informed that it would continue to inspect all construction sites."
    assert _roles(text, "en") == [("Labour Affairs Bureau (DSAL)", "lead")]


def test_the_two_departments_are_the_last_two_named():
    text = ("The Buildings Department and the Fire Services Department issued 500 directions last year. "
            "The two departments will inspect old buildings in the coming months.")
    doc = safetydocs.parse_text(text)
    task = next(t for t in doc.tasks if "inspect old buildings" in t.text)
    assert task.departments("lead") == ["Buildings Department", "Fire Services Department"]


def test_a_lead_label_with_wei_before_a_support_label_after_the_comma():
    text = "1.开展燃气安全专项检查。牵头单位为县应急局，配合单位为县公安局、县住建局。"
    assert _roles(text) == [("县应急局", "lead"), ("县公安局", "support"), ("县住建局", "support")]


@pytest.mark.parametrize("insert, second_role", [
    ("in conjunction with", "support"), ("in cooperation with", "support"), ("together with", "lead"),
])
def test_an_english_body_set_off_after_the_subject_supports_or_shares_by_its_words(insert, second_role):
    text = f"The County Housing Bureau, {insert} the County Fire Rescue Brigade, shall inspect all gas pipelines."
    assert _roles(text, "en") == [("County Housing Bureau", "lead"), ("County Fire Rescue Brigade", second_role)]


@pytest.mark.parametrize("label_lead, label_support", [
    ("Responsible department", "supporting departments"), ("Lead agency", "Assisting agencies"),
])
def test_english_note_labels_by_role_and_head(label_lead, label_support):
    text = (f"1. Inspect all gas pipelines in the county. {label_lead}: County Emergency Management Bureau; "
            f"{label_support}: County Public Security Bureau, County Transport Bureau.")
    assert _roles(text, "en") == [("County Emergency Management Bureau", "lead"),
                                  ("County Public Security Bureau", "support"), ("County Transport Bureau", "support")]


def test_bare_role_verbs_with_a_colon_label_a_note():
    text = "1.开展燃气安全专项检查。（牵头：县住建局；配合：县公安局、县消防救援大队）"
    assert _roles(text) == [("县住建局", "lead"), ("县公安局", "support"), ("县消防救援大队", "support")]


@pytest.mark.parametrize("text, expected", [
    ("The Department of Transport has been tasked with inspecting all bridges.", [("Department of Transport", "lead")]),
    ("Local bodies have been charged with clearing drains before the monsoon.", [("Local bodies", "lead")]),
])
def test_work_given_in_the_passive_is_the_subject_s(text, expected):
    assert _roles(text, "en") == expected


def test_a_singular_group_noun_and_a_plural_one_are_two_groups():
    assert _roles("Both management and workers should pay more attention to work safety.", "en") == [
        ("management", "lead"), ("workers", "lead")]


@pytest.mark.parametrize("text", [
    "This year the Road Safety Authority will raise awareness of vehicle safety.",
    "In 2024 the Road Safety Authority will raise awareness of vehicle safety.",
])
def test_a_time_phrase_with_no_comma_before_an_english_subject(text):
    doc = safetydocs.parse_text(text)
    assert [t.departments("lead") for t in doc.tasks] == [["Road Safety Authority"]]


def test_the_officer_a_plan_makes_answerable_acts_for_the_groups():
    assert _roles("各乡镇、各部门防汛行政责任人立即到岗到位，靠前指挥。") == [("各乡镇", "lead"), ("各部门", "lead")]


def test_a_letter_that_speaks_to_its_readers_gives_them_its_imperative_items():
    text = ("各乡镇人民政府，县直有关单位：\n现将市指挥部通知转发给你们，并提出如下意见，请一并抓好贯彻落实：\n"
            "一、第一时间将预警信号传达至各村（社区），林区禁止野外用火。\n")
    doc = safetydocs.parse_text(text)
    item = next(t for t in doc.tasks if t.text.startswith("一、"))
    assert item.departments("lead") == ["各乡镇人民政府", "县直有关单位"]


@pytest.mark.parametrize("text, expected", [
    ("The Marine Department reminds vessel owners, masters and persons-in-charge of vessels that they should "
     "take precautionary measures.",
     [("vessel owners", "lead"), ("masters", "lead"), ("persons-in-charge of vessels", "lead")]),
    ("The Chief Minister has directed the administration to conduct a review of fire safety in hospitals.",
     [("administration", "lead")]),
])
def test_english_groups_a_verb_of_directing_names(text, expected):
    assert _roles(text, "en") == expected


def test_two_english_groups_one_with_an_and_inside():
    assert _roles("Local authorities and fire and rescue services must inspect all buildings.", "en") == [
        ("Local authorities", "lead"), ("fire and rescue services", "lead")]


@pytest.mark.parametrize("text, expected", [
    # after a modal 会同 is the verb, not the county of 会同县
    ("县消防救援大队要会同县住建局开展高层建筑消防检查。", [("县消防救援大队", "lead"), ("县住建局", "support")]),
    ("湖南省会同县应急管理局要加强检查。", [("湖南省会同县应急管理局", "lead")]),
])
def test_a_verb_of_joining_that_spells_a_county(text, expected):
    assert _roles(text) == expected


def test_bodies_listed_then_the_basis_of_their_work_then_the_work_is_a_demand():
    doc = safetydocs.parse_text("市教育局、市卫健委按照各自职责做好学校、医院消防安全工作。")
    assert [t.departments("lead") for t in doc.tasks] == [["市教育局", "市卫生健康委员会"]]


@pytest.mark.parametrize("text, leads", [
    # the 等 that closes a list, then a word of time before the modal or the verb
    ("城关派出所、县交警大队等部门每月要对渡口开展一次巡查。", ["城关派出所", "县交警大队"]),
    ("县应急局、县住建局等单位定期开展联合检查。", ["县应急局", "县住建局"]),
    # the part of the group singled out, with or without a comma, before the modal
    ("各施工企业特别是春节期间不停工的项目部,要落实领导带班制度。", ["各施工企业"]),
    ("各乡镇尤其是沿河乡镇要加强堤坝巡查。", ["各乡镇"]),
])
def test_the_subject_reaches_its_modal_past_a_list_closer_or_a_part_singled_out(text, leads):
    assert [m for m, role in _roles(text) if role == "lead"] == leads


def test_an_article_that_introduces_a_list_of_duties_names_their_doer():
    text = ("第五条  县应急管理局应当履行下列安全生产职责:\n\n(一)组织编制全县安全生产规划。\n\n"
            "(二)每季度提请县政府召开一次安全生产形势分析会。\n")
    leads = [[d for d, role in task if role == "lead"] for task in _task_leads_and_roles(text)]
    # the body asked in an upward request (提请县政府) is not the doer: the article's body is
    assert leads == [["县应急管理局"], ["县应急管理局"]]
    # and the article's line is no address, whatever colon ends it
    assert "第五条" not in {d.name for d in safetydocs.parse(text).departments}


def test_a_request_put_up_to_a_superior_directs_no_one():
    assert _roles("报请市政府批准后实施。") == []
    assert _roles("请市政府召开联席会议。") == [("市政府", "lead")]


def test_each_later_part_of_an_enumeration_of_demands_keeps_its_subject():
    text = "会议强调,各村、各企业一要提高认识,迅速部署;二要突出重点,开展自查;三要强化责任,全面整改。"
    leads = [sorted(d for d, role in task if role == "lead") for task in _task_leads_and_roles(text)]
    assert leads == [["各企业", "各村"]] * 3
    # a report's parts (二是…) name their own doers or none
    text = "会议要求,一是各村要加强巡查;二是做好宣传。"
    leads = [sorted(d for d, role in task if role == "lead") for task in _task_leads_and_roles(text)]
    assert leads[-1] == []


def _task_leads_and_roles(text):
    return [[(a.department, a.role) for a in task.assignments] for task in safetydocs.parse(text).tasks]


def test_a_demand_with_an_unread_subject_of_its_own_takes_no_subject_carried_over():
    text = "公路主管部门要加强桥梁巡查。旅游景区要加强风险区域排查。"
    assert [[d for d, role in task if role == "lead"] for task in _task_leads_and_roles(text)] \
        == [["公路主管部门"], []]
    # a demand that drops its subject still takes the one before
    text = "公路主管部门要加强桥梁巡查。要及时封闭危险路段。"
    assert [[d for d, role in task if role == "lead"] for task in _task_leads_and_roles(text)] \
        == [["公路主管部门"], ["公路主管部门"]]


@pytest.mark.parametrize("text, leads", [
    ("Ministry of Labour inspectors will check the condition of scaffolds.", ["Ministry of Labour"]),
    ("The Fire Services Department officers must visit every site.", ["Fire Services Department"]),
    # the body is named, its people are the ones who act: not a body that reports
    ("The Ministry of Labour said inspections were completed.", []),
])
def test_a_named_bodys_people_act_for_it(text, leads):
    assert [m for m, role in _roles(text, "en") if role == "lead"] == leads


def test_initials_after_a_states_prefix_name_a_body():
    doc = safetydocs.parse("Cal/OSHA will be performing proactive heat inspections in the Central Valley.")
    assert [[a.department for a in t.assignments] for t in doc.tasks] == [["Cal/OSHA"]]


def test_a_task_table_flattened_one_cell_to_a_line_gives_lead_and_support_by_column():
    text = ("任务分工\n\n主要任务\n\n牵头单位\n\n配合单位\n\n"
            "1.完善城市安全规划。对不符合安全标准的项目一律不予立项。\n\n县发改委、县应急局\n\n县有关部门和单位\n\n"
            "2.强化城市风险评估。\n\n县住建局牵头\n\n县交通运输局、县水利局等部门\n\n")
    roles = [sorted((d, role) for d, role in task) for task in _task_leads_and_roles(text)]
    assert roles[0] == sorted([("县发展和改革委员会", "lead"), ("县应急管理局", "lead"), ("县有关部门和单位", "support")])
    assert roles[1] == sorted([("县住房和城乡建设局", "lead"), ("县交通运输局", "support"), ("县水利局", "support")])
    # without the header the lines of names are no columns: the first still leads as before, by nothing
    assert _task_leads_and_roles(text.replace("牵头单位\n\n配合单位\n\n", ""))[0] == []


def test_a_short_name_defined_inside_a_list_does_not_break_it():
    text = ("加强渔船安全监管。(牵头单位:省渔业安全委员会办公室〔以下简称省渔安办〕;"
            "配合单位:省交通运输厅(以下简称省交通厅)、省应急管理厅)")
    assert _roles(text) == [("省渔业安全委员会办公室", "lead"), ("省交通运输厅", "support"), ("省应急管理厅", "support")]
