"""Grounded answers with a scripted model: context fitting, citations, abstention, multi-turn."""

from __future__ import annotations

import threading

import pytest
from fixtures.fake_models import FakeChatModel, FakeEmbedder, FakeRetriever, FakeStore, hit

from medlocal.engine.api import ChatMessage, SamplingParams
from medlocal.errors import ContextBudgetError, GenerationCancelled, UserInputError
from medlocal.rag.answer import GroundedAnswerer
from medlocal.rag.chat import ChatSession
from medlocal.rag.context import fit_passages
from medlocal.rag.passages import Scope, render_passages
from medlocal.rag.prompts import GENERAL_LABEL, NO_SUPPORTED_ANSWER, NOT_FOUND_MESSAGE
from medlocal.rag.references import GivenPassage, unknown_documents
from medlocal.rag.relevance import RelevanceThreshold

HITS = [
    hit(11, "Metformin 500 mg twice daily for type 2 diabetes.", score=0.9, start=0),
    hit(12, "Blood pressure 142/90 mmHg. Lisinopril 10 mg daily.", score=0.7, start=60, page=2),
    hit(13, "Seen by dietician in clinic.", score=0.2, start=120, page=3),
]
SCOPE = Scope(patient_id=1)


def answerer(model: FakeChatModel, hits: list = HITS, **kw: object) -> GroundedAnswerer:  # type: ignore[type-arg]
    return GroundedAnswerer(model, FakeRetriever(hits), FakeEmbedder(), **kw)  # type: ignore[arg-type]


def build(passages, history):  # type: ignore[no-untyped-def]
    return [ChatMessage("system", "sys"), *history, ChatMessage("user", render_passages(passages))]


def test_context_fit_drops_weakest_passages_whole() -> None:
    long = hit(20, "word " * 300, score=0.1)
    strong = hit(21, "strong passage " * 10, score=0.9)
    middle = hit(22, "middle passage " * 100, score=0.5)
    model = FakeChatModel("", n_ctx=400)
    fit = fit_passages(model, [long, strong, middle], build, max_tokens=100)
    assert [p.hit.chunk_id for p in fit.passages] == [21, 22]
    assert [h.chunk_id for h in fit.dropped] == [20]
    assert fit.prompt_tokens + 100 <= model.n_ctx
    # The kept passages are whole.
    assert fit.passages[1].hit.text.strip() in fit.messages[-1].content
    assert "left out" in fit.notes()[0]


def test_context_fit_trims_old_history_first() -> None:
    model = FakeChatModel("", n_ctx=300)
    history = [ChatMessage("user", "q " * 60), ChatMessage("assistant", "a " * 60)] * 2
    fit = fit_passages(model, HITS, build, max_tokens=50, history=history)
    assert fit.dropped_turns >= 2
    assert len(fit.passages) == 3


def test_context_fit_raises_when_question_cannot_fit() -> None:
    model = FakeChatModel("", n_ctx=100)

    def huge(passages, history):  # type: ignore[no-untyped-def]
        return [ChatMessage("user", "x " * 200)]

    with pytest.raises(ContextBudgetError):
        fit_passages(model, HITS, huge, max_tokens=10)


def test_answer_streams_and_resolves_citations() -> None:
    model = FakeChatModel(
        "The patient takes metformin 500 mg twice daily [1]. BP was 142/90 mmHg [2][5]."
    )
    stream = answerer(model).ask("What dose of metformin?", SCOPE)
    pieces = list(stream)
    result = stream.result
    assert "".join(pieces).startswith("The patient takes metformin")
    assert result.status == "answered"
    assert result.text.endswith("[2].")
    assert [(s.number, s.chunk_id, s.page, s.start, s.end) for s in result.sources] == [
        (1, 11, 1, 0, len(HITS[0].text)),
        (2, 12, 2, 60, 60 + len(HITS[1].text)),
    ]
    assert [f.kind for f in result.flags] == ["invalid_citation"]
    prov = result.provenance
    assert prov["model"]["sha256"] == "0" * 64
    assert prov["seed"] == SamplingParams().seed
    assert [p["chunk_id"] for p in prov["passages"]] == [11, 12, 13]
    assert prov["passages"][0]["score"] == 0.9
    assert "created_at" in prov


