"""A found code grown over the short capitals written before it as part of it (round 14).

Insurers' plan codes, prescriptions and registrations are written with a prefix of two to four
capitals and a space ("HUM H1234-567", "RX 5521 0093", "HPCSA ANT 0071234"): the rules find the
code's digits and leave the prefix, which is part of the number (a plan's or a register's
letters). A label stays in view ("SSN", "MRN", "SN"), and so does a US state ("IL 62704"). The
prefix joins the code where it stands right before it on its line, alone (after a space, a
bracket or punctuation, not inside a word or a longer run of capitals).

Only the characters before each found code are read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from medlocal.privacy.deid_addresses import STATES
from medlocal.privacy.deid_codes import ID_CUES
from medlocal.privacy.deid_spans import Redaction

# The kinds of codes that take a prefix.
_CODE_KINDS = frozenset(
    {"id_number", "device_id", "health_plan_id", "account_number", "licence_number", "phone"}
)
# Two to four capitals and one space before the code, after a space, bracket, punctuation or
# the line's start.
_PREFIX = re.compile(r"(?:^|(?<=[ \t\n(\[,;:/]))(?P<p>[A-Z]{2,4}[ ])\Z")
_WINDOW = 6
# Prefixes that are no part of the code: a label, which stays in view ("SSN", "MRN", "SN",
# "LOT": see deid_codes), and a US state before a ZIP code or a licence ("IL 62704").
_LABEL = re.compile("(?i:" + "|".join(cue for _, cue in ID_CUES) + ")")
_STATES = frozenset(STATES.split("|"))
# National numbers, dates and lines labelled outside deid_codes' cues.
_OTHER_LABELS = frozenset({"SSN", "SIN", "NIN", "TFN", "DOB", "TEL", "FAX", "PH", "MOB"})
# A code already written with its prefix ("TX 30188274" after "DL").
_PREFIXED = re.compile(r"[A-Z]{2,4} ")


def prefixed_code_spans(text: str, spans: Iterable[Redaction]) -> Iterator[Redaction]:
    """The codes of ``spans`` grown over a prefix of capitals before them."""
    for red in spans:
        if red.kind not in _CODE_KINDS or red.start < 3 or text[red.start - 1] != " ":
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
        if (
            letters in _STATES
            or letters in _OTHER_LABELS
            or _LABEL.fullmatch(letters)
            or _PREFIXED.match(text, red.start)
        ):
            continue
        start = red.start - len(prefix.group("p"))
        yield Redaction(red.kind, start, red.end, text[start : red.end], red.replacement)
