"""The French words of outage reports: the vocabulary of each kind (outage, degradation, restriction), and the
clauses that cancel or qualify it (older events, hypotheses, metaphors, launches, denials, rivals named in passing).

Patterns run on folded text (lowercase, no accents). app/analysis/outages.py applies them sentence by sentence.
"""

from __future__ import annotations

import re

from app.analysis.rxfactor import factored, split_alternatives
from app.kinds import IncidentKind

# Every alternative of the kind patterns starts with a literal letter: the regex engine then skips it in one
# comparison at most positions, which keeps one scan of the text cheap.
_QUOTA_UNITS = (
    "videos?",
    "images?",
    "messages?",
    "requetes?",
    "generations?",
    "questions?",
    "essais",
    "prompts?",
    "invites?",
    "echanges",
    "tours",
)
# A number in words or digits, for caps ("limitées à cinq questions", "au bout de 50 échanges").
_NUM = (
    r"(?:\d{1,6}|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente|quarante|"
    r"cinquante|soixante|cent|mille)"
)
# (not "tokens" nor "minutes": "un contexte limité à 32 000 tokens" is a model's specification, not a decision)
_CAP_UNITS = "(?:" + "|".join(_QUOTA_UNITS) + ")"
# "chaque session s'arrête au bout de cinq échanges", "limitées à cinq questions", "ne peut plus compter plus de
# cinq questions", "cinq tours par session": a cap on the length of a conversation or on daily use.
_PER = r"(?:par|chaque) (?:session|conversation|discussion|dialogue|fil|personne|utilisateur|compte)"
# one alternative per first word, each starting with a letter where it can (see rxfactor)
_CAP = "|".join(
    [
        rf"{v}\w* (?:desormais |temporairement |dorenavant )?a {_NUM} {_CAP_UNITS}"
        for v in ("limit", "plafonn", "restrei", "born")
    ]
    + [
        rf"{v} (?:desormais |automatiquement )?au bout de {_NUM} {_CAP_UNITS}"
        for v in (r"s'arret\w*", r"prend\w* fin", r"se termin\w*", r"coupee?s?", r"interrompue?s?")
    ]
    + [
        r"ne (?:peut|peuvent|pourra|pourront|pouvait|pouvaient) (?:plus|pas|desormais plus) (?:compter|depasser|exceder|"
        rf"envoyer|poser|enchainer|durer) (?:plus de )?{_NUM} {_CAP_UNITS}"
    ]
    + [rf"{n} {_CAP_UNITS} {_PER}" for n in split_alternatives(_NUM[3:-1])]
)
# "coupé en Italie", "bloqué en Chine", "interdit dans plusieurs pays": an access cut by decision in a country.
GEO_ACTION = re.compile(
    r"\b(?:coup|bloqu|suspend|ferm|restrei|restreign)\w* l'acces (?:a [^,.;]{0,40} )?(?:pour|aux) (?:les )?"
    r"(?:internautes|utilisateurs|abonnes) (?:italiens|chinois|russes|iraniens|turcs|nord-coreens|allemands|"
    r"espagnols|belges|suisses|canadiens|francais|europeens)\b|"
    r"\b(?:coupee?s?|bloquee?s?|interdite?s?|suspendue?s?|banni\w*|(?:n'est|n'etait) plus disponible) "
    r"(?:(?:aux|des|pour les) (?:utilisateurs|internautes) )?(?:en|au|aux|dans) (?:italie|chine|russie|iran|"
    r"coree du nord|turquie|inde|allemagne|espagne|belgique|suisse|canada|l'union europeenne|l'ue|"
    r"(?:plusieurs|certains|de nombreux|leur|son|ce) pays)\b|"
    # the store's or the app's own notice: « indisponible dans votre région », « pas disponible dans votre pays »
    r"\b(?:indisponible|pas disponible|non disponible|inaccessible|pas proposee?) (?:dans|pour|depuis) "
    r"(?:votre|ce|cette|le|la|leur|son) (?:region|pays|zone)\b|"
    # unreachable from a country that filters the web: "devenu inaccessible en Chine", "n'est plus joignable depuis
    # la Chine" (not "inaccessible en France ce matin", an outage's reach)
    r"\b(?:inaccessibles?|injoignables?|indisponibles?|plus joignables?|plus accessibles?) (?:\w+ ){0,2}?"
    r"(?:en|depuis la|depuis l'|dans la|depuis la) (?:chine|russie|iran|coree du nord)\b"
)
# "retirée de l'App Store et de Google Play", "introuvable dans les boutiques", "n'est plus téléchargeable": an app
# withdrawn from the stores by decision (a regulator's order, the maker's choice) is a restriction, not an outage.
_STORES = (
    r"(?:l'app store|app store|google play|(?:le |du )?play store|(?:les |des )?boutiques?(?: d'applications| en ligne)?"
    r"|(?:les |des )?magasins? d'applications|(?:les |des )?stores?(?: d'apple et de google)?|"
    r"(?:les |des )?(?:plateformes|catalogues) de telechargement|(?:le |les |du |des )?catalogues? (?:d'applications|"
    r"d'apple|de google play|d'applis))"
)
_STORE_REMOVAL = (
    rf"introuvables? (?:dans|sur|depuis) (?:les |le |l')?{_STORES}|"
    # (and "a quitté le catalogue d'Apple comme celui de Google Play")
    rf"quitt\w* (?:[^.;:]{{0,10}} )?(?:l'|les |le ){_STORES}|"
    rf"(?:retir|supprim|disparu|dispara\w*|ot|effac|deferenc|dereferenc)\w* (?:[^.;:]{{0,30}} )?(?:de l'|des |du |de |d')"
    rf"{_STORES}|(?:n'est|n'etait|ne sont|n'etaient) plus (?:proposee?s?|disponibles?|presente?s?|referencee?s?|"
    rf"visibles?) (?:dans|sur) (?:les |le |l')?{_STORES}|(?:n'est|n'etait|ne sont|n'etaient) plus (?:telechargeables?|proposee?s? au telechargement)|"
    r"ne (?:peut|peuvent|pouvait|pouvaient) plus etre (?:telecharge|installe)\w*|"
    # "L'application DeepSeek introuvable sur les téléphones italiens"
    r"introuvables? sur les (?:telephones|smartphones|iphone|mobiles)|(?:n'est|n'etait) plus possible de (?:la |le |l')?"
    r"telecharger|(?:bloqu|interdi|suspend|gel)\w* (?:le |les |son |ses |des )?(?:nouveaux )?telechargements?|"
    # "les nouveaux téléchargements sont suspendus", "ne figure plus dans les boutiques", "impossible d'installer"
    + "|".join(
        rf"{w}telechargements (?:de [^.;:]{{0,30}} )?(?:sont |ont ete |etaient |restent |sont desormais )?"
        r"(?:suspendus|bloques|geles|interdits|coupes)"
        for w in ("nouveaux ", "")
    )
    + "|"
    rf"ne figur\w* plus (?:dans|sur) (?:les |le |l')?{_STORES}|"
    r"impossible(?:, [^,]{1,40},)? d'(?:installer|telecharger)"
)
STORE_REMOVAL = re.compile(rf"\b(?:{_STORE_REMOVAL})\b")
# "retirée de l'App Store au profit de sa nouvelle version": a withdrawal that makes room for a successor.
REPLACED = re.compile(
    r"\b(?:au profit d|remplace\w*|laisse\w* (?:la )?place|nouvelle version|nouvelle application|"
    r"nouvelle appli|mise a jour|successeur|fusionn\w*|rebaptise\w*|renomme\w*)"
)
# "ne marche plus dans OpenCode, et c'est voulu": the service stopped on purpose, a decision, not an outage.
DELIBERATE = re.compile(
    r"\b(?:c'est voulu|c'etait voulu|(?<!pas )volontairement|(?<!pas )deliberement|(?:de maniere|de facon) deliberee|"
    r"a dessein)\b"
)
# An outage said to be unrelated to another ("une panne sans rapport", "sans lien avec", "indépendante"): told beside
# the headline's, it is another event.
UNRELATED = re.compile(
    r"\b(?:sans (?:aucun |le moindre )?(?:rapport|lien)|sans relation|independante?s? (?:de|l'une de)|"
    r"une autre panne|un autre incident|une panne distincte|un incident distinct)\b"
)
# Another party's own story told beside the headline's ("OpenAI a, de son côté, activé un contrôle parental dans
# ChatGPT", "le jour même où ChatGPT connaissait ses propres difficultés", "La coïncidence a frappé…"), and a service
# given as an example ("l'usage d'assistants comme ChatGPT"): not the headline service's incident
ASIDE_PARTY = re.compile(
    r"\b(?:de (?:son|leur) cote|pour (?:sa|leur) part|quant a (?:lui|elle|eux|elles)|"
    r"(?:ses|leurs) propres (?:difficultes|problemes|ennuis|deboires|pannes?|soucis|incidents?)|coincidences?)\b"
)
EXAMPLE_OF = re.compile(
    r"\b(?:assistants?|outils?|services?|chatbots?|robots? conversationnels?|agents? conversationnels?|ia|"
    r"modeles?|applications?|plateformes?)(?: d'ia| d'intelligence artificielle)?(?: generatives?)? "
    r"(?:comme|tels? que|telles? que|a l'image de|du type de|du genre de) $"
)
# An earlier event the news is dated against, right before a service's name in its clause ("…, deux jours après le
# trou d'air de ChatGPT", "au lendemain de la panne de Claude"): that service is not hit by this one
EARLIER_EVENT = re.compile(
    r"\b(?:(?:\w+ )?(?:jours?|semaines?|mois|heures?) apres|au lendemain|dans la foulee|peu apres|"
    r"(?:une|la) semaine (?:apres|suivant)|apres (?:celle|celui|ceux|celles))\b[^,;:.!?]{0,60}$"
)
# The service another is being built into, right before its name ("le soir même de son arrivée dans Siri", "une
# version qui branche ChatGPT directement sur Siri"): a place, not a service hit
PLACE_ENTRY = re.compile(
    r"\b(?:arrivee|integration|integre\w*|branche\w*|debarqu\w*|arriv\w*)\b[^,;:.!?]{0,40}? "
    r"(?:dans|sur|au sein d[eu']|au coeur d[eu']) (?:l'|le |la |les )?$"
)
# ...unless the sentence says the service went down with the headline's ("était lui aussi en panne, sans lien avec
# l'incident de la semaine dernière")
SAME_EVENT = re.compile(
    r"\b(?:lui aussi|elle aussi|eux aussi|elles aussi|egalement|la meme panne|le meme incident|la meme coupure)\b"
)
# The writer turning a tool off themselves ("J'ai coupé GitHub Copilot pendant une semaine", "je le coupe quand je
# conçois", "j'ai volontairement désactivé l'extension"): a user's choice, no incident of the service. Singular only:
# "nous avons coupé l'accès" is as often a provider's own statement.
USER_SWITCH_OFF = re.compile(
    r"\bj'(?:ai|avais) (?:\w+ )?(?:coupe|desactive|debranche|eteint|desinstalle|arrete|mis en pause)\b|"
    # a default the customer may change: "Claude dans Microsoft 365 Copilot : désactivé par défaut, à vous de trancher"
    r"\b(?:desactivee?s?|coupee?s?|bloquee?s?|eteinte?s?) par defaut\b|"
    r"\bje (?:l'ai |les ai |l'|le |la |les )?(?:coupe|desactive|debranche|eteins|desinstalle|arrete)\w*\b|"
    # the writer who broke down, not the service: "c'est moi qui suis tombée en panne", "j'étais en panne sèche"
    r"\b(?:je suis|moi qui suis|j'etais|j'ai ete|je me suis retrouvee?) (?:\w+ )?(?:tombee? en panne|en panne|"
    r"hors service|a plat|en rade)\b|"
    # "c'est nous qui calons", "notre cerveau qui tombait en panne": people, not a service
    r"\b(?:nous|moi) qui (?:calons|calais|flanchons|tombons|sommes tombee?s)\b|"
    r"\b(?:notre|nos|mon|mes|leur|leurs) (?:cerveaux?|tetes?|esprits?|memoires?|inspiration|concentration|neurones) "
    r"(?:qui )?(?:\w+ )?(?:tombai\w* en panne|tomb\w* en panne|en panne|cal\w*|flanch\w*)|"
    # the newsroom's own choice: "notre service informatique a bloqué l'accès", "la rédaction s'est privée de…"
    r"\b(?:notre|nos) (?:service informatique|services informatiques|redaction|equipe|equipes|dsi) (?:a|ont|avait) "
    r"(?:\w+ )?(?:bloque|coupe|desactive|suspendu|retire|interdit)\w*|\bla redaction s'est (?:privee|passee|coupee)\b"
)
# A standing rule told as it stands ("l'offre gratuite reste plafonnée à dix minutes par mois"): no news of a change.
STANDING = re.compile(
    r"\b(?:reste|restent|demeure|demeurent|est toujours|sont toujours) (?:\w+ )?(?:plafonnee?s?|limitee?s?|"
    r"restreinte?s?|reservee?s?)\b"
)
# "la décision ne concerne qu'un nombre restreint de textes", "un cercle restreint de testeurs": few, not restricted
SMALL_NUMBER = re.compile(
    r"\b(?:un |en )?(?:nombre|cercle|comite|groupe|echantillon) (?:tres |plus |bien |assez )?(?:restreint|limite)e?s?\b"
)
# "le nouveau GPT-4o est retiré de ChatGPT": an update rolled back, the model itself stays: no withdrawal.
ROLLED_BACK = re.compile(
    r"\b(?:le nouveau|(?:la|une|sa|cette) nouvelle (?:version|mouture)|(?:la|une|sa|cette) (?:derniere )?mise a jour)\b"
)
# A service withdrawn from a platform or a product by a decision (the platform's new rules, a complaint): "ChatGPT
# et Copilot quittent WhatsApp", "débranchés de la messagerie", "Google a retiré Gemma de sa plateforme AI Studio",
# "n'est plus proposé dans AI Studio": a restriction of the service withdrawn, the place only where it was.
_MESSAGING = (
    r"(?:(?:la |sa |leur |cette )?messagerie|whatsapp|messenger|instagram|telegram|imessage|discord|slack|"
    r"facebook|snapchat|ai studio|x)"
)
_PLACE = (
    r"(?:(?:la |le |l'|sa |son |leur |cette |ce )?(?:plateforme|interface|catalogue|liste des modeles|"
    r"boutique|selecteur(?: de modeles)?|menu des modeles)|"
    # an assistant a model leaves: "OpenAI retire GPT-4o de ChatGPT"
    rf"{_MESSAGING}|chatgpt|gemini|copilot|le chat|meta ai|"
    # a model withdrawn from the API that served it: "OpenAI retire GPT-4.5 de son API"
    r"(?:l'|son |sa |leur )api)"
)
_PLATFORM_EXIT = (
    # (a version number's dot is no sentence end: "retire GPT-4.1 de ChatGPT")
    rf"(?:retir|retrait|debranch)\w* (?:(?:[^.;:]|\.(?=\d)){{0,70}} )?(?:de |d'|du ){_PLACE}|"
    # (not "l'historique a disparu de l'interface": lost data, an outage's or a bug's)
    # (not "que le lancement avait fait disparaître du sélecteur": an earlier withdrawal, told as background)
    # (the look-behinds come after the first letter: word lists are grouped by it, see rxfactor)
    rf"d(?<!avait fait d)(?<!avaient fait d)is(?:parue?s?|parai\w*) (?:de |d'|du )(?:{_MESSAGING}|(?:la )?liste des modeles|(?:le |du )?catalogue|"
    r"selecteur|menu des modeles)|"
    # "GPT-4 n'apparaît plus dans le menu", "ne fait plus partie des modèles qu'il est possible de choisir"
    r"(?:n'apparai\w*|ne figure\w*) plus (?:dans|parmi) (?:le |la |les |son |sa |ses )?(?:menu|selecteur|catalogue|"
    r"liste des modeles|modeles)|ne f(?:ait|ont) plus partie des modeles|"
    # "a cessé vendredi de proposer GPT-4o": a model withdrawn from the product that offered it
    r"cess\w* (?:\w+ ){0,4}de (?:proposer|servir|fournir)|"
    # (not "les utilisateurs quittent WhatsApp pour Signal": people moving, no service withdrawn)
    rf"(?:quitte|quittent|quittait|quittaient|quittee?s?) (?:\w+ ){{0,2}}{_MESSAGING}(?! pour)|"
    r"(?:n'est|n'etait|ne sont|n'etaient|ne sera|ne seront|ne serait|ne seraient) plus (?:accessibles?|"
    rf"disponibles?|proposee?s?|utilisables?) (?:par |sur |dans |via |depuis )(?:la |le |l')?{_MESSAGING}|"
    # "ChatGPT et Copilot ne répondent plus dans la messagerie de Meta", "ne répondent plus sur l'API"
    rf"ne repond\w* plus (?:\w+ ){{0,3}}?(?:dans|sur|via) (?:la |le |l')?(?:{_MESSAGING}|(?:l'|son |sa |leur )?api)|"
    # "les assistants d'OpenAI et de Microsoft ont fait leurs adieux"
    r"fai\w* (?:leurs|ses|son) adieux?"
)
PLATFORM_EXIT = re.compile(rf"\b(?:{_PLATFORM_EXIT})\b")
# the place a service was withdrawn from, right before its name: "retiré d'AI Studio", "de sa plateforme AI Studio"
PLACE_BEFORE = re.compile(
    r"(?:\b(?:de|du|dans|sur|par|via|quitt\w*) (?:(?:la|le|sa|son|leur|cette) )?"
    r"(?:(?:plateforme|interface|messagerie|application|appli|assistant|selecteur) )?|\bd')$"
)
# The host platform down, not the AI service on it: "X coupé par vagues, Grok au ralenti", "le réseau social a connu
# plusieurs interruptions", "les coupures de X": those outage words are the platform's (a non-AI service).
_HOSTS = r"(?:x|le reseau social(?: x)?|whatsapp|instagram|facebook|messenger|telegram)"
HOST_DOWN = re.compile(
    rf"\b{_HOSTS} (?:a ete |est |etait |a ete \w+ )?(?:coupee?|interrompue?|en panne|tombee?|hors service)\b|"
    rf"\b(?:pannes?|coupures?|interruptions?) (?:\w+ ){{0,4}}?(?:de |d'|du |pour ){_HOSTS}\b|"
    r"\ble reseau social a connu (?:\w+ ){0,2}(?:interruptions|coupures|pannes)\b"
)
# "Cinq vérifications avant de crier à la panne", "trois réflexes quand ChatGPT ne répond plus", "que vérifier si…":
# an evergreen checklist or how-to, whatever outage words its title borrows.
_COUNT = r"(?:\d{1,2}|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|quelques)"
GUIDE_TITLE = re.compile(
    rf"\b{_COUNT} (?:verifications|controles|conseils|astuces|reflexes|etapes|gestes|pistes|solutions|choses a verifier|"
    r"points a verifier|questions a se poser|tests a faire|manieres|facons|moyens)\b|"
    r"\bavant (?:de |d')(?:crier|conclure|accuser|paniquer|incriminer)\b|\bque (?:verifier|faire|tester) (?:si|quand|lorsque)\b|"
    # a trouble on the reader's machine: "Claude refuse de s'ouvrir chez vous, et seulement chez vous ?"
    r"\b(?:seulement|uniquement) chez vous\b|"
    r"\bcomment (?:savoir|verifier|reagir|diagnostiquer) (?:si|quand|lorsque)\b|\bmode d'emploi\b|\bnotre guide\b|"
    # advice with no count: "ChatGPT en panne : les bons réflexes pour vérifier, patienter et continuer"
    r"\b(?:les|nos) bons (?:reflexes|gestes|conseils)\b|\bnos conseils\b|\bla marche a suivre\b|"
    # an explainer on outages in general: "d'où viennent les pannes des assistants d'IA", "anatomie des pannes"
    r"\b(?:d'ou viennent|pourquoi|comment naissent|comment expliquer|aux origines des|anatomie des) "
    r"(?:les |des )?(?:pannes|interruptions|coupures|incidents)\b(?! (?:de|d'|du) (?:ce|cette|hier|lundi|mardi|"
    r"mercredi|jeudi|vendredi|samedi|dimanche|\d))|"
    # an explainer's generic question: "Pourquoi les IA comme ChatGPT tombent-elles en panne ?"
    r"\b(?:tombent|plantent|flanchent|saturent|lachent)-(?:elles|ils)\b|"
    # a product test: "Test du Pixel 10 : Gemini partout, mais quelques bugs", "Prise en main de…"
    r"^(?:test|essai|prise en main)\b[^:?!.]{0,80}:|"
    # a buyer's guide: "ChatGPT, Gemini ou Claude : quel abonnement IA choisir cet été ?"
    r"\bquel(?:le)?s? (?:abonnements?|offres?|formules?|forfaits?|assistants?|ia|chatbots?|outils?) (?:[\w']+ ){0,2}?"
    r"choisir\b|"
    # a glossary: "le petit lexique des messages d'erreur", "pour ne plus confondre panne et quota"
    r"\b(?:lexique|glossaire|abecedaire|dictionnaire des|pour ne plus (?:les )?confondre|"
    r"comprendre les messages d'erreur)\b|"
    # an explainer about outages in general: "qui dit vrai quand une IA ne répond plus ?"
    r"\bqui dit vrai\b|\b(?:quand|lorsqu'|lorsque|si) (?:une |un |votre |vos |l')?(?:ia|assistant|chatbot|service|robot|"
    r"outil)s?\b[^.?!]{0,30}?\b(?:ne repond(?:ent)? plus|tombe|tombent|plante|plantent|flanche|est en panne|sont en panne)\b|"
    # a question put to the reader: "Votre assistant de code tombe en panne ? Le plan B à préparer"
    r"\b(?:votre|vos) (?:ia|assistant|chatbot|service|robot|outil)s?\b[^.?!]{0,30}?\b(?:ne repond(?:ent)? plus|tombe|"
    r"tombent|plante|plantent|flanche|est en panne|sont en panne)\b[^.?!]{0,20}\?"
)
# A title with a checklist that also dates an outage under way ("ChatGPT en panne ce matin : trois réflexes pour
# patienter") is news with advice attached: the guide rule does not drop it.
NOW_TITLE = re.compile(
    r"\b(?:ce matin|ce soir|cet apres-midi|cette nuit|aujourd'hui|hier|depuis|en ce moment|"
    r"actuellement|toujours en panne|ce (?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)|"
    r"pour patienter|en attendant (?:le retour|que|son retour))\b"
)
# "les clients de Vertex AI ont été parmi les plus touchés": a service hit, under a title that reports the outage.
HIT = re.compile(
    r"\b(avec (?:elle|lui|eux|elles)|dans (?:sa|leur) chute|par ricochet|emportee?s? avec|"
    r"muets?|muettes?|se sont tus|s'est tu|s'est tue|sans voix|touchee?s?|affectee?s?|exposee?s?|impactee?s?|victimes?|paralysee?s?|en rade|"
    r"(?:renvoy|renvoie|enchain)\w* (?:des |les )?(?:erreurs|messages d'erreur))\b"
)
# "Google lance Veo 4", "X dévoile…": a launch whose new service is "réservé aux abonnés" reports no restriction.
LAUNCH = re.compile(
    r"\b(lance\w*|devoile\w*|presente\w*|arrive\w*|debarque\w*|deploie\w*|sort|integre\w*|"
    r"demarre\w*|ouvre|s'ouvre|ouvrir|ouvrira|ouvriront|ouvrent|debute\w*|lancement|sortie|"
    r"nouveau|nouvelle|nouvelles|nouveaux)\b"
)
# No event, whatever outage words follow: a drill ("Nous avons simulé une journée sans ChatGPT", "c'était un test"),
# a retrospective over months ("Ce que disent un an de pages de statut"), a rumour denied in the headline ("Non,
# DeepSeek n'a pas été bloqué en France").
NO_EVENT = re.compile(
    r"\b(?:simul(?:e|ons|ez|ent|ait|aient|er|ee|ees|es|ation)|exercice (?:de|d') ?(?:continuite|crise|simulation)|"
    r"c'etait un test|test grandeur nature)\b|"
    r"\b(?:un an|une annee|douze mois|six mois|trois mois|deux ans) (?:de |d')(?:pannes|incidents|pages de statut|"
    r"releves|interruptions|statistiques)\b|"
    # availability statistics over a period: "sur 90 jours, ChatGPT et Claude restent loin des standards",
    # "les taux de disponibilité des assistants"
    r"\bsur (?:les )?(?:\d{2,3}|trente|soixante|quatre-vingt-dix|trois|six|douze) (?:derniers )?(?:jours|semaines|mois)\b"
    r"[^.;!?]{0,80}\b(?:standards?|disponibilite|fiabilite|classement|palmares|bilan|taux)\b|"
    r"\btaux de disponibilite\b|"
    # a study or a ranking of outages: "Claude et ChatGPT, champions des interruptions selon une étude", "51 journées
    # de fortes perturbations au premier trimestre"
    r"\b(?:etude|classement|palmares|barometre|champions? des)\b[^.;!?]{0,80}\b(?:pannes|interruptions|"
    r"perturbations|incidents|disponibilite|fiabilite)\b|"
    r"\b(?:pannes|interruptions|perturbations|incidents|fiabilite)\b[^.;!?]{0,80}\b(?:selon|d'apres) (?:une|cette|"
    r"la|l') ?(?:etude|enquete|analyse)\b|"
    r"\b\d+ (?:journees|jours) (?:de |d')(?:fortes |graves |serieuses )?(?:perturbations|pannes|interruptions)\b|"
    # the company's staff off work, not its services: "les bureaux ferment", "une semaine de repos à ses salariés"
    r"\b(?:les|ses|leurs) bureaux (?:\w+ )?ferm\w*|\bfermeture (?:de ses|des|de leurs) bureaux\b|"
    r"\bsemaine de (?:repos|conges|vacances)\b|\bconges (?:collectifs|forces)\b|"
    # a chronology of a year's outages: "la chronologie des grandes pannes de l'IA", "retour, mois par mois, sur une
    # année de défaillances"
    r"\bchronologie (?:des|de ces|d'une annee de) (?:\w+ )?(?:pannes|incidents|interruptions|defaillances|coupures)\b|"
    r"\bmois par mois\b[^.;!?]{0,60}\b(?:pannes|incidents|interruptions|defaillances|coupures)\b|"
    r"\b(?:annee|an|semestre|trimestre) (?:de |d')(?:pannes|incidents|interruptions|defaillances|coupures)\b|"
    # a month's tally: "Avril 2026, le mois où Claude a le plus flanché : notre relevé de fiabilité", "bilan du mois"
    r"\b(?:releve|bilan|tableau|recapitulatif) (?:mensuel )?(?:de (?:la )?fiabilite|des (?:pannes|incidents)|du mois)\b|"
    r"\ble mois (?:ou|durant lequel) [^.;!?]{0,40}\b(?:le plus|le moins)\b|"
    # the newsroom's own experiment: "Nous avons passé une semaine sans ChatGPT", "notre rédaction a tenté le sevrage"
    r"\bnotre redaction a (?:tente|fait|vecu|teste|essaye|joue)\b|"
    r"\b(?:nous avons|on a|j'ai) (?:passe|vecu|tente) (?:une|un|deux|trois|sept|quinze) (?:journee|jour|semaine|mois|"
    r"jours|semaines) sans\b|"
    # an opinion or an interview, not a report: "Tribune : …", "« … » : entretien avec le directeur technique"
    r"^(?:tribune|point de vue|editorial|opinion) ?:|\b(?:entretien|interview) (?:avec|accorde)\b|"
    # a notice, nothing stopped yet: "rien ne s'arrête pour l'instant", "un préavis, pas une coupure"
    r"\brien ne (?:s'arrete|change|s'eteint|se coupe|disparait) (?:pour l'instant|pour le moment|dans l'immediat|"
    r"aujourd'hui|ce (?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche))\b|"
    r"\bun preavis, (?:et )?pas une (?:coupure|panne|suspension)\b"
)
# A fact-check headline ("Faux : …", not "Faux nus : …"): "Non, Emmanuel Macron n'a pas décidé d'interdire ChatGPT", "« Bard a disparu » ? Non, Google
# l'a rebaptisé", "OpenAI en faillite ? Ce que vaut vraiment la rumeur" (not "Non, vous n'êtes pas seul : ChatGPT est
# en panne" or "Non, vous n'étiez pas fous : Claude Code codait moins bien", which reassure the reader and confirm it)
_NOT_YOU = r"(?:vous\b|tu\b|ce n'(?:est|etait) pas (?:vous|votre|de votre faute|chez vous|toi))"
FACT_CHECK_TITLE = re.compile(
    rf"(?:^|\? |» ?\? )non(?:,| :) (?!{_NOT_YOU})|^(?:faux|intox|infox|fake) ?[:!,]|^(?:vrai ou faux|fact-?check(?:ing)?)\b|"
    # the newsroom correcting itself: "Rectificatif : la CNIL n'a pas suspendu DeepSeek en France"
    r"^(?:rectificatif|erratum|mise au point) ?:|"
    r"\b(?:que vaut|ce que vaut) (?:vraiment )?(?:la|cette) rumeur|"
    r"\b(?:intox|infox|canular|fake news|rumeur infondee|fausse (?:rumeur|information|alerte))\b|"
    # "la rumeur d'un ChatGPT réduit au silence ne tient pas", "rumeur démentie", "OpenAI dément la rumeur"
    r"\brumeurs?\b[^.;:!?]{0,80}\bne tien(?:t|nent) pas\b|\brumeurs? dementie?s?\b|\bn'est qu'une rumeur\b|"
    r"\bdemen(?:t|tent) (?:la|cette|les|ces) rumeurs?\b"
)
# A headline or lead that says the AI service works: "Le robot d'OpenAI fonctionne pourtant normalement : c'est le
# réseau de SFR qui est en panne" (not "OpenAI n'y est pour rien, c'est Cloudflare qui a flanché": the service was
# down all the same, through another's fault)
CLEARED = re.compile(
    r"\bfonctionnen?t? pourtant (?:tout a fait |parfaitement |bel et bien )?normalement\b|"
    # "Des salariés ont cru à une panne de ChatGPT. L'outil fonctionnait : le filtrage du réseau interne bloquait tout"
    r"\b(?:l'outil|le service|l'assistant|le chatbot|le robot(?: conversationnel)?|l'application)"
    r"(?: d'[\w.-]+| de [\w.-]+)? fonctionnait(?: parfaitement| normalement| tres bien| bel et bien)? ?:"
)
DENIED_TITLE = re.compile(
    r"^non, [^:;]{0,60}?\bn'(?:a|ont|est|sont|etait|etaient) (?:pas|jamais) (?:ete )?(?:bloque|interdit|en panne|"
    r"tombe|coupe|suspendu|ferme|retire|banni)"
)
# A headline whose subject is a company or an AI service named by what it is ("La société chinoise gèle…", "Le
# robot conversationnel chinois suspend…"): the article's own, named in the body.
COMPANY_SUBJECT = re.compile(
    r"^(?:la |le |l')(?:societe|entreprise|start-up|startup|jeune pousse|firme|editeur|laboratoire|"
    # or the service itself: "Le robot conversationnel chinois suspend…", "L'assistant de Google se tait"
    r"robot conversationnel|chatbot|assistant|agent conversationnel|generateur d'images|generateur de videos)\b"
)
# "l'assistant", "le service", "l'outil": a sentence that goes on about the service named just before.
ANAPHORA = re.compile(
    r"\b(?:l'assistant|le service|l'outil|le chatbot|l'agent|l'application|l'appli|la plateforme|"
    r"l'api|le site|l'interface|le generateur|le robot conversationnel)\b"
)
# "Anthropic coupe à Windsurf l'accès à Claude": a company cutting someone's access decides a restriction; "une
# panne coupe l'accès" reports an outage (an outage noun in the sentence).
CUTS_ACCESS = re.compile(
    r"\b(?:coupe|coupent|a coupe|ont coupe|retire|retirent|a retire)\b(?: net| sec)?(?: (?:a|aux) [^,.;]{1,30})? "
    r"l'acces\b"
)
OUTAGE_NOUN = re.compile(
    r"\b(?:pannes?|incidents?|bugs?|defaillances?|problemes? techniques?|coupures?|attaques?|"
    r"surcharges?|saturation)\b"
)
# "GPT-4.5 arrive au compte-gouttes", "le modèle est distribué au compte-gouttes": a launch's pace, not a
# degradation (unlike "les réponses arrivent au compte-gouttes")
ROLLOUT_PACE = re.compile(
    r"\b(?:arrive|arrivent|debarque\w*|deploye?e?s?|distribuee?s?|ouverte?s?|accessibles?|disponibles?|"
    r"se deploie|se deploient|s'ouvre) (?:\w+ )?au compte-gouttes|"
    # "OpenAI lance son application vidéo, au compte-gouttes et sur invitation": a launch's pace
    r"\blance\w* (?:son|sa|ses|leur|un|une|le|la|les) [^.;:!?]{0,40}?,? au compte-gouttes"
)
PACE_OBJECTS = re.compile(
    r"\b(?:reponses?|messages?|images?|resultats?|videos?|pages?|donnees|textes?)\b[^.;:]{0,25}$"
)
# Outage and restriction words that report nothing done: denied ("sans liste d'attente", "pas de quota", "aucune
# restriction"), only asked for, said of a label, or conceded in passing (examples below).
NEGATED = re.compile(
    r"\b(?:sans|pas de|plus de|aucune?|ni|n'y a pas de|n'impose pas de|ne prevoit pas de) "
    r"(?:liste d'attente|quotas?|limites?|restrictions?|plafonds?|limitation)\b|"
    # a stop asked for, not made: "ils ne demandent pas de suspendre Midjourney", "réclament l'arrêt des images"
    r"\bne (?:demand|reclam|exig|souhait|cherch)\w* pas (?:de |d')(?:\w+ )?(?:suspendre|bloquer|couper|fermer|"
    r"interdire|retirer)\b|"
    r"\breclam\w* (?:l'arret|la suspension|le blocage|l'interdiction|le retrait)\b|"
    # a label taken off, not a service: "Google a retiré l'étiquette « préversion » de Gemini 2.5 Pro"
    r"\bretir\w* (?:l'etiquette|la mention|le label|le statut|le badge|le bandeau)\b|"
    # outage words in a concession: "l'argent de l'IA coule à flots, malgré les pannes"
    r"\bmalgre (?:les|des|ces|quelques|ses|leurs) (?:pannes|coupures|incidents|defaillances)\b|"
    # something else suspended or paused, not a service: a court's procedure, talks, hiring, an advertising
    # campaign ("le juge a suspendu mardi la procédure contre OpenAI", "Google met en pause ses publicités Gemini")
    r"\b(?:suspend|met en pause|mis\w* en pause|mettent en pause|retir|gel|interromp)\w* (?:\w+ ){0,2}?(?:la procedure|"
    r"les poursuites|le proces|l'audience|l'instruction|l'examen|l'enquete|les negociations|les discussions|"
    r"les pourparlers|les recrutements?|les embauches|le spot|(?:sa|ses|la|les|une|leur|leurs|cette) "
    r"(?:publicites?|campagnes? (?:publicitaires?|de publicite|marketing)|spots?|reclames?))\b|"
    # a restriction denied: "L'assistant n'est pas rationné", "aucun quota n'a été durci"
    r"\bn'(?:est|etait|a|avait|ont|sont|etaient) (?:pas|nullement|aucunement|jamais) (?:ete )?(?:rationne|bride|"
    r"plafonne|limite|restreint|suspendu|bloque|interdit|durci)e?s?\b|"
    # projects, contracts or a launch suspended, not a service: "suspend plusieurs projets" (a customer leaving a
    # supplier), "suspend le lancement de son modèle ouvert" (nothing existing taken away)
    r"\b(?:suspend|met en pause|mis\w* en pause|mettent en pause|gel|interromp|report)\w* (?:\w+ ){0,2}?"
    r"(?:(?:plusieurs|ses|les|des|leurs|ces|tous les|toutes les) )?(?:projets|contrats|partenariats|collaborations|"
    r"commandes|investissements|chantiers)\b|"
    r"\b(?:suspend|met en pause|mis\w* en pause|gel|report|repouss)\w* (?:\w+ ){0,2}?(?:le lancement|la sortie|"
    r"la publication|la mise en ligne) (?:de son|de sa|de ses|du|de la|des|d')|"
    # a capability, not an event: "un service qu'OpenAI peut corriger, brider ou couper à distance"
    r"\b(?:peut|peuvent|pouvait|pouvaient) (?:etre )?(?:[\w']+,? ){0,3}?(?:brider|couper|suspendre|limiter|"
    r"restreindre|bloquer|desactiver|(?:bride|coupe|suspendu|limite|restreint|bloque|desactive)e?s?)\b|"
    # premises closed, not a service: "OpenAI a fermé mardi son bureau de Pékin"
    r"\bferm\w* (?:\w+ ){0,2}?(?:son|ses|sa|le|les|un|une|leur|leurs) (?:bureaux?|sieges?|antennes?|filiales?|"
    r"usines?|locaux|succursales?|magasins?|boutiques?|laboratoires?|studios?)\b"
)
# Restriction words that a launch uses as well ("réservé aux abonnés", "liste d'attente", "sur invitation"): with a
# launch cue in the head of the article they describe its rollout, not a restriction.
SOFT = re.compile(
    r"reserv\w* (?:[^.;:,]{0,40} )?aux (?:seuls )?(?:abonnes|comptes payants|utilisateurs payants|"
    r"clients payants)|(?:sur )?liste d'attente|sur invitation|acces (?:restreint|limite|reserve)|"
    r"restreint|reserve\w* aux abonnes"
)
ROLLOUT = re.compile(
    r"\b(?:lance\w*|lancement|devoile\w*|presente\w*|nouveau modele|nouvelle version|sortie|"
    r"dans un premier temps|pour commencer|auront acces|aura acces|bientot|deploie\w*|deploiement|"
    r"debarque\w*|arrive\w*|disponible des|est disponible|"
    # a pilot, a beta: "un pilote très encadré", "pour un millier de testeurs"
    r"un pilote|testeurs|en beta|version beta)\b"
)
# "coupée aux nouveaux comptes", "les comptes gratuits privés de vidéos": a cut aimed at one class of users is a
# restriction decided by the provider, not an outage.
_USER_CLASS = (
    r"(?:nouveaux|nouvelles|nouvel) (?:comptes?|inscrits?|utilisateurs?|venus|abonnes|arrivants|inscriptions)|"
    r"(?:comptes|utilisateurs|abonnes|internautes|usagers) (?:gratuits|non payants|sans abonnement)|"
    r"non-abonnes|non abonnes|nouveaux\b|offre gratuite|version gratuite|formule gratuite"
)
TARGETED = re.compile(
    rf"\b(?:coupee?s?|coupe|privee?s? de|bloquee?s?|fermee?s?|interdite?s?)\b[^.;:!?]{{0,45}}?"
    rf"\b(?:aux?|pour les|les|des) (?:{_USER_CLASS})"
    rf"|\b(?:{_USER_CLASS})\b[^.;:!?]{{0,25}}?\b(?:privee?s? de|coupee?s?|bloquee?s?)\b"
)
NOT_HIT = re.compile(r"\b(?:pas|jamais|aucun\w*|epargn\w*|ni)\b[^,.;]{0,25}$")
_COUNTRIES = (
    r"italie|chine|russie|iran|coree du nord|turquie|inde|allemagne|espagne|belgique|suisse|canada|"
    r"l'union europeenne|l'ue|l'europe|leur pays|ce pays|plusieurs pays|certains pays"
)
_DEMONYMS = (
    r"italiens|chinois|russes|iraniens|turcs|nord-coreens|allemands|espagnols|belges|suisses|canadiens|"
    r"francais|europeens"
)
_LIMITED = (
    r"(?:le nombre|la duree|la longueur|l'acces|les acces|l'usage|(?:les|ses|leurs) (?:conversations|echanges|sessions|"
    r"discussions|dialogues)|l'utilisation|la generation|la creation|les (?:inscriptions|"
    r"requetes|generations|images|videos|messages|nouveaux|comptes|utilisateurs|capacites|usages|essais)|"
    r"ses (?:inscriptions|utilisateurs|nouveaux|capacites|services|fonctions)|son (?:acces|usage|service|outil)|"
    r"sa (?:generation|fonction|version gratuite)|leur (?:acces|usage|utilisation)|les (?:comptes|abonnes|"
    r"utilisateurs) (?:gratuits|non payants))"
)
_RESTRICTION_MORE = (
    r"brid\w+|"
    # an age limit: "deviennent hors de portée des moins de 18 ans"
    r"hors de portee des (?:moins de \d+ ans|mineurs|adolescents|enfants|jeunes)|"
    # minors turned away: "refuse aux comptes de mineurs toute conversation ouverte", "fin des discussions ouvertes
    # pour les mineurs"
    r"refus\w* (?:desormais )?(?:aux|a ses) (?:comptes (?:de |des )?)?(?:mineurs|adolescents|moins de \d+ ans)|"
    r"fin des (?:discussions|conversations|echanges)\b[^.;:!?]{0,30}\b(?:pour les|aux) (?:mineurs|adolescents|"
    r"moins de \d+ ans)|"
    + _CAP
    + "|"
    # prompts or uses turned away by policy: "plusieurs formulations… sont rejetées par Copilot Designer", "refusent
    # d'analyser les images qu'on leur envoie", "Microsoft ferme certaines portes de Copilot Designer"
    # (one alternative per first word: the word lists are grouped by first letter, see rxfactor)
    + "".join(
        rf"{w}\b[^.;:!?]{{0,60}}?\b(?:sont|est|seront|etaient) "
        r"(?:desormais |automatiquement |systematiquement )?(?:rejetee?s?|refusee?s?|repoussee?s?)|"
        for w in ("requetes?", "demandes?", "formulations?", "prompts?", "invites?")
    )
    # a free feature put behind a payment: "a décidé de rendre payante la génération d'images"
    + r"rend\w* (?:desormais )?payante?s?|"
    # a right taken away: "les applications tierces… n'y ont plus droit"
    + r"n'y (?:a|ont|avait|avaient|aura|auront) plus droit|"
    r"refus\w* (?:desormais )?(?:d'analyser|de traiter|de lire|d'interpreter) (?:les |des |tout |toute |toutes |la |le )|"
    r"ferm\w* (?:certaines |quelques |des |ses |la )?portes? (?:de|d'|a|aux|des|du)|"
    # a feature shelved: "Microsoft range au placard son atelier de GPT"
    r"range\w* au placard|mis\w* au placard|met\w* au placard|remis\w* au placard|"
    # "la porte de l'API se referme"
    r"portes? (?:de [^,.;]{0,30} )?se referm\w*|"
    # an early access or a test programme closed by its provider: "referme l'accès anticipé", "ferme sa bêta"
    + "".join(
        rf"{v}\w* (?:l'|son |sa |ses |les |le )?(?:acces anticipe|avant-premiere|beta|version de test|"
        r"programme (?:de test|d'essai|d'acces anticipe)|preversion)|"
        for v in ("ferm", "referm")
    )
    + r"referm\w* l'acces|"
    # an authority's order to stop: "doit cesser d'exploiter les données", "prié de ne plus exploiter"
    + "".join(
        rf"{w} cesser (?:immediatement |sans delai )?(?:d'exploiter|de traiter|d'utiliser|de collecter|de proposer|"
        r"de fonctionner)|"
        for w in ("doit", "doivent", "devra", "devront", "devait")
    )
    + "".join(
        rf"{w}\w* (?:a [\w'. ]{{1,40}} )?(?:de ne plus|de cesser|d'arreter)|"
        for w in ("prie", "somme", "ordonne", "enjoint")
    )
    # a subscription closed to third-party tools: "a bloqué l'utilisation des abonnements", "empêche les outils tiers
    # d'utiliser…", "ces accès sont réservés à Claude Code", "le jeton n'est valable que pour…"
    + r"bloqu\w* (?:\w+ ){0,2}l'utilisation (?:des?|du|d')|"
    r"empech\w* (?:les |des )?(?:outils|applications|logiciels|clients|services|editeurs) (?:tiers|concurrents?|externes) "
    r"d'(?:utiliser|exploiter|se connecter)|"
    # (one alternative per first word: the word lists are grouped by first letter, see rxfactor)
    + "|".join(
        # ("les jetons OAuth des formules Free, Pro et Max de Claude sont réservés à…", "les identifiants … ne
        # peuvent plus servir qu'à Claude.ai")
        rf"{w} (?:[\w'-]+,? ){{0,12}}?(?:(?:sont|est|etait|etaient) (?:desormais )?reserve\w* a|"
        r"n'(?:est|etait) valable que pour|ne (?:peu|pourr)\w* (?:desormais )?plus servir qu)"
        for w in ("acces", "identifiants?", "jetons?")
    )
    + "|"
    # a regulator asking the app stores to take an app down: "demande à Apple et Google de bloquer DeepSeek"
    r"demand\w* a (?:apple|google)(?: et (?:a )?(?:apple|google))? (?:de |d')(?:retirer|bloquer|supprimer|"
    r"dereferencer|bannir)|demande de (?:blocage|retrait|dereferencement)|"
    rf"limit(?:e|ent|er|era|erait|ait|aient|ant|ee|ees|es) (?:(?:temporairement|desormais|drastiquement|fortement|"
    rf"severement|encore|aussi|deja) )?{_LIMITED}|a limite|ont limite|limitation (?:temporaire|du nombre|des|de l'acces)|"
    r"limitations? d'(?:usage|utilisation|acces)|"
    r"(?:instaur|introdu|impos|appliqu|ajout|etabli)\w* (?:des |de |un |une |de nouvelles |de nouveaux )?"
    r"(?:quotas?|limites?|plafonds?|restrictions?|limitations?)|"
    r"quotas? (?:d'utilisation|d'usage|de (?:requetes|generations?|messages|images|videos))|rate limits?|"
    # caps met by users: "des plafonds d'utilisation plus bas", "« Limite atteinte »", "usage limit reached"
    r"plafonds? (?:d'utilisation|d'usage|de (?:requetes|messages|generations?))|"
    r"limites? (?:d'utilisation |d'usage |de (?:requetes|messages) )?atteintes?|usage limits? reached|limits? reached|"
    r"met(?:tre|tent|tait|)? (?:un )?(?:coup de )?frein|mis un (?:coup de )?frein|"
    r"supprim\w* (?:temporairement )?(?:les |l'|son |sa |ses )?(?:essais? gratuits?|periode d'essai|version gratuite|"
    r"acces gratuit|offre gratuite)|fin (?:des|de l') ?(?:essais? gratuits?|acces gratuit|offre gratuite)|"
    r"essais? gratuits? (?:sont |est |ont ete |a ete )?(?:suspendu|supprime|interrompu|arrete|ferme|termine)\w*|"
    r"(?:n'ont|n'a|n'avaient|n'avait|n'auront|n'aura) plus acces|plus d'acces|"
    r"(?:est|sont|a ete|ont ete|reste|restent) bloquee?s?|"
    r"empech\w* (?:desormais |temporairement )?(?:(?:les |de )?nouveaux|(?:les )?(?:utilisateurs|comptes) gratuits|"
    r"de s'inscrire|de creer (?:un|de nouveaux) comptes?|l'inscription)|"
    r"ne (?:peut|peuvent|pouvez|pourront|pourra|pourrez) plus (?:s'|vous |nous )?inscrire|restrictions?|"
    r"(?:met|mettre|mettent|a mis|ont mis|mis) fin (?:\w+ )?(?:a|aux) (?:son |sa |ses |l'|la |les )?(?:essais? gratuits?|"
    r"offre gratuite|periode d'essai|acces gratuit|version gratuite|formule gratuite|inscriptions|echanges (?:ouverts|"
    r"libres)|conversations (?:ouvertes|libres))|"
    r"inscriptions? (?:sont |ont ete |restent )?closes?|(?:ne prend|ne prennent|n'admet|n'admettent) plus (?:de |d')?"
    r"(?:nouveaux|nouvelles|inscriptions|inscrits)|retir\w* temporairement|"
    r"(?:mis|mise|met|mettant) (?:\w+ )?(?:sur|en) pause|"
    r"acces (?:\w+ )?(?:restreint|limite|reserve|reduit)|sur liste d'attente|"
    # sales stopped: "suspend les recharges", "cesse provisoirement de vendre des crédits", "refuse tout nouveau paiement"
    # (one alternative per verb, each starting with a letter: see rxfactor)
    + "".join(
        rf"{v}\w* (?:temporairement |provisoirement |momentanement )?"
        r"(?:de vendre |la vente (?:de |des |d')|d'accepter )?(?:les |des |ses |de |tout |toute |toutes )?"
        r"(?:nouveaux? |nouvelles? )?(?:abonnements|souscriptions|clients payants|credits?|recharges?|paiements?)|"
        for v in ("gel", "suspend", "ferm", "bloqu", "refus", "cess", "stopp", "interromp")
    )
    + r"refus\w* (?:temporairement )?(?:les |de |des )?(?:nouveaux|nouvelles) (?:comptes|clients|inscriptions|abonnes|"
    r"abonnements|utilisateurs|inscrits)|"
    r"redui\w* (?:drastiquement |fortement |temporairement |nettement )?(?:la |les |l'|ses |son |le )?(?:capacite|acces|"
    r"quotas?|limites?|plafonds?|nombre de)|"
    # an option or feature removed by its provider: "a supprimé jeudi l'option qui permettait…", "l'option a été
    # retirée", "enterre la case qui rendait les conversations trouvables"
    r"(?:supprim|retir|desactiv|enterr)\w* (?:\w+ ){0,2}?(?:l'option|la fonction(?:nalite)?|la possibilite|la case)\b|"
    # a model retired on notice: "Claude 3 Opus quittera son API le 5 janvier", "cessera de répondre le 5 janvier",
    # "passe au statut « déprécié »"
    r"quitt(?:era|eront|e|ent) (?:son |sa |l'|leur |le |la )?(?:api|interface|selecteur|menu des modeles)\b|"
    r"cesser(?:a|ont) de (?:repondre|fonctionner) (?:le|au|a partir du|des le|a compter du) \d|"
    r"statut « ?deprecie|(?:est|sont|sera|seront) deprecie|(?:date de )?fin de vie (?:de|du|d')|"
    # a feature family ended: "ChatGPT tire un trait sur ses plugins", "met fin à ses extensions"
    r"(?:tir|trac)\w* un trait sur (?:ses|son|sa|les|le|la|l') ?(?:plugins?|extensions?|modules?|fonctions?|"
    r"fonctionnalites?|options?|modes?)\b|"
    r"(?:met|mettent|mis|a mis) fin (?:a ses|aux|a son|a sa) (?:plugins?|extensions?|modules?|fonctionnalites?)\b|"
    r"(?:l'option|la fonctionnalite|la fonction|la possibilite|la case) (?:\w+ ){0,4}?(?:a ete|est|ont ete|sont) "
    r"(?:retiree|supprimee|desactivee)s?|"
    # quotas nibbled at or counted faster: "rogner les quotas aux heures de pointe", "l'usage est décompté plus vite"
    r"rogn\w* (?:sur )?(?:les |ses |leurs )?(?:quotas?|limites?|plafonds?|allocations?)|decompte\w* plus vite|"
    # slashed or counted harder: "Google sabre son offre gratuite", "quotas quotidiens divisés par dix", "vous
    # atteignez plus vite le plafond", "a changé la manière dont sont décomptées les limites"
    r"sabr\w* (?:dans )?(?:son |sa |ses |l'|les |le |la )?(?:offre|formule|version|acces|quotas?|limites?|plafonds?)|"
    r"(?:quotas?|limites?|plafonds?)(?: \w+)? (?:sont |ont ete |a ete |est )?divise\w* par|"
    r"atteign\w* (?:desormais )?plus (?:vite|rapidement|tot) (?:le |les |leur |votre |vos |son |ses )?"
    r"(?:plafonds?|limites?|quotas?)|(?:maniere|facon) dont (?:sont |est )?decompte\w*|"
    r"(?:resserr|durci)\w* (?:encore |a nouveau )?(?:les |l'|ses |son |sa )?(?:limites?|quotas?|plafonds?|acces|conditions "
    r"d'acces|regles d'acces)|"
    r"retir\w* (?:l'acces|la version|l'offre|la formule|l'essai) gratuite?|"
    r"(?:devient|deviennent|passe|passent|bascule|basculent) (?:\w+ )?(?:au )?payante?s?|n'est plus gratuite?|"
    r"ne (?:sont|est) plus gratuite?s?|"
    r"n'est (?:plus )?accessible qu'(?:aux|sur)|"
    r"impossible\b[^.;:]{0,40}\b(?:de s'y |de |d')(?:creer|ouvrir) (?:un|de nouveaux|son) comptes?|refus\w* (?:les |de )?(?:nouveaux comptes|"
    r"nouvelles inscriptions|nouveaux (?:utilisateurs|inscrits)|inscriptions)|n'accepte plus (?:de )?nouveaux|"
    r"reserv\w* (?:[^.;:,]{0,40} )?aux (?:seuls )?(?:abonnes|comptes payants|utilisateurs payants|clients payants)|"
    rf"(?:n'est|n'etait) plus (?:disponible|accessible) (?:(?:aux|des|pour les) (?:utilisateurs|internautes) )?"
    rf"(?:en|au|aux|dans) (?:{_COUNTRIES}|la peninsule|l'hexagone)|"
    rf"empech\w* (?:les )?connexions (?:venues |en provenance )?(?:d'|de |du |des )(?:{_COUNTRIES})|"
    rf"(?:coup|bloqu|suspend|ferm|restrei|restreign)\w* l'acces (?:a [^,.;]{{0,40}} )?(?:pour|aux) (?:les )?"
    rf"(?:internautes|utilisateurs|abonnes) (?:{_DEMONYMS})|(?:reserve|reservee|reserves|reservees) (?:desormais )?aux (?:abonnes|"
    r"comptes payants|utilisateurs payants|clients payants)"
)
# The page loads but nothing comes back: "les réponses ne s'affichent plus", "tourne à vide", "perd la mémoire", "les
# projets refusent de s'ouvrir". The service takes the questions and gives nothing back: a degradation.
_SILENT = (
    r"tourne\w* a vide|mouline\w* (?:a vide|dans le vide|sans fin)|"
    r"rien ne (?:vient|revient|s'affiche|sort|se passe)|"
    r"aucune reponse ne (?:s'affiche|vient|revient|apparai\w*|arrive|sort)\w*|"
    + "|".join(
        rf"{w} (?:ne |n')(?:s'affich|revien|reven|arriv|parvien|parven|apparai|sort)\w* (?:pas|plus|jamais)|"
        rf"{w} (?:restent|reste|restaient|restait|demeurent|demeure) (?:invisibles?|vides?|blanches?|introuvables?)"
        for w in ("reponses?", "resultats?")
    )
    + r"|reponses? (?:invisibles?|fantomes?)|zone de reponse (?:\w+ )?(?:blanche|vide)|"
    # the service loses its memory (people who do are taken out by NEG_OUTAGE: "les malades qui perdent la mémoire")
    r"perd(?:u|ait)? la memoire|joue\w* les amnesiques|"
    r"refus\w* (?:de s'ouvrir|de (?:se )?charger|de s'afficher)"
)
# "l'application mobile tient le coup", "la page se charge", "les questions sont bien envoyées", "acceptait mes
# prompts": the service is half up. An article that says so reports a degradation, whatever outage words it uses.
HALF_UP = re.compile(
    r"\b(?:la page (?:se charge|s'affiche|charge)\w*|l'interface (?:s'affich\w*|se charg\w*|reste accessible|"
    r"restait accessible|est accessible|etait accessible)|le site (?:reste|restait|est reste|etait reste|demeure) "
    r"(?:accessible|en ligne|ouvert)|(?:questions|messages|requetes|prompts|demandes) (?:(?:sont|etaient|ont ete) "
    r"bien (?:envoyee?s|parties|acceptee?s|recue?s|prises en compte)|partent|partaient)|"
    r"accept\w* (?:mes |les |nos |leurs |ses |vos )?(?:prompts|requetes|questions|messages|demandes)|"
    r"(?:possibilite|possible) de saisir|l'historique (?:est|etait|reste|restait) (?:la|visible|affiche|accessible)|"
    r"ne plante pas (?:a proprement parler|vraiment|totalement|completement|franchement)|sans planter|"
    r"pas de page d'erreur|panne partielle|"
    r"(?:l'application|l'appli|la version|l'app) (?:mobile|web|iphone|ios|android|de bureau|desktop|pour smartphone)"
    r"[^.;:]{0,30}?(?:(?:tient|tenait|a tenu) (?:le coup|bon)|continu\w* (?:de|a) fonctionner|"
    r"fonctionn\w* (?:toujours|normalement|encore|sans (?:encombre|souci|probleme))|repond\w* (?:toujours|normalement|encore)|"
    r"(?:semblai\w*|paraissai\w*|etai\w*|est|reste|restait|demeur\w*) (?:epargnee|utilisable|accessible|fonctionnelle|"
    r"operationnelle)))\b"
)
# "ne plante pas", "pas de « service indisponible »", "n'est pas tombé": outage words denied.
NEG_OUTAGE = re.compile(
    r"\b(?:ne (?:plante|plantait|tombe|tombait|flanche|flanchait) pas|n'(?:est|etait|a) (?:pas|jamais) (?:ete )?"
    r"(?:tombee?|en panne|hors service|hors ligne|inaccessible|indisponible|coupee?)|"
    r"pas de (?:[«\"“] ?)?(?:service indisponible|panne (?:totale|generale|complete|franche|majeure)|"
    r"coupure (?:totale|generale|franche|nette)|page d'erreur)|qui perd\w* la memoire|"
    # "toutes les requêtes n'échouaient pas", "lent et capricieux plutôt que totalement coupé"
    r"n'echou\w* pas|plutot que (?:totalement |completement |entierement )?(?:coupee?s?|en panne|hors service|"
    r"inaccessibles?|indisponibles?|tombee?s?))"
)
# Policy restrictions: a feature put to sleep or withdrawn by its maker ("met en sommeil l'une des voix", "retire la
# voix Sky", "n'est plus proposée"), whatever the reason (a controversy, a lawsuit), not capacity.
_FEATURE = (
    r"(?:voix|fonctionnalites?|fonction|fonctions (?:de|d')|options?|modes? (?:vocal|voix|image|video)|extensions?|"
    r"plugins?|personnages?|avatars?|filtres?|reglages?|parametres? (?:de|d')|boutons?)"
)
_FEATURE_WITHDRAWN = (
    r"retir\w* (?:(?:ce |cette )?(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|matin|soir) )?"
    r"(?:temporairement |provisoirement |discretement |finalement )?(?:la |sa |une |l'une des |l'un des |"
    rf"cette |ce |son |le |les |ses |leurs? )?{_FEATURE}|"
    rf"supprim\w* (?:temporairement )?(?:la |sa |une |l'une des |l'un des |cette |ce |son |le )?{_FEATURE}|"
    r"n'(?:est|etait|etaient) plus (?:proposee?s?|selectionnables?|activables?)|"
    r"ne sont plus (?:proposee?s?|selectionnables?|activables?)|"
    # "a rendu inaccessibles plusieurs de ses personnages": the maker's choice, not an outage
    rf"rend\w* (?:indisponibles?|inaccessibles?|introuvables?) (?:[\w']+ ){{0,4}}?{_FEATURE}"
)
FEATURE_WITHDRAWN = re.compile(rf"\b(?:{_FEATURE_WITHDRAWN})\b")
# "l'option qui gardait la voix sur l'appareil a disparu": a feature gone, not a service down (replaced before the
# outage words are counted)
FEATURE_GONE = re.compile(
    rf"\b(?:l'|la |le |les |cette |ce |son |sa |ses ){_FEATURE}\b[^.;:!?]{{0,60}}?\b(?:a|ont) disparu\b"
)
_POLICY = (
    r"mis(?:e|es)? (?:\w+ )?en (?:sommeil|suspens)|met(?:tre|tent|tait|tant)? (?:\w+ )?en (?:sommeil|suspens)|"
    + _FEATURE_WITHDRAWN
)
# "OpenAI met en sommeil son projet de réseau social", "le chantier a été mis en pause": a plan shelved, not a
# service restricted (removed before counting).
_PLAN = (
    r"(?:projets?|chantiers?|ambitions?|plans?|programmes?|partenariats?|accords?|negociations?|recrutements?|"
    r"embauches?|levees? de fonds|introduction en bourse|expansion|investissements?|usines?|developpement|"
    r"construction|rachat|fusion)"
)
_SHELVE = r"(?:mis|mise|mises|met|mettre|mettent|mettait|mettant) (?:\w+ )?(?:en (?:sommeil|suspens|pause|sourdine)|sur pause)"
PLAN_SHELVED = re.compile(
    rf"\b{_PLAN}\b(?:(?! mais | tandis | alors que )[^.;:,]){{0,80}}?\b{_SHELVE}\b|\b{_SHELVE} (?:\w+ )?(?:son |sa |ses |le |la |les |l'|un |une |des |leur |"
    rf"leurs |ce |cette |ces )?(?:\w+ )?{_PLAN}\b"
)
# An assistant that refuses a whole subject: "Gemini ne discute plus d'élections", "restreint les réponses aux
# questions liées aux élections", "Élections : Gemini préfère se taire". The subject must be named: "refuse de
# répondre" alone is a spokesperson's no comment.
_TOPICS = [
    r"elections?",
    r"electora\w*",
    r"scrutins?",
    r"presidentielles?",
    r"legislatives",
    r"municipales",
    r"candidats?",
    # prompts naming the heads of state refused: "rejette toute demande mentionnant le président Joe Biden"
    r"presidents?",
    r"chefs? d'etat",
    *(
        f"{w} politiques?"
        for w in ("questions?", "sujets?", "themes?", "personnalites?", "partis?", "debats?")
    ),
    r"politique(?! (?:de|d'|des|du|interne|commerciale|tarifaire|maison))",
    r"vote",
    # safety topics closed to minors: "n'abordera plus le suicide", "refuse tout échange à tonalité sexuelle"
    r"suicide",
    r"automutilation",
    r"sexuel\w*",
    r"seduct\w*",
    r"erotique\w*",
    r"troubles? (?:alimentaires|du comportement alimentaire)",
    r"flirt\w*",
    r"romantique\w*",
    r"amoureu\w*",
]
_TOPIC = "(?:" + "|".join(_TOPICS) + ")"
_SILENCES = [r"se tai\w*", r"motus", r"botte\w* en touche", r"reste\w* muet\w*", r"reste\w* silencieu\w*"]
_SILENCE = "(?:" + "|".join(_SILENCES) + ")"
_TOPIC_REFUSAL = "|".join(
    [
        r"refus\w* (?:de |d')?(?:repondre|parler|discuter|traiter|aborder|evoquer|se prononcer)\b[^.;]{0,50}?\b"
        + _TOPIC,
        r"declin\w* (?:les |toute |toutes )?(?:questions?|requetes?|demandes?)\b[^.;]{0,40}?\b" + _TOPIC,
        r"refus\w* (?:tout|toute|tous|toutes|les) (?:echanges?|conversations?|discussions?|demandes?)\b[^.;]{0,40}?\b"
        + _TOPIC,
        r"ne (?:repond|discute|parle|traite|dit|se prononce|commente)\w* (?:plus|pas|rien|jamais)(?! (?:toujours|"
        r"forcement|correctement|bien|tres|vraiment|juste|seulement))\b[^.;]{0,40}?\b" + _TOPIC,
        r"ne (?:peut|peuvent|pourra|pourront|sait|veut|doit|doivent|devra|devront|devraient) plus (?:repondre|parler|"
        r"discuter|traiter|aborder|"
        r"evoquer)\b[^.;]{0,40}?\b" + _TOPIC,
        r"n'(?:aborde|evoque|accepte|admet)\w* (?:plus|pas|aucune?)\b[^.;]{0,40}?\b" + _TOPIC,
    ]
    + [
        rf"{v}\w*\b[^.;]{{0,40}}?\b(?:reponses?|questions?|requetes?|sujets?|themes?|prompts?|demandes?|echanges?)\b"
        rf"[^.;]{{0,40}}?\b{_TOPIC}"
        for v in (
            "restrei",
            "brid",
            "limit",
            "bloqu",
            "filtr",
            "censur",
            "musel",
            "verrouill",
            "interdi",
            "esquiv",
            "rejett",
        )
    ]
    # one alternative per word, each starting with a letter (see rxfactor): the silence, then the subject, or back
    + [rf"{w}\b[^.;]{{0,50}}?\b{_TOPIC}" for w in _SILENCES]
    + [rf"{t}\b[^.;]{{0,50}}?\b{_SILENCE}" for t in _TOPICS]
)
TOPIC_REFUSAL = re.compile(rf"\b(?:{_TOPIC_REFUSAL})\b")

