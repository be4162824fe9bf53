"""Walk 41b, the grounding checks fix41c mends: a denial of allergy "to any of the listed
medications" denies every drug allergy (N4), and a drug the passage keeps "on hold" is not one
still taken (N3). Sentences and passages are our own. Each test failed on main before its fix."""

from __future__ import annotations

import pytest

from medlocal.rag.flags import Flag
from medlocal.rag.grounding import ground

ALLERGIES = "Allergies: co-trimoxazole (rash); latex (contact dermatitis)."
MEDICATIONS = (
    "Medications on discharge:\n- Bisoprolol 2.5 mg once daily\n- Ramipril remains on hold\n"
    "- Apixaban 5 mg twice daily"
)


def _conflicts(text: str, passages: dict[int, str]) -> list[Flag]:
    return [f for f in ground(text, passages).flags if f.kind == "negation_conflict"]


@pytest.mark.parametrize(
    "text",
    [
        "No drug allergy to any of the listed medications [7].",
        "She has no allergies to any of her medications [7].",
        "No known allergy to any drugs [7].",
    ],
)
def test_a_denial_of_allergy_to_any_medication_is_checked(text: str) -> None:
    found = _conflicts(text, {1: ALLERGIES, 7: MEDICATIONS})
    assert [f.passage for f in found] == [1], ground(text, {1: ALLERGIES, 7: MEDICATIONS}).flags
    # A denial of drug allergies names the drug, not the latex.
    assert "co-trimoxazole" in found[0].message and "latex" not in found[0].message


def test_an_allergy_to_one_drug_denied_is_still_no_denial_of_all() -> None:
    flags = _conflicts("No allergy to penicillin [7].", {1: ALLERGIES, 7: MEDICATIONS})
    assert not [f for f in flags if "co-trimoxazole" in f.message]


def test_a_drug_on_hold_given_as_still_taken_is_a_conflict() -> None:
    found = _conflicts("Yes, she is still taking ramipril [7].", {7: MEDICATIONS})
    assert len(found) == 1 and "stopped" in found[0].message
    assert "Ramipril remains on hold" in found[0].message
