"""Tests and identifiers that medlocal/measured_things.py does not list, named so that a value of
one binds to its name: the 45 of "Ferritin,12,45" under a cumulative report's dates, of a
"Ferritin" column or of "Ferritin 45 ug/L" is the ferritin's, and the 12345678 of an "MRN"
column is the record number's. Bound to no measure, such a value fitted any other test's, and
"Potassium on 9 March 2024 was 45" passed over the ferritin's 45 (review57b F7).

Precision first: a name is read in prose only from a short list of lab tests that are no
medicine's name (iron, folate or vitamin D are both), and in a table only where the cell stands
where a test's name stands (a row's first cell under a header of dates, the heading of a column
of results); a heading of time ("Day", "Week") or of free text ("Comment") names none, and a cell
that shortens a listed measure ("Chol", "Plts", "Gluc") is left unnamed: which test it is, no
plain reading says, and naming it would make it no cholesterol."""

from __future__ import annotations

import re

from medlocal.measured_things import MEASURES, alternatives, phrase_key

# Lab tests named in prose (their canonical name, then the ways reports write it). Abbreviations
# are read only in capitals ("LDH", "ALP"; "alp" or "ck" in lower case may be words).
_PROSE_TESTS: dict[str, tuple[str, ...]] = {
    "ferritin": ("ferritin",),
    "transferrin": ("transferrin",),
    # Not the oxygen saturation that "saturation" alone names.
    "transferrin saturation": ("transferrin saturation", "transferrin sat", "TSAT"),
    "procalcitonin": ("procalcitonin", "PCT"),
    "d-dimer": ("d-dimer", "D-dimer", "d dimer"),
    "fibrinogen": ("fibrinogen",),
    "aptt": ("APTT", "aPTT"),
    "ldh": ("LDH", "lactate dehydrogenase"),
    "ggt": ("GGT", "gamma-GT", "gamma GT"),
    "alp": ("ALP", "alkaline phosphatase"),
    "ck": ("CK", "CPK", "creatine kinase"),
    "amylase": ("amylase",),
    "lipase": ("lipase",),
    "ammonia": ("ammonia",),
    "urate": ("urate", "uric acid"),
    "ft4": ("FT4", "fT4", "free T4", "free thyroxine"),
    "ft3": ("FT3", "fT3", "free T3"),
    "mcv": ("MCV", "mean cell volume", "mean corpuscular volume"),
    "neutrophils": ("neutrophils", "neutrophil count", "ANC"),
    "lymphocytes": ("lymphocytes", "lymphocyte count"),
    "eosinophils": ("eosinophils", "eosinophil count"),
    "reticulocytes": ("reticulocytes", "reticulocyte count"),
    "haptoglobin": ("haptoglobin",),
    "osmolality": ("osmolality",),
    # A Synacthen test's and a glucose tolerance test's other results ("cortisol 30 min 550").
    "cortisol": ("cortisol",),
    "c-peptide": ("C-peptide", "c peptide"),
}
_CANONICAL = {phrase_key(form): name for name, forms in _PROSE_TESTS.items() for form in forms}
_PROSE_TEST = re.compile(
    r"(?<![\w-])("
    + alternatives([form for forms in _PROSE_TESTS.values() for form in forms])
    + r")(?![\w-])",
    re.IGNORECASE,
)


def unlisted_tests(text: str) -> list[tuple[int, int, str]]:
    """The listed lab tests ``text`` names, as ``find_measures`` gives measured things: (start,
    end, canonical name)."""
    found = []
    for m in _PROSE_TEST.finditer(text):
        raw = m.group(1)
        key = phrase_key(raw)
        name = _CANONICAL.get(key)
        forms = [form for form in _PROSE_TESTS.get(name or "", ()) if phrase_key(form) == key]
        # A word in any case ("Ferritin"), an abbreviation as the list writes it ("ALP").
        if any(form.islower() for form in forms) or raw in forms:
            found.append((m.start(1), m.end(1), name or key))
    return found


