"""What notes call each measured thing (analytes, vital signs, scores): its names, and where a
text names one ("K 5.9" is potassium, "k" alone is not)."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from medlocal.measure_translations import CAPITALS_ONLY, TRANSLATED_NAMES
from medlocal.values import extract_values

# Canonical attribute -> the ways English notes write it (other languages' names are added
# below, after these: ``other_forms`` offers the English ones first).
_ENGLISH_NAMES: dict[str, tuple[str, ...]] = {
    "hemoglobin": ("hemoglobin", "haemoglobin", "hgb", "hb"),
    "hematocrit": ("hematocrit", "haematocrit", "hct"),
    "hba1c": ("hba1c", "a1c", "hemoglobin a1c", "glycated hemoglobin"),
    "creatinine": ("creatinine", "creat", "cr"),
    "potassium": ("potassium", "k"),
    "sodium": ("sodium", "na"),
    "chloride": ("chloride", "cl"),
    "bicarbonate": ("bicarbonate", "bicarb", "hco3", "co2"),
    # Indian and US notes name the sample in the abbreviation: FBS is fasting blood sugar, PPBS
    # post-prandial, RBS random; a sentence may say "fasting sugar".
    "glucose": (
        "glucose",
        "blood sugar",
        "bg",
        "bsl",
        "sugar",
        "fbs",
        "fbg",
        "fpg",
        "ppbs",
        "rbs",
        "cbg",
    ),
    "urea": ("urea", "bun"),
    "inr": ("inr",),
    "troponin": ("troponin", "trop", "tnt", "tni"),
    "bnp": ("bnp", "nt-probnp", "probnp"),
    # "WCC": British notes' and lab exports' white cell count ("Date,Hb,WCC,Plt").
    "wbc": (
        "wbc",
        "wcc",
        "white cell count",
        "white blood cell count",
        "leukocytes",
        "white count",
    ),
    "platelets": ("platelets", "platelet count", "plt"),
    "cea": ("cea",),
    "psa": ("psa",),
    "ldl": ("ldl", "ldl cholesterol", "ldl-c"),
    "hdl": ("hdl", "hdl cholesterol", "hdl-c"),
    "cholesterol": ("cholesterol",),
    "triglycerides": ("triglycerides",),
    "tsh": ("tsh",),
    "pth": ("pth", "parathyroid hormone"),
    "alt": ("alt",),
    "ast": ("ast",),
    "bilirubin": ("bilirubin", "bili", "tsb", "sbr"),
    "albumin": ("albumin",),
    "lactate": ("lactate",),
    "crp": ("crp", "c-reactive protein"),
    "esr": ("esr",),
    "egfr": ("egfr", "gfr"),
    "magnesium": ("magnesium", "mg2+"),
    "calcium": ("calcium", "ca"),
    # Lithium is a drug and its level a test: "Li 1,2 mmol/l (0,6-1,0)" is the level, "lithium
    # 400 mg" the dose (a dose is never a measured result: values.is_dose).
    "lithium": ("lithium", "li"),
    "ejection fraction": ("ejection fraction", "ef", "lvef"),
    "heart rate": ("heart rate", "hr", "pulse", "pulse rate"),
    "blood pressure": ("blood pressure", "bp"),
    # An ICU chart's column "MAP" (in capitals only: "map" is a word).
    "mean arterial pressure": ("mean arterial pressure", "map"),
    "respiratory rate": ("respiratory rate", "rr", "resp rate"),
    "temperature": ("temperature", "temp", "fever"),
    "oxygen saturation": ("oxygen saturation", "saturation", "sats", "spo2", "sao2", "o2 sat"),
    "weight": ("weight", "wt", "weighs", "weighed", "weighing"),
    "height": ("height",),
    "bmi": ("bmi",),
    # "78 year old lady", "78 yr old", "78 y/o" (walk 40b item 5: an age read as eGFR).
    "age": ("age", "aged", "year-old", "years old", "year old", "yr old", "yrs old", "y/o"),
    "stenosis": ("stenosis",),
    "fractions": ("fractions", "fraction"),
    "cycles": ("cycles", "cycle"),
    "boost": ("boost",),
    "blood loss": ("blood loss", "ebl"),
    "viral load": ("viral load", "vl"),
    "cd4": ("cd4", "cd4 count"),
    # Clinical scores: a score's number is no other score's ("CHA2DS2-VASc 3, ORBIT 1").
    "cha2ds2-vasc": ("cha2ds2-vasc", "cha2ds2vasc", "chads-vasc"),
    "has-bled": ("has-bled",),
    "orbit": ("orbit",),
    "abcd2": ("abcd2",),
    "curb-65": ("curb-65", "curb65", "crb-65"),
    "nihss": ("nihss",),
    "gcs": ("gcs", "glasgow coma scale"),
    "phq-9": ("phq-9", "phq9"),
    "gad-7": ("gad-7", "gad7"),
    "mmse": ("mmse",),
    "moca": ("moca",),
    "das28": ("das28", "das28-crp", "das28-esr"),
    "asthma control test": ("asthma control test", "act"),
    "nyha": ("nyha",),
    "ecog": ("ecog",),
    "meld": ("meld",),
    "news2": ("news2",),
    "mmrc": ("mmrc",),
    "frax": ("frax",),
    "apgar": ("apgar",),
    "fib-4": ("fib-4",),
    # Bone density is measured at sites, each with its own T-score.
    "lumbar spine": ("lumbar spine", "l1-l4", "spine"),
    "femoral neck": ("femoral neck",),
    "total hip": ("total hip",),
    "reference range": ("reference range", "normal range", "target range"),
}
MEASURES: dict[str, tuple[str, ...]] = {
    measure: names + TRANSLATED_NAMES.get(measure, ()) for measure, names in _ENGLISH_NAMES.items()
}

# The measured things a laboratory reports on a sample (not vital signs, scores or sizes): a
# report's sentence opening with one is that test's result, not the finding of the label
# before it (rag/report_sections.py: "Urine: dipstick negative. Potassium 5.9").
LAB_TESTS = frozenset(
    {"hemoglobin", "hematocrit", "hba1c", "creatinine", "potassium", "sodium", "chloride",
     "bicarbonate", "glucose", "urea", "inr", "troponin", "bnp", "wbc", "platelets", "cea",
     "psa", "ldl", "hdl", "cholesterol", "triglycerides", "tsh", "pth", "alt", "ast",
     "bilirubin", "albumin", "lactate", "crp", "esr", "egfr", "magnesium", "calcium",
     "viral load", "cd4", "lithium"}
)  # fmt: skip


def alternatives(phrases: list[str]) -> str:
    """The phrases as regex alternatives, longest first; the space between two words matches
    any run of whitespace, line breaks included (hard-wrapped notes: "ejection\nfraction")."""
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in p.split(" ")) for p in ordered)


def phrase_key(raw: str) -> str:
    return " ".join(raw.lower().split())


_MEASURE = re.compile(
    r"(?<![A-Za-z0-9])(" + alternatives([s for v in MEASURES.values() for s in v]) + r")"
    r"(?![A-Za-z0-9])",
    re.I,
)
_MEASURE_AT_END = re.compile(_MEASURE.pattern + r"\s*[:=]?\s*$", re.I)
_CANONICAL = {s: k for k, v in MEASURES.items() for s in v}
# Case matters for the one- and two-letter symbols: "K 5.9" is potassium, "k" alone is not.
# ("wt" is weight in any case: no word is written so.)
_SYMBOLS = frozenset({"k", "na", "cl", "ca", "hb", "hr", "bp", "rr", "ef", "cr", "bg", "li"})
# Names that are English words as well ("orbit", "act"): the measure only in capitals.
_CAPITALS_ONLY = frozenset({"orbit", "act", "vl", "map"}) | CAPITALS_ONLY


def ends_with_measure(text: str) -> bool:
    """Whether ``text`` ends with the name of a measured thing ("Sodium", "K:", "serum
    creatinine ="), as before the value or reference range that follows it."""
    found = _MEASURE_AT_END.search(text)
    if found is None:
        return False
    raw = found.group(1)
    return not (raw.lower() in _SYMBOLS and not raw[0].isupper())


def measure_names(text: str) -> set[str]:
    """Every name of each measured thing ``text`` names: "SpO2 91%" gives "oxygen saturation",
    "saturation", "sats", "spo2", ... (so a paraphrase that names it otherwise is read as the
    same thing)."""
    return {name for _, _, found in find_measures(text) for name in (found, *MEASURES[found])}


# A name written as a condition is ("-emia", "-aemia", French "-émie", German "-ämie"): English
# notes write "prerenal azotemia" for the state, Italian reports "Azotemia 45 mg/dl" for the
# urea. It is the measured thing only with a value said about it right after it: a number (after
# a colon, "=" or "of" at most) that is no time ("azotemia 3 days after contrast").
_CONDITION_NAME = re.compile(r"(?:a?e|é|ä|a)mi[ae]$", re.IGNORECASE)
_VALUE_SAID = re.compile(
    r"[ \t]*(?:[:=][ \t]*|of[ \t]+)?[<>≤≥]?[ \t]*\d+(?:[.,]\d+)?(?![.,]?\d)"
    r"(?![ \t]*(?:days?|d|hours?|hrs?|h|weeks?|wks?|months?|years?|yrs?|times|x)\b)",
    re.IGNORECASE,
)


# "Age" as the first half of a compound that qualifies another thing: "age-specific",
# "age-adjusted", "age-related", "age-appropriate".
_AGE_QUALIFIES = re.compile(r"-(?:specific|adjusted|related|appropriate|matched|standardi[sz]ed)")


def find_measures(text: str) -> list[tuple[int, int, str]]:
    found = []
    for m in _MEASURE.finditer(text):
        raw = m.group()
        if raw.lower() in _SYMBOLS and not raw[0].isupper():
            continue
        if raw.lower() in _CAPITALS_ONLY and not raw.isupper():
            continue
        if _CONDITION_NAME.search(raw) and not _VALUE_SAID.match(text, m.end()):
            continue
        if not _value_fits(raw.lower(), text, m.start(), m.end()):
            continue
        if raw.lower() == "age" and _AGE_QUALIFIES.match(text, m.end()):
            continue  # "the age-specific limit of 4.5 ng/mL" is a limit, no age
        found.append((m.start(), m.end(), _CANONICAL[phrase_key(raw)]))
    return found


def measure_named(name: str) -> str | None:
    """The measure a table column's name names ("Hb g/L": hemoglobin; "K": potassium), the
    longest-written where it names more than one; None where it names none ("Date")."""
    found = find_measures(name)
    return max(found, key=lambda m: m[1] - m[0])[2] if found else None


# Symbols that name other things in English records unless their value says which (review 50b
# R5): a heart or breathing rate's value has a rate's unit or none ("FC 110 lpm", not faecal
# calprotectin's "FC 250 ug/g"), the French catheter size comes after its number ("14 FR"), a
# blood pressure is a pressure ("TA 130/80", not "TA 3 mm" nor "TA 2 DAYS"), and a lithium
# level has a level's unit ("Li 0.8 mmol/L", not "Dr Li", "Li Wei", "Li-ion").
_RATE_UNITS = frozenset({None, "bpm", "/min", "lpm", "rpm"})
_LEVEL_UNITS = frozenset({"mmol/l", "meq/l"})
_PRESSURE = re.compile(r"\d{2,3}[ \t]*/[ \t]*\d{2,3}(?!\d)")
_VALUE_GAP = re.compile(r"[ \t]*[:=]?[ \t]*")
_NUMBER_BEFORE = re.compile(r"\d[ \t]*\Z")
_VALUE_READ = 40  # characters after the symbol where its value is read


def _value_fits(form: str, text: str, start: int, end: int) -> bool:
    """Whether the value after the symbol ``form`` (at ``start``-``end`` of ``text``) is one the
    measured thing has (see above); true for every other name."""
    if form not in ("fc", "fr", "ta", "li"):
        return True
    if form == "fr" and _NUMBER_BEFORE.search(text, max(0, start - 4), start):
        return False
    gap = _VALUE_GAP.match(text, end)
    after = gap.end() if gap else end
    if form == "ta":
        return _PRESSURE.match(text, after) is not None
    values = extract_values(text[after : after + _VALUE_READ])
    if not values or values[0].start != 0:
        return False
    value = values[0]
    if form == "li":
        return value.unit in _LEVEL_UNITS
    return value.unit in _RATE_UNITS


MAX_OTHER_FORMS = 12  # added search terms for the measured things one question names
SYMBOL_CHARS = 4  # a form this short and of one word is a symbol ("k", "hb", "hgb", "a1c")


@dataclass(frozen=True)
class OtherForms:
    """The ways notes write the measured things a question names that it does not write:
    ``names`` ("potassium", "haemoglobin", "creat") and ``symbols`` ("k", "hb", "bp")."""

    names: list[str]
    symbols: list[str]


def other_forms(query: str) -> OtherForms:
    """The other forms of each measured thing ``query`` names: "potassium" gives the symbol
    "k" (the record's "K+ 5.9"), "K" the name "potassium", "Hb" the names "hemoglobin" and
    "haemoglobin" and the symbol "hgb". At most :data:`MAX_OTHER_FORMS`, in the order the query
    names the things, the English names of every thing before other languages' ("kalium"), so
    that a question naming three things keeps each one's symbols; a lower-case "k" names nothing
    (:func:`find_measures`)."""
    written = {phrase_key(query[start:end]) for start, end, _ in find_measures(query)}
    measures = [measure for _, _, measure in find_measures(query)]
    forms: list[str] = []
    for names in (_ENGLISH_NAMES, TRANSLATED_NAMES):
        for measure in measures:
            forms += [f for f in names.get(measure, ()) if f not in written and f not in forms]
    forms = forms[:MAX_OTHER_FORMS]
    symbols = [f for f in forms if len(f) <= SYMBOL_CHARS and " " not in f]
    return OtherForms([f for f in forms if f not in symbols], symbols)


def names_in_full(text: str, name: str) -> bool:
    """Whether ``text`` names the measured thing ``name`` is a name of, by a name written out in
    any language: "Kalium 5,9" names potassium (so a drug that is a blood test's ion as well,
    potassium or magnesium, is named there too), "K 5,9" does not."""
    measure = _CANONICAL.get(phrase_key(name))
    return measure is not None and any(
        found == measure and (end - start > SYMBOL_CHARS or " " in text[start:end].strip())
        for start, end, found in find_measures(text)
    )


def writes_measure_as(text: str, forms: Collection[str]) -> bool:
    """Whether ``text`` writes a measured thing in one of ``forms`` as that thing: the one- and
    two-letter symbols only as notes write them ("K+ 5.9", not "ran 5 k")."""
    return any(phrase_key(text[start:end]) in forms for start, end, _ in find_measures(text))
