"""redactfix35 (walk 38's redacted export): an organisation's initials after a name were read
as its last word ("Eleanor Hathersage NHS No:" became "[NAME] No:", and every bare "NHS" of the
export went with it); a year range in a reference's file name was read as a code
("gp_record_[ID].pdf"); the patient's husband, found by the surname they share, was typed
"Patient name"; adding a text already removed renumbered its line and said nothing (the GUI
test is in tests/gui/test_export_dialog.py); and a flag's date kept to its year read "date
'2023' does not appear in the cited passages" beside a passage that holds 2023."""

from __future__ import annotations

from datetime import date

import pytest

from medlocal.privacy.deid_plan import RedactionPlan, patient_name_type
from medlocal.privacy.redact import PatientIdentity, Redactor
from medlocal.rag.export import document_from_output, plan_export, redact_document
from medlocal.rag.flags import Flag

IDENTITY = PatientIdentity("Eleanor Hathersage", "SH-4471829", date(1952, 6, 14))


def _redactor(date_mode: str = "shift") -> Redactor:
    return Redactor(IDENTITY, shift_days=40, date_mode=date_mode)  # type: ignore[arg-type]


def _originals(text: str) -> list[str]:
    return [r.original for r in _redactor().preview(text)]


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        (
            "20/08/2023: Eleanor Hathersage NHS No: 943 476 5919",
            "Eleanor Hathersage",
            "[NAME] NHS No:",
        ),
        ("Signed: Dr Rupert Vance GMC 7012345", "Rupert Vance", "[NAME] GMC"),
        ("Nurse Alice Penrose NMC PIN 12A3456E", "Alice Penrose", "[NAME] NMC"),
        ("Mr Gordon Hathersage HCPC no. PA12345", "Gordon Hathersage", "[NAME] HCPC no."),
    ],
)
def test_an_organisations_initials_after_a_name_stay_out_of_it(
    text: str, name: str, label: str
) -> None:
    originals = _originals(text)
    assert any(name in o for o in originals), originals
    assert label in _redactor().redact(text)


def test_a_name_in_capitals_after_a_given_name_is_still_taken() -> None:
    # A surname has vowels: "Jean DUPONT" is one name, as before.
    assert "Jean DUPONT" in _originals("Seen with Jean DUPONT today.")


def test_initials_with_no_number_after_them_stay_in_the_name() -> None:
    # dev5a: a housing society's initials close the building's name.
    assert any("Krupa CHS" in o for o in _originals("Flat 602, Sai Krupa CHS, Andheri West"))


def test_a_bare_nhs_elsewhere_in_the_export_stays() -> None:
    fields = [
        ("body", "20/08/2023: Eleanor Hathersage NHS No: 943 476 5919 [1]"),
        ("reference 1", "Patient: Eleanor Hathersage NHS: 943 476 5919 DOB: 14 June 1952"),
    ]
    plan = RedactionPlan.build(fields, _redactor())
    assert not [it for it in plan.items if "NHS" in it.redaction.original]
    assert plan.apply("reference 1", fields[1][1]).startswith("Patient: [NAME] NHS: [ID]")


@pytest.mark.parametrize(
    "text",
    [
        "gp_record_2021-2024.pdf",
        "notes 1998-2004.docx",
        "Annual reviews 2021-2024 showed stable HbA1c.",
    ],
)
def test_a_range_of_years_is_no_identifier(text: str) -> None:
    assert _originals(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Ref 2019-2021",  # a number's label: the range is that number
        "record_1998-2231.pdf",  # 2231 is no year
        "Lab no. 2024-2019",  # backwards: no range
        "Order 12021-2024",  # part of a longer run of digits
    ],
)
def test_codes_shaped_like_years_stay_removed(text: str) -> None:
    assert _originals(text) != []


def test_a_reference_file_names_year_range_is_kept_in_the_plan() -> None:
    fields = [("body", "Seen [1]."), ("reference 1 file", "gp_record_2021-2024.pdf")]
    plan = RedactionPlan.build(fields, _redactor())
    assert plan.apply("reference 1 file", fields[1][1]) == "gp_record_2021-2024.pdf"


