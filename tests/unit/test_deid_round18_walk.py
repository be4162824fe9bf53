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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Walk 21: a nationality was removed as a name ("[NAME] [ZIP]").
        ("Canadian K1A 0B1", "Canadian [ZIP]"),
        ("A Nigerian woman, 34, presents.", "A Nigerian woman, 34, presents."),
        ("Australian bat lyssavirus exposure.", "Australian bat lyssavirus exposure."),
        # A people's word that is also a listed name is still a name.
        ("Met Karen at the shop.", "Met [NAME] at the shop."),
    ],
)
def test_a_nationality_is_no_name(text: str, expected: str) -> None:
    assert redact(text) == expected


def test_a_numbered_village_is_no_numbers_label() -> None:
    # Round 18's "Hosp No RX-448190" label rule took a place before "No." as a label.
    assert "Chak" not in redact("Village: Chak No. 47/GB, near the canal.")


def test_a_note_in_a_day_first_language_reads_its_dates_day_first() -> None:
    # Wave 2 (dates): a Spanish "Ingreso: 12/10/2026" was read month first, as 10 December.
    from medlocal.privacy.deid_dates import writes_day_first

    assert writes_day_first("Informe de alta. Ingreso: 03/04/2026.") is True
    assert writes_day_first("Admitted 03/04/2026.") is None
