"""A clinical trial's name is no person's (dev28: "KATHERINE trial", "OlympiA trial", "PAOLA
study", "MONALEESA-2" were read as names, and as the patient's own where she was a Katherine).

Trials are named by acronyms written in capitals, whole or with one small letter in them
("WOMAN", "KATHERINE", "OlympiA", "GiACTA", "AcT"), and read with "trial" or "study" after them
or a trial's number joined by a hyphen ("MONALEESA-2", "PALOMA-3", "HOPE-B"). A name written in
capitals ("KATHERINE WALSH") has a capitalised word after it, not "trial"; a name in title case
before "trial" ("Mr Smith trial of void") is not read here at all.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_spans import Redaction
from medlocal.privacy.deid_tokens import Tok

# A name with a capital inside ("McDonald", "DeShawn", "LaToya") is a person's, not an acronym.
_NAME_PREFIX = re.compile(r"(?:Mc|Mac|De|Di|Da|Du|La|Le|Lo|Van|Von|Fitz|St)[A-Z]")
# What follows a trial's name: "trial", "study" (capitalised or not), or a hyphen and its
# number or letter ("-2", "-B", "-AIO", "4-AIO").
_TRIAL_AFTER = re.compile(
    r"(?:\d{0,2}(?:-[A-Z0-9]{1,4})*)?(?:[ \t]+(?:trial|study|TRIAL|STUDY|Trial|Study)s?\b)"
    r"|-(?:\d{1,3}|[A-Z])\b(?!-\d)"
    # Round 20: a trial's data or report joined by a hyphen ("ARTESiA-Daten", "CATIE-data"),
    # and a trial's number written on to its name ("CAPP2", "DEFUSE3"): no name ends in a digit.
    r"|-(?:Daten|Studie|data|Data|Studien|studie|donnees|datos|dati)\b"
    r"|\d{1,2}(?![\w-])"
)
# Round 20: a trial cited for a decision ("per KATHERINE;", "as in PALOMA,"): a word of capitals
# after "per" with a stop of the sentence or a list right after it, not a capitalised word (a
# name in capitals has its other part after it: "per KATHERINE WALSH").
_CITED_BEFORE = re.compile(r"\b(?:per|as in|cf\.?|see)[ \t]+\Z")
_CITED_AFTER = re.compile(r"[ \t]*(?:[;,)]|\.(?:[ \t]|\Z)|\n|\Z)")


def _trial_word(word: str) -> bool:
    """Capitals, two at least, perhaps with small letters ("WOMAN", "OlympiA", "AcT")."""
    return (
        len(word) >= 3
        and word.isalpha()
        and word[0].isupper()
        and sum(c.isupper() for c in word) >= 2
        and not _NAME_PREFIX.match(word)
    )


def trial_name_at(text: str, start: int, end: int) -> bool:
    """Whether the word at ``start:end`` names a trial by the shape and what follows it."""
    return _trial_word(text[start:end]) and _TRIAL_AFTER.match(text, end) is not None


def _cited_trial(text: str, tok: Tok) -> bool:
    """A word of capitals only, four letters at least, cited after "per" (see above)."""
    word = tok.word
    return (
        len(word) >= 4
        and word.isalpha()
        and word.isupper()
        and _CITED_BEFORE.search(text, max(0, tok.start - 8), tok.start) is not None
        and _CITED_AFTER.match(text, tok.end) is not None
    )


def protect_trial_names(tokens: list[Tok], text: str) -> None:
    """A trial's acronym, and the acronyms before it in the same name ("ODYSSEY OUTCOMES
    trial"), read as no name."""
    for i, tok in enumerate(tokens):
        if tok.shape not in ("caps", "title"):
            continue
        if not (trial_name_at(text, tok.start, tok.end) or _cited_trial(text, tok)):
            continue
        tok.shape = "lower"
        j = i - 1
        while (
            j >= 0
            and text[tokens[j].end : tokens[j + 1].start] == " "
            and (tokens[j].word.isupper() and len(tokens[j].word) >= 3)
        ):
            tokens[j].shape = "lower"
            j -= 1


# Round 20: a trial's data or report joined to its name, taken whole as a name by a rule that
# reads hyphenated words ("ARTESiA-Daten besprochen").
_TRIAL_REPORT = re.compile(r"([^\W\d_]{3,})-(?:Daten|Studie|Studien|data|Data|donnees|datos|dati)")


def without_trial_reports(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` less a trial's name with its data or report joined by a hyphen."""
    kept: list[Redaction] = []
    for red in redactions:
        found = _TRIAL_REPORT.fullmatch(red.original) if red.kind == "name" else None
        if found is None or not _trial_word(found.group(1)):
            kept.append(red)
    return kept
