"""HTML: the article body without site chrome, tables as rows, charsets honoured."""
from __future__ import annotations

import pytest

from safetydocs.errors import EmptyInput
from safetydocs.ingest import read
from tests.fixtures.builders import NOTICE_TITLE, TASK_HEADER, TASK_ROWS, build_notice_html


def _cells(table):
    return [[cell.text for cell in row.cells] for row in table.rows]


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    return read(build_notice_html(tmp_path_factory.mktemp("html") / "notice.html"))


@pytest.mark.parametrize(
    "boilerplate",
    ["首页", "政务公开", "统计代码", "当前位置", "热点专题", "分享到微信", "暂无评论", "备案号", "请启用JavaScript",
     "SimSun", "发布时间"],
)
def test_site_chrome_is_dropped(page, boilerplate):
    assert boilerplate not in page.text


def test_article_text_and_title(page):
    lines = page.text.split("\n")
    assert page.title == NOTICE_TITLE
    assert lines[0] == NOTICE_TITLE
    assert "各区安委会，市安委会各成员单位：" in lines  # ideographic-space indent stripped
    assert "二、保障措施" in lines


def test_br_keeps_lines(page):
    lines = page.text.split("\n")
    assert lines[-3:] == ["某市安全生产委员会办公室", "2024年3月15日", ""]


def test_table_rows(page):
    assert len(page.tables) == 1
    rows = _cells(page.tables[0])
    assert rows == [list(TASK_HEADER), *[list(row) for row in TASK_ROWS]]
    assert page.text.index("一、工作要求") < page.tables[0].span[0] < page.text.index("二、保障措施")


def test_gb2312_meta_charset(tmp_path):
    raw = read(build_notice_html(tmp_path / "gb.html", encoding="gb2312"))
    assert raw.encoding == "gb18030"
    assert NOTICE_TITLE in raw.text


def test_no_declared_charset_uses_the_fixed_order(tmp_path):
    path = tmp_path / "nometa.htm"
    path.write_bytes("<html><body><p>关于做好安全生产工作的通知</p><p>各单位：请认真落实。</p></body></html>".encode("gbk"))
    raw = read(path)
    assert raw.encoding == "gb18030"
    assert "关于做好安全生产工作的通知" in raw.text


def test_colspan_rowspan_keep_columns_aligned(tmp_path):
    path = tmp_path / "spans.html"
    path.write_text(
        "<html><body><div class='content'><p>附件：任务分工</p><table>"
        "<tr><th>序号</th><th>重点任务</th><th>牵头单位</th></tr>"
        "<tr><td>1</td><td>燃气安全排查</td><td rowspan='2'>市住房城乡建设局</td></tr>"
        "<tr><td>2</td><td>自建房安全整治</td></tr>"
        "<tr><td colspan='3'>以上任务长期坚持</td></tr>"
        "</table></div></body></html>",
        encoding="utf-8",
    )
    rows = _cells(read(path).tables[0])
    assert rows[1] == ["1", "燃气安全排查", "市住房城乡建设局"]
    assert rows[2] == ["2", "自建房安全整治", ""]
    assert rows[3] == ["以上任务长期坚持", "", ""]


def test_layout_table_is_text(tmp_path):
    path = tmp_path / "layout.html"
    path.write_text(
        "<html><body><table><tr><td><p>关于开展消防安全检查的通知</p><p>各单位：请于本月底前完成自查。</p>"
        "</td></tr></table></body></html>",
        encoding="utf-8",
    )
    raw = read(path)
    assert raw.tables == []
    assert raw.text.split("\n")[:2] == ["关于开展消防安全检查的通知", "各单位：请于本月底前完成自查。"]


def test_body_chosen_by_text_not_links(tmp_path):
    links = "".join(f"<li><a href='/n/{i}'>其他通知标题第{i}号关于安全生产</a></li>" for i in range(30))
    body = "".join(f"<p>第{i}段：各单位要切实落实安全生产主体责任，加强隐患排查治理。</p>" for i in range(5))
    path = tmp_path / "generic.html"
    path.write_text(
        f"<html><head><title>安全生产检查通知 - 某区政府</title></head><body>"
        f"<div class='x1'><ul>{links}</ul></div><div class='x2'>{body}</div></body></html>",
        encoding="utf-8",
    )
    raw = read(path)
    assert "其他通知标题" not in raw.text
    assert "第4段" in raw.text
    assert raw.title == "安全生产检查通知"


def test_source_line_breaks_inside_chinese_are_not_spaces(tmp_path):
    path = tmp_path / "wrap.html"
    path.write_text("<html><body><p>各单位要切实\n    落实安全生产责任。</p></body></html>", encoding="utf-8")
    assert "各单位要切实落实安全生产责任。" in read(path).text


def test_empty_page(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><script>var a=1;</script></head><body><nav>首页</nav></body></html>")
    with pytest.raises(EmptyInput) as info:
        read(path)
    assert str(path) in str(info.value)


def test_shipped_sample(samples_dir):
    raw = read(samples_dir / "zh-notice.html")
    assert raw.title and "通知" in raw.title
    assert "首页" not in raw.text
    rows = _cells(raw.tables[0])
    assert rows[0] == list(TASK_HEADER)
    assert len(rows) >= 4
