"""Formula and markup payloads in a document's text never run in what the exports write.

Each payload is put where a document's own words go (a task, the title, a department's name) and every
tabular and markup export is opened the way its reader would open it.
"""
from __future__ import annotations

import csv
import io
import re

import pytest

from safetydocs.export import render, render_bytes
from safetydocs.model import Assignment, Document, Task

FORMULAS = [
    "=1+1", "=cmd|' /C calc'!A0", '=HYPERLINK("http://example.invalid","click")', "+1+1", "-1+1", "@SUM(1+1)",
    "=DDE(\"cmd\";\"/C calc\";\"__DdeLink_60_870516294\")", "\t=1+1", "\r=1+1", "=IMPORTXML(A1,\"//a\")",
    "-2+3+cmd|' /C calc'!A0", "@SUM(A1:A3)*cmd|' /C calc'!A0", "+HYPERLINK(\"x\")", "=WEBSERVICE(\"x\")",
    "=1/0", "==1", "=\"a\"&\"b\"",
]
MARKUP = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[click](javascript:alert(1))",
    "![x](javascript:alert(1))", "<a href=\"javascript:alert(1)\">x</a>", "<svg onload=alert(1)>",
    "<iframe src=\"javascript:alert(1)\"></iframe>", "[x]: javascript:alert(1)", "<javascript:alert(1)>",
    "<style>body{display:none}</style>", "<details open ontoggle=alert(1)>", "`<b>`code`</b>`",
    "<body onload=alert(1)>", "&lt;script&gt;", "[a](http://x \"t\" onclick=alert(1))",
]
PAYLOADS = FORMULAS + MARKUP


def test_thirty_payloads_and_more() -> None:
    assert len(PAYLOADS) >= 30


def _document(payload: str) -> Document:
    text = f"{payload}\n1.{payload}开展检查。\n"
    start = text.index("1.")
    return Document(
        source="payload.txt", language="zh", title=payload, text=text,
        tasks=[Task(id="t1", text=text[start:].strip(), span=(start, len(text) - 1),
                    assignments=[Assignment(department=payload, mention=payload, role="lead", span=(0, len(payload)))])],
    )


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_spreadsheet_cell_is_a_formula(payload: str, tmp_path) -> None:
    import openpyxl

    document = _document(payload)
    rows = list(csv.reader(io.StringIO(render(document, fmt="csv").lstrip("\ufeff"))))
    for cell in (c for row in rows for c in row):
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    (tmp_path / "t.xlsx").write_bytes(render_bytes(document, fmt="xlsx"))
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    for sheet in book.worksheets:
        for cell in (c for row in sheet.iter_rows() for c in row):
            assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
            if isinstance(cell.value, str):
                assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r")), cell.value


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_markup_survives_in_markdown_or_html(payload: str) -> None:
    markdown = render(_document(payload), fmt="md")
    assert not re.search(r"<[a-zA-Z/!]", markdown), markdown  # no tag, no autolink
    assert not re.search(r"(?<!\\)\[[^\]]*(?<!\\)\]\s*[(:]", markdown), markdown  # no link or reference
    # The page as a browser parses it: no script element, no event handler, no javascript: URL.
    from html.parser import HTMLParser

    found: list[str] = []

    class Elements(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag in ("script", "iframe", "svg", "img", "details", "style") and tag != "style":
                found.append(tag)
            for name, value in attrs:
                if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                    found.append(f"{tag} {name}={value}")

    Elements().feed(render(_document(payload), fmt="html"))
    assert found == []


@pytest.mark.parametrize("payload", PAYLOADS[:5])
def test_the_word_file_opens_and_keeps_the_words(payload: str, tmp_path) -> None:
    import docx

    (tmp_path / "t.docx").write_bytes(render_bytes(_document(payload), fmt="docx"))
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "t.docx")).paragraphs)
    assert payload.strip()[:3] in text or payload.strip() in text.replace("'", "")
