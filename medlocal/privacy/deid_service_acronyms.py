"""A hospital's ward, unit, team or service named by its usual initials is given back after
resolution (review61a): "moved to ITU after MET call" and "Referred to SALT and OT" lost the
unit and the therapy as a [LOCATION] (Itu is a Brazilian town, Salt a Catalan one),
"repatriated to DGH" (any district general hospital), "bloods at PHC" (primary health care),
"Transféré au USIC", "Trasferito in UTIC" and "Overflyttet til AKM" lost them as a facility or a
name. Every hospital or health system has these, so they identify no one.

A span is given back only when it is the initials alone, written in capitals, on a line that is
not written in capitals (an address line in capitals may hold the town "SALT"), and when no
facility redacted in the same note is spelled out by them: a note that writes "Dandenong General
Hospital (DGH)" makes "DGH" that hospital's initials, and every mention of them stays removed.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_facility_mentions import _mostly_capitals
from medlocal.privacy.deid_service_acronym_list import SERVICE_ACRONYMS
from medlocal.privacy.deid_slot_initials import spelled_out
from medlocal.privacy.deid_spans import Redaction

_KINDS = frozenset({"facility", "location", "city", "name"})


def _acronym_alone(text: str, red: Redaction) -> bool:
    return (
        red.kind in _KINDS
        and red.original in SERVICE_ACRONYMS
        and not _mostly_capitals(text, red.start)
    )


def _defines(letters: str, name: str) -> bool:
    """A facility's name spelled out by ``letters``, with them or without them in brackets
    after it ("Dandenong General Hospital (DGH)" may be found as one span)."""
    if f"({letters})" in name:
        return True
    return spelled_out(letters.replace("&", ""), name.split("(")[0])


def without_service_acronyms(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` less the service initials they took alone (see above)."""
    redactions = [_without_unit_before_genitive(text, red) for red in redactions]
    candidates = {red.original for red in redactions if _acronym_alone(text, red)}
    if not candidates:
        return redactions
    # Only a facility's name defines initials ("Dandenong General Hospital (DGH)").
    names = [red.original for red in redactions if red.kind == "facility" and " " in red.original]
    # A note's own facility spelled out by the initials keeps them (one check per initials).
    defined = {letters for letters in candidates if any(_defines(letters, name) for name in names)}
    ordered = sorted(redactions, key=lambda red: red.start)
    given_back: set[int] = set()
    for i, red in enumerate(ordered):
        if not _acronym_alone(text, red) or red.original in defined:
            continue
        before = ordered[i - 1] if i > 0 else None
        after = ordered[i + 1] if i + 1 < len(ordered) else None
        if not _beside_a_place(text, before, red, after):
            given_back.add(id(red))
    return [red for red in redactions if id(red) not in given_back]


# Only blanks and a bracket, or blanks and a comma, between the initials and a place beside them.
_JOIN_BEFORE = re.compile(r"[ \t]*\([ \t]*")
_JOIN_AFTER = re.compile(r"\)?[ \t]*,?[ \t]*")


def _beside_a_place(
    text: str, before: Redaction | None, red: Redaction, after: Redaction | None
) -> bool:
    """The initials stand right beside another place: an organisation's own initials in
    brackets after its name ("Shell (SPDC)") or a branch's place after them ("ACU North
    Sydney", "PHC, Kasara"), not a ward."""
    joined_before = (
        before is not None
        and before.kind in _KINDS
        and before.end <= red.start
        and _JOIN_BEFORE.fullmatch(text, before.end, red.start) is not None
    )
    joined_after = (
        after is not None
        and after.kind in _KINDS
        and red.end <= after.start
        and _JOIN_AFTER.fullmatch(text, red.end, after.start) is not None
    )
    return joined_before or joined_after


# A German unit's initials, then the genitive, at the front of a span: "die [ZNA des UKE]" is
# the emergency department of the hospital "UKE" (review62a).
_UNIT_GENITIVE = re.compile(r"([^\W\d_a-z]{2,6})[ \t]+(?:des|der)[ \t]+(?=\S)")


def _without_unit_before_genitive(text: str, red: Redaction) -> Redaction:
    """``red`` less a service's initials and the genitive at its front: "die ZNA des [UKE]"."""
    unit = _UNIT_GENITIVE.match(text, red.start, red.end)
    if red.kind not in _KINDS or unit is None or unit.group(1) not in SERVICE_ACRONYMS:
        return red
    return Redaction(red.kind, unit.end(), red.end, text[unit.end() : red.end], red.replacement)
