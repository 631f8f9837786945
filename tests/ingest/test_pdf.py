"""PDF: paragraphs joined the Chinese way, ruled task tables as rows, clear errors."""
from __future__ import annotations

import pytest

from safetydocs.errors import CorruptDocument, EncryptedPdf, NoTextLayer
from safetydocs.ingest import read
from safetydocs.ingest.pdf import join_lines
from tests.fixtures.builders import (
    NOTICE_TITLE,
    TASK_HEADER,
    TASK_ROWS,
    build_corrupt_pdf,
    build_encrypted_pdf,
    build_scanned_pdf,
    build_task_table_pdf,
)


@pytest.fixture(scope="module")
def notice(tmp_path_factory):
    path = build_task_table_pdf(tmp_path_factory.mktemp("pdf") / "notice.pdf")
    return read(path)


def _cells(table):
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_paragraphs_are_joined_without_spaces(notice):
    lines = notice.text.split("\n")
    # This sentence wraps over three lines in the PDF.
    assert any(line.startswith("为深入贯彻落实") and line.endswith("现将有关事项通知如下。") for line in lines)
    assert "危险化学品领域重大安全风险" in notice.text  # joined across a line break
    assert " " not in notice.text.replace("\t", "")


def test_headings_and_salutation_stay_on_their_own_lines(notice):
    lines = notice.text.split("\n")
    assert lines[0] == NOTICE_TITLE
    assert "各区安委会，市安委会各成员单位：" in lines
    assert "一、工作要求" in lines
    assert "二、保障措施" in lines


def test_task_table_comes_out_as_rows(notice):
    assert len(notice.tables) == 1
    rows = _cells(notice.tables[0])
    assert rows[0] == list(TASK_HEADER)
    assert rows[1:] == [list(row) for row in TASK_ROWS]


def test_table_spans_point_into_the_text(notice):
    table = notice.tables[0]
    for row in table.rows:
        line = notice.text[row.span[0]:row.span[1]]
        assert line.split("\t") == [cell.text for cell in row.cells]
        for cell in row.cells:
            assert notice.text[cell.span[0]:cell.span[1]] == cell.text


def test_table_sits_between_its_paragraphs_and_is_not_duplicated(notice):
    table = notice.tables[0]
    assert notice.text.index("一、工作要求") < table.span[0]
    assert table.span[1] <= notice.text.index("二、保障措施")
    assert notice.text.count("市住房城乡建设局") == 1
    assert notice.text.count("2024年6月底前") == 1


def test_title_from_first_line_or_metadata(notice, tmp_path):
    assert notice.title == NOTICE_TITLE
    raw = read(build_task_table_pdf(tmp_path / "m.pdf", pdf_title="市安委办关于汛期安全的通知"))
    assert raw.title == "市安委办关于汛期安全的通知"
    generic = read(build_task_table_pdf(tmp_path / "g.pdf", pdf_title="Microsoft Word - 通知.docx"))
    assert generic.title == NOTICE_TITLE


def test_table_split_over_pages_is_one_table(tmp_path):
    rows = [(str(i), f"开展第{i}批重点企业安全检查", "市应急管理局", "各区政府", "2024年12月底前") for i in range(1, 41)]
    raw = read(build_task_table_pdf(tmp_path / "long.pdf", rows=rows))
    assert len(raw.tables) == 1
    cells = _cells(raw.tables[0])
    assert cells[0] == list(TASK_HEADER)
    assert len(cells) == 41  # the repeated header on page 2 is dropped
    assert cells[-1][:2] == ["40", "开展第40批重点企业安全检查"]


def test_scanned_pdf_has_no_text_layer(tmp_path):
    path = build_scanned_pdf(tmp_path / "scan.pdf")
    with pytest.raises(NoTextLayer) as info:
        read(path)
    assert str(path) in str(info.value)


def test_encrypted_pdf(tmp_path):
    path = build_encrypted_pdf(tmp_path / "locked.pdf")
    with pytest.raises(EncryptedPdf) as info:
        read(path)
    assert str(path) in str(info.value)
    assert info.value.code == "SD107"


def test_truncated_pdf(tmp_path):
    path = build_corrupt_pdf(tmp_path / "broken.pdf")
    with pytest.raises(CorruptDocument) as info:
        read(path)
    assert str(path) in str(info.value)


