"""A relative named in capitals right after the word for the relation, in any of the languages
the notes are written in (issue 16, session 59, deid59c).

"Żona Halina mieszka przy...", "mãe Rosângela aguarda", "papá Diego trabaja en Neuquén",
"sonen Lars Lindqvist, tel...", "Parents: Declan and Joanne": the word scan reads a capitalised
word by the lists, and a given name that is also a place, or a word some list explains, or a
relation word it does not know (Swedish "sonen", Spanish "papá") left the name in view on the
development halves. The slot is a person's whatever the word is: what follows a word of
kinship is the relative's name, unless it is what a family history says of them.

Read: a kinship word (deid_people_words.RELATIONS without the prepositions, verbs and roles
that lead to anything but a relative, and a few more forms of other languages), perhaps a
colon, then one to four capitalised words on the same line (a particle such as "van", "de",
"af" between them). The first word is taken only where it cannot be the family history's
finding or a sentence's word: no clinical word, no English word that is no listed name, no
foreign clinical or letter word, no month or weekday, no word in capitals ("Mother: COPD",
"Father: Deceased", "Brother Healthy", "Sister Ward"). A later word is taken on the same test,
or where it is a listed surname ("Lars Baker").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_eponyms import EPONYM_HEADS
from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import CALENDAR_WORDS, Lexicon, fold
from medlocal.privacy.deid_people_words import FUNCTION_CUES, PARTICLES, RELATIONS
from medlocal.privacy.deid_spans import Redaction, label
from medlocal.privacy.deid_word_alternation import by_first_character

# Relation words that lead to a professional, a group or a thing rather than a relative's
# name ("Pharmacist Boots", "Teacher Assistant", "Member States").
_NOT_KIN = frozenset(
    {
        "member", "worker", "manager", "officer", "coach", "pharmacist", "dietitian",
        "interpreter", "chaplain", "therapist", "teacher", "educator", "employer", "landlord",
        "tenant", "lodger", "kin", "mate", "bestie", "twin",
    }
)  # fmt: skip
# Forms the relation list does not hold: Spanish and Polish parents, Swedish and Norwegian
# definite forms ("sonen", "dottern", "hustrun"), Polish "syn" and "brat".
_MORE_KIN = frozenset(
    {
        "papá", "mamá", "papa", "mama", "sonen", "dottern", "hustrun", "maken", "frun",
        "sambon", "sønnen", "datteren", "kona", "syn", "brat",
    }
)  # fmt: skip
KIN_WORDS = (RELATIONS - FUNCTION_CUES - _NOT_KIN) | _MORE_KIN

# Grouped by first character (deid_word_alternation; speed60: 13 -> 5 ms of a 20-page record),
# longest first as before.
_KIN = by_first_character(sorted(KIN_WORDS, key=lambda word: len(re.escape(word)), reverse=True))
_KIN_THEN_NAME = re.compile(
    rf"(?<![\w'’-])(?i:{_KIN})(?![\w'’-])(?:[ \t]*:)?[ \t]+"
    r"(?P<n>[^\W\d_a-z][^\W\d_]*(?:['’-][^\W\d_]+)*)"
)
# The next word of the name: a capitalised word, perhaps after particles ("van der", "de", "af").
_NEXT = re.compile(
    r"[ \t]+(?P<p>(?:[a-z]{1,5}[ \t]+){0,2})(?P<n>[^\W\d_a-z][^\W\d_]*(?:['’-][^\W\d_]+)*)"
)
_MORE_PARTICLES = frozenset({"af", "av", "zu", "y", "e"})
# Words that are no name after a relation: modals and adverbs of a sentence ("Mother Will
# decide" is rare; "Son Also", "Wife May" as a verb are not).
_SENTENCE_WORDS = frozenset({"will", "may", "can", "must", "might", "shall", "also", "not"})
_MOST_WORDS = 4


def _possessive_cut(word: str) -> str:
    return re.sub(r"['’]s\Z", "", word)


_NAME_PREFIX = re.compile(r"(?:Mc|Mac|Fitz|O['’]|D['’])(?=[^\W\d_])")


def _name_shaped(word: str) -> bool:
    """A capital, then small letters, each part after a hyphen or an apostrophe alike ("Ana",
    "Okonkwo-Bello", "N'Diaye", "McAllister"); not "HbAS", "CKD" or "pH"."""
    rest = _NAME_PREFIX.sub("", word, count=1)
    return all(part[1:].islower() for part in re.split(r"[-'’]", rest) if len(part) > 1)


def _no_name(word: str, lex: Lexicon, *, first: bool) -> bool:
    """Whether ``word`` (a capitalised word after a relation) reads as no person's name."""
    bare = _possessive_cut(word)
    lower = bare.lower()
    if len(bare) < 2 or not _name_shaped(bare):
        return True  # "Mother: CVA", "Son: MI", "partner Obinna HbAS"
    if lower in CALENDAR_WORDS or lower in _SENTENCE_WORDS:
        return True
    if any(lex.clinical(part) for part in re.split(r"[-'’]", lower) if part):
        return True
    listed = lex.name_like(lower)
    if not first and lower in lex.surnames:
        return False
    if listed:
        return False
    return (
        lower in lex.english
        or lower in lex.foreign_words
        or lower in lex.letter_words
        or lower in lex.dictionary_words
        or lex.foreign_clinical(lower)
        or lower in lex.places
    )


