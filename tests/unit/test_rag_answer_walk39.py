"""Walk 39's wrong answers, with a scripted model through the real answerer: a model that
declines although a passage names the question's drug; a value from a passage of another day
than the question names; a question naming another patient that ran the model on passages none
of which names its drug; the export that lost the question's note."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from fixtures.fake_models import FakeChatModel, FakeEmbedder, FakeRetriever, hit

from medlocal.cli.answer_sources import print_answer_sources
from medlocal.rag.answer import GroundedAnswerer
from medlocal.rag.chat import ChatSession
from medlocal.rag.checks.question_dates import question_date_flags
from medlocal.rag.export import document_from_output
from medlocal.rag.export_files import render_markdown, write_docx
from medlocal.rag.passages import Scope
from medlocal.rag.prompts import NOT_FOUND_MESSAGE
from medlocal.rag.relevance import RelevanceThreshold, term_finder

SCOPE = Scope(patient_id=1)

DISCHARGE = hit(
    11,
    "Discharge medications\nDrug | Dose | Frequency\nAmlodipine | 10 mg | once daily\n"
    "Dapagliflozin | 10 mg | once daily",
    file_name="discharge_summary_2026-01-11.pdf",
    page=2,
)
LETTER = hit(
    12,
    "Patient: Eleanor Vance-Whitlock MRN: VW-580214 DOB: 1952-06-18 Date: 14/10/2025\n"
    "Dear Dr Quennell, her potassium was 5.1 mmol/L and her eGFR 35.",
    file_name="clinic_letter_renal_2025-10-14.txt",
    page=None,
)
TABLE = hit(
    13,
    "Date | Sodium | eGFR | Potassium\n25/11/2025 | 136 | 35 | 5.4\n08/01/2026 | 151 | 31 | 5.9",
    file_name="lab_results_2025-2026.docx",
    page=None,
)
SOCIAL = hit(
    14,
    "She lives with her husband, walks her dog daily and manages her own medicines.",
    file_name="nursing_note_2026-01-07.txt",
)


def answerer(model: FakeChatModel, hits: list) -> GroundedAnswerer:  # type: ignore[type-arg]
    return GroundedAnswerer(model, FakeRetriever(hits), FakeEmbedder())  # type: ignore[arg-type]


# -- 1. the model declines although a passage names the drug ------------------------------------


def test_a_decline_with_a_passage_naming_the_drug_lists_that_passage() -> None:
    model = FakeChatModel("NOT IN DOCUMENTS")
    result = (
        answerer(model, [DISCHARGE, SOCIAL])
        .ask("What dose of amlodipine is she taking?", SCOPE)
        .consume()
    )
    assert model.calls  # the model was asked, and declined
    assert result.status == "not_found"
    assert not result.text.startswith(NOT_FOUND_MESSAGE)
    assert result.text.splitlines() == [
        "The model gave no supported answer from the 2 passage(s) it read.",
        "This passage names 'amlodipine'; read it before concluding the documents are silent:",
        "[1] discharge_summary_2026-01-11.pdf, p. 2",
    ]
    assert [(s.number, s.chunk_id) for s in result.sources] == [(1, 11)]
    # Saved with it: a reopened chat and an export list the passage too.
    assert [s["chunk_id"] for s in result.provenance["sources"]] == [11]
    assert [p["chunk_id"] for p in result.provenance["passages"]] == [11, 14]
    assert result.provenance["status"] == "not_found"


def test_a_decline_with_no_passage_naming_the_terms_stays_not_found() -> None:
    # Close in meaning (cosine 0.95) but naming no amlodipine: the model is asked, declines,
    # and the answer is the plain "Not found", with no passage listed.
    near = replace(SOCIAL, vector_score=0.95)
    model = FakeChatModel("NOT IN DOCUMENTS")
    result = answerer(model, [near]).ask("What dose of amlodipine is she taking?", SCOPE).consume()
    assert model.calls
    assert result.text == NOT_FOUND_MESSAGE
    assert result.sources == [] and result.provenance["sources"] == []


def test_the_cli_and_the_export_list_the_passages_of_a_decline(
    capsys: pytest.CaptureFixture[str],
) -> None:
    model = FakeChatModel("The documents do not mention her amlodipine dose.")
    result = (
        answerer(model, [SOCIAL, DISCHARGE])
        .ask("What dose of amlodipine is she taking?", SCOPE)
        .consume()
    )
    assert result.text.startswith("The model gave no supported answer from the 2 passage(s)")
    print_answer_sources(result)
    out = capsys.readouterr().out
    assert "Sources:" in out and "[2] discharge_summary_2026-01-11.pdf, p. 2" in out
    doc = document_from_output("Q", "answer", result.text, result.provenance, [])
    text = render_markdown(doc)
    assert "[2] discharge_summary_2026-01-11.pdf" in text.split("## References")[1]


# -- 2. a value from a passage of another day ---------------------------------------------------


def test_a_value_cited_from_a_passage_of_another_day_is_flagged_with_both_dates() -> None:
    model = FakeChatModel("Her potassium was 5.1 mmol/L [1].")
    result = (
        answerer(model, [LETTER, TABLE])
        .ask("What was her potassium on 08/01/2026?", SCOPE)
        .consume()
    )
    dated = [f for f in result.flags if "the question asks about" in f.message]
    assert [(f.kind, f.token, f.passage) for f in dated] == [
        ("misattributed_value", "5.1 mmol/L", 1)
    ]
    assert "the cited passage [1] is dated 14/10/2025" in dated[0].message
    assert "the question asks about 08/01/2026" in dated[0].message
    assert result.text[dated[0].token_start : dated[0].token_end] == "5.1 mmol/L"


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        # The table row of that day is cited.
        ("What was her potassium on 08/01/2026?", "Her potassium was 5.9 mmol/L [2]."),
        ("What was her potassium on 8 January 2026?", "Her potassium was 5.9 mmol/L [2]."),
        ("What was her potassium on 2026-01-08?", "Her potassium was 5.9 mmol/L [2]."),
        # A month the cited letter falls in.
        ("What was her eGFR in October 2025?", "Her eGFR was 35 [1]."),
        # No date asked.
        ("What was her potassium?", "Her potassium was 5.1 mmol/L [1]."),
    ],
)
def test_a_value_from_a_passage_carrying_the_asked_date_is_not_flagged(
    question: str, answer: str
) -> None:
    result = answerer(FakeChatModel(answer), [LETTER, TABLE]).ask(question, SCOPE).consume()
    assert not [f for f in result.flags if "the question asks about" in f.message]


def test_a_dated_heading_above_the_passage_or_the_value_on_that_day_elsewhere_keeps_it_quiet() -> (
    None
):
    passages = {1: "Potassium 5.9 mmol/L, sodium 151.", 2: "Date: 14/10/2025. Potassium 4.2."}
    question = "What was her potassium on 08/01/2026?"
    text = "Her potassium was 5.9 mmol/L [1]."
    # Undated passage, no heading: flagged ("gives no date").
    flags = question_date_flags(question, text, passages)
    assert len(flags) == 1 and "gives no date" in flags[0].message
    # Under a heading carrying the day.
    assert question_date_flags(question, text, passages, {1: "Bloods 08/01/2026"}) == []
    # The value is given on that day by a passage the sentence does not cite.
    dated = {**passages, 3: "08/01/2026: K+ 5.9 mmol/L"}
    assert question_date_flags(question, text, dated) == []


# -- 3. another patient named; no passage names the drug -----------------------------------------


def test_a_question_naming_another_patient_and_an_absent_drug_is_refused_without_the_model() -> (
    None
):
    model = FakeChatModel("The dose of apixaban is 3.8 mg per day [1].")
    # "taking" made it a question about medicines in general, which any drug answered.
    result = (
        answerer(model, [DISCHARGE, LETTER])
        .ask("What dose of apixaban is Osric Penhaligon taking?", SCOPE)
        .consume()
    )
    assert model.calls == []
    assert result.text == NOT_FOUND_MESSAGE
    assert result.notes == ["no passage found names any of 'apixaban'"]
    # The same as a question naming no one.
    plain = answerer(model, [DISCHARGE, LETTER]).ask("What dose of warfarin is she on?", SCOPE)
    assert plain.consume().notes == ["no passage found names any of 'warfarin'"]


def test_a_drug_named_otherwise_or_a_class_question_still_reaches_the_model() -> None:
    brand = hit(21, "Eliquis 5 mg twice daily for AF.")
    assert term_finder("What dose of apixaban is Osric Penhaligon taking?")(brand.text)
    assert term_finder("Is she on a statin?")("Atorvastatin 40 mg at night")
    assert term_finder("What medications is she taking?")(DISCHARGE.text)
    assert not term_finder("What dose of apixaban is she taking?")(DISCHARGE.text)
    threshold = RelevanceThreshold()
    assert threshold.answerable([DISCHARGE], "What dose of amlodipine is she taking?")
    assert not threshold.answerable([DISCHARGE], "What dose of apixaban is she taking?")


class _Store:
    """The chat store ChatSession needs, in memory."""

    def __init__(self) -> None:
        self.saved: list[dict] = []  # type: ignore[type-arg]

    def create_chat(self, patient_id: int | None) -> int:
        return 1

    def has_chat(self, chat_id: int) -> bool:
        return True

    def chat_messages(self, chat_id: int) -> list:  # type: ignore[type-arg]
        return []

    def text_digest(self, text: str) -> str:
        return "digest"

    def add_chat_message(self, chat_id: int, role: str, content: str) -> int:
        return 1  # the question, saved before its answer (walk 38)

    def remove_chat_message(self, chat_id: int, message_id: int) -> None:
        pass

    def save_chat_turn(self, chat_id: int, question: str, answer: str, **kw: object) -> int:
        self.saved.append({"question": question, "answer": answer, **kw})
        return len(self.saved)


NOTE = (
    "the question names Osric Penhaligon (patient 2, MRN OP-771903), another patient of this"
    " vault; the answer reads only Eleanor Vance-Whitlock's (patient 1) documents: select that"
    " patient to ask about them"
)


def test_the_export_of_an_answer_keeps_the_note_that_the_question_names_another_patient(
    tmp_path: Path,
) -> None:
    store = _Store()
    model = FakeChatModel("Her amlodipine dose is 10 mg once daily [1].")
    session = ChatSession(
        answerer(model, [DISCHARGE]),
        store,  # type: ignore[arg-type]
        SCOPE,
        question_notes=lambda question: [NOTE] if "Osric" in question else [],
    )
    answer = session.ask("What dose of amlodipine is Osric Penhaligon taking?").consume()
    saved = store.saved[0]
    doc = document_from_output("Q", "answer", saved["answer"], saved["provenance"], saved["flags"])
    assert answer.notes[0] == NOTE and doc.notes[0] == NOTE
    markdown = render_markdown(doc)
    assert f"## Notes\n\n- {NOTE}" in markdown
    out = tmp_path / "answer.docx"
    write_docx(doc, out)
    from docx import Document

    assert NOTE in [p.text for p in Document(str(out)).paragraphs]


def test_a_redacted_export_removes_the_names_and_mrn_its_notes_hold() -> None:
    from medlocal.privacy.redact import Redactor
    from medlocal.rag.export import plan_export, redact_document

    doc = document_from_output("Q", "answer", NOT_FOUND_MESSAGE, {"notes": [NOTE]}, [])
    redacted = render_markdown(redact_document(doc, plan_export(doc, Redactor())))
    assert "## Notes" in redacted and "another patient of this vault" in redacted
    for identifier in ("Osric", "Penhaligon", "OP-771903", "Vance-Whitlock"):
        assert identifier not in redacted
