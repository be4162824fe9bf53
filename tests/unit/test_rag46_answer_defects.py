"""Walk 46a's answer defects, with a scripted model through the real answerer (the real-model
path: tests/integration/test_rag46_answers_real.py).

D1: "What is her aortic valve peak velocity?" was refused as naming nothing asked beside the
echo's "Mild aortic stenosis, peak velocity 2.9 m/s": a topic's words are found near each other,
in any order, by their stems, other forms ("stenosis" names a valve) and abbreviations.
D2: MedLocal's own texts fed back as chat history were copied by the model; an answer that
loops or names a page it was not given was shown as answered.
D5: a dose is dated by the date on its own line before its document's.
D7: a question nothing read names is plainly "not found", not "the documents may still hold".
"""

from __future__ import annotations

import pytest
from fixtures.fake_models import FakeChatModel, FakeEmbedder, FakeRetriever, hit

from medlocal.engine.api import ChatMessage
from medlocal.rag.answer import GroundedAnswerer
from medlocal.rag.dose_disagreements import dose_disagreements
from medlocal.rag.flags import UNSUPPORTED_DRAFT
from medlocal.rag.followup import supported_turns
from medlocal.rag.medications import default_lexicon
from medlocal.rag.passages import NumberedPassage, Scope
from medlocal.rag.prompts import (
    BROKEN_ANSWER,
    MODEL_DECLINED,
    NO_SUPPORTED_ANSWER,
    NOT_FOUND_MESSAGE,
)
from medlocal.rag.relevance import term_finder

SCOPE = Scope(patient_id=1)
ECHO = (
    "Transthoracic echocardiogram 02/03/2026. Left ventricle: EF 58%, normal size. Mild aortic"
    " stenosis, peak velocity 2.9 m/s. Trivial mitral regurgitation."
)


def _answerer(model: FakeChatModel, hits: list) -> GroundedAnswerer:  # type: ignore[type-arg]
    return GroundedAnswerer(model, FakeRetriever(hits), FakeEmbedder())  # type: ignore[arg-type]


# -- D1 -------------------------------------------------------------------------------------------

NAMED = [
    ("What is her aortic valve peak velocity?", ECHO),
    ("What is the aortic valve's peak velocity?", ECHO),
    ("What is her peak aortic valve velocity?", ECHO),  # word order
    ("What were her aortic valve peak velocities?", ECHO),  # plural
    ("What is her AV peak velocity?", ECHO),  # abbreviation in the question
    ("What is her aortic valve peak velocity?", "AS: Vmax 2.9 m/s, mean gradient 18 mmHg."),
    ("What is her aortic valve peak velocity?", "AORTIC VALVE\nPeak velocity 2.9 m/s\nAVA 1.4"),
    ("What is her aortic valve peak velocity?", "Aortic valve: calcified; peak velocity 2.9 m/s."),
    ("What is her LVEF?", ECHO),
    ("What is her LVEF?", "Left ventricular ejection fraction 58% (biplane)."),
    ("What is her ejection fraction?", "LVEF 58% (biplane)."),
    ("What is her left ventricular ejection fraction?", "Echo: LVEF 58%."),
    ("What is her mitral valve area?", "Mitral stenosis, valve area 1.8 cm2 by planimetry."),
]


@pytest.mark.parametrize(("question", "text"), NAMED)
def test_a_phrase_is_named_by_its_words_near_each_other(question: str, text: str) -> None:
    assert term_finder(question)(text)


LACKED = [
    ("What is her aortic valve peak velocity?", "Aortic root 3.2 cm. Peak flow 300 L/min."),
    ("What is her aortic valve peak velocity?", "Blood pressure 130/80\nPeak flow 400 L/min"),
    ("What is her mitral valve area?", ECHO),  # no area
    ("What is the patient's blood group?", "Blood tests\nGroup education offered."),
    ("What is the patient's blood group?", "Blood tests: Hb 131 g/L. Group education offered."),
    ("What is her pulmonary artery pressure?", ECHO),
]


@pytest.mark.parametrize(("question", "text"), LACKED)
def test_a_phrase_the_passage_lacks_is_still_not_named(question: str, text: str) -> None:
    assert not term_finder(question)(text)


