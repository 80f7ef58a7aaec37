"""The incidents of an entity from an index: incident_entity's primary key starts with incident_id, so every
"incidents of this entity" (its page: incidents per year, the latest ones, the press lead; the timeline and
feeds filtered on a company or product) scanned the whole table, about 1 ms per query at 15,000 links.

Revision ID: 0011_incident_entity_by_entity
Revises: 0010_claims
"""

from alembic import op

revision = "0011_incident_entity_by_entity"
down_revision = "0010_claims"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_incident_entity_entity_incident", "incident_entity", ["entity_id", "incident_id"])


def downgrade() -> None:
    op.drop_index("ix_incident_entity_entity_incident", table_name="incident_entity")
