"""Organisations told by their legal form (ninth round): a capitalised name before a company
suffix is an organisation whatever its words are ("Tri-County Pathology Associates, LLC",
"Lakeshore Neurology Group, P.C.", "Hargreave Haulage Ltd", "Fysio Kungsholmen AB", "Medikor
sp. z o.o."), and the suffix goes with it. A run of clinical words or products stays; a drug
maker's name goes too ("Pfizer Inc."): over-redaction, which the preview lets the user keep.

Round 19: the name starts after a sentence's end inside it. "Discussed with Torvald Eikeland.
ASA 3 for theatre" names a person and an anaesthetic grade, not "Torvald Eikeland. ASA" (a full
stop after a word that is no abbreviation ends a sentence).
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_lexicon import Lexicon
from medlocal.privacy.deid_tokens import TOKEN, WordSpan

# Suffixes that are nothing else in a note, and short ones that are also clinical letters
# ("Blood Group AB", "SA node", "GTN SL"): after those the name needs a word no list knows.
_SUFFIX = (
    r"L\.?L\.?C\.?|P\.?L\.?L\.?C\.?|L\.?L\.?P\.?|P\.C\.|Inc\.?|Incorporated|Ltd\.?|Limited|"
    r"PLC|plc|Corp\.?|Corporation|GmbH|Pty\.?[ \t]+Ltd\.?|Pvt\.?[ \t]+Ltd\.?|Sdn\.?[ \t]+Bhd\.?|"
    r"Co\.,?[ \t]+Ltd\.?|sp\.[ \t]+z[ \t]+o\.o\.|s\.r\.o\.|"
    # Round 20: a South African company's bracketed form ("Sasol (Pty) Ltd").
    r"\(Pty\)[ \t]+Ltd\.?"
)
_SHORT_SUFFIX = (
    # Round 20: a Mexican company's full form ("S.A. de C.V.") before its short one.
    r"AB|AG|ASA|A/S|ApS|Oy|BV|B\.V\.|NV|N\.V\.|S\.A\.[ \t]+de[ \t]+C\.V\.|S\.A\.|SA|S\.L\.|"
    r"SpA|S\.p\.A\.|S\.r\.l\.|SRL|"
    r"K\.K\.|Kft\.?|e\.V\."
)
_COMPANY = re.compile(
    # One to six capitalised words (an ampersand or "of", "and", "the" between), then the suffix.
    r"(?<![\w&'’.-])(?P<v>[A-Z][\w'’&.-]*(?:[ \t]+(?:&|and|of|the|[A-Z][\w'’&.-]*)){0,5})"
    rf"(?:,[ \t]*|[ \t]+)(?:(?P<s>{_SUFFIX})|(?P<short>{_SHORT_SUFFIX}))(?![\w/])"
)


# A full stop after a word of three letters or more with a small letter in it, then a blank or
# the name's end (the blank before the suffix):
# a sentence's end ("Nordmann. "), not an abbreviation of a name's part ("St. ", "Bros. ",
# "Intl. ", "A.B. ").
_SENTENCE_END = re.compile(r"[A-Za-z]*[a-z][A-Za-z]{1,}\.(?:[ \t]+|\Z)")
_ABBREVIATIONS = frozenset(
    {"bros", "intl", "mfg", "assoc", "dept", "corp", "nat", "natl", "int", "ste", "mt", "ft"}
)


def _after_sentence_end(match: re.Match[str]) -> int:
    """Where the name of a ``_COMPANY`` match starts once a sentence's end inside it is left."""
    start = match.start("v")
    for end in _SENTENCE_END.finditer(match.group("v")):
        if end.group().rstrip(". \t").lower() not in _ABBREVIATIONS:
            start = match.start("v") + end.end()
    return start


# A grade after a short suffix makes it a scale's name ("ASA III", "ASA 2E"), not a company's.
_GRADE_AFTER = re.compile(r"[ \t]+(?:[IV]{1,3}|VI|[1-6])E?(?![\w-]|\.\w)")


def company_names(text: str, lex: Lexicon) -> list[WordSpan]:
    """The organisations in ``text`` named with a legal form, each with its suffix."""
    found: list[WordSpan] = []
    for match in _COMPANY.finditer(text):
        start = match.start("v")
        if "." in match.group("v"):
            start = _after_sentence_end(match)
            if start >= match.end("v"):
                continue
        value = text[start : match.end("v")]
        words = [m.group().rstrip("'’.").lower() for m in TOKEN.finditer(value)]
        plain = [w for w in words if w not in ("&", "and", "of", "the")]
        if not plain or all(lex.clinical(w) or w in lex.products for w in plain):
            continue
        if match.group("short") and all(lex.known(w) for w in plain):
            continue
        if match.group("short") and _GRADE_AFTER.match(text, match.end()):
            continue  # "Mallampati II, ASA III": the anaesthetic grade (session 42, walk 42d)
        found.append(WordSpan("facility", start, match.end()))
    return found
