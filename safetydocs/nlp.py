"""The language pipelines: one spaCy pipeline per language, built once per process.

Chinese uses ``spacy.blank("zh")`` with the jieba segmenter, English
``spacy.blank("en")``; no model download is ever needed. jieba and spaCy are
imported here, lazily, so ``import safetydocs`` stays light.
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

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


@lru_cache(maxsize=2)
def pipeline(language: str) -> "Language":
    """The blank spaCy pipeline for ``language`` ("zh" or "en")."""
    import spacy

    if language == "zh":
        _jieba()  # configure logging and load the dictionary once
        return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    return spacy.blank("en")


@lru_cache(maxsize=8)
def phrase_matcher(language: str, key: str, phrases: tuple[str, ...]) -> "PhraseMatcher":
    """A PhraseMatcher for cue phrases, matched on lower-cased tokens."""
    from spacy.matcher import PhraseMatcher

    nlp = pipeline(language)
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add(key, list(nlp.tokenizer.pipe(phrases)))
    return matcher


def docs(language: str, texts: Iterable[str]) -> Iterable["Doc"]:
    return pipeline(language).pipe(texts)
