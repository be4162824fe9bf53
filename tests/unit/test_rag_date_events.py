"""Dates tied to the events they date (walk 32): labels, letter headers and prose count; a
date with no plain tie is tied to nothing."""

from __future__ import annotations

import pytest

from medlocal.rag.date_events import date_ties, placed_apart


def ties(text: str) -> list[tuple[str, str]]:
    return [(t.value.raw, t.event) for t in date_ties(text, day_first=True)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Admission date: 12/10/2026   Discharge date: 19/10/2026",
            [("12/10/2026", "admission"), ("19/10/2026", "discharge")],
        ),
        ("Date of admission: 12/10/2026", [("12/10/2026", "admission")]),
        ("Admitted: 12/10/2026", [("12/10/2026", "admission")]),
        ("Clinic date: 25/11/2026", [("25/11/2026", "clinic")]),
        ("Patient: H O   DOB: 03/09/1946", [("03/09/1946", "birth")]),
        ("He was discharged home on 19/10/2026.", [("19/10/2026", "discharge")]),
        ("She was admitted to the medical ward on 12/10/2026.", [("12/10/2026", "admission")]),
        ("On 12/10/2026 Mr Okafor was admitted.", [("12/10/2026", "admission")]),
        ("12/10/2026: admitted with pneumonia.", [("12/10/2026", "admission")]),
        ("Metformin was restarted on\n18/10/2026.", [("18/10/2026", "start")]),
        ("Underwent laparoscopic cholecystectomy on 02/03/2026.", [("02/03/2026", "operation")]),
        ("He died on 04/05/2026.", [("04/05/2026", "death")]),
        ("Date: 25/11/2026\nDear Dr Whitfield,", [("25/11/2026", "letter")]),
    ],
)
def test_a_plain_tie_is_read(text: str, expected: list[tuple[str, str]]) -> None:
    assert ties(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "CRP 212 on admission, falling to 38 mg/L on 18/10/2026.",
        "Seen two weeks after discharge on 25/11/2026.",
        "Admitted with pneumonia which resolved by 19/10/2026.",
        "Discharged.\n\n19/10/2026 bloods normal.",
        "Repeat chest X-ray planned 01/12/2026.",
        "Admitted to ward 7 on 12/10/2026.",
    ],
)
def test_a_date_without_a_plain_tie_is_tied_to_nothing(text: str) -> None:
    assert ties(text) == []


def test_a_range_keeps_only_its_opening_date_with_the_event() -> None:
    assert ties("Admitted from 12/10/2026 to 19/10/2026.") == [("12/10/2026", "admission")]


def test_an_event_put_at_a_distance_from_the_note_is_found() -> None:
    letter = "I reviewed him today, five weeks after his admission with pneumonia."
    assert placed_apart(letter, "admission") == "five weeks after his admission"
    assert (
        placed_apart("Her discharge 3 days ago went well.", "discharge") == "discharge 3 days ago"
    )
    assert placed_apart(letter, "discharge") is None


def test_a_label_is_told_from_prose() -> None:
    labelled = {
        t.value.raw: t.labelled
        for t in date_ties(
            "Clinic date: 25/11/2026. Date of operation: 02/03/2026. Reviewed on 14/10/2026.",
            day_first=True,
        )
    }
    assert labelled == {"25/11/2026": True, "02/03/2026": True, "14/10/2026": False}


def test_another_occurrence_of_an_event_places_nothing() -> None:
    # Review 31b: "last seen 6 months ago" is another visit, "a previous admission 2 years ago"
    # another admission; neither says when this one was.
    assert placed_apart("She was last seen 6 months ago by the GP.", "clinic") is None
    assert placed_apart("He had a previous admission 2 years ago.", "admission") is None
    assert placed_apart("Her last admission 3 months ago was for sepsis.", "admission") is None
    assert placed_apart("He was discharged 2 weeks ago.", "discharge") == "discharged 2 weeks ago"


def test_a_relative_word_must_be_a_word_of_its_own() -> None:
    # "still admitted": the "till" inside "still" is no "till".
    assert [t.event for t in date_ties("He is still admitted on 19/10/2026.")] == ["admission"]
