"""Vehicles named in more ways: a crew's or vehicle's number after a number sign, radio names
and crews' codes of more languages and scripts, ships' names, aircraft registrations on a
flight's line, digit-only and service vehicles' plates (session 63, deid63b; issue 16).

* A vehicle's or crew's word, a number sign and the number ("Бригада № 117", "véhicule n° 12",
  "mezzo n. 4", "Krankenwagen Nr. 41", "tender No. 4", "πλήρωμα αρ. 7"): the sign says the
  number names the vehicle. A count or unit after it is none ("bus no. 3 min").
* A radio name's word of more languages, then the name: a word and a number, or a code with a
  digit ("roepnaam Zwolle 12", "позывной Берёза 4", "nominativo Alfa 14", "hívójel Mentő 41").
* A crew's word of more languages, then a code of capitals of any script with a digit, or a
  word and a number ("πλήρωμα Β-22", "экипаж А-17", "mezzo Bravo 22", "posádka RZP 4").
* A ship's name after its prefix ("MV Ocean Star", "MS Nordkapp", "M/V Helga Maersk", "FV
  Providence II"), up to three capitalised words, when the line speaks of a ship (vessel, IMO,
  MMSI, aboard, cruise, ferry, port, crew, cabin ... in several languages): "MV repair", "MS
  relapse" and "MV Prolapse" on an echo's line have none.
* An aircraft's registration on a line that speaks of a flight (medevac, flight, leg, tail,
  Learjet, King Air, Citation, PC-12 ...): "leg 2 on C-GMLQ", "tail N417GC". A one-letter
  state's mark takes four letters, as deid_crew_codes reads it ("B-CELL" has no flight).
* A plate of digits alone in the Israeli shapes (12-345-67, 123-45-678) after a vehicle's word
  or a plate's word of Hebrew ("מספר רישוי 71-441-82"), and a Swedish ambulance's number ("3
  30-9120") after an ambulance's word.
* A plate after a vehicle's word whose letters are also a clinical abbreviation ("Karetka PO
  4417C", "RTW W-41772 K"): three digits at least and letters after them, no unit after.
* A Spanish life-support unit by kind, town and number ("SVA Bizkaia 03"), and an Emirates
  plate (emirate, code, number) after a vehicle's word ("Ambulance Sharjah 3 21877").
* A German station's radio number after the vehicle's kind ("RTW 4/83-2"), a taxi's
  medallion ("medallion 4J19").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from medlocal.privacy.deid_clinical_dash_codes import clinical_dash_code
from medlocal.privacy.deid_counts import COUNT_AFTER
from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_spans import Redaction, label
from medlocal.privacy.deid_vehicle_labels_more import vehicle_label_candidates
from medlocal.privacy.deid_world_vehicle_words import NATIONALITY_MARKS, VEHICLE_WORDS

_NO_UNIT = (
    rf"(?![\w/-]|[.,:]\d)(?!{COUNT_AFTER})"
    r"(?![ \t]*(?i:%|mg|ml|kg|mmhg|bpm|km|min|h\b|x\b|hrs?\b|am\b|pm\b|tons?\b|tonnes?\b|t\b))"
)
_CREW_WORDS = (
    # Russian writes the crew's service between the word and the sign (review63b): "бригада
    # скорой помощи № 117", "бригада СМП № 4".
    r"бригад[аыуе](?:[ \t]+скорой(?:[ \t]+медицинской)?[ \t]+помощи|[ \t]+СМП)?|"
    r"экипаж\w*|екіпаж\w*|πλήρωμα|mezzo|équipage|tripulação|posádk[ay]|"
    r"załog[ai]|besättning|mannskap|miehistö|ekipa"
)
_NUMBERED_WORDS = (
    rf"{_CREW_WORDS}|ambulance|ambulancia|ambulância|ambulanza|ambulans|ambulanssi|"
    r"krankenwagen|rettungswagen|RTW|KTW|NEF|NAW|v[ée]hicule|vehicle|veicolo|veh[íi]culo|"
    r"машин[аыу]|автомобил[ья]|карет[аыу]|ασθενοφόρο|όχημα|tender|lifeboat|fleet"
)
_NUMBER_SIGN = r"(?i:№|n[°º]\.?|no\.|nr\.?|n\.|núm\.?|num\.|#|номер|αρ\.)"
_NUMBERED = re.compile(
    rf"(?<![\w-])(?i:{_NUMBERED_WORDS})(?![\w-])[ \t]*+(?P<sign>{_NUMBER_SIGN})[ \t]*+"
    rf"(?P<v>\d{{1,5}}(?:[-/]\d{{1,3}})?){_NO_UNIT}"
)
# "Tender" is also a finding, and "#" a fracture: "ribs tender #7" (review63b); a ship's
# tender is on a ship's line ("Tender #4 returned to the ship").
_TENDER_FRACTURE = re.compile(r"(?i:tender)[ \t]*#")
_CALL_WORDS = (
    r"roepnaam|roepletters|позывной|позивний|κωδικός[ \t]+κλήσης|nominativo(?:[ \t]+radio)?|"
    r"nome[ \t]+radio|funkname|hívójel|kutsumerkki|anropsnamn|kaldenavn|radiokode|"
    r"indicatif[ \t]+d['’]appel|indicativo[ \t]+de[ \t]+chamada|call[ \t]+name"
)
_CAP = r"A-ZÄÖÜÅÆØÉÈÁÍÓÚÇŁŚŻŹČŠŽŘА-ЯЁІЇЄΑ-Ω"
_WORD_AND_NUMBER = rf"[{_CAP}][^\W\d_]{{2,15}}(?:[ \t][{_CAP}][^\W\d_]{{2,15}})?[ \t]\d{{1,3}}"
_CODE = rf"(?=[{_CAP}0-9 -]*\d)[{_CAP}][{_CAP}0-9]{{0,5}}(?:[ -][{_CAP}0-9]{{1,6}}){{0,2}}"
_CALL_NAME = re.compile(
    rf"(?<![\w-])(?i:{_CALL_WORDS}|{_CREW_WORDS})(?![\w-])[ \t]*+:?[ \t]*+"
    rf"(?P<v>(?:{_WORD_AND_NUMBER}(?:/\d{{1,3}})?|{_CODE})){_NO_UNIT}"
)
# A ship's prefix and its name; the line must speak of a ship (_MARITIME).
_SHIP_PREFIX = r"M/?V|M\.V\.|M/?S|M\.S\.|M/?T|M/?Y|F/?V|RMS|HMS|HMCS|HMAS|HMNZS|USNS|NRP|RFA"
_NAME_WORD = r"[A-Z][a-zäöüåæøéèáíóú'’]+|[IVX]{1,4}\b|[A-Z]{2,}\b"
_SHIP = re.compile(
    rf"(?<![\w/.-])(?:{_SHIP_PREFIX})[ \t]+"
    rf"(?P<v>(?-i:[A-Z][a-zäöüåæøéèáíóú'’]+)(?:[ \t](?:{_NAME_WORD})){{0,2}})(?![\w-])"
)
_MARITIME = re.compile(
    r"(?i:\b(?:vessel|ship|ship's|boat|ferry|cruise|tanker|trawler|yacht|freighter|imo|mmsi|"
    r"aboard|on[ \t]+board|seafarer|sailor|deckhand|mariner|harbour|harbor|port|berth|cabin|"
    r"master|captain|coastguard|coast[ \t]+guard|schiff|navire|bateau|barco|buque|navio|nave|"
    r"skip(?:et)?|fartyg(?:et)?|laiva|statek|statku|a[ \t]+bordo|an[ \t]+bord|à[ \t]+bord|"
    r"ombord|crew)\b)"
)
# What a capitalised word after MV, MS or MT may be on a clinical line.
_NOT_A_SHIP = re.compile(
    r"(?i:repair|replacement|prolapse|regurg\w*|stenosis|annul\w*|leaflets?|function|flow|"
    r"gradient|area|relapse|clinic|nurse|society|team|diagnosis|lesions?|patient|flare|"
    r"plaques?|disease|therapy|mode|settings?|support|weaning|ventilation|wean\w*|rate|"
    r"pressure|volume|unit|ward|bay)\b"
)
_FLIGHT = (
    # "leg" before its number only: the limb is no flight's leg ("Left leg: I-STAT", review63b).
    r"medevac|medivac|flight|flights|leg(?=[ \t]+\d{1,2}\b)|tail(?:[ \t]+number)?|airlift|"
    r"air[ \t]+ambulance|"
    r"repatriation|learjet|king[ \t]+air|citation|challenger|pilatus|pc-12|cessna|"
    r"beechcraft|hawker|dash[ \t]+8|flug|vol|vuelo|voo|volo|lento|lot"
)
# A US registration has three characters at least after the N: "N2", "N2O", "N95" are
# nodes, a gas and a mask (review63b).
_REGISTRATION = (
    rf"(?:{NATIONALITY_MARKS})-[A-Z]{{3,4}}|N[1-9](?:\d{{2,4}}[A-Z]{{0,2}}|\d?[A-Z]{{2}})"
)
_AIRCRAFT = re.compile(
    # "Flight of ideas" is a psychiatric sign ("flight of ideas, C-SSRS low").
    rf"(?i:(?<![\w-])(?:{_FLIGHT})(?![\w-])(?![ \t]+of\b))[^.;!?\n]{{0,40}}?(?<![\w-])"
    rf"(?P<v>(?-i:{_REGISTRATION}))(?![\w-]){_NO_UNIT}"
)
_DIGIT_PLATE = re.compile(
    rf"(?<![\w-])(?i:{VEHICLE_WORDS}|אמבולנס|מספר[ \t]+רישוי|לוחית[ \t]+רישוי|רישוי)"
    r"(?![\w-])[^\S\n]*+[:#]?[^\S\n]*+(?:\(?[ \t]*)"
    r"(?P<v>\d{2}-\d{3}-\d{2}|\d{3}-\d{2}-\d{3})(?![\w/.-]|[.,]\d)"
)
_SWEDISH_AMBULANCE = re.compile(
    r"(?<![\w-])(?i:ambulans(?:en)?|ambulansen|ambulance)(?![\w-])[ \t]*+(?:nr\.?[ \t]*+)?"
    r"(?P<v>\d[ ]\d{2}-\d{3,4})(?![\w/.-]|[.,]\d)"
)
_CLINICAL_LETTERS_PLATE = re.compile(
    rf"(?<![\w-])(?i:{VEHICLE_WORDS}|RTW|KTW|NEF|NAW|ITW)(?![\w-])[ \t]++"
    r"(?P<v>(?-i:[A-Z]{1,3}[ -]\d{3,5}(?:[A-Z]{1,2}|[ ][A-Z]{1,2})))" + _NO_UNIT
)


# A Spanish life-support unit named by its kind, its town and its number ("SVA Bizkaia 03",
# "SVB Getafe 2", "USVB Lugo 1").
_LIFE_SUPPORT_UNIT = re.compile(
    r"(?<![\w-])(?P<v>(?:SVA|SVB|SVAE|USVA|USVB|VIR)[ \t]+[A-ZÁÉÍÓÚÑ][^\W\d_]{2,15}"
    r"(?:[ \t]+[A-ZÁÉÍÓÚÑ][^\W\d_]{2,15})?[ \t]+\d{1,3})(?![\w/.-]|[.,]\d)" + _NO_UNIT
)
# An Emirates plate: the emirate, its code (a letter or a number) and the number, after a
# vehicle's or a plate's word ("Ambulance Sharjah 3 21877", "plate Dubai K 90412").
_EMIRATES_PLATE = re.compile(
    rf"(?<![\w-])(?i:{VEHICLE_WORDS})(?![\w-])[ \t]*+[:#]?[ \t]*+"
    r"(?P<v>(?:Abu[ \t]+Dhabi|Dubai|Sharjah|Ajman|Umm[ \t]+Al[ \t]+Quwain|Ras[ \t]+Al[ \t]+"
    r"Khaimah|Fujairah|AD|DXB|SHJ|AJM|UAQ|RAK|FUJ)[ \t]+(?:[A-Z]{1,2}|\d{1,2})[ \t]+\d{1,5})"
    r"(?![\w/.-]|[.,]\d)"
)

# A German station's radio number after the vehicle's kind ("RTW 4/83-2", "Ambulanz 3/83-1")
# and a taxi's medallion.
_STATION_NUMBER = re.compile(
    r"(?<![\w-])(?:RTW|KTW|NEF|NAW|RTH|ITW|MZF|(?i:ambulanz|krankenwagen|rettungswagen))"
    r"[ \t]++(?P<v>\d{1,2}/\d{2}-\d{1,2})(?![\w/-]|[.,]\d)"
)
_MEDALLION = re.compile(
    r"(?i:\bmedallion)(?:[ \t]+(?i:no\.?|number|#))?[ \t]*+:?[ \t]*+"
    r"(?P<v>(?=[A-Z]*\d)[0-9A-Z]{3,6})(?![\w/-])"
)


def vehicle_code_candidates(text: str) -> Iterator[Redaction]:
    """The vehicles of the module docstring."""
    lines = _LineCues(text)
    for pattern in (
        _NUMBERED,
        _CALL_NAME,
        _DIGIT_PLATE,
        _SWEDISH_AMBULANCE,
        _AIRCRAFT,
        _LIFE_SUPPORT_UNIT,
        _EMIRATES_PLATE,
        _STATION_NUMBER,
        _MEDALLION,
    ):
        for match in skipped_finditer(pattern, text):
            code = match.group("v")
            if pattern is _AIRCRAFT and clinical_dash_code(code):
                continue
            if (
                pattern is _NUMBERED
                and _TENDER_FRACTURE.match(text, match.start(), match.end())
                and not lines.has(_MARITIME, match.start())
            ):
                continue
            if pattern is _CALL_NAME and _drug_and_dose(code):
                continue
            yield _vehicle(text, match.start("v"), match.end("v"))
    for match in skipped_finditer(_CLINICAL_LETTERS_PLATE, text):
        yield _vehicle(text, match.start("v"), match.end("v"))
    # More labels of radio names and fleet numbers, ambulances' words, helicopters' words
    # (session 64: deid_vehicle_labels_more).
    yield from vehicle_label_candidates(text)
    for match in skipped_finditer(_SHIP, text):
        if _NOT_A_SHIP.search(match.group("v")) or not lines.has(_MARITIME, match.start()):
            continue
        if _clinical_after_abbreviation(match, lines):
            continue
        yield _vehicle(text, match.start("v"), match.end("v"))


def _drug_and_dose(code: str) -> bool:
    """Italian "mezzo" is also "half": "mezzo Tachipirina 500" is a drug and its strength, not a
    crew's radio name (review63b)."""
    word = code.split()[0]
    return word[:1].isupper() and word[1:].islower() and lexicon().clinical(word.lower())


