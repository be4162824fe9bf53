"""Walk 19's leftovers, mended in session 20: one kind for a health-service number whatever its
shape, a role's initials before a person stay, a verb's "-ing" form before a role is no name, a
day and month are no house on a street. Invented examples."""

from __future__ import annotations

import re

import pytest
from fixtures.timing import assert_linear

from medlocal.privacy.redact import Redactor


def _redact(text: str) -> str:
    return Redactor(shift_days=40).redact(text)


@pytest.mark.parametrize(
    "text",
    [
        "NHS number 943 476 5919",  # spaced 3-3-4: was "[PHONE]"
        "NHS: 943-476-5919",  # hyphenated 3-3-4: was "[SSN]"
        "NHS No. 9434765919 (verified)",
        "Medicare card # 2123 45670 1",
        "Health card number: 1234-567-890",
    ],
)
def test_a_health_service_number_is_labelled_by_its_label(text: str) -> None:
    out = _redact(text)
    assert "[ID]" in out and "[PHONE]" not in out and "[SSN]" not in out, out
    assert not any(ch.isdigit() for ch in out.split("#")[-1]), out


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Phone 943 476 5919", "[PHONE]"),  # the label says telephone: it stays one
        ("SSN 123-45-6789", "[SSN]"),
        ("Member phone: 020 7946 0958", "[PHONE]"),  # a word between: the phone's own label
    ],
)
def test_other_numbers_keep_the_kind_their_shape_gave(text: str, kind: str) -> None:
    assert kind in _redact(text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Home visit with CPN Dorcas Pengelly today.", "with CPN [NAME] today"),
        ("Reviewed by AMHP Lowri Tregear.", "AMHP [NAME]"),
    ],
)
def test_a_roles_initials_before_a_person_stay(text: str, kept: str) -> None:
    assert kept in _redact(text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Letter.\\nReferring clinician: Wynne Hartigan\\n", "Referring clinician: [NAME]"),
        ("Admitting clinician: cardiology registrar", "Admitting clinician: cardiology"),
        ("Attending physician: Dr Ayo Bankole", "Attending physician: Dr [NAME]"),
    ],
)
def test_a_verbs_ing_form_before_a_role_is_no_name(text: str, kept: str) -> None:
    assert kept in _redact(text.replace("\\n", "\n"))


def test_a_surname_before_a_role_is_still_a_name() -> None:
    # "Fielding" ends in "-ing" but is on the surname list: the role after it still names it.
    assert _redact("Fielding, nurse in charge, was told.").startswith("[NAME], nurse")


def test_days_of_a_month_are_no_house_on_a_street() -> None:
    out = _redact("Away 16-18 Nov, back Tues.")
    assert "[ADDRESS]" not in out and "16" not in out, out


@pytest.mark.parametrize(
    "text", ["FBC on Sysmex XN-3000 analyser.", "Biometry with Tomey OA-2000.", "Mindray BC-6800"]
)
def test_an_analysers_model_after_its_maker_is_no_code(text: str) -> None:
    assert _redact(text) == text


def test_a_serial_number_after_an_analyser_still_goes() -> None:
    assert "4471" not in _redact("Sysmex XN-3000 analyser, serial SN 4471-ZX2")


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Dear Dr\nThank you for seeing her.", "Dear Dr\n"),  # a title alone names no one
        ("Acct# 44556677", "Acct# "),  # a form's short label is no name
        ("Prov. No. 2345678A", "Prov. No. "),
    ],
)
def test_labels_and_lone_titles_are_no_names(text: str, kept: str) -> None:
    out = _redact(text)
    assert out.startswith(kept) and "[NAME]" not in out, out


def test_a_name_after_dear_and_a_title_still_goes() -> None:
    assert _redact("Dear Dr Okafor,") == "Dear Dr [NAME],"


@pytest.mark.parametrize(
    "text",
    [
        "Father passed away at 93 of a stroke; mother is 96 and lives alone.",
        "Her grandfather lived to 102.",
        "Uncle, 91, visits weekly.",
        "His sister Oonagh is 97.",
        "Husband now 95 and frail.",
    ],
)
def test_a_relatives_age_over_89_goes(text: str) -> None:
    # Walk 20: Safe Harbor's ages over 89 are everyone's, the family's too.
    out = _redact(text)
    assert "90+" in out and re.search(r"\b(?:9\d|1[01]\d)\b(?!\+)", out) is None, out


@pytest.mark.parametrize(
    "text",
    [
        "Mother is 95% sure of the dates.",
        "Brother is 90 miles away.",
        "Father died at 64 of an MI.",
        "Wife, 92 kg, carries him.",
    ],
)
def test_a_relatives_measures_and_younger_ages_stay(text: str) -> None:
    assert "90+" not in _redact(text)


@pytest.mark.parametrize("label", ["Ref", "Reported", "Kennzeichen", "case", "Punjab"])
def test_a_label_before_a_long_run_of_blanks_is_read_at_once(label: str) -> None:
    # Walk 20: quadratic blank runs after a label took 3 to 45 s on 20,000 blanks. Measured as
    # a ratio (10,000 blanks, then 40,000), not against a clock.
    redactor = Redactor(shift_days=40)
    redactor.redact("warm up")
    assert_linear(lambda n: redactor.redact(label + " " * n + "x"), 10_000)
