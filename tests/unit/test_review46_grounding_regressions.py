"""Review46 (grounding): five regressions from leftgr46, each a true alarm lost or a new false
one.

* D1: "Hepatitis B: negative for surface antigen" no longer denied the hepatitis (the object
  is the label's own test); "Diabetes: negative for ketones" must still deny only the ketones.
* D2: a stop was cancelled by another thing's restart in the same sentence ("Ramipril was held
  for AKI; physiotherapy resumed on day 3").
* D3: the stop note under an answer was dropped by a restart or continuation that is denied,
  excepted, a plan or a question, or that a later stop in its sentence undoes.
* D4: "(stopped the Monday before surgery)" read the weekday as the bracket's own object.
* D5: "Patient reported [1]." under an allergy heading and "Pharmacy listed [1]." under a
  medication heading were flagged as reports cut short; both give the list's source.

The first tests of each group (22 cases) failed on main at 4203717c (checked by running this
file in a worktree of it); the "still" tests guard what leftgr46 fixed and pass on both."""

from __future__ import annotations

import pytest
from fixtures.assertion_reads import flag_kinds, negated, wrong_section_messages
from fixtures.fake_models import hit

from medlocal.rag.passages import NumberedPassage
from medlocal.rag.stop_notes import stop_notes

_TAKES_RAMIPRIL = "She takes ramipril 10 mg once daily [1]."


# D1 -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Hepatitis B: negative for surface antigen.", "hepatitis"),
        ("Hepatitis B: negative for surface antigen on serology.", "hepatitis"),
        ("HIV: negative for antibodies.", "hiv"),
        ("MRSA: negative for nasal carriage.", "mrsa"),
    ],
)
def test_a_label_denied_for_its_own_tests_analyte_stays_denied(text: str, key: str) -> None:
    assert negated(text, key)


def test_a_hepatitis_claim_against_a_negative_antigen_is_flagged() -> None:
    flags = flag_kinds(
        "She has hepatitis B [1].", "Serology. Hepatitis B: negative for surface antigen."
    )
    assert "negation_conflict" in flags


@pytest.mark.parametrize(
    "text",
    ["Diabetes: negative for ketones.", "Diabetes: negative for ketones on urine dip."],
)
def test_still_a_label_denied_for_another_finding_is_not_denied(text: str) -> None:
    assert not negated(text, "diabetes")
    assert negated(text, "ketone")


# D2 -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "passage",
    [
        "Ramipril was held for AKI; physiotherapy resumed on day 3.",
        "Ramipril stopped due to AKI; diet resumed.",
        "Ramipril was held for AKI and physiotherapy resumed on day 3.",
    ],
)
def test_another_things_restart_does_not_cancel_the_stop(passage: str) -> None:
    assert "negation_conflict" in flag_kinds(_TAKES_RAMIPRIL, passage)


@pytest.mark.parametrize(
    "passage",
    [
        "Ramipril was held for AKI and restarted at 5 mg on day 4.",
        "Ramipril was held for AKI, then restarted at 5 mg.",
        "Ramipril was held for AKI and was restarted at 5 mg.",
    ],
)
def test_still_the_drugs_own_restart_cancels_the_stop(passage: str) -> None:
    assert "negation_conflict" not in flag_kinds(_TAKES_RAMIPRIL, passage)


# D3 -------------------------------------------------------------------------------------------


def _stop_notes_after(tail: str) -> list[str]:
    letter = "Discharge summary 14/03/2025\nRamipril 10 mg stopped (AKI).\n" + tail
    return stop_notes([NumberedPassage(1, hit(3, letter, file_name="d.txt"))], ["ramipril"])


@pytest.mark.parametrize(
    "tail",
    [
        "Ramipril has not been restarted.",
        "Ramipril not restarted as creatinine still raised.",
        "Continue all other medications except ramipril.",
        "Continue other regular medications apart from ramipril.",
        "Please do not restart ramipril until reviewed; ramipril not to be continued.",
        "Ramipril may be continued later.",
        "GP: ramipril can be restarted once eGFR above 45.",
        "Stopped medications:\n- amlodipine\nContinue ramipril? Please review.",
        "Ramipril was restarted in April, then stopped again in June.",
    ],
)
def test_a_denied_excepted_planned_or_asked_restart_keeps_the_stop_note(tail: str) -> None:
    (note,) = _stop_notes_after(tail)
    assert note.startswith("the documents say ramipril was stopped: “"), note


@pytest.mark.parametrize(
    "tail",
    [
        "Creatinine back to baseline; ramipril restarted at 5 mg.",
        "Continue ramipril 5 mg once daily.",
        "Continue to take ramipril.",
        "Back on ramipril from 20/03.",
    ],
)
def test_still_a_restart_or_continuation_done_later_cancels_the_note(tail: str) -> None:
    assert _stop_notes_after(tail) == []


# D4 -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bracket",
    [
        "(stopped the Monday before surgery)",
        "(held the 2 days before surgery)",
        "(stopped the first week of March)",
    ],
)
def test_a_time_after_the_determiner_is_no_object_of_the_bracket(bracket: str) -> None:
    passage = f"Ramipril 10 mg once daily {bracket}."
    assert "negation_conflict" in flag_kinds(_TAKES_RAMIPRIL, passage)


def test_still_a_determiners_noun_is_the_brackets_object() -> None:
    passage = "Ramipril 10 mg once daily (stopped her HRT)."
    assert "negation_conflict" not in flag_kinds(_TAKES_RAMIPRIL, passage)


# D5 -------------------------------------------------------------------------------------------

_RECORD = {
    1: "GP review 3 March. Penicillin allergy (rash), patient reported. Ramipril 10 mg once"
    " daily for hypertension, as listed by her pharmacy."
}


def _wrong_section(heading: str, body: str) -> list[str]:
    return wrong_section_messages(heading, body, _RECORD)


@pytest.mark.parametrize(
    ("heading", "body"),
    [
        ("Allergies", "- Penicillin (rash) [1]\nPatient reported [1]."),
        ("Current medications", "- Ramipril 10 mg once daily [1]\nPharmacy listed [1]."),
    ],
)
def test_a_source_line_under_allergies_or_a_listing_pharmacy_is_not_flagged(
    heading: str, body: str
) -> None:
    assert _wrong_section(heading, body) == []


def test_still_a_report_cut_short_under_a_medication_heading_is_flagged() -> None:
    body = "- Ramipril 10 mg once daily [1]\nPatient reported [1]."
    (message,) = _wrong_section("Current medications", body)
    assert "says who reported, but not what" in message
