"""``safetydocs_industries``: mentions of the industries of the taxonomy (models/common/industries.yaml),
``doc.spans["industries"]`` (label: the industry's code, kb_id: its English name)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.language import Language

from . import DocSheet, StageComponent, char_spans

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


@Language.factory("safetydocs_industries", default_config={"spans_key": "industries"},
                  assigns=["doc._.sd_industry_mentions", "doc.spans"])
def make_industries(nlp: Language, name: str, spans_key: str) -> "IndustriesComponent":
    return IndustriesComponent(nlp, name, spans_key=spans_key)


class IndustriesComponent(StageComponent):
    stage = "industries"
    settings = ("spans_key",)
    spans_key: str

    def annotate(self, doc: "Doc", sheet: DocSheet) -> "Doc":
        from ..extract.industries import taxonomy

        names = taxonomy()
        doc.spans[self.spans_key] = char_spans(doc, ((start, end, code, names[code]["name_en"])
                                                     for code, start, end in sheet["industry_mentions"]))
        return doc

    def initialize(self, get_examples=None, *, nlp=None) -> None:  # type: ignore[no-untyped-def]
        from ..extract.industries import find_industry_mentions

        find_industry_mentions("", language=self.language)  # type: ignore[arg-type]
