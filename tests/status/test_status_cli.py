"""`veille status` and `veille crawl` as a user runs them: subprocesses against status pages on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, text

from tests.conftest import ROOT
from tests.fakesite import FakeSite, Resp
from tests.status.helpers import incidents, json_resp, status_toml, summary


def env_for(tmp_path: Path, sources: str, **extra: str) -> dict[str, str]:
    path = tmp_path / "sources.toml"
    path.write_text(sources, encoding="utf-8")
    return dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        VEILLE_SOURCES_FILE=str(path),
        VEILLE_DATABASE_URL=f"sqlite:///{tmp_path / 'veille.db'}",
        VEILLE_DATA_DIR=str(tmp_path / "data"),
        VEILLE_CRAWL_CONNECT_TIMEOUT="2",
        VEILLE_CRAWL_READ_TIMEOUT="5",
        VEILLE_CRAWL_BACKOFF_BASE="0.01",
        VEILLE_CRAWL_MAX_RETRIES="1",
        **extra,
    )


def veille(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def polls(db: Path) -> list[tuple[str, str | None]]:
    eng = create_engine(f"sqlite:///{db}")
    try:
        with eng.connect() as c:
            return [
                (r[0], r[1])
                for r in c.execute(text("SELECT source, error FROM status_check ORDER BY source"))
            ]
    finally:
        eng.dispose()


def serve(site: FakeSite, chatgpt: str = "operational") -> None:
    site.routes["/api/v2/summary.json"] = json_resp(summary(chatgpt=chatgpt))
    site.routes["/api/v2/incidents.json"] = json_resp(incidents())
    site.routes["/google/incidents.json"] = json_resp(b"[]")


def test_status_polls_and_prints_the_live_status(tmp_path: Path) -> None:
    with FakeSite() as site:
        serve(site, chatgpt="major_outage")
        out = veille(env_for(tmp_path, status_toml(site, google_page=True)), "status")
    assert out.returncode == 0, out.stderr
    assert "Pages de statut" in out.stdout and "État des services en direct" in out.stdout
    chat = next(line for line in out.stdout.splitlines() if line.startswith("│ ChatGPT "))
    assert "│ en panne " in chat and "Selon la page" in chat
    assert polls(tmp_path / "veille.db") == [("Statut Google Gemini", None), ("Statut OpenAI", None)]
    # the followed services whose status page this sources file lacks are named
    assert (
        "« Statut Anthropic » (page de statut de Claude, API d'Anthropic, Claude Code) n'est pas dans le "
        "fichier des sources" in out.stderr
    )


def test_status_reports_a_failing_page_in_french_and_exits_1(tmp_path: Path) -> None:
    with FakeSite() as site:
        serve(site)
        site.routes["/api/v2/summary.json"] = json_resp(b"<html>pas du JSON</html>")
        out = veille(env_for(tmp_path, status_toml(site)), "status")
    assert out.returncode == 1
    page = next(line for line in out.stdout.splitlines() if line.startswith("│ Statut OpenAI "))
    assert "│ échec : réponse illisible" in page
    [(name, error)] = polls(tmp_path / "veille.db")
    assert name == "Statut OpenAI" and error and error.startswith("réponse illisible")


def test_status_refuses_bad_arguments_and_files_in_french(tmp_path: Path) -> None:
    env = env_for(tmp_path, '[[sources]]\nname = "a"\nhomepage = "https://a.example/"\nfeeds = []\n')
    out = veille(env, "status")
    assert out.returncode == 2 and "aucune page de statut" in out.stderr
    out = veille(env, "status", "--every", "bientôt")
    assert out.returncode == 2 and "durée invalide" in out.stderr
    bad = tmp_path / "services.toml"
    bad.write_text('[[service]]\nname = "X"\nproduct = "nulle-part"\n', encoding="utf-8")
    out = veille({**env, "VEILLE_SERVICES_FILE": str(bad)}, "status")
    assert out.returncode == 2 and "« product » doit être un produit du gazetteer" in out.stderr
    assert "interroger les pages de statut officielles" in veille(env, "--help").stdout


def test_status_every_polls_again_and_stops_on_sigint(tmp_path: Path) -> None:
    with FakeSite() as site:
        serve(site)
        env = env_for(tmp_path, status_toml(site))
        proc = subprocess.Popen(
            [sys.executable, "-m", "app", "status", "--every", "1s"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 60
        while len(site.hits_for("/api/v2/summary.json")) < 3 and time.monotonic() < deadline:
            time.sleep(0.1)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    assert len(site.hits_for("/api/v2/summary.json")) >= 3
    assert proc.returncode == 0, err
    assert "Prochaine consultation dans 1 s" in err and "arrêtée" in err
    assert out.count("État des services en direct") >= 2


def test_crawl_polls_the_current_status_too(tmp_path: Path) -> None:
    with FakeSite() as site:
        serve(site, chatgpt="partial_outage")
        site.routes["/robots.txt"] = Resp(
            body=b"User-agent: *\nAllow: /\n", headers={"Content-Type": "text/plain"}
        )
        out = veille(env_for(tmp_path, status_toml(site)), "crawl")
        assert out.returncode == 0, out.stderr
        assert site.hits_for("/api/v2/summary.json")  # only `veille status` and the crawl's poll ask for it
    assert polls(tmp_path / "veille.db") == [("Statut OpenAI", None)]