# A column's heading or a row's name that names an identifier of the patient, the sample or the
# request: its number is nobody's result.
_IDENTIFIER = re.compile(
    r"(?:(?:mrn|urn|ssn|pid|id|barcode|accession)"
    r"|(?:ur|nhs|hospital|patient|medical[ \t]+record|record|case|chart|accession|specimen"
    r"|sample|lab|episode|encounter|order|request|insurance)[ \t]*(?:id|no|number|nr))"
    r"[ \t]*[.#:]?",
    re.IGNORECASE,
)
# Headings that name no test: a time ("Day 3" is the third day, not a result of "day"), free
# text that may give a listed test's value ("Comment": "K 5.9 on repeat"), or a result's parts.
_NO_TEST = re.compile(
    r"(?:date|time|day|week|month|year|hour|visit|cycle|dose|comments?|notes?|remarks?"
    r"|results?|values?|units?|flags?|status|interpretation|range|ref(?:erence)?|source"
    r"|test|analyte|name|description|method)s?\b",
    re.IGNORECASE,
)
_BRACKETED_UNIT = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*$")
_NAME = re.compile(r"[^\W_][\w+/.'-]*(?:[ \t][^\W_][\w+/.'-]*){0,4}")
_LETTERS = re.compile(r"[^\W\d_]")
_MEASURE_NAMES = tuple({phrase_key(form) for forms in MEASURES.values() for form in forms})


def written_test(name: str) -> str:
    """A listed test's name as a flag writes it: its abbreviation in capitals ("LDH", not the
    "ldh" it is keyed by), any other name as it is."""
    forms = _PROSE_TESTS.get(name)
    return forms[0] if forms else name


def identifier_named(cell: str) -> str | None:
    """The identifier a column's heading names ("MRN", "Patient ID", "NHS number"), as a flag
    writes it; None where it names none."""
    text = cell.strip()
    return _written(text.rstrip(".#: \t")) if _IDENTIFIER.fullmatch(text) else None


def name_in_cell(cell: str) -> str | None:
    """The test or identifier a cell in a test's name's place names where no measured thing is
    named there: a listed test ("Serum ferritin": "ferritin"), an identifier ("MRN"), or the
    cell's own words ("Vitamin B12 (pmol/L)": "vitamin B12"); None for a heading of time or of
    free text, a cell that is no name, or one that shortens a measured thing ("Chol")."""
    identifier = identifier_named(cell)
    if identifier is not None:
        return identifier
    listed = unlisted_tests(cell)
    if listed:
        return max(listed, key=lambda m: m[1] - m[0])[2]
    name = _BRACKETED_UNIT.sub("", cell).strip()
    if not _NAME.fullmatch(name) or len(_LETTERS.findall(name)) < 2 or _NO_TEST.match(name):
        return None
    first = phrase_key(name).split(" ")[0]
    # A listed test shortened ("Retic", "Neut", "Lymph"): the listed test's name.
    shortened = next(
        (test for form, test in _CANONICAL.items() if len(first) >= 3 and form.startswith(first)),
        None,
    )
    if shortened is not None:
        return shortened
    if any(
        (len(first) >= 2 and known.startswith(first))
        or (len(known) >= 3 and first.startswith(known))
        for known in _MEASURE_NAMES
    ):
        return None  # "Chol", "Plts", "Gluc": a measured thing shortened or written otherwise
    return _written(name)


def _written(name: str) -> str:
    """A name as a flag writes it after "the": words capitalised only as a heading's first
    letter are folded ("Vitamin B12": "vitamin B12"), capitals kept ("MRN", "NHS number")."""
    return " ".join(
        word.lower() if word[:1].isupper() and word[1:].islower() else word for word in name.split()
    )


def may_be_one_test(a: str, b: str) -> bool:
    """Whether two different names a value is bound to may name one test: a name read from a
    table's cell ("Alk Phos") may be a listed test's other name ("ALP"); a measured thing, two
    listed tests or an identifier are told apart."""
    return not (
        a in MEASURES
        or b in MEASURES
        or (a in _PROSE_TESTS and b in _PROSE_TESTS)
        or identifier_named(a) is not None
        or identifier_named(b) is not None
    )
