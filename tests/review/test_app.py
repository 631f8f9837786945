"""The review pages through Flask's test client: every state change needs the CSRF token, every document string
comes back escaped, uploads are checked for size and type and never touch the file system by the client's name."""
from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from safetydocs.model import Assignment, Department, Document, Task
from safetydocs.review import ReviewStore
from safetydocs.review.app import create_app

PAYLOADS = [line for line in (Path(__file__).parent / "xss_payloads.txt").read_text(encoding="utf-8").splitlines()
            if line.strip()]
# The tags and scripts the pages themselves write; anything else in a page came from a document.
OUR_TAGS = {"html", "head", "meta", "title", "link", "script", "body", "header", "a", "form", "input", "label",
            "button", "ul", "li", "main", "h1", "h2", "p", "div", "span", "section", "pre", "ol", "article", "b",
            "details", "summary", "select", "option", "datalist", "table", "thead", "tbody", "tr", "th", "td",
            "noscript", "code", "nav", "textarea"}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, dict(attrs)))


def live_markup(page: str) -> list[str]:
    """What in a page could run or load: a tag we never write, an event handler, a script or a javascript: URL."""
    parser = _Tags()
    parser.feed(page)
    found = []
    for tag, attrs in parser.tags:
        if tag not in OUR_TAGS:
            found.append(f"<{tag}>")
        found += [f"{tag}[{name}]" for name in attrs if name.startswith("on")]
        found += [f"{tag}[{name}={value}]" for name, value in attrs.items()
                  if name in ("href", "src", "action", "data") and value and "javascript:" in value.lower()]
        if tag == "script" and not attrs.get("src", "").startswith("/static/"):
            found.append("inline <script>")
    return found


@pytest.fixture
def store(tmp_path):
    return ReviewStore(tmp_path / "review.sqlite")


def client_and_token(store, **kwargs):
    client = create_app(store=store, reviewer="ann", **kwargs).test_client()
    page = client.get("/").get_data(as_text=True)
    return client, re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)


def test_thirty_payloads_and_more() -> None:
    assert len(PAYLOADS) >= 30


def _payload_document(payload: str) -> Document:
    text = f"{payload}\n1.{payload}负责开展检查。\n"
    start = text.index("1.")
    return Document(source=payload, language="zh", title=payload, text=text,
                    departments=[Department(id="d", name=payload, mentions=[payload], spans=[(0, len(payload))])],
                    tasks=[Task(id="t1", text=text[start:-1], span=(start, len(text) - 1), confidence=0.3,
                                industries=["fire_safety"],
                                assignments=[Assignment(department=payload, mention=payload, role="lead",
                                                        span=(0, len(payload)), confidence=0.3)])])


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_stay_inert_in_every_page(store, payload) -> None:
    doc_id = store.add(_payload_document(payload), data=payload.encode(), file_name=payload, reviewer=payload)
    client, token = client_and_token(store)
    client.post("/reviewer", data={"name": payload, "csrf_token": token})
    client.post(f"/doc/{doc_id}/correct", data={"op": "role.set", "task": "t1", "department": payload + "2",
                                                "role": "support", "csrf_token": token})
    for url in ("/", f"/doc/{doc_id}"):
        page = client.get(url).get_data(as_text=True)
        assert live_markup(page) == [], url
    if "{{" in payload:  # a document's text is data, never a template
        assert "{{" in client.get(f"/doc/{doc_id}").get_data(as_text=True).split("<main>")[1]


def test_every_state_change_needs_the_token(store, document) -> None:
    doc_id = store.add(document, data=b"x", file_name="n.txt", reviewer="ann")
    client, token = client_and_token(store)
    posts = [("/reviewer", {"name": "mallory"}), ("/upload", {}), (f"/doc/{doc_id}/undo", {}),
             (f"/doc/{doc_id}/correct", {"op": "task.delete", "task": "t1"})]
    for url, data in posts:
        assert client.post(url, data=data).status_code == 400
        assert client.post(url, data={**data, "csrf_token": "forged"}).status_code == 400
    assert store.history(doc_id) == []
    assert client.post(f"/doc/{doc_id}/correct", data={"op": "task.delete", "task": "t1",
                                                       "csrf_token": token}).status_code == 302
    assert [h.op for h in store.history(doc_id)] == ["task.delete"]


