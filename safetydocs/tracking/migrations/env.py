"""Alembic's entry: migrations run on the connection the ledger opened (no alembic.ini, no URL in a file)."""
from alembic import context

from safetydocs.tracking.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, version_table="ledger_alembic_version",
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
