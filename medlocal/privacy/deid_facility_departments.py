"""A department written beside a facility's whole name is given back after resolution (session
60, deid60a; issue 16's damage).

The facility rules grow a found hospital's span over the capitalised words after it, so a
clinic written after the name went with it: "St Luke's Hospital Eye Clinic", "King's College
Hospital Cath Lab", "Guy's and St Thomas' Marfan clinic" and "Knee Clinic at Spire" each became
one [FACILITY]. Every hospital has an eye clinic: the department names no place once the
facility's own name is removed, and a reader needs it ("referred to the Marfan clinic").

A department is cut off only where the facility's name before it is whole, so that the name
still stands redacted alone:
- it ends on a facility's head word ("... Hospital", "... Infirmary", "... Trust", "... Health
  District");
- or on a saint's, a person's or an acronym's possessive ("Guy's and St Thomas'", "QEUH's").
The development halves mark a trust's or a region's named service inside its span ("UHNM
Pathology", "SA Pathology", "Waikato Diabetes Foot Clinic", "NZ CJD Surveillance Unit",
"Children's Telehealth Service") and a hospital's specialty written alone after it ("Mission
Hospital Urology", dev3, kept whole since the fourteenth round), so an acronym, a short name or
a group's possessive before a service is not read as a whole facility, a specialty alone is no
department here ("Westmead Hospital Cardiology" stays whole), and a heading in capitals is left
whole.
And the department is made of service words (deid_service_units' lists, a disease eponym, a
clinical abbreviation, or a known word that is no name or place: with a capital, a clinical
one only, since "Rainbow Unit" and "Lime Tree Unit" are named units) ending on a department's
head ("Clinic", "Unit", "Lab", "Department", "Team", "Service", "OPD"). A clinic named by its place
and specialty alone ("Riverbend Neurology Clinic") is a facility of its own and keeps its
redaction: "Riverbend" is no whole facility.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_lexicon import Lexicon, clinical_abbreviation, lexicon
from medlocal.privacy.deid_service_units import _disease_eponym, _service_word
from medlocal.privacy.deid_spans import Redaction

# The last word of a facility's whole name: the department after it is the facility's own.
_WHOLE_HEADS = frozenset(
    {"hospital", "hospitals", "infirmary", "trust", "district", "board", "hse", "nhs"}
)
# The last word of a department's name.
_DEPARTMENT_HEADS = frozenset(
    {"clinic", "clinics", "unit", "units", "department", "dept", "opd", "outpatients", "team",
     "teams", "service", "services", "programme", "program", "lab", "labs", "suite"}
)  # fmt: skip
# Words of a department's name that no service list holds and that are names or places too
# ("Knee Clinic", "Brain Injury Unit", "Cath Lab", "Major Trauma Service").
_BODY_WORDS = frozenset(
    {"knee", "hip", "shoulder", "hand", "foot", "ankle", "spine", "brain", "bone", "joint",
     "voice", "newborn", "major", "cath", "lab", "women", "men", "children", "babies", "young"}
)  # fmt: skip
# Everyday words that open or join a department's name with a capital and are no unit's own
# name ("Regional Acquired Brain Injury Unit", "Cleft Lip and Palate Clinic", "Gender Identity
# Clinic"): the lexicon holds no clinical reading of them.
_CAPITAL_WORDS = frozenset(
    {"acquired", "headache", "cleft", "lip", "palate", "gender", "identity", "infusion", "scan",
     "migraine", "seizure", "epilepsy", "continence", "incontinence", "tissue", "viability"}
)  # fmt: skip
# Words of _BODY_WORDS that qualify a department's other words and are surnames alone.
_QUALIFIERS = frozenset({"young", "major"})
# A facility's own words, never a department's ("King's [College Hospital Cath Lab]").
_ORGANISATION_WORDS = _WHOLE_HEADS | frozenset(
    {"college", "university", "institute", "school", "practice", "centre", "center", "health",
     "foundation", "royal", "general", "memorial", "national", "county", "city"}
)  # fmt: skip
# Joining words inside a department's name ("Women and Babies", "Heart & Lung").
_JOINERS = frozenset({"and", "&", "of", "for", "the"})
# The most words a department's name holds ("Regional Acquired Brain Injury Unit": five).
_MOST_WORDS = 6
# The word between a department opening a span and the facility after it ("Knee Clinic at
# Spire").
_AT_WORDS = frozenset({"at", "@"})
# Possessives of groups of people, which open a service's own name ("Children's Telehealth
# Service", "Young Adults' Diabetes Service").
_GROUPS = frozenset(
    {"children", "child", "women", "woman", "men", "man", "adults", "adult", "ladies", "lady",
     "people", "person", "babies", "baby", "veterans", "girls", "boys"}
)  # fmt: skip
# Places inside a facility that are numbered ("Ward 41", "Bay 3", "Theatre 2").
_NUMBERED_AREAS = frozenset(
    {"ward", "bay", "room", "bed", "theatre", "theater", "cubicle", "side", "pod", "suite"}
)
_NUMBER_AFTER = re.compile(r"[ \t]+\d{1,3}[A-Za-z]?\b")
_ACRONYM_POSSESSIVE = re.compile(r"[A-Z]{3,6}['’]s")
_POSSESSIVE_END = re.compile(r"['’]s?\Z")
_WORD = re.compile(r"[^\W\d_][\w'’&.-]*|&|@")


def _department_word(word: str, lex: Lexicon) -> bool:
    lower = word.lower().rstrip(".")
    if lower in _ORGANISATION_WORDS:
        return False
    if _service_word(lower) or lower in _BODY_WORDS or clinical_abbreviation(word):
        return True
    if _disease_eponym(_POSSESSIVE_END.sub("", lower), lex):
        return True
    if not lex.known(lower) or lex.name_like(lower) or lower in lex.places:
        return False
    # An everyday word written with a capital is as often a named unit's own name ("Rainbow
    # Unit", "Lime Tree Unit", "Lotus Clinic", "Erne Clinic", after a river): it identifies the
    # unit, and with it the facility, so only a clinical one is read as a department's word
    # (review60d). In lower case it describes ("Western Trust headache clinic").
    return word[0].islower() or lex.clinical(lower) or lower in _CAPITAL_WORDS


def _department(words: list[str], lex: Lexicon) -> bool:
    """A department's name: department words ending on a department's head."""
    if len(words) < 2 or words[0].lower() in _JOINERS:
        return False
    if words[-1].lower() not in _DEPARTMENT_HEADS:
        return False
    # A qualifier alone before the head is a surname's unit ("Young Unit", "Major Unit"), not
    # a department ("Young Persons Unit", "Major Trauma Service"; review60d).
    if len(words) == 2 and words[0].lower() in _QUALIFIERS:
        return False
    return all(w.lower() in _JOINERS or _department_word(w, lex) for w in words[:-1])


def _whole(words: list[str], lex: Lexicon) -> bool:
    """``words`` name a facility whole (see the module's docstring)."""
    # An acronym's possessive is the facility's own ("QEUH's TIA clinic").
    if len(words) == 1 and _ACRONYM_POSSESSIVE.fullmatch(words[0]):
        return True
    if len(words) < 2 or words[-1].lower() in _JOINERS:
        return False
    last = words[-1]
    if last.lower() in _WHOLE_HEADS:
        return True
    # A saint's or a person's possessive ("St Thomas'", "Guy's"), not a group's nor a
    # disease's ("Parkinson's Nurse Service" is one service).
    bare = _POSSESSIVE_END.sub("", last).lower()
    return (
        bare != last.lower()
        and bare not in _GROUPS
        and lex.name_like(bare)
        and not _disease_eponym(bare, lex)
    )


def _settle(text: str, red: Redaction, lex: Lexicon) -> Redaction:
    """``red`` less the department that opens or closes it, if any."""
    words = _WORD.findall(red.original)
    # A heading in capitals names its services as part of the facility ("WELSH AMBULANCE
    # SERVICE", "LAMBETH EARLY INTERVENTION TEAM"): no case tells the name from the service.
    if len(words) < 3 or not any(c.islower() for c in red.original):
        return red
    offsets: list[tuple[int, int]] = []
    at = 0
    for word in words:
        found = red.original.find(word, at)
        at = found + len(word)
        offsets.append((found, at))
    start, end = 0, len(words)
    # A department opening the span before its facility ("Knee Clinic at Spire").
    for k in range(1, min(len(words) - 1, _MOST_WORDS + 1)):
        if words[k - 1].lower() in _DEPARTMENT_HEADS and _department(words[:k], lex):
            # After "at" the rest is the place; without it, only a facility's whole name.
            after_at = words[k].lower() in _AT_WORDS
            rest = k + 1 if after_at else k
            if rest < len(words) and (after_at or _whole(words[rest:], lex)):
                start = rest
            break
    # A department closing it after the facility's whole name: the shortest that reads as
    # one, so that the facility keeps all of its own name ("King's College Hospital [Cath
    # Lab]", not "King's [College Hospital Cath Lab]").
    for n in range(len(words) - 1, max(start, len(words) - _MOST_WORDS - 1), -1):
        if _whole(words[start:n], lex) and _department(words[n:], lex):
            end = n
            break
    # A ward, bay or theatre whose number the span left after it ("Leeds General Infirmary
    # Ward [41]", "Milpark Theatre [3]"): the place inside the facility goes with its number.
    if (
        end == len(words)
        and end - start >= 3
        and words[-1].lower() in _NUMBERED_AREAS
        and _NUMBER_AFTER.match(text, red.end)
    ):
        end -= 1
    if (start, end) == (0, len(words)):
        return red
    cut_start, cut_end = offsets[start][0], offsets[end - 1][1]
    piece = red.original[cut_start:cut_end]
    return Redaction(red.kind, red.start + cut_start, red.start + cut_end, piece, red.replacement)


def without_department_tails(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` with the departments written beside a facility's whole name given back
    (see the module's docstring). ``text`` is the text they were read from."""
    if not any(red.kind == "facility" for red in redactions):
        return redactions
    lex = lexicon()
    return [_settle(text, red, lex) if red.kind == "facility" else red for red in redactions]
