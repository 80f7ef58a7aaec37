"""PostgreSQL search: `article_search` becomes a table PARTITIONED BY RANGE (id), one partition per block of
10,000 ids (SQLite: nothing).

A search reads the newest blocks of ids first (app.search.postgres._recent). It did so by OR-ing each block's
recency tag into the tsquery, and each tag's posting list (the 10,000 ids of its block) cost ~0.9 ms of GIN
scan per block read. With one partition per block, a stage is an id range: the planner prunes to the range's
partitions, whose own GIN indexes hold only their ids. The rows are copied as they are (tags included: nothing
reads them any more, and new rows get none).

No foreign key to `article` any more: a partition is created (ATTACHed) while crawl processes write, and
attaching a partition with a foreign key waits for every transaction that wrote `article` (it locks the referenced
table), which under the write locks could deadlock with them. A trigger on `article` deletes an article's search
row with it instead (what ON DELETE CASCADE did); rows are only ever written for stored articles.

Steps: the old table is renamed (with its indexes and constraints), the partitioned table created with the same
columns and primary key, its partitions from the lowest id to PARTITIONS_AHEAD blocks beyond the
highest (app.search.postgres.ensure_partition creates the later ones as ids grow; there is no DEFAULT
partition), the rows copied in batches of ids, the old table dropped, then the indexes built (once per
partition, after the copy: faster and smaller than grown row by row). The downgrade copies the rows back into a
plain table as 0004 made it.

Revision ID: 0012_pg_search_partitions
Revises: 0011_incident_entity_by_entity
"""

from alembic import op
from sqlalchemy import text

revision = "0012_pg_search_partitions"
down_revision = "0011_incident_entity_by_entity"
branch_labels = None
depends_on = None

BLOCK = 10_000  # app.search.postgres.PARTITION_IDS when this migration was written
AHEAD = 2  # app.search.postgres.PARTITIONS_AHEAD
BATCH = 50_000  # ids per statement
COLUMNS = "id, ts, year, source, is_outage, entities, vector, pairs"
TABLE = (
    "CREATE TABLE article_search ("
    "id integer NOT NULL, ts double precision NOT NULL, year integer, source text NOT NULL, "
    "is_outage boolean NOT NULL, entities text NOT NULL, vector tsvector NOT NULL, pairs tsvector NOT NULL, "
    "CONSTRAINT article_search_pkey PRIMARY KEY (id){more})"
)
FOREIGN_KEY = ", CONSTRAINT article_search_id_fkey FOREIGN KEY (id) REFERENCES article (id) ON DELETE CASCADE"
CASCADE = [
    "CREATE FUNCTION article_search_cascade() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN DELETE FROM article_search WHERE id = OLD.id; RETURN NULL; END $$",
    "CREATE TRIGGER article_search_cascade AFTER DELETE ON article "
    "FOR EACH ROW EXECUTE FUNCTION article_search_cascade()",
]
INDEXES = [
    "CREATE INDEX ix_article_search_vector ON article_search USING gin (vector)",
    "CREATE INDEX ix_article_search_pairs ON article_search USING gin (pairs)",
    "CREATE INDEX ix_article_search_ts ON article_search (ts DESC, id DESC)",
]
INDEX_NAMES = ("ix_article_search_vector", "ix_article_search_pairs", "ix_article_search_ts")
# lz4 decompresses several times faster than pglz (0004); set on the parent, inherited by the partitions.
LZ4 = (
    "DO $$ BEGIN "
    "ALTER TABLE article_search ALTER COLUMN vector SET COMPRESSION lz4; "
    "ALTER TABLE article_search ALTER COLUMN pairs SET COMPRESSION lz4; "
    "EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN NULL; END $$"
)


def _partitioned() -> bool:
    kind = (
        op.get_bind()
        .execute(text("SELECT relkind FROM pg_class WHERE oid = to_regclass('article_search')"))
        .scalar()
    )
    return kind == "p"


def _set_aside() -> tuple[int, int]:
    """Rename article_search (its indexes and primary key too, so that the new table can take their names) to
    article_search_old; the range of its ids (0, 0 when empty)."""
    op.execute("ALTER TABLE article_search RENAME TO article_search_old")
    for name in (*INDEX_NAMES, "article_search_pkey"):
        op.execute(f"ALTER INDEX IF EXISTS {name} RENAME TO {name}_old")
    lo, hi = op.get_bind().execute(text("SELECT min(id), max(id) FROM article_search_old")).one()
    return (lo or 0, hi or 0)


def _copy(lo: int, hi: int) -> None:
    """Copy the rows of article_search_old into article_search, BATCH ids per statement, then drop it."""
    for a in range(lo, hi + 1, BATCH):
        op.execute(
            text(
                f"INSERT INTO article_search ({COLUMNS}) SELECT {COLUMNS} FROM article_search_old "
                "WHERE id >= :lo AND id < :hi"
            ).bindparams(lo=a, hi=a + BATCH)
        )
    op.execute("DROP TABLE article_search_old")
    for sql in INDEXES:
        op.execute(sql)
    op.execute("ANALYZE article_search")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql" or _partitioned():
        return
    lo, hi = _set_aside()
    op.execute(TABLE.format(more="") + " PARTITION BY RANGE (id)")
    op.execute(LZ4)
    for sql in CASCADE:
        op.execute(sql)
    first = min(lo, 0) // BLOCK * BLOCK
    for start in range(first, (hi // BLOCK + 1 + AHEAD) * BLOCK, BLOCK):
        op.execute(
            f"CREATE TABLE article_search_p{start // BLOCK} PARTITION OF article_search "
            f"FOR VALUES FROM ({start}) TO ({start + BLOCK})"
        )
    _copy(lo, hi)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql" or not _partitioned():
        return
    lo, hi = _set_aside()
    op.execute("DROP TRIGGER article_search_cascade ON article")
    op.execute("DROP FUNCTION article_search_cascade()")
    op.execute(TABLE.format(more=FOREIGN_KEY))
    op.execute(LZ4)
    _copy(lo, hi)
