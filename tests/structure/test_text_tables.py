"""Tables written as text: TAB-separated, between bars, aligned with spaces."""
from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safetydocs.ingest.base import Table
from safetydocs.structure.tables import find_text_tables


def _check_spans(text: str, tables: list[Table]) -> None:
    """Every span points into the text: a one-line cell reads back as its own text."""
    previous_end = 0
    for table in tables:
        start, end = table.span
        assert previous_end <= start <= end <= len(text)
        previous_end = end
        row_end = start
        for row in table.rows:
            assert row_end <= row.span[0] <= row.span[1] <= end
            row_end = row.span[1]
            for cell in row.cells:
                s, e = cell.span
                assert row.span[0] <= s <= e <= row.span[1]
                if cell.pieces:
                    assert cell.pieces[0][0] == s and cell.pieces[-1][1] == e
                    for (a, b), (c, _) in zip(cell.pieces, cell.pieces[1:]):
                        assert a < b <= c
                    assert all(text[a:b] in cell.text for a, b in cell.pieces)
                    assert cell.contains(cell.pieces[-1]) and not cell.contains((s, e))
                else:
                    assert text[s:e] == cell.text


def _texts(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def _one(text: str) -> Table:
    tables = find_text_tables(text)
    _check_spans(text, tables)
    assert len(tables) == 1, [_texts(t) for t in tables]
    return tables[0]


HEADER = ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]


# ------------------------------------------------------------------ TAB (unchanged)
def test_a_tab_table_reads_as_before():
    text = ("二、任务分工\n序号\t重点任务\t牵头单位\t配合单位\t完成时限\n"
            "1\t开展烟花爆竹专项检查\t县应急管理局\t县公安局、县市场监督管理局\t2025年12月底前\n"
            "2\t推进化工企业自动化改造\t县工业和信息化局\t\t持续推进\n"
            "三、工作要求\n")
    table = _one(text)
    assert _texts(table) == [HEADER,
                             ["1", "开展烟花爆竹专项检查", "县应急管理局", "县公安局、县市场监督管理局", "2025年12月底前"],
                             ["2", "推进化工企业自动化改造", "县工业和信息化局", "", "持续推进"]]
    first_line = text.index("序号")
    assert table.span == (first_line, text.index("\n三、"))
    assert table.rows[0].span == (first_line, text.index("\n1\t"))


def test_a_tab_table_keeps_short_rows_and_runs_over_blank_lines():
    text = "a\tb\tc\n\nd\te\tf\tg\nh\ti\n"
    tables = find_text_tables(text, min_cells=2)
    _check_spans(text, tables)
    assert [_texts(t) for t in tables] == [[["a", "b", "c"], ["d", "e", "f", "g"], ["h", "i"]]]
    assert find_text_tables("a\tb\tc\n") == []  # one row is no table


# ------------------------------------------------------------------ bars
MARKDOWN = """二、任务分工
| 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 |
|:---:|---|:---|---|---:|
| 1 | 开展危险化学品企业专项整治 | 市应急管理局 | 市公安局、市生态环境局 | 2024年6月底前 |
| 2 | 开展城镇燃气安全排查 | 市住建局 | 市市场监管局 | 2024年9月底前 |
| 3 | 加强消防安全检查 | 市消防救援支队 |
三、工作要求
"""


def test_a_markdown_table_with_outer_bars_and_a_separator():
    table = _one(MARKDOWN)
    assert _texts(table) == [HEADER,
                             ["1", "开展危险化学品企业专项整治", "市应急管理局", "市公安局、市生态环境局", "2024年6月底前"],
                             ["2", "开展城镇燃气安全排查", "市住建局", "市市场监管局", "2024年9月底前"],
                             ["3", "加强消防安全检查", "市消防救援支队", "", ""]]
    assert table.span == (MARKDOWN.index("| 序号"), MARKDOWN.index("\n三、"))
    short = table.rows[3]
    line_end = MARKDOWN.index("\n三、")
    assert short.span == (MARKDOWN.index("| 3 |"), line_end)
    # a short row is padded with empty cells at its line end, so column 4 is 完成时限 everywhere
    assert [cell.span for cell in short.cells[3:]] == [(line_end, line_end)] * 2


