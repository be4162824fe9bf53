"""The clinical value grammar around fixed-form matches: a number after a lab name or before a
unit is a result, a score's ratio is no date, a procedure code or a trial's name is no
identifier, a device code counts only after a device word.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_addresses import ADDRESS_PART, STATES
from medlocal.privacy.deid_codes import (
    BARE_LONG_NUMBER,
    CODE,
    DASHED_DIGITS,
    DEVICE_CODE,
    ID_CUES,
    LABELLED_NUMBER,
    LETTER_PREFIX,
    SHORT_CODE,
    SLASHED_CODE,
    SPACED_DIGITS,
)
from medlocal.privacy.deid_dates import is_date
from medlocal.privacy.deid_drug_article_numbers import drug_article_number
from medlocal.privacy.deid_first_characters import skipped_search
from medlocal.privacy.deid_lexicon import fold, lexicon
from medlocal.privacy.deid_number_forms import ACCENTED_POSTCODE
from medlocal.privacy.deid_pattern_cues import folded, required_cues
from medlocal.privacy.deid_people_words import RELATIONS
from medlocal.privacy.deid_scale_parts import scale_not_address
from medlocal.privacy.deid_variant_notation import molecular_notation
from medlocal.privacy.deid_worded_code_systems import worded_system_code

LAB_BEFORE_NUMBER = re.compile(
    r"(?i:\b(?:platelets?|plt|wbc|rbc|cd4|cd8|viral[ \t]+load|rna|dna|hiv|hcv|hbv|count|"
    r"titre|titer|level|ldh|ck|cpk|ferritin|bnp|troponin|d-dimer)\b)"
    r"[ \t]*(?:count|level|load)?[ \t]*[:=]?[ \t]*$"
)
TEMPERATURE_BEFORE = re.compile(
    r"(?i:\b(?:t|temp\w*|t[ \t]?max|max|fever\w*|febrile|pyrexia)\b)[ \t:.]*$"
)

_UNITS = (
    r"mg|mcg|ug|g|kg|ml|l|iu|units?|u|mmol|meq|cc|mm|cm|hrs?|h|min|mins|s|x|k|mm3|ul|dl|ng|pg|"
    r"copies|cells|bpm|mmhg|kcal|cal"
)
# One list of the units and counts that make the number before them a value, not a house
# number, a date or an age ("Heparin 5, 10000 Units", "Mo 1/2 Tbl", "120 J", "C/ Spine 3 levels"):
# the street, date and age patterns of other countries share it as a negative look-ahead.
UNIT_WORDS = (
    r"(?i:%|mg|mcg|µg|ug|ng|ml|g\b|kg|mmol|meq|µ|mm|cm|cc\b|units?\b|iu\b|ie\b|ui\b|u\b|"
    r"j\b|joules?\b|kcal|x\b|times\b|hours?\b|hrs?\b|h\b|min(?:ute)?s?\b|days?\b|weeks?\b|"
    r"wks?\b|months?\b|years?\b|levels?\b|bpm\b|mmhg\b|tab(?:let)?s?\b|tabl?\.?(?!\w)|tbl\b|"
    r"tablett?e?n?\b|cp\b|comp\b|caps?\b|puffs?\b|drops?\b|kraft\b|power\b)"
)
UNIT_AFTER = rf"[ \t]*{UNIT_WORDS}"
# What makes a weekday and a number no date ("Sat 5/10 pain", "Fr 1.5 mg", "Mo 1/2 Tbl"): a
# unit, a score, a decimal. Shared by the English and the foreign weekday patterns.
NOT_DATE_AFTER = (
    rf"(?:{UNIT_AFTER}|[ \t]*(?i:pain|score|nrs|vas|on[ \t]+the\b)|[.,]\d"
    # A count out of a total ("monofilament 4/10 sites", "2/3 cores positive").
    r"|[ \t]+(?i:sites|points|joints|nodes|cores|toes|fingers|digits|teeth|fields|lesions|"
    r"samples|items|criteria|questions|domains|areas|segments|zones|quadrants|cultures)\b)"
)
_VARIANT_OR_MARKER = re.compile(r"[A-Z]\d{2,4}[A-Z]|CA-?\d{2,3}|CD\d{1,3}[a-z]?")
NOT_A_VALUE_AFTER = (
    r"(?![ \t]*(?:%|mg|mcg|kg|g/|mmhg|bpm|/|\.\d|mmol|u/|iu|units?\b|ml|cm|mm|beats|breaths|"
    r"percent|degrees|°))"
)

# Devices that carry a serial number. A code of letters and digits written in the same sentence
# after one of these ("the transmitter 8KQ4X7 was replaced by 8RW2T5", "cochlear implant:
# 6B22KZ") is the device's identifier even without "serial" before it; see DEVICE_CODE.
_DEVICE_NOUN = re.compile(
    r"(?i:\b(?:pacemaker|defibrillator|icd|crt-?[dp]|generator|lead|leads|pump|transmitter|"
    r"receiver|sensor|cgm|pdm|monitor|recorder|implant|implants|prosthesis|stimulator|ipg|"
    r"neurostimulator|lvad|vad|controller|hearing[ \t]+aids?|processor|cpap|bipap|ventilator|"
    r"concentrator|wheelchair|meter|glucometer|pendant|valve|stent|port|catheter|device|"
    r"devices|card|tag|watch|phone|tablet|tracker)\b)"
)

# Codes of the clinical value grammar that look like serials: spinal levels and ECG leads
# ("T8-T10", "L4-L5", "V4-V6"), gravida/para ("G3P2A1"), TNM stages ("pT3N1bM0"), ECG patterns
# ("S1Q3T3"), HLA types ("HLA-B27"), genes and variants ("CYP2C19", "JAK2V617F").
_CLINICAL_CODE = re.compile(
    r"[CTLSV]\d{1,2}(?:-[CTLSV]?\d{1,2})?|G\d{1,2}P\d{1,2}(?:A\d{1,2})?(?:L\d{1,2})?|"
    r"[pcyr]?T[0-4][a-d]?(?:N[0-3][a-c]?)?(?:M[01][a-c]?)?|S\d+Q\d+T\d+|HLA-[A-Z]{1,3}\d+|"
    r"[A-Z]{2,5}\d[A-Z]\d{1,2}|[A-Z]{2,5}\d[A-Z]\d{3,4}[A-Z]|COVID-19|SARS-CoV-2|"
    # The Glasgow Coma Scale's parts ("E4V4M6", "E3VTM5").
    r"E[1-4T]V[1-5T]M[1-6]|"
    # A chromosome band ("11p15", "17q21.31", "Xq28"): a locus, not a code of a person.
    r"(?:[1-9]|1\d|2[0-2]|X|Y)[pq][1-4]\d?(?:\.\d{1,3})?"
)

_UNIT_AFTER_DIGITS = re.compile(rf"(?i)\d+(?:[.,]\d+)?(?:{_UNITS})(?:/\w+)?")


# Round 17: a version of a scheme or a guideline ("LI-RADS v2018", "CTCAE v5.0", "PI-RADS
# V2019"): a small "v" and up to four digits, or a capital "V" and a year; no one's code.
_VERSION = re.compile(r"v\d{1,4}(?:\.\d{1,3}){0,3}|V(?:19|20)\d\d")


# Round 17: a lab's name written as labs write it, in mixed case ("HbA1c", "eGFR", "pCO2"), then
# its number: a result, whatever cue stood before it ("HR 72 reg. HbA1c 8.1%").
_LAB_NAME_FIRST = re.compile(r"(?P<w>[A-Za-z][A-Za-z0-9]*)[ \t]*[:=]?[ \t]*\d")


def lab_result_value(value: str) -> bool:
    """Whether a cued code's value opens with a clinical word in mixed case and a number."""
    first = _LAB_NAME_FIRST.match(value)
    if first is None:
        return False
    word = first.group("w")
    if word.isupper() or word.islower():
        return False  # a code of capitals ("KFH 12345"); a lower-case word is no lab's name
    return lexicon().clinical(word.lower())