# Review59d: a family history names a relative's disease by its eponym, its head after it
# ("Aunt Lynch syndrome", "Father Huntington chorea") or left out ("Mother Addison's",
# "Grandmother Alzheimers", "Sister Ehlers-Danlos").
_HEAD_AFTER = re.compile(r"(?:['’]s)?[ \t]+(?P<h>[^\W\d_]+)")
_HEADS = EPONYM_HEADS | frozenset({"dementia", "chorea", "anaemia", "anemia", "carrier", "trait"})


def _eponym(name: str, after: re.Match[str] | None, lex: Lexicon) -> bool:
    """Whether ``name`` (the words after a relation) is a disease's eponym, not a relative."""
    if after is not None and after.group("h").lower() in _HEADS:
        return True
    bare = _possessive_cut(name)
    if bare == name and "-" not in bare and not bare.endswith("s"):
        return False  # a bare given name ("Son Wilson") is the relative's
    lower = fold(bare)
    stems = {lower, lower[:-1]} if lower.endswith("s") else {lower}
    if lower.endswith("s") and lex.clinical(lower[:-1]):
        return True  # "Alzheimers"
    return any(
        lex.clinical_phrases.fullmatch(f"{stem}{tail} {head}")
        for stem in stems
        for tail in ("", "'s")
        for head in ("disease", "syndrome")
    )


def kin_name_candidates(text: str, lex: Lexicon) -> Iterator[Redaction]:
    """Names written right after a word of kinship in ``text`` (see the module's docstring)."""
    # Through the skippers, as every finder of a long text (one kinship word of ~200 tried at
    # every place cost 30 ms on a 20-page record).
    for match in skipped_finditer(_KIN_THEN_NAME, text):
        first = match.group("n")
        if not first[0].isupper() or _no_name(first, lex, first=True):
            continue
        # A first word that reads as an English word's inflection ("Son Lives abroad",
        # "Daughter Visits daily"; also "Lars") is a name only with a surname after it.
        lower = _possessive_cut(first).lower()
        needs_more = not lex.name_like(lower) and lex.inflected(lower)
        start, end = match.start("n"), match.end("n")
        words = 1
        while words < _MOST_WORDS and (more := _NEXT.match(text, end)):
            if any(p not in PARTICLES | _MORE_PARTICLES for p in more.group("p").split()):
                break
            if not more.group("n")[0].isupper() or _no_name(more.group("n"), lex, first=False):
                break
            end = more.end("n")
            words += 1
        if needs_more and words == 1:
            continue
        if _eponym(text[start:end], _HEAD_AFTER.match(text, end), lex):
            continue
        name = _possessive_cut(text[start:end])
        yield Redaction("name", start, start + len(name), name, label("name"))
