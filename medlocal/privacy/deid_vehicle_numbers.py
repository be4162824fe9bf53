"""A vehicle's unit number, and an aircraft's registration after its model (session 49, dev48).

* A fleet's own number for one vehicle, after the vehicle's noun and "unit", "fleet no." or "#"
  ("truck unit 417", "ambulance unit 4471", "lorry fleet no. 3317", "rig #22"): it names the
  vehicle, and so the crew and the run, as a call sign does (deid_call_signs). A bus's or a
  coach's "no." is its route and stays ("bus no. 38"); only "unit" and "fleet" name one bus.
* An aircraft's registration in the civil registers' prefix-and-dash form of letters ("VH-VWZ",
  "G-EZTB", "C-GYNT", "ZK-MCJ"), after an aircraft's word and the model between ("Aircraft:
  Pilatus PC-24 VH-VWZ from ..."): deid_vehicle_nearby wants a bracket or a comma before it.
  Only letters after the dash, three or four, so "PC-24" and "B-ALL" never match.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_spans import Redaction, label

_UNIT = re.compile(
    r"(?i:\b(?P<w>trucks?|lorry|lorries|tractor|trailer|rig|ambulances?|vans?|cars?|buses|bus|"
    r"coach|taxi|cab|fire[ \t]+engine|appliance|helicopter|aircraft)[ \t]+"
    r"(?P<c>unit|fleet[ \t]*(?:no\.?|number|#)|no\.|#)[ \t]*#?[ \t]*)"
    r"(?P<v>\d{1,5}[A-Z]?|[A-Z]{1,2}\d{1,4})(?![\w:/-]|[.,]\d)"
)
_AIRCRAFT = re.compile(
    r"(?i:\b(?:aircraft|helicopter|plane|aeroplane|airplane|air[ \t]+ambulance|jet|"
    r"fixed[ \t-]+wing|rotary[ \t-]+wing))\b[^.;!?\n]{0,30}?(?<![\w-])"
    r"(?P<v>(?:[A-Z]{1,2}|[0-9][A-Z])-[A-Z]{3,4})(?![\w-])"
)


def vehicle_number_candidates(text: str) -> Iterator[Redaction]:
    """Unit numbers and aircraft registrations of ``text`` (see the module's docstring)."""
    for match in skipped_finditer(_UNIT, text):
        word, cue = match.group("w").lower(), match.group("c").lower()
        if word in ("bus", "buses", "coach") and not cue.startswith(("unit", "fleet")):
            continue  # a route
        yield _vehicle(text, match.start("v"), match.end("v"))
    for match in skipped_finditer(_AIRCRAFT, text):
        yield _vehicle(text, match.start("v"), match.end("v"))


def _vehicle(text: str, start: int, end: int) -> Redaction:
    return Redaction("vehicle_id", start, end, text[start:end], label("vehicle_id"))