def is_code_exception(pattern: re.Pattern[str], value: str) -> bool:
    """A dose with its unit stuck on ("2500IU"), a version ("v2018"), or a dashed number too
    short to be an id."""
    if (pattern is CODE or pattern is SHORT_CODE or pattern is DEVICE_CODE) and _VERSION.fullmatch(
        value
    ):
        return True
    if pattern is CODE:
        return (
            len(value) < 5
            or re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d+", value) is not None  # a date and time
            or _UNIT_AFTER_DIGITS.fullmatch(value) is not None
            or _CLINICAL_CODE.fullmatch(value) is not None
        )
    if pattern is SHORT_CODE:
        return (
            _UNIT_AFTER_DIGITS.fullmatch(value) is not None
            or _CLINICAL_CODE.fullmatch(value) is not None
            or _VARIANT_OR_MARKER.fullmatch(value) is not None
            or lexicon().clinical(value.lower())
        )
    if pattern is DASHED_DIGITS:
        return sum(c.isdigit() for c in value) < 8
    return False


# A procedure or diagnosis code after its system's name ("CPT 45385", "ICD-10 I21.4", "OPCS
# W24.1"), and a trial's name: an English word in capitals and a short number ("KEYNOTE-522",
# "CHECKMATE-067"). Neither identifies a person.
_CODE_SYSTEM = re.compile(
    r"(?:\b(?:CPT|ICD(?:-?(?:9|10|11)(?:-?(?:CM|PCS|AM))?)?|HCPCS|LOINC|SNOMED(?:[ \t-]?CT)?|"
    r"OPCS(?:-?4)?|DRG|MS-DRG|MBS|ICPC(?:-?2)?|ACHI|CCSD|"
    # Session 52: the ontologies and vocabularies a genetics or coding note cites ("HPO
    # HP:0002373", "ORPHA:33069", "MONDO:0100135", "RxNorm 197361", "MedDRA 10019211").
    r"HPO|HP(?=:)|ORPHA(?:code)?|Orphanet|MONDO|DOID|RxNorm|RXCUI|MedDRA|UMLS|MeSH|"
    r"ICD-?O(?:-?3)?)(?:[ \t]+(?:code|item))?"
    r"[ \t]*+[:#]?[ \t]*+)$"
)
# Procedure and billing codes of other countries, and the ICD as Spanish, French and Portuguese
# name it: Brazil (TUSS, CBHPM, SIGTAP), France (CCAM, NGAP, NABM), Germany (OPS, GOÄ, EBM),
# Switzerland (CHOP, TARMED), CIE/CIM/CID. Some are also everyday abbreviations ("via OPS",
# "CID" a department), so a number after one is its code only in that system's shape: a phone,
# a policy or a record number after them still goes ("via OPS 0412345678", "CID 123456789").
_ICD_SHAPE = r"[A-Z]\d{2}[A-Z0-9]?(?:\.[A-Z0-9]{1,4})?|\d{3}(?:\.\d{1,2})?"
_TUSS_SHAPE = r"[1-4]\d{7}|[1-4]\.\d{2}\.\d{2}\.\d{2}-\d"  # procedures: 8 digits, 1 to 4 first
_SYSTEM_SHAPES = {
    "TUSS": _TUSS_SHAPE,
    "CBHPM": _TUSS_SHAPE,
    "SIGTAP": r"0\d{9}|0\d\.\d{2}\.\d{2}\.\d{3}-\d",
    "CCAM": r"[A-Z]{4}\d{3}",
    "NGAP": r"[A-Z]{1,3}[ \t]?\d{1,3}(?:[.,]\d{1,2})?",
    "NABM": r"\d{4}",
    "OPS": r"[1-9]-\d{2,3}(?:\.[0-9a-z]{1,2})?",
    "GOÄ": r"\d{1,4}[a-z]?",
    "GOA": r"\d{1,4}[a-z]?",
    "EBM": r"\d{5}[A-Z]?",
    "CHOP": r"[A-Z]?\d{2}(?:\.\d{1,2}){0,2}",
    "TARMED": r"\d{2}\.\d{4}",
    "CIE": _ICD_SHAPE,
    "CIM": _ICD_SHAPE,
    "CID": _ICD_SHAPE,
    # Round 21 (precision): the WHO's Anatomical Therapeutic Chemical codes of medicines, at any
    # of their five levels ("A10BA02", "C07AB", "B01AC24").
    "ATC": r"[A-Z]\d{2}(?:[A-Z]{1,2}(?:\d{2})?)?",
}
_SHAPED_SYSTEM = re.compile(
    r"\b(?P<system>TUSS|CBHPM|SIGTAP|CCAM|NGAP|NABM|OPS|GO[ÄA]|EBM|CHOP|TARMED|CIE|CIM|CID|ATC)"
    # Round 21: or the system's name in the table cell before the code ("| ATC | B01AC24 |").
    r"(?:-?(?:9|10|11)(?:-?(?:MC|ES))?)?(?:[ \t]+(?:code|item))?[ \t]*+[:#|]?[ \t]*+$"
)
_SHAPED_VALUE = {system: re.compile(shape) for system, shape in _SYSTEM_SHAPES.items()}


