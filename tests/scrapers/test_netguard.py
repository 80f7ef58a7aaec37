"""Sites and addresses: registrable domains from the bundled Public Suffix List, forbidden address ranges,
and the VEILLE_CRAWL_ALLOWED_NETWORKS setting."""

from __future__ import annotations

import ipaddress
import os
import subprocess
import sys

import pytest
from pydantic import ValidationError

from app.config import Settings
from app.scrapers.netguard import SitePolicy, forbidden, same_site, site_of, url_site
from tests.conftest import ROOT


def test_sites_are_registrable_domains_or_exact_addresses() -> None:
    assert site_of("www.01net.com") == site_of("actu.01net.com") == "01net.com"
    assert site_of("news.bbc.co.uk") == "bbc.co.uk" and site_of("a.github.io") != site_of("b.github.io")
    assert url_site("http://127.0.0.1:8000/x") == "127.0.0.1:8000" != url_site("http://127.0.0.1:8001/x")
    assert url_site("https://[::1]/") == "::1:443" and url_site("file:///etc/passwd") is None
    assert same_site("https://www.numerama.com/a", "http://numerama.com/b")
    assert not same_site("https://www.numerama.com/a", "https://numerama.com.evil.example/b")


def test_policy_refuses_other_sites_in_french() -> None:
    policy = SitePolicy.of(["https://www.01net.com/", "https://feeds.example-cdn.net/01net.xml"])
    assert policy.refusal("https://static.01net.com/a.html") is None
    assert policy.refusal("https://feeds.example-cdn.net/autre") is None
    assert "hors du site" in (policy.refusal("https://evil.example/") or "")
    assert "non HTTP" in (policy.refusal("ftp://www.01net.com/") or "")
    assert policy.addresses() == set()
    assert SitePolicy.of(["http://10.1.2.3:8080/"]).addresses() == {ipaddress.ip_address("10.1.2.3")}


@pytest.mark.parametrize(
    "ip",
    [
        "127.0.0.1",
        "127.0.0.2",
        "::1",
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "169.254.169.254",
        "192.0.2.10",
        "100.64.0.1",
        "0.0.0.0",
        "240.0.0.1",
        "224.0.0.1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "2001:db8::1",
    ],
)
def test_private_and_reserved_addresses_are_forbidden(ip: str) -> None:
    assert forbidden(ipaddress.ip_address(ip))


@pytest.mark.parametrize("ip", ["93.184.215.14", "151.101.2.132", "2a00:1450:4007:80e::200e"])
def test_public_addresses_are_allowed(ip: str) -> None:
    assert not forbidden(ipaddress.ip_address(ip))


def test_allowed_networks_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VEILLE_CRAWL_ALLOWED_NETWORKS", "10.0.0.0/8, 192.168.1.7")
    assert Settings().crawl.allowed_networks == ["10.0.0.0/8", "192.168.1.7"]
    monkeypatch.setenv("VEILLE_CRAWL_ALLOWED_NETWORKS", "partout")
    with pytest.raises(ValidationError):
        Settings()


def test_bad_allowed_networks_stop_the_crawl_in_french(tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        VEILLE_DATA_DIR=str(tmp_path),
        VEILLE_CRAWL_ALLOWED_NETWORKS="partout",
    )
    out = subprocess.run(
        [sys.executable, "-m", "app", "crawl"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert (
        out.returncode == 2
        and "réglage VEILLE_CRAWL_ invalide" in out.stderr
        and "Traceback" not in out.stderr
    )