def test_an_english_bar_table_without_outer_bars():
    text = ("Division of tasks\n"
            "Task | Lead | Support | Deadline\n"
            "--- | --- | --- | ---\n"
            "Inspect all scaffolding | Buildings Department | Labour Department | 30 June 2024\n"
            "Review fire permits | Fire Services Department | | 31 July 2024\n"
            "All departments shall report monthly.\n")
    table = _one(text)
    assert _texts(table) == [["Task", "Lead", "Support", "Deadline"],
                             ["Inspect all scaffolding", "Buildings Department", "Labour Department", "30 June 2024"],
                             ["Review fire permits", "Fire Services Department", "", "31 July 2024"]]
    assert text[table.span[0]:table.span[1]].startswith("Task | Lead")
    assert text[table.span[0]:table.span[1]].endswith("31 July 2024")


def test_full_width_bars():
    text = ("序号｜重点任务｜牵头单位｜配合单位｜完成时限\n"
            "1｜开展危险化学品企业专项整治｜市应急管理局｜市公安局｜6月底前\n"
            "2｜开展城镇燃气安全排查｜市住建局｜市市场监管局｜9月底前\n")
    table = _one(text)
    assert _texts(table)[0] == HEADER
    assert _texts(table)[2] == ["2", "开展城镇燃气安全排查", "市住建局", "市市场监管局", "9月底前"]


def test_a_box_drawing_table_with_a_wrapped_cell():
    text = ("任务分工表\n"
            "┌────┬──────────────┬──────────┐\n"
            "│序号│重点任务                │牵头单位            │\n"
            "├────┼──────────────┼──────────┤\n"
            "│1   │开展危险化学品企业专项  │市应急管理局        │\n"
            "│    │整治                    │                    │\n"
            "├────┼──────────────┼──────────┤\n"
            "│2   │加强消防安全检查        │市消防救援支队      │\n"
            "└────┴──────────────┴──────────┘\n"
            "各单位要认真落实。\n")
    table = _one(text)
    assert _texts(table) == [["序号", "重点任务", "牵头单位"],
                             ["1", "开展危险化学品企业专项整治", "市应急管理局"],
                             ["2", "加强消防安全检查", "市消防救援支队"]]
    task = table.rows[1].cells[1]
    first, second = text.index("开展危险化学品企业专项"), text.index("整治")
    assert task.pieces == ((first, first + len("开展危险化学品企业专项")), (second, second + 2))
    assert task.span == (first, second + 2)
    # the borders belong to the table, the row runs over both of its lines
    assert table.span == (text.index("┌"), text.index("\n各单位"))
    assert table.rows[1].span == (text.index("│1"), text.index("\n├", text.index("整治")))


def test_a_wrapped_cell_in_a_bar_table():
    text = ("| 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 |\n"
            "| --- | --- | --- | --- | --- |\n"
            "| 1 | 开展危险化学品企业专项整治，重点 | 市应急管理局 | 市公安局、 | 6月底前 |\n"
            "|   | 排查储罐区和装卸环节 |  | 市交通运输局 |  |\n"
            "| 2 | 开展城镇燃气安全排查 | 市住建局 | 市市场监管局 | 9月底前 |\n")
    table = _one(text)
    assert _texts(table) == [HEADER,
                             ["1", "开展危险化学品企业专项整治，重点排查储罐区和装卸环节", "市应急管理局",
                              "市公安局、市交通运输局", "6月底前"],
                             ["2", "开展城镇燃气安全排查", "市住建局", "市市场监管局", "9月底前"]]
    row = table.rows[1]
    task = row.cells[1]
    a = text.index("开展危险化学品")
    b = text.index("排查储罐区")
    assert task.pieces == ((a, a + len("开展危险化学品企业专项整治，重点")), (b, b + len("排查储罐区和装卸环节")))
    assert task.span == (a, b + len("排查储罐区和装卸环节"))
    assert task.contains((b, b + 2)) and not task.contains((a, b + 2))
    assert row.cells[0].pieces == () and row.cells[2].pieces == ()  # one line's text: no pieces
    assert row.span == (text.index("| 1 |"), text.index("\n| 2 |"))


