"""Review 52b F6 and F12: walk 52a's label exemptions let names through. A titled surname that
spells an identifier label's word ("Mr White card …") is a name; a surname that is an English
word alone in a digit-free row of labels ("… Comment    Baker") is no column heading."""

from __future__ import annotations

from datetime import date

import pytest

from medlocal.privacy.redact import PatientIdentity, Redactor


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor(
        identity=PatientIdentity("Eleanor Margaret Whitcombe", "WHC-558213", date(1951, 4, 17))
    )


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Husband Mr White card 4471902K", "White"),
        ("Daughter Ms Chi 0104511234", "Chi"),
        ("Seen by Dr Dossier 7734120", "Dossier"),
        ("Carer Mr Folio 7734120", "Folio"),
    ],
)
def test_a_titled_name_that_spells_a_label_goes(redactor: Redactor, text: str, name: str) -> None:
    out = redactor.redact(text)
    assert name not in out and "[NAME]" in out, out


@pytest.mark.parametrize("label", ["Whitby Hosp no 7734120", "Grace Hosp no 7734120"])
def test_an_untitled_label_still_stays(redactor: Redactor, label: str) -> None:
    assert " no [MRN]" in redactor.redact(label)


@pytest.mark.parametrize("surname", ["Baker", "Cook", "Fisher", "Bishop", "Turner", "Miller"])
def test_a_surname_in_a_row_of_labels_goes(redactor: Redactor, surname: str) -> None:
    row = f"Test    Result    Units    Comment    {surname}\nSeen today.\n"
    assert surname not in redactor.redact(row)


def test_a_column_heading_over_values_stays(redactor: Redactor) -> None:
    text = "Test    Result    Units    Range    Flag\nSodium    139    mmol/L    133-146    N\n"
    out = redactor.redact(text)
    assert "Range" in out and "Flag" in out, out
