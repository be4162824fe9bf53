"""Review45 D1, D4, D5: the stop reader of leftgr45 read a bracket that opens with a stop word
as stopping the drug before it whatever the bracket went on to say ("(stopped smoking 2019)",
"(held for CT contrast, restarted 12/03/2024)"), stopped only the first drug of a "Stopped
medications:" list and none of a list under such a label, and read "Stopped medications: none"
as stopping the drug on the next line. The first and third groups, the "none"/"nil" cases of
the fourth and both answer tests failed before the fix (checked by restoring
medlocal/rag/assertion_stops.py, assertions.py and assertion_scopes.py from main); the rest
guard what must hold."""

from __future__ import annotations

import pytest
from fixtures.assertion_reads import stopped
from fixtures.fake_models import grounded_answer, hit


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Ramipril 10 mg once daily (stopped smoking 2019, BP better since).", "ramipril"),
        ("Metformin 1 g twice daily (held for CT contrast, restarted 12/03/2024).", "metformin"),
        ("Ramipril (stopped in error, restarted) 10 mg.", "ramipril"),
        ("Bisoprolol 2.5 mg once daily (stopped atenolol because of asthma)", "bisoprolol"),
        ("Ramipril 10 mg (stopped by GP? please check)", "ramipril"),
        ("Aspirin 75 mg (stopped clopidogrel 2022)", "aspirin"),
        (
            "Metformin 1 g bd (stopped taking for 2 days due to diarrhoea, now restarted)",
            "metformin",
        ),
    ],
)
def test_a_bracket_that_stops_something_else_or_restarts_leaves_the_drug_taken(
    text: str, key: str
) -> None:
    assert not stopped(text, key)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Bisoprolol 2.5 mg once daily (stopped atenolol because of asthma)", "atenolol"),
        ("Ramipril 10 mg (held for AKI).", "ramipril"),
        ("Ramipril 10 mg (stopped 18/11/2023).", "ramipril"),
        ("Amlodipine 5 mg, ramipril 10 mg (stopped)", "ramipril"),
    ],
)
def test_a_bracketed_stop_of_its_own_still_stops(text: str, key: str) -> None:
    assert stopped(text, key)


@pytest.mark.parametrize(
    "text",
    [
        "Stopped medications: ramipril 10 mg, amlodipine 5 mg",
        "Stopped medications: ramipril 10 mg and amlodipine 5 mg once daily",
        "Stopped medications:\n- ramipril 10 mg\n- amlodipine 5 mg\n\nCurrent: bisoprolol",
        "## Stopped medications\n- ramipril\n- amlodipine",
    ],
)
def test_every_drug_a_stop_label_lists_isstopped(text: str) -> None:
    assert stopped(text, "ramipril") and stopped(text, "amlodipine")


@pytest.mark.parametrize(
    "text",
    [
        "Stopped medications: ramipril 10 mg; continue amlodipine 5 mg",
        "Stopped medications:\n- ramipril\n\nCurrent medications:\n- amlodipine 5 mg",
        "Stopped meds:\nramipril\nCurrent meds:\namlodipine",
        "Stopped medications: none\namlodipine 5 mg once daily",
        "Stopped: none\namlodipine 5 mg once daily",
        "STOPPED: nil\namlodipine 5 mg od",
        "Stopped medications:\n- none\n\namlodipine 5 mg",
    ],
)
def test_a_drug_outside_the_stop_labels_list_is_taken(text: str) -> None:
    assert not stopped(text, "amlodipine")


def test_the_answer_gets_no_stop_note_for_a_drug_whose_bracket_stopped_smoking() -> None:
    passage = hit(1, "Ramipril 10 mg once daily (stopped smoking 2019, BP better since).")
    answer = grounded_answer(
        "She takes ramipril 10 mg once daily [1].", "What does she take?", [passage]
    )
    assert not any("was stopped" in n for n in answer.notes), answer.notes
    assert not any(f.kind == "negation_conflict" for f in answer.flags), answer.flags


def test_the_second_drug_of_a_stop_label_gets_its_stop_note() -> None:
    passage = hit(1, "Discharge summary.\nStopped medications: ramipril 10 mg, amlodipine 5 mg")
    answer = grounded_answer("She takes amlodipine 5 mg [1].", "What does she take?", [passage])
    assert any("the documents say amlodipine was stopped" in n for n in answer.notes), answer.notes