def test_an_english_wrapped_first_column():
    text = ("| Task | Lead | Support | Deadline |\n"
            "| --- | --- | --- | --- |\n"
            "| Inspect all scaffolding | Buildings Department | Labour Department | 30 June |\n"
            "| on construction sites | | | |\n"
            "| Review fire permits | Fire Services Department | | 31 July |\n")
    table = _one(text)
    assert _texts(table)[1][0] == "Inspect all scaffolding on construction sites"
    assert len(table.rows) == 3


# ------------------------------------------------------------------ spaces
SPACED = """二、任务分工
序号  重点任务                        牵头单位        配合单位        完成时限
1     开展危险化学品企业专项整治，    市应急管理局    市公安局、      2024年6月底前
      重点排查储罐区和装卸环节                        市交通运输局
2     开展城镇燃气安全排查            市住建局        市市场监管局    2024年9月底前
3     加强消防安全检查                市消防救援支队                  2024年12月底前
三、工作要求
　　各区县要高度重视，切实加强组织领导。
"""


def test_a_table_aligned_with_spaces_and_a_wrapped_task():
    table = _one(SPACED)
    assert _texts(table) == [
        HEADER,
        ["1", "开展危险化学品企业专项整治，重点排查储罐区和装卸环节", "市应急管理局", "市公安局、市交通运输局",
         "2024年6月底前"],
        ["2", "开展城镇燃气安全排查", "市住建局", "市市场监管局", "2024年9月底前"],
        ["3", "加强消防安全检查", "市消防救援支队", "", "2024年12月底前"]]
    row = table.rows[1]
    first = SPACED.index("开展危险化学品企业专项整治，")
    second = SPACED.index("重点排查储罐区和装卸环节")
    task = row.cells[1]
    assert task.pieces == ((first, first + 14), (second, second + 12))
    assert task.span == (first, second + 12)
    support = row.cells[3]
    assert [SPACED[a:b] for a, b in support.pieces] == ["市公安局、", "市交通运输局"]
    assert row.span == (SPACED.index("1     开展"), SPACED.index("\n2     开展"))
    assert table.span == (SPACED.index("序号"), SPACED.index("\n三、"))
    empty = table.rows[3].cells[3]
    assert empty.text == "" and empty.span[0] == empty.span[1]


def test_an_english_table_aligned_with_spaces():
    text = ("Key tasks\n"
            "Task                      Lead                   Support             Deadline\n"
            "Inspect all scaffolding   Buildings Department   Labour Department   30 June\n"
            "on construction sites\n"
            "Review fire permits       Fire Services Dept.                        31 July\n"
            "Departments report monthly.\n")
    table = _one(text)
    assert _texts(table) == [["Task", "Lead", "Support", "Deadline"],
                             ["Inspect all scaffolding on construction sites", "Buildings Department",
                              "Labour Department", "30 June"],
                             ["Review fire permits", "Fire Services Dept.", "", "31 July"]]
    assert table.span[1] == text.index("\nDepartments")  # a sentence after the table is not its text


def test_columns_separated_by_full_width_spaces():
    text = ("序　号　重点任务　牵头单位　配合单位　完成时限\n"
            "1　开展危险化学品企业专项整治　市应急管理局　市公安局　6月底前\n"
            "2　开展城镇燃气安全排查　市住建局　市市场监管局　9月底前\n"
            "　　各单位要按时报送进展情况。\n")
    table = _one(text)
    assert _texts(table) == [["序　号", "重点任务", "牵头单位", "配合单位", "完成时限"],
                             ["1", "开展危险化学品企业专项整治", "市应急管理局", "市公安局", "6月底前"],
                             ["2", "开展城镇燃气安全排查", "市住建局", "市市场监管局", "9月底前"]]


