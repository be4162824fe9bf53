"""A found code grown over the short capitals written before it as part of it (round 14).

Insurers' plan codes, prescriptions and registrations are written with a prefix of two to four
capitals and a space ("HUM H1234-567", "HPCSA ANT 0071234"): the rules find the code's digits
and leave the prefix, which is part of the number (a plan's or a register's letters). A label
stays in view ("SSN", "MRN", "SN"), and so does a US state ("IL 62704"). The prefix joins the
code where it stands right before it on its line, alone (after a space, a bracket or
punctuation, not inside a word or a longer run of capitals).

Review 14 (item 12): no label joins a code, whichever list knows it ("SN 4H8-77821" keeps its
"SN"), nor the abbreviation of a role, a ward or a service ("GP", "ICU", "ED", "OPD", "CMHT");
and a telephone number takes no prefix at all (the letters before a phone number are never part
of it: "Ward ICU 0161 496 0000").

Only the characters before each found code are read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from medlocal.privacy.deid_addresses import STATES
from medlocal.privacy.deid_code_repeats import repeated_code_spans
from medlocal.privacy.deid_codes import ID_CUES
from medlocal.privacy.deid_people_words import COLON_ROLES, ROLES
from medlocal.privacy.deid_spans import Redaction, label

# The kinds of codes that take a prefix (a phone number never does).
_CODE_KINDS = frozenset(
    {"id_number", "device_id", "health_plan_id", "account_number", "licence_number"}
)
# Two to four capitals and one space before the code, after a space, bracket, punctuation or
# the line's start.
_PREFIX = re.compile(r"(?:^|(?<=[ \t\n(\[,;:/]))(?P<p>[A-Z]{2,4}[ ])\Z")
_WINDOW = 6
# Prefixes that are no part of the code: a label, which stays in view ("SSN", "MRN", "SN",
# "LOT": see deid_codes), read where it stands so that a cue's look-ahead sees the space after
# it ("sn(?=[ \t.:#])"); and a US state before a ZIP code or a licence ("IL 62704").
_LABEL = re.compile("(?i:" + "|".join(cue for _, cue in ID_CUES) + ")(?=[ ])")
_STATES = frozenset(STATES.split("|"))
# National numbers, dates and lines labelled outside deid_codes' cues, and the labels kept in
# view before a number elsewhere (deid_pattern_context).
_OTHER_LABELS = frozenset(
    {
        "SSN", "SIN", "NIN", "TFN", "DOB", "TEL", "FAX", "PH", "MOB", "MRN", "NPI", "DEA", "VIN",
        "UDI", "SN", "UR", "NHS", "NHI", "ID", "IMC", "GMC", "NMC", "CSN", "FIN", "MR", "DVA",
        "OHIP", "RAMQ", "IHI", "GMS", "UHID", "IP", "OP", "REF", "NO", "ACCT", "PO", "BOX",
        "CLIA", "NRIC", "PPS", "IRD", "HAR", "EIN", "TIN", "LOT", "BATCH", "CODE", "NUM", "NR",
        "SIP", "SIPA", "SIK", "SIKP", "SIPB",
    }
)  # fmt: skip
# Care teams, units and roles written as initials that the abbreviation vocabulary lacks (UK,
# Irish and Australian services mostly): a phone's or a code's line names them before it.
_SERVICES = frozenset(
    {
        "CMHT", "CAMHS", "CRHT", "HTT", "IAPT", "CPN", "EIP", "AMHP", "CRT", "ICT", "DN", "HV",
        "SHO", "SPR", "STR", "FY1", "FY2", "CT1", "CT2", "ST1", "ST2", "ST3", "RMO", "JMO",
        "HMO", "SCBU", "SAU", "CCU", "CDU", "AMU", "MAU", "EAU", "HDU", "ITU", "ICU", "NICU",
        "PICU", "PACU", "OOH", "UTC", "MIU", "WIC", "ED", "AE", "OPD", "MSK", "SALT", "OT",
        "PT", "GP", "GPS", "NP", "ANP", "ACP", "CNS", "RN", "RGN", "RMN", "EN", "HCA", "PA",
        "EMT", "MDT", "CHC", "CCG", "ICB", "PCN", "PHC", "CHN", "CHW", "ASHA", "ANM", "PHU",
    }
)  # fmt: skip
_ROLES = frozenset(r.upper() for r in ROLES | COLON_ROLES)
# Round 19: a card's or a number's word before the capitals ("Thiqa card TQ 1 008 447 1823 0"):
# digits read as a telephone number there are the card's, and its capitals are part of it.
_CARD_BEFORE = re.compile(r"(?i:\b(?:card|no\.?|number|nr\.?|#))[ \t]*:?[ \t]*\Z")
# A code already written with its prefix ("TX 30188274" after "DL").
_PREFIXED = re.compile(r"[A-Z]{2,4} ")


def prefixed_code_spans(text: str, spans: Iterable[Redaction]) -> Iterator[Redaction]:
    """The codes of ``spans`` grown over a prefix of capitals before them, and (session 61,
    deid61b) a found code repeated bare elsewhere in the text (deid_code_repeats), read here so
    that the redactor's pipeline stays as it was."""
    spans = list(spans)  # read twice
    yield from repeated_code_spans(text, spans)
    for red in spans:
        if red.start < 3 or text[red.start - 1] != " ":
            continue
        if red.kind not in _CODE_KINDS and not (red.kind == "phone" and _card_phone(text, red)):
            continue
        # A code opens with a digit or a capital; a word with a year found as a code ("ART
        # mid-2024") takes no prefix.
        if not text[red.start - 2].isupper() or not (
            text[red.start].isdigit() or text[red.start].isupper()
        ):
            continue
        # Six characters hold the longest prefix and the one before it ("^" is the text's start).
        prefix = _PREFIX.search(text[max(0, red.start - _WINDOW) : red.start])
        if prefix is None:
            continue
        letters = prefix.group("p")[:-1]
        start = red.start - len(prefix.group("p"))
        if _not_of_the_code(letters, text, start) or _PREFIXED.match(text, red.start):
            continue
        yield Redaction(red.kind, start, red.end, text[start : red.end], red.replacement)


