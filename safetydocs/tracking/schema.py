"""The task ledger's tables (SQLAlchemy Core), the same on SQLite and PostgreSQL.

Migrations under ``migrations/versions`` create and change them; this module is what the code reads and writes, and
``tests/tracking/test_store.py`` checks that the two agree.
"""
from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

# 未开始 / 进行中 / 已完成 / 已销号: a task is crossed off (销号) once its completion has been checked
STATUSES = ("not_started", "in_progress", "done", "closed")
STATUS_LABELS = {
    "zh": {"not_started": "未开始", "in_progress": "进行中", "done": "已完成", "closed": "已销号"},
    "en": {"not_started": "not started", "in_progress": "in progress", "done": "done", "closed": "closed"},
}
FINISHED = ("done", "closed")
OPEN = ("not_started", "in_progress")  # written as a list of its own so the (status, due) index serves it
ROLES = ("admin", "reviewer", "department")

documents = sa.Table(
    "ledger_documents", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("key", sa.String(200), nullable=False, unique=True),  # the document's identity across re-imports
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("issued", sa.Date),
    sa.Column("language", sa.String(2), nullable=False),
    sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("imported_by", sa.String(80), nullable=False),
)

items = sa.Table(
    "ledger_items", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("document_id", sa.Integer, sa.ForeignKey("ledger_documents.id"), nullable=False),
    sa.Column("task_key", sa.String(80), nullable=False),  # the task's id in the document, plus its occurrence
    sa.Column("occurrence", sa.Integer, nullable=False, default=0),  # a periodic task's n-th due date
    sa.Column("kind", sa.String(10), nullable=False),  # task | problem
    sa.Column("number", sa.String(20), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("lead", sa.Text, nullable=False),  # "; "-joined, for display; the departments table is the index
    sa.Column("support", sa.Text, nullable=False),
    sa.Column("industries", sa.Text, nullable=False),
    sa.Column("deadline_text", sa.Text, nullable=False),
    sa.Column("deadline_kind", sa.String(10), nullable=False),
    sa.Column("due", sa.Date),
    sa.Column("status", sa.String(12), nullable=False, default="not_started"),
    sa.Column("withdrawn", sa.Boolean, nullable=False, default=False),  # no longer in the re-imported document
    sa.Column("version", sa.Integer, nullable=False, default=1),  # optimistic lock: a stale update is refused
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_by", sa.String(80), nullable=False),
    sa.UniqueConstraint("document_id", "task_key", "occurrence", name="uq_ledger_item"),
)
sa.Index("ix_ledger_items_due", items.c.due)
sa.Index("ix_ledger_items_status_due", items.c.status, items.c.due)
sa.Index("ix_ledger_items_status_updated", items.c.status, items.c.updated_at)  # migration 0002: done this week

item_departments = sa.Table(
    "ledger_item_departments", metadata,
    sa.Column("item_id", sa.Integer, sa.ForeignKey("ledger_items.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("department", sa.String(200), primary_key=True),
    sa.Column("role", sa.String(10), nullable=False),
)
sa.Index("ix_ledger_item_departments_department", item_departments.c.department)

notes = sa.Table(
    "ledger_notes", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("item_id", sa.Integer, sa.ForeignKey("ledger_items.id", ondelete="CASCADE"), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("author", sa.String(80), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
)
sa.Index("ix_ledger_notes_item", notes.c.item_id)

evidence = sa.Table(
    "ledger_evidence", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("item_id", sa.Integer, sa.ForeignKey("ledger_items.id", ondelete="CASCADE"), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("author", sa.String(80), nullable=False),
    sa.Column("file_name", sa.String(255), nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("size", sa.BigInteger, nullable=False),
)

users = sa.Table(
    "ledger_users", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(80), nullable=False, unique=True),
    sa.Column("password_hash", sa.String(255), nullable=False),
    sa.Column("role", sa.String(12), nullable=False),
    sa.Column("department", sa.String(200)),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

audit = sa.Table(
    "ledger_audit", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("user", sa.String(80), nullable=False),
    sa.Column("action", sa.String(40), nullable=False),
    sa.Column("item_id", sa.Integer),
    sa.Column("detail", sa.Text, nullable=False),
)
