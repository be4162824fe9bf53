"""A medicine's or a device's brand that the lists lack, given back where a strength or a size
with its unit follows it (round 20, precision): "Ocplex 1000 IE", "Provox Vega 22.5 Fr" and a
maker after a generic ("L-Thyroxin Henning 75", as German and Nordic lists write "Amlodipin
Hexal 5") were read as names.

A person's name is not followed by a dose with its unit, nor written between a medicine and its
strength. A listed given name is a person's more often than a brand's ("gave Anna 5 mg"): it is
given back only before a catheter's size in French gauge ("... Fr"). A title before the span
keeps it a person, and the patient's own name stays hers. Session 45: a strength without its
unit and a dosing frequency after it do as well, a given name's word too ("Telma 40 od", an
Indian brand of telmisartan): no one's name is followed by "40 od".
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_dose_counts import dose_end
from medlocal.privacy.deid_dose_owner import names_another
from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_people_words import BED_BEFORE, TITLE_BEFORE
from medlocal.privacy.deid_spans import Redaction

_STRENGTH = re.compile(
    r"[ \t]+\d+(?:[.,]\d+)?[ \t]?"
    r"(?P<unit>mg|mcg|µg|μg|IE|I\.E\.|IU|iu|units?|mL|ml|mmol|Fr|French|Ch|mm|ppm)(?![^\W\d_])"
)
_GAUGE = frozenset({"Fr", "French", "Ch"})
# An implant's size after its maker's town ("Exeter 44 mm"): a place is given back only before
# a size in millimetres, which no address has after its town.
_PLACE_KINDS = frozenset({"location", "city"})
# A generic's strength without its unit, as a medication plan writes it ("Henning 75 1-0-0").
_NUMBER = re.compile(r"[ \t]+\d+(?:[.,]\d+)?\b")
# Session 45: a strength without its unit, then how often it is taken ("Telma 40 od", "Pan 40
# bd", "Ecosprin 75 mane"), as South Asian and British medication lists write a brand. No one's
# name is followed by a number and a dosing frequency.
_STRENGTH_AND_FREQUENCY = re.compile(
    r"[ \t]+\d+(?:[.,]\d+)?[ \t]+(?:od|bd|tds|tid|qds|qid|bid|nocte|mane|daily|stat|prn)\b", re.I
)
_WORD_BEFORE = re.compile(r"([^\W\d_][\w-]{2,})[ \t]+\Z")
_NAME = re.compile(r"[A-Z][\w-]+(?:[ \t][A-Z][\w-]+)?")
# A role or a relation before the span keeps it a person ("Gave Nurse Bergmann 5 mg", "his
# sister Anneke 5 mg"): a capitalised word that is no clinical word, or a word of people.
_CAPITAL_BEFORE = re.compile(r"([A-Z][\w'’-]*)[ \t]+\Z")
_PEOPLE_BEFORE = re.compile(
    r"\b(?:friend|sister|brother|mother|father|daughter|son|wife|husband|partner|nurse|"
    r"carer|gave|give|giving|told|asked|by|per)[ \t]+\Z",
    re.I,
)
# Review 45b (D1): "Spoke with Sharma 40 od", "Ward list: Smith 40 od, Jones 20 bd". A listed
# name before a strength and a frequency is given back only after a word that leads to a
# medicine, or on a line that names another medicine: privacy first.
_MEDICINE_CUE_BEFORE = re.compile(
    r"\b(?:start|started|starting|commence|commenced|restart|restarted|on|continue|continued|"
    r"continuing|increase|increased|reduce|reduced|decrease|decreased|add|added)[ \t]+\Z",
    re.I,
)
# Session 54 (review53b): words that point at a person, read over the two words before the span
# ("Seen with Okonkwo 5 mg", "Discussed with Hartley 10 mg", "Spoke to Adeyemi 5 mg"): the word
# they point at is a person's however a dose follows it. "with" and "by" after a word of treating
# or of order lead to a medicine instead ("treated with Ocplex 1000 IE", "followed by ...").
_PERSON_VERBS = frozenset(
    {
        "seen", "saw", "discussed", "reviewed", "met", "visited", "consulted", "phoned", "rang",
        "called", "informed", "told", "asked", "paged", "contacted", "notified", "updated", "cc",
        "d/w", "dw", "per", "spoke", "spoken", "talked", "handed", "referred",
    }
)  # fmt: skip
_TO_A_PERSON = frozenset(
    {
        "spoke", "spoken", "talked", "referred", "handed", "over", "wrote", "written", "sent",
        "explained", "said", "letter", "introduced", "passed", "relayed", "reported",
    }
)  # fmt: skip
_TO_A_MEDICINE = frozenset(
    {
        "treated", "treat", "treating", "started", "start", "starting", "commenced", "managed",
        "controlled", "loaded", "load", "combined", "replaced", "switched", "continued",
        "continue", "together", "along", "plus", "alongside", "augmented", "followed",
        "preceded", "covered", "anticoagulated", "titrated", "supplemented", "topped", "dosed",
        "given", "prophylaxis", "therapy", "treatment", "regimen", "changed", "changing",
        "substituted", "cover", "premedicated", "premedication", "reversed", "induced",
    }
)  # fmt: skip
_WORD_PART = r"[\w/'’-]"
_TWO_WORDS_BEFORE = re.compile(
    rf"(?:(?<!{_WORD_PART})({_WORD_PART}+)[ \t]+)?(?<!{_WORD_PART})({_WORD_PART}+)[ \t]+\Z"
)


def _pointed_at_person(text: str, start: int) -> bool:
    """Whether the words right before ``start`` point at a person (see _PERSON_VERBS)."""
    before = _TWO_WORDS_BEFORE.search(text, max(0, start - 40), start)
    if before is None:
        return False
    first, last = (before.group(1) or "").lower(), before.group(2).lower()
    if last in _PERSON_VERBS:
        return True
    if last in ("with", "by"):
        return first not in _TO_A_MEDICINE
    return last == "to" and first in _TO_A_PERSON


_FREQUENCIES = frozenset(
    {"od", "bd", "tds", "tid", "qds", "qid", "bid", "nocte", "mane", "daily", "stat", "prn"}
)
_WORD = re.compile(r"[^\W\d_][\w-]*")


def _brand(text: str, red: Redaction) -> bool:
    if not _NAME.fullmatch(red.original):
        return False
    if TITLE_BEFORE.search(text, max(0, red.start - 8), red.start) is not None:
        return False
    lex = lexicon()
    capital = _CAPITAL_BEFORE.search(text, max(0, red.start - 30), red.start)
    if (
        capital is not None
        and not lex.clinical(capital.group(1).lower())
        and _MEDICINE_CUE_BEFORE.search(text, capital.start(), red.start) is None
    ):
        return False
    if _PEOPLE_BEFORE.search(text, max(0, red.start - 12), red.start) is not None:
        return False
    if _pointed_at_person(text, red.start):
        return False
    given = any(word.lower() in lex.given_names for word in red.original.split())
    # Session 54: a listed surname that is no listed medicine is a person's before a dose too
    # ("Okonkwo 5 mg"), as a given name is; a catheter's size in gauge still gives it back.
    listed = given or any(
        word.lower() in lex.surnames and not lex.clinical(word.lower())
        for word in red.original.split()
    )
    strength = _STRENGTH.match(text, red.end)
    if red.kind in _PLACE_KINDS:
        return strength is not None and strength.group("unit") == "mm" and " " not in red.original
    if strength is not None:
        if names_another(text, red.start, strength.end()):
            return False  # review 50a: "Okonkwo 2 units of blood given" (deid_dose_owner)
        return not listed or strength.group("unit") in _GAUGE
    # Session 50: a count, a range, micrograms or a weight-based dose (deid_dose_counts).
    counted_to = dose_end(text, red.end)
    if counted_to is not None:
        return not listed and not names_another(text, red.start, counted_to)
    if _STRENGTH_AND_FREQUENCY.match(text, red.end) is not None:
        # A ward list's bed label keeps a patient ("Bed 4 Jones 2 BD"); "gave Anna 40 bd" is
        # caught by the words before.
        if BED_BEFORE.search(text, max(0, red.start - 24), red.start) is not None:
            return False
        listed = any(lex.name_like(word.lower()) for word in red.original.split())
        return not listed or _among_medicines(text, red)
    before = _WORD_BEFORE.search(text, max(0, red.start - 30), red.start)
    if before is None or _NUMBER.match(text, red.end) is None:
        return False
    generic = before.group(1).lower()
    return lex.clinical(generic) and generic not in lex.english and not given


def _among_medicines(text: str, red: Redaction) -> bool:
    """Whether a word before ``red`` leads to a medicine ("Started Telma 40 od"), or its line
    names another medicine ("Aspirin stopped (bleeding), Harlow 20 nocte")."""
    if _MEDICINE_CUE_BEFORE.search(text, max(0, red.start - 16), red.start) is not None:
        return True
    lex = lexicon()
    line_start = text.rfind("\n", 0, red.start) + 1
    line_end = text.find("\n", red.end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    own = {word.lower() for word in red.original.split()}
    return any(
        lower not in own
        and lower not in _FREQUENCIES
        and lex.clinical(lower)
        and not lex.name_like(lower)
        for lower in (m.group().lower() for m in _WORD.finditer(line))
    )


def without_dose_brands(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` less the unlisted brands before a strength or a size (see above). A name
    written after a title elsewhere in the text is a person wherever it stands ("Seen by Dr
    Okafor. Okafor 0.5 mg lorazepam given")."""
    titled = {
        word
        for red in redactions
        if red.kind in ("name", "patient_name")
        and TITLE_BEFORE.search(text, max(0, red.start - 8), red.start) is not None
        for word in red.original.split()
    }
    return [
        red
        for red in redactions
        if not (red.kind == "name" or red.kind in _PLACE_KINDS)
        or any(word in titled for word in red.original.split())
        or not _brand(text, red)
    ]
