"""A note's opening verb of moving or admitting a patient is no part of the name after it
(review62a).

A sentence of another language often opens on a past participle or an adverb of care in
capitals ("Zuverlegt vom UKE bei NSTEMI.", "Overgeplaatst vanuit het Amsterdam UMC ...",
"Previamente en la Clínica Universidad de Navarra ..."). The readings take that capitalised
word for a name and the bridges then join it, over the preposition, to the facility: the
clinician reads "[FACILITY] bei NSTEMI." and loses that the patient was transferred. This
pass, run once resolution has spoken, cuts such a word (and the prepositions and articles
after it) off the front of a name's or place's span, and drops a span that is nothing else.
Only a closed list of whole words is cut (none of them anyone's name); the facility after
them keeps its span. Linear: one look at the front of each span.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_lexicon import fold
from medlocal.privacy.deid_people_words import ROLES, TITLES
from medlocal.privacy.deid_spans import Redaction

# Participles and adverbs of moving, admitting or earlier care that open a sentence (folded):
# German, Dutch, Italian, Spanish, Portuguese, French, Czech, Polish, Scandinavian, Malay.
_CARE_WORDS = frozenset(
    {
        "zuverlegt", "verlegt", "uberwiesen", "eingewiesen", "aufgenommen", "entlassen",
        "vorgestellt", "zugewiesen", "ruckverlegt", "overgeplaatst", "opgenomen", "verwezen",
        "doorverwezen", "ontslagen", "teruggeplaatst", "ricoverato", "ricoverata",
        "trasferito", "trasferita", "dimesso", "dimessa", "inviato", "inviata",
        "precedentemente", "trasladado", "trasladada", "derivado", "derivada", "remitido",
        "remitida", "ingresado", "ingresada", "previamente", "transferido", "transferida",
        "internado", "internada", "encaminhado", "encaminhada", "transfere", "transferee",
        "adresse", "adressee", "hospitalise", "hospitalisee", "prelozen", "prelozena",
        "hospitalizovan", "hospitalizovana", "przeniesiony", "przeniesiona", "skierowany",
        "skierowana", "przyjety", "przyjeta", "innlagt", "overflyttet", "henvist", "inlagd",
        "dirawat", "dirujuk", "dipindahkan",
    }
)  # fmt: skip
# The prepositions and articles that follow such a word before the place (folded).
_LINKS = frozenset(
    {
        "vom", "von", "der", "dem", "den", "die", "das", "im", "ins", "in", "aus", "zum", "zur",
        "nach", "ans", "am", "vanuit", "uit", "naar", "het", "de", "en", "el", "la", "al", "del",
        "dal", "dall", "nell", "all", "alla", "da", "do", "a", "au", "du", "des", "l", "z", "ze",
        "w", "we", "v", "ve", "fra", "til", "pa", "di", "ke", "dari", "desde", "para", "o",
    }
)  # fmt: skip
_WORD = re.compile(r"([^\W\d_]+)(?:['’][ \t]*|[ \t]+|\Z)")
_PLACE_KINDS = frozenset({"facility", "location", "city", "county", "name"})
# What stands before a sentence's first word: nothing, a line break, a stop, a colon, a
# semicolon, a bracket or a list's bullet, then blanks.
_OPENING = re.compile(r"(?:\A|[\n.!?:;(•*-])[ \t]*\Z")
_LOOK_BACK = 12
# A title's stop ("Dr. Verlegt", "Prof. Ricoverato") opens no sentence.
_TITLE_STOP = re.compile(r"(?<![\w'’])([^\W\d_]+)\.[ \t]*\Z")


def _opens(text: str, at: int) -> bool:
    """``at`` opens a sentence, a line or a list's item: a title before it ("Dr. Verlegt")
    makes the word a surname."""
    opening = _OPENING.search(text, max(0, at - _LOOK_BACK), at)
    if opening is None:
        return False
    title = _TITLE_STOP.search(text, max(0, opening.start() - _LOOK_BACK), opening.end())
    return title is None or fold(title.group(1)) not in TITLES | ROLES


def _cut(text: str, red: Redaction) -> int:
    """Where ``red``'s span starts once an opening care word and its links are cut off (its
    own start when it opens on no care word)."""
    first = _WORD.match(text, red.start, red.end)
    if first is None or fold(first.group(1)) not in _CARE_WORDS or not _opens(text, red.start):
        return red.start
    at = first.end()
    while (link := _WORD.match(text, at, red.end)) is not None and fold(link.group(1)) in _LINKS:
        at = link.end()
    return at


def without_care_verbs(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """The redactions with an opening care word cut off the front of names' and places' spans
    ("[Zuverlegt vom UKE]" -> "Zuverlegt vom [UKE]"); a span that was only such words goes."""
    out: list[Redaction] = []
    for red in redactions:
        if red.kind not in _PLACE_KINDS:
            out.append(red)
            continue
        start = _cut(text, red)
        if start == red.start:
            out.append(red)
        elif start < red.end and text[start : red.end].strip():
            out.append(Redaction(red.kind, start, red.end, text[start : red.end], red.replacement))
    return out
