"""Department and collective recognition, normalisation and levels."""
import pytest

import safetydocs

from safetydocs.extract.departments import find_mentions, group_departments
from safetydocs.structure.normalize import canonical


def _find(text, language="zh"):
    return find_mentions(text, canon=canonical(text), language=language)


def _bodies(text, language="zh"):
    return [(m.text, m.name, m.level) for m in _find(text, language) if m.kind == "body"]


def _collectives(text, language="zh"):
    return [m.text for m in _find(text, language) if m.kind == "collective"]


def test_list_of_city_bureaus_is_three_bodies():
    assert _bodies("请市应急局、市公安局、市交通运输局按职责分工负责。") == [
        ("市应急局", "市应急管理局", "municipal"),
        ("市公安局", "市公安局", "municipal"),
        ("市交通运输局", "市交通运输局", "municipal"),
    ]


@pytest.mark.parametrize("text,written,canonical_name,level", [
    ("报市安委办备案", "市安委办", "市安全生产委员会办公室", "municipal"),
    ("由县应急管理局负责", "县应急管理局", "县应急管理局", "county"),
    ("完成兰州市应急管理局部署", "兰州市应急管理局", "兰州市应急管理局", "municipal"),
    ("泷泊镇人民政府为责任单位", "泷泊镇人民政府", "泷泊镇人民政府", "township"),
    ("省住房城乡建设厅牵头", "省住房城乡建设厅", "省住房和城乡建设厅", "provincial"),
    ("上海市嘉定区安全生产委员会办公室通知", "上海市嘉定区安全生产委员会办公室", "上海市嘉定区安全生产委员会办公室", "county"),
    ("安全监管总局牵头", "安全监管总局", "国家安全生产监督管理总局", "national"),
    ("國務院安委會辦公室", "國務院安委會辦公室", "国务院安全生产委员会办公室", "national"),
])
def test_chinese_naming_patterns(text, written, canonical_name, level):
    assert (written, canonical_name, level) in _bodies(text)


def test_same_body_under_two_names_is_one_department():
    text = "市住房城乡建设局牵头。市住建局配合。"
    departments = group_departments(_find(text))
    assert [(d.name, d.mentions) for d in departments] == [("市住房和城乡建设局", ["市住房城乡建设局", "市住建局"])]


def test_collectives():
    mentions = _find("各地区、各部门要加强领导，市级有关部门按职责负责，各县区应急局报送情况，公安、安监等部门要检查。")
    assert [(m.text, m.kind) for m in mentions] == [
        ("各地区", "collective"), ("各部门", "collective"), ("市级有关部门", "collective"),
        ("各县区应急局", "collective"), ("公安、安监等部门", "collective")]


def test_list_naming_bodies_keeps_the_bodies():
    mentions = _find("县应急局、县公安局等单位负责人参加会议。")
    assert [(m.text, m.kind) for m in mentions] == [("县应急局", "body"), ("县公安局", "body")]


def test_words_ending_like_organs_are_not_bodies():
    assert _bodies("各部门要把握总体局面，完善办法，不得擅自办理。") == []


def test_english_bodies_and_list_splitting():
    text = ("The Ministry of Emergency Management, the Ministry of Housing and Urban-Rural Development "
            "and the National Fire and Rescue Administration participated. Ordos City and Alashan League were interviewed.")
    assert [(m.text, m.name) for m in _find(text, "en") if m.kind == "body"] == [
        ("Ministry of Emergency Management", "Ministry of Emergency Management"),
        ("Ministry of Housing and Urban-Rural Development", "Ministry of Housing and Urban-Rural Development"),
        ("National Fire and Rescue Administration", "National Fire and Rescue Administration"),
        ("Ordos City", "Ordos City"),
        ("Alashan League", "Alashan League"),
    ]


def test_english_local_bodies_and_collectives():
    text = ("The Provincial Department of Water Resources should take the lead, "
            "and all regions and relevant departments must cooperate.")
    found = [(m.text, m.kind, m.level) for m in _find(text, "en")]
    assert found == [
        ("Provincial Department of Water Resources", "body", "provincial"),
        ("all regions", "collective", None),
        ("relevant departments", "collective", None),
    ]


def test_a_province_named_as_a_place_is_not_a_body():
    text = "Shenyang City in Liaoning Province and Datong City of Shanxi Province were interviewed."
    assert [m.text for m in _find(text, "en") if m.kind == "body"] == ["Shenyang City", "Datong City"]


# --- naming patterns, normalisation and coreference -------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("报市安办备案", ("市安办", "市安全生产委员会办公室")),              # 报 is cut off; 安办 expanded
    ("由县/应急管理局负责".replace("/", ""), ("县应急管理局", "县应急管理局")),
    ("于都县人民政府办公室印发", ("于都县人民政府办公室", "于都县人民政府办公室")),
    ("大通区生态环境分局牵头", ("大通区生态环境分局", "大通区生态环境分局")),
    ("杜岭街道办事处负责", ("杜岭街道办事处", "杜岭街道办事处")),
    ("市消防大队配合", ("市消防大队", "市消防救援大队")),
    ("2022年3月12日市安委会召开会议", ("市安委会", "市安全生产委员会")),  # 日 ends the date
])
def test_more_chinese_naming_patterns(text, expected):
    assert [(m.text, m.name) for m in _find(text) if m.kind == "body"] == [expected]


@pytest.mark.parametrize("text,collective", [
    ("各镇人民政府、街道办事处要加强检查", ["各镇人民政府", "街道办事处"]),
    ("全县上下要提高认识", ["全县上下"]),
    ("全体市场监管干部要对照检视", ["全体市场监管干部"]),
    ("公安消防部门要加强演练", ["公安消防部门"]),
    ("国务院安委会各成员单位按职责负责", ["国务院安委会各成员单位"]),
    ("各县（市、区）人民政府要落实属地责任", ["各县（市、区）人民政府"]),
    # the members of a committee, with the committee that owns them
    ("市安委会有关成员单位要加强督导检查", ["市安委会有关成员单位"]),
    ("请县减灾委相关成员单位于月底前报送", ["县减灾委相关成员单位"]),
    # a kind of organ of the laws (机关), not one body
    ("属地公安机关要依法开展安全许可", ["属地公安机关"]),
    ("各级公安机关要严厉打击非法违法行为", ["各级公安机关"]),
])
def test_more_chinese_collectives(text, collective):
    assert [m.text for m in _find(text) if m.kind == "collective"] == collective


def test_short_forms_refer_to_the_body_written_in_full():
    from safetydocs.extract.departments import resolve_coreference

    text = "兰州市应急管理局印发。请于6月底前报送市应急局。上海市嘉定区安全生产委员会办公室通知，请区安委办牵头。消防救援大队配合，县消防救援大队负责。"
    mentions = _find(text)
    resolve_coreference(mentions)
    names = {m.text: m.name for m in mentions}
    assert names["市应急局"] == "兰州市应急管理局"
    assert names["区安委办"] == "上海市嘉定区安全生产委员会办公室"
    assert names["消防救援大队"] == "县消防救援大队"
    departments = group_departments(mentions)
    assert [d.name for d in departments].count("兰州市应急管理局") == 1


def test_an_ambiguous_short_form_is_left_alone():
    from safetydocs.extract.departments import resolve_coreference

    mentions = _find("甲市应急管理局和乙市应急管理局会商，市应急局负责汇总。")
    resolve_coreference(mentions)
    assert [m.name for m in mentions] == ["甲市应急管理局", "乙市应急管理局", "市应急管理局"]


def test_english_collectives_are_one_whatever_the_case_or_article():
    from safetydocs.extract.departments import resolve_coreference

    text = "All regions should act. all regions must report. All member units of the County Work Safety Committee and member units of the County Work Safety Committee shall help."
    mentions = _find(text, "en")
    resolve_coreference(mentions)
    departments = group_departments(mentions)
    assert [(d.name, d.kind) for d in departments if d.kind == "collective"] == [
        ("All regions", "collective"), ("All member units of the County Work Safety Committee", "collective")]


def test_a_groups_bare_head_made_definite_is_the_group_named_before():
    from safetydocs.extract.departments import resolve_coreference
    from safetydocs.structure.normalize import canonical

    text = ("The commissioner asked all district collectors to act. The collectors have been told to open shelters. "
            "Local authorities must help, and authorities must report.")
    mentions = _find(text, "en")
    resolve_coreference(mentions, canon=canonical(text))
    names = {m.text: m.name for m in mentions if m.kind == "collective"}
    assert names["collectors"] == "all district collectors"
    # a bare plural without "the" is any of its kind, not the group before
    assert names["authorities"] == "authorities"


def test_english_places_named_after_bodies_are_not_bodies():
    text = "Flags are planted at the Administrative Centre Square and the Bus Station Square."
    assert [m.text for m in _find(text, "en") if m.kind == "body"] == []


def test_addressees_are_bodies_even_when_no_rule_knows_them():
    from safetydocs.extract.departments import find_addressees

    text = "各镇人民政府、街道办事处，嘉定新城、嘉定工业区、菊园新区管委会：\n现将通知转发给你们。\n"
    canon = canonical(text)
    mentions = _find(text)
    addressees = find_addressees(text, canon, mentions, language="zh")
    assert [m.text for m in addressees] == ["各镇人民政府", "街道办事处", "嘉定新城", "嘉定工业区", "菊园新区管委会"]
    assert "嘉定新城" in [m.text for m in mentions]


