"""Review of the thirteenth round's place growth: an organisation's head word joins a name only
where the name can be an organisation's, on its own line and not as the start of a sentence.
Examples are invented here, not taken from the evaluation set."""

from __future__ import annotations

from datetime import date

import pytest

from medlocal.privacy.deid_place_growth import grown_place_spans
from medlocal.privacy.deid_spans import Redaction, label
from medlocal.privacy.redact import PatientIdentity, Redactor

REDACTOR = Redactor(PatientIdentity("Jane Doe", "123", date(1950, 1, 1)), shift_days=40)


def _grown(text: str, part: str, kind: str = "name") -> list[str]:
    start = text.index(part)
    span = Redaction(kind, start, start + len(part), part, label(kind))
    return [text[r.start : r.end] for r in grown_place_spans(text, [span])]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Patient: Mr John Smith\nSurgery was uneventful.", "\nSurgery was uneventful."),
        ("Letter to Dr Patel\nPharmacy to dispense.", "\nPharmacy to dispense."),
        ("Discussed with Dr Brown\nLab results attached.", "\nLab results attached."),
        ("Reviewed by Sarah Jones PT today.", " PT today."),
    ],
)
def test_a_persons_name_keeps_the_words_after_it(text: str, kept: str) -> None:
    out = REDACTOR.redact(text)
    assert out.endswith(kept)
    assert "[NAME]" in out


def test_a_name_does_not_take_the_next_lines_first_word() -> None:
    assert _grown("Seen by Corrin Vale\nSurgery was uneventful.", "Corrin Vale") == []
    assert _grown("Copy to Tarnwick\nClinic, Leeds", "Tarnwick") == []


def test_a_name_after_a_title_or_cue_takes_no_head_word() -> None:
    assert _grown("Mr Corrin Vale Surgery, Leeds", "Corrin Vale") == []
    assert _grown("Seen by Mr Corrin Vale Surgery, Leeds", "Mr Corrin Vale") == []
    assert _grown("Chaperone: Ama Lab, on the ward", "Ama") == []


def test_a_head_word_followed_by_a_lower_case_word_is_a_sentence() -> None:
    assert _grown("Reviewed by Corrin Vale PT today.", "Corrin Vale") == []
    assert _grown("walked to Tarnwick Pharmacy and back", "Tarnwick") == []


def test_an_organisations_head_word_still_joins_its_name() -> None:
    assert _grown("physio at Tarnwick Rehab, twice", "Tarnwick") == ["Tarnwick Rehab"]
    assert _grown("Referred to Pecan Street PT.", "Pecan Street") == ["Pecan Street PT."]
    assert _grown("GP: Wellmoor Surgery\nTel 01234", "Wellmoor") == ["Wellmoor Surgery"]
    # Other place kinds still take a head word wrapped onto the next line.
    assert _grown("seen at Brookvale Family\nClinic, told", "Brookvale Family", "location") == [
        "Brookvale Family\nClinic"
    ]


def test_after_a_word_leading_to_a_place_the_head_word_joins_inside_a_sentence() -> None:
    assert _grown("physio at Tarnwick Rehab twice weekly", "Tarnwick") == ["Tarnwick Rehab"]
    assert _grown("discharged from Maple Grove Rehab last week", "Maple Grove") == [
        "Maple Grove Rehab"
    ]
    assert _grown("Spoke with Corrin Vale PT today.", "Corrin Vale") == []


def test_a_found_place_takes_its_head_word_inside_a_sentence() -> None:
    text = "physio at Quillmoor Lane Rehab twice weekly"
    assert _grown(text, "Quillmoor Lane", "street_address") == ["Quillmoor Lane Rehab"]
    text = "attends Darrow St Anne's\nAcademy in year 9"
    assert _grown(text, "Darrow St Anne's", "facility") == ["Darrow St Anne's\nAcademy"]


@pytest.mark.parametrize(
    "text",
    [
        "Riverside General Hospital\nClinic date: 25/11/2026",
        "St Mary's Hospital\nClinic letter to the GP",
    ],
)
def test_a_letterhead_takes_no_head_word_of_the_label_under_it(text: str) -> None:
    # Walk 32: "[FACILITY] date" in a redacted export; the letterhead line is the name alone.
    name = text.split("\n")[0]
    assert _grown(text, name, "facility") == []
    assert _grown(f"{name}\nClinic\n12 High St", name, "facility") == [f"{name}\nClinic"]


def test_a_township_or_estate_part_before_a_found_house_joins_it() -> None:
    # Session 31.
    text = "Pt lives of Section C, House 1127, Umlazi."
    assert _grown(text, "House 1127", "street_address") == ["Section C, House 1127"]
    text = "Address: Zone 4, Stand 88, Soshanguve"
    assert _grown(text, "Stand 88", "street_address") == ["Zone 4, Stand 88"]
    text = "from Extension 5, 14 Mthembu St"
    assert _grown(text, "14 Mthembu St", "street_address") == ["Extension 5, 14 Mthembu St"]


def test_a_part_word_that_opens_no_address_part_stays_apart() -> None:
    # Not after an address part's opening ("the Zone 4"), not before a name found as a person.
    assert _grown("ECG shows the Zone 4 House 12 sign", "House 12", "street_address") == []
    assert _grown("Section C, Jane Doe reviewed", "Jane Doe") == []


def test_a_peoples_adjective_before_a_landform_place_joins_it() -> None:
    # Session 31: "American" alone is kept; before "Lake ..." it is the place's first word.
    text = "Seen at American Lake CBOC today."
    assert _grown(text, "Lake CBOC", "facility") == ["American Lake CBOC"]
    text = "Lives near Indian Springs with her son."
    assert _grown(text, "Springs", "city") == ["Indian Springs"]


def test_a_peoples_adjective_before_another_place_stays_apart() -> None:
    # Not before a place that opens with no landform, nor before a person's name.
    assert _grown("an American Springfield resident", "Springfield", "city") == []
    assert _grown("Her Dutch Lakeman family", "Lakeman", "name") == []
