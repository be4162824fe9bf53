"""Identifiers that hold a digit, read where the fixed forms stop short (session 51, deid51a).

Four shapes, each told by where it stands, not by a list of examples:

* a vehicle's registration in the United Kingdom's layout (two letters, two digits, three
  letters) typed in lower case or broken over a line ("cx68 rmu", "yj 64 tzl", "CU19" / "KZP"),
  after a word for a vehicle or its plate in the same sentence: the fixed forms read it whole,
  on one line and in capitals only;
* a plate in brackets after a vehicle's word ("boda-boda (KMDB 221X)"), or after a vehicle's
  word of another language or trade ("LDV CA 712-449", "viatura USA 07"), and an aircraft's
  registration after a word for an aircraft ("HEMS G-WENU", "helicopter ZS-RHU");
* a number in groups after an identifier's cue, the groups of any length where they hold ten
  digits or more ("IMEI 35 209911 447218 3"), and capitals before three or more groups of digits
  that hold nine or more, one of them four long at least ("BT 26 0117 4419", "ODX 7 7190
  4418"): a lab result, a score or a dose has no such shape;
* a police officer's number after "officer" or in brackets after a rank and a name ("officer
  3317", "DC Halliwell (8812)").

And a code cut by a line break: a code some rule found that ends its line, where the next line
opens with the code's rest (digit groups, or the three letters of a plate's second half) and
nothing else before a stop or the line's end ("OC26" / "0117 3349", "MA17" / "OXK").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from medlocal.privacy.deid_car_models import MAKES
from medlocal.privacy.deid_lexicon import CLINICAL_SHORT, Lexicon
from medlocal.privacy.deid_spans import Redaction, label

# Words for a vehicle or its plate (English and the trades' and other languages' words).
_VEHICLE_WORDS = (
    r"car|van|vehicle|reg|rego|registration|plate|index|vrm|vrn|lorry|truck|ute|taxi|cab|bus|"
    r"motorbike|motorcycle|moped|scooter|trailer|tractor|tanker|hgv|ldv|bakkie|pick-?up|"
    r"camper|minibus|ambulance|boda(?:[ \t-]?boda)?|matatu|tuk[ \t-]?tuk|rickshaw|"
    r"viatura|ve[íi]culo|veh[íi]culo|voiture|v[ée]hicule|fahrzeug|kfz|coche|carro|auto|"
    r"kenteken|kennzeichen|placa|matr[íi]cula|immatriculation|targa"
)
_MAKE_WORDS = "|".join(sorted((re.escape(m) for m in MAKES), key=len, reverse=True))
_VEHICLE_BEFORE = re.compile(rf"(?i:\b(?:{_VEHICLE_WORDS}|{_MAKE_WORDS}))\b")
# The United Kingdom's layout in one case, the halves apart by a space or a line break.
_UK_MARK = re.compile(
    r"(?<![\w-])(?:[A-Z]{2}[ ]?\d{2}(?:[ ]|[ \t]*\n[ \t]*)?[A-Z]{3}"
    r"|[a-z]{2}[ ]?\d{2}(?:[ ]|[ \t]*\n[ \t]*)?[a-z]{3})(?![\w-])"
)
# A plate in brackets after a vehicle's word; letters and digits, two digits at least.
# ("plate" and "index" name a bone's plate and a finger as often: not before a bracket.)
_BRACKET_WORDS = _VEHICLE_WORDS.replace("plate|index|", "").replace("|auto|", "|")
_BRACKETED_PLATE = re.compile(
    r"\((?P<v>(?=[A-Z0-9 -]*\d[A-Z0-9 -]*\d)"
    r"(?=[A-Z0-9 -]*[A-Z])[A-Z0-9]{1,6}(?:[ -][A-Z0-9]{1,6}){0,3})\)"
)
# The vehicle's word before the bracket (read after the bracket is found: speed).
_BRACKET_WORD_BEFORE = re.compile(rf"(?i:\b(?:{_BRACKET_WORDS}))[ \t]*\Z")
# A first group that is an amount with its unit ("4L", "2 L", "500mg", "10 U").
_QUANTITY = re.compile(r"\d+(?:\.\d+)?[ ]?(?i:l|ml|mg|mcg|g|kg|u|iu|units?|lpm|l/min)(?![A-Za-z])")
# A plate after the words the fixed forms do not read as a vehicle's.
_TRADE_PLATE = re.compile(
    r"(?i:\b(?:ldv|viatura|ve[íi]culo|veh[íi]culo|fahrzeug|kfz|voiture|v[ée]hicule|coche|"
    r"carro|vrm|targa))[ \t]*[:#]?[ \t]*"
    # Letters first, then two digits or more ("CA 712-449", "USA 07"); a score's or a test's
    # capitals first ("MMSE 27") are refused below.
    r"(?P<v>(?P<p>[A-Z]{1,4})(?=[A-Z0-9 -]*\d[A-Z0-9 -]*\d)[A-Z0-9]{0,5}"
    r"(?:[ -][A-Z0-9]{1,6}){0,3})(?![\w-])"
)
_AIRCRAFT = re.compile(r"(?<![\w-])(?P<v>[A-Z]{1,2}-[A-Z]{3,4}|N\d{2,5}[A-Z]{0,2})(?![\w-])")
# The aircraft's word before its registration (read after the registration: speed).
_AIRCRAFT_BEFORE = re.compile(
    r"(?i:\b(?:hems|helicopter|heli|aircraft|air[ \t]+ambulance|airframe))[ \t]*[:#]?[ \t]*\Z"
)
# Cues of an identifier before digit groups of any length.
_CUE = (
    r"imei|meid|esn|serial(?:[ \t]+(?:number|no\.?))?|s/n|sn|lot|lote|lotto|udi|"
    r"ref(?:erence)?(?:[ \t]+(?:number|no\.?))?|requisition|order|bon(?:[ \t]+de[ \t]+\w+)?|"
    r"no\.|number|#"
)
_CUED_GROUPS = re.compile(
    r"(?<![\w/.,-])(?P<v>(?=(?:\d[ ]?){10})\d{1,8}(?:[ ]\d{1,8}){2,4})(?![\w/-]|[.,]\d)"
)
# The cue before the groups (read after the groups are found: speed).
_CUE_BEFORE = re.compile(rf"(?i:\b(?:{_CUE}))[ \t]*[:#]?[ \t]*\Z")
# Letters joined by "&" are one label ("H&C 812 330 4417"): its last letter is no prefix.
_CAPITAL_GROUPS = re.compile(r"(?<![\w/&-])(?P<v>[A-Z]{1,5}(?:[ ]\d{1,8}){3,5})(?![\w/-]|[.,]\d)")
# Police officers' numbers.
_OFFICER = re.compile(r"(?i:\bofficer)[ \t]+(?:no\.?[ \t]*)?(?P<v>\d{3,6})(?![\w/.-])")
_RANKED = re.compile(
    r"\b(?:PC|DC|DS|PS|Sgt|DI|DCI|Insp|Constable|Detective|Sergeant|Garda)\.?[ \t]+"
    r"[A-Z][\w'’-]+(?:[ \t][A-Z][\w'’-]+)?[ \t]*\((?P<v>\d{3,6})\)"
)
_STOP_WORDS = frozenset({"and", "the", "for", "was", "has", "had", "not", "but", "are", "may"})


def _in_sentence_after(text: str, start: int, pattern: re.Pattern[str], reach: int) -> bool:
    """Whether ``pattern`` matches within ``reach`` characters before ``start``, in the same
    sentence (no full stop and space, no blank line between)."""
    before = text[max(0, start - reach) : start]
    cut = max(before.rfind(". "), before.rfind("\n\n"), before.rfind("; "))
    return pattern.search(before[cut + 1 :]) is not None


def digit_slot_candidates(text: str, lex: Lexicon) -> Iterator[Redaction]:
    """The identifiers of the module's first four shapes in ``text``."""
    for match in _UK_MARK.finditer(text):
        value = match.group()
        tail = value[-3:].lower()
        if tail in _STOP_WORDS or (lex.known(tail) and value.islower()):
            continue  # "ab12 and": a word, not a plate's second half
        if _in_sentence_after(text, match.start(), _VEHICLE_BEFORE, 60):
            yield Redaction("vehicle_id", match.start(), match.end(), value, label("vehicle_id"))
    if "(" in text:
        for match in _BRACKETED_PLATE.finditer(text):
            at = max(0, match.start() - 24)
            if _BRACKET_WORD_BEFORE.search(text, at, match.start()) is None:
                continue
            if _QUANTITY.match(match.group("v")):
                continue  # "van (4L O2)": oxygen at a flow, no plate
            yield _found("vehicle_id", text, match)
    for match in _TRADE_PLATE.finditer(text):
        prefix = match.group("p").lower()
        if prefix in CLINICAL_SHORT or (len(prefix) > 2 and lex.clinical(prefix)):
            continue  # "MMSE 27"; two capitals are a region's letters as often ("CA 712-449")
        yield _found("vehicle_id", text, match)
    for match in _AIRCRAFT.finditer(text):
        if _AIRCRAFT_BEFORE.search(text, max(0, match.start() - 24), match.start()) is not None:
            yield _found("vehicle_id", text, match)
    for match in _CUED_GROUPS.finditer(text):
        if _CUE_BEFORE.search(text, max(0, match.start() - 30), match.start()) is not None:
            yield _found("id_number", text, match)
    for match in _CAPITAL_GROUPS.finditer(text):
        prefix, *groups = match.group("v").split()
        if prefix.lower() in CLINICAL_SHORT or lex.clinical(prefix.lower()):
            continue  # "WBC 12000 13000 15000": a test's results over days
        if sum(map(len, groups)) >= 9 and max(map(len, groups)) >= 4:
            yield _found("id_number", text, match)
    for match in _OFFICER.finditer(text):
        yield _found("id_number", text, match)
    if "(" in text:
        for match in _RANKED.finditer(text):
            # "DC Metformin (1000)": a stop of a medicine, no constable.
            words = re.findall(r"[\w'’-]+", match.group()[: match.start("v") - match.start()])
            if any(lex.clinical(w.lower()) for w in words[1:]):
                continue
            yield _found("id_number", text, match)


