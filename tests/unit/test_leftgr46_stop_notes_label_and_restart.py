"""Note45 (grounding, left): two faults in the stop notes under an answer.

* A stop read from a bullet under "Stopped medications:" was quoted without its label: the
  note showed “- ramipril 10 mg”, which reads as a drug taken. The label is quoted with it
  (with "…" where other items stand between).
* A restart further on in the stop's own letter ("... ramipril was restarted at 5 mg") still
  left "the documents say ramipril was stopped" (the dose note was already right). A later
  restart or continuation in the same document wins; a plan to restart, a later stop, or
  another drug's continuation does not.

The first two groups failed before the fix (checked against main); the last guards the notes
that must still be made."""

from __future__ import annotations

import pytest
from fixtures.fake_models import FakeChatModel, FakeEmbedder, FakeRetriever, hit

from medlocal.rag.answer import GroundedAnswerer
from medlocal.rag.passages import NumberedPassage, Scope
from medlocal.rag.stop_notes import stop_notes

_DISCHARGE = (
    "DISCHARGE SUMMARY\n"
    "Diagnosis: acute kidney injury on CKD 3a, resolved.\n"
    "Stopped medications:\n"
    "- ramipril 10 mg once daily\n"
    "- naproxen 500 mg twice daily\n"
    "Current medications\n"
    "- bisoprolol 2.5 mg once daily\n"
    "- atorvastatin 40 mg at night\n"
)


def _passages(*texts: str, document_id: int = 8) -> list[NumberedPassage]:
    return [
        NumberedPassage(
            i + 1,
            hit(
                60 + i,
                text,
                document_id=document_id,
                file_name="discharge_summary_2026-07-14.txt",
                page=None,
                start=2000 * i,
            ),
        )
        for i, text in enumerate(texts)
    ]


def test_a_stop_from_a_listed_item_is_quoted_with_its_label() -> None:
    (note,) = stop_notes(_passages(_DISCHARGE), ["ramipril"])
    assert "“Stopped medications: - ramipril 10 mg once daily”" in note, note


def test_items_between_the_label_and_the_quoted_one_are_marked_left_out() -> None:
    (note,) = stop_notes(_passages(_DISCHARGE), ["naproxen"])
    assert "“Stopped medications: … - naproxen 500 mg twice daily”" in note, note


def test_a_heading_label_is_quoted_as_a_label() -> None:
    text = "Clinic letter\n## Discontinued medications\n1. ramipril 10 mg\n2. naproxen 500 mg\n"
    (note,) = stop_notes(_passages(text), ["naproxen"])
    assert "“Discontinued medications: … naproxen 500 mg”" in note, note


def test_the_answer_notes_quote_the_label_too() -> None:
    answerer = GroundedAnswerer(
        FakeChatModel("She takes bisoprolol 2.5 mg once daily [1]."),
        FakeRetriever([_passages(_DISCHARGE)[0].hit]),  # type: ignore[arg-type]
        FakeEmbedder(),  # type: ignore[arg-type]
    )
    answer = answerer.ask("Is she still on ramipril?", Scope(patient_id=1)).consume()
    stops = [n for n in answer.notes if "was stopped" in n]
    assert len(stops) == 1 and "Stopped medications: - ramipril" in stops[0], answer.notes


_HELD = (
    "Ramipril 10 mg once daily was held on admission because of AKI (creatinine 210 umol/L). "
    "Amlodipine 5 mg was continued. "
)


@pytest.mark.parametrize(
    "later",
    [
        "By day 4 creatinine had returned to 98 umol/L and ramipril was restarted at 5 mg.",
        "Creatinine 98 umol/L on day 4; ramipril resumed at 2.5 mg once daily.",
        "On discharge: continue ramipril 5 mg once daily.",
        "She is back on ramipril 5 mg once daily.",
    ],
)
def test_a_later_restart_in_the_same_letter_cancels_the_stop_note(later: str) -> None:
    assert stop_notes(_passages(_HELD + later), ["ramipril"]) == []
    # ... in the same passage or a later one of the same document.
    assert stop_notes(_passages(_HELD, later), ["ramipril"]) == []


@pytest.mark.parametrize(
    "text",
    [
        "Ramipril 10 mg was held for AKI and restarted at 5 mg on day 4.",
        "Stopped ramipril on admission (AKI), restarted at 2.5 mg before discharge.",
    ],
)
def test_a_restart_later_in_the_stopping_sentence_cancels_the_stop_note(text: str) -> None:
    assert stop_notes(_passages(text), ["ramipril"]) == []


@pytest.mark.parametrize(
    "text",
    [
        "Ramipril 10 mg was held for AKI and not restarted.",
        "Ramipril 10 mg was held for AKI, to be restarted by her GP.",
        "Ramipril 10 mg was held for AKI; amlodipine was restarted.",
    ],
)
def test_a_denied_or_planned_restart_or_another_drugs_leaves_the_stop_noted(text: str) -> None:
    assert len(stop_notes(_passages(text), ["ramipril"])) == 1


@pytest.mark.parametrize(
    "later",
    [
        "Plan: restart ramipril in 2 weeks if creatinine is stable.",
        "Amlodipine continued and ramipril to be reviewed by the GP.",
        "She was told about ramipril and its effect on the kidneys.",
    ],
)
def test_a_plan_or_another_drugs_continuation_leaves_the_stop_noted(later: str) -> None:
    notes = stop_notes(_passages(_HELD + later), ["ramipril"])
    assert len(notes) == 1 and "was held on admission" in notes[0], notes


def test_a_stop_after_the_restart_in_the_same_letter_is_noted() -> None:
    text = (
        "Ramipril was held in March for AKI and restarted at 2.5 mg in April. "
        "Ramipril was stopped again in June because of a persistent dry cough."
    )
    notes = stop_notes(_passages(text), ["ramipril"])
    assert len(notes) == 1 and "stopped again in June" in notes[0], notes


def test_a_restart_in_another_undated_document_does_not_cancel_the_stop() -> None:
    stop = _passages(_HELD)
    other = _passages("Ramipril restarted at 5 mg.", document_id=9)[0]
    other = NumberedPassage(2, other.hit)
    assert len(stop_notes([*stop, other], ["ramipril"])) == 1
