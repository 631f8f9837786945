"""An index for the weekly report's "done this week": finished tasks by the time of their last update.

Revision ID: 0002
Revises: 0001
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_ledger_items_status_updated", "ledger_items", ["status", "updated_at"])


def downgrade() -> None:
    op.drop_index("ix_ledger_items_status_updated", "ledger_items")
