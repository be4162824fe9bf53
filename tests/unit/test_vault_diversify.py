"""Near-duplicate passages (a bundle's repeated progress notes) make way for other evidence;
versions that change a clinical value (an updated summary, a corrected lab) do not."""

from __future__ import annotations

import pytest

from medlocal.vault.diversify import (
    collapse_identical,
    dated_apart,
    demote_near_duplicates,
    hit_date,
    newer_version,
    versions_differ,
)
from medlocal.vault.records import SearchHit


def _hit(
    chunk_id: int, text: str, document_id: int = 1, document_date: str | None = None
) -> SearchHit:
    return SearchHit(
        chunk_id,
        document_id,
        1,
        "a.json",
        None,
        0,
        len(text),
        None,
        text,
        1.0,
        None,
        None,
        document_date=document_date,
    )


NOTE = "Nursing note: resting comfortably, weights recorded, no chest pain. Day {} of admission."


def test_repeats_move_behind_new_evidence() -> None:
    hits = [
        _hit(1, NOTE.format(1)),
        _hit(2, NOTE.format(2)),
        _hit(3, NOTE.format(3)),
        _hit(4, "Empagliflozin 10 mg daily; reason: heart failure with reduced ejection fraction."),
        _hit(5, "Date of birth: 1948-07-14."),
    ]
    assert [h.chunk_id for h in demote_near_duplicates(hits, 3)] == [1, 4, 5]
    # With room to spare the repeats are still returned, after everything else.
    assert [h.chunk_id for h in demote_near_duplicates(hits, 10)] == [1, 4, 5, 2, 3]


def test_different_passages_keep_their_order() -> None:
    hits = [_hit(i, f"Passage {i} about topic {'abcdefgh'[i]} alone.") for i in range(6)]
    assert [h.chunk_id for h in demote_near_duplicates(hits, 4)] == [0, 1, 2, 3]


SUMMARY = (
    "Discharge summary. Type 2 diabetes, poorly controlled. Medications on discharge: metformin "
    "{dose} twice daily, atorvastatin 40 mg nightly, ramipril 5 mg daily. Follow up in diabetes "
    "clinic with repeat HbA1c."
)
FILLER = ["Social history: lives alone, retired teacher.", "Allergies: penicillin (rash)."]


def _ids(hits: list[SearchHit]) -> list[int]:
    return [h.chunk_id for h in hits]


def test_an_updated_document_keeps_both_versions_newest_first() -> None:
    # The superseded summary (document 3) ranks first, the revision (document 7) third.
    hits = [
        _hit(1, SUMMARY.format(dose="500 mg"), document_id=3),
        _hit(2, FILLER[0], document_id=4),
        _hit(3, SUMMARY.format(dose="1 g"), document_id=7),
        _hit(4, FILLER[1], document_id=5),
    ]
    assert _ids(demote_near_duplicates(hits, 3)) == [3, 2, 1]
    # Ranked the other way round, the newer one keeps the better slot.
    assert _ids(demote_near_duplicates([hits[2], hits[1], hits[0]], 3)) == [3, 2, 1]


def test_a_newer_version_ranked_past_k_still_comes_in() -> None:
    hits = [
        _hit(1, SUMMARY.format(dose="500 mg"), document_id=3),
        _hit(2, FILLER[0], document_id=4),
        _hit(3, FILLER[1], document_id=5),
        _hit(4, SUMMARY.format(dose="1 g"), document_id=7),
    ]
    assert _ids(demote_near_duplicates(hits, 3)) == [4, 2, 1]
    # An older version past k does not displace other evidence: the newer value is there.
    older = [hits[3], hits[1], hits[2], hits[0]]
    assert _ids(demote_near_duplicates(older, 3)) == [4, 2, 3]


