"""safetydocs' extraction stages as spaCy components, for spaCy users.

One component per stage of :mod:`safetydocs.stages`, each in its own module, registered as a spaCy factory (and
through the ``spacy_factories`` entry point, so ``nlp.add_pipe("safetydocs_deadlines")`` works in any pipeline
once safetydocs is installed):

======================  ==========================================  =================================================
component               writes on the Doc                           spans
======================  ==========================================  =================================================
safetydocs_layout       ``doc._.sd_issued``, ``doc._.sd_title``,    ``doc.spans["sections"]`` (label: level)
                        ``doc._.sd_layout``, ``doc._.sd_tables``
safetydocs_departments  ``doc._.sd_mentions``                       ``doc.spans["departments"]`` (label ``body`` or
                                                                    ``collective``, kb_id the canonical name);
                                                                    bodies also in ``doc.ents`` (``ORG``)
safetydocs_deadlines    ``doc._.sd_deadlines``                      ``doc.spans["deadlines"]`` (label: kind, kb_id:
                                                                    the date)
safetydocs_industries   ``doc._.sd_industry_mentions``              ``doc.spans["industries"]`` (label: code)
safetydocs_tasks        ``doc._.sd_task_candidates``                ``doc.spans["tasks"]`` (label: origin)
safetydocs_roles        ``doc._.sd_tasks``; ``span._.sd_task``      ``doc.spans["assignments"]`` (label: lead or
                                                                    support, kb_id: the department)
safetydocs_bodies       ``doc._.sd_departments``,                   –
                        ``doc._.sd_other_bodies``
======================  ==========================================  =================================================

Every value is plain JSON (lists, dicts, strings, numbers), kept in ``doc.user_data`` under
``"safetydocs.<name>"``; the ``sd_`` extensions read them. So a Doc goes through ``DocBin(store_user_data=True)``,
``to_bytes`` and ``nlp.pipe(texts, n_process=...)``. :func:`safetydocs.document_of` builds the pydantic
:class:`~safetydocs.model.Document` from a Doc the whole pipeline ran over.

A component whose inputs are missing (its stage reads what an earlier stage writes, and that stage is not in the
pipeline) runs the earlier stages first, over the same Doc: ``spacy.blank("zh")`` with ``safetydocs_deadlines``
alone finds deadlines. The stages read the text itself, in its canonical form (simplified characters, ASCII
punctuation), not the Doc's tokens: the results do not depend on the tokenizer, and the components snap their spans
to the Doc's tokens (departments split a token a mention boundary falls inside; other spans expand to whole tokens).
"""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Optional

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

    from ..model import Document
    from ..stages import Context

PREFIX = "safetydocs."  # doc.user_data keys: "safetydocs.<sheet key>"

# The stage each stage reads from, and the key whose presence on a sheet says that a stage has run.
NEEDS = {"structure": (), "departments": ("structure",), "deadlines": ("structure",), "industries": (),
         "tasks": ("structure", "departments", "deadlines"), "roles": ("tasks", "industries"), "bodies": ("roles",)}
WRITES = {"structure": "layout", "departments": "mentions", "deadlines": "deadlines",
          "industries": "industry_mentions", "tasks": "task_candidates", "roles": "tasks", "bodies": "departments"}
# The sheet keys users read, as Doc extensions (sd_<key>).
DOC_VALUES = ("language", "issued", "title", "layout", "tables", "mentions", "addressees", "deadlines",
              "industry_mentions", "task_candidates", "tasks", "departments", "other_bodies")


