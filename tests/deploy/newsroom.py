"""Article pages for the deployment tests, written here: each names an AI product and carries one rare word,
so that a search shows whether a server sees it."""

from __future__ import annotations

from pathlib import Path

SITE = "https://www.replique-tech.example"
PAGE = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>{title}</title>
<link rel="canonical" href="{site}/ia/{slug}.html">
<meta property="og:site_name" content="Réplique Tech">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle","headline":"{title}",
"datePublished":"{day}T09:30:00+02:00","author":{{"@type":"Person","name":"Inès Morvan"}}}}</script>
</head><body>
<nav><a href="/">Accueil</a> <a href="/ia">IA</a></nav>
<article><h1>{title}</h1>
<p>{product} reçoit cette semaine une mise à jour que ses utilisateurs attendaient, selon l'équipe qui développe
l'assistant d'intelligence artificielle. Le mot-clé de cet essai est {word}, et il n'apparaît nulle part ailleurs.</p>
<p>Les réponses du modèle de langage sont plus rapides et mieux sourcées, assure l'éditeur, qui promet un
déploiement progressif en Europe au cours du mois, d'abord pour les abonnés puis pour les comptes gratuits.</p>
<p>Des chercheurs rappellent que ces systèmes commettent encore des erreurs et qu'une vérification humaine reste
nécessaire pour les usages professionnels, notamment dans la santé et le droit.</p>
</article>
<footer>Réplique Tech · Mentions légales</footer>
</body></html>
"""


def write_page(folder: Path, slug: str, word: str, product: str = "ChatGPT", day: str = "2025-06-12") -> Path:
    """One saved article page in folder; `word` is its rare search word."""
    folder.mkdir(parents=True, exist_ok=True)
    title = f"{product} : une mise à jour baptisée {word.capitalize()}"
    path = folder / f"{slug}.html"
    path.write_text(
        PAGE.format(title=title, site=SITE, slug=slug, day=day, product=product, word=word), encoding="utf-8"
    )
    return path