# Restrictions aimed at one party: a provider cutting a rival's or a customer's access ("Anthropic coupe le robinet
# de Claude à OpenAI", "a révoqué l'accès d'OpenAI", "lui a retiré son accès"), a company banning a competitor's
# staff ("bannit les salariés de…", "ferme sa porte à ses concurrents", "interdit l'accès… aux employés de…"). The
# provider decides: a restriction, not an outage, whatever outage words explain it.
_PARTY_CLASS = (
    r"(?:tous |toutes |l'ensemble )?(?:les |des |ses |son |sa |leurs? |un |une |d'|de )?(?:\w+ )?(?:salaries|employes|"
    r"ingenieurs|equipes|collaborateurs|personnel|chercheurs|concurrents?|concurrente|rivale?s?|rivaux|acteurs?|clients?|"
    r"partenaires?|developpeurs)"
)
_PARTY_CUT = (
    r"coup\w* (?:net |sec )?le robinet|"
    r"revoqu\w* (?:\w+ )?(?:l'acces|les acces|ses acces|son acces|leurs? acces|les cles|la cle|les identifiants)|"
    r"revocation (?:de |des )?(?:l'acces|acces|cles)|"
    r"(?:retir|coup|suspend|ferm)\w* (?:a [^,.;]{1,30} )?(?:son|ses|leur|leurs) acces\b|"
    r"(?:interdi|ferm|coup|bloqu|refus|retir)\w* (?:[^,.;:]{0,40} )?l'acces\b[^.;:]{0,60}?\b(?:a|aux) "
    + _PARTY_CLASS
    + r"|"
    r"bann(?:i|ir|it|is|issent|issait|issaient|issement|ira|iront|ie|ies)\b|"
    r"(?:ferm|claqu)\w* (?:sa |la |ses |les |leur |leurs )portes? (?:a|aux) "
    + _PARTY_CLASS
    + r"|"
    # "OpenAI coupe son API aux développeurs du pays" (one alternative per verb, starting with a letter: see rxfactor)
    + "".join(
        rf"{v}\w* (?:son |sa |ses |leur |l')(?:api|acces|service|interface)\b[^.;:]{{0,20}}? (?:a|aux) "
        + _PARTY_CLASS
        + "|"
        for v in ("coup", "ferm", "retir", "suspend", "bloqu")
    )
    # "les ingénieurs d'OpenAI ne peuvent plus interroger Claude" (the party's noun first)
    + "|".join(
        rf"{n}(?: d'\w+| de \w+)? ne (?:peu\w*|pourr\w*) plus (?:interroger|utiliser|acceder|se servir|appeler|"
        r"exploiter)"
        for n in (
            "ingenieurs",
            "salaries",
            "employes",
            "equipes",
            "chercheurs",
            "developpeurs",
            "clients",
            "partenaires",
        )
    )
)
PARTY_CUT = re.compile(rf"\b(?:{_PARTY_CUT})\b")
# "OpenAI privé de Claude", "OpenAI se voit couper l'accès": the customer is the subject; with a rival in view
# ("son grand rival", "son concurrent") the deprivation is the provider's decision.
PARTY_DEPRIVED = re.compile(
    r"\b(?:privee?s? (?:de |d')|se (?:voit|voient|sont vu|est vu|est vue) (?:couper|retirer|refuser|revoquer|"
    r"fermer|interdire))"
)
RIVAL_IN_VIEW = re.compile(r"\b(?:son|sa|ses|leur|leurs) (?:\w+ )?(?:rival|rivale|rivaux|concurrente?s?)\b")
# Court or regulator blocks in one country: "un tribunal ordonne le blocage de…", "la justice a fait bloquer…",
# "censurer Grok", "ordonné que soient rendus inaccessibles dans le pays…".
_COURT_BLOCK = (
    r"ordonn\w* (?:[^,.;:]{0,30} )?(?:le |la |l'|de |d')?(?:blocage|bloquer|suspension|suspendre|fermeture|"
    r"fermer|retrait|retirer|interdiction|interdire|soient rendu\w* inaccessibles?|rendre inaccessibles?)|"
    r"(?:fait|faire|fera|font) (?:bloquer|suspendre|interdire|retirer|fermer|censurer)|"
    r"censur(?:e|er|ent|ait|aient|ee|ees|es|era)|"
    # a party's win in court: "Amazon obtient en justice le blocage de l'agent Comet", "une injonction qui interdit"
    r"obt(?:ient|iennent|enu|enir) (?:en justice |devant (?:la |le )?(?:justice|tribunal|juge) )?(?:le |la |l')?"
    r"(?:blocage|suspension|interdiction|retrait|fermeture)|"
    r"injonction (?:preliminaire |provisoire |temporaire |en refere )?(?:qui |lui )?(?:interdi\w*|bloqu\w*|suspend\w*)|"
    # "la justice américaine interdit à l'agent Comet de…", "l'ordonnance interdit à Perplexity d'utiliser…"
    r"(?:justice|juge|magistrate?|juridiction|tribunal|cour|ordonnance|decision de justice)(?: [^,.;:]{1,50}?)? "
    r"(?:a |avait )?interdi(?:t|sent|ra|ront|sait)(?: \w+)? "
    r"(?:a|au|aux|desormais a) |"
    r"rendu\w* inaccessibles? (?:dans|en|au|aux|pour|depuis) (?:le |ce |tout le |leur )?(?:pays|territoire|"
    + _COUNTRIES
    + r")"
)
COURT_BLOCK = re.compile(rf"\b(?:{_COURT_BLOCK})\b")

