"""Bulk import from WARC archives: where `veille ingest --warc` is in each file, so that a killed import resumes.

Revision ID: 0009_i14_ingest
Revises: 0009_i15_alerts
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_i14_ingest"
down_revision = "0009_i15_alerts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "warc_import",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("next_offset", sa.BigInteger(), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.Column("finished", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_warc_import")),
        sa.UniqueConstraint("fingerprint", name=op.f("uq_warc_import_fingerprint")),
    )


def downgrade() -> None:
    op.drop_table("warc_import")
