"""How sure an article's and an incident's date is: exact, inferred or approximate.

Real pages often carry no publication date: the analysis then dates the outage from the text, the URL's date or
the time the page was first seen, and records how sure that date is so that the site can say "date approximative".
Rows stored before this revision had a publication date (the analysis required one): they are exact.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TABLES = ("article", "incident")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column("date_precision", sa.String(12), nullable=False, server_default="exact")
            )


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("date_precision")