# A feature withheld from one region by its provider at launch (a regulator's rules, the DMA): "n'arrivera pas en
# Europe", "« pas encore disponible » dans l'Union européenne", "en a exclu les utilisateurs européens", "les
# Européens en sont privés", "sauf en Europe", "bloquées pour les appareils… d'un pays de l'Union". A restriction the
# provider decides, dated by its announcement. A market where a service never launched names no region ("dans les
# pays où Copilot n'est pas proposé") and a regional outage says so ("une panne prive les Européens de…"): neither.
_REGION = (
    r"(?:(?:en|dans|pour|de|sur|hors de|a|d'un pays de|dans un pays de) (?:l'|le |la )?(?:europe|union europeenne|"
    r"union|ue|eee|espace economique europeen|vieux continent|continent europeen)|(?:utilisateurs|abonnes|clients|"
    r"internautes|appareils|consommateurs|usagers) (?:europeens|de l'union europeenne|de l'ue)|(?:les|aux) europeens|"
    # the French press's own market: "la France n'y figure pas", "les internautes français restent à la porte"
    r"(?:en|pour|a) france|(?:utilisateurs|abonnes|clients|internautes|usagers) francais|(?:les|aux) francais)"
)
# each alternative starts with a letter (see rxfactor): the withholding word, then the region; or the people, then
# the deprivation
_WITHHOLD = [
    r"n'arriver\w*",
    r"n'arrive",
    r"ne (?:sera|seront|serait|seraient|sont|est) (?:donc |toujours |finalement )?(?:« ?)?pas (?:encore )?"
    r"(?:disponibles?|proposee?s?|lancee?s?|deployee?s?|accessibles?|ouverte?s?)",
    r"n'(?:est|etait|etaient|y est|y sont) (?:toujours |donc |toutefois |pourtant |cependant )?(?:« ?)?pas "
    r"(?:encore )?(?:disponibles?|proposee?s?|ouverte?s?|accessibles?|deployee?s?)",
    r"n'(?:aur\w*|ont|a|avaient) pas acces",
    r"renonc\w* (?:pour l'instant |pour le moment |provisoirement |temporairement )?a (?:proposer|lancer|deployer|"
    r"ouvrir)",
    # a launch held back in a region: "ne déploierait pas son assistant dans l'UE", "ne lançait pas Meta AI en Europe
    # pour le moment", "diffère le lancement de son assistant en Europe"
    r"ne (?:lance|lancait|lancera|lancerait|deploie|deployait|deploiera|deploierait|propose|proposait|proposera|"
    r"proposerait|sortira|sortirait|ouvrira|ouvrirait) pas",
    r"(?:differ|report|repouss|suspend|gel)\w* (?:le |son |l')(?:lancement|deploiement|arrivee|ouverture)",
    r"exclu(?:e|es|s|ant|t)?",
    rf"sauf(?= {_REGION})",
    rf"mais pas(?= {_REGION})",  # "Bard s'ouvre à 180 pays… mais pas à l'Union européenne"
    r"coupee?s?",
    r"bloquee?s?",
    r"fermee?s?",
    r"interdite?s?",
    r"desactivee?s?",
    # the verb, not the adjective ("un cloud privé hébergé en Europe")
    r"prive (?:les|ses|leurs|des|tous)",
    # a region kept out of a model it will not get: "réserve son prochain modèle aux marchés hors de l'UE"
    r"reserv\w*(?=[^.;:!?]{0,60} hors de)",
    r"privee?s? (?:de|d')",
    r"privant",
    r"tenu\w* a l'ecart",
    r"a l'exception",
    r"(?:garder|garde|gardee?s?|gardent|gardait) sous cle",
    r"laiss\w* (?:de cote|a l'ecart)",
]
# the region as the object of the exclusion: "l'éditeur exclut noir sur blanc l'Espace économique européen"
_EXCLUDED_REGION = (
    r"exclu\w* (?:noir sur blanc |explicitement |d'emblee |pour l'instant |pour le moment |de fait )?(?:l'|le |la |les )?"
    r"(?:espace economique europeen|eee|union europeenne|ue|europe|europeens|vieux continent)"
)
_DEPRIVED_PEOPLE = [
    r"les europeens",
    r"les francais",
    # "Européens, Suisses et Britanniques en sont tenus à l'écart"
    r"europeens",
    *(
        f"{w} (?:europeens|francais|de l'union europeenne|de l'ue|de l'espace economique europeen|de l'eee|des vingt-sept)"
        for w in ("utilisateurs", "abonnes", "clients", "internautes", "consommateurs", "usagers")
    ),
]
# the region named first, then what it is denied: "Dans l'Espace économique européen et en Suisse, la fonction n'est
# pas proposée", "ChatGPT Agent démarre sans l'Europe"
_REGION_FIRST = (
    [
        rf"{w}\b[^.;:!?]{{0,60}}?\b(?:n'(?:est|etait|y est|sont) (?:toujours |encore |donc )?pas (?:proposee?s?|disponibles?|"
        r"accessibles?|ouverte?s?|activee?s?)|(?:reste|restent|restera|resteront) (?:inaccessibles?|indisponibles?|fermee?s?))"
        for w in (
            "dans l'(?:espace economique europeen|union europeenne|ue|eee)",
            "en europe",
            "sur le vieux continent",
        )
    ]
    + [
        rf"{w}\w* sans (?:l'europe|l'union europeenne|les europeens|l'ue|l'eee|la france|les francais)"
        for w in ("demarr", "arriv", "debarqu", "lanc", "deploi", "sort", "ouvr", "commenc")
    ]
    + [
        # "Meta privera l'Union européenne de son futur Llama"
        r"priv(?:e|ent|era|eront|erait|eraient|ait|aient) (?:l'europe|l'union europeenne|l'ue|l'eee|les europeens|"
        r"la france|les francais) d(?:e |')"
    ]
    + [
        # the region left out of a list of countries served: "la France reste sur le banc", "la France, elle, ne figure
        # pas dans la liste", "l'Hexagone reste sur la touche"
        rf"{w}\b[^.;:!?]{{0,30}}?\b(?:(?:rest|demeur)\w* (?:sur le banc|sur la touche|a l'ecart|a la porte|sur le carreau|"
        r"sur le quai)|"
        r"ne figur\w* (?:toujours |pas encore |pas )(?:pas )?(?:dans|sur) (?:la|cette) liste|n'y figur\w* pas|"
        r"(?:est|sont) absente?s? de (?:la|cette) liste|"
        # "la France devra patienter", "l'Europe attendra"
        r"devr(?:a|ont) (?:encore |donc )?(?:attendre|patienter)|attendr(?:a|ont)\b(?! (?:le|la|les|un|une|des|de|que|d')\b))"
        for w in (
            "la france",
            "l'hexagone",
            "l'europe",
            "l'union europeenne",
            "l'ue",
            "les vingt-sept",
            "les europeens",
            "les francais",
        )
    ]
)
_WITHHELD = "|".join(
    [rf"{w}\b[^.;:!?]{{0,80}}?\b{_REGION}\b" for w in _WITHHOLD]
    + [
        rf"{p}\b[^.;:!?]{{0,40}}?\b(?:en (?:sont|seront) )?(?:privee?s?|exclue?s?|tenue?s? a l'ecart|rest\w* a la porte|rest\w* sur le carreau|"
        r"devront (?:attendre|patienter)|n'y ont (?:toujours pas|pas encore|encore pas|pas) (?:droit|acces))"
        for p in _DEPRIVED_PEOPLE
    ]
    + _REGION_FIRST
    + [_EXCLUDED_REGION]
)
WITHHELD = re.compile(rf"\b(?:{_WITHHELD})\b")

