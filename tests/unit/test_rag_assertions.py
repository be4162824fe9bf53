"""ConText-style assertion checks (issue 14): what a sentence asserts about a concept must match
what the cited passage asserts about it."""

from __future__ import annotations

import pytest

from medlocal.rag.assertions import compare, mentions
from medlocal.rag.grounding import ground


def dims(sentence: str, passage: str) -> list[tuple[str, str]]:
    return [(m.dimension, m.mention.key) for m in compare(sentence, passage)]


@pytest.mark.parametrize(
    ("sentence", "passage", "dimension"),
    [
        (
            "CT showed a pulmonary embolism.",
            "There is no evidence of pulmonary embolism.",
            "negation",
        ),
        ("She reports suicidal ideation.", "She denies suicidal ideation.", "negation"),
        (
            "Blood cultures grew bacteria; he had bacteremia.",
            "There was no bacteremia.",
            "negation",
        ),
        ("The pain has not resolved.", "Chest pain resolved.", "negation"),
        ("A right tympanoplasty was done.", "Procedure: left tympanoplasty.", "laterality"),
        ("MRI of the left knee: ACL tear.", "MRI of the right knee: ACL tear.", "laterality"),
        ("DVT of the left leg.", "History of deep vein thrombosis of the right leg.", "laterality"),
        ("He has lung cancer.", "His father died of lung cancer.", "experiencer"),
        ("His son has hip pain.", "He now presents with hip pain.", "experiencer"),
        ("He presented with active GI bleeding.", "Remote history of GI bleeding.", "historical"),
        ("She has an acute gout flare.", "She had gout in 2018.", "historical"),
        (
            "Levetiracetam was started.",
            "If seizures recur, levetiracetam will be started.",
            "hypothetical",
        ),
    ],
)
def test_a_contradicted_assertion_is_found(sentence: str, passage: str, dimension: str) -> None:
    assert dimension in [d for d, _ in dims(sentence, passage)]


@pytest.mark.parametrize(
    ("sentence", "passage"),
    [
        ("CT showed no pulmonary embolism.", "There is no evidence of pulmonary embolism."),
        ("He has no chest pain or dyspnea.", "He denies chest pain or dyspnea."),
        # A pseudo-trigger negates nothing.
        ("There is a small effusion.", "No change in the small effusion."),
        # The test a negation runs over is not itself negated.
        ("The mammogram showed no recurrence.", "No evidence of recurrence on the mammogram."),
        ("Left-sided pleural effusion.", "Small left pleural effusion."),
        ("His brother had a myocardial infarction.", "His brother had a myocardial infarction."),
        ("He had a DVT in 2017.", "History of DVT in 2017."),
        # A word used both ways in the passage gives no verdict.
        ("He has diabetes.", "Type 2 diabetes. Her mother has diabetes."),
        # "but" ends a negation's scope.
        ("There is an effusion.", "No fracture, but an effusion is present."),
    ],
)
def test_agreeing_assertions_raise_nothing(sentence: str, passage: str) -> None:
    assert dims(sentence, passage) == []


def test_type_1_and_type_2_diabetes_are_different_concepts() -> None:
    passage = "Type 2 diabetes diagnosed in 2009. Her mother has type 1 diabetes."
    assert ("experiencer", "1 diabetes") in dims("She has type 1 diabetes.", passage)


def test_mention_offsets_point_into_the_text() -> None:
    text = "Intro. She denies chest pain."
    found = {m.key: m for m in mentions(text)}
    m = found["pain"]
    assert text[m.start : m.end] == "pain"
    assert m.assertion.negated


def test_grounding_flags_say_why_quote_the_passage_and_keep_offsets() -> None:
    passages = {1: "CT angiogram 11/02/2021. There is no evidence of pulmonary embolism."}
    answer = "The scan is done [1]. The CT angiogram showed a pulmonary embolism [1]."
    result = ground(answer, passages)
    flag = next(f for f in result.flags if f.kind == "negation_conflict")
    assert flag.sentence == 1
    assert result.text[flag.token_start : flag.token_end].lower().startswith("pulmonary")
    assert result.text[flag.start : flag.end].startswith("The CT angiogram")
    assert flag.quote == "There is no evidence of pulmonary embolism."
    assert flag.passage == 1
    assert "rules it out" in flag.message and "no evidence of pulmonary embolism" in flag.message


@pytest.mark.parametrize(
    ("answer", "kind"),
    [
        ("Radiation was given to the right breast [1].", "laterality_conflict"),
        ("Her sister was diagnosed with ovarian cancer [1].", None),
        ("She was diagnosed with ovarian cancer [1].", "experiencer_conflict"),
        ("The mammogram showed recurrence [1].", "negation_conflict"),
    ],
)
def test_assertion_flag_kinds(answer: str, kind: str | None) -> None:
    passage = (
        "Whole breast radiation to the left breast. No evidence of recurrence on the mammogram."
        " Her sister was diagnosed with ovarian cancer at 45."
    )
    kinds = {f.kind for f in ground(answer, {1: passage}).flags}
    if kind is None:
        assert not kinds & {"experiencer_conflict"}
    else:
        assert kind in kinds
