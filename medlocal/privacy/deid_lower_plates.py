"""A number plate typed in lower case after a plate's own word (session 32's format sweep).

The plate rules of deid_codes and deid_vehicle_nearby read capitals: a plate is printed in them.
Typed in a hurry it is not ("number plate cg24 zhs", "registration rn 15625", "VRN: 29-has-0",
"Number-plate gsk-810-t"). Only after a word that means the plate itself (plate, registration,
rego, VRN, "vehicle reg", "car reg"): after a vehicle's word alone a lower-case word is prose
("the car at 10am"), and "reg" alone is regular insulin ("Actrapid reg 10u").

The value is read group by group (joined by a space or a hyphen, four groups at most): a group
of letters only is three letters at most and no small word ("plate cg24 zhs at the scene" stops
before "at"); the plate needs two digits and two letters, and no unit or count after it
("registration 2 weeks", "plate 3 holes").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_spans import Redaction, label

# A plate's own words; "reg" only after a vehicle's word or before "no". Case-blind.
_CUE = re.compile(
    r"(?i:\b(?:(?:number|licen[cs]e)[ \t-]?plate|plate|registration|rego|vrn|"
    r"reg\.?[ \t]*(?:no\.?|number|#)|"
    r"(?:vehicle|car|veh\.?)[ \t]+reg\.?)(?![\w-])(?:[ \t]+(?:no\.?|number|#))?)"
    r"[ \t]*+[:#]?[ \t]*+"
)
# Up to four groups of lower-case letters and digits.
_GROUPS = re.compile(r"[a-z0-9]{1,8}(?:[ -][a-z0-9]{1,8}){0,3}(?![\w-])")
_SMALL_WORDS = frozenset(
    {
        "at", "on", "in", "is", "was", "of", "for", "the", "and", "to", "by", "a", "an", "her",
        "his", "its", "our", "now", "not", "but", "had", "see", "saw", "are", "via", "per", "ago",
        "day", "days", "hrs", "wks", "mg", "ml", "kg", "km", "cm", "mm", "seen", "from", "with",
        "into", "no",
        # Time and count shorthand after a number ("registration 12 wk", "plate 24 hr",
        # "plate ct 45": review 32b), never a plate's letters.
        "wk", "hr", "h", "d", "min", "mins", "yr", "yrs", "mo", "mth", "mths", "ct", "cnt",
    }
)  # fmt: skip
_UNIT_AFTER = re.compile(
    r"[ \t]*(?i:times|hours?|hrs?|days?|weeks?|wks?|months?|years?|yrs?|mins?|minutes?|km|"
    r"miles?|mph|kg|mg|ml|mm|cm|units?|x|holes?|screws?)\b"
)


def _plate(groups: list[str], seps: list[str]) -> int:
    """How many of ``groups`` make the plate (0 when none does)."""
    taken = 0
    for i, group in enumerate(groups):
        letters_only = group.isalpha()
        if letters_only and (len(group) > 3 or (seps[i] != "-" and group in _SMALL_WORDS)):
            break
        if not letters_only and not any(c.isdigit() for c in group):
            break
        taken += 1
    while taken:
        value = "".join(groups[:taken])
        digits = sum(c.isdigit() for c in value)
        letters = sum(c.isalpha() for c in value)
        if digits >= 2 and letters >= 2 and any(c.islower() for c in value):
            return taken
        taken -= 1
    return 0


def lower_case_plate_candidates(text: str) -> Iterator[Redaction]:
    """Plates in lower case after a plate's own word."""
    for cue in skipped_finditer(_CUE, text):
        end = plate_groups(text, cue.end())
        if end:
            yield Redaction(
                "vehicle_id", cue.end(), end, text[cue.end() : end], label("vehicle_id")
            )


def plate_groups(text: str, start: int) -> int:
    """Where a lower-case plate that opens at ``start`` ends (0 when none opens there); also
    read after other languages' plate words (deid_plate_words)."""
    match = _GROUPS.match(text, start)
    if match is None:
        return 0
    parts = re.split(r"([ -])", match.group())
    groups, seps = parts[0::2], ["", *parts[1::2]]
    taken = _plate(groups, seps)
    if not taken:
        return 0
    end = start + len("".join(parts[: 2 * taken - 1]))
    return 0 if _UNIT_AFTER.match(text, end) else end
