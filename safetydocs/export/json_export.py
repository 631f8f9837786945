"""JSON: the document model as is (the contract of ``safetydocs parse --format json``)."""
from __future__ import annotations

from ..model import Document


def render(document: Document) -> str:
    return document.model_dump_json(indent=2) + "\n"
