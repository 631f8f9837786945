"""The review store: documents, the parser's output for each, and every correction, in one SQLite file.

The parser's output is stored once and never changed; the corrected document is that output with the
corrections not undone replayed in order (:mod:`.corrections`). So an undo is a flag on the last correction, the
history is never lost, and any earlier state can be rebuilt. Each write is one transaction; the database runs in
WAL mode with synchronous=FULL, so a server killed mid-request leaves the store as it was before that request or
after it, never between.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import secrets
import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

from pydantic import BaseModel

from ..errors import InvalidCorrection, ReviewStoreError
from ..model import Document
from .corrections import Correction, MergeDepartments, apply_all, apply_correction, correction_json, parse_correction

SCHEMA_VERSION = 1
# documents.digest: SHA-256 of the file's bytes (the same notice is stored once); file_name: the name it was given,
# for display only, never a path used; parsed: the parser's Document as JSON, never changed.
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    digest TEXT NOT NULL UNIQUE,
    file_name TEXT NOT NULL,
    parsed TEXT NOT NULL,
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS corrections (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    at TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    op TEXT NOT NULL,
    payload TEXT NOT NULL,
    undone_at TEXT,
    undone_by TEXT
);
CREATE INDEX IF NOT EXISTS corrections_by_document ON corrections(document_id, id);
CREATE TABLE IF NOT EXISTS aliases (
    alias TEXT NOT NULL,
    name TEXT NOT NULL,
    language TEXT NOT NULL,
    correction_id INTEGER NOT NULL REFERENCES corrections(id),
    PRIMARY KEY (alias, name, language, correction_id)
);
"""


class StoredDocument(BaseModel):
    """A document as the review pages list it."""

    id: int
    file_name: str
    title: str
    language: str
    issued: Optional[dt.date]
    issuer_hint: str
    tasks: int
    corrections: int
    reviewed: bool
    reviewed_by: Optional[str] = None
    added_at: str


