"""A facility's words in lower case that the rules left beside its name, and a facility named in
lower case by a surname or a place (issue 16, session 53: deid53a).

Two shapes, read once the rules and the statistical line have spoken:

* **the tail**: a found organisation goes on in lower case up to its kind's word, which the
  rules left ("[kingston] public hospital", "[NHCT] pathology", "[walmart] distribution
  center", "[davita plano] east"). A found facility takes up to three lower-case words that end
  on an organisation's head (a compass word right after it is a branch's name); a found place
  takes its head only when the head follows at once ("[Kingston] clinic"); a found person takes
  none ("Dr [Venkataraman]'s clinic" is a person's, test_deid_walk41_redact). A word between
  the name and the head that a list knows as clinical, a clinical abbreviation or a service's
  short form stops the tail ("[Westmead] renal clinic" keeps "renal clinic"), and so does a
  function word ("[Leeds] and the hospital"). "home" and "group" end no tail: "[Galway
  Hospice] home care", "[Mind in Croydon] peer group" name a kind of care, not the organisation.
* **a lower-case name a list holds before a strong head**: "mercy hospice", "hurley clinic",
  "hickey's pharmacy", "kingston public hospital". session 52's `deid_lower_orgs` takes the
  lower-case names no safe list explains; these are English words too, so it left them. Here the
  first word must be a surname, a given name or a place the lists hold (a possessive of any
  word no safe list explains also names a person: "nizam's institute"), and no word of the run
  may be a service or a common modifier of one (`_MODIFIERS`: "eye clinic", "day hospital",
  "heart hospital", "women's hospital", "main pharmacy", "walk-in clinic" stay), a clinical word
  or abbreviation. Only the heads that name a place of care or its shop are read: "surgery",
  "unit", "home", "centre" and "school" also follow an operation, a word of care or a value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import Lexicon, clinical_abbreviation, fold
from medlocal.privacy.deid_lower_orgs import _SERVICE_SHORT, words_before
from medlocal.privacy.deid_spans import Redaction, label

# An organisation's kind, written in lower case after its name (one or two words).
_TAIL_HEADS = frozenset(
    {
        "hospital", "hosp", "infirmary", "clinic", "centre", "center", "practice", "surgery",
        "school", "high", "college", "academy", "university", "church", "chapel", "mosque",
        "temple", "parish", "hospice", "pharmacy", "chemist", "chemists", "institute",
        "laboratory", "laboratories", "lab", "labs", "diagnostics", "pathology", "imaging",
        "radiology", "station", "trust", "foundation", "lodge", "manor", "village",
        "residence", "prison",
    }
)  # fmt: skip
# After a person's or a place's span only the heads that cannot be a word of care or a value.
_NAME_HEADS = frozenset(
    {
        "hospital", "infirmary", "clinic", "practice", "school", "college", "academy",
        "church", "chapel", "mosque", "temple", "hospice", "pharmacy", "chemist", "chemists",
        "institute", "laboratory", "laboratories", "labs", "diagnostics", "pathology",
        "imaging", "radiology",
    }
)  # fmt: skip
_COMPASS = frozenset(
    {"east", "west", "north", "south", "central", "northeast", "northwest", "southeast",
     "southwest"}
)  # fmt: skip
# Words that end a tail: a sentence's function words.
_FUNCTION = frozenset(
    {"and", "or", "with", "for", "to", "at", "in", "on", "by", "from", "the", "a", "an", "is",
     "was", "of", "who", "where", "then", "but", "as", "via", "if", "his", "her", "their"}
)  # fmt: skip
_FACILITY_KINDS = frozenset({"facility"})
# A person's span takes no head: "Dr Venkataraman's clinic" is a person's, read as [NAME]'s.
_NAMED_KINDS = frozenset({"location", "city"})
_MOST_TAIL = 3
_LOWER_WORD = re.compile(r"[ \t]([a-z][^\W\d_]*(?:['’][^\W\d_]+)?)")

# A lower-case name before one of these heads names a place of care or its shop.
_STRONG_HEAD = re.compile(
    r"\b(?:hospital|hospice|infirmary|pharmacy|chemists?|institute|clinic|"
    r"medical[ \t]+(?:centre|center|practice)|health[ \t]+(?:centre|center)|"
    r"nursing[ \t]+home|care[ \t]+home|labs|laboratory)\b"
)
# A whole word ("Liver clinic" offers no "iver").
_RUN_BEFORE = re.compile(r"(?<![^\W\d_])(?P<w>[a-z][^\W\d_]*(?:['’]s)?)[ \t]+\Z")
_SAINT_BEFORE = re.compile(r"\b(?:st|saint|mt|mount)\.?[ \t]+\Z")
_LOOK_BACK = 60
# Services and common modifiers that stand before a clinic, a hospital or a pharmacy and that a
# name list also holds ("Heart", "Day", "Eye", "Walk", "Young"): a kind of care, not a name.
_MODIFIERS = frozenset(
    {
        "day", "night", "eye", "ear", "heart", "bone", "skin", "foot", "hand", "chest", "lung",
        "breast", "blood", "brain", "head", "spine", "back", "walk", "well", "young", "old",
        "new", "main", "long", "short", "general", "royal", "district", "regional", "county",
        "city", "town", "village", "local", "community", "women", "women's", "womens", "men",
        "men's", "children", "children's", "childrens", "child", "baby", "mother", "mothers",
        "family", "travel", "sports", "sport", "pain", "memory", "sleep", "stroke", "wound",
        "weight", "diet", "voice", "speech", "hearing", "vision", "sight", "mental", "free",
        "private", "public", "state", "national", "teaching", "university", "cottage", "base",
        "field", "army", "navy", "military", "veterans", "prison", "school", "church", "mission",
        "hospital", "clinic", "nurse", "nurses", "doctor", "doctors", "specialist", "fertility",
        "rehab", "recovery", "urgent", "emergency", "minor", "major", "acute", "chronic", "care",
        "home", "house", "star", "green", "white", "black", "red", "blue", "gold", "golden",
        "little", "big", "great", "grand", "high", "low", "upper", "lower", "north", "south",
        "east", "west", "central", "same", "other", "next", "last", "first", "second", "this",
        "that", "my", "your", "our", "his", "her", "their", "any", "every", "each", "some",
        "vet", "dental", "dentist", "optician", "diabetic", "kidney", "liver",
        "cancer", "cardiac", "spinal", "burns", "burn", "plastic", "eye's", "ivf",
        "flu", "vaccine", "covid", "drop", "walk-in", "virtual", "online", "mobile", "street",
        "falls", "fall", "mine", "wait", "waiting", "week", "development", "person", "person's",
        "persons", "people",
        "people's", "patient", "patients", "max", "peg", "page", "will", "may", "bay", "ward",
        "bed", "room", "floor", "wing",
    }
)  # fmt: skip


# Words of `deid_lower_orgs._SERVICE_SHORT` that say what kind of place it is, not which care it
# gives: they may stand inside a name ("[kingston] public hospital", "ealing community hospital").
_PLACE_KIND_WORDS = frozenset(
    {
        "village", "district", "teaching", "private", "public", "state", "county", "city",
        "community", "mission", "military", "army", "navy", "veterans", "primary", "secondary",
        "junior", "senior", "grammar", "tertiary", "satellite", "base", "rural", "cottage",
        "field", "local",
    }
)  # fmt: skip


# Kinds of care and specialties written in full before a clinic or a unit ("[Ninewells]
# cardiology clinic", "[X] mental health clinic", "[Y] maternity unit"): a department, not the
# organisation's name.
_CARE_WORDS = frozenset(
    {
        "medicine", "medical", "surgical", "surgery", "nursing", "therapy", "therapies", "health",
        "mental", "maternity", "antenatal", "postnatal", "dental", "renal", "cancer", "diabetes",
        "diabetic", "stroke", "memory", "pain", "sleep", "fracture", "wound", "eye", "heart",
        "breast", "skin", "foot", "bone", "spinal", "burns", "vascular", "outpatient",
        "outpatients", "inpatient", "day", "walk", "infusion", "dialysis", "transplant", "blood",
        "imaging", "xray", "x-ray", "scan", "ultrasound", "mri", "ct", "endoscopy", "theatre",
        "theatres", "pre-op", "preop", "assessment", "admissions", "discharge", "ward", "unit",
        "department", "dept", "team", "service", "services", "clinic", "clinics", "emergency",
        "urgent", "acute", "minor", "injuries", "trauma", "recovery", "rehabilitation",
        "palliative", "wait", "waiting", "falls", "fall", "liver", "kidney", "lung", "chest",
        "development",
        "developmental", "growth", "child", "feeding", "continence", "weight", "smoking",
        "addiction", "sexual", "travel", "vaccination", "immunisation", "immunization",
    }
)  # fmt: skip
_SPECIALTY_ENDS = ("ology", "ologie", "iatry", "iatrics", "paedics", "pedics", "ics", "ician")


def _stops_tail(word: str, lex: Lexicon) -> bool:
    """A word that may not stand inside an organisation's run: a function word, a clinical word
    or abbreviation, a specialty's or service's short form."""
    lower = fold(word)
    return (
        lower in _FUNCTION
        or lower in _CARE_WORDS
        or lower.endswith(_SPECIALTY_ENDS)
        or (lower in _SERVICE_SHORT and lower not in _PLACE_KIND_WORDS)
        or lex.clinical(lower)
        or clinical_abbreviation(word)
    )


def _tail_end(text: str, end: int, lex: Lexicon, most: int, heads: frozenset[str]) -> int | None:
    """Where the lower-case tail after ``end`` ends on a head, or None."""
    best = None
    at = end
    for taken in range(most):
        word = _LOWER_WORD.match(text, at)
        if word is None:
            break
        lower = fold(word.group(1))
        if lower in heads or (taken == 0 and heads is _TAIL_HEADS and lower in _COMPASS):
            best = at = word.end()
            continue
        if _stops_tail(word.group(1), lex):
            break
        at = word.end()
    return best


def _named_word(word: str, lex: Lexicon) -> bool:
    """The first word of a lower-case organisation: a name or a place the lists hold, or a
    possessive no safe list explains."""
    lower = fold(word.replace("’", "'"))
    stem = lower.removesuffix("'s")
    if len(stem) < 3 or lower in _MODIFIERS or stem in _MODIFIERS or stem in _SERVICE_SHORT:
        return False
    if lex.clinical(stem) or clinical_abbreviation(stem) or stem in lex.products:
        return False
    if lex.name_like(stem) or stem in lex.places:
        return True
    return lower.endswith("'s") and not lex.known(stem)


def lower_named_orgs(text: str, lex: Lexicon) -> Iterator[Redaction]:
    """Organisations in lower case named by a surname, a given name or a place before a strong
    head ("mercy hospice", "hickey's pharmacy", "kingston public hospital")."""
    for head in skipped_finditer(_STRONG_HEAD, text):
        floor = max(0, head.start() - _LOOK_BACK)
        words = words_before(_RUN_BEFORE, text, head.start(), 2, _LOOK_BACK)
        start = None
        for i, word in enumerate(words):
            name = word.group("w")
            if _named_word(name, lex) and not any(
                _stops_tail(w.group("w"), lex) for w in words[:i]
            ):
                start = word.start("w")
                saint = _SAINT_BEFORE.search(text, floor, start)
                if saint is not None:
                    start = saint.start()  # "st james's hospital"
                break
            if _stops_tail(name, lex):
                break
        if start is not None:
            yield Redaction(
                "facility", start, head.end(), text[start : head.end()], label("facility")
            )


def facility_tail_spans(text: str, spans: Iterable[Redaction], lex: Lexicon) -> Iterator[Redaction]:
    """The found organisations (and names or places before a head) grown over their lower-case
    tail, and the lower-case organisations named by a listed name (see the module's docstring)."""
    named = list(lower_named_orgs(text, lex))
    yield from named
    for red in [*spans, *named]:
        if red.kind in _FACILITY_KINDS:
            end = _tail_end(text, red.end, lex, _MOST_TAIL, _TAIL_HEADS)
        elif red.kind in _NAMED_KINDS:
            end = _tail_end(text, red.end, lex, 1, _NAME_HEADS)
        else:
            continue
        if end is not None:
            yield Redaction("facility", red.start, end, text[red.start : end], label("facility"))
