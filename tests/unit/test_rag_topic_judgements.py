"""Walk 40b item 1: a question asking for a judgement of one concept ("Is her haemoglobin
normal?", "Is her eGFR low?", "Is her blood pressure controlled?") has the concept as its topic,
not the judgement word, which a lab passage never writes ("Haemoglobin 112 g/L (120-150) L").
It was refused "Not found in the selected documents" with the labs ranked first."""

from __future__ import annotations

import pytest
from fixtures.fake_models import FakeChatModel, FakeEmbedder, FakeRetriever, hit

from medlocal.rag.answer import GroundedAnswerer
from medlocal.rag.passages import Scope
from medlocal.rag.prompts import NOT_FOUND_MESSAGE
from medlocal.rag.topics import question_topic

TOPICS = [
    ("Is her haemoglobin normal?", ("haemoglobin",)),
    ("Is her haemoglobin low?", ("haemoglobin",)),
    ("Is her eGFR low?", ("egfr",)),
    ("Is her sodium abnormal?", ("sodium",)),
    ("Is her blood pressure controlled?", ("blood", "pressure")),
    ("Is his blood pressure well controlled?", ("blood", "pressure")),
    ("Is her renal function stable?", ("renal", "function")),
    ("Is her creatinine raised?", ("creatinine",)),
    ("Is his haemoglobin ok?", ("haemoglobin",)),
    ("Is her heart rate elevated?", ("heart", "rate")),
    ("Is her eGFR worse?", ("egfr",)),
    # Unchanged: the concept alone, and a judgement word before the concept.
    ("What is the patient's blood group?", ("blood", "group")),
    ("Does she have high blood pressure?", ("blood", "pressure")),
]


@pytest.mark.parametrize(("question", "topic"), TOPICS)
def test_a_judgement_word_is_not_part_of_the_topic(question: str, topic: tuple[str, ...]) -> None:
    assert question_topic(question) == topic


LABS = hit(
    31,
    "Test,Date,Result,Units,Reference range,Flag\n"
    "Haemoglobin,2026-09-18,118,g/L,120-150,L\n"
    "Haemoglobin,2026-10-30,112,g/L,120-150,L\n"
    "eGFR,2026-10-30,41,mL/min/1.73m2,>60,L\n"
    "Sodium,2026-10-30,131,mmol/L,133-146,L",
    file_name="labs_HRT-440912.csv",
    page=None,
)
CLINIC = hit(
    32,
    "Clinic 30/10/2026. Blood pressure 128/76 on bisoprolol. Plan: repeat bloods in 4 weeks.",
    file_name="clinic_letter_2026-10-30.docx",
    page=None,
)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("Is her haemoglobin normal?", "No: haemoglobin 112 g/L on 2026-10-30 is low [1]."),
        ("Is her eGFR low?", "Yes: eGFR 41 mL/min/1.73m2 on 2026-10-30 [1]."),
        ("Is her sodium abnormal?", "Yes: sodium 131 mmol/L on 2026-10-30 is low [1]."),
        ("Is her blood pressure controlled?", "Blood pressure was 128/76 on 30/10/2026 [2]."),
    ],
)
def test_a_judgement_question_reaches_the_model_and_is_answered(question: str, said: str) -> None:
    model = FakeChatModel(said)
    answerer = GroundedAnswerer(model, FakeRetriever([LABS, CLINIC]), FakeEmbedder())  # type: ignore[arg-type]
    answer = answerer.ask(question, Scope(patient_id=1)).consume()
    assert model.calls, "refused before the model"
    assert answer.status == "answered" and answer.text != NOT_FOUND_MESSAGE, answer
    assert not any("no passage found names" in n for n in answer.notes)