def _shaped_code(system: str, value: str) -> bool:
    """Whether ``value`` has the shape of a code of ``system`` (see _SYSTEM_SHAPES)."""
    return _SHAPED_VALUE[system].fullmatch(value.strip()) is not None


_TRIAL = re.compile(r"(?P<w>[A-Z]{5,})-\d{1,3}")


# A device maker, then its product's words: a code after them names the model, not the one
# device ("Olympus CF-HQ190L", "Alcon AcrySof IQ SN60WF", "Medtronic MyCareLink 24950"); so does
# a code after "model" or a lead ("RV lead 6935M"). A serial after "SN" or
# "serial" is read by its own cue and still goes.
# Makers of medical devices and imaging equipment (deid_products reads a model after them too).
DEVICE_MAKER_FORMS = (
    "olympus", "pentax", "fujifilm", "medtronic", "abbott", r"boston[ \t]+scientific", "edwards",
    "alcon", "zeiss", r"bausch(?:[ \t]+\+?[ \t]*lomb)?", "stryker", r"zimmer(?:[ \t]+biomet)?",
    "depuy", "synthes", "philips", "siemens", "resmed", r"fisher[ \t]*(?:&|and)[ \t]*paykel",
    "hamilton", "dr[äa]ger", "baxter", r"b\.?[ \t]*braun", "fresenius", "teleflex", "bard",
    "terumo", "biotronik", "livanova", r"st\.?[ \t]+jude", "insulet", "dexcom", "tandem",
    "ypsomed", "oticon", "phonak", "cochlear", "med-el", "invacare", "arjo", "hill-rom",
    r"karl[ \t]+storz", "storz", "arthrex", "microport", r"biosense[ \t]+webster", "masimo",
    "nellcor", "covidien", "ethicon", "gore", "cordis", "penumbra", "inogen", "respironics",
    r"smith[ \t]*(?:&|and)[ \t]*nephew", r"johnson[ \t]*(?:&|and)[ \t]*johnson",
    # Round 17: makers of laboratory analysers and eye biometers ("Sysmex XN-3000").
    "sysmex", "tomey", "diasorin", "sebia", "beckman", r"roche[ \t]+cobas", "cobas", "abaxis",
    "werfen", "radiometer", "nihon[ \t]+kohden", "mindray", "haag-streit", "topcon", "nidek",
    # Session 58 (deid58a): makers of sleep, lung-function, neurophysiology, monitoring,
    # infusion, resuscitation and dialysis equipment (deid_device_models).
    "compumedics", "vyaire", "jaeger", "natus", "cadwell", "nonin", r"welch[ \t]+allyn",
    "getinge", "maquet", "laerdal", "zoll", "hologic", "medela", "nipro", "nikkiso", "vygon",
    "intersurgical", "abiomed", "vapotherm", "icumed", "carefusion",
)  # fmt: skip
DEVICE_MAKERS = "|".join(DEVICE_MAKER_FORMS)
_MODEL_BEFORE = re.compile(
    # Round 14: models written one after another with a slash ("Olympus CF-HQ190L / GIF-H190").
    rf"(?:\b(?i:{DEVICE_MAKERS})\b(?:[ \t]+(?:/[ \t]+)?(?!(?i:serial|sn|s/n|lot)\b)[A-Z][\w+-]*)"
    r"{0,4}(?:[ \t]+/)?"
    r"|\b(?i:model|lead)\b\.?:?)[ \t]+\Z"
)


