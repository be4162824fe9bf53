"""The scorer's label convention (issue 16, session 53): an identifier's opening label ("SN",
"Lot no.", "VIN:") is not part of the identifier, in every half, whether the half marked it inside
the span (the older ones) or outside (the newer ones). It changes the measure, not the redactor,
and it trims only what the redactor itself keeps in view."""

from __future__ import annotations

from datetime import date

import pytest
from fixtures.deid_corpus import Note, Span, _parse_body, label_trimmed, score

from medlocal.privacy.redact import PatientIdentity, Redactor


def _note(marked: str) -> Note:
    text, idents, clinical = _parse_body(marked)
    return Note("n1", "note", "Ann Example", "MRN0001", date(1950, 1, 1), text, idents, clinical)


def _trimmed(marked: str) -> Span | None:
    note = _note(marked)
    (ident,) = note.identifiers
    return label_trimmed(note.text, ident)


@pytest.mark.parametrize(
    ("marked", "code"),
    [
        ("Generator explanted, {DEVICE|SN 4471-A} returned.\n", "4471-A"),
        ("Mesh {DEVICE|Lot no. 24H119302} used.\n", "24H119302"),
        ("Pump {DEVICE|serial number: PX88-31-209} checked.\n", "PX88-31-209"),
        ("Car {VEHICLE|VIN: 1HGCM82633A004352} at the scene.\n", "1HGCM82633A004352"),
        ("Hospital {MRN|MRN 88120455} on the band.\n", "88120455"),
        ("Renewal of {LICENSE|licence no. D1234-56} pending.\n", "D1234-56"),
        ("Imaging {ID|ACC#7718440-CT} reported.\n", "7718440-CT"),
    ],
)
def test_an_opening_label_is_trimmed_from_the_identifier(marked: str, code: str) -> None:
    span = _trimmed(marked)
    assert span is not None and span.text == code


def test_a_label_at_the_end_stays_in_the_span() -> None:
    # The redactor gives back a label only before the identifier it names, so a trailing label
    # word is scored as marked (no half has one in a code's span; the audit counted 0).
    span = _trimmed("Returned generator {DEVICE|4471-A serial} to the maker.\n")
    assert span is not None and span.text == "4471-A serial"


def test_a_span_that_is_only_a_label_is_not_counted() -> None:
    assert _trimmed("Batch label read {DEVICE|Lot #} only.\n") is None
    note = _note("Batch label read {DEVICE|Lot #} only; {DEVICE|SN 4471-A} kept.\n")
    code = note.text.index("4471-A")
    result = score([note], lambda _n: [(code, code + 6)], labels_outside=True)
    assert result.total["DEVICE"] == 1 and result.found["DEVICE"] == 1


@pytest.mark.parametrize(
    "marked",
    [
        # A word that spells a label is a surname after a title, relation or role.
        "Husband Mr {ID|Lot 4471902} visited.\n",
        "Seen by Dr {ID|Case 7734120} today.\n",
        # Names, places and dates are never trimmed: "Kit", "Lot", "Unit" open them.
        "Seen with {PERSON|Lot Hansen} and {PERSON|Kit Tulloch}.\n",
        "Lives at {STREET|Lot 4, Drumgallan Road}.\n",
        # A label only as a whole word: "Caseworker" and "Lothian" open with none.
        "Ref {ID|Caseworker-4471} filed.\n",
        "Card {HEALTHPLAN|Lothian 4471902} shown.\n",
        # A label run into its code is one token the redactor removes whole.
        "Generator {DEVICE|SN4471A} returned.\n",
    ],
)
def test_a_word_that_only_looks_like_a_label_is_not_trimmed(marked: str) -> None:
    note = _note(marked)
    for ident in note.identifiers:
        assert label_trimmed(note.text, ident) is ident


def test_the_trimmed_span_is_what_the_redactor_removes_and_the_old_measure_is_kept() -> None:
    # The real redactor keeps "SN" and "Lot" in view and removes the codes: a miss as marked,
    # found under the convention. The surname after "Mr" is removed and must be scored whole.
    note = _note(
        "Generator explanted, {DEVICE|SN 4471-A} returned. Mesh {DEVICE|Lot 24H119302} used.\n"
        "Husband Mr {PERSON|Lot} visited.\n"
    )
    redactor = Redactor(PatientIdentity(note.patient_name, note.mrn, note.dob), shift_days=40)
    removed = [(r.start, r.end) for r in redactor.preview(note.text)]
    as_marked = score([note], lambda _n: removed)
    outside = score([note], lambda _n: removed, labels_outside=True)
    assert (as_marked.found["DEVICE"], as_marked.total["DEVICE"]) == (0, 2)
    assert (outside.found["DEVICE"], outside.total["DEVICE"]) == (2, 2)
    assert outside.found["PERSON"] == as_marked.found["PERSON"] == 1
