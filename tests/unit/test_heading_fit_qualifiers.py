"""fix44f leftover: "Over-the-counter only" under "Current medications" and "Both were stopped in
hospital" under "Stopped medications" were flagged "wrong_section": they name no medicine, but
they speak of those the section lists (their source, what became of them together, that they
are unchanged). Such lines fit their heading (rag/checks/section_qualifiers.py); a lab value, an
allergen or an event under a medication heading is still flagged. The fitting lines failed
before the fix (checked by restoring medlocal/rag/checks/heading_fit.py from main)."""

from __future__ import annotations

import pytest
from fixtures.assertion_reads import wrong_section_messages

PASSAGES = {
    1: "Discharge summary. Aspirin 75 mg and clopidogrel 75 mg were both stopped in hospital"
    " after the GI bleed. Paracetamol 1 g as required, bought over the counter. Medications"
    " unchanged since admission, as per the GP record. Latex allergy (rash).",
    2: "Bloods: Hb 98 g/L (115-165). Admitted with chest pain. They were admitted on Ward 7.",
}


def wrong_section(heading: str, body: str) -> list[str]:
    return wrong_section_messages(heading, body, PASSAGES, title="Medication list")


@pytest.mark.parametrize(
    ("heading", "body"),
    [
        ("Current medications", "Over-the-counter only [1]."),
        ("Current medications", "- OTC only [1]"),
        ("Current medications", "As per the GP record [1]."),
        ("Current medications", "Unchanged since admission [1]."),
        ("Current medications", "As above [1]."),
        ("Stopped medications", "Both were stopped in hospital [1]."),
        ("Stopped medications", "Both were stopped in hospital after the GI bleed [1]."),
        ("Stopped medications", "All of these were stopped on admission [1]."),
        ("Discharge medications", "These have been continued unchanged [1]."),
    ],
)
def test_a_line_qualifying_the_list_fits_its_heading(heading: str, body: str) -> None:
    assert wrong_section(heading, body) == []


@pytest.mark.parametrize(
    ("heading", "body"),
    [
        ("Current medications", "Hb 98 g/L [2]."),
        ("Current medications", "Admitted with chest pain [2]."),
        ("Current medications", "They were admitted on Ward 7 [2]."),
        ("Stopped medications", "Latex allergy (rash) [1]."),
        ("Stopped medications", "Hospital [1]."),
    ],
)
def test_a_line_naming_no_medicine_and_qualifying_nothing_is_still_flagged(
    heading: str, body: str
) -> None:
    (message,) = wrong_section(heading, body)
    assert f"under “{heading}” but names no medicine" in message
