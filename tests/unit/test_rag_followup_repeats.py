"""Walk 40b item 9: in a chat, "What was her last potassium?" and then "And before that?" were
answered with the previous (apixaban) answer word for word, but for its citation numbers. The
model copies the last answer it is given as history (the demo model did); the answer now says
it repeats an earlier one. A scripted model that copies as the demo model did, through the
real chat session and answerer."""

from __future__ import annotations

from collections.abc import Sequence

from fixtures.fake_models import FakeChatModel, FakeEmbedder, FakeRetriever, FakeStore, hit

from medlocal.app.chats import ChatTurn
from medlocal.engine.api import ChatMessage
from medlocal.rag.answer import GroundedAnswerer
from medlocal.rag.chat import ChatSession
from medlocal.rag.followup import repeated_answer_note
from medlocal.rag.passages import Scope
from medlocal.ui.chat_view import _render_turn

DISCHARGE = hit(
    51,
    "Discharge medications: apixaban 5 mg twice daily, bisoprolol 2.5 mg once daily.",
    document_id=1,
    file_name="discharge_summary_2026-09-18.pdf",
)
LABS = hit(
    52,
    "Test,Date,Result,Units\nPotassium,2026-09-18,4.9,mmol/L\nPotassium,2026-10-30,5.8,mmol/L",
    document_id=2,
    file_name="labs.csv",
    page=None,
)
FIRST = "She continues apixaban 5 mg twice daily [1]. It was started on 18 Sep 2026 [1]."


def _copying(messages: Sequence[ChatMessage]) -> str:
    """The first answer as asked; then the last answer of the history, with its citations
    renumbered to a passage given now (as the window showed)."""
    earlier = [m.content for m in messages if m.role == "assistant"]
    if not earlier:
        return FIRST
    number = "2" if "[2] (discharge_summary" in messages[-1].content else "1"
    return earlier[-1].replace("[1]", f"[{number}]")


def _session(model: FakeChatModel) -> ChatSession:
    answerer = GroundedAnswerer(model, FakeRetriever([LABS, DISCHARGE]), FakeEmbedder())  # type: ignore[arg-type]
    return ChatSession(answerer, FakeStore(), Scope(patient_id=1))  # type: ignore[arg-type]


def test_a_follow_up_answered_with_the_previous_answer_says_so() -> None:
    session = _session(FakeChatModel(_copying))
    first = session.ask("What dose of apixaban is she on?").consume()
    assert not any("repeats" in n for n in first.notes)
    second = session.ask("What was her last potassium?").consume()
    third = session.ask("And before that?").consume()
    for answer, asked in ((second, "What was her last potassium?"), (third, "And before that?")):
        assert answer.status == "answered", answer
        note = (
            "this answer repeats an earlier answer of this chat almost word for word, so it may"
            f' not answer "{asked}": check the passages cited, or ask the question in full'
        )
        assert note in answer.notes
        assert note in answer.provenance["notes"]


def test_a_follow_up_with_its_own_answer_gets_no_note() -> None:
    model = FakeChatModel(
        [
            FIRST,
            "Her last potassium was 5.8 mmol/L on 2026-10-30 [1].",
            "Before that it was 4.9 mmol/L on 2026-09-18 [1].",
        ]
    )
    session = _session(model)
    answers = [
        session.ask(q).consume()
        for q in (
            "What dose of apixaban is she on?",
            "What was her last potassium?",
            "And before that?",
        )
    ]
    assert not any("repeats" in n for a in answers for n in a.notes)


def test_the_comparison_reads_words_not_citation_numbers() -> None:
    history = [ChatMessage("user", "What dose?"), ChatMessage("assistant", FIRST)]
    renumbered = FIRST.replace("[1]", "[3†]")
    assert repeated_answer_note("And before that?", renumbered, history) is not None
    # Two answers sharing a dose and a drug are not a repeat.
    other = "Apixaban 5 mg twice daily was reduced to 2.5 mg twice daily on 4 Nov 2026 [2]."
    assert repeated_answer_note("Was it changed?", other, history) is None
    assert repeated_answer_note("What dose?", FIRST, []) is None


def test_a_draft_set_aside_that_repeats_an_earlier_answer_says_so() -> None:
    # grfix42a: the draft was set aside (no passage it cites gives apixaban) and the window
    # showed only "(27 words; click to read)", no word of the repeat.
    said = "She continues apixaban 5 mg twice daily [1]."
    model = FakeChatModel([said, said])  # the second answer is the first, word for word
    retriever = FakeRetriever([LABS, DISCHARGE])
    answerer = GroundedAnswerer(model, retriever, FakeEmbedder())  # type: ignore[arg-type]
    session = ChatSession(answerer, FakeStore(), Scope(patient_id=1))  # type: ignore[arg-type]
    first = session.ask("What dose of apixaban is she on?").consume()
    assert first.status == "answered", first
    # Only a potassium passage is found for the next question: nothing supports the copy.
    retriever.hits = [hit(53, "Potassium 5.8 mmol/L, repeat in a week.", document_id=3)]
    second = session.ask("What was her last potassium?").consume()
    assert second.status == "not_found", second
    assert any(f.kind == "unsupported_draft" for f in second.flags), second.flags
    note = (
        "the model's draft, set aside, repeats an earlier answer of this chat almost word for"
        ' word, so it may not answer "What was her last potassium?": check the passages cited,'
        " or ask the question in full"
    )
    assert note in second.notes
    assert note in second.provenance["notes"]
    # The window shows it above the folded draft (it showed "(5 words; click to read)" only).
    shown = "".join(_render_turn(1, ChatTurn.from_answer(second, None)))
    assert "set aside, repeats an earlier answer of this chat" in shown
    assert shown.index("repeats an earlier answer") < shown.index("click to read")
