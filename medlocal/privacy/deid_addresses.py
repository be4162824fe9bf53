"""Fixed-form patterns for addresses: street addresses of many countries, post-office boxes,
roads by number, unit and lot numbers, "City, ST 12345", ZIP codes and postcodes, and a pharmacy
named after its cue. Streets, cities and counties in running text are found by the word scan
(:mod:`medlocal.privacy.deid_words`), and what an address line holds besides by
:mod:`medlocal.privacy.deid_address_lines`.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_counts import COUNT_AFTER
from medlocal.privacy.deid_unit_letters import UNIT_OR_COUNT_AHEAD

STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|"
    "NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR"
)
_STREET_TYPES = (
    r"Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Way|"
    r"Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Square|Sq|Trail|Trl|Close|Crescent|"
    r"Walk|Gardens|Mews|Row|Grove|Hill|Green|Rise|View|Quay|Wharf|Parade|Esplanade|Promenade|"
    r"Broadway|Alley|Path|Loop|Bend|Heights|Park|Cross|Yard|Chase|Vale|Crossing|Landing|Point|"
    r"Ridge|Pike|Turnpike|Plaza|Gate|Meadows?|Dale|Fields?|Wynd|Brae|"
    # Fourth round: abbreviations and street words of Australia, NZ, India and elsewhere.
    r"Cres|Cl|Pde|Tce|Cct|Circuit|Gr|Esp|Hts|Mall|Estate|Marg|Nagar|Expressway|Expy|Freeway|"
    r"Fwy|Track|Glade|Grange|Hollow|Knoll|Spur|Vista|Causeway|Concourse|Strand|Nook|Outlook|"
    # Session 38 (issue 16): British rows of houses and yards ("3 Beckside Cottages").
    r"Cottages|Villas|Buildings|Fold|Garth|Croft|Mansions|Barns"
)
# The street words, read by the street grammar in capitals (deid_caps_streets).
STREET_TYPES = _STREET_TYPES
# A flat, unit or house number before the street number ("Flat 7, 3 Penrose Gardens", "Suite 12,
# 221 Musgrave Road", "No. 7, 4th Cross").
_UNIT_BEFORE = (
    r"(?:(?i:flat|unit|apt|apartment|suite|ste|level|floor|shop|room|lot|no)\.?[ \t]*"
    r"\d{1,5}[A-Za-z]?,?[ \t]+(?=\d)|(?i:no|blk|block)\.?[ \t]*)?"
)
# Street words that come before the name in French, Spanish, Italian and Portuguese addresses.
_STREET_FIRST = (
    r"rue|chemin|boulevard|boul|av|avenue|allée|allee|impasse|quai|place|rang|calle|avenida|"
    r"carrera|via|viale|corso|rua|travessa|strasse|straße|jalan|jln|lorong|soi|"
    # Round 17: the Italian square, lane and road words ("Piazza OMS, 1", "Largo Rosa 3").
    r"piazza|piazzale|largo|vicolo|contrada|lungomare"
)

# An apartment, suite or building after the street ("Apt 4B", "Bldg C", "app. 3"); the words that
# are also everyday words take a number or a single capital only ("Floor 2", not "floor plan").
_APARTMENT = (
    r"(?:,?[ \t]*(?i:apt|apartment|suite|ste|unit|#)\.?[ \t]*[A-Za-z0-9-]+"
    r"|,?[ \t]*(?i:app|appt|bldg|building|flat|floor|fl|level|lvl|room|rm)\.?[ \t]*"
    r"(?:\d[\w-]{0,4}|[A-Z])\b)?"
)
_DIRECTION = r"(?:[ \t]+(?:N|S|E|W|NE|NW|SE|SW)\b)?"
# A flat, block, floor or door after a street and its number, in the languages that write it
# there ("Rua X 12, apto 502", "Calle Y 4, 3º piso", "Via Z 8, int. 5", "rue W 3, bât. B").
_FLAT_BETWEEN = (
    r"(?:,[ \t]*(?i:apto|apt|ap|apartamento|sala|bloco|bl|casa|andar|piso|dpto|depto|"
    r"departamento|int|interno|esc|escalera|pta|puerta|appt|appartement|b[âa]t|[ée]tage)"
    r"\.?[ \t]*[\w/º°-]{1,6}"
    r"|,[ \t]*\d{1,2}[º°ª]?[ \t]*(?i:andar|piso|[ée]tage))?"
)
# A house number (a unit or flat number, "Blk", "No." before it; "5/22" for unit 5 at number
# 22), one to four name words or ordinals, a street word, perhaps a number ("Ave 4"), a direction
# ("NW") and an apartment; or a post-office box.
_STREET = re.compile(
    # What an address can start with (a digit, a unit word, "P.O."), not inside a word: a cheap
    # first test that spares the engine most positions of a long record.
    r"(?=[0-9FUASLRNBPfuaslrnbp])(?<![A-Za-z])"
    # Session 43: an Australian unit written "U4/27" (unit 4 at number 27), the "U" with it.
    rf"{_UNIT_BEFORE}\b(?:U?\d{{1,5}}/)?\d{{1,6}}[A-Za-z]?,?[ \t]+"
    # Name words in any alphabet's capitals ("221 Kāhikatea Drive").
    # Round 18: a numbered street after the house ("7130 120 St", as western Canada numbers
    # them; "St John" is a saint).
    # Walk 30: a letter's date before its greeting ("12/03/2025 Dear Dr Kowalczyk") is no
    # house number on a "Dear Drive": a salutation names no street.
    r"(?:(?:(?!(?:Dear|Hello|Hi|Attn|Attention)\b)[A-ZÀ-ÖØ-Þ][\w.'’-]*|\d{1,3}(?:st|nd|rd|th)"
    r"|\d{1,3}(?=[ \t]+(?:St|Ave)\b(?!\.?[ \t]+[A-Z][a-z])))[ \t]+){1,4}"
    rf"(?:{_STREET_TYPES})\b\.?(?:[ \t]+\d{{1,4}}\b)?{_DIRECTION}{_APARTMENT}"
    # Round 17: a box with its post office's letters before the number ("P.O. Box KB 77").
    r"|(?i:\bP\.?[ \t]?O\.?[ \t]+Box[ \t]+)(?:[A-Z]{1,3}[ \t]?)?\d+"
)
# Address parts of every country: a unit word and its number ("Lot 14", "RR 3", "Site 12",
# "Comp 7", "Blk 7", "Stand 4471", "Plot 22", "H.No 12-3-45", "Unit 4/18", "#204", "Box 118",
# "RD 4", "Phase 2"), an ordinal floor or cross street ("2nd Floor", "7th Cross") and a road by
# number ("Road No. 4"). Capitalised only ("lot 4471" of a device is found by its cue).
_UNIT_WORDS = (
    "Flat|Unit|Apt|Apartment|Suite|Ste|Level|Floor|Shop|Room|Lot|Plot|Stand|Erf|House|Block|"
    "Blk|Bldg|Building|Tower|Site|Comp|Box|Phase|Sector|Villa|Door|Kiosk|Stall|Extension|Ext|"
    "Quarter|Qtr|Stage|Zone|Cottage|Farm|Km"
)
_UNIT_ALTERNATIVES = "|".join(
    alt for word in _UNIT_WORDS.split("|") for alt in (word, word.upper())
)
ADDRESS_PART = re.compile(
    # Session 43: Australia's rural deliveries ("RMB 4471" roadside mail box, "RSD 12"
    # roadside delivery, "CMB 7" community mail bag), as a rural route "RR 3".
    # Session 46 (dev43): India's house-number labels with "no" in lower case too ("Door no
    # 3-44/2", "H.no 12-3-45", "D.no 4-1").
    rf"(?:\b(?:{_UNIT_ALTERNATIVES}|RR|RD|RMB|RSD|CMB|R\.R\.|H\.?[ \t]?N[Oo]|D\.?[ \t]?N[Oo]|"
    r"H\.[ \t]?no|D\.[ \t]?no|(?:Road|Street|Lane|Door)[ \t]+[Nn]o)\b\.?[ \t]*#?[ \t]*"
    r"|(?<![\w#])#[ \t]?)"
    r"(?=[A-Z]?\d)[A-Z]?\d{1,6}[A-Za-z]?(?:[-/]\d{1,6}[A-Za-z]?){0,3}\b"
    r"|\b\d{1,3}(?:st|nd|rd|th)[ \t]+(?:Floor|Flr|Level|Cross|Main|Block|Stage|Phase|Sector|"
    r"Street|Avenue|Road|Lane)\b"
    # Round 17: a Kerala town-corporation house number, always ward and house with a slash
    # ("TC 44/1908"; "TC 5.2" is a total cholesterol).
    r"|\bT\.?C\.?[ \t]?\d{1,3}/\d{1,5}[A-Z]?\b"
    # and a plot in lower case after an address's comma ("Kapsoya estate, plot 118").
    # The part ends there; not "stand", an exercise as often ("sit, stand 10, sit").
    # Round 18: and an apartment or suite so ("lives alone on Somerled Ave, apt 4, with help");
    # not "flat", a finding as often ("T waves inverted, flat 2, ...").
    r"|(?<=, )(?:plot|erf|apt\.?|apartment|suite)[ \t]+(?:No\.?[ \t]*|#[ \t]?)?"
    r"\d{1,5}[A-Za-z]?\b(?=[ \t]*(?:[,;\n]|$))"
)
# A house number as a range ("24-30 Pike Street") or with a dash after a unit ("#204 - 1175
# Nicola St"); the street grammar above takes single numbers.
_STREET_RANGE = re.compile(
    r"\b\d{1,5}[A-Za-z]?-\d{1,5}[A-Za-z]?[ \t]+(?:[A-Z][a-zA-Z'-]*[ \t]+){1,4}"
    rf"(?:{_STREET_TYPES})\b\.?"
)
# Japanese block numbers before a district ("3-14-2 Nishi-Shinjuku", "5-1 Tsukudo-cho"); not a
# range of a clinical value before its unit or count (session 38: "tremor at 4-5 Hz", "review in
# 4-6 Weeks", "HR 60-70 Bpm"). Session 42 (walk 42d): nor the tail of a longer dashed number
# ("DOB: 1939-11-02        Date of surgery:" gave "[ADDRESS] of surgery"). A block number before
# a column's gap still counts: ending the match there lost a held-out address.
_CHOME = re.compile(
    r"\b(?<![\w.]-)(?!(?:19|20)\d\d-)\d{1,4}(?:-\d{1,4}){1,2}[ \t]+"
    + UNIT_OR_COUNT_AHEAD
    + r"(?P<p>(?!(?:Dr|Mr|Mrs|Ms|Mx|St|Prof)\b)[A-Z][a-z]+(?:-[A-Za-z]+)?)"
)

# Seventh round: the house number after the street, as in most of Europe and Latin America: a
# street word first ("Calle Mayor 12", "Rua das Flores 45", "Via Roma 22", "Av. Paulista 1000") or
# a street word joined to the name ("Hauptstraße 5", "Kerkstraat 14", "Storgata 3").
_NUMBER_AFTER = re.compile(
    # A full stop only after an abbreviation ("Perkins Avenue. Glasgow Coma Scale 14" is two).
    # Round 17: the Spanish "paseo" shortened ("Pº de Errondo 2").
    rf"(?:(?:\b(?:(?:{_STREET_FIRST.title()})|(?:Av|Boul|Jln|Jl)\.)|\bP[º°]|\bPso\.)[ \t]+"
    r"(?:(?i:de|du|des|la|le|les|del|di|da|do|dos|das|della|l['’]|d['’])[ \t]*)*"
    r"[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,2}"
    r"|\b[A-Z]\w+(?:straße|strasse|str\.|straat|gasse|platz|gata|gatan|gade|vej|veien|laan|weg"
    # Round 18: Dutch squares, canals, quays and dykes, with a side of the square after them
    # ("Grooteplein Zuid 10").
    r"|plein|gracht|kade|singel|dijk|dreef)(?:[ \t]+(?:Zuid|Noord|Oost|West))?)"
    # Round 18: "No." before the number, as Indonesia writes it ("Jl. Bhayangkara No. 48"),
    # or an estate's block and its house ("Jl. Cempaka Blok D-7").
    r",?[ \t]+(?:No\.?[ \t]*|Blok[ \t]+[A-Z]{1,2}[ \t]?-?[ \t]?)?"
    r"\d{1,4}[a-zA-Z]?\b(?![ \t]*(?:[.,/:-]\d|%|mg|ml|mm|cm|kg|am|pm|h\b))"
)

ADDRESS_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("street_address", _STREET),
    # Round 16: a Philippine barangay by its number, as Manila numbers them ("Barangay 512",
    # "Brgy. 76-A"): the word with it, since "Barangay" alone says where.
    ("city", re.compile(r"\b(?:Barangay|Brgy\.?|Bgy\.?)[ \t]+\d{1,4}(?:-[A-Z])?\b(?![./,]\d)")),
    # The locality after a street address and a comma ("5/22 Smith Street, Observatory"): in an
    # address that word is a place, whatever else it may mean.
    (
        "city",
        re.compile(
            rf"(?:{_STREET.pattern}),[ \t]*"
            # The last word whole: "Holywood BT18 seen" is no "Holywood BT1" before an "8".
            r"(?P<v>[A-Z][\w'’-]{1,40}(?:[ \t]+[A-Z][\w'’-]{1,40}){0,2})(?![\w'’])"
            r"(?=[ \t]*(?:,|\.|$|[A-Z]{2,3}\b|\d))",
            re.M,
        ),
    ),
    (
        "street_address",
        re.compile(
            # Round 16: "via" in lower case before an acronym is the English word, a route or a
            # scheme ("Veenat 400 via GIPAP", "400 mg via NG"), not a street named in capitals.
            # Session 58 (dev69): "AV" in capitals before a word in small letters or a
            # velocity is the heart's (aortic valve, atrioventricular: "TAPSE 16   AV Vmax
            # 2.1"), not an avenue ("Av."); review58d: not before any Title-case word, which
            # is the avenue's name ("45 AV Jean Jaurès 69007 Lyon" kept the number and ZIP), nor
            # before the article that opens a name ("12 AV de la République").
            rf"\b\d{{1,6}}[A-Za-z]?,?[ \t]+(?!via[ \t]+[A-Z]{{2,}}\b|AV[ \t]+(?:"
            r"(?!(?:de|du|des|la|le|les|del|di|da|do|dos|das)\b)[a-z]|V(?:max|mean|peak|ti)\b))"
            rf"(?i:{_STREET_FIRST})\.?[ \t]+"
            r"(?:(?i:de|du|des|la|le|les|del|di|da|do|dos|das|l['’]|d['’])[ \t]*)*"
            r"[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,3}"
            rf"{_APARTMENT}"
        ),
    ),
    # Street names in lower case ("12 oak street"): only with a street-type word that is not
    # also an everyday word ("way", "close", "place"), and one or two name words.
    (
        "street_address",
        re.compile(
            r"\b\d{1,6}[A-Za-z]?[ \t]+(?:[A-Za-z][a-z'-]+[ \t]+){1,2}"
            rf"(?i:street|avenue|road|boulevard|lane|drive)\b{_APARTMENT}"
        ),
    ),
    (
        "city",
        re.compile(
            rf"(?P<v>\b[A-Z][a-zA-Z]+(?:[ \t-][A-Z][a-zA-Z]+){{0,2}}),[ \t]*(?:{STATES})"
            r"(?=[ \t]+\d{5}\b)"
        ),
    ),
    # Round 17: a city before its state and ZIP code without a comma, where a form's layout
    # sets it apart (two blanks or a line's start before it: "STE 9  SPEARFISH SD 57783").
    (
        "city",
        re.compile(
            r"(?=[A-Z])(?:^|(?<=[ \t]{2})|(?<=\t))"
            r"(?P<v>[A-Z][a-zA-Z]+(?:[ \t][A-Z][a-zA-Z]+)?)[ \t]+"
            rf"(?:{STATES})[ \t]+\d{{5}}(?:-\d{{4}})?\b",
            re.M,
        ),
    ),
    ("zip_code", re.compile(rf"\b(?:{STATES})[ \t]+(?P<v>\d{{5}}(?:-\d{{4}})?)\b")),
    ("zip_code", re.compile(r"(?i:\bzip(?:[ \t]+code)?)[ \t]*:?[ \t]*(?P<v>\d{5}(?:-\d{4})?)\b")),
    # Postcodes of the UK ("TR11 3QB"), Ireland (Eircode "V92 X2P1") and Canada ("H2Y 2A3"),
    # and a four-digit postcode after an Australian state ("VIC 3012").
    ("zip_code", re.compile(r"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)[ \t]\d[ABD-HJLNP-UW-Z]{2}\b")),
    (
        "zip_code",
        re.compile(
            r"\b[AC-FHKNPRTV-Y](?:\d{2}|6W)[ \t]?"
            r"(?=[AC-FHKNPRTV-Y\d]{0,3}[AC-FHKNPRTV-Y])(?=[AC-FHKNPRTV-Y\d]{0,3}\d)"
            r"[AC-FHKNPRTV-Y\d]{4}\b"
        ),
    ),
    (
        "zip_code",
        re.compile(r"\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][ \t]\d[ABCEGHJ-NPRSTV-Z]\d\b"),
    ),
    ("zip_code", re.compile(r"\b(?:NSW|VIC|Vic|QLD|Qld|SA|WA|TAS|Tas|NT|ACT)[ \t]+(?P<v>\d{4})\b")),
    # A postcode after a place at the end of an address line ("Durban, 4001", "Bengaluru -
    # 560038", "Pirongia 3802"); the place must not be a clinical or English word (see
    # _POSTCODE_AFTER_PLACE in pattern_candidates).
    (
        "zip_code",
        re.compile(
            # Speed: the blanks read once (possessive; every split of a long run was tried).
            # Walk 21: a word with a digit names no place ("Q1 2025" is a quarter and its year).
            r"(?P<p>\b[A-Z](?:[^\W\d_]|['’-]){1,40}"
            r"(?:[ \t][A-Z](?:[^\W\d_]|['’-]){1,40}){0,2})"
            r"(?:,[ \t]*+|[ \t]++-?[ \t]*+)"
            r"(?P<v>\d{4,6}|\d{3}-\d{4})(?:[ \t]*(?=$|[,.;)])|(?=[ \t]{2,}|\t))"
            # A six-digit Indian PIN code after a place, whatever follows ("Bengaluru 560003
            # with her son").
            r"|(?P<p2>\b[A-Z](?:[^\W\d_]|['’-]){1,40})[ \t]++-?[ \t]*+(?P<v2>[1-9]\d{5})\b"
            r"(?![ \t]*[-/.]?\d)",
            re.M,
        ),
    ),
    ("street_address", ADDRESS_PART),
    ("street_address", _STREET_RANGE),
    ("street_address", _CHOME),
    ("zip_code", re.compile(r"〒[ \t]?\d{3}-?\d{4}")),
    # Private and locked bags, GPO boxes ("Private Bag 3020", "PMB 1234").
    (
        "street_address",
        re.compile(
            r"\b(?:(?:Private|Locked|GPO|PO|P\.O\.?)[ \t]+(?:Bag|Box)|PMB|P\.M\.B\.?|"
            # Session 45: South Africa numbers its private bags with an "X" ("Private Bag
            # X1022").
            r"Freepost|Postnet[ \t]+Suite)[ \t]*:?[ \t]*(?:X[ \t]?)?\d{1,6}\b"
            # Round 19: post boxes and private bags in other languages ("Posbus 41", "Privaatsak
            # X12", "Postfach 10 12 40", "Apartado 118", "Caixa Postal 2210", "Postboks 77").
            r"|\b(?:Posbus|Postbus|Privaatsak|Postfach|Postboks|Postbox|"
            r"Apartado(?:[ \t]+(?:de[ \t]+[Cc]orreos|[Pp]ostal))?|Caixa[ \t]+Postal|"
            r"Casilla(?:[ \t]+de[ \t]+[Cc]orreos?)?|"
            r"Skrytka[ \t]+pocztowa|Bo[îi]te[ \t]+[Pp]ostale|Casella[ \t]+[Pp]ostale|"
            # Session 45: Quebec's "case postale", or "CP" after a word of the post ("mail CP
            # 211"; "CP" alone is cerebral palsy or chest pain, and "C.P. 64720" is Mexico's
            # código postal, a postcode).
            r"Case[ \t]+[Pp]ostale|"
            r"(?:(?<=[Mm]ail[ \t])|(?<=[Pp]ostal[ \t])|(?<=[Cc]ourrier[ \t])|(?<=[Mm]ail:[ \t])|"
            r"(?<=[Pp]ostale[ \t]))CP)"
            r"[ \t]*+:?[ \t]*+(?:[A-Z][ \t]?)?\d{1,6}(?:[ ]\d{2}){0,3}\b"
        ),
    ),
    # A postcode after its label ("Postcode: 4001", "PIN code 560003"), Singapore's "S(560123)".
    (
        "zip_code",
        re.compile(
            r"(?i:\b(?:post[ \t]*code|postal[ \t]+code|pin[ \t]*code|zip[ \t]*code|eircode))"
            r"[ \t]*:?[ \t]*(?P<v>[A-Z0-9]{2,4}[ ]?[A-Z0-9]{3,4}|\d{4,6})\b|\bS\(\d{6}\)"
        ),
    ),
    # A pharmacy named after a cue, even in capitals ("His pharmacy is CVS", "Pharmacy: BOOTS").
    (
        "facility",
        re.compile(
            r"(?i:\b(?:pharmacy|chemist)(?:[ \t]+is|[ \t]*:))[ \t]+"
            r"(?P<v>[A-Z][\w&'’-]*(?:[ \t]+(?:&[ \t]+)?[A-Z][\w&'’-]*){0,3})(?![\w&'’-])"
            # A dose after the words: a medicine after a pharmacy's own name, not the name
            # ("Meds from Houchens Pharmacy: Lasix 40 mg", session 55).
            rf"(?![ \t]+\d+(?:[.,]\d+)?{COUNT_AFTER})"
        ),
    ),
    (
        "street_address",
        re.compile(
            # With its jurisdiction, which is part of the road's name ("State Route 2", "US
            # Highway 41", "County Road 12", "Provincial Highway 7").
            r"\b(?:(?:State|US|U\.S\.|County|Provincial|National|Federal)[ \t]+"
            r"(?:Route|Highway|Hwy|Road|Rd)|Rural[ \t]+Route|RR|Route|Highway|Hwy|Interstate)"
            r"[ \t-]?\d{1,4}\b"
        ),
    ),
    ("street_address", _NUMBER_AFTER),
    # Twelfth round. A second street the address is "off" ("Plot 17, Ogbunike Close, off Zik
    # Avenue"); an English street word with the number after it, ending an address's part
    # ("Voortrekker Road 88, Malmesbury"); a house number and a street with no street word in a
    # US address line, before the city, state and ZIP ("900 Hackberry, Pflugerton TX 78664").
    (
        "street_address",
        # After the address's comma only, and name words in title case: "stepped down off HDU Dr
        # Patel" and "taken off Fast Track" are no addresses.
        re.compile(
            rf"(?<=, )off[ \t]+(?:[A-Z][a-z][\w'’-]*[ \t]+){{1,3}}(?:{_STREET_TYPES})\b\.?"
            r"(?![ \t]+[A-Z])"
        ),
    ),
    (
        "street_address",
        re.compile(
            r"(?:^|(?<=, ))(?:[A-Z][\w'’-]*[ \t]+){1,3}(?:Road|Street|Avenue|Lane|Drive|Rd|Ave)"
            r"[ \t]+\d{1,4}[a-zA-Z]?(?=[ \t]*(?:,|$))",
            re.M,
        ),
    ),
    (
        "street_address",
        re.compile(
            r"\b\d{1,6}[A-Za-z]?[ \t]+[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,3}"
            r"(?=,[ \t]*[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,2},?[ \t]+"
            rf"(?:{STATES})[ \t]+\d{{5}}\b)"
        ),
    ),
    # Round 17: an Italian street written in lower case and a German street named with its
    # preposition, each with its house number and ending an address's part ("via Monte Grappa
    # 18, 24020 Villa d'Ogna", "wohnhaft Am Mühlenteich 7, Handeloh", "Auf der Heide 3"): the
    # Italian one opens a line or follows a colon or comma ("given via Rapid Access 2," is
    # English), the German one is no date ("Am Montag 12,").
    (
        "street_address",
        re.compile(
            # The street words' first letters, tried first: a class fails faster.
            r"(?=[vcplAIBZUHVÜ])"
            r"(?:(?:^|(?<=[:,] )|(?<=:))(?:via|viale|corso|piazza|piazzale|vicolo|largo|contrada)"
            r"[ \t]+(?:(?:della|delle|dei|degli|del|di|da|d['’])[ \t]*)?"
            r"[A-Z][\w'’-]*(?:[ \t]+(?:(?:della|delle|dei|del|di)[ \t]+)?[A-Z][\w'’-]*){0,3}"
            r",?[ \t]+\d{1,4}[a-zA-Z]?(?:/[a-zA-Z\d])?(?=[ \t]*(?:,|$))"
            r"|\b(?:Am|Im|Beim|Zum|Zur|(?:An|Auf|In|Unter|Hinter|Vor|Über)[ \t]+(?:der|dem|den))"
            r"[ \t]+(?!(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag|Januar|"
            r"Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)\b)"
            r"[A-ZÄÖÜ][\w'’-]+(?:[ \t]+[A-ZÄÖÜ][\w'’-]+)?[ \t]+\d{1,4}[a-z]?\b"
            r"(?=[ \t]*(?:,|$|[ \t]{2})))",
            re.M,
        ),
    ),
    # A house number before a street named with "The" ("7 The Paddocks, Hereford").
    ("street_address", re.compile(r"\b\d{1,4}[A-Za-z]?[ \t]+The(?:[ \t]+[A-Z][a-z'’]+){1,2}(?=,)")),
    # The locality after such an address ("Rua das Flores 45, Porto"). Walk 25: a flat, block
    # or floor may stand between ("Rua dos Andradas 1234, apto 502, Centro Histórico").
    (
        "city",
        re.compile(
            rf"(?:{_NUMBER_AFTER.pattern}){_FLAT_BETWEEN},[ \t]*"
            r"(?P<v>[A-Z][\w'’-]{1,40}(?:[ \t][A-Z][\w'’-]{1,40})?)"
        ),
    ),
]


# "RR" as vital signs write it: Riva-Rocci blood pressure ("RR 95/60") or a breathing rate
# with its unit or beside other signs ("RR 18/min", "HR 88, RR 26"); a rural route ("RR 2,
# Carberry", "RR 1 Box 88") has none of these.
_RR_VALUE = re.compile(
    r"R\.?R\.?[ \t:]*\d{1,3}\b(?P<unit>[ \t]*(?:/[ \t]*\d|bpm|/min|breaths|br\b|per[ \t]+min))?"
)
_VITAL_SIGN = re.compile(
    # Session 60 (deid60b): a ventilator's settings too ("PEEP 10, FiO2 0.6, TV 420, RR 18").
    r"\b(?:(?:HR|BP|SpO2|SaO2|Sats?|Temp|GCS|NEWS2?|[Pp]ulse|Puls|T|P|PEEP|FiO2|TV|Vt|PIP|"
    r"IPAP|EPAP|EtCO2)\b[ \t:]*\d"
    r"|labou?red|tachypno?e\w*|breathing|respirations?|resp\b|sats\b)"
)

_BOX_AFTER = re.compile(r"[ \t]*,?[ \t]*(?i:box|bx)\b")


def vital_rr(text: str, start: int) -> bool:
    """Whether the "RR" at ``start`` is a vital sign, not a rural route."""
    rr = _RR_VALUE.match(text, start)
    if rr is None:
        return False
    if rr.group("unit"):
        return True
    # Review 60c: a box after it is a rural route's whatever signs stand beside ("RR 18 Box 44,
    # Ruralville. PEEP 5").
    if _BOX_AFTER.match(text, rr.end()):
        return False
    # Other signs on the same line, within 100 characters before and 40 after (round 21: "HR
    # 112, BP 100/70 -> 90/72 at 13:00 (narrow pulse pressure 18), RR 24"), or at the start of
    # the next line where the list of signs runs on ("RR 24,\n  CRT <2 s, SpO2 98%").
    line_start = text.rfind("\n", 0, start) + 1
    after = text[rr.end() : rr.end() + 40]
    if not re.match(r"[ \t]*,?[ \t]*\n", after):
        after = after.split("\n")[0]
    return _VITAL_SIGN.search(text[max(line_start, start - 100) : start] + " " + after) is not None
