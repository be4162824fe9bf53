"""Identifiers that hold a digit, read where the fixed forms stop short (session 51, deid51a).

Four shapes, each told by where it stands, not by a list of examples:

* a vehicle's registration in the United Kingdom's layout (two letters, two digits, three
  letters) typed in lower case or broken over a line ("cx68 rmu", "yj 64 tzl", "CU19" / "KZP"),
  right after a word for a vehicle or its plate (three words between at most): the fixed forms
  read it whole, on one line and in capitals only. It must have a plate's shape (the DVLA's
  letters and age identifiers), and a unit after or a clinical abbreviation before the number
  is a value ("at 30 mph", "HR 98 BPM": review51a H1);
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

from medlocal.abbreviations import default_abbreviations
from medlocal.privacy.deid_car_models import MAKES
from medlocal.privacy.deid_first_characters import skipped_finditer
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
# A UK plate stands right after its vehicle's word: at most three words between ("Ford Ranger
# cx68 rmu", "reg as BN19", "registration noted as fd 66 xrl"), in the same clause. A "reg"
# after a specialty or a grade is a registrar ("Med reg review: HR 88 BPM", review51a H1).
_VEHICLE_CUE_NEAR = re.compile(
    rf"(?i:\b(?<!med )(?<!medical )(?<!surg )(?<!surgical )(?<!ortho )(?<!paeds )(?<!gas )"
    rf"(?<!anaes )(?<!psych )(?<!obs )(?<!renal )(?<!itu )(?<!icu )(?<!night )(?<!on-call )"
    rf"(?:{_VEHICLE_WORDS}|{_MAKE_WORDS}))(?:['’]s)?\b"
    r"(?:[ \t]*[:#]|[ \t]+(?:no\.?|number))?(?:[ \t]+[A-Za-z][\w'’-]*){0,3}[ \t]*[:#]?[ \t]*\Z"
)
# The United Kingdom's layout in one case, the halves apart by a space or a line break.
# A plate's shape (DVLA): no I, Q or Z in the two-letter memory tag, no I or Q in the last three
# letters, and an age identifier of March (02-29) or September (51-79): "30 mph", "HR 98 BPM"
# and "IN 20 MIN" have no such shape (review51a H1).
_UK_MARK = re.compile(
    r"(?<![\w-])(?P<m>(?P<tag>[A-HJ-PR-Y]{2})(?P<sp>[ ]?)(?:0[2-9]|[12]\d|[5-7]\d)"
    r"(?:[ ]|[ \t]*\n[ \t]*)?(?P<tail>[A-HJ-PR-Z]{3})"
    r"|(?P<ltag>[a-hj-pr-y]{2})(?P<lsp>[ ]?)(?:0[2-9]|[12]\d|[5-7]\d)"
    r"(?:[ ]|[ \t]*\n[ \t]*)?(?P<ltail>[a-hj-pr-z]{3}))(?![\w-])"
)
# A number's unit or a time's word after it is no plate's second half ("at 20 mph", "98 BPM").
_UNITS = frozenset(
    {"mph", "kph", "kmh", "bpm", "hrs", "min", "mins", "sec", "yrs", "wks", "mls", "mgs", "kgs",
     "cms", "mms", "pts", "ltr", "mcg", "dpm", "rpm", "ppm", "lpm", "fps", "dys", "mos", "hpf"}
)  # fmt: skip
# Two letters that are a word of their own before a number ("at 20", "by 50"): no memory tag.
_TAG_WORDS = frozenset(
    {"at", "on", "by", "to", "of", "up", "as", "or", "an", "be", "do", "go", "he", "me", "my",
     "no", "so", "us", "we", "am", "ok", "ca", "pm", "hr", "rr", "bp", "sd", "ed", "hb"}
)  # fmt: skip
# A plate in brackets after a vehicle's word; letters and digits, two digits at least.
# ("plate" and "index" name a bone's plate and a finger as often: not before a bracket.)
_BRACKET_WORDS = "|".join(
    w for w in _VEHICLE_WORDS.split("|") if w not in ("plate", "index", "auto")
)
_BRACKETED_PLATE = re.compile(
    r"\((?P<v>(?=[A-Z0-9 -]*\d[A-Z0-9 -]*\d)"
    r"(?=[A-Z0-9 -]*[A-Z])[A-Z0-9]{1,6}(?:[ -][A-Z0-9]{1,6}){0,3})\)"
)
# The vehicle's word before the bracket (read after the bracket is found: speed).
_BRACKET_WORD_BEFORE = re.compile(rf"(?i:\b(?:{_BRACKET_WORDS}))[ \t]*\Z")
# A name and its value in brackets ("(GCS 14)", "(HR 120)", "(NEWS2 7)"): letters, maybe a
# digit, then one number; the name is a score's, a vital sign's or a word (review51a H2).
_NAMED_VALUE = re.compile(r"(?P<n>[A-Z]{2,6})\d?[ ]\d{1,4}")
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
# A test's name before "serial" ("Troponin serial 14 52 310 2200"): results over time, no serial
# number (review51a M4); the word before the cue is read.
_WORD_BEFORE_SERIAL = re.compile(r"(?i:\b(?P<w>[a-z][\w-]*)[ \t]+serial[ \t]*[:#]?[ \t]*\Z)")
# A unit after the groups: values, not an identifier ("... 2200 ng/L").
_UNIT_AFTER = re.compile(
    r"[ \t]*(?i:(?:ng|mg|mcg|µg|ug|g|mmol|µmol|umol|nmol|pmol|iu|miu|u|ku|cells|copies)/|"
    r"x[ \t]?10|%|mmhg|bpm|ml\b|mg\b|units?\b|iu\b|ng\b|kg\b)"
)
# Letters joined by "&" are one label ("H&C 812 330 4417"): its last letter is no prefix.
_CAPITAL_GROUPS = re.compile(r"(?<![\w/&-])(?P<v>[A-Z]{1,5}(?:[ ]\d{1,8}){3,5})(?![\w/-]|[.,]\d)")
# Police officers' numbers.
# An officer of a hospital, a service or a welfare office is no police officer, and his or her
# "2300 review" is a time ("Medical officer 2300 review", review51a M4).
_NOT_POLICE = re.compile(
    r"(?i:\b(?:medical|house|nursing|clinical|health|welfare|liaison|discharge|duty|site|bed|"
    r"resident|rmo|ward|infection|control|safeguarding|probation|education|benefits?|housing|"
    r"research|data|protection|compliance|executive)[ \t]+\Z)"
)
_TIME_AFTER = re.compile(r"[ \t]*(?i:hrs?\b|h\b|review|ward[ \t]+round|handover)")
_OFFICER = re.compile(r"(?i:\bofficer)[ \t]+(?:no\.?[ \t]*)?(?P<v>\d{3,6})(?![\w/.-])")
_RANKED = re.compile(
    r"\b(?:PC|DC|DS|PS|Sgt|DI|DCI|Insp|Constable|Detective|Sergeant|Garda)\.?[ \t]+"
    r"[A-Z][\w'’-]+(?:[ \t][A-Z][\w'’-]+)?[ \t]*\((?P<v>\d{3,6})\)"
)
_STOP_WORDS = frozenset({"and", "the", "for", "was", "has", "had", "not", "but", "are", "may"})


def digit_slot_candidates(text: str, lex: Lexicon) -> Iterator[Redaction]:
    """The identifiers of the module's first four shapes in ``text``."""
    senses = default_abbreviations().senses
    for match in _UK_MARK.finditer(text):
        value = match.group()
        tag = (match.group("tag") or match.group("ltag")).lower()
        tail = (match.group("tail") or match.group("ltail")).lower()
        spaced = bool(match.group("sp") or match.group("lsp"))
        if tail in _STOP_WORDS or tail in _UNITS or (lex.known(tail) and value.islower()):
            continue  # "ab12 and", "at 20 mph": a word or a unit, not a plate's second half
        if tag in _TAG_WORDS or (
            spaced and (tag in CLINICAL_SHORT or lex.clinical(tag) or tag.upper() in senses)
        ):
            continue  # "HR 98 ...": a clinical abbreviation and its number
        if _VEHICLE_CUE_NEAR.search(text, max(0, match.start() - 60), match.start()):
            yield Redaction("vehicle_id", match.start(), match.end(), value, label("vehicle_id"))
    if "(" in text:
        for match in _BRACKETED_PLATE.finditer(text):
            at = max(0, match.start() - 24)
            if _BRACKET_WORD_BEFORE.search(text, at, match.start()) is None:
                continue
            if _QUANTITY.match(match.group("v")):
                continue  # "van (4L O2)": oxygen at a flow, no plate
            named = _NAMED_VALUE.fullmatch(match.group("v"))
            if named is not None and _is_value_name(named.group("n"), lex, senses):
                continue  # "ambulance (GCS 14)": a score or a vital sign, no plate
            yield _found("vehicle_id", text, match)
    for match in skipped_finditer(_TRADE_PLATE, text):
        prefix = match.group("p").lower()
        if prefix in CLINICAL_SHORT or (len(prefix) > 2 and lex.clinical(prefix)):
            continue  # "MMSE 27"; two capitals are a region's letters as often ("CA 712-449")
        yield _found("vehicle_id", text, match)
    for match in skipped_finditer(_AIRCRAFT, text):
        if _AIRCRAFT_BEFORE.search(text, max(0, match.start() - 24), match.start()) is not None:
            yield _found("vehicle_id", text, match)
    for match in skipped_finditer(_CUED_GROUPS, text):
        if _CUE_BEFORE.search(text, max(0, match.start() - 30), match.start()) is None:
            continue
        if _UNIT_AFTER.match(text, match.end()):
            continue  # "... 310 2200 ng/L": results with their unit
        serial = _WORD_BEFORE_SERIAL.search(text, max(0, match.start() - 40), match.start())
        if serial is not None and lex.clinical(serial.group("w").lower()):
            continue  # "Troponin serial 14 52 310 2200": a test's results over time
        yield _found("id_number", text, match)
    for match in skipped_finditer(_CAPITAL_GROUPS, text):
        prefix, *groups = match.group("v").split()
        if prefix.lower() in CLINICAL_SHORT or lex.clinical(prefix.lower()):
            continue  # "WBC 12000 13000 15000": a test's results over days
        if sum(map(len, groups)) >= 9 and max(map(len, groups)) >= 4:
            yield _found("id_number", text, match)
    for match in skipped_finditer(_OFFICER, text):
        if _NOT_POLICE.search(text, max(0, match.start() - 24), match.start()):
            continue
        if _TIME_AFTER.match(text, match.end()):
            continue
        yield _found("id_number", text, match)
    if "(" in text:
        for match in skipped_finditer(_RANKED, text):
            # "DC Metformin (1000)": a stop of a medicine, no constable.
            words = re.findall(r"[\w'’-]+", match.group()[: match.start("v") - match.start()])
            if any(lex.clinical(w.lower()) for w in words[1:]):
                continue
            yield _found("id_number", text, match)


