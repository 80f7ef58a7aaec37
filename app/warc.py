"""WARC archives (warcio) read for `veille ingest --warc`, every byte taken as hostile.

What leaves this module is one WarcRecord per archive record, in file order, with the offset where the next
record starts (where an interrupted import resumes). Only HTTP 200 responses of HTML (or of no declared type,
as the crawl accepts) from a wanted URL carry a body. Bounds, whatever the file says:
- a header line (WARC or HTTP) is at most MAX_LINE bytes and a record's header lines MAX_HEADER_BYTES in all;
- a response body is read up to `max_bytes` (the crawl's cap), on the wire and after its Content-Encoding,
  which is undone by the crawl's bounded decoder (two layers at most, 64 KB at a time): a decompression bomb
  costs time, never memory; the rest of a huge record is read through in 16 KB blocks;
- a gzip archive is decompressed 16 KB at a time by warcio (one member per record, as WARC writers do).
A file that is not WARC, ends inside a record, or holds a record that cannot be parsed stops with WarcError
(a French message and the offset where reading stopped): what came before is intact.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.message import Message
from io import BytesIO
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import ChunkedDataReader, DecompressingBufferedReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.limitreader import LimitReader

from app.scrapers.base import HTML_TYPES
from app.scrapers.decoding import BoundedDecoder, EncodingError

MAX_LINE = 32 * 1024
MAX_HEADER_BYTES = 256 * 1024
_NOT_WARC = "pas une archive WARC (ni « WARC/1.0 » ou « WARC/1.1 », ni gzip au début)"
FINGERPRINT_BYTES = 8 * 1024  # a warcinfo record or a first record: their WARC-Record-ID is unique


class WarcError(Exception):
    """The archive cannot be read further; `message` says why in French, `offset` where reading stopped."""

    def __init__(self, message: str, offset: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


@dataclass
class WarcRecord:
    """One archive record: a page to extract (`body`), or why it is left out."""

    offset: int  # where the record starts in the file
    end: int  # where the next record starts
    url: str | None = None
    skip: str | None = None  # not-response | status | not-html | off-source | too-large | encoding
    message: str | None = None  # French, for the skips that are errors (too-large, encoding)
    body: bytes = b""
    charset: str | None = None

    @property
    def is_page(self) -> bool:
        return self.skip is None


def fingerprint(path: Path, scope: str = "") -> str:
    """What identifies an archive whatever its name: the sha256 of its first 8 KiB (and of `scope`, what the
    import keeps: an archive read for the declared sources is read again for every site)."""
    with path.open("rb") as f:
        return hashlib.sha256(f.read(FINGERPRINT_BYTES) + scope.encode()).hexdigest()


class _BoundedReader(DecompressingBufferedReader):  # type: ignore[misc]
    """warcio's reader with bounded header lines, and corrupt gzip data as an error instead of a silent end."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.header_bytes = 0

    def readline(self, length: int | None = None) -> bytes:
        want = MAX_LINE + 1 if length is None else min(length, MAX_LINE + 1)
        line = b""
        while len(line) < want and not line.endswith(b"\n"):  # warcio may stop short at a buffer's end
            piece: bytes = super().readline(want - len(line))
            if not piece:
                break
            line += piece
        self.header_bytes += len(line)
        if len(line) > MAX_LINE:
            raise WarcError(
                f"ligne d'en-tête démesurée (plus de {MAX_LINE // 1024} Kio) : pas une archive WARC"
            )
        if self.header_bytes > MAX_HEADER_BYTES:
            raise WarcError(f"en-têtes d'enregistrement démesurés (plus de {MAX_HEADER_BYTES // 1024} Kio)")
        return line

    def _decompress(self, data: bytes) -> bytes:
        if self.decompressor is not None and data and self.num_block_read:
            try:
                out: bytes = self.decompressor.decompress(data)
            except zlib.error as exc:
                raise WarcError(f"données gzip corrompues ({exc})") from None
            return out
        return super()._decompress(data)  # type: ignore[no-any-return]


class _Iterator(ArchiveIterator):  # type: ignore[misc]
    INC_RECORD = ""  # warcio writes this warning to stderr; a bad length surfaces as a parse error instead

    def __init__(self, fileobj: Any) -> None:
        super().__init__(fileobj, arc2warc=False)
        self.reader = _BoundedReader(self.fh)

    def _next_record(self, next_line: bytes | None) -> Any:
        self.reader.header_bytes = len(next_line or b"")
        return super()._next_record(next_line)


