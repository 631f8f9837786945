"""The structure stage: canonical text, language, headings, sentences."""
from safetydocs.structure.language import detect_language
from safetydocs.structure.normalize import canonical
from pathlib import Path

from safetydocs.structure.segment import clauses, find_headings, sentences, soft_breaks

ZH = """关于开展安全生产大检查的通知
一、总体要求
坚持人民至上。
二、重点任务
（一）危险化学品
1.全面摸排风险。建立风险档案。
2.重点排查重大危险源。
（二）消防安全
1.开展火灾隐患排查。
三、工作要求
各单位要高度重视。
"""


def _heading_texts(text):
    layout = find_headings(text, canonical(text), language=detect_language(canonical(text)))
    return layout, [(h.level, h.path, text[h.line[0]:h.line[1]]) for h in layout.headings]


def test_canonical_keeps_length_and_folds_width_and_script():
    text = "（一）危險化學品：安全，ＡＢ１"
    result = canonical(text)
    assert len(result) == len(text)
    assert result == "(一)危险化学品:安全,AB1"


def test_language_detection():
    assert detect_language("各地区、各部门要加强安全生产工作。") == "zh"
    assert detect_language("All regions should strengthen work safety.") == "en"
    assert detect_language("各部门要落实 PDF 文件 requirements。") == "zh"


def test_chinese_heading_hierarchy_and_paths():
    layout, headings = _heading_texts(ZH)
    assert [(level, path) for level, path, _ in headings] == [
        (1, "一、"), (1, "二、"), (2, "二、（一）"), (3, "二、（一）1."), (3, "二、（一）2."),
        (2, "二、（二）"), (3, "二、（二）1."), (1, "三、"),
    ]
    item = layout.headings[3]
    assert ZH[item.line[0]:item.end].strip() == "1.全面摸排风险。建立风险档案。"
    assert layout.headings[2].children == 2


def test_ascii_parentheses_are_headings_too():
    folded = ZH.replace("（", "(").replace("）", ")")
    _, headings = _heading_texts(folded)
    assert [path for _, path, _ in headings][2] == "二、(一)"


def test_first_style_seen_is_top_level():
    text = "（一）加强领导\n1.成立专班。\n（二）强化督导\n1.定期通报。\n"
    _, headings = _heading_texts(text)
    assert [(level, path) for level, path, _ in headings] == [(1, "（一）"), (2, "（一）1."), (1, "（二）"), (2, "（二）1.")]


def test_a_style_that_ranks_higher_in_official_documents_goes_above_the_styles_seen_before():
    # An excerpt that opens inside a section: （四） comes first, then 三、 with its own （一） （二）.
    text = "（四）其他区域。纳入整治范围。\n三、职责分工\n（一）工作机构。成立指挥部。\n（二）分工。县公安局负责城区。\n"
    _, headings = _heading_texts(text)
    assert [(level, path) for level, path, _ in headings] == [(1, "（四）"), (1, "三、"), (2, "三、（一）"),
                                                              (2, "三、（二）")]


def test_english_headings():
    text = "I. General\nThis applies.\n1. Strengthen inspections of mines.\n(a) Coal mines must report.\n2. Improve training.\n"
    _, headings = _heading_texts(text)
    assert [(level, path) for level, path, _ in headings] == [(1, "I."), (2, "I.1."), (3, "I.1.(a)"), (2, "I.2.")]


def test_english_translations_number_items_with_parenthesised_roman_numerals():
    text = ("II. Key tasks\n(I) Gas safety. Inspect every pipeline.\n(II) Drills. Each township shall hold a drill.\n"
            "1. Report by May.\n(i) this is a lower-case item\n")
    _, headings = _heading_texts(text)
    assert [(level, path) for level, path, _ in headings] == [(1, "II."), (2, "II.(I)"), (2, "II.(II)"),
                                                              (3, "II.(II)1."), (4, "II.(II)1.(i)")]


def test_chinese_sentences_and_clauses_with_spans():
    text = "各地要加强检查；各部门要落实责任。企业必须整改！是否完成？"
    canon = canonical(text)
    spans = sentences(canon, (0, len(text)), language="zh")
    assert [text[s:e] for s, e in spans] == ["各地要加强检查；各部门要落实责任。", "企业必须整改！", "是否完成？"]
    assert [text[s:e] for s, e in clauses(canon, spans[0])] == ["各地要加强检查；", "各部门要落实责任。"]


