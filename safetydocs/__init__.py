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
    "parse",
    "parse_many",
    "parse_text",
]


def __getattr__(name: str):
    # The pipeline pulls in the readers and language data: load it on demand.
    if name in {"parse", "parse_text"}:
        from . import pipeline

        return getattr(pipeline, name)
    if name == "parse_many":
        from .batch import parse_many

        return parse_many
    raise AttributeError(f"module 'safetydocs' has no attribute {name!r}")
