"""``safetydocs_bodies``: which of the bodies found the text gives work to (the trained selector,
models/<lang>/involvement_model.json), ``doc._.sd_departments``, and the others, kept apart for the reviewer,
``doc._.sd_other_bodies`` (each a :class:`~safetydocs.model.Department` as JSON)."""
from __future__ import annotations

from typing import Any, Optional

from spacy.language import Language

from . import TrainedStageComponent


@Language.factory("safetydocs_bodies", default_config={"model": None},
                  assigns=["doc._.sd_departments", "doc._.sd_other_bodies"], requires=["doc._.sd_tasks"])
def make_bodies(nlp: Language, name: str, model: Optional[str]) -> "BodiesComponent":
    return BodiesComponent(nlp, name, model=model)


class BodiesComponent(TrainedStageComponent):
    """``model``: a folder written by ``safetydocs train --out``, whose selector (``<lang>/involvement_model.json``)
    replaces the shipped one."""

    stage = "bodies"
    option = "selector"

    def read(self, folder: Any) -> Any:
        from ..extract.involvement_model import read_model

        return read_model(self.language, folder)

    def save(self, model: Any, folder: Any) -> None:
        from ..extract.involvement_model import save_model

        save_model(model, folder)

    def initialize(self, get_examples=None, *, nlp=None) -> None:  # type: ignore[no-untyped-def]
        from ..extract.involvement_model import load_model

        super().initialize(get_examples, nlp=nlp)
        load_model(self.language)
