"""Address forms built from area parts and streets without a house number (round 9b).

* Numbered streets with an ordinal, with or without a direction ("W. 14th St", "3rd Ave").
* A unit number and a dash before a house number and street, as Canadian addresses run
  ("2207 - 1180 Pinetree Way").
* Chains of area parts: a block, sector, site, plot, stand or shop-office number joined by
  commas to another part or a street ("Block E, Sector 18, Rohini", "SCO 211, Sector 36-D",
  "Site C, 2231 Lwandle Cres", "Waiyaki Way, plot 114"). One part alone is kept: "AV block",
  "nerve block", "sector scan" are clinical.
* Malaysian and Indonesian address words ("No. 17, Jalan Mawar 3, Taman Sri Skudai"), Irish
  street words with or without a number ("12 Cois Abhann", "Cnoc na Gaoithe"), a house number
  before a British street word that is also a noun ("9 Quarry Bank"), and a street abbreviation
  after capitalised words ("Peters Creek Rd").
* An Indian PIN code after a city and a dash ("…, Chennai – 600116").
"""

from __future__ import annotations

import re

_NAME = r"[A-ZÀ-Þ][a-zß-ÿ'’]+(?:-[A-ZÀ-Þ][a-zß-ÿ'’]+)?"
_STREET_ABBR = r"(?:St|Rd|Ave|Blvd|Hwy|Pkwy|Ln|Cres|Tce|Pl|Dr|Ct|Way|Street|Road|Avenue|Lane)"
# An area part and its code: "Block E", "Sector 36-D", "SCO 211", "plot 114", "Site C".
_PART_WORD = (
    r"(?:Block|Blk\.?|Sector|Sec\.?|Site|Section|Phase|Pocket|Plot|plot|Stand|stand|Erf|"
    r"SCO|SCF|Flat|Shop|Zone|Lot|lot|House[ \t]+No\.?|H\.[ \t]?No\.?|Plot[ \t]+No\.?|"
    # Round 17: a house's number ending a chain of parts ("Site C, Section 4, No. 1187").
    r"No\.)"
)
_PART = rf"{_PART_WORD}[ \t]+(?:[A-Z]|\d{{1,5}}(?:-?[A-Z])?(?:/\d{{1,3}})?)\b"
_HOUSE_STREET = rf"\d{{1,5}}[A-Z]?[ \t]+{_NAME}(?:[ \t]+{_NAME}){{0,2}}[ \t]+{_STREET_ABBR}\b"
_MALAY_WORD = (
    r"(?:Jalan|Jln\.?|Lorong|Lrg\.?|Persiaran|Lebuh(?:raya)?|Lengkok|Taman|Tmn\.?|Kampung|"
    r"Bandar|Desa|Pangsapuri|Blok|Gang|Perumahan|Kompleks)"
)
# Round 17: a street named by a code of capitals and numbers ("Jalan SS 21/39", "Jalan PJU
# 1/45", "Jalan 3/4").
_MALAY_CODE = r"(?:[A-Z]{1,4}[ \t]+)?\d{1,3}(?:/\d{1,3})?[A-Z]?\b"
_MALAY_PART = (
    rf"{_MALAY_WORD}[ \t]+(?:{_NAME}|{_MALAY_CODE})"
    rf"(?:[ \t]+(?:{_NAME}|\d{{1,3}}(?:/\d{{1,3}})?[A-Z]?\b)){{0,3}}"
)
_IRISH_WORD = (
    r"(?:Cois|B[óo]thar|Sr[áa]id|Ascaill|B[óo]ithr[íi]n|Cnoc|P[áa]irc|Radharc|Gleann|Cluain|"
    r"L[áa]na|Pl[áa]s|C[ée]ide|Ard|[ÁA]rd|Cearn[óo]g|Faiche|Garr[áa]naigh|Bruach)"
)
# British street words that are also nouns; a house number before the name makes them streets.
_NOUN_STREET = (
    r"(?:Bank|Row|Walk|Mews|Rise|Green|Parade|Gardens|Grove|Croft|Fold|Brow|Wynd|Vale|View|"
    r"Hill|Side|Nook|Chase|Garth|Heights|Meadows|Leys|Paddock|"
    # Round 17: more of the old street words of English towns ("12 Bridge End", "4 Church
    # Lea", "9 Mill Top").
    r"End|Lea|Top|Moor|Common|Orchard|Paddocks|Meadow|Spinney|Dene|Holme|Ings|Hey|Copse)"
)