@pytest.mark.parametrize(
    ("original", "kind"),
    [
        ("Eleanor Hathersage", "patient_name"),
        ("Hathersage, Eleanor", "patient_name"),
        ("E. Hathersage", "patient_name"),
        ("Mrs Eleanor Hathersage", "patient_name"),
        ("Hathersage", "patient_name_part"),
        ("Eleanor", "patient_name_part"),
        ("Gordon Hathersage", "name"),
        ("Mr Gordon Hathersage", "name"),
    ],
)
def test_what_a_span_found_as_the_patients_name_is_called(original: str, kind: str) -> None:
    assert patient_name_type(original, IDENTITY) == kind


def test_the_husband_sharing_her_surname_is_not_typed_as_the_patient() -> None:
    fields = [("body", "Eleanor Hathersage lives with husband Gordon Hathersage.")]
    plan = RedactionPlan.build(fields, _redactor())
    types = {it.redaction.original: it.type for it in plan.items}
    assert types == {"Eleanor Hathersage": "patient_name", "Gordon Hathersage": "name"}
    # Keeping him still warns that the span holds part of her name.
    assert {it.redaction.original: it.own for it in plan.items}["Gordon Hathersage"] == (
        "patient_name"
    )


def test_a_text_already_removed_is_named_by_its_lines() -> None:
    fields = [
        ("body", "Admitted to Stepping Hill Hospital [1]."),
        ("reference 1", "Stepping Hill Hospital - Discharge Summary"),
    ]
    plan = RedactionPlan.build(fields, _redactor())
    numbers = [it.number for it in plan.items if it.redaction.original == "Stepping Hill Hospital"]
    assert len(numbers) == 2
    assert plan.already_removed("stepping hill") == numbers
    assert plan.already_removed("Discharge") == []  # not removed: adding it adds a line
    assert plan.already_removed("Larkfield") == []  # nowhere
    plan.keep(numbers[0], "a hospital named in a teaching case")
    assert plan.already_removed("Stepping Hill") == []  # adding it would override the keep


BODY = "20/08/2023: Eleanor Hathersage NHS No: 943 476 5919 [1]\n"
MESSAGE = (
    "unverified number: date '20/08/2023' does not appear in the cited passages; "
    "unverified number: number '943' does not appear in the cited passages; "
    "unverified number: number '476' does not appear in the cited passages; "
    "unverified number: number '5919' does not appear in the cited passages"
)


def _doc():  # type: ignore[no-untyped-def]
    source = {
        "number": 1, "document_id": 3, "chunk_id": 9, "file_name": "gp_record_2021-2024.pdf",
        "page": 32, "start": 0, "end": 60,
        "snippet": "Reviewed 20 August 2023. No chest pain. NHS: 943 476 5919",
    }  # fmt: skip
    flag = Flag(0, "unverified_number", "20/08/2023", MESSAGE, token_start=0, token_end=10)
    provenance = {"sources": [source]}
    return document_from_output("SOAP note", "summary", BODY, provenance, [flag.as_dict()])


def test_a_flags_date_kept_to_its_year_says_the_full_date_was_checked() -> None:
    doc = _doc()
    redacted = redact_document(doc, plan_export(doc, _redactor("year")))
    message = redacted.flags[0].message
    assert "date '2023' does not appear" not in message
    assert message.startswith(
        "unverified number: a date in 2023 (day and month removed) does not appear in the "
        "cited passages"
    )
    # The three groups of the NHS number: one clause, not three.
    assert message.count("number '[ID]' does not appear") == 1
    assert "943" not in message and "5919" not in message
    # (Here "record" may go too: the file name's line is read re-cased beside the flag's
    # lower-case wording, where "Record" is a listed surname; the years stay.)
    assert redacted.sources[0].file_name.endswith("_2021-2024.pdf")


def test_in_shift_mode_the_flag_quotes_the_shifted_date() -> None:
    doc = _doc()
    redacted = redact_document(doc, plan_export(doc, _redactor("shift")))
    message = redacted.flags[0].message
    assert "date '29/09/2023' does not appear in the cited passages" in message
