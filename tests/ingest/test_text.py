"""Plain text: encodings in a fixed order, binary and empty input rejected."""
from __future__ import annotations

import pytest

from safetydocs.errors import BinaryInput, EmptyInput, UndecodableText
from safetydocs.ingest import read
from tests.fixtures.builders import (
    SIMPLIFIED_NOTICE,
    TRADITIONAL_NOTICE,
    write_binary_garbage,
    write_empty,
    write_high_byte_garbage,
    write_text,
)


@pytest.mark.parametrize(
    ("encoding", "recorded"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gbk", "gb18030"), ("gb18030", "gb18030"),
     ("utf-16", "utf-16-le")],
)
def test_simplified_notice_in_common_encodings(tmp_path, encoding, recorded):
    path = write_text(tmp_path / "notice.txt", SIMPLIFIED_NOTICE, encoding=encoding)
    raw = read(path)
    assert raw.text == SIMPLIFIED_NOTICE
    assert raw.encoding == recorded
    assert raw.kind == "text"
    assert "\ufeff" not in raw.text


@pytest.mark.parametrize("encoding", ["big5", "utf-8"])
def test_traditional_notice(tmp_path, encoding):
    path = write_text(tmp_path / "notice.txt", TRADITIONAL_NOTICE, encoding=encoding)
    raw = read(path)
    assert raw.text == TRADITIONAL_NOTICE
    assert raw.encoding == encoding
    assert raw.title == "關於加強汛期安全生產工作的通知"


def test_gbk_is_not_misread_as_big5(tmp_path):
    # Short GBK texts are where charset detectors guess Big5.
    text = "安全生产责任制\n落实整改措施\n"
    raw = read(write_text(tmp_path / "short.txt", text, encoding="gbk"))
    assert raw.text == text


def test_newlines_are_normalised(tmp_path):
    path = write_text(tmp_path / "crlf.txt", "第一行\r\n第二行\r第三行\r\n\r\n\r\n\r\n第四段\r\n")
    raw = read(path)
    assert raw.text == "第一行\n第二行\n第三行\n\n第四段\n"


def test_title_guess(tmp_path):
    raw = read(write_text(tmp_path / "a.txt", SIMPLIFIED_NOTICE))
    assert raw.title == "关于加强汛期安全生产工作的通知"
    md = read(write_text(tmp_path / "a.md", "# 安全生产大检查方案\n\n正文内容。\n"))
    assert md.title == "安全生产大检查方案"


@pytest.mark.parametrize(
    "text",
    ["只有一行的文件，没有标题\n", "各区安委会：为切实做好安全生产工作，现通知如下。\n正文。\n", "x" * 80 + "\nbody\n"],
)
def test_no_title_when_unsure(tmp_path, text):
    assert read(write_text(tmp_path / "a.txt", text)).title is None


def test_binary_garbage(tmp_path):
    path = write_binary_garbage(tmp_path / "blob.txt")
    with pytest.raises(BinaryInput) as info:
        read(path)
    assert str(path) in str(info.value)
    assert info.value.code == "SD104"


def test_high_byte_garbage_is_not_decoded(tmp_path):
    # No NULs or control bytes: GB18030 nearly decodes this, the
    # after-decoding check must catch it.
    path = write_high_byte_garbage(tmp_path / "junk.txt")
    with pytest.raises(UndecodableText) as info:
        read(path)
    assert str(path) in str(info.value)


def test_control_characters_mean_binary(tmp_path):
    path = write_empty(tmp_path / "ctl.txt", content=bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 50 + "安全".encode())
    with pytest.raises(BinaryInput):
        read(path)


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n", "\u3000\u3000\n".encode()])
def test_empty_input(tmp_path, content):
    path = write_empty(tmp_path / "empty.txt", content=content)
    with pytest.raises(EmptyInput) as info:
        read(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(tmp_path, encoding):
    path = write_text(tmp_path / "notice.txt", SIMPLIFIED_NOTICE, encoding=encoding)
    raw = read(path)
    assert raw.text == SIMPLIFIED_NOTICE
    assert raw.encoding == encoding
