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
from fixtures.fake_models import hit

from medlocal.rag.assertions import mentions
from medlocal.rag.dose_disagreements import dose_disagreements
from medlocal.rag.grounding import ground
from medlocal.rag.medications import default_lexicon
from medlocal.rag.passages import NumberedPassage


def _negated(text: str, key: str) -> bool:
    return any(m.assertion.negated for m in mentions(text) if m.key == key)


def _stopped(text: str, key: str) -> bool:
    return any(m.assertion.stopped for m in mentions(text) if m.key == key)


def _flags(answer: str, passage: str) -> list[str]:
    return [f.kind for f in ground(answer, {1: passage}).flags]


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
    assert not _negated(text, key)


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
    assert "negation_conflict" not in _flags(answer, passage)


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
    assert _negated(text, key)


def test_still_diabetes_negative_for_ketones_denies_the_ketones_only() -> None:
    text = "Diabetes: negative for ketones."
    assert not _negated(text, "diabetes")
    assert _negated(text, "ketone")


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
    assert not _stopped(passage, "metformin")
    assert "negation_conflict" not in _flags(_TAKES_METFORMIN, passage)


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
    assert _stopped(passage, "metformin")
    assert "negation_conflict" in _flags(_TAKES_METFORMIN, passage)


# D3 -------------------------------------------------------------------------------------------

_DISCHARGE_1_JUN = NumberedPassage(
    2,
    hit(
        2,
        "Discharge medications:\nBisoprolol 2.5 mg once daily.",
        document_id=2,
        file_name="discharge_2025-06-01.txt",
        page=None,
    ),
)


def _gp_list(line: str) -> NumberedPassage:
    text = f"GP medication list.\n{line}"
    return NumberedPassage(
        1, hit(1, text, document_id=1, file_name="gp_list_2025-06-02.txt", page=None)
    )


@pytest.mark.parametrize(
    "line",
    [
        "Bisoprolol (since March 2019) 5 mg once daily.",
        "Bisoprolol (started 14/03/2019) 5 mg once daily.",
        "Bisoprolol started 14/03/2019, now 5 mg once daily.",
        "From 14/03/2019 bisoprolol 5 mg once daily.",
    ],
)
def test_a_start_date_in_the_doses_line_does_not_date_the_dose(line: str) -> None:
    passages = [_gp_list(line), _DISCHARGE_1_JUN]
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
    ],
)
def test_still_a_day_opening_the_doses_line_or_sentence_dates_it(text: str, shown: str) -> None:
    notes = NumberedPassage(
        1, hit(1, text, document_id=1, file_name="inpatient_notes_40p.txt", page=None)
    )
    letter = NumberedPassage(
        2,
        hit(
            2,
            "Bisoprolol 5 mg once daily.",
            document_id=2,
            file_name="clinic_letter_2025-06-02.txt",
            page=None,
        ),
    )
    (note,) = dose_disagreements([notes, letter], ["bisoprolol"], default_lexicon())
    assert f"1.25 mg once daily [1] (inpatient_notes_40p.txt, {shown})" in note, note