def _not_of_the_code(letters: str, text: str, start: int) -> bool:
    """Whether the capitals ``letters`` at ``start`` are a label, a state, or a role's, a
    unit's or a service's initials: words of the note, not of the code. (Other clinical
    abbreviations may be a register's letters: "RX 5521 0093" is a prescription's number.)"""
    if letters in _STATES or letters in _OTHER_LABELS or letters in _SERVICES or letters in _ROLES:
        return True
    label = _LABEL.match(text, start, start + len(letters) + 1)
    return label is not None and label.end() == start + len(letters)


def _card_phone(text: str, red: Redaction) -> bool:
    """Whether the telephone number ``red`` follows two or three capitals after a card's or a
    number's word (see _CARD_BEFORE): a card's number."""
    prefix = _PREFIX.search(text[max(0, red.start - _WINDOW) : red.start])
    if prefix is None or len(prefix.group("p")) > 4:
        return False
    before = red.start - len(prefix.group("p"))
    return _CARD_BEFORE.search(text[max(0, before - 16) : before]) is not None


# A code found with its capitals by a pattern of its own ("ICU 0161 496 0000"): the capitals
# and a number of at least nine digits after them.
_LETTERS_THEN_NUMBER = re.compile(r"([A-Z]{2,5})[ \t]+(\+?[\d][\d \t-]{7,}\d)\Z")


def without_service_prefixes(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` with a unit's, a role's or a service's initials given back where a
    pattern took them with the number after them (walk 22: "Ward ICU 0161 496 0000" lost its
    "ICU" to one ID); a dialled number ("0...", "+...") is then a telephone number."""
    kept: list[Redaction] = []
    for red in redactions:
        split = _LETTERS_THEN_NUMBER.match(red.original) if red.kind == "id_number" else None
        letters = split.group(1) if split is not None else ""
        if split is None or not (letters in _SERVICES or letters in _ROLES):
            kept.append(red)
            continue
        number = split.group(2)
        start = red.end - len(number)
        kind = "phone" if number.startswith(("0", "+")) else red.kind
        replacement = label(kind) if kind != red.kind else red.replacement
        kept.append(Redaction(kind, start, red.end, text[start : red.end], replacement))
    return kept
