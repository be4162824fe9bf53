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
# A thousands reading of two three-figure groups ("139,141"), neither led by a nought ("135,000"
# is a thousands number).
_THREE_AND_THREE = re.compile(r"[1-9]\d\d,[1-9]\d\d")


def results_not_thousands(text: str, start: int, joined: str, unit_after: bool) -> bool:
    """Whether ``joined`` (figures joined by commas at ``start`` of ``text``, read as one
    thousands number; ``unit_after``: a unit follows them) is a list of results after all:
    three-figure groups rising, each led by a figure other than nought, three or more of them,
    before a unit or after a test whose results are small ("125,250,500 mg", "Hb 120,130,140");
    or two results of such a test ("Na 139,141")."""
    parts = joined.split(",")
    small = _SMALL_RESULT_BEFORE.search(text, max(start - 24, 0), start) is not None
    if len(parts) >= 3:
        return (
            (unit_after or small)
            and all(len(p) == 3 and p[0] != "0" for p in parts)
            and all(int(a) < int(b) for a, b in pairwise(parts))
        )
    return small and _THREE_AND_THREE.fullmatch(joined) is not None
