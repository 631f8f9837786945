"""Language detection: Chinese or English, from the share of Han characters."""
from __future__ import annotations

from typing import Literal


def detect_language(text: str) -> Literal["zh", "en"]:
    sample = text[:20000]
    han = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    latin = sum(1 for ch in sample if ch.isascii() and ch.isalpha())
    # One Han character carries about as much as one English word (~5 letters).
    return "zh" if han * 5 >= latin else "en"
