"""A relative or carer named in lower case, before what they did (session 49, dev48).

Notes typed in haste write a relative's name in lower case, and many given names are English
words: "his partner faith wells was phoned", "Mom april meadows asked", "daughter joy phones
nightly", "wife summer rang at midnight". The word lists keep such words (an English word in
lower case is almost never a name), and the cue rules want a capital. What marks the name here
is where it stands: after a word of kinship or care, and before a verb only a person is the
subject of (rang, phoned, asked, visits, was, ...). Read:

* a relation word (either case, not a preposition such as "with" or "to"), then a listed given
  name in lower case that is no clinical word, then perhaps a surname in lower case (a listed
  surname, or a word no list knows), then a finite verb of the closed list below.

"son will visit", "daughter may phone", "wife also rang", "partner aware" stay: a modal is
followed by a verb's plain form, which is not in the list, and "also" or "aware" is no name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_lexicon import CALENDAR_WORDS, Lexicon
from medlocal.privacy.deid_people_words import FUNCTION_CUES, RELATIONS
from medlocal.privacy.deid_spans import Redaction, label

_KIN = RELATIONS - FUNCTION_CUES - {"member", "worker", "manager", "officer", "coach"}
# What a person does in a note, as the verb after their name: finite forms only.
_FINITE = frozenset(
    {
        "is", "was", "has", "had", "rang", "rings", "called", "calls", "phoned", "phones",
        "texted", "texts", "emailed", "emails", "visited", "visits", "asked", "asks", "says",
        "said", "lives", "lived", "came", "comes", "stays", "stayed", "reports", "reported",
        "attended", "attends", "brought", "brings", "agrees", "agreed", "wants", "wanted",
        "states", "stated", "feels", "felt", "thinks", "thought", "knows", "works", "worked",
        "arrived", "arrives", "collects", "collected", "confirmed", "confirms", "helps",
        "helped", "drives", "drove", "cares", "cared", "manages", "managed", "declined",
        "consented", "requested", "requests", "present", "updated", "informed", "prefers",
        "wishes", "signed", "spoke", "speaks", "raised", "queried", "queries",
    }
)  # fmt: skip
_WORD = r"[a-z][a-z'’-]{1,24}"
_LOWER_NAME = re.compile(
    # Only the relation is consumed: the words after it are read ahead, so each word may be
    # the next match's relation ("his partner faith wells was").
    rf"(?<![\w'’-])(?P<r>[A-Za-z][a-z-]+)(?=[ \t]+(?P<g>{_WORD})(?:[ \t]+(?P<s>{_WORD}))?"
    rf"[ \t]+(?P<v>[a-z]+)\b)"
)


def lower_relative_spans(text: str, lex: Lexicon) -> Iterator[Redaction]:
    """The lower-case names of relatives and carers in ``text`` (see the module's docstring)."""
    for match in _LOWER_NAME.finditer(text):
        if match.group("r").lower() not in _KIN:
            continue
        given = match.group("g")
        if given not in lex.given_names or given in _FINITE:
            continue
        # A month that is also a given name ("april", "may", "june") counts only with a
        # surname after it: "daughter may phone" stays.
        month = given in CALENDAR_WORDS
        if lex.clinical(given) and not month:
            continue
        surname, verb = match.group("s"), match.group("v")
        if month and (surname is None or surname in _FINITE):
            continue
        if surname is None and verb in _FINITE:
            end = match.end("g")
        elif surname is not None and surname in _FINITE:
            end = match.end("g")  # "daughter joy phones nightly"
        elif surname is not None and verb in _FINITE and _surname(surname, lex):
            end = match.end("s")
        else:
            continue
        start = match.start("g")
        yield Redaction("name", start, end, text[start:end], label("name"))


def _surname(word: str, lex: Lexicon) -> bool:
    """A lower-case word after a given name that reads as its surname: listed, or unknown."""
    return not lex.clinical(word) and (word in lex.surnames or not lex.known(word))