def test_half_a_pdf(tmp_path):
    full = build_task_table_pdf(tmp_path / "full.pdf").read_bytes()
    path = tmp_path / "half.pdf"
    path.write_bytes(full[: len(full) // 2])
    with pytest.raises(CorruptDocument):
        read(path)


@pytest.mark.parametrize(
    ("first", "second", "joined"),
    [
        ("切实防范化解危险化学", "品领域重大安全风险", "切实防范化解危险化学品领域重大安全风险"),
        ("每月25", "日前报送", "每月25日前报送"),
        ("the safety", "inspection", "the safety inspection"),
        ("produc-", "tion safety", "production safety"),
    ],
)
def test_join_lines(first, second, joined):
    assert join_lines(first, second) == joined


def test_shipped_sample(samples_dir):
    raw = read(samples_dir / "zh-task-table.pdf")
    assert raw.title and "安全生产" in raw.title
    rows = _cells(raw.tables[0])
    assert rows[0] == list(TASK_HEADER)
    assert 4 <= len(rows) - 1 <= 6
    assert all(len(row) == 5 and row[1] and row[2] for row in rows)


# --- merged cells, repeated headers, page furniture, wrapped lines ------------------------------
#
# The fixtures below are drawn with reportlab at test time. The task table is laid out by
# platypus (it splits the table over two pages and repeats the header row itself); the text
# page is drawn line by line on a canvas, so every line break, indent and centred title is
# exactly where the test says.

RUNNING_HEADER = "安全生产专项整治工作简报"
MERGED_LEAD = "市住房城乡建设局"
CATEGORY = "一、责任落实"


def _task_rows(count):
    rows = [[str(i), f"开展第{i}批重点企业安全检查", "市应急管理局", "各区政府", "2024年12月底前"] for i in range(1, count + 1)]
    for row in rows[31:33]:  # 牵头单位 merged over tasks 32 and 33, on the second page
        row[2] = MERGED_LEAD
    return rows


def _build_merged_table_pdf(path):
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    from tests.fixtures.builders import _cjk_styles

    title_style, body_style, cell_style = _cjk_styles()
    rows = [list(TASK_HEADER), [CATEGORY, "", "", "", ""], *_task_rows(40)]
    data = [[Paragraph(cell, cell_style) for cell in row] for row in rows]
    data[34][2] = ""  # the position covered by the merged cell (task 33: row 1 + 33)
    table = Table(data, colWidths=[12 * mm, 60 * mm, 32 * mm, 42 * mm, 28 * mm], repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("SPAN", (0, 1), (-1, 1)),  # the category row across the table
        ("SPAN", (2, 33), (2, 34)),  # 牵头单位 of tasks 32 and 33
    ]))

    def furniture(canvas, doc):
        canvas.setFont("STSong-Light", 9)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 15 * mm, RUNNING_HEADER)
        canvas.drawCentredString(A4[0] / 2, 12 * mm, f"- {doc.page} -")

    story = [Paragraph("关于开展安全生产专项整治的通知", title_style), Paragraph("各区安委会：", body_style), table]
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm,
                            topMargin=25 * mm, bottomMargin=25 * mm, invariant=True)
    doc.build(story, onFirstPage=furniture, onLaterPages=furniture)
    return path


@pytest.fixture(scope="module")
def merged(tmp_path_factory):
    return read(_build_merged_table_pdf(tmp_path_factory.mktemp("pdf") / "merged.pdf"))


def test_merged_table_over_two_pages_is_one_table_with_its_header_once(merged):
    assert len(merged.tables) == 1
    cells = _cells(merged.tables[0])
    assert cells[0] == list(TASK_HEADER)
    assert merged.text.count("序号") == 1
    assert cells[1] == [CATEGORY, "", "", "", ""]
    expected = _task_rows(40)
    expected[32][2] = ""  # covered by the merged cell above it
    assert cells[2:] == expected