def test_a_corrected_lab_value_is_not_demoted() -> None:
    report = (
        "Renal profile, collected 2024-05-02. Sodium 139 mmol/L, potassium {k} mmol/L, urea "
        "6.2 mmol/L, creatinine 88 umol/L, eGFR 71 mL/min/1.73m2. Specimen not haemolysed."
    )
    hits = [
        _hit(1, report.format(k="6.1"), document_id=1),
        _hit(2, "Ward round: hyperkalaemia protocol discussed.", document_id=2),
        _hit(3, "Amended: " + report.format(k="4.2"), document_id=3),
        _hit(4, FILLER[0], document_id=2),
    ]
    assert _ids(demote_near_duplicates(hits, 3)) == [3, 2, 1]


def test_the_same_value_written_another_way_is_still_a_repeat() -> None:
    hits = [
        _hit(1, SUMMARY.format(dose="1 g"), document_id=1),
        _hit(2, SUMMARY.format(dose="1000mg"), document_id=2),
        _hit(3, FILLER[0]),
    ]
    assert _ids(demote_near_duplicates(hits, 2)) == [1, 3]


def test_identical_copies_from_two_documents_are_still_demoted() -> None:
    hits = [
        _hit(1, SUMMARY.format(dose="500 mg"), document_id=1),
        _hit(2, SUMMARY.format(dose="500 mg"), document_id=9),
        _hit(3, FILLER[0], document_id=2),
        _hit(4, FILLER[1], document_id=2),
    ]
    assert _ids(demote_near_duplicates(hits, 3)) == [1, 3, 4]


def test_repeated_notes_differing_in_dates_times_and_day_counts_are_still_demoted() -> None:
    note = (
        "Progress note {date} {time}. Hospital day {day}, admitted {day} days ago with "
        "pneumonia. Afebrile, no chest pain, tolerating diet. Continue amoxicillin 500 mg q8h."
    )
    hits = [
        _hit(1, note.format(date="2024-03-0" + str(d), time=f"0{d}:30", day=d), document_id=d)
        for d in (2, 3, 4)
    ] + [_hit(4, FILLER[0]), _hit(5, FILLER[1])]
    assert _ids(demote_near_duplicates(hits, 3)) == [1, 4, 5]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Left knee effusion, aspirated.", "Right knee effusion, aspirated."),
        ("Chest X-ray: consolidation.", "Chest X-ray: no consolidation."),
        ("Warfarin 5 mg daily.", "Warfarin 5 mg daily, stopped."),
        ("BP 150/90, HR 88.", "BP 130/80, HR 88."),
        ("INR 2.4 today.", "INR 3.4 today."),
        ("Paracetamol 1 g q6h.", "Paracetamol 1 g q8h."),
        ("Troponin <0.01.", "Troponin 0.5."),
    ],
)
def test_versions_differ_on_values_negation_and_side(before: str, after: str) -> None:
    assert versions_differ(before, after)
    assert versions_differ(after, before)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Seen 2024-01-02 at 09:00, day 3.", "Seen 2024-01-03 at 10:15, day 4."),
        ("Admitted 3 days ago.", "Admitted 4 days ago."),
        ("Metformin 1 g bd.", "Metformin 1000 mg bd."),
    ],
)
def test_versions_do_not_differ_on_dates_times_counts_or_units(before: str, after: str) -> None:
    assert not versions_differ(before, after)


def test_identical_texts_collapse_to_the_best_ranked() -> None:
    line = "Potassium 4.5 mmol/L "
    hits = [
        _hit(1, line * 60, document_id=9),
        _hit(2, "POTASSIUM 5.4 mmol/L (H)", document_id=3),
        _hit(3, (line * 70)[10:], document_id=9),  # the same line, cut at another offset
        _hit(4, "potassium  5.4 mmol/L\n(H)", document_id=4),  # spacing and case only
        _hit(5, line * 2 + "Potassium 4.6 mmol/L", document_id=5),  # another value: kept
    ]
    seen: set[str] = set()
    assert _ids(collapse_identical(hits, seen)) == [1, 2, 5]
    assert _ids(collapse_identical([_hit(6, line * 3)], seen)) == []


