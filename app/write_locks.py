"""PostgreSQL advisory locks that writers hold until their transaction ends, always taken in one order.

Several crawl processes store pages in batches: one transaction holds several pages, and a page may need to
regroup incidents (INCIDENTS) and to add new lexemes to the search term list (TERMS). Taken in the order the
pages asked for them, two batches could each hold one and wait for the other: PostgreSQL then aborts one of
them with a deadlock, and its page was lost for the pass (seen in CI: 598 of 600 pages stored). Every lock
here is therefore taken only after every lock that precedes it in ORDER (advisory locks are reentrant within a
transaction, so taking an earlier one again costs a round trip and nothing else). SQLite has a single writer:
nothing to do there.
"""

from __future__ import annotations

from enum import IntEnum

from sqlalchemy import text
from sqlalchemy.orm import Session


class WriteLock(IntEnum):
    """The shared keys, in the order a transaction takes them (the value is the advisory lock key)."""

    INCIDENTS = 0x76696132  # regrouping incidents: a regrouping must see what the others stored
    TERMS = (
        0x76696133  # adding lexemes to article_search_term: crossed inserts deadlocked on its unique index
    )
    PARTITIONS = 0x76696134  # creating partitions of article_search: one writer at a time


ORDER: tuple[WriteLock, ...] = (WriteLock.INCIDENTS, WriteLock.TERMS, WriteLock.PARTITIONS)


def hold(session: Session, lock: WriteLock) -> None:
    """Take `lock` (and every lock before it in ORDER) until the session's transaction ends."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for key in ORDER[: ORDER.index(lock) + 1]:
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": int(key)})