@pytest.mark.parametrize("line,expected", [
    # an item is one addressee: a name found inside it is widened to the item's organ or group word
    ("各村委会、镇属企事业单位：", [("各村委会", "collective"), ("镇属企事业单位", "collective")]),
    ("各区教育局，市交通运输局直属运输管理处，有关中央企业：",
     [("各区教育局", "collective"), ("市交通运输局直属运输管理处", "body"), ("有关中央企业", "collective")]),
    ("市政府各部门，燃气行业管理部门：", [("市政府各部门", "collective"), ("燃气行业管理部门", "collective")]),
    # a list of levels shares the organ that ends it
    ("各省、自治区、直辖市人民政府，国务院各部委：", [("各省、自治区、直辖市人民政府", "collective"),
                                                  ("国务院各部委", "collective")]),
    ("各市、省直管县人民政府安委会办公室：", [("各市、省直管县人民政府安委会办公室", "collective")]),
    ("各市（州）、县（市、区）人民政府，省政府有关部门：",
     [("各市(州)、县(市、区)人民政府", "collective"), ("省政府有关部门", "collective")]),
])
def test_each_item_of_an_address_line_is_one_addressee(line, expected):
    from safetydocs.extract.departments import find_addressees

    text = f"关于做好汛期安全工作的通知\n{line}\n现将有关事项通知如下。\n"
    canon = canonical(text)
    addressees = find_addressees(text, canon, _find(text), language="zh")
    assert [(m.name, m.kind) for m in addressees] == expected


def test_names_joined_by_and_in_an_address_item_are_not_widened_into_one():
    from safetydocs.extract.departments import find_addressees

    text = "关于开展安全大检查的通知\n各区人民政府，市安委会成员单位、华能电厂及有关企业：\n请认真执行。\n"
    names = [m.name for m in find_addressees(text, canonical(text), _find(text), language="zh")]
    assert "华能电厂及有关企业" not in names and "有关企业" in names


def test_a_line_ending_in_a_colon_without_bodies_is_no_address():
    from safetydocs.extract.departments import find_addressees

    text = "现将有关事项通知如下：\n一、加强领导。\n"
    assert find_addressees(text, canonical(text), _find(text), language="zh") == []


@pytest.mark.parametrize("text,expected", [
    ("督促临江石化有限公司落实主体责任", "临江石化有限公司"),
    ("由市交通运输局、临江港务集团负责", "临江港务集团"),
])
def test_named_enterprises(text, expected):
    assert (expected, "enterprise") in [(m.text, m.level) for m in _find(text) if m.kind == "body"]


def test_generic_company_words_are_no_enterprise():
    assert _bodies("加强对公司的管理，各有关企业和公司要落实。") == []


@pytest.mark.parametrize("text,collective", [
    ("The people's governments of all townships and towns shall act.", "people's governments of all townships and towns"),
    ("All departments of the county government must report.", "All departments of the county government"),
    ("Relevant municipal departments shall cooperate.", "Relevant municipal departments"),
    ("Town governments and sub-district offices should check corridors.", "sub-district offices"),  # two groups
    ("Each park shall hold two drills.", "Each park"),
])
def test_more_english_collectives(text, collective):
    assert collective in [m.text for m in _find(text, "en") if m.kind == "collective"]


def test_county_fire_safety_committee_office():
    assert ("县消安委办公室", "县消防安全委员会办公室") in [(m.text, m.name) for m in _find("报县消安委办公室备案")]


@pytest.mark.parametrize("sentence, name", [
    ("县委宣传部要加强宣传。", "县委宣传部"),
    ("市委编办要厘清部门职责。", "市委编办"),
    ("省政府法制办要完善地方法规。", "省政府法制办"),
    ("市公安局交警支队要开展整治。", "市公安局交警支队"),
    ("县应急管理局办公室要做好值班值守。", "县应急管理局办公室"),
    ("乡安监站要开展检查。", "乡安监站"),
    ("县质监局要开展电梯检查。", "县质量技术监督局"),
    ("市经贸委要加强监管。", "市经济贸易委员会"),
    ("市数据资源管理局要建设监测平台。", "市数据资源管理局"),
    ("县文化旅游体育局要开展景区检查。", "县文化旅游体育局"),
    ("市安全生产科学研究所要开展风险评估。", "市安全生产科学研究所"),
    ("城关镇派出所要加强夜间巡查。", "城关镇派出所"),
])
def test_names_by_the_grammar_of_official_names(sentence, name):
    # Place + any core + organ suffix; a Party committee's organs; a unit after its body.
    doc = safetydocs.parse_text(sentence)
    assert [d.name for d in doc.departments] == [name]
    assert [t.departments("lead") for t in doc.tasks] in ([[name]], [])  # (the classifier may doubt a sentence)


@pytest.mark.parametrize("sentence", [
    "要优化区内企业布局。", "要服务全县安全发展大局。", "县委常委要带头检查。", "要清理各类场所。",
])
def test_words_ending_in_a_suffix_character_are_no_bodies(sentence):
    assert safetydocs.parse_text(sentence).departments == []


@pytest.mark.parametrize("sentence, name", [
    ("各区要加强燃气安全监管。", "各区"), ("各市州要开展安全检查。", "各市州"),
    ("各乡镇（街道）要开展隐患排查。", "各乡镇（街道）"), ("各县市区要落实属地责任。", "各县市区"),
])
def test_every_division_of_a_level_is_a_collective(sentence, name):
    doc = safetydocs.parse_text(sentence)
    assert [(d.mentions[0], d.kind) for d in doc.departments] == [(name, "collective")]


@pytest.mark.parametrize("sentence", ["要优化各区域产业布局。", "各区别对待。", "规范各市场主体经营行为。"])
def test_words_after_each_that_are_no_division(sentence):
    names = [d.name for d in safetydocs.parse_text(sentence).departments]
    assert not any(name in ("各区", "各市") for name in names), names


@pytest.mark.parametrize("sentence, name", [
    ("Local authorities should review their contingency plans.", "Local authorities"),
    ("Employers must provide safety training for their employees.", "Employers"),
    ("Contractors shall install guardrails on every scaffold.", "Contractors"),
    ("Relevant departments shall step up inspections of gas stations.", "Relevant departments"),
    ("Government departments must report accidents within one hour.", "Government departments"),
])
def test_english_groups_given_work_are_collectives(sentence, name):
    doc = safetydocs.parse_text(sentence)
    assert [(d.mentions[0], d.kind) for d in doc.departments] == [(name, "collective")]
    assert [m.lower() for t in doc.tasks for a in t.assignments if a.role == "lead" for m in [a.mention]] == [name.lower()]


def test_a_class_named_in_passing_is_no_collective():
    assert safetydocs.parse_text("The report was sent to employers in the region.").departments == []


@pytest.mark.parametrize("sentence, name", [
    ("重庆地震局要及时发布预警信息。", "重庆地震局"),
    ("兰州应急局要加强值班值守。", "兰州应急管理局"),
    ("嘉定区安委办要开展督查。", "嘉定区安全生产委员会办公室"),
])
def test_places_from_the_official_division_list(sentence, name):
    assert [d.name for d in safetydocs.parse_text(sentence).departments] == [name]


@pytest.mark.parametrize("sentence, name", [
    # townships of the division list, whatever jieba makes of them (寮|步镇)
    ("请寮步镇安全生产委员会办公室牵头开展检查。", "寮步镇安全生产委员会办公室"),
    ("东莞市寮步镇应急管理办公室要加强值守。", "东莞市寮步镇应急管理办公室"),
    # an autonomous county written without its ethnic names
    ("张家川县应急管理局要开展燃气管道检查。", "张家川县应急管理局"),
    # a listed county whose name holds a word that ends a place elsewhere (和 of 和平区)
    ("和平区应急管理局要开展燃气检查。", "和平区应急管理局"),
    ("泸县应急管理局要开展检查。", "泸县应急管理局"),
])
def test_place_names_are_read_from_the_division_list(sentence, name):
    assert name in [d.name for d in safetydocs.parse_text(sentence).departments]


def test_a_two_character_place_inside_a_word_is_no_place():
    names = [d.name for d in safetydocs.parse_text("各县区要督促煤矿区应急管理局落实。").departments]
    assert "煤矿区应急管理局" not in names and "矿区应急管理局" not in names


def test_the_division_list_is_complete():
    from safetydocs.resources import load_yaml, models_dir

    places = load_yaml("zh/places.yaml")
    assert len(places["provinces"]) == 31 and "广西壮族自治区" in places["provinces"]
    assert len(places["counties"]) > 2800 and {"嘉定区", "双牌县"} <= set(places["counties"])
    assert {"重庆", "兰州", "大理"} <= set(places["short_names"]) and "市辖区" not in places["cities"]
    assert {"张家川县", "长阳县", "积石山县"} <= set(places["county_short_names"])
    townships = (models_dir() / "zh" / "townships.txt").read_text(encoding="utf-8").split("\n")
    assert len(townships) > 30000 and {"寮步镇", "泷泊镇"} <= set(townships) and "街道" not in townships


@pytest.mark.parametrize("sentence, name", [
    ("The county emergency management bureau shall organize drills every quarter.", "county emergency management bureau"),
    ("The provincial department of water resources shall inspect all reservoirs.", "provincial department of water resources"),
    ("The municipal housing and urban-rural development bureau must inspect building sites.",
     "municipal housing and urban-rural development bureau"),
])
def test_english_names_in_lower_case(sentence, name):
    assert [d.name for d in safetydocs.parse_text(sentence).departments] == [name]