def test_pages_forbid_inline_scripts_and_framing(store) -> None:
    client, _ = client_and_token(store)
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["Content-Security-Policy"] and "unsafe-inline" not in \
        headers["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    assert headers["X-Frame-Options"] == "DENY" and headers["X-Content-Type-Options"] == "nosniff"


def test_upload_parses_and_lists_a_notice(store) -> None:
    client, token = client_and_token(store)
    text = "各区县：\n一、市应急管理局牵头，市公安局配合，6月底前完成危险化学品企业检查。\n临江市安委办\n2024年3月20日\n"
    response = client.post("/upload", data={"csrf_token": token, "file": (io.BytesIO(text.encode()), "通知.txt")},
                           content_type="multipart/form-data")
    assert response.status_code == 302 and response.headers["Location"].endswith("/doc/1")
    page = client.get("/doc/1").get_data(as_text=True)
    assert "市应急管理局" in page and "市公安局" in page
    listing = client.get("/").get_data(as_text=True)
    assert "通知.txt" in listing and "临江市安委办" in listing


@pytest.mark.parametrize("name, data, message", [
    ("virus.exe", b"MZ\x90\x00", "not a supported type"),
    ("notice.pdf", b"%PDF-1.4 broken", "SD1"),
    ("empty.txt", b"", "SD103"),
])
def test_bad_uploads_are_refused_with_a_reason(store, name, data, message) -> None:
    client, token = client_and_token(store)
    response = client.post("/upload", data={"csrf_token": token, "file": (io.BytesIO(data), name)},
                           content_type="multipart/form-data", follow_redirects=True)
    assert message in response.get_data(as_text=True) and store.documents() == []


def test_an_upload_over_the_limit_is_refused(store) -> None:
    client, token = client_and_token(store, max_upload=2_000)
    response = client.post("/upload", data={"csrf_token": token, "file": (io.BytesIO(b"x" * 5_000), "big.txt")},
                           content_type="multipart/form-data", follow_redirects=True)
    assert "larger than 2,000 bytes" in response.get_data(as_text=True) and store.documents() == []


def test_a_client_path_never_reaches_the_file_system(store, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    client, token = client_and_token(store)
    text = "一、市应急管理局负责开展危险化学品企业检查。\n".encode()
    client.post("/upload", data={"csrf_token": token, "file": (io.BytesIO(text), "../../../../tmp/evil.txt")},
                content_type="multipart/form-data")
    assert store.documents()[0].file_name == "evil.txt"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["review.sqlite", "review.sqlite-shm", "review.sqlite-wal"]
    assert client.post("/reviewer", data={"name": "x", "next": "//evil.invalid/", "csrf_token": token}
                       ).headers["Location"] == "/"


def test_exports_of_the_corrected_document(store, document) -> None:
    doc_id = store.add(document, data=b"x", file_name="n.txt", reviewer="ann")
    store.correct(doc_id, {"op": "role.set", "task": "t2", "department": "市公安局", "role": "support"}, reviewer="ann")
    client, _ = client_and_token(store)
    for fmt in ("xlsx", "docx", "csv", "md", "html", "json"):
        response = client.get(f"/doc/{doc_id}/export/{fmt}")
        assert response.status_code == 200
        assert response.headers["Content-Disposition"] == f'attachment; filename="review-{doc_id}.{fmt}"'
    assert "市公安局" in client.get(f"/doc/{doc_id}/export/csv").get_data(as_text=True)
    assert client.get(f"/doc/{doc_id}/export/exe").status_code == 404
    assert client.get("/doc/99").status_code == 404


def test_low_confidence_tasks_are_flagged_first(store, document) -> None:
    doc_id = store.add(document, data=b"x", file_name="n.txt", reviewer="ann")
    client, _ = client_and_token(store)
    page = client.get(f"/doc/{doc_id}").get_data(as_text=True)
    flagged = page.split('id="flagged"')[1].split("</div>")[0]
    assert "市住建局牵头" in flagged and "市应急管理局负责" not in flagged  # t1 holds a 0.5 support


def test_a_long_plans_page_stays_light(store) -> None:
    """A plan of 300 tasks and 60 departments: one form serves the whole matrix, so the page stays small."""
    text = "".join(f"{i}.第{i}项工作。\n" for i in range(1, 301))
    tasks, at = [], 0
    for i in range(1, 301):
        line = f"{i}.第{i}项工作。"
        tasks.append(Task(id=f"t{i}", text=line, span=(at, at + len(line)), assignments=[
            Assignment(department=f"第{i % 60}局", mention=f"第{i % 60}局", role="lead", span=(at, at + 1))]))
        at += len(line) + 1
    doc_id = store.add(Document(source="plan.txt", language="zh", text=text, tasks=tasks), data=b"plan",
                       file_name="plan.txt", reviewer="ann")
    client, _ = client_and_token(store)
    page = client.get(f"/doc/{doc_id}").get_data(as_text=True)
    assert page.count("<form") < 300 * 8 + 20 and len(page.encode()) < 2_500_000
    assert page.count('id="matrix-form"') == 1 and page.count("<td") >= 300 * 60
