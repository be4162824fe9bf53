"""Nordic and Dutch health facilities named name first, their kind after in one compound word
(round 19): "Akademiska sjukhuset", "Førde sentralsjukehus", "Haukeland universitetssjukehus",
"Kungsholmens vårdcentral", "Meilahden sairaala", "Martini ziekenhuis"; since session 63
(deid63a) the Finnish kinds with their case endings ("Kallion terveysasemalla", "Hatanpään
sairaalasta", "Lepolan vanhainkodissa").

The kind word is a compound the English lists do not hold, usually in lower case, so neither the
English head rules nor the run scan end a name with it. The kind is a closed class (hospital,
health centre, doctors' office, pharmacy, nursing home); the capitalised words before it on its
line are the name, where one of them is no English word ("The sjukhus" is no name).
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import Lexicon, fold
from medlocal.privacy.deid_people_words import TITLES
from medlocal.privacy.deid_tokens import WordSpan

# Literals one of which a text must hold before the pattern is tried.
_LITERALS = (
    "sjukhus", "ykehus", "ygehus", "jukehus", "central", "senter", "legekontor", "apotek",
    "sairaala", "terveyskeskus", "iekenhuis", "linikk", "sykehjem", "boende", "lægehus",
    "sundhedshus", "helsestasjon", "ospitalet", "terveysasem", "terveyskesku", "apteek",
    "koti", "kodi", "palvelutalo", "neuvola", "kuntoutuskesku",
)  # fmt: skip
# Finnish kinds take a case ending, part of the same word: "Kallion terveysasemalla" (at),
# "Hatanpään sairaalasta" (from), "Valkeakosken aluesairaalassa" (in), "Tesoman terveysasema";
# since review63a a care home, a sheltered home, a child clinic and a rehabilitation centre
# ("Mäntylän hoivakodissa", "Koivikon palvelutalossa", "Kalevan neuvolassa").
# A regional or central hospital ("alue-", "keskus-") is one compound word with its kind.
_FINNISH = (
    r"(?:alue|keskus)?sairaala(?:n|ssa|sta|an|lla|lta|lle)?|"
    r"terveysasema(?:n|lla|lta|lle|ssa|sta|an)?|terveyskeskukse(?:n|ssa|sta|en)|"
    r"apteekki|apteekkiin|apteeki(?:n|ssa|sta|lta|lle)|"
    r"(?:vanhain|hoito|palvelu|hoiva)ko(?:ti|tiin|di(?:n|ssa|sta|lle))|"
    r"palvelutalo(?:n|ssa|sta|on)?|neuvola(?:n|ssa|sta|an|lla|lle)?|"
    r"kuntoutuskeskus|kuntoutuskeskukse(?:n|ssa|sta|en)"
)
# The kind, its optional first part ("universitets-", "sentral-", "läns-") and its article.
_KIND = re.compile(
    r"(?<![\w'’-])(?i:universitets|sentral|region|läns|lands|fylkes|lokal|distrikts|bydels|"
    r"central)?"
    r"(?i:sjukhus(?:et)?|sykehus(?:et)?|sygehus(?:et)?|sjukehus(?:et)?|"
    r"vårdcentral(?:en)?|hälsocentral(?:en)?|legesenter(?:et)?|legekontor(?:et)?|"
    r"helsesenter(?:et)?|helsestasjon(?:en)?|lægehus(?:et)?|sundhedshus(?:et)?|"
    r"apotek(?:et)?|sairaala|terveyskeskus|ziekenhuis|klinikk(?:en)?|sykehjem(?:met)?|"
    rf"äldreboende(?:t)?|{_FINNISH})(?![\w'’-])"
)
_FINNISH_KIND = re.compile(rf"(?i:{_FINNISH}|terveyskeskus)")
# A Finnish place's name before its kind is a genitive ("Kallion", "Hatanpään", "Tampereen
# Keskustan"); a capitalised sentence opener before a kind with a case ending is a clinical
# word or a verb, not a name ("Sydänosastolla sairaalassa", "Verikokeet terveysasemalla",
# "Siirretään sairaalaan", "Aiemmin sairaalassa": review63a). Not a genitive: a passive verb
# ("-taan", "-tään"), an illative ("Päivystykseen"), a noun of "-nen" ("Tukiasuminen": its
# genitive is "-sen"), the adverbs ending in "-n" and the genitives of a generic owner or a
# determiner ("Kunnan terveyskeskuksessa", "Oman terveysaseman", "Saman sairaalan").
_NOT_GENITIVE_ENDINGS = ("taan", "daan", "seen", "nen")
_NOT_NAMES_IN_N = frozenset(
    {"aiemmin", "myohemmin", "aikaisemmin", "paremmin", "huonommin", "eilen", "tanaan",
     "ennen", "ensin", "sitten", "takaisin", "uudelleen", "edelleen", "jalkeen", "kotiin",
     "potilaan", "jo", "oman", "saman", "taman", "toisen", "lahimman", "kunnan", "kaupungin",
     "yliopiston", "yksityisen", "julkisen", "uuden", "vanhan", "sen"}
)  # fmt: skip
# The capitalised words right before the kind on its line (one to three).
_NAME_BEFORE = re.compile(
    r"(?<![\w'’-])(?P<n>[A-ZÀ-Þ][\w'’-]+(?:[ \t]+[A-ZÀ-Þ][\w'’-]+){0,2})[ \t]+\Z"
)


def nordic_facilities(text: str, lex: Lexicon) -> list[WordSpan]:
    """The facilities in ``text`` written as a name and a Nordic or Dutch kind word after it."""
    if not any(literal in text for literal in _LITERALS):
        return []
    found: list[WordSpan] = []
    for kind in skipped_finditer(_KIND, text):
        line = text.rfind("\n", 0, kind.start()) + 1
        before = _NAME_BEFORE.search(text, max(line, kind.start() - 60), kind.start())
        if before is None:
            continue
        start: int | None = before.start("n")
        if _FINNISH_KIND.fullmatch(kind.group()):
            start = _genitive_run(text, before.start("n"), before.end("n"))
        if start is None:
            continue
        words = [fold(w) for w in text[start : before.end("n")].split()]
        if all(w in lex.english or w in TITLES or lex.clinical(w) for w in words):
            continue
        found.append(WordSpan("facility", start, kind.end()))
    return found


def _genitive(word: str) -> bool:
    bare = fold(word)
    return (
        len(bare) > 2
        and bare.endswith("n")
        and not bare.endswith(_NOT_GENITIVE_ENDINGS)
        and bare not in _NOT_NAMES_IN_N
    )


def _genitive_run(text: str, start: int, end: int) -> int | None:
    """The start of the genitive words that end the name before a Finnish kind ("Siirto
    [Hatanpään] sairaalasta"), or None where the word right before the kind is none."""
    at = None
    for word in reversed(list(re.finditer(r"\S+", text[start:end]))):
        if not _genitive(word.group()):
            break
        at = start + word.start()
    return at