def test_plural_lower_case_heads_are_no_single_body():
    names = [d.name for d in safetydocs.parse_text("County emergency bureaus shall report monthly.").departments]
    assert "County emergency bureau" not in names and "county emergency bureau" not in names


@pytest.mark.parametrize("sentence, name", [
    ("按照泓远能源公司实际情况制定方案。", "泓远能源公司"),          # a preposition before the name
    ("切实做好泓远能源公司安全生产工作。", "泓远能源公司"),
    ("阀门检修作业执行湖南泓远化工有限公司规定。", "湖南泓远化工有限公司"),  # a verb before the place
    ("我公司分包商中国化学工程第七建设有限公司负责安装。", "中国化学工程第七建设有限公司"),
    ("县供电公司负责线路巡查。", "县供电公司"),                      # a level character is the place
])
def test_an_enterprise_name_starts_at_its_place_or_trade_name(sentence, name):
    assert name in [m.name for m in _find(sentence)]


@pytest.mark.parametrize("sentence", [
    "结合公司实际制定方案。", "要严肃倒查上级公司主要负责人责任。", "燃气公司要加强巡检。",
    "推动运输航空公司提升能力。", "增强全公司安全意识。",
])
def test_a_kind_of_company_is_no_named_enterprise(sentence):
    assert _bodies(sentence) == []


@pytest.mark.parametrize("sentence, name", [
    ("各县区人民政府，汉中经济开发区管委会，市政府各部门：", "汉中经济开发区管委会"),  # a zone after a city
    ("县经开区安委办负责汇总。", "县经开区安全生产委员会办公室"),
    ("各县（区）人民政府，嘉鑫工业园区管委会：", "嘉鑫工业园区管委会"),          # an unknown zone name at a clause start
    ("县文化旅游和广电局负责。", "县文化旅游和广电局"),                          # 和 joins two fields of one organ
    ("镇综合执法和应急管理办负责。", "镇综合执法和应急管理办"),
    ("县工业和信息局负责。", "县工业和信息局"),
])
def test_zones_and_joined_fields_belong_to_the_name(sentence, name):
    assert name in [m.name for m in _find(sentence)]


@pytest.mark.parametrize("sentence, wrong", [
    ("县应急局和县消防大队负责。", "县应急局和县消防大队"),       # 和 before a level character joins two bodies
    ("市场监管和消防救援大队负责。", "市场监管和消防救援大队"),   # 市 begins the word 市场
])
def test_and_between_two_bodies_is_no_part_of_a_name(sentence, wrong):
    assert wrong not in [m.name for m in _find(sentence)]


def test_an_acronym_defined_after_a_body_names_it_later():
    doc = safetydocs.parse_text("The Riverside Public Works Agency (RPWA) will inspect the bridges. RPWA will report "
                                "to the council by June.")
    agency = next(d for d in doc.departments if d.name == "Riverside Public Works Agency (RPWA)")
    assert "Riverside Public Works Agency (RPWA)" in agency.mentions and "RPWA" in agency.mentions


@pytest.mark.parametrize("sentence, name", [
    ("The Office of the Flood Control Committee under the State Council shall coordinate.",
     "Office of the Flood Control Committee under the State Council"),
    ("The General Office of Lantian County People's Government shall coordinate.",
     "General Office of Lantian County People's Government"),
    ("He called for the city government to learn the lesson.", "city government"),
])
def test_english_names_in_full(sentence, name):
    assert name in [m.name for m in _find(sentence, "en")]


def test_a_document_title_naming_a_place_is_no_body():
    assert _bodies("Notice on Issuing the Work Plan of Lantian County for the Rectification of Gas Safety", "en") == []


@pytest.mark.parametrize("sentence, name", [
    ("The minister told safety watchdogs nationwide to launch inspections.", "safety watchdogs"),
    ("He instructed authorities concerned to enhance safety measures.", "authorities concerned"),
    ("Mining companies have been urged to check their shafts.", "Mining companies"),
    ("Provincial authorities should make arrangements.", "Provincial authorities"),
])
def test_english_groups_directed_to_work(sentence, name):
    assert name in [m.text for m in _find(sentence, "en") if m.kind == "collective"]


@pytest.mark.parametrize("sentence, collective", [
    ("各市、县人民政府，省政府各部门：", "各市、县人民政府"),                  # 各 and bare levels before one organ
    ("各省、自治区、直辖市人民政府，国务院各部委：", "各省、自治区、直辖市人民政府"),
    ("各县、区人民政府(管委会)，市直各单位：", "各县、区人民政府(管委会)"),      # the bracket closes inside the name
    ("国务院各部委、各直属机构：", "各直属机构"),
    ("各地区、各部门和各单位要落实责任。", "各地区"),                          # 和 inside the list is no cut
    ("各地区、各部门和各单位要落实责任。", "各单位"),
    ("各地要加强救助管理机构建设。", "各地"),                                # a verb after 各 ends the name
])
def test_collectives_of_every_division_and_unit(sentence, collective):
    assert collective in [m.text for m in _find(sentence) if m.kind == "collective"]


@pytest.mark.parametrize("sentence, collective", [
    ("各地要加强节日期间值守。", "各地"),
    ("全省各地要加强节日期间值守。", "全省各地"),
    ("会议强调。相关燃气企业要提高防范等级。", "相关燃气企业"),     # a kind of unit as the subject of a demand
    ("会议强调。职业院校要加强实训安全。", "职业院校"),
    ("属地要督促企业建立整改台账。", "属地"),
    ("各村(社区)要开展宣传。", "各村(社区)"),
])
def test_groups_as_the_subject_of_a_demand(sentence, collective):
    assert collective in [m.name for m in _find(sentence) if m.kind == "collective"]


def test_a_verb_before_a_kind_of_unit_makes_no_group():
    assert not [m for m in _find("会议强调。督促燃气企业要落实责任。") if m.kind == "collective"
                and m.name.startswith("督促")]


def test_a_government_committee_is_named_with_its_government():
    assert ("市政府安委会", "市政府安全生产委员会", "municipal") in _bodies("根据市政府安委会的统一部署，各单位要加强值守。")


@pytest.mark.parametrize("sentence, name", [
    ("The Chief Executive urged the community to be adequately prepared.", "community"),
    ("He directed members of the civil protection system to stay on duty.", "members of the civil protection system"),
    ("The department reminded operators not to obstruct exits.", "operators"),
])
def test_people_or_bodies_directed_to_work_are_a_group(sentence, name):
    assert name in [m.text for m in _find(sentence, "en") if m.kind == "collective"]


def test_an_effort_directed_is_no_group():
    assert not [m for m in _find("He called for all-out efforts to rescue the trapped.", "en") if m.kind == "collective"]


@pytest.mark.parametrize("sentence, name", [
    ("Recently, Riverside Railway Group Co., Ltd. rolled out a blanket inspection.", "Riverside Railway Group Co., Ltd."),
    ("At the Henaifu Modeling Factory, inspectors found hazards.", "Henaifu Modeling Factory"),
])
def test_english_company_names_with_their_legal_form(sentence, name):
    assert name in [m.name for m in _find(sentence, "en") if m.kind == "body"]


@pytest.mark.parametrize("sentence, name", [
    ("请市住建局牵头开展排查。", "市住房和城乡建设局"),                 # 请 is no part of the name
    ("县委宣传部负责宣传报道。", "县委宣传部"),                         # the Party organ keeps its committee
    ("城关镇派出所负责巡查。", "城关镇派出所"),
    ("县公安局交警中队负责管控。", "县公安局交警中队"),                 # a unit after its body is one name
    ("县应急管理局办公室负责汇总。", "县应急管理局办公室"),
    ("乡安监站负责排查。", "乡安监站"),
    ("市住建局质安处负责检查。", "市住房和城乡建设局质安处"),
    # renamed bodies keep their own names: they are not their successors
    ("县安监局负责检查。", "县安全生产监督管理局"),
    ("市质监局负责检查。", "市质量技术监督局"),
    ("省经信委负责协调。", "省经济和信息化委员会"),
])
def test_township_internal_party_and_renamed_bodies(sentence, name):
    assert [name] == [m.name for m in _find(sentence) if m.kind == "body"]


@pytest.mark.parametrize("sentence, collectives", [
    ("各地、各部门一定要深入贯彻。", ["各地", "各部门"]),                       # an adverb is no part of the group
    ("区有关部门、单位要依据标准排查。", ["区有关部门", "单位"]),
    ("各负有安全生产监管职责的部门负责本行业领域排查。", ["各负有安全生产监管职责的部门"]),
])
def test_more_groups(sentence, collectives):
    assert [m.text for m in _find(sentence) if m.kind == "collective"] == collectives


@pytest.mark.parametrize("sentence, units", [
    ("三是采供部、物资部要紧盯物资到货周期。", ["采供部", "物资部"]),     # internal units opening a demand
    ("由监管一处牵头，人事处配合。", ["监管一处", "人事处"]),
    ("救护队要做好应急准备。", ["救护队"]),
])
def test_internal_units_named_without_a_place(sentence, units):
    assert [m.name for m in _find(sentence) if m.kind == "body"] == units


@pytest.mark.parametrize("sentence", ["干部要带头遵守规定。", "团队要加强协作。", "会议认为全部要落实。"])
def test_words_ending_like_a_unit_are_no_unit(sentence):
    assert _bodies(sentence) == []


