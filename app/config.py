"""Settings read from the environment (prefix VEILLE_; the crawler's knobs VEILLE_CRAWL_<NAME>)."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PACKAGE_DIR = Path(__file__).resolve().parent
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class CrawlSettings(BaseModel):
    """The crawler's knobs (VEILLE_CRAWL_<NAME>), small in tests, sane by default; `Settings.crawl`."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    max_retries: int = 3
    backoff_base: float = 1.0  # first retry waits about this long, then doubles
    backoff_cap: float = 120.0  # no wait (backoff or Retry-After) is longer than this
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    concurrency: int = 8  # requests in flight over all hosts
    workers: int = 2  # extraction processes
    # one page's extraction: past this many seconds, or this much memory in its worker, the worker is killed
    # and replaced and the page recorded as too slow / too heavy; a worker above worker_recycle_mb after a
    # page is replaced by a fresh one (a 5 MB page leaves ~55 MB behind that Python never gives back)
    extract_timeout: Annotated[float, Field(gt=0)] = 5.0
    worker_max_mb: Annotated[float, Field(gt=0)] = 400.0
    worker_recycle_mb: Annotated[float, Field(gt=0)] = 200.0
    delay_override: float | None = None  # force one delay for every source (benchmarks: 0)
    request_deadline: float = 60.0  # one request from connect to the last body byte, whatever the pace
    max_crawl_delay: float = 30.0  # a robots.txt Crawl-delay above this: the source is skipped for the run
    max_retry_after: float = 120.0  # a Retry-After above this: the source is skipped for the run
    source_budget: float = 1800.0  # seconds per source and per run; the rest waits for the next run
    # several crawl processes (docs/crawl.md): a claim (page, host, pass) lapses this long after its worker's
    # last heartbeat (one every quarter of it); a killed worker's pages go to the others after about this long
    lease_seconds: Annotated[float, Field(gt=0)] = 30.0
    # private, loopback or reserved networks the crawler may reach anyway (CIDR, comma-separated)
    allowed_networks: Annotated[list[str], NoDecode] = []

    @field_validator("allowed_networks", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        """VEILLE_CRAWL_ALLOWED_NETWORKS is a comma-separated list; a malformed network is refused at start-up."""
        from app.scrapers.netguard import networks_of  # imported here: reading settings stays light

        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if isinstance(value, list | tuple):
            networks_of(str(v) for v in value)
        return value


class AlertSettings(BaseModel):
    """The alert sender's knobs (VEILLE_ALERTS_<NAME>); `Settings.alerts`. docs/alerts.md describes them."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    sender: bool = False  # `veille serve` also delivers alerts (else `veille alerts run` does)
    poll_seconds: Annotated[float, Field(gt=0)] = 1.0  # how often the sender looks for due deliveries
    timeout: Annotated[float, Field(gt=0)] = 10.0  # one call to a destination, connection to last byte
    max_response_bytes: Annotated[int, Field(gt=0)] = 64 * 1024  # read at most this much of an answer
    backoff_base: Annotated[float, Field(gt=0)] = 30.0  # the first retry waits about this long, then doubles
    backoff_cap: Annotated[float, Field(gt=0)] = 3600.0  # no wait between two tries is longer
    give_up_after: Annotated[float, Field(gt=0)] = 24 * 3600.0  # a destination failing this long is disabled
    concurrency: Annotated[int, Field(ge=1)] = 4  # calls in flight
    # private, loopback or link-local networks destinations may point at (CIDR, comma-separated); none by default
    allowed_networks: Annotated[list[str], NoDecode] = []
    ca_file: Path | None = None  # extra certificate authorities (PEM) for destinations on a private network
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_security: str = "starttls"  # starttls | tls | none
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_from: str | None = None

    @field_validator("allowed_networks", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        """VEILLE_ALERTS_ALLOWED_NETWORKS is a comma-separated list; a malformed network is refused at start-up."""
        from app.scrapers.netguard import networks_of

        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if isinstance(value, list | tuple):
            for v in value:
                try:
                    networks_of([str(v)])
                except ValueError:
                    raise ValueError(
                        f"réseau invalide « {v} » (attendu : une adresse ou un réseau CIDR, ex. 10.0.0.0/8)"
                    ) from None
        return value

    @field_validator("smtp_security")
    @classmethod
    def _security(cls, value: str) -> str:
        if value not in ("starttls", "tls", "none"):
            raise ValueError(f"sécurité SMTP inconnue « {value} » (valeurs possibles : starttls, tls, none)")
        return value


class Settings(BaseSettings):
    """Every knob of the service; defaults run out of the box on SQLite."""

    # "_" nests once: VEILLE_CRAWL_CONNECT_TIMEOUT is crawl.connect_timeout (fields with no nested model
    # are not split: VEILLE_DATA_DIR stays data_dir)
    model_config = SettingsConfigDict(
        env_prefix="VEILLE_", extra="ignore", env_nested_delimiter="_", env_nested_max_split=1
    )

    data_dir: Path = Path("data")
    database_url: str | None = None
    sources_file: Path = PACKAGE_DIR / "scrapers" / "sources.toml"
    user_agent: str = "VeilleIA/0.1 (+https://github.com/veille-ia/veille-ia)"
    demo: bool = False
    site_name: str = "Veille IA"
    # --- the public site (docs/security.md) ---
    # The address visitors use; every absolute URL (feeds, CSV, redirects) is built from it, never from the
    # Host header. When set, requests for any other host are refused (400).
    public_url: str | None = None
    # Extra host names accepted in the Host header ("*" accepts any); loopback names are always accepted.
    allowed_hosts: Annotated[list[str], NoDecode] = []
    # Where absolute URLs point when public_url is unset (`veille serve` sets it from --host/--port).
    local_url: str = "http://127.0.0.1:8000"
    max_header_bytes: int = 16 * 1024  # request line + all headers, per request
    max_headers: int = 100  # header lines per request
    # uvicorn's HTTP parser. h11 bounds a request head while it arrives (max_header_bytes); httptools serves
    # cached pages about twice as fast (bench-render) but buffers request heads of any size: choose it only
    # behind a reverse proxy that bounds them itself (docs/security.md).
    http_parser: str = "h11"
    log_level: str = "WARNING"  # of the `veille` commands' own logging (uvicorn keeps its own)
    # Answers shared by the web processes of one machine (app/shared_answers.py): "auto" (beside a SQLite
    # database, else in a private directory of /dev/shm), "off", or a directory of this user closed to others
    shared_cache: str = "auto"
    shared_cache_mb: Annotated[int, Field(ge=1)] = 256
    crawl: CrawlSettings = CrawlSettings()
    # --- live service status (docs/etat.md) ---
    services_file: Path = PACKAGE_DIR / "services" / "followed.toml"
    # seconds between two polls of the status pages by `veille crawl` (between and during its passes)
    status_every: Annotated[float, Field(gt=0)] = 120.0
    # past this many seconds without a usable answer from its status page, a service's status is "inconnu"
    status_max_age: Annotated[float, Field(gt=0)] = 900.0

    alerts: AlertSettings = AlertSettings()

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in LOG_LEVELS:
            raise ValueError(
                f"niveau de journalisation inconnu « {value} » (valeurs possibles : {', '.join(LOG_LEVELS)})"
            )
        return level

    @field_validator("http_parser")
    @classmethod
    def _parser(cls, value: str) -> str:
        if value not in ("h11", "httptools"):
            raise ValueError(f"analyseur HTTP inconnu « {value} » (valeurs possibles : h11, httptools)")
        return value

    @field_validator("public_url", "local_url")
    @classmethod
    def _origin(cls, value: str | None) -> str | None:
        """An origin (scheme, host, optional port), kept without a trailing slash."""
        if value is None or not value.strip():
            return None
        value = value.strip()
        parts = urlsplit(value)
        if (
            parts.scheme not in ("http", "https")
            or not parts.hostname
            or parts.path not in ("", "/")
            or parts.query
            or parts.fragment
            or parts.username
            or parts.password
        ):
            raise ValueError(
                f"adresse publique invalide : {value!r} (attendu : http(s)://hôte[:port], sans chemin)"
            )
        try:
            parts.port  # noqa: B018 - raises on a port that is not a number
        except ValueError:
            raise ValueError(f"port invalide dans l'adresse publique : {value!r}") from None
        return f"{parts.scheme}://{parts.netloc.lower()}"

    @field_validator("allowed_hosts", mode="before")
    @classmethod
    def _hosts(cls, value: object) -> object:
        """VEILLE_ALLOWED_HOSTS is a comma-separated list."""
        if isinstance(value, str):
            return [h.strip().lower() for h in value.split(",") if h.strip()]
        return value

    @property
    def base_url(self) -> str:
        """The origin absolute URLs are built from."""
        return self.public_url or self.local_url

    @cached_property
    def db_url(self) -> str:
        """The SQLAlchemy URL, defaulting to a SQLite file in the data folder."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'veille.db').resolve()}"
