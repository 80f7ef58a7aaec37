"""Two `veille serve` processes on one database (SQLite file, then PostgreSQL when it answers on 127.0.0.1):
how many pages get the same ETag from both, how many of each other's ETags they answer 304 to, and how long
after the end of a `veille ingest` both serve the new article (bounded by the stamp's 1 s TTL).

Run: PYTHONPATH=. .venv/bin/python bench/replicas_bench.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx
from sqlalchemy import text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.db import make_engine  # noqa: E402
from tests.conftest import PG_ADMIN_URL, _pg_available  # noqa: E402
from tests.deploy.newsroom import write_page  # noqa: E402
from tests.deploy.servers import serving  # noqa: E402
from tests.deploy.test_replicas import PATHS  # noqa: E402
from tests.helpers import run_cli  # noqa: E402


def measure(url: str, tmp: Path, rounds: int) -> str:
    data = tmp / "data"
    run_cli(["ingest", str(write_page(tmp / "l0", "p0", "mistouflon").parent)], url, data)
    with serving(url, data, count=2) as (a, b), httpx.Client(timeout=30) as c:
        agree = cross = 0
        for p in PATHS:
            r1, r2 = c.get(a.url + p), c.get(b.url + p)
            agree += r1.headers["etag"] == r2.headers["etag"]
            cross += c.get(b.url + p, headers={"If-None-Match": r1.headers["etag"]}).status_code == 304
            cross += c.get(a.url + p, headers={"If-None-Match": r2.headers["etag"]}).status_code == 304
        lags = []
        for i in range(rounds):
            word = f"mot{uuid.uuid4().hex[:8]}"
            run_cli(["ingest", str(write_page(tmp / f"l{i + 1}", f"p{i + 1}", word).parent)], url, data)
            t0 = time.monotonic()
            seen: dict[str, float] = {}
            while len(seen) < 2:
                for s in (a, b):
                    if (
                        s.url not in seen
                        and c.get(s.url + "/api/articles", params={"q": word}).json()["total"]
                    ):
                        seen[s.url] = time.monotonic() - t0
                time.sleep(0.01)
            lags.append(max(seen.values()))
    return (
        f"ETag identiques {agree}/{len(PATHS)}, 304 croisés {cross}/{2 * len(PATHS)}, les deux serveurs "
        f"servent la nouvelle donnée {statistics.median(lags) * 1000:.0f} ms (médiane), "
        f"{max(lags) * 1000:.0f} ms (max) après la fin de `veille ingest` ({rounds} essais, borne 1 s)"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="veille-replicas-") as d:
        print("SQLite     :", measure(f"sqlite:///{d}/veille.db", Path(d) / "s", args.rounds))
    if _pg_available():
        print("PostgreSQL : injoignable sur 127.0.0.1:5432, non mesuré")
        return 0
    name = f"veille_rb_{uuid.uuid4().hex[:8]}"
    admin = make_engine(PG_ADMIN_URL).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        with tempfile.TemporaryDirectory(prefix="veille-replicas-") as d:
            url = PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
            print("PostgreSQL :", measure(url, Path(d), args.rounds))
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