def test_the_echo_question_reaches_the_model() -> None:
    model = FakeChatModel("Peak velocity 2.9 m/s (mild aortic stenosis) [1].")
    answer = _answerer(model, [hit(1, ECHO)]).ask("What is her aortic valve peak velocity?", SCOPE)
    result = answer.consume()
    assert model.calls and result.status == "answered", result
    assert not any("no passage found names" in n for n in result.notes)


def test_a_valve_phrase_no_passage_names_is_not_found_without_the_model() -> None:
    model = FakeChatModel("The mitral valve area is 1.8 cm2 [1].")
    result = _answerer(model, [hit(1, ECHO)]).ask("What is her mitral valve area?", SCOPE).consume()
    assert not model.calls and result.text == NOT_FOUND_MESSAGE
    assert result.notes == ["no passage found names any of 'mitral valve area'"]


# -- D2 -------------------------------------------------------------------------------------------

DECLINED = MODEL_DECLINED.format(given=1) + (
    "\nThis passage names 'potassium'; read it before concluding the documents are silent:\n"
    "[1] (echo.pdf, page 1)"
)
HISTORY = [
    ChatMessage("user", "What is her potassium?"),
    ChatMessage("assistant", DECLINED),
    ChatMessage("user", "What is her blood group?"),
    ChatMessage("assistant", NOT_FOUND_MESSAGE),
    ChatMessage("user", "Any allergies?"),
    ChatMessage("assistant", NO_SUPPORTED_ANSWER),
    ChatMessage("user", "What is her ejection fraction?"),
    ChatMessage("assistant", "Her ejection fraction is 58% [1]."),
]


def test_only_questions_with_the_models_supported_answers_are_history() -> None:
    assert supported_turns(HISTORY) == HISTORY[-2:]


def test_the_model_is_not_given_medlocals_own_texts_as_the_conversation() -> None:
    model = FakeChatModel("Peak velocity 2.9 m/s [1].")
    _answerer(model, [hit(1, ECHO)]).ask(
        "What is her aortic valve peak velocity?", SCOPE, history=HISTORY
    ).consume()
    (messages,) = model.calls
    said = [m.content for m in messages if m.role == "assistant"]
    assert said == ["Her ejection fraction is 58% [1]."]
    assert not any("What is her blood group?" in m.content for m in messages if m.role == "user")


# Walk 46a D2's answer: beside a value the passages do not give (a made-up phone call row),
# a page the one-page echo does not have, a passage number not given, or a loop.
MADE_UP_ROW = "17/03/2026 Phone call: weight 78.9 kg [1]."
BROKEN = [
    f"Peak velocity 2.9 m/s [1] (note.pdf, page 20). {MADE_UP_ROW}",
    f"Peak velocity 2.9 m/s [1]. Mean gradient 18 mmHg [7]. {MADE_UP_ROW}",
    "Peak velocity 2.9 m/s [1].\n" + "\n".join([MADE_UP_ROW] * 12),
]


@pytest.mark.parametrize("reply", BROKEN)
def test_an_answer_that_broke_down_is_set_aside_with_its_draft(reply: str) -> None:
    model = FakeChatModel(reply)
    result = _answerer(model, [hit(1, ECHO)]).ask("What is her aortic valve peak velocity?", SCOPE)
    answer = result.consume()
    assert answer.status == "not_found", answer.text
    assert answer.text == BROKEN_ANSWER
    (flag,) = answer.flags
    assert flag.kind == UNSUPPORTED_DRAFT and flag.quote.startswith("Peak velocity 2.9 m/s")
    assert "broke down" in flag.message
    assert answer.provenance["broken_answer"] is True
    assert answer.provenance["status"] == "not_found"


def test_an_answer_copying_medlocals_own_wording_is_set_aside() -> None:
    model = FakeChatModel(DECLINED.replace("[1] (echo.pdf, page 1)", "Peak velocity 2.9 m/s [1]."))
    result = _answerer(model, [hit(1, ECHO)]).ask("What is her aortic valve peak velocity?", SCOPE)
    answer = result.consume()
    assert answer.status == "not_found" and answer.text == BROKEN_ANSWER, answer.text
    assert "MedLocal's own words, 'The model gave no supported answer'" in answer.flags[0].message


