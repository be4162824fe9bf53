"""Names written with initials, which the word scan's lists cannot vouch for.

* Initials before a surname: "C. Obi", "T. Will", "P. du Plessis", "J.H. Park". The surname may
  be an English word ("Will", "Stone"): initials with full stops before a capitalised word are a
  person's name far more often than anything else in a note.
* A surname before its initials: "Stone, P.", "Park J.H." (two or more initials, so that
  "Hepatitis B." and "Vitamin D." stay).
* Initials alone where a signature stands: after a title ("Dr RM"), at the end of a line after a
  dash or a role ("— BB", "Triage RN: KW"). Clinical abbreviations ("NAD", "ICU") are not taken.

* A name typed in lower case where a signature stands: after "by", "per" or "cc" a word that
  is no English or clinical word ("authorised by njoroge"), or words before a role ("handed
  over by rose hill RN", "taken by: bethan (receptionist)").

Organisms ("E. Coli", "S. Aureus") and clinical words after an initial are left, and so are
plain words after "by" ("by mouth", "per protocol").
"""

from __future__ import annotations

import re

from medlocal.abbreviations import default_abbreviations
from medlocal.privacy.deid_lexicon import Lexicon
from medlocal.privacy.deid_people_words import PARTICLES, ROLE_AFTER
from medlocal.privacy.deid_place_words import GENERIC, REGIONS, STREET_WORDS
from medlocal.privacy.deid_tokens import Tok, WordSpan, word_end

# Initials, each with its full stop ("C.", "J.H.", "J. H."), then a surname, perhaps after
# particles ("P. du Plessis", "A. van der Berg").
_INITIALS_FIRST = re.compile(
    r"(?<![^\s(:;,\[])(?:[A-Z]\.[ \t]?){1,3}(?:(?:" + "|".join(sorted(PARTICLES)) + r")[ \t]+){0,2}"
    r"(?=[A-Z][a-z])"
)
# A surname, then a comma and initials ("Stone, P."), or two or more initials ("Park J.H.").
# Not before a number: "Independencia, C.P. 64720" is a postcode's label.
_INITIALS_AFTER = re.compile(
    r"(?:,[ \t]*(?:[A-Z]\.[ \t]?){1,3}|[ \t]+[A-Z]\.[ \t]?[A-Z]\.)(?!\w)(?![ \t]*\d)"
)
# Two or three capitals where a signature stands.
_SIGNED_INITIALS = re.compile(
    r"(?:\b(?:Dr|Mr|Mrs|Ms|Prof)\.?[ \t]+(?P<titled>[A-Z]{2,3})\b(?![ \t]*[a-z])"
    r"|(?:[—–-]|\b(?:RN|RM|MD|NP|PA|HCA|CNA|EN|Nurse|Midwife|Signed|Sig|Initials|By|Per)\b\.?:?)"
    r"[ \t]*(?P<signed>[A-Z]{2,3})[ \t]*$)",
    re.M,
)
_LOWER_SIGNATURE = re.compile(
    r"\b(?:by|per|cc|signed|sig)\b:?[ \t]+(?P<first>[a-z][a-z'’-]+)"
    r"(?:[ \t]+(?P<second>[a-z][a-z'’-]+))?"
)
_NOT_SURNAMES = GENERIC | STREET_WORDS | REGIONS


def _surname(tok: Tok, lex: Lexicon) -> bool:
    """A capitalised word that may be a surname: not protected, clinical or a facility word."""
    lower = tok.lower.rstrip("'’").removesuffix("'s")
    return (
        tok.shape == "title"
        and not lex.clinical(lower)
        and lower not in _NOT_SURNAMES
        and not (lex.known(lower) and lex.inflected(lower) and not lex.name_like(lower))
    )


def initial_names(text: str, tokens: list[Tok], lex: Lexicon) -> list[WordSpan]:
    """Names with initials in ``text``, whose words are ``tokens`` as the scan read them."""
    at = {tok.start: tok for tok in tokens}
    found: list[WordSpan] = []
    for match in _INITIALS_FIRST.finditer(text):
        tok = at.get(match.end())
        if tok is not None and _surname(tok, lex):
            found.append(WordSpan("name", match.start(), word_end(tok)))
    for tok in tokens:
        after = _INITIALS_AFTER.match(text, word_end(tok))
        if after and _surname(tok, lex) and (lex.name_like(tok.lower) or not lex.known(tok.lower)):
            found.append(WordSpan("name", tok.start, after.end()))
    found += _lower_case_signatures(text, lex)
    senses = default_abbreviations().senses
    for match in _SIGNED_INITIALS.finditer(text):
        group = "titled" if match.group("titled") else "signed"
        if match.group(group) not in senses:
            found.append(WordSpan("name", match.start(group), match.end(group)))
    return found


def _lower_case_signatures(text: str, lex: Lexicon) -> list[WordSpan]:
    found: list[WordSpan] = []
    for match in _LOWER_SIGNATURE.finditer(text):
        words = [g for g in ("first", "second") if match.group(g)]
        for size in (2, 1):  # the two words before a role, else the first word alone
            if len(words) < size:
                continue
            end = match.end(words[size - 1])
            if any(lex.clinical(match.group(g)) for g in words[:size]):
                continue
            role = ROLE_AFTER.match(text, end) is not None
            if role or (
                size == 1 and len(match.group("first")) > 2 and not lex.known(match.group("first"))
            ):
                found.append(WordSpan("name", match.start("first"), end))
                break
    return found
