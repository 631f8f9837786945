"""Department and collective recognition, normalisation and levels."""
import pytest

from safetydocs.extract.departments import find_mentions, group_departments
from safetydocs.structure.normalize import canonical


def _find(text, language="zh"):
    return find_mentions(text, canon=canonical(text), language=language)


def _bodies(text, language="zh"):
    return [(m.text, m.name, m.level) for m in _find(text, language) if m.kind == "body"]


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
        ("各地区、各部门", "collective"), ("市级有关部门", "collective"),
        ("各县区应急局", "collective"), ("公安、安监等部门", "collective")]


def test_list_naming_bodies_keeps_the_bodies():
    mentions = _find("县应急局、县公安局等单位负责人参加会议。")
    assert [(m.text, m.kind) for m in mentions] == [("县应急局", "body"), ("县公安局", "body")]


def test_words_ending_like_organs_are_not_bodies():
    assert _bodies("各部门要把握总体局面，完善办法，不得擅自办理。") == []


def test_english_bodies_and_list_splitting():
    text = ("The Ministry of Emergency Management, the Ministry of Housing and Urban-Rural Development "
            "and the State Fire Rescue Bureau participated. Ordos City and Alashan League were interviewed.")
    assert [(m.text, m.name) for m in _find(text, "en") if m.kind == "body"] == [
        ("Ministry of Emergency Management", "Ministry of Emergency Management"),
        ("Ministry of Housing and Urban-Rural Development", "Ministry of Housing and Urban-Rural Development"),
        ("State Fire Rescue Bureau", "National Fire and Rescue Administration"),
        ("Ordos City", "Ordos City"),
        ("Alashan League", "Alashan League"),
    ]


def test_english_local_bodies_and_collectives():
    text = ("The Provincial Department of Water Resources should take the lead, "
            "and all regions and relevant departments must cooperate.")
    found = [(m.text, m.kind, m.level) for m in _find(text, "en")]
    assert found == [
        ("Provincial Department of Water Resources", "body", "provincial"),
        ("all regions and relevant departments", "collective", None),
    ]


def test_a_province_named_as_a_place_is_not_a_body():
    text = "Shenyang City in Liaoning Province and Datong City of Shanxi Province were interviewed."
    assert [m.text for m in _find(text, "en") if m.kind == "body"] == ["Shenyang City", "Datong City"]
