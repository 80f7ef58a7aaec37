"""Boilerplate that trafilatura lets through: drop it before any analysis reads the text.

Related-links boxes, newsletter calls, photo credits, share bars and reader comments all leak into the extracted
text on some templates; they name products and carry dates, so they would skew entities, relevance and summaries.
"""

from __future__ import annotations

import re

from app.textfold import fold

# A line that starts like this is boilerplate on its own (folded text).
_NOISE_LINE = re.compile(
    r"^\s*[-•–>*]?\s*(?:a lire aussi|lire aussi|a lire egalement|lire egalement|voir aussi|a voir aussi|"
    r"a decouvrir|sur le meme (?:sujet|theme)|dans la meme rubrique|nos articles|articles? (?:similaires|lies)|"
    r"credits? ?(?:photo)?s?\s*:|photo\s*:|illustration\s*:|image\s*:|source (?:image|photo)\s*:|©|\(c\) |"
    r"abonnez[- ]vous|inscrivez[- ]vous|je m'abonne|je m'inscris|recevez (?:notre|nos|chaque)|"
    r"(?:notre |la )?newsletter|suivez[- ]nous|suivez .{0,40} sur (?:google|whatsapp|x|facebook|linkedin)|"
    r"partager (?:sur|cet article|l'article)|partagez|publicite|sponsorise|"
    r"les commentaires sont|merci de rester|connectez-vous pour|signaler un abus|repondre$|"
    r"tags?\s*:|mots[- ]cles\s*:|publie le |mis a jour le |diffuse le |par [A-Za-z]+ [A-Za-z]+ ?(?:le|—|-)|lien copie|"
    r"accepter (?:les|tous) (?:les )?cookies|ce site utilise des cookies|accueil\s*[›>»/|]|"
    r"recevez la lettre|la lettre d'information|une selection chaque|bons plans|voir l'offre|.*€ ?/ ?mois|"
    r"changer d'operateur|(?:les )?meilleurs forfaits|nos offres|offre speciale|"
    # related links and reader threads as real templates print them
    r"lire la suite|pour aller plus loin|vous aimerez (?:aussi|peut-etre)|ces articles (?:pourraient|peuvent) vous|"
    r"articles? recommandes?|decouvr(?:ez|ir) (?:aussi|egalement)|a consulter (?:aussi|egalement)|notre dossier\s*:|"
    r"\[?a lire\b|\[?a voir\b|videos?\s*[-–:]|les? plus lus?\b|il y a \d+ (?:min|minutes?|h|heures?|jours?)\s*$|"
    r"(?:repondre|signaler|j'aime|citer|partager)\s*$|\d+ reponses?\s*$)"
)
# Boilerplate wherever it sits in a short line (newsletter blurbs, shopping widgets, social follow calls).
_NOISE_ANYWHERE = re.compile(
    r"bons plans|une selection chaque|voir l'offre|€ ?/ ?mois|chaine whatsapp|sur google actualites|"
    r"notre newsletter|nos newsletters|desinscrire a tout moment|recevez gratuitement|"
    # a dated byline behind a rubric: "Service sciences et tech · mise en ligne : mardi 9 décembre 2025 à 17 h 10"
    r"[·|•] (?:mise? en ligne|publie|diffuse|actualise|mis a jour)(?: le| :)? (?:[a-z]+ )?\d{1,2}(?:er)? [a-z]+ \d{4}|"
    r"notre lettre (?:du (?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|matin|soir)|hebdomadaire|"
    r"quotidienne|d'information)"
)
# A reader's handle as comment threads print it above each comment: "devnantais", "Jean-Phi", "Pierrot_29",
# "Hugo L.". A plain capitalised word ("Contexte") is a heading, not a handle.
_HANDLE = re.compile(
    r"^(?:[a-z][\w.'’-]{2,23}|[^\W\d_][\w'’.]*[-_\d][\w'’.-]*|[A-ZÀ-Þ][a-zà-ÿ'’-]+ [A-ZÀ-Þ]\.?)$"
)
_MAX_COMMENT = 400
# A comments heading before any paragraph this long is the rubric the article belongs to ("Courrier des lecteurs"
# above a reader's letter), not the start of the comments
_RUBRIC_BEFORE = 100
_RUBRIC = re.compile(
    r"^\s*(?:courrier des lecteurs|la parole aux lecteurs|vos temoignages|discussion)\s*:?\s*$"
)
# A heading after which nothing belongs to the article (comment threads, reader reactions, "most read" lists).
_CUT_SECTION = re.compile(
    r"^\s*(?:vos reactions|reactions(?: des lecteurs)?|commentaires?(?: des lecteurs)?(?:\s*\(\d+\))?|"
    r"l'avis des lecteurs|\d+ commentaires?|reagissez|laisser un commentaire|"
    r"ajouter un commentaire|les plus lus|les plus partages|a la une|dernieres actualites|"
    r"discussion|participer a la discussion|reagir(?: a cet article)?|poster un commentaire|ecrire un commentaire|"
    r"donnez votre avis|commentez|commenter cet article|les commentaires|vos commentaires|espace commentaires|"
    r"\d+ reactions?|(?:vos |les )?contributions(?: des (?:lecteurs|abonnes|internautes))?(?:\s*\(\d+\))?|"
    r"courrier des lecteurs|la parole aux lecteurs|vos temoignages)(?:\s*\(\d+\))?\s*:?\s*$"
)
# "Par Hélène Marchetti · 20 mai 2024, 10 h 15": an author line with the publication date, not the article's text
# (its date is the page's, not an event's).
_BYLINE_LINE = re.compile(
    r"^par (?:[a-z][\w'-]+ ){1,3}[a-z][\w'.-]+\s*(?:[·|•—–-]\s*(?:(?:publie|mis a jour|diffuse|poste|actualise) )?(?:le )?"
    r"(?:[a-z]+ )?(?:\d{1,2}(?:er)? [a-z]+\.? \d{4}(?:,? (?:a )?\d{1,2} ?[h:] ?\d{0,2})?)?)?\s*$"
)
# Headings of related-links boxes: drop them and the short list lines that follow.
_BOX_HEADING = re.compile(
    r"^\s*(?:a lire aussi|lire aussi|sur le meme sujet|a lire egalement|voir aussi|"
    r"dans la meme rubrique|nos articles|articles? (?:similaires|lies)|a decouvrir|"
    r"les meilleurs forfaits.*|recevez la lettre.*|notre newsletter.*|pour aller plus loin|"
    r"vous aimerez (?:aussi|peut-etre)|a lire|a voir aussi|articles recommandes|les plus lus|"
    r"ces articles (?:pourraient|peuvent) vous interesser|"
    # a site's news ticker ("Le fil info" then "- 8 h 34 Le prix des cartes mémoire…"): other stories
    r"le fil info|fil info|le fil d'actu\w*|fil d'actu\w*|le fil de l'info|dernieres infos|tout le fil|"
    # tables of contents: not article text either
    r"sommaire|au sommaire|table des matieres|dans cet article|contenus?)\s*:?\s*$"
)
# "… les serveurs. À lire aussi : ChatGPT en panne…": a related link glued into a paragraph, cut to the line end.
_INLINE_RELATED = re.compile(
    r"\s*(?:\[|\(|»|>|—|–|-)?\s*(?:a lire aussi|lire aussi|a lire egalement|lire egalement|"
    r"a voir aussi|sur le meme sujet)\s*(?::|>|»|—|–|-).*$"
)
# the words one of which every such link holds: looked for first, since the pattern above tries every position
_RELATED_WORDS = re.compile(r"lire|voir aussi|meme sujet")


