"""Tests for safetydocs.extract.industries and models/common/industries.yaml."""
from __future__ import annotations

import re

import pytest

from safetydocs.extract.industries import (
    find_industry_mentions,
    lexicon,
    summarize,
    tag_spans,
    taxonomy,
)
from safetydocs.resources import load_yaml
from safetydocs.structure.normalize import canonical

# The schema's taxonomy (corpus-dev/SCHEMA.md), in its order, with parents.
SCHEMA_CODES = {
    "mining": None, "coal_mining": "mining", "non_coal_mining": "mining",
    "hazardous_chemicals": None, "fireworks": None, "civil_explosives": None,
    "transport": None, "road_transport": "transport", "waterway_transport": "transport",
    "railway": "transport", "civil_aviation": "transport", "urban_rail": "transport",
    "construction": None, "fire_safety": None, "gas": None, "special_equipment": None,
    "industry_trade": None, "fishing_vessels": None, "tourism": None, "forest_fire": None,
    "hazardous_waste": None, "industrial_parks": None, "urban_safety": None,
    "self_built_housing": None, "crowded_places": None, "power": None,
    "water_conservancy": None, "agricultural_machinery": None, "oil_gas_pipelines": None,
    "natural_disasters": None, "occupational_health": None,
}


def codes(text: str, language: str) -> list[str]:
    return [i.code for i in summarize(find_industry_mentions(canonical(text), language=language))]


ZH_CASES = {
    "mining": "加强矿山安全监管。",
    "coal_mining": "开展煤矿瓦斯治理。",
    "non_coal_mining": "排查尾矿库隐患。",
    "hazardous_chemicals": "严格危险化学品储存管理。",
    "fireworks": "严厉打击非法生产烟花爆竹。",
    "civil_explosives": "加强民用爆炸物品流向监控。",
    "transport": "强化交通运输安全监管。",
    "road_transport": "整治道路交通安全隐患。",
    "waterway_transport": "加强水上交通安全管理。",
    "railway": "排查铁路沿线安全隐患。",
    "civil_aviation": "确保民航运行安全。",
    "urban_rail": "加强城市轨道交通运营安全。",
    "construction": "加强建筑施工安全管理。",
    "fire_safety": "开展消防安全检查。",
    "gas": "排查城镇燃气管道隐患。",
    "special_equipment": "加强特种设备安全监察。",
    "industry_trade": "推进工贸企业有限空间作业整治。",
    "fishing_vessels": "加强渔业船舶安全管理。",
    "tourism": "做好旅游景区安全工作。",
    "forest_fire": "抓好森林草原防火工作。",
    "hazardous_waste": "规范危险废物处置。",
    "industrial_parks": "开展工业园区安全整治。",
    "urban_safety": "保障城市运行安全，整治高层建筑隐患。",
    "self_built_housing": "开展自建房安全专项整治。",
    "crowded_places": "加强人员密集场所安全检查。",
    "power": "保障电力安全稳定运行。",
    "water_conservancy": "加强水利工程安全管理。",
    "agricultural_machinery": "加强农业机械安全监理。",
    "oil_gas_pipelines": "整治油气输送管道占压隐患。",
    "natural_disasters": "做好防汛抗旱和地质灾害防治。",
    "occupational_health": "加强职业病危害防治。",
}

