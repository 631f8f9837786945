"""The task ledger: documents, items with their departments, notes, evidence, users and the audit log.

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ledger_documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(200), nullable=False, unique=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("issued", sa.Date),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("imported_by", sa.String(80), nullable=False),
    )
    op.create_table(
        "ledger_items",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("ledger_documents.id"), nullable=False),
        sa.Column("task_key", sa.String(80), nullable=False),
        sa.Column("occurrence", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("number", sa.String(20), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("lead", sa.Text, nullable=False),
        sa.Column("support", sa.Text, nullable=False),
        sa.Column("industries", sa.Text, nullable=False),
        sa.Column("deadline_text", sa.Text, nullable=False),
        sa.Column("deadline_kind", sa.String(10), nullable=False),
        sa.Column("due", sa.Date),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("withdrawn", sa.Boolean, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(80), nullable=False),
        sa.UniqueConstraint("document_id", "task_key", "occurrence", name="uq_ledger_item"),
    )
    op.create_index("ix_ledger_items_due", "ledger_items", ["due"])
    op.create_index("ix_ledger_items_status_due", "ledger_items", ["status", "due"])
    op.create_table(
        "ledger_item_departments",
        sa.Column("item_id", sa.Integer, sa.ForeignKey("ledger_items.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("department", sa.String(200), primary_key=True),
        sa.Column("role", sa.String(10), nullable=False),
    )
    op.create_index("ix_ledger_item_departments_department", "ledger_item_departments", ["department"])
    op.create_table(
        "ledger_notes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("item_id", sa.Integer, sa.ForeignKey("ledger_items.id", ondelete="CASCADE"), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author", sa.String(80), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_index("ix_ledger_notes_item", "ledger_notes", ["item_id"])
    op.create_table(
        "ledger_evidence",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("item_id", sa.Integer, sa.ForeignKey("ledger_items.id", ondelete="CASCADE"), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author", sa.String(80), nullable=False),
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "ledger_users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(80), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("role", sa.String(12), nullable=False),
        sa.Column("department", sa.String(200)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "ledger_audit",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user", sa.String(80), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("item_id", sa.Integer),
        sa.Column("detail", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for table in ("ledger_audit", "ledger_users", "ledger_evidence", "ledger_notes", "ledger_item_departments",
                  "ledger_items", "ledger_documents"):
        op.drop_table(table)