# The clinical readings of a ship's prefix: "MS" (multiple sclerosis), "MV" (mitral valve,
# minute volume), "MT" (metatarsal).
_CLINICAL_PREFIX = re.compile(r"M\.?[SVT]\.?")
# What only a ship has: its register's numbers, or the word itself.
_VESSEL = re.compile(r"(?i:\b(?:vessel|imo|mmsi)\b)")


def _clinical_after_abbreviation(match: re.Match[str], lines: _LineCues) -> bool:
    """A clinical word, or a known English word alone, after "MS"/"MV"/"MT" on a line without
    a vessel's register ("MS Secondary progressive; works as a ship's cook", "MV Mechanical
    valve, he is a cruise ship engineer"): the disease or the valve, not a ship (review63b). A
    ship named by a place, a rare word or two words ("MS Rotterdam", "MS Nordkapp", "MV Coral
    Princess") still goes."""
    prefix = match.group(0)[: match.start("v") - match.start()].strip()
    if not _CLINICAL_PREFIX.fullmatch(prefix) or lines.has(_VESSEL, match.start()):
        return False
    words = match.group("v").split()
    lower = words[0].lower()
    lex = lexicon()
    if lex.clinical(lower):
        return True
    # A name of two words is a ship's more often than not ("MV Coral Princess").
    return len(words) == 1 and lex.known(lower) and lower not in lex.places


class _LineCues:
    """Whether the line of a position holds a cue, each line searched once per cue: a long
    line with many ships' prefixes was searched whole for each of them (review63b: 136 KB
    on one line with 8,000 "MS Optic" took 164 s)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._ends: list[int] | None = None  # the newlines' positions, found when first asked
        self._found: dict[tuple[re.Pattern[str], int], bool] = {}

    def has(self, cue: re.Pattern[str], pos: int) -> bool:
        if self._ends is None:
            self._ends = [m.start() for m in re.finditer("\n", self._text)]
        line = bisect_right(self._ends, pos)
        key = (cue, line)
        found = self._found.get(key)
        if found is None:
            start = self._ends[line - 1] + 1 if line else 0
            end = self._ends[line] if line < len(self._ends) else len(self._text)
            found = cue.search(self._text, start, end) is not None
            self._found[key] = found
        return found


def _vehicle(text: str, start: int, end: int) -> Redaction:
    return Redaction("vehicle_id", start, end, text[start:end], label("vehicle_id"))