def _found(kind: str, text: str, match: re.Match[str]) -> Redaction:
    start, end = match.span("v")
    return Redaction(kind, start, end, text[start:end], label(kind))


# The kinds of codes whose rest a line break may carry.
_CODE_KINDS = frozenset(
    {"id_number", "device_id", "vehicle_id", "account_number", "licence_number",
     "health_plan_id", "mrn", "ssn"}
)  # fmt: skip
_ENDS_LINE = re.compile(r"[ \t]*\n[ \t]*")
# The rest: digit groups, or a plate's three letters, before a stop, a bracket or the line's end.
_DIGIT_REST = re.compile(r"\d{2,8}(?:[ ]\d{2,8}){0,3}(?=[ \t]*(?:[,;)]|\.(?!\d)|\n|\Z))")
_PLATE_REST = re.compile(r"[A-Z]{3}(?=[ \t]*(?:[,;.)]|\n|\Z|[ \t]+[a-z]))")
_PLATE_HALF = re.compile(r"(?:^|[ \t])[A-Z]{1,3}\d{1,4}\Z")


def wrapped_code_rests(text: str, spans: Iterable[Redaction], lex: Lexicon) -> Iterator[Redaction]:
    """A found code that ends its line grown over its rest on the next line."""
    for red in spans:
        if red.kind not in _CODE_KINDS or not any(c.isdigit() for c in red.original):
            continue
        gap = _ENDS_LINE.match(text, red.end)
        if gap is None or "\n" not in gap.group():
            continue
        rest = _DIGIT_REST.match(text, gap.end())
        if rest is None and _PLATE_HALF.search(red.original):
            rest = _PLATE_REST.match(text, gap.end())
            if rest is not None and (
                rest.group().lower() in CLINICAL_SHORT or lex.clinical(rest.group().lower())
            ):
                rest = None
        if rest is None:
            continue
        digits = sum(c.isdigit() for c in red.original + rest.group())
        if digits > 20:
            continue
        yield Redaction(
            red.kind, red.start, rest.end(), text[red.start : rest.end()], red.replacement
        )
