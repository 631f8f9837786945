"""The review pages driven in headless Chromium (the `page` fixture of tests/conftest.py)."""
from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from safetydocs.review import ReviewStore

pytestmark = pytest.mark.slow

NOTICE = """关于开展燃气安全专项检查的通知
各区县，市有关部门：
一、市住房城乡建设局牵头，市应急管理局配合，6月底前完成城镇燃气管网隐患排查。
二、市市场监管局负责液化石油气钢瓶充装单位检查，9月底前完成。
三、市燃气管理处要督促燃气企业建立隐患台账。
四、各区县要加强宣传教育，营造良好氛围。
五、燃气处牵头组织应急演练。
临江市安全生产委员会办公室
2024年3月20日
"""


@pytest.fixture
def server(tmp_path):
    from werkzeug.serving import make_server

    from safetydocs.review.app import create_app

    store = ReviewStore(tmp_path / "review.sqlite")
    httpd = make_server("127.0.0.1", 0, create_app(store=store, reviewer="ann"), threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}", store
    httpd.shutdown()


def _task(page, text: str):
    return page.locator("article.task", has_text=text)


def _select_in_source(page, words: str) -> None:
    page.evaluate("""(words) => {
        for (const segment of document.querySelectorAll('#source .seg')) {
            const node = segment.firstChild;
            const at = node ? node.textContent.indexOf(words) : -1;
            if (at >= 0) {
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + words.length);
                const selection = window.getSelection();
                selection.removeAllRanges();
                selection.addRange(range);
                return;
            }
        }
        throw new Error('not in the source: ' + words);
    }""", words)


def test_review_a_chinese_notice_end_to_end(server, page, tmp_path) -> None:
    import openpyxl

    url, store = server
    notice = tmp_path / "燃气检查通知.txt"
    notice.write_text(NOTICE, encoding="utf-8")

    # upload it and see its tasks
    page.goto(url)
    page.set_input_files("#upload-file", str(notice))
    page.click("#upload-button")
    page.wait_for_url(f"{url}/doc/1")
    assert page.locator("article.task").count() == 5
    assert "市住房和城乡建设局" in _task(page, "城镇燃气管网").inner_text()

    # a click on a task shows its source
    _task(page, "液化石油气").locator("a.tasktext").click()
    assert "液化石油气" in "".join(page.locator("#source .seg.focus").all_inner_texts())

    # switch a role: 市应急管理局 from support to lead
    first = _task(page, "城镇燃气管网")
    first.locator(".role.support[data-department='市应急管理局'] button.switch").click()
    assert _task(page, "城镇燃气管网").locator(".role.lead[data-department='市应急管理局']").count() == 1

    # fix a deadline
    third = _task(page, "隐患台账")
    third.locator("summary").click()
    third.locator("form.deadline input[name=text]").fill("9月底前")
    third.locator("form.deadline input[name=date]").fill("2024-09-30")
    third.locator("form.deadline button.save-deadline").click()
    assert _task(page, "隐患台账").locator("form.deadline input[name=date]").input_value() == "2024-09-30"

    # add a missed task from a selection in the source text
    _select_in_source(page, "营造良好氛围")
    page.click("#add-task-form .use-selection")
    page.click("#add-task")
    assert page.locator("article.task").count() == 6
    assert page.locator("article.task a.tasktext", has_text="营造良好氛围").count() == 2

    # merge two names of one body
    page.select_option("#merge-source", "燃气处")
    page.select_option("#merge-target", "市燃气管理处")
    page.click("#merge")
    assert _task(page, "应急演练").locator(".role.lead[data-department='市燃气管理处']").count() == 1
    assert store.aliases() == [("燃气处", "市燃气管理处", "zh")]

    # the matrix grid: a cell set in place (a click gives an empty cell the lead, a second click support)
    first_column = page.inner_text("#matrix thead th:nth-child(3)")
    for role in ("lead", "support"):
        with page.expect_navigation():
            page.locator("#matrix tr", has_text="液化石油气").locator("td").nth(2).click()
        assert page.locator("#matrix tr", has_text="液化石油气").locator("td").nth(2).get_attribute("class") == role
    assert first_column in _task(page, "液化石油气").locator(".role.support").last.inner_text()

    # mark it reviewed, export xlsx and read the file
    page.click("#mark-reviewed")
    assert page.inner_text("#review-state") == "reviewed by ann"
    with page.expect_download() as download:
        page.click("#export-xlsx")
    saved = tmp_path / "review.xlsx"
    download.value.save_as(saved)
    cells = [str(c.value) for sheet in openpyxl.load_workbook(saved).worksheets for row in sheet.iter_rows()
             for c in row if c.value is not None]
    assert any("市燃气管理处" in c for c in cells) and not any(c == "燃气处" for c in cells)
    assert any("9月底前" in c for c in cells)

    if os.environ.get("SAFETYDOCS_SCREENSHOTS"):  # the README's pictures
        folder = Path(os.environ["SAFETYDOCS_SCREENSHOTS"])
        page.screenshot(path=str(folder / "review-document.png"))
        page.locator(".matrixcol").screenshot(path=str(folder / "review-matrix.png"))

    # reload: every change kept
    page.reload()
    assert page.locator("article.task").count() == 6
    assert _task(page, "城镇燃气管网").locator(".role.lead[data-department='市应急管理局']").count() == 1
    assert page.inner_text("#review-state") == "reviewed by ann"

    # undo one: the review mark
    page.click("#undo")
    assert page.inner_text("#review-state") == "not reviewed"
    page.goto(url)
    assert "no" in page.locator("#documents tbody tr").first.inner_text()
    history = [(h.op, h.undone) for h in store.history(1)]
    assert history[-1] == ("document.reviewed", True) and ("department.merge", False) in history
