"""The task ledger: every task and problem of the reviewed notices, followed until it is crossed off (对账销号).

One interface over SQLite (a file next to the user's work, the default) and PostgreSQL (one ledger an office
shares: ``postgresql://…``), through SQLAlchemy; the tables are made and changed by Alembic migrations when the
ledger is opened. A re-imported document updates its items (status, notes and evidence kept), never duplicates
them. An update names the version it read: one made on a stale read is refused (:class:`LedgerConflict`), so two
people updating one task at once never lose either's change.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

import sqlalchemy as sa
from pydantic import BaseModel

from ..errors import InvalidArgument, LedgerConflict, LedgerError
from ..model import Document
from . import schema as t
from .periodic import next_occurrence

DEFAULT_LEDGER = "safetydocs-ledger.sqlite"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def _split(value: str) -> list[str]:
    return value.split("; ") if value else []


def _aware(value: dt.datetime) -> dt.datetime:
    """SQLite gives back what was stored in UTC without its zone: the same instant on both databases."""
    return value.replace(tzinfo=dt.timezone.utc) if value.tzinfo is None else value.astimezone(dt.timezone.utc)


@dataclass(frozen=True, slots=True)
class LedgerItem:
    """One task or problem in the ledger (a plain dataclass: a report may hold tens of thousands)."""

    id: int
    document_id: int
    document_title: str
    source: str
    issued: Optional[dt.date]
    language: str
    number: str
    kind: str
    text: str
    lead: list[str]
    support: list[str]
    industries: list[str]
    deadline_text: str
    deadline_kind: str
    due: Optional[dt.date]
    status: str
    occurrence: int
    withdrawn: bool
    version: int
    updated_at: dt.datetime
    updated_by: str
    overdue: bool

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, default=str)


class Note(BaseModel):
    at: dt.datetime
    author: str
    text: str


class Evidence(BaseModel):
    at: dt.datetime
    author: str
    file_name: str
    sha256: str
    size: int


class User(BaseModel):
    id: int
    name: str
    role: str
    department: Optional[str]


@dataclass
class Filters:
    """What a ledger view shows; ``department`` limits it to the tasks that department leads or supports."""

    department: Optional[str] = None
    industry: Optional[str] = None
    status: Optional[str] = None
    due_within: Optional[int] = None  # days from today; overdue tasks are within any window
    due_from: Optional[dt.date] = None  # only tasks due on or after this day
    overdue: bool = False
    finished: Optional[bool] = None  # only done or closed tasks (True), only open ones (False)
    updated_since: Optional[dt.datetime] = None
    updated_before: Optional[dt.datetime] = None
    limit: Optional[int] = None  # at most this many, from ``offset`` on (a page of a long list)
    offset: int = 0
    include_withdrawn: bool = False
    today: dt.date = field(default_factory=dt.date.today)

    def resolve(self) -> "Filters":
        if self.status is not None and self.status not in t.STATUSES:
            self.status = status_code(self.status)
        if self.due_within is not None and self.due_within < 0:
            raise InvalidArgument(f"--due-within {self.due_within}", "a number of days, 0 or more")
        return self


def status_code(value: str) -> str:
    """A status by its code or by either label (已销号 = closed)."""
    for code in t.STATUSES:
        if value == code or value in (t.STATUS_LABELS["zh"][code], t.STATUS_LABELS["en"][code]):
            return code
    raise InvalidArgument(f"status {value!r}", "one of " + ", ".join(
        f"{t.STATUS_LABELS['zh'][c]} ({c})" for c in t.STATUSES))


def database_url(db: str | Path | None) -> str:
    """``postgresql://…`` and other URLs as given; a path (or nothing: ./safetydocs-ledger.sqlite) as SQLite."""
    text = str(db) if db else DEFAULT_LEDGER
    if "://" in text:
        if text.startswith("postgresql://"):
            return "postgresql+psycopg://" + text[len("postgresql://"):]  # psycopg 3, the maintained driver
        return text
    return f"sqlite:///{Path(text).resolve()}"


