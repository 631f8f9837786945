"""The HTML page, read back with an HTML parser: tables, highlighted spans, links, escaping."""
from __future__ import annotations

from html.parser import HTMLParser

import pytest

from safetydocs.export import render
from safetydocs.matrix import responsibility_matrix

bs4 = pytest.importorskip("bs4")


class _SourceText(HTMLParser):
    """The characters of div.source without the [n] back-links, as the standard parser reads them.

    (bs4's get_text() folds a whitespace-only string between two tags, e.g. a TAB between table cells.)
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.in_ref = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if self.depth or ("class", "source") in attrs:
            self.depth += 1
        if self.depth and tag == "sup":
            self.in_ref += 1

    def handle_endtag(self, tag):
        if self.depth and tag == "sup":
            self.in_ref -= 1
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and not self.in_ref:
            self.parts.append(data)


def source_text(html: str) -> str:
    parser = _SourceText()
    parser.feed(html)
    return "".join(parser.parts)


def _page(document):
    return bs4.BeautifulSoup(render(document, fmt="html"), "html.parser")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tables_and_highlights(docs, lang):
    document = docs[lang]
    page = _page(document)
    assert page.title.get_text().startswith(document.title)
    assert page.h1.get_text() == document.title
    assert page.find("time")["datetime"] == "2024-03-01"

    rows = page.select("table.tasks tbody tr")
    assert len(rows) == len(document.tasks)
    assert [th.get_text() for th in page.select("table.tasks thead th")][:2] == (
        ["序号", "重点任务"] if lang == "zh" else ["No.", "Task"])

    marks = page.select("div.source mark.task")
    assert len(marks) == len(document.tasks)
    # Each task row links to its highlighted span, which holds the task's text.
    for row, task in zip(rows, document.tasks):
        link = row.find("a")["href"]
        target = page.find(id=link[1:])
        assert target is not None and target.name == "mark"
        assert target.get_text() == document.quote(task.span)
    # The source keeps the whole text (escaped, then unescaped by the parser), plus the [n] back-links.
    assert source_text(render(document, fmt="html")) == document.text

    mentioned = {span.get_text() for span in page.select("div.source span.dept")}
    assert {a.mention for t in document.tasks for a in t.assignments} <= mentioned
    assert len(page.select("div.source span.deadline")) == sum(1 for t in document.tasks if t.deadline)


def test_matrix_table(zh_doc):
    page = _page(zh_doc)
    matrix = responsibility_matrix(zh_doc)
    header_cells = page.select("table.matrix thead tr")[1].find_all("th")
    assert [th.get_text() for th in header_cells] == matrix.departments
    assert [th.get_text() for th in page.select("table.matrix thead th.collective")][1:] == matrix.collectives
    body = page.select("table.matrix tbody tr")
    assert len(body) == len(zh_doc.tasks)
    assert len(page.select("table.matrix td.lead")) == sum(s.lead for s in matrix.summary)
    assert len(page.select("table.matrix td.support")) == sum(s.support for s in matrix.summary)
    assert {td.get_text() for td in page.select("table.matrix td.lead")} == {"牵头"}


def test_self_contained(zh_doc):
    html = render(zh_doc, fmt="html")
    page = bs4.BeautifulSoup(html, "html.parser")
    assert page.find("link") is None and page.find("img") is None and page.find("script") is None
    assert "http://" not in html and "https://" not in html
    assert page.find("style") is not None


def test_document_text_is_escaped(xss_doc):
    html = render(xss_doc, fmt="html")
    page = bs4.BeautifulSoup(html, "html.parser")
    assert not [s for s in page.find_all("script") if "alert(1)" in s.get_text()]
    assert page.find("script") is None and page.find("b") is None
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # The text reads as written in the title, the task table and the source.
    assert "<script>alert(1)</script>" in page.title.get_text()
    assert "<script>alert(1)</script>" in page.select("table.tasks tbody tr")[0].get_text()
    assert source_text(html) == xss_doc.text
    assert source_text(html).count("<script>alert(1)</script>") == 2
    assert "&amp; 整改" in html


def test_overlapping_spans_stay_nested():
    from xml.etree import ElementTree

    from safetydocs.model import Assignment, Deadline, Document, Task

    text = "A & B must do X by June 30, 2024; <C> too."
    tasks = [
        Task(id="t1", text=text[0:33], span=(0, 33),
             assignments=[Assignment(department="A", mention="A", role="lead", span=(0, 1))],
             deadline=Deadline(text="by June 30, 2024", date=None, kind="date", span=(17, 33))),
        Task(id="t2", text=text[10:42], span=(10, 42)),   # overlaps t1
        Task(id="t3", text=text[12:20], span=(12, 20)),   # inside t1: an empty, still-anchored mark
    ]
    document = Document(source="<test>", language="en", text=text, tasks=tasks)
    html = render(document, fmt="html")
    block = html[html.index('<div class="source">'):html.rindex("</div>") + len("</div>")]
    root = ElementTree.fromstring(block)  # well-formed: every element closes inside its parent
    assert [m.get("id") for m in root.iter("mark")] == ["span-t1", "span-t2", "span-t3"]
    assert source_text(html) == text
    assert "&lt;C&gt;" in block and "&amp; B" in block