class DocSheet(MutableMapping):
    """A Doc's ``user_data`` seen as a stage's sheet: key ``k`` is ``user_data["safetydocs.k"]``."""

    def __init__(self, doc: "Doc") -> None:
        self.data = doc.user_data

    def __getitem__(self, key: str) -> Any:
        return self.data[PREFIX + key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.data[PREFIX + key] = value

    def __delitem__(self, key: str) -> None:
        del self.data[PREFIX + key]

    def __iter__(self) -> Iterator[str]:
        return (key[len(PREFIX):] for key in list(self.data) if isinstance(key, str) and key.startswith(PREFIX))

    def __len__(self) -> int:
        return sum(1 for _ in self)


_CONTEXTS: "OrderedDict[tuple[str, str], Context]" = OrderedDict()


def context_of(doc: "Doc", language: str) -> "Context":
    """The stages' context of a Doc: its text (``user_data["safetydocs.text"]`` when the Doc holds another form)
    and that text's canonical form. The last few are kept, so that the words one component segments serve the next
    (a Doc's own object may change as components split its tokens; its text does not)."""
    from ..analysis import SOURCE_TEXT

    return context_for(doc.user_data.get(SOURCE_TEXT) or doc.text, doc.user_data.get(PREFIX + "language") or language)


def context_for(text: str, language: str) -> "Context":
    """The context of ``text`` read as ``language``: the one kept, or a new one."""
    from ..stages import Context
    from ..structure.normalize import canonical

    key = (text, language)
    context = _CONTEXTS.get(key)
    if context is None:
        context = _CONTEXTS[key] = Context(text=text, canon=canonical(text), language=language)
        while len(_CONTEXTS) > 2:
            _CONTEXTS.popitem(last=False)
    else:
        _CONTEXTS.move_to_end(key)
    return context


def run_stage(doc: "Doc", stage: str, language: str, **options: Any) -> tuple[DocSheet, "Context"]:
    """Run ``stage`` over the Doc's sheet (with ``options``, such as a trained model of the component's own),
    after the earlier stages it reads that have not run."""
    from .. import stages

    if language not in ("zh", "en"):
        raise ValueError(f"safetydocs reads Chinese and English texts, not {language!r}")
    sheet, context = DocSheet(doc), context_of(doc, language)
    sheet.setdefault("language", context.language)
    for needed in _before(stage):
        if WRITES[needed] not in sheet:
            stages.RUN[needed](sheet, context)
    stages.RUN[stage](sheet, context, **options)
    return sheet, context


def _before(stage: str) -> list[str]:
    """Every stage ``stage`` reads from, directly or not, in the stages' order."""
    from ..stages import STAGES

    found: set[str] = set()
    waiting = list(NEEDS[stage])
    while waiting:
        name = waiting.pop()
        if name not in found:
            found.add(name)
            waiting.extend(NEEDS[name])
    return [name for name in STAGES if name in found]


def register_extensions() -> None:
    """The ``sd_`` extensions: read-only views of the plain values in ``doc.user_data``."""
    from spacy.tokens import Doc, Span

    for key in DOC_VALUES:
        if not Doc.has_extension(f"sd_{key}"):
            Doc.set_extension(f"sd_{key}", getter=_reader(key))
    if not Span.has_extension("sd_task"):
        Span.set_extension("sd_task", getter=_task_of_span)


def _reader(key: str) -> Callable[["Doc"], Any]:
    def read(doc: "Doc") -> Any:
        return _lists(doc.user_data.get(PREFIX + key))

    return read


def _lists(value: Any) -> Any:
    """The value with its tuples as lists: spaCy reads the arrays of a stored Doc's user_data back as tuples, and a
    value should read the same before and after ``DocBin``."""
    if isinstance(value, (list, tuple)):
        return [_lists(item) for item in value]
    if isinstance(value, dict):
        return {key: _lists(item) for key, item in value.items()}
    return value


def _task_of_span(span: Any) -> Optional[dict]:
    """The task (as JSON) that a span of ``doc.spans["tasks"]`` stands for: the task whose text it covers."""
    tasks = span.doc.user_data.get(PREFIX + "tasks") or []
    start, end = span.start_char, span.end_char
    for task in tasks:
        if start <= task["span"][0] and task["span"][1] <= end:
            return _lists(task)
    return None


def char_spans(doc: "Doc", items: Iterable[tuple[int, int, str, str]]) -> list:
    """Spans of the Doc over (start, end, label, kb_id) offsets, expanded to whole tokens."""
    spans = []
    for start, end, label, kb_id in items:
        span = doc.char_span(start, end, label=label, kb_id=kb_id, alignment_mode="expand")
        if span is not None and len(span):
            spans.append(span)
    return spans


class StageComponent:
    """A stage of :mod:`safetydocs.stages` as a spaCy component: runs it over the Doc's sheet, then marks its
    results as spans. Subclasses name the stage and write the spans; the language data is read from the package's
    ``models/`` folder in :meth:`initialize` (nothing to train, nothing saved but the settings)."""

    stage = ""
    settings: tuple[str, ...] = ()

    def __init__(self, nlp: "Language", name: str, **settings: Any) -> None:
        register_extensions()
        self.name = name
        self.language = nlp.lang
        for key in self.settings:
            setattr(self, key, settings[key])

    def __call__(self, doc: "Doc") -> "Doc":
        sheet, _ = run_stage(doc, self.stage, self.language, **self.options())
        return self.annotate(doc, sheet)

    def options(self) -> dict[str, Any]:
        """What the stage takes from this component beyond the sheet."""
        return {}

    def pipe(self, docs: Iterable["Doc"], *, batch_size: int = 16) -> Iterator["Doc"]:
        for doc in docs:
            yield self(doc)

    def annotate(self, doc: "Doc", sheet: DocSheet) -> "Doc":
        return doc

    def initialize(self, get_examples: Optional[Callable[[], Iterable[Any]]] = None, *,
                   nlp: Optional["Language"] = None) -> None:
        """Read this stage's language data now instead of on the first document."""

    def to_disk(self, path: "str | Path", *, exclude: Iterable[str] = ()) -> None:
        import srsly

        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "cfg.json", {key: getattr(self, key) for key in self.settings})

    def from_disk(self, path: "str | Path", *, exclude: Iterable[str] = ()) -> "StageComponent":
        import srsly

        for key, value in srsly.read_json(Path(path) / "cfg.json").items():
            setattr(self, key, value)
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        import srsly

        return srsly.msgpack_dumps({key: getattr(self, key) for key in self.settings})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "StageComponent":
        import srsly

        for key, value in srsly.msgpack_loads(data).items():
            setattr(self, key, value)
        return self


