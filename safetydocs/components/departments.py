"""``safetydocs_departments``: bodies and collectives, ``doc.spans["departments"]``.

The name grammar and gazetteer of :mod:`safetydocs.extract.departments` run over the text's characters (so names
that the tokenizer splits, 由县/应急/管理局 or 报市/安办, are found whole); with them the bodies that stand in a 牵头单位
cell or a responsibility note, the addressees, and short forms and references resolved. Collectives (各地区、各部门,
relevant departments) are found by the same grammar in the same pass: they compete with bodies for the same words
(各县区应急局 is every county's bureau, not one), so one component decides both.

Each mention becomes a span whose label is its kind and whose kb_id is its canonical name; a token that a mention
boundary falls inside is split there, so every span is exactly its mention. Bodies are also ``doc.ents`` (label
``ORG``) when no other component has set entities.

    nlp = spacy.blank("zh")
    nlp.add_pipe("safetydocs_departments")
    doc = nlp("请市应急局、市公安局按职责分工负责")
    [(s.text, s.label_, s.kb_id_) for s in doc.spans["departments"]]
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.language import Language

from . import DocSheet, StageComponent

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


@Language.factory("safetydocs_departments", default_config={"spans_key": "departments", "set_ents": True},
                  assigns=["doc._.sd_mentions", "doc.spans", "doc.ents"])
def make_departments(nlp: Language, name: str, spans_key: str, set_ents: bool) -> "DepartmentsComponent":
    return DepartmentsComponent(nlp, name, spans_key=spans_key, set_ents=set_ents)


class DepartmentsComponent(StageComponent):
    stage = "departments"
    settings = ("spans_key", "set_ents")
    spans_key: str
    set_ents: bool

    def annotate(self, doc: "Doc", sheet: DocSheet) -> "Doc":
        from ..analysis import split_doc

        rows = sheet["mentions"]  # start, end, text, name, kind, level, place, organ
        doc = split_doc(doc, {offset for row in rows for offset in row[:2]})
        spans = []
        for start, end, _, name, kind, *_ in rows:
            span = doc.char_span(start, end, label=kind, kb_id=name, alignment_mode="strict")
            if span is not None:
                spans.append(span)
        doc.spans[self.spans_key] = spans
        if self.set_ents and not doc.ents:
            from spacy.util import filter_spans

            doc.ents = filter_spans([doc.char_span(s.start_char, s.end_char, label="ORG", kb_id=s.kb_id_)
                                     for s in spans if s.label_ == "body"])
        return doc

    def initialize(self, get_examples=None, *, nlp=None) -> None:  # type: ignore[no-untyped-def]
        from ..extract.departments import _en_rules, _zh_rules

        (_zh_rules if self.language == "zh" else _en_rules)()
