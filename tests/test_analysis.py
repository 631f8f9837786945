"""The analysis of a text (words and mentions), the blank spaCy pipelines whose words the rules read, and the
department component in a pipeline of the user's own (the whole pipeline: tests/components)."""
import pytest
import spacy

from safetydocs.analysis import analyse, pipeline


def _through_spacy(text: str):
    """spaCy's jieba words of the canonical text and the department rules' mentions over them, the words cut
    where a mention begins or ends: what the analysis gives without spaCy."""
    from safetydocs.analysis import CANONICAL_TEXT, split_doc, word_tokens
    from safetydocs.extract.departments import find_mentions
    from safetydocs.structure.normalize import canonical

    canon = canonical(text)
    doc = pipeline("zh").make_doc(canon)
    mentions = find_mentions(text, canon=canon, language="zh",
                             tokenizer=word_tokens([t.text for t in doc], [t.idx for t in doc]))
    doc.user_data[CANONICAL_TEXT] = canon
    return split_doc(doc, {offset for m in mentions for offset in m.span}), mentions


def test_chinese_pipeline_is_blank_zh_with_jieba():
    nlp = pipeline("zh")
    assert nlp.lang == "zh"
    assert nlp.config["nlp"]["tokenizer"]["segmenter"] == "jieba"
    assert nlp.pipe_names == []
    assert pipeline("zh") is nlp  # built once per process


def test_component_puts_departments_in_doc_spans_snapped_to_tokens():
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("safetydocs_departments")
    doc = nlp("请市应急局、市公安局按职责分工负责")
    spans = doc.spans["departments"]
    assert [(s.label_, s.kb_id_) for s in spans] == [("body", "市应急管理局"), ("body", "市公安局")]
    assert all("市应急局" in s.text or "市公安局" in s.text for s in spans)


def test_analyse_keeps_exact_character_mentions_of_the_original_text():
    from safetydocs.analysis import MENTIONS
    from safetydocs.structure.normalize import canonical

    text = "請市應急局牽頭"
    doc = analyse(text, canonical(text), language="zh")
    assert [(m.text, m.name) for m in doc.user_data[MENTIONS]] == [("市應急局", "市应急管理局")]


def test_component_can_be_added_to_a_users_pipeline_and_saved(tmp_path):
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

    from safetydocs.analysis import _jieba, words_and_spaces

    words = [w for w in _jieba().cut(text, cut_all=False) if w]
    assert words_and_spaces(words, text) == get_words_and_spaces(words, text)


def test_leading_tags_look_the_first_words_up_in_jiebas_dictionary():
    from safetydocs.analysis import leading_tags

    assert leading_tags("即刻开展防汛检查", words=2) == [("即刻", "d"), ("开展", "v")]
    assert leading_tags("是全县", words=1) == [("是", "v")]
    assert leading_tags("") == []


ANALYSED = [
    "请市应急局、市公安局按职责分工负责",
    "一、总体要求 \n  （一）县应急局牵头。\n\n\n   二、各乡镇要于6月底前完成排查 \r\n 三、县消防救援大队配合 ",
    "各县区应急局，高新区安监局：\n  一、县住建局牵头，县消防救援大队配合，于2024年6月底前完成。 Each county shall act.",
    "由县应急管理局负责，请市安办、市交通运输局于3月15日前报送。",
    "",
]


@pytest.mark.parametrize("text", ANALYSED)
def test_chinese_analysis_without_spacy_gives_the_spacy_components_words_and_mentions(text):
    from safetydocs.analysis import MENTIONS, analyse
    from safetydocs.structure.normalize import canonical

    canon = canonical(text)
    analysis = analyse(text, canon, language="zh")
    assert analysis.doc is None
    doc, mentions = _through_spacy(text)
    # Lines are segmented one by one: the words are spaCy's; only a run of white space over several line breaks
    # may come as one token per line, which no sentence holds.
    words = analysis.words
    pairs = [(w, s) for w, s in zip(words.words, words.starts) if not w.isspace()]
    assert pairs == [(t.text, t.idx) for t in doc if not t.is_space]
    assert words.lowered(0, len(words.words)) == [t.lower_ for t in doc if not t.is_space]
    assert analysis.user_data[MENTIONS] == mentions
    # The names' tokenizer gives, in any window, the words that jieba gives over the whole text.
    from safetydocs.analysis import _jieba, aligned_words, word_tokens

    whole = word_tokens(*aligned_words([w for w in _jieba().cut(canon, cut_all=False) if w], canon))
    for start in range(len(canon) + 1):
        for end in range(start, min(len(canon), start + 12) + 1):
            assert analysis.chinese.tokenizer(start, end) == whole(start, end)


