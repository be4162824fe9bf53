"""Nicknames (eleventh round): what a person is called besides their name.

* In brackets right after a found name ("Chiamaka Walker (Chi-Chi)", "Jimmy Tjapaltjarri (Old
  Jimmy)", 'Dolores ("Lola")'): a listed given name or a word no dictionary has among its
  words, none clinical or a role ("Hodan Ali (interpreter)", "Bea (RN)" stay);
* after "goes by", "known as", "aka", "nicknamed" or "prefers to be called" ("goes by TJ");
* in quotes before a full name in brackets ('Flatmate "Woody" (Ben Woodward)');
* a parent or husband after "s/o", "d/o", "w/o", "a/l" or "a/p" ("Rajeswari d/o Muthu");
* thirteenth round: a name in quotes or brackets right after a relation ('boyfriend "Dazza"'),
  and a child's name before their age in brackets ("Amara (7, Year 2)", "Tiko (4y)");
* round 19: a surname after "married name", "maiden name", "birth name" or "née"
  ("her married name is Quarrie", "née Brackley"), even a word that names a disease or a thing
  there: the cue says it is a name.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_eponyms import EPONYM_HEADS
from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import CLINICAL_SHORT, Lexicon, fold
from medlocal.privacy.deid_people_words import FUNCTION_CUES, RELATIONS, ROLES, TITLES
from medlocal.privacy.deid_place_words import GENERIC
from medlocal.privacy.deid_tokens import WordSpan

_WORD = r"[A-Z][\w'’-]*"
# Perhaps quoted inside the brackets ('DOLORES ("LOLA")').
_IN_BRACKETS = re.compile(
    rf"[ \t]*\([ \t]*(?P<q>[\"“'‘])?(?P<v>{_WORD}(?:[ \t]{_WORD})?)[\"”'’]?[ \t]*\)"
)
_CUED = re.compile(
    r"\b(?i:goes[ \t]+by|known[ \t]+as|aka|a\.k\.a\.|nicknamed|prefers[ \t]+to[ \t]+be[ \t]+"
    r"called|likes[ \t]+to[ \t]+be[ \t]+called|display[ \t]+name|preferred[ \t]+name|"
    # Round 15: "prefers" before a quote ('prefers "E"', 'prefers "Jo"').
    r"nickname|prefers(?=[ \t]*[\"“'‘]))[ \t]*:?[ \t]*(?P<q>[\"“'‘])?[ \t]*"
    rf"(?P<v>[A-Z]{{1,3}}\b|{_WORD}(?:[ \t]{_WORD})?)(?P<closed>[\"”'’](?!\w))?"
)
# A child's name before their age in brackets ("Amara (7, Year 2)", "Tiko (4y)"); not a code's
# capitals before a bracketed field ("UDI (01)0088...").
# Walk 25: not an area code before its number ("Telefone (51) 3359-8000").
_BEFORE_AGE = re.compile(
    r"\((?:aged?[ \t]*)?(?!0)\d{1,2}(?!\d)[ \t]*(?:y|yo|yrs?|years?|m|mo|months?)?[ \t]*"
    r"(?:[,;]|\)(?![ \t]*\d))"
)
# The name before that bracket (the scan starts at the bracket: cheaper than at every word).
_NAME_BEFORE_AGE = re.compile(r"(?<![\w'’-])(?P<v>[A-Z][a-z][\w'’-]*)[ \t]+\Z")
# Thirteenth round: a name in quotes or brackets right after a relation ('mum's boyfriend
# "Dazza"', "daughter (Shaz)", 'her mother "MaNdlovu"'); in quotes any capitalised word that is
# no clinical word, in brackets only a listed name or a word no dictionary has.
_AFTER_RELATION = re.compile(
    r"(?:(?P<q>[\"“‘])|\((?P<b>[\"“'‘])?)"
    rf"(?P<v>{_WORD}(?:[ \t]{_WORD})?)(?(q)[\"”’]|[\"”'’]?\))"
)
# The relation before that quote or bracket (the scan starts at the quote or the bracket).
_RELATION_BEFORE = re.compile(r"(?<![\w'’-])(?P<rel>[a-z][a-z-]+)[ \t]+\Z")
# A parent or husband named after "s/o", "d/o" or "w/o" ("Rajeswari d/o Muthu").
# Malaysian Indian names join a son or daughter to the father with "a/l" or "a/p" ("Rajesh a/l
# Muniandy"): the same form.
_OF_PARENT = re.compile(
    rf"\b(?:[sdw]/o|[SDW]/O|a/[lp]|A/[LP])[ \t]+(?P<v>{_WORD}(?:[ \t]{_WORD})?)"
)
# A disease or sign after the value: "known as Wegener's granulomatosis" names a condition.
_CONDITION_AFTER = re.compile(
    r"[ \t]+(?:" + "|".join(sorted(EPONYM_HEADS, key=len, reverse=True)) + r"|\w+(?:osis|itis))\b",
    re.I,
)
# What closes a preferred name in quotes: a bracket, a comma or the end of the line.
_CLOSED_ITEM = re.compile(r"[ \t]*(?:[),;]|$)", re.M)
_INITIALS_ONLY = re.compile(r"[A-Z][A-Za-z]{1,4}|(?:[A-Z]\.[ \t]?){1,3}")
_QUOTED_BEFORE_NAME = re.compile(
    r"[\"“'‘](?P<v>[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?)[\"”'’][ \t]*\((?=[A-Z][a-z]+[ \t]+[A-Z][a-z])"
)


# Round 19: a surname told by its cue ("her married name is Quarrie", "maiden name: Holt",
# "née Brackley"). One or two capitalised words.
_SURNAME_CUE = re.compile(
    r"\b(?:(?i:married|maiden|birth|former|previous)[ \t]+(?i:sur)?name"
    r"(?:[ \t]+(?:is|was|now))?[ \t]*:?|n[ée]e)[ \t]+"
    rf"(?P<v>{_WORD}(?:[ \t]{_WORD})?)"
)


def _cued_surnames(text: str) -> list[WordSpan]:
    """The surnames after "married name is", "née" and the like in ``text``."""
    if "name" not in text and "ée" not in text and "ee " not in text:
        return []
    out: list[WordSpan] = []
    for match in skipped_finditer(_SURNAME_CUE, text):
        words = [fold(w) for w in match.group("v").split()]
        if words[0] in TITLES or words[0] in ROLES or words[0] in RELATIONS:
            continue
        out.append(WordSpan("name", match.start("v"), match.end("v")))
    return out


def nicknames(text: str, found: list[WordSpan], lex: Lexicon) -> list[WordSpan]:
    """The nicknames in ``text``, given the names already ``found``."""
    out: list[WordSpan] = []
    for span in found:
        if span.kind != "name" or _INITIALS_ONLY.fullmatch(text, span.start, span.end):
            continue  # "CMcC (Onc)", "FB (Rad)": after initials, a bracket gives the role
        match = _IN_BRACKETS.match(text, span.end)
        if match is None:
            continue
        value = match.group("v")
        # Initials in quotes after a name are what the person is called ('Jean-Luc Roy ("JL")');
        # unquoted, "(RN)", "(SCW)" are a role or a service.
        initials = (
            match.group("q") is not None
            and value.isupper()
            and 2 <= len(value) <= 3
            and value.lower() not in CLINICAL_SHORT
        )
        if initials or _nickname(value, lex):
            out.append(WordSpan("name", match.start("v"), match.end("v")))
    out += _after_relations(text, lex)
    out += _cued_surnames(text)
    if "(" in text:
        for age in _BEFORE_AGE.finditer(text):
            match = _NAME_BEFORE_AGE.search(text, max(0, age.start() - 40), age.start())
            if match is None:
                continue
            value = match.group("v")
            lower = fold(value)
            if lower in lex.given_names or (
                not lex.known(lower) and not lex.clinical(lower) and lower not in GENERIC
            ):
                out.append(WordSpan("name", match.start("v"), match.end("v")))
    for pattern in (_CUED, _QUOTED_BEFORE_NAME, _OF_PARENT):
        for match in skipped_finditer(pattern, text):
            value = match.group("v")
            words = [fold(w) for w in value.split()]
            # In closed quotes after the cue the value is what the person is called, even a
            # word that is also clinical ('known as "Bid"').
            quoted = pattern is _CUED and bool(match.group("q") and match.group("closed"))
            if pattern is _CUED and len(value) == 1 and not quoted:
                continue  # a letter alone is a name only in quotes ('prefers "E"')
            if (
                pattern is _CUED
                and match.group().lower().startswith("prefers")
                and not (
                    quoted
                    and _CLOSED_ITEM.match(text, match.end())
                    and ((value.isupper() and len(value) <= 3) or _nickname(value, lex))
                )
            ):
                continue  # 'prefers "Morning" slots', "prefers 'Tea'": no name
            if pattern is _CUED and not (
                (value.isupper() and len(value) <= 3)
                or (quoted and _quoted_name(value))
                or (_nickname(value, lex) and not _CONDITION_AFTER.match(text, match.end("v")))
            ):
                continue  # "known as Lynch syndrome", "known as Frequent Attender", "goes by Mum"
            if quoted or not any(lex.clinical(w) or w in TITLES for w in words):
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


def _quoted_name(value: str) -> bool:
    """A value in quotes that is a name's shape: capitalised words, none a title, a relation or
    a role ('known as "Bid"'; 'known as "Mum"' stays)."""
    words = [fold(w).rstrip("'’") for w in value.split()]
    return not value.isupper() and not any(
        w in TITLES or w in RELATIONS or w in ROLES or w in GENERIC for w in words
    )


def _after_relations(text: str, lex: Lexicon) -> list[WordSpan]:
    """Names in quotes or brackets right after a relation (see ``_AFTER_RELATION``)."""
    out: list[WordSpan] = []
    for match in _AFTER_RELATION.finditer(text):
        relation = _RELATION_BEFORE.search(text, max(0, match.start() - 24), match.start())
        if relation is None or relation.group("rel") not in RELATIONS - FUNCTION_CUES:
            continue
        value = match.group("v")
        words = [fold(w).rstrip("'’") for w in value.split()]
        if any(lex.clinical(w) for w in words):
            continue  # "mother (Diabetes)", 'father "Type 2"'
        quoted = match.group("q") or match.group("b")
        if _quoted_name(value) if quoted else _nickname(value, lex):
            out.append(WordSpan("name", match.start("v"), match.end("v")))
    return out