def test_answer_flags_planted_dose_mismatch() -> None:
    model = FakeChatModel("The patient takes metformin 850 mg twice daily [1].")
    result = answerer(model).ask("metformin dose?", SCOPE).consume()
    assert [(f.kind, f.token) for f in result.flags] == [("unverified_number", "850 mg")]


def test_two_differing_versions_are_pointed_out_to_the_model_and_the_clinician() -> None:
    summary = (
        "Discharge medications: metformin {dose} twice daily, atorvastatin 40 mg nightly, "
        "ramipril 5 mg daily, review in diabetes clinic."
    )
    versions = [
        hit(31, summary.format(dose="1 g"), score=0.9, document_id=7, file_name="revised.pdf"),
        hit(32, "Seen by dietician in clinic.", score=0.6, document_id=5),
        hit(33, summary.format(dose="500 mg"), score=0.5, document_id=3, file_name="summary.pdf"),
    ]
    model = FakeChatModel("Metformin 1 g twice daily [1].")
    result = answerer(model, versions).ask("What dose of metformin?", SCOPE).consume()
    note = (
        "Passages [1] (revised.pdf) and [3] (summary.pdf) are two versions of the same text that "
        "differ; [1] was imported later. Check which one is current."
    )
    assert note in model.calls[0][-1].content
    # The doses that differ are named too (walk 40b item 3), the documents being undated in
    # passage order; the disagreement leads the notes (walk 41).
    doses = (
        "the documents disagree on metformin: 1 g twice daily [1] (revised.pdf, undated) vs"
        " 500 mg twice daily [3] (summary.pdf, undated)"
    )
    assert result.notes == [doses, note]
    # Unchanged copies, or different passages, get no note.
    model = FakeChatModel("Metformin 500 mg twice daily [1].")
    plain = answerer(model).ask("What dose of metformin?", SCOPE).consume()
    assert plain.notes == [] and "Note:" not in model.calls[0][-1].content


def test_lab_reports_a_year_apart_are_not_called_versions() -> None:
    # Walk 42g: reports of one layout a year apart, the older imported later, were called "two
    # versions of the same text ... [2] was imported later", in the prompt and the notes.
    lab = (
        "Clinical Chemistry Report. Sample collected: {when}. HbA1c {a1c} mmol/mol, eGFR {egfr}"
        " mL/min/1.73m2, creatinine {cr} umol/L, potassium 4.6 mmol/L. Authorised by J. T."
    )
    reports = [
        hit(41, lab.format(when="02.06.2026", a1c=75, egfr=39, cr=126), document_id=3),
        hit(42, lab.format(when="10/06/2025", a1c=58, egfr=61, cr=88), document_id=7),
    ]
    model = FakeChatModel("Her latest HbA1c is 75 mmol/mol [1].")
    result = answerer(model, reports).ask("What is her latest HbA1c?", SCOPE).consume()
    assert "versions" not in model.calls[0][-1].content
    assert not any("versions" in note for note in result.notes)
    # Two versions that share an own date are still pointed out, with that date.
    same = [
        hit(43, lab.format(when="02.06.2026", a1c=75, egfr=39, cr=126), document_id=3),
        hit(44, lab.format(when="02.06.2026", a1c=57, egfr=39, cr=126), document_id=7),
    ]
    model = FakeChatModel("Her latest HbA1c is 57 mmol/mol [1].")
    result = answerer(model, same).ask("What is her latest HbA1c?", SCOPE).consume()
    note = (
        "Passages [2] (note.pdf) and [1] (note.pdf) are two versions of the same text that "
        "differ; both are dated 2026-06-02; [2] was imported later. Check which one is current."
    )
    assert note in result.notes


