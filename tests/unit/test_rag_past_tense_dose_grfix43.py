"""grfix43 item 4 (note41/note42 leftover): "was taking 80 mg" skipped the superseded-dose flag
that "is taking 80 mg" gets when a newer document gives another dose: the past tense alone
read as a past dose. Where the answer gives the dose as current (the question asks for the
current dose, or the sentence says "still"/"currently"), the tense no longer matters; a dose
told as explicitly historical ("was taking 3.75 mg until 2 Dec 2026") stays unflagged."""

from __future__ import annotations

import pytest
from fixtures.fake_models import FakeChatModel, FakeEmbedder, FakeRetriever, hit

from medlocal.rag.answer import GroundedAnswer, GroundedAnswerer
from medlocal.rag.checks.doses import past_dose
from medlocal.rag.grounding import ground
from medlocal.rag.passages import Scope

CARDIO = hit(
    53,
    "Current medications: bisoprolol 3.75 mg once daily, edoxaban 30 mg once daily.",
    document_id=5,
    file_name="cardiology_letter_2026-10-21.pdf",
)
WARD9 = hit(
    52,
    "Medications on discharge:\n- Bisoprolol 2.5 mg once daily (reduced from 3.75 mg)\n"
    "- Edoxaban 30 mg once daily\n",
    document_id=4,
    file_name="discharge_summary_ward9_2026-12-02.txt",
    page=None,
)
CURRENT = "What is her current dose of bisoprolol?"
STILL = "Is she still on bisoprolol?"


def _ask(reply: str, question: str) -> GroundedAnswer:
    answerer = GroundedAnswerer(
        FakeChatModel(reply),
        FakeRetriever([CARDIO, WARD9]),  # type: ignore[arg-type]
        FakeEmbedder(),  # type: ignore[arg-type]
    )
    return answerer.ask(question, Scope(patient_id=1)).consume()


def _superseded(answer: GroundedAnswer) -> list[str]:
    return [f.token for f in answer.flags if "superseded dose" in f.message]


@pytest.mark.parametrize(
    ("reply", "question"),
    [
        ("She was taking bisoprolol 3.75 mg once daily [1].", CURRENT),
        ("Yes, she was on bisoprolol 3.75 mg once daily [1].", STILL),
        ("Her bisoprolol dose was 3.75 mg once daily [1].", CURRENT),
        # Said current in the sentence itself, whatever the question.
        ("Currently she was taking bisoprolol 3.75 mg once daily [1].", "What about bisoprolol?"),
    ],
)
def test_a_past_tense_dose_given_as_current_is_flagged(reply: str, question: str) -> None:
    assert _superseded(_ask(reply, question)) == ["3.75 mg"]


@pytest.mark.parametrize(
    "reply",
    [
        "She was taking bisoprolol 3.75 mg once daily until 2 Dec 2026 [1].",
        "She was previously taking bisoprolol 3.75 mg once daily [1].",
        "She was taking bisoprolol 3.75 mg once daily at the time of the clinic letter [1].",
    ],
)
def test_an_explicitly_historical_dose_is_not_flagged(reply: str) -> None:
    assert _superseded(_ask(reply, CURRENT)) == []


def test_the_past_tense_alone_is_a_past_dose_only_outside_a_current_answer() -> None:
    assert past_dose("She was taking 80 mg twice daily.")
    assert not past_dose("She was taking 80 mg twice daily.", current=True)
    assert past_dose("She was taking 80 mg twice daily until July.", current=True)


def test_the_changed_from_dose_in_a_past_tense_sentence_said_current_is_flagged() -> None:
    passage = "Bisoprolol increased from 2.5 mg to 5 mg once daily."
    flagged = ground("Currently she was taking bisoprolol 2.5 mg once daily [1].", {1: passage})
    assert [f.token for f in flagged.flags if f.kind == "timing_conflict"] == ["2.5 mg"]
    # Told as past and not said current: left alone, as before.
    past = ground("She was taking bisoprolol 2.5 mg once daily [1].", {1: passage})
    assert not [f for f in past.flags if f.kind == "timing_conflict"], past.flags
