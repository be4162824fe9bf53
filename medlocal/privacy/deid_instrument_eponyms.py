"""Eponyms of surgery, anaesthesia and rehabilitation that stand apart from their heads (session
43, issue 16, precision; dev39, written blind): the eponym rules keep a name right before its
head, or one lower-case word away ("Hueston tabletop test"), but an operative note and an
anaesthetic record write a size, two adjectives of direction or a body part between them, and
an allied-health note names its instruments by a qualifier and a capitalised head that no
eponym list holds:

* a size between the eponym and an instrument ("Macintosh 3 blade", "Miller size 2 blade");
* up to two lower-case words between the eponym and a surgical approach, an incision or an
  instrument ("Hardinge direct lateral approach", "Stulberg hip positioner");
* a capitalised qualifier that is a word of medicine or English before a capitalised head of a
  named assessment ("Frenchay Dysarthria Assessment", "Lee Silverman Voice Treatment",
  "Nottingham Health Profile").

Privacy first: the eponym is never written after a title, a role or a relation ("Dr Hardinge
direct lateral approach" stays a person's), never a given name in the first two forms, and a
line or punctuation between the words ends the reading. The words read so are marked "lower"
as the other eponym rules mark theirs, so the word scan skips them.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_lexicon import Lexicon, fold
from medlocal.privacy.deid_people_words import FUNCTION_CUES, RELATIONS, ROLES, TITLES
from medlocal.privacy.deid_tokens import Tok

_PEOPLE = (RELATIONS | ROLES | TITLES) - FUNCTION_CUES

# Instruments and implants sized by a number written between the eponym and the head.
_SIZED_HEADS = frozenset(
    {
        "blade", "blades", "laryngoscope", "videolaryngoscope", "tube", "tubes", "catheter",
        "stent", "needle", "cannula", "speculum", "dilator", "dilators", "bougie", "retractor",
        "retractors", "stem", "nail", "plate", "screw", "mask", "airway", "sound", "sounds",
    }
)  # fmt: skip
# Approaches, incisions and instruments of the theatre after one or two lower-case words.
_GAPPED_HEADS = _SIZED_HEADS | frozenset(
    {
        "approach", "approaches", "incision", "incisions", "positioner", "positioners",
        "forceps", "scissors", "clamp", "clamps", "frame", "splint", "osteotomy", "osteotome",
    }
)  # fmt: skip
# A size between two words: a number of one or two digits or a half size ("size" before it is
# a word of its own).
_SIZE = re.compile(r"[ \t]+\d{1,2}(?:\.5)?[ \t]+")
# Words that never stand inside an eponym's phrase.
_STOPWORDS = frozenset(
    {
        "and", "of", "the", "with", "by", "to", "for", "from", "in", "on", "at", "after",
        "before", "due", "has", "had", "have", "is", "was", "were", "are", "or", "but", "a",
        "an", "his", "her", "their", "without", "into", "since", "until", "not", "no",
    }
)  # fmt: skip
# Capitalised heads of a named assessment, kept only after a capitalised qualifier of medicine
# or English ("Dysarthria Assessment", "Voice Treatment", "Health Profile"): "Smith Assessment"
# alone says nothing.
_ASSESSMENT_HEADS = frozenset(
    {"assessment", "treatment", "profile", "battery", "measure", "instrument", "inventory"}
)


# After a named assessment's head, the words of a service ("Needs Assessment Service").
_SERVICE_AFTER = re.compile(
    r"[ \t]*\(?[ \t]*(?i:services?|team|centre|center|clinic|unit|agency|programme|program|"
    r"office|coordination|hub)\b"
)
# Before the words, a preposition that leads to an organisation ("from", "at", "via").
_PLACE_BEFORE = frozenset({"from", "at", "via", "to", "with", "by"})


def protect_instrument_eponyms(tokens: list[Tok], text: str, lex: Lexicon) -> None:
    """Mark "lower" the eponyms of the three forms above, and the qualifier and head of a
    named assessment."""
    for i, head in enumerate(tokens):
        word = head.word.lower()
        if word in _GAPPED_HEADS and head.word.islower() and i:
            _instrument(tokens, text, lex, i, word)
        elif word in _ASSESSMENT_HEADS and head.shape == "title" and i > 1:
            _assessment(tokens, text, lex, i)


def _person_before(tokens: list[Tok], text: str, k: int) -> bool:
    """Whether a title, role or relation stands right before ``tokens[k]``."""
    if k == 0:
        return False
    before = tokens[k - 1]
    return before.lower.rstrip(".") in _PEOPLE and text[before.end : tokens[k].start] in (
        " ",
        ". ",
    )


def _instrument(tokens: list[Tok], text: str, lex: Lexicon, i: int, word: str) -> None:
    j = i - 1
    gap = text[tokens[j].end : tokens[i].start]
    if gap == " " and not tokens[j].word.islower():
        _take_eponym(tokens, text, lex, j)  # right before a head no other rule lists
        return
    if gap != " ":
        if word in _SIZED_HEADS and _SIZE.fullmatch(gap):
            if tokens[j].lower == "size" and j and text[tokens[j - 1].end : tokens[j].start] == " ":
                j -= 1  # "Miller size 2 blade"
            _take_eponym(tokens, text, lex, j)
        return
    # One or two lower-case words of English or medicine between ("direct lateral", "hip").
    words = 0
    while j >= 0 and words < 2 and tokens[j].word.islower():
        lower = tokens[j].lower
        if lower in _STOPWORDS or not (lex.known(fold(lower)) or lex.clinical(fold(lower))):
            return
        if text[tokens[j].end : tokens[j + 1].start] != " ":
            return
        words += 1
        j -= 1
    if j >= 0 and text[tokens[j].end : tokens[j + 1].start] == " ":
        _take_eponym(tokens, text, lex, j)


def _take_eponym(tokens: list[Tok], text: str, lex: Lexicon, j: int) -> None:
    """Mark the capitalised eponym ending at ``tokens[j]`` (one word, or two joined by a
    hyphen in one token) unless it names a person."""
    tok = tokens[j]
    if tok.shape not in ("title", "caps") or tok.lower.rstrip(".") in TITLES:
        return
    # A place before a head is a place's ("the London tube"), a given name a person's.
    if tok.bare in lex.given_names or tok.bare in lex.places or _person_before(tokens, text, j):
        return
    tok.shape = "lower"


def _assessment(tokens: list[Tok], text: str, lex: Lexicon, i: int) -> None:
    # A service that assesses is an organisation ("Aged Care Assessment Service", "from
    # Counties Manukau Needs Assessment to see her"; dev24 and dev9 lost both to the first
    # version): a service's word after the head, or a preposition of place before the words.
    if _SERVICE_AFTER.match(text, tokens[i].end):
        return
    qualifier = tokens[i - 1]
    q = qualifier.bare
    if text[qualifier.end : tokens[i].start] != " " or not qualifier.word[:1].isupper():
        return
    if q in lex.given_names or q in lex.surnames or q in lex.places:
        return
    if not (lex.clinical(q) or q in lex.english):
        return
    taken: list[Tok] = []
    j = i - 2
    while j >= 0 and len(taken) < 2 and text[tokens[j].end : tokens[j + 1].start] == " ":
        tok = tokens[j]
        if tok.lower.rstrip(".") in _PEOPLE or not tok.word[:1].isupper():
            break
        taken.append(tok)
        j -= 1
    # Privacy first: a given name among the words makes them a person's ("Mary Jones Health
    # Assessment"), though it leaves a few named after one ("Lee Silverman Voice Treatment").
    if not taken or _person_before(tokens, text, j + 1):
        return
    if j >= 0 and tokens[j].lower in _PLACE_BEFORE:
        return
    if any(tok.bare in lex.given_names for tok in taken):
        return
    for tok in (*taken, qualifier, tokens[i]):
        tok.shape = "lower"
