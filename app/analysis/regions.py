"""Countries and regions as French articles name them: restrictions are keyed by them (incident grouping), and a
summary of an article whose headline names one says where (app/analysis/summary.py)."""

from __future__ import annotations

import re

# Folded names of the countries and regions restrictions are keyed by (capitals a dateline or a text uses for the
# country's government included) -> key.
REGIONS = {
    "chine": "cn",
    "chine continentale": "cn",
    "pekin": "cn",
    "hong kong": "hk",
    "indonesie": "id",
    "djakarta": "id",
    "jakarta": "id",
    "malaisie": "my",
    "kuala lumpur": "my",
    "italie": "it",
    "europe": "eu",
    "union europeenne": "eu",
    "l'ue": "eu",
    "espace economique europeen": "eu",
    "l'eee": "eu",
    "russie": "ru",
    "iran": "ir",
    "coree du nord": "kp",
    "coree du sud": "kr",
    "france": "fr",
    "allemagne": "de",
    "espagne": "es",
    "royaume-uni": "uk",
    "etats-unis": "us",
    "canada": "ca",
    "japon": "jp",
    "inde": "in",
    "turquie": "tr",
    "bresil": "br",
    "australie": "au",
    "vietnam": "vn",
    "pakistan": "pk",
    "philippines": "ph",
    "thailande": "th",
    "taiwan": "tw",
    "bielorussie": "by",
    "ukraine": "ua",
    "israel": "il",
    "arabie saoudite": "sa",
    "emirats arabes unis": "ae",
    "egypte": "eg",
    "afrique du sud": "za",
    "nigeria": "ng",
    "kenya": "ke",
    "mexique": "mx",
    "argentine": "ar",
    "colombie": "co",
    "suisse": "ch",
    "belgique": "be",
    "pays-bas": "nl",
    "pologne": "pl",
    "irlande": "ie",
    "portugal": "pt",
    "autriche": "at",
    "singapour": "sg",
    "syrie": "sy",
    "cuba": "cu",
    "venezuela": "ve",
    "birmanie": "mm",
    "bangladesh": "bd",
    # the states of a federation decide for themselves (state bans of DeepSeek in the US, one day apart): keyed
    # under their country, which they meet (see _overlap)
    "etat de new york": "us/ny",
    "new york": "us/ny",
    "virginie": "us/va",
    "texas": "us/tx",
    "californie": "us/ca",
    "floride": "us/fl",
    "iowa": "us/ia",
    "dakota du sud": "us/sd",
    "caroline du nord": "us/nc",
    "caroline du sud": "us/sc",
    "tennessee": "us/tn",
    "oklahoma": "us/ok",
    "alabama": "us/al",
    "georgie": "us/ga",
    "ohio": "us/oh",
    "montana": "us/mt",
    "illinois": "us/il",
    "washington": "us/wa",
    "quebec": "ca/qc",
    "ontario": "ca/on",
}
REGION_RX = re.compile(r"\b(" + "|".join(sorted(map(re.escape, REGIONS), key=len, reverse=True)) + r")\b")
# "Après l'Indonésie, la Malaisie restreint…": a country recalled as a precedent is not the one the article is about
RECALLED = re.compile(
    r"(?:apres|comme|a l'instar d[eu]?|au lendemain d[eu]?|sur les traces d[eu]?|a la suite d[eu]?|imitant|"
    r"dans la foulee d[eu]?)\s*(?:l'|la |le |les )?$"
)

# How a text may name a region besides its name: the adjectives and metonyms of the press (folded stems)
_OTHER_WORDS = {
    "cn": ("chinois", "pekin"),
    "it": ("itali", "rome"),
    "eu": ("europ", "vingt-sept", "bruxelles", "l'ue"),
    "uk": ("britanni", "outre-manche", "londres", "anglais"),
    "de": ("allemand", "berlin"),
    "fr": ("francais", "hexagone"),
    "us": ("americain", "washington"),
    "kr": ("coreen", "seoul"),
    "jp": ("japonais", "tokyo"),
    "ru": ("russe", "moscou"),
    "ca": ("canadien",),
    "in": ("indien",),
    "es": ("espagnol", "madrid"),
    "au": ("australien",),
    "br": ("bresilien",),
    "tr": ("turc", "turque"),
}


def regions_named(folded: str) -> frozenset[str]:
    """The region keys a folded text is about (a region recalled as a precedent does not count)."""
    return frozenset(
        REGIONS[m.group(1)] for m in REGION_RX.finditer(folded) if not RECALLED.search(folded, 0, m.start())
    )


def region_words(keys: frozenset[str]) -> tuple[str, ...]:
    """Every folded word or stem that names one of these regions (names, adjectives, capitals)."""
    out = {name for name, key in REGIONS.items() if key in keys or key.split("/")[0] in keys}
    for key in keys:
        out.update(_OTHER_WORDS.get(key.split("/")[0], ()))
    return tuple(sorted(out))
