"""Round 18 (walk 20's leftovers): a role written between two people, or alone, names no one."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import gone, kept, redact


@pytest.mark.parametrize(
    ("text", "names", "roles"),
    [
        (
            "Reviewed with Dr Okonkwo and Senior Staff Nurse Mbeki today.",
            ["Okonkwo", "Mbeki"],
            ["Senior Staff Nurse"],
        ),
        (
            "Seen by Dr Lindqvist and Physiotherapist Oyelaran.",
            ["Lindqvist", "Oyelaran"],
            ["and Physiotherapist"],
        ),
        (
            "Student Midwife Aoife Byrne attended the delivery.",
            ["Aoife", "Byrne"],
            ["Student Midwife"],
        ),
    ],
)
def test_a_role_between_or_before_people_stays_in_view(
    text: str, names: list[str], roles: list[str]
) -> None:
    gone(text, *names)
    kept(text, *roles)


@pytest.mark.parametrize(
    "text",
    [
        "Handover to Senior Staff Nurse on the ward.",
        "Student Midwife to observe.",
        "Am Montag 12 Visite.",
    ],
)
def test_a_role_or_a_day_alone_is_kept(text: str) -> None:
    assert redact(text) == text


def test_one_name_with_and_inside_it_stays_one() -> None:
    gone("Lunch at the Crown and Anchor, Bexley, after clinic.", "Crown", "Anchor", "Bexley")