def test_merged_cells_point_at_their_origin(merged):
    table = merged.tables[0]
    category = table.rows[1].cells
    assert (category[0].rowspan, category[0].colspan) == (1, 5)
    assert all(cell.merged_from == (1, 0) for cell in category[1:])
    origin, covered = table.rows[33].cells[2], table.rows[34].cells[2]  # tasks 32 and 33
    assert (origin.text, origin.rowspan, origin.merged_from) == (MERGED_LEAD, 2, None)
    assert (covered.text, covered.merged_from) == ("", (33, 2))
    assert table.cell(34, 2).text == MERGED_LEAD
    assert table.cell(34, 1).text == "开展第33批重点企业安全检查"
    assert sum(1 for row in table.rows for cell in row.cells if cell.merged_from) == 5
    for row in table.rows:  # spans still point into the text
        assert merged.text[row.span[0]:row.span[1]].split("\t") == [cell.text for cell in row.cells]


def test_page_numbers_and_running_header_are_dropped(merged):
    assert RUNNING_HEADER not in merged.text
    assert "- 1 -" not in merged.text and "- 2 -" not in merged.text
    assert merged.text.split("\n")[0] == "关于开展安全生产专项整治的通知"


# A page drawn line by line: (text, left, top, font size, font) with top measured from the page top.
ZH_TITLE = ("关于进一步加强危险化学品企业", "安全生产工作的通知")
ZH_PARAGRAPH = (
    "为深入贯彻落实党中央、国务院关于安全生产工作的决策部署，切实",
    "防范化解危险化学品领域重大安全风险，坚决遏制重特大事故发生，经市",
    "安委会同意，现将有关事项通知如下。",
)
ZH_ITEM = (  # a full line that ends mid-clause, then the next numbered item at the margin
    "1.开展危险化学品企业安全隐患排查，对储存罐区、装卸站台和输送管道",
    "逐一检查并建立台账",
    "2.完善应急预案并组织演练。",
)
EN_PARAGRAPH = (
    "Every enterprise that stores hazardous chemicals shall appoint a safety",
    "manager, keep a register of its storage sites and report the results of en-",
    "forcement checks to the district emergency management bureau every month.",
)
EN_SHORT = ("Work safety is the duty of every employee and of every manager at",
            "every level of the enterprise")
EN_NEXT = "Inspections cover storage tanks, pipelines, loading bays and warehouses"


