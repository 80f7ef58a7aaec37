"""The data-change stamp: one row that every write to what pages show bumps, in the same transaction.

Every web process reads this row (at most once a second) to build its ETags and Last-Modified and to know when
to drop its page caches, so that replicas on one database agree (app/http_cache.py).

The bump is done by the database itself, so no writer can forget it (crawl, ingest, official incidents,
incident grouping, deletions, any future bulk import):
- SQLite: a trigger per table and operation; SQLite has a single writer, so the row lock costs nothing.
- PostgreSQL: a deferred constraint trigger, which runs at COMMIT, bumps once per transaction (a
  transaction-local setting remembers it did). Taken earlier, the row lock would serialise concurrent
  crawlers for the whole length of their batches; at commit it is held for the commit only.

changed_at (Unix seconds, never going back) is the Last-Modified of every page; token changes at each bump
(random, so that a recreated or restored database never reuses a token a client may hold); build is the
code build that last served the data (a new build counts as a change, app/http_cache.py note_build).

Revision ID: 0009_i14_web
Revises: 0009_status
"""

import secrets
import time

import sqlalchemy as sa
from alembic import op

revision = "0009_i14_web"
down_revision = "0009_status"
branch_labels = None
depends_on = None

# The tables whose rows pages, feeds and the API show. fetch_state (the crawler's memory of URLs) is left
# out: no page reads it, and it changes at every fetch.
TABLES = (
    "article",
    "article_entity",
    "incident",
    "incident_entity",
    "official_incident",
    "entity",
    "source",
    "crawl_run",
)
OPS = ("INSERT", "UPDATE", "DELETE")
SQLITE_BUMP = (
    "UPDATE data_stamp SET version = version + 1, token = lower(hex(randomblob(8))), "
    "changed_at = max(changed_at, CAST(strftime('%s', 'now') AS INTEGER)) WHERE id = 1"
)
PG_FUNCTION = """
CREATE OR REPLACE FUNCTION veille_bump_data_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('veille.data_stamp_bumped', true) IS DISTINCT FROM '1' THEN
        PERFORM set_config('veille.data_stamp_bumped', '1', true);
        UPDATE data_stamp SET version = version + 1, token = md5(random()::text || clock_timestamp()::text),
            changed_at = greatest(changed_at, floor(extract(epoch FROM clock_timestamp()))::bigint)
        WHERE id = 1;
    END IF;
    RETURN NULL;
END $$
"""


def upgrade() -> None:
    op.create_table(
        "data_stamp",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("token", sa.String(64), nullable=False),
        sa.Column("changed_at", sa.BigInteger(), nullable=False),
        sa.Column("build", sa.String(64), nullable=True),
        sa.CheckConstraint("id = 1", name="one_row"),
    )
    op.execute(
        sa.text("INSERT INTO data_stamp (id, version, token, changed_at) VALUES (1, 0, :t, :c)").bindparams(
            t=secrets.token_hex(8), c=int(time.time())
        )
    )
    if op.get_bind().dialect.name == "sqlite":
        for table in TABLES:
            for what in OPS:
                op.execute(
                    f"CREATE TRIGGER data_stamp_{table}_{what.lower()} AFTER {what} ON {table} "
                    f"BEGIN {SQLITE_BUMP}; END"
                )
        return
    op.execute(PG_FUNCTION)
    for table in TABLES:
        op.execute(
            f"CREATE CONSTRAINT TRIGGER data_stamp_{table} AFTER INSERT OR UPDATE OR DELETE ON {table} "
            "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION veille_bump_data_stamp()"
        )
        op.execute(
            f"CREATE TRIGGER data_stamp_{table}_truncate AFTER TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION veille_bump_data_stamp()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in TABLES:
            for what in OPS:
                op.execute(f"DROP TRIGGER IF EXISTS data_stamp_{table}_{what.lower()}")
    else:
        for table in TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS data_stamp_{table} ON {table}")
            op.execute(f"DROP TRIGGER IF EXISTS data_stamp_{table}_truncate ON {table}")
        op.execute("DROP FUNCTION IF EXISTS veille_bump_data_stamp()")
    op.drop_table("data_stamp")