EN_CASES = {
    "mining": "Strengthen safety supervision of mines.",
    "coal_mining": "Rectify hidden dangers in coal mines.",
    "non_coal_mining": "Inspect tailings ponds before the flood season ends.",
    "hazardous_chemicals": "Tighten control over hazardous chemicals.",
    "fireworks": "Crack down on illegal fireworks and firecrackers.",
    "civil_explosives": "Track the flow of civil explosives.",
    "transport": "Ensure safety in transportation.",
    "road_transport": "Improve road traffic safety.",
    "waterway_transport": "Strengthen waterway transport safety.",
    "railway": "Check hazards along the railway.",
    "civil_aviation": "Ensure civil aviation safety.",
    "urban_rail": "Improve urban rail transit operations.",
    "construction": "Inspect construction sites.",
    "fire_safety": "Carry out fire safety inspections.",
    "gas": "Check urban gas pipelines for leaks.",
    "special_equipment": "Inspect special equipment such as boilers and elevators.",
    "industry_trade": "Rectify confined spaces in industry and trade enterprises.",
    "fishing_vessels": "Strengthen the safety of fishing vessels.",
    "tourism": "Ensure safety at scenic spots and in tourism.",
    "forest_fire": "Do a good job of forest fire prevention.",
    "hazardous_waste": "Regulate the disposal of hazardous waste.",
    "industrial_parks": "Assess risks in industrial parks.",
    "urban_safety": "Rectify hazards in high-rise buildings.",
    "self_built_housing": "Rectify self-built housing.",
    "crowded_places": "Inspect crowded places and large-scale events.",
    "power": "Ensure the safety of electric power supply.",
    "water_conservancy": "Ensure the safety of water conservancy projects.",
    "agricultural_machinery": "Regulate agricultural machinery.",
    "oil_gas_pipelines": "Protect oil and gas pipelines.",
    "natural_disasters": "Prepare for natural disasters and extreme weather.",
    "occupational_health": "Prevent occupational diseases.",
}


@pytest.mark.parametrize("code", list(SCHEMA_CODES))
def test_every_code_in_chinese(code: str) -> None:
    assert code in codes(ZH_CASES[code], "zh")


@pytest.mark.parametrize("code", list(SCHEMA_CODES))
def test_every_code_in_english(code: str) -> None:
    assert code in codes(EN_CASES[code], "en")


# --- parent/child rule -------------------------------------------------------

def test_specific_term_gives_child_only() -> None:
    assert codes("加强非煤矿山安全监管", "zh") == ["non_coal_mining"]
    assert codes("rectify coal mines", "en") == ["coal_mining"]


def test_generic_term_gives_parent() -> None:
    assert codes("矿山安全", "zh") == ["mining"]
    assert codes("the safety of mines and transportation", "en") == ["mining", "transport"]


def test_parent_reported_beside_child_when_mentioned_on_its_own() -> None:
    text = "focusing on mines, transportation and construction; highway and waterway passenger transport"
    assert codes(text, "en") == ["mining", "transport", "road_transport", "waterway_transport", "construction"]


def test_hypernym_after_children_is_not_a_parent_mention() -> None:
    assert codes("煤矿、非煤矿山等矿山", "zh") == ["coal_mining", "non_coal_mining"]
    assert codes("公路水路客运", "zh") == ["road_transport", "waterway_transport"]
    assert codes("waterway passenger transport", "en") == ["waterway_transport"]


def test_shared_entry_gives_both_codes() -> None:
    assert codes("加强化工园区风险管控", "zh") == ["hazardous_chemicals", "industrial_parks"]


# --- false hits --------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "Both sides agreed to a ceasefire.",
        "The criteria for determining hidden dangers; examine and undermine nothing.",
        "The workers were fired and the guns kept firing.",
        "The State Fire Rescue Bureau and the State Mine Safety Supervision Bureau attended.",
        "The Ministry of Transport and the Provincial Department of Water Resources reported.",
        "Jiangsu Tianjiayi Chemical Co., Ltd. issued a statement.",
        "strengthen the construction of work style",
        "the power of mass prevention; safe production is always on the road",
    ],
)
def test_english_false_hits(text: str) -> None:
    assert codes(text, "en") == []


@pytest.mark.parametrize(
    "text",
    [
        "各县区应急局,市消防救援支队、市森林消防大队:",  # bodies as addressees
        "工业和信息化部、公安部、交通运输部按职责分工负责。",
        "公安、安监、建设、文化、教育、工商、旅游等部门要加强检查。",
        "县文旅广体局为牵头单位。",
        "某某化工有限公司召开会议。",
        "嘉定新城、嘉定工业区管委会:",
    ],
)
def test_chinese_false_hits(text: str) -> None:
    assert codes(text, "zh") == []


def test_field_beside_body_still_counts() -> None:
    # The body is blocked, the field named in the same sentence is not.
    assert codes("县消防救援大队要加大消防宣传力度", "zh") == ["fire_safety"]


# --- punctuation, scripts, case ---------------------------------------------

@pytest.mark.parametrize("text", ["“三合一”场所", '"三合一"场所', "三合一场所", "＂三合一＂场所", "「三合一」场所"])
def test_quote_styles(text: str) -> None:
    assert codes(text, "zh") == ["crowded_places"]