def _is_value_name(name: str, lex: Lexicon, senses: dict[str, tuple[str, ...]]) -> bool:
    """Whether capitals before a number in brackets name a score, a test or a vital sign (or are
    a word: "NEWS2"), not a plate's letters ("KMDB 221X")."""
    low = name.lower()
    return low in CLINICAL_SHORT or lex.clinical(low) or name in senses or lex.known(low)


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
# The rest stands alone on its line ("0117 3349", "OXK."): a rest followed by a comma and more
# values, or a unit, is the next line's value ("140, 4.2, 100 (Na, K, Cl)", review51a H5). A
# digit rest holds four digits at least: a value alone on its line ("97") is no code's rest.
_DIGIT_REST = re.compile(
    r"(?=(?:\d[ ]?){4})\d{2,8}(?:[ ]\d{2,8}){0,3}(?=[ \t]*(?:[.)][ \t]*)?(?:\n|\Z))"
)
_PLATE_REST = re.compile(r"[A-Z]{3}(?=[ \t]*(?:[,;.)]|\n|\Z|[ \t]+[a-z]))")
_NOT_ALNUM = re.compile(r"[\W_]+")
_PLATE_HALF = re.compile(r"(?:^|[ \t])[A-Z]{1,3}\d{1,4}\Z")


def wrapped_code_rests(
    text: str, spans: Iterable[Redaction], lex: Lexicon, whole: Iterable[str | None] = ()
) -> Iterator[Redaction]:
    """A found code that ends its line grown over its rest on the next line. ``whole`` holds
    codes known in full (the patient's MRN from the vault): those are never grown."""
    known = {_NOT_ALNUM.sub("", code).lower() for code in whole if code}
    spans = list(spans)
    for red in spans:
        if red.kind not in _CODE_KINDS or not any(c.isdigit() for c in red.original):
            continue
        if _NOT_ALNUM.sub("", red.original).lower() in known:
            continue  # "MRN: A1234567" / "97": the code is whole, the next line a value
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
        if any(
            other.kind not in _CODE_KINDS and other.start < red.end and red.start < other.end
            for other in spans
        ):
            continue  # a piece of a telephone number the phone rule ended where it did
        digits = sum(c.isdigit() for c in red.original + rest.group())
        if digits > 20:
            continue
        yield Redaction(
            red.kind, red.start, rest.end(), text[red.start : rest.end()], red.replacement
        )
