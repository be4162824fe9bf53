"""Round 16, found by trying the redactor as a user would before the round's rules: a possessive
before a role is no surname, a signing field's "by:" and more roles with a colon lead to a name,
and a signed date keeps its shifted value. Examples are invented here."""

from __future__ import annotations

from datetime import date

import pytest

from medlocal.privacy.deid_dates import DateMode
from medlocal.privacy.redact import PatientIdentity, Redactor


def redact(text: str, *, date_mode: DateMode = "shift") -> str:
    identity = PatientIdentity("Jane Doe", "123", date(1950, 1, 1))
    return Redactor(identity, shift_days=40, date_mode=date_mode).redact(text)


@pytest.mark.parametrize(
    "text",
    ["Her GP is Dr Stone.", "Her doctor is happy with the plan.", "Their GP, Dr Amos, wrote."],
)
def test_a_possessive_before_a_role_is_kept(text: str) -> None:
    out = redact(text)
    assert out.split()[0] in ("Her", "Their"), out


def test_a_surname_that_is_also_a_possessive_still_goes_with_its_cue() -> None:
    out = redact("Mai Her, social worker, called back.")
    assert "Mai" not in out and "Her," not in out, out


@pytest.mark.parametrize(
    "label",
    ["Reviewed by", "Dispensed by", "Verified by", "Prescriber", "Referrer", "Radiologist"],
)
def test_a_signing_field_leads_to_the_whole_name(label: str) -> None:
    out = redact(f"{label}: Rose Walker\nPlan: review in clinic.")
    assert "Rose" not in out and "Walker" not in out, out


@pytest.mark.parametrize(
    "text",
    [
        "Reviewed by: Cardiology",
        "Radiologist: CT Abdomen and pelvis",
        "Pathologist: Hodgkin lymphoma confirmed",
        "Psychiatrist: review in 2 weeks",
    ],
)
def test_a_signing_field_before_a_service_or_finding_keeps_it(text: str) -> None:
    assert redact(text) == text


def test_a_signed_date_keeps_its_shifted_value_and_loses_its_time() -> None:
    out = redact("Reported: 03/04/2025 14:22\nCollected: 03/04/2025 09:10")
    reported, collected = out.splitlines()
    assert "14:22" not in reported and "03/04/2025" not in reported, out
    # The same day, shifted the same way on both lines: intervals survive the export.
    assert reported.removeprefix("Reported: ") == collected.removeprefix("Collected: ")[:10], out


def test_a_signed_date_keeps_only_its_year_in_year_mode() -> None:
    out = redact("Report authorised electronically 14/03/2026 16:05", date_mode="year")
    assert out == "Report authorised electronically 2026", out
