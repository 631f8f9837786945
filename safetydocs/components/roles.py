"""``safetydocs_roles``: who leads and who supports each task, with its people, deadline and industries:
``doc._.sd_tasks`` (each a :class:`~safetydocs.model.Task` as JSON), ``span._.sd_task`` on the spans of
``doc.spans["tasks"]``, and ``doc.spans["assignments"]`` (label ``lead`` or ``support``, kb_id the department)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.language import Language

from . import DocSheet, StageComponent, char_spans

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


@Language.factory("safetydocs_roles", default_config={"spans_key": "assignments"},
                  assigns=["doc._.sd_tasks", "doc.spans"],
                  requires=["doc._.sd_task_candidates", "doc._.sd_industry_mentions"])
def make_roles(nlp: Language, name: str, spans_key: str) -> "RolesComponent":
    return RolesComponent(nlp, name, spans_key=spans_key)


class RolesComponent(StageComponent):
    stage = "roles"
    settings = ("spans_key",)
    spans_key: str

    def annotate(self, doc: "Doc", sheet: DocSheet) -> "Doc":
        doc.spans[self.spans_key] = char_spans(doc, ((a["span"][0], a["span"][1], a["role"], a["department"])
                                                     for task in sheet["tasks"] for a in task["assignments"]))
        return doc

    def initialize(self, get_examples=None, *, nlp=None) -> None:  # type: ignore[no-untyped-def]
        from ..resources import load_yaml

        load_yaml(f"{self.language}/roles.yaml")
