"""Review45b D8: review45's narrowing of section_qualifiers let only auxiliaries and adverbs
stand between "These"/"All"/"Both" and a medicine's status, so "These two were held for AKI",
"All three were stopped" and "Both drugs were stopped" under a medication heading were flagged
"wrong_section" again. A count or a medicine noun there is the list's. Failed before the fix
(checked by restoring medlocal/rag/checks/section_qualifiers.py from main); the last test
guards review45 D3's findings."""

from __future__ import annotations

import pytest

from medlocal.rag.checks.section_qualifiers import qualifies_the_section
from medlocal.rag.grounding import ground

PASSAGES = {
    1: "Ramipril 10 mg and amlodipine 5 mg were held for AKI on admission. All three were"
    " stopped. Both drugs were stopped on admission."
}


@pytest.mark.parametrize(
    "line",
    [
        "These two were held for AKI.",
        "All three were stopped.",
        "Both drugs were stopped on admission.",
        "Both medications were stopped.",
        "These two medications were held.",
    ],
)
def test_a_count_or_medicine_noun_after_the_back_reference_qualifies(line: str) -> None:
    assert qualifies_the_section(line)


def test_a_counted_qualifier_under_a_medication_heading_is_not_misplaced() -> None:
    answer = "# Medication list\n\n## Current medications\n\nThese two were held for AKI [1].\n"
    assert not [f for f in ground(answer, PASSAGES).flags if f.kind == "wrong_section"]


@pytest.mark.parametrize(
    "line", ["All bloods were unchanged.", "Both kidneys were reduced.", "All two weeks ago."]
)
def test_another_noun_after_the_back_reference_is_still_no_qualifier(line: str) -> None:
    assert not qualifies_the_section(line)
