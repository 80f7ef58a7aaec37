"""Article dates: the page's last modification apart from its publication, and where the publication came from.

`date_source` is one of app.pagedate.SOURCES (jsonld, meta, microdata, byline, time, htmldate, url, none);
rows stored before this revision keep NULL (unknown).

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("article") as batch:
        batch.add_column(sa.Column("modified_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("date_source", sa.String(20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("article") as batch:
        batch.drop_column("date_source")
        batch.drop_column("modified_at")
