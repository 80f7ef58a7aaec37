"""From ingest to delivered alert (issue 15): how long after an outage article is stored does a subscriber's
webhook receive the alert?

A real `veille alerts run` process empties the outbox; an HTTPS receiver on 127.0.0.1 (certificate from a CA made
for the run) records when each alert arrives. Each sample ingests a fresh outage article (a new incident, so a
"new incident" alert) through the normal ingest path, in its own transaction, then waits for the receiver. The
sample's article is removed afterwards (through the same services), so that the next one opens a new incident.

Baselines measured in the same run: the ingest transaction alone (the part of the delay that is not the alert's)
and a bare HTTPS POST to the same receiver. The sender polls the outbox; the delay is reported for each poll
interval asked (the default setting first).

Run: make -f bench/alerts.mk bench-alerts   (or python bench/alerts_bench.py --help)
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
import trustme  # noqa: E402
from sqlalchemy import select  # noqa: E402

from app.alerts.subscriptions import NewSubscription, add_subscription  # noqa: E402
from app.alerts.transport import ssl_context  # noqa: E402
from app.config import AlertSettings  # noqa: E402
from app.db import Database, open_database, unit_of_work  # noqa: E402
from app.models import AlertEvent, Article  # noqa: E402
from app.scrapers.netguard import networks_of  # noqa: E402
from app.search.index import unindex_article  # noqa: E402
from app.services.incidents import detach_article  # noqa: E402
from app.services.ingest import ingest_bytes  # noqa: E402
from tests.alerts.pages import outage_page  # noqa: E402
from tests.alerts.receiver import Receiver  # noqa: E402

PRODUCTS = [
    ("ChatGPT", "OpenAI"),
    ("Claude", "Anthropic"),
    ("Gemini", "Google"),
    ("Le Chat", "Mistral AI"),
    ("Copilot", "Microsoft"),
    ("Grok", "xAI"),
    ("Perplexity", "Perplexity"),
    ("DeepSeek", "DeepSeek"),
    ("Midjourney", "Midjourney"),
]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def ms(value: float) -> str:
    return f"{value * 1000:.0f} ms"


def one_sample(db: Database, receiver: Receiver, n: int, timeout: float) -> tuple[float, float]:
    """(ingest time, ingest-to-received time) of one fresh outage article."""
    product, company = PRODUCTS[n % len(PRODUCTS)]
    # a start minute of its own: the text differs from every earlier sample (trafilatura drops repeats)
    start = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(minutes=60 + n)
    page = outage_page("banc", f"alerte-{n}", product, company, start, start + timedelta(minutes=20))
    t0 = time.monotonic()
    with unit_of_work(db.sessions) as s:
        result = ingest_bytes(s, page)
    t_ingest = time.monotonic() - t0
    if result.incident_id is None:
        raise SystemExit(f"sample {n}: the page was not read as an outage ({result.status} {result.reason})")
    with db.sessions() as s:
        uid = s.scalar(select(AlertEvent.uid).where(AlertEvent.incident_id == result.incident_id))
    if uid is None:
        raise SystemExit(f"sample {n}: no alert event was written")
    deadline = t0 + timeout
    arrived = None
    while arrived is None:
        if time.monotonic() > deadline:
            raise SystemExit(f"sample {n}: no alert after {timeout:g} s")
        with receiver.lock:
            arrived = next((r.at for r in receiver.requests if r.json.get("id") == uid), None)
        time.sleep(0.001)
    with unit_of_work(db.sessions) as s:  # the next sample opens a new incident
        article = s.get(Article, result.article_id)
        if article is not None:
            detach_article(s, article)
            unindex_article(s, article)
            s.delete(article)
    return t_ingest, arrived - t0


def series(
    db: Database, env: dict[str, str], receiver: Receiver, poll: float, samples: int, start: int
) -> dict:
    rng = random.Random(start)
    sender = subprocess.Popen(
        [sys.executable, "-m", "app", "alerts", "run"],
        env={**env, "VEILLE_ALERTS_POLL_SECONDS": str(poll)},
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for n in range(start, start + 2):  # warm-up: the sender's first pass, the first ingest's imports
            one_sample(db, receiver, n, timeout=60)
        ingest, total = [], []
        for n in range(start + 2, start + 2 + samples):
            # articles arrive at any moment of the sender's polling cycle, not right after its last pass
            time.sleep(rng.uniform(0, poll))
            a, b = one_sample(db, receiver, n, timeout=30 + poll)
            ingest.append(a)
            total.append(b)
    finally:
        sender.send_signal(signal.SIGTERM)
        sender.wait(timeout=30)
    return {"poll": poll, "ingest": ingest, "total": total}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--samples", type=int, default=30, help="alerts measured per poll interval (default 30)")
    p.add_argument(
        "--poll",
        default=f"{AlertSettings().poll_seconds:g},0.2",
        help="sender poll intervals in seconds, comma-separated (default: the setting's default, then 0.2)",
    )
    p.add_argument("--db-url", help="database (default: a temporary SQLite file)")
    args = p.parse_args()
    polls = [float(x) for x in args.poll.split(",") if x.strip()]
    with tempfile.TemporaryDirectory(prefix="veille-bench-alerts-") as tmp:
        folder = Path(tmp)
        db_url = args.db_url or f"sqlite:///{folder / 'bench.db'}"
        ca = trustme.CA()
        ca_file = folder / "ca.pem"
        ca.cert_pem.write_to_path(str(ca_file))
        env = dict(
            os.environ,
            PYTHONPATH=str(ROOT),
            VEILLE_DATABASE_URL=db_url,
            VEILLE_DATA_DIR=str(folder),
            VEILLE_ALERTS_ALLOWED_NETWORKS="127.0.0.0/8",
            VEILLE_ALERTS_CA_FILE=str(ca_file),
            VEILLE_LOG_LEVEL="WARNING",
        )
        db = open_database(db_url)
        try:
            with Receiver(ca) as receiver:
                with unit_of_work(db.sessions) as s:
                    add_subscription(
                        s,
                        NewSubscription(channel="webhook", target=receiver.url + "/banc"),
                        networks_of(["127.0.0.0/8"]),
                        smtp_ready=False,
                    )
                with httpx.Client(verify=ssl_context(str(ca_file))) as client:
                    client.post(receiver.url + "/chauffe", json={"id": "chauffe"})
                    posts = []
                    for i in range(args.samples):
                        t = time.monotonic()
                        client.post(receiver.url + "/base", json={"id": f"base-{i}"})
                        posts.append(time.monotonic() - t)
                results = []
                start = 0
                for poll in polls:
                    results.append(series(db, env, receiver, poll, args.samples, start))
                    start += args.samples + 2
        finally:
            db.dispose()
    backend = "PostgreSQL" if db_url.startswith("postgresql") else "SQLite"
    print(
        f"\nDe l'ingestion à l'alerte livrée ({backend}, {args.samples} alertes par série, webhook signé en HTTPS)"
    )
    print(f"Base : POST HTTPS nu au même récepteur p50 {ms(pct(posts, 0.5))}, p95 {ms(pct(posts, 0.95))}")
    header = (
        "| poll | ingest p50 | ingest p95 | ingest→alerte p50 | p95 | max | p50 / ingest p50 | p50 − ingest |"
    )
    print(header)
    print("|" + "---|" * 8)
    for r in results:
        ing, tot = r["ingest"], r["total"]
        print(
            f"| {r['poll']:g} s | {ms(pct(ing, 0.5))} | {ms(pct(ing, 0.95))} | {ms(pct(tot, 0.5))} | "
            f"{ms(pct(tot, 0.95))} | {ms(max(tot))} | {pct(tot, 0.5) / pct(ing, 0.5):.1f}× | "
            f"{ms(statistics.median(t - i for t, i in zip(tot, ing, strict=True)))} |"
        )


if __name__ == "__main__":
    main()
