"""Walk 30: OCR of a fax split a date of birth with a stray blank ("DOB: 14/06/1 948"), and the
redacted export kept it whole. After a label that says what the value is (DOB, date of birth,
born, a line's "Date:"), a value that is a date once its blanks are gone is removed whole; the
blanks of other text are not read as dates."""

from __future__ import annotations

import pytest

from medlocal.privacy.redact import Redactor


def _removed(text: str) -> list[tuple[str, str, str]]:
    return [(r.kind, r.original, r.replacement) for r in Redactor(shift_days=12).preview(text)]


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("DOB: 14/06/1 948. Seen today.", "14/06/1 948", "dob"),
        ("Date of birth: 14/0 6/1948", "14/0 6/1948", "dob"),
        ("D.O.B. 1 4-06-1948", "1 4-06-1948", "dob"),
        ("DOB 14-Jun-19 48 (aged 77)", "14-Jun-19 48", "dob"),
        ("Born on 2 3.11.1951 in hospital", "2 3.11.1951", "dob"),
        ("Date: 12/03 /2025\nDear Dr Ahmed,", "12/03 /2025", "date"),
    ],
)
def test_a_labelled_date_split_by_a_scan_goes_whole(text: str, value: str, kind: str) -> None:
    found = _removed(text)
    assert (kind, value, "[DOB]" if kind == "dob" else "[DATE]") in found, found


@pytest.mark.parametrize(
    "text",
    [
        "Date: 3 5 mg given at night.",  # doses, not a date
        "Dated 14 06 and reviewed.",  # no label of the kinds read
        "Creatinine 1 48 umol/L on the same day.",
    ],
)
def test_blanks_elsewhere_are_not_dates(text: str) -> None:
    assert [k for k, _, _ in _removed(text) if k in ("date", "dob")] == [], _removed(text)


def test_a_whole_date_of_birth_is_read_as_before() -> None:
    assert _removed("DOB: 14/06/1948 77 years") == [("dob", "14/06/1948", "[DOB]")]


def test_a_letters_date_before_its_greeting_is_no_street() -> None:
    """Walk 30: "Date: 12/03/2025 Dear Dr Kowalczyk," (a snippet runs the lines together)
    became "[ADDRESS] [NAME],": the year read as a house number on a "Dear Drive"."""
    found = _removed("Date: 12/03/2025 Dear Dr Kowalczyk, thank you for seeing her.")
    assert [k for k, _, _ in found] == ["date", "name"], found
    assert ("street_address", "12 Rosewood Dr", "[ADDRESS]") in _removed("12 Rosewood Dr, Leeds")
