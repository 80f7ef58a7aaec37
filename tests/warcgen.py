"""WARC archives written by the tests themselves (warcio's writer), as crawlers write them: a warcinfo record,
then a request record before each response, each record its own gzip member."""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ENGLISH_PARAS = [
    "The assistant stopped answering for most of its users on Tuesday evening, the company said in a short note.",
    "Engineers traced the outage to a faulty configuration change that was rolled back after about two hours.",
    "Paying customers were offered no compensation, which drew sharp criticism from several large clients.",
    "The firm promised a detailed report on the incident and new safeguards for future deployments.",
]


def english_page(url: str, product: str = "ChatGPT", company: str = "OpenAI") -> bytes:
    """An AI outage story in English (written for these tests), which the French-only filter must leave out."""
    title = f"{product} goes down for two hours as {company} rolls back a change"
    body = "".join(f"<p>{p.replace('The assistant', product)}</p>" for p in ENGLISH_PARAS * 2)
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'<link rel="canonical" href="{url}"></head><body><article><h1>{title}</h1>'
        f'<p class="byline">By the newsroom</p>{body}</article></body></html>'
    ).encode()


@dataclass
class Response:
    """One HTTP exchange to archive."""

    url: str
    body: bytes
    status: str = "200 OK"
    headers: list[tuple[str, str]] = field(
        default_factory=lambda: [("Content-Type", "text/html; charset=utf-8")]
    )
    request: bool = True  # a request record before it


def write_warc(
    path: Path, responses: list[Response], gz: bool | None = None, revisit: str | None = None
) -> None:
    """The responses in a WARC file (gzipped when the name ends in .gz), after a warcinfo record."""
    compress = path.name.endswith(".gz") if gz is None else gz
    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=compress)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests Veille IA"}))
        for r in responses:
            if r.request:
                target = "/" + r.url.split("/", 3)[-1]
                req = StatusAndHeaders(
                    f"GET {target} HTTP/1.1", [("Host", r.url.split("/")[2])], is_http_request=True
                )
                writer.write_record(writer.create_warc_record(r.url, "request", http_headers=req))
            http = StatusAndHeaders(r.status, r.headers, protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(r.url, "response", payload=BytesIO(r.body), http_headers=http)
            )
        if revisit:
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_revisit_record(
                    revisit,
                    digest="sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                    refers_to_uri=revisit,
                    refers_to_date="2025-01-01T00:00:00Z",
                    http_headers=http,
                )
            )


def gzipped(data: bytes) -> bytes:
    return gzip.compress(data, 6)
