"""The spaCy component that finds departments: ``doc.spans["departments"]``.

It runs the gazetteer rules of :mod:`.departments` over the document's
characters and snaps each mention to the jieba (or English) tokens of the
``Doc``, so mentions that jieba splits (由县/应急/管理局, 报市/安办) are still
found whole. Overlapping candidates are resolved before they are stored; the
exact character mentions stay in ``doc.user_data["safetydocs.mentions"]`` as rows of plain values
(:meth:`.departments.Mention.as_row`; ``safetydocs.nlp.mentions_of(doc)`` gives them back as mentions), so the
Doc goes through ``DocBin``, ``to_bytes`` and ``nlp.pipe(n_process=...)``.

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("safetydocs_departments")
    doc = nlp("请市应急局、市公安局按职责分工负责")
    [(s.text, s.label_, s.kb_id_) for s in doc.spans["departments"]]
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterable, Optional

import srsly
from spacy.language import Language
from spacy.tokens import Doc

from ..nlp import CANONICAL_TEXT, MENTIONS, SOURCE_TEXT, split_words, word_tokens
from .departments import _en_rules, _zh_rules, find_mentions

__all__ = ["CANONICAL_TEXT", "MENTIONS", "SOURCE_TEXT", "DepartmentRuler", "make_department_ruler"]


@Language.factory("safetydocs_departments", default_config={"spans_key": "departments"})
def make_department_ruler(nlp: Language, name: str, spans_key: str) -> "DepartmentRuler":
    return DepartmentRuler(nlp, name, spans_key=spans_key)


class DepartmentRuler:
    """Departments and collectives as labelled spans (label ``body`` or ``collective``, kb_id the canonical name)."""

    def __init__(self, nlp: Language, name: str = "safetydocs_departments", *, spans_key: str = "departments") -> None:
        self.name = name
        self.language = nlp.lang
        self.spans_key = spans_key

    def initialize(self, get_examples: Optional[Callable[[], Iterable[Any]]] = None, *,
                   nlp: Optional[Language] = None) -> None:
        """Compile the gazetteer rules from ``models/<lang>/`` now instead of on the first document."""
        (_zh_rules if self.language == "zh" else _en_rules)()

    def __call__(self, doc: Doc) -> Doc:
        # Doc.text is rebuilt from the tokens on every access: take it once, or from the caller.
        canon = doc.user_data.get(CANONICAL_TEXT) or doc.text
        text = doc.user_data.get(SOURCE_TEXT) or canon
        tokenizer = (word_tokens([t.text for t in doc], doc.to_array("IDX").tolist())
                     if self.language == "zh" else None)
        mentions = find_mentions(text, canon=canon, language=self.language, tokenizer=tokenizer)
        doc.user_data[MENTIONS] = [mention.as_row() for mention in mentions]  # plain values: a Doc serialises them
        doc = _split_at(doc, {offset for m in mentions for offset in m.span})
        spans = []
        for mention in mentions:
            span = doc.char_span(mention.span[0], mention.span[1], label=mention.kind, kb_id=mention.name,
                                 alignment_mode="strict")
            if span is not None:
                spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        # The gazetteer itself ships in the package's data folder; only the settings are saved.
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "cfg.json", {"spans_key": self.spans_key})

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "DepartmentRuler":
        self.spans_key = srsly.read_json(Path(path) / "cfg.json")["spans_key"]
        return self


_ANNOTATIONS = ("TAG", "POS", "MORPH", "LEMMA", "DEP", "ENT_IOB", "SENT_START")


def _split_at(doc: Doc, offsets: set[int]) -> Doc:
    """Split the tokens that a mention boundary falls inside (jieba's 请市 before 住建局), so that
    every span in ``doc.spans`` is exactly its mention and the word before it is a token of its own.

    A Doc that holds only its words (the pipeline's: this component runs right after the tokenizer) is built
    again from the split words, in one pass over arrays; spaCy's retokenizer moves the whole Doc for each split,
    which made a 200-page plan's hundreds of splits quadratic. A Doc that other components annotated is
    retokenized."""
    import numpy
    from spacy.attrs import IDX, LENGTH, SPACY

    if not offsets or not len(doc):
        return doc
    ordered = numpy.array(sorted(offsets))
    columns = doc.to_array([IDX, LENGTH, SPACY]).astype(numpy.int64)
    starts, lengths, spaced = columns[:, 0], columns[:, 1], columns[:, 2]
    # the offsets strictly inside each token: ordered[first:last]
    first = numpy.searchsorted(ordered, starts, side="right")
    last = numpy.searchsorted(ordered, starts + lengths, side="left")
    split = numpy.nonzero(first < last)[0]
    if not len(split):
        return doc
    if not doc.spans and not any(doc.has_annotation(name) for name in _ANNOTATIONS):
        text = doc.user_data.get(CANONICAL_TEXT) or doc.text
        word_starts = starts.tolist()
        words, cut_starts = split_words([text[a:a + n] for a, n in zip(word_starts, lengths.tolist())],
                                        word_starts, offsets)
        # a piece of a split word has no space after it; the last piece keeps the word's
        spaced_after = {a + n for a, n, space in zip(word_starts, lengths.tolist(), spaced.tolist()) if space}
        spaces = [a + len(w) in spaced_after for a, w in zip(cut_starts, words)]
        return Doc(doc.vocab, words=words, spaces=spaces, user_data=doc.user_data)
    cuts: list[tuple[Any, list[int]]] = [
        (doc[i], [int(o) - int(starts[i]) for o in ordered[first[i]:last[i]]]) for i in split.tolist()]
    with doc.retokenize() as retokenizer:
        for token, inside in cuts:
            bounds = [0, *inside, len(token.text)]
            orths = [token.text[a:b] for a, b in zip(bounds, bounds[1:])]
            # No parser runs here: each piece heads itself.
            retokenizer.split(token, orths, heads=[(token, i) for i in range(len(orths))])
    return doc