# Status-page timelines. A time right after an end word is the end ("ont pris fin vers 20 h 52", "jusqu'à 2 h 52",
# "la mitigation était en place à 14 h 30"), whatever outage words surround it.
END_CLOCK = re.compile(
    r"\b(?:pris fin|prend fin|prendre fin|s'est (?:termine|terminee|acheve|achevee)|se sont (?:terminee?s|achevee?s)|"
    r"jusqu'a|jusqu'aux environs de|retour a la normale(?: (?:annonce|constate|confirme)e?)?|"
    r"(?<!mis )(?<!mise )(?<!mises )en place|"
    r"(?:a ete|ont ete|est|sont) (?:retablie?s?|resolue?s?)|"
    # the provider closing its incident: "a clos l'incident à", "ne l'a fermé qu'à 11 h 33"
    r"(?:ferme|clos|cloture|close|fermee|cloturee) l'incident|l'a (?:ferme|clos|cloture|resolu) qu'a|"
    # "n'a déclaré l'incident clos qu'à 1 h 05", "a déclaré l'incident résolu à 22 h"
    r"declare\w* (?:l'incident|la panne|le probleme) (?:clos|close|cloture|resolu|termine)e? (?:qu'a|a)|"
    r"(?:a ete|est|avait ete) (?:clos|close|cloture|cloturee)|"
    # the fix shipped: "publié un correctif à 10 h 12", "déployé un correctif à 09H12 GMT"
    r"(?:publie|deploye|applique|livre)\w* (?:un |le |son )?correctif|"
    # a status page's clocks: "un début à 12 h 49 et une fin à 16 h 47"
    r"(?:une|la) fin)"
    r"(?: (?:vers|a|aux alentours de|autour de|(?:un )?peu (?:avant|apres)))?\s*$"
)
END_AT = re.compile(
    END_CLOCK.pattern.removesuffix(r"\s*$") + r" ?(?:[01]?\d|2[0-3])(?: ?h ?[0-5]\d|:[0-5]\d| ?h\b)"
)
# "le jeton n'est valable que pour Claude Code", "concurrents de son propre outil, Claude Code": the product a
# restriction spares (the vendor's own tool, which keeps working), not one it hits.
EXCEPTED = re.compile(
    r"\b(?:n'(?:est|etait) valable que pour|ne sont valables que pour|(?:sont|est|etait|etaient) (?:desormais )?"
    r"reservee?s? a|concurrents? de (?:son|leur) propre outil,?) (?:l'outil (?:officiel |maison )?)?$"
)
# "À ne pas confondre, par ailleurs, avec GitHub Copilot", "un service distinct de…": a namesake set apart, not hit
DISTINCT = re.compile(
    r"\b(?:ne pas (?:le |la |les )?confondre|sans (?:rapport|lien)|distincte?s?|a distinguer)\b[^.;:]{0,25}?"
    r"\b(?:avec|de|d')\s*(?:l'|le |la |les )?$"
)
# "Mise à jour 21 h 15 : …" opening a sentence: the time a live page's note was written, not the outage's
LINE_NOTE = re.compile(r"\s*(?:mise? a jour|maj|actualisation|update)\b[^.:;]{0,12}$")
# A time window: "de 17:34 à 18:52 UTC", "19 h 34 – 20 h 52", "entre 0 h 16 et 4 h 38"
CLOCK_WINDOW = re.compile(
    r"\b(?:[01]?\d|2[0-3])(?: ?h ?[0-5]\d|:[0-5]\d)(?: (?:utc|gmt))? ?(?:a|et|-|–|—) ?(?:[01]?\d|2[0-3])(?: ?h ?[0-5]\d|:[0-5]\d)"
)

