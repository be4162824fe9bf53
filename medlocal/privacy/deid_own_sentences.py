"""MedLocal's own sentences read as they are shown (walk 52a M2, review 52b F1).

An answer's notes are MedLocal's wording around what it inserts from elsewhere, shown after a
lead ("Note: the model's draft, set aside, repeats an earlier answer of this chat …, so it may
not answer "<the question>" …"), so each opens in lower case. Read alone, such a line looks
typed all in lower case, and its re-casing (:mod:`~medlocal.privacy.deid_case`) capitalised
plain words of MedLocal's wording: "earlier" and "may" were removed as [NAME] (walk 52a).

Reading the whole note as ordinary prose instead (walk 52a's first fix) let through what a note
inserts: the user's question as typed, in lower case ("did dr hastings stop …"), a file name
("tamsin_rowe_gp_letter.txt"), another patient stored in lower case (review 52b F1). So a note
is still re-cased as a lower-case line, and only the capitals the re-casing gave MedLocal's own
plain words are taken back: an English word (a month's: "may", "march") or an inflection of one
that no name list holds ("earlier"), outside every quote, after no title, relation or role
("dr may") and beside no number ("may 3"). Every other re-cased word keeps its capital and is
read as the rules read names.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_case import recase
from medlocal.privacy.deid_echoes import quoted_spans
from medlocal.privacy.deid_lexicon import Lexicon, fold
from medlocal.privacy.deid_ocr import ocr_repaired, underscores_as_spaces
from medlocal.privacy.deid_people_words import FUNCTION_CUES, RELATIONS, ROLES, TITLES

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# After these a plain word is a name ("dr may", "my son mark"), as the re-casing reads them.
_NAME_CUES = TITLES | (RELATIONS - FUNCTION_CUES) | ROLES
# Endings of an English word's inflections, with what the stem ends in before them:
# "earlier" -> "early", "hoped" -> "hope", "stopped" -> "stop".
_INFLECTIONS = (
    ("ier", "y"), ("iest", "y"), ("ied", "y"), ("ies", "y"), ("er", ""), ("er", "e"),
    ("est", ""), ("est", "e"), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"),
    ("ly", ""), ("es", ""), ("s", ""),
)  # fmt: skip


def sentence_case(text: str) -> str:
    """``text`` with its first word's first letter a capital, same length (offsets keep);
    unchanged where it opens with a number ("12 mg"), a capital, or a letter whose capital is
    written with more letters ("ß")."""
    for i, char in enumerate(text):
        if char.isdigit():
            return text
        if not char.isalpha():
            continue
        upper = char.upper()
        if char.islower() and len(upper) == 1:
            return text[:i] + upper + text[i + 1 :]
        return text
    return text


def _english(lower: str, lex: Lexicon) -> bool:
    """A plain English word or an inflection of one, that no list of names or places holds."""
    if lex.name_like(lower) or lower in lex.places or lower in TITLES:
        return False
    if lower in lex.english:
        return True
    for ending, stem_end in _INFLECTIONS:
        if lower.endswith(ending) and len(lower) - len(ending) >= 3:
            stem = lower[: -len(ending)]
            if stem[-2:-1] == stem[-1:] and ending[0] in "ei":
                stem = stem[:-1]  # "stopped" -> "stop"
            if stem + stem_end in lex.english:
                return True
    return False


def _plain_word(lower: str, lex: Lexicon) -> bool:
    """A word of MedLocal's wording the re-casing may capitalise though it names no one: an
    English word (a month's, "may", which name lists also hold) or an inflection of one."""
    if lower in TITLES:
        return False
    return lower in lex.english or _english(lower, lex)


def notes_as_read(text: str, notes: list[tuple[int, int]], lex: Lexicon) -> str:
    """``text`` (the parts of an export read as one) with each note's span, ``notes`` as
    (start, end), read as the rules should read it: re-cased as the redactor re-cases the whole
    text, but for the capitals it gave MedLocal's own plain words (see the module docstring),
    and opening with a capital, so that the redactor reads it as written here. Same length."""
    if not notes:
        return text
    recased = recase(underscores_as_spaces(ocr_repaired(text)), lex)
    # Only the re-casing's changes of case are taken: the mended letters and underscores are
    # the redactor's own reading, made again when it reads the result.
    read = [r if r.lower() == t.lower() else t for r, t in zip(recased, text, strict=True)]
    for start, end in notes:
        note = text[start:end]
        quotes = quoted_spans(note)
        before = ""
        words: list[tuple[int, int, bool]] = []  # (start, end, MedLocal's plain word)
        for match in _WORD.finditer(note):
            word, lo, hi = match.group(), start + match.start(), start + match.end()
            cue, before = before, fold(word).rstrip(".")
            if "".join(read[lo:hi]) == word:
                words.append((lo, hi, True))  # as written: breaks a run of names
                continue
            own = (
                not any(a <= match.start() and match.end() <= b for a, b in quotes)
                and cue not in _NAME_CUES  # "dr may": a name
                and not re.search(r"\d", text[max(start, lo - 4) : hi + 5])  # "may 3": a date
                and _plain_word(fold(word), lex)
            )
            words.append((lo, hi, own))
        for i, (lo, hi, own) in enumerate(words):
            # A plain word beside a name the re-casing found is part of it ("may penhaligon").
            beside = words[i - 1 : i] + words[i + 1 : i + 2]
            if own and all(other for _, _, other in beside) and "".join(read[lo:hi]) != text[lo:hi]:
                read[lo:hi] = list(text[lo:hi])
        shown = sentence_case("".join(read[start:end]))
        read[start:end] = list(shown)
    return "".join(read)