def test_columns_aligned_with_full_width_spaces_and_a_wrapped_task():
    text = ("序号　　重点任务　　　　　　　　牵头单位　　　　完成时限\n"
            "１　　　开展危险化学品专项整治，　市应急管理局　　６月底前\n"
            "　　　　重点排查储罐区\n"
            "２　　　加强消防安全检查　　　　　市消防救援支队　９月底前\n"
            "　　特此通知。\n")
    table = _one(text)
    assert _texts(table) == [["序号", "重点任务", "牵头单位", "完成时限"],
                             ["１", "开展危险化学品专项整治，重点排查储罐区", "市应急管理局", "６月底前"],
                             ["２", "加强消防安全检查", "市消防救援支队", "９月底前"]]
    assert len(table.rows[1].cells[1].pieces) == 2
    assert table.span[1] == text.index("\n　　特此通知")


def test_mixed_spaces_and_a_dashed_rule_under_the_header():
    text = ("No.  Task                 Lead                 Deadline\n"
            "---  -------------------  -------------------  --------\n"
            "1    Inspect scaffolding  Buildings Department 　30 June\n"
            "2    Review permits       Fire Services        31 July\n")
    table = _one(text)
    assert _texts(table)[1:] == [["1", "Inspect scaffolding", "Buildings Department", "30 June"],
                                 ["2", "Review permits", "Fire Services", "31 July"]]


# ------------------------------------------------------------------ not tables
def test_prose_is_no_table():
    text = ("　　各区县要高度重视，切实加强组织领导，  确保各项任务落到实处。\n"
            "　　第一条　为了加强安全生产监督管理，防止和减少生产安全事故，制定本条例。\n"
            "　　第二条　本条例适用于本市行政区域内的生产经营单位。\n"
            "All units shall report.  The deadline is 30 June.\n"
            "Check the site.  Report by May.  Close the file.\n"
            "Check the road.  Report by June.  Close the case.\n"
            "【发布部门】 市应急管理局  市政府办公室  \n"
            "参与互动(0) | 【编辑:张三】 |\n")
    assert find_text_tables(text) == []


def test_two_cells_are_too_few_and_one_row_is_no_table():
    assert find_text_tables("姓名  职务\n张三  科长\n") == []
    assert find_text_tables("| 序号 | 重点任务 | 牵头单位 |\n") == []
    assert find_text_tables("| 姓名 | 职务 |\n| 张三 | 科长 |\n") == []


# ------------------------------------------------------------------ blank lines between tables
def test_a_blank_line_splits_tables_of_other_columns_but_not_a_continued_one():
    text = ("| 序号 | 重点任务 | 牵头单位 |\n"
            "| 1 | 开展专项整治 | 市应急管理局 |\n"
            "\n"
            "| 2 | 加强消防检查 | 市消防救援支队 |\n"
            "\n"
            "| 序号 | 检查对象 | 检查时间 | 责任人 |\n"
            "| 1 | 化工企业 | 6月 | 张三 |\n"
            "\n"
            "| 序号 | 检查对象 | 检查时间 | 责任人 |\n"
            "| 1 | 燃气企业 | 7月 | 李四 |\n")
    tables = find_text_tables(text)
    _check_spans(text, tables)
    assert [len(t.rows) for t in tables] == [3, 2, 2]  # a repeated header starts a new table
    assert _texts(tables[0])[2] == ["2", "加强消防检查", "市消防救援支队"]


def test_a_bar_table_and_a_spaced_table_one_after_the_other():
    text = ("| 序号 | 重点任务 | 牵头单位 |\n| 1 | 开展专项整治 | 市应急管理局 |\n"
            "序号  重点任务  牵头单位\n1     开展检查  市公安局\n")
    tables = find_text_tables(text)
    _check_spans(text, tables)
    assert len(tables) == 2 and _texts(tables[1])[1] == ["1", "开展检查", "市公安局"]


