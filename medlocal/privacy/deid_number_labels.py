"""One kind for a number its label names: a health-service number is "[ID]" however it is
written.

The rules read a number by its shape as much as by its label, so the same NHS number became
"[PHONE]" spaced 3-3-4, "[SSN]" written 3-3-4 with hyphens and "[ID]" in one run (walk 19): the
number was removed each time, but a reader of the export would take it for a telephone. Where
the label before a number names a health-service or insurance number, that label decides.
Walk 45 (D7): so does any other identifier's cue right before the number ("driver licence 038
554 112" is a licence, not "[PHONE]" to the reviewer; "case AV-25-0814-3372" after "Ambulance
Victoria" is a case number, not a vehicle's plate).
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_codes import ID_CUES
from medlocal.privacy.deid_spans import Redaction, label

# Health-service and insurance numbers by their labels, in the countries whose notes we read
# ("NHS No:", "CHI", "H&C number", "IHI", "NHI", "Medicare card #", "OHIP", "health card").
# Session 38 (issue 16): the abbreviation with its stops too ("N.H.S. No. 943 476 5919").
_HEALTH_LABEL_WORDS = (
    r"(?i:\b(?:NHS|N\.H\.S\.?|CHI|H&C|HSC|IHI|NHI|Medicare|Medicaid|OHIP|MSP|RAMQ|"
    r"health[ \t]+card|health[ \t]+(?:insurance|plan)|insurance|member(?:ship)?|policy)"
    # Walk 22: a table's cell bar between the label and the number ("| NHS no | 943 476 5919").
    r"(?:[ \t]+(?:card|number|no\.?|num|nbr|#|id))*[ \t]*[:#.=|-]?[ \t]*)"
)
_HEALTH_NUMBER_LABEL = re.compile(_HEALTH_LABEL_WORDS + "$")
# Session 38 (issue 16): the label read into the number's own span by a rule for codes with a
# prefix of capitals ("Our ref: NHS 943 476 5919" was "[ID]" typed id_number, with "NHS"
# removed, where "NHS: 943 476 5919" kept its label and was typed health_plan_id).
_HEALTH_LABEL_OPENING = re.compile(_HEALTH_LABEL_WORDS + r"(?=\d)")
# The kinds a shape gives a number that a label may overrule.
_BY_SHAPE = frozenset({"phone", "ssn", "id_number", "vehicle_id"})


# Each identifier's cues (deid_codes), ending right before the number.
_CUE_RIGHT_BEFORE = [
    (kind, re.compile(rf"(?i:\b(?:{cues}))[ \t]*[:#.=-]?[ \t]*\Z")) for kind, cues in ID_CUES
]
# The cues of a plate that the id_number cues hold too ("vehicle 1XY 4ZB" stays a plate).
_VEHICLE_CUE = re.compile(r"(?i:vehicle|unit|call[ \t]*sign)")


def _kind_of_cue_before(text: str, red: Redaction) -> str | None:
    """The kind of the identifier whose cue ends right before ``red``, if one does."""
    for kind, cue in _CUE_RIGHT_BEFORE:
        found = cue.search(text, max(0, red.start - 40), red.start)
        if found is not None and found.group().strip():
            if red.kind == "vehicle_id" and _VEHICLE_CUE.match(found.group()):
                return None
            return kind
    return None


def labelled_numbers(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` with each number after a health-service number's label given that kind
    (and its label), whatever its shape made of it; a label read into the number's span is
    given back."""
    out = []
    for red in redactions:
        by_shape = red.kind in _BY_SHAPE or (
            # "Medicare card # 2123 45670 1": a number after "#" read as a flat's
            red.kind == "street_address" and not any(ch.isalpha() for ch in red.original)
        )
        if not by_shape or red.replacement != label(red.kind):
            out.append(red)
            continue
        opening = _HEALTH_LABEL_OPENING.match(text, red.start, red.end)
        if opening is not None:
            # The label stays in view, as it does where a stop or colon parts it from the number.
            start = opening.end()
            red = Redaction(
                "health_plan_id", start, red.end, text[start : red.end], label("health_plan_id")
            )
        elif _HEALTH_NUMBER_LABEL.search(text, max(0, red.start - 40), red.start):
            red = Redaction(
                "health_plan_id", red.start, red.end, red.original, label("health_plan_id")
            )
        elif (
            red.kind != "ssn"  # a national number's own kind, whatever its cue ("Aadhaar")
            and (cued := _kind_of_cue_before(text, red)) is not None
            and cued != red.kind
        ):
            red = Redaction(cued, red.start, red.end, red.original, label(cued))
        out.append(red)
    return out