def test_abstains_when_nothing_relevant_is_retrieved() -> None:
    weak = [hit(30, "Dental cleaning scheduled.", vector_score=0.1)]
    model = FakeChatModel("Warfarin 5 mg [1].")
    stream = answerer(model, weak).ask("What anticoagulant is prescribed?", SCOPE)
    assert list(stream) == []
    assert stream.result.status == "not_found"
    assert stream.result.text == NOT_FOUND_MESSAGE
    assert model.calls == []  # the model is not asked to answer from memory


def test_abstains_on_empty_retrieval_and_threshold_is_a_parameter() -> None:
    model = FakeChatModel("x")
    assert answerer(model, []).ask("anything?", SCOPE).consume().status == "not_found"
    strict = RelevanceThreshold(min_vector_score=0.95, min_shared_words=0)
    result = answerer(model, threshold=strict).ask("metformin?", SCOPE).consume()
    assert result.status == "not_found"


def test_abstains_when_model_says_documents_do_not_answer() -> None:
    model = FakeChatModel("NOT IN DOCUMENTS")
    stream = answerer(model).ask("What is the metformin dose?", SCOPE)
    assert "".join(stream) == ""  # the sentinel is never shown
    assert stream.result.status == "not_found"
    model = FakeChatModel("The provided documents do not mention an allergy.")
    assert answerer(model).ask("metformin allergy?", SCOPE).consume().status == "not_found"


def test_general_switch_gives_labelled_unreferenced_answer() -> None:
    model = FakeChatModel("Metformin is a biguanide.")
    stream = answerer(model, []).ask("What class is metformin?", SCOPE, general=True)
    streamed = "".join(stream)
    result = stream.result
    assert streamed.startswith(GENERAL_LABEL)
    assert result.status == "general"
    assert result.text.startswith(GENERAL_LABEL) and result.sources == []


def test_cancel_raises_and_nothing_is_stored() -> None:
    cancel = threading.Event()
    model = FakeChatModel("Metformin 500 mg twice daily for type 2 diabetes [1] " * 5)
    model.on_piece = lambda _: cancel.set()
    store = FakeStore()
    session = ChatSession(answerer(model), store, SCOPE)  # type: ignore[arg-type]
    with pytest.raises(GenerationCancelled):
        list(session.ask("metformin?", cancel=cancel))
    assert store.outputs == {} and store.chats[session.chat_id] == []
    assert store.events == []  # nothing audited for an answer that was never given


def test_follow_up_keeps_the_conversation_and_stores_it() -> None:
    model = FakeChatModel(["Metformin 500 mg twice daily [1].", "Lisinopril 10 mg daily [2]."])
    store = FakeStore()
    session = ChatSession(answerer(model), store, SCOPE)  # type: ignore[arg-type]
    first = session.ask("Which diabetes medicine?").consume()
    second = session.ask("And for blood pressure?").consume()
    assert first.status == second.status == "answered"
    second_prompt = model.calls[1]
    assert [m.role for m in second_prompt] == ["system", "user", "assistant", "user"]
    assert second_prompt[2].content == first.text
    assert [r for r, _ in store.chats[session.chat_id]] == ["user", "assistant"] * 2
    saved = store.outputs[session.last_output_id]  # type: ignore[index]
    assert saved["kind"] == "answer" and saved["provenance"]["chat_id"] == session.chat_id
    # the service audits each answer itself (ids and a digest, never the question's text)
    assert [e for e, _ in store.events] == ["ask", "ask"]
    details = store.events[1][1]
    assert details["output_id"] == session.last_output_id
    assert "blood pressure" not in str(details)


def test_a_chat_deleted_elsewhere_is_refused_before_any_generation() -> None:
    model = FakeChatModel("Metformin 500 mg twice daily [1].")
    store = FakeStore()
    session = ChatSession(answerer(model), store, SCOPE)  # type: ignore[arg-type]
    del store.chats[session.chat_id]  # deleted from the CLI while the window has it open
    with pytest.raises(UserInputError, match="deleted; start a new chat"):
        session.ask("Which diabetes medicine?")
    assert model.calls == [] and store.outputs == {} and store.events == []


