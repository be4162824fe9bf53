"""Walk 44 D3: "When was ramipril stopped and why?" on a record titrating ramipril 2.5 mg (2019),
5 mg (2020), 10 mg (2022), stopped 18/11/2023, was noted as "the documents disagree on ramipril:
10 mg once daily [7] (17 May 2022) vs 5 mg [6] (8 Dec 2020) vs 2.5 mg [4] (12 Nov 2019)", and
the superseded-dose flag named 10 mg once daily as the newest dose, as if current, while the next
note said ramipril had been stopped. Doses dated in order changed over time; a stop after the
newest dose ends it. Each test failed before the fix (checked by restoring
medlocal/rag/dose_disagreements.py, stop_notes.py and answer.py from main: the notes said
"disagree" and no "until stopped")."""

from __future__ import annotations

from fixtures.fake_models import grounded_answer, hit

from medlocal.rag.dose_disagreements import dose_disagreements
from medlocal.rag.medications import default_lexicon
from medlocal.rag.passages import NumberedPassage
from medlocal.rag.stop_notes import newest_stops

LETTER_2019 = hit(
    1, "Renal letter. Start ramipril 2.5 mg once daily.", document_id=1,
    file_name="letter_2019-11-12.docx",
)  # fmt: skip
LETTER_2020 = hit(
    2, "Cardiology letter. Ramipril increased to 5 mg.", document_id=2,
    file_name="letter_2020-12-08.pdf",
)  # fmt: skip
REVIEW_2022 = hit(
    3, "GP review. Medication: ramipril 10 mg once daily, metformin 1 g twice daily.",
    document_id=3, file_name="gp_review_2022-05-17.txt",
)  # fmt: skip
REVIEW_2023 = hit(
    4,
    "GP review. Ramipril remains stopped (stopped 18/11/2023 on admission with AKI)."
    " Metformin 500 mg twice daily.",
    document_id=4, file_name="gp_review_2023-12-12.pdf",
)  # fmt: skip
REVIEW_2024 = hit(
    5, "GP review. Metformin stopped today because of renal function.", document_id=5,
    file_name="gp_review_2024-02-06.txt",
)  # fmt: skip
RAMIPRIL = [LETTER_2019, LETTER_2020, REVIEW_2022, REVIEW_2023]
RAMIPRIL_NOTE = (
    "the dose of ramipril changed over time (newest first): 10 mg once daily [3]"
    " (gp_review_2022-05-17.txt, 17 May 2022) until stopped 18/11/2023 [4]; 5 mg [2]"
    " (letter_2020-12-08.pdf, 8 Dec 2020); 2.5 mg once daily [1] (letter_2019-11-12.docx,"
    " 12 Nov 2019)"
)


def _numbered(hits: list) -> list[NumberedPassage]:  # type: ignore[type-arg]
    return [NumberedPassage(i, h) for i, h in enumerate(hits, 1)]


def _notes(hits: list, drug: str, *, current: bool = False) -> list[str]:  # type: ignore[type-arg]
    passages = _numbered(hits)
    stops = newest_stops(passages, [drug])
    return dose_disagreements(passages, [drug], default_lexicon(), current=current, stops=stops)


def test_doses_dated_in_order_changed_over_time_until_the_stop() -> None:
    assert _notes(RAMIPRIL, "ramipril") == [RAMIPRIL_NOTE]


def test_a_stop_whose_sentence_writes_no_date_is_dated_by_its_document() -> None:
    notes = _notes([REVIEW_2022, REVIEW_2023, REVIEW_2024], "metformin")
    assert notes == [
        "the dose of metformin changed over time (newest first): 500 mg twice daily [2]"
        " (gp_review_2023-12-12.pdf, 12 Dec 2023) until stopped 6 Feb 2024 [3]; 1 g twice daily"
        " [1] (gp_review_2022-05-17.txt, 17 May 2022)"
    ]


def test_for_a_current_dose_question_the_last_dose_is_not_named_as_current() -> None:
    (note,) = _notes(RAMIPRIL, "ramipril", current=True)
    assert note.startswith(
        "the dose of ramipril changed over time: the last dose given is 10 mg once daily [3]"
        " (gp_review_2022-05-17.txt, 17 May 2022) until stopped 18/11/2023 [4]; older: 5 mg [2]"
    )
    assert "newest dated document gives" not in note


def test_without_a_stop_after_it_the_newest_dose_stands() -> None:
    (note,) = _notes(RAMIPRIL[:3], "ramipril")
    assert "until stopped" not in note and note.startswith("the dose of ramipril changed")


def test_two_doses_of_one_day_or_undated_still_disagree() -> None:
    same_day = hit(
        6, "Clinic letter. Ramipril 7.5 mg once daily.", document_id=6,
        file_name="clinic_2022-05-17.txt",
    )  # fmt: skip
    (note,) = _notes([*RAMIPRIL[:3], same_day], "ramipril")
    assert note.startswith("the documents disagree on ramipril: "), note
    undated = hit(7, "Ramipril 7.5 mg once daily.", document_id=7, file_name="medication_list.txt")
    (note,) = _notes([*RAMIPRIL[:3], undated], "ramipril")
    assert note.startswith("the documents disagree on ramipril: "), note
    assert " vs " in note


def test_the_answer_notes_and_the_superseded_flag_say_until_stopped() -> None:
    answer = grounded_answer(
        "Current medication: ramipril 5 mg once daily [2].",
        "What is the current dose of ramipril?",
        RAMIPRIL,
    )
    assert answer.notes[0].startswith("the dose of ramipril changed over time: the last dose")
    assert any(n.startswith("the documents say ramipril was stopped") for n in answer.notes)
    (flag,) = [f for f in answer.flags if "superseded dose" in f.message]
    assert flag.message.endswith(
        "the newest dated document gives 10 mg once daily [3] (gp_review_2022-05-17.txt,"
        " 17 May 2022) until stopped 18/11/2023 [4]"
    ), flag.message
    assert 4 in {s.number for s in answer.sources}


def test_the_walk_question_gets_a_change_note_not_a_disagreement() -> None:
    answer = grounded_answer(
        "Ramipril was stopped on 18/11/2023 because of AKI [4].",
        "When was ramipril stopped and why?",
        RAMIPRIL,
    )
    assert answer.notes[0] == RAMIPRIL_NOTE, answer.notes
    assert not any("disagree" in n for n in answer.notes)
