"""Review46b (grounding): three regressions from fix46a and rag46, each a new false alarm or a
wrong current dose.

* D1: a negative test under a disease's label denied the disease ("Pneumonia: negative for
  legionella antigen" read as no pneumonia); only a label naming the test's own target (an
  organism, its infection or marker: "Hepatitis B", "HIV", "MRSA") is denied by it.
* D2: the drug's own restart after a ";" or a new clause was lost ("Metformin was held for
  the CT scan; restarted 48 hours later" read as stopped).
* D3: a start date inside the dose's line dated the dose ("Bisoprolol (since March 2019)
  5 mg" made a GP list of 2 Jun 2025 older than a discharge of 1 Jun 2025); a dose is dated
  only by a day that opens its sentence or line, else by its document.

The first tests of each group (18 cases) and the day opening a line before the dose's own
sentence ("14/01/2025 Ward round. Bisoprolol 1.25 mg ...") failed on main at e09a97d3 (checked by
running this file in a worktree of it); the other "still" tests guard what review46 and walk 46a
fixed and pass on both."""

from __future__ import annotations

import pytest
from fixtures.assertion_reads import flag_kinds, negated, stopped
from fixtures.fake_models import hit

from medlocal.rag.dose_disagreements import dose_disagreements
from medlocal.rag.medications import default_lexicon
from medlocal.rag.passages import NumberedPassage

# D1 -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Pneumonia: negative for legionella antigen.", "pneumonia"),
        ("Cellulitis: negative for growth on blood cultures.", "cellulitis"),
        ("Sepsis: negative for growth at 48 hours.", "sepsis"),
        ("Meningitis: negative for organisms on gram stain.", "meningitis"),
        ("Rheumatoid arthritis: negative for antibodies.", "arthritis"),
        ("Diabetes: negative for antibodies (GAD).", "diabetes"),
        ("Coeliac disease: negative for antibodies while on gluten-free diet.", "coeliac"),
        ("Autoimmune hepatitis: negative for antibodies.", "hepatitis"),
    ],
)
def test_a_negative_test_under_a_disease_label_does_not_deny_the_disease(
    text: str, key: str
) -> None:
    assert not negated(text, key)


@pytest.mark.parametrize(
    ("answer", "passage"),
    [
        ("She has pneumonia [1].", "Diagnosis. Pneumonia: negative for legionella antigen."),
        (
            "She has cellulitis [1].",
            "Diagnosis. Cellulitis: negative for growth on blood cultures.",
        ),
        ("She has diabetes [1].", "Diagnosis. Diabetes: negative for antibodies (GAD)."),
    ],
)
def test_a_disease_claim_beside_a_negative_test_is_not_flagged(answer: str, passage: str) -> None:
    assert "negation_conflict" not in flag_kinds(answer, passage)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Hepatitis B: negative for surface antigen.", "hepatitis"),
        ("Hep B: negative for HBsAg.", "hep"),
        ("HIV: negative for antibodies.", "hiv"),
        ("MRSA: negative for growth.", "mrsa"),
        ("COVID-19: negative for RNA on PCR.", "covid-19"),
    ],
)
def test_still_a_label_naming_the_tests_target_is_denied(text: str, key: str) -> None:
    assert negated(text, key)


def test_still_diabetes_negative_for_ketones_denies_the_ketones_only() -> None:
    text = "Diabetes: negative for ketones."
    assert not negated(text, "diabetes")
    assert negated(text, "ketone")


# D2 -------------------------------------------------------------------------------------------

_TAKES_METFORMIN = "She takes metformin 500 mg twice daily [1]."


@pytest.mark.parametrize(
    "passage",
    [
        "Metformin was held for the CT scan; restarted 48 hours later.",
        "Metformin was stopped while she was septic and then restarted.",
        "Metformin was held for the CT scan; it was restarted 48 hours later.",
    ],
)
def test_the_drugs_own_restart_after_a_new_clause_cancels_the_stop(passage: str) -> None:
    assert not stopped(passage, "metformin")
    assert "negation_conflict" not in flag_kinds(_TAKES_METFORMIN, passage)


