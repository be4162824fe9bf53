"""Walk 43 D9: "Is she on a blood thinner?" with the model declining said "These 4 name 'blood',
'thinner'; read them before concluding the documents are silent", though none of the four held
either word (they name apixaban). The line now names what the passages matched, as they write
it, with the class where that was the match; never a question word they lack."""

from __future__ import annotations

from fixtures.fake_models import FakeChatModel, FakeEmbedder, FakeRetriever, hit

from medlocal.rag.answer import GroundedAnswer, GroundedAnswerer
from medlocal.rag.passages import Scope
from medlocal.rag.prompts import model_declined_text
from medlocal.rag.relevance import matched_names

WOUND = hit(1, "Wound review. Dressing changed. Continues apixaban 5 mg twice daily.", page=None)
LETTER = hit(2, "Discharge letter. Apixaban 5 mg BD for atrial fibrillation.", file_name="d.pdf")
INHALER = hit(3, "Salbutamol 100 micrograms two puffs as needed.", file_name="n.txt", page=None)
LABS = hit(4, "Sodium 129 mmol/L on 02/11/2026.", file_name="labs.csv", page=None)


def _declined(question: str, hits: list) -> GroundedAnswer:  # type: ignore[type-arg]
    answerer = GroundedAnswerer(
        FakeChatModel("NOT IN DOCUMENTS"),  # type: ignore[arg-type]
        FakeRetriever(hits),
        FakeEmbedder(),  # type: ignore[arg-type]
        model_check=False,
    )
    stream = answerer.ask(question, Scope(patient_id=1))
    list(stream)
    return stream.result


def test_a_class_question_names_the_drug_found_with_its_class() -> None:
    result = _declined("Is she on a blood thinner?", [WOUND, LETTER])
    assert result.status == "not_found"
    line = result.text.splitlines()[1]
    assert line == (
        "These 2 name 'apixaban' (a blood thinner); read them before concluding the documents"
        " are silent:"
    )
    assert "'blood'" not in result.text and "'thinner'" not in result.text


def test_a_drug_named_otherwise_is_named_as_the_passage_writes_it() -> None:
    result = _declined("Is she on albuterol?", [INHALER])
    assert result.text.splitlines()[1].startswith("This passage names 'salbutamol';")


def test_a_key_term_the_passage_holds_is_named() -> None:
    assert matched_names("What is his latest sodium?", [LABS.text]) == ["'sodium'"]
    # A question word no passage holds is never named.
    assert matched_names("What is his latest sodium and chloride?", [LABS.text]) == ["'sodium'"]


def test_two_drugs_of_the_class_are_named_together() -> None:
    texts = ["Apixaban 2.5 mg twice daily.", "Warfarin 4 mg at night."]
    assert matched_names("What anticoagulant is he on?", texts) == [
        "'apixaban', 'warfarin' (anticoagulants)"
    ]


def test_nothing_to_name_still_lists_the_passages() -> None:
    text = model_declined_text(1, ("",), ["[1] note.txt"])
    assert text.splitlines()[1:] == [
        "This passage may answer the question; read it before concluding the documents are silent:",
        "[1] note.txt",
    ]