AREA_STREET_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "street_address",
        re.compile(
            # "W. 14th St", "East 3rd Avenue".
            r"\b(?:(?:[NSEW]\.?|North|South|East|West)[ \t]+)?\d{1,3}(?:st|nd|rd|th)[ \t]+"
            r"(?:St|Street|Ave|Avenue|Blvd|Rd|Road|Pl|Place|Dr|Drive|Ter|Terrace|Way|Ln|Lane)\b"
            # "2207 - 1180 Pinetree Way": a unit, a dash, the house and street.
            rf"|\b\d{{1,5}}[ \t]?[-–][ \t]?{_HOUSE_STREET}"
            # Two or more area parts, then a locality: "Block E, Sector 18, Rohini".
            rf"|\b{_PART}(?:,[ \t]*{_PART}){{1,3}}(?:,[ \t]*{_NAME}(?=[ \t]*[,.\n(]))?"
            # An area part before a street: "Site C, 2231 Lwandle Cres".
            rf"|\b{_PART},[ \t]*{_HOUSE_STREET}"
            # A street before an area part: "Waiyaki Way, plot 114".
            rf"|\b{_NAME}(?:[ \t]+{_NAME}){{0,2}}[ \t]+{_STREET_ABBR},[ \t]*{_PART}"
            # Malaysian: "No. 17, Jalan Mawar 3, Taman Sri Skudai".
            rf"|(?:\bNo\.?[ \t]*\d{{1,5}}[A-Z]?(?:-\d{{1,3}})?,[ \t]*)?\b{_MALAY_PART}"
            rf"(?:,[ \t]*{_MALAY_PART}){{0,2}}"
            # Irish: "12 Cois Abhann", "Cnoc na Gaoithe", "Bóthar an tSéipéil".
            rf"|(?:\b\d{{1,4}}[A-Z]?[ \t]+)?\b{_IRISH_WORD}[ \t]+(?:(?:na|an|na[ \t]h-|an[ \t]t-)"
            rf"[ \t]?)?(?:t|h)?{_NAME}"
            # "9 Quarry Bank": a house number, a name, a street word that is also a noun.
            rf"|\b\d{{1,4}}[A-Z]?[ \t]+{_NAME}(?:[ \t]+{_NAME})?[ \t]+{_NOUN_STREET}\b"
            r"(?=[ \t]*[,\n(])"
            # "Peters Creek Rd": capitalised words before a street abbreviation.
            rf"|\b{_NAME}(?:[ \t]+{_NAME}){{1,2}}[ \t]+(?:Rd|Ave|Blvd|Hwy|Pkwy|Ln|Cres|Tce)\b\.?"
        ),
    ),
    # Round 15: a house number and a street of any words after "lives at", "resides at" or
    # "address", before a comma and the town ("lives w/ son at 3 Mill Race, Shepton Mallet").
    (
        "street_address",
        re.compile(
            r"\b(?i:lives|living|resides|residing|staying|address)(?:[ \t]+(?:w/|with)[ \t]+"
            r"\w+(?:[ \t]+\w+)?)?(?:[ \t]+(?i:at|in))?[ \t]*:?[ \t]+"
            # Not a home's kind ("in 1 Level Bungalow, Downstairs toilet": review of round 15).
            r"(?!\d{1,2}[ \t]+(?i:level|bed|bedroom|bedroomed|storey|story|floor|flat|house|"
            r"bungalow|room|roomed|step|steps)\b)"
            rf"(?P<v>\d{{1,5}}[A-Z]?[ \t]+{_NAME}(?:[ \t]+{_NAME}){{0,2}})(?=,[ \t]*[A-Z][a-z])"
        ),
    ),
    (
        "zip_code",
        # An Indian PIN after a city listed in an address: ", Chennai – 600116".
        re.compile(rf",[ \t]*{_NAME}(?:[ \t]+{_NAME})?[ \t]*[-–][ \t]*(?P<v>[1-8]\d{{5}})\b"),
    ),
]
