"""Walk 55a L8: a word that names a medicine and a blood test ("potassium", "magnesium") is the
test where the sentence asks or tells of a result without a value ("what was his potassium?",
"serum magnesium is pending"), and is not flagged as a medication the passages do not name. It
stays a medicine where the sentence gives it as one (a salt or form, a dose, a verb of giving):
those are still flagged when the passages do not name it."""

from __future__ import annotations

import pytest

from medlocal.rag.grounding import ground
from medlocal.rag.tested_names import names_read_as_tests

RESULTS = (
    "Medications on discharge: metformin 500 mg twice daily; amlodipine 5 mg once daily. "
    "Results: potassium 4.1 mmol/L on 12/10/2025; creatinine 88 umol/L."
)
NO_LABS = "Seen in clinic. Medications: metformin 500 mg twice daily. Plan: review in 3 months."


def _medications(answer: str, passage: str) -> list[str]:
    return [
        f.token for f in ground(answer, {1: passage}).flags if f.kind == "unverified_medication"
    ]


def test_the_walk_s_restated_question_names_no_medication_potassium() -> None:
    answer = (
        "He takes metformin 500 mg twice daily [1]. Question: What dose of metformin is he "
        "taking and what was his potassium?"
    )
    assert "potassium" not in _medications(answer, RESULTS)


@pytest.mark.parametrize(
    "sentence",
    [
        "His potassium level was checked on admission [1].",
        "Her serum magnesium is still pending [1].",
        "The patient's potassium result came back the next day [1].",
        "What was her potassium on the day of discharge [1]?",
        "Urine potassium was sent [1].",
    ],
)
def test_a_test_without_a_value_is_no_medication(sentence: str) -> None:
    assert _medications(sentence, NO_LABS) == []


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Potassium chloride 20 mmol was started [1].", "potassium"),
        ("Her potassium supplement was stopped [1].", "potassium"),
        ("He was started on his potassium again [1].", "potassium"),
        ("Started his potassium on Monday [1].", "potassium"),
        ("His potassium was replaced orally [1].", "potassium"),
        ("Her magnesium tablets were continued [1].", "magnesium"),
        ("His potassium 20 mmol twice daily was continued [1].", "potassium"),
        ("Oral potassium was given [1].", "potassium"),
    ],
)
def test_the_medicine_is_still_a_medicine(sentence: str, name: str) -> None:
    assert name in _medications(sentence, NO_LABS)


def test_only_the_words_around_the_name_are_read_the_words_around_the_name() -> None:
    assert "potassium" in names_read_as_tests("what was his potassium?")
    assert "potassium" not in names_read_as_tests("potassium chloride was given")
    assert "potassium" not in names_read_as_tests("his potassium 20 mmol daily")
    # A giving verb far before does not make a later test a medicine.
    far = "He started metformin last year, and " + "x " * 50 + "his potassium level was 4.1."
    assert "potassium" in names_read_as_tests(far)


def test_reading_the_words_around_names_takes_linear_time() -> None:
    from fixtures.timing import assert_linear

    assert_linear(lambda n: names_read_as_tests("what was his potassium level and " * n), 400)
    # A cue word, then a long run of blanks, then the name (the classic trap).
    assert_linear(lambda n: names_read_as_tests("started his" + " " * (50 * n) + "potassium"), 400)
