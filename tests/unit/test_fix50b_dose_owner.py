"""fix50b (review 50a R6, issue 16): a word before a dose is an unlisted brand only where the dose
counts that word. A surname before a dose of another medicine, of blood or of a fluid, or at a
handover line's start before a count and a verb of giving, is a person (deid_dose_owner)."""

from __future__ import annotations

import pytest

from medlocal.privacy.redact import Redactor

_LETTER = "Clinic letter\n\n"


def _removed(text: str) -> list[str]:
    redactor = Redactor(None, shift_days=40)
    return [r.original for r in redactor.preview(_LETTER + text + "\n")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Handover: Kowalczyk 1 g paracetamol given 02:00.", "Kowalczyk"),
        ("Wiśniewski 2 sachets Movicol taken.", "Wiśniewski"),
        ("Okonkwo 2 units of blood given overnight.", "Okonkwo"),
        ("Patient list\nAbernathy 500 mL fluid bolus\nPemberton 2 units blood", "Pemberton"),
        ("Patient list\nAbernathy 500 mL fluid bolus\nPemberton 2 units blood", "Abernathy"),
        ("Night shift. Kowalczyk 2 puffs given at 03:00.", "Kowalczyk"),
    ],
)
def test_a_person_before_someone_elses_dose_is_removed(text: str, name: str) -> None:
    assert any(name in removed for removed in _removed(text))


@pytest.mark.parametrize(
    ("text", "brand"),
    [
        ("Laxinor 1-2 sachets daily for constipation.", "Laxinor"),
        ("Continue Seretolin 250 micrograms inhaler twice daily.", "Seretolin"),
        ("Started Oramorix 2.5-5 mL prn, Laxinor 2 sachets nocte.", "Laxinor"),
        ("Started Tazorin 4.5 g IV tds for the pneumonia.", "Tazorin"),
    ],
)
def test_a_brand_before_its_own_dose_stays(text: str, brand: str) -> None:
    assert not any(brand in removed for removed in _removed(text))
