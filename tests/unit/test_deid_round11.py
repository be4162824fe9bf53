"""Eleventh round (session 14). Examples are invented here, not taken from the evaluation set."""

from __future__ import annotations

from datetime import date

from medlocal.privacy.redact import PatientIdentity, Redactor

REDACTOR = Redactor(PatientIdentity("Jane Doe", "123", date(1950, 1, 1)), shift_days=40)


def redact(text: str) -> str:
    return REDACTOR.redact(text)


def kinds(text: str) -> dict[str, str]:
    return {r.original: r.kind for r in REDACTOR.preview(text)}


def test_a_lone_weekday_is_labelled_a_date_not_a_name() -> None:
    # "Seen on [NAME] by the team" told the reader a person had been removed.
    found = kinds("Seen on Monday by the team. Bloods on Fridays. Review Tuesday.")
    assert found == {"Monday": "date", "Fridays": "date", "Tuesday": "date"}, found


def test_a_parish_named_holy_without_a_facility_word_goes() -> None:
    out = redact("She attends the lunch club on Tuesdays and Holy Trinity on Sundays.")
    assert "Trinity" not in out and "lunch club" in out, out
    out = redact("Mass at Holy Family each week; receives Holy Communion at home.")
    assert "Family" not in out and "Holy Communion" in out, out


def test_plain_words_before_a_kind_of_place_describe_it() -> None:
    out = redact("He attends the Dementia day centre twice a week and the memory clinic.")
    assert "Dementia day centre" in out, out
    # A name or a word no dictionary has still says which one.
    out = redact("She attends the Willow day centre and the Brackenholt food bank.")
    assert "Willow" not in out and "Brackenholt" not in out, out
