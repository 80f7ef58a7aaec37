"""PostgreSQL search: narrow `article_search` rows, the vectors out of line (SQLite: nothing).

A partition of 10,000 rows held 2,004 heap pages (1.6 KB a row): the two tsvectors were compressed but mostly
kept inline, since PostgreSQL moves a value out of line only while the row is above `toast_tuple_target` (about
2 KB by default). Counting a frequent word's matches visits the heap page of every match (the bitmap heap scan),
so a count to 10,001 read about 10,000 pages, most of them from the operating system's cache rather than shared
buffers (1.6 GB of heap at a million articles). With `toast_tuple_target = 256` the vectors go to the TOAST table
and a row keeps its id, date, facet keys and two pointers: 189 pages per partition, the whole heap of a million
articles in about 150 MB. Counting and the facets read 5-10 times fewer pages; ranking reads the vectors of its
window from TOAST instead (measured the same: ts_rank's own work dominates).

The option is set on every partition (a partitioned table takes no storage parameters; partitions created later
get it from app.search.postgres._attach), and each partition holding rows is rewritten (CLUSTER on its primary
key, which also puts its rows in id order) so that existing rows are narrowed too. The rewrite holds each
partition's ACCESS EXCLUSIVE lock until the migration commits: about 2.4 s per partition of 10,000 rows, some
four minutes at a million articles, during which searches wait. Partitions that already have the option are
left as they are (the migration can be re-run after a failure). The downgrade only resets the option: narrow
rows are valid rows.

Revision ID: 0013_pg_search_narrow_rows
Revises: 0012_pg_search_partitions
"""

from alembic import op
from sqlalchemy import text

revision = "0013_pg_search_narrow_rows"
down_revision = "0012_pg_search_partitions"
branch_labels = None
depends_on = None

OPTION = "toast_tuple_target"
TARGET = 256  # app.search.postgres.ROW_TARGET when this migration was written
# Each partition: its name, whether it has the option already, and its primary key's index (what CLUSTER follows).
PARTITIONS = (
    "SELECT c.relname, coalesce(c.reloptions, '{}') @> ARRAY[CAST(:opt AS text)], "
    "(SELECT k.relname FROM pg_index x JOIN pg_class k ON k.oid = x.indexrelid "
    "WHERE x.indrelid = c.oid AND x.indisprimary) "
    "FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
    "WHERE i.inhparent = to_regclass('article_search') ORDER BY c.relname"
)


def _partitions() -> list[tuple[str, bool, str | None]]:
    """(name, already narrow, primary key) of every partition of article_search; none when it is not
    partitioned."""
    if op.get_bind().dialect.name != "postgresql":
        return []
    rows = op.get_bind().execute(text(PARTITIONS), {"opt": f"{OPTION}={TARGET}"}).all()
    return [(str(name), bool(done), key) for name, done, key in rows]


def upgrade() -> None:
    for name, done, key in _partitions():
        if done:
            continue
        op.execute(f"ALTER TABLE {name} SET ({OPTION} = {TARGET})")
        # a rewrite: its rows go through the toaster again, now with the lower target (every partition has a
        # primary key, from the parent's; without one, only its new rows would be narrow)
        if key and op.get_bind().execute(text(f"SELECT EXISTS (SELECT 1 FROM {name})")).scalar():
            op.execute(f"CLUSTER {name} USING {key}")
            op.execute(f"ANALYZE {name}")


def downgrade() -> None:
    for name, _done, _key in _partitions():
        op.execute(f"ALTER TABLE {name} RESET ({OPTION})")
