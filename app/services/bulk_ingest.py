"""`veille ingest`: saved pages and WARC records through the crawl's own pipeline.

One pipeline, two entrances: a page goes to the crawl's extraction pool the way the crawl hands it over
(prepare_in), and its outcome is stored by the same store() in a savepoint of the same PageBatch. Outcomes are
stored in the order pages came in, with at most `window` pages ahead in the pool: a WARC position saved with a
record's outcome then covers every record before it, and a killed import resumes after the last committed one.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from app.language import detect_language
from app.scrapers.registry import SourceConfig
from app.services.crawl_batch import PageBatch
from app.services.extraction_pool import ExtractionPool
from app.services.ingest import IngestResult, Prepared, prepare_in, served_by, store
from app.services.warc_imports import Position, save_position

log = logging.getLogger(__name__)

POSITION_EVERY = 1.0  # seconds between two saves of a position that no stored page carries
LANGUAGE = "fr"


@dataclass
class Item:
    """One page to extract and store, or an outcome already known (a record left out before extraction), or
    only a position to save (`raw` None and `result` None)."""

    label: str  # what the output names: a file, or an archive and an offset
    raw: bytes | None = None
    url: str | None = None
    charset: str | None = None
    source: SourceConfig | None = None
    served_from: str | None = (
        None  # the URL that served the page (WARC): a canonical link elsewhere is ignored
    )
    french_only: bool = False
    position: Position | None = None  # saved in the same transaction as the outcome
    result: IngestResult | None = None
    offset: int | None = None  # the record's offset in its archive


class StoreFailed(Exception):
    """The database refused a write: the import stops there, and resumes there."""


class Pipeline:
    """Items in, outcomes out (through `on_result`), in order."""

    def __init__(
        self,
        factory: sessionmaker[Session],
        pool: ExtractionPool,
        on_result: Callable[[Item, IngestResult], None],
        window: int | None = None,
    ) -> None:
        self.pool = pool
        self.batch = PageBatch(factory)
        self.on_result = on_result
        self.window = window or 4 * pool.size
        self._queue: deque[tuple[Item, Future[Prepared] | None]] = deque()
        self._position_saved_at = 0.0
        self._unsaved: Position | None = None  # the latest position a throttled save left out

    def put(self, item: Item) -> None:
        """Hand an item over; stores the outcomes that are ready (waits when `window` pages are in the pool)."""
        future = None
        if item.raw is not None and item.result is None:
            rules = item.source.rules if item.source else None
            future = prepare_in(self.pool, item.raw, item.url, item.charset, rules)
        self._queue.append((item, future))
        while self._queue and (len(self._queue) > self.window or self._head_ready()):
            self._settle(*self._queue.popleft())
        self.batch.commit_if_due()

    def _head_ready(self) -> bool:
        future = self._queue[0][1]
        return future is None or future.done()

    def flush(self, deadline: float | None = None) -> int:
        """Store every item handed over, then commit. With a `deadline` (time.monotonic()), pages still in the
        pool by then are dropped (their records resume next time); returns how many were dropped."""
        dropped = 0
        while self._queue:
            item, future = self._queue[0]
            if future is not None and deadline is not None:
                try:
                    future.result(timeout=max(0.0, deadline - time.monotonic()))
                except FutureTimeout:
                    dropped = len(self._queue)
                    for _, f in self._queue:
                        if f is not None:
                            f.cancel()
                    self._queue.clear()
                    break
            self._settle(*self._queue.popleft())
        if self._unsaved is not None:
            self._save_position(self._unsaved, force=True)
        self.batch.commit()
        return dropped

    def _settle(self, item: Item, future: Future[Prepared] | None) -> None:
        result = item.result
        if future is not None:
            try:
                prepared = future.result()
            except Exception as exc:  # prepare() never raises; the pool may (arguments it cannot send)
                log.exception("extraction failed label=%s", item.label)
                prepared = Prepared(
                    error_reason="extraction-failed", error_message=f"échec de l'extraction : {exc}"
                )
            result = self._store(item, prepared)
        elif result is None or item.position is not None and item.position.finished:
            self._save_position(item.position, force=True)
        else:
            self._save_position(item.position, force=False)
        if result is not None:
            self.on_result(item, result)

    def _store(self, item: Item, prepared: Prepared) -> IngestResult:
        if item.served_from:
            prepared = served_by(prepared, item.served_from)
        doc = prepared.document
        if item.french_only and doc is not None:
            lang = detect_language(f"{doc.title}\n{doc.text}")
            if lang != LANGUAGE:
                self._save_position(item.position, force=False)
                return IngestResult(
                    status="skipped", reason="not-french", url=doc.url, title=doc.title, language=lang
                )
        try:
            with self.batch.page() as session:
                result = store(session, prepared, item.source.name if item.source else None)
                if item.position is not None:
                    save_position(session, item.position)
                    self._unsaved = None
        except DBAPIError as exc:  # the database itself (locked, full, gone): stop, resume here next time
            raise StoreFailed(f"échec de l'enregistrement dans la base : {exc.orig or exc}") from exc
        except Exception as exc:  # a bug on this page's content: reported, the import goes on
            log.exception("store failed label=%s", item.label)
            result = IngestResult(
                status="error", reason=f"échec de l'enregistrement : {exc}", url=doc.url if doc else None
            )
            self._save_position(item.position, force=False)
        else:
            self._position_saved_at = time.monotonic()
        if item.french_only:
            result.language = LANGUAGE
        return result

    def _save_position(self, pos: Position | None, force: bool) -> None:
        if pos is None:
            return
        if not force and time.monotonic() - self._position_saved_at < POSITION_EVERY:
            self._unsaved = pos
            return
        with self.batch.page() as session:
            save_position(session, pos)
        self._position_saved_at = time.monotonic()
        self._unsaved = None