@pytest.mark.parametrize(
    "passage",
    [
        "Metformin was held for the CT scan; physiotherapy resumed on day 3.",
        "Metformin stopped while she was septic; diet resumed.",
        "Metformin was held for the CT scan; gliclazide was restarted.",
        "Metformin was held for the CT scan; not restarted as eGFR low.",
    ],
)
def test_still_another_things_or_a_denied_restart_keeps_the_stop(passage: str) -> None:
    assert stopped(passage, "metformin")
    assert "negation_conflict" in flag_kinds(_TAKES_METFORMIN, passage)


# D3 -------------------------------------------------------------------------------------------


def _passage(number: int, text: str, file_name: str) -> NumberedPassage:
    return NumberedPassage(
        number, hit(number, text, document_id=number, file_name=file_name, page=None)
    )


_DISCHARGE_1_JUN = _passage(
    2, "Discharge medications:\nBisoprolol 2.5 mg once daily.", "discharge_2025-06-01.txt"
)


@pytest.mark.parametrize(
    "line",
    [
        "Bisoprolol (since March 2019) 5 mg once daily.",
        "Bisoprolol (started 14/03/2019) 5 mg once daily.",
        "Bisoprolol started 14/03/2019, now 5 mg once daily.",
        "From 14/03/2019 bisoprolol 5 mg once daily.",
        "Started on 14/03/2019: bisoprolol 5 mg once daily.",
        "Review 14/03/2019 bisoprolol 5 mg once daily.",
    ],
)
def test_a_start_date_in_the_doses_line_does_not_date_the_dose(line: str) -> None:
    gp_list = _passage(1, f"GP medication list.\n{line}", "gp_list_2025-06-02.txt")
    passages = [gp_list, _DISCHARGE_1_JUN]
    (note,) = dose_disagreements(passages, ["bisoprolol"], default_lexicon(), current=True)
    assert "the newest dated document gives 5 mg once daily [1]" in note, note
    assert "(gp_list_2025-06-02.txt, 2 Jun 2025)" in note, note
    assert "2019" not in note


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (
            "Inpatient notes, admitted 11/01/2025.\n12/01/2025 Ward round: stable.\n"
            "14/01/2025 Bisoprolol 1.25 mg once daily started.",
            "14 Jan 2025",
        ),
        (
            "Inpatient notes 11/01/2025.\n- 14/01/2025 Bisoprolol 1.25 mg once daily.",
            "14 Jan 2025",
        ),
        (
            "Inpatient notes 11/01/2025.\n14/01/2025 Ward round. Bisoprolol 1.25 mg"
            " once daily started.",
            "14 Jan 2025",
        ),
        (
            "Inpatient notes 11/01/2025.\nWard round. 15/01/2025 Bisoprolol 1.25 mg"
            " once daily started.",
            "15 Jan 2025",
        ),
        # A short entry label before the day (fix46b dated these by the document).
        (
            "Inpatient notes 11/01/2025.\nWard round 16/01/2025: bisoprolol 1.25 mg"
            " once daily started.",
            "16 Jan 2025",
        ),
        (
            "Inpatient notes 11/01/2025.\n- Clinic 17/01/2025 bisoprolol 1.25 mg daily.",
            "17 Jan 2025",
        ),
    ],
)
def test_still_a_day_opening_the_doses_line_or_sentence_dates_it(text: str, shown: str) -> None:
    notes = _passage(1, text, "inpatient_notes_40p.txt")
    letter = _passage(2, "Bisoprolol 5 mg once daily.", "clinic_letter_2025-06-02.txt")
    (note,) = dose_disagreements([notes, letter], ["bisoprolol"], default_lexicon())
    assert f"1.25 mg once daily [1] (inpatient_notes_40p.txt, {shown})" in note, note