def _justified(canvas, text, left, top, width, font, size, page_height):
    """Draw one line stretched to ``width``, as a justified paragraph line."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    natural = stringWidth(text, font, size)
    assert natural <= width, text  # the fixture's lines must fit
    gaps = text.count(" ")
    label = canvas.beginText(left, page_height - top - size)
    label.setFont(font, size)
    if gaps:
        label.setWordSpace((width - natural) / gaps)
    else:
        label.setCharSpace((width - natural) / max(len(text) - 1, 1))
    label.textLine(text)
    canvas.drawText(label)


def _build_text_pdf(path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas as pdf_canvas

    from tests.fixtures.builders import _cjk_styles

    _cjk_styles()
    width, height = A4
    left, right = 72.0, width - 72.0
    zh, en = "STSong-Light", "Helvetica"
    page = pdf_canvas.Canvas(str(path), pagesize=A4, invariant=True)

    def centred(text, top, size, font=zh):
        page.setFont(font, size)
        page.drawCentredString(width / 2, height - top - size, text)

    def plain(text, x, top, size=12, font=zh):
        page.setFont(font, size)
        page.drawString(x, height - top - size, text)

    def furniture(number):
        centred(RUNNING_HEADER, 40, 9)
        centred(f"- {number} -", 800, 10)

    furniture(1)
    centred(ZH_TITLE[0], 100, 20)
    centred(ZH_TITLE[1], 126, 20)
    centred("某某市安全生产委员会办公室", 160, 12)
    centred("2024年3月5日", 178, 12)
    plain("各区安委会，市安委会各成员单位：", left, 210)
    top = 230
    for index, text in enumerate(ZH_PARAGRAPH):
        x = left + 24 if index == 0 else left
        if index < len(ZH_PARAGRAPH) - 1:
            _justified(page, text, x, top, right - x, zh, 12, height)
        else:
            plain(text, x, top)
        top += 20
    plain("一、工作要求", left + 24, top)
    top += 20
    for index, text in enumerate(ZH_ITEM):
        if index == 0:
            _justified(page, text, left, top, right - left, zh, 12, height)
        else:
            plain(text, left, top)
        top += 20
    # A paragraph that runs on to the next page.
    _justified(page, "各区、各有关部门要高度重视，主要负责同志要亲自部署、亲自推动", left + 24, top, right - left - 24, zh, 12, height)
    page.showPage()

    furniture(2)
    top = 100
    plain("层层压实安全生产责任。", left, top)
    top += 20
    for index, text in enumerate(EN_PARAGRAPH):
        x = left + 22 if index == 0 else left
        if index < len(EN_PARAGRAPH) - 1:
            _justified(page, text, x, top, right - x, en, 11, height)
        else:
            plain(text, x, top, 11, en)
        top += 16
    top += 16  # a blank line between block paragraphs
    _justified(page, EN_SHORT[0], left, top, right - left, en, 11, height)
    plain(EN_SHORT[1], left, top + 16, 11, en)
    plain(EN_NEXT, left, top + 32, 11, en)
    plain("(1) storage tanks and pipelines", left, top + 48, 11, en)
    plain("(2) loading bays", left, top + 64, 11, en)
    page.showPage()
    page.save()
    return path


@pytest.fixture(scope="module")
def drawn(tmp_path_factory):
    return read(_build_text_pdf(tmp_path_factory.mktemp("pdf") / "drawn.pdf"))


def test_title_over_two_centred_lines_is_one_line(drawn):
    lines = drawn.text.split("\n")
    assert lines[0] == "".join(ZH_TITLE)
    assert lines[1:3] == ["某某市安全生产委员会办公室", "2024年3月5日"]  # issuer and date stay apart
    assert drawn.title == "".join(ZH_TITLE)


def test_chinese_paragraph_over_three_lines_is_one_line(drawn):
    lines = drawn.text.split("\n")
    assert "".join(ZH_PARAGRAPH) in lines
    assert "各区、各有关部门要高度重视，主要负责同志要亲自部署、亲自推动层层压实安全生产责任。" in lines  # over a page break
    assert "各区安委会，市安委会各成员单位：" in lines and "一、工作要求" in lines


def test_numbered_items_stay_on_their_own_lines(drawn):
    lines = drawn.text.split("\n")
    assert "".join(ZH_ITEM[:2]) in lines
    assert ZH_ITEM[2] in lines
    assert "(1) storage tanks and pipelines" in lines and "(2) loading bays" in lines


def test_english_paragraph_is_joined_with_spaces(drawn):
    lines = drawn.text.split("\n")
    assert (
        "Every enterprise that stores hazardous chemicals shall appoint a safety manager, keep a register of its"
        " storage sites and report the results of enforcement checks to the district emergency management bureau"
        " every month." in lines
    )
    assert " ".join(EN_SHORT) in lines  # the short last line ends its paragraph
    assert EN_NEXT in lines


def test_running_header_and_page_numbers_are_not_text(drawn):
    assert RUNNING_HEADER not in drawn.text
    assert "- 1 -" not in drawn.text and "- 2 -" not in drawn.text


@pytest.mark.parametrize("text", ["- 3 -", "—3—", "— 12 —", "3", "第3页 共10页", "第 3 页", "3/10", "Page 3 of 10"])
def test_page_number_patterns(text):
    from safetydocs.ingest.pdf import _PAGE_NUMBER

    assert _PAGE_NUMBER.match(text)


@pytest.mark.parametrize("text", ["3.5亿元资金", "2024年3月", "一、总体要求"])
def test_not_page_numbers(text):
    from safetydocs.ingest.pdf import _PAGE_NUMBER

    assert not _PAGE_NUMBER.match(text)


@pytest.mark.parametrize(
    ("text", "numbered"),
    [("一、总体要求", True), ("（一）压实责任", True), ("(1) tanks", True), ("1. 开展排查", True), ("1、开展排查", True),
     ("1.1 范围", True), ("①开展排查", True), ("第一条 为了", True), ("2024年底前完成", False),
     ("3.5亿元用于", False), ("25日前报送", False)],
)
def test_numbered_item_starts(text, numbered):
    from safetydocs.ingest.pdf import _HEADING

    assert bool(_HEADING.match(text)) is numbered


@pytest.mark.parametrize(
    ("first", "second", "joined"),
    [("results of en-", "forcement checks", "results of enforcement checks"),
     ("COVID-", "19 cases", "COVID-19 cases"), ("Anglo-", "Saxon law", "Anglo-Saxon law")],
)
def test_join_lines_hyphens(first, second, joined):
    assert join_lines(first, second) == joined


def test_merges_from_cell_boxes():
    from safetydocs.ingest.pdf import _merges

    # 3 columns at x = 0, 10, 20; rows at top = 0, 10, 20, 30. Row 0 spans all columns; the
    # middle column of rows 1-3 is one cell.
    boxes = [
        [(0, 0, 30, 10), None, None],
        [(0, 10, 10, 20), (10, 10, 20, 40), (20, 10, 30, 20)],
        [(0, 20, 10, 30), None, (20, 20, 30, 30)],
        [(0, 30, 10, 40), None, (20, 30, 30, 40)],
    ]
    assert _merges(boxes) == [(0, 0, 1, 3), (1, 1, 3, 1)]


def test_continued_table_drops_repeated_header_and_shifts_merges():
    from safetydocs.ingest.pdf import _continue_table, _Grid

    header = ["序号", "重点任务", "牵头单位"]
    first = _Grid([header, ["1", "排查", "市应急局"], ["2", "整治", ""]], [(1, 2, 2, 1)])
    continued = _Grid([["序 号", "重点任务", "牵头单位"], ["3", "检查", "市住建局"], ["4", "督办", ""]], [(1, 2, 2, 1)])
    joined = _continue_table(first, continued)
    assert joined.rows == [header, ["1", "排查", "市应急局"], ["2", "整治", ""], ["3", "检查", "市住建局"], ["4", "督办", ""]]
    assert sorted(joined.merges) == [(1, 2, 2, 1), (3, 2, 2, 1)]


def test_merged_cell_cut_by_a_page_break_is_mended():
    from safetydocs.ingest.pdf import _continue_table, _Grid

    header = ["序号", "重点任务", "牵头单位"]
    first = _Grid([header, ["1", "排查", "市应急局"], ["2", "整治", ""]], [(1, 2, 2, 1)])
    continued = _Grid([header, ["3", "检查", ""], ["4", "督办", "市住建局"]])  # task 3's lead is above the break
    joined = _continue_table(first, continued)
    assert joined.merges == [(1, 2, 3, 1)]


# --- unruled tables: columns set out by white space alone ----------------------------------------
#
# The task table again, drawn by platypus without any ruling line, its cells wrapped the Chinese
# way (a long 重点任务 over two or three lines, a 完成时限 over two). No wrapped line is a single
# Chinese character: PDFium drops a text object of one CJK glyph in reportlab's non-embedded
# STSong-Light, so such a character would be lost before the reader sees it.

UNRULED_ROWS = [
    ["1", "开展危险化学品企业安全专项检查", "市应急管理局", "市公安局、市交通运输局", "2024年6月30日之前"],
    ["2", "开展城镇燃气管道隐患排查整治", "市住建局", "市市场监管局", "2024年9月底前"],
    ["3", "推进老旧小区燃气设施更新改造，完成既有住宅加装燃气泄漏报警装置并建立长效管理机制", "", "市发展改革委",
     "2024年12月31日之前"],
    ["4", "加强危险货物道路运输安全监管", "市交通运输局", "市公安局", "长期坚持"],
]
UNRULED_BEFORE = "各区安委会，市安委会各成员单位："
UNRULED_AFTER = "请各单位严格落实责任分工，确保各项任务按期完成。"


def _build_unruled_table_pdf(path, *, valign=None, header=TASK_HEADER, rows=UNRULED_ROWS, repeat=0):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from tests.fixtures.builders import _cjk_styles

    title_style, body_style, cell_style = _cjk_styles()
    data = [[Paragraph(cell, cell_style) for cell in row] for row in [header, *rows]]
    style = [("VALIGN", (0, 0), (-1, -1), valign)] if valign else []  # reportlab's default is BOTTOM
    table = Table(data, colWidths=[12 * mm, 60 * mm, 32 * mm, 42 * mm, 28 * mm], repeatRows=repeat,
                  style=TableStyle(style))  # no GRID, no LINEBELOW: nothing but white space between cells
    story = [Paragraph(NOTICE_TITLE, title_style), Paragraph(UNRULED_BEFORE, body_style), table,
             Spacer(1, 6), Paragraph(UNRULED_AFTER, body_style)]
    SimpleDocTemplate(str(path), pagesize=A4, invariant=True).build(story)
    return path


@pytest.mark.parametrize("valign", ["TOP", "MIDDLE", None])
def test_unruled_table_comes_out_as_rows(tmp_path, valign):
    raw = read(_build_unruled_table_pdf(tmp_path / "unruled.pdf", valign=valign))
    assert len(raw.tables) == 1
    assert _cells(raw.tables[0]) == [list(TASK_HEADER), *UNRULED_ROWS]


def test_unruled_table_sits_between_its_paragraphs(tmp_path):
    raw = read(_build_unruled_table_pdf(tmp_path / "unruled.pdf", valign="MIDDLE"))
    lines = raw.text.split("\n")
    table = raw.tables[0]
    assert lines[0] == NOTICE_TITLE
    assert raw.text.index(UNRULED_BEFORE) < table.span[0] and table.span[1] <= raw.text.index(UNRULED_AFTER)
    assert UNRULED_BEFORE in lines and UNRULED_AFTER in lines
    for word in ("市应急管理局", "2024年9月底前", "之前", "长效管理机制"):
        assert raw.text.count(word) == sum(cell.count(word) for row in UNRULED_ROWS for cell in row)
    for row in table.rows:
        assert raw.text[row.span[0]:row.span[1]].split("\t") == [cell.text for cell in row.cells]


def test_unruled_table_over_two_pages_is_one_table(tmp_path):
    rows = [[str(i), f"开展第{i}批重点企业安全检查", "市应急管理局", "各区政府", "2024年12月底前"] for i in range(1, 61)]
    raw = read(_build_unruled_table_pdf(tmp_path / "long.pdf", rows=rows, repeat=1))
    assert len(raw.tables) == 1
    cells = _cells(raw.tables[0])
    assert cells == [list(TASK_HEADER), *rows]  # the header repeated on page 2 is dropped
    assert raw.text.count("序号") == 1


def test_unruled_english_table_joins_wrapped_cells_with_a_space(tmp_path):
    header = ("No.", "Task", "Lead", "Support", "Deadline")
    rows = [
        ["1", "Inspect every hazardous chemical storage site and loading bay", "Emergency Bureau",
         "Police and Transport Bureau", "30 June 2024"],
        ["2", "Survey gas pipelines in the old town", "Housing Bureau", "Market Regulation", "End of September"],
    ]
    raw = read(_build_unruled_table_pdf(tmp_path / "en.pdf", valign="TOP", header=header, rows=rows))
    assert len(raw.tables) == 1
    assert _cells(raw.tables[0]) == [list(header), *rows]


ZH_PROSE = (
    "为深入贯彻落实党中央、国务院关于安全生产工作的决策部署，切实防范化解危险化学品领域重大安全风险，"
    "坚决遏制重特大事故发生，经市安委会同意，决定在全市范围内开展危险化学品安全专项整治。各区、各有关部门"
    "要高度重视，主要负责同志要亲自部署、亲自推动，层层压实安全生产责任，确保 2024 年 6 月底前完成全部排查任务。",
    "各牵头单位要于每月25日前将工作进展情况报送市安委办，联系人：张三，联系电话：0538-1234567，"
    "电子邮箱：ajb@example.gov.cn。对工作不力、进展缓慢的，市安委办将予以通报。",
)
EN_PROSE = (
    "Every enterprise that stores hazardous chemicals shall appoint a full-time safety manager, keep an "
    "up-to-date register of its storage sites, tanks, pipelines and loading bays, and report the results of "
    "its monthly self-inspection to the district emergency management bureau before the fifth day of the "
    "following month, together with the measures taken against every hidden danger found."
)
LISTS = (
    "1. 开展危险化学品企业安全隐患排查，建立问题清单。",
    "2. 完善应急预案并组织演练。",
    "3. 加强值班值守和信息报送。",
    "(1) storage tanks and pipelines",
    "(2) loading bays and warehouses",
    "(3) gas cylinders",
)


def _build_prose_pdf(path):
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from tests.fixtures.builders import _cjk_styles

    title_style, body_style, _ = _cjk_styles()
    zh = ParagraphStyle("zh-justified", parent=body_style, alignment=TA_JUSTIFY)
    en = ParagraphStyle("en-justified", fontName="Helvetica", fontSize=11, leading=15, alignment=TA_JUSTIFY,
                        spaceAfter=6)
    item = ParagraphStyle("item", parent=body_style, firstLineIndent=0)
    story = [Paragraph(NOTICE_TITLE, title_style)]
    story += [Paragraph(text, zh) for text in ZH_PROSE]
    story.append(Paragraph(EN_PROSE, en))
    story += [Paragraph(text, item) for text in LISTS]
    # A narrow text column makes loose justified lines, the widest word spacing prose gets.
    SimpleDocTemplate(str(path), pagesize=A4, leftMargin=60 * mm, rightMargin=60 * mm, invariant=True).build(story)
    return path


def test_prose_and_lists_make_no_table(tmp_path, drawn):
    raw = read(_build_prose_pdf(tmp_path / "prose.pdf"))
    assert raw.tables == []
    assert "\t" not in raw.text
    lines = raw.text.split("\n")
    assert all(text in lines for text in LISTS)
    assert drawn.tables == []


def _draw_rows(path, rows, lefts, *, size=10.5, step=20):
    """Rows drawn string by string at the given left edges: a table set with tabs or spaces."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas as pdf_canvas

    from tests.fixtures.builders import _cjk_styles

    _cjk_styles()
    page = pdf_canvas.Canvas(str(path), pagesize=A4, invariant=True)
    page.setFont("STSong-Light", size)
    top = 200
    for row in rows:
        for left, text in zip(lefts, row):
            if text:
                page.drawString(left, A4[1] - top, text)
        top += step
    page.drawString(72, A4[1] - top - 20, "以上内容请各单位对照检查。")
    page.save()
    return path


