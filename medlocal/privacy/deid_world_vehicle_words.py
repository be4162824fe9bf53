"""Plates right after a vehicle's word of many languages (session 61, deid61b; issue 16).

The older plate rules read a plate after a vehicle's word only with punctuation between or after
it (deid_vehicle_nearby: "car (AB12 CDE)", "van: KT 4419,"), and knew the vehicle's words of a
dozen languages. A note of another country writes its plate straight after its own word for the
car, the van, the ambulance or the plate ("vozidlo 2AK 4192", "fordon KTR 41P", "Mobil B 4192
KTR", "aracı 34 KTR 419", "автомобілем AA 4192 KT", "bestelbus VKT-41-P", "Kontrollschild LU
4192 U"). Read: such a word, perhaps a number's word or a colon, then one to four groups of
capitals of any alphabet and digits, with two digits and a capital at least. What the clinical
grammar names ("auto PEEP 10", "ambulance ETA 15") and a unit or count after it are none.

Also read: an emergency service's unit by the service's name and a number ("SAMU 41", "INEM
4-19", "Móvil 4419"), a German-speaking service's radio name ("Florian München 41/83-2") and a
rescue helicopter's registration after its service's word ("RTH Christoph 1 (D-HDRV)").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_counts import COUNT_AFTER
from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_spans import Redaction, label
from medlocal.privacy.deid_vehicle_nearby import NOT_CLINICAL

# A vehicle's or a plate's word, by language: English; German and Swiss; Dutch; French;
# Spanish and Portuguese; Italian; the Nordic languages; Finnish and Estonian; Polish, Czech,
# Slovak, Slovene, Croatian and Serbian; Hungarian; Romanian; Bulgarian, Russian and
# Ukrainian; Greek; Turkish; Indonesian and Malay; Tagalog; Vietnamese; Swahili; Hebrew and
# Arabic; Japanese, Chinese and Korean.
_WORDS = (
    r"car|van|vehicle|truck|lorry|taxi|cab|minibus|bus|ambulance|motorbike|motorcycle|"
    r"scooter|ute|suv|pick-?up|"
    r"fahrzeug|auto|pkw|lkw|wagen|transporter|kontrollschild|nummernschild|"
    r"voertuig|bestelbus|busje|bestelwagen|scootmobiel|vrachtwagen|"
    r"v[ée]hicule|voiture|camionnette|fourgon|"
    r"veh[íi]culo|coche|carro|camioneta|furgoneta|cami[óo]n|moto|viatura|ve[íi]culo|"
    r"caminh[ãa]o|cami[ãa]o|"
    r"veicolo|macchina|furgone|autoveicolo|"
    r"bil(?:en)?|fordon(?:et)?|kj[øo]ret[øo]y(?:et)?|k[øo]ret[øo]j(?:et)?|ambulans(?:en)?|"
    r"ajoneuvo|taksi|s[õo]iduk|kiirabi|"
    r"pojazd(?:u|em)?|samoch[óo]d(?:u|em)?|radiow[óo]z|karetka|vozidl[oaue]m?|vozidlem|"
    r"autem|sanitka|vozil[oau]m?|avto(?:m)?|automobil(?:om|em|u)?|"
    r"aut[óo]|j[áa]rm[űu]|g[ée]pkocsi|ment[őo]aut[óo]|"
    r"autoturism(?:ul)?|ma[șş]in[aă]|vehicul(?:ul)?|autosanitar[aă]|"
    r"кола|автомобил(?:ь|ем|і|ем)?|автомобілем|автомобіль|машин[аыой]|авто|линейк[аи]|"
    r"όχημα|αυτοκίνητο|ασθενοφόρο|ταξί|"
    r"ara[çc]|arac[ıi]|araba(?:s[ıi])?|otomobil|ambulans|"
    r"mobil|kereta|kendaraan|truk|kotse|sasakyan|"
    r"xe(?:[ \t]+(?:m[áa]y|h[ơo]i|[ôo][ \t]?t[ôo]|c[ứu]u[ \t]+th[ưu][ơo]ng))?|"
    r"gari|pikipiki|רכב|سيارة|مركبة|車両?|车辆?|车牌|차량|번호판|"
    # The plate's own word: "patente KTRP-41", "plaka 34 KTR 419", "nomor polisi B 4192 KTR".
    r"patente|placa|targa|matr[íi]cula|kenteken|kennzeichen|plaque|immatriculation|"
    r"rekisterinumero|registreringsnummer|tablica|rendsz[áa]m|plaka|plat[ \t]+nomor|"
    r"nomor[ \t]+polisi|bi[ểe]n[ \t]+s[ốo]|госномер|πινακίδα|numberplate|number[ \t]+plate"
)
# A number's word or a plate's word between: "vozidlo č. 2AK 4192", "car reg. KT 4419".
_BETWEEN = (
    r"(?:[ \t]++(?:no\.?|nr\.?|n[°º]\.?|č\.|br\.|номер|reg\.?|plate|plates|placa|placas|"
    r"targa|kennzeichen|kenteken|spz|[šs]pz|rendsz[áa]m))?"
)
# A capital of any of the plates' alphabets, and a group of capitals and digits.
_CAP = r"A-ZÄÖÜÅÆØŁŚŻŹĆŃÓĘĄČŠŽŘŤĎŇĚŮÚÍÝÁÉŐŰÇĞİŞȘȚĂÂÎА-ЯЁІЇЄҐΑ-Ω"
_GROUP = rf"[{_CAP}0-9]{{1,5}}"
_PLATE = (
    # Two digits and a capital in the groups, four to twelve of them.
    rf"(?=(?:[{_CAP}·. -]*\d){{2}})(?=[0-9·. -]*[{_CAP}])"
    rf"(?=[{_CAP}0-9·. -]{{4,14}}(?![{_CAP}0-9]))"
    # A clinical value's name after a blank ends the plate ("KT 4419 HR 88"); after a dash it is
    # the plate's own letter ("VLK-22-T").
    rf"{_GROUP}(?:(?:-|[·.](?=[{_CAP}0-9])|[ ](?!{NOT_CLINICAL})){_GROUP}){{0,3}}"
)
_VEHICLE_THEN_PLATE = re.compile(
    # Possessive blank runs: a vehicle's word before a long run of blanks is read at once.
    rf"(?<![\w-])(?i:{_WORDS})(?![\w-]){_BETWEEN}[ \t]*+[:#]?[ \t]*+"
    rf"(?P<v>(?-i:{_PLATE}))"
    # Not a decimal's, a ratio's or a date's start, not a unit or a count after.
    rf"(?![\w/-]|[.,:]\d)(?!{COUNT_AFTER})"
    r"(?![ \t]*(?i:%|mg|ml|kg|mmhg|bpm|km|min|h\b))"
)

# An emergency service's unit named by the service and a number, as the services of Europe and
# Latin America name their ambulances and cars on the radio ("SAMU 41", "SAME 112", "INEM 4-19",
# "RZP 4-19", "ERUM-41", "VSAV 2", "Móvil 4419", "TAXI 41"); a count or a unit after the number
# ("SAMU 2 min", "unidad 3 pacientes") is none, nor a number that goes on ("móvil 612 345 678").
_SERVICES = (
    r"SAMU|SAME|SAMUR|SUMMA|SMURD|INEM|SEM|ERUM|CRUM|RZP|RLP|ZZS|VSAV|VLM|VMER|SIV|ASSU|"
    r"SIEM|NEF|RTW|KTW|NAW|RTH|ITH|TAXI|Taxi|M[óo]vil|m[óo]vil"
)
_SERVICE_UNIT = re.compile(
    rf"(?<![\w-])(?P<v>(?:{_SERVICES})(?:[ \t]+(?:policial|sanitario))?[ \t-]\d{{1,5}}"
    r"(?:-\d{1,2})?)(?![\w/-]|[.,:]\d|[ \t]?\d)"
    rf"(?!{COUNT_AFTER})(?![ \t]*(?i:%|mg|ml|kg|mmhg|bpm|km|min|h\b))"
)
# A German-speaking service's radio name: its kind, its town, its station and vehicle numbers
# ("Florian München 41/83-2", "Rotkreuz Graz 3/83-1", "Sama Wien 12/1").
_RADIO_NAME = re.compile(
    r"(?<![\w-])(?P<v>(?:Florian|Rotkreuz|Sama|Johannes|Akkon|Äskulap|Pelikan|Heros|Kater)"
    r"[ \t]+[A-ZÄÖÜ][\w-]+(?:[ \t]+[A-ZÄÖÜ][\w-]+)?[ \t]+\d{1,2}(?:/\d{1,2}){1,2}"
    r"(?:-\d{1,2})?)(?![\w/-])"
)
# A rescue helicopter's registration in its ICAO shape after the service's word ("RTH
# Christoph 1 (D-HDRV)", "HEMS G-EHMS").
# The registration starts with a state's nationality mark (review61b: "pupils PE-RRL" is no
# aircraft): those that write a dash, of Europe, the Americas, Oceania, Africa and Asia.
_NATIONALITY = (
    r"[BCDFGIM]|OE|HB|OO|PH|SE|LN|OH|OY|TF|ES|YL|LY|SP|OK|OM|HA|YR|LZ|SX|TC|UR|RA|EW|EC|CS|EI|"
    r"LX|9A|S5|E7|Z3|YU|4O|ZA|ER|9H|5B|4X|VH|ZK|ZS|VT|PK|HS|9M|9V|RP|JA|HL|XA|LV|CC|PP|PR|PT|"
    r"PU|PS|HK|YV|OB|CX|CP|HC|HP|TI|TG|A6|A7|A9C|HZ|JY|OD|SU|CN|TS|7T|5Y|5H|ET|ZP"
)
# Read by deid_crew_codes after aircraft's words of more languages (session 62), and with the
# vehicles' words by deid_vehicle_codes_more (session 63).
NATIONALITY_MARKS = _NATIONALITY
VEHICLE_WORDS = _WORDS
PLATE = _PLATE
_RESCUE_AIRCRAFT = re.compile(
    r"(?:\b(?:RTH|ITH|HEMS|Christoph(?:us)?|Rega|Luftrettung|(?i:air[ \t]+ambulance))\b)"
    rf"[^.;!?\n]{{0,40}}?(?<![\w-])(?P<v>(?:{_NATIONALITY})-[A-Z]{{3,4}})(?![\w-])"
)


# A clinical value's name as the plate's first group or after a blank ("auto PEEP 10"); the
# groups joined by dashes are hidden from it, as a dash's letter is the plate's ("VLK-22-T").
_CLINICAL = re.compile(NOT_CLINICAL)


def a_plate(plate: str) -> bool:
    """A letter and two digits inside the plate itself (the pattern's lookaheads may see them
    beyond it: "Vehicle: 2017 Chevrolet"), and no clinical value's name."""
    return (
        any(char.isalpha() for char in plate)
        and sum(char.isdigit() for char in plate) >= 2
        and _CLINICAL.match(plate.replace("-", "\x00")) is None
    )


def world_vehicle_word_candidates(text: str) -> Iterator[Redaction]:
    """Plates straight after a vehicle's word of the languages above, services' units and
    radio names, rescue helicopters' registrations."""
    for pattern in (_VEHICLE_THEN_PLATE, _SERVICE_UNIT, _RADIO_NAME, _RESCUE_AIRCRAFT):
        for match in skipped_finditer(pattern, text):
            start, end = match.start("v"), match.end("v")
            plate = match.group("v")
            if pattern is _VEHICLE_THEN_PLATE and not a_plate(plate):
                continue
            yield Redaction("vehicle_id", start, end, plate, label("vehicle_id"))
