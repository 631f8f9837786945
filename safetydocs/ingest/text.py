"""Plain text and Markdown, plus the byte decoding shared with the HTML reader.

Decoding order is fixed: BOM, strict UTF-8, strict GB18030, strict Big5, then
charset-normalizer. The fixed order comes first because charset-normalizer on
its own sometimes reads GBK notices as Big5 (both are double-byte encodings
over the same byte ranges). GB18030, though, decodes nearly any byte string,
including Big5 text and binary junk, so two guards surround it:

* before decoding, NUL bytes or many control bytes mean binary data;
* after decoding, a text with many characters no real document contains
  (private-use, unassigned, stray controls) is rejected, and between a
  GB18030 and a Big5 reading of the same bytes the one with fewer rare
  characters wins.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from typing import Optional

from ..errors import BinaryInput, EmptyInput, UncertainEncoding, UndecodableText
from .base import RawText

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Control bytes that do occur in text files (TAB, LF, FF, CR, ESC for old
# terminal captures); every other byte below 0x20 and DEL counts as binary.
_TEXT_CONTROLS = b"\t\n\r\f\x0b\x1b"
_CONTROL_BYTES = bytes(b for b in range(32) if b not in _TEXT_CONTROLS) + b"\x7f"
_ALL_BYTES = bytes(range(256))
_NON_CONTROL = bytes(b for b in range(256) if b not in _CONTROL_BYTES)

_SAMPLE = 1 << 16
_MAX_CONTROL_SHARE = 0.05  # of bytes, before decoding
_MAX_UNLIKELY_SHARE = 0.05  # of non-space characters, after decoding
_MAX_UTF16_UNLIKELY = 0.01  # stricter: a guess made without a BOM
# Real GB text stays inside GB2312 (and Big5 text inside its frequent block) for all but a few names;
# mojibake of another encoding is mostly outside.
_MAX_RARE_SHARE = 0.5


def _bom_encoding(data: bytes) -> Optional[str]:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    return None


def _utf16_without_bom(sample: bytes) -> tuple[str, ...]:
    """UTF-16 codecs to try on data with NULs but no BOM, likelier first.

    ASCII in UTF-16-LE puts NULs on odd bytes; Chinese mostly has NULs only in
    its ASCII (newlines, digits) plus a few on the other parity (U+4E00 一 is
    00 4E). So the parity holding more NULs picks the byte order; binary junk
    is then rejected by strict decoding (unpaired surrogates) or by the
    "unlikely characters" check.
    """
    if len(sample) < 4 or b"\x00" not in sample:
        return ()
    even_nuls, odd_nuls = sample[0::2].count(0), sample[1::2].count(0)
    if odd_nuls >= even_nuls:
        return ("utf-16-le", "utf-16-be")
    return ("utf-16-be", "utf-16-le")


def _check_not_binary(data: bytes, *, source: str) -> None:
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        raise BinaryInput(source, "contains NUL bytes")
    controls = len(sample) - len(sample.translate(_ALL_BYTES, _CONTROL_BYTES))
    if sample and controls / len(sample) > _MAX_CONTROL_SHARE:
        raise BinaryInput(source, f"{controls} control bytes in the first {len(sample)}")


def _unlikely(ch: str) -> bool:
    """A character no real notice contains: a sign the decoding is wrong."""
    if ch == "\ufffd":
        return True
    category = unicodedata.category(ch)
    if category == "Cc":
        return ch not in "\t\n\r\f\x0b\x1b"
    return category in ("Co", "Cn", "Cs")


def _unlikely_share(text: str) -> float:
    sample = "".join(text[:_SAMPLE].split())
    if not sample:
        return 0.0
    return sum(1 for ch in sample if _unlikely(ch)) / len(sample)


def _encodable(ch: str, codec: str) -> bool:
    try:
        ch.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def _rare_share(text: str, codec: str) -> float:
    """Share of CJK characters outside the everyday core of ``codec``.

    Big5 text read as GB18030 turns its punctuation into private-use
    characters and a third of its ideographs into GBK-extension rarities;
    real GB text stays inside GB2312. The "core" is codec structure, not a
    word list: GB2312 for GB18030, Big5's frequent-character block
    (lead bytes A4..C6) for Big5.
    """
    cjk = [ch for ch in text[:_SAMPLE] if ord(ch) >= 0x2E80 and not ch.isspace()]
    if not cjk:
        return 0.0
    if codec == "gb18030":
        rare = sum(1 for ch in cjk if _unlikely(ch) or not _encodable(ch, "gb2312"))
    else:
        rare = 0
        for ch in cjk:
            try:
                encoded = ch.encode("big5")
            except UnicodeEncodeError:
                rare += 1
                continue
            # Lead byte A1..A3 is Big5 punctuation/symbols, A4..C6 frequent hanzi.
            if len(encoded) == 2 and not (0xA1 <= encoded[0] <= 0xC6):
                rare += 1
    return rare / len(cjk)


def _strict(data: bytes, codec: str) -> Optional[str]:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _fallback(data: bytes) -> tuple[Optional[str], Optional[str]]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None, None
    return str(best), best.encoding


def decode_bytes(data: bytes, *, source: str, declared: Optional[str] = None) -> tuple[str, str]:
    """Bytes to text and the encoding used; raises BinaryInput/UndecodableText.

    ``declared`` is an encoding the container names (an HTML meta charset);
    it is tried right after a BOM, and ignored if it does not decode strictly.
    """
    bom = _bom_encoding(data)
    if bom is not None:
        text = _strict(data, bom)
        if text is None:
            raise UndecodableText(source, f"invalid {bom} after its byte-order mark")
        return text, bom

    if len(data) % 2 == 0:
        for codec in _utf16_without_bom(data[:_SAMPLE]):
            text = _strict(data, codec)
            if text is not None and _unlikely_share(text) <= _MAX_UTF16_UNLIKELY:
                return text, codec

    _check_not_binary(data, source=source)

    if declared:
        text = _strict(data, declared)
        if text is not None and _unlikely_share(text) <= _MAX_UNLIKELY_SHARE:
            return text, declared

    text = _strict(data, "utf-8")
    if text is not None:
        return text, "utf-8"

    readings = []
    for codec in ("gb18030", "big5"):
        text = _strict(data, codec)
        if text is not None and _unlikely_share(text) <= _MAX_UNLIKELY_SHARE:
            readings.append((_rare_share(text, codec), codec, text))
    if readings:
        # GB18030 first when it reads as everyday simplified text: Big5 also
        # decodes most GBK bytes, which is exactly the misreading to avoid.
        if readings[0][1] == "gb18030" and readings[0][0] <= 0.1:
            return readings[0][2], "gb18030"
        rare, codec, text = min(readings, key=lambda r: r[0])
        if rare > _MAX_RARE_SHARE:
            # Every Chinese reading is mostly rare characters: the bytes are some other encoding
            # (Shift-JIS, EUC-KR…) that GB18030 happens to accept. Say so rather than parse mojibake.
            _, guess = _fallback(data)
            raise UncertainEncoding(source, f"as {codec} {rare:.0%} of the characters are rare; "
                                    f"it looks like {guess or 'another encoding'}")
        return text, codec

    text, codec = _fallback(data)
    if text is None or codec is None:
        raise UndecodableText(source)
    if _unlikely_share(text) > _MAX_UNLIKELY_SHARE:
        raise UndecodableText(source, f"best guess {codec} gives garbage")
    return text, codec


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")


# A title is a short line that does not end like a sentence.
_SENTENCE_END = "。；;，,：:！!？?"
_MAX_TITLE = 60


def guess_title(lines: list[str]) -> Optional[str]:
    """The first non-empty line when it is short and not a sentence; else None."""
    non_empty = [line.strip() for line in lines if line.strip()]
    if len(non_empty) < 2:
        return None  # a one-line file: no way to tell title from content
    first = non_empty[0].lstrip("#").strip()
    if not first or len(first) > _MAX_TITLE or first[-1] in _SENTENCE_END:
        return None
    return first


def read(data: bytes, *, source: str) -> RawText:
    """Read a text or Markdown file's bytes."""
    if not data.strip():
        raise EmptyInput(source)
    text, encoding = decode_bytes(data, source=source)
    text = normalise_newlines(text).lstrip("\ufeff")
    if not text.strip():
        raise EmptyInput(source)
    # Keep the text as it is (offsets are only meaningful if nothing moves
    # much): trailing spaces go, runs of blank lines shrink to one blank line,
    # which still marks a paragraph break in hard-wrapped files.
    lines = [line.rstrip() for line in text.split("\n")]
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n") + "\n"
    return RawText(
        text=body, source=source, kind="text", title=guess_title(lines), encoding=encoding,
    )