def _charset(content_type: str) -> str | None:
    msg = Message()
    msg["content-type"] = content_type
    charset = msg.get_content_charset()
    return charset if charset and len(charset) <= 40 else None


def _body(raw: bytes, http: Any, max_bytes: int) -> tuple[bytes, str | None, str | None]:
    """The payload as the crawl would have it (chunks joined, Content-Encoding undone, at most max_bytes):
    (body, skip reason, French message)."""
    if "chunked" in (http.get_header("transfer-encoding") or "").lower():
        raw = ChunkedDataReader(BytesIO(raw)).read()  # never longer than its input
    encoding = http.get_header("content-encoding")
    if not encoding:
        return raw, None, None
    try:
        decoder = BoundedDecoder(encoding)
        chunks, size = [], 0
        for piece in (*decoder.feed(raw), *decoder.feed(b"")):
            chunks.append(piece)
            size += len(piece)
            if size > max_bytes:
                return b"", "too-large", _too_large(max_bytes)
    except EncodingError as exc:
        return b"", "encoding", str(exc)
    return b"".join(chunks), None, None


def _too_large(max_bytes: int) -> str:
    return f"réponse de plus de {max_bytes / 2**20:g} Mo : ignorée (trop volumineuse)"


def _french(exc: Exception) -> str:
    text = str(exc).strip()
    if "non-chunked gzip" in text:
        return (
            "archive gzip d'un seul bloc (un membre gzip par enregistrement est attendu) : "
            "la recompresser avec « warcio recompress »"
        )
    if text.startswith("Unknown archive format"):
        return _NOT_WARC
    if text.startswith("Invalid WARC record, first line:"):
        first = text.removeprefix("Invalid WARC record, first line:").strip()[:80]
        return f"enregistrement WARC invalide (première ligne : {first!r})"
    return f"archive illisible ({type(exc).__name__} : {text[:200]})"


def read_records(
    path: Path, start: int, max_bytes: int, wanted: Callable[[str], bool]
) -> Iterator[WarcRecord]:
    """Every record from offset `start` on (0, or where an earlier run stopped); raises WarcError."""
    with path.open("rb") as f:
        f.seek(start)
        head = f.read(5)
        if head and not head.startswith((b"WARC/", b"\x1f\x8b")):  # a record, or a gzip member holding one
            raise WarcError(_NOT_WARC, start)
        f.seek(start)
        it = _Iterator(f)
        where = start
        try:
            for rec in it:
                where = it.offset
                if rec.format != "warc":
                    raise WarcError("pas une archive WARC", where)
                length = rec.rec_headers.get_header("Content-Length") or ""
                if not length.strip().isdigit() or not isinstance(rec.raw_stream, LimitReader):
                    raise WarcError(
                        f"enregistrement WARC sans Content-Length valide (reçu {length[:40]!r})", where
                    )
                out = _record(rec, where, max_bytes, wanted)
                it.read_to_end()
                if rec.raw_stream.limit > 0:
                    raise WarcError(
                        "archive tronquée : le fichier s'arrête au milieu d'un enregistrement", where
                    )
                out.end = it.offset
                yield out
                where = it.offset
        except WarcError as exc:
            exc.offset = where if exc.offset is None else exc.offset
            raise
        except (ArchiveLoadFailed, ValueError, OSError, zlib.error, EOFError) as exc:
            raise WarcError(_french(exc), where) from None
        except Exception as exc:  # warcio's parser on bytes it was not written for
            raise WarcError(_french(exc), where) from None


def _record(rec: Any, offset: int, max_bytes: int, wanted: Callable[[str], bool]) -> WarcRecord:
    """What one record gives, its body read (up to max_bytes) only when it is a page we want."""
    url = rec.rec_headers.get_header("WARC-Target-URI")
    out = WarcRecord(offset=offset, end=offset, url=url)
    http = rec.http_headers
    if rec.rec_type != "response" or http is None or not url:
        out.skip = "not-response"
        return out
    if http.get_statuscode() != "200":
        out.skip = "status"
        return out
    ctype = http.get_header("content-type") or ""
    mime = ctype.split(";")[0].strip().lower()
    if mime and mime not in HTML_TYPES:
        out.skip = "not-html"
        return out
    if not wanted(url):
        out.skip = "off-source"
        return out
    raw = rec.raw_stream.read(max_bytes + 1)
    if len(raw) > max_bytes:
        out.skip, out.message = "too-large", _too_large(max_bytes)
        return out
    out.body, out.skip, out.message = _body(raw, http, max_bytes)
    out.charset = _charset(ctype) if ctype else None
    return out
