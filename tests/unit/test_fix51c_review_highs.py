"""fix51c (review51a H3, H4, H7, M1): initials read as a person stay where they are a
diagnosis, a test or a service; British durations and frequencies stay; a facility written as
"<place word> <-scopy word>" after a copy's or a referral's cue is removed, eponyms stay."""

from __future__ import annotations

from datetime import date
from typing import Literal

import pytest
from fixtures.deid_rules import redact

from medlocal.privacy.deid_identity import PatientIdentity
from medlocal.privacy.deid_initial_slots import initial_slot_candidates
from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.redact import Redactor


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Reviewed by AF.\nAF rate controlled on bisoprolol.", "AF rate"),
        ("Signed by MI.\nTroponin flat, no MI on ECG.", "no MI on"),
        ("Seen by MS (SHO). MS relapse suspected; MRI booked.", "MS relapse"),
        ("Seen by DM. DM well controlled, HbA1c 52.", "DM well"),
        ("Typed by CF. CF exacerbation, sputum sent.", "CF exacerbation"),
        ("Dictated by RA. RA flare, methotrexate increased.", "RA flare"),
        ("Written by UC. UC in remission on mesalazine.", "UC in remission"),
        ("Discussed with HD. HD 3x/week via fistula.", "HD 3x/week"),
        ("Checked by CD and KM. CD count correct; CD book signed.", "CD count"),
    ],
)
def test_initials_in_a_slot_do_not_spread_to_a_diagnosis(text: str, kept: str) -> None:
    out = redact(text)
    assert kept in out
    # The slot itself is still a person's: "Reviewed by AF" signs a note.
    assert text.split(".")[0] not in out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Assessed by PHQ-9, score 14; PHQ-9 repeated at 6 weeks.", "Assessed by PHQ-9"),
        ("Triaged by MTS category 2.", "MTS"),
        ("Discussed with IR for drain.", "IR"),
        ("Seen by OT for a kitchen assessment.", "OT"),
    ],
)
def test_a_test_or_a_service_in_a_persons_slot_stays(text: str, kept: str) -> None:
    assert kept in redact(text)


def test_initials_no_list_knows_still_go_elsewhere_and_in_the_slot() -> None:
    text = "Checked by QK.\nQK rang the family at 14:00."
    assert [r.original for r in initial_slot_candidates(text, lexicon())] == ["QK", "QK"]
    out = redact("Signed by ZT and KM. ZT to chase the bloods.")
    assert "ZT" not in out and "KM" not in out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Plan: r/v 3/12 in clinic with repeat bloods.", "r/v 3/12"),
        ("GP r/v 2/7 for wound check.", "r/v 2/7"),
        ("Symptoms for 3/7, worse 2/7.", "worse 2/7"),
        ("Social: works 3/7 days as a cleaner, drinks 4/7 nights.", "works 3/7 days"),
        ("Social: works 3/7 days as a cleaner, drinks 4/7 nights.", "drinks 4/7 nights"),
        ("Smokes 10/day, alcohol 4/7 nights.", "alcohol 4/7 nights"),
        ("Adherence: taking 5/7 days per week.", "taking 5/7 days"),
        ("F/U 6/12 with bloods.", "F/U 6/12"),
        ("Completed 3/5 fractions of radiotherapy.", "3/5 fractions"),
        ("Completed 4/6 cycles of FOLFOX.", "4/6 cycles"),
        # Lead, after the merge (two older tests failed: an interval naming its review, hours).
        ("Booked on the 3/12 review with the nurse.", "3/12 review"),
        ("Arrange a 2/52 follow-up.", "2/52 follow-up"),
        ("Pain 3/10; 3/24 history of cough.", "3/24 history"),
    ],
)
@pytest.mark.parametrize("mode", ["shift", "year"])
def test_a_british_duration_or_frequency_stays(
    text: str, kept: str, mode: Literal["shift", "year"]
) -> None:
    redactor = Redactor(
        PatientIdentity("Maria Kowalczyk", "A1234567", date(1950, 3, 14)),
        shift_days=40,
        date_mode=mode,
    )
    assert kept in redactor.redact(text)


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        # Bare day-month pairs deid51a's tests say go, and a date's word before a frequency.
        ("Fills: 2/10 and 9/12.", "9/12"),
        ("Plan to see her 9/12 in clinic.", "9/12"),
        ("Seen on 3/7 in clinic.", "3/7"),
        ("Admitted 3/7 with chest pain.", "3/7"),
        ("Review in clinic on 4/12.", "4/12"),
        ("Booked on 3/12 for review.", "3/12"),
        ("The review on 3/12 went well.", "3/12"),
    ],
)
def test_a_bare_date_still_goes(text: str, secret: str) -> None:
    assert secret not in redact(text)


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Letter copied to Harbourside Arthroscopy and to the GP.", "Harbourside"),
        ("Copy to Riverbend Hysteroscopy, 4 Mill Lane.", "Riverbend"),
        ("cc: Castlebrook Endoscopy", "Castlebrook"),
        ("Referred to Castlebrook Endoscopy for review.", "Castlebrook"),
        ("Booked at Kingsmead Colonoscopy.", "Kingsmead"),
    ],
)
def test_a_facility_named_like_a_procedure_is_removed(text: str, secret: str) -> None:
    assert secret not in redact(text)


@pytest.mark.parametrize(
    "text",
    [
        "Skin: Wickham Striae on buccal mucosa.",
        "Fluids by Parkland Formula.",
        "Burns estimated with the Lund and Browder Chart.",
        "Histology: Mallory-Denk Bodies.",
        "Post Milligan-Morgan Haemorrhoidectomy, pain controlled.",
    ],
)
def test_eponyms_in_title_case_stay(text: str) -> None:
    assert redact(text) == text


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        ("Handover from SK to JP at 20:00.", ["SK", "JP"]),
        ("Chaperoned by QH during the exam.", ["QH"]),
        ("Supervised by WB; cannulated by ZT.", ["WB", "ZT"]),
        ("Seen by R.K. and J.P. on the round.", ["R.K.", "J.P."]),
        # A writing verb is a person's alone, whatever else the capitals abbreviate.
        ("Typed by RT.", ["RT"]),
    ],
)
def test_initials_after_more_verbs_are_removed(text: str, secrets: list[str]) -> None:
    out = redact(text)
    for secret in secrets:
        assert secret not in out


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Echo 23/4 EF 35%.", "23/4"),
        ("Seen in ED 5/9 with chest pain.", "5/9"),
        ("Admitted to ICU 3/9 after arrest.", "3/9"),
        ("Colonoscopy 28/2 normal.", "28/2"),
        ("Echo 23/4 was normal.", "23/4"),
    ],
)
def test_a_bare_date_after_a_test_or_a_service_goes(text: str, secret: str) -> None:
    assert secret not in redact(text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Colonoscopy 2/3 polyps removed.", "2/3 polyps"),
        ("CT 2/5 lesions.", "2/5 lesions"),
        ("MDT 2/5 discussed.", "2/5"),
        ("Echo 1/2 normal.", "1/2"),
    ],
)
def test_a_count_after_a_test_stays(text: str, kept: str) -> None:
    assert kept in redact(text)
