"""Review 45b's de-identification defects (docs/deid_rounds.md, session 45: fix45b)."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import gone, kept

from medlocal.privacy.redact import Redactor


# D1: a listed surname before a strength and a frequency is a person's, but after a word that
# leads to a medicine or on a line that names another medicine.
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Spoke with Sharma 40 od about plan.", "Sharma"),
        ("Discussed with Kumar 5 prn.", "Kumar"),
        ("Handed over to Sharma 20 stat.", "Sharma"),
        ("Spoke with Nguyen 2 bd re plan.", "Nguyen"),
        ("Ward list: Smith 40 od, Jones 20 bd.", "Jones"),
    ],
)
def test_a_listed_surname_before_a_dose_and_frequency_goes(text: str, name: str) -> None:
    gone(text, name)


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Started Telma 40 od.", "Telma"),
        ("Continue Telma 40 od.", "Telma"),
        ("Aspirin stopped (bleeding), Harlow 20 nocte.", "Harlow"),
    ],
)
def test_a_listed_word_among_medicines_is_kept(text: str, term: str) -> None:
    kept(text, term)


# D2: the coined-brand check looks the name lists up in lower case.
@pytest.mark.parametrize("name", ["Kumar", "Ahmed", "Chen", "Cohen", "Nguyen", "Okafor"])
def test_a_listed_surname_before_a_generic_in_brackets_goes(name: str) -> None:
    gone(f"Then {name} (tofacitinib) reviewed.", name)
    gone(f"Started on {name} (tofacitinib) advice.", name)


# D3: clinical shorthand of a Victorian plate's shape is no plate.
@pytest.mark.parametrize(
    "text",
    [
        "Biplane EF 45% (4CH 2CH views).",
        "LV views: 2CH 4CH.",
        "Apical 4CH 2CH and 3CH views.",
        "Angiogram: 3VD 2VD pattern.",
        "Regimen 5FU 3TC noted.",
        "HLA 2DR 4DQ typing.",
    ],
)
def test_clinical_shorthand_is_no_plate(text: str) -> None:
    assert Redactor(shift_days=40).redact(text) == text


# D9: a two-digit year is 19xx or 20xx: shifted it keeps its two digits; written out as a year
# of 90 or more years ago it is removed.
def test_a_two_digit_year_is_shifted_not_removed() -> None:
    assert Redactor(date_mode="shift", shift_days=40).redact("Review on 01/03/27.") == (
        "Review on 02/12/27."
    )
    assert Redactor(date_mode="year", shift_days=40).redact("Review on 01/03/27.") == (
        "Review on [DATE]."
    )


# D11: a family named with the article, and a greeting at a text's very start, are people.
def test_a_family_and_a_first_line_greeting_are_names() -> None:
    assert Redactor(shift_days=40).redact("The Jones called.") == "[NAME] called."
    assert Redactor(shift_days=40).redact("Dear Anand,\nThanks.") == "Dear [NAME],\nThanks."
    assert Redactor(shift_days=40).redact("Seen at The Alfred.") == "Seen at [FACILITY]."
