"""Outage articles written for the alert tests, dated around now (alerts only follow recent incidents)."""

from __future__ import annotations

from datetime import datetime

from app.analysis.dates import PARIS

DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


def _clock(moment: datetime) -> str:
    local = moment.astimezone(PARIS)
    return f"{local.hour} h {local.minute:02d}" if local.minute else f"{local.hour} h"


def outage_page(
    site: str,
    slug: str,
    product: str,
    company: str,
    start: datetime,
    published: datetime,
    end: datetime | None = None,
    author: str = "Lou Garnier",
) -> bytes:
    """A news article reporting that `product` went down at `start` (and came back at `end`)."""
    day = start.astimezone(PARIS)
    when = f"{DAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"
    pub = published.astimezone(PARIS).isoformat(timespec="seconds")
    title = f"{product} en panne : le service de {company} inaccessible ce {DAYS[day.weekday()]}"
    back = (
        f"<p>Le service est revenu à la normale vers {_clock(end)}, selon les premiers retours des abonnés.</p>"
        if end
        else "<p>Au moment où nous écrivons ces lignes, la panne n'est pas résolue et aucun délai n'est annoncé.</p>"
    )
    url = f"https://www.{site}.fr/actualites/{slug}.html"
    return f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">
<title>{title}</title>
<link rel="canonical" href="{url}">
<meta property="og:site_name" content="{site.capitalize()}">
<meta property="article:published_time" content="{pub}">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "{title}",
"datePublished": "{pub}", "author": {{"@type": "Person", "name": "{author}"}}}}</script>
</head><body><main><article>
<h1>{title}</h1>
<p class="byline">Par <span class="author">{author}</span></p>
<div class="article-body">
<p>Ce {when}, {product} est tombé en panne vers {_clock(start)}, heure de Paris. L'assistant d'intelligence
artificielle de {company} renvoyait un message d'erreur à chaque question, sur le site comme dans l'application.</p>
<p>Des milliers d'utilisateurs ont signalé l'interruption sur les réseaux sociaux. Les équipes de {company} disent
chercher l'origine de la panne, qui touche aussi les entreprises ayant branché le modèle de langage sur leurs outils.</p>
{back}
<p>Ce n'est pas la première coupure de l'année pour ce service d'IA générative très utilisé en France.</p>
</div></article></main></body></html>""".encode()