_SERIAL_DIGITS = re.compile(r"\d{5,}")


# Session 32 (format sweep): "REF" is the label of a device's catalogue number (the symbol of
# ISO 15223-1 printed on every implant's box and sticker: "Stent REF 1012275-18"), the same for
# every device of that product; the serial and lot have their own labels (SN, LOT). Only in
# capitals and after a device's word on the same line: "Ref: 447812" in a letter is the sender's
# reference, an identifier.
_CATALOGUE_BEFORE = re.compile(
    r"(?i:\b(?:stents?|catheter|valve|lead|implant|prosthesis|pump|graft|cup|stem|screws?|"
    r"balloon|sheath|device|lens|iol|mesh|port|pacemaker|generator|electrode|coil|clip|nail|"
    r"plate|insert|liner|head|shell))\b[^\n]{0,40}?\bREF[ \t]*:?[ \t]*\Z"
)


def catalogue_number(text: str, start: int) -> bool:
    """Whether the code at ``start`` is a device's catalogue number after "REF" (see
    _CATALOGUE_BEFORE); cheap: the three capitals are looked for first."""
    return text[max(0, start - 6) : start].rstrip(" \t:").endswith("REF") and (
        _CATALOGUE_BEFORE.search(text, max(0, start - 60), start) is not None
    )


# Speed (session 41): the model's cue was searched for in the 60 characters before each of
# ~440 bare codes of a 20-page record (8-18 ms). A match ends with blanks at the window's end and
# holds one of the strings every match of _MODEL_BEFORE holds (deid_pattern_cues.required_cues:
# a maker's name, "model", "lead"), folded as the engine folds case; a window without both is
# not searched.
_MODEL_CUES = required_cues(_MODEL_BEFORE)
_MODEL_CUE_TESTS = tuple(
    re.compile("|".join(re.escape(cue) for cue in sorted(clause, key=len, reverse=True)))
    for clause in _MODEL_CUES
)


def _model_before(text: str, start: int) -> re.Match[str] | None:
    """``_MODEL_BEFORE`` searched for in the 60 characters before ``start``."""
    window = max(0, start - 60)
    if start == window or text[start - 1] not in " \t":
        return None  # the pattern ends with blanks at the window's end
    written = folded(text[window:start])
    if not all(test.search(written) for test in _MODEL_CUE_TESTS):
        return None
    return skipped_search(_MODEL_BEFORE, text, window, start)


# Walk 45 (D5): a pacing lead's model and length after the heart chamber it sits in ("RA
# 5076-52", "RV 3830-69": model 5076, 52 cm), read as a code with a prefix of capitals, lost the
# chamber with the model; the corpus keeps a lead's model (only its serial is an identifier).
_CHAMBER_LEAD_MODEL = re.compile(r"(?:RA|RV|LV)[ \t]\d{4}[A-Z]?-\d{2,3}")


def device_model(text: str, start: int, value: str = "") -> bool:
    """Whether the code at ``start`` names a device's model (see _MODEL_BEFORE), is a
    model's round number after a maker's name (see _ROUND_MODEL), or a lead's model after its
    chamber (see _CHAMBER_LEAD_MODEL)."""
    if _CHAMBER_LEAD_MODEL.fullmatch(value):
        return True
    model = _model_before(text, start)
    if model is not None:
        # Walk 22: after a model named in words, a code with a long run of digits is the
        # device's serial ("Medtronic Azure XT DR RNB612345S"); a model's own code has a few.
        named = len(model.group().split()) >= 2 and not model.group().lstrip().lower().startswith(
            ("model", "lead")
        )
        return not (named and _SERIAL_DIGITS.search(value))
    if not _ROUND_MODEL.fullmatch(value):
        return False
    maker = _MAKER_WORD.search(text, max(0, start - 30), start)
    return maker is not None and not lexicon().known(fold(maker.group("m")))