# Sign-ups stopped by the provider: "a stoppé l'ouverture de nouveaux comptes", "la création de compte était
# temporairement désactivée", "l'ouverture de comptes était momentanément indisponible": a restriction, even in
# outage words ("indisponible") — existing accounts are not concerned.
_SIGNUP_NOUNS = (
    "l'ouverture",
    "les ouvertures",
    "la creation",
    "les creations",
    "l'entree",
    "l'arrivee",
    "l'inscription",
    "les inscriptions",
)
_SIGNUP_WHO = r"(?:de |des |d')?(?:nouveaux |nouvelles )?(?:comptes?|utilisateurs|inscrits|abonnes|venus|membres|clients)"
_SIGNUP_ADV = r"(?:temporairement |momentanement |provisoirement |net |brutalement |desormais )?"
# one alternative per first word, each starting with a letter (see rxfactor)
_SIGNUP_STOP = "|".join(
    [
        rf"{v}\w* {_SIGNUP_ADV}(?:[\w']+ ){{0,3}}?(?:{'|'.join(_SIGNUP_NOUNS)}) {_SIGNUP_WHO}"
        # ("freiner provisoirement les ouvertures de comptes", "limite l'inscription de nouveaux utilisateurs")
        for v in (
            "stopp",
            "arret",
            "interromp",
            "gel",
            "ferm",
            "suspend",
            "bloqu",
            "coup",
            "fig",
            "frein",
            "limit",
            "restrei",
            "brid",
            "plafonn",
        )
    ]
    + [
        rf"{n} {_SIGNUP_WHO} (?:(?:sur|de|a|au|dans|pour) [^,.;:]{{1,30}}? )?(?:est |etait |a ete |sont |etaient |ont ete |reste |restait )?{_SIGNUP_ADV}"
        r"(?:desactivee?s?|suspendue?s?|fermee?s?|bloquee?s?|gelee?s?|indisponibles?|impossibles?|interrompue?s?|"
        r"stoppee?s?|arretee?s?|coupee?s?)"
        for n in _SIGNUP_NOUNS
    ]
    # "les nouvelles souscriptions à la formule payante sont gelées « pour un moment »"
    + [
        rf"{n}(?: [^,.;:]{{1,30}}?)? (?:sont|ont ete|restent|etaient|seront) {_SIGNUP_ADV}(?:gelees|suspendues|"
        r"fermees|bloquees|closes|interrompues|stoppees|arretees)"
        for n in (
            "nouvelles souscriptions",
            "souscriptions",
            "nouvelles inscriptions",
            "inscriptions",
            "adhesions",
        )
    ]
)
SIGNUP_STOP = re.compile(rf"\b(?:{_SIGNUP_STOP})\b")
# "Grok ne répondait plus qu'avec des images", "ne pouvait plus répondre que par écrit": a service cut down to part
# of what it does, by decision (not "ne répondait plus qu'avec des messages d'erreur", an outage).
_ONLY_NOW = (
    r"ne (?:repond|publi|gener|produi|parl|reagi|ecri|pouv|peu|sai|s'exprim)\w* plus (?:\w+ ){0,2}qu(?:e |'|'a )"
    # "ne peut plus que générer des images": a verb may come after "que"
    r"(?:(?:generer|produire|publier|repondre|envoyer|afficher|creer|dessiner|proposer|fournir) )?"
    r"(?:avec |par |en |sous forme d'|a l'aide d')?(?:des |de |d'|les |une |un |l')?(?:images?|photos?|dessins?|"
    r"illustrations?|emojis?|emoticones?|videos?|sons?|voix|liens?|textes?|ecrit|oral|formules? toutes faites|"
    r"generalites|mots?-cles)"
)
ONLY_NOW = re.compile(rf"\b(?:{_ONLY_NOW})\b")
# "des heures durant", "pendant plusieurs heures": a service silenced for that long is down, not muted by its maker
_FOR_HOURS = r"(?:des heures durant|pendant (?:des|plusieurs|quelques|deux|trois) heures|toute la (?:journee|soiree|nuit|matinee))"
# A feature cut or muted by its maker: "coupé ses réponses écrites", "une fonction coupée", "privé de parole",
# "mis en sourdine", "réduit au silence" (not when an outage does it: "une panne a coupé la fonction vocale").
_CUT_FEATURE = (
    r"(?:reponses? (?:ecrites|textuelles|vocales|audio|en texte)|fonctions? (?:vocale|de recherche|de navigation|"
    r"d'image|de generation)|fonctionnalites?|fonction|options?|capacites? (?:a|de) (?:repondre|publier|ecrire|"
    r"parler|generer)|publications?|modes? (?:vocal|voix|image|video|navigation))"
)
_FEATURE_CUT = "|".join(
    [
        rf"{v}\w* (?:temporairement |provisoirement |net )?(?:la |sa |les |ses |son |le |leurs? |l'une des |l'un des |une )?"
        rf"{_CUT_FEATURE}"
        for v in ("coup", "suspend", "desactiv", "gel", "bloqu", "musel", "restrei")
    ]
    + [
        rf"{n}(?: \w+){{0,8}} (?:a ete |ont ete |est |sont |etait |etaient )?(?:coupee?s?|suspendue?s?|desactivee?s?|"
        r"gelee?s?|musele\w*)"
        for n in split_alternatives(_CUT_FEATURE[3:-1])
    ]
    + [
        r"privee?s? de (?:parole|voix|micro|clavier|texte|mots|plume|reponses? ecrites)",
        r"mis\w* en sourdine",
        r"mise en sourdine",
        # (not silenced for hours by an outage: "Copilot réduit au silence des heures durant")
        rf"reduit\w* au silence(?! {_FOR_HOURS})",
        r"musel\w*",
    ]
)
FEATURE_CUT = re.compile(rf"\b(?:{_FEATURE_CUT})\b")
# "une fonction coupée plutôt qu'une panne", "ce n'est pas une panne", "rien ne relève d'une défaillance technique",
# "l'entreprise n'évoque pas une panne", "techniquement, rien n'était cassé": the text says no outage happened.
DENIED_OUTAGE = re.compile(
    r"\b(?:(?:plutot qu'une|et non (?:pas )?une|pas une|non pas une|loin d'une|pas d'une|n'evoque pas (?:une|de)|"
    r"ne parle pas (?:d'une|de)|ne s'agit pas d'une|aucune) (?:panne|defaillance|incident technique|coupure|bug|"
    # "Il n'entraîne aucune suspension : ChatGPT reste accessible"
    r"suspension|interruption|restriction)"
    r"(?! (?:isolee|unique|totale|complete|generale|simple|banale|ordinaire|comme les autres))|"
    # "il ne s'agit pas d'un incident technique", "ce n'est pas un bug"
    r"(?:plutot qu'un|et non (?:pas )?un|pas un|non pas un|pas d'un|ne s'agit pas d'un|n'evoque pas un|aucun) "
    r"(?:incident technique|probleme technique|bug|dysfonctionnement|plantage)"
    r"(?! (?:isole|unique|majeur|general|simple|banal|ordinaire|comme les autres))|"
    r"ne releve (?:pas |en rien |nullement |aucunement )?d'(?:une|aucune) (?:panne|defaillance|incident|bug)|"
    r"rien (?:n'etait|n'est|n'a ete) (?:casse|en panne|tombe)|ni panne ni|sans panne|"
    # "Pas de panne sèche pour Mistral AI : ASML remplit le réservoir"
    r"pas de (?:panne|coupure|defaillance)s?(?: seche)?|"
    # "aucun service n'a été interrompu" (a data breach, the services running)
    r"aucun (?:service|produit|outil) n'a ete (?:interrompu|coupe|perturbe|arrete)|"
    # "sans que le service soit interrompu", "l'assistant n'a jamais cessé de répondre", "une fuite et non d'une
    # interruption", "aucun utilisateur n'a été privé du service": the text says the service kept working
    r"sans que (?:[\w'-]+ ){1,4}(?:soit|ne soit|ait ete|n'ait ete|soient|aient ete) (?:\w+ )?"
    r"(?:interrompue?s?|coupee?s?|en panne|inaccessibles?|indisponibles?|perturbee?s?)|"
    r"(?:n'a|n'ont|n'avait|n'avaient) (?:jamais|pas|a aucun moment) cesse de (?:repondre|fonctionner)|"
    r"et non (?:pas )?d'une (?:panne|interruption|coupure|defaillance)|"
    r"(?:aucun|aucune|personne|nul) (?:\w+ )?n'a ete privee? (?:du service|de l'acces|d'acces)|"
    # "aucun service n'est tombé", "aucun service n'est perturbé au moment où nous publions"
    r"aucun (?:service|assistant|site) n'(?:est|a ete|etait) (?:tombe|coupe|interrompu|perturbe|en panne|bloque)|"
    # "DeepSeek n'a pas été bloqué en France", "l'application n'est pas interdite"
    # "la CNIL n'a pas suspendu DeepSeek", "le régulateur n'a jamais bloqué l'application"
    r"n'(?:a|ont|avait|avaient) (?:pas|jamais|nullement) (?:suspendu|bloque|coupe|interdit|ferme|retire|limite|"
    r"restreint)|"
    r"n'(?:a|ont|avait|avaient) (?:pas|jamais) ete (?:bloquee?s?|interdite?s?|suspendue?s?|coupee?s?|retiree?s?|"
    r"fermee?s?)|n'(?:est|sont|etait|etaient) (?:pas|jamais) (?:bloquee?s?|interdite?s?|suspendue?s?|en panne|"
    r"perturbee?s?|tombee?s?))\b"
)

# Users kept out altogether, however the failure is named: "a empêché de nombreux clients de se connecter ou
# d'obtenir la moindre réponse", "ne parvenaient plus du tout à ouvrir leur session", "connexions refusées". Errors
# that do this are an outage, not a degradation (see outages._page_kind).
_LOCKED_OUT = (
    r"(?:se connecter|s'y connecter|se reconnecter|s'identifier|ouvrir (?:une|sa|leur|son|leurs) sessions?|"
    r"obtenir (?:la moindre|une quelconque|aucune) reponse)"
)
_ACCESS_FAIL = (
    rf"empech\w* (?:[\w']+ ){{0,8}}?de {_LOCKED_OUT}|ne parv\w* (?:plus |pas )?(?:du tout )?a {_LOCKED_OUT}|"
    rf"n'arriv\w* (?:plus |pas )?(?:du tout )?a {_LOCKED_OUT}|connexions? refusees?|connexions? impossibles?|"
    rf"impossible (?:pour [\w' ]{{1,30}} )?(?:de se connecter|de s'y connecter|de se reconnecter|d'acceder|d'y acceder)|"
    r"echecs? (?:de (?:la )?|a la )connexion"
)
ACCESS_FAIL = re.compile(rf"\b(?:{_ACCESS_FAIL})\b")
# ...unless the article says the failures came and went, or only slowed the service
INTERMITTENT = re.compile(
    r"\b(?:par intermittence|intermittente?s?|par a-coups|partiellement|lenteurs?|ralenti\w*|au ralenti)\b"
)

# An AI feature of a company whose name alone is no AI signal (Meta, Microsoft, Amazon), named without a product
# name: "ses personnages IA", "des comptes pilotés par son intelligence artificielle", "ses outils d'IA
# générative", "ses services d'IA". In such a sentence the company stands for the AI service it runs.
AI_FEATURE = re.compile(
    r"\b(?:personnages?|profils?|comptes?|avatars?|outils?|fonctions?|fonctionnalites?|services?|assistants?|"
    r"chatbots?|agents?|compagnons?)\b(?: (?!ia\b)[\w'-]+){0,3}? (?:(?:d'|a l'|de l'|par l'|dopee?s? a l'|"
    r"(?:animee?s?|pilotee?s?|genere?e?s?|alimentee?s?) par (?:l'|son |sa |leur |ses ))?"
    r"(?:ia|intelligence artificielle)(?: generative)?|conversationnel(?:le)?s?|virtuel(?:le)?s?)\b|"
    # "les IA de Meta", "ses IA", "ses chatbots": a company's AI named as such
    r"\b(?:les|ses|leurs) (?:ia|intelligences artificielles)\b|"
    r"\b(?:ses|leurs|son|sa) (?:chatbots?|robots? conversationnels?|agents? conversationnels?|assistants? "
    r"(?:ia|d'ia|conversationnels?|virtuels?))\b|"
    # an AI product the gazetteer does not know, named with what it is: "Galactica, un modèle de langage", "le
    # robot conversationnel qu'il testait"
    r"\b(?:un|le|ce|son) (?:grand )?(?:modele de (?:langage|langue)|chatbot|robot conversationnel|programme "
    r"conversationnel|agent conversationnel)\b|"
    # a feature named by what the AI does: "la traduction en direct des AirPods"
    r"\b(?:traductions? (?:en direct|en temps reel|instantanees?|simultanees?)|synthese vocale|"
    r"clonage (?:de (?:la )?voix|vocal))\b"
)

# Something offered to newcomers ("propose une série de générations d'essai aux nouveaux venus"): no restriction.
NEWCOMER_OFFER = re.compile(
    r"\b(?:propos|offr|accord|donn|distribu)\w*\b[^.;:!?]{0,60}?\b(?:aux|pour les) nouveaux "
    r"(?:venus|inscrits|utilisateurs|comptes|abonnes)\b"
)
# A company barring its own staff from a service ("Microsoft interdit à ses employés d'utiliser DeepSeek"): the
# service works for everyone else, no incident (a state keeping its public sector off one is: PUBLIC_BAN).
STAFF_BAN = re.compile(
    r"\b(?:interdi\w*|proscri\w*|banni\w*|bloqu\w*|ne permet\w* pas|brid\w*|restrei\w*|limit\w*|coup\w*|ferm\w*|"
    r"ecart\w*|retir\w*|suspend\w*|defend\w*|debranch\w*|desactiv\w*|encadr\w*|mis en sommeil|met en sommeil)\b"
    r"[^.;:!?]{0,60}?\b"
    r"(?:(?:a ses|pour ses|de ses|par ses|a nos|a leurs|par leurs) (?:propres )?(?:salaries|employes|collaborateurs|"
    r"personnels?|equipes|agents|elus)\b|(?:a|par|pour|de) son (?:propre )?personnel\b"
    # "ferme la porte aux IA génératives au bureau"
    r"|au bureau\b|sur le lieu de travail\b"
    # "aux salariés" alone, not another company's ("coupe Claude aux équipes d'OpenAI": a provider cutting a party off)
    r"|aux (?:salaries|employes|collaborateurs|personnels?|equipes|agents)\b(?! d'| de | du | des )"
    # "restreint l'usage de ChatGPT et de GitHub Copilot en interne", "bannit ChatGPT des postes de travail"
    r"|en interne\b|(?:des|sur les|de ses|sur ses) postes de travail\b|"
    # "ferme la porte aux outils d'IA sur son matériel et ses réseaux": the company's own equipment
    r"sur (?:son|leur|ses|leurs) (?:materiel|appareils professionnels|ordinateurs professionnels|reseaux internes|"
    r"intranet)\b|"
    # an institution's own devices: "aux appareils des eurodéputés", "des tablettes et téléphones professionnels"
    r"(?:telephones|tablettes|appareils|ordinateurs|postes) (?:et (?:telephones|tablettes|ordinateurs) )?"
    r"professionnels\b|aux appareils (?:de service |professionnels )?des (?:elus|eurodeputes|deputes|parlementaires|"
    r"fonctionnaires|agents|salaries)\b|"
    # "débranche les assistants d'IA des tablettes de ses élus"
    r"(?:telephones|tablettes|appareils|ordinateurs|postes) (?:de ses|des|a ses) (?:elus|eurodeputes|deputes|"
    r"parlementaires|senateurs|salaries|employes)\b)|"
    # the staff kept away, named before the service: "Apple tient ses salariés à distance de ChatGPT"
    r"\b(?:tien\w*|garde\w*) (?:ses|leurs) (?:propres )?(?:salaries|employes|collaborateurs|equipes|agents) "
    r"(?:a distance|a l'ecart|eloignes?)\b"
)

