"""deidfix38 (issue 16, a new user's walk): a town named by an English word that no gazetteer
lists survived after a residence cue with words between the verb and its preposition ("lives
alone in Settle") or on its own line in an address; "tremor at 4-5 Hz" lost "4-5 Hz" as a street
address and "4 Hz" as a name; and the preview typed the same kinds of things two ways: an NHS
number id_number (its label removed with it) or health_plan_id, a house number a location and
its row of cottages a person's name."""

from __future__ import annotations

import pytest

from medlocal.privacy.redact import Redactor


def _redactor(tagger: bool = True) -> Redactor:
    return Redactor(shift_days=40, tagger=tagger)


def _kinds(text: str, tagger: bool = True) -> list[tuple[str, str]]:
    return [(r.kind, r.original) for r in _redactor(tagger).preview(text)]


# Towns that are English words and are not in the places list (Settle, Giggleswick's neighbour),
# or are, after cues that stood too far from the town for the old reading.
@pytest.mark.parametrize("tagger", [True, False])
@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("She lives alone in Settle and manages her own shopping.", "Settle"),
        ("Widowed; lives with her daughter in Settle.", "Settle"),
        ("Lives in a bungalow in Settle with her husband.", "Settle"),
        ("Mr Hartley lives independently in Settle.", "Settle"),
        ("Lives locally in Settle; daughter nearby.", "Settle"),
        ("She was staying in Settle over the weekend.", "Settle"),
        ("They moved to a flat in Settle last year.", "Settle"),
        ("He is a resident of Settle.", "Settle"),
        ("Resident of Settle for 40 years.", "Settle"),
        ("Her home in Settle has stairs.", "Settle"),
        ("She returned home to Settle on the train.", "Settle"),
        ("He travelled from Settle for the appointment.", "Settle"),
        ("She will return to Settle with her daughter on Friday.", "Settle"),
        # A town whose words are a ward's adjective and an eponym's ("Old", "Lyme").
        ("Landscaper, lives in Old Lyme. Pulled a tick off last week.", "Old Lyme"),
    ],
)
def test_a_town_that_is_an_english_word_goes_after_a_residence_cue(
    text: str, town: str, tagger: bool
) -> None:
    assert town not in _redactor(tagger).redact(text)


@pytest.mark.parametrize(
    "text",
    [
        "Presented in Status epilepticus and was loaded with levetiracetam.",
        "Returned to Theatre for washout; staying in Recovery overnight.",
        "Staying in Resus overnight; returned to Clinic in six weeks.",
        "Transferred to Neurosurgery. Moved to Bay 4. Lives with her daughter in A&E terms.",
        "He lives with chronic pain and retired from Teaching in 2010.",
        "Seen in Clinic, then in Theatre, then in Recovery.",
        "Went to Theatre at 14:00 and will return to Clinic.",
    ],
)
def test_hospital_places_after_the_same_cues_stay(text: str) -> None:
    kept = _redactor().redact(text)
    for word in ("Status", "Theatre", "Recovery", "Resus", "Clinic", "Neurosurgery", "Teaching"):
        if word in text:
            assert word in kept, kept


def test_a_town_line_between_a_street_and_a_postcode_goes() -> None:
    text = "Mrs Ann Dawson\n3 Beckside Cottages\nSettle\nBD24 9AA\n\nDear Mrs Dawson,"
    assert "Settle" not in _redactor().redact(text)
    assert ("city", "Settle") in _kinds(text)


def test_a_heading_between_a_street_and_a_postcode_stays() -> None:
    text = "Clinic: 4 Station Road\nDiagnosis\nBD24 9AA"
    assert "Diagnosis" in _redactor().redact(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Tremor at 4-5 Hz, worse on the left.", "4-5 Hz"),
        ("Fine tremor at 4 Hz.", "4 Hz"),
        ("EEG: 3 Hz spike-and-wave discharges.", "3 Hz"),
        ("Review in 4-6 Weeks.", "4-6 Weeks"),
        ("HR 60-70 Bpm at rest.", "60-70 Bpm"),
        ("Review in 6 Weeks with bloods.", "6 Weeks"),
        ("Lesion 3-4 cm; opens bowels 2-3 times a day.", "3-4 cm"),
        ("Radiotherapy 50 Gy in 25 fractions; pO2 8-9 kPa.", "8-9 kPa"),
    ],
)
def test_a_number_or_range_with_its_unit_or_count_stays(text: str, value: str) -> None:
    assert value in _redactor().redact(text)
    assert _kinds(text) == []


def test_japanese_block_numbers_and_a_surname_after_a_bed_still_go() -> None:
    assert "Nishi-Shinjuku" not in _redactor().redact("Address: 3-14-2 Nishi-Shinjuku, Tokyo")
    assert "Weeks" not in _redactor().redact("Bed 4 Weeks, Arthur, for discharge.")


@pytest.mark.parametrize(
    "text",
    [
        "Mrs Ann Dawson\n3 Beckside Cottages\nSettle\nBD24 9AA",
        "Home visit to 3 Beckside Cottages today.",
        "Moved to 5 Rose Villas last year.",
        "Lives at 12 Mill Cottages with her husband.",
        "Flat 2, 14 Albert Buildings, Leeds",
        "Lives at 6 Calton Fold, Skipton.",
    ],
)
def test_a_house_number_and_its_british_street_are_one_street_address(text: str) -> None:
    streets = [o for k, o in _kinds(text) if k == "street_address"]
    assert len(streets) == 1, _kinds(text)
    assert streets[0][0].isdigit() or streets[0].startswith("Flat"), streets
    assert not [k for k, o in _kinds(text) if k in ("name", "location") and o[0].isdigit()]


def test_british_street_words_stay_where_they_name_no_street() -> None:
    assert "Vocal Fold" in _redactor().redact("Mr Croft attended. Vocal Fold palsy on the left.")


@pytest.mark.parametrize(
    "text",
    [
        "NHS number 943 476 5919.",
        "References\nNHS: 943 476 5919\nHospital no: RR12345678",
        "Our ref: NHS 943-476-5919 / Hosp RR1234567",
        "Patient: Ann Dawson (NHS 943 476 5919)",
        "Re: Ann Dawson, DOB 01/02/1941, NHS 943 476 5919",
        "N.H.S. No. 943 476 5919",
    ],
)
def test_an_nhs_number_has_one_type_and_keeps_its_label(text: str) -> None:
    numbers = [(k, o) for k, o in _kinds(text) if "476" in o]
    assert len(numbers) == 1, numbers
    kind, original = numbers[0]
    assert kind == "health_plan_id"
    assert original.replace("-", " ") == "943 476 5919"
    assert "NHS" in _redactor().redact(text) or "N.H.S." in _redactor().redact(text)
