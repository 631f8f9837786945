"""The extraction stages over a plain sheet: their order, what they write, and parse as their sum."""
import json

import pytest

import safetydocs
from safetydocs import stages
from safetydocs.stages import Context
from safetydocs.structure.normalize import canonical

TEXT = "一、请县应急管理局牵头，县公安局配合，于2024年6月底前完成危险化学品企业隐患排查。\n二、各乡镇要加强燃气安全监管。\n"


def _context(text: str = TEXT) -> Context:
    return Context(text=text, canon=canonical(text), language="zh")


def test_each_stage_writes_plain_values_and_the_document_is_parses():
    sheet: dict = {}
    context = _context()
    for name in stages.STAGES:
        before = set(sheet)
        stages.RUN[name](sheet, context)
        assert set(sheet) > before, name  # each stage writes something of its own
    assert json.loads(json.dumps(sheet)) == sheet
    assert stages.document(sheet, context) == safetydocs.parse_text(TEXT, lang="zh")


@pytest.mark.parametrize("stage, missing", [("departments", "layout"), ("deadlines", "tables"), ("tasks", "layout"),
                                            ("roles", "task_candidates"), ("bodies", "tasks")])
def test_a_stage_run_before_what_it_reads_says_which_stage_to_run_first(stage, missing):
    with pytest.raises(ValueError, match=repr(missing)):
        stages.RUN[stage]({}, _context())


def test_the_task_stage_reads_the_words_again_on_a_context_that_did_not_segment_them():
    sheet: dict = {}
    for name in stages.STAGES[:3]:
        stages.RUN[name](sheet, _context())
    fresh = _context()  # as in another process, after DocBin
    stages.tasks(sheet, fresh)
    kept: dict = {}
    context = _context()
    for name in stages.STAGES[:5]:  # through the task stage, on one context
        stages.RUN[name](kept, context)
    assert sheet["task_candidates"] == kept["task_candidates"]


def test_english_words_are_cut_again_where_the_department_stage_cut_them():
    text = "The Municipal Emergency Management Bureau shall lead the inspection of gas pipelines.\n"
    context = Context(text=text, canon=canonical(text), language="en")
    sheet: dict = {}
    for name in stages.STAGES[:3]:
        stages.RUN[name](sheet, context)
    again = stages.analysis_of(sheet, Context(text=text, canon=canonical(text), language="en"))
    assert again.words.words == context.analysis.words.words and sheet["word_cuts"]


@pytest.mark.parametrize("text, language", [
    (TEXT, "zh"),
    ("序号\t重点任务\t牵头单位\t配合单位\t完成时限\n1\t开展矿山安全专项检查\t县应急局\t县自然资源局\t2024年9月底前\n", "zh"),
    ("1. The Ministry of Emergency Management shall lead the inspection of chemical plants by June 30, 2025.\n"
     "2. All provinces must report monthly.\n", "en"),
])
def test_stages_that_read_only_plain_values_give_what_parse_gives(text, language):
    """Each stage on a new context, its sheet through JSON first: as when a Doc comes from DocBin or another
    process, every object is decoded from the plain values, and the Document is the same."""
    sheet: dict = {}

    def fresh() -> Context:
        return Context(text=text, canon=canonical(text), language=language)

    for name in stages.STAGES:
        sheet = json.loads(json.dumps(sheet))
        stages.RUN[name](sheet, fresh())
    assert stages.document(json.loads(json.dumps(sheet)), fresh()) == safetydocs.parse_text(text, lang=language)
