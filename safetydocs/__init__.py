"""safetydocs: production-safety notices in, structured task lists out.

>>> import safetydocs
>>> doc = safetydocs.parse("notice.pdf")          # doctest: +SKIP
>>> [(t.text, t.departments("lead")) for t in doc.tasks]  # doctest: +SKIP

Nothing heavy is imported here: spaCy, jieba, scikit-learn and the readers
load on first use.
"""
from __future__ import annotations

from .errors import SafetydocsError
from .model import (
    Assignment,
    Deadline,
    Department,
    Document,
    Industry,
    Matrix,
    MatrixRow,
    Person,
    Section,
    Task,
)

__version__ = "0.1.0"

__all__ = [
    "Assignment",
    "Deadline",
    "Department",
    "Document",
    "Industry",
    "Matrix",
    "MatrixRow",
    "Person",
    "SafetydocsError",
    "Section",
    "Task",
    "document_of",
    "nlp",
    "parse",
    "parse_many",
    "parse_text",
]

COMPONENTS = ("layout", "departments", "deadlines", "industries", "tasks", "roles", "bodies")


def nlp(lang: str = "zh", *, disable: "tuple[str, ...] | list[str]" = (), exclude: "tuple[str, ...] | list[str]" = (),
        config: "dict | None" = None):
    """safetydocs' spaCy pipeline for ``lang`` ("zh" or "en"), built from ``safetydocs/configs/<lang>.cfg``
    (``config``: overrides, as spaCy's ``load_model_from_config`` takes them, e.g.
    ``{"components": {"safetydocs_tasks": {"spans_key": "demands"}}}``). Every call builds a new pipeline;
    build it once per process. ``safetydocs.document_of(doc)`` gives the :class:`Document` of a Doc it made."""
    from pathlib import Path

    import spacy.util

    from .errors import InvalidArgument
    from . import components  # noqa: F401 - the extensions
    from .components import bodies, deadlines, departments, industries, layout, roles, tasks, tokenizer  # noqa: F401

    if lang not in ("zh", "en"):
        raise InvalidArgument(f"lang={lang!r}", "expected 'zh' or 'en'")
    loaded = spacy.util.load_config(Path(__file__).parent / "configs" / f"{lang}.cfg")
    if config:
        loaded = loaded.merge(config)
    pipeline = spacy.util.load_model_from_config(loaded, auto_fill=True, validate=True, disable=list(disable),
                                                 exclude=list(exclude))
    pipeline.initialize()
    # spaCy refuses texts over 1,000,000 characters to protect parsers and NER; these components are linear in
    # the text (safetydocs.limits bounds a document's length where safetydocs reads it).
    pipeline.max_length = 10**9
    return pipeline


def __getattr__(name: str):
    # The pipeline pulls in the readers and language data: load it on demand.
    if name in {"parse", "parse_text"}:
        from . import pipeline

        return getattr(pipeline, name)
    if name == "document_of":
        from .components import document_of

        return document_of
    if name == "parse_many":
        from .batch import parse_many

        return parse_many
    raise AttributeError(f"module 'safetydocs' has no attribute {name!r}")
