"""Fifteenth round, from a new user's walk: ages over 89 said with the patient as the subject or
as a year of life, and years of birth that show an age over 89. Examples invented here."""

from __future__ import annotations

from datetime import date

from medlocal.privacy.redact import Redactor


def redact(text: str) -> str:
    return Redactor(shift_days=40).redact(text)


def test_an_age_with_the_patient_as_subject_is_removed() -> None:
    assert redact("Per the old chart pt is 93.") == "Per the old chart pt is 90+."
    assert "96" not in redact("Resident was 96, frail but independent.")
    # Review of round 15: with the patient as subject, a saturation or a pressure stays.
    assert redact("Pt was 92 on 2L nasal cannula.") == "Pt was 92 on 2L nasal cannula."
    assert "140 systolic" in redact("Patient was 140 systolic on arrival.")
    # A measurement is no age.
    assert redact("Patient is 92 kg and pt is 91 cm sitting.") == (
        "Patient is 92 kg and pt is 91 cm sitting."
    )
    assert "95%" in redact("Patient is 95% on room air.")


def test_a_year_of_life_over_ninety_is_removed() -> None:
    assert "97th" not in redact("Now in his 97th year, still walking daily.")
    assert "ninety-second" not in redact("in her ninety-second year")
    assert "in his 40th year" in redact("Diagnosed in his 40th year.")


def test_a_year_of_birth_that_shows_an_age_over_89_is_removed() -> None:
    old = date.today().year - 93
    for text in (f"born {old}", f"born in {old} in a village", f"Year of birth: {old}",
                 f"b. {old}", f"YOB {old}"):  # fmt: skip
        assert str(old) not in redact(text), text
    # A younger person's year of birth and any other year stay (Safe Harbor keeps them).
    young = date.today().year - 60
    assert str(young) in redact(f"born {young}, lives alone")
    assert f"published in {old}" in redact(f"Criteria published in {old} remain in use.")
