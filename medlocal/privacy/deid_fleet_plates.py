"""Vehicles the plate and call-sign rules left in view (session 59, deid59b; issue 16, dev71).

deid_vehicle_nearby reads a plate set off after a vehicle's word, or right after it in its
strongest shape (two or three letters and digits, groups of four at most); deid_call_signs and
deid_call_sign_words read a call sign after "call sign", "ambulance" or a crew's word. Left:

* a plate right after a vehicle's word in another shape or another language: four letters
  ("camioneta KTLB-44", "Camión minero CAEX 441"), a group of five ("karetka KR 4418K"), after
  the Malay, Spanish and Argentine words ("Kenderaan: WXK 4418", "dominio AB 441 KT");
* a plate of the Emirates, the emirate's name before its code and number ("plate Dubai K
  44182", "family car Abu Dhabi 12 88203"), after a vehicle's word on the line;
* a fire or ambulance service's vehicle named by its kind and number: the French engines
  ("VSAV 2", "FPT 1": their kinds are no clinical abbreviation) anywhere, and a unit named by an
  English or Spanish service word ("Rescue 7", "Medic 41", "Engine 12", "Móvil 44") where a
  transport or crew word stands on the line.

A clinical value after a vehicle's word stays ("car crash, GCS 14", "van HR 110"): the value's
name is refused as deid_vehicle_nearby refuses it, and a unit, a count or a time after the
number refuses the whole ("Rescue 2 doses", "Medic 1 h").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_spans import Redaction, label
from medlocal.privacy.deid_vehicle_nearby import NOT_CLINICAL

# A vehicle's own word, right before its plate (no aside): the words of deid_vehicle_nearby
# that are never a clinical word ("auto" and "bil" stay out: "auto PEEP 8", "bil LE 2+"), and
# those it lacked.
_VEHICLE = (
    r"cars?|vans?|utes?|taxis?|cabs?|minibus|lorry|trucks?|pick-?up|bakkie|matatu|tricycle|"
    r"motorbike|motorcycle|scooter|vehicle|camioneta|camionnette|cami[óo]n(?:[ \t]+minero)?|"
    r"furgoneta|coche|carro|voiture|v[ée]hicule|veh[íi]culo|ve[íi]culo|viatura|kenderaan|"
    r"kereta|lori|teksi|dominio|karetk(?:a|ą|i)|samoch[óo]d|pkw|lkw|moto"
)
# A plate: two or three groups of capitals and digits, a group of letters and a group of two
# digits or more in it, each group of six at most ("KTLB-44", "KR 4418K", "AB 441 KT").
_PLATE = (
    r"(?=(?:[A-Z0-9]{1,6}[ -]){0,2}[A-Z]{1,4}(?![A-Z0-9]))"
    r"(?=(?:[A-Z0-9]{1,6}[ -]){0,2}[A-Z]?\d{2,5}[A-Z]?(?![A-Z0-9]))"
    r"[A-Z0-9]{1,6}(?:[ -][A-Z0-9]{1,6}){1,2}"
)
# What may follow a number that is no vehicle's: a unit, a count, a time.
_NOT_AFTER = (
    r"(?![\w/-]|[.,:]\d)"
    r"(?![ \t]*(?:%|°|(?i:mg|mcg|g|kg|ml|l|units?|iu|mmol|doses?|times|x|h|hrs?|hours?|"
    r"mins?|minutes?|days?|weeks?|months?|years?|am|pm|km|miles?|"
    # Review59d: what a resuscitation or a scene counts ("Rescue 2 breaths", "Tanker 2 litres").
    r"breaths?|shocks?|cycles?|compressions?|puffs?|litres?|liters?|people|patients?|"
    r"casualties)\b))"
)
_RIGHT_AFTER = re.compile(
    rf"(?i:(?<![\w-])(?:{_VEHICLE}))(?![\w-])[ \t]*+[:#]?[ \t]*+"
    rf"(?!{NOT_CLINICAL})(?P<v>{_PLATE}){_NOT_AFTER}"
)
_EMIRATES = (
    r"Dubai|Abu[ \t]+Dhabi|Sharjah|Ajman|Fujairah|Ras[ \t]+Al[ \t]+Khaimah|Umm[ \t]+Al[ \t]+Quwain"
)
_EMIRATE_PLATE = re.compile(
    rf"(?P<v>(?:{_EMIRATES})[ \t]+(?:[A-Z]{{1,2}}|\d{{1,2}})[ \t]+\d{{1,5}}){_NOT_AFTER}"
)
_PLATE_CUE = re.compile(
    rf"(?i:(?<![\w-])(?:{_VEHICLE}|plates?|registration|reg|rego|number[ \t]+plate)(?![\w-]))"
)
# The French fire and ambulance services' vehicle kinds: secours aux victimes, fourgon pompe,
# secours routier, liaison médicale, unité mobile hospitalière, véhicule tout usage.
_FRENCH_ENGINE = re.compile(
    rf"(?<![\w-])(?P<v>(?:VSAV|FPTL?|VSR|VLM|VLSM|UMH|VTU|EPSA|VPI)[ \t]+\d{{1,3}}){_NOT_AFTER}"
)
# A unit named by a service's word and its number, where the line speaks of transport or crews.
# Not "Unidad 3", "Unit 4": a ward's as often as a vehicle's.
# Review59d: in capitals too, as dispatch logs write them ("MEDIC 41"), and joined by a
# hyphen or "#" ("Medic-41", "Rescue #7").
_SERVICE_UNIT = re.compile(
    rf"(?<![\w-])(?P<v>(?:Rescue|Medic|Engine|Ladder|Squad|Tanker|M[óo]vil|"
    r"RESCUE|MEDIC|ENGINE|LADDER|SQUAD|TANKER|M[ÓO]VIL)"
    rf"(?:[ \t]+|[ \t]*[-#][ \t]*)\d{{1,3}}){_NOT_AFTER}"
)
_TRANSPORT_CUE = re.compile(
    r"(?i:(?<![\w-])(?:transferred|transported|conveyed|dispatched|responded|attended|"
    r"arrived|crews?|units?|ambulances?|paramedics?|fire|ems|(?-i:SAME|SAMU)|traslad\w*|"
    r"trasladad\w*|llev\w*|m[óo]vil|bomber\w*|bombeir\w*|pompiers|rescue)(?![\w-]))"
)


def fleet_plate_candidates(text: str) -> Iterator[Redaction]:
    """Plates right after a vehicle's word, the Emirates' plates and services' vehicles."""
    for match in skipped_finditer(_RIGHT_AFTER, text):
        yield _vehicle(match)
    for match in skipped_finditer(_EMIRATE_PLATE, text):
        line_start = text.rfind("\n", max(0, match.start() - 40), match.start()) + 1
        if _PLATE_CUE.search(text, max(line_start, match.start() - 40), match.start()):
            yield _vehicle(match)
    for match in skipped_finditer(_FRENCH_ENGINE, text):
        yield _vehicle(match)
    units = list(skipped_finditer(_SERVICE_UNIT, text))
    if units:
        yield from _units_beside_transport(text, units)


def _units_beside_transport(text: str, units: list[re.Match[str]]) -> Iterator[Redaction]:
    """The units with a transport or crew word on their line, before or after them ("Rescue
    2" is no cue of its own). The cues and line ends are found once (review59d: searching the
    line again for each unit took quadratic time on a long line of units)."""
    cues = [(m.start(), m.end()) for m in skipped_finditer(_TRANSPORT_CUE, text)]
    cue_starts = [start for start, _ in cues]
    newlines = [m.start() for m in re.finditer("\n", text)]
    for match in units:
        at = bisect_left(newlines, match.start())
        line_start = newlines[at - 1] + 1 if at else 0
        line_end = newlines[at] if at < len(newlines) else len(text)
        first = bisect_left(cue_starts, line_start)
        # The nearest cue before the unit, or the first after it, on the same line.
        before = first < len(cues) and cues[first][1] <= match.start()
        after_at = bisect_left(cue_starts, match.end())
        after = after_at < len(cues) and cues[after_at][1] <= line_end
        if before or after:
            yield _vehicle(match)


def _vehicle(match: re.Match[str]) -> Redaction:
    start, end = match.start("v"), match.end("v")
    return Redaction("vehicle_id", start, end, match.group("v"), label("vehicle_id"))