_KIND_WORDS: dict[IncidentKind, str] = {
    IncidentKind.OUTAGE: (
        r"\b(en panne|pannes?|defaillances?|hors service|hors ligne|inaccessibles?|indisponibles?|indisponibilite|injoignables?|"
        r"plante|plantage|(?:est|sont|etait|a ete) tombee?s?(?! sur)|fait tomber|tombe en panne|coupures?|coupee?s?|"
        r"interruptions?|ne repond(?:ent|ait|aient)? plus|ne fonctionn(?:e|ait) plus|a cesse de fonctionner|cesse de fonctionner|"
        # "Bing a cessé de renvoyer des résultats"
        r"(?:a|ont) cesse de (?:renvoyer|fournir|afficher|produire|livrer) (?:des |les |ses |leurs )?(?:resultats|reponses)|"
        r"flanche\w*|black-out|down|refuse\w* (?:les|toute) connexions?|"
        r"a disparu|ont disparu|"
        # "ChatGPT s'est figé pour beaucoup d'abonnés": frozen, no answer
        r"(?:s'est|se sont|s'etait|s'etaient) (?:brusquement |soudain |totalement )?figee?s?|"
        # "ChatGPT s'est arrêté net", "s'est brusquement arrêté"
        r"(?:s'est|se sont|s'etait|s'etaient) (?:arretee?s? net|brusquement arretee?s?|brutalement arretee?s?)|"
        # a first-person account: "ChatGPT a « perdu » mon historique"
        r"(?:a|ont|avait) (?:« )?perdu (?:» )?(?:mon|mes|notre|nos|votre|vos|leur|leurs|son|ses|l') ?historique|(?<!fonds )(?<!secteur )(?<!capital )(?<!donnees )(?<!levee )privee?s? de|incident|"
        r"en rade|hors de portee|(?:a|ont|avait) lache|porte close|aux abonnes absents|(?:est|sont|etait|etaient|met|mis) a genoux|"
        # a headline's "Qwen à genoux :", "une application qui cale"
        r"(?<=\w) a genoux(?! devant)|"
        r"en carafe|affich\w* (?:un |une )?(?:ecran noir|page blanche)|"
        r"ne (?:marche|marchent|marchait|marchaient|charge|chargent|chargeait) plus|"
        # "plus rien ne répondait chez OpenAI"
        r"plus rien ne (?:repond\w*|fonctionn\w*|march\w*|passe|passait)|"
        r"(?:a ete|ont ete|est|sont|etait|etaient|s'est|se sont) (?:brutalement |brievement |totalement )?interrompue?s?|"
        r"impossible (?:de se connecter|de s'y connecter|d'acceder|d'y acceder|de joindre|de charger)|"
        # log-ins refused to everyone: "impossible de se reconnecter", "Authentication failure"
        r"impossible de se reconnecter|impossible de s'y reconnecter|impossible de s'identifier|"
        r"authentication failure|echec (?:general |massif )?(?:de l'|d')authentification|"
        r"(?:est|sont|etait|etaient|reste|restent|restait|a ete|ont ete|totalement|completement) (?:k\.?o|hs)|"
        r"saturee?s?|surcharge\w*|cesse de repondre|"
        r"fait planter|font planter|faire planter|saturer|saturent|saturation|a cale|ont cale|avait cale|"
        r"a l'arret|dans le noir|hors d'usage|echou(?:e|ent|ait|aient)|"
        # systems that gave way under the load: "ses serveurs ont plié sous un afflux jamais vu", "a cédé sous la
        # charge", "ont craqué sous l'assaut des curieux"
        r"(?:a|ont|avait|avaient|aurait|auraient) (?:plie|cede|craque|flechi) sous (?:l'|le |la |les |un |une |cet |ce )?"
        r"(?:\w+ )?(?:afflux|charge|poids|demande|assaut|avalanche|deferlement|pression|ruee|vague)|"
        # a robot that went quiet: "le robot s'est tu" (masculine only: "s'est tué" folds to "s'est tue")
        r"s'est tu|se sont tus|"
        rf"reduit\w* au silence {_FOR_HOURS}|" + _ACCESS_FAIL + r")\b"
    ),
    IncidentKind.DEGRADATION: (
        r"\b(ralentissements?|lenteurs?|ralentie?s?|au ralenti|taux d'erreurs? (?:eleves?|anormal)|"
        r"erreurs? (?:en hausse|elevees?)|taux d'erreur|degradation|degradee?s?|perturbee?s?|perturbations?|"
        r"instabilites?|instables?|dysfonctionnements?|fonctionne mal|(?:tres |trop |extremement )lente?s?|(?:est|sont|etait|reste|restait) (?:tres )?lente?s?|temps de reponse allonges|"
        r"reponses? lentes|messages? d'erreur|erreurs? de connexion|renvo\w* des erreurs|erreurs? en serie|"
        r"(?:temps|delais?) de reponse (?:tres |anormalement |particulierement )?(?:longs|eleves|allonges)|reponses? tronquees?|"
        # a status page's words: "une hausse du taux d'échec des requêtes", "des taux d'erreur élevés"
        r"(?:hausse|augmentation|pic) (?:du |des )?taux d'(?:echec|erreurs?)|taux d'(?:echec|erreurs?) (?:eleves?|"
        r"anormalement eleves?|en hausse)|"
        r"multipli\w* (?:les |des )?(?:echecs|erreurs|rates|bugs)|serie d'(?:erreurs|echecs)|"
        # "ChatGPT et l'API ont enchaîné les erreurs"
        r"enchain\w* (?:les |des )?(?:erreurs|echecs|plantages)|"
        # "en proie à des erreurs à répétition", "des ratés à répétition": a service that works, badly
        r"(?:erreurs|rates|echecs|plantages|bugs) a repetition|repond mal|"
        r"n'aboutiss\w* qu'apres (?:plusieurs|quelques|de nombreuses|deux|trois) tentatives|"
        r"erreurs? (?:serveur |internes? )?intermittentes?|(?:erreurs?|codes?) (?:de type )?http 50[0234]|au compte-gouttes|mode degrade|moins bons?|moins performante?s?|"
        r"baisse de (?:qualite|performances?)|qualite des reponses|rame|rament|ramait|ramaient|"
        r"n'arrete pas de ramer|ne cesse de ramer|se met a ramer|bad gateway|erreurs? 50[0234]|error:? 50[0234]|en erreur 50[0234]|"
        # the error codes of the providers' APIs, which developers quote as they come back
        r"overloaded_error|erreurs? 529|internal server error|service unavailable|"
        r"pein\w* a (?:repondre|charger|se connecter|generer|fonctionner|afficher)|par intermittence|"
        r"fonctionn\w* partiellement|partiellement (?:accessible|disponible|indisponible)\w*|time-?outs?|"
        r"delais? (?:d'attente )?depasses?|panne partielle|"
        # requests that hang: "le script s'est mis à tourner dans le vide", "une roue qui tournait sans fin", "les
        # appels traînaient interminablement puis finissaient par expirer"
        r"tourn\w* (?:dans le vide|sans fin|en rond)|train\w* interminablement|finiss\w* par expirer|charg\w* sans fin|"
        + _SILENT
        + r")\b"
    ),
    IncidentKind.RESTRICTION: (
        r"\b(suspend(?:s|u|ue|us|ues|re|ent|ait|aient)?|suspension|desactivee?s?|desactivation|"
        r"(?:ferm|reserv)\w* (?:temporairement )?(?:les |ses |leurs )?(?:nouvelles )?inscriptions|impossible(?:, [^,]+,)? de (?:s'abonner|souscrire)|"
        r"ne (?:peut|peuvent) plus s'abonner|liste d'attente|ne (?:laisse|permet) plus|"
        r"ne (?:peut|peuvent|pourra|pourront) plus (?:generer|creer|lancer|utiliser)|restreint|restreignent|"
        r"plus restricti(?:f|fs|ve|ves)|"
        r"limite (?:depuis [^,.]{0,30} )?la creation|(?:pour|aux) (?:les )?nouveaux (?:comptes|inscrits|venus|utilisateurs|abonnes)|"
        r"requetes? (?:est |sont )?(?:poliment )?refusees?|inscriptions? (?:fermees?|restreintes?|"
        r"suspendues?|limitees?|gelees?|reservees?)|fermee?s? aux nouveaux|plafonn\w+|plafonds? (?:hebdomadaires?|d'utilisation)|"
        r"rationn\w+|limites? (?:temporaires?|de frequence|d'utilisation|hebdomadaires?|de debit)|impose\w* des limites|"
        # a count lowered: "Google a abaissé de trois à deux le nombre d'images", "réduit le nombre de requêtes"
        r"(?:abaiss|redui|reduit|ramen|divis)\w* (?:de \w+ a \w+ )?le nombre (?:d'images|de videos|de messages|de "
        r"requetes|de generations|de questions|d'echanges)|"
        # "le coup de frein d'OpenAI", "un coup de frein sur la génération d'images"
        r"coup de frein (?:d'|de la |du )|coup de frein (?:sur|a|aux) (?:la generation|les images|les videos|l'usage|"
        r"l'acces|les inscriptions|les requetes|les comptes)|"
        r"quotas? (?:reduits?|abaisses?|revus a la baisse)|"
        # "les quotas du palier gratuit ont été fortement réduits"
        r"quotas? (?:[\w'-]+ ){1,6}(?:ont ete|a ete|sont|est) (?:\w+ )?(?:reduits?|abaisses?|divises?|rabotes?)|reduit\w* les quotas|mis(?:e)? en pause|met en pause|"
        r"n'accepte plus|gel\w* des inscriptions|reserve\w* aux abonnes|"
        # money and quotas: top-ups stopped, "six vidéos par jour", "ne pourront plus générer que…"
        + "|".join(
            f"{w} (?:sont |est |ont ete |a ete )?(?:suspendu|interrompu|bloque|ferme)\\w*"
            for w in ("recharges?", "paiements?", "achats? de credits?")
        )
        + "|"
        r"plus de (?:nouvelles )?recharges|impossible(?:, [^,]+,)? d'(?:ajouter|acheter|recharger|crediter)|"
        r"ferm\w* (?:temporairement )?le robinet|serr\w* la vis|ce plafond(?! de verre)|ces plafonds|un plafond(?! de verre)|nouveaux? plafonds?|"
        r"quotas? (?:journaliers?|quotidiens?)|"
        + "|".join(
            f"{n} (?:par|chaque) (?:jour|semaine|heure|mois|tranche)|{n} quotidien\\w*" for n in _QUOTA_UNITS
        )
        + "|"
        r"plus (?:generer|lancer|creer|envoyer|produire) que|"
        # access cut in a country by decision: a geo-block is a restriction, not an outage
        r"bloqu\w* l'acces|geo-?bloc\w*|geoblocage|acces (?:a \S+ )?(?:est |etait |a ete )?suspendu\w*|"
        # the many ways the press words a restriction: "bride", "limite temporairement le nombre", "instaure des
        # quotas", "met un frein", "met en pause", "supprime l'essai gratuit", "n'ont plus accès", "restrictions"
        + _RESTRICTION_MORE
        + "|"
        + _PARTY_CUT
        + "|"
        + _COURT_BLOCK
        + "|"
        + _STORE_REMOVAL
        + "|"
        + _PLATFORM_EXIT
        + "|"
        + _POLICY
        + "|"
        + _TOPIC_REFUSAL
        + "|"
        + _WITHHELD
        + "|"
        + _SIGNUP_STOP
        + "|"
        + _ONLY_NOW
        + rf"|mis\w* en sourdine|mise en sourdine|reduit\w* au silence(?! {_FOR_HOURS})|musel\w*"
        # "Meta va priver les adolescents de ses personnages IA": a party deprived, the verb active
        + r"|priv(?:e|ent|era|eront|er|ait|aient) (?:les|ses|leurs|des|ces) (?:[\w-]+ ){1,3}?(?:de|d')"
        + r")\b"
    ),
}
# compiled once, factored: same matches, a fraction of the scanning cost
KIND_RX = {k: factored(words) for k, words in _KIND_WORDS.items()}
# one word list of the three kinds, grouped by first letter: the same match starts as the three patterns in turn
ANY_KIND = factored(
    r"\b(" + "|".join(a for rx in KIND_RX.values() for a in split_alternatives(rx.pattern[3:-3])) + r")\b"
)
_RECOVERY_WORDS = (
    r"\b(de retour|retabli\w*|(?:a|ont) rouvert|rouvre(?:nt)?|revenu\w* a la normale|revenir a la normale|"
    r"retour a la normale|fonctionne de nouveau|"
    r"fonctionne a nouveau|resolu|reparti\w*|fin de l'alerte|revenir|rentre\w* dans l'ordre|(?:s'est |s'est entierement )?referme\w*|"
    # "retrouve son cours", "le trafic retrouvait son chemin", "tous les comptes retrouvent un service normal"
    r"retrouv\w* (?:son |ses |le |leur |leurs |un |une |des )?(?:cours|fonctionnement|esprits|temps|acces|forme|niveau|"
    r"chemin|service normal)|"
    # "les réponses s'affichent de nouveau", "à nouveau accessible", "le correctif est déployé", "le service est
    # revenu" (not "est revenu sur sa décision")
    # ("e(?<!n'e)st": not "n'est revenu qu'à 11 h", which puts the recovery clause right after the start time)
    + "|".join(
        rf"{v} (?:progressivement |peu a peu |lentement |finalement |enfin )?revenue?s?(?! sur| a la charge| en arriere| a la raison)"
        for v in ("e(?<!n'e)st", "e(?<!n'e)tait", "e(?<!n'e)taient", "sont")
    )
    + "|"
    + "|".join(
        f"{v}\\w* (?:de nouveau|a nouveau)"
        for v in ("s'affich", "repond", "fonctionn", "charg", "march", "reappar", "circul")
    )
    + r"|de nouveau (?:accessibles?|disponibles?|operationnel\w*|fonctionnel\w*|en ligne)|a nouveau (?:accessibles?|"
    r"disponibles?|operationnel\w*|fonctionnel\w*|en ligne)|correctif (?:est |a ete )?(?:deploye|applique)|"
    # "une amélioration sensible depuis 16 h 54"
    r"amelioration (?:sensible|nette|progressive|notable|significative|de la situation)|la situation s'ameliore|"
    # "le problème … est corrigé depuis 12 h 35"
    r"(?:est|a ete|sont|ont ete|etait) (?:desormais |enfin |finalement )?corrige\w*)\b"
)
# A sentence about an old outage, or a hypothetical one, reports nothing new.
_PAST_WORDS = (
    r"\b(l'an dernier|l'annee derniere|il y a (?:un|deux|trois|quelques|\d+) (?:ans?|mois)|en 20\d\d|fin 20\d\d|"
    # the previous outage recalled: "Le précédent gros incident remonte au 12 décembre", "le dernier incident de cette
    # ampleur ne date que du 12 décembre"
    r"(?:le|la) precedente? (?:\w+ )?(?:incident|panne|coupure|interruption)|(?:la panne|l'incident|la coupure) "
    r"precedente?|(?:le|la) dernier(?:e)? (?:\w+ )?(?:incident|panne|coupure|interruption) de cette (?:ampleur|taille|"
    r"envergure|gravite)|"
    r"(?:printemps|ete|automne|hiver) 20\d\d|"
    r"debut 20\d\d|(?:en|d'|(?:panne|interruption|coupure|incident|defaillance)s? de) ?(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre) 20\d\d|"
    r"avait deja|avaient deja|qui avai(?:t|ent)(?! (?:pris )?(?:l'habitude|pour habitude))|(?:en|de) (?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|"
    r"novembre|decembre) dernier|pourrait|eviter (?:une|qu'une)|en cas de|"
    # outages guarded against, not reported: "pour se prémunir des pannes", "pour éviter les coupures"
    r"(?:se premunir|se proteger|s'assurer) (?:des |contre (?:les )?)(?:pannes|coupures|interruptions)|"
    r"pour eviter (?:les|des) (?:pannes|coupures|interruptions)|"
    # (not a new outage told as a fact: "nouvelle panne chez Cloudflare", "une nouvelle panne qui a rendu…")
    r"nouvelle panne(?! chez| qui a | a (?:touche|frappe|paralyse|prive|rendu))|rechute|"
    r"que faire|comment (?:reagir|faire|survivre)|menac\w* d'(?:un|une)|brandi\w* la menace|"
    # a drill, not an outage: "notre rédaction a fait comme si l'assistant ne répondait plus"
    r"comme si|simul\w* (?:une|la|un|d'une) (?:panne|coupure|interruption|journee sans)|"
    r"si (?:\w+ ){1,4}(?:tombe|plante|flanche|ne repond plus|est en panne)|"
    # a generic "when/if it is down" (guides: "Quand ChatGPT est en panne, vérifiez…"), an older event in the
    # pluperfect ("avait connu une brève panne au lancement")
    r"(?:si|quand|lorsque|lorsqu'|des que|chaque fois que) (?:[\w']+ ){1,4}(?:est|sont) (?:en panne|indisponibles?|"
    r"inaccessibles?|hors service|hors ligne|down|sature|satures|lent|lents)|"
    r"(?:si|quand|lorsque|lorsqu'|des que|chaque fois que) (?:[\w']+ ){1,4}(?:tombe|plante|flanche|rame|bug\w*) |"
    # a supposition: "Et si ChatGPT tombait en panne une semaine ?", "Imaginez un lundi sans ChatGPT"
    r"\bsi (?:[\w']+ ){1,4}(?:etai(?:t|ent) (?:en panne|indisponibles?|inaccessibles?|hors service|coupee?s?)|"
    r"tombai(?:t|ent)|plantai(?:t|ent)|flanchai(?:t|ent)|lachai(?:t|ent)|disparaissai(?:t|ent)|"
    r"cessai(?:t|ent) de (?:fonctionner|repondre))\b|^(?:imaginez|imaginons|supposons|admettons)\b|"
    r"avai(?:t|ent) (?:deja )?(?:connu|subi|essuye|traverse|vecu)|"
    # a day the writer calls past ("le 10 juin dernier", not "depuis le 10 juin dernier": a rule still in force), a
    # day of outage told as one among others ("arrivés un jour de panne de ChatGPT")
    r"(?<!depuis )le \d{1,2}(?:er)? (?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|"
    r"decembre) dernier|un (?:jour|soir|matin|week-end|apres-midi) de (?:panne|coupure)|"
    # planned work, announced ahead: "une interruption annoncée n'est pas une panne", "maintenance programmée"
    r"(?:interruptions?|coupures?|indisponibilites?) (?:annoncees?|programmees?|planifiees?|prevues?)|"
    r"maintenances? (?:programmees?|planifiees?|prevues?)|"
    # unavailability to come: "l'API sera indisponible dimanche de 2 h à 4 h" (planned work; a restriction to
    # come, "les quotas seront réduits", is news on its announcement day and is not matched here)
    r"\b(?:sera|seront) (?:temporairement |brievement |momentanement |partiellement )?(?:indisponibles?|"
    r"inaccessibles?|hors service|hors ligne|interrompue?s?|en maintenance)|"
    # outages in general: "pour mieux informer lors des pannes", "chaque incident y sera décrit"
    r"lors des (?:pannes|incidents|interruptions)|chaque (?:incident|panne|interruption)|"
    # a rumour in the conditional: "OpenAI envisagerait de limiter…", "réfléchirait à réduire…"
    r"(?:envisag|song|etudi|prepar|compt|s'appret)era(?:it|ient)|reflechira(?:it|ient)|aucune decision n'a ete prise|"
    # a restriction only supposed: "les recettes plafonneraient à…", "OpenAI limiterait l'accès"
    r"\b(?:plafonnerai|limiterai|bloquerai|restreindrai|suspendrai|fermerai|couperai|interdirai|briderai|"
    r"rationnerai|retirerai|desactiverai|gelerai)(?:t|ent)\b|"
    # a decision the pluperfect tells as forced, earlier: "la marque avait dû suspendre un temps ses résumés"
    r"avai(?:t|ent) (?:deja |aussi )?du (?:\w+ )?(?:suspendre|couper|fermer|retirer|limiter|restreindre|interrompre|"
    r"bloquer|desactiver|renoncer|reporter|repousser)|"
    # an earlier blow in the pluperfect: "des coupures à répétition avaient frappé le chatbot"
    # (also with the subject recalled: "la panne d'AWS du 20 octobre avait, elle, privé de service Snapchat")
    r"avai(?:t|ent)(?:, (?:elle|lui|eux|elles|lui aussi|elle aussi),)? (?:deja |aussi |egalement )?(?:frappe|touche|"
    r"paralyse|perturbe|affecte|mis a genoux|fait tomber|prive)|"
    # what a service may do, told to a generic "vous" ("l'API peut vous renvoyer des erreurs une requête sur vingt"),
    # or what happens now and then ("il arrive que l'assistant tombe"): no event
    r"(?:peut|peuvent) (?:tres bien |parfois |aussi |toujours |tout a fait )?vous (?:renvoyer|afficher|opposer|lacher|"
    r"laisser|repondre)|il (?:peut )?arrive(?:r)? (?:que|qu')|"
    # what may come, not what came: "reste à voir si l'afflux conduira l'éditeur à serrer la vis"
    r"reste a (?:voir|savoir) si|rien ne dit (?:que|qu')|il n'est pas exclu (?:que|qu')|on ignore (?:encore )?si|"
    # a question the article asks: "Combien d'images par jour ?", "jusqu'où peut-on aller ?"
    r"^(?:et )?(?:combien|jusqu'ou)(?=\b[^.!]*\?\s*$))\b"
)
RECOVERY, PAST = factored(_RECOVERY_WORDS), factored(_PAST_WORDS)
# "l'innovation européenne est en panne", "la bulle va-t-elle tomber": the subject is not a service.
METAPHOR = re.compile(
    r"\b(innovation|economie|croissance|bulle|marche|bourse|europe\w*|ambitions?|industrie|strategie|dialogue|"
    # ("mon inspiration est en panne sèche": a person's ideas out of fuel, never a service)
    r"negociations?|reformes?|moteur|machine|regulation|investissements?|inspiration|imagination|motivation|"
    r"creativite)\b(?:\s+\S+){0,3}\s+"
    r"(?:est |sont |reste |semble |va-t-elle |a |tourne |tourner |tournait )?(?:en panne|tomber|s'enrayer\w*|coupee?|"
    r"au ralenti|a vide)"
    # "en panne d'inspiration", "en panne d'idées", "en panne de souffle": short of something, not down
    r"|\ben panne (?:seche )?d(?:e |')(?!courant|electricite|secteur|reseau)\w"
    # "la panne sèche d'inspiration": a writer out of ideas
    r"|\bpannes? seches? d(?:e |')(?!courant|electricite|secteur|reseau|carburant|essence)\w"
    # "en finir avec les pannes d'inspiration": a writer's block, whatever the article is about
    r"|\bpannes? d(?:e |')(?:inspiration|idees|imagination|creativite|motivation|envie|sommeil|croissance|souffle)\b"
    # an outage kept at bay, not one that happened: "l'IA française loin de la panne sèche", "évite la panne sèche"
    r"|\bloin (?:de la|d'une|des) pannes?\b"
    r"|\b(?:evit\w*|echapp\w*|conjur\w*|a l'abri d'une|a l'abri de la) (?:la |une |a la |a une )?pannes? seches?\b"
)
# "pas totalement coupé", "pas complètement hors service": the service half works, a degradation
PARTIAL = re.compile(
    r"\b(?:pas|plus|jamais) (?:totalement|completement|entierement|tout a fait|integralement) "
    r"(?:coupee?s?|en panne|hors service|hors ligne|inaccessibles?|indisponibles?|a l'arret|"
    r"tombee?s?)\b"
)
# "qui rappelle les pannes de l'hiver", "après la panne de l'an dernier": a clause about an older event, removed
# before counting outage words unless it names a recent day ("après la panne de mardi soir").
PAST_CLAUSE = re.compile(r"\b(?:qui )?(?:rappel\w*|apres|comme lors de|a l'image de|depuis)\b[^,.;:!?]*")
RECENT = re.compile(
    r"\b(jours? apres|heures? apres|heures de (?:panne|coupure)|hier|la veille|ce matin|ce soir|cette nuit|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b"
)
FALLBACK = re.compile(
    r"\b(bascule\w*|alternatives?|se tourn\w* vers|se rab\w* sur|rabattue?s? sur|se repli\w* sur|epargnee?s?|pas ete touchee?s?|"
    r"pas concernee?s?|fonctionn\w* normalement|fonctionn\w* toujours|repond\w* (?:normalement|toujours|sans (?:souci|probleme))|"
    r"en attendant(?! (?:le|son|leur|la) (?:retour|retablissement|reprise|correctif))|(?:passez|passer|basculez) sur|plan b|(?:les|des|ses|leurs|aux|un|le|chez|vers) concurrents?|ne concernait que|"
    # the one service left where the others were withdrawn: "Meta AI reste seul", "demeure le seul assistant"
    r"(?:reste|restent|demeure|demeurent) (?:desormais )?(?:le |la )?seule?s?|"
    # "l'API reste debout", "l'application mobile tient bon", "ont fonctionné sans interruption"
    r"(?:reste|restent|restait|restaient|est restee?|sont restee?s) debout|tien\w* bon|"
    r"fonctionn\w* sans (?:interruption|encombre|accroc)|"
    # "n'a pas été perturbé", "ne montraient aucun signe de défaillance", "répondaient sans accroc", "plusieurs
    # utilisateurs disent s'y être repliés", "les services concurrents"
    r"pas ete (?:perturbee?s?|affectee?s?|impactee?s?)|aucun (?:signe|symptome) d[e']|sans (?:accroc|encombre)|"
    r"s'y (?:etre |sont |est )?(?:tourne|replie|rabattu)e?s?|"
    # "racontent s'être repliés sur Claude… : aucune perturbation n'y a été constatée"
    r"s'etre (?:replie|rabattu|tourne)e?s? (?:sur|vers)|"
    r"aucune? (?:perturbation|panne|anomalie|incident|coupure) n'y (?:a ete|avait ete|est) (?:constate|signale|releve)e?|"
    r"(?:services|assistants|outils|chatbots|robots|modeles) concurrents|"
    # "prévoir une roue de secours, qu'il s'agisse de Claude ou de Gemini"
    r"roues? de secours|"
    # "Pour comparaison, aucun signalement notable n'a visé Claude": a service compared, not hit
    r"pour comparaison|aucun (?:signalement|incident|probleme)s? (?:\w+ )?n'a (?:vise|touche|concerne))\b"
)
START_CUE = re.compile(
    r"\b(apparue?s?|survenue?s?|survien(?:t|nent)|a debute|ont debute|a commence|ont commence|premiers signalements|"
    # "le premier accroc survient vers 0 h 16", "les écrans d'erreur commencent à s'accumuler"
    r"premiers? accrocs?|le premier signal(?:ement)?|(?:un|le) debut a(?= (?:[01]?\d|2[0-3]) ?h)|"
    r"premie(?:rs|res) (?:plaintes|alertes|remontees|messages d'erreur)|"
    r"commen\w* a (?:s'accumuler|affluer|apparaitre|se multiplier|pleuvoir|s'afficher)|"
    # the outage trackers' curve: "Sur Downdetector, la courbe s'est mise à monter vers 8 h 45"
    r"(?:courbe|signalements|plaintes|alertes)\b[^.;]{0,40}\b(?:s'est mise a (?:monter|grimper)|se sont mis(?:es)? a "
    r"(?:affluer|monter|grimper)|(?:ont|a) commence a (?:affluer|monter|grimper)|s'envol\w*|s'est envolee|(?:ont|a) (?:grimpe|"
    r"afflue|explose|bondi|decolle))|"
    # "tout a basculé à 15 h 16", "tout s'est figé vers 9 h", the narrative present: "Tout commence ce jeudi 12 juin,
    # à 19 h 50", "les ennuis débutent vers 9 h"
    r"tout a bascule|tout s'est (?:arrete|fige|eteint|bloque)|tout (?:commence|debute|demarre|bascule)|"
    r"(?:l'incident|la panne|les ennuis|les problemes|les erreurs|la coupure) (?:commencen?t?|debuten?t?|demarren?t?)|"
    r"a demarre|ont demarre|a eclate|s'est declenchee?|s'est produite?|se sont produite?s|"
    # a live page's key facts: "Début des ennuis à 12 h 20", "premiers dysfonctionnements vers 9 h"
    r"debut (?:des|de la|du|de l') ?(?:ennuis|problemes|pannes?|perturbations?|incidents?|dysfonctionnements?|"
    r"difficultes|soucis|coupures?|erreurs)|premie(?:rs|res) (?:ennuis|problemes|erreurs|perturbations|"
    r"dysfonctionnements|difficultes)|"
    # the status page's incident "ouvert à 11 h 49 GMT"
    r"ouvert a(?= (?:[01]?\d|2[0-3]) ?h)|incident (?:[\w'-]+ ){0,2}(?:s'est ouvert|a ete ouvert|ouvert)|"
    # a decision in force since a day: "le retrait est en vigueur depuis samedi"
    r"en vigueur (?:depuis|des)|"
    # "La décision date de jeudi", "Le décrochage date de ce mardi 18 novembre, à 12 h 20"
    r"(?:decision|mesure|restriction|coupure|panne|blocage|suspension|decrochage|incident|interruption|"
    r"perturbation|degradation) dat(?:e|ait) (?:de|du)(?= (?:(?:ce|le) )?(?:lundi|mardi|mercredi|"
    r"jeudi|vendredi|samedi|dimanche|la veille|hier|\d))|"
    r"remont(?:e|ent|ait|aient) (?:au|a))\b"
)
# "le premier problème remonte au 5 août", "elle avait commencé dès le 5 août": the day right after names the start
DAY_START_CUE = re.compile(
    r"\b(?:remont\w* (?:au|a)|a (?:debute|commence|demarre)|ont (?:debute|commence|demarre)|avait (?:debute|commence|"
    r"demarre)|des le|depuis le|"
    # the narrative present: "Tout commence le 5 août avec un problème de routage"
    r"tout (?:commence|debute|demarre)(?: le)?)\s*$"
)
# "le retrait est en vigueur depuis samedi": a decision in force since that day (a weekday too)
IN_FORCE_SINCE = re.compile(
    r"\b(?:en vigueur |"
    # "les nouveaux téléchargements sont suspendus depuis samedi": a measure in force since that day
    r"(?:suspendue?s?|bloquee?s?|retiree?s?|interdite?s?|fermee?s?|desactivee?s?) (?:\w+ )?)"
    r"(?:depuis|des)(?: le)?\s*$"
)
# "Après des ratés mardi, l'assistant a décroché ce mercredi": an opening clause about an earlier day
EARLIER_CLAUSE = re.compile(
    r"\s*(?:(?:[\w'-]+ ){0,4}(?:apres|au lendemain (?:de|du|des|d'))|comme|tout comme|a l'image de|a l'instar de)\b[^,;:.!?]{0,120},"
)
# an end verb right before a day: "ne s'est achevée que lundi", "pleinement rétabli que ce lundi", "a pris fin le"
END_DAY_CUE = re.compile(
    r"\b(?:achevee?s?|terminee?s?|pris fin|retablie?s?|resolue?s?|rentree?s? dans l'ordre|revenue?s? a la normale)"
    r"(?: qu'| que| seulement| finalement)?(?: (?:le|ce|dans la nuit de|dans la matinee de))?\s*$"
)
# "depuis 12 h 49": an ongoing outage counted from that time on (a start, unless it is a recovery "since")
SINCE_CLOCK = re.compile(
    r"\b(?:depuis |des |a partir de |a partir d')(?:environ |a peu pres |pres de )?(?=(?:[01]?\d|2[0-3]) ?h)"
)
# "quelques heures après la présentation diffusée à 19 h": the time of the event the outage came after, not its start
AFTER_EVENT = re.compile(r"\bapres (?:la|le|l'|les|son|sa|ses|leur|une?) ?[^,;:.!?\d]{3,60}$")
# "Apple Intelligence, présentée lors de sa conférence le 10 juin, ne sera pas déployée…", "Sora, lancé le 9
# décembre, ferme ses inscriptions": the day of the launch a participle describes, not of the incident.
LAUNCHED_ON = re.compile(
    r"\b(?:presente|devoile|lance|sorti|inaugure|commercialise|mis en ligne|mise en ligne|ouvert a tous|"
    r"ouverte a tous|accessible a tous|disponible pour tous)e?s? "
    r"(?:[^,;:.!?\d]{0,50} )?(?:le |ce |depuis le )?$"
)
# "OpenAI a reconnu ce jeudi que…": the day of the statement, not of the outage.
ANNOUNCE = re.compile(
    r"\b(?<!n')(a|ont) (annonce|reconnu|confirme|indique|explique|declare|publie|precise|assure|revele|communique|"
    r"officialise|fait savoir|repondu|complete|actualise|mis a jour|detaille|attribue|ironise|plaisante|tweete)\b|\b(annoncee?|decision annoncee|rendue? publique?|rendues? publiques|officialisee?)\b"
)
# "Le 28 janvier, DeepSeek a annoncé…": the date opens the clause whose verb is the statement
ANNOUNCE_AFTER = re.compile(
    r",? (?:[\w']+ ){1,3}(?:a|ont) (?:annonce|reconnu|confirme|indique|explique|declare|publie|"
    r"precise|assure|fait savoir|revele|communique|officialise|repondu|complete|actualise|mis a jour|detaille|"
    r"attribue)\b"
)
# "mardi après-midi en Californie, soit mercredi 15 novembre": the local American day gives way to the French one.
FOREIGN = re.compile(
    r"[^.;]{0,25}\b(en californie|a san francisco|aux etats-unis|heure de l'est|heure du pacifique|"
    r"heure de new york|cote ouest|cote pacifique|cote est americaine|heure californienne|heure de (?:la )?californie|"
    r"heure americaine)\b"
)
# The day others give, said before it: "la presse américaine évoque une panne du 11 décembre, alors que, vue de
# France, la coupure a démarré jeudi", "outre-Atlantique, on parle du 11 décembre": the local day wins.
FOREIGN_BEFORE = re.compile(
    r"\b(?:(?:presse|medias?|sites?|journaux|chaines?) (?:americaine?s?|etats-unien\w*|anglo-saxon\w*|us|indien\w*|"
    r"asiatiques?|etrangere?s?)|outre-atlantique|aux etats-unis|en californie|"
    # "En Inde, …, plusieurs médias datent l'incident du mercredi 4 février": the day others give
    r"(?:plusieurs|certains|des|les|d'autres) (?:medias|sites|journaux|titres) (?:\w+ )?(?:datent|placent|situent))"
    r"\b[^.;:]{0,40}$"
)
# "mercredi vers 15 h 16, heure de San Francisco, soit 0 h 16 jeudi à Paris": the day converted after "soit" wins.
CONVERTED = re.compile(
    r"[^.;]{0,60}\bsoit\b[^.;]{0,25}\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|"
    r"\d{1,2}(?:er)? (?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|"
    r"decembre))\b"
)
FUTURE = re.compile(
    r"\b(devrai(?:t|ent)|pourrai(?:t|ent)|doi(?:t|vent) revenir|promet|espere|prevu|attendu)\b"
)
# ("de dimanche après-midi au petit matin de lundi": the outage started on the first day)
COORDINATED = re.compile(
    # ("de jeudi 19 h 51 à vendredi 3 h 18": a clock time may sit between the two days of a range)
    r"\s*(?:(?:soir|matin|apres-midi|midi|nuit) )?(?:(?:a |vers )?(?:[01]?\d|2[0-3]) ?h(?: ?[0-5]\d)?,? )?"
    r"(?:et|ou|puis|a|au|jusqu'au|,)\s*"
    r"(?:le |la |(?:petit |tout petit )?(?:matin|soir|midi|debut de matinee) (?:de |du )?)?"
)
RANGE = re.compile(r"\s*(?:et|a|jusqu'a|-|–|—)\s*")
# "la société", "la start-up", "le service", "son outil": a subject that stands for the article's main company or
# product (resolved to it when the sentence names no service itself).
SUBJECT = re.compile(
    r"\b(?:la societe|l'entreprise|la start-?up|la jeune pousse|la firme|le groupe|l'editeur|"
    r"le laboratoire|la licorne|le geant (?:americain|chinois|francais|californien)|la plateforme|"
    r"le service|l'assistant|l'outil|le chatbot|l'application|l'appli|le generateur|le modele|"
    r"le robot conversationnel|(?:son|leur) (?:outil|assistant|chatbot|generateur|application|service|"
    r"modele|robot)|sa (?:plateforme|fonction|fonctionnalite))\b"
)
# A company named by what it is, as a restriction's target: "cesser d'utiliser la technologie de la jeune pousse"
COMPANY_NOUN = re.compile(
    r"\b(?:la societe|l'entreprise|la start-?up|la jeune pousse|la firme|l'editeur|le laboratoire|la licorne)\b"
)
# "DeepSeek, le rival de ChatGPT, …": a service named in comparison (or as another's maker) is not the one hit.
# a service named as where a trend began, the sentence going on about others: "la tendance dépasse le seul chatbot
# d'OpenAI : l'Australie…", "le mouvement ne se limite pas à ChatGPT"
_BEYOND = (
    r"\b(?:depasse\w*|deborde\w*|va au-dela|vont au-dela) (?:le seul|la seule|les seuls|les seules|le cas|le cadre)"
    r"(?: [\w-]+){0,2}(?: (?:de|du|des)| d')? ?$|\bne se limite(?:nt)? pas (?:a|au|aux) ?$"
)
BEYOND = re.compile(_BEYOND)
COMPARED = re.compile(
    r"\b(?:rival|rivale|rivaux|concurrente?s?|concurrence|challenger|alternatives?|alter ego|"
    r"equivalent|homologue|a l'instar|contrairement|face|(?:plus|moins|mieux|aussi) \w+ que|"
    r"depasse\w*|detron\w*|surpass\w*|talonn\w*|devanc\w*|createur|createurs|editeur|maison mere|"
    r"pere|inventeur|concepteur|proprietaire|maison|dans le sillage|apres|trembler|menace\w*|"
    r"defie\w*|rivalis\w*|bouscul\w*|concurrenc\w*|inquiet\w*)"
    r"(?: (?!de\b|du\b|des\b|a\b|au\b|aux\b|que\b)[\w-]+){0,2}"  # "le rival chinois de", "concurrent direct de"
    r"(?: (?:de|d'|du|des|a|au|aux|que|qu'|comme|tels? que|telles? que))?(?: (?:son|sa|ses|l'|le|la|les|un|une))? ?$"
    # "la tendance dépasse le seul chatbot d'OpenAI", "ne se limite pas à ChatGPT": named as where a trend began
    r"|" + _BEYOND +
    # "à la différence de Claude", "au contraire du Chat", "sauf Gemini", "d'autres assistants comme Le Chat"
    r"|\b(?:a la difference|au contraire|hormis|sauf|excepte|a l'exception|d'autres (?:\w+ )?comme)"
    r"(?: (?:de|d'|du|des))?(?: (?:son|sa|ses|l'|le|la|les|un|une))? ?$"
    # "dont l'application a doublé ChatGPT au classement" (overtaken: right before the name only, "double les limites
    # de ChatGPT" is a remedy)
    r"|\b(?:a|ont|avait|avaient) double $"
)
# "le serveur Discord officiel de Microsoft Copilot ne laisse plus entrer personne": a community space around the
# service is locked, not the service (its own account on a network is the service: see entities' handles)
COMMUNITY_OF = re.compile(
    r"\b(?:serveur discord|discord|subreddit|groupe facebook|salons? discord)"
    r"(?: officiel(?:le)?)? (?:de |d'|du )(?:[\w-]+ ){0,2}$"
)
# The maker of the technology inside a service ("l'outil, construit avec la technologie de la société OpenAI",
# "propulsé par les modèles de") and the offer a service comes with ("Sora, ouvert aux abonnés payants de ChatGPT",
# "l'outil vidéo de ChatGPT Plus", "inclus dans l'abonnement"): neither is the service a report is about (the offer
# only when the sentence names another service: "la fonction vocale de ChatGPT est en panne" hits ChatGPT).
MAKER_OF = re.compile(
    r"\b(?:(?:la |sa |les |ses )?technologies? (?:de|d'|du)(?: la societe| l'entreprise| la start-up)?|"
    r"(?:construite?s?|bati\w*|developpee?s?) (?:avec|sur|a partir) (?:de |d'|du |des )?(?:la |les )?"
    r"(?:technologies?|modeles?) (?:de|d'|du)(?: la societe| l'entreprise| la start-up)?|"
    r"(?:propulse|motorise)\w* par(?: la technologie de| les modeles de)?)"
    r"(?: (?:l'|le|la|les))? ?$"
)
OFFER_OF = re.compile(
    r"\b(?:(?:abonnes|abonnements?|souscripteurs|offres?|formules?|forfaits?)(?: (?:payants?|gratuits?|premium|existants|"
    r"actuels|individuels|professionnels))?(?: (?:de|d'|du|a|au))?|"
    r"(?:inclus|incluse|comprise?|integree?) (?:dans|a) (?:l'abonnement|l'offre|la formule|le forfait)(?: (?:de|d'|du))?|"
    r"(?:l'outil|la fonction|la fonctionnalite|le module|l'option|le mode)(?: (?:video|vocal|vocale|image|images|"
    r"audio|de (?:generation|creation) (?:de |d')?\w+))? (?:de|d'|du))"
    r"(?: (?:l'|le|la|les))? ?$"
)
# "Comme ChatGPT la semaine dernière, Claude…": a sentence that opens on a comparison with another service.
FRONTED_COMPARISON = re.compile(r"\s*(?:comme|tout comme|a l'image de|a l'instar de|apres|avant)\s*")
# "Une semaine après l'avoir présentée avec GPT-4o, OpenAI met en sommeil…", "Depuis le lancement de GPT-5, …": an
# opening clause of time or comparison up to its comma; a service named there is context, not the one hit (unless
# the clause itself reports the outage: "Lors de la panne de ChatGPT, …").
FRONTED_CLAUSE = re.compile(
    r"\s*(?:(?:[\w'-]+ ){0,3}(?:apres|avant|depuis|lors de|au lendemain de|a la veille de)|comme|tout comme|"
    r"a l'image de|a l'instar de)\b[^,;:.!?]{0,120},"
)
# Clause bounds, for what a fallback word ("se tournent vers", "épargné") applies to.
CLAUSE_BREAK = re.compile(r"[,;:()—–]|\s(?:mais|tandis que|alors que|pendant que|et non)\s")
PLUPERFECT = re.compile(r"\b(?:avai(?:t|ent)|etai(?:t|ent) (?:tombee?s?|restee?s?))\b")
# Overload words explain a restriction as often as they report an outage ("les serveurs fondent, OpenAI limite…").
OVERLOAD = re.compile(r"\b(?:saturee?s?|surcharge\w*|saturer|saturent|saturation)\b")
# An explicit restriction (a quota, closed sign-ups, a cap): the news, whatever overload words explain it.
EXPLICIT_RESTRICTION = re.compile(
    r"\b(?:quotas?|plafon\w*|inscriptions?|liste d'attente|essais? gratuits?|nouveaux (?:comptes|utilisateurs|"
    r"inscrits|abonnes)|par (?:jour|semaine|heure|mois)|quotidien\w*|hebdomadaires?|limit\w*|brid\w+|"
    r"rate limits?|restrictions?|reserve\w* aux abonnes|mis(?:e)? en pause|suspend\w*)\b"
)