# -- walk 25: "not found" rather than a made-up answer ---------------------------------------------

VITALS = [hit(40, "OBJECTIVE: BP 151/71 mmHg, HR 79/min, weight 72.1 kg.", vector_score=0.5)]


def test_a_question_whose_key_terms_no_passage_holds_is_not_found_before_generation() -> None:
    """The DEXA question was answered from a blood-pressure passage admitted on its cosine
    (0.50) alone: none of bone, density, T-score or DEXA is in it."""
    model = FakeChatModel("1. (2) The passage is: BP 151/71 mmHg [1].")
    result = answerer(model, VITALS).ask("What was her bone density T-score on DEXA?", SCOPE)
    answer = result.consume()
    assert answer.status == "not_found" and answer.text == NOT_FOUND_MESSAGE
    assert model.calls == []  # the model is not asked
    assert any("'dexa'" in note for note in answer.notes)
    # A question whose key term the passage holds is answered from it.
    vitals = answerer(FakeChatModel("BP was 151/71 mmHg [1]."), VITALS)
    assert vitals.ask("What was her blood pressure?", SCOPE).consume().status == "answered"


def test_an_answer_no_passage_supports_is_not_found_with_its_draft_behind_a_flag() -> None:
    """Its headline says no answer is supported, not "Not found in the selected documents":
    the passages may hold the answer (walk 29: passage [1] held the antibiotic asked for)."""
    draft = "She says she's not sure if it was done (noted_benefactor_785691, page 3."
    hits = [hit(41, "Colonoscopy discussed; she declined it for now.")]
    answer = answerer(FakeChatModel(draft), hits).ask("When was her colonoscopy?", SCOPE).consume()
    assert answer.status == "not_found" and answer.text == NO_SUPPORTED_ANSWER
    assert "may still hold the answer" in answer.text and "Not found" not in answer.text
    assert [f.kind for f in answer.flags] == ["unsupported_draft"]
    assert answer.flags[0].quote == draft and answer.raw_text == draft
    # The passages given stay with it (to look for the answer there), cited by nothing.
    assert [p.hit.chunk_id for p in answer.passages] == [41] and answer.sources == []
    assert answer.provenance["status"] == "not_found" and answer.provenance["passages"]


def test_an_uncited_answer_is_set_aside_though_other_passages_hold_its_drug() -> None:
    """Walk 25's "The patient is on 10 mg apixaban.": it cites nothing, while two passages give
    apixaban 5 mg twice daily. Walk 25 kept it as the answer, flagged, because its flags named
    those passages; walk 44 D1 showed the same gate printing "The most recent creatinine is 104
    umol/L" (a reference range's top): an answer citing no passage is set aside like any
    unsupported draft, the draft kept behind its flag and the passages given listed."""
    hits = [
        hit(42, "Palpitations improved since bisoprolol.", score=0.9),
        hit(43, "GP note: apixaban 5 mg twice daily, no bleeding.", score=0.8),
        hit(44, "Medications: apixaban 5 mg BD, metformin 500 mg twice daily.", score=0.7),
    ]
    draft = "The patient is on 10 mg apixaban."
    answer = answerer(FakeChatModel(draft), hits).ask("What dose of apixaban is she on?", SCOPE)
    result = answer.consume()
    assert result.status == "not_found" and result.text == NO_SUPPORTED_ANSWER
    assert [f.kind for f in result.flags] == ["unsupported_draft"]
    assert result.flags[0].quote == draft
    assert [p.hit.chunk_id for p in result.passages] == [42, 43, 44]
    # The same sentence citing a passage is still answered, its flags naming the others.
    cited = answerer(FakeChatModel("The patient is on 10 mg apixaban [1]."), hits)
    kept = cited.ask("What dose of apixaban is she on?", SCOPE).consume()
    assert kept.status == "answered"
    by_kind = {f.kind: f.message for f in kept.flags}
    assert "passages [2], [3], which this sentence does not cite" in by_kind["unverified_number"]


