"""French full-text search: text analysis, a safe query language, and the SQLite FTS5 / PostgreSQL backends."""