def test_english_sentences_keep_abbreviations():
    text = "All regions must act now. See No. 5 of the plan! Departments should report by e.g. June."
    spans = sentences(canonical(text), (0, len(text)), language="en")
    assert [text[s:e] for s, e in spans] == [
        "All regions must act now.", "See No. 5 of the plan!", "Departments should report by e.g. June."]


def test_table_rows_are_not_headings():
    text = "序号\t重点任务\n1\t开展排查\n"
    _, headings = _heading_texts(text)
    assert headings == []


def test_an_unnumbered_title_with_a_note_heads_the_items_under_it():
    from safetydocs.structure.normalize import canonical
    from safetydocs.structure.segment import find_headings

    text = "一、问题清单\n某商场（责任单位：某区）\n1.通道堵塞；\n2.灯具损坏；\n某酒店（责任单位：市消防救援支队）\n1.门锁损坏；\n"
    layout = find_headings(text, canonical(text), language="zh")
    assert [(h.style, h.level) for h in layout.headings] == [
        ("han", 1), ("group", 2), ("arabic", 3), ("arabic", 3), ("group", 2), ("arabic", 3)]
    # a plain line before a list is no title: it names no one
    plain = "一、问题清单\n检查发现以下问题\n1.通道堵塞；\n"
    assert [h.style for h in find_headings(plain, canonical(plain), language="zh").headings] == ["han", "arabic"]


# A notice copied from a PDF: each line wrapped at the page's width (28 characters), sentences running on.
WRAPPED_ZH = (Path(__file__).parent / "wrapped_notice_zh.txt").read_text(encoding="utf-8")


def test_a_sentence_wrapped_at_the_page_width_runs_on_over_its_line_breaks():
    canon = canonical(WRAPPED_ZH)
    start = canon.index("各部门要严格落实")
    end = canon.index("二、开展隐患排查")
    assert [canon[a:b] for a, b in sentences(canon, (start, end), language="zh")] == [
        "各部门要严格落实节日期间领导带班和二十四小时值班制度,值班\n人员要坚守岗位,保持通讯畅通,发现问题及时处置并报告公司。"]


def test_a_wrapped_notice_keeps_its_items_whole():
    import safetydocs

    doc = safetydocs.parse_text(WRAPPED_ZH)
    assert [(t.origin, [a.department for a in t.assignments]) for t in doc.tasks] == [
        ("numbered", ["各部门"]), ("numbered", ["工程物业部"]), ("numbered", ["安全管理部"])]
    assert doc.tasks[1].text.endswith("落实防范措施。")


def test_the_breaks_of_short_lines_and_closed_lines_are_the_writers():
    text = ("各部门要加强值班值守工作，发现问题及时报告\n各单位要开展隐患排查\n"
            "各乡镇要做好防汛准备工作，确保安全度汛。\n各村要落实巡查制度，每天巡查一次并记录。\n"
            "县应急管理局负责综合协调和督促检查工作，\n县消防救援大队负责火灾扑救工作。\n")
    canon = canonical(text)
    assert soft_breaks(canon, language="zh") == frozenset()
    assert len(sentences(canon, (0, len(canon)), language="zh")) == 6


def test_a_wrapped_line_before_a_numbered_item_ends_its_paragraph():
    canon = canonical(WRAPPED_ZH)
    breaks = soft_breaks(canon, language="zh")
    assert canon.index("\n二、开展隐患排查") not in breaks
    assert canon.index("\n人员要坚守岗位") in breaks


def test_english_wrapped_lines_run_on_only_into_lower_case():
    text = ("All employers in the construction industry must review their heat stress plans\n"
            "before the summer and make sure that every worker on site has access to water\n"
            "and shade during the hottest hours of the day, and they should report incidents.\n"
            "Contractors are reminded that the Labour Department will inspect sites from\n"
            "June onwards and that prosecution will follow where breaches are found on site.\n"
            "Members of the public may report unsafe practices to the department by phone.\n")
    canon = canonical(text)
    breaks = soft_breaks(canon, language="en")
    assert canon.index("\nbefore the summer") in breaks
    assert canon.index("\nJune onwards") not in breaks  # a capital: the break may end a sentence
    assert canon.index("\nMembers of the public") not in breaks
