"""Outage reports: French outage vocabulary tied to an AI service, its kind, the day and times it happened."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from app.analysis import OutageReport
from app.analysis.dates import DATELINE, PARIS, fold
from app.analysis.refdate import APPROXIMATE, EXACT, INFERRED, Reference, reference
from app.analysis.rxfactor import factored, split_alternatives
from app.analysis.sentences import sentence_spans
from app.analysis.timeexpr import at, find_clocks, find_days, find_duration

if TYPE_CHECKING:
    from app.analysis.entities import Mention
    from app.extract import Document

# Every alternative of the kind patterns starts with a literal letter: the regex engine then skips it in one
# comparison at most positions, which keeps one scan of the text cheap.
_QUOTA_UNITS = ("videos?", "images?", "messages?", "requetes?", "generations?", "questions?", "essais", "prompts?",
                "invites?")
# "coupé en Italie", "bloqué en Chine", "interdit dans plusieurs pays": an access cut by decision in a country.
_GEO_ACTION = re.compile(
    r"\b(?:coup|bloqu|suspend|ferm|restrei|restreign)\w* l'acces (?:a [^,.;]{0,40} )?(?:pour|aux) (?:les )?"
    r"(?:internautes|utilisateurs|abonnes) (?:italiens|chinois|russes|iraniens|turcs|nord-coreens|allemands|"
    r"espagnols|belges|suisses|canadiens|francais|europeens)\b|"
    r"\b(?:coupee?s?|bloquee?s?|interdite?s?|suspendue?s?|banni\w*|(?:n'est|n'etait) plus disponible) "
    r"(?:(?:aux|des|pour les) (?:utilisateurs|internautes) )?(?:en|au|aux|dans) (?:italie|chine|russie|iran|"
    r"coree du nord|turquie|inde|allemagne|espagne|belgique|suisse|canada|l'union europeenne|l'ue|"
    r"(?:plusieurs|certains|de nombreux|leur|son|ce) pays)\b"
)
# "les clients de Vertex AI ont été parmi les plus touchés": a service hit, under a title that reports the outage.
_HIT = re.compile(r"\b(touchee?s?|affectee?s?|exposee?s?|impactee?s?|victimes?|paralysee?s?|en rade|"
                  r"(?:renvoy|renvoie|enchain)\w* (?:des |les )?(?:erreurs|messages d'erreur))\b")
# "Google lance Veo 4", "X dévoile…": a launch whose new service is "réservé aux abonnés" reports no restriction.
_LAUNCH = re.compile(r"\b(lance\w*|devoile\w*|presente\w*|arrive\w*|debarque\w*|deploie\w*|sort|integre\w*|"
                     r"demarre\w*|ouvre|s'ouvre|debute\w*|lancement|sortie|"
                     r"nouveau|nouvelle|nouvelles|nouveaux)\b")
# "l'assistant", "le service", "l'outil": a sentence that goes on about the service named just before.
_ANAPHORA = re.compile(r"\b(?:l'assistant|le service|l'outil|le chatbot|l'agent|l'application|l'appli|la plateforme|"
                       r"l'api|le site|l'interface|le generateur|le robot conversationnel)\b")
# "Anthropic coupe à Windsurf l'accès à Claude": a company cutting someone's access decides a restriction; "une
# panne coupe l'accès" reports an outage (an outage noun in the sentence).
_CUTS_ACCESS = re.compile(r"\b(?:coupe|coupent|a coupe|ont coupe|retire|retirent|a retire)\b(?: (?:a|aux) [^,.;]{1,30})? "
                          r"l'acces\b")
_OUTAGE_NOUN = re.compile(r"\b(?:pannes?|incidents?|bugs?|defaillances?|problemes? techniques?|coupures?|attaques?|"
                          r"surcharges?|saturation)\b")
# "sans liste d'attente", "pas de quota", "aucune restriction": the restriction word denied.
_NEGATED = re.compile(r"\b(?:sans|pas de|plus de|aucune?|ni|n'y a pas de|n'impose pas de|ne prevoit pas de) "
                      r"(?:liste d'attente|quotas?|limites?|restrictions?|plafonds?|limitation)\b")
# Restriction words that a launch uses as well ("réservé aux abonnés", "liste d'attente", "sur invitation"): with a
# launch cue in the head of the article they describe its rollout, not a restriction.
_SOFT = re.compile(r"reserv\w* (?:[^.;:,]{0,40} )?aux (?:seuls )?(?:abonnes|comptes payants|utilisateurs payants|"
                   r"clients payants)|(?:sur )?liste d'attente|sur invitation|acces (?:restreint|limite|reserve)|"
                   r"restreint|reserve\w* aux abonnes")
_ROLLOUT = re.compile(r"\b(?:lance\w*|lancement|devoile\w*|presente\w*|nouveau modele|nouvelle version|sortie|"
                      r"dans un premier temps|pour commencer|auront acces|aura acces|bientot|deploie\w*|deploiement|"
                      r"debarque\w*|arrive\w*|disponible des|est disponible)\b")
# "coupée aux nouveaux comptes", "les comptes gratuits privés de vidéos": a cut aimed at one class of users is a
# restriction decided by the provider, not an outage.
_USER_CLASS = (r"(?:nouveaux|nouvelles|nouvel) (?:comptes?|inscrits?|utilisateurs?|venus|abonnes|arrivants|inscriptions)|"
               r"(?:comptes|utilisateurs|abonnes|internautes|usagers) (?:gratuits|non payants|sans abonnement)|"
               r"non-abonnes|non abonnes|nouveaux\b|offre gratuite|version gratuite|formule gratuite")
_TARGETED = re.compile(rf"\b(?:coupee?s?|coupe|privee?s? de|bloquee?s?|fermee?s?|interdite?s?)\b[^.;:!?]{{0,45}}?"
                       rf"\b(?:aux?|pour les|les|des) (?:{_USER_CLASS})"
                       rf"|\b(?:{_USER_CLASS})\b[^.;:!?]{{0,25}}?\b(?:privee?s? de|coupee?s?|bloquee?s?)\b")
_NOT_HIT = re.compile(r"\b(?:pas|jamais|aucun\w*|epargn\w*|ni)\b[^,.;]{0,25}$")
_COUNTRIES = (r"italie|chine|russie|iran|coree du nord|turquie|inde|allemagne|espagne|belgique|suisse|canada|"
              r"l'union europeenne|l'ue|l'europe|leur pays|ce pays|plusieurs pays|certains pays")
_DEMONYMS = (r"italiens|chinois|russes|iraniens|turcs|nord-coreens|allemands|espagnols|belges|suisses|canadiens|"
             r"francais|europeens")
_LIMITED = (r"(?:le nombre|l'acces|les acces|l'usage|l'utilisation|la generation|la creation|les (?:inscriptions|"
            r"requetes|generations|images|videos|messages|nouveaux|comptes|utilisateurs|capacites|usages|essais)|"
            r"ses (?:inscriptions|utilisateurs|nouveaux|capacites|services|fonctions)|son (?:acces|usage|service|outil)|"
            r"sa (?:generation|fonction|version gratuite)|leur (?:acces|usage|utilisation)|les (?:comptes|abonnes|"
            r"utilisateurs) (?:gratuits|non payants))")
_RESTRICTION_MORE = (
    r"brid\w+|"
    rf"limit(?:e|ent|er|era|erait|ait|aient|ee|ees|es) (?:(?:temporairement|desormais|drastiquement|fortement|"
    rf"severement|encore|aussi|deja) )?{_LIMITED}|a limite|ont limite|limitation (?:temporaire|du nombre|des|de l'acces)|"
    r"limitations? d'(?:usage|utilisation|acces)|"
    r"(?:instaur|introdu|impos|appliqu|ajout|etabli)\w* (?:des |de |un |une |de nouvelles |de nouveaux )?"
    r"(?:quotas?|limites?|plafonds?|restrictions?|limitations?)|"
    r"quotas? (?:d'utilisation|d'usage|de (?:requetes|generations?|messages|images|videos))|rate limits?|"
    r"met(?:tre|tent|tait|)? (?:un )?(?:coup de )?frein|mis un (?:coup de )?frein|"
    r"supprim\w* (?:temporairement )?(?:les |l'|son |sa |ses )?(?:essais? gratuits?|periode d'essai|version gratuite|"
    r"acces gratuit|offre gratuite)|fin (?:des|de l') ?(?:essais? gratuits?|acces gratuit|offre gratuite)|"
    r"essais? gratuits? (?:sont |est |ont ete |a ete )?(?:suspendu|supprime|interrompu|arrete|ferme|termine)\w*|"
    r"(?:n'ont|n'a|n'avaient|n'avait|n'auront|n'aura) plus acces|plus d'acces|"
    r"(?:est|sont|a ete|ont ete|reste|restent) bloquee?s?|"
    r"empech\w* (?:desormais |temporairement )?(?:(?:les |de )?nouveaux|(?:les )?(?:utilisateurs|comptes) gratuits|"
    r"de s'inscrire|de creer (?:un|de nouveaux) comptes?|l'inscription)|"
    r"ne (?:peut|peuvent|pouvez|pourront|pourra|pourrez) plus (?:s'|vous |nous )?inscrire|restrictions?|"
    r"(?:met|mettre|mettent|a mis|ont mis|mis) fin (?:a|aux) (?:son |sa |ses |l'|la |les )?(?:essais? gratuits?|"
    r"offre gratuite|periode d'essai|acces gratuit|version gratuite|formule gratuite|inscriptions)|"
    r"inscriptions? (?:sont |ont ete |restent )?closes?|(?:ne prend|ne prennent|n'admet|n'admettent) plus (?:de |d')?"
    r"(?:nouveaux|nouvelles|inscriptions|inscrits)|retir\w* temporairement|"
    r"(?:mis|mise|met|mettant) (?:\w+ )?(?:sur|en) pause|"
    r"acces (?:\w+ )?(?:restreint|limite|reserve|reduit)|sur liste d'attente|"
    r"(?:gel|suspend|ferm|bloqu|refus)\w* (?:temporairement )?(?:les |des |ses |de )?(?:nouveaux |nouvelles )?"
    r"(?:abonnements|souscriptions|clients payants)|"
    r"refus\w* (?:temporairement )?(?:les |de |des )?(?:nouveaux|nouvelles) (?:comptes|clients|inscriptions|abonnes|"
    r"abonnements|utilisateurs|inscrits)|"
    r"redui\w* (?:drastiquement |fortement |temporairement |nettement )?(?:la |les |l'|ses |son )?(?:capacite|acces|"
    r"quotas?|limites?|plafonds?)|"
    r"n'est (?:plus )?accessible qu'(?:aux|sur)|"
    r"impossible\b[^.;:]{0,40}\b(?:de s'y |de |d')(?:creer|ouvrir) (?:un|de nouveaux|son) comptes?|refus\w* (?:les |de )?(?:nouveaux comptes|"
    r"nouvelles inscriptions|nouveaux (?:utilisateurs|inscrits)|inscriptions)|n'accepte plus (?:de )?nouveaux|"
    r"reserv\w* (?:[^.;:,]{0,40} )?aux (?:seuls )?(?:abonnes|comptes payants|utilisateurs payants|clients payants)|"
    rf"(?:n'est|n'etait) plus (?:disponible|accessible) (?:(?:aux|des|pour les) (?:utilisateurs|internautes) )?"
    rf"(?:en|au|aux|dans) (?:{_COUNTRIES}|la peninsule|l'hexagone)|"
    rf"empech\w* (?:les )?connexions (?:venues |en provenance )?(?:d'|de |du |des )(?:{_COUNTRIES})|"
    rf"(?:coup|bloqu|suspend|ferm|restrei|restreign)\w* l'acces (?:a [^,.;]{{0,40}} )?(?:pour|aux) (?:les )?"
    rf"(?:internautes|utilisateurs|abonnes) (?:{_DEMONYMS})|(?:reserve|reservee|reserves|reservees) (?:desormais )?aux (?:abonnes|"
    r"comptes payants|utilisateurs payants|clients payants)")
KIND_RX = {
    "outage": re.compile(
        r"\b(en panne|pannes?|hors service|hors ligne|inaccessibles?|indisponibles?|indisponibilite|injoignables?|"
        r"plante|plantage|(?:est|sont|etait|a ete) tombee?s?(?! sur)|fait tomber|tombe en panne|coupures?|coupee?s?|"
        r"interruptions?|ne repond(?:ait)? plus|ne fonctionn(?:e|ait) plus|a cesse de fonctionner|cesse de fonctionner|"
        r"flanche\w*|black-out|down|refuse\w* (?:les|toute) connexions?|"
        r"a disparu|ont disparu|(?<!fonds )(?<!secteur )(?<!capital )(?<!donnees )(?<!levee )privee?s? de|incident|"
        r"en rade|(?:a|ont|avait) lache|porte close|aux abonnes absents|(?:est|sont|etait|etaient|met|mis) a genoux|"
        r"en carafe|affich\w* (?:un |une )?(?:ecran noir|page blanche)|"
        r"ne (?:marche|marchent|marchait|marchaient|charge|chargent|chargeait) plus|"
        r"(?:a ete|ont ete|est|sont|etait|etaient|s'est|se sont) (?:brutalement |brievement |totalement )?interrompue?s?|"
        r"impossible (?:de se connecter|de s'y connecter|d'acceder|d'y acceder|de joindre|de charger)|"
        r"(?:est|sont|etait|etaient|reste|restent|restait|a ete|ont ete|totalement|completement) (?:k\.?o|hs)|"
        r"saturee?s?|surcharge\w*|cesse de repondre|"
        r"fait planter|font planter|faire planter|saturer|saturent|saturation|a cale|ont cale|avait cale|"
        r"a l'arret|dans le noir|hors d'usage|echou(?:e|ent|ait|aient))\b"
    ),
    "degradation": re.compile(
        r"\b(ralentissements?|lenteurs?|ralentie?s?|au ralenti|taux d'erreurs? (?:eleves?|anormal)|"
        r"erreurs? (?:en hausse|elevees?)|taux d'erreur|degradation|degradee?s?|perturbee?s?|perturbations?|"
        r"instabilites?|instables?|dysfonctionnements?|fonctionne mal|(?:tres |trop |extremement )lente?s?|(?:est|sont|etait|reste|restait) (?:tres )?lente?s?|temps de reponse allonges|"
        r"reponses? lentes|messages? d'erreur|erreurs? de connexion|moins bons?|moins performante?s?|"
        r"baisse de (?:qualite|performances?)|qualite des reponses|rame|rament|ramait|ramaient|"
        r"n'arrete pas de ramer|ne cesse de ramer|se met a ramer|bad gateway|erreurs? 50[234]|"
        r"peine\w* a (?:repondre|charger|se connecter|generer|fonctionner|afficher)|par intermittence|"
        r"fonctionn\w* partiellement|partiellement (?:accessible|disponible|indisponible)\w*|time-?outs?|"
        r"delais? (?:d'attente )?depasses?)\b"
    ),
    "restriction": re.compile(
        r"\b(suspend(?:s|u|ue|us|ues|re|ent|ait|aient)?|suspension|desactivee?s?|desactivation|"
        r"(?:ferm|reserv)\w* (?:temporairement )?(?:les |ses |leurs )?(?:nouvelles )?inscriptions|impossible(?:, [^,]+,)? de s'abonner|"
        r"ne (?:peut|peuvent) plus s'abonner|liste d'attente|ne (?:laisse|permet) plus|"
        r"ne (?:peut|peuvent) plus (?:generer|creer|lancer|utiliser)|restreint|restreignent|"
        r"limite (?:depuis [^,.]{0,30} )?la creation|(?:pour|aux) (?:les )?nouveaux (?:comptes|inscrits|venus|utilisateurs|abonnes)|"
        r"requetes? (?:est |sont )?(?:poliment )?refusees?|inscriptions? (?:fermees?|restreintes?|"
        r"suspendues?|limitees?|gelees?|reservees?)|fermee?s? aux nouveaux|plafonn\w+|plafonds? (?:hebdomadaires?|d'utilisation)|"
        r"rationn\w+|limites? (?:temporaires?|de frequence|d'utilisation|hebdomadaires?)|impose\w* des limites|"
        r"quotas? (?:reduits?|abaisses?|revus a la baisse)|reduit\w* les quotas|mis(?:e)? en pause|met en pause|"
        r"n'accepte plus|gel\w* des inscriptions|reserve\w* aux abonnes|"
        # money and quotas: top-ups stopped, "six vidéos par jour", "ne pourront plus générer que…"
        + "|".join(f"{w} (?:sont |est |ont ete |a ete )?(?:suspendu|interrompu|bloque|ferme)\\w*"
                   for w in ("recharges?", "paiements?", "achats? de credits?")) + "|"
        r"plus de (?:nouvelles )?recharges|impossible(?:, [^,]+,)? d'(?:ajouter|acheter|recharger|crediter)|"
        r"ferm\w* (?:temporairement )?le robinet|serr\w* la vis|ce plafond(?! de verre)|ces plafonds|un plafond(?! de verre)|nouveaux? plafonds?|"
        r"quotas? (?:journaliers?|quotidiens?)|"
        + "|".join(f"{n} (?:par|chaque) (?:jour|semaine|heure|mois|tranche)|{n} quotidien\\w*" for n in _QUOTA_UNITS) + "|"
        r"plus (?:generer|lancer|creer|envoyer|produire) que|"
        # access cut in a country by decision: a geo-block is a restriction, not an outage
        r"bloqu\w* l'acces|geo-?bloc\w*|geoblocage|acces (?:a \S+ )?(?:est |etait |a ete )?suspendu\w*|"
        # the many ways the press words a restriction: "bride", "limite temporairement le nombre", "instaure des
        # quotas", "met un frein", "met en pause", "supprime l'essai gratuit", "n'ont plus accès", "restrictions"
        + _RESTRICTION_MORE + r")\b"
    ),
}
KIND_RX = {k: factored(rx) for k, rx in KIND_RX.items()}  # same matches, a fraction of the scanning cost
# one word list of the three kinds, grouped by first letter: the same match starts as the three patterns in turn
_ANY_KIND = factored(re.compile(r"\b(" + "|".join(a for rx in KIND_RX.values() for a in split_alternatives(rx.pattern[3:-3]))
                                + r")\b"))
_RECOVERY = re.compile(
    r"\b(de retour|retabli\w*|revenu\w* a la normale|revenir a la normale|retour a la normale|fonctionne de nouveau|"
    r"fonctionne a nouveau|resolu|reparti\w*|fin de l'alerte|revenir|rentre\w* dans l'ordre|(?:s'est |s'est entierement )?referme\w*|"
    r"retrouve\w* (?:son |ses |leur |leurs |un |une |des )?(?:cours|fonctionnement|esprits|temps|acces|forme|niveau))\b"
)
# A sentence about an old outage, or a hypothetical one, reports nothing new.
_PAST = re.compile(
    r"\b(l'an dernier|l'annee derniere|il y a (?:un|deux|trois|quelques|\d+) (?:ans?|mois)|en 20\d\d|fin 20\d\d|"
    r"debut 20\d\d|avait deja|avaient deja|qui avai(?:t|ent)|(?:en|de) (?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|"
    r"novembre|decembre) dernier|pourrait|eviter (?:une|qu'une)|en cas de|nouvelle panne|rechute|"
    r"que faire|comment (?:reagir|faire|survivre)|menac\w* d'(?:un|une)|brandi\w* la menace|"
    r"si (?:\w+ ){1,4}(?:tombe|plante|flanche|ne repond plus|est en panne)|"
    # a generic "when/if it is down" (guides: "Quand ChatGPT est en panne, vérifiez…"), an older event in the
    # pluperfect ("avait connu une brève panne au lancement")
    r"(?:si|quand|lorsque|lorsqu'|des que|chaque fois que) (?:[\w']+ ){1,4}(?:est|sont) (?:en panne|indisponibles?|"
    r"inaccessibles?|hors service|hors ligne|down|sature|satures|lent|lents)|"
    r"(?:si|quand|lorsque|lorsqu'|des que|chaque fois que) (?:[\w']+ ){1,4}(?:tombe|plante|flanche|rame|bug\w*) |"
    r"avai(?:t|ent) (?:deja )?(?:connu|subi|essuye|traverse|vecu))\b"
)
_RECOVERY, _PAST = factored(_RECOVERY), factored(_PAST)
# "l'innovation européenne est en panne", "la bulle va-t-elle tomber": the subject is not a service.
_METAPHOR = re.compile(
    r"\b(innovation|economie|croissance|bulle|marche|bourse|europe\w*|ambitions?|industrie|strategie|dialogue|"
    r"negociations?|reformes?|moteur|machine|regulation|investissements?)\b(?:\s+\S+){0,3}\s+"
    r"(?:est |sont |reste |semble |va-t-elle |a |tourne )?(?:en panne|tomber|s'enrayer\w*|coupee?|au ralenti)"
    # "en panne d'inspiration", "en panne d'idées", "en panne de souffle": short of something, not down
    r"|\ben panne d(?:e |')(?!courant|electricite|secteur|reseau)\w"
)
# "pas totalement coupé", "pas complètement hors service": the service half works, a degradation
_PARTIAL = re.compile(r"\b(?:pas|plus|jamais) (?:totalement|completement|entierement|tout a fait|integralement) "
                      r"(?:coupee?s?|en panne|hors service|hors ligne|inaccessibles?|indisponibles?|a l'arret|"
                      r"tombee?s?)\b")
# "qui rappelle les pannes de l'hiver", "après la panne de l'an dernier": a clause about an older event, removed
# before counting outage words unless it names a recent day ("après la panne de mardi soir").
_PAST_CLAUSE = re.compile(r"\b(?:qui )?(?:rappel\w*|apres|comme lors de|a l'image de|depuis)\b[^,.;:!?]*")
_RECENT = re.compile(r"\b(jours? apres|heures? apres|heures de (?:panne|coupure)|hier|la veille|ce matin|ce soir|cette nuit|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b")
_FALLBACK = re.compile(
    r"\b(bascule\w*|alternatives?|se tourner vers|epargnee?s?|pas ete touchee?s?|pas concernee?s?|"
    r"fonctionnait normalement|fonctionnaient normalement|concurrents?|ne concernait que)\b"
)
_START_CUE = re.compile(r"\b(apparue?s?|survenue?s?|a debute|ont debute|a commence|ont commence|premiers signalements|"
                        r"a demarre|ont demarre|a eclate|s'est declenchee?)\b")
# "depuis 12 h 49": an ongoing outage counted from that time on (a start, unless it is a recovery "since")
_SINCE_CLOCK = re.compile(r"\bdepuis (?=(?:[01]?\d|2[0-3]) ?h)")
# "OpenAI a reconnu ce jeudi que…": the day of the statement, not of the outage.
_ANNOUNCE = re.compile(r"\b(a|ont) (annonce|reconnu|confirme|indique|explique|declare|publie|precise|assure)\b|"
                       r"\b(annoncee?|decision annoncee)\b")
# "Le 28 janvier, DeepSeek a annoncé…": the date opens the clause whose verb is the statement
_ANNOUNCE_AFTER = re.compile(r",? (?:\w+ ){1,3}(?:a|ont) (?:annonce|reconnu|confirme|indique|explique|declare|publie|"
                             r"precise|assure|fait savoir)\b")
# "mardi après-midi en Californie, soit mercredi 15 novembre": the local American day gives way to the French one.
_FOREIGN = re.compile(r"[^.;]{0,25}\b(en californie|a san francisco|aux etats-unis|heure de l'est|heure du pacifique|"
                      r"heure de new york|cote ouest)\b")
# "mercredi vers 15 h 16, heure de San Francisco, soit 0 h 16 jeudi à Paris": the day converted after "soit" wins.
_CONVERTED = re.compile(r"[^.;]{0,60}\bsoit\b[^.;]{0,25}\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|"
                        r"\d{1,2}(?:er)? (?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|"
                        r"decembre))\b")
_FUTURE = re.compile(r"\b(devrai(?:t|ent)|pourrai(?:t|ent)|doi(?:t|vent) revenir|promet|espere|prevu|attendu)\b")
_COORDINATED = re.compile(r"\s*(?:et|ou|puis|a|au|,)\s*(?:le |la )?")
_RANGE = re.compile(r"\s*(?:et|a|jusqu'a)\s*")
_INFRA = ("cloudflare", "amazon")  # third parties whose outages take AI services down
_BODY_SENTENCES = 14  # where news puts the facts: reports here count on their own
# Feature-style openings (a question, an anecdote) push the facts further: sentences up to here are read too, and
# a report there counts when it names the service of the title.
_SCAN_SENTENCES = 40
_GATE_CHARS = 6000
# "la société", "la start-up", "le service", "son outil": a subject that stands for the article's main company or
# product (resolved to it when the sentence names no service itself).
_SUBJECT = re.compile(r"\b(?:la societe|l'entreprise|la start-?up|la jeune pousse|la firme|le groupe|l'editeur|"
                      r"le laboratoire|la licorne|le geant (?:americain|chinois|francais|californien)|la plateforme|"
                      r"le service|l'assistant|l'outil|le chatbot|l'application|l'appli|le generateur|le modele|"
                      r"le robot conversationnel|(?:son|leur) (?:outil|assistant|chatbot|generateur|application|service|"
                      r"modele|robot)|sa (?:plateforme|fonction|fonctionnalite))\b")
# "DeepSeek, le rival de ChatGPT, …": a service named in comparison (or as another's maker) is not the one hit.
_COMPARED = re.compile(r"\b(?:rival|rivale|rivaux|concurrente?s?|concurrence|challenger|alternatives?|alter ego|"
                       r"equivalent|homologue|a l'instar|contrairement|face|(?:plus|moins|mieux|aussi) \w+ que|"
                       r"depasse\w*|detron\w*|surpass\w*|talonn\w*|devanc\w*|createur|createurs|editeur|maison mere|"
                       r"pere|inventeur|concepteur|proprietaire|maison|dans le sillage|apres)"
                       r"(?: (?!de\b|du\b|des\b|a\b|au\b|aux\b|que\b)[\w-]+){0,2}"  # "le rival chinois de", "concurrent direct de"
                       r"(?: (?:de|d'|du|des|a|au|aux|que|qu'))?(?: (?:son|sa|ses|l'|le|la|les|un|une))? ?$")
_PLUPERFECT = re.compile(r"\b(?:avai(?:t|ent)|etai(?:t|ent) (?:tombee?s?|restee?s?))\b")
# Overload words explain a restriction as often as they report an outage ("les serveurs fondent, OpenAI limite…").
_OVERLOAD = re.compile(r"\b(?:saturee?s?|surcharge\w*|saturer|saturent|saturation)\b")
# An explicit restriction (a quota, closed sign-ups, a cap): the news, whatever overload words explain it.
_EXPLICIT_RESTRICTION = re.compile(
    r"\b(?:quotas?|plafon\w*|inscriptions?|liste d'attente|essais? gratuits?|nouveaux (?:comptes|utilisateurs|"
    r"inscrits|abonnes)|par (?:jour|semaine|heure|mois)|quotidien\w*|hebdomadaires?|limit\w*|brid\w+|"
    r"rate limits?|restrictions?|reserve\w* aux abonnes|mis(?:e)? en pause|suspend\w*)\b")


@dataclass
class _Sentence:
    start: int
    end: int
    folded: str
    where: str  # title | lead | body
    kinds: dict[str, int]
    recovery: bool
    raw_kind: bool  # outage words anywhere, even in a clause about an older event
    excluded: bool  # past, hypothetical or metaphor
    services: list[Mention]
    overload: int = 0  # overload words ("saturés", "surcharge") among the outage words
    rank: int = 0  # 0 for the title, then 1, 2… in text order


def _kinds(f: str) -> dict[str, int]:
    f = _NEGATED.sub(" ", f)
    if not _OUTAGE_NOUN.search(f):
        f = _CUTS_ACCESS.sub(" restreint ", f)
    f = _GEO_ACTION.sub(" geoblocage ", f)
    f = _TARGETED.sub(" restreint ", f)
    f = _PARTIAL.sub(" partiellement disponible ", f)
    f = _PAST_CLAUSE.sub(lambda m: m.group(0) if _RECENT.search(f[max(0, m.start() - 15):m.end()]) else " ", f)
    counts = {k: len(rx.findall(f)) for k, rx in KIND_RX.items()}
    return {k: n for k, n in counts.items() if n}


def _sentences(full: str, full_f: str, title_len: int, head_len: int, mentions: list[Mention]) -> list[_Sentence]:
    spans = [(0, title_len)] + sentence_spans(full[title_len:head_len]) if head_len > title_len else [(0, title_len)]
    spans = [spans[0]] + [(s + title_len, e + title_len) for s, e in spans[1:]]
    body = [(s + head_len, e + head_len) for s, e in sentence_spans(full[head_len:], _SCAN_SENTENCES)]
    spans = spans + body
    limit = spans[-1][1]
    # one pass of each pattern over the head and first sentences, bucketed by sentence, instead of one per sentence
    starts = [s for s, _ in spans]

    def bucket(rx: re.Pattern[str]) -> set[int]:
        return {bisect.bisect_right(starts, m.start()) - 1 for m in rx.finditer(full_f, 0, limit)}

    with_kind, with_past, with_recovery = bucket(_ANY_KIND), bucket(_PAST), bucket(_RECOVERY)
    out = []
    for i, (s, e) in enumerate(spans):
        f = full_f[s:e]
        where = "title" if s < title_len else "lead" if s < head_len else "body"
        raw = i in with_kind and _ANY_KIND.search(f) is not None
        excluded = (i in with_past and _PAST.search(f) is not None) or (raw and _METAPHOR.search(f) is not None)
        services = [m for m in mentions if s <= m.start < e and (m.entity.kind == "product" or m.entity.ai_native
                                                                    or m.entity.slug in _INFRA)]
        kept = [m for m in services if not _COMPARED.search(full_f, max(s, m.start - 40), m.start)]
        services = kept if _ai_hit(kept) else services
        recovery = i in with_recovery and _RECOVERY.search(f) is not None
        out.append(_Sentence(s, e, f, where, _kinds(f) if raw else {}, recovery, raw, excluded, services,
                             len(_OVERLOAD.findall(f)) if raw else 0, i))
    return out


def _rollout_only(s: _Sentence) -> _Sentence:
    """A sentence whose only restriction words are a launch's ("réservé aux abonnés") reports no restriction."""
    if not s.kinds.get("restriction"):
        return s
    rest = _SOFT.sub(" ", _NEGATED.sub(" ", s.folded))
    if KIND_RX["restriction"].search(rest):
        return s
    kinds = {k: n for k, n in s.kinds.items() if k != "restriction"}
    return replace(s, kinds=kinds)


