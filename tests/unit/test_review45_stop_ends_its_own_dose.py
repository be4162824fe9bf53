"""Review45 D8: a stop ended the newest dose when the dose's text ("10 mg") appeared anywhere in
the stop's sentence, so another drug's "amlodipine 10 mg was continued" beside "Ramipril was
stopped" ended the ramipril 10 mg the same letter restarts further on, and the note told the
clinician the restarted dose had ended. The dose's own mention must lie in the stop's sentence.
The first test failed before the fix (checked by restoring medlocal/rag/dose_disagreements.py
and stop_notes.py from main); the second keeps review 44b B5's case."""

from __future__ import annotations

from fixtures.fake_models import grounded_answer, hit

LETTER = hit(
    1, "Cardiology letter. Ramipril increased to 5 mg once daily.", document_id=1,
    file_name="letter_2020-12-08.pdf",
)  # fmt: skip


def _dose_note(text: str) -> str:
    clinic = hit(2, text, document_id=2, file_name="clinic_2023-11-25.pdf")
    answer = grounded_answer(
        "Her current dose of ramipril is 10 mg once daily [2].",
        "What is the current dose of ramipril?",
        [LETTER, clinic],
    )
    return answer.notes[0]


def test_a_restart_after_the_stop_is_the_newest_dose_though_another_drug_shares_its_dose() -> None:
    note = _dose_note(
        "Clinic letter. Ramipril was stopped on 18/11/2023 because of AKI, while amlodipine 10 mg"
        " was continued. Renal function has recovered. Ramipril 10 mg once daily restarted today."
    )
    assert note.startswith(
        "the dose of ramipril changed over time: the newest dated document gives 10 mg once"
        " daily [2]"
    ), note
    assert "until stopped" not in note


def test_the_dose_the_stop_sentence_itself_gives_is_ended() -> None:
    note = _dose_note("Clinic letter.\nStopped medications: ramipril 10 mg (stopped 18/11/2023)")
    assert "until stopped 18/11/2023 [2]" in note, note
