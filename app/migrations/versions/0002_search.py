"""full-text search: FTS5 table on SQLite, weighted tsvector + GIN on PostgreSQL

Revision ID: 0002
Revises: 0001
"""

from alembic import op
from sqlalchemy.orm import Session

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        # unaccent() is only STABLE (its dictionary could change); an index needs an IMMUTABLE function,
        # so we pin the dictionary explicitly and declare the wrapper immutable.
        op.execute(
            "CREATE OR REPLACE FUNCTION veille_unaccent(text) RETURNS text "
            "LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT "
            "AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$"
        )
        op.execute("ALTER TABLE article ADD COLUMN search_vector tsvector")
        op.execute("CREATE INDEX ix_article_search_vector ON article USING gin (search_vector)")
        return  # revision 0004 moves the index to its own table and fills it
    from app.search.fts5 import CREATE_SQL

    for stmt in CREATE_SQL:
        op.execute(stmt)
    # Articles stored before this revision get indexed with the same code as new ones.
    from app.search.index import reindex_all

    reindex_all(Session(bind=bind))


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_article_search_vector")
        op.execute("ALTER TABLE article DROP COLUMN IF EXISTS search_vector")
        op.execute("DROP FUNCTION IF EXISTS veille_unaccent(text)")
    else:
        from app.search.fts5 import DROP_SQL

        for stmt in DROP_SQL:
            op.execute(stmt)