def _ai_hit(services: list[Mention]) -> bool:
    return any(m.entity.kind == "product" or m.entity.ai_native for m in services)


def detect_outage(doc: Document, text: str, mentions: list[Mention], folded: str | None = None,
                  ref: Reference | None = None) -> OutageReport | None:
    """The primary outage reported by the article, or None.

    `ref` is what relative dates resolve against (the page's date, else one inferred from its URL or text, else
    the time it was first seen): a page without a date still reports its outage, with a less sure day.
    """
    title_len = len(doc.title)
    head_len = title_len + 1 + len(doc.lead or "") + 1
    full = f"{doc.title}\n{doc.lead or ''}\n{text}"
    full_f = folded if folded is not None and len(folded) == len(full) else fold(full)
    if not _ANY_KIND.search(full_f, 0, head_len + _GATE_CHARS):
        return None  # no outage word where news puts the facts: most articles stop here
    sents = _sentences(full, full_f, title_len, head_len, mentions)
    if _ROLLOUT.search(full_f, 0, sents[min(len(sents) - 1, 4)].end):
        sents = [_rollout_only(s) for s in sents]
    title = sents[0]
    reports = [s for s in sents[1:] if s.kinds and not s.excluded and _ai_hit(s.services)]
    launch = not title.kinds and _LAUNCH.search(title.folded) is not None
    if not launch:
        reports += _neighbour_reports(sents)
        reports += _subject_reports(sents, reports, _main_service(mentions, head_len))
    reports = _unique(reports)
    if title.kinds and not title.excluded and not _ai_hit(title.services) and not reports:
        # "Panne géante de Google Cloud" then "les clients de Vertex AI ont été parmi les plus exposés"
        reports = [s for s in sents[1:] if not s.excluded and _ai_hit(s.services) and _is_hit(s.folded)]
    title_report = bool(title.kinds) and not title.excluded and (_ai_hit(title.services) or bool(reports))
    if not title_report and not _reported_in_body(sents, reports, echo=not launch):
        return None
    primary = (title.services if title_report else []) + [m for s in reports for m in s.services
                                                          if not _FALLBACK.search(s.folded)]
    services = _services_hit(primary, mentions)
    if not services:
        return None
    slugs = set(services)
    candidates = [title] + [s for i, s in enumerate(sents[1:]) if s.kinds or s.recovery or _START_CUE.search(s.folded)
                            or _SINCE_CLOCK.search(s.folded)
                            or i < 3 or (i < 6 and any(m.entity.slug in slugs or m.entity.company in slugs
                                                       for m in s.services))]
    if ref is None:
        ref = reference(doc, full_f)
    kind = _kind_of([(title, 3.0)] * title_report + [(s, 2.0 if s.where == "lead" else 1.0) for s in reports])
    start_day, start, end, cue, when_sent = _when(candidates, ref.moment, full, ref.precision == "exact",
                                           decision=kind == "restriction")
    duration = find_duration(" ".join(s.folded for s in candidates if not s.excluded))
    if start and end and end > start:
        duration = int((end - start).total_seconds() // 60)
    return OutageReport(
        kind=kind,
        day=start_day, services=tuple(services),
        companies=tuple(sorted({m.entity.company or m.entity.slug for m in primary})),
        start=start, end=end, duration_minutes=duration,
        date_precision=_precision(cue, ref.precision),
        report_spans=_summary_spans(sents, reports, slugs, when_sent, ref.moment),
        recovered=any(s.recovery and not s.excluded and not _FUTURE.search(s.folded) for s in sents[:4]),
    )


def _summary_spans(sents: list[_Sentence], reports: list[_Sentence], slugs: set[str], when: _Sentence | None,
                   pub: datetime) -> tuple[tuple[int, int], ...]:
    """The body sentences a summary needs to say what broke, how and when: the first report naming the service
    (one with a day or time if there is one), and the sentence that gave the day when that is another."""
    body = [s for s in reports if s.where == "body"] or [
        s for s in sents if s.where == "body" and s.raw_kind and not s.excluded
        and any(m.entity.slug in slugs or m.entity.company in slugs for m in s.services)]
    out: list[_Sentence] = []
    if body:
        dated = [s for s in body if find_days(s.folded, pub) or find_clocks(s.folded)]
        out.append(min(dated or body, key=lambda s: s.rank))
    if when is not None and when.where == "body" and all(when.folded != s.folded for s in out):
        out.append(when)
    return tuple((s.start, s.end) for s in sorted(out, key=lambda s: s.start))


def _unique(reports: list[_Sentence]) -> list[_Sentence]:
    """Reports in text order, a sentence repeated word for word (the lead printed again atop the body) once."""
    seen: set[str] = set()
    out = []
    for s in sorted(reports, key=lambda s: s.start):
        if s.folded not in seen:
            seen.add(s.folded)
            out.append(s)
    return out


def _main_service(mentions: list[Mention], head_len: int) -> Mention | None:
    """The article's main AI product or company: the first named in the title or lead, else the most named."""
    ai = [m for m in mentions if m.entity.kind == "product" or m.entity.ai_native]
    head = [m for m in ai if m.start < head_len]
    if head:
        return head[0]
    counts = Counter(m.entity.key for m in ai)
    return next((m for m in ai if m.entity.key == counts.most_common(1)[0][0]), None) if counts else None


def _subject_reports(sents: list[_Sentence], reports: list[_Sentence], main: Mention | None) -> list[_Sentence]:
    """Outage words whose subject is "la société", "la start-up", "le service"…: about the article's main service."""
    if main is None:
        return []
    seen = {s.start for s in reports}
    out = []
    for s in sents[1:]:
        if not s.kinds or s.excluded or s.start in seen or _ai_hit(s.services) or _FALLBACK.search(s.folded) \
                or _PLUPERFECT.search(s.folded):
            continue
        # the subject comes before the outage words it governs: "la start-up a fermé ses inscriptions"
        subject, word = _SUBJECT.search(s.folded), _ANY_KIND.search(s.folded)
        if subject is not None and word is not None and subject.start() < word.start() <= subject.end() + 80 \
                and ("restriction" in s.kinds or s.rank <= 6):
            out.append(replace(s, services=[main]))
    return out


def _neighbour_reports(sents: list[_Sentence]) -> list[_Sentence]:
    """Outage words without a service right after a sentence that names one ("Copilot… L'assistant a cessé…")."""
    out = []
    for prev, s in zip(sents[1:], sents[2:_BODY_SENTENCES], strict=False):
        if s.kinds and not s.excluded and not s.services and _ANAPHORA.search(s.folded) \
                and _ai_hit(prev.services) and not prev.excluded \
                and not _FALLBACK.search(prev.folded) and not _FALLBACK.search(s.folded):
            out.append(replace(s, services=[m for m in prev.services if m.entity.kind == "product"
                                            or m.entity.ai_native]))
    return out


def _is_hit(folded: str) -> bool:
    """A service said to be hit ("touchés", "renvoyé des erreurs"), not spared ("pas été touché")."""
    return any(not _NOT_HIT.search(folded, 0, m.start()) for m in _HIT.finditer(folded)) \
        and not _FALLBACK.search(folded)


def _reported_in_body(sents: list[_Sentence], reports: list[_Sentence], echo: bool = True) -> bool:
    """Without a headline report: two report sentences, one early, or one early that echoes the title's service."""
    title = sents[0]
    early_starts = {s.start for s in sents[1:6]}
    early = [s for s in reports if s.where == "lead" or s.start in early_starts]
    title_slugs = {k for m in title.services if m.entity.kind == "product" or m.entity.ai_native
                   for k in (m.entity.slug, m.entity.company) if k}
    # the title names the service (with an outage word, even in a "since"/"after" clause, or none) and an early
    # report names it again: "DeepSeek ferme le robinet…" then "les recharges de DeepSeek sont suspendues"
    echoed = any(m.entity.slug in title_slugs for s in early for m in s.services) and (echo or title.raw_kind)
    if bool(early) and (len({s.start for s in reports}) >= 2 or echoed):
        return True
    # a feature-style opening: the title names the service, a later report names it again (or its company)
    late = [s for s in reports if s.rank > 5 and "restriction" in s.kinds
            and any(k in title_slugs for m in s.services for k in (m.entity.slug, m.entity.company) if k)]
    return echo and bool(late) and bool(title_slugs)


def _kind_of(weighted: list[tuple[_Sentence, float]]) -> str:
    """The kind most weighted across the title (x3), lead (x2) and report sentences; then the kind more sentences
    report, then outage.

    An explicit restriction (a quota, closed sign-ups) is the news even when overload words explain it: with one,
    "saturés" or "surcharge" do not count as outage words.
    """
    score: dict[str, float] = {}
    carriers: dict[str, set[str]] = {}  # the distinct sentences that report each kind
    explicit = any(s.kinds.get("restriction") and _EXPLICIT_RESTRICTION.search(s.folded) for s, _ in weighted)
    for s, w in weighted:
        for k, n in s.kinds.items():
            if explicit and k == "outage":
                n -= s.overload
            if n > 0:
                score[k] = score.get(k, 0.0) + w * min(n, 2)
                carriers.setdefault(k, set()).add(s.folded)
    order = ("outage", "degradation", "restriction")
    if not score:
        return "restriction" if explicit else "outage"
    # on a tie, the kind more sentences report ("Panne de X" over a lead and a body that say "par intermittence")
    return sorted(score, key=lambda k: (-score[k], -len(carriers[k]), order.index(k)))[0]


def _services_hit(primary: list[Mention], mentions: list[Mention]) -> list[str]:
    """Product slugs hit (plus infrastructure causes); empty when no AI service is among them."""
    services = sorted({m.entity.slug for m in primary if m.entity.kind == "product"}
                      | {m.entity.slug for m in primary if m.entity.kind == "company" and m.entity.slug in _INFRA})
    if not any(s not in _INFRA for s in services):
        # "l'assistant d'OpenAI est en panne": the company's product the article names most is the one hit
        ai_companies = {m.entity.company or m.entity.slug for m in primary if m.entity.ai_native}
        named = Counter(m.entity.slug for m in mentions if m.entity.kind == "product" and m.entity.company in ai_companies)
        services = sorted(set(services) | ({named.most_common(1)[0][0]} if named else ai_companies))
    return services if any(s not in _INFRA for s in services) else []


def _precision(cue: str, ref: str) -> str:
    """How sure an outage day is: exact when the text gives the day in full (not in a dateline); a relative day
    ("hier", "mardi") is as sure as the date it resolves against (the page's own: exact; the URL's or the
    dateline's: inferred; first sight: approximate); with no day cue at all the reference date is only an
    inference (the outage may be older than the article), and first sight stays an approximation."""
    if cue == "full":
        return EXACT
    if cue == "relative":
        return ref
    return APPROXIMATE if ref == APPROXIMATE else INFERRED


def _near_outage(folded: str, pos: int, kind_spans: list[int], rec_spans: list[int]) -> tuple[bool, int]:
    d_out = min((abs(pos - p) for p in kind_spans), default=10_000)
    d_rec = min((abs(pos - p) for p in rec_spans), default=10_000)
    return d_out <= d_rec, d_out


def _when(sents: list[_Sentence], pub: datetime, full: str, sure_ref: bool = True, decision: bool = False
          ) -> tuple[date, datetime | None, datetime | None, str, _Sentence | None]:
    """Start day, start time, end time from the outage sentences (recovery clauses give the end), what gave the
    day (full | relative | none: see _precision), and the sentence that gave it.

    `decision`: a restriction, which takes effect when it is announced: the day of the announcement counts as
    its start unless the same sentence gives another day ("annoncé mardi… détectée la veille au soir").
    """
    day = None
    cue = "none"  # what gave the day: a full date ("10 juin"), a relative one ("hier", "mardi"), or nothing
    anchor: date | None = None  # the last full date given: "la veille" and "le lendemain" count from it
    night_to = None
    start = end = None
    start_clock = None
    when_idx = clock_idx = None  # the sentences that gave the day and the start time
    found: list[tuple] = []
    for idx, s in enumerate(sents):
        f = s.folded
        if s.excluded:
            # "Tout a commencé hier vers 14 h 30 : … pourrait être perturbé": the fact before the hypothesis holds
            past = _PAST.search(f)
            if past is None or not _START_CUE.search(f, 0, past.start()):
                continue
            f = f[:past.start()]
        kind_pos = [m.start() for m in _ANY_KIND.finditer(f)] if s.raw_kind else []
        rec_pos = [m.start() for m in _RECOVERY.finditer(f)]
        days = find_days(f, pub, anchor)
        dateline = DATELINE.match(full, s.start) if s.where != "title" else None
        anchor = next((d.day for d in reversed(days) if d.night_to is None and any(c.isdigit() for c in f[d.start:d.end])),
                      anchor)
        for k, d in enumerate(days):
            if k and _COORDINATED.fullmatch(f, days[k - 1].end, d.start):
                continue  # "samedi et dimanche", "de lundi à mardi": the outage started on the first day
            near, dist = _near_outage(f, d.start, kind_pos, rec_pos)
            if near:
                # the date of a dateline ("Pékin, 28 janvier 2025 (ATP) –") is the dispatch's, not the event's
                in_dateline = dateline is not None and d.end <= dateline.end()
                announce = bool(_ANNOUNCE.search(f[max(0, d.start - 30):d.end + 12]) or _ANNOUNCE_AFTER.match(f, d.end))
                if announce and decision and len(days) == 1:
                    announce = False
                demoted = in_dateline or announce or bool(_FOREIGN.match(f, d.end) or _CONVERTED.match(f, d.end))
                # a full date beats a bare weekday when the reference moment is only inferred or approximate;
                # a day in a body sentence with outage words beats one in a body sentence without
                vague = not (sure_ref or d.certain)
                found.append((demoted, vague, dist == 10_000 and s.where == "body", idx, dist, d.start, d,
                              d.explicit and not in_dateline))
        clocks = find_clocks(f, full[s.start:s.start + len(f)] if len(f) == s.end - s.start else None)
        for i, c in enumerate(clocks):
            near, _ = _near_outage(f, c.start, kind_pos, rec_pos)
            # "l'incident a démarré à 10 h 51…, soit 19 h 51": a start verb before the time makes it the start
            cue = _START_CUE.search(f, max(0, c.start - 70), c.start)
            near = near or (cue is not None and not _RECOVERY.search(f, cue.end(), c.start))
            since = _SINCE_CLOCK.search(f, max(0, c.start - 8), c.start)
            near = near or (since is not None and not _RECOVERY.search(f, max(0, since.start() - 60), since.start()))
            if near and start_clock is None:
                start_clock = c
                clock_idx = idx
                # "entre 0 h 16 et 4 h 38", "de 12 h 49 à 16 h 47": a range gives the end too
                if i + 1 < len(clocks) and end is None and _RANGE.fullmatch(f, c.end, clocks[i + 1].start):
                    end = clocks[i + 1]
            elif not near and end is None:
                end = c
    if found:
        top = min(found, key=lambda x: x[:6])
        best, when_idx, full_date = top[6], top[3], top[7]
        day, night_to = best.day, best.night_to
        cue = "full" if full_date else "relative"
    if day is None and start_clock is not None and at(pub.date(), start_clock) > pub + timedelta(hours=1):
        # no day given and the clock time is still to come on the publication day: it was the day before
        day = pub.date() - timedelta(days=1)
    day = day or pub.date()
    if night_to is not None and (start_clock is None or start_clock.hour < 12):
        day = night_to
    if start_clock is not None:
        start = at(day, start_clock)
        if start > pub + timedelta(hours=1):
            start = None
        else:
            # a time given in another zone ("2 h, heure de Pékin") may fall on another day in Paris
            day = start.astimezone(PARIS).date()
    end_dt = None
    if end is not None:
        end_day = night_to if start is None and night_to is not None and end.hour < 12 else day
        end_dt = at(start.date() if start else end_day, end)
        if start is not None and end_dt <= start:
            end_dt += timedelta(days=1)
        if end_dt > pub + timedelta(hours=1):
            end_dt = None
    source = when_idx if when_idx is not None else clock_idx
    if cue == "none" and start_clock is not None:
        cue = "relative"  # "vers 21 h": a time of the reference day (or the day before)
    return day, start, end_dt, cue, (sents[source] if source is not None else None)


__all__ = ["detect_outage", "KIND_RX"]
