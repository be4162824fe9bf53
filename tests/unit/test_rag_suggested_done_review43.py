"""Review 43 D4: advice on a drug already taken ("Please advise on her warfarin dosing") and a
suggested change the passage records as done ("which she has done", "She began it") must not
make a drug the patient takes look only suggested; advice on a change not yet made still does."""

from __future__ import annotations

import pytest

from medlocal.rag.grounding import ground


def _suggested(sentence: str, passage: str) -> list[str]:
    result = ground(sentence, {1: passage})
    return [f.token for f in result.flags if f.kind == "hypothetical_conflict"]


@pytest.mark.parametrize(
    ("sentence", "passage"),
    [
        ("She takes warfarin [1].", "Please advise on her warfarin dosing; INR has been labile."),
        (
            "She is on warfarin [1].",
            "Please advise on warfarin and her upcoming dental extraction.",
        ),
        (
            "She takes apixaban [1].",
            "Advice regarding apixaban before surgery: omit 48 hours before.",
        ),
        (
            "Her bisoprolol was reduced to 2.5 mg [1].",
            "I recommended reducing her bisoprolol to 2.5 mg, which she has done.",
        ),
        (
            "Amlodipine was started [1].",
            "We advised starting amlodipine 5 mg and she began it on 3 May.",
        ),
        (
            "Amlodipine was started [1].",
            "We advised starting amlodipine 5 mg. She began it on 3 May.",
        ),
        (
            "She takes metformin [1].",
            "She would benefit from continuing metformin 500 mg bd, which she takes.",
        ),
    ],
)
def test_advice_on_a_taken_drug_or_a_change_done_is_no_suggestion(
    sentence: str, passage: str
) -> None:
    assert _suggested(sentence, passage) == []


@pytest.mark.parametrize(
    ("sentence", "passage", "token"),
    [
        (
            "She stopped her SGLT2 inhibitor [1].",
            "Please advise on adding an SGLT2 inhibitor given her eGFR.",
            "SGLT2 inhibitor",
        ),
        (
            "She takes empagliflozin [1].",
            "Please advise whether to start empagliflozin.",
            "empagliflozin",
        ),
        (
            "Amlodipine was started [1].",
            "We advised starting amlodipine 5 mg. Ramipril was stopped.",
            "Amlodipine",
        ),
        (
            "Apixaban was started [1].",
            "Advice regarding switching to apixaban before surgery.",
            "Apixaban",
        ),
    ],
)
def test_advice_on_a_change_not_recorded_as_done_stays_a_suggestion(
    sentence: str, passage: str, token: str
) -> None:
    assert _suggested(sentence, passage) == [token]


# Review 43b R3: a start recorded for something else (another drug, a condition) or a start
# after a suggestion to stop does not record the suggested change as done.
@pytest.mark.parametrize(
    ("sentence", "passage", "token"),
    [
        (
            "She takes apixaban [1].",
            "We recommend starting apixaban; warfarin was started in 2015 and caused bleeding.",
            "apixaban",
        ),
        (
            "She takes a statin [1].",
            "She would benefit from starting a statin, as her chest pain began last month.",
            "statin",
        ),
        (
            "She takes apixaban [1].",
            "Would benefit from starting apixaban. Her AF began in 2020 and this was confirmed "
            "on ECG.",
            "apixaban",
        ),
        (
            "Her aspirin was stopped [1].",
            "Consider stopping aspirin, which was started in 2019.",
            "aspirin",
        ),
    ],
)
def test_a_start_of_something_else_leaves_the_suggestion(
    sentence: str, passage: str, token: str
) -> None:
    assert token in _suggested(sentence, passage)


def test_a_start_the_suggestion_names_still_records_it_done() -> None:
    passage = "We advised starting amlodipine, which was started on 3 May."
    assert _suggested("Amlodipine was started [1].", passage) == []
