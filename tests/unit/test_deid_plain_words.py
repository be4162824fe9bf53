"""Plain words a clinician writes are not names: contractions ("I'm", "don't") and plurals of
words known by their clinical ending ("Corticosteroids") — QA found both redacted as [NAME] at
the start of a sentence of a summary."""

from __future__ import annotations

from datetime import date

import pytest

from medlocal.privacy.redact import PatientIdentity, Redactor

REDACTOR = Redactor(PatientIdentity(name="Jane Doe", mrn="123", dob=date(1950, 1, 1)))


@pytest.mark.parametrize(
    "text",
    [
        "Corticosteroids were started for the flare.",
        "Plan: Corticosteroids tapered over 2 weeks. I'm reviewing in clinic.",
        "I’m not sure the rash improved. Don't stop the inhaler. Can't tolerate metformin.",
        "We'll review in 6 weeks; they've had no falls and she'd like to stay at home.",
        "Glucocorticoids and Statins were discussed.",
    ],
)
def test_plain_words_are_kept(text: str) -> None:
    assert REDACTOR.redact(text) == text


def test_names_next_to_them_still_go() -> None:
    text = "I'm writing about Mrs Jane Doe. Corticosteroids were stopped by Dr Okonkwo-Reyes."
    redacted = REDACTOR.redact(text)
    assert "Jane" not in redacted and "Doe" not in redacted and "Okonkwo" not in redacted
    assert redacted.startswith("I'm writing about") and "Corticosteroids were stopped" in redacted