class TaskLedger:
    """Open (and migrate) the ledger at ``db``: a path for SQLite or a PostgreSQL URL."""

    def __init__(self, db: str | Path | None = None) -> None:
        url = database_url(db)
        self.url = url
        try:
            if url.startswith("sqlite"):
                self.engine = sa.create_engine(url, connect_args={"timeout": 30})
                sa.event.listen(self.engine, "connect", _sqlite_pragmas)
            else:
                self.engine = sa.create_engine(url, pool_pre_ping=True)
            self._migrate()
        except sa.exc.SQLAlchemyError as exc:
            raise LedgerError(_redacted(url), str(exc.orig if getattr(exc, "orig", None) else exc).split("\n")[0]) \
                from None
        except ImportError as exc:
            raise LedgerError(_redacted(url), f"no database driver: {exc.name}") from None

    def _migrate(self) -> None:
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def close(self) -> None:
        self.engine.dispose()

    # ----------------------------------------------------------------- import
    def import_document(self, document: Document, *, key: str, by: str, today: Optional[dt.date] = None) -> int:
        """Enter (or update) a document's tasks and problems; returns the document's id in the ledger.

        ``key`` names the document across re-imports (its content hash, or its review-store id). A task keeps its
        status, notes and evidence when the document comes again; a task the new version no longer holds is
        marked withdrawn, never deleted.
        """
        today = today or dt.date.today()
        now = _now()
        with self.engine.begin() as db:
            row = db.execute(sa.select(t.documents.c.id).where(t.documents.c.key == key)).first()
            values = dict(source=document.source, title=document.heading(), issued=document.issued,
                          language=document.language, imported_at=now, imported_by=by)
            if row is None:
                doc_id = db.execute(t.documents.insert().values(key=key, **values)).inserted_primary_key[0]
            else:
                doc_id = row[0]
                db.execute(t.documents.update().where(t.documents.c.id == doc_id).values(**values))
            existing = {r.task_key: r for r in db.execute(
                sa.select(t.items.c.id, t.items.c.task_key, t.items.c.occurrence, t.items.c.due, t.items.c.status)
                .where(t.items.c.document_id == doc_id).order_by(t.items.c.occurrence))}
            seen = set()
            for number, task in enumerate(document.tasks, start=1):
                seen.add(task.id)
                deadline = task.deadline
                kind = deadline.kind if deadline else ""
                due = deadline.date if deadline else None
                if kind == "periodic" and deadline is not None:
                    due = next_occurrence(deadline.text, after=today - dt.timedelta(days=1))
                fields = dict(
                    kind=task.kind, number=task.number or str(number),
                    text=task.title if task.origin == "table_row" and task.title else task.text,
                    lead="; ".join(task.departments("lead")), support="; ".join(task.departments("support")),
                    industries="; ".join(task.industries), deadline_text=deadline.text if deadline else "",
                    deadline_kind=kind, withdrawn=False, updated_at=now, updated_by=by)
                old = existing.get(task.id)
                if old is None:
                    item_id = db.execute(t.items.insert().values(
                        document_id=doc_id, task_key=task.id, occurrence=0, due=due, status="not_started",
                        version=1, **fields)).inserted_primary_key[0]
                else:
                    item_id = old.id
                    if kind != "periodic":  # a periodic task's due date moves with its occurrences
                        fields["due"] = due
                    db.execute(t.items.update().where(t.items.c.id == item_id)
                               .values(version=t.items.c.version + 1, **fields))
                    db.execute(t.item_departments.delete().where(t.item_departments.c.item_id == item_id))
                rows = [{"item_id": item_id, "department": name, "role": role}
                        for role in ("lead", "support") for name in dict.fromkeys(task.departments(role))]
                seen_names: set[str] = set()
                rows = [r for r in rows if not (r["department"] in seen_names or seen_names.add(r["department"]))]
                if rows:
                    db.execute(t.item_departments.insert(), rows)
            gone = [k for k in existing if k not in seen]
            if gone:
                db.execute(t.items.update().where(t.items.c.document_id == doc_id, t.items.c.task_key.in_(gone))
                           .values(withdrawn=True, updated_at=now, updated_by=by))
            self._audit(db, by, "import", None, {"document": doc_id, "key": key, "tasks": len(document.tasks),
                                                 "withdrawn": len(gone)})
        return int(doc_id)

    # ----------------------------------------------------------------- reading
    def _select(self):
        return (sa.select(t.items, t.documents.c.title, t.documents.c.source, t.documents.c.issued,
                          t.documents.c.language)
                .join(t.documents, t.documents.c.id == t.items.c.document_id))

    def items(self, filters: Optional[Filters] = None) -> list[LedgerItem]:
        """The items a view shows: overdue first (oldest due first), then by due date, undated last."""
        f = (filters or Filters()).resolve()
        query = self._select()
        if not f.include_withdrawn:
            query = query.where(t.items.c.withdrawn.is_(False))
        if f.department:
            query = query.where(t.items.c.id.in_(sa.select(t.item_departments.c.item_id)
                                                 .where(t.item_departments.c.department == f.department)))
        if f.industry:  # a whole code of the "; "-joined list: gas is not oil_gas_pipelines
            listed = sa.literal("; ") + t.items.c.industries + sa.literal("; ")
            query = query.where(listed.like(f"%; {f.industry}; %"))
        if f.status:
            query = query.where(t.items.c.status == f.status)
        open_ = t.items.c.status.in_(t.OPEN)
        overdue = sa.and_(open_, t.items.c.due < f.today)
        if f.overdue:
            query = query.where(overdue)
        if f.due_within is not None:
            query = query.where(t.items.c.due <= f.today + dt.timedelta(days=f.due_within))
        if f.due_from is not None:
            query = query.where(t.items.c.due >= f.due_from)
        if f.finished is not None:
            query = query.where(t.items.c.status.in_(t.FINISHED) if f.finished else open_)
        if f.updated_since is not None:
            query = query.where(t.items.c.updated_at >= f.updated_since)
        if f.updated_before is not None:
            query = query.where(t.items.c.updated_at < f.updated_before)
        query = query.order_by(sa.case((overdue, 0), else_=1), t.items.c.due.is_(None), t.items.c.due,
                               t.items.c.document_id, t.items.c.id)
        if f.limit is not None:
            query = query.limit(f.limit).offset(f.offset)
        with self.engine.connect() as db:
            return [self._item(row, f.today) for row in db.execute(query)]

    def item(self, item_id: int, *, today: Optional[dt.date] = None) -> LedgerItem:
        with self.engine.connect() as db:
            row = db.execute(self._select().where(t.items.c.id == item_id)).first()
        if row is None:
            raise LedgerError(f"item {item_id}", "no such task in the ledger")
        return self._item(row, today or dt.date.today())

    @staticmethod
    def _item(row: Any, today: dt.date) -> LedgerItem:
        # by position, in the order of _select: items' columns, then the document's title, source, issued, language
        (item_id, document_id, _key, occurrence, kind, number, text, lead, support, industries, deadline_text,
         deadline_kind, due, status, withdrawn, version, updated_at, updated_by, title, source, issued,
         language) = row
        return LedgerItem(
            id=item_id, document_id=document_id, document_title=title, source=source, issued=issued,
            language=language, number=number, kind=kind, text=text, lead=_split(lead), support=_split(support),
            industries=_split(industries), deadline_text=deadline_text, deadline_kind=deadline_kind, due=due,
            status=status, occurrence=occurrence, withdrawn=withdrawn, version=version,
            updated_at=_aware(updated_at), updated_by=updated_by,
            overdue=due is not None and due < today and status not in t.FINISHED)

    def departments_of(self, item_id: int) -> list[str]:
        with self.engine.connect() as db:
            return [r[0] for r in db.execute(sa.select(t.item_departments.c.department)
                                             .where(t.item_departments.c.item_id == item_id))]

    def notes(self, item_id: int) -> list[Note]:
        with self.engine.connect() as db:
            return [Note(at=_aware(r.at), author=r.author, text=r.text) for r in db.execute(
                sa.select(t.notes).where(t.notes.c.item_id == item_id).order_by(t.notes.c.id))]

    def evidence(self, item_id: int) -> list[Evidence]:
        with self.engine.connect() as db:
            return [Evidence(at=_aware(r.at), author=r.author, file_name=r.file_name, sha256=r.sha256, size=r.size)
                    for r in db.execute(sa.select(t.evidence).where(t.evidence.c.item_id == item_id)
                                        .order_by(t.evidence.c.id))]

    # ----------------------------------------------------------------- updating
    def update(self, item_id: int, *, version: int, by: str, status: Optional[str] = None, note: str = "",
               evidence: Iterable[tuple[str, bytes]] = (), today: Optional[dt.date] = None) -> LedgerItem:
        """Change a task's status, add a progress note and evidence files, all or nothing.

        ``version`` is the version the caller read: if someone changed the task since, nothing is written and
        :class:`LedgerConflict` says so. A periodic task marked done or closed produces its next occurrence.
        """
        today = today or dt.date.today()
        code = status_code(status) if status else None
        now = _now()
        files = [(name, data) for name, data in evidence]
        with self.engine.begin() as db:
            current = db.execute(sa.select(t.items).where(t.items.c.id == item_id)).first()
            if current is None:
                raise LedgerError(f"item {item_id}", "no such task in the ledger")
            changes: dict[str, Any] = {"version": current.version + 1, "updated_at": now, "updated_by": by}
            if code:
                changes["status"] = code
            done = db.execute(t.items.update().where(t.items.c.id == item_id, t.items.c.version == version)
                              .values(**changes))
            if done.rowcount != 1:
                raise LedgerConflict(f"item {item_id}", f"changed by {current.updated_by} at {current.updated_at} "
                                                        f"(version {current.version}, you read {version}): "
                                                        "reload it and try again")
            if note.strip():
                db.execute(t.notes.insert().values(item_id=item_id, at=now, author=by, text=note.strip()))
            for name, data in files:
                db.execute(t.evidence.insert().values(item_id=item_id, at=now, author=by, file_name=Path(name).name,
                                                      sha256=hashlib.sha256(data).hexdigest(), size=len(data)))
            if code in t.FINISHED and current.deadline_kind == "periodic" and current.status not in t.FINISHED:
                self._next_occurrence(db, current, by=by, now=now, today=today)
            self._audit(db, by, "update", item_id, {"status": code, "from": current.status, "note": bool(note.strip()),
                                                    "evidence": [n for n, _ in files]})
        return self.item(item_id, today=today)

    def _next_occurrence(self, db, current, *, by: str, now: dt.datetime, today: dt.date) -> None:
        after = current.due or today
        due = next_occurrence(current.deadline_text, after=after)
        if due is None:
            return
        values = {c.name: getattr(current, c.name) for c in t.items.columns if c.name != "id"}
        values.update(occurrence=current.occurrence + 1, due=due, status="not_started", version=1, updated_at=now,
                      updated_by=by)
        exists = db.execute(sa.select(t.items.c.id).where(
            t.items.c.document_id == current.document_id, t.items.c.task_key == current.task_key,
            t.items.c.occurrence == values["occurrence"])).first()
        if exists:
            return
        new_id = db.execute(t.items.insert().values(**values)).inserted_primary_key[0]
        rows = [{"item_id": new_id, "department": r.department, "role": r.role} for r in db.execute(
            sa.select(t.item_departments).where(t.item_departments.c.item_id == current.id))]
        if rows:
            db.execute(t.item_departments.insert(), rows)

    # ----------------------------------------------------------------- users and audit
    def add_user(self, name: str, *, password: str, role: str, department: Optional[str] = None, by: str) -> User:
        from werkzeug.security import generate_password_hash

        if role not in t.ROLES:
            raise InvalidArgument(f"--role {role}", "one of " + ", ".join(t.ROLES))
        if role == "department" and not department:
            raise InvalidArgument("--department", "a department user needs the department whose tasks he sees")
        if len(password) < 8:
            raise InvalidArgument("password", "at least 8 characters")
        with self.engine.begin() as db:
            if db.execute(sa.select(t.users.c.id).where(t.users.c.name == name)).first():
                raise InvalidArgument(f"user {name!r}", "already exists")
            user_id = db.execute(t.users.insert().values(
                name=name, password_hash=generate_password_hash(password), role=role,
                department=department if role == "department" else None, created_at=_now())).inserted_primary_key[0]
            self._audit(db, by, "user.add", None, {"name": name, "role": role, "department": department})
        return User(id=user_id, name=name, role=role, department=department if role == "department" else None)

    def check_password(self, name: str, password: str) -> Optional[User]:
        """The user, when the password is his; None otherwise (the same time either way: the hash is checked)."""
        from werkzeug.security import check_password_hash

        with self.engine.connect() as db:
            row = db.execute(sa.select(t.users).where(t.users.c.name == name)).first()
        stored = row.password_hash if row else "scrypt:32768:8:1$0000000000000000$" + "0" * 128
        ok = check_password_hash(stored, password)
        return User(id=row.id, name=row.name, role=row.role, department=row.department) if row and ok else None

    def user(self, name: str) -> Optional[User]:
        with self.engine.connect() as db:
            row = db.execute(sa.select(t.users).where(t.users.c.name == name)).first()
        return User(id=row.id, name=row.name, role=row.role, department=row.department) if row else None

    def has_users(self) -> bool:
        with self.engine.connect() as db:
            return db.execute(sa.select(sa.func.count()).select_from(t.users)).scalar_one() > 0

    def audit_log(self, *, limit: int = 200) -> list[dict[str, Any]]:
        with self.engine.connect() as db:
            return [dict(r._mapping) | {"at": _aware(r.at), "detail": json.loads(r.detail)} for r in db.execute(
                sa.select(t.audit).order_by(t.audit.c.id.desc()).limit(limit))]

    def record(self, by: str, action: str, item_id: Optional[int] = None, **detail: Any) -> None:
        with self.engine.begin() as db:
            self._audit(db, by, action, item_id, detail)

    @staticmethod
    def _audit(db, by: str, action: str, item_id: Optional[int], detail: dict[str, Any]) -> None:
        db.execute(t.audit.insert().values(at=_now(), user=by, action=action, item_id=item_id,
                                           detail=json.dumps(detail, ensure_ascii=False, default=str)))


def _sqlite_pragmas(connection, _record) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def _redacted(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return url
