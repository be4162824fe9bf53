"""A surname written before its initial, as directories and comment authors list people
("reply by Okafor A (RXH): ok", "Okafor A, Smith J and Patel R attended").

Session 60 (review60a H3): the keep-rule for a class after an eponym ("Child-Turcotte-Pugh B",
"Dukes C") also kept an unknown surname before an initial, and a found surname left its initial
behind ("[NAME] K"). Privacy first, so "Surname X" is a name where all of these hold:

* the word is capitalised, no English, clinical or eponym word (the lexicon knows "Hepatitis",
  "Vitamin", "Factor", "Type", "Grade", "Class", "Group", "Zone", "Lead", "Killip", "Breslow"),
  and no part of a hyphenated word ("Child-Pugh B");
* the word is no first word of a listed clinical phrase ("Coxsackie B", "Rubin II"), nor a
  grade among scores ("Ranson 5, BISAP 3, Balthazar E"), nor an abbreviation ("Rm B");
* the letter is no Roman one ("Eichenholtz I", "Innere Medizin I"), and one capital that ends
  the name as an initial does: the end of a line or field, a comma, "and" or "&" between spaces
  ("A&E" stays), a bracket, a colon or a semicolon; after "by" ("Seen by Okafor A on the ward
  round") any word may follow.

A surname the lexicon knows ("Smith J", "Patel R") is taken only as one of a list, next to a
pair taken so (", " or " and " between), and only where it is a listed surname and no clinical
word: "Vitamin D, Factor V" stays, no unknown word leads it.
"""

from __future__ import annotations

import re

from medlocal.built_once import built_once
from medlocal.paths import resource_entries, resources_dir
from medlocal.privacy.deid_lexicon import Lexicon
from medlocal.privacy.deid_tokens import WordSpan

# A capitalised word (apostrophes inside: "O'Brien"), a space, one capital, then an initial's
# stop. Group 1 the word, group 2 the letter, group 3 what follows it ("" at the end of the text).
_PAIR = re.compile(
    r"(?<![\w'’-])([A-Z][a-z]+(?:['’][A-Z][a-z]+)?)[ \t]([A-Z])(?![\w'’.-])"
    r"(?=([ \t]*(?:[,:;()\[\]]|\n|\Z)|[ \t]+(?:and|&)(?=[ \t])|[ \t]+[a-z]))"
)
# A score in a list right before ("Ranson 5, BISAP 3, Balthazar E"): the letter is a grade too.
_SCORE_BEFORE = re.compile(r"[A-Za-z]+[ \t]\d{1,2}[ \t]*[,;][ \t]*\Z")
# "by" right before the surname: an author or a signer ("reply by", "Seen by").
_BY = re.compile(r"\bby[ \t]+\Z", re.I)
# Between two pairs of a list.
_LIST_GAP = re.compile(r"[ \t]*(?:,|&|and)[ \t]*(?:and[ \t]+)?")


def surname_initials(text: str, lex: Lexicon) -> list[WordSpan]:
    """Each "Surname X" of ``text`` read as a person's name (word and initial together)."""
    pairs = list(_PAIR.finditer(text))
    if not pairs:
        return []
    taken = [_unknown_surname(text, pair, lex) for pair in pairs]
    # A listed surname the lexicon knows, beside a pair taken (either side, repeatedly).
    changed = True
    while changed:
        changed = False
        for i, pair in enumerate(pairs):
            if taken[i] or not _listed_surname(pair.group(1).lower(), lex):
                continue
            before = i > 0 and taken[i - 1] and _joined(text, pairs[i - 1], pair)
            after = i + 1 < len(pairs) and taken[i + 1] and _joined(text, pair, pairs[i + 1])
            if before or after:
                taken[i] = changed = True
    return [WordSpan("name", p.start(), p.end()) for p, t in zip(pairs, taken, strict=True) if t]


@built_once
def _clinical_phrase_heads() -> frozenset[str]:
    """The first words of the listed clinical phrases ("coxsackie b3", "rubin manoeuvre"): an
    organism's or an eponym's word, whose letter after it is a type or a grade."""
    entries = resource_entries(resources_dir() / "deid_clinical_terms.txt")
    return frozenset(e.split()[0] for e in entries if " " in e)


def _unknown_surname(text: str, pair: re.Match[str], lex: Lexicon) -> bool:
    word = pair.group(1).lower()
    if pair.group(2) == "I" or len(word) < 3 or not re.search("[aeiouy]", word):
        return False  # a Roman one ("Medizin I", "Rubin I"), an abbreviation ("Rm B", "Rd W")
    if lex.known(word) or lex.clinical(word) or word in lex.places:
        return False
    if word in _clinical_phrase_heads():
        return False
    if _SCORE_BEFORE.search(text, max(0, pair.start() - 24), pair.start()):
        return False
    stop = pair.group(3).strip()
    if stop[:1].islower() and stop != "and":
        # A word in lower case after the letter ("Okafor A on the round") only after "by".
        return _BY.search(text, max(0, pair.start() - 8), pair.start()) is not None
    return True


def _listed_surname(word: str, lex: Lexicon) -> bool:
    return word in lex.surnames and not lex.clinical(word)


def _joined(text: str, first: re.Match[str], second: re.Match[str]) -> bool:
    return _LIST_GAP.fullmatch(text, first.end(), second.start()) is not None
