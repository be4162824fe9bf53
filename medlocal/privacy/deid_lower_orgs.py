"""Organisations written in lower case before their kind's word ("priceline pharmacy", "ramsay
high school", "birmingham legion fc", "walgreens pharmacy"), read by Philter's recall-first test
(issue 16, session 52: deid52a).

The word scan reads capitalised words; a name typed in lower case ("had her flu jab at walgreens
pharmacy") reaches it only where the whole line is re-cased. A word no safe list explains (not
English, not clinical, no clinical abbreviation or product, no specialty's short form) standing
right before an organisation's head word names that organisation: a pharmacy, a school, a club
or a church is named by its own word, never by a clinical one. The run starts at that word and
takes the plain words up to the head ("birmingham legion fc"); a word a list explains as a name
or a place counts as unexplained when it is no English word ("ramsay").

What stays: a service or specialty before the head ("fracture clinic", "gastro clinic", "onc
clinic", "hospital pharmacy", "chemo unit" is no head here), an eponym the lists know as clinical
("parkinson clinic", "crohn clinic"), words in capitals or Title Case (the scan's), and any head
this module does not list ("surgery" is also an operation: "mohs surgery", "whipple surgery").
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import Lexicon, clinical_abbreviation, fold
from medlocal.privacy.deid_spans import Redaction, label

# An organisation's kind, written after its name. "surgery", "labs", "unit", "centre" alone and
# "high" alone are left out: each also follows a procedure, a test or a value ("mohs surgery",
# "coag labs", "sats high").
# Written in lower case only: a capitalised head follows a capitalised name, the scan's.
_HEAD = re.compile(
    r"\b(?:pharmacy|pharmacies|chemists?|drug[ \t]+store|drugstore|hospital|hosp\b\.?|"
    r"clinic|medical[ \t]+(?:centre|center|practice|group|clinic)|health[ \t]+(?:centre|center)|"
    r"nursing[ \t]+home|care[ \t]+home|rest[ \t]+home|retirement[ \t]+(?:home|village)|"
    r"hospice|rehab|high[ \t]+school|school|college|academy|university|fc|football[ \t]+club|"
    r"club|church|chapel|mosque|temple|synagogue|parish|supermarket|food[ \t]+bank)\b"
)
# The words before a head, nearest first: letters (an apostrophe inside), on the same line.
_WORD_BEFORE = re.compile(r"(?P<w>[^\W\d_]+(?:['’][^\W\d_]+)?)[ \t]+\Z")
_LOOK_BACK = 60
_MOST_WORDS = 3

# Short forms of specialties and services that no English list holds ("gastro clinic", "onc
# clinic", "gynae clinic"): a service, not a name.
_SERVICE_SHORT = frozenset(
    {
        "maxfax", "omfs", "ophtho", "optho", "msk", "neph", "palli", "pall", "onco", "oncol",
        "obgyn", "urogynae", "haemonc", "hemonc", "rheumy", "cardiothoracic", "spinal",
        "onc", "gastro", "gynae", "gyn", "gyne", "uro", "endo", "geri", "geris", "chemo", "derm",
        "rheum", "haem", "heme", "neuro", "cardio", "pulm", "pulmo", "resp", "paeds", "peds",
        "ortho", "obs", "ophth", "ophthal", "ent", "vasc", "plastics", "anaes", "anesth",
        "psych", "psychiatry", "nephro", "hepato", "immuno", "allergy", "physio", "rehab",
        "podiatry", "ortho-geri", "tb", "hiv", "gum", "std", "sti", "ivf", "fertility",
        "methadone", "suboxone", "detox", "vaccine", "vaccination", "flu", "covid", "walk",
        "drop", "urgent", "after", "hours", "out", "mobile", "free", "local", "nearest",
        "village", "district", "teaching", "private", "public", "state", "county", "city",
        "community", "mission", "military", "army", "navy", "veterans", "prison", "school",
        "primary", "secondary", "junior", "senior", "nursery", "boarding", "grammar", "sixth",
        "form", "tertiary", "satellite", "base", "rural", "cottage", "field", "day", "night",
    }
)  # fmt: skip
# Particles and joiners that may stand inside the run ("lady of lourdes hospital").
_JOINERS = frozenset({"of", "the", "and", "de", "la", "st", "saint", "san", "santa", "du"})


def _unexplained(word: str, lex: Lexicon) -> bool:
    """A lower-case word no safe list explains: Philter's test for a possible identifier."""
    lower = fold(word.replace("’", "'").removesuffix("'s"))
    return (
        len(lower) >= 3
        and word[:1].islower()
        and lower not in _SERVICE_SHORT
        and not lex.known(lower)
        and not lex.clinical(lower)
        and not clinical_abbreviation(lower)
        and lower not in lex.products
    )


def _plain(word: str, lex: Lexicon) -> bool:
    """A lower-case word that may stand between the name and its head ("legion" in "birmingham
    legion fc"): no clinical word, abbreviation or service."""
    lower = fold(word)
    return (
        word[:1].islower()
        and lower not in _SERVICE_SHORT
        and not lex.clinical(lower)
        and not clinical_abbreviation(lower)
    )


def lower_org_candidates(text: str, lex: Lexicon) -> list[Redaction]:
    """Organisations named in lower case before their kind's word, in ``text``."""
    found: list[Redaction] = []
    for head in skipped_finditer(_HEAD, text):
        words = words_before(_WORD_BEFORE, text, head.start(), _MOST_WORDS)
        start = None
        for i, word in enumerate(words):
            name = word.group("w")
            if _unexplained(name, lex) and all(
                _plain(w.group("w"), lex) or fold(w.group("w")) in _JOINERS for w in words[:i]
            ):
                start = word.start("w")  # the farthest unexplained word with plain words after it
            elif not _plain(name, lex):
                break
        if start is not None and fold(text[start : head.start()].split()[0]) not in _JOINERS:
            end = head.end()
            found.append(Redaction("facility", start, end, text[start:end], label("facility")))
    return found


def words_before(
    word: re.Pattern[str], text: str, at: int, most: int, look_back: int = _LOOK_BACK
) -> list[re.Match[str]]:
    """Up to ``most`` words (matches of ``word``, which ends at its ``\\Z``) read backwards
    from ``at``, nearest first, within ``look_back`` characters: the words before an
    organisation's kind word."""
    words: list[re.Match[str]] = []
    floor = max(0, at - look_back)
    while len(words) < most:
        found = word.search(text, floor, at)
        if found is None:
            break
        words.append(found)
        at = found.start()
    return words
