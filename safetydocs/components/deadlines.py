"""``safetydocs_deadlines``: every deadline, ``doc.spans["deadlines"]`` (label: its kind — date, relative,
periodic, ongoing, start; kb_id: its date, ISO, or empty), with its date reckoned from the document's.

    nlp = spacy.blank("zh")
    nlp.add_pipe("safetydocs_deadlines")
    doc = nlp("2024年3月1日\\n各单位于6月底前完成自查。")
    [(s.text, s.label_, s.kb_id_) for s in doc.spans["deadlines"]]
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.language import Language

from . import DocSheet, StageComponent, char_spans

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


@Language.factory("safetydocs_deadlines", default_config={"spans_key": "deadlines"},
                  assigns=["doc._.sd_deadlines", "doc.spans"])
def make_deadlines(nlp: Language, name: str, spans_key: str) -> "DeadlinesComponent":
    return DeadlinesComponent(nlp, name, spans_key=spans_key)


class DeadlinesComponent(StageComponent):
    stage = "deadlines"
    settings = ("spans_key",)
    spans_key: str

    def annotate(self, doc: "Doc", sheet: DocSheet) -> "Doc":
        doc.spans[self.spans_key] = char_spans(doc, ((d["span"][0], d["span"][1], d["kind"], d["date"] or "")
                                                     for d in sheet["deadlines"]))
        return doc

    def initialize(self, get_examples=None, *, nlp=None) -> None:  # type: ignore[no-untyped-def]
        from ..extract.deadlines import find_deadlines

        sample = "2024年6月底前" if self.language == "zh" else "by June 2024"
        find_deadlines(sample, canon=sample, language=self.language, issued=None)  # type: ignore[arg-type]
