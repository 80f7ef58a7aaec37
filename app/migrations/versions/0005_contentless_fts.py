"""SQLite: a contentless FTS5 index (PostgreSQL: nothing to do).

The FTS5 table kept a copy of every indexed value that nothing reads (2.5x the size of the index itself).
Contentless, an entry is removed by replaying its indexed values: the side table keeps the tags as indexed
and a digest of the text values, and a meta table the analysis fingerprint (see app/search/fts5.py).

Revision ID: 0005
Revises: 0004
"""

from alembic import op
from sqlalchemy import text
from sqlalchemy.orm import Session

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TOKENIZE = "tokenize = \"unicode61 remove_diacritics 0 tokenchars '_'\""
COLUMNS = "title, summary, body, tags, pairs"


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        return
    op.execute("DROP TABLE IF EXISTS article_fts")
    op.execute(f"CREATE VIRTUAL TABLE article_fts USING fts5({COLUMNS}, content = '', {TOKENIZE})")
    op.execute("ALTER TABLE article_fts_doc ADD COLUMN tags TEXT NOT NULL DEFAULT ''")
    op.execute("ALTER TABLE article_fts_doc ADD COLUMN digest INTEGER NOT NULL DEFAULT 0")
    op.execute("CREATE TABLE article_fts_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID")
    from app.search.index import reindex_all

    reindex_all(Session(bind=bind))  # empties the side tables, indexes every stored AI article


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        return
    from app.search.text import joined_terms, pairs

    op.execute("DROP TABLE article_fts")
    op.execute(f"CREATE VIRTUAL TABLE article_fts USING fts5({COLUMNS}, {TOKENIZE})")
    # The same entries, with the content table: text values recomputed from the stored articles, tags as indexed.
    last = 0
    while rows := bind.execute(
        text(
            "SELECT d.id, d.tags, a.title, a.summary, a.text FROM article_fts_doc d "
            "JOIN article a ON a.id = d.id WHERE d.id > :last ORDER BY d.id LIMIT 500"
        ),
        {"last": last},
    ).all():
        bind.execute(
            text(f"INSERT INTO article_fts (rowid, {COLUMNS}) VALUES (:i, :t, :s, :b, :g, :p)"),
            [
                {
                    "i": i,
                    "t": joined_terms(t or ""),
                    "s": joined_terms(s or ""),
                    "b": joined_terms(b or ""),
                    "g": g,
                    "p": pairs(t or "", s or "", b or ""),
                }
                for i, g, t, s, b in rows
            ],
        )
        last = rows[-1][0]
    op.execute("DROP TABLE article_fts_meta")
    op.execute("ALTER TABLE article_fts_doc DROP COLUMN digest")
    op.execute("ALTER TABLE article_fts_doc DROP COLUMN tags")
