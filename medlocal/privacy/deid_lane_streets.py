"""Street forms of Indonesia, Malaysia and Poland that the street grammars missed (round 21).

* An Indonesian street named after a titled person ("Jl. Prof. Dr. Hamka No. 12", "Jl. KH.
  Ahmad Dahlan 7"): the titles are part of the street's name, not a person to read apart.
* An Indonesian lane ("Gg. Kenari", "Gg. Mawar II") and the neighbourhood and hamlet numbers
  after a street ("RT 004/RW 07", "RT.03/RW.11"): the pair says a home's block; "RT" alone is
  radiotherapy and stays.
* A Malaysian street numbered by its section code ("Jalan Meranti 3/KS6", "Jalan Dahlia
  12/SS4"): the code after the slash belongs to the street.
* A Welsh street, road, way or lane named after its word ("Stryd yr Eglwys", "Heol y Parc",
  "Ffordd Penrhos").
* A Polish street, avenue or square after its abbreviation ("ul. Lipowa 5", "al. Jana Pawła II",
  "pl. Wolności", "przy ul. gen. Bema"): "ul." in lower case before a capital is a street; a
  microlitre ("5 ul. Then") has a number before it.

* The postcode and town after a French, Italian, Spanish or Portuguese street written house
  number first ("12 avenue des Lilas, 06000 Nice", "3 rue Haute, 69004 Lyon Cedex"): the
  words after the postcode name the town, whatever else they mean ("Nice", "Vence").

Each pattern starts at a literal abbreviation, so the cost stays small and linear.
"""

from __future__ import annotations

import re

_NAME = r"[A-ZÀ-ÞĀ-Ž][\w'’-]*"
_INDONESIAN_TITLE = r"(?:Prof|Dr|dr|Ir|Drs|Hj|H|KH|Jend|Letjen|Mayjen|Brigjen|Kol|R|Hos|Mr)\."
_HOUSE = r"(?:,?[ \t]+No\.?[ \t]*\d{1,4}[A-Za-z]?\b)?"
_RT_RW = r"\bRT\.?[ \t]*\d{1,3}[ \t]*/[ \t]*RW\.?[ \t]*\d{1,3}\b"

# A street written house number first, its kind in lower case or capitals, then its name to the
# comma before the postcode.
_NUMBER_FIRST_STREET = (
    r"\b\d{1,4}(?:[ \t]?(?:bis|ter))?,?[ \t]+"
    r"(?i:rue|avenue|av\.|boulevard|bd|chemin|all[ée]e|place|impasse|route|quai|cours|via|"
    r"viale|piazza|calle|avenida|rua|travessa|largo)[ \t]+[^\n,;]{1,40},[ \t]*"
)
_TOWN = r"[A-ZÀ-Þ][\w'’-]+(?:[ \t]+[A-ZÀ-Þ][\w'’-]+){0,2}"
_TOWN_END = r"(?=[ \t]*(?:,|\n|\Z|[ \t](?:Cedex|CEDEX)\b|[ \t]*[|·•–-]))"

LANE_STREET_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "street_address",
        re.compile(
            rf"\bJ(?:l|ln)\.[ \t]+(?:{_INDONESIAN_TITLE}[ \t]*)+{_NAME}"
            rf"(?:[ \t]+(?!No\.){_NAME}){{0,2}}"
            rf"{_HOUSE}"
        ),
    ),
    (
        "street_address",
        re.compile(
            rf"\bGg\.[ \t]+{_NAME}(?:[ \t]+(?:{_NAME}|[IVX]{{1,4}}\b|\d{{1,3}}\b)){{0,2}}{_HOUSE}"
            rf"(?:,?[ \t]+{_RT_RW})?"
        ),
    ),
    ("street_address", re.compile(_RT_RW)),
    ("zip_code", re.compile(rf"{_NUMBER_FIRST_STREET}(?P<v>\d{{5}})(?=[ \t]+{_TOWN}{_TOWN_END})")),
    ("city", re.compile(rf"{_NUMBER_FIRST_STREET}\d{{5}}[ \t]+(?P<v>{_TOWN}){_TOWN_END}")),
    (
        "street_address",
        re.compile(
            rf"\b(?:Jalan|Jln\.?|Lorong|Lrg\.?|Persiaran)[ \t]+{_NAME}(?:[ \t]+{_NAME}){{0,2}}"
            r"[ \t]+\d{1,3}/[A-Z]{1,4}[ \t]?\d{1,3}[A-Z]?\b"
        ),
    ),
    (
        "street_address",
        re.compile(
            r"(?<![\w'’-])(?:Stryd|Heol|Ffordd|Lôn|Rhodfa|Cilgant)[ \t]+(?:(?:yr|y|'r|’r)[ \t]+)?"
            rf"{_NAME}(?:[ \t]+{_NAME}){{0,2}}"
        ),
    ),
    (
        "street_address",
        re.compile(
            r"(?<![\d\w])(?<!\d[ \t])(?:ul|al|pl)\.[ \t]+"
            r"(?:(?:św|gen|ks|kard|prof|marsz|płk|bp|abp|dr|im)\.[ \t]+)*"
            rf"{_NAME}(?:[ \t]+{_NAME}){{0,2}}(?:[ \t]+\d{{1,4}}[a-zA-Z]?(?:/\d{{1,4}})?\b)?"
        ),
    ),
]