def test_english_quotes_hyphens_case() -> None:
    assert codes('"Three In One" Places and High Rise Buildings', "en") == ["urban_safety", "crowded_places"]
    assert codes("Large Scale Events", "en") == ["crowded_places"]


def test_traditional_characters_via_canonical() -> None:
    assert codes("加強危險化學品和煙花爆竹安全監管，排查消防隱患", "zh") == [
        "hazardous_chemicals", "fireworks", "fire_safety",
    ]


def test_longest_match_wins() -> None:
    mentions = find_industry_mentions(canonical("森林防火和火灾隐患"), language="zh")
    assert [c for c, _ in mentions] == ["forest_fire", "fire_safety"]
    text = "forest fire prevention and fireworks"
    found = find_industry_mentions(canonical(text), language="en")
    assert [(c, text[a:b]) for c, (a, b) in found] == [
        ("forest_fire", "forest fire prevention"), ("fireworks", "fireworks"),
    ]


def test_spans_are_offsets_into_original() -> None:
    text = "一、加強消防安全（重點：人員密集場所）"
    for code, (a, b) in find_industry_mentions(canonical(text), language="zh"):
        assert canonical(text[a:b]) in {"消防安全", "人员密集场所"}


# --- tag_spans and summarize ------------------------------------------------

def test_tag_spans_orders_and_dedupes() -> None:
    text = "一、排查煤矿隐患。二、加强消防安全和危险化学品管理，消防设施完好。"
    mentions = find_industry_mentions(canonical(text), language="zh")
    second = (text.index("二"), len(text))
    assert tag_spans(mentions, span=second) == ["fire_safety", "hazardous_chemicals"]
    assert tag_spans(mentions, span=(0, text.index("二"))) == ["coal_mining"]
    assert tag_spans(mentions, span=(0, 0)) == []


def test_summarize_counts_spans_names_order() -> None:
    text = "消防安全；危险化学品；消防设施"
    result = summarize(find_industry_mentions(canonical(text), language="zh"))
    assert [i.code for i in result] == ["hazardous_chemicals", "fire_safety"]  # taxonomy order
    fire = result[1]
    assert fire.count == 2 and fire.name_zh == "消防" and fire.name_en == "fire safety"
    assert [text[a:b] for a, b in fire.spans] == ["消防安全", "消防设施"]


def test_empty_text() -> None:
    assert find_industry_mentions("", language="zh") == []
    assert summarize([]) == []


def test_bad_language() -> None:
    with pytest.raises(ValueError):
        find_industry_mentions("x", language="fr")  # type: ignore[arg-type]


# --- data integrity ----------------------------------------------------------

def test_yaml_loads_and_matches_schema() -> None:
    data = load_yaml("common/industries.yaml")
    assert list(data["codes"]) == list(SCHEMA_CODES)
    tax = taxonomy()
    for code, parent in SCHEMA_CODES.items():
        assert tax[code]["parent"] == parent
        assert tax[code]["name_zh"] and tax[code]["name_en"]
        if parent is not None:
            assert parent in tax


def test_lexicons_present_and_rich() -> None:
    data = load_yaml("common/industries.yaml")
    for code, entry in data["codes"].items():
        for language in ("zh", "en"):
            terms = entry.get(language) or []
            # Every entry is attested in the training corpus or named by the taxonomy (tests/test_data.py),
            # so a code's list is as rich as the documents show; it is never empty.
            assert terms, (code, language)
            assert len(set(terms)) == len(terms), (code, language, "duplicate entry")


def test_no_entry_claimed_by_two_codes_unless_deliberate() -> None:
    data = load_yaml("common/industries.yaml")
    for language in ("zh", "en"):
        shared = {str(t).lower().replace("-", " ") for t in data["shared"][language]}
        for term, owners in lexicon(language=language).items():
            if len(owners) > 1:
                assert term.replace('"', "") in shared or term in shared, (language, term, owners)


def test_exclusions_compile() -> None:
    data = load_yaml("common/industries.yaml")
    for language in ("zh", "en"):
        for raw in data["exclude"][language]:
            re.compile(raw["pattern"] if isinstance(raw, dict) else raw)
