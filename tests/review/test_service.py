from __future__ import annotations

import zipfile

from safetydocs.review import ReviewStore
from safetydocs.review.service import add_files, is_loopback

TEXT = "各区县：\n一、市应急管理局牵头，市公安局配合，6月底前完成危险化学品企业检查。\n2024年3月20日\n"


def test_files_folders_and_zips_are_added_and_failures_reported(tmp_path) -> None:
    folder = tmp_path / "notices"
    (folder / "2024").mkdir(parents=True)
    (folder / "2024" / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "b.txt").write_text(TEXT.replace("6月", "9月"), encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "more.zip", "w") as archive:
        archive.writestr("c.txt", TEXT.replace("6月", "10月"))
    (tmp_path / "empty.txt").write_bytes(b"")
    store = ReviewStore(tmp_path / "r.sqlite")
    lines: list[str] = []
    added = add_files(store, [str(folder), str(tmp_path / "more.zip"), str(tmp_path / "empty.txt"),
                              str(tmp_path / "missing.pdf")], reviewer="ann", report=lines.append)
    assert len(added) == 3 and sorted(d.file_name for d in store.documents()) == ["a.txt", "b.txt", "c.txt"]
    assert [line.split("[")[-1] for line in lines] == ["SD103]", "SD101]"]
    assert all(line.startswith("error: ") and "\n" not in line for line in lines)


def test_the_page_serves_the_parsers_own_output(tmp_path, document) -> None:
    from safetydocs.review.app import create_app

    store = ReviewStore(tmp_path / "r.sqlite")
    store.add(document, data=b"x", file_name="n.txt", reviewer="ann")
    store.correct(1, {"op": "task.delete", "task": "t1"}, reviewer="ann")
    client = create_app(store=store).test_client()
    assert '"id": "t1"' in client.get("/doc/1/parsed.json").get_data(as_text=True)
    assert '"id": "t1"' not in client.get("/doc/1/export/json").get_data(as_text=True)


def test_loopback_addresses() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5") and not is_loopback("example.org")