@pytest.mark.parametrize("sentence, groups", [
    ("Members of the public should avoid the shore.", ["Members of the public"]),
    ("Parents and schools should remind children of the dangers.", ["Parents", "schools"]),
])
def test_english_people_as_the_subject_of_a_demand(sentence, groups):
    assert [m.text for m in _find(sentence, "en") if m.kind == "collective"] == groups


def test_an_english_name_without_its_place_is_the_one_written_with_it():
    doc = safetydocs.parse_text("The Municipal Work Safety Committee shall coordinate the inspections.\n"
                                "Xianning Municipal Work Safety Committee\nMay 4, 2023")
    assert [(d.name, sorted(d.mentions)) for d in doc.departments if d.kind == "body"] == [
        ("Xianning Municipal Work Safety Committee",
         ["Municipal Work Safety Committee", "Xianning Municipal Work Safety Committee"])]


@pytest.mark.parametrize("sentence, places", [
    ("剑阁县要认真贯彻落实。", ["剑阁县"]),                      # a county of the division list opening a demand
    ("上窑镇、洛河镇要加强排查。", ["上窑镇", "洛河镇"]),          # townships
    ("全县要加强排查。", []), ("辖区要加强巡查。", []),
])
def test_a_place_that_opens_a_demand_stands_for_its_government(sentence, places):
    assert [m.name for m in _find(sentence) if m.kind == "body"] == places


@pytest.mark.parametrize("sentence, group", [
    ("Departments concerned must step up inspections.", "Departments concerned"),
    ("Government departments at all levels should act at once.", "Government departments at all levels"),
    ("Coal mining enterprises must stop production.", "Coal mining enterprises"),          # modifiers belong to it
    ("Although mining companies have been urged to act, few did.", "mining companies"),   # a subordinator does not
    ("China's emergency management authorities will inspect mines.", "emergency management authorities"),
])
def test_english_groups_with_their_modifiers(sentence, group):
    assert group in [m.text for m in _find(sentence, "en") if m.kind == "collective"]


@pytest.mark.parametrize("sentence, places", [
    ("宁远经济技术开发区要加强排查。", ["宁远经济技术开发区"]),    # a zone after its place stands for its committee
    ("各县（区）、宁远高新区要加强排查。", ["宁远高新区"]),
    ("化工园区要加强排查。", []),                                   # a kind of zone, no one zone
])
def test_a_zone_that_opens_a_demand_stands_for_its_committee(sentence, places):
    assert [m.name for m in _find(sentence) if m.kind == "body"] == places


@pytest.mark.parametrize("sentence, name", [
    ("县危房改造安全专项整治领导小组办公室负责汇总。", "县危房改造安全专项整治领导小组办公室"),   # a campaign's ad hoc body
    ("区燃气安全专项整治工作专班负责验收。", "区燃气安全专项整治工作专班"),
    ("由县经委牵头组织实施。", "县经济委员会"),                                              # an older body by its own name
])
def test_ad_hoc_and_older_bodies(sentence, name):
    assert [name] == [m.name for m in _find(sentence) if m.kind == "body"]


@pytest.mark.parametrize("sentence, group", [
    ("公安交管部门要加强夜间巡查。", "公安交管部门"),                  # a kind of department as a demand's subject
    ("教育部门要做好校舍排查。", "教育部门"),
])
def test_a_kind_of_department_opening_a_demand_is_a_group(sentence, group):
    assert [group] == [m.text for m in _find(sentence) if m.kind == "collective"]


@pytest.mark.parametrize("sentence, group", [
    ("Bridge safety supervision and inspection departments at all levels must act.",
     "Bridge safety supervision and inspection departments at all levels"),      # two modifiers joined by "and"
    ("We ask that member units of the Flood Control Committee attach great importance to it.",
     "member units of the Flood Control Committee"),                             # a name ends the group
])
def test_english_groups_with_joined_modifiers(sentence, group):
    assert group in [m.text for m in _find(sentence, "en") if m.kind == "collective"]


def test_english_contractors_and_proprietors_are_two_groups():
    found = [m.text for m in _find("Contractors and proprietors should check the scaffolds.", "en")
             if m.kind == "collective"]
    assert found == ["Contractors", "proprietors"]


def test_an_english_body_named_by_a_list_of_its_fields():
    found = [m.name for m in _find("Lead unit: District Culture, Sports and Tourism Bureau.", "en")
             if m.kind == "body"]
    assert found == ["District Culture, Sports and Tourism Bureau"]


@pytest.mark.parametrize("sentence, group", [
    ("Lead: county and district natural resources departments.", "county and district natural resources departments"),
    ("Municipal emergency management bureaus shall check the plants.", "Municipal emergency management bureaus"),
])
def test_english_level_and_field_in_lower_case_is_a_group(sentence, group):
    assert group in [m.text for m in _find(sentence, "en") if m.kind == "collective"]


def test_a_government_and_its_departments_stay_two():
    found = [(m.text, m.kind) for m in _find("The county government and relevant departments shall act.", "en")]
    assert found == [("county government", "body"), ("relevant departments", "collective")]


@pytest.mark.parametrize("sentence, groups", [
    ("Chemical parks need to set up closed management.", ["Chemical parks"]),          # any plural subject
    ("Owners of old factories are reminded to repair the roofs.", ["Owners of old factories"]),
    ("The mayor stressed that construction units must not rush.", ["construction units"]),  # the speaker is not it
    ("Schools and hospitals are required to check exits.", ["Schools", "hospitals"]),
    ("Each township shall, before May, list its gas users.", ["Each township"]),
    ("Measures should be taken at once.", []),                                            # a passive has no doer
])
def test_the_subject_of_an_english_demand_is_a_group(sentence, groups):
    assert [m.text for m in _find(sentence, "en") if m.kind == "collective"] == groups


def test_an_object_of_directing_read_as_a_group():
    found = [m.text for m in _find("The bureau reminded licensed plumbers to check the valves.", "en")
             if m.kind == "collective"]
    assert found == ["licensed plumbers"]


def test_each_of_a_group_is_the_group():
    found = [m.text for m in _find("Each of the operators concerned has to file a plan.", "en") if m.kind == "collective"]
    assert found == ["Each of the operators concerned"]


@pytest.mark.parametrize("sentence, name", [
    # a verb that ends in a unit's suffix character names no unit (举办 is no 办)
    ("应急管理部每年举办省级执法骨干培训班。", "应急管理部"),
    ("市应急管理局每月召开一次调度会。", "市应急管理局"),
])
def test_a_unit_after_a_body_holds_no_verb_or_time_word(sentence, name):
    doc = safetydocs.parse_text(sentence)
    assert [d.name for d in doc.departments + doc.other_bodies] == [name]


@pytest.mark.parametrize("sentence, cited", [
    ("根据国务院安委会《关于开展专项行动的通知》要求，各地要开展检查。", "国务院安全生产委员会"),
    ("省人民政府《关于加强安全生产的意见》提出，市应急管理局要抓好落实。", "省人民政府"),
])
def test_the_author_of_a_cited_document_is_given_no_work(sentence, cited):
    document = safetydocs.parse_text(sentence)
    assert cited not in [d.name for d in document.departments]
    assert cited in [d.name for d in document.other_bodies]


@pytest.mark.parametrize("sentence, name", [
    # a merged county bureau named by the first characters of its fields (文化体育广电新闻出版)
    ("县文体广新局负责组织开展文化场所消防检查。", "县文体广新局"),
    ("区文广旅局要加强景区安全管理。", "区文广旅局"),
    # the comprehensive law-enforcement teams and a campaign's headquarters
    ("市文化执法总队负责娱乐场所执法检查。", "市文化执法总队"),
    ("县城管执法大队要清理占道经营。", "县城管执法大队"),
    ("县重点项目建设指挥部办公室负责督导。", "县重点项目建设指挥部办公室"),
    # the supply and marketing co-operative, written short
    ("市供销社负责农资经营网点安全检查。", "市供销合作社"),
])
def test_county_organ_names_beyond_the_state_council_roots(sentence, name):
    assert name in [d.name for d in safetydocs.parse_text(sentence).departments]


def test_a_new_situation_is_no_bureau():
    assert [d.name for d in safetydocs.parse_text("全县要开创安全生产新局面。").departments if d.kind == "body"] == []


@pytest.mark.parametrize("sentence, group", [
    ("县住建局要配合消防、住房城乡建设等有关部门开展检查。", "消防、住房城乡建设等有关部门"),
    ("副县长带领国土、建设、交通等部门开展联合检查。", "国土、建设、交通等部门"),
    ("县经信、公安等部门要加强检查。", "县经信、公安等部门"),
])
def test_the_verb_before_a_list_of_fields_is_no_part_of_the_group(sentence, group):
    # the name's boundary, whether or not the body selector keeps it among the bodies given work
    doc = safetydocs.parse_text(sentence)
    assert group in [d.name for d in doc.departments + doc.other_bodies if d.kind == "collective"]


@pytest.mark.parametrize("sentence, group", [
    ("在公司各部门的共同努力下，整治行动有序推进。", "公司各部门"),
    ("提示各地各部门切实做好低温雨雪冰冻天气防御工作。", "各地各部门"),
])
def test_a_preposition_or_verb_before_a_group_is_no_part_of_it(sentence, group):
    names = [d.name for d in (lambda doc: doc.departments + doc.other_bodies)(safetydocs.parse_text(sentence))]
    assert group in names