def test_windows_line_ends():
    text = MARKDOWN.replace("\n", "\r\n")
    table = _one(text)
    assert _texts(table)[1][4] == "2024年6月底前"
    assert all(not text[row.span[1] - 1:row.span[1]].isspace() for row in table.rows)


# ------------------------------------------------------------------ properties
_ALPHABET = ["|", "｜", "│", " ", "  ", "\u3000", "\t", "\n", "\n", "\r\n", "-", "─", "+", "。", ".", "1",
             "序号", "开展专项整治", "市应急管理局", "Task", "Lead", "on", "a"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_ALPHABET), max_size=80), st.integers(1, 3), st.integers(1, 4))
def test_every_span_lies_in_the_text(pieces, min_rows, min_cells):
    text = "".join(pieces)
    _check_spans(text, find_text_tables(text, min_rows=min_rows, min_cells=min_cells))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["1", "2", "", "（一）"]),
                          st.sampled_from(["开展专项整治", "加强检查", "", "Inspect sites"]),
                          st.sampled_from(["市应急管理局", "市公安局", ""])), min_size=1, max_size=6),
       st.sampled_from([" | ", "  ", "\u3000", "｜"]))
def test_generated_tables_keep_their_column_count(rows, separator):
    lines = [separator.join(["序号", "重点任务", "牵头单位"])]
    lines += [separator.join(row) for row in rows]
    text = "\n".join(lines) + "\n"
    tables = find_text_tables(text)
    _check_spans(text, tables)
    for table in tables:
        assert len({len(row.cells) for row in table.rows}) == 1


# ------------------------------------------------------------------ linear time
def test_long_and_hostile_lines_stay_linear():
    hostile = ["ab  " * 100_000, " " * 400_000, "a" + "\u00a0" * 400_000 + "b", "|" * 400_000,
               "  ".join(["x"] * 50_000) + "\n" + "a  b\n" * 20_000,
               ("1  开展专项整治  市应急管理局  市公安局  6月底前\n") * 5_000,
               ("\u3000\u3000第一条\u3000为了加强安全生产管理，制定本条例。\n") * 10_000]
    for text in hostile:
        started = time.perf_counter()
        tables = find_text_tables(text)
        assert time.perf_counter() - started < 10, text[:40]
        assert all(len(row.cells) <= 100 for table in tables for row in table.rows)


def test_a_markdown_row_with_most_cells_filled_is_a_row_even_when_its_first_cells_are_empty():
    # The category and number columns are merged in the original: the row is a task of its own.
    text = ("| 序号 | 工作任务 | 工作要求 | 牵头单位 | 完成时限 |\n|---|---|---|---|---|\n"
            "| 1 | 隐患排查 | 全面排查老旧燃气管网 | 市住建局 | 2024年6月30日前 |\n"
            "|  |  | 排查瓶装液化石油气供应站点 | 市应急管理局 | 2024年7月底前 |\n")
    table = _one(text)
    assert _texts(table)[1:] == [["1", "隐患排查", "全面排查老旧燃气管网", "市住建局", "2024年6月30日前"],
                                 ["", "", "排查瓶装液化石油气供应站点", "市应急管理局", "2024年7月底前"]]


def test_a_line_across_a_tab_table_is_a_spanning_row():
    text = ("序号\t重点任务\t牵头单位\t完成时限\n一、落实安全责任\n1\t制定年度工作要点\t县应急管理局\t3月底前\n"
            "2\t开展安全生产巡查\t县安委办\t6月底前\n\n以上任务请认真落实。\n")
    table = _one(text)
    assert [row.cells[0].text for row in table.rows] == ["序号", "一、落实安全责任", "1", "2"]
    spanning = table.rows[1].cells
    assert spanning[0].colspan == 4 and all(c.merged_from == (1, 0) for c in spanning[1:])
    assert text[spanning[0].span[0]:spanning[0].span[1]] == "一、落实安全责任"
    assert "以上任务" not in text[table.span[0]:table.span[1]]
