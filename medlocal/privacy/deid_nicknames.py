"""Nicknames (eleventh round): what a person is called besides their name.

* In brackets right after a found name ("Chiamaka Walker (Chi-Chi)", "Jimmy Tjapaltjarri (Old
  Jimmy)", 'Dolores ("Lola")'): a listed given name or a word no dictionary has among its
  words, none clinical or a role ("Hodan Ali (interpreter)", "Bea (RN)" stay);
* after "goes by", "known as", "aka", "nicknamed" or "prefers to be called" ("goes by TJ");
* in quotes before a full name in brackets ('Flatmate "Woody" (Ben Woodward)');
* a parent or husband after "s/o", "d/o" or "w/o" ("Rajeswari d/o Muthu").
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_eponyms import EPONYM_HEADS
from medlocal.privacy.deid_lexicon import Lexicon, fold
from medlocal.privacy.deid_people_words import RELATIONS, ROLES, TITLES
from medlocal.privacy.deid_place_words import GENERIC
from medlocal.privacy.deid_tokens import WordSpan

_WORD = r"[A-Z][\w'’-]*"
# Perhaps quoted inside the brackets ('DOLORES ("LOLA")').
_IN_BRACKETS = re.compile(rf"[ \t]*\([ \t]*[\"“'‘]?(?P<v>{_WORD}(?:[ \t]{_WORD})?)[\"”'’]?[ \t]*\)")
_CUED = re.compile(
    r"\b(?i:goes[ \t]+by|known[ \t]+as|aka|a\.k\.a\.|nicknamed|prefers[ \t]+to[ \t]+be[ \t]+"
    r"called|likes[ \t]+to[ \t]+be[ \t]+called)[ \t]*[:\"“'‘]?[ \t]*"
    rf"(?P<v>[A-Z]{{2,3}}\b|{_WORD}(?:[ \t]{_WORD})?)"
)
# A parent or husband named after "s/o", "d/o" or "w/o" ("Rajeswari d/o Muthu").
_OF_PARENT = re.compile(rf"\b(?:[sdw]/o|[SDW]/O)[ \t]+(?P<v>{_WORD}(?:[ \t]{_WORD})?)")
# A disease or sign after the value: "known as Wegener's granulomatosis" names a condition.
_CONDITION_AFTER = re.compile(
    r"[ \t]+(?:" + "|".join(sorted(EPONYM_HEADS, key=len, reverse=True)) + r"|\w+(?:osis|itis))\b",
    re.I,
)
_QUOTED_BEFORE_NAME = re.compile(
    r"[\"“'‘](?P<v>[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?)[\"”'’][ \t]*\((?=[A-Z][a-z]+[ \t]+[A-Z][a-z])"
)


def nicknames(text: str, found: list[WordSpan], lex: Lexicon) -> list[WordSpan]:
    """The nicknames in ``text``, given the names already ``found``."""
    out: list[WordSpan] = []
    for span in found:
        if span.kind != "name":
            continue
        match = _IN_BRACKETS.match(text, span.end)
        if match is not None and _nickname(match.group("v"), lex):
            out.append(WordSpan("name", match.start("v"), match.end("v")))
    for pattern in (_CUED, _QUOTED_BEFORE_NAME, _OF_PARENT):
        for match in pattern.finditer(text):
            value = match.group("v")
            words = [fold(w) for w in value.split()]
            if pattern is _CUED and not (
                (value.isupper() and len(value) <= 3)
                or (_nickname(value, lex) and not _CONDITION_AFTER.match(text, match.end("v")))
            ):
                continue  # "known as Lynch syndrome", "known as Frequent Attender", "goes by Mum"
            if not any(lex.clinical(w) or w in TITLES for w in words):
                # "d/o" goes with the names it joins: it tells whose daughter she is.
                start = match.start() if pattern is _OF_PARENT else match.start("v")
                out.append(WordSpan("name", start, match.end("v")))
    return out


def _nickname(value: str, lex: Lexicon) -> bool:
    words = [fold(w).rstrip("'’") for w in value.split()]
    if all(w in RELATIONS for w in words) or any(
        lex.clinical(w) or w in GENERIC or w in TITLES or w in ROLES for w in words
    ):
        return False
    if value.isupper() or any(len(w) <= 4 and not w[1:].islower() for w in value.split()):
        return False  # "(RN)", "(SCW)", "(StR)": a role or a service, not a person's name
    return any(w in lex.given_names or not lex.known(w) for w in words)