@pytest.mark.parametrize("sentence, group", [
    ("各地、各有关部门（单位）要认真汲取以往事故教训。", "各有关部门(单位)"),
    ("市级有关部门（单位）要加强督导检查。", "市级有关部门(单位)"),
])
def test_a_group_with_its_variant_in_brackets_is_one_group_and_leads(sentence, group):
    document = safetydocs.parse_text(sentence)
    assert group in [d.name for d in document.departments if d.kind == "collective"]
    assert group in document.tasks[0].departments("lead")


def test_the_commission_names_the_body_written_commission_whatever_its_canonical_name():
    text = ("The State Council Work Safety Commission issued a notice on Monday. "
            "The commission will send inspection teams to 31 provinces.")
    task = [t for t in safetydocs.parse_text(text, lang="en").tasks if t.text.startswith("The commission")][0]
    assert task.departments("lead") == ["State Council Work Safety Committee"]


@pytest.mark.parametrize("text,name", [
    ("苏州市房屋安全协会要加强行业自律", "苏州市房屋安全协会"),
    ("县安全生产协会要组织培训", "县安全生产协会"),
    ("城关街道办事处要开展排查", "城关街道办事处"),
])
def test_associations_and_agency_offices_are_bodies(text, name):
    assert [m.text for m in _find(text) if m.kind == "body"] == [name]


@pytest.mark.parametrize("text,name,mentions", [
    ("市发展和改革委员会要牵头开展检查。市发改委要加强督导。", "市发展和改革委员会", ["市发展和改革委员会", "市发改委"]),
    ("县卫健委要做好保障。县卫生健康委员会要加强救治。", "县卫生健康委员会", ["县卫健委", "县卫生健康委员会"]),
    ("市经贸委要牵头开展检查。", "市经济贸易委员会", ["市经贸委"]),
])
def test_a_committee_written_short_and_in_full_is_one_body(text, name, mentions):
    (department,) = safetydocs.parse_text(text).departments
    assert (department.name, department.mentions) == (name, mentions)


@pytest.mark.parametrize("sentence,groups", [
    ("Departments, branches and project departments should strengthen safety management.",
     ["Departments", "branches", "project departments"]),
    ("In addition, employers, contractors and site managers must provide rest breaks.",
     ["employers", "contractors", "site managers"]),
    # the modifier of the last item is both heads': one group, as without the list
    ("All regions, relevant departments and units must adhere to the bottom line.",
     ["All regions", "relevant departments and units"]),
])
def test_an_english_list_of_groups_before_a_demand_is_each_group(sentence, groups):
    doc = safetydocs.parse_text(sentence, lang="en")
    assert [d.name for d in doc.departments if d.kind == "collective"] == groups
    assert [a.mention for a in doc.tasks[0].assignments if a.role == "lead"] == groups


@pytest.mark.parametrize("text,groups", [
    ("Notice on safety during the festival\n\nDepartments, branches and project departments:\n\n"
     "Please implement it carefully.\n", ["Departments", "branches", "project departments"]),
    ("To all county governments and relevant departments:\nPlease implement the plan carefully.\n",
     ["all county governments", "relevant departments"]),
])
def test_an_english_address_line_of_groups_is_the_address(text, groups):
    doc = safetydocs.parse_text(text, lang="en")
    assert [a.mention for a in doc.tasks[-1].assignments if a.role == "lead"] == groups


@pytest.mark.parametrize("text", ["Work plan\nKey tasks and measures:\nStrengthen inspections.\n",
                                  "Objectives:\nReduce accidents.\n"])
def test_an_english_heading_with_a_colon_is_no_address(text):
    assert safetydocs.parse_text(text, lang="en").departments == []


@pytest.mark.parametrize("text,units", [
    # a list of a township's own units, directed or doing the work of the clause
    ("二是要求安监站、综治办、卫生所、派出所联合开展检查。", ["安监站", "综治办", "卫生所", "派出所"]),
    ("排查阶段：城建办、农办、派出所（交通中队）、消防站等部门要明确职责。",
     ["城建办", "农办", "派出所(交通中队)", "消防站"]),
    ("各村、水务站、农服中心等部门每月要对河道开展巡查。", ["水务站", "农服中心"]),
])
def test_a_list_of_short_units_names_each_unit(text, units):
    assert [m.name for m in _find(text) if m.kind == "body"] == units


@pytest.mark.parametrize("text,unit", [
    ("保卫部制定公司安全保卫工作规定。", "保卫部"),
    ("要求生产技术部牵头编制保电方案。", "生产技术部"),
    ("电力调度中心编制调度保电方案。", "电力调度中心"),
    # an agency or a working group no place names, doing the work of its clause
    ("行政审批局负责做好审批环节的安全把关。", "行政审批局"),
    ("第二检查组负责对化工企业开展检查。", "第二检查组"),
    ("疏散引导组负责组织人员有序疏散。", "疏散引导组"),
    ("安全生产督查组要加强对重点企业的督查。", "安全生产督查组"),
    ("执法大队负责夜间巡查。", "执法大队"),
])
def test_a_department_or_centre_that_opens_a_demand_is_a_body(text, unit):
    assert unit in [m.name for m in _find(text) if m.kind == "body"]


@pytest.mark.parametrize("text,body,not_body", [
    # a verb of going before a body is no part of its name; an adverb opens a predicate, not a unit's core
    ("检查组先后到区住建局、区公安分局了解情况。", "区住房和城乡建设局", "到区住房和城乡建设局"),
    ("请市应急办立即协调处置，有情况及时报告。", "市应急管理办", "市应急管理办立即协调处"),
])
def test_a_name_stops_at_the_words_around_it(text, body, not_body):
    names = [m.name for m in _find(text)]
    assert body in names and not_body not in names


def test_a_verb_phrase_that_ends_in_a_units_character_is_no_body():
    assert [m.name for m in _find("要严格应急值守，做到值班要在岗、在岗要履职。") if m.kind == "body"] == []


@pytest.mark.parametrize("text", [
    # a verb and the group it sets up or sends: the group is its object, not the doer
    "组建专家组开展考核工作。",
    "成立检查组负责督查。",
    "派出工作组指导地方开展救援。",
    # a count of groups
    "分两组开展检查。",
    "每组负责一个片区。",
])
def test_a_group_set_up_or_counted_is_no_body(text):
    assert [m.name for m in _find(text) if m.kind == "body"] == []


@pytest.mark.parametrize("text", [
    "确保消防设施处于完好状态。",
    "公共场所、车站、码头要加强巡查。",
    "压实执法检查带队责任。",
])
def test_words_ending_like_a_unit_are_no_bodies(text):
    assert [m.name for m in _find(text) if m.kind == "body"] == []


@pytest.mark.parametrize("text,groups", [
    ("The key is to implement the responsibility system.", []),
    ("The event will stick to the principle of safety first.", []),
    ("The focus must be on hazardous chemicals.", []),
    ("The contractor must fence off the site.", ["contractor"]),
    ("Each district shall set up a hotline.", ["Each district"]),
])
def test_a_singular_subject_after_the_is_a_group_only_when_it_names_a_doer(text, groups):
    assert [m.text for m in _find(text, "en") if m.kind == "collective"] == groups


@pytest.mark.parametrize("text,groups", [
    # an opening phrase of time with no comma stands before the subject, not in it
    ("Following that phase WHS Inspectors will assess if workplaces are compliant.", ["WHS Inspectors"]),
    ("During that period contractors must suspend outdoor work.", ["contractors"]),
    ("After the meeting all regions should report their progress.", ["all regions"]),
    # "that" after a verb of saying opens the reported clause, whose subject is the group
    ("The minister stressed that all regions must strengthen inspections.", ["all regions"]),
])
def test_the_subject_of_a_demand_after_an_opening_phrase(text, groups):
    assert [m.text for m in _find(text, "en") if m.kind == "collective"] == groups


@pytest.mark.parametrize("text,groups", [
    # any doer a verb of directing names, by the English agent suffixes
    ("The Special Relief Commissioner has directed all district collectors to initiate precautionary measures.",
     ["all district collectors"]),
    ("The minister urged inspectors to step up checks on construction sites.", ["inspectors"]),
    ("The department reminded pedestrians to stay away from the slopes.", ["pedestrians"]),
    # a passive of encouraging, as of requiring, puts the work on its subject; a forecast names no one
    ("Businesses are encouraged to visit the website for guidance.", ["Businesses"]),
    ("Temperatures are expected to rise above 35 degrees.", []),
])
def test_the_doers_a_verb_of_directing_names_are_groups(text, groups):
    assert [m.text for m in _find(text, "en") if m.kind == "collective"] == groups


@pytest.mark.parametrize("text,groups", [
    # the conjunction that joins a clause is no part of its subject; an infinitive of purpose stands before it
    ("Strictly implement basic construction procedures, and supervisors must perform side-by-side duties.",
     ["supervisors"]),
    ("To prevent accidents contractors and employers must bolster monitoring of workers.",
     ["contractors", "employers"]),
    # events, campaigns and a qualifier of levels are no groups
    ("The WSH Council noted that every accident will cause further delays.", []),
    ("The blitzes will raise awareness of health and safety.", []),
    ("Work safety is a key responsibility at all levels.", []),
    # a verb of directing after its determiner is a noun: "This order applies to …"
    ("1-101. This order applies to all agencies of the Executive Branch.", []),
])
def test_the_subject_of_a_demand_is_a_group_of_doers(text, groups):
    assert [m.text for m in _find(text, "en") if m.kind == "collective"] == groups