def test_a_sentence_naming_the_class_of_a_drug_a_passage_names_is_supported() -> None:
    """Walk 26: "Yes, she is on a beta blocker." was set aside as unsupported (the answer became
    "Not found") beside passages naming bisoprolol, a beta blocker."""
    hits = [
        hit(45, "Medications: Bisoprolol 2.5 mg once daily.", score=0.9),
        hit(46, "Palpitations improved since bisoprolol.", score=0.8),
    ]
    model = FakeChatModel("Yes, she is on a beta blocker.")
    answer = answerer(model, hits).ask("Is she on a beta blocker?", SCOPE).consume()
    assert answer.status == "answered" and answer.text.startswith("Yes, she is on a beta blocker")
    kinds = {f.kind for f in answer.flags}
    assert "attached_citation" in kinds and not kinds & {"unsupported", "weak_support"}
    # A class no passage holds a member of stays unsupported.
    model = FakeChatModel("Yes, she is on a statin.")
    answer = answerer(model, hits).ask("Is she on a beta blocker?", SCOPE).consume()
    assert answer.status == "not_found"


def test_a_document_the_answer_names_that_was_not_searched_is_flagged() -> None:
    """Walk 26: answers headed "(referral_cardiology_2025-14-29.pdf, page 8)" named documents
    the record does not have, and nothing said so."""
    hits = [hit(45, "Medications: Bisoprolol 2.5 mg once daily.", score=0.9, file_name="gp.txt")]
    model = FakeChatModel(
        "(referral_2025-14-29.pdf, page 8) She takes bisoprolol 2.5 mg once daily [1]. "
        "As gp.txt says, it is once daily [1]."
    )
    answer = answerer(model, hits).ask("What dose of bisoprolol?", SCOPE).consume()
    assert answer.status == "answered"
    (flag,) = [f for f in answer.flags if f.kind == "invalid_citation"]
    assert flag.token == "referral_2025-14-29.pdf" and "gp.txt" in flag.message
    assert answer.text[flag.token_start : flag.token_end] == flag.token


def test_a_page_the_given_passages_do_not_have_is_flagged() -> None:
    """Walk 26: "(referral_cardiology_2025-03-12.pdf, page 11)" named a real document with a page
    no passage came from; the page read as a source."""
    hits = [
        hit(
            45, "Medications: Bisoprolol 2.5 mg once daily.", score=0.9, file_name="ref.pdf", page=2
        ),
        hit(
            46, "Palpitations improved since bisoprolol.", score=0.8, file_name="gp.txt", page=None
        ),
    ]
    model = FakeChatModel(
        "(ref.pdf, page 11) She takes bisoprolol 2.5 mg once daily [1]. "
        "As ref.pdf, p. 2 says, it is once daily [1]. "
        "Her palpitations improved (gp.txt, page 3) [2]."
    )
    answer = answerer(model, hits).ask("What dose of bisoprolol?", SCOPE).consume()
    assert answer.status == "answered"
    flags = [f for f in answer.flags if f.kind == "invalid_citation"]
    assert [f.token for f in flags] == ["ref.pdf, page 11", "gp.txt, page 3"]
    assert "passages the model was given from it are on page 2" in flags[0].message
    assert "has no page numbers" in flags[1].message
    assert answer.text[flags[0].token_start : flags[0].token_end] == "ref.pdf, page 11"


def test_a_page_range_is_checked_at_both_ends() -> None:
    given = [GivenPassage("ref.pdf", 3, 5), GivenPassage("ref.pdf", 9)]
    assert unknown_documents("See ref.pdf, pages 3-5 [1].", given) == []
    assert unknown_documents("See ref.pdf pp. 4 to 5 [1].", given) == []
    assert unknown_documents("See REF.PDF, page 9 [2].", given) == []
    (flag,) = unknown_documents("See ref.pdf, pages 3-9 [1].", given)
    assert flag.token == "ref.pdf, pages 3-9" and "pages 3\u20135, page 9" in flag.message
    (flag,) = unknown_documents("See ref.pdf (p. 7).", given)
    assert "gives p. 7 of 'ref.pdf'" in flag.message
