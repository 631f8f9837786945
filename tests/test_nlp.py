"""The spaCy pipelines and the department component."""
import pytest
import spacy

from safetydocs.nlp import analyse, pipeline


def test_chinese_pipeline_is_blank_zh_with_jieba_and_the_department_component():
    nlp = pipeline("zh")
    assert nlp.lang == "zh"
    assert nlp.config["nlp"]["tokenizer"]["segmenter"] == "jieba"
    assert nlp.pipe_names == ["safetydocs_departments"]
    assert pipeline("zh") is nlp  # built once per process


def test_component_puts_departments_in_doc_spans_snapped_to_tokens():
    doc = pipeline("zh")("请市应急局、市公安局按职责分工负责")
    spans = doc.spans["departments"]
    assert [(s.label_, s.kb_id_) for s in spans] == [("body", "市应急管理局"), ("body", "市公安局")]
    assert all("市应急局" in s.text or "市公安局" in s.text for s in spans)


def test_analyse_keeps_exact_character_mentions_of_the_original_text():
    from safetydocs.extract.department_ruler import MENTIONS
    from safetydocs.structure.normalize import canonical

    text = "請市應急局牽頭"
    doc = analyse(text, canonical(text), language="zh")
    assert [(m.text, m.name) for m in doc.user_data[MENTIONS]] == [("市應急局", "市应急管理局")]


def test_component_can_be_added_to_a_users_pipeline_and_saved(tmp_path):
    from safetydocs.extract import department_ruler  # noqa: F401 - registers the factory

    nlp = spacy.blank("en")
    nlp.add_pipe("safetydocs_departments", config={"spans_key": "bodies"})
    nlp.initialize()
    doc = nlp("The Ministry of Emergency Management and all regions should act.")
    assert [(s.text, s.label_) for s in doc.spans["bodies"]] == [
        ("Ministry of Emergency Management", "body"), ("all regions", "collective")]
    nlp.to_disk(tmp_path / "pipeline")
    reloaded = spacy.load(tmp_path / "pipeline")
    assert reloaded.get_pipe("safetydocs_departments").spans_key == "bodies"
    again = reloaded("The Ministry of Transport shall act.")
    assert [s.text for s in again.spans["bodies"]] == ["Ministry of Transport"]


@pytest.mark.parametrize("text", [
    "市应急管理局要加强检查。", "  两个空格 开头\n换行\t制表 与  多个 空格 ", "A 市 B局 ， 2024年 3月", "",
    "一、总体要求\n\n（一）各县区要做好工作。 Each county shall act.  ",
])
def test_the_chinese_tokenizer_aligns_words_as_spacy_does(text):
    from spacy.util import get_words_and_spaces

    from safetydocs.nlp import _jieba, words_and_spaces

    words = [w for w in _jieba().cut(text, cut_all=False) if w]
    assert words_and_spaces(words, text) == get_words_and_spaces(words, text)


def test_leading_tags_look_the_first_words_up_in_jiebas_dictionary():
    from safetydocs.nlp import leading_tags

    assert leading_tags("即刻开展防汛检查", words=2) == [("即刻", "d"), ("开展", "v")]
    assert leading_tags("是全县", words=1) == [("是", "v")]
    assert leading_tags("") == []