def test_unruled_table_with_spaced_out_header_cells(tmp_path):
    rows = [["序　　号", "检查内容", "责任单位", "备　注"], ["1", "储罐区防火堤完好情况", "安全科", ""],
            ["2", "装卸站台静电接地", "设备科", ""], ["3", "输送管道腐蚀检测", "设备科", "每季度"]]
    raw = read(_draw_rows(tmp_path / "spaced.pdf", rows, [72, 130, 320, 400]))
    assert _cells(raw.tables[0]) == [["序号", "检查内容", "责任单位", "备注"], *rows[1:]]
    assert raw.text.rstrip("\n").split("\n")[-1] == "以上内容请各单位对照检查。"


def test_unruled_table_under_a_header_with_an_empty_corner(tmp_path):
    rows = [["", "检查内容", "责任单位", "检查频次"], ["储罐区", "防火堤完好情况", "安全科", "每月"],
            ["装卸区", "静电接地", "设备科", "每周"]]
    raw = read(_draw_rows(tmp_path / "corner.pdf", rows, [72, 130, 320, 400]))
    assert _cells(raw.tables[0]) == rows


def test_aligned_pairs_and_numbered_lines_are_no_table(tmp_path):
    rows = [["1.", "开展隐患排查"], ["2.", "完善应急预案"], ["3.", "组织应急演练"],
            ["联系人：张三", "电话：12345678"], ["联系人：李四", "电话：87654321"]]
    raw = read(_draw_rows(tmp_path / "pairs.pdf", rows, [72, 300]))
    assert raw.tables == []


