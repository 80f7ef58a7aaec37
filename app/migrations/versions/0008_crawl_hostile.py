"""Crawl against hostile sites: why a source stopped early, and a --refresh that resumes after a kill.

crawl_run.stop_reason: the French reason shown on /sources (Crawl-delay or Retry-After above the caps, time
budget spent). source.refresh_started_at: set while a refresh is under way; pages fetched before it are still
to be checked, so a killed refresh goes on at the next run.

Plain ADD/DROP COLUMN on both backends (SQLite >= 3.35): a batch copy of `source` would break the foreign keys
of the articles that point at it.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("crawl_run", sa.Column("stop_reason", sa.Text(), nullable=True))
    op.add_column("source", sa.Column("refresh_started_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.execute("ALTER TABLE source DROP COLUMN refresh_started_at")
    op.execute("ALTER TABLE crawl_run DROP COLUMN stop_reason")
