"""Walk 26's (and walk 25's) defects of a redacted export's file names, numbers and labels: a
clinical or service word of a file name removed ("referral_cardiology_2025-03-12.pdf",
"acat_assessment.pdf", "latin1_note.txt"), a letter's date removed as part of the fax number
before it, and the patient's surname quoted in a flag listed as a place."""

from __future__ import annotations

import pytest

from medlocal.privacy.deid_plan import RedactionPlan
from medlocal.privacy.redact import Redactor
from medlocal.rag.export import document_copy, patient_identity, plan_export

# The walk's referral letter as a reference's snippet quotes it (its lines run together).
_SNIPPET = (
    "BOGANDILLA RURAL HEALTH CLINIC 17 Wattle Creek Road, Bogandilla NSW 2871 Ph (02) 6344 7719 "
    "Fax (02) 6344 7720 12 March 2025 Dr Ignatius Ferrabee Cardiology …"
)


def _redactor(name: str | None = None) -> Redactor:
    return Redactor(patient_identity(name, None, None), shift_days=12)


def _title(file_name: str, body: str, patient: str | None = None) -> str:
    doc = document_copy(file_name, body, "0")
    return plan_export(doc, _redactor(patient)).apply("title", doc.title)


def _reference(file_name: str, snippet: str) -> str:
    fields = [("reference 2 file", file_name), ("reference 2", snippet)]
    return RedactionPlan.build(fields, _redactor()).apply("reference 2 file", file_name)


def test_a_clinical_word_a_snippet_lost_with_a_name_stays_in_the_file_name() -> None:
    assert _reference("referral_cardiology_2025-03-12.pdf", _SNIPPET) == (
        "referral_cardiology_2025-03-24.pdf"  # the date shifted, as everywhere
    )


def test_a_plain_word_of_a_removed_facility_stays_and_its_place_goes() -> None:
    body = "Seen at Dubbo Base Hospital on ward 3."
    assert _title("hospital_discharge.pdf", body) == "hospital_discharge.pdf"
    assert _title("discharge_dubbo.pdf", body) == "discharge_[FACILITY].pdf"


@pytest.mark.parametrize(
    "file_name", ["acat_assessment.pdf", "latin1_note.txt", "ndis_plan.docx", "greek_letter.pdf"]
)
def test_a_service_acronym_or_a_language_in_a_file_name_stays(file_name: str) -> None:
    assert _title(file_name, "Reviewed today. Bisoprolol 5 mg daily.") == file_name


@pytest.mark.parametrize(
    ("file_name", "body", "patient", "gone"),
    [
        ("thornbury_letter.pdf", "Reviewed today.", "Margaret Thornbury", ["thornbury"]),
        ("thornbury_letter.pdf", "Reviewed today.", None, ["thornbury"]),
        ("smith_john_referral.docx", "Reviewed today.", None, ["smith", "john"]),
        ("smith_john_referral.docx", "Reviewed today.", "John Smith", ["smith", "john"]),
        ("referral_dr_white.pdf", "Reviewed today.", None, ["white"]),
        ("wattle_creek_road.pdf", "Lives at 17 Wattle Creek Road, Bogandilla.", None, ["wattle"]),
    ],
)
def test_a_name_or_a_place_in_a_file_name_is_still_removed(
    file_name: str, body: str, patient: str | None, gone: list[str]
) -> None:
    title = _title(file_name, body, patient)
    assert not any(word in title.lower() for word in gone), title
    assert title.endswith(file_name[file_name.rindex(".") :])


@pytest.mark.parametrize(
    ("text", "number", "date"),
    [
        ("Fax (02) 6344 7720 12 March 2025", "Fax [FAX]", "24 March 2025"),
        ("Ph 0412 558 903 12/03/2025 seen", "Ph [PHONE]", "24/03/2025"),
        ("Tel +61 2 6344 7720 12 Mar 2025", "Tel [PHONE]", "24 Mar 2025"),
        ("Mobile 0412 558 903 12.03.2025", "Mobile [PHONE]", "24.03.2025"),
    ],
)
def test_a_date_after_a_phone_number_is_shifted_not_removed_with_it(
    text: str, number: str, date: str
) -> None:
    redactor = Redactor(shift_days=12, day_first=True)
    assert redactor.redact(text).startswith(f"{number} {date}")
    kinds = [red.kind for red in redactor.preview(text)]
    assert kinds[-1] == "date" and len(kinds) == 2


def test_a_phone_number_alone_still_goes_whole() -> None:
    assert Redactor(shift_days=12).redact("Fax (02) 6344 7720 or Ph 0412 558 903.") == (
        "Fax [FAX] or Ph [PHONE]."
    )


def test_the_patients_surname_quoted_in_a_flag_is_hers_wherever_it_stands() -> None:
    message = (
        "'Thornbury': the cited passage says this concerns the patient's daughter: "
        '"Her daughter Rosalind Thornbury drives her to appointments."'
    )
    fields = [("flag 1", "Thornbury"), ("flag 1 message", message)]
    plan = RedactionPlan.build(fields, _redactor("Margaret Thornbury"), {"flag 1 message"})
    kinds = {it.redaction.kind for it in plan.items if it.redaction.original == "Thornbury"}
    assert kinds == {"patient_name"}
    assert [it.where for it in plan.items].count("flag 1 message") == 2


@pytest.mark.parametrize("text", ["Mrs Jones' wife rang.", "Spoke to 'Jones' today."])
def test_one_word_read_twice_takes_the_patients_type(text: str) -> None:
    found = _redactor("Brien Jones").preview(text)
    assert [(red.kind, red.original) for red in found] == [("patient_name", "Jones")]


def test_an_apostrophe_inside_a_word_still_joins_it() -> None:
    found = _redactor("Brien Jones").preview("Seen by O'Brien today.")
    assert [red.kind for red in found] == ["name"]  # another person, not the patient
