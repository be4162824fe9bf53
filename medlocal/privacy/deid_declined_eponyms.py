"""Eponyms as Polish, Czech, Slovak, the South Slavic languages, Romanian and the Scandinavian
languages write them (round 21, precision).

These languages put the head first and decline the name after it with no particle ("zespół
Dresslera", "choroba Leśniowskiego-Crohna", "objaw Chełmońskiego", "kryteria Lake Louise",
"sindromul Down"), or make the name an adjective before the head ("Crohnova nemoc", "Parkinsonova
bolest", "Sjögrenův syndrom", "Hashimotov tireoiditis"). The word scan reads the declined or
adjectival name as an unknown capitalised word, a name.

* :data:`HEADS_FIRST` are heads of these languages after which the next capitalised words are
  the eponym's, as "Morbus" is in Latin (deid_eponyms reads them with its other heads written
  first; a given name after one still makes a person's full name there).
* :func:`protect_adjective_eponyms` keeps a name's possessive adjective before a disease, sign,
  syndrome, test, scale or classification. Czech and Slovak women's surnames end in "-ová" with
  its accent ("Nováková"); the adjective "-ova" has none, so a woman's surname is never read so.
* The Scandinavian languages write the name in the genitive before the head ("Bechterews
  sjukdom", "Hortons arterit", "Sjögrens syndrom"), as English writes "Bechterew's disease":
  kept the same way, but for a given name ("Annas sjukdom" is Anna's illness).
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_lexicon import Lexicon, fold
from medlocal.privacy.deid_people_words import TITLES
from medlocal.privacy.deid_tokens import Tok

# Folded (accents and "ł" removed), lower case.
HEADS_FIRST = frozenset(
    {
        # Polish
        "zespol", "choroba", "objaw", "objawy", "odruch", "kryteria", "klasyfikacja",
        "skala", "proba", "manewr", "triada",
        # Czech and Slovak
        "syndrom", "nemoc", "priznak", "klasifikace", "klasifikacia", "fenomen",
        # Croatian, Serbian, Bosnian, Slovene
        "sindrom", "bolest", "bolezen", "znak", "kriteriji", "klasifikacija", "ljestvica",
        "lestvica", "refleks",
        # Romanian ("sindromul Down", "semnul Babinski", "scorul Glasgow")
        "boala", "sindromul", "semnul", "scorul", "criteriile", "clasificarea", "testul",
        "manevra", "reflexul", "stadiul",
    }
)  # fmt: skip

# The heads a possessive adjective of a name stands before ("Crohnova nemoc", "Sjögrenův
# syndrom", "Hashimotov tireoiditis"): diseases, syndromes, signs, scales, criteria; none an
# English word ("Petrova test" may be a woman's result in an English note).
_ADJECTIVE_HEADS = frozenset(
    {
        "nemoc", "nemoci", "choroba", "choroby", "bolest", "bolesti", "bolezen", "syndrom",
        "syndromu", "sindrom", "sindroma", "znak", "priznak", "fenomen", "refleks", "skala",
        "ljestvica", "lestvica", "klasifikace", "klasifikacija", "kriteria", "kriteriji", "trias",
        "triada", "tireoiditis", "tyreoiditida", "tyreoiditis", "anemie", "anemija", "demence",
        "demencija", "encefalopatie", "encefalopatija",
    }
)  # fmt: skip
# The heads of Swedish, Norwegian and Danish after a name in the genitive.
_GENITIVE_HEADS = frozenset(
    {
        "sjukdom", "sjukdomen", "sykdom", "sykdommen", "sygdom", "sygdommen", "syndrom",
        "syndromet", "arterit", "arteritt", "tecken", "tegn", "skala", "skalaen", "klassifikation",
        "klassifikasjon", "kriterier", "kriteriene", "fenomen", "sarkom", "lymfom", "tyreoidit",
        "tyreoiditt", "demens",
    }
)  # fmt: skip
_GENITIVE = re.compile(r"[A-ZÀ-Þ][^\W\d_]{2,}s")
# A name's possessive adjective: "-ova", "-ove", "-ovo", "-ovy", "-ov", "-ův" (Czech), "-eva",
# "-ev" (after a soft consonant), written with no accent on the "a" ("Crohnova", not the
# surname "Nováková").
_ADJECTIVE = re.compile(r"[A-ZÀ-Þ][^\W\d_]{2,}(?:ov[aeoy]?|ův|ev[ao]?)")


def protect_adjective_eponyms(tokens: list[Tok], text: str, lex: Lexicon) -> None:
    """Keep a capitalised possessive adjective or genitive of a name right before a clinical
    head, unless a title or a given name before it says a person is meant."""
    for i in range(len(tokens) - 1):
        tok, head = tokens[i], tokens[i + 1]
        if tok.shape != "title" or not head.word.islower():
            continue
        if text[tok.end : head.start] != " ":
            continue
        adjective = fold(head.word) in _ADJECTIVE_HEADS and _ADJECTIVE.fullmatch(tok.word)
        genitive = fold(head.word) in _GENITIVE_HEADS and _GENITIVE.fullmatch(tok.word)
        if not (adjective or genitive):
            continue
        if genitive and fold(tok.word[:-1]) in lex.given_names:
            continue  # "Annas sjukdom": Anna's illness
        if i and _person_before(tokens[i - 1], text[tokens[i - 1].end : tok.start], lex):
            continue  # "Dr. Horakova syndrom": a person's name first
        tok.shape = "lower"


def _person_before(before: Tok, gap: str, lex: Lexicon) -> bool:
    """A title or a given name right before the adjective (a space or a title's stop apart)."""
    if gap.strip() not in ("", "."):
        return False
    return before.lower.rstrip(".") in TITLES or before.lower in lex.given_names