# Round 16: a model named by a few capitals and a round number ("Tomey EM-4000", "Topcon
# CV-5000") right after a word that is no English word (a maker's name): the product line, not
# the one device; a room or a bed after its English word ("Room B-200") stays what it was.
_ROUND_MODEL = re.compile(r"[A-Z]{1,4}-?[1-9]0{2,3}")
_MAKER_WORD = re.compile(r"(?<![\w-])(?P<m>[A-Z][a-z]+)[ \t]+\Z")


# A score's name with the year of its version, then the score ("ITAS2010 2", "BVAS2008: 4"):
# the version, not a code of a person (an identifier of this shape has no small number after).
_SCORE_VERSION = re.compile(r"[A-Z]{3,6}(?:19|20)\d\d")
_SCORE_AFTER = re.compile(r"[ \t]*[:=]?[ \t]*\d{1,2}(?:[.,]\d)?(?![\d/.,-]?\d)")


# Round 16: a score's or a classification's name in capitals with the year of its version,
# joined by a dash, then its grade, its score or a word for it ("BILAG-2004 B", "SLEDAI-2000 8",
# "EULAR-2019 criteria"); a code of that shape after a label or a cue ("Case: ABC-2021", "Ref
# INC-2025 2") stays an identifier.
_DASHED_VERSION = re.compile(r"[A-Z][A-Z0-9]{2,7}-(?:19[5-9]\d|20[0-3]\d)")
_VERSION_SCORE_AFTER = re.compile(
    r"[ \t]*(?:[:=]?[ \t]*\d{1,3}(?:[.,]\d)?(?![\d/.,-]?\d)|[A-E](?![\w-])|"
    r"(?i:score|index|grade|activity|criteria|classification|definition|scale|high|low|"
    r"moderate|mild|severe|remission)\b)"
)
_CUE_BEFORE = re.compile(
    "(?i:(?:" + "|".join(cue for _, cue in ID_CUES) + r"))[ \t]*+[:#]?[ \t]*+\Z"
)


def _dashed_version(value: str, text: str, start: int) -> bool:
    """Whether ``value`` is a score's name and the year of its version (see _DASHED_VERSION)."""
    if not _DASHED_VERSION.fullmatch(value):
        return False
    if not _VERSION_SCORE_AFTER.match(text, start + len(value)):
        return False
    before = text[max(0, start - 40) : start]
    return not (_ID_LABEL.search(before) or _CUE_BEFORE.search(before))


def clinical_code_or_trial(value: str, text: str, start: int) -> bool:
    if molecular_notation(value, text, start):
        return True  # "c.1100del", "LRRK2 G2019S", "NM_000059.4", "GRCh38", "rs1801133"
    if _dashed_version(value, text, start):
        return True  # "BILAG-2004 B"
    if drug_article_number(value, text, start):
        return True  # "PZN 04018238": a medicine's pack (review 62d)
    before = text[max(0, start - 24) : start]  # sliced once (speed, session 57)
    if _CODE_SYSTEM.search(before) or _CODE_SYSTEM.match(value):
        return True
    if worded_system_code(value, text, start):
        return True  # "READ code C10F", "tariff code 0190" (deid_worded_code_systems)
    shaped = _SHAPED_SYSTEM.search(before)
    if shaped is not None:
        return _shaped_code(shaped.group("system"), value)
    first, _, rest = value.partition(" ")
    shaped = _SHAPED_SYSTEM.match(first + " ")
    if shaped is not None and rest:
        return _shaped_code(shaped.group("system"), rest)  # "TUSS 30911013" matched whole
    if _SCORE_VERSION.fullmatch(value) and _SCORE_AFTER.match(text, start + len(value)):
        return True
    if _CODE_SYSTEM.search(value.split(" ")[0] + " "):
        return True  # "CPT 45385" matched as a whole
    notation = _CLINICAL_NOTATION.fullmatch(value)
    if notation is not None and _plausible_obstetric(value) and not _ID_LABEL.search(before):
        return True  # "MRN G3P1011", "Claim G12P4567" are still numbers
    trial = _TRIAL.fullmatch(value)
    return trial is not None and trial.group("w").lower() in lexicon().english


