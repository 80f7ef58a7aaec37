"""Several crawl processes on one database: the frontier's leases, shared passes, per-host politeness, workers.

fetch_state becomes the frontier: lease_owner / lease_until (a crawl_worker id and the time its claim lapses)
and run_id (the pass, a crawl_run row, that last claimed the page). crawl_run rows are passes that several
processes may share: lease_until (kept alive by their heartbeats) and discovered_at (feeds read, pages
claimable). crawl_host: one row per host with its next allowed request time and the worker fetching from it.
crawl_worker: every `veille crawl` process with its heartbeat (on SQLite, the lock that keeps a second crawl out).

Plain ADD COLUMN on both backends: a batch copy of these tables would break the foreign keys pointing at them.

Revision ID: 0009_i14_frontier
Revises: 0009_i14_web
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_i14_frontier"
down_revision = "0009_i14_web"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("fetch_state", sa.Column("lease_owner", sa.Integer(), nullable=True))
    op.add_column("fetch_state", sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True))
    op.add_column("fetch_state", sa.Column("run_id", sa.Integer(), nullable=True))
    op.create_index("ix_fetch_state_lease_owner", "fetch_state", ["lease_owner"])
    op.add_column("crawl_run", sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True))
    op.add_column("crawl_run", sa.Column("discovered_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "crawl_worker",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hostname", sa.String(255), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("pages_claimed", sa.Integer(), nullable=False),
        sa.Column("round_started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("stopped_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crawl_worker")),
    )
    op.create_index("ix_crawl_worker_heartbeat_at", "crawl_worker", ["heartbeat_at"])
    op.create_table(
        "crawl_host",
        sa.Column("host", sa.String(300), nullable=False),
        sa.Column("next_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lease_owner", sa.Integer(), nullable=True),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("host", name=op.f("pk_crawl_host")),
    )

    if op.get_bind().dialect.name == "postgresql":
        # the workers' heartbeats extend crawl_run.lease_until every few seconds: that alone is not a change of
        # what pages show, so it does not bump the data stamp (migration 0009_i14_web) and drop every page cache
        op.execute("DROP TRIGGER IF EXISTS data_stamp_crawl_run ON crawl_run")
        op.execute(
            "CREATE CONSTRAINT TRIGGER data_stamp_crawl_run AFTER INSERT OR DELETE ON crawl_run "
            "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION veille_bump_data_stamp()"
        )
        op.execute(
            "CREATE CONSTRAINT TRIGGER data_stamp_crawl_run_update AFTER UPDATE ON crawl_run "
            "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
            "WHEN ((to_jsonb(OLD) - 'lease_until') IS DISTINCT FROM (to_jsonb(NEW) - 'lease_until')) "
            "EXECUTE FUNCTION veille_bump_data_stamp()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS data_stamp_crawl_run_update ON crawl_run")
        op.execute("DROP TRIGGER IF EXISTS data_stamp_crawl_run ON crawl_run")
        op.execute(
            "CREATE CONSTRAINT TRIGGER data_stamp_crawl_run AFTER INSERT OR UPDATE OR DELETE ON crawl_run "
            "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION veille_bump_data_stamp()"
        )
    op.drop_table("crawl_host")
    op.drop_index("ix_crawl_worker_heartbeat_at", table_name="crawl_worker")
    op.drop_table("crawl_worker")
    op.execute("ALTER TABLE crawl_run DROP COLUMN discovered_at")
    op.execute("ALTER TABLE crawl_run DROP COLUMN lease_until")
    op.drop_index("ix_fetch_state_lease_owner", table_name="fetch_state")
    op.execute("ALTER TABLE fetch_state DROP COLUMN run_id")
    op.execute("ALTER TABLE fetch_state DROP COLUMN lease_until")
    op.execute("ALTER TABLE fetch_state DROP COLUMN lease_owner")
