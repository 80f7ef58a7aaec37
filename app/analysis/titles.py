"""French incident titles, as specific as the articles allow ("Panne mondiale de ChatGPT")."""

from __future__ import annotations

import re
from collections import Counter

from app.analysis.discovered import parse_token
from app.analysis.entities import gazetteer
from app.kinds import IncidentKind
from app.textfold import fold

# What a restriction closed or cut, in the words of the articles (folded) -> the phrase of the title.
_RESTRICTION_DETAILS = (
    (
        re.compile(r"nouveaux (?:comptes|utilisateurs|abonnes|abonnements)|inscriptions?"),
        "{feature} fermée aux nouveaux comptes",
        "inscriptions fermées aux nouveaux comptes",
    ),
    (
        re.compile(
            r"plafon|quotas?|limites? (?:d'utilisation|hebdomadaires?|quotidiennes?|temporaires?|de frequence)|"
            r"rationn"
        ),
        "quotas réduits sur la {feature}",
        "quotas d'utilisation réduits",
    ),
    (re.compile(r"desactiv|suspend|mis(?:e)? en pause"), "{feature} suspendue", "fonction suspendue"),
    (re.compile(r"reserve\w* aux abonnes"), "{feature} réservée aux abonnés", "accès réservé aux abonnés"),
)
_FEATURES = (
    (re.compile(r"generation (?:de |d')?(?:videos?|video)|videos?"), "génération vidéo"),
    (re.compile(r"generation (?:d')?images?|creation d'images|images"), "génération d'images"),
    (re.compile(r"mode vocal|voix"), "mode vocal"),
)
_THIRD_PARTY = {"cloudflare": "Cloudflare", "amazon": "AWS"}


def _names(slugs: list[str]) -> list[str]:
    g = gazetteer()
    out = []
    for s in slugs:
        ent = g.entities.get(f"product:{s}") or g.entities.get(f"company:{s}")
        found = parse_token(s)  # a service the gazetteer does not know: its name as the articles write it
        out.append(ent.name if ent else found[0] if found else s)
    return out


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " et " + names[-1]


def _restriction_phrase(texts: list[str]) -> str:
    blob = fold(" ".join(texts))
    feature = next((f for rx, f in _FEATURES if rx.search(blob)), None)
    hits = [(len(rx.findall(blob)), -i) for i, (rx, _, _) in enumerate(_RESTRICTION_DETAILS)]
    count, neg_index = max(hits)
    if count:
        _, with_feature, without = _RESTRICTION_DETAILS[-neg_index]
        return with_feature.format(feature=feature) if feature else without
    return f"{feature} restreinte" if feature else "accès restreint"


def _de(name: str) -> str:
    """French elision: "de ChatGPT", "d'AWS"."""
    return f"d'{name}" if fold(name[:1]) in "aeiouy" else f"de {name}"


def incident_title(kind: str, services: list[str], articles: list[tuple[str, str]] | None = None) -> str:
    """A French title from the incident's kind, services (most cited first) and article titles and texts."""
    articles = articles or []
    titles = [fold(t) for t, _ in articles]
    third = [s for s in services if s in _THIRD_PARTY]
    hit = [s for s in services if s not in _THIRD_PARTY]
    names = _names(hit[:3]) or _names(third[:1]) or ["un service d'IA"]
    what = _join(names)
    if kind == IncidentKind.RESTRICTION:
        heads = [t for t, _ in articles] + [x[:600] for _, x in articles]
        return f"{what} : {_restriction_phrase(heads)}"
    if third and hit:
        cause = _THIRD_PARTY[third[0]]
        verb = "perturbés" if kind == IncidentKind.DEGRADATION else "coupés"
        return (
            f"Panne {_de(cause)} : {what} {verb}" if len(names) > 1 else f"Panne {_de(cause)} : {what} touché"
        )
    words = Counter(w for t in titles for w in re.findall(r"[a-z]+", t))
    scope = " mondiale" if words["mondiale"] or words["planetaire"] or words["geante"] else ""
    if kind == IncidentKind.DEGRADATION:
        return f"Perturbations sur {what}"
    return f"Panne{scope} {_de(what)}"
