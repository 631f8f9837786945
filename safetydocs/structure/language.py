"""Language detection: Chinese or English, from the share of Han characters."""
from __future__ import annotations

import re
from typing import Literal

_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")


def detect_language(text: str) -> Literal["zh", "en"]:
    sample = text[:20000]
    han = len(_HAN.findall(sample))
    latin = len(_LATIN.findall(sample))
    # One Han character carries about as much as one English word (~5 letters).
    return "zh" if han * 5 >= latin else "en"
