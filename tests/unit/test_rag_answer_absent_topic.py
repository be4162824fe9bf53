"""Walk 39 item 4: a question about one concept the documents never name ("What is the
patient's blood group?" on a vault whose passages say "blood pressure" and "blood tests") is
answered "Not found in the selected documents" before the model is asked, instead of some thirty
invented lines each flagged; a question whose concept a passage names in other words ("blood
type" for "ABO group O, RhD positive") is still answered. A scripted model through the real
answerer."""

from __future__ import annotations

import pytest
from fixtures.fake_models import FakeChatModel, FakeEmbedder, FakeRetriever, hit

from medlocal.rag.answer import GroundedAnswerer
from medlocal.rag.flags import UNSUPPORTED_DRAFT
from medlocal.rag.passages import Scope
from medlocal.rag.prompts import ALL_STATEMENTS_FLAGGED, NOT_FOUND_MESSAGE
from medlocal.rag.relevance import asked_terms, term_finder
from medlocal.rag.topics import names_topic, question_topic

SCOPE = Scope(patient_id=1)

# A vault that shares words with the questions below but never answers them.
VITALS = hit(
    21,
    "Clinic 02/02/2026. Blood pressure 148/92, pulse 76 regular. Blood tests: Hb 131 g/L,"
    " eGFR 52. Group education on diet offered. Ejection of the tablet blister pack explained.",
    file_name="clinic_note_2026-02-02.txt",
    page=None,
)
PLAN = hit(
    22,
    "Plan: repeat blood tests in 3 months. Status: stable. Medication history reviewed with"
    " the pharmacist; fraction of doses missed about one in ten. Drinking water encouraged.",
    file_name="gp_plan_2026-02-02.txt",
    page=None,
)
# The wall of invented lines the walk saw, in short.
INVENTED = "\n".join(
    f"- Her blood group is O positive, confirmed on test {i} [1]." for i in range(1, 31)
)

ABSENT = [
    "What is the patient's blood group?",
    "What is her blood type?",
    "What is her smoking status?",
    "What was her ejection fraction?",
    "What is her alcohol intake?",
    "Has she had a flu vaccine?",
]


def _answerer(model: FakeChatModel, hits: list) -> GroundedAnswerer:  # type: ignore[type-arg]
    return GroundedAnswerer(model, FakeRetriever(hits), FakeEmbedder())  # type: ignore[arg-type]


@pytest.mark.parametrize("question", ABSENT)
def test_an_absent_concept_is_not_found_without_asking_the_model(question: str) -> None:
    model = FakeChatModel(INVENTED)
    result = _answerer(model, [VITALS, PLAN]).ask(question, SCOPE).consume()
    assert not model.calls, "the model was asked"
    assert result.status == "not_found"
    assert result.text == NOT_FOUND_MESSAGE
    assert result.flags == [] and result.raw_text == ""
    topic = " ".join(question_topic(question))
    assert result.notes == [f"no passage found names any of '{topic}'"]


def test_allergies_when_none_are_recorded_are_not_found() -> None:
    model = FakeChatModel("She is allergic to penicillin [1].")
    result = _answerer(model, [VITALS, PLAN]).ask("Does she have any allergies?", SCOPE)
    answer = result.consume()
    assert not model.calls and answer.text == NOT_FOUND_MESSAGE


ANSWERED = [
    ("What is her blood type?", "Transfusion lab: ABO group O, RhD positive.", "O positive"),
    ("What is the patient's blood group?", "Blood group: A negative.", "A negative"),
    ("What was her ejection fraction?", "Echo 12/03/2025: LVEF 45%, mild MR.", "45%"),
    ("What is his heart rate?", "Obs: HR 88 bpm, BP 132/84.", "88 bpm"),
    ("What is her smoking status?", "Social: ex-smoker, quit 2015, 20 pack-years.", "quit 2015"),
    ("Does she have any allergies?", "Allergies: NKDA.", "no known drug allergies"),
    ("What is his alcohol intake?", "Drinks 14 units per week.", "14 units per week"),
    ("Has she had a flu vaccine?", "Influenza vaccination given 10/2024.", "10/2024"),
    ("What is Osric Penhaligon's blood type?", "ABO group AB Rh negative.", "AB negative"),
    ("What is her kidney function?", "eGFR 48 mL/min/1.73m2, creatinine 112 umol/L.", "eGFR 48"),
    ("What is her NHS number?", "NHS No: 485 777 3456.", "485 777 3456"),
    ("What is her phone number?", "Tel: 07700 900123.", "07700 900123"),
    ("What is her oxygen requirement?", "On 2L nasal cannula O2.", "2 L"),
    ("What is his blood sugar?", "CBG 7.8 mmol/L at 14:00.", "7.8 mmol/L"),
    ("What is her urine output?", "UO 30 ml/hr overnight.", "30 ml/hr"),
    ("What is her body weight?", "Weight 82 kg on the ward scales.", "82 kg"),
    ("What is his cancer stage?", "Adenocarcinoma of the lung, T2N1M0, stage IIIA.", "IIIA"),
    ("What is her liver function?", "LFTs: ALT 45 U/L, bilirubin 12 umol/L.", "ALT 45"),
    ("What is her thyroid function?", "TSH 2.1 mU/L, fT4 14 pmol/L.", "TSH 2.1"),
    ("What is her pain relief?", "Pain controlled on Zomorph 30 mg BD.", "Zomorph"),
    ("What was her most recent ejection fraction?", "Echo 2026: EF 40%.", "40%"),
    ("What is his respiratory rate?", "RR 22, temp 38.1.", "22"),
    ("What is her oxygen saturation?", "SpO2 94% on air.", "94%"),
    ("Is he a smoker?", "Never smoked.", "never"),
    ("Does she drink alcohol?", "Alcohol: 10 units/week.", "10 units"),
]