# Round 14: notations of medicine shaped like codes: an obstetric history ("G2P1001", "G4P2A1",
# gravida and para with term, preterm, abortions and living), and a radionuclide of nuclear
# medicine with its mass number, before the tracer it labels ("18F-FDG", "99mTc-MAG3",
# "177Lu-PSMA-617") or alone ("Tc-99m", "I-131"). The nuclides are named one by one: a letter
# and a number alone ("3N-45821") is as often an identifier.
_NUCLIDES = (
    "99mTc|18F|11C|13N|15O|123I|124I|125I|131I|90Y|68Ga|67Ga|177Lu|111In|201Tl|82Rb|153Sm|89Zr|"
    "64Cu|223Ra|133Xe|81mKr|51Cr|57Co|89Sr|225Ac|166Ho|186Re|188Re|213Bi|212Pb"
)
_NUCLIDES_AFTER = (
    "Tc-99m|F-18|C-11|N-13|O-15|I-12[345]|I-131|Y-90|Ga-6[78]|Lu-177|In-111|Tl-201|Rb-82|"
    "Sm-153|Zr-89|Cu-64|Ra-223|Xe-133|Kr-81m|Cr-51|Co-57|Sr-89|Ac-225|Ho-166|Re-18[68]|Bi-213|"
    "Pb-212"
)
# Review 14B: the labels of a record's, a claim's or an account's number, before which a
# gravida/para-shaped value is that number ("Claim G12P4567", "Member G3P1011", "Policy: ...").
_ID_LABEL = re.compile(
    r"(?i:\b(?:mrn|id|no|nr|number|num|ref|reference|code|claim|member|membership|policy|"
    r"account|acct|a/c|subscriber|group|plan|insurance|insurer|file|ticket|invoice|order|"
    r"accession|specimen|sample|registration|reg|"
    r"customer|client|contract|certificate|cert|licence|license|serial|sn|card|voucher)\b\.?|#)"
    r"[ \t]*(?:(?i:id|no|nr|number|num)\b\.?[ \t]*)?[:#]?[ \t]*\Z"
)
# A gravida/para of one person: at most 15 pregnancies; a para of one or two digits no more
# than them, or four (term, preterm, abortions, living) whose first three add to no more.
_GP_PARTS = re.compile(r"G(\d{1,2})P(\d{1,4})")


def _plausible_obstetric(value: str) -> bool:
    parts = _GP_PARTS.match(value)
    if parts is None:
        return True  # a nuclide
    gravida, para = int(parts.group(1)), parts.group(2)
    if gravida > 15 or len(para) == 3:
        return False
    if len(para) <= 2:
        return int(para) <= gravida
    return sum(int(d) for d in para[:3]) <= gravida


_CLINICAL_NOTATION = re.compile(
    r"G\d{1,2}P\d{1,4}(?:A\d{1,2})?"
    rf"|(?:{_NUCLIDES})(?:-[A-Za-z0-9]+){{1,3}}|(?:{_NUCLIDES_AFTER})"
)


# Scores and ratios written like a day and month: "GCS 9/15", "MoCA 12/30", "3/24" (three days).
_SCALE_DENOMINATORS = frozenset({15, 18, 20, 21, 24, 25, 28, 30})
_UNIT_AFTER = re.compile(rf"[ \t]*(?i:{_UNITS}|%|mmhg)\b")


def _name_word(word: str) -> bool:
    """A capitalised word that may be a name: not a clinical or English word, or a listed name."""
    lex = lexicon()
    lower = fold(word.rstrip("'’").removesuffix("'s").removesuffix("’s"))
    if lex.clinical(lower):
        return False
    if "-" in word and all(part.isupper() and len(part) <= 4 for part in word.split("-")):
        return False  # acronyms joined ("CKD-EPI 2021"), not a place before its postcode
    return not lex.known(lower) or lex.name_like(lower) or lower in lex.places


# Session 45: the word before an age's name that says a person is named ("husband Reg (95)",
# "wife Joy, 91,"): the name then need not be a word no list knows.
_WORD_BEFORE = re.compile(r"([a-z][a-z'’-]+)[ \t]+\Z")


def _after_relation(text: str, start: int) -> bool:
    """Whether a relative's word (deid_people_words.RELATIONS) stands right before ``start``."""
    word = _WORD_BEFORE.search(text, max(0, start - 24), start)
    return word is not None and word.group(1) in RELATIONS and word.group(1) not in _NOT_KIN


# Cue words of RELATIONS that name no relative.
_NOT_KIN = frozenset({"and", "by", "called", "contacted", "door"})


def _street_before_town(street: str, town: str) -> bool:
    """A street and house number before a postcode and town ("Hofmark 3, 83093 Bad Endorf"):
    the street no clinical word ("Heparin 5, 10000 Units", "Insulin Glargine 20, 10000 Other"),
    the town a place or an unknown word, not an English or clinical one ("Creatinine 145, 12000
    Platelets")."""
    lex = lexicon()
    if any(lex.clinical(fold(word)) for word in street.split()):
        return False
    return any(not lex.known(w) or w in lex.places for w in map(fold, town.split()))


_NUMBER_LABEL = re.compile(r"(?i:\b(?:no|nr|number|num|id|ref)\b\.?|#)[ \t]*+[:#]?[ \t]*+\Z")


_YEAR_LIKE = re.compile(r"(?:19|20)\d\d")
# Words of time before a year ("In 2019,", "Since 2021."): "In" is also a listed given name, so
# "In 2019," read as a place and its postcode.
_BEFORE_A_YEAR = frozenset(
    {
        "in", "on", "by", "at", "of", "to", "from", "since", "until", "till", "during", "before",
        "after", "circa", "about", "around", "early", "late", "mid", "end", "spring", "summer",
        "autumn", "winter", "fall", "christmas", "easter", "year", "fy", "est", "established",
    }
)  # fmt: skip


