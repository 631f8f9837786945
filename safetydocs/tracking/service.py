"""What ``safetydocs ledger`` does, as library calls: import documents, list, update, report."""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Callable, Optional

from ..errors import SafetydocsError
from ..model import Document
from .store import TaskLedger


def document_key(document: Document) -> str:
    """A document's identity across imports: the hash of its text (a corrected version keeps the text)."""
    return "text:" + hashlib.sha256(document.text.encode("utf-8")).hexdigest()


def import_files(ledger: TaskLedger, paths: list[str], *, by: str,
                 report: Callable[[str], None] = print) -> list[int]:
    """Each document under ``paths``: a safetydocs JSON result (batch's documents/*.json) is taken as it is,
    anything else is parsed first. A file that fails is reported in one line and the others go on."""
    from ..batch import discover
    from ..ingest import read_bytes
    from ..pipeline import parse_raw

    problems: list = []
    imported = []
    for source in discover(tuple(paths), problems=problems):
        try:
            data = source.read()
            document = _as_document(data) if source.name.lower().endswith(".json") else None
            if document is None:
                document = parse_raw(read_bytes(data, name=source.name))
        except SafetydocsError as exc:
            report(f"error: {exc}")
            continue
        imported.append(ledger.import_document(document, key=document_key(document), by=by))
    for problem in problems:
        report(f"error: {problem.reason}")
    return imported


def _as_document(data: bytes) -> Optional[Document]:
    from pydantic import ValidationError

    try:
        return Document.model_validate_json(data)
    except ValidationError:
        return None  # some other JSON: parsed as text


def import_reviewed(ledger: TaskLedger, store_path: Path, *, by: str) -> list[int]:
    """Every reviewed document of a review store, as corrected."""
    from ..review import ReviewStore

    store = ReviewStore(store_path)
    return [ledger.import_document(document, key=document_key(document), by=by)
            for document in (store.corrected(i) for i in store.reviewed_ids())]
