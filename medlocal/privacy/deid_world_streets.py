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

from medlocal.privacy.deid_foreign_forms import ADDRESS_LABEL, ROUTE_WORDS
from medlocal.privacy.deid_pattern_context import UNIT_AFTER

_ROAD_WORD = (
    r"(?:US[ \t]+)?(?:Hwy|Highway|Interstate|Rte\.?|Carretera(?:[ \t]+(?:Federal|Nacional|"
    rf"Estatal|Comarcal))?|Autopista|Autov[íi]a|Autoroute|Autobahn|Rodovia|Strada[ \t]+Statale|"
    rf"{ROUTE_WORDS})"
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
_STREET_HOUSE = rf"\d{{1,5}}[a-zA-Z]?(?:-?(?:bis|ter)\b|-[A-Z]\b)?(?!{UNIT_AFTER})"
# A street word shortened after the name ("Kerpener Str. 62", "Pº de Errondo 2" reads on its
# own), or a name ending in one ("Hauptstr. 5").
_STREET_ABBREVIATION = r"(?:Str|Pl|Av|Avda|Ctra|Pza)\."
# A street's name and house number before the postcode and town, as European addresses run
# ("Hofmark 3, 83093 Bad Endorf"): "s" the name and "t" the town, which owned_by_context
# (deid_pattern_context) checks, so that "Heparin 5, 10000 Units daily" or "Creatinine 145,
# 12000 Platelets" is no address.
_STREET_AND_HOUSE = (
    rf"(?P<s>{_NAME}(?:[ \t]+{_NAME}){{0,2}}(?:[ \t]+{_STREET_ABBREVIATION})?|{_NAME}\.)"
    rf"[ \t]+{_STREET_HOUSE}"
)
# Where the street meets its postcode: a comma, or a letterhead's dot, bar or dash ("Kerpener
# Str. 62 · 50937 Köln", "Bahnhofstrasse 5 | 8001 Zürich").
_TO_POSTCODE = r"(?:,|[ \t]*[·•|–])[ \t]*"
# The Dutch postcode: four digits and two capitals, not a unit or a route ("2000 IU", "1000 IV").
_DUTCH_POSTCODE = (
    r"\d{4}[ \t]?(?!(?:IU|IE|UI|MG|ML|KG|CC|MM|CM|HR|AM|PM|IV|IM|SC|PO|NS|UO)\b)[A-Z]{2}\b"
)
_TOWN_AFTER = rf"(?!{UNIT_AFTER})(?P<t>[A-ZÀ-Þ][a-zà-ÿ][\w'’-]*(?:[ \t]+[A-ZÀ-Þ][\w'’-]+)?)"

# A Polish estate's name, its block and its flat ("os. Tysiąclecia, bl. 12, m. 47").
_ESTATE = rf"{_NAME}(?:[ \t]+{_NAME})?"
_BLOCK = r",?[ \t]+bl\.?[ \t]*\d{1,4}[A-Z]?"
_FLAT = r",?[ \t]+m\.[ \t]*\d{1,4}"

# A street corner (eleventh round): "cnr Ntuli and Bolani rd", "the corner of 9th and Birch".
_CORNER_STREET = (
    # Written as words ("Ntuli", "9th"): "CHD", "SVC", "T11" are anatomy.
    r"(?:\d{1,3}(?:st|nd|rd|th)|[A-Z][a-z][\w'’-]*(?:[ \t]+[A-Z][a-z][\w'’-]*)?)"
    r"(?:[ \t]+(?i:st|street|rd|road|ave|avenue|dr|drive|blvd|boulevard|lane|ln|hwy|highway|"
    r"way|cres|crescent|pl|place)\b\.?)?"
)

# A street typed in lower case, with its house number and any flat ("2231 n birch st apt 4",
# "1772 juana ave"); words that count doses or time are no street's name ("3 tabs dr").
_LOWER_STREET = re.compile(
    # A house number of two or more digits (or one with a letter: "14a"): "Day 3 repeat ct",
    # "gcs 15 alert st" are no addresses.
    r"\b(?:\d{2,5}[a-z]?|\d[a-z])[ \t]+(?:[nsew]\.?[ \t]+)?"
    r"(?!(?i:times|tabs|tablets|units|puffs|drops|days|weeks|hours|hrs|mins|minutes|doses|caps|"
    r"capsules|sachets|patches|sprays|months|years|yrs|cycles|sessions|visits|and|or|with|the|"
    r"of|alert|normal|repeat|leads)\b)"
    # A lower-case line is read re-cased: "Juana" is no dictionary word.
    r"[A-Za-z][a-z]{2,}(?:[ \t]+[a-z]{3,})?[ \t]+"
    # "st" only before a flat or the end of the street ("birch st apt 4", "birch st,"); no "ct"
    # (a CT scan).
    r"(?:st(?=\.?,|\.?[ \t]+(?:apt|unit|ste|flat|#))|ave|rd|blvd|ln|dr|pl|cres|tce|street|"
    r"avenue|road|drive|lane|court|place|crescent|terrace|boulevard|highway|hwy)\b\.?"
    r"(?:,?[ \t]+(?:apt|unit|ste|flat|#)\.?[ \t]*\w+)?"
)

_NAMED_STREET = (
    r"[A-Z][a-z][\w'’-]*(?:[ \t]+[A-Z][a-z][\w'’-]*)?[ \t]+(?i:st|street|rd|road|ave|avenue|"
    r"dr|drive|blvd|boulevard|lane|ln|hwy|highway|way)\b\.?"
)

# The small words inside a Spanish or Portuguese street's name ("Avda. de la Paz").
_S_N_JOINER = r"(?:de|del|la|las|los|y|da|do|das|dos)"

# A Spanish or Catalan rural district by its name, capitalised ("Partida Els Pinets").
_RURAL_PLACE = (
    r"(?:Partida|Paraje|Diseminado)[ \t]+(?:(?:de|del|la|las|los|el|els|les)[ \t]+)?"
    r"[A-Z][\w'’-]+(?:[ \t]+(?:(?:de|del|la|els|les)[ \t]+)?[A-Z][\w'’-]+){0,2}"
)

_STREET_BEFORE_POSTCODE = re.compile(
    rf"\b(?P<v>{_STREET_AND_HOUSE})"
    rf"(?={_TO_POSTCODE}(?:\d{{4,5}}|{_DUTCH_POSTCODE})[ \t]+{_TOWN_AFTER})"
)
_POSTCODE_AFTER_STREET = re.compile(
    rf"\b{_STREET_AND_HOUSE}{_TO_POSTCODE}(?P<v>{_DUTCH_POSTCODE}|\d{{4,5}})"
    rf"(?=[ \t]+{_TOWN_AFTER})"
    rf"|{ADDRESS_LABEL}[ \t]*:[ \t]*(?P<v2>{_DUTCH_POSTCODE})(?=[ \t]+[A-Z][a-z])"
)
# Speed (session 41): these two open with any capitalised word and were tried at each of the
# record's thousands of them (15-30 ms each of a 20-page record); every match reads, on its own
# line, a comma, a letterhead's dot, bar or dash, or the address label's colon, then blanks and
# the postcode's four digits (_TO_POSTCODE and the postcodes above; the label's "[ \t]*:[ \t]*"
# and the Dutch postcode). Both read no line break (deid_pattern_cues.line_bound), so in a long
# text they are run only on the lines that hold that anchor (deid_patterns._matches).
POSTCODE_ANCHOR = re.compile(r"[,·•|–:][ \t]*\d{4}")
LINE_ANCHORS: dict[re.Pattern[str], re.Pattern[str]] = {
    _STREET_BEFORE_POSTCODE: POSTCODE_ANCHOR,
    _POSTCODE_AFTER_STREET: POSTCODE_ANCHOR,
}

WORLD_STREET_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # Round 19: a road named by its place, in lower case after "the" ("on the Ballymore road",
    # "past the Kilcoole toll road"): a road that leads to the place.
    (
        "street_address",
        re.compile(
            # Round 19: "left of the Tombo gravel road": a road's surface or kind before the word.
            r"\b(?:on|along|off|past|near|up|down|by|from|at|of)[ \t]+the[ \t]+"
            r"(?P<v>[A-Z][a-z]{2,}(?:[ \t-][A-Z][a-z]{2,})?(?:[ \t]+(?:old|new|toll|main|back|"
            r"coast|mountain|bog|ring|gravel|dirt|tar|tarred|sand|farm|forest|district))?[ \t]+"
            r"(?:road|rd|highway|bypass|by-pass|motorway))\b"
        ),
    ),
    # Round 19: a British road by its number after a preposition of travel and "the" ("single
    # track off the B884", "along the A835", "joined the M74"): a B road has three or four
    # digits, an A road two to four, a motorway one to three; not a vitamin, a pulley or a
    # paper size ("on the B12", "the A2 pulley").
    (
        "street_address",
        re.compile(
            # Speed: the road's letter and digit first, "the" before it, then the verb.
            r"(?=[ABM][1-9])(?<=[Tt]he[ \t])(?<=\b(?i:the)[ \t])"
            r"(?:"
            + "|".join(
                f"(?<=\\b(?i:{verb})[ \\t](?i:the)[ \\t])"
                for verb in (
                    "off",
                    "along",
                    "via",
                    "onto",
                    "down",
                    "up",
                    "on",
                    "joined",
                    "join",
                    "joining",
                    "exited",
                    "exit",
                    "leaving",
                    "left",
                    "took",
                    "take",
                    "past",
                    "near",
                )
            )
            + r")"
            r"(?P<v>(?:B[1-9]\d{2,3}|A[1-9]\d{1,3}|M[1-9]\d{0,2})(?:\(M\))?)\b"
            r"(?![ \t]*(?i:pulley|level|deficiency|injections?|paper|size|cells?|vitamin|"
            r"receptors?|segment|mg|mcg|ug|units?|tablets?|dose|strain|subunit|fibres?|fibers?|"
            r"neurons?|mutation|variant|allele|grade|stage|class|type)\b|[-/.,]\d)"
        ),
    ),
    # Round 19: a Spanish rural address, a district of the countryside by its name ("Partida
    # Els Pinets", "Paraje La Loma", "Diseminado Los Llanos") and the land register's polygon
    # and plot ("pol. 5 parc. 112", "polígono 7, parcela 40").
    (
        "street_address",
        re.compile(
            rf"\b(?:{_RURAL_PLACE},?[ \t]+)?"
            r"(?i:pol\.|pol[íi]gono)[ \t]*\d{1,4},?[ \t]*(?i:parc\.|parcela)[ \t]*\d{1,5}\b"
            rf"|\b{_RURAL_PLACE}"
        ),
    ),
    # Round 19: an Indian address's post office after the house number ("TC 14/2211, Medical
    # College PO," "XII/345, Pattom P.O."): the house's number with a slash, then capitalised
    # words and "PO" before a comma or the line's end (a drug "PO" has no house number before).
    (
        "street_address",
        re.compile(
            r"(?<![\w/])(?=[A-Z0-9]{1,4}[ \t]?\d{0,4}/)"
            r"(?:[A-Z]{1,4}[ \t]?\d{1,4}/\d{1,5}|[A-Z]{1,4}/\d{2,5}|\d{1,4}/\d{3,5})[A-Z]?"
            r",[ \t]*(?:[A-Z][a-z]+[ \t]+){0,3}[A-Z][a-z]+[ \t]+(?:PO|P\.[ ]?O\.?)"
            r"(?=[ \t]*(?:[,\n]|$))"
        ),
    ),
    # Round 19: a plot or stand written in lower case before its road ("plot 1147
    # Ndumberi-Gachika road", "erf 2210 Kerk Street"), as Kenya and South Africa number land.
    (
        "street_address",
        re.compile(
            r"\b(?:plot|erf|stand)[ \t]+(?:(?i:no)\.?[ \t]*)?\d{2,5}[A-Z]?,?[ \t]+"
            r"[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){0,2}[ \t]+"
            r"(?i:road|rd|street|st|avenue|ave|lane|way|drive|close|crescent)\b"
        ),
    ),
    ("street_address", _LOWER_STREET),
    (
        "street_address",
        re.compile(
            r"\b(?i:cnr\.?|corner[ \t]+of|cor\.)[ \t]+"
            rf"(?P<v>{_CORNER_STREET}[ \t]*(?:and|&|/|x)[ \t]*{_CORNER_STREET})"
            # A junction names streets only with a street word ("junction of Mill Rd and
            # Park St"; "the junction of CHD and CBD" is a bile duct's).
            r"|\b(?i:junction[ \t]+of|intersection[ \t]+of)[ \t]+"
            rf"(?P<v2>{_CORNER_STREET}[ \t]*(?:and|&|/)[ \t]*{_NAMED_STREET})"
        ),
    ),
    (
        "street_address",
        re.compile(
            rf"\b{_ROAD_WORD}[ \t]+\d{{1,4}}\b(?:[ \t]+{_NAME}){{0,2}}(?:{_ROAD_MARK})?"
            rf"|\b{_ROAD_CODE}\b(?:[ \t]+{_NAME}){{0,2}}{_ROAD_MARK}"
            # "on US 491", "via SR 20": a bare road code after a preposition of travel; "SR" not
            # after "to" or "by" ("reverted to SR 80 bpm" is sinus rhythm), nothing with a
            # unit or a time after it ("Booked to US 3 days later" is an ultrasound).
            r"|(?:(?<=\bon )|(?<=\bvia )|(?<=\boff ))SR-?[ \t]?\d{1,3}\b"
            rf"(?![ \t]*/|{UNIT_AFTER})"
            r"|(?:(?<=\bon )|(?<=\bto )|(?<=\bvia )|(?<=\bby )|(?<=\boff ))US-?[ \t]?\d{1,3}\b"
            rf"(?![ \t]*/|{UNIT_AFTER})"
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
            # Polish estates: "os. Tysiąclecia, bl. 12, m. 47": "os." with its block or flat, or
            # after an address label; "osiedle" alone ("cervical os. Closed" is anatomy).
            rf"|(?<!(?i:vical) )(?<!(?i:ernal) )\bos\.[ \t]+{_ESTATE}"
            rf"(?:{_BLOCK}(?:{_FLAT})?|{_FLAT})"
            rf"|{ADDRESS_LABEL}[ \t]*:[ \t]*(?P<v>os\.[ \t]+{_ESTATE}(?:{_BLOCK})?(?:{_FLAT})?)"
            rf"|\bosiedle[ \t]+{_ESTATE}(?:{_BLOCK})?(?:{_FLAT})?"
            # Vietnamese: "Số 27/4B đường số 11, khu phố 3".
            r"|(?:\b(?i:số)[ \t]+)?\b\d{1,5}[A-Z]?(?:/\d{1,4}[A-Z]?){0,2}[ \t]+"
            r"(?i:đường|phố|ngõ|ngách|hẻm|kiệt)[ \t]+"
            r"(?:(?i:số)[ \t]+\d{1,4}|[A-ZĐ]\w+(?:[ \t]+[A-ZĐ]\w+){0,3})"
            r"(?:,[ \t]*(?i:khu[ \t]+phố|tổ|ấp|thôn)[ \t]+\d{1,3}\b)?"
            # Round 19: the alley word before its number and the street's name ("Hẻm 12/3
            # Trần Hưng Đạo"); an apartment block and its lot ("chung cư Hoa Sen, lô C").
            # The house's "Số" and number before the alley ("Số 45/12 hẻm 12 Lê Văn Sỹ").
            r"|(?:\b(?i:số)[ \t]+\d{1,5}[A-Z]?(?:/\d{1,4}[A-Z]?){0,2}[ \t]+)?"
            r"\b(?i:hẻm|ngõ|ngách|kiệt)[ \t]+\d{1,4}[A-Z]?(?:/\d{1,4}[A-Z]?){0,2}"
            r"(?:[ \t]+(?:(?i:đường)[ \t]+)?[A-ZĐ]\w+(?:[ \t]+[A-ZĐ]\w+){0,3})?"
            r"|\b(?i:chung[ \t]+cư|khu[ \t]+tập[ \t]+thể)[ \t]+[A-ZĐ]\w+(?:[ \t]+[A-ZĐ]\w+){0,3}"
            r"(?:,?[ \t]*(?i:lô|tòa|block|tầng)[ \t]+[A-Z0-9]{1,3}\b)?"
        ),
    ),
    # Round 15: a Spanish or Portuguese street "without a number" ("Avda. Manuel Siurot, s/n",
    # "C/ Mayor s/n"): the street word before the name and "s/n" after it (alone, "s/n" is a
    # serial number: "pump s/n 4471").
    (
        "street_address",
        re.compile(
            r"(?<![\w.])(?:Avda\.|Av\.|Avenida|Calle|C/|Pza\.|Plaza|Paseo|Pº|Ctra\.|Carretera|"
            r"Camino|Ronda|Rambla|Traves[íi]a|Rua|Pra[çc]a|Estrada|Urb\.|Urbanizaci[óo]n)"
            rf"[ \t]*{_NAME}(?:[ \t]+(?:{_S_N_JOINER}[ \t]+)?{_NAME}){{0,3}}"
            r",?[ \t]+s/n\b"
        ),
    ),
    # A street and house number before a postcode and a town, as European addresses run
    # ("Hofmark 3, 83093 Bad Endorf"; "Korte Heuvel 22-bis, 5038 CS Tilburg").
    (
        "street_address",
        _STREET_BEFORE_POSTCODE,
    ),
    # The postcode after such a street ("Lange Akker 14-bis, 3511 AB Utrecht", "Heidestraße 48
    # · 30167 Hannover") or the Dutch one after an
    # address label ("Adres: 3511 AB Utrecht"), never after any comma ("Imaging, 2023 MR
    # Brain", "Diabetes, 2015 DM Type 2").
    (
        "zip_code",
        _POSTCODE_AFTER_STREET,
    ),
    (
        "zip_code",
        # A Korean postcode in brackets at the end of an address line: "1104호 (06164)".
        re.compile(r"(?<=[호동번지][ \t]\()\d{5}(?=\))"),
    ),
]
