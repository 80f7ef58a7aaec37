"""Where `veille ingest --warc` stands in each archive (table warc_import), written in the page batches."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.models import WarcImport


@dataclass(frozen=True)
class Position:
    """An archive read up to `next_offset` (the start of the next record), `records` records in."""

    import_id: int
    next_offset: int
    records: int
    finished: bool = False


def start_import(session: Session, fingerprint: str, name: str) -> WarcImport:
    """The archive's row, created at offset 0 on first sight."""
    row = session.scalars(select(WarcImport).where(WarcImport.fingerprint == fingerprint)).one_or_none()
    if row is None:
        row = WarcImport(
            fingerprint=fingerprint,
            name=name[:500],
            next_offset=0,
            records=0,
            finished=False,
            updated_at=datetime.now(UTC),
        )
        session.add(row)
    row.name = name[:500]
    session.flush()
    return row


def save_position(session: Session, pos: Position) -> None:
    """Record how far the archive has been read; commits with the outcomes of the records before it."""
    session.execute(
        update(WarcImport)
        .where(WarcImport.id == pos.import_id)
        .values(
            next_offset=pos.next_offset,
            records=pos.records,
            finished=pos.finished,
            updated_at=datetime.now(UTC),
        )
    )
