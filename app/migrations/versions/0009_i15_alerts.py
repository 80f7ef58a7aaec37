"""Alerts: subscriptions, the events that happened to incidents, and the outbox of deliveries.

An alert_event and its alert_delivery rows are written in the transaction that changed the incident, so that a
crash never loses an alert; the sender (`veille alerts run`, or `veille serve`) empties the outbox.

Revision ID: 0009_i15_alerts
Revises: 0009_i14_frontier
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_i15_alerts"
down_revision = "0009_i14_frontier"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "alert_subscription",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("target", sa.String(length=2000), nullable=False),
        sa.Column("secret", sa.String(length=200), nullable=True),
        sa.Column("company", sa.String(length=100), nullable=True),
        sa.Column("product", sa.String(length=100), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=True),
        sa.Column("events", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("disabled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("disabled_reason", sa.Text(), nullable=True),
        sa.Column("failing_since", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_success_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_subscription")),
    )
    op.create_table(
        "alert_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=True),
        sa.Column("facts", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incident.id"],
            name=op.f("fk_alert_event_incident_id_incident"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_event")),
        sa.UniqueConstraint("uid", name=op.f("uq_alert_event_uid")),
        sa.UniqueConstraint("key", name=op.f("uq_alert_event_key")),
    )
    op.create_index(op.f("ix_alert_event_incident_id"), "alert_event", ["incident_id"])
    op.create_table(
        "alert_delivery",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("subscription_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_status", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["alert_event.id"],
            name=op.f("fk_alert_delivery_event_id_alert_event"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["subscription_id"],
            ["alert_subscription.id"],
            name=op.f("fk_alert_delivery_subscription_id_alert_subscription"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_delivery")),
        sa.UniqueConstraint("event_id", "subscription_id", name="uq_alert_delivery_event"),
    )
    op.create_index("ix_alert_delivery_due", "alert_delivery", ["status", "next_attempt_at"])
    op.create_index(op.f("ix_alert_delivery_subscription_id"), "alert_delivery", ["subscription_id"])
    op.create_index(op.f("ix_alert_delivery_updated_at"), "alert_delivery", ["updated_at"])


def downgrade() -> None:
    op.drop_table("alert_delivery")
    op.drop_table("alert_event")
    op.drop_table("alert_subscription")
