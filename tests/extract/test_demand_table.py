"""The demand table of issue 16: sentences written for the tests (tests/extract/data/demands_*.yaml), varied in
subject, modal, deadline position and punctuation. Each demand, parsed alone, is exactly one task; each
non-demand is none. Sentences the parser does not yet get right are listed in KNOWN_MISSES: strict xfail, so a
fix that makes one pass fails the run until it is taken off the list."""
from pathlib import Path

import pytest
import yaml

import safetydocs
from safetydocs.evaluation import normalize_name

DATA = Path(__file__).parent / "data"

# Texts the parser gets wrong today, by language (see the closing note of issue 16).
KNOWN_MISSES: dict[str, set[str]] = {"zh": set(), "en": set()}

# The leads the parser reads wrong today (the mention, compared after the scorer's normalisation).
KNOWN_LEAD_MISSES: dict[str, set[str]] = {
    "zh": {
        '要求企业立即停止违规动火作业，对发现的问题逐项整改到位。',
        '第一，各企业主要负责人要亲自组织开展一次全面安全检查。',
        '石化分公司安全总监要每周带队开展一次夜间突击检查。',
    },
    "en": {
        'The company was ordered to rectify the defective lifting equipment immediately and to suspend the relevant operations until the rectification is completed.',
        'Departments responsible for industry supervision should fulfil their supervisory duties in accordance with the principle of "managing an industry means managing its safety".',
    },
}


def _table(language: str) -> dict:
    return yaml.safe_load((DATA / f"demands_{language}.yaml").read_text(encoding="utf-8"))


def _cases(language: str, key: str):
    for entry in _table(language)[key]:
        marks = [pytest.mark.xfail(strict=True, reason="known miss")] if entry["text"] in KNOWN_MISSES[language] else []
        yield pytest.param(language, entry["text"], marks=marks, id=f"{language}-{entry['text'][:24]}")


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_table_is_large_and_varied_enough(language):
    table = _table(language)
    assert len(table["demands"]) >= 80 and len(table["not_demands"]) >= 40
    texts = [e["text"] for e in table["demands"] + table["not_demands"]]
    assert len(texts) == len(set(texts))
    assert all(lead in e["text"] for e in table["demands"] for lead in e.get("lead") or [])
    assert KNOWN_MISSES[language] <= set(texts) and KNOWN_LEAD_MISSES[language] <= set(texts)


@pytest.mark.parametrize("language, text", [*_cases("zh", "demands"), *_cases("en", "demands")])
def test_a_demand_is_one_task(language, text):
    assert len(safetydocs.parse_text(text, lang=language).tasks) == 1


def _lead_cases(language: str):
    for entry in _table(language)["demands"]:
        marks = ([pytest.mark.xfail(strict=True, reason="known miss")]
                 if entry["text"] in KNOWN_LEAD_MISSES[language] else [])
        yield pytest.param(language, entry["text"], entry.get("lead") or [], marks=marks,
                           id=f"{language}-{entry['text'][:24]}")


@pytest.mark.parametrize("language, text, leads", [*_lead_cases("zh"), *_lead_cases("en")])
def test_the_lead_of_a_demand_is_its_doer(language, text, leads):
    doc = safetydocs.parse_text(text, lang=language)
    found = sorted(normalize_name(a.mention) for t in doc.tasks for a in t.assignments if a.role == "lead")
    assert found == sorted(normalize_name(name) for name in leads)


@pytest.mark.parametrize("language, text", [*_cases("zh", "not_demands"), *_cases("en", "not_demands")])
def test_a_non_demand_is_no_task(language, text):
    assert safetydocs.parse_text(text, lang=language).tasks == []


# Written with the table, but where CONVENTIONS.md splits a sentence: at 一是/二是 and at a semicolon.
def test_enumerated_demands_of_one_subject_are_one_task_each_led_by_it():
    doc = safetydocs.parse_text("各地要重点抓好三项工作：一是全面排查隐患，二是严格落实整改，三是强化执法问责。")
    assert [t.text for t in doc.tasks] == ["一是全面排查隐患", "二是严格落实整改", "三是强化执法问责。"]
    assert [t.departments("lead") for t in doc.tasks] == [["各地"], ["各地"], ["各地"]]


def test_english_demands_joined_by_a_semicolon_are_two_tasks():
    doc = safetydocs.parse_text("Strengthen the supervision of outsourced projects; strictly review the qualifications "
                                "of contractors and sign safety management agreements with them.")
    assert len(doc.tasks) == 2
