"""Review45 D3: section_qualifiers let any words sit between "All"/"Both"/"They" and a status
word, counted "taken"/"reviewed" as a medicine's status, and took numbers for filler in a source
line, so a lab result, a reading or an examination finding under a medication heading was no
longer flagged "wrong_section". Each of these lines was flagged at 39c0436, not after leftgr45
(checked by restoring medlocal/rag/checks/section_qualifiers.py from main)."""

from __future__ import annotations

import pytest

from medlocal.rag.grounding import ground

PASSAGES = {
    1: "Bloods: Hb 98 g/L (115-165), creatinine 180. BP 150/90 previously 160/95. Both kidneys"
    " small on ultrasound. All bloods unchanged from March. They were reviewed in cardiology"
    " clinic. The rest of examination unchanged."
}


@pytest.mark.parametrize(
    "line",
    [
        "All bloods were unchanged [1].",
        "All blood tests unchanged [1].",
        "Both kidneys were reduced in size [1].",
        "They were reviewed in cardiology clinic [1].",
        "The rest of examination unchanged [1].",
        "Previously 160/95 [1].",
        "These were taken on admission: Hb 98, creatinine 180 [1].",
    ],
)
def test_a_finding_under_a_medication_heading_is_still_flagged(line: str) -> None:
    result = ground(f"# Medication list\n\n## Current medications\n\n{line}\n", PASSAGES)
    assert [f.kind for f in result.flags if f.kind == "wrong_section"] == ["wrong_section"]