@pytest.mark.parametrize(
    "reply",
    [
        "Peak velocity 2.9 m/s [1] [n].",  # a placeholder left
        "Peak velocity 2.9 m/s [1] (note.pdf, page 20).",  # a supported answer's slip
        "Peak velocity 2.9 m/s [1][7].",
    ],
)
def test_a_supported_answer_with_a_slip_stays_the_answer_flagged(reply: str) -> None:
    model = FakeChatModel(reply)
    result = _answerer(model, [hit(1, ECHO)]).ask("What is her aortic valve peak velocity?", SCOPE)
    answer = result.consume()
    assert answer.status == "answered", answer.text
    assert any(f.kind == "invalid_citation" for f in answer.flags)


# -- D5 -------------------------------------------------------------------------------------------


def _passage(number: int, text: str, document_id: int, file_name: str) -> NumberedPassage:
    return NumberedPassage(
        number, hit(number, text, document_id=document_id, file_name=file_name, page=None)
    )


def test_a_dose_is_dated_by_its_own_line_before_its_document() -> None:
    notes = _passage(
        1,
        "Inpatient notes, admitted 11/01/2025.\n12/01/2025 Ward round: stable.\n"
        "14/01/2025 Bisoprolol 1.25 mg once daily started.",
        1,
        "inpatient_notes_40p.txt",
    )
    letter = _passage(2, "Bisoprolol 5 mg once daily.", 2, "clinic_letter_2025-06-02.txt")
    (note,) = dose_disagreements([notes, letter], ["bisoprolol"], default_lexicon())
    assert "1.25 mg once daily [1] (inpatient_notes_40p.txt, 14 Jan 2025)" in note, note
    assert "11 Jan 2025" not in note


def test_a_date_after_the_dose_on_its_line_is_no_dose_date() -> None:
    notes = _passage(
        1,
        "Clinic letter 11/01/2025.\nBisoprolol 1.25 mg once daily, review 14/03/2025.",
        1,
        "clinic_letter_2025-01-11.txt",
    )
    letter = _passage(2, "Bisoprolol 5 mg once daily.", 2, "clinic_letter_2025-06-02.txt")
    (note,) = dose_disagreements([notes, letter], ["bisoprolol"], default_lexicon())
    assert "(clinic_letter_2025-01-11.txt, 11 Jan 2025)" in note, note


# -- D7 -------------------------------------------------------------------------------------------

NURSE = (
    "24/03/2026 14:10 Phone call: weight down to 76.9 kg. No bleeding on apixaban. Potassium"
    " 4.8 mmol/L on the last bloods."
)


def test_a_topic_no_passage_read_names_is_plainly_not_found() -> None:
    # A follow-up ("it") searched with the question before it reaches the model, which writes
    # an answer nothing supports; no passage it read names an angiogram.
    model = FakeChatModel("She had a coronary angiogram in 2024 showing no stenosis [1].")
    history = [
        ChatMessage("user", "What is her potassium?"),
        ChatMessage("assistant", "Potassium 4.8 mmol/L [1]."),
    ]
    result = _answerer(model, [hit(1, NURSE)]).ask(
        "Has she had a coronary angiogram, and what did it show?", SCOPE, history=history
    )
    answer = result.consume()
    assert model.calls, "refused before the model"
    assert answer.status == "not_found"
    assert answer.text == NOT_FOUND_MESSAGE
    assert "no passage found names any of 'coronary', 'angiogram'" in answer.notes
    assert answer.provenance["notes"] == answer.notes


def test_a_topic_a_passage_names_keeps_no_supported_answer() -> None:
    model = FakeChatModel("Her potassium was checked by the renal team last year.")
    answer = _answerer(model, [hit(1, NURSE)]).ask("What is her potassium?", SCOPE).consume()
    assert answer.status == "not_found" and answer.text != NOT_FOUND_MESSAGE, answer.text
    assert not any("no passage found names" in n for n in answer.notes)
