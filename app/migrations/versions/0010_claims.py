"""Frontier indexes: the pages still to fetch, and the pages by last check, per source (partial indexes).

A claim of four pages (crawl_frontier.claim) ordered every page of its source, done ones included: 83 ms at
300,000 pages on PostgreSQL, for four pages. `ix_fetch_state_todo` holds only pages to fetch (pending or failed),
in discovery order; `ix_fetch_state_checked` gives a refresh the pages checked longest ago first.

Revision ID: 0010_claims
Revises: 0010_search_pairs
"""

from alembic import op
from sqlalchemy import text

revision = "0010_claims"
down_revision = "0010_search_pairs"
branch_labels = None
depends_on = None

PAGE_WHERE = "kind = 'page'"  # app.models.PAGE_WHERE when this migration was written
TO_FETCH_WHERE = "kind = 'page' AND state IN ('pending', 'error')"  # app.models.TO_FETCH_WHERE


def upgrade() -> None:
    op.create_index(
        "ix_fetch_state_todo",
        "fetch_state",
        ["source_id", "discovered_at", "id"],
        sqlite_where=text(TO_FETCH_WHERE),
        postgresql_where=text(TO_FETCH_WHERE),
    )
    op.create_index(
        "ix_fetch_state_checked",
        "fetch_state",
        ["source_id", "fetched_at", "id"],
        sqlite_where=text(PAGE_WHERE),
        postgresql_where=text(PAGE_WHERE),
    )


def downgrade() -> None:
    op.drop_index("ix_fetch_state_checked", "fetch_state")
    op.drop_index("ix_fetch_state_todo", "fetch_state")