# Access cut by a decision aimed at a country, a region, an ownership or an authority: "coupe son API aux
# développeurs de Chine", "l'Indonésie bloque Grok", "ferme Claude aux entreprises contrôlées depuis la Chine",
# "les sociétés détenues par des capitaux chinois n'ont plus le droit d'utiliser…", "le régulateur ordonne…". A
# restriction, whatever outage-like verb tells it ("coupe", "ferme"); in a sentence with an outage noun ("une panne
# a coupé les utilisateurs européens") it is the outage's reach, not a decision (outages._kinds).
_CUT_VERBS = [
    r"coupe",
    r"coupent",
    r"couper",
    r"coupee?s?",
    r"coupait",
    r"bloque",
    r"bloquent",
    r"bloquer",
    r"bloquee?s?",
    r"bloquait",
    r"blocage",
    r"ferme",
    r"ferment",
    r"fermer",
    r"fermee?s?",
    r"interdit",
    r"interdite?s?",
    r"interdire",
    r"interdisent",
    r"interdiction",
    r"rejet\w*",
    r"rejeter",
    r"n'ont plus le droit",
    r"n'a plus le droit",
    r"n'auront plus le droit",
    r"n'aura plus le droit",
    r"ordonn\w*",
    r"limitation du traitement",
]
_DECISION_TARGETS = [
    r"chine",
    r"chinois\w*",
    r"hong kong",
    r"russie",
    r"iran",
    r"coree du nord",
    r"indonesi\w*",
    r"malaisi\w*",
    r"capitaux",
    r"actionna\w*",
    r"detenue?s? (?:a|par)",
    r"controlee?s? (?:par|depuis)",
    r"interets (?:chinois|russes|etrangers|iraniens)",
    # ("les autorités italiennes ont annoncé… leur décision de bloquer ChatGPT")
    r"autorites? (?:de|des|du|nationales?|de regulation|(?:indonesienne|malaisienne|italienne|chinoise|americaine|"
    r"francaise|allemande|britannique|coreenne|sud-coreenne|australienne|japonaise|indienne|europeenne|russe|"
    r"canadienne|irlandaise|neerlandaise|espagnole|belge)s?)",
    r"regulateur\w*",
    r"ministere",
    r"gouvernement\w*",
    r"garante",
    r"premier pays",
    # states that banned AI services from their public sector, and the public sector itself ("Taïwan interdit
    # DeepSeek aux agents publics", "interdit sur les appareils de l'État"); not a nationality that describes a
    # company ("le géant sud-coréen interdit l'IA générative à ses salariés": a staff policy)
    r"taiwan\w*",
    r"australi\w*",
    r"agents publics",
    r"fonctionnaires",
    r"services publics",
    r"administrations? (?:publiques?|federales?|centrales?)",
    r"appareils (?:de l'etat|gouvernementaux|publics|de service)",
]
# A state keeping its public sector off a service: "proscrit DeepSeek dans toutes ses administrations fédérales",
# "demande aux fonctionnaires d'éviter les outils d'IA", "tient ChatGPT et DeepSeek à l'écart des postes de travail du
# ministère". Not a company's own staff ("ses salariés"): a staff policy restricts no service.
_PUBLIC = (
    r"(?:fonctionnaires?|agents publics|agents de l'etat|(?:toute |toutes )?(?:son |sa |ses |les |leurs |nos |l')?"
    r"administrations?(?: publiques?| "
    r"federales?| centrales?)?|ministeres?|services publics|appareils (?:de l'etat|de service|gouvernementaux|publics)|"
    r"agences? (?:federales?|gouvernementales?)|"
    r"postes de travail (?:de l'administration|du ministere|des agents|des fonctionnaires))"
)
PUBLIC_BAN = re.compile(
    rf"\b(?:proscri\w*|banni\w*|interdi\w*|exclu\w*|ecart\w*)\b[^.;:!?]{{0,60}}?\b(?:dans|de|des|sur|aux?) {_PUBLIC}\b|"
    # the public sector told what it may no longer do: "plus aucun fonctionnaire ne pourra ouvrir DeepSeek", "les
    # agents de l'État doivent désormais s'abstenir"
    rf"\b{_PUBLIC} (?:\w+ ){{0,2}}?(?:ne (?:pourra|pourront|peut|peuvent|doit|doivent) (?:plus |pas )?(?:ouvrir|utiliser|"
    r"installer|se servir)|doivent (?:desormais )?(?:s'abstenir|renoncer|desinstaller|supprimer|cesser)|"
    # "les administrations fédérales sommées de renoncer à Claude"
    r"(?:sommee?s?|priee?s?|tenue?s?|obligee?s?) de (?:renoncer|cesser|se passer|se defaire|desinstaller))|"
    # ("a ordonné à toutes les agences fédérales de cesser d'utiliser…", "a enjoint à l'ensemble des administrations
    # fédérales de « cesser immédiatement » tout recours à…")
    rf"\b(?:demande|ordonne|enjoint|recommande|conseille|somme)\w* (?:\w+ )?(?:aux|a ses|a leurs|a tous les|a toutes les|"
    rf"a l'ensemble des|a l'ensemble de ses|a chaque|a chacune des) {_PUBLIC} "
    r"(?:de ne (?:pas|plus) (?:utiliser|installer|recourir|se servir)|d'eviter|de desinstaller|de supprimer|"
    r"de (?:« )?cesser\b)|"
    rf"\b(?:tien\w*|tenu\w*|maint\w*) (?:[^.;:!?]{{0,50}} )?a l'ecart (?:de |des |du )?{_PUBLIC}"
)
_VERB_ALT = "(?:" + "|".join(_CUT_VERBS) + ")"
_TARGET_ALT = "(?:" + "|".join(_DECISION_TARGETS) + ")"
# each alternative starts with a letter (see rxfactor): one scan of a long page stays cheap
ACCESS_DECISION = factored(
    r"\b("
    + "|".join(
        [rf"{t}\b[^.;:!?\n]{{0,50}}?\b{_VERB_ALT}" for t in _DECISION_TARGETS]
        + [rf"{v}\b[^.;:!?\n]{{0,70}}?\b{_TARGET_ALT}" for v in _CUT_VERBS]
        # one named customer cut off from a service: "un client coupé de Claude", "une filiale privée de l'API"
        + [
            rf"{d} (?:client|cliente|entreprise|societe|filiale|start-up|startup) (?:coupee?|privee?|bloquee?) "
            r"(?:de|d')"
            for d in ("un", "une", "le", "la", "ce", "cette", "notre", "leur")
        ]
    )
    + r")\b"
)

