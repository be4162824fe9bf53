"""The seventh round's mechanisms (issue 16), each on sentences of its own: organisations told by
their service word, their position after a letterhead's heading or a word of belonging, and the
parts of an address beside a street; people named by apposition, after a credential, in a
signature or in a list with roles; streets with the house number after the name."""

from __future__ import annotations

from medlocal.privacy.redact import Redactor


def redact(text: str) -> str:
    return Redactor(None, shift_days=40).redact(text)


def test_a_service_word_ends_an_organisation_name() -> None:
    out = redact("She had a scope at Brightwater Endoscopy; bloods at Kestrel Pathology.")
    assert "Endoscopy" not in out and "Pathology" not in out and "Brightwater" not in out
    # Only after a word found in the name: the service alone stays.
    assert "Endoscopy" in redact("Seen in Endoscopy today.")


def test_a_service_word_opens_a_name_at_a_place() -> None:
    out = redact("Hydrotherapy at Physio Plus Taradale twice a week.")
    assert "Physio" not in out and "Plus" not in out


def test_the_opens_a_found_name() -> None:
    out = redact("She enjoys The Brambles Quarrendon lunches.")
    assert "Brambles" not in out and "The" not in out


def test_a_person_named_by_apposition() -> None:
    out = redact("The patient, Blossom, says her pain is better; the chaplain, Hope, visited.")
    assert "Blossom" not in out and "Hope" not in out
    assert "pain" in out


def test_a_credential_before_a_name() -> None:
    out = redact("Obs done by RN Crystal at 10:00; SN Hope escorted her.")
    assert "Crystal" not in out and "Hope" not in out


def test_a_signature_after_a_dash() -> None:
    out = redact("Bloods are normal, see you Monday. - Heather")
    assert "Heather" not in out and "Bloods" in out


def test_the_organisation_after_a_letterhead_heading() -> None:
    out = redact(
        "COMMUNITY PHARMACY CONSULTATION RECORD - Boots, High Street\n"
        "PAEDIATRIC EMERGENCY - University College Hospital, Ibadan\n"
        "ED NOTE - Mercy General\n"
        "PROGRESS NOTE - Internal Medicine\n"
        "DISCHARGE SUMMARY - Left Total Knee Replacement\n"
    )
    assert "Boots" not in out and "University College" not in out and "Mercy" not in out
    assert "Internal Medicine" in out and "Left Total Knee Replacement" in out


def test_a_group_after_a_word_of_belonging() -> None:
    out = redact("She is a parishioner of Good Shepherd and volunteers with Silver Swans.")
    assert "Shepherd" not in out and "Swans" not in out


def test_the_rest_of_an_address_beside_a_street() -> None:
    out = redact("Home: Rose Cottage, Back Lane, Little Snoring. Also 7 The Paddocks, Hereford.")
    assert "Rose" not in out and "Snoring" not in out and "Paddocks" not in out


def test_a_saints_possessive_belongs_to_the_name() -> None:
    out = redact("He attends the group at St Luke's hall.")
    assert "'s" not in out and "Luke" not in out


def test_a_list_of_names_runs_over_a_role_before_a_semicolon() -> None:
    out = redact("Present: Dr Rose; Carmen, breast care nurse; Noble, radiology.")
    assert "Noble" not in out and "radiology" in out


def test_house_numbers_after_the_street_name() -> None:
    out = redact(
        "Lives at Calle Mayor 12, Madrid; before at Rua das Flores 45, Porto, and Hauptstraße 5."
    )
    for word in ("Mayor", "12", "Flores", "45", "Porto", "Hauptstraße", " 5"):
        assert word not in out
    # An English street ending a sentence is not read as a street word opening the next.
    kept = redact("Arrived from Perkins Avenue. Glasgow Coma Scale 14 on arrival.")
    assert "Glasgow Coma Scale 14" in kept
