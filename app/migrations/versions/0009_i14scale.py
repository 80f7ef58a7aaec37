"""Scale: the source health's date counts from an index; PostgreSQL search vectors carry a recency tag.

ix_article_source_date_source (source_id, date_source) answers the source health's counts without reading the
article rows, which hold the full text (on SQLite, a column stored after the text is reached through its
overflow pages); ix_article_entity_entity_article (entity_id, article_id) gives an entity's newest articles
(related articles, entity pages) from the index alone.

The tag ("qqr57" for ids 570,000 to 579,999, app.search.postgres.recency_tag) lets a search read the most
recent hits of a frequent word from the newest blocks through the GIN index, instead of visiting every hit.
Existing rows get the tag appended to their vector (weight C, like the other tags); nothing is re-analysed.

Revision ID: 0009_i14scale
Revises: 0009_i14_ingest
"""

from alembic import op

revision = "0009_i14scale"
down_revision = "0009_i14_ingest"
branch_labels = None
depends_on = None

BLOCK = 10_000  # app.search.postgres.RECENCY_BLOCK when this migration was written


def upgrade() -> None:
    op.create_index("ix_article_source_date_source", "article", ["source_id", "date_source"])
    op.create_index("ix_article_entity_entity_article", "article_entity", ["entity_id", "article_id"])
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "UPDATE article_search SET vector = vector || "
        f"setweight(to_tsvector('simple', 'qqr' || (id / {BLOCK})::text), 'C') "
        # rows indexed by the current code (a rebuild run by an earlier revision) already carry it
        f"WHERE NOT vector @@ to_tsquery('simple', 'qqr' || (id / {BLOCK})::text)"
    )


def downgrade() -> None:
    op.drop_index("ix_article_entity_entity_article", "article_entity")
    op.drop_index("ix_article_source_date_source", "article")
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"UPDATE article_search SET vector = ts_delete(vector, ARRAY['qqr' || (id / {BLOCK})::text])")