@pytest.mark.parametrize("text,group", [
    ("各地要加快进度，没有开工建设的县要在12月底前全部开工建设。", "没有开工建设的县"),
    ("未完成整改的企业必须停产整顿。", "未完成整改的企业"),
    ("存在重大隐患的单位一律停业整改。", "存在重大隐患的单位"),
])
def test_a_group_named_by_a_relative_clause_as_the_subject_of_a_demand(text, group):
    assert group in [m.name for m in _find(text) if m.kind == "collective"]


@pytest.mark.parametrize("text,group", [
    # the divisions below the issuer by their level alone, as the subject of a demand
    ("街道要加强对辖区企业的检查。", "街道"),
    ("社区负责组织居民有序疏散。", "社区"),
    ("二是乡镇要落实属地管理责任。", "乡镇"),
])
def test_a_level_alone_as_the_subject_of_a_demand_is_a_group(text, group):
    assert group in [m.name for m in _find(text) if m.kind == "collective"]


def test_a_directive_verb_before_a_kind_of_unit_is_no_part_of_it():
    names = [m.name for m in _find("县住建局责成物业公司立即整改，物业公司要落实消防安全责任。")]
    assert "物业公司" in names and "责成物业公司" not in names


@pytest.mark.parametrize("text", ["城镇要加强燃气管理。", "街道要求各社区加强巡查。", "农村道路要设置警示标志。"])
def test_a_level_inside_a_word_or_directing_another_is_no_such_group(text):
    assert "街道" not in [m.name for m in _find(text) if m.kind == "collective"]
    assert not any(m.name in ("镇", "村") for m in _find(text))


@pytest.mark.parametrize("text", ["对发现的问题要立即整改。", "今年以来发生的事故要认真分析。"])
def test_a_relative_clause_over_things_names_no_group(text):
    assert [m.name for m in _find(text) if m.kind == "collective"] == []


def test_an_english_body_is_named_with_the_acronym_the_text_defines_for_it():
    import safetydocs

    text = ("The Fire Services Department (FSD) will inspect all old buildings. "
            "The FSD will take enforcement action against owners who fail to comply.")
    doc = safetydocs.parse_text(text, lang="en")
    assert [d.name for d in doc.departments + doc.other_bodies if d.kind == "body"] == [
        "Fire Services Department (FSD)"]


@pytest.mark.parametrize("text,body", [
    ("The Department of Labor's Occupational Safety and Health Administration will increase inspections.",
     "Occupational Safety and Health Administration"),
    ("The Qingxi County People's Government shall organise the inspection.", "Qingxi County People's Government"),
])
def test_an_owner_before_a_possessive_is_no_part_of_the_body_name(text, body):
    assert body in [m.name for m in _find(text, "en") if m.kind == "body"]


def test_groups_obliged_to_act_are_the_subject_of_the_demand():
    text = "Contractors and builders are obligated to protect workers from falls."
    assert [m.name for m in _find(text, "en") if m.kind == "collective"] == ["Contractors", "builders"]


def test_a_kind_of_unit_may_name_its_project():
    text = "责令项目施工单位对照检查中发现的隐患逐项整改。"
    assert "项目施工单位" in [m.name for m in _find(text) if m.kind == "collective"]


@pytest.mark.parametrize("text,group", [
    ("各处室要关好门窗，切断电源。", "各处室"),
    ("各子公司要于4月28日前报送值班表。", "各子公司"),
    ("各车间要开展一次安全检查。", "各车间"),
])
def test_each_internal_unit_of_an_organisation_is_a_group(text, group):
    assert group in [m.name for m in _find(text) if m.kind == "collective"]


@pytest.mark.parametrize("text,body", [
    ("责成经开区管委会限期完成整改。", "经开区管委会"),  # the directing verb is no part of the zone's name
    ("请东湖社区居委会组织居民疏散演练。", "东湖社区居委会"),
    ("由王家湾村村委会负责转移受威胁群众。", "王家湾村村委会"),
    ("区国投集团要完成所属厂房消防改造。", "区国投集团"),  # a level character opens the company's name
    ("质量安全环保部要每月组织一次隐患排查。", "质量安全环保部"),  # an internal unit, not the ministry 环保部
])
def test_bodies_named_by_their_grammar(text, body):
    assert body in [m.text for m in _find(text) if m.kind == "body"]


@pytest.mark.parametrize("text,group", [
    ("社区居委会要做好独居老人走访。", "社区居委会"),
    ("请各村（居）委会加强巡查。", "各村(居)委会"),
])
def test_a_committee_of_no_named_village_or_community_is_a_group(text, group):
    assert group in [m.name for m in _find(text) if m.kind == "collective"]


@pytest.mark.parametrize("text,body", [
    ("Longxin Chemical Co., Ltd. shall rectify the storage tank defects.", "Longxin Chemical Co., Ltd."),
    ("The bureau fined Baima Mining Corp. for the violations.", "Baima Mining Corp."),
    ("Yuantong Logistics Inc. must train its drivers.", "Yuantong Logistics Inc."),
])
def test_a_company_is_named_by_its_legal_form(text, body):
    assert body in [m.text for m in _find(text, "en") if m.kind == "body"]


@pytest.mark.parametrize("text,group", [
    ("Each township committee should check the embankments twice a day.", "Each township committee"),
    ("The special rectification office is required to report weekly.", "special rectification office"),
])
def test_an_organ_head_with_no_body_named_before_is_a_group(text, group):
    assert group in [m.text for m in _find(text, "en")]


def test_the_office_after_a_named_office_is_that_office():
    text = "The County Safety Office issued the plan. The office shall report weekly."
    assert "office" not in [m.text for m in _find(text, "en") if m.kind == "collective"]


@pytest.mark.parametrize("text,members", [
    # a kind of department or unit, its qualifiers joined by 和 or, for activities, by 、
    ("水利和气象部门要加强汛情会商。", [("水利和气象部门", "collective")]),
    ("烟花爆竹生产、批发、零售企业要严格落实储存限量。", [("烟花爆竹生产、批发、零售企业", "collective")]),
    ("三、县林草局甲山分局、县林草局乙河分局要加强巡护。",
     [("县林草局甲山分局", "body"), ("县林草局乙河分局", "body")]),
    ("一是客运公司和公交公司要落实车辆日检。", [("客运公司", "body"), ("公交公司", "body")]),
])
def test_a_list_of_bodies_and_groups_that_opens_a_demand(text, members):
    found = [(m.text, m.kind) for m in _find(text)]
    assert all(member in found for member in members), found


@pytest.mark.parametrize("text,absent", [
    ("要推动企业落实主体责任。", "推动企业"),  # a verb opens no name
    ("全市12家危险化学品企业要完成评估。", "家危险化学品企业"),  # nor a count
    ("推动运输航空公司提升能力。", "运输航空公司"),  # after a verb the group is an object
    ("学校、医院、商场要落实消防安全责任。", "学校、医院、商场"),  # three groups, not one qualified group
])
def test_what_opens_no_name_in_an_acting_list(text, absent):
    assert absent not in [m.text for m in _find(text)]


@pytest.mark.parametrize("text,bodies", [
    ("（二）第二检查组\n责任单位：城建办、供电所、农技站\n检查范围：加油站。",
     ["城建办", "供电所", "农技站"]),
    ("1.清理占道经营。（牵头单位：镇综治办；配合单位：市场监管所、交警中队；责任人：王五）",
     ["镇综治办", "市场监管所", "交警中队"]),
    ("Repair the flood gates before June (Responsible unit: Water Works Office; Deadline: 30 May 2025).",
     ["Water Works Office"]),
])
def test_a_responsibility_note_names_bodies_by_its_label(text, bodies):
    language = "en" if text.isascii() else "zh"
    doc = safetydocs.parse_text(text, lang=language)
    named = [d.name for d in doc.departments + doc.other_bodies]
    assert all(body in named for body in bodies), named
    assert "王五" not in named


def test_both_pairs_two_groups_and_names_neither():
    text = "Both contractors and site owners should check the scaffolding before typhoons."
    assert [m.text for m in _find(text, "en") if m.kind == "collective"] == ["contractors", "site owners"]


@pytest.mark.parametrize("text,names", [
    # a local Party committee beside its government, or before its verb
    ("县委、县政府要高度重视，切实加强领导。", ["县委", "县政府"]),
    ("镇党委和镇政府要切实履行属地责任。", ["镇党委", "镇政府"]),
    ("市委宣传部负责宣传报道。", ["市委宣传部"]),
])
def test_a_party_committee_is_a_body(text, names):
    import safetydocs

    assert [d.name for d in safetydocs.parse_text(text, lang="zh").departments] == names


@pytest.mark.parametrize("text", ["县委书记要亲自部署安全生产工作。", "自治区党委常委、副主席主持会议。各市要加强检查。"])
def test_a_post_of_a_party_committee_names_no_committee(text):
    import safetydocs

    assert not [d for d in safetydocs.parse_text(text, lang="zh").departments if d.name.endswith("委")]


@pytest.mark.parametrize("text,lead", [
    # a place that a verb of directing names stands for its government; a feedback's recommendation is a demand
    ("请剑阁县进一步压实安全生产责任。", "剑阁县"),
    ("建议九江市进一步提高政治站位，压实企业主体责任。", "九江市"),
    ("希望福建省认真贯彻落实安全生产十五条措施。", "福建省"),
    ("建议市应急管理局进一步加强执法检查。", "市应急管理局"),
])
def test_the_place_or_body_a_recommendation_is_put_to_leads_it(text, lead):
    import safetydocs

    doc = safetydocs.parse_text(text, lang="zh")
    assert [[a.mention for a in t.assignments if a.role == "lead"] for t in doc.tasks] == [[lead]]


