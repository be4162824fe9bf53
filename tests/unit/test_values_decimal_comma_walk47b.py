"""Numbers and dates as European and Latin American letters write them (walk 47b D1, D4, D14):
a decimal comma ("Kreatinin 1,2 mg/dl") is a decimal, a dotted date ("03.04.2025") is day
first, and an impossible date ("20.16.2019") is a date that nothing confirms; the English
readings (thousands groups, lists, blood pressures, "12.30") hold."""

from __future__ import annotations

import pytest

from medlocal.document_dates import iso_when_clear
from medlocal.values import Value, extract_values, is_supported

# A German lab report as the walk's two-column PDF gave it (the unit wrapped onto a new line).
LAB_REPORT = """Laborbefund vom 03.04.2025
Klinische Angaben: arterielle Hypertonie. Die Patientin nimmt Ramipril 2,5
mg einmal täglich und Amlodipin 5 mg.
Kreatinin 1,2 mg/dl (Referenz 0,5–0,9)
eGFR (CKD-EPI) 52 ml/min/1,73m²
Kalium 4,8 mmol/l (Referenz 3,5–5,1)
Hämoglobin 12,4 g/dl
Kontrolle in drei Monaten (am 03.07.2025) empfohlen."""

# The Icelandic anticoagulation letter: "INR today 2,8" has no unit; the letter's doses do.
INR_LETTER = (
    "Mr Þórsson attended the anticoagulation clinic. INR today 2,8 (target 2,0–3,0).\n"
    "Warfarin 2,5 mg daily on weekdays and 5 mg on Saturdays and Sundays."
)


def _numbers(text: str) -> list[tuple[str, str | None]]:
    return [(v.canonical, v.unit) for v in extract_values(text) if v.kind == "number"]


def _checked(claim: str, evidence: str) -> list[tuple[str, bool]]:
    found = extract_values(evidence)
    return [(v.raw, is_supported(v, found)) for v in extract_values(claim) if v.kind == "number"]


def test_a_lab_reports_decimal_commas_are_decimals() -> None:
    numbers = _numbers(LAB_REPORT)
    for expected in [
        ("2.5", "mg"),
        ("5", "mg"),
        ("1.2", "mg/dl"),
        ("0.5", None),
        ("0.9", None),
        ("52", "ml/min/1.73m2"),
        ("4.8", "mmol/l"),
        ("3.5", None),
        ("5.1", None),
        ("12.4", "g/dl"),
    ]:
        assert expected in numbers
    assert ("1", None) not in numbers and ("2", None) not in numbers


def test_the_wrong_creatinine_is_flagged_and_the_right_one_passes() -> None:
    """Walk 47b D1: "1,9 mg/dl" and "1 mg/dl" passed against "Kreatinin 1,2 mg/dl" and the
    correct "1.2 mg/dl" was flagged."""
    claims = "Creatinine 1,9 mg/dl. Creatinine 1 mg/dl. Creatinine 1.2 mg/dl. Creatinine 12 mg/dl."
    assert _checked(claims, LAB_REPORT) == [
        ("1,9 mg/dl", False),
        ("1 mg/dl", False),
        ("1.2 mg/dl", True),
        ("12 mg/dl", False),
    ]
    assert _checked("Potassium 4.8 mmol/l, temperature 38,2 °C", LAB_REPORT + " 38,2 °C") == [
        ("4.8 mmol/l", True),
        ("38,2 °C", True),
    ]


def test_a_number_without_unit_follows_the_texts_convention() -> None:
    assert _numbers(INR_LETTER) == [
        ("2.8", None),
        ("2", None),  # "2,0"
        ("3", None),
        ("2.5", "mg"),
        ("5", "mg"),
    ]
    assert _checked("INR 2.8", INR_LETTER) == [("2.8", True)]
    # A range of decimal commas says the convention too.
    assert _numbers("INR 2,8 (target 2,0-3,0)") == [("2.8", None), ("2", None), ("3", None)]


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("Metformin 1,200 mg daily", [("1200", "mg")]),
        ("Heparin 10,000 units", [("10000", "unit")]),
        ("Platelets 150,000", [("150000", None)]),
        # A list of numbers, not 1.2: no unit and nothing else in the text writes decimals so.
        # (its 2 was dropped until session 58: a pair not read as a decimal is a list of two)
        ("Cycles 1,2 and 3 were given", [("1", None), ("2", None), ("3", None)]),
        ("BP 120/80, HR 72", [("72", None)]),
        ("Seen at 12.30", [("12.3", None)]),
        ("Ramipril 2.5 mg and 1,000 mg", [("2.5", "mg"), ("1000", "mg")]),
    ],
)
def test_english_readings_hold(text: str, numbers: list[tuple[str, str | None]]) -> None:
    assert _numbers(text) == numbers


def test_a_decimal_comma_in_a_list_of_doses_keeps_each_dose() -> None:
    assert _numbers("Bisoprolol 2,5 mg, furosemide 40 mg, spironolactone 12,5 mg") == [
        ("2.5", "mg"),
        ("40", "mg"),
        ("12.5", "mg"),
    ]


def _dates(text: str) -> list[tuple[str, str | None]]:
    return [(v.canonical, v.alt) for v in extract_values(text) if v.kind == "date"]


def test_a_dotted_date_is_day_first() -> None:
    """Walk 47b D4: "03.04.2025" was held as 4 March with 3 April as the alternative."""
    assert _dates("Laborbefund vom 03.04.2025") == [("2025-04-03", None)]
    assert _dates("Fecha de alta: 14.02.2025; revisión el 21.03.2025") == [
        ("2025-02-14", None),
        ("2025-03-21", None),
    ]
    # A slashed date still keeps both readings where the text does not say.
    assert _dates("Seen 03/04/2025") == [("2025-03-04", "2025-04-03")]
    # The document's own date reads one way, as the redaction's date shift reads it.
    assert iso_when_clear("03.04.2025") == "2025-04-03"
    claimed = extract_values("on 3 April 2025")
    assert is_supported(claimed[0], extract_values("Laborbefund vom 03.04.2025"))
    assert not is_supported(extract_values("on 4 March 2025")[0], extract_values("03.04.2025"))


def test_an_impossible_date_is_a_date_no_passage_confirms() -> None:
    """Walk 47b D14: "20.16.2019" was checked as the number 20.16."""
    found = extract_values("Echo on 20.16.2019 showed an EF of 35 %")
    assert [(v.kind, v.raw) for v in found][:1] == [("date", "20.16.2019")]
    assert not any(v.kind == "number" and v.canonical == "20.16" for v in found)
    date = next(v for v in found if v.kind == "date")
    assert not is_supported(date, extract_values("Echo 20.06.2019: EF 35 %"))
    assert is_supported(date, [Value("date", "20.16.2019", None, "20.16.2019")])
