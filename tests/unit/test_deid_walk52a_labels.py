"""Walk 52a L2: a lab table's column header "Range" and the label "Hosp no" were removed as
names ("Test  Result  Units  [NAME]", "[NAME] no [MRN]"); a row of people and a hospital named
in words still go."""

from __future__ import annotations

import pytest

from medlocal.privacy.redact import PatientIdentity, Redactor


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor(identity=PatientIdentity("Eleanor Whitcombe", "WHC-558213"))


@pytest.mark.parametrize(
    "text",
    [
        "Test  Result  Units  Range\nHaemoglobin  128  g/L  115-165\n",
        "Test\tResult\tUnits\tRange\tComment\nSodium\t139\tmmol/L\t133-146\t\n",
        "Analyte | Value | Units | Range\nPotassium | 4.1 | mmol/L | 3.5-5.3\n",
    ],
)
def test_a_header_rows_label_stays(redactor: Redactor, text: str) -> None:
    assert "Range" in redactor.redact(text)


@pytest.mark.parametrize(
    ("text", "kept", "gone"),
    [
        ("Hosp no WHC-558213", "Hosp no", "WHC-558213"),
        ("Hosp no: 7734120", "Hosp no:", "7734120"),
        ("Hosp. No. 7734120", "Hosp. No.", "7734120"),
    ],
)
def test_an_identifiers_label_stays_and_the_identifier_goes(
    redactor: Redactor, text: str, kept: str, gone: str
) -> None:
    out = redactor.redact(text)
    assert kept in out and gone not in out, out


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Attendees  Rose  Hope  Grace\n", "Hope"),  # a row of people, not of labels
        ("Transferred to Royal Free Hosp on Monday.", "Royal Free"),
        ("Seen by Dr Hastings, ward round.", "Hastings"),
    ],
)
def test_names_beside_such_words_still_go(redactor: Redactor, text: str, gone: str) -> None:
    assert gone not in redactor.redact(text)