@pytest.mark.parametrize("text", ["督察组提出了三条建议。", "会后，与会人员提出意见建议20余条。"])
def test_a_recommendation_reported_is_no_demand(text):
    import safetydocs

    assert safetydocs.parse_text(text, lang="zh").tasks == []


@pytest.mark.parametrize("text,names", [
    # a headline's capitals and a sentence's opening conjunction are no part of a name
    ("THE Ministry of Manpower (MOM) will require all companies to conduct a safety time-out.",
     ["Ministry of Manpower (MOM)"]),
    ("As the Meteorological Bureau forecast rain, the Labour Affairs Bureau must inspect all construction sites.",
     ["Meteorological Bureau", "Labour Affairs Bureau"]),
])
def test_english_names_start_at_their_own_words(text, names):
    import safetydocs

    doc = safetydocs.parse_text(text, lang="en")
    assert [d.name for d in doc.departments + doc.other_bodies if d.kind == "body"] == names


def test_the_speaker_of_an_english_report_is_given_no_work():
    import safetydocs

    doc = safetydocs.parse_text("The Labour Department today reminded employers to take precautions against heat "
                                "stroke. Employers must provide rest breaks.", lang="en")
    assert "Labour Department" not in [d.name for d in doc.departments]
    assert "Labour Department" in [d.name for d in doc.other_bodies]


def test_the_sections_of_a_county_bureau_are_a_group():
    import safetydocs

    doc = safetydocs.parse_text("各二级单位、各股室要按照方案认真落实监管职责。", lang="zh")
    assert [d.name for d in doc.departments] == ["各二级单位", "各股室"]


@pytest.mark.parametrize("text,name", [
    ("各学院要组织实验室安全自查。", "各学院"),
    ("由各派出所负责辖区巡逻。", "各派出所"),
    ("各镇要立即组织排查。", "各镇"),
    ("区应急管理局各检查组要如实记录检查情况。", "区应急管理局各检查组"),
])
def test_kinds_of_unit_after_ge_are_collectives(text, name):
    doc = safetydocs.parse_text(text, lang="zh")
    assert name in [d.name for d in doc.departments if d.kind == "collective"]


@pytest.mark.parametrize("text,name", [
    ("请受灾的祁县政府立即组织群众转移。", "祁县政府"),  # a one-character county after a function word
    ("省政府督查组将对整改情况进行复查。", "省政府督查组"),  # a body's inspection team is a body
])
def test_bodies_named_after_a_function_word_or_by_their_team(text, name):
    assert name in [d.name for d in safetydocs.parse_text(text, lang="zh").departments]


@pytest.mark.parametrize("text,names", [
    # an adverb of manner, an enumerator or 继续 after a group opens its predicate: no part of its name
    ("各科室、各病区、各班组严格按照医院要求开展自查。", ["各科室", "各病区", "各班组"]),
    ("各车间、各仓库一要落实巡查制度。", ["各车间", "各仓库"]),
    ("各街道继续要抓好燃气排查。", ["各街道"]),
])
def test_a_group_ends_before_the_adverb_that_opens_its_predicate(text, names):
    assert [m.name for m in _find(text) if m.kind == "collective"] == names


@pytest.mark.parametrize("text,name,kind", [
    ("各县（市、区）安委会办公室要于每日17时前报送值班信息。", "各县(市、区)安委会办公室", "collective"),
    ("各市（州）住房城乡建设局要开展排查。", "各市(州)住房城乡建设局", "collective"),
    ("公司安委会组织开展应急演练。", "公司安委会", "body"),
    ("集团领导指示集团安全环保部立即开展排查。", "集团安全环保部", "body"),
    ("县专职消防队要加强执勤备勤。", "县专职消防队", "body"),
])
def test_organs_of_each_division_units_of_an_enterprise_and_fire_brigades(text, name, kind):
    doc = safetydocs.parse_text(text, lang="zh")
    assert (name, kind) in [(d.name, d.kind) for d in doc.departments]


@pytest.mark.parametrize("text,name", [
    ("全县公安机关特别是城区各派出所要加强夜间巡逻。", "城区各派出所"),  # the word that singles one out is no part
    ("教育局部署各学校开展疏散演练。", "各学校"),
    ("督导组负责对全县各类企业开展抽查。", "全县各类企业"),
])
def test_a_verb_or_adverb_before_a_group_is_cut(text, name):
    doc = safetydocs.parse_text(text, lang="zh")
    assert name in [d.name for d in doc.departments + doc.other_bodies]


def test_organs_a_law_names_by_their_duty_are_groups():
    doc = safetydocs.parse_text("第八条 特种设备登记机关应当每年公布一次登记情况。", lang="zh")
    assert [(d.name, d.kind) for d in doc.departments] == [("特种设备登记机关", "collective")]


@pytest.mark.parametrize("text,name", [
    ("The Maharashtra Pollution Control Board will inspect all chemical units.", "Maharashtra Pollution Control Board"),
    ("The Mine Safety Taskforce will report to the minister by June.", "Mine Safety Taskforce"),
    ("The Building Safety Regulator will take enforcement action.", "Building Safety Regulator"),
])
def test_english_agency_heads(text, name):
    assert name in [d.name for d in safetydocs.parse_text(text, lang="en").departments]


def test_a_website_is_no_station():
    doc = safetydocs.parse_text("相关链接 地方政府网站 区县政府网站\n县安监站要加强巡查。", lang="zh")
    assert [d.name for d in doc.departments + doc.other_bodies if d.name.endswith("网站")] == []
    assert "县安监站" in [d.name for d in doc.departments]


@pytest.mark.parametrize("text,name", [
    ("会议要求，全镇要立即开展燃气安全排查。", "全镇"),
    ("会议强调，全厂上下要绷紧安全生产这根弦。", "全厂上下"),
])
def test_the_whole_division_or_enterprise_as_a_subject_is_a_group(text, name):
    assert (name, "collective") in [(d.name, d.kind) for d in safetydocs.parse_text(text, lang="zh").departments]


@pytest.mark.parametrize("text,name,kind", [
    ("各县（市、区）物业主管部门要对地下车库住人情况逐一排查。", "各县(市、区)物业主管部门", "collective"),
    ("各辖市、区住房城乡建设局要督促施工单位加固塔吊。", "各辖市、区住房城乡建设局", "collective"),
    # the fire brigades of public security before the 2018 reform keep their own name
    ("公安消防大队牵头，负责歌舞娱乐场所的专项检查。", "公安消防大队", "body"),
    # a city jieba tags as a verb still opens an enterprise's name
    ("开封燃气公司负责燃气管网的巡检。", "开封燃气公司", "body"),
])
def test_division_organs_historic_brigades_and_place_named_enterprises(text, name, kind):
    assert (name, kind) in [(m.name, m.kind) for m in _find(text)]


@pytest.mark.parametrize("text,name", [
    ("国庆期间各社区要加强值守。", "各社区"),  # an opening phrase of time is no part of the group
    ("各部门之间要加强协作配合。", "各部门"),
])
def test_a_group_starts_after_a_phrase_of_time_and_ends_before_zhijian(text, name):
    assert [m.name for m in _find(text) if m.kind == "collective"] == [name]


def test_the_initials_of_a_body_named_before_are_that_body():
    doc = safetydocs.parse_text("The Mine Safety Directorate published its plan. The MSD will inspect 40 quarries by June.",
                                lang="en")
    assert [(d.name, d.mentions) for d in doc.departments] == [("Mine Safety Directorate", ["Mine Safety Directorate", "MSD"])]


def test_a_group_named_by_a_relative_clause_starts_after_the_word_that_singles_it_out():
    assert [m.name for m in _find("尤其是沿河两岸的村要做好防汛值守。") if m.kind == "collective"] == ["沿河两岸的村"]


def test_an_organ_named_after_its_work_keeps_its_core():
    # 执行 ends no enterprise name glued to an adverb (严格执行|集团公司), and still names an organ (执行局)
    assert "县人民法院执行局" in [m.name for m in _find("县人民法院执行局要加强执行工作。")]


@pytest.mark.parametrize("text, expected", [
    # a bureau a ministry manages (部委管理的国家局), named in an address line
    ("国家国防科技工业局，国家烟草专卖局，各省工业和信息化主管部门：", [
        ("国家国防科技工业局", "国家国防科技工业局", "national"), ("国家烟草专卖局", "国家烟草专卖局", "national")]),
    # the short name the State Council's documents use, and a body a reform merged, which older texts name
    ("国家药监局、国家质检总局要加强监管。", [
        ("国家药监局", "国家药品监督管理局", "national"), ("国家质检总局", "国家质量监督检验检疫总局", "national")]),
    # a kind of department whose first characters spell an old ministry's name is no ministry
    ("县文化部门和建设部门要加强监管。", []),
])
def test_state_council_bodies_by_their_official_names(text, expected):
    assert _bodies(text) == expected


@pytest.mark.parametrize("text, unit", [
    ("节假日期间，信息管理处和各分中心，尤其要加强对机房设备的检查维护。", "信息管理处"),
    ("集团安办和各子公司要进行年终全面排查。", "集团安办"),
])
def test_a_body_s_own_unit_listed_with_a_group_before_their_verb(text, unit):
    assert [m.text for m in _find(text) if m.kind == "body"] == [unit]


