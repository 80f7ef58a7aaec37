"""Page chrome around a bench page, to the size of real French news pages (30–120 KB).

The labelled pages hold an article and little else (about 4 KB); a real page wraps the same article in a head full
of styles, tags and analytics scripts, a mega-menu, "most read" and related-links boxes, reader comments and a long
footer. Extraction cost grows with all of that, the analysis cost with the article text only: the issue's speed
target (analysis at most 25 % of extraction) is defined on pages of that real size.
"""

from __future__ import annotations

import json
import random

_SECTIONS = [
    "Actualités",
    "Intelligence artificielle",
    "Smartphones",
    "Informatique",
    "Jeux vidéo",
    "Sciences",
    "Auto",
    "Énergie",
    "Espace",
    "Télécoms",
    "Logiciels",
    "Sécurité",
    "Bons plans",
    "Tests",
    "Guides",
]
_WORDS = (
    "nouveau modèle test prix sortie mise à jour guide comparatif meilleur écran batterie réseau forfait "
    "serveur logiciel navigateur application tablette console casque montre voiture électrique recharge "
    "fibre box opérateur stockage processeur carte graphique photo vidéo son musique streaming"
).split()


def _title(rng: random.Random) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(5, 10))).capitalize()


def _links(rng: random.Random, n: int, cls: str) -> str:
    items = "".join(
        f'<li class="{cls}__item"><a class="{cls}__link" href="/{rng.choice(_SECTIONS).lower()}/'
        f'{rng.randint(10000, 99999)}.html" data-track="{cls}-{i}">{_title(rng)}</a></li>'
        for i in range(n)
    )
    return f'<ul class="{cls}">{items}</ul>'


def _head(rng: random.Random, size: int) -> str:
    css = "".join(
        f".c{i}{{margin:{rng.randint(0, 9)}px;padding:{rng.randint(0, 9)}px;color:#{rng.randint(0, 0xFFFFFF):06x}}}"
        for i in range(size // 60)
    )
    config = {
        "site": "exemple",
        "tags": [_title(rng) for _ in range(size // 120)],
        "ads": {"slots": list(range(40))},
    }
    metas = "".join(f'<meta name="x-{i}" content="{_title(rng)}">' for i in range(25))
    return f"{metas}<style>{css}</style><script>window.__CONFIG__={json.dumps(config)};</script>"


def _menu(rng: random.Random, links: int) -> str:
    cols = "".join(
        f'<li class="menu__col"><span class="menu__title">{s}</span>{_links(rng, links // len(_SECTIONS), "menu")}</li>'
        for s in _SECTIONS
    )
    return (
        f'<header class="site-header"><nav class="menu" aria-label="Rubriques"><ul>{cols}</ul></nav></header>'
    )


def _boxes(rng: random.Random) -> str:
    teasers = "".join(
        f'<div class="teaser"><a href="/a/{rng.randint(1000, 9999)}.html"><img src="/i/{i}.jpg" alt="">'
        f"<h3>{_title(rng)}</h3><p>{_title(rng)}. {_title(rng)}.</p></a></div>"
        for i in range(8)
    )
    comments = "".join(
        f'<div class="comment"><span class="author">lecteur{rng.randint(1, 999)}</span>'
        f'<p>{_title(rng)} ? {_title(rng)}.</p><a href="#r">Répondre</a></div>'
        for _ in range(6)
    )
    return (
        f'<aside class="most-read"><h2>Les plus lus</h2>{_links(rng, 10, "top")}</aside>'
        f'<aside class="related"><h2>À lire aussi</h2>{teasers}</aside>'
        f'<section class="comments"><h2>Commentaires</h2>{comments}</section>'
    )


def _footer(rng: random.Random, links: int) -> str:
    legal = " ".join(_title(rng) + "." for _ in range(12))
    return f'<footer class="site-footer">{_links(rng, links, "footer")}<p class="legal">{legal}</p></footer>'


def inflate(raw: bytes, target: int, seed: int) -> bytes:
    """The page with chrome added until it weighs about `target` bytes (the article itself unchanged)."""
    html = raw.decode("utf-8", errors="replace")
    rng = random.Random(seed)
    missing = max(0, target - len(raw))
    head = _head(rng, missing * 2 // 5)
    menu_links = max(30, missing // 3 // 110)
    body_top = _menu(rng, menu_links)
    body_end = _boxes(rng) + _footer(rng, max(20, missing // 5 // 110))
    html = html.replace("</head>", head + "</head>", 1)
    html = html.replace("<body>", "<body>" + body_top, 1) if "<body>" in html else body_top + html
    html = html.replace("</body>", body_end + "</body>", 1) if "</body>" in html else html + body_end
    return html.encode("utf-8")


def real_size(index: int) -> int:
    """A deterministic target size between 30 and 120 KB."""
    return (30 + (index * 37) % 91) * 1024
