"""Figures joined by commas that have a thousands number's shape but are a list of results:
"Amoxicillin 125,250,500 mg" (three doses, not 125 million mg) and "Na 139,141" (two sodiums,
not 139,141 mmol/L). medlocal/values.py splits them (``_list_commas``)."""

from __future__ import annotations

import re
from itertools import pairwise

# Tests whose results never reach 100,000 in any unit a report uses: a three-and-three thousands
# reading after one is two results ("Na 139,141", "K 4,5" is a decimal comma's shape and is read
# elsewhere). Cell counts ("Plt 150,000", "WBC 11,000"), viral loads and titres are left out.
_SMALL_RESULT_BEFORE = re.compile(
    r"\b(?:Na|sodium|natrium|K|potassium|kalium|Cl|chloride|HCO3|bicarb(?:onate)?|Ca|calcium"
    r"|Mg|magnesium|urea|Ur|creat(?:inine)?|Cr|kreatinin|Hb|ha?emoglobin|h[äa]moglobin|glucose"
    r"|gluc|BM|HbA1c|A1c|albumin|alb|CRP|eGFR|HR|pulse|RR|SpO2|sats|osmolality)\b"
    r"[ \t]*(?:was|of|is|:|=)?[ \t]*$",
    re.IGNORECASE,
)
# Units of counts that do run to millions: "viral load 123,456,789 copies/mL", "HBV DNA
# 110,250,600 IU/mL", "WBC 4,500,000 /mm3". Rising groups before one are a thousands number
# still (review59c: read as three loads, an answer's "456 copies/mL" was confirmed).
_COUNT_UNIT = re.compile(
    r"cop|cells?\b|cfu|genom|particles|i?u\s?/\s?ml\b|/\s?(?:µ|μ|u|micro)l\b|/\s?mm",
    re.IGNORECASE,
)
# A thousands reading of two three-figure groups ("139,141"), neither led by a nought ("135,000"
# is a thousands number).
_THREE_AND_THREE = re.compile(r"[1-9]\d\d,[1-9]\d\d")


def results_not_thousands(text: str, start: int, joined: str, unit_after: str | None) -> bool:
    """Whether ``joined`` (figures joined by commas at ``start`` of ``text``, read as one
    thousands number; ``unit_after``: the unit that follows them, if any) is a list of results
    after all: three-figure groups rising, each led by a figure other than nought, three or more
    of them, before a unit (not a count's: "copies/mL") or after a test whose results are small
    ("125,250,500 mg", "Hb 120,130,140"); or two results of such a test ("Na 139,141")."""
    parts = joined.split(",")
    if unit_after is not None and _COUNT_UNIT.search(unit_after):
        return False
    small = _SMALL_RESULT_BEFORE.search(text, max(start - 24, 0), start) is not None
    if len(parts) >= 3:
        return (
            (unit_after is not None or small)
            and all(len(p) == 3 and p[0] != "0" for p in parts)
            and all(int(a) < int(b) for a, b in pairwise(parts))
        )
    return small and _THREE_AND_THREE.fullmatch(joined) is not None