@pytest.mark.parametrize("text, group", [
    ("要紧紧依靠各级党委和政府，做好隐患排查。", "各级党委和政府"),
    ("会议安排各单位立即进行安全隐患排查。", "各单位"),
    ("以下工作均需各县区具体落实。", "各县区"),
])
def test_a_verb_whose_object_is_a_group_is_no_part_of_its_name(text, group):
    assert _collectives(text) == [group]


@pytest.mark.parametrize("text, group", [
    ("特别是各市、县(区)要尽到责任。", "各市、县(区)"),
    ("各乡、镇要加强巡查。", "各乡、镇"),
    ("（市应急管理局牵头，市有关行业主管部门按职责分工负责）", "市有关行业主管部门"),
])
def test_levels_under_one_each_and_the_industry_departments_of_a_level(text, group):
    assert _collectives(text) == [group]


def test_a_level_list_that_an_address_shares_with_its_organ_stays_whole():
    text = "各市、省直管县人民政府安委会办公室：\n现将有关事项通知如下："
    assert _collectives(text)[:1] != ["各市、省"]


@pytest.mark.parametrize("text", [
    "The inspection campaign aims to bring down the number of accidents.",
    "Details of the Initiative:\n\n  • The initiative will run from Monday 5 to Friday 30 October.",
])
def test_no_english_group_from_a_verb_of_intent_or_across_a_line(text):
    assert _collectives(text, "en") == []


@pytest.mark.parametrize("text, expected", [
    ("剑阁县、苍溪县人民政府要立即开展排查。", [("剑阁县", "剑阁县人民政府"), ("苍溪县人民政府", "苍溪县人民政府")]),
    ("请广元市、巴中市应急管理局立即部署。", [("广元市", "广元市应急管理局"), ("巴中市应急管理局", "巴中市应急管理局")]),
    # the issuer's own county, named by its level alone, shares nothing with the place before it
    ("责任单位：大英经开区、县经科局、县发展改革局", None),
])
def test_places_listed_before_a_body_share_its_organ(text, expected):
    found = [(m.text, m.name) for m in _find(text) if m.kind == "body"]
    if expected is None:
        assert not any(name.endswith("经科局") and text_ != "县经科局" for text_, name in found)
    else:
        assert found == expected


@pytest.mark.parametrize("text, group", [
    ("乡镇党委政府要落实属地管理责任。", "乡镇党委政府"),
    ("街道党委要加强组织领导。", "街道党委"),
])
def test_the_level_s_party_committee_and_government_as_a_group(text, group):
    assert _collectives(text) == [group]


@pytest.mark.parametrize("text, places", [
    # townships of the division list between offices in a list of reporting units
    ("县应急局、城关镇、新华镇、县住建局上报隐患12处。", ["城关镇", "新华镇"]),
    # a county among the offices
    ("会议由县住建局、剑阁县、县交通运输局分别汇报。", ["剑阁县"]),
    # a township written before the offices, at the list's start
    ("城关镇、县市场监管局要立即组织排查。", ["城关镇"]),
    # places listed with places only: no body beside them
    ("北京、天津、黑龙江等地开展了检查。", []),
    # a province beside an office is as often the place as its government
    ("省应急厅、江苏省共同开展检查。", []),
    # one group's members share its organ: 直管市 is no government of its own there
    ("各市、州、直管市、神农架林区住建委要加强巡查。", []),
    # a visited place opens a piece that is no name
    ("检查组深入城关镇、新华镇、县应急管理局开展检查。", ["新华镇"]),
])
def test_places_listed_with_bodies_are_bodies(text, places):
    found = {m.text for m in _find(text) if m.kind == "body"}
    listed = {"城关镇", "新华镇", "剑阁县", "北京", "天津", "黑龙江", "江苏省", "直管市"}
    assert sorted(found & listed) == sorted(places)


@pytest.mark.parametrize("text, name, level", [
    ("The Ministry urged the Jiangxi provincial government to act.", "Jiangxi provincial government", "provincial"),
    ("The Pune municipal government will inspect all malls.", "Pune municipal government", "municipal"),
    ("Inner Mongolia regional officials and the Ordos city government met.", "Ordos city government", "municipal"),
])
def test_a_named_places_government_in_lower_case_is_one_body(text, name, level):
    assert (name, level) in {(m.name, m.level) for m in _find(text, "en") if m.kind == "body"}


def test_a_countrys_organ_inside_an_of_phrase_stays_in_the_name():
    bodies = _bodies("The Work Safety Committee of China's State Council sent a team.", "en")
    assert [b[1] for b in bodies] == ["Work Safety Committee of China's State Council"]
    # a body's own agency after its possessive is that agency
    bodies = _bodies("The Department of Labor's Occupational Safety and Health Administration sent a team.", "en")
    assert [b[1] for b in bodies] == ["Occupational Safety and Health Administration"]


@pytest.mark.parametrize("text, expected", [
    # a township's own notice: its bodies written with the bare level word are its own
    ("为确保全乡安全生产形势稳定,乡政府召开专题会议。乡安办要加强督查。", {"乡政府": "body", "乡安办": "body"}),
    ("桃源镇党委召开安全生产会议。镇安委会要加强督查。", {"镇安委会": "body"}),
    # a county's notice: the bare level word names every township's
    ("为确保全县安全生产形势稳定,现通知如下。镇人民政府要加强督查。", {"镇人民政府": "collective"}),
    # the generic pair stays every township's, wherever it stands
    ("为确保全乡安全生产形势稳定,乡镇政府要加强督查。", {"乡镇政府": "collective"}),
])
def test_bare_township_bodies_are_the_townships_own_in_its_own_document(text, expected):
    kinds = {m.text: m.kind for m in _find(text)}
    assert {name: kinds.get(name) for name in expected} == expected


def test_a_verb_before_a_bare_township_level_is_no_townships_name():
    assert [m.text for m in _find("镇长召集镇安委会成员部署工作。")] == ["镇安委会"]


@pytest.mark.parametrize("text, group", [
    ("危险化学品生产、经营、储存企业要加强防雷设施检测。", "危险化学品生产、经营、储存企业"),
    ("烟花爆竹生产、经营企业要落实主体责任。", "烟花爆竹生产、经营企业"),
])
def test_activities_listed_before_one_head_qualify_it_even_with_a_cut_character_inside_a_word(text, group):
    # 经 of 经营 is no 经 of 经省政府同意
    assert group in [m.text for m in _find(text) if m.kind == "collective"]


@pytest.mark.parametrize("text, names", [
    # an organ's short name whose core no rule knows, between bodies of a list
    ("区建设局要会同区应急管理局、房管局、城投集团等区直有关单位推进整改。", ["房管局", "城投集团"]),
    # a place no rule knows before a known organ, in a note's list: the whole member
    ("(责任单位:县应急局、大英生态环境局、县公安局)", ["大英生态环境局"]),
    # kinds of places in a list are no bodies, nor a time word glued to a body
    ("检查组对县应急局、加油站、液化气站进行了检查。", []),
    ("会上消防救援大队、县应急局分别作了发言。", []),
])
def test_organ_names_listed_with_bodies_are_bodies(text, names):
    found = [m.text for m in _find(text) if m.kind == "body"]
    assert [n for n in found if n in {"房管局", "城投集团", "大英生态环境局", "加油站", "液化气站", "会上消防救援大队"}] \
        == names


def test_the_agencies_that_open_a_sentence_are_the_bodies_the_sentence_before_listed():
    text = ("The mayor directed the Department of Buildings and the Fire Department to review the rules. "
            "The agencies will report back within 30 days.")
    names = [m.name for m in _find(text, "en") if m.span[0] > text.index("The agencies")]
    assert names == ["Department of Buildings", "Fire Department"]
    # one body before: the plural is a group of its own
    text = "The Ministry met on Monday. The departments will step up checks."
    assert [(m.name, m.kind) for m in _find(text, "en") if m.span[0] > 20] == [("departments", "collective")]


def test_the_agencies_look_back_past_a_sentence_that_names_no_body():
    text = ("The mayor directed the Department of Buildings and the Fire Department to share inspection data. "
            "The order will improve coordination between the agencies. "
            "The agencies will also step up outreach to tenants.")
    names = [m.name for m in _find(text, "en") if m.span[0] > text.index("The agencies")]
    assert names == ["Department of Buildings", "Fire Department"]
    # but not further than three sentences back
    text = ("The mayor directed the Department of Buildings and the Fire Department to share data. "
            "Fires rose in winter. Heating was the main cause. Many homes lacked alarms. "
            "The agencies will also step up outreach to tenants.")
    assert [m.kind for m in _find(text, "en") if m.span[0] > text.index("The agencies")] == ["collective"]


@pytest.mark.parametrize("text", [
    "The order will increase coordination between the agencies.",
    "The letter shall be read at every site.",
    "The directive must be carried out at once.",
])
def test_a_document_that_opens_a_sentence_is_no_group(text):
    assert _find(text, "en") == []


def test_a_group_written_two_ways_is_named_in_its_fullest_form():
    from safetydocs.extract.departments import resolve_coreference
    from safetydocs.structure.normalize import canonical

    text = "Members must report hazards. The association reminds all members to hold a safety time-out."
    mentions = _find(text, "en")
    resolve_coreference(mentions, canon=canonical(text))
    assert {m.name for m in mentions if m.kind == "collective"} == {"all members"}
