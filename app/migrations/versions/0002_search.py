"""full-text search: FTS5 table on SQLite, weighted tsvector + GIN on PostgreSQL

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# The SQLite layout of this revision, frozen here (app.search.fts5 follows the latest revision).
CREATE_SQL = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS article_fts USING fts5("
    "title, summary, body, tags, pairs, tokenize = \"unicode61 remove_diacritics 0 tokenchars '_'\")",
    "CREATE TABLE IF NOT EXISTS article_fts_doc (id INTEGER PRIMARY KEY, ts REAL NOT NULL, "
    "year INTEGER, source TEXT NOT NULL, is_outage INTEGER NOT NULL, entities TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS ix_article_fts_doc_ts ON article_fts_doc (ts)",
    "CREATE TABLE IF NOT EXISTS article_fts_term (term TEXT PRIMARY KEY) WITHOUT ROWID",
]
DROP_SQL = [
    "DROP TABLE IF EXISTS article_fts_term",
    "DROP TABLE IF EXISTS article_fts_doc",
    "DROP TABLE IF EXISTS article_fts",
]


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
    for stmt in CREATE_SQL:
        op.execute(stmt)
    # Articles stored before this revision are indexed by revision 0005, which rebuilds this index
    # contentless with today's code (that code no longer writes the layout created here).


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_article_search_vector")
        op.execute("ALTER TABLE article DROP COLUMN IF EXISTS search_vector")
        op.execute("DROP FUNCTION IF EXISTS veille_unaccent(text)")
    else:
        for stmt in DROP_SQL:
            op.execute(stmt)
