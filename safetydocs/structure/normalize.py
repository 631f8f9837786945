"""A canonical, same-length view of the text for matching.

Rules and gazetteers are written once, against one form: simplified
characters and ASCII punctuation for （）：；，！？ and full-width letters and
digits. The canonical text has exactly the length of the source, character
for character, so an offset found in it is an offset into the source.
"""
from __future__ import annotations

from functools import lru_cache

# Full-width forms U+FF01..U+FF5E map one-to-one onto ASCII U+0021..U+007E.
_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20  # ideographic space
_FULLWIDTH[0x00A0] = 0x20  # no-break space, frequent in web pages


@lru_cache(maxsize=1)
def _t2s():
    try:
        import opencc
    except ImportError as exc:  # pragma: no cover - opencc is a declared dependency
        raise ImportError("traditional Chinese needs opencc: pip install opencc") from exc
    return opencc.OpenCC("t2s")


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def to_simplified(text: str) -> str:
    """Traditional to simplified, keeping the length (falls back per character)."""
    if not _has_cjk(text):
        return text
    converter = _t2s()
    converted = converter.convert(text)
    if len(converted) == len(text):
        return converted
    # Phrase-level conversion changed the length somewhere: convert line by
    # line, and character by character on the lines that still differ.
    lines = text.split("\n")
    out = []
    for line in lines:
        done = converter.convert(line)
        if len(done) != len(line):
            done = "".join(c if len(c2 := converter.convert(c)) != 1 else c2 for c in line)
        out.append(done)
    return "\n".join(out)


def fold_punctuation(text: str) -> str:
    return text.translate(_FULLWIDTH)


def canonical(text: str) -> str:
    """Simplified characters and ASCII-folded punctuation, same length as ``text``."""
    result = to_simplified(fold_punctuation(text))
    assert len(result) == len(text), "canonical form must keep offsets"
    return result