def test_words_are_split_at_offsets_inside_them():
    from safetydocs.analysis import split_words

    words, starts = ["请市", "应急局", "牵头", "。"], [0, 2, 5, 7]
    assert split_words(words, starts, {1, 5, 7, 8}) == (["请", "市", "应急局", "牵头", "。"], [0, 1, 2, 5, 7])
    assert split_words(words, starts, set()) == (words, starts)
    assert split_words(["abc"], [0], {1, 2}) == (["a", "b", "c"], [0, 1, 2])


def test_chinese_parsing_does_not_import_spacy():
    import subprocess
    import sys

    code = ("import sys, safetydocs; safetydocs.parse_text('各乡镇要开展隐患排查，县应急局牵头。', lang='zh'); "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'spacy', 'thinc'}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("text", [
    "市应急管理局要加强检查。", "  两个空格 开头\n换行\t制表 与  多个 空格 ", "A 市 B局 ， 2024年 3月", "", " ", "甲 ",
    "一、总体要求\n\n（一）各县区要做好工作。 Each county shall act.  ", "\r\n甲\r\n \r\n乙 \u3000丙",
])
def test_aligned_words_are_the_words_and_starts_spacy_gives(text):
    from spacy.tokens import Doc
    from spacy.vocab import Vocab
    from spacy.util import get_words_and_spaces

    from safetydocs.analysis import _jieba, aligned_words

    words = [w for w in _jieba().cut(text, cut_all=False) if w]
    expected_words, spaces = get_words_and_spaces(words, text)
    doc = Doc(Vocab(), words=expected_words, spaces=spaces)
    assert aligned_words(words, text) == ([t.text for t in doc], [t.idx for t in doc])


@pytest.mark.parametrize("text", ANALYSED)
def test_any_stretch_of_a_line_holds_as_many_words_as_in_the_whole_texts_words(text):
    import bisect

    from safetydocs.analysis import analyse
    from safetydocs.structure.normalize import canonical

    canon = canonical(text)
    analysis = analyse(text, canon, language="zh")
    doc, _ = _through_spacy(text)
    whole = [t.idx for t in doc]
    line_start = 0
    for line in canon.split("\n"):
        for a in range(line_start, line_start + len(line)):
            for b in range(a + 1, line_start + len(line) + 1):
                starts = analysis.words_over([(a, b)]).starts
                assert (bisect.bisect_left(starts, b) - bisect.bisect_left(starts, a)
                        == bisect.bisect_left(whole, b) - bisect.bisect_left(whole, a)), (a, b)
        line_start += len(line) + 1


def test_dictionary_flags_from_the_file_are_the_taggers_table(tmp_path, monkeypatch):
    import random

    from safetydocs import analysis as nlp

    dictionary = tmp_path / "dict.txt"
    dictionary.write_bytes("安全 100 n\n开展 50 v\n即刻 3 d\n安全 7 an\n\n市 9 n\nz 1 eng\n".encode("utf-8"))
    path = tmp_path / "flags.bin"
    with dictionary.open("rb") as handle:
        nlp._FlagFile.build(handle, str(path))
    flags = nlp._FlagFile(str(path))
    # the last line of a word wins, as in jieba's tagger; unknown words and prefixes have none
    assert [flags.get(w) for w in ("安全", "开展", "即刻", "市", "z", "安", "开展了", "")] == \
        ["an", "v", "d", "n", "eng", None, None, None]

    # jieba's own dictionary: every word as its tagger reads it
    import jieba.posseg

    shipped = nlp._flag_file()
    assert shipped is not None
    table = jieba.posseg.dt.word_tag_tab
    for word in random.Random(7).sample(sorted(table), 3000):
        assert shipped.get(word) == table[word]


def test_leading_tags_are_the_same_before_and_after_the_tagger_is_loaded(monkeypatch):
    import sys

    from safetydocs import analysis as nlp

    texts = ["即刻开展防汛检查", "是全县", "县应急管理局牵头负责", "要于6月底前完成"]
    with_tagger = [nlp.leading_tags(t, words=5) for t in texts]
    monkeypatch.delitem(sys.modules, "jieba.posseg")
    assert [nlp.leading_tags(t, words=5) for t in texts] == with_tagger


def test_no_place_for_the_flag_file_falls_back_to_the_tagger(tmp_path, monkeypatch):
    import tempfile

    from safetydocs import analysis as nlp

    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path / "missing"))
    nlp._flag_file.cache_clear()
    try:
        assert nlp._flag_file() is None
        assert nlp.leading_tags("即刻开展", words=2) == [("即刻", "d"), ("开展", "v")]
    finally:
        nlp._flag_file.cache_clear()


@pytest.mark.parametrize("text", ["The Department of Labour shall inspect  every site.\n\nAll regions must act!", "", "  x "])
def test_english_words_are_the_spacy_docs_tokens(text):
    from safetydocs.analysis import analyse
    from safetydocs.structure.normalize import canonical

    analysis = analyse(text, canonical(text), language="en")
    assert analysis.words.words == [t.text for t in analysis.doc]
    assert analysis.words.starts == [t.idx for t in analysis.doc]


