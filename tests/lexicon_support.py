"""Which language-data entries the training corpus supports, and which name a general source instead.

An entry of ``models/**/*.yaml`` (a list item, or a mapping key such as an abbreviation) is supported when it
occurs in a training document's text (regular expressions: when they match one), or when the data file names a
general source for its section under ``_sources`` (an official list or naming rule, keyed by the dotted path of
the section, e.g. ``national.name``). Anything else serves no document we can show: it was added for one text.
Used by tests/test_data.py and by ``python corpus/tools/lexicon_audit.py``.
"""
from __future__ import annotations

import fnmatch
import json
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from safetydocs.resources import load_yaml, models_dir
from safetydocs.structure.normalize import canonical

ROOT = Path(__file__).resolve().parent.parent
TRAIN = ROOT / "corpus" / "gold" / "train"
SOURCES_KEY = "_sources"
# Sections that hold regular expressions rather than words.
REGEX_KEYS = {"patterns", "passing_after"}
# Sections that are settings, not vocabulary (numbers, widths, lists of column kinds).
NOT_VOCABULARY = {"cue_gap_max", "parent"}


def data_files() -> list[str]:
    return sorted(p.relative_to(models_dir()).as_posix() for p in models_dir().rglob("*.yaml"))


def entries(data: object, path: str = "", *, record: bool = False) -> Iterator[tuple[str, str]]:
    """(dotted section path, entry) for every vocabulary entry of a data file.

    A list item that is a mapping is a record ({name: …, aliases: […]}): each field is its own section
    (``national.name``, ``national.aliases``). Any other mapping of words maps a word to another word or to a
    number (住建: 住房和城乡建设, 一季度: 3): its keys are the entries.
    """
    if isinstance(data, dict):
        for key, value in data.items():
            key = str(key)
            if key == SOURCES_KEY or key in NOT_VOCABULARY:
                continue
            child = f"{path}.{key}" if path else key
            if isinstance(value, list):
                yield from entries(value, child)
            elif isinstance(value, dict):
                yield from entries(value, child)
            elif isinstance(value, str) and (record or not path or (key.isascii() and "_" in key)):
                yield child, value  # a record's field, or a top-level setting written as one string (a regex)
            elif isinstance(value, str):
                yield path, key  # a word mapped to its full form (住建: 住房和城乡建设): the word is the entry
            elif value is not None and path:
                yield path, key
    elif isinstance(data, list):
        for item in data:
            if isinstance(item, dict):
                yield from entries(item, path, record=True)
            elif isinstance(item, list):
                yield from entries(item, path)
            elif isinstance(item, str):
                yield path, item


@lru_cache(maxsize=1)
def training_texts() -> tuple[str, str]:
    """The training documents' texts, Chinese and English, each joined (canonical form; English lower case)."""
    zh, en = [], []
    for path in sorted(TRAIN.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        (zh if doc["lang"] == "zh" else en).append(canonical(doc["text"]))
    return "\n".join(zh), "\n".join(en).lower()


def is_regex(section: str) -> bool:
    last = section.rsplit(".", 1)[-1]
    parts = section.split(".")
    return last in REGEX_KEYS or last.endswith("_regex") or parts[0] == "exclude"


def occurs(entry: str, section: str) -> bool:
    zh, en = training_texts()
    if is_regex(section):
        try:
            pattern = re.compile(entry, re.IGNORECASE)
        except re.error:
            return False
        return bool(pattern.search(zh) or pattern.search(en))
    key = canonical(entry)
    return key in zh or key.lower() in en


def sourced(section: str, entry: str, sources: dict) -> bool:
    """Whether ``_sources`` covers the entry: a section (glob) named with a source text covers all of it;
    one named with ``{source: …, entries: […]}`` covers the entries it lists."""
    for pattern, source in sources.items():
        if not (fnmatch.fnmatchcase(section, pattern) or section.startswith(pattern + ".")):
            continue
        if isinstance(source, str) or entry in (source.get("entries") or []):
            return True
    return False


def unsupported(name: str) -> list[tuple[str, str]]:
    """Entries of one data file that neither occur in the training texts nor name a source."""
    data = load_yaml(name)
    sources = data.get(SOURCES_KEY) or {}
    return [(section, entry) for section, entry in entries(data)
            if not sourced(section, entry, sources) and not occurs(entry, section)]
