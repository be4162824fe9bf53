"""Round 18: walk 21's findings in the redactor that the lead mended."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A quotation's closing mark is no part of the name it closes.
        ("conflict — 'Dr Imogen' says the passage", "conflict — 'Dr [NAME]' says the passage"),
        ("Flag: 'Dr Imogen Castellanos-Pryce'.", "Flag: 'Dr [NAME]'."),
    ],
)
def test_a_closing_quote_stays_in_view(text: str, expected: str) -> None:
    assert redact(text) == expected


def test_a_week_named_by_its_first_day_is_shifted_with_its_cue() -> None:
    # Walk 21: "(w/c 21/4)" became "([DATE])" though the README lists "w/c 10/3" as shifted.
    from datetime import date

    from medlocal.privacy.redact import PatientIdentity, Redactor

    redactor = Redactor(PatientIdentity("Jane Doe", "1", date(1950, 1, 1)), shift_days=10)
    text = "Discharged 11/03/2025 from the centre. Clinic (w/c 21/4), physio wk of 16/3."
    assert redactor.redact(text) == (
        "Discharged 21/03/2025 from the centre. Clinic (w/c 1/5), physio wk of 26/3."
    )


def test_a_verb_the_model_read_into_a_name_stays() -> None:
    # Walk 21: "Attended Kingsbridge Community College;" became "[FACILITY];".
    assert redact("Attended Kingsbridge Community College; left at 16.") == (
        "Attended [FACILITY]; left at 16."
    )
