"""Vehicles' registrations and units the plate rules left in view (session 60, deid60b; issue 16).

Read on the blind half dev74 and in the same shapes elsewhere:

* an aircraft's registration after an aircraft's word, in the ICAO shapes: a country's prefix,
  a hyphen and three or four letters ("helikopter LN-OLJ", "aircraft G-LXAM", "avion F-HBXQ"),
  or an American N-number ("Piper PA-18 N5573R");
* a trailer's or a caravan's plate after its word, of any language ("semi-remorque RM 9177",
  "Anhänger B-XY 412");
* a fleet number after "fleet" ("fleet 4715");
* a rescue service's unit named by its kind ("SMUR 2", "Lifeguard 41", "Christoph 22",
  "Flight for Life 3");
* a Dutch plate's side codes after a plate's word, two digits with letters ("kenteken
  GHT-40-K"), and a short plate of letters and digits after "reg", "rego" or "plate" ("reg AM
  7731", as Hong Kong writes its plates);
* a Greek plate, three Greek capitals and four digits ("ΚΗΙ-5531").

A clinical value's name (deid_vehicle_nearby.NOT_CLINICAL: "reg HR 88"), a unit or a count after
the number ("fleet 20 vehicles", "Lifeguard 2 min") is none of these.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_counts import COUNT_AFTER
from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_spans import Redaction, label
from medlocal.privacy.deid_vehicle_nearby import NOT_CLINICAL

_END = rf"(?![\w/-]|[.,]\d)(?!{COUNT_AFTER})"
_AIRCRAFT_WORDS = (
    r"aircraft|airplane|aeroplane|plane|floatplane|seaplane|helicopter|helikopter|"
    r"helikopteri|fly|flugzeug|hubschrauber|avion|h[ée]licopt[èe]re|aeronave|avi[óo]n|"
    r"helic[óo]ptero|elicottero|vliegtuig|flygplan|lentokone|airframe"
)
_AIRCRAFT = re.compile(
    rf"(?i:\b(?:{_AIRCRAFT_WORDS})\b)[^.;!?\n]{{0,40}}?(?<![\w-])"
    r"(?P<v>(?-i:(?:[A-Z]{1,2}|[A-Z]\d|\d[A-Z])-[A-Z]{3,4}|N[1-9]\d{1,4}[A-Z]{0,2}))"
    r"(?![\w-])"
)
_TRAILER_WORDS = (
    r"trailer|semi-?trailer|remorque|semi-remorque|remolque|semirremolque|reboque|"
    r"semirreboque|rimorchio|semirimorchio|anh[äa]nger|auflieger|aanhanger|oplegger|"
    r"sl[äa]pvagn|tilhenger|caravan|horsebox"
)
_TRAILER = re.compile(
    rf"(?i:\b(?:{_TRAILER_WORDS})(?![\w-])"
    r"(?:[ \t]+(?:reg(?:istration)?\.?|plate|no\.?|number|nr\.?|#))?)[ \t]*[:#]?[ \t]*"
    rf"(?!{NOT_CLINICAL})"
    r"(?P<v>(?-i:(?=[A-Z0-9 -]{0,12}\d)[A-Z0-9]{1,4}(?:[ -][A-Z0-9]{1,5}){0,3}))" + _END
)
_FLEET = re.compile(
    r"(?i:\bfleet(?:[ \t]+(?:no\.?|number|#))?)[ \t]*[:#]?[ \t]*(?P<v>\d{2,6})"
    + _END
    # What the fleet counts after it ("fleet 20 vehicles strong"; "fleet 3312 attended" is one).
    + r"(?![ \t]+(?i:vehicles|ambulances|cars|vans|trucks|lorries|buses|units|aircraft|"
    r"helicopters|strong)\b)"
)
_SERVICE_UNIT = re.compile(
    r"(?<![\w-])(?P<v>(?:SMUR|UMH|Lifeguard|Helimed|Christoph|Rega|Lifeliner|Medicopter|"
    r"Life[ \t]?Flight|Care[ \t]?Flight|Flight[ \t]+for[ \t]+Life)[ \t]+\d{1,3})" + _END
)
_SIDE_CODES = re.compile(
    r"(?i:\b(?:kenteken|nummerplaat|plate|reg(?:istration)?|rego|kennzeichen|plaque|"
    r"immatricul[ée]e?)(?![\w-]))\.?[ \t]*[:#]?[ \t]*"
    r"(?P<v>(?-i:(?=[A-Z0-9-]{6,8}(?![\w-]))(?=(?:[A-Z-]*\d){2})(?=[0-9-]*[A-Z])"
    r"[A-Z0-9]{1,3}-[A-Z0-9]{1,3}-[A-Z0-9]{1,3}))(?![\w-])"
)
_SHORT_PLATE = re.compile(
    # A clinical value's name only before a value's size ("reg HR 88"; "reg AM 7731" is a plate).
    rf"(?i:\b(?:reg|rego|plate)(?![\w-]))\.?[ \t]*[:#]?[ \t]*"
    rf"(?!(?=[A-Z]{{1,3}}[ \t]\d{{1,3}}(?!\d)){NOT_CLINICAL})"
    r"(?P<v>(?-i:[A-Z]{1,3}[ \t]\d{1,4}))" + _END
)
_GREEK = re.compile(r"(?<![\w-])(?P<v>[ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ]{3}[ -]?\d{4})(?![\w-])")


def vehicle_registration_candidates(text: str) -> Iterator[Redaction]:
    """Vehicles' registrations and units in the shapes of the module's docstring."""
    for pattern in (_AIRCRAFT, _TRAILER, _FLEET, _SERVICE_UNIT, _SIDE_CODES, _SHORT_PLATE, _GREEK):
        for match in skipped_finditer(pattern, text):
            start, end = match.start("v"), match.end("v")
            yield Redaction("vehicle_id", start, end, text[start:end], label("vehicle_id"))
