"""PostgreSQL search in a narrow side table `article_search` (SQLite: nothing to do).

The tsvector moves out of `article` into one ~100-byte row per AI article with the date and facet keys:
counting the hits of a frequent word no longer reads the wide article rows. The adjacent-pair lexemes get
their own vector, so ranking reads half as much; vectors are stored with lz4 where the server has it.

Revision ID: 0004
Revises: 0003
"""

from alembic import op
from sqlalchemy.orm import Session

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_article_search_vector")
    op.execute("ALTER TABLE article DROP COLUMN IF EXISTS search_vector")
    op.execute(
        "CREATE TABLE article_search ("
        "id integer PRIMARY KEY REFERENCES article (id) ON DELETE CASCADE, "
        "ts double precision NOT NULL, "  # publication time (epoch seconds; 0 = undated)
        "year integer, source text NOT NULL, is_outage boolean NOT NULL, "
        "entities text NOT NULL, "  # "product:chatgpt company:openai" (facets)
        "vector tsvector NOT NULL, pairs tsvector NOT NULL)"
    )
    # lz4 decompresses several times faster than pglz: ranking reads a window of vectors per search.
    op.execute(
        "DO $$ BEGIN "
        "ALTER TABLE article_search ALTER COLUMN vector SET COMPRESSION lz4; "
        "ALTER TABLE article_search ALTER COLUMN pairs SET COMPRESSION lz4; "
        "EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN NULL; END $$"
    )
    op.execute("CREATE INDEX ix_article_search_vector ON article_search USING gin (vector)")
    op.execute("CREATE INDEX ix_article_search_pairs ON article_search USING gin (pairs)")
    op.execute("CREATE INDEX ix_article_search_ts ON article_search (ts DESC, id DESC)")
    from app.search.index import reindex_all

    reindex_all(Session(bind=bind))


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    op.execute("DROP TABLE IF EXISTS article_search")
    op.execute("ALTER TABLE article ADD COLUMN search_vector tsvector")
    op.execute("CREATE INDEX ix_article_search_vector ON article USING gin (search_vector)")
