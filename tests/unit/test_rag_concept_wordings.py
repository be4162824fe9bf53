"""Session 38 leftover: "Is she pregnant?", "What is her occupation?" and "What is his mobility
like?" were answered "Not found in the selected documents" before the model was asked when the
notes wrote the answer in other words ("G2P1, 24 weeks' gestation", "retired plumber", "walks
with a Zimmer frame"). The words notes use for such concepts (medlocal/concepts.py) now name the
concept for the answerability gate, let the passage through the relevance filter, and are added
to the exact-word search. A concept no passage speaks to is still refused before the model."""

from __future__ import annotations

import pytest
from fixtures.fake_models import FakeChatModel, FakeEmbedder, FakeRetriever, hit

from medlocal.concepts import concepts_asked, search_words, speaks_to
from medlocal.drugs import query_expansion
from medlocal.rag.answer import GroundedAnswerer
from medlocal.rag.passages import Scope
from medlocal.rag.prompts import NOT_FOUND_MESSAGE
from medlocal.rag.relevance import RelevanceThreshold, term_finder
from medlocal.rag.topics import question_topic

SCOPE = Scope(patient_id=1)

# Notes that speak to none of the three concepts, with the words that look close: a phone
# "Mobile", a practice nurse and a doctor (carers, not the patient's job), a ward transfer,
# blood tests, "works" of a treatment.
CLINIC = hit(
    21,
    "GP review 02/02/2026, seen with the practice nurse. BP 148/92, pulse 76 regular. Blood"
    " tests: Hb 131 g/L, eGFR 52. The inhaler works well. Dr Ahmed to review in 3 months.",
    file_name="gp_review.txt",
    page=None,
)
CONTACT = hit(
    22,
    "Contact: Mobile 07700 900123. Next of kin: husband. Transferred to ward 7 overnight for"
    " observation; discharged home the next day.",
    file_name="admin.txt",
    page=None,
)
INVENTED = "She is 20 weeks pregnant, works as a nurse and walks unaided [1]."

ABSENT = ["Is she pregnant?", "What is her occupation?", "What is his mobility like?"]


def _answerer(model: FakeChatModel, hits: list) -> GroundedAnswerer:  # type: ignore[type-arg]
    return GroundedAnswerer(model, FakeRetriever(hits), FakeEmbedder())  # type: ignore[arg-type]


@pytest.mark.parametrize("question", ABSENT)
def test_a_concept_no_passage_speaks_to_is_still_not_found(question: str) -> None:
    model = FakeChatModel(INVENTED)
    result = _answerer(model, [CLINIC, CONTACT]).ask(question, SCOPE).consume()
    assert not model.calls, "the model was asked"
    assert result.status == "not_found" and result.text == NOT_FOUND_MESSAGE


WRITTEN = [
    ("Is she pregnant?", "Obstetric history: G2P1, 24 weeks' gestation, booked at 12/40."),
    ("Is she pregnant?", "LMP 02/08/2025, cycle regular."),
    ("Is she pregnant?", "Urine bHCG positive in ED."),
    ("What is her pregnancy status?", "bHCG negative 01/02/2026."),
    ("How many weeks pregnant is she?", "Dating scan: 24+3/40, EDD 14/05/2026."),
    ("What is her occupation?", "Social: works as a school teacher, lives with partner."),
    ("What is her occupation?", "Retired plumber, lives with his wife."),
    ("What is his job?", "Self-employed electrician."),
    ("Does he work?", "Unemployed since 2024, on benefits."),
    ("What is his mobility like?", "Walks with a Zimmer frame indoors."),
    ("What is his mobility like?", "Mobilises with a stick, independent with transfers."),
    ("Does she use a walking aid?", "Uses a rollator outdoors; wheelchair for long distances."),
    ("How does he get about?", "Housebound since the fall, hoist for transfers."),
]


@pytest.mark.parametrize(("question", "passage"), WRITTEN)
def test_a_concept_written_in_other_words_reaches_the_model(question: str, passage: str) -> None:
    # A low cosine, as the embedder gives a passage sharing no word with the question: only the
    # concept's wordings let it through the relevance filter and the key-term gate.
    source = hit(31, passage, file_name="record.txt", page=None, vector_score=0.3)
    model = FakeChatModel(f"{passage.rstrip('.')} [2].")
    result = _answerer(model, [CLINIC, source]).ask(question, SCOPE).consume()
    assert model.calls, "refused before the model"
    assert any(p.hit.chunk_id == 31 for p in result.passages)
    assert result.status == "answered", result.text


def test_the_gate_and_the_filter_read_the_concepts_wordings() -> None:
    names = term_finder("Is she pregnant?")
    assert names("G2P1, 24 weeks' gestation.") and names("LMP 3 weeks ago.")
    assert not names(CLINIC.text) and not names(CONTACT.text)
    low = hit(31, "G2P1, 24/40.", vector_score=0.2)
    contact = hit(22, CONTACT.text, vector_score=0.2)
    assert RelevanceThreshold().filter([low, contact], "Is she pregnant?") == [low]
    # "like" is no part of the topic: "mobility like" was named by no passage.
    assert question_topic("What is his mobility like?") == ("mobility",)


def test_the_table_asks_only_about_its_concepts() -> None:
    assert [c.name for c in concepts_asked("Is she pregnant?")] == ["pregnancy"]
    # Not occupational therapy, a working diagnosis, a work-up, or a drug that works.
    for question in (
        "What did occupational therapy recommend?",
        "What is the working diagnosis?",
        "What work-up was done for his anaemia?",
        "Does the inhaler work?",
        "What is her blood pressure?",
    ):
        assert concepts_asked(question) == (), question
    mobility = concepts_asked("What is his mobility?")
    assert not speaks_to(mobility, "Mobile 07700 900123")
    assert speaks_to(mobility, "Independently mobile with a stick.")
    occupation = concepts_asked("What is her occupation?")
    assert not speaks_to(occupation, "Seen by the practice nurse and Dr Ahmed.")


def test_search_looks_for_the_concepts_wordings() -> None:
    assert {"gestation", "LMP", "hCG"} <= set(query_expansion("Is she pregnant?").synonyms)
    assert {"retired", "works"} <= set(query_expansion("What is her occupation?").synonyms)
    assert "zimmer" in search_words("What is his mobility like?")
    assert search_words("What is her blood pressure?") == []