def test_a_flag_file_cut_short_is_made_again(tmp_path, monkeypatch):
    import tempfile

    from safetydocs import analysis as nlp

    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path))
    nlp._flag_file.cache_clear()
    try:
        made = nlp._flag_file()
        assert made is not None and made.get("开展") == "v"
        (path,) = tmp_path.glob("safetydocs-jieba-flags-*.bin")
        path.write_bytes(path.read_bytes()[:1000])
        nlp._flag_file.cache_clear()
        again = nlp._flag_file()
        assert again is not None and again.get("开展") == "v"
        empty = tmp_path / "empty.bin"
        empty.write_bytes(b"")
        with pytest.raises(ValueError):
            nlp._FlagFile(str(empty))
    finally:
        nlp._flag_file.cache_clear()


# Names and clauses the name rules tag: known words, unknown trade names (the hidden Markov model), digits, letters,
# white space, and characters of no block.
TAGGED = ["泓远能源有限公司", "中亿丰控股集团", "县应急管理局牵头负责", "执行山西兰花科技创业股份有限公司",
          "ABC公司2024年3.5万元", "a_b#c&d+e", "２０２４年", "甲 乙\t丙\r\n丁", "（县住建局）", "", " ",
          "请各乡镇于6月底前报送", "嘉鑫工业园区管委会", "张三李四王五", "Ｘ光机厂"]


def test_the_tagger_gives_jiebas_posseg_words_and_flags():
    import jieba
    import jieba.posseg

    from safetydocs import analysis as nlp

    nlp._jieba()
    flags = nlp._dictionary_flags()
    for text in TAGGED:
        ours = list(nlp._tag_blocks(text, jieba.dt, flags))
        assert ours == [(pair.word, pair.flag) for pair in jieba.posseg.lcut(text)], text


def test_tagging_does_not_import_jiebas_tagger():
    import subprocess
    import sys

    code = ("import sys, json; from safetydocs.analysis import tag; "
            f"print(json.dumps([tag(t) for t in {TAGGED!r}])); print('jieba.posseg' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    tagged, imported = result.stdout.strip().splitlines()
    assert imported == "False"

    import json

    import jieba.posseg

    assert json.loads(tagged) == [[[pair.word, pair.flag] for pair in jieba.posseg.lcut(t)] for t in TAGGED]


def test_words_a_caller_adds_to_jieba_are_tagged_as_jiebas_tagger_tags_them():
    import subprocess
    import sys

    code = ("import jieba, sys; jieba.add_word('泓远能源', tag='nt'); from safetydocs.analysis import tag; "
            "print(tag('泓远能源有限公司'))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "('泓远能源', 'nt')" in result.stdout


SERIALISED = ["请市住建局、市公安局按职责分工负责，6月底前完成。", "县应急管理局牵头，各乡镇配合。"]


@pytest.mark.parametrize("language, texts", [
    ("zh", SERIALISED),
    ("en", ["The Municipal Emergency Management Bureau shall lead, with all districts.",
            "All counties must inspect gas pipelines."]),
])
def test_a_doc_with_departments_goes_through_docbin_and_to_bytes(language, texts):
    from spacy.tokens import Doc, DocBin

    from safetydocs.analysis import mentions_of

    nlp = spacy.blank(language)
    nlp.add_pipe("safetydocs_departments")
    docs = [nlp(text) for text in texts]
    assert any(doc.spans["departments"] for doc in docs)
    stored = DocBin(store_user_data=True, docs=docs).to_bytes()
    back = list(DocBin(store_user_data=True).from_bytes(stored).get_docs(nlp.vocab))
    for doc, copy in zip(docs, back):
        assert [(s.start_char, s.end_char, s.label_, s.kb_id_) for s in copy.spans["departments"]] == \
            [(s.start_char, s.end_char, s.label_, s.kb_id_) for s in doc.spans["departments"]]
        assert mentions_of(copy) == mentions_of(doc)
        again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
        assert mentions_of(again) == mentions_of(doc)


@pytest.mark.slow
def test_nlp_pipe_in_two_processes_gives_the_same_departments():
    from safetydocs.analysis import mentions_of

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("safetydocs_departments")
    texts = SERIALISED * 3
    alone = [nlp(text) for text in texts]
    together = list(nlp.pipe(texts, n_process=2, batch_size=2))
    assert [mentions_of(doc) for doc in together] == [mentions_of(doc) for doc in alone]
    assert [[(s.text, s.kb_id_) for s in doc.spans["departments"]] for doc in together] == \
        [[(s.text, s.kb_id_) for s in doc.spans["departments"]] for doc in alone]