@pytest.mark.parametrize(("question", "passage", "said"), ANSWERED)
def test_a_concept_named_in_other_words_is_still_answered(
    question: str, passage: str, said: str
) -> None:
    source = hit(31, passage, file_name="record.txt", page=None)
    # The model copies the passage, cited: a faithful answer (``said`` is what it gives).
    model = FakeChatModel(f"{passage.rstrip('.')} [2].")
    result = _answerer(model, [VITALS, source]).ask(question, SCOPE).consume()
    assert model.calls, "refused before the model"
    assert result.status == "answered", result.text


def test_the_topic_is_one_phrase_asked_about() -> None:
    assert question_topic("What is the patient's blood group?") == ("blood", "group")
    assert question_topic("What is Osric Penhaligon's smoking status?") == ("smoking",)
    # Several things, a drug, or what happened: the key-term rule alone reads these.
    for question in (
        "What was her bone density T-score on DEXA?",
        "How is his gout controlled and what is the plan?",
        "What did the lung cancer MDT conclude?",
        "What happened during his cardiac admission?",
        "What dose of apixaban is she taking?",
        "What medications is she on?",
    ):
        assert question_topic(question) == (), question
    assert asked_terms("What is the patient's blood group?") == ("blood group",)


def test_a_passage_sharing_one_word_of_the_topic_does_not_name_it() -> None:
    names = term_finder("What is the patient's blood group?")
    assert not names(VITALS.text) and not names(PLAN.text)
    assert names("Group and save sent: O RhD positive.")
    assert names_topic(("ejection", "fraction"), "EF 40% on echo")
    assert not names_topic(("ejection", "fraction"), "Ejection of the blister pack explained.")


# -- after the model: a wall of flagged statements is set aside ---------------------------------

LABS = hit(
    41,
    "Bloods 02/02/2026: Hb 131 g/L, eGFR 52, potassium 4.6 mmol/L. Plan: repeat in 3 months.",
    file_name="bloods_2026-02-02.txt",
    page=None,
)
# Not one concept ("and"): the key-term rule lets the model answer, and it invents.
BROAD = "What did her blood tests show and what is the plan?"
WALL = " ".join(
    f"Her haemoglobin was {100 + 3 * i} g/L and her sodium {120 + i} mmol/L on {i:02d}/01/2026 [1]."
    for i in range(1, 11)
)


def test_an_answer_whose_every_statement_is_flagged_is_set_aside_with_its_draft() -> None:
    model = FakeChatModel(WALL)
    result = _answerer(model, [LABS]).ask(BROAD, SCOPE).consume()
    assert model.calls
    assert result.status == "not_found"
    assert result.text == ALL_STATEMENTS_FLAGGED
    assert result.text.startswith("No supported answer:")
    [flag] = result.flags
    assert flag.kind == UNSUPPORTED_DRAFT and flag.quote.startswith("Her haemoglobin was 103")
    assert flag.message.startswith("every statement of the model's answer is flagged")
    assert result.provenance["every_statement_flagged"] is True
    assert [p.hit.chunk_id for p in result.passages] == [41]  # listed to read


def test_a_short_answer_with_a_wrong_value_is_still_shown_flagged() -> None:
    model = FakeChatModel("Her haemoglobin was 113 g/L [1]. Her eGFR was 58 [1].")
    result = _answerer(model, [LABS]).ask(BROAD, SCOPE).consume()
    assert result.status == "answered" and result.flags


def test_a_longer_answer_with_one_clean_statement_is_shown_flagged() -> None:
    clean = "Her haemoglobin was 131 g/L and her eGFR 52 on 02/02/2026 [1]."
    model = FakeChatModel(WALL + " " + clean)
    result = _answerer(model, [LABS]).ask(BROAD, SCOPE).consume()
    assert result.status == "answered", result.text
    assert len({f.sentence for f in result.flags}) == 10