class TrainedStageComponent(StageComponent):
    """A stage with a trained model: the shipped one, or, with ``model`` set to a folder that ``safetydocs train
    --out`` wrote, that folder's. A pipeline saved with ``nlp.to_disk`` keeps a model of its own in the
    component's folder, and loads it from there."""

    settings: tuple[str, ...] = ("model",)
    model: Optional[str]
    option = ""  # the stage's keyword for the model

    def __init__(self, nlp: "Language", name: str, **settings: Any) -> None:
        super().__init__(nlp, name, **settings)
        # Read in initialize() or at the first document: spacy.load builds the component from its config
        # before from_disk points it at the copy saved with the pipeline.
        self.trained: Any = None

    def initialize(self, get_examples: Optional[Callable[[], Iterable[Any]]] = None, *,
                   nlp: Optional["Language"] = None) -> None:
        if self.model and self.trained is None:
            self.trained = self._load(self.model)

    def read(self, folder: Any) -> Any:  # pragma: no cover - each subclass reads its own kind
        raise NotImplementedError

    def save(self, model: Any, folder: Any) -> None:  # pragma: no cover
        raise NotImplementedError

    def _load(self, folder: Any) -> Any:
        model = self.read(folder)
        if model is None:
            raise ValueError(f"{folder}: no {self.language} model for {self.name} of this version "
                             f"(`safetydocs train --out {folder}` writes one)")
        return model

    def options(self) -> dict[str, Any]:
        if self.model and self.trained is None:
            self.trained = self._load(self.model)
        return {self.option: self.trained} if self.trained is not None else {}

    def to_disk(self, path: "str | Path", *, exclude: Iterable[str] = ()) -> None:
        import srsly

        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "cfg.json", {key: getattr(self, key) for key in self.settings if key != "model"})
        if self.model:
            self.save(self.options()[self.option], path / "model")

    def from_disk(self, path: "str | Path", *, exclude: Iterable[str] = ()) -> "TrainedStageComponent":
        import srsly

        path = Path(path)
        for key, value in srsly.read_json(path / "cfg.json").items():
            setattr(self, key, value)
        if (path / "model").is_dir():
            self.model = str(path / "model")
            self.trained = self._load(self.model)
        return self


def document_of(doc: "Doc") -> "Document":
    """The :class:`~safetydocs.model.Document` of a Doc that safetydocs' components ran over (the stages a
    pipeline lacks are run first), as :func:`safetydocs.parse` gives it for the same text."""
    from .. import stages

    language = doc.user_data.get(PREFIX + "language") or doc.lang_
    sheet, context = run_stage(doc, "bodies", language) if WRITES["bodies"] not in DocSheet(doc) \
        else (DocSheet(doc), context_of(doc, language))
    return stages.document(sheet, context)
