"""Review 44b B5: a discharge summary listing "Stopped medications: ramipril 10 mg (stopped
18/11/2023)" got no stop note, and the dose note said "the newest dated document gives 10 mg"
as if it were taken now. The assertion reader read neither the "Stopped medications:" label nor
the bracketed "(stopped 18/11/2023)" as a stop, and a stop dated before its own document (the
summary is of 20 Nov) did not end the dose that same sentence gives. Each test but the controls
failed before the fix (checked by restoring medlocal/rag/assertion_stops.py,
dose_disagreements.py and stop_notes.py from main)."""

from __future__ import annotations

import pytest
from fixtures.fake_models import grounded_answer, hit

from medlocal.rag.assertions import mentions

LETTER = hit(
    1, "Cardiology letter. Ramipril increased to 5 mg once daily.", document_id=1,
    file_name="letter_2020-12-08.pdf",
)  # fmt: skip
DISCHARGE = hit(
    2,
    "Discharge summary.\nStopped medications: ramipril 10 mg (stopped 18/11/2023)\n"
    "Current medications: amlodipine 5 mg once daily",
    document_id=2,
    file_name="discharge_2023-11-20.pdf",
)
STOPPED_NOTE = (
    "the documents say ramipril was stopped: “Stopped medications: ramipril 10 mg (stopped"
    " 18/11/2023)” [2] (discharge_2023-11-20.pdf, 20 Nov 2023)"
)


def _stopped(text: str) -> bool:
    (found,) = [m for m in mentions(text) if m.key == "ramipril"]
    return found.assertion.stopped


@pytest.mark.parametrize(
    "text",
    [
        "Stopped medications: ramipril 10 mg",
        "ramipril 10 mg (stopped 18/11/2023)",
        "Ramipril 10 mg (held for AKI).",
        "Discontinued medicines: ramipril.",
    ],
)
def test_a_stop_label_or_a_bracketed_stop_stops_the_drug(text: str) -> None:
    assert _stopped(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ramipril 10 mg (started 2019).",
        "Stopped medications are listed below. Ramipril 10 mg once daily.",
        "Amlodipine 5 mg (bisoprolol stopped) and ramipril 10 mg.",
    ],
)
def test_a_bracket_or_label_that_stops_nothing_leaves_the_drug_taken(text: str) -> None:
    assert not _stopped(text)


def test_the_current_dose_answer_is_told_the_dose_was_stopped_with_its_date() -> None:
    answer = grounded_answer(
        "Her current dose of ramipril is 10 mg [2].",
        "What is the current dose of ramipril?",
        [LETTER, DISCHARGE],
    )
    assert answer.notes[0].startswith(
        "the dose of ramipril changed over time: the last dose given is 10 mg [2]"
        " (discharge_2023-11-20.pdf, 20 Nov 2023) until stopped 18/11/2023 [2]; older: 5 mg"
    ), answer.notes
    assert not any("newest dated document gives" in n for n in answer.notes)
    assert STOPPED_NOTE in answer.notes


def test_the_older_dose_given_as_current_is_still_flagged_superseded() -> None:
    answer = grounded_answer(
        "Her current dose of ramipril is 5 mg once daily [1].",
        "What is the current dose of ramipril?",
        [LETTER, DISCHARGE],
    )
    (flag,) = [f for f in answer.flags if "superseded dose" in f.message]
    assert flag.message.endswith("20 Nov 2023) until stopped 18/11/2023 [2]"), flag.message


def test_a_dose_its_documents_stop_sentence_does_not_give_still_stands() -> None:
    # The stop of 18/11 and a dose of 2.5 mg in one review: a restart at a new dose, not the
    # dose that was stopped; the note names it the newest without "until stopped".
    review = hit(
        3,
        "GP review. Ramipril stopped 18/11/2023 with AKI. Now ramipril 2.5 mg once daily.",
        document_id=3,
        file_name="gp_review_2024-02-06.txt",
    )
    answer = grounded_answer(
        "Her current dose of ramipril is 2.5 mg [2].",
        "What is the current dose of ramipril?",
        [LETTER, review],
    )
    assert answer.notes[0].startswith(
        "the dose of ramipril changed over time: the newest dated document gives 2.5 mg once"
        " daily [2]"
    ), answer.notes
    assert "until stopped" not in answer.notes[0]
