"""PostgreSQL search: recency tags in the pairs vector; the term list article_search_term (SQLite: nothing).

The pairs vector (adjacent term pairs, which answer phrases) gets the recency tag of its row ("qqr57", as the
words' vector has since 0009_i14scale), so that a phrase search reads the newest recency blocks first instead of
every hit of the phrase. Existing rows are rewritten in batches of ids; nothing is re-analysed.

article_search_term lists every lexeme of every vector (C collation: a prefix is a range of its primary key),
so that a prefix search is expanded into the lexemes it covers before the GIN lookup (app.search.postgres).

Revision ID: 0010_search_pairs
Revises: 0009_i14scale
"""

from alembic import op
from sqlalchemy import text

revision = "0010_search_pairs"
down_revision = "0009_i14scale"
branch_labels = None
depends_on = None

BLOCK = 10_000  # app.search.postgres.RECENCY_BLOCK when this migration was written
BATCH = 50_000  # ids per statement


def _batches() -> list[tuple[int, int]]:
    lo, hi = op.get_bind().execute(text("SELECT min(id), max(id) FROM article_search")).one()
    if lo is None:
        return []
    return [(a, a + BATCH) for a in range(lo, hi + 1, BATCH)]


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute('CREATE TABLE article_search_term (term TEXT COLLATE "C" PRIMARY KEY)')
    for lo, hi in _batches():
        op.execute(
            text(
                "UPDATE article_search SET pairs = pairs || "
                f"array_to_tsvector(ARRAY['qqr' || (id / {BLOCK})::text]) WHERE id >= :lo AND id < :hi "
                # rows indexed by the current code already carry it
                f"AND NOT pairs @@ to_tsquery('simple', 'qqr' || (id / {BLOCK})::text)"
            ).bindparams(lo=lo, hi=hi)
        )
        op.execute(
            text(
                "INSERT INTO article_search_term (term) SELECT word FROM ts_stat(format("
                "'SELECT vector FROM article_search WHERE id >= %s AND id < %s', CAST(:lo AS int), "
                "CAST(:hi AS int))) ON CONFLICT DO NOTHING"
            ).bindparams(lo=lo, hi=hi)
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TABLE article_search_term")
    for lo, hi in _batches():
        op.execute(
            text(
                f"UPDATE article_search SET pairs = ts_delete(pairs, ARRAY['qqr' || (id / {BLOCK})::text]) "
                "WHERE id >= :lo AND id < :hi"
            ).bindparams(lo=lo, hi=hi)
        )
