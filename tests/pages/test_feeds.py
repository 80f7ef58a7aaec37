"""Atom, JSON Feed, CSV and JSON exports of incidents."""

from __future__ import annotations

import csv
import io

import feedparser

from app.routes.feeds import CSV_COLUMNS, _cell


def test_atom_feed_lists_incidents_newest_first(site) -> None:
    client, data = site
    r = client.get("/flux/pannes.atom")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(r.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title.endswith("Pannes des services d'IA")
    titles = [e.title for e in feed.entries]
    assert len(titles) == 5
    assert titles[0].startswith("Panne de Gemini (12 juin 2025)")
    chatgpt = next(e for e in feed.entries if "ChatGPT" in e.title)
    # Absolute URLs come from the configured address (VEILLE_PUBLIC_URL, else the local one), never from Host.
    assert (
        chatgpt.link == f"http://127.0.0.1:8000/incidents/{data.incidents['chatgpt-panne-mondiale-2-avril']}"
    )
    assert "Panne le mercredi 2 avril 2025 vers 15 h 00" in chatgpt.summary
    assert "Confirmé par le statut officiel" in chatgpt.summary
    assert chatgpt.tags[0].term == "outage"


def test_atom_feed_filters_by_company_and_product(site) -> None:
    client, _ = site
    by_product = feedparser.parse(client.get("/flux/pannes.atom?product=claude").content)
    # (the fixture's report says « sur son modèle d'IA, aussi bien dans l'interface web que via son API »)
    assert [e.title.split(" (")[0] for e in by_product.entries] == [
        "Perturbations sur Claude et API d'Anthropic"
    ]
    by_company = feedparser.parse(client.get("/flux/pannes.atom?company=openai").content)
    assert len(by_company.entries) == 2
    assert by_company.feed.title.endswith("openai")


def test_feeds_refuse_unknown_entities_clearly(site) -> None:
    client, _ = site
    r = client.get("/flux/pannes.atom?company=licorne")
    assert r.status_code == 404 and "entreprise inconnue : licorne" in r.text
    r = client.get("/flux/pannes.json?product=licorne")
    assert r.status_code == 404 and "produit inconnu : licorne" in r.text
    assert client.get("/export/incidents.csv?kind=panne").status_code == 422
    assert client.get("/export/incidents.json?since=hier").status_code == 422


def test_json_feed(site) -> None:
    client, _ = site
    r = client.get("/flux/pannes.json?company=openai")
    assert r.headers["content-type"].startswith("application/feed+json")
    feed = r.json()
    assert feed["version"] == "https://jsonfeed.org/version/1.1" and feed["language"] == "fr"
    assert [i["title"] for i in feed["items"]] == [
        "Panne de ChatGPT",
        "Sora : génération vidéo fermée aux nouveaux comptes",
    ]
    assert feed["items"][0]["_veille"]["official"] is True
    assert "panne" in feed["items"][0]["tags"]


def test_csv_export(site) -> None:
    client, _ = site
    r = client.get("/export/incidents.csv")
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert list(rows[0]) == CSV_COLUMNS
    assert len(rows) == 5
    chatgpt = next(x for x in rows if x["titre"] == "Panne de ChatGPT")
    assert chatgpt["date"] == "2025-04-02" and chatgpt["type"] == "outage"
    assert chatgpt["articles"] == "2" and chatgpt["confirme_officiellement"] == "oui"
    assert "chatgpt" in chatgpt["produits"].split()
    only_2024 = list(csv.DictReader(io.StringIO(client.get("/export/incidents.csv?until=2024-12-31").text)))
    assert [x["titre"] for x in only_2024] == ["Sora : génération vidéo fermée aux nouveaux comptes"]


def test_csv_cells_cannot_become_formulas() -> None:
    assert _cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _cell("-2") == "'-2"
    assert _cell("Panne") == "Panne" and _cell(3) == 3


def test_json_export(site) -> None:
    client, _ = site
    body = client.get("/export/incidents.json?kind=degradation").json()
    assert body["count"] == 1
    inc = body["items"][0]
    assert inc["title"] == "Perturbations sur Claude et API d'Anthropic" and inc["official"] == []
    assert inc["articles"][0]["source"]["name"] == "Neurone Quotidien"
    everything = client.get("/export/incidents.json").json()
    chatgpt = next(i for i in everything["items"] if i["title"] == "Panne de ChatGPT")
    assert chatgpt["official"][0]["title"] == "Elevated error rates on ChatGPT"
    assert len(chatgpt["official"][0]["updates"]) == 2
    assert (
        chatgpt["official"][0]["updates"][0]["at"] == "2025-04-02T15:20:00+02:00"
    )  # Paris time, like every time
