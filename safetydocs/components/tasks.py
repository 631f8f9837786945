"""``safetydocs_tasks``: the task candidates — rows of task tables, numbered items, the demands of running text —
``doc.spans["tasks"]`` (label: where the task came from, ``table_row``, ``numbered`` or ``directive``). The
roles component completes them (``span._.sd_task``)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from spacy.language import Language

from . import DocSheet, TrainedStageComponent, char_spans

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


@Language.factory("safetydocs_tasks", default_config={"spans_key": "tasks", "model": None},
                  assigns=["doc._.sd_task_candidates", "doc.spans"],
                  requires=["doc._.sd_layout", "doc._.sd_mentions", "doc._.sd_deadlines"])
def make_tasks(nlp: Language, name: str, spans_key: str, model: Optional[str]) -> "TasksComponent":
    return TasksComponent(nlp, name, spans_key=spans_key, model=model)


class TasksComponent(TrainedStageComponent):
    """``model``: a folder written by ``safetydocs train --out``, whose running-text classifier
    (``<lang>/task_classifier.npz``) replaces the shipped one."""

    stage = "tasks"
    settings = ("spans_key", "model")
    option = "classifier"
    spans_key: str

    def read(self, folder: Any) -> Any:
        from ..extract.task_classifier import read_classifier

        return read_classifier(self.language, folder)

    def save(self, model: Any, folder: Any) -> None:
        from ..extract.task_classifier import save_classifier

        save_classifier(model, folder)

    def annotate(self, doc: "Doc", sheet: DocSheet) -> "Doc":
        # A candidate row: span, origin, confidence, ... (extract.tasks.TaskCandidate's fields in order).
        doc.spans[self.spans_key] = char_spans(doc, ((row[0][0], row[0][1], row[1], "")
                                                     for row in sheet["task_candidates"]))
        return doc

    def initialize(self, get_examples=None, *, nlp=None) -> None:  # type: ignore[no-untyped-def]
        from ..extract.task_classifier import load_classifier

        super().initialize(get_examples, nlp=nlp)
        load_classifier(self.language)
