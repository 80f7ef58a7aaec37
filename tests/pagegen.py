"""Varied French article pages generated from a seed (for the kill/resume test and the crawl benchmark).

Every sentence is written here; pages carry realistic boilerplate (menus, sidebar, footer, scripts) so that
extraction costs what it costs on a real news page.
"""

from __future__ import annotations

import json
import random

PRODUCTS = [
    ("ChatGPT", "OpenAI"),
    ("Claude", "Anthropic"),
    ("Gemini", "Google"),
    ("Le Chat", "Mistral AI"),
    ("Copilot", "Microsoft"),
    ("Grok", "xAI"),
    ("Perplexity", "Perplexity"),
    ("Llama", "Meta"),
    ("DeepSeek", "DeepSeek"),
    ("Midjourney", "Midjourney"),
]
OPENINGS = [
    "{company} a annoncé {day} une nouvelle fonction pour {product}, son assistant d’intelligence artificielle.",
    "Les utilisateurs de {product} ont découvert {day} une mise à jour importante de l’outil conçu par {company}.",
    "{product} change encore : {company} déploie {day} une version plus rapide de son modèle de langage.",
    "Panne de {product} : le service d’IA de {company} est resté inaccessible {day} pendant près de deux heures.",
]
MIDDLES = [
    "Le modèle sait désormais traiter des documents plus longs et répondre avec davantage de précision sur les questions techniques.",
    "L’entreprise met en avant des gains sur les tests de raisonnement, sans publier le détail de ses méthodes d’évaluation.",
    "Cette évolution concerne d’abord les abonnés payants, avant une ouverture progressive aux comptes gratuits dans les prochaines semaines.",
    "Les développeurs pourront accéder à ces nouveautés par l’API, avec une grille tarifaire revue à la baisse pour les gros volumes.",
    "Plusieurs chercheurs rappellent toutefois que ces systèmes d’IA générative commettent encore des erreurs factuelles difficiles à repérer.",
    "En Europe, le calendrier de déploiement dépend encore des discussions en cours avec les autorités de protection des données.",
    "La concurrence reste vive : chaque grand acteur du secteur renouvelle ses modèles à un rythme de quelques mois.",
    "Les entreprises clientes réclament surtout des garanties sur la confidentialité de leurs données et sur la disponibilité du service.",
]
DAYS = ["ce lundi", "ce mardi", "mercredi", "jeudi dernier", "vendredi matin", "ce week-end"]
OFF_TOPIC = [
    "Ce vélo électrique pliant séduit par sa légèreté et son autonomie d’une cinquantaine de kilomètres en ville.",
    "La nouvelle console portable affiche un écran plus lumineux et une batterie qui tient enfin un long trajet en train.",
    "Ce téléviseur haut de gamme offre des noirs profonds, mais son interface reste lente à l’usage au quotidien.",
    "Le forfait mobile le moins cher du mois inclut cent gigaoctets de données et les appels illimités en Europe.",
]


def _boilerplate(rng: random.Random, base: str) -> tuple[str, str, str]:
    menu = "".join(
        f'<li><a href="{base}/rubrique/{i}">Rubrique {i}</a></li>' for i in range(rng.randint(120, 220))
    )
    side = "".join(
        f'<li><a href="{base}/a/{rng.randint(1, 10**6)}.html">À lire aussi : un autre article n° {i}</a></li>'
        for i in range(rng.randint(40, 80))
    )
    script = (
        "<script>window.dataLayer=window.dataLayer||[];"
        + "var x%d=%d;" * 800 % tuple(v for i in range(800) for v in (i, rng.randint(0, 10**9)))
        + "</script>"
    )
    return f"<nav><ul>{menu}</ul></nav>", f"<aside><ul>{side}</ul></aside>", script


def article_page(i: int, base: str, ai: bool = True, seed: int = 0) -> bytes:
    """Page number i: a French AI article (or an off-topic one), with canonical URL base/a/<i>.html."""
    rng = random.Random(seed * 100_003 + i)
    product, company = rng.choice(PRODUCTS)
    day = rng.choice(DAYS)
    url = f"{base}/a/{i}.html"
    if ai:
        title = f"{product} : {rng.choice(['nouvelle version', 'mise à jour', 'panne', 'nouvelles fonctions'])} (n° {i})"
        paras = [rng.choice(OPENINGS).format(product=product, company=company, day=day)]
        paras += rng.sample(MIDDLES, k=rng.randint(4, 7))
    else:
        title = f"Test : un appareil du quotidien passé au crible (n° {i})"
        paras = rng.sample(OFF_TOPIC, k=3) + [OFF_TOPIC[i % len(OFF_TOPIC)]]
    ld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": title,
            "datePublished": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(6, 22):02d}:15:00+01:00",
            "author": {"@type": "Person", "name": rng.choice(["Léa Martin", "Hugo Petit", "Nora Haddad"])},
        },
        ensure_ascii=False,
    )
    nav, aside, script = _boilerplate(rng, base)
    body = "".join(f"<p>{p}</p>" for p in paras)
    html = (
        f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title>'
        f'<link rel="canonical" href="{url}"><script type="application/ld+json">{ld}</script>{script}</head>'
        f'<body><header>{nav}</header><main><article><h1>{title}</h1><p class="byline">Par la rédaction</p>'
        f"{body}</article>{aside}</main><footer><p>Mentions légales · Contact · Newsletter · Cookies</p>"
        f"</footer></body></html>"
    )
    return html.encode("utf-8")


def feed(base: str, count: int, start: int = 0) -> bytes:
    """An RSS feed listing pages start..start+count-1."""
    items = "".join(
        f"<item><title>{i}</title><link>{base}/a/{i}.html</link></item>" for i in range(start, start + count)
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>bench</title>'
        f"<link>{base}/</link><description>pages</description>{items}</channel></rss>"
    ).encode()