# A model's behaviour gone wrong while the service answers: gibberish, off-topic or flattering answers, a bad update
# rolled back, a broken model router. A degradation (the service is up), never an outage.
QUALITY = re.compile(
    r"\b(?:charabia|sans queue ni tete|incoheren\w*|hors[- ]sujet|decousue?s?|"
    r"(?:reponses?|phrases?|echanges?|propos|textes?) (?:absurdes?|farfelue?s?|delirante?s?|depourvue?s? de sens|"
    r"denuee?s? de sens|sans (?:aucun )?sens|decevantes?|superficielles?|contradictoires?|n'avai\w* (?:plus )?(?:aucun|"
    r"rien)|qui n'avaient rien a voir)|"
    r"a deraille|deraill\w*|derap\w*|(?:a |avait )?perdu la tete|perd la tete|n'importe quoi|"
    r"flatteu\w*|flagorn\w*|complaisan\w*|sycophan\w*|obsequi\w*|trop (?:aimable|approbateur|gentil|conciliant)|"
    r"excessivement approbateur|"
    r"(?:annul\w*|retir\w*|retrait de) (?:une |la |sa |cette |la derniere |sa derniere )?(?:derniere )?mise a jour|"
    r"retour en arriere|fait marche arriere|"
    r"aiguillage (?:defaillant|casse|en panne|rate)|(?:routeur|autoswitch\w*) (?:defaillant|casse|en panne)|"
    r"plus bete|modification non autorisee)\b"
)
# A share of calls failing, not the whole service: "un appel sur trois a échoué", "une requête sur dix échouant",
# "un taux d'erreurs de 10 %", "échouer sur une part croissante de nos appels": read as errors (a degradation).
PARTIAL_FAIL = re.compile(
    r"\b(?:(?:un|une|deux|trois|\d{1,2}) (?:appels?|requetes?|demandes?|reponses?) sur (?:deux|trois|quatre|cinq|dix|"
    r"vingt|cent|\d{1,3})(?: environ)?(?:[^.;:,!?\n]{0,40}?\b(?:echou\w*|en erreur|perdue?s?|rejete\w*))?|"
    r"taux d'(?:echec|erreurs?)(?: \w+)? (?:de |d'environ |proche de )?\d+|"
    r"echou\w* sur une part\w*|erreurs? (?:« )?au-dessus de la normale|erreurs? a la chaine|"
    # "une partie des requêtes ont échoué", "ont fait échouer une partie des requêtes"
    r"une partie des (?:requetes|appels|demandes|reponses|messages)\b[^.;:!?\n]{0,60}?\b(?:echou\w*|en erreur|perdue?s?|rejete\w*)|"
    r"echouer une partie des (?:requetes|appels|demandes|reponses|messages))"
)
# "seul le modèle était en cause", "ce seul modèle", "les autres modèles répondaient", "le reste du service restait
# accessible", "la connexion fonctionnait": one model failing while the service is up.
MODEL_SCOPED = re.compile(
    r"\b(?:seul (?:le|ce) modele|ce seul modele|les autres modeles (?:\w+ )?(?:fonctionn|repond|marchai|restai|tourn)\w*|"
    r"le reste du service (?:\w+ )?(?:restait|reste|est reste|etait|demeurait) (?:en partie |partiellement )?"
    r"(?:accessible|disponible|en ligne)|la connexion (?:fonctionnait|restait possible|passait)|(?:le service|l'assistant|le chatbot|il) "
    r"(?:restait|reste|etait|demeurait) (?:joignable|accessible|en ligne)|ne refusait pas de repondre)\b"
)
# Money news in a title ("lève 13 milliards", "valorisée", "tour de table"): like a launch, it reports no outage
# unless the title says so.
MONEY_TITLE = re.compile(
    r"\b(?:leve|levent|levee|leve \d|milliards?|millions? d'euros|millions? de dollars|valorisation|valorisee?|"
    r"tour de table|serie [a-h]\b|rachat|rachete|acquisition|introduction en bourse|amendes?|tarifs?|prix|"
    # a price rise: "une facture qui grimpe de deux dollars", "l'abonnement plus cher"
    r"factures?|plus chere?s?)\b|"
    r"\b\d+ ?%"
)
# A month named without a day ("en décembre", "fin août", "début juillet"): with the publication date, how old.
MONTH_PERIOD = re.compile(
    r"\b(?:en|fin|debut|mi-|courant|au mois d'|depuis) ?(janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|"
    r"octobre|novembre|decembre)\b(?! \d)(?! dernier)"
)
# The day a decision takes effect ("prend effet ce 9 juillet", "entre en vigueur le 1er mars", "à compter du"):
# a restriction starts then, not on its announcement.
TAKES_EFFECT = re.compile(
    r"\b(?:prend\w* effet|pris effet|entre\w* en vigueur|entree en vigueur|applicable\w*|effective?s?|a compter d[ue']|"
    r"a partir d[ue'])(?: (?:ce|le|du|de ce|des|des le))?\s*$"
)

# What someone wrongly believed ("des clients pensent que leur mise à jour a échoué", "on a cru à une panne"): no
# report of its own.
BELIEF = re.compile(
    r"\b(?:pens\w*|croi\w*|croy\w*|cru|imagin\w*|soupconn\w*) (?:que |qu'|a (?:une|un) )[^.;:!?]*|"
    # a misreading: "certains ont lu « o3 coupé » là où il fallait lire…", "a pu prêter à confusion"
    r"\b(?:preter|prete|pretait) a confusion\b[^.;!?]*|\b(?:ont|a|avaient|avait) (?:cru |)lu « [^»]{1,60} »"
)

# "son API", "l'API", "l'interface de programmation": the provider's API, named without its name
BARE_API = re.compile(
    r"\b(?:son|sa|ses|leur|leurs|l') ?(?:api|interface de programmation)\b(?! d'| de | du )"
)
# "ont été concernés", "la mesure vise…", "elle s'applique à…": the services a report's scope names
SCOPE = re.compile(
    r"\b(?:concern\w*|vis(?:e|ent|ait|aient)|s'appliqu\w*|touch(?:e|es|ent|ait|aient|ee|ees)|affect\w*|"
    # "l'API a elle aussi connu des ratés", "entraînant Sora dans sa chute", "les applications bâties sur l'API ont
    # trébuché"
    r"(?:elle|lui|eux|elles) aussi (?:connu|subi|ete|flanche|trebuche|cale|decroche)|"
    r"entraine\w* dans (?:la|sa|leur) chute|(?:a|ont) (?:egalement |aussi )?(?:flanche|trebuche|cale|decroche))\b"
)
# "l'API", "son API", "l'API de la société": the API of the company a report is about, not named
SCOPE_API = re.compile(
    r"\b(?:son|sa|ses|leur|leurs|l') ?(?:api|interface de programmation)\b"
    r"(?:(?! d'| de | du )| de (?:la societe|l'entreprise|la start-up|l'editeur|la firme))"
)

# A restriction lifted or loosened ("double les limites d'utilisation", "pourront de nouveau choisir GPT-4o", "lève
# les restrictions"): a remedy, not an incident of its own.
LIFTED = re.compile(
    r"\b(?:doubl\w*|relev\w*|augment\w*|assoupli\w*|lev(?:e|ent|ait|ee|era|erait))(?:, [^,.;:]{1,40},)? (?:\w+ ){0,3}?"
    r"(?:les |la |le |ses |leurs )?"
    r"(?:limites?|quotas?|plafonds?|restrictions?|limitations?|regles|garde-fous|filtres|suspension|interdiction|"
    r"blocage|embargo|mesure)(?: d'utilisation| "
    r"hebdomadaires?| quotidiens?)?|"
    r"pourr\w* (?:de nouveau|a nouveau|desormais) (?:choisir|utiliser|acceder)|"
    # a restriction that ends: "cesse d'être tenue à l'écart des iPhone de l'Union", "n'est plus bloqué en Italie"
    r"(?:cesse\w*|a cesse|ont cesse|cessera\w*) d'etre (?:tenue?s? a l'ecart|privee?s?|bloquee?s?|exclue?s?|"
    r"restreinte?s?|interdite?s?|bridee?s?)|n'(?:est|sont|etait|etaient) plus (?:tenue?s? a l'ecart|bloquee?s?|"
    r"interdite?s?|exclue?s?|bridee?s?)|"
    # allowed again: "Grok de nouveau autorisé en Indonésie", "Jakarta autorise de nouveau le robot"
    r"(?:de nouveau|a nouveau) autoris\w*|autoris\w* (?:de nouveau|a nouveau)|reautoris\w*|"
    # "les limites d'utilisation … sont deux fois plus élevées", "Anthropic desserre la bride"
    r"(?:limites?|quotas?|plafonds?)\b[^.;:!?]{0,120}?\b(?:(?:deux|trois|quatre|\d+) fois plus (?:elevee?s?|hauts?|"
    r"hautes?|genereu\w*)|releve\w*|augmente\w*)|desserr\w* (?:\w+ ){0,2}?(?:la bride|l'etau|les vannes|la vis)|"
    # a waitlist done away with: "a supprimé la liste d'attente", "met fin à la liste d'attente"
    r"(?:supprim\w*|leve\w*|abandonn\w*|met fin a|mis fin a|en finit avec) (?:[\w']+ ){0,3}?(?:sa |la |leur |cette )?"
    r"liste d'attente|"
    # "Microsoft a ouvert son assistant à tous les détenteurs d'un compte"
    r"ouv(?:re|rent|ert|erte|rira|rait) (?:[\w']+ ){0,4}?a (?:tous|toutes|tout le monde)\b"
)
# A quota that grows ("le nombre de messages quotidiens passe de 50, avec l'ancien o1-mini, à 150"): checked in
# code (the second number larger than the first), a loosening, no restriction
QUOTA_FROM_TO = re.compile(
    r"\b(?:(?:le |la |les |son |sa |ses |leur )?(?:nombre|limite|quota|plafond|volume)s?(?: de | d'| du | des )"
    r"[^.;:!?]{0,50}?|(?:limites?|quotas?|plafonds?) )"
    r"(?:pass|grimp|mont|bondi|augment)\w* de (\d+)\b(?![,.]\d)[^.;:!?]{0,60}? a (\d+)\b"
)


def quota_raised(m: re.Match[str]) -> str:
    """A QUOTA_FROM_TO match blanked when the quota grows, kept when it shrinks."""
    return " " if int(m.group(2)) > int(m.group(1)) else m.group(0)


# A decision reversed, a model or an option given back ("Rétropédalage chez OpenAI", "GPT-4o refait son apparition dans
# le menu", "rend l'option aux clients payants"): the end of a restriction, not an incident of its own.
REVERSAL = re.compile(
    r"\b(?:retropedal\w*|fait (?:marche|machine) arriere|fai\w* volte-face|revient sur sa decision|"
    r"refai\w* son apparition|fai\w* son retour dans (?:le|les|son|ses) (?:menus?|choix|reglages|options)|"
    r"rend\w* (?:l'option|le choix|l'acces|la main) (?:aux|a ses)|"
    # "L'Indonésie rouvre la porte à Grok"
    r"rouv\w* (?:la porte|ses portes|les portes|l'acces) (?:a|aux)|"
    r"redev\w* (?:selectionnables?|disponibles?|accessibles?) (?:pour|aux|dans))"
)

# Idioms built on outage words: "Meta coupe court" (stops something short), "coupe les ponts avec son prestataire"
# (ties cut) report no cut.
# idioms with outage words: "Meta coupe court", "un point de défaillance unique" (a risk, not a failure)
IDIOM = re.compile(
    r"\bcoup\w* (?:court|les ponts)\b|\bpoints? (?:de defaillance unique|unique de defaillance|de panne unique)\b|"
    r"\bsingle point of failure\b"
)

# The service said to have kept working the day the story happened: "Perplexity restait accessible et fonctionnait
# normalement pour ses utilisateurs" (a story about its crawlers, not an outage).
KEPT_WORKING = re.compile(
    r"\b(?:reste|restent|restait|restaient|est reste|sont restes|demeur\w*) (?:pleinement |parfaitement |tout a fait )?"
    r"(?:accessibles?|disponibles?|utilisables?|en ligne),? et (?:fonctionn|repond)\w* normalement\b"
)
# A rumour denied ("Non, ChatGPT ne refuse pas…", "l'entreprise dément", "une lecture erronée"), a security finding
# ("une base de données ouverte", "une faille"): news about a service that reports no outage of it, when no outage
# word backs it.
DENIED_NEWS = re.compile(
    r"^non, |\b(?:dement\w*|rumeurs?|infox|intox|lecture erronee|fausse (?:information|alerte|rumeur)|"
    r"contrairement a ce qu)"
)
# A scam in the service's name: "« Votre abonnement ChatGPT est suspendu » : ne cliquez pas, c'est une arnaque"
SCAM_NEWS = re.compile(
    r"\b(?:arnaques?|escroc\w*|hameconnage|phishing|faux (?:courriels?|mails?|sms|messages?)|fausses? "
    r"(?:relances?|factures?|alertes? de paiement)|tentatives? de fraude)\b"
)
SECURITY_NEWS = re.compile(
    r"\b(?:failles?|fuites? de donnees|bases? de donnees (?:ouvertes?|exposees?|accessibles?|non protegees?)|"
    r"vulnerabilit\w*|mots? de passe|chercheurs en securite|"
    r"donnees (?:exposees|personnelles exposees)|"
    # "Fuite chez Mixpanel : des données de clients de l'API exposées", "après une intrusion chez ce prestataire"
    r"fuites? chez|intrusions? (?:chez|dans)|donnees [^.;:!?]{0,40}\b(?:exposees|derobees|volees|derobes|voles))\b"
)

# "un incident de sécurité", and "l'incident" in a sentence about a leak or a flaw ("Fuite de données chez un
# prestataire : ce que l'on sait de l'incident Mixpanel"): a breach, not an outage
SECURITY_INCIDENT = re.compile(r"\bincidents? (?:de (?:cyber)?securite|cyber\w*)\b")
LONE_INCIDENT = re.compile(r"\bincidents?\b")

# A lawsuit in a headline ("Disney et Universal traînent Midjourney en justice"): what the plaintiffs ask is not done.
LAWSUIT = re.compile(
    r"\b(?:en justice|devant (?:la justice|les tribunaux|le tribunal)|(?:port|depos)\w* plainte|"
    r"proces (?:contre|intente)|plainte (?:contre|deposee))\b"
)

# A service reopened ("ChatGPT rouvre ses portes aux internautes italiens"): with a long absence, the end of a block.
REOPENED = re.compile(r"\b(?:rouvr\w*|reouv\w*|revien\w*|fait son retour|de retour)\b")

# A restriction that ends now ("privés jusqu'ici de ces fonctions, peuvent désormais les activer"): no incident.
UNTIL_NOW = re.compile(
    r"\b(?:jusqu'(?:ici|a present|alors|a maintenant|a aujourd'hui)|(?:peu|pourr)\w* (?:desormais|enfin|maintenant|"
    r"de nouveau|a nouveau)|(?:desormais|enfin|de nouveau|a nouveau) (?:accessibles?|disponibles?|ouverte?s?|proposee?s?))"
)

# A service back after weeks or months away ("de nouveau accessible en Italie après un mois d'interruption"): the
# end of a long block or withdrawal, not an incident of its own.
LONG_ABSENCE = re.compile(
    r"\b(?:apres|au bout de) (?:un|une|deux|trois|quatre|cinq|six|huit|dix|quelques|plusieurs|\d+) (?:longues )?"
    r"(?:semaines?|mois|ans?|annees?)\b|"
    # "Quatre semaines après son blocage, ChatGPT revient…"
    r"\b(?:un|une|deux|trois|quatre|cinq|six|huit|dix|quelques|plusieurs|\d+) (?:longues )?(?:semaines?|mois|ans?|annees?) "
    r"apres (?:son|sa|leur|le|la|l')"
)

# When the text or a statement was written ("note écrite à chaud, ce midi", "dans un message publié jeudi… après
# minuit"): that time is not the outage's.
WRITTEN = re.compile(
    r"\b(?:note|billet|message|texte|article|communique|post)s? (?:\w+,? )?(?:ecrite?s?|redigee?s?|publiee?s?|postee?s?|mise? en ligne)\b"
    r"|\b(?:au moment ou|a l'heure ou) (?:j'ecris|nous ecrivons|j'ecrivais|ces lignes)"
    # "au moment de la publication de cet article, vers 18 heures"
    r"|\b(?:au moment|a l'heure) de (?:la publication|la mise en ligne|l'ecriture|la redaction|boucler)\b"
)
# A sentence about the company's money ("Lundi, les chiffres ont circulé : OpenAI a franchi le cap des 10 milliards de
# dollars de revenus"): an opening on the business, whose day is not the outage's
MONEY_CONTEXT = re.compile(
    r"\b(?:(?:milliards?|millions?) (?:de dollars|d'euros)|chiffre d'affaires|revenus? (?:recurrents?|annuels?)|"
    r"valorisation|levee de fonds|tour de table)\b"
)
# The provider opening its status incident ("la page de statut avait ouvert l'incident à 8 h 04"): the start its
# own timeline gives, before a customer's first alert.
STATUS_OPEN = re.compile(
    r"\b(?:ouvert|ouvre|declare|signale|publie|poste)\w* (?:un |l'|son |cet )?incident\b[^.;:]{0,25}$"
)
