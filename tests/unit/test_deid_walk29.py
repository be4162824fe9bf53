"""Walk 29: a reference's snippet flattens "HOSPITAL COURSE\\nPresented with fever ..." onto one
line, and the redactor read "HOSPITAL COURSE Presented" as a facility: the export's reference
lost the passage's first words, and every quoted "hospital" went with it. A heading in capitals
of known words before a sentence's first word is no name; a name in capitals before a place's
kind word, or a heading ending in one, still goes whole."""

from __future__ import annotations

import pytest

from medlocal.privacy.redact import Redactor


def _removed(text: str) -> list[tuple[str, str]]:
    return [(r.kind, r.original) for r in Redactor(shift_days=12).preview(text)]


@pytest.mark.parametrize(
    "text",
    [
        "HOSPITAL COURSE Presented with fever 38.9 C and a productive cough.",
        "CLINICAL COURSE Improved with intravenous antibiotics.",
        "WARD COURSE Remained afebrile after day two.",
        "HISTORY OF PRESENTING COMPLAINT Started three days ago.",
    ],
)
def test_a_capitals_heading_run_into_its_first_sentence_is_no_facility(text: str) -> None:
    assert _removed(text) == [], text


@pytest.mark.parametrize(
    ("text", "kept_whole"),
    [
        ("Seen at ROYAL FREE Hospital today.", "ROYAL FREE Hospital"),
        (
            "Transferred to LARKFIELD COMMUNITY Hospital on the ward.",
            "LARKFIELD COMMUNITY Hospital",
        ),
    ],
)
def test_a_name_in_capitals_before_a_places_kind_is_still_one_name(
    text: str, kept_whole: str
) -> None:
    assert ("facility", kept_whole) in _removed(text), _removed(text)


def test_a_name_after_the_heading_is_still_found() -> None:
    found = _removed("HOSPITAL COURSE Mrs Ellison presented with fever.")
    assert [original for _, original in found] == ["Ellison"], found
