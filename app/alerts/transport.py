"""The calls to destinations: one bounded HTTPS POST (address checked when connecting, a total timeout, a cap on
the answer read, no redirect followed) or one SMTP submission; each gives an Outcome the sender acts on."""

from __future__ import annotations

import asyncio
import logging
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage

import certifi
import httpx

from app.alerts.formats import OutgoingRequest
from app.config import AlertSettings
from app.scrapers.base import retry_after_seconds
from app.scrapers.netguard import ForbiddenAddress, GuardedBackend, networks_of

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({408, 425, 429})  # and every 5xx


@dataclass(frozen=True)
class Outcome:
    """What one call gave: delivered, or why not (French), and whether trying again can help."""

    ok: bool
    status: int | None = None
    error: str | None = None
    retry: bool = False  # a later try may succeed (5xx, 429, timeout, connection)
    gone: bool = False  # 410: the destination no longer exists
    retry_after: float | None = None  # seconds the destination asked us to wait


def ssl_context(ca_file: str | None) -> ssl.SSLContext:
    """The usual certificate authorities, plus those of VEILLE_ALERTS_CA_FILE (a private network's own)."""
    ctx = ssl.create_default_context(cafile=certifi.where())
    if ca_file:
        ctx.load_verify_locations(cafile=ca_file)
    return ctx


class HideUrlPaths(logging.Filter):
    """httpx logs every request's full URL at INFO: a destination's path is a secret (a Slack or Discord webhook,
    an ntfy topic), so in a process that sends alerts its log lines keep only the origin."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and any(isinstance(a, httpx.URL) for a in record.args):
            record.args = tuple(
                f"{a.scheme}://{a.netloc.decode()}/…" if isinstance(a, httpx.URL) else a for a in record.args
            )
        return True


_HIDE = HideUrlPaths()


class AlertClient:
    """One HTTP client for the sender; use as an async context manager."""

    def __init__(self, config: AlertSettings, user_agent: str) -> None:
        self.config = config
        logging.getLogger("httpx").addFilter(_HIDE)  # once: a filter already there is not added again
        # no proxy from the environment: the address check must see the real destination
        transport = httpx.AsyncHTTPTransport(
            verify=ssl_context(str(config.ca_file) if config.ca_file else None), trust_env=False
        )
        pool = transport._pool  # httpx has no public hook for httpcore's network backend
        pool._network_backend = GuardedBackend(pool._network_backend, networks_of(config.allowed_networks))
        self.client = httpx.AsyncClient(
            transport=transport,
            timeout=httpx.Timeout(config.timeout),
            follow_redirects=False,
            trust_env=False,
            headers={"User-Agent": user_agent},
        )

    async def __aenter__(self) -> AlertClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.client.aclose()

    async def post(self, request: OutgoingRequest) -> Outcome:
        """POST the request; never raises."""
        limit = self.config.timeout
        try:
            # a total deadline: a destination answering one byte a second never trips the per-read timeout
            async with (
                asyncio.timeout(limit),
                self.client.stream(
                    "POST", request.url, content=request.body, headers=request.headers
                ) as resp,
            ):
                await _drain(resp, self.config.max_response_bytes)
                return classify(resp.status_code, resp.headers.get("retry-after"))
        except TimeoutError:
            return Outcome(False, error=f"pas de réponse en {limit:g} s", retry=True)
        except ForbiddenAddress as exc:
            return Outcome(False, error=str(exc)[:300])
        except httpx.TimeoutException:
            return Outcome(False, error=f"pas de réponse en {limit:g} s", retry=True)
        except httpx.ConnectError as exc:
            return Outcome(False, error=f"connexion impossible ({_reason(exc)})", retry=True)
        except (httpx.TransportError, OSError) as exc:
            return Outcome(False, error=f"erreur de transport ({_reason(exc)})", retry=True)


def _reason(exc: BaseException) -> str:
    """A short reason that never repeats the URL (it can be a secret)."""
    text = str(exc) or type(exc).__name__
    if "CERTIFICATE_VERIFY_FAILED" in text:
        return "certificat TLS refusé"
    return text.split("\n")[0][:200]


async def _drain(resp: httpx.Response, max_bytes: int) -> None:
    """Read at most `max_bytes` of the answer (it is not used; reading lets the connection be reused)."""
    seen = 0
    async for chunk in resp.aiter_raw():
        seen += len(chunk)
        if seen > max_bytes:
            break


def classify(status: int, retry_after: str | None) -> Outcome:
    """An HTTP status as an outcome: 2xx delivered; 410 gone; 408, 425, 429 and 5xx worth another try."""
    if 200 <= status < 300:
        return Outcome(True, status=status)
    if status == 410:
        return Outcome(False, status=status, error="HTTP 410 : destination supprimée", gone=True)
    if 300 <= status < 400:
        return Outcome(False, status=status, error=f"HTTP {status} : redirection non suivie")
    if status in RETRY_STATUSES or status >= 500:
        return Outcome(
            False,
            status=status,
            error=f"HTTP {status}",
            retry=True,
            retry_after=retry_after_seconds(retry_after),
        )
    return Outcome(False, status=status, error=f"HTTP {status} : refusé par la destination")


def send_email(config: AlertSettings, message: EmailMessage) -> Outcome:
    """Submit one message to the SMTP server of the settings (blocking: run it in a thread)."""
    if not config.smtp_host:
        return Outcome(False, error="serveur SMTP non configuré (VEILLE_ALERTS_SMTP_HOST)")
    try:
        smtp: smtplib.SMTP
        if config.smtp_security == "tls":
            smtp = smtplib.SMTP_SSL(
                config.smtp_host, config.smtp_port, timeout=config.timeout, context=ssl_context(_ca(config))
            )
        else:
            smtp = smtplib.SMTP(config.smtp_host, config.smtp_port, timeout=config.timeout)
        with smtp:
            if config.smtp_security == "starttls":
                smtp.starttls(context=ssl_context(_ca(config)))
            if config.smtp_user:
                smtp.login(config.smtp_user, config.smtp_password or "")
            smtp.send_message(message)
    except smtplib.SMTPRecipientsRefused as exc:
        codes = [code for code, _ in exc.recipients.values()]
        temporary = all(400 <= c < 500 for c in codes)
        return Outcome(
            False, status=codes[0] if codes else None, error="destinataire refusé", retry=temporary
        )
    except smtplib.SMTPResponseException as exc:
        return Outcome(
            False, status=exc.smtp_code, error=f"SMTP {exc.smtp_code}", retry=400 <= exc.smtp_code < 500
        )
    except (TimeoutError, smtplib.SMTPException, OSError) as exc:
        return Outcome(False, error=f"SMTP : {_reason(exc)}", retry=True)
    return Outcome(True, status=250)


def _ca(config: AlertSettings) -> str | None:
    return str(config.ca_file) if config.ca_file else None