def test_a_table_on_a_later_page_keeps_its_rows_and_place(tmp_path):
    # pdfplumber sees each ruled page as a one-page copy: the table on the third page keeps the
    # coordinates pdfplumber finds in the whole document, and its text is not read twice.
    import pdfplumber
    import pypdfium2 as pdfium

    from safetydocs.ingest.pdf import _TableFinder
    from tests.fixtures.builders import NOTICE_PARAGRAPHS

    path = build_task_table_pdf(tmp_path / "long.pdf", paragraphs=list(NOTICE_PARAGRAPHS) * 12)
    document = pdfium.PdfDocument(str(path))
    with pdfplumber.open(str(path)) as whole:
        pages = [i for i, page in enumerate(whole.pages) if page.find_tables()]
        assert pages and pages[0] >= 1
        expected = [tuple(table.bbox) for table in whole.pages[pages[0]].find_tables()]
    found = _TableFinder(document).tables(pages[0])
    assert [list(bbox) for bbox, _ in found] == [pytest.approx(list(bbox)) for bbox in expected]
    document.close()

    raw = read(path)
    rows = [row for table in raw.tables for row in _cells(table)]
    assert rows[0] == list(TASK_HEADER)
    assert rows[1:] == [list(row) for row in TASK_ROWS]
    assert raw.text.count(TASK_ROWS[1][1]) == 1