# Round 16: a name and a year after a word of criteria, a classification or guidance ("criteria
# of McDonald 2017", "selon les critères de McDonald 2017", "per Beers 2023"), or in brackets of
# their own ("(Lugano 2014)", "(EUGOGO 2021).", "(Beers 2023, fall risk)"), or before such a word
# ("Lugano 2014 classification"), or a month's name before the year ("JAN 2027"): a version of
# the criteria or a date, not a town and its postcode. An address's postcode after its town
# ("Randwick NSW 2031", "Auckland 2024") stands after a street or a comma, never so.
_CRITERIA_BEFORE = re.compile(
    r"(?i:\b(?:criteri\w*|crit[eè]res?|kriterien|klassifikation|classifica\w*|clasificaci\w*|"
    r"classification|staging|stadien\w*|guidelines?|guidance|leitlinien?|recommendations?|"
    r"recommandations|recomendaciones|consensus|konsensus|definitions?|revised|modified|updated|"
    r"version|per|according[ \t]+to|selon|seg[uú]n|nach|gem[aä][sß]+|secondo|conforme)\b)"
    r"[ \t]*(?:(?i:de|des|du|der|di|of|the|la|le|del|da|do)\b[ \t]*)*(?:l['’][ \t]*)?\Z"
)
_CRITERIA_AFTER = re.compile(
    r"[ \t]*(?i:criteri\w*|crit[eè]res?|kriterien|classification|klassifikation|staging|"
    r"guidelines?|recommendations?|consensus|definitions?|score|scale|index|system)\b"
)
_MONTHS = frozenset(
    {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
        "dec", "january", "february", "march", "april", "june", "july", "august", "september",
        "october", "november", "december",
    }
)  # fmt: skip


def _versioned_name(text: str, start: int, match: re.Match[str]) -> bool:
    """Whether the name and year of ``match`` (the name from ``start``) are a version of
    criteria or guidance, or a month and year (see _CRITERIA_BEFORE)."""
    words = text[start : match.end()].split()
    if len(words) >= 2 and fold(words[-2].rstrip(".,")) in _MONTHS:
        return True
    line_start = text.rfind("\n", max(0, start - 60), start) + 1
    before = text[max(line_start, start - 60) : start]
    if _CRITERIA_BEFORE.search(before):
        return True
    if before.endswith("(") and len(words) == 2:
        return True
    return _CRITERIA_AFTER.match(text, match.end()) is not None


def _listed_place(words: str) -> bool:
    """Whether ``words`` hold a listed place (a word of it, or two or more together)."""
    lex = lexicon()
    folded = [fold(word) for word in words.split()]
    return any(word in lex.places for word in folded) or lex.multiword_place(folded) > 0


# Session 31: two short numbers joined by a dash, the first the smaller: a range after a mode or
# a measure's name ("Mode DDDR 60-130", "LRL 50-120"), not a code ("MCSO 25-118402" has six).
_RANGE = re.compile(r"(\d{2,3})-(\d{2,3})")


# A pacing mode (NBG code: chamber paced, chamber sensed, response, rate response) or a pacing
# rate's label, before the rates it runs between ("DDDR 60-130", "LRL 60-120").
_PACING_PREFIX = re.compile(r"[OAVD][OAVD][OTID]R?|LRL|URL|MTR|MSR|UTR")


def _pacing_rates(prefix: str, number: str) -> bool:
    """Whether ``prefix number`` is a pacing mode and the two rates it runs between, lower first
    ("DDDR 60-130"). Only after a pacing mode: "JT 118-942" on a card is still a code."""
    found = _RANGE.fullmatch(number)
    return (
        _PACING_PREFIX.fullmatch(prefix) is not None
        and found is not None
        and int(found.group(1)) < int(found.group(2))
    )


