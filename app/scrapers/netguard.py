"""Where the crawler may go: a source's own site (checked on every redirect hop, before any lookup), and only
public addresses (checked on the resolved IP when the connection is made, so that DNS rebinding is caught).

A source's site is the registrable domain of each host it lists (homepage, feeds, sitemaps, status URL), from
the Public Suffix List bundled with `publicsuffixlist` (never fetched). A host given as an IP address is its own
site (same address and port), and its address is allowed even when private: the source itself lives there.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import anyio
import httpcore
from publicsuffixlist import PublicSuffixList

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
DEFAULT_PORTS = {"http": 80, "https": 443}


class ForbiddenAddress(OSError):
    """A connection refused before it was made; the message is French."""


@lru_cache(maxsize=1)
def _psl() -> PublicSuffixList:
    return PublicSuffixList()  # the bundled snapshot: no network access


def ip_of(host: str) -> IPAddress | None:
    """The address a host names literally (brackets and zone id removed), else None."""
    try:
        return ipaddress.ip_address(host.strip("[]").split("%")[0])
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def site_of(host: str, port: int | None = None) -> str:
    """The site of a host: its registrable domain, or `address:port` for an IP address."""
    host = host.lower().rstrip(".")
    if ip_of(host) is not None:
        return f"{ip_of(host)}:{port}"
    return _psl().privatesuffix(host) or host  # a bare name such as "localhost" is its own site


def url_site(url: str) -> str | None:
    """The site of an http(s) URL, None for anything else."""
    parts = urlsplit(url)
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    try:
        port = parts.port or DEFAULT_PORTS[parts.scheme]
    except ValueError:
        return None
    return site_of(parts.hostname, port)


def same_site(a: str, b: str) -> bool:
    site = url_site(a)
    return site is not None and site == url_site(b)


def forbidden(ip: IPAddress) -> bool:
    """Loopback, private, link-local, reserved, documentation, multicast...: anything not globally routable."""
    mapped = getattr(ip, "ipv4_mapped", None)
    if mapped is not None:
        ip = mapped
    return not ip.is_global or ip.is_multicast


@dataclass(frozen=True)
class SitePolicy:
    """The sites one source may be fetched from."""

    sites: frozenset[str]

    @classmethod
    def of(cls, urls: Iterable[str]) -> SitePolicy:
        return cls(frozenset(s for s in map(url_site, urls) if s))

    def refusal(self, url: str) -> str | None:
        """Why `url` is off limits for this source (French), or None."""
        site = url_site(url)
        if site is None:
            return f"adresse non HTTP refusée : {url[:200]}"
        if site not in self.sites:
            return f"hors du site de la source : {url[:200]}"
        return None

    def addresses(self) -> set[IPAddress]:
        """The IP addresses the source lists literally (allowed even when private)."""
        found = set()
        for site in self.sites:
            ip = ip_of(site.rsplit(":", 1)[0])
            if ip is not None:
                found.add(ip)
        return found


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """httpcore's network backend with a check of every resolved address right before connecting."""

    def __init__(self, inner: httpcore.AsyncNetworkBackend, networks: Iterable[IPNetwork] = ()) -> None:
        self.inner = inner
        self.networks = list(networks)
        self.addresses: set[IPAddress] = set()  # the sources' own literal addresses

    def allows(self, ip: IPAddress) -> bool:
        return not forbidden(ip) or ip in self.addresses or any(ip in n for n in self.networks)

    async def _resolve(self, host: str, port: int) -> list[IPAddress]:
        literal = ip_of(host)
        if literal is not None:
            return [literal]
        infos = await anyio.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        return list(dict.fromkeys(ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos))

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            resolved = await self._resolve(host, port)
        except OSError as exc:
            raise httpcore.ConnectError(f"nom introuvable : {host} ({exc})") from exc
        allowed = [ip for ip in resolved if self.allows(ip)]
        if not allowed:
            shown = ", ".join(map(str, resolved[:3]))
            raise ForbiddenAddress(f"adresse interdite : {host} → {shown} (privée, locale ou réservée)")
        error: Exception | None = None
        for ip in allowed:  # connect to the checked address itself: a second lookup could answer otherwise
            try:
                return await self.inner.connect_tcp(
                    str(ip), port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        assert error is not None
        raise error

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.AsyncNetworkStream:
        raise ForbiddenAddress("connexion locale (socket Unix) refusée")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


def networks_of(values: Iterable[str]) -> list[IPNetwork]:
    """Parse CIDR networks ("10.0.0.0/8", "::1/128", or a plain address)."""
    return [ipaddress.ip_network(v.strip(), strict=False) for v in values if v.strip()]
