"""Crawl against hostile sites: why a source stopped early, and a --refresh that resumes after a kill.

crawl_run.stop_reason: the French reason shown on /sources (Crawl-delay or Retry-After above the caps, time
budget spent). source.refresh_started_at: set while a refresh is under way; pages fetched before it are still
to be checked, so a killed refresh goes on at the next run.

Revision ID: 0008
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("crawl_run", schema=None) as batch_op:
        batch_op.add_column(sa.Column("stop_reason", sa.Text(), nullable=True))
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.add_column(sa.Column("refresh_started_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.drop_column("refresh_started_at")
    with op.batch_alter_table("crawl_run", schema=None) as batch_op:
        batch_op.drop_column("stop_reason")
