"""Review 44b B2: once allergy headings were checked (walk 44 D7), "none" was read only at a
line's start, so under "Allergies and intolerances" the lines "She has no known allergies",
"He denies allergies", "Patient reports no allergies" and "She is not allergic to anything"
were flagged "wrong_section". A denial of allergies anywhere in a line under an allergy heading
says there is none; a "no" about something else still does not. The tests of the denials failed
before the fix (checked by restoring medlocal/rag/checks/heading_fit.py from main: each was
flagged)."""

from __future__ import annotations

import pytest

from medlocal.rag.grounding import ground

PASSAGES = {
    1: "Clinic letter. She has no known allergies. He denies allergies. Patient reports no"
    " allergies. She is not allergic to anything. No known drug allergies. Seen with no new"
    " symptoms. Discharged with no discharge instructions."
}


def _wrong_section(heading: str, body: str) -> list[str]:
    result = ground(f"# Medication list\n\n## {heading}\n\n{body}\n", PASSAGES)
    return [f.token for f in result.flags if f.kind == "wrong_section"]


@pytest.mark.parametrize(
    "heading", ["Allergies and intolerances", "Current medications and allergies"]
)
@pytest.mark.parametrize(
    "body",
    [
        "She has no known allergies [1].",
        "He denies allergies [1].",
        "Patient reports no allergies [1].",
        "She is not allergic to anything [1].",
        "- The record lists no known drug allergies [1].",
        "Allergic reactions: none [1].",
    ],
)
def test_a_denial_of_allergies_anywhere_in_the_line_fits(heading: str, body: str) -> None:
    assert _wrong_section(heading, body) == []


@pytest.mark.parametrize(
    ("heading", "body"),
    [
        ("Allergies and intolerances", "Seen with no new symptoms [1]."),
        ("Allergies and intolerances", "Discharged with no discharge instructions [1]."),
        # An allergy line is no medication: out of place under a medications-only heading.
        ("Current medications", "She has no known allergies [1]."),
        ("Stopped medications", "He denies allergies [1]."),
    ],
)
def test_a_no_about_something_else_or_under_a_medication_heading_is_flagged(
    heading: str, body: str
) -> None:
    assert _wrong_section(heading, body) == [heading]
