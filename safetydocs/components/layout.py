"""``safetydocs_layout``: the document's structure (date, title, headings, responsibility notes, tables).

Tables a reader found (a Word or PDF table) can be handed in before the pipeline runs, as plain values:
``doc.user_data["safetydocs.read_tables"] = safetydocs.plain.to_plain(raw.tables)``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.language import Language

from . import DocSheet, StageComponent, char_spans

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


@Language.factory("safetydocs_layout", default_config={"spans_key": "sections"},
                  assigns=["doc._.sd_issued", "doc._.sd_title", "doc._.sd_layout", "doc._.sd_tables"])
def make_layout(nlp: Language, name: str, spans_key: str) -> "LayoutComponent":
    return LayoutComponent(nlp, name, spans_key=spans_key)


class LayoutComponent(StageComponent):
    """The structure stage; each heading that opens a section becomes a span (label: its level)."""

    stage = "structure"
    settings = ("spans_key",)
    spans_key: str

    def annotate(self, doc: "Doc", sheet: DocSheet) -> "Doc":
        headings = sheet["layout"]["headings"]
        # A heading row: style, number, line, body_start, level, path, end, children (structure.segment.Heading).
        doc.spans[self.spans_key] = char_spans(doc, ((line[0], end, str(level), path)
                                                     for _, _, line, _, level, path, end, children in headings
                                                     if children))
        return doc

    def initialize(self, get_examples=None, *, nlp=None) -> None:  # type: ignore[no-untyped-def]
        from ..structure.notes import _patterns

        _patterns(self.language)