class CorrectionRecord(BaseModel):
    id: int
    document_id: int
    at: str
    reviewer: str
    op: str
    payload: dict
    undone: bool


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class ReviewStore:
    """One SQLite file; safe to share between the threads of one server (one connection per thread)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._transaction() as db:
                for statement in _SCHEMA.split(";"):  # executescript would commit the transaction first
                    if statement.strip():
                        db.execute(statement)
                db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
                db.execute("INSERT OR IGNORE INTO meta VALUES ('secret', ?)", (secrets.token_hex(32),))
                version = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise ReviewStoreError(str(self.path), str(exc)) from None
        if int(version) > SCHEMA_VERSION:
            raise ReviewStoreError(str(self.path), f"written by a newer safetydocs (schema {version})")

    # ----------------------------------------------------------------- connection
    def _connection(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=True)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
            db.execute("PRAGMA foreign_keys=ON")
            self._local.db = db
        return db

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        db = self._connection()
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def close(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None

    @property
    def secret(self) -> str:
        """A random key made with the store: signs the review pages' sessions across restarts."""
        return self._connection().execute("SELECT value FROM meta WHERE key = 'secret'").fetchone()[0]

    # ----------------------------------------------------------------- documents
    def add(self, document: Document, *, data: bytes, file_name: str, reviewer: str) -> int:
        """Store a parsed document; a file already stored (same bytes) keeps its id and its corrections."""
        digest = hashlib.sha256(data).hexdigest()
        with self._transaction() as db:
            row = db.execute("SELECT id FROM documents WHERE digest = ?", (digest,)).fetchone()
            if row:
                return int(row[0])
            cursor = db.execute(
                "INSERT INTO documents (digest, file_name, parsed, added_at, added_by) VALUES (?, ?, ?, ?, ?)",
                (digest, file_name, document.model_dump_json(), _now(), reviewer))
            return int(cursor.lastrowid)

    def parsed(self, document_id: int) -> Document:
        """The parser's own output, as it was stored."""
        row = self._connection().execute("SELECT parsed FROM documents WHERE id = ?", (document_id,)).fetchone()
        if row is None:
            raise KeyError(document_id)
        return Document.model_validate_json(row[0])

    def digest(self, document_id: int) -> str:
        """SHA-256 of the stored file's bytes."""
        row = self._connection().execute("SELECT digest FROM documents WHERE id = ?", (document_id,)).fetchone()
        if row is None:
            raise KeyError(document_id)
        return row[0]

    def file_name(self, document_id: int) -> str:
        row = self._connection().execute("SELECT file_name FROM documents WHERE id = ?", (document_id,)).fetchone()
        if row is None:
            raise KeyError(document_id)
        return row[0]

    def corrected(self, document_id: int) -> Document:
        """The parser's output with every correction not undone."""
        return apply_all(self.parsed(document_id), [parse_correction(r.payload) for r in self.history(document_id)
                                                    if not r.undone])

    def reviewed(self, document_id: int) -> tuple[bool, Optional[str]]:
        """Whether the document's last review mark (not undone) approves it, and who set it."""
        row = self._connection().execute(
            "SELECT payload, reviewer FROM corrections WHERE document_id = ? AND op = 'document.reviewed' "
            "AND undone_at IS NULL ORDER BY id DESC LIMIT 1", (document_id,)).fetchone()
        if row is None:
            return False, None
        return bool(json.loads(row[0]).get("reviewed")), row[1]

    def documents(self) -> list[StoredDocument]:
        db = self._connection()
        out = []
        for doc_id, name, added_at in db.execute("SELECT id, file_name, added_at FROM documents ORDER BY id"):
            document = self.corrected(doc_id)
            reviewed, by = self.reviewed(doc_id)
            count = db.execute("SELECT COUNT(*) FROM corrections WHERE document_id = ? AND undone_at IS NULL",
                               (doc_id,)).fetchone()[0]
            out.append(StoredDocument(
                id=doc_id, file_name=name, title=document.heading(), language=document.language,
                issued=document.issued, issuer_hint=_issuer_hint(document), tasks=len(document.tasks),
                corrections=count, reviewed=reviewed, reviewed_by=by if reviewed else None, added_at=added_at))
        return out

    # ----------------------------------------------------------------- corrections
    def correct(self, document_id: int, correction: Correction | dict, *, reviewer: str) -> Document:
        """Record one correction (checked against the current document first) and return the corrected document."""
        if isinstance(correction, dict):
            correction = parse_correction(correction)
        reviewer = (reviewer or "").strip()
        if not reviewer:
            raise InvalidCorrection(correction.op, "a correction needs the reviewer's name")
        with self._transaction() as db:
            # checked against the document as it is inside the write lock: two reviewers correcting at once are
            # put in order, and a correction the other's made impossible is refused, never stored
            current = self.corrected(document_id)
            updated = apply_correction(current, correction)  # raises before anything is written
            cursor = db.execute(
                "INSERT INTO corrections (document_id, at, reviewer, op, payload) VALUES (?, ?, ?, ?, ?)",
                (document_id, _now(), reviewer, correction.op, json.dumps(correction_json(correction),
                                                                          ensure_ascii=False)))
            if isinstance(correction, MergeDepartments):
                db.execute("INSERT OR IGNORE INTO aliases VALUES (?, ?, ?, ?)",
                           (correction.source.strip(), correction.target.strip(), current.language,
                            cursor.lastrowid))
        return updated

    def undo(self, document_id: int, *, reviewer: str) -> Optional[CorrectionRecord]:
        """Take back the document's last correction still in force; None when there is none."""
        with self._transaction() as db:
            row = db.execute("SELECT id FROM corrections WHERE document_id = ? AND undone_at IS NULL "
                             "ORDER BY id DESC LIMIT 1", (document_id,)).fetchone()
            if row is None:
                return None
            db.execute("UPDATE corrections SET undone_at = ?, undone_by = ? WHERE id = ?", (_now(), reviewer, row[0]))
        return next(r for r in self.history(document_id) if r.id == row[0])

    def history(self, document_id: int) -> list[CorrectionRecord]:
        rows = self._connection().execute(
            "SELECT id, document_id, at, reviewer, op, payload, undone_at FROM corrections WHERE document_id = ? "
            "ORDER BY id", (document_id,))
        return [CorrectionRecord(id=r[0], document_id=r[1], at=r[2], reviewer=r[3], op=r[4],
                                 payload=json.loads(r[5]), undone=r[6] is not None) for r in rows]

    def aliases(self) -> list[tuple[str, str, str]]:
        """(alias, name, language) learned from merges that are still in force."""
        rows = self._connection().execute(
            "SELECT DISTINCT a.alias, a.name, a.language FROM aliases a JOIN corrections c ON c.id = a.correction_id "
            "WHERE c.undone_at IS NULL ORDER BY a.language, a.name, a.alias")
        return [(r[0], r[1], r[2]) for r in rows]

    def reviewed_ids(self) -> list[int]:
        ids = [r[0] for r in self._connection().execute("SELECT id FROM documents ORDER BY id")]
        return [i for i in ids if self.reviewed(i)[0]]


# A date alone on a line: the signature's date (二〇二四年三月七日, 2024年3月7日, 2024-03-07, March 7, 2024)
_DATE_LINE = re.compile(r"^[\s(（]*(?:[0-9〇○零一二三四五六七八九十]{2,4}\s*年\s*[0-9〇○零一二三四五六七八九十]{1,3}\s*月"
                        r"\s*[0-9〇○零一二三四五六七八九十]{1,3}\s*日|[0-9]{4}[-./][0-9]{1,2}[-./][0-9]{1,2}"
                        r"|[A-Z][a-z]+\.? [0-9]{1,2}, [0-9]{4}|[0-9]{1,2} [A-Z][a-z]+ [0-9]{4})[\s)）]*$")


def _issuer_hint(document: Document) -> str:
    """The body that signs the notice: the short line above the signature's date among the text's last lines."""
    lines = [line.strip() for line in document.text.strip().splitlines() if line.strip()][-6:]
    for before, line in zip(lines, lines[1:]):
        if _DATE_LINE.match(line) and len(before) <= 40 and before[-1] not in "。.;；:：,，!！?？":
            return before
    return ""


__all__ = ["CorrectionRecord", "ReviewStore", "StoredDocument"]
