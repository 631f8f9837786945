"""The language pipelines: one spaCy pipeline per language, built once per process.

Chinese uses ``spacy.blank("zh")`` with the jieba segmenter, English
``spacy.blank("en")``; no model download is ever needed. jieba and spaCy are
imported here, lazily, so ``import safetydocs`` stays light.
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc


@lru_cache(maxsize=1)
def _jieba():
    try:
        import jieba
    except ImportError as exc:  # pragma: no cover - declared dependency
        raise ImportError("Chinese text needs jieba: pip install jieba") from exc
    import logging

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def segment(text: str) -> list[str]:
    """jieba's precise-mode words of ``text``."""
    return _jieba().lcut(text)


def tag(text: str) -> list[tuple[str, str]]:
    """jieba's words of ``text`` with their part-of-speech flags (ICTCLAS tag set: n, ns, nr, v, p...).

    Slower than :func:`segment`; used on short candidate names only.
    """
    _jieba()
    import jieba.posseg

    return [(pair.word, pair.flag) for pair in jieba.posseg.lcut(text)]


@lru_cache(maxsize=2)
def pipeline(language: str) -> "Language":
    """The spaCy pipeline for ``language`` ("zh" or "en"): blank, plus the rule components."""
    import spacy

    from .extract import department_ruler  # noqa: F401 - registers the component factory

    if language == "zh":
        _jieba()  # configure logging and load the dictionary once
        tag("")  # and the part-of-speech tables, which the name rules use on most notices: at start-up, once
        nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    else:
        nlp = spacy.blank("en")
    nlp.add_pipe("safetydocs_departments")
    nlp.initialize()
    # spaCy refuses texts over 1,000,000 characters to protect parsers and NER, which need memory per
    # token pair; this pipeline is a tokenizer and a rule component, linear in the text. Long plans are
    # processed whole; --max-chars (safetydocs.limits) is the bound.
    nlp.max_length = 10**9
    return nlp


def analyse(text: str, canon: str, *, language: str) -> "Doc":
    """Run the pipeline once over the canonical text; the original text rides along for mentions."""
    from .extract.department_ruler import CANONICAL_TEXT, SOURCE_TEXT

    nlp = pipeline(language)
    doc = nlp.make_doc(canon)
    doc.user_data[SOURCE_TEXT] = text
    doc.user_data[CANONICAL_TEXT] = canon
    return nlp(doc)


@lru_cache(maxsize=8)
def phrase_matcher(language: str, key: str, phrases: tuple[str, ...]) -> "PhraseMatcher":
    """A PhraseMatcher for cue phrases, matched on lower-cased tokens."""
    from spacy.matcher import PhraseMatcher

    nlp = pipeline(language)
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add(key, list(nlp.tokenizer.pipe(phrases)))
    return matcher