LAB = (
    "Lister Meadows Pathology Laboratory - Clinical Chemistry Report\n"
    "Patient: OYELARAN-PIKE, Margery  Sample collected: {when}\nRequested by: Fernbrook Surgery\n"
    "HbA1c {a1c} mmol/mol  eGFR {egfr} mL/min/1.73m2  Creatinine {cr} umol/L\n"
    "Potassium 4.6 mmol/L [3.5-5.3]\nAuthorised by: J. Terwilliger, Biomedical Scientist"
)


def test_lab_reports_of_different_own_dates_are_a_series_not_versions() -> None:
    # Walk 42g: the 2026 report imported first (document 3), the 2025 one later (document 7).
    # Both are kept in rank order; the later import does not take the older date's slot.
    new = LAB.format(when="02.06.2026", a1c=75, egfr=39, cr=126)
    old = LAB.format(when="10/06/2025", a1c=58, egfr=61, cr=88)
    hits = [
        _hit(1, new, document_id=3, document_date="2026-06-02"),
        _hit(2, FILLER[0], document_id=4),
        _hit(3, old, document_id=7, document_date="2025-06-10"),
    ]
    assert dated_apart(hits[0], hits[2]) and versions_differ(new, old)
    assert _ids(demote_near_duplicates(hits, 3)) == [1, 2, 3]
    # Past k, a later import of another own date does not displace other evidence.
    assert _ids(demote_near_duplicates(hits, 2)) == [1, 2]


def test_versions_of_one_own_date_are_ordered_by_import() -> None:
    hits = [
        _hit(1, SUMMARY.format(dose="500 mg"), document_id=3, document_date="2026-07-14"),
        _hit(2, FILLER[0], document_id=4),
        _hit(3, SUMMARY.format(dose="1 g"), document_id=7, document_date="2026-07-14"),
    ]
    assert not dated_apart(hits[0], hits[2])
    assert _ids(demote_near_duplicates(hits, 3)) == [3, 2, 1]


def test_an_unclear_or_missing_own_date_does_not_make_a_series() -> None:
    # "04/11/2026" may be 11 April 2026: the same day as b's, so they may be versions.
    unclear = "04/11/2026, day and month order unclear"
    a = _hit(1, SUMMARY.format(dose="500 mg"), document_id=3, document_date=unclear)
    b = _hit(2, SUMMARY.format(dose="1 g"), document_id=7, document_date="2026-04-11")
    c = _hit(3, SUMMARY.format(dose="1 g"), document_id=8)
    assert not dated_apart(a, b) and not dated_apart(b, c)
    assert newer_version(b, a) and newer_version(c, b)


def test_an_unclear_own_date_that_no_reading_shares_makes_a_series() -> None:
    # Walk 42g: "10/06/2025" (no unambiguous date beside it) is 10 June or 6 October 2025,
    # both before the other report's 2 June 2026.
    old = _hit(1, "x", document_id=7, document_date="10/06/2025, day and month order unclear")
    new = _hit(2, "x", document_id=3, document_date="2026-06-02")
    assert dated_apart(old, new)
    assert newer_version(new, old) and not newer_version(old, new)


def test_newer_version_is_the_later_own_date_before_the_later_import() -> None:
    early = _hit(1, "x", document_id=9, document_date="2025-06-10")
    late = _hit(2, "x", document_id=2, document_date="2026-06-02")
    assert newer_version(late, early) and not newer_version(early, late)


def test_a_hit_without_a_vault_date_is_dated_from_its_opening() -> None:
    # A summary's passages are not read by the vault's search: the collection date in the
    # passage's text dates it, by the one rule of medlocal/document_dates.py.
    lab = _hit(1, LAB.format(when="21 Nov 2025", a1c=65, egfr=54, cr=97))
    assert hit_date(lab) == "2025-11-21"
