"""The rest of a person's name written in lower case beside a name already found ("On-coming:
rachel h, RN", "Resp physio | lucy fairclough |", "Dr Okafor okonkwo"), and a lower-case name
after a title that ends its phrase ("SW (ms. dee) re food"); issue 16, session 52 (deid52a).

Notes typed in a hurry write names in lower case; the word scan and the person growth read
capitalised words, so a found name kept its lower-case neighbour. Read by Philter's recall-first
test: a word beside a found name is part of it where no safe list explains it (not English, not
clinical, no clinical abbreviation or product, no chat shorthand: "tmrw", "fyi"), or where it is
a single letter closing the phrase (an initial: "rachel h,"). A lower-case word before a found
lower-case name is its given name where the given-name list holds it and no clinical list does
("lucy fairclough"). After a title ("ms.", "mr", "dr") a lower-case word a name list holds is a
name only where the phrase ends with it ("(ms. dee)", "dr jones,"), never before more words
("dr will review", "mr well known to us").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import Lexicon, clinical_abbreviation, fold
from medlocal.privacy.deid_people_words import RELATIONS, ROLES, TITLES
from medlocal.privacy.deid_spans import Redaction, label

_NAME_KINDS = frozenset({"name", "patient_name"})
_PERSON_WORDS = RELATIONS | ROLES | TITLES
# The next word on the same line, after spaces only.
# Never a word of an address ("john smith@...", "smith.j@...").
_WORD_AFTER = re.compile(r"[ \t]+(?P<w>[^\W\d_]+)(?=[^\w@.]|\.(?![\w@])|\Z)")
_WORD_BEFORE = re.compile(r"(?:(?<=[\s(|:,;/])|\A)(?P<w>[^\W\d_]+)[ \t]+\Z")
# A phrase's end: punctuation, a bracket, a cell's bar, the line's end.
_PHRASE_END = re.compile(r"[ \t]*(?:[,.;:)|/\]]|\n|\Z)")
# Chat shorthand no English list holds: never a surname.
_SHORTHAND = frozenset(
    {
        "tmrw", "tmw", "tomo", "thx", "thanks", "fyi", "asap", "pls", "plz", "wrt", "aka", "ext",
        "bleep", "pager", "thurs", "thur", "tues", "wed", "fri", "sat", "sun", "mon", "pharm",
        "approx", "etc", "ie", "eg", "nb", "ps", "bw", "kr", "dw", "dwt", "pt", "pts", "hx",
        "sx", "rx", "tx", "dx", "fx", "ax", "mx", "ix", "ok", "yes", "no", "lol", "am", "pm",
        "wk", "wks", "mth", "mths", "yr", "yrs", "hrs", "mins", "ff", "cont", "contd", "via",
    }
)  # fmt: skip
SHORTHAND = _SHORTHAND  # read by deid_lower_people too
# Titles that may open a lower-case name ("ms. dee", "mr jones"). "ms" only with its stop: in
# lower case alone it is also multiple sclerosis ("ms flare").
_TITLE = re.compile(r"(?<![\w.])(?:mrs|mr|miss|dr|prof|ms\.)\.?[ \t]+(?P<w>[^\W\d_]{2,})")


def _unexplained(word: str, lex: Lexicon) -> bool:
    """A lower-case word a name list holds and no safe list explains ("fairclough")."""
    lower = fold(word)
    return (
        word.islower()
        and len(lower) >= 2
        and lex.name_like(lower)
        and lower not in _SHORTHAND
        and not lex.known(lower)
        and not lex.clinical(lower)
        and not clinical_abbreviation(lower)
        and lower not in lex.products
    )


def _initial(text: str, word: re.Match[str]) -> bool:
    """A single lower-case letter closing the phrase: a surname's initial ("rachel h,")."""
    letter = word.group("w")
    return (
        len(letter) == 1
        and letter.islower()
        and letter not in "ai"
        and _PHRASE_END.match(text, word.end()) is not None
    )


def _grown(text: str, name: Redaction, lex: Lexicon) -> Iterable[Redaction]:
    after = _WORD_AFTER.match(text, name.end)
    if after is not None and (_unexplained(after.group("w"), lex) or _initial(text, after)):
        start, end = after.start("w"), after.end("w")
        yield Redaction("name", start, end, text[start:end], label("name"))
    if not text[name.start : name.start + 1].islower():
        return
    before = _WORD_BEFORE.search(text, max(0, name.start - 40), name.start)
    if before is not None:
        word = before.group("w")
        lower = fold(word)
        if (
            word.islower()
            and lower in lex.given_names
            # A relation or a role before the name is no given name of it ("son john", "nurse
            # kerry"; deid57b): "Son" is a listed given name too.
            and lower not in _PERSON_WORDS
            and not lex.clinical(lower)
            and not clinical_abbreviation(lower)
        ):
            start, end = before.start("w"), before.end("w")
            yield Redaction("name", start, end, text[start:end], label("name"))


def _titled(text: str, lex: Lexicon) -> Iterable[Redaction]:
    for title in skipped_finditer(_TITLE, text):
        word = title.group("w")
        lower = fold(word)
        if (
            word.islower()
            and lex.name_like(lower)
            and not lex.clinical(lower)
            and not clinical_abbreviation(lower)
            and lower not in _SHORTHAND
            and _PHRASE_END.match(text, title.end()) is not None
        ):
            start, end = title.start("w"), title.end("w")
            yield Redaction("name", start, end, text[start:end], label("name"))


def lower_name_candidates(text: str, found: Iterable[Redaction], lex: Lexicon) -> list[Redaction]:
    """Lower-case parts of names beside the names in ``found``, and lower-case names closing a
    title's phrase, in ``text``."""
    out = list(_titled(text, lex))
    for red in found:
        if red.kind in _NAME_KINDS:
            out.extend(_grown(text, red, lex))
    return out
