"""Page bytes to text: which character set a page really uses.

Rule (issue 11): a byte-order mark wins; a declared charset (HTTP header, then <meta charset>) is used only
when it decodes the bytes into plausible HTML without mojibake; otherwise UTF-8, then detection, where
windows-1252 comes first when it reads the page as Western European text (charset_normalizer alone takes
short French pages for Mac Central European or Baltic code pages: "Dťjŗ-vu", "franēais").
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),  # before UTF-16: FF FE 00 00
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?\s*([A-Za-z0-9_\-]+)""", re.I)
# UTF-8 read as a single-byte code page: "Ã©" for é, "â€™" for ’, "Â " for a no-break space.
_MOJIBAKE = re.compile("[ÃÂ][\u0080-\u00bf]|â€[\u0080-\u00bf™œ\u009d˜“”¦]|Ã[©¨ ª§´®¯¹»¼]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")
_CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or 13 < b)  # not tab, newline, VT, FF, CR
# Letters and signs a French (or other Western European) page writes outside ASCII.
_WESTERN = re.compile("[À-ÖØ-öø-ÿŒœŸ€’‘“”«»…–—•°²³·§©®™ ]")
_NON_ASCII = re.compile("[^\x00-\x7f]")


def _has_mojibake(text: str) -> bool:
    # every pattern starts with Ã, Â or â: three substring tests skip the regex scan on most pages
    return ("Ã" in text or "Â" in text or "â" in text) and _MOJIBAKE.search(text) is not None


def bom_encoding(raw: bytes) -> str | None:
    """The encoding a byte-order mark announces, if the page starts with one."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return name
    return None


def _plausible(text: str) -> bool:
    """Decoded text that reads as an HTML page: markup near the start, no control characters, no mojibake in
    the first 20,000 characters (title, byline and first paragraphs: where a wrong charset shows first)."""
    head = text[:2048]
    return "<" in head[:1024] and not _CONTROL.search(head) and not _has_mojibake(text[:20000])


def _strict(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        return None


def wide_declared(declared: str | None) -> bool:
    """Whether a declared charset is UTF-16/32, whose ASCII is full of NUL bytes."""
    return declared is not None and declared.lower().replace("_", "-").startswith(
        ("utf-16", "utf-32", "utf16", "utf32")
    )


def decode(raw: bytes, declared: str | None = None) -> str:
    """Bytes to text: BOM, then the declared charsets when they read plausibly, then UTF-8, then detection."""
    bom = bom_encoding(raw)
    if bom is not None:
        return raw.decode(bom, errors="replace").removeprefix("\ufeff")
    candidates = [declared] if declared else []
    m = _META_CHARSET.search(raw[:4096])
    if m:
        candidates.append(m.group(1).decode("ascii", "ignore"))
    for enc in [*candidates, "utf-8"]:
        text = _strict(raw, enc)
        if text is not None and _plausible(text):
            return text
    return _detect(raw)


_ASCII_LETTERS = re.compile("[A-Za-z]")


def _western(text: str) -> bool:
    """Western European text: its non-ASCII characters are accented letters and typographic signs, and few
    next to the ASCII letters (a Cyrillic or Greek page read as windows-1252 is non-ASCII almost throughout)."""
    non_ascii = len(_NON_ASCII.findall(text))
    return non_ascii == 0 or (
        len(_WESTERN.findall(text)) >= 0.9 * non_ascii
        and non_ascii <= 0.3 * len(_ASCII_LETTERS.findall(text))
    )


def _detect(raw: bytes) -> str:
    cp1252 = _strict(raw, "cp1252")
    if cp1252 is not None and _western(cp1252) and not _has_mojibake(cp1252):
        return cp1252
    best = from_bytes(raw).best()
    if best is not None:
        return str(best)
    return cp1252 if cp1252 is not None else raw.decode("cp1252", errors="replace")


def looks_binary(raw: bytes, declared: str | None = None) -> bool:
    """Not text at all: NUL or many control bytes near the start, unless a BOM or a declared UTF-16/32
    charset explains them."""
    if bom_encoding(raw) is not None or wide_declared(declared):
        return False
    head = raw[:2048]
    # counted in C: translate() deletes the control bytes, the length difference is their number
    return b"\x00" in head or (len(head) - len(head.translate(None, _CONTROL_BYTES)) > len(head) * 0.1)
