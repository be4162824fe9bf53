"""fixdeid34 (review34b items 1 and 2): deidfix34's phone labels and states left identifiers.

A surname or a town before a phone number's colon was read as the number's label ("[NAME] Hill
mobile:", "[ADDRESS], Reading:"): only a closed list of label words ends a place's span now,
and a name's span is never cut. A person's name after a town was read as a state ("[LOCATION],
Victoria accompanied him") and a town named like a province lost ("Munster, Germany"): a state
that is also a town's or a person's name goes after a town only where it ends the phrase, and a
state with ", Country" after it is that country's town."""

from __future__ import annotations

import pytest

from medlocal.privacy.deid_spans import Redaction, label
from medlocal.privacy.deid_states import without_states
from medlocal.privacy.redact import PatientIdentity, Redactor


def _redact(text: str) -> str:
    identity = PatientIdentity("Mortimer Fenwick", "FN-771204", None)
    return Redactor(identity, shift_days=40).redact(text)


def _red(kind: str, text: str, words: str) -> Redaction:
    at = text.index(words)
    return Redaction(kind, at, at + len(words), words, label(kind))


@pytest.mark.parametrize(
    ("text", "written"),
    [
        # The reviewer's cases.
        (
            "Next of kin: daughter Jane Hill mobile: 07700 900123.",
            "Next of kin: daughter [NAME] mobile: [PHONE].",
        ),
        (
            "Next of kin: son Peter Wood tel: 0113 496 0000.",
            "Next of kin: son [NAME] tel: [PHONE].",
        ),
        ("Emergency contact: Sarah Brown: 07700 900456", "Emergency contact: [NAME]: [PHONE]"),
        (
            "Contact Mary Green mobile: 07700 900789 for transport.",
            "Contact [NAME] mobile: [PHONE] for transport.",
        ),
        ("GP: Dr Alan Baker tel: 0113 496 0123", "GP: Dr [NAME] tel: [PHONE]"),
        ("Wife Carol Marsh home: 0161 496 0555", "Wife [NAME] home: [PHONE]"),
        (
            "Patient lives at 4 Kings Road, Reading: 0118 496 0000",
            "Patient lives at [ADDRESS], [LOCATION]: [PHONE]",
        ),
        # Other wordings of the same.
        ("Neighbour Bob Marsh home phone: 0161 496 0777", "Neighbour [NAME] home phone: [PHONE]"),
        ("Key holder: Mrs Joan Hill: 0113 496 0999", "Key holder: Mrs [NAME]: [PHONE]"),
        (
            "Returned to 9 Mill Lane, Bath: 01225 496 000",
            "Returned to [ADDRESS], [LOCATION]: [PHONE]",
        ),
    ],
)
def test_a_surname_or_town_before_a_phone_is_no_label(text: str, written: str) -> None:
    assert _redact(text) == written


@pytest.mark.parametrize(
    ("text", "written"),
    [
        (
            "Address: 12 Oak Road, Leeds, Mobile: 07700 900123",
            "Address: [ADDRESS], Mobile: [PHONE]",
        ),
        ("Carer: Tom Wells, Leeds, Mobile: 07700 900123", "Carer: [NAME], [NAME], Mobile: [PHONE]"),
        ("Contact: Rose Field, Mobile: 07700 900321", "Contact: [NAME], Mobile: [PHONE]"),
    ],
)
def test_a_listed_phone_label_after_a_place_is_still_kept(text: str, written: str) -> None:
    assert _redact(text) == written


@pytest.mark.parametrize(
    ("text", "written"),
    [
        # The reviewer's cases.
        (
            "Transferred from Leeds, Victoria accompanied him.",
            "Transferred from [LOCATION], [NAME] accompanied him.",
        ),
        ("Lives in Hull, Georgia visits daily.", "Lives in [LOCATION], [NAME] visits daily."),
        ("Mother lives in Munster, Germany.", "Mother lives in [LOCATION], [NAME]."),
        # Other wordings of the same.
        (
            "Discharged home to York, Virginia will stay with him.",
            "Discharged home to [LOCATION], [NAME] will stay with him.",
        ),
        (
            "He was driven from Hull, Georgia and her son came too.",
            "He was driven from [LOCATION], [NAME] and her son came too.",
        ),
        (
            "Originally from Munster, Germany, moved in 1990.",
            "Originally from [LOCATION], [NAME], moved in 1990.",
        ),
    ],
)
def test_a_person_or_town_named_like_a_state_stays_removed(text: str, written: str) -> None:
    assert _redact(text) == written


def test_a_state_named_like_a_person_goes_after_a_town_only_at_the_phrases_end() -> None:
    text = "Seen in Geelong, Victoria accompanied him."
    found = [_red("city", text, "Geelong"), _red("name", text, "Victoria")]
    assert without_states(text, found) == found
    for text in (
        "Seen in Geelong, Victoria",
        "Seen in Geelong, Victoria, in 2019.",
        "(Geelong, Victoria)",
    ):
        town = _red("city", text, "Geelong")
        assert without_states(text, [town, _red("name", text, "Victoria")]) == [town]
    # A state that names no one goes after a town wherever it stands.
    text = "Moved from Toowoomba, Queensland last year."
    town = _red("city", text, "Toowoomba")
    assert without_states(text, [town, _red("location", text, "Queensland")]) == [town]