def _looks_like_list_item(line: str) -> bool:
    s = line.strip()
    return s.startswith(("- ", "• ", "– ", "* ", "> ")) or (
        len(s) < 140 and not s.endswith((".", "!", "?", "»", ":"))
    )


def clean_text(text: str, title: str = "") -> str:
    """The article text without boilerplate lines, related-links boxes and what follows a comments heading."""
    out: list[str] = []
    title_f = fold(title).strip()
    in_box = False
    after_boilerplate = False  # a newsletter call or links box was dropped: the article body has ended
    lines = text.splitlines()
    folded_lines = fold(
        text
    ).splitlines()  # one fold for the whole text (fold keeps every line break in place)
    for n, (line, f) in enumerate(zip(lines, folded_lines, strict=True)):
        f = f.strip()
        if not f:
            in_box = False
            continue
        if _CUT_SECTION.match(f):
            if _RUBRIC.match(f) and not any(len(o) >= _RUBRIC_BEFORE for o in out):
                continue  # "Courrier des lecteurs" above the title: the rubric the article is filed under
            break
        if _BOX_HEADING.match(f):
            in_box = after_boilerplate = True
            continue
        if in_box and _looks_like_list_item(line):
            continue
        in_box = False
        if len(f) <= 90 and _BYLINE_LINE.match(f):
            continue
        if _NOISE_LINE.match(f) or (title_f and f == title_f) or (len(f) < 200 and _NOISE_ANYWHERE.search(f)):
            after_boilerplate = True
            continue
        if re.match(r"^\s*-\s+\S.{0,60}\d{1,2} \w+ \d{4}", line):
            continue  # "- Mélanie K. 28 mars 2025 …": a dated reader comment
        if after_boilerplate and _starts_comments(lines, n):
            break  # a comment thread whose heading the extraction dropped
        cut = _INLINE_RELATED.search(f) if _RELATED_WORDS.search(f) else None
        stripped = line.strip()  # same length as f: folding maps one character to one
        out.append(stripped[: cut.start()].rstrip() if cut else stripped)
    return "\n".join(o for o in out if o)


def _starts_comments(lines: list[str], n: int) -> bool:
    """A reader's handle, then only short lines to the end: the comments under an article."""
    handle = lines[n].strip()
    if len(handle) > 24 or not _HANDLE.match(handle):
        return False
    rest = [r for r in lines[n + 1 :] if r.strip()]
    return bool(rest) and all(len(r) <= _MAX_COMMENT for r in rest)
