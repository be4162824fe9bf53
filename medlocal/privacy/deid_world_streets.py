"""Address forms of other countries and of rural roads (round 9).

* Numbered roads with a kilometre or mile mark, an exit, or a road cue before them
  ("US Hwy 2 MM 471", "N-34 mile 8", "AP-7 salida 62", "Carretera Federal 130 México-Tuxpan km
  142+300", "on US 491"). A letter and a number alone ("A 1", "N 34") are kept: they are
  grades, leads and stations as often as roads.
* Rural delivery numbers before a street ("RMB 2241 Nangus Rd").
* Indian house numbers ("Old No. 12, New No. 27, 2nd Main Road", "No. 42, 11th Main") and a
  building before its floor ("Tower D, 4th Floor").
* A street and house number before a European postcode and town ("Hofmark 3, 83093 Bad
  Endorf", "Korte Heuvel 22-bis, 5038 CS Tilburg"), and the Dutch postcode itself.
* Polish estates ("os. Tysiąclecia, bl. 12, m. 47") and Vietnamese street lines ("Số 27/4B
  đường số 11, khu phố 3").
"""

from __future__ import annotations

import re

_ROAD_WORD = (
    r"(?:US[ \t]+)?(?:Hwy|Highway|Interstate|Route|Rte\.?|Carretera(?:[ \t]+(?:Federal|Nacional|"
    r"Estatal|Comarcal))?|Autopista|Autov[íi]a|Autoroute|Autobahn|Ruta|Rodovia|Strada[ \t]+"
    r"Statale)"
)
# A road's code: letters joined to a number ("N-34", "AP-7", "US 491", "BR-116").
_ROAD_CODE = r"(?:US|SR|CR|FM|RN|RP|AP|BR|SP|SS|[AMNDEI])-?[ \t]?\d{1,4}"
# A mark along the road: a kilometre or mile post, or an exit.
_ROAD_MARK = (
    r"[ \t]+(?:km|Km|KM|PK|MM|mile(?:[ \t]+marker|post)?|milepost|exit|Exit|salida|sortie|"
    r"Ausfahrt|uscita|sa[íi]da)\.?[ \t]*\d{1,4}(?:[+.,]\d{1,3})?\b"
)
# A word of a name in title case ("México-Tuxpan"), not an acronym or a mark ("MM").
_NAME = r"[A-ZÀ-ÞĀ-ž][a-zß-ÿĀ-ž'’]+(?:-[A-ZÀ-Þ][a-zß-ÿĀ-ž'’]+)?"
_STREET_HOUSE = (
    r"\d{1,5}[a-zA-Z]?(?:-?(?:bis|ter)\b|-[A-Z]\b)?"
    r"(?![ \t]*(?i:%|mg|mcg|ml|g\b|kg|units?\b|x\b|hours?\b|days?\b))"
)

WORLD_STREET_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "street_address",
        re.compile(
            rf"\b{_ROAD_WORD}[ \t]+\d{{1,4}}\b(?:[ \t]+{_NAME}){{0,2}}(?:{_ROAD_MARK})?"
            rf"|\b{_ROAD_CODE}\b(?:[ \t]+{_NAME}){{0,2}}{_ROAD_MARK}"
            r"|(?:(?<=\bon )|(?<=\bto )|(?<=\bvia )|(?<=\bby )|(?<=\boff ))"
            r"(?:US|SR)-?[ \t]?\d{1,3}\b(?![ \t]*(?:%|mg|ml|/))"
            r"|(?:(?<=\bpor )|(?<=\balong ))(?:US|SR|AP|[AMN])-\d{1,3}\b"
            # Rural delivery: "RMB 2241 Nangus Rd" (the street itself is found as an address).
            r"|\b(?:RMB|RMS|RSD|CMB|RR)[ \t]+\d{1,5}\b(?=[ \t]+\d{0,5}[ \t]*[A-Z][a-z]+[ \t]+"
            r"(?:Rd|Road|Lane|Ln|Track|St|Street|Hwy|Highway|Dr|Drive)\b)"
            # "Old No. 12, New No. 27," and "No. 42," before an ordinal road or block.
            r"|\b(?:(?:Old|New)[ \t]+)?No\.[ \t]*\d{1,5}[A-Za-z]?"
            r"(?=,[ \t]*(?:(?:Old|New)[ \t]+No\.|"
            r"\d{1,3}(?:st|nd|rd|th)[ \t]+(?:Main|Cross|Block|Stage|Phase|Sector|Road|Street|"
            r"Avenue|Floor)))"
            r"|\b(?:Tower|Block|Wing|Bldg\.?|Building)[ \t]+[A-Z0-9]{1,3}\b"
            r"(?=,[ \t]*\d{1,2}(?:st|nd|rd|th)[ \t]+Floor)"
            # Polish estates: "os. Tysiąclecia, bl. 12, m. 47".
            rf"|\b(?:os\.|osiedle)[ \t]+{_NAME}(?:[ \t]+{_NAME})?"
            r"(?:,?[ \t]+bl\.?[ \t]*\d{1,4}[A-Z]?)?(?:,?[ \t]+m\.[ \t]*\d{1,4})?"
            # Vietnamese: "Số 27/4B đường số 11, khu phố 3".
            r"|(?:\b(?i:số)[ \t]+)?\b\d{1,5}[A-Z]?(?:/\d{1,4}[A-Z]?){0,2}[ \t]+"
            r"(?i:đường|phố|ngõ|ngách|hẻm|kiệt)[ \t]+"
            r"(?:(?i:số)[ \t]+\d{1,4}|[A-ZĐ]\w+(?:[ \t]+[A-ZĐ]\w+){0,3})"
            r"(?:,[ \t]*(?i:khu[ \t]+phố|tổ|ấp|thôn)[ \t]+\d{1,3}\b)?"
        ),
    ),
    # A street and house number before a postcode and a town, as European addresses run
    # ("Hofmark 3, 83093 Bad Endorf"; "Korte Heuvel 22-bis, 5038 CS Tilburg").
    (
        "street_address",
        re.compile(
            rf"\b(?P<v>{_NAME}(?:[ \t]+{_NAME}){{0,2}}[ \t]+{_STREET_HOUSE})"
            r"(?=,[ \t]*(?:\d{5}|\d{4}[ \t]?[A-Z]{2})[ \t]+[A-ZÀ-Þ][a-zà-ÿ])"
        ),
    ),
    (
        "zip_code",
        re.compile(
            # The Dutch postcode after a house number: "22-bis, 5038 CS Tilburg".
            # (Units are no postcode letters: "45, 2000 IU Daily".)
            r"(?<=,[ \t])\d{4}[ \t]?(?!(?:IU|UI|MG|ML|KG|CC|MM|CM|HR|AM|PM)\b)[A-Z]{2}\b"
            r"(?=[ \t]+[A-Z][a-z])"
            # A Korean postcode in brackets at the end of an address line: "1104호 (06164)".
            r"|(?<=[호동번지][ \t]\()\d{5}(?=\))"
        ),
    ),
]