def owned_by_context(pattern: re.Pattern[str], match: re.Match[str], text: str) -> bool:
    """The patterns whose match depends on the word before it (the clinical value grammar: a
    number after a lab name or a score is a result, not an identifier)."""
    if pattern is ADDRESS_PART:
        return not scale_not_address(text, match.start(), match.end())
    if pattern is LETTER_PREFIX:
        prefix = match.group("p")
        lex = lexicon()
        return (
            fold(prefix) not in _LABEL_WORDS
            # "IL 62704" is a state and its ZIP code; "MA 02211847" is no ZIP code
            and (prefix not in _STATE_CODES or not _ZIP.fullmatch(match.group("n")))
            and not lex.clinical(prefix.lower())
            and _UNIT_AFTER.match(text, match.end()) is None
            and not is_date(match.group("n"))  # "NOTE 2026-10-05", "DOS 10-05-2026": a date
            and not _pacing_rates(prefix, match.group("n"))
        )
    if pattern is DEVICE_CODE:
        value = match.group()
        if (
            len(value) < 5
            or _UNIT_AFTER_DIGITS.fullmatch(value)
            or _CLINICAL_CODE.fullmatch(value)
            or lexicon().clinical(value.lower())
        ):
            return False
        sentence = re.split(r"[.;\n](?:\s|$)", text[max(0, match.start() - 80) : match.start()])[-1]
        return _DEVICE_NOUN.search(sentence) is not None
    if pattern is LABELLED_NUMBER:
        label_word = fold(match.group("l"))
        return (
            not lexicon().clinical(label_word)
            and label_word not in _LABEL_WORDS
            and LAB_BEFORE_NUMBER.search(text, max(0, match.start() - 30), match.end("l")) is None
            and _UNIT_AFTER.match(text, match.end()) is None
        )
    if pattern is SPACED_DIGITS or pattern is SLASHED_CODE:
        value = match.group()
        digits = sum(c.isdigit() for c in value)
        if pattern is SPACED_DIGITS:
            # Nine digits after a number label ("no. 184 427 731"); ten anywhere.
            label = _NUMBER_LABEL.search(text, max(0, match.start() - 16), match.start())
            return digits >= 10 or (digits >= 9 and label is not None)
        # "LUTH/OH/4471": letters and four digits are a code too; digits alone need five.
        return digits >= 5 or (digits >= 4 and any(c.isalpha() for c in value))
    if "t" in pattern.groupindex and match.group("t"):
        return _street_before_town(match.group("s"), match.group("t"))
    if "c" in pattern.groupindex and match.group("c") and match.group().startswith("C/"):
        return _name_word(match.group("c"))  # "C/ Mayor 5", not "C/ Headache 3 weeks"
    if pattern is ACCENTED_POSTCODE and _YEAR_LIKE.fullmatch(match.group("v")):
        # "Ōtaki 2010;" is a postcode; "Überweisung 2021." and "Ödeme 2020." are years.
        return _listed_place(match.group("p"))
    for place in ("p", "p2"):  # a postcode after a place, an age after a name
        if place in pattern.groupindex and match.group(place):
            if text.startswith(":", match.end(place)):
                return False  # a field's label: "555-0187   Mobile: 931-…" (walk 18)
            words = match.group(place).split()
            key = "v" if place == "p" else "v2"
            value = (match.group(key) if key in pattern.groupindex else None) or ""
            if _YEAR_LIKE.fullmatch(value) and words[-1].lower() in _BEFORE_A_YEAR:
                return False  # "In 2019, she fell": a year after a word of time (walk 18)
            if _YEAR_LIKE.fullmatch(value) and _versioned_name(text, match.start(place), match):
                return False  # "criterios de McDonald 2017", "(Lugano 2014)": a version
            if len(value) <= 3 and _after_relation(text, match.start(place)):
                return True  # "with husband Reg (95)": a relative's name, a listed word or not
            return any(_name_word(word) for word in words)
    if "g" in pattern.groupindex and match.group("g"):
        # Not a power grade or a score ("4/5", "7/10") written in a table's column.
        return int(match.group("g").split("/")[1]) not in _SCALE_DENOMINATORS | {5, 10}
    for name in ("u", "w"):  # a month and day without a cue
        if name not in pattern.groupindex or not match.group(name):
            continue
        second = int(match.group(name).split("/")[1])
        if name == "u" and second in _SCALE_DENOMINATORS:
            return False
        if _UNIT_AFTER.match(text, match.end()):
            return False
        if name == "w" and second not in _SCALE_DENOMINATORS:
            return True  # "CXR 03/14": two digits each, after an exam, is still a date
        word = re.search(
            r"([A-Za-z][\w-]*)([ \t:=]*)$", text[max(0, match.start() - 25) : match.start()]
        )
        if word is not None and re.search(r"[ \t]{2}|\t", word.group(2)):
            return True  # after a field gap ("Towson, MD   7/4"): a header's date, not a score
        # After an acronym or a clinical word it is a score or a result ("MoCA 12/30", "VA
        # 6/13", "Power 4/5").
        return word is None or not (
            word.group(1)[1:] != word.group(1)[1:].lower()
            or lexicon().clinical(word.group(1).lower())
        )
    return True


# Labels that stand before an identifier and are kept in view ("MRN 7710442", "NHS 401 023 2137").
_ZIP = re.compile(r"\d{5}(?:-\d{4})?")
_STATE_CODES = frozenset(STATES.split("|")) | {"NSW", "VIC", "QLD", "TAS", "NT", "ACT"}
_LABEL_WORDS = frozenset(
    {
        "mrn", "npi", "dea", "vin", "udi", "sn", "ur", "nhs", "nhi", "ssn", "dob", "id", "imc",
        "gmc", "nmc", "csn", "fin", "mr", "dva", "ohip", "ramq", "ihi", "gms", "uhid", "ip",
        "op", "ref", "tel", "ph", "fax", "mob", "no", "acct", "po", "box", "ahpra", "hpcsa",
        "mcr", "clia", "nric", "pps", "ird", "sin", "har", "ein", "tin",
    }
)  # fmt: skip

# The patterns that the checks above recognise by identity (``pattern is CODE``): deid_patterns
# leaves them as written, without the word-start look-around, so that they stay the same objects.
BY_IDENTITY = frozenset(
    {
        CODE, SHORT_CODE, DASHED_DIGITS, LETTER_PREFIX, DEVICE_CODE, SPACED_DIGITS,
        SLASHED_CODE, BARE_LONG_NUMBER, LABELLED_NUMBER,
        ADDRESS_PART,  # "#204": a match may open with a sign, not a word
        ACCENTED_POSTCODE,
    }
)  # fmt: skip
