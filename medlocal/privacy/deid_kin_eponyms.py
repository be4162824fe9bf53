"""A disease named after a person, written right after a word for a relative, is the relative's
disease, not the relative's name (issue 16, session 60, deid60c).

A family history writes "Aunt Lynch syndrome", "Mother Addison's", "Son Asperger's", "Father
Child-Pugh B", "Madre Sjögren", "Tante Lynch-Syndrom". The word scan and the statistical line
read the capitalised word after the relation as the relative's name and removed it (strict
xfails of review59d). The word is kept where it is an eponym (deid_kin_names' test) and:

* a head word follows it ("syndrome", "disease", "chorea", ...: "Aunt Lynch syndrome"), or it is
  joined to one by a hyphen in another language ("Lynch-Syndrom", "Down-Syndrom");
* or it is written possessive or hyphenated ("Addison's", "Child-Pugh") and ends its clause or
  comes before a clinical word ("Mother Addison's, on hydrocortisone"), or it is a clinical
  word no name list knows that ends its clause ("Madre Sjögren, padre sano"; not "Daughter
  Meadow rings", a name as often as Meadow's syndrome).

What still goes: a bare given name ("Son Wilson visited", "Mutter Addison"), a possessive
before an ordinary noun ("Aunt Lynch's address", "Mother Grace's phone"), and a possessive after
a place's preposition, the relative's home ("staying at Uncle Wilson's").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_kin_names import _HEAD_AFTER, KIN_WORDS, _eponym
from medlocal.privacy.deid_lexicon import Lexicon, fold
from medlocal.privacy.deid_spans import Redaction
from medlocal.privacy.deid_word_alternation import by_first_character

# Grouped by first character (deid_word_alternation: the same matches, tried in the same order),
# longest first as before: the plain alternation of ~300 words was the costliest single search
# of a 20-page record (~17 ms; session 61).
_KIN = by_first_character(sorted(KIN_WORDS, key=lambda word: len(re.escape(word)), reverse=True))
_KIN_THEN_WORD = re.compile(
    rf"(?<![\w'’-])(?i:{_KIN})(?![\w'’-])(?:[ \t]*:)?[ \t]+"
    r"(?P<w>[^\W\d_a-z][^\W\d_]*(?:-[^\W\d_]+)*)(?P<s>['’]s)?"
)
# The heads that make the word before them a disease a relative has ("Aunt Lynch syndrome",
# "Father Huntington chorea"); not the instruments' and signs' heads of deid_eponyms
# ("Daughter Meadow rings", "Son Bell sign").
_DISEASE_HEADS = frozenset(
    {"syndrome", "disease", "chorea", "dementia", "anaemia", "anemia", "palsy", "carrier",
     "trait", "ataxia", "dystrophy", "disorder", "thyroiditis", "lymphoma", "sarcoma",
     "tumour", "tumor", "encephalopathy", "paralysis", "myopathy", "neuropathy"}
)  # fmt: skip
# Another language's head joined by a hyphen: "Lynch-Syndrom", "Down-Syndrom", "Crohn-Krankheit".
_JOINED_HEAD = re.compile(
    r"-(?i:syndrom|syndrome|síndrome|sindrome|sindrom|krankheit|erkrankung|ziekte|disease)$"
)
# What may follow a possessive or bare eponym: the clause's end, a bracket, or words that go on
# with a family history ("Mother Addison's as well", "Aunt Sjögren, diagnosed at 40").
_CLAUSE_END = re.compile(
    r"[ \t]*(?:[,;.:)(]|$)|[ \t]+(?:as[ \t]+well|too|also|diagnosed|dx|aged|since)\b", re.M
)
_NEXT_WORD = re.compile(r"[ \t]+(?P<w>[^\W\d_]+)")
# A grade or class after a score's eponym: "Child-Pugh B", "Child-Pugh 7".
_GRADE = re.compile(r"[ \t]+(?:[A-D]|\d{1,2})\b")


# A place's preposition before the relation: "Staying at Uncle Wilson's, 3 miles away" is the
# uncle's home, and "Wilson" his surname (review60e).
_PLACE_BEFORE = re.compile(
    r"(?i:\b(?:at|to|from|with|near|via|chez|bei|zu|da|en[ \t]+casa[ \t]+de|a[ \t]+casa[ \t]+di))"
    r"[ \t]+\Z"
)


def _kept_word(text: str, match: re.Match[str], lex: Lexicon) -> bool:
    word = match.group("w")
    possessive = match.group("s") is not None
    if possessive and _PLACE_BEFORE.search(text, max(0, match.start() - 20), match.start()):
        return False
    if _JOINED_HEAD.search(word):
        return True
    after = _HEAD_AFTER.match(text, match.end("w"))
    if after is not None and after.group("h").lower() in _DISEASE_HEADS:
        return True  # "Aunt Lynch syndrome"
    hyphenated = "-" in word
    if possessive or hyphenated:
        if not _eponym(word + (match.group("s") or ""), None, lex) and not (
            hyphenated and lex.clinical(fold(word).lower())
        ):
            return False
    elif not (lex.clinical(fold(word).lower()) and not lex.name_like(word.lower())):
        return False  # a bare word: only one no name list knows ("Sjögren", not "Addison")
    end = match.end()
    if _CLAUSE_END.match(text, end) is not None or _GRADE.match(text, end) is not None:
        return True
    if not (possessive or hyphenated):
        return False  # a bare word before more words is a name ("Daughter Meadow rings")
    nxt = _NEXT_WORD.match(text, end)
    return nxt is not None and lex.clinical(nxt.group("w").lower())


def kin_eponym_words(text: str, lex: Lexicon) -> list[tuple[int, int, int]]:
    """(the relation's start, the eponym's start and end) for the eponyms written right after
    a relation's word in ``text`` (see the module's docstring)."""
    return [
        (match.start(), *match.span("w"))
        for match in skipped_finditer(_KIN_THEN_WORD, text)
        if _kept_word(text, match, lex)
    ]


def without_kin_eponyms(
    text: str, lex: Lexicon, *lists: Iterable[Redaction]
) -> tuple[list[Redaction], ...]:
    """Each of ``lists`` less the names within an eponym after a relation's word, and the
    spans that join the relation's word to the eponym and nothing else (the statistical line's
    "[Tante Lynch-Syndrom]"). The text is searched once for all the lists (session 61: the
    rules' and the statistical line's spans were each searched for, ~17 ms a 20-page record)."""
    words = kin_eponym_words(text, lex)
    return tuple(_without_words(list(redactions), words) for redactions in lists)


def _without_words(found: list[Redaction], words: list[tuple[int, int, int]]) -> list[Redaction]:
    if not words:
        return found
    return [
        red
        for red in found
        if not any(
            (red.kind == "name" and w <= red.start and red.end <= b)
            or (red.start == k and red.end == b)
            for k, w, b in words
        )
    ]
