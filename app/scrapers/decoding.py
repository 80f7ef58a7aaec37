"""Content-Encoding decoded in bounded steps, so that a size cap applies to decoded bytes as they are produced.

httpx decodes each received chunk in one call: two stacked gzip layers turn 1.8 KB into 1 GiB before any cap
can look at it. Here every layer yields at most CHUNK bytes at a time (zlib's max_length), the caller counts
and stops; at most MAX_LAYERS encodings are accepted, and only gzip and deflate (what we ask for).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

ACCEPT_ENCODING = "gzip, deflate"
MAX_LAYERS = 2
CHUNK = 64 * 1024


class EncodingError(ValueError):
    """A body we refuse to decode; the message is French."""


class _Layer:
    def __init__(self, name: str) -> None:
        self.name = name
        self.d: zlib._Decompress | None = None if name == "deflate" else self._new()

    def _new(self, raw_deflate: bool = False) -> zlib._Decompress:
        if self.name == "deflate":
            return zlib.decompressobj(-zlib.MAX_WBITS if raw_deflate else zlib.MAX_WBITS)
        return zlib.decompressobj(16 + zlib.MAX_WBITS)

    def feed(self, data: bytes) -> Iterator[bytes]:
        if self.d is None:
            if not data:
                return
            # "deflate" is zlib-wrapped by the standard, raw deflate by some servers: tell by the header
            zlib_header = len(data) >= 2 and (data[0] & 0x0F) == 8 and ((data[0] << 8) | data[1]) % 31 == 0
            self.d = self._new(raw_deflate=not zlib_header)
        try:
            while True:
                out = self.d.decompress(data, CHUNK)
                data = self.d.unconsumed_tail
                if self.d.eof and self.d.unused_data.strip(b"\0"):
                    if self.name != "gzip":
                        break  # bytes after the end of a deflate stream are ignored
                    data = self.d.unused_data + data  # the next member of a multi-member gzip
                    self.d = self._new()
                if out:
                    yield out
                if not data and len(out) < CHUNK:
                    return
        except zlib.error as exc:
            raise EncodingError(f"contenu compressé invalide ({self.name}) : {exc}") from None


class BoundedDecoder:
    """Decodes a body chunk by chunk through its Content-Encoding layers, CHUNK bytes at a time."""

    def __init__(self, header: str | None) -> None:
        names = [n.strip().lower() for n in (header or "").split(",") if n.strip()]
        names = ["gzip" if n == "x-gzip" else n for n in names if n != "identity"]
        unknown = sorted({n for n in names if n not in ("gzip", "deflate")})
        if unknown:
            raise EncodingError(f"encodage de contenu non pris en charge : {', '.join(unknown)[:80]}")
        if len(names) > MAX_LAYERS:
            raise EncodingError(
                f"trop d'encodages empilés ({len(names)}, au plus {MAX_LAYERS}) : réponse refusée"
            )
        self.layers = [_Layer(n) for n in reversed(names)]  # the last encoding applied is undone first

    def feed(self, data: bytes) -> Iterator[bytes]:
        """The decoded pieces of a received chunk (call with b"" at the end to drain)."""
        yield from self._through(0, data)

    def _through(self, i: int, data: bytes) -> Iterator[bytes]:
        if i == len(self.layers):
            if data:
                yield data
            return
        for piece in self.layers[i].feed(data):
            yield from self._through(i + 1, piece)
        if not data:
            yield from self._through(i + 1, b"")
