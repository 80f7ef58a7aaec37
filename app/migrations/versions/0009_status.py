"""Live service status: what each official status page said at its last poll.

status_check: one row per status-page source (its name in the sources file), rewritten at each poll: when it was
last asked, when it last answered usably, the French error of a failed poll (the previous components are kept),
the components and their status, and when one of them last changed. The HTTP validators of the answers live
in fetch_state, like the crawl's.

Revision ID: 0009_status
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_status"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "status_check",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("provider", sa.String(100), nullable=False),
        sa.Column("polled_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ok_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("complete", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("components", sa.JSON(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint("source", name="uq_status_check_source"),
    )


def downgrade() -> None:
    op.drop_table("status_check")
