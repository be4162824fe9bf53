"""A laboratory test's name, then its results, taken by a code's or a postcode's pattern
(session 52, deid52b; issue 16 precision).

A results line writes a test in capitals and one value or a series of them ("WBC 12000 13000
15000" over three visits, "CRP 250, 180, 95", "Plt 45000 -> 98000"), and the record-number
patterns of several countries have the same shape: a few capitals and groups of three to five
digits ("GMS 0911 4472", "KFH 12345"). ``deid_pattern_context.lab_result_value`` gives back a
lab's name written in mixed case ("HbA1c 58"); one in capitals is read as a code's label there,
because a code's label is written so too. What tells them apart is the name itself: a test no
record or insurance number is labelled by. So the names here are the common blood, urine and
marker tests, in the spellings results lines use, and none that also labels an identifier or a
person ("PT" is also "patient", "BM" a bone-marrow accession, "CA" a state, "UR" a unit record
number, "CR" India's case record, "NA" not applicable, "CL" a licence: those stay with the
patterns).
"""

from __future__ import annotations

import re

# Tests a results line names before its values (folded to lower case, without dots).
_TESTS = frozenset(
    {
        # Full blood count.
        "wbc", "wcc", "rbc", "hb", "hgb", "hct", "pcv", "mcv", "mch", "mchc", "rdw", "plt",
        "plts", "platelets", "platelet", "neut", "neuts", "neutrophils", "anc", "lymph",
        "lymphs", "lymphocytes", "alc", "eos", "eosinophils", "mono", "monocytes", "retics",
        "reticulocytes", "leucocytes", "leukocytes",
        # Inflammation, chemistry, liver, heart, coagulation.
        "crp", "esr", "pct", "procalcitonin", "sodium", "potassium", "urea", "bun",
        "creat", "creatinine", "egfr", "gfr", "glucose", "alt", "ast", "alp", "ggt",
        "bili", "bilirubin", "alb", "albumin", "ldh", "ck", "cpk", "trop", "troponin", "tnt",
        "tni", "hstnt", "hstni", "bnp", "ntprobnp", "nt-probnp", "ferritin", "inr", "aptt",
        "fibrinogen", "d-dimer", "ddimer", "tsh", "ft4", "lactate", "amylase", "lipase",
        "hba1c", "ldl", "hdl", "tg", "chol", "cholesterol", "phos", "phosphate", "calcium",
        "urate", "ammonia", "osmolality",
        # Markers and counts of infection.
        "psa", "cea", "afp", "hcg", "bhcg", "ca125", "ca19-9", "cd4", "cd8", "vl",
    }
)  # fmt: skip
# A test's name, then one value or more: numbers with thousands' commas or decimals, joined by
# blanks, commas, semicolons or arrows (no letters: "WBC 12000 Bed 4" ends at "Bed"; no slash,
# which writes a ratio or a phone's second number). A value has at most seven digits: a phone
# or a record number written whole after a result is longer.
_NUMBER = r"\d{1,3}(?:,\d{3})+(?!\d)|\d{1,7}(?:\.\d+)?(?!\d)"
_JOIN = r"[ \t]*(?:,|;|->|-->|→|>)?[ \t]*"
_SERIES = re.compile(
    rf"(?<![\w-])(?P<test>[A-Za-z][A-Za-z0-9-]{{0,9}})[ \t]*[:=]?[ \t]*"
    rf"(?P<values>(?:{_NUMBER})(?:{_JOIN}(?:{_NUMBER}))*)(?![\w/-])"
)
# How far before a span its test's name may stand: the name, then up to four values before.
_REACH = 48
# Speed (session 55): a listed test's name, in any case, anywhere. A series is read only where
# one opens at or before the span (its name is at the series' start, at most ten characters
# long: the test group's width), so a window without any is answered at once (the code and
# postcode patterns ask at some 800 matches of a twenty-page record, 16 us each).
# Speed (session 56): searched in the window folded to lower case, matched with case: the engine
# tries a listed name's first letter before the rest of it only where case is not ignored (45
# -> 6 ms over the record's 832 asks). A series' test is written in ASCII letters
# (_SERIES' test group), which lower() folds one for one, so no listed name is missed.
_ANY_TEST = re.compile("|".join(sorted(map(re.escape, _TESTS), key=len, reverse=True)))
_LONGEST_TEST = 10


def result_series(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` lies inside a listed test's name and the values after it, on
    one line."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if line_end < 0:
        line_end = len(text)
    reach = max(line_start, start - _REACH)
    if _ANY_TEST.search(text[reach : min(line_end, start + _LONGEST_TEST)].lower()) is None:
        return False
    for match in _SERIES.finditer(text, reach, line_end):
        if match.start() > start:
            return False
        if match.end() >= end and match.group("test").lower().rstrip(".") in _TESTS:
            return True
    return False
