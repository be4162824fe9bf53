"""Look-alike characters the recogniser puts inside clinical codes (l or I for 1, O for 0 and
the other way) are mended only where the token read is no word and the swap makes exactly one
code of the project's clinical vocabulary."""

from __future__ import annotations

import pytest

from medlocal.ingest.ocr.slips import ClinicalVocabulary, Slip, mend_slips


@pytest.mark.parametrize(
    ("read", "mended"),
    [
        ("HbAlc 8.1 %", "HbA1c 8.1 %"),
        ("HbAIc 53 mmol/mol", "HbA1c 53 mmol/mol"),
        ("Sp02 94% on air", "SpO2 94% on air"),
        ("C02 24 mmol/L", "CO2 24 mmol/L"),
        ("pC02 6.1 kPa", "pCO2 6.1 kPa"),
        ("FEVl 1.42 L", "FEV1 1.42 L"),
        ("CA-l25 35 U/mL", "CA-125 35 U/mL"),
    ],
)
def test_codes_misread_by_a_look_alike_are_mended(read: str, mended: str) -> None:
    assert mend_slips(read)[0] == mended


@pytest.mark.parametrize(
    "text",
    [
        "Collected 28/02/2025 08:40, lab no WP25-0088417",  # numbers never become codes ("O2")
        "Mr LI Wei",  # an English word as read ("li"), though "L1" is a code
        "TIL infiltrate",  # English "til", though "T11" is a code
        "C1 fracture; Cl 101 mmol/L",  # a code as read, and a swap that leaves no digit
        "T2 N0 M0",  # "NO" holds no digit
        "Lipid, Oil, Olanzapine, ALL, lOmg",  # words, or no code after any swap
        "HbA1c 8.1%, FEV1/FVC 0.58, SpO2 94%",  # already right
    ],
)
def test_words_numbers_and_right_codes_are_left_alone(text: str) -> None:
    assert mend_slips(text) == (text, ())


def test_the_vocabulary_decides_and_two_possible_codes_mend_nothing() -> None:
    vocabulary = ClinicalVocabulary.from_lists(["XY1Z", "QO1", "Q01", "multi word entry"])
    assert mend_slips("xylz and XYIZ", vocabulary) == (
        "xy1z and XY1Z",
        (Slip("xylz", "xy1z"), Slip("XYIZ", "XY1Z")),
    )
    assert mend_slips("HbAlc", vocabulary) == ("HbAlc", ())  # not in this vocabulary
    assert mend_slips("QOl", vocabulary) == ("QOl", ())  # QO1 or Q01: left as read


@pytest.mark.parametrize(
    ("read", "mended"),
    [
        ("D0B: 14/03/1948", "DOB: 14/03/1948"),  # walk 27, the pharmacy scan
        ("MRN KW-55102  D0B 14/03/1948", "MRN KW-55102  DOB 14/03/1948"),
        ("N0K: daughter", "NOK: daughter"),
        ("I0P 18 mmHg", "IOP 18 mmHg"),
    ],
)
def test_form_labels_read_with_a_digit_for_a_capital_are_mended(read: str, mended: str) -> None:
    text, slips = mend_slips(read)
    assert text == mended and len(slips) == 1


@pytest.mark.parametrize(
    "text",
    [
        "T1 hypointense, T2 N0 M0",  # a digit at the end: codes end with one
        "1D: once daily",  # or start with one
        "Dob 14/03/1948, D0b",  # not capitals
        "DOB: 14/03/1948, NOK: daughter",  # already right
        "X0Z: unknown",  # no known label results
        "D0B2 reading",  # a digit left that is no look-alike
    ],
)
def test_codes_and_unknown_labels_are_left_alone(text: str) -> None:
    assert mend_slips(text) == (text, ())
