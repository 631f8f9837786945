"""The task ledger: follow every task and problem to done, across notices, for one office or many.

* :mod:`.store`: the ledger (SQLite or PostgreSQL through SQLAlchemy, migrated by Alembic), statuses, notes,
  evidence, periodic occurrences, users and the audit log;
* :mod:`.periodic`: the next due date of a periodic limit;
* :mod:`.reports`: the weekly 督办 report and per-department sheets (xlsx, docx).
"""
from __future__ import annotations

from .store import Filters, LedgerItem, TaskLedger

__all__ = ["Filters", "LedgerItem", "TaskLedger"]
