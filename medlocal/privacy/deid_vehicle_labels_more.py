"""Vehicles after their labels of more languages: radio names, fleet and side numbers, the
ambulance's own word of more languages before its plate, and a helicopter's word before its
registration or radio name (session 64, deid64b; issue 16).

* A radio name's, a fleet's or a side number's label ("Funkrufname Rettung Zürich 44",
  "pozivni znak Zagreb 94", "volací znak Brno 417", "kryptonim K-12-05", "nr boczny S-44",
  "brigaad T-17", "fleet SJ-17", "prefixo SAMU-417", "económico 417", "kutsu Tampere 123",
  "Fahrzeug-Nr. KT 17"), then one or two capitalised words and a number, a code of capitals
  with a digit, or (after a fleet's or side number's label) digits alone. A unit or a count
  after it is none ("fleet 4 vans", "kryptonim 3 min"), nor a drug and its strength.
* A service's unit by the service, its town and a number ("SMUR Necker 2", "VMER Lisboa 2",
  "Croce Verde 17"), or by the service's abbreviation and a code ("SVA M-14").
* A code's word of many languages before a word and a number, on a line where a vehicle's
  word stands before it ("Ambulans plakası 34 ABC 441, kod Kartal-7").
* The ambulance's word of languages deid_world_vehicle_words does not list, before a plate in
  its shape ("Ambulanța CJ 44 SMD", "Kiirabiauto 441 BKL", "Sjúkrabíll RN 441",
  "Rettungswagen HH-RD 4417").
* A helicopter's or aircraft's word of more languages, then within the clause a registration
  with a state's mark ("þyrla TF-GNA", "hélicoptère Dragon 75 (F-ZBQK)", "Hubschrauber
  D-HDRV") or a radio name of a word and a number ("hélicoptère Dragon 75", "elicottero Pegaso
  3"). A test's name in a registration's shape is none (deid_clinical_dash_codes).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_clinical_dash_codes import test_at
from medlocal.privacy.deid_counts import COUNT_AFTER
from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import clinical_abbreviation, lexicon
from medlocal.privacy.deid_spans import Redaction, label
from medlocal.privacy.deid_world_vehicle_words import (
    NATIONALITY_MARKS,
    PLATE,
    VEHICLE_WORDS,
    a_plate,
)

_NO_UNIT = (
    rf"(?![\w/-]|[.,:]\d)(?!{COUNT_AFTER})"
    r"(?![ \t]*(?i:%|mg|ml|kg|mmhg|bpm|km|min|h\b|x\b|hrs?\b|am\b|pm\b|vans?\b|cars?\b))"
    # A count of the fleet's vehicles or crews ("fleet 20 vehicles strong", round60b's probe).
    r"(?![ \t]+(?i:vehicles?|ambulances?|units?|crews?|trucks?|buses|boats?|helicopters?|"
    r"aircraft|staff|strong)\b)"
)
# Labels of a vehicle's radio name, by language: German, French, Italian, Spanish and
# Portuguese, Romanian, Polish, Czech and Slovak, Croatian, Serbian and Slovene, Finnish and
# Estonian, the Nordic languages, Turkish, English.
_RADIO_LABELS = (
    r"funkrufname|rufname|indicatif|indicativ|indicativo|sigla[ \t]+radio|kryptonim|"
    r"volací[ \t]+znak|volacia[ \t]+značka|pozivni[ \t]+znak|klicni[ \t]+znak|kutsu|"
    r"kutsutunnus|kutsung|brigaad|kallesignal|anropssignal|kaldesignal|kallmerki|"
    r"çağrı[ \t]+(?:kodu|adı|işareti)|radio[ \t]+call|call-?sign"
)
# Labels of a fleet's or a vehicle's own number: digits alone may follow them.
_NUMBER_LABELS = (
    r"fleet(?:[ \t]+(?:no\.?|number|id))?|nr\.?[ \t]+boczny|numer[ \t]+boczny|"
    r"n[úu]mero[ \t]+econ[óo]mico|econ[óo]mico|prefixo|fahrzeug-?nr\.?|fahrzeugnummer|"
    r"wagennummer|numéro[ \t]+de[ \t]+flotte|flottennummer|kylkinumero"
)
_CAP = r"A-ZÄÖÜÅÆØÉÈÁÍÓÚÇŁŚŻŹČŠŽŘÞÐА-ЯЁІЇЄΑ-ΩΆΈΉΊΌΎΏ"
_WORD = rf"[{_CAP}][^\W\d_]{{2,15}}"
_WORDS_AND_NUMBER = rf"{_WORD}(?:[ \t]{_WORD})?[ \t-]\d{{1,3}}(?:/\d{{1,3}})?"
_CODE = (
    rf"(?=[{_CAP}0-9-]*\d)[{_CAP}]{{1,5}}(?:-?\d{{1,4}})(?:-\d{{1,3}})?"
    rf"|[{_CAP}]{{1,3}}[ \t]\d{{1,3}}"
)
_LABELLED = re.compile(
    rf"(?<![\w-])(?:(?i:{_RADIO_LABELS})|(?P<n>(?i:{_NUMBER_LABELS})))(?![\w-])"
    rf"[ \t]*+[:#]?[ \t]*+(?P<v>{_WORDS_AND_NUMBER}|{_CODE}|(?(n)\d{{1,5}}|(?!)))" + _NO_UNIT
)
# A service's unit by the service, perhaps its town, and a number ("SMUR Necker 2", "VMER
# Lisboa 2", "Croce Verde 17", "Misericordia Empoli 4", "Cruz Roja Alicante 12"); the
# services' abbreviations also name a unit's code ("SVA M-14", "UVI B-7").
_SERVICE_NAMES = (
    r"SMUR|VMER|SAMU|SAMUR|SIV|UMH|SUMMA|SMURD|INEM|SIEM|SVA|SVB|SVAE|USVA|USVB|UVI|UME"
)
_NAMED_SERVICES = (
    r"Croce[ \t]+(?:Verde|Rossa|Bianca|Blu|Azzurra|Gialla|d['’]Oro)|Misericordia|"
    r"Pubblica[ \t]+Assistenza|Cruz[ \t]+Roja|Cruz[ \t]+Vermelha|Croix[ \t]+Rouge"
)
_TOWN = r"[A-ZÁÉÍÓÚÀÈÌÒÙÇ][a-zà-ÿ'’-]{2,15}(?:[ \t][A-ZÁÉÍÓÚÀÈÌÒÙÇ][a-zà-ÿ'’-]{2,15})?"
_SERVICE_UNIT = re.compile(
    rf"(?<![\w-])(?P<v>(?:(?:{_SERVICE_NAMES})[ \t]+{_TOWN}|(?:{_NAMED_SERVICES})"
    rf"(?:[ \t]+{_TOWN})?)[ \t]+\d{{1,3}})"
    + _NO_UNIT
    + rf"|(?<![\w-])(?:{_SERVICE_NAMES})[ \t]+(?P<c>[A-Z]{{1,2}}-\d{{1,3}})"
    + _NO_UNIT
)
# A code's word of many languages before a radio name, read on a line where a vehicle's word
# stands before it ("Ambulans plakası 34 ABC 441, kod Kartal-7", "Ασθενοφόρο ΕΚΑ 4417, κωδικός
# Άλφα 17"): "kod ICD-10" and a code with no vehicle before it on its line stay.
_CODE_WORD = re.compile(
    # Not English "code", Spanish "código", Italian "codice": "code Stroke 1", "código ictus
    # 2" are a hospital's alerts.
    r"(?<![\w-])(?i:kod|kodu|κωδικός|kennung|tunnus)(?![\w-])"
    rf"[ \t]*+:?[ \t]*+(?P<v>{_WORD}(?:-|[ \t])\d{{1,3}}){_NO_UNIT}"
)
_AMBULANCE_WORDS = (
    r"ambulan[țţt][aă]|ambulanssi|kiirabiauto|kiirabi[ \t]+auto|sjúkrabíll|sjúkrabifreið|"
    r"sjukbil(?:en)?|ambulanse(?:n)?|ambulancebil(?:en)?|ziekenwagen|ambulancewagen|"
    r"rettungswagen|krankenwagen|notarztwagen|krankentransportwagen|ambulancia|ambulanza|"
    r"ambulância|karetk[aięą]|sanitk[ayu]|hitn[aeo]j?|vozilo[ \t]+hitne|mentőautó|"
    r"ασθενοφόρο|линейк[аи]|скорая|швидка|ambulans|cankurtaran"
)
_VEHICLE_ON_LINE = re.compile(rf"(?<![\w-])(?i:{VEHICLE_WORDS}|{_AMBULANCE_WORDS})(?![\w-])")
_AMBULANCE_PLATE = re.compile(
    rf"(?<![\w-])(?i:{_AMBULANCE_WORDS})(?![\w-])[ \t]*+[:#]?[ \t]*+(?P<v>(?-i:{PLATE}))" + _NO_UNIT
)
# A helicopter's or aircraft's word, by language.
_AIR_WORDS = (
    r"hélicoptère|hélico|helicóptero|elicottero|elisoccorso|hubschrauber|helikopter|"
    r"helikopteri|þyrla|þyrlan|śmigłowiec|śmigłowcem|vrtulník|vrtulníkem|вертол[её]т\w*|"
    r"ελικόπτερο|helicopter|aircraft|avion|avión|aeronave|aereo|flugzeug|lentokone|"
    r"samolot|letadlo|flugvél|fly|flyet|helikopteret"
)
_AIR = re.compile(
    rf"(?<![\w-])(?i:{_AIR_WORDS})(?![\w-])[^.;!?\n]{{0,40}}?(?<![\w-])"
    rf"(?P<v>(?-i:(?:{NATIONALITY_MARKS})-[A-Z]{{3,4}})(?![\w-])|"
    rf"(?-i:(?<=[ \t(]){_WORD}[ \t]\d{{1,3}}){_NO_UNIT})"
)


def vehicle_label_candidates(text: str) -> Iterator[Redaction]:
    """The vehicles of the module docstring."""
    for match in _LABELLED.finditer(text):
        # After a vehicle's own number label the code is the vehicle's ("Fahrzeug-Nr. KT 17");
        # after a radio name's label a clinical word is a value ("kryptonim GCS 14").
        if not match.group("n") and _clinical_name(match.group("v")):
            continue
        yield _vehicle(text, match.start("v"), match.end("v"))
    for match in skipped_finditer(_CODE_WORD, text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        if _VEHICLE_ON_LINE.search(text, line_start, match.start()) is None:
            continue
        if _clinical_name(match.group("v")):
            continue
        yield _vehicle(text, match.start("v"), match.end("v"))
    for match in skipped_finditer(_SERVICE_UNIT, text):
        group = "v" if match.group("v") else "c"
        if group == "v" and _clinical_name(match.group(group).split()[-2]):
            continue  # "SVA Ramipril 5"
        yield _vehicle(text, match.start(group), match.end(group))
    for match in skipped_finditer(_AMBULANCE_PLATE, text):
        if a_plate(match.group("v")):
            yield _vehicle(text, match.start("v"), match.end("v"))
    for match in skipped_finditer(_AIR, text):
        code = match.group("v")
        if "-" in code and test_at(text, match.start("v"), match.end("v")):
            continue
        # A radio name is a word in lower case after its capital ("Dragon 75"); capitals and
        # a number on a flight's line are a score ("helicopter GCS 14 on arrival").
        if " " in code and (code.split()[0].isupper() or _clinical_name(code)):
            continue
        yield _vehicle(text, match.start("v"), match.end("v"))


def _clinical_name(code: str) -> bool:
    """A drug and its strength, a score and its value ("Ramipril 5", "GCS 14", "Barthel 25")."""
    word = re.split(r"[ \t-]", code, maxsplit=1)[0]
    lex = lexicon()
    return (
        clinical_abbreviation(word)
        or lex.clinical(word.lower())
        or lex.foreign_clinical(word.lower())
    )


def _vehicle(text: str, start: int, end: int) -> Redaction:
    return Redaction("vehicle_id", start, end, text[start:end], label("vehicle_id"))
