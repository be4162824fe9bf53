"""deidfix33 (walk 35): a name's span took the next line's first word and joined two lines; a
field's label, an identity scheme's name and a full title were removed as identifiers; a
department after a whole hospital's name went with it."""

from __future__ import annotations

import pytest

from medlocal.privacy.deid_span_ends import line_breaks_kept
from medlocal.privacy.deid_spans import Redaction
from medlocal.privacy.redact import PatientIdentity, Redactor


def _redactor() -> Redactor:
    return Redactor(PatientIdentity("Mortimer Fenwick", "FN-771204", None), shift_days=40)


def _originals(text: str) -> list[str]:
    return [r.original for r in _redactor().preview(text)]


@pytest.mark.parametrize(
    ("text", "name", "label_line"),
    [
        (
            "UID: 4821 7730 5519   Referred by: Dr. Ashwin Kulkarni\n"
            "Sample collected: 18/06/2026 08:40\n",
            "Ashwin Kulkarni",
            "Sample collected:",
        ),
        (
            "Transport: crew Liam Dunphy and Ava Brightwater\n"
            "Reason for transfer: fall at 01:30 with right hip pain\n",
            "Ava Brightwater",
            "Reason for transfer:",
        ),
        (
            "Seen with her son Callum Pettigrew\nReason (stated): dizziness on standing\n",
            "Callum Pettigrew",
            "Reason (stated):",
        ),
    ],
)
def test_a_whole_name_does_not_take_the_next_lines_label(
    text: str, name: str, label_line: str
) -> None:
    assert name in _originals(text)
    redacted = _redactor().redact(text)
    assert f"\n{label_line}" in redacted


def test_a_one_word_name_still_takes_its_surname_wrapped_onto_the_next_line() -> None:
    # Walk 22's wrap stays: the sentence runs on after the surname.
    text = "Spoke with Mr Frank\nBishop, says she is eating well."
    assert any("Bishop" in o for o in _originals(text))


@pytest.mark.parametrize(
    ("original", "replacement", "written"),
    [
        ("Frank\nBishop", "[NAME]", "[NAME]\n[NAME]"),
        ("Ava Brightwater \n  Reason", "[NAME]", "[NAME] \n  [NAME]"),
        ("March\n3, 2025", "February 1, 2025", "February 1, 2025\n"),
        ("Frank Bishop", "[NAME]", "[NAME]"),
    ],
)
def test_a_line_break_inside_a_span_survives_in_its_replacement(
    original: str, replacement: str, written: str
) -> None:
    kind = "date" if "2025" in original else "name"
    red = Redaction(kind, 10, 10 + len(original), original, replacement)
    assert line_breaks_kept(red).replacement == written


def test_the_redacted_text_keeps_its_line_count() -> None:
    text = "Spoke with Mr Frank\nBishop, says she is eating well.\nPlan: review in 2 weeks.\n"
    assert _redactor().redact(text).count("\n") == text.count("\n")


@pytest.mark.parametrize(
    "text",
    [
        "Address: Flat 12, Gulmohar Residency, Koregaon Park, Pune 411001 Mobile: +91 98220 41763",
        "Home: 58 Portsmouth Crescent, Kingston ON K7M 2N4 Contact number: 613-555-0199",
    ],
)
def test_a_fields_label_after_an_address_stays(text: str) -> None:
    redacted = _redactor().redact(text)
    label = "Mobile:" if "Mobile" in text else "Contact number:"
    assert label in redacted
    assert "98220" not in redacted and "555-0199" not in redacted


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("UID (Aadhaar): 4821 7730 5519   Referred by: Dr. Ashwin Kulkarni", "4821"),
        ("Health card (OHIP): 4412-983-507-KT", "4412"),
        ("Aadhaar: 2290 4417 8813 verified", "2290"),
    ],
)
def test_an_identity_schemes_name_is_its_label_not_a_name(text: str, number: str) -> None:
    redacted = _redactor().redact(text)
    scheme = next(w for w in ("Aadhaar", "OHIP") if w in text)
    assert scheme in redacted
    assert number not in redacted


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Yours sincerely,\nProfessor Declan Ruane, FRCPI\nConsultant Cardiologist", "Professor"),
        ("Reviewed with Doctor Declan Ruane today.", "Doctor"),
    ],
)
def test_a_title_written_in_full_stays_outside_the_name(text: str, title: str) -> None:
    redacted = _redactor().redact(text)
    assert f"{title} [NAME]" in redacted
    assert "Ruane" not in redacted


@pytest.mark.parametrize(
    ("text", "facility", "service"),
    [
        (
            "Transferring to: Lakeshore General Hospital Emergency Department",
            "Lakeshore General Hospital",
            "Emergency Department",
        ),
        (
            "Admitted to Royal Perth Hospital Intensive Care Unit overnight.",
            "Royal Perth Hospital",
            "Intensive Care Unit",
        ),
    ],
)
def test_a_service_after_a_whole_hospital_stays_outside_its_span(
    text: str, facility: str, service: str
) -> None:
    assert facility in _originals(text)
    assert f"[FACILITY] {service}" in _redactor().redact(text)


def test_a_named_ward_after_a_hospital_still_goes_with_it() -> None:
    text = "Seen at St Mary's Hospital Cedar Ward."
    assert "Cedar" not in _redactor().redact(text)


def test_a_stamps_time_goes_and_a_clinical_time_after_a_date_stays() -> None:
    """Walk 35 read the two as inconsistent; they are the policy of rounds 14 and 20: the time
    a report was signed or issued goes with its date, the time a sample was taken or a dose
    given is clinical and stays (a first version removed both and broke five tests of it)."""
    redacted = _redactor().redact("Sample collected: 18/06/2026 08:40   Reported: 18/06/2026 14:05")
    assert "08:40" in redacted and "14:05" not in redacted and "[TIME]" in redacted


def test_a_clock_time_without_a_date_stays() -> None:
    text = "Reason for transfer: fall at 01:30 with right hip pain. Paracetamol given at 01:50."
    redacted = _redactor().redact(text)
    assert "01:30" in redacted and "01:50" in redacted
    # and a dose after a date is no clock time
    assert "2.5 mg" in _redactor().redact("Started 12/03/2024 2.5 mg daily")
