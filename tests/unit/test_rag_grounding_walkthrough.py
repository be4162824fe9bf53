"""Defects from the new-user walkthrough: hard-wrapped passages misread, cited sentences that the
cited passage does not back, and placeholder or unclosed citations left in summaries."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from fixtures.fake_models import FakeChatModel, hit

from medlocal.engine.api import ChatMessage, SamplingParams
from medlocal.rag.binding import bind
from medlocal.rag.citations import keep_valid, renumber
from medlocal.rag.grounding import ground
from medlocal.rag.medications import mentions
from medlocal.rag.sentences import split_sentences
from medlocal.rag.summarize import Summarizer
from medlocal.rag.templates import get_template


def kinds(result: object) -> list[tuple[int, str, str]]:
    return [(f.sentence, f.kind, f.token) for f in result.flags]  # type: ignore[attr-defined]


# -- 1. hard-wrapped notes -------------------------------------------------------------------


@pytest.mark.parametrize("gap", ["\n", "\r\n", "\n    ", " \n", "  "])
def test_ejection_fraction_wrapped_across_lines_is_confirmed(gap: str) -> None:
    passage = f"Echocardiogram on 03/02/2024 showed an ejection{gap}fraction of 35%."
    assert ground("Her ejection fraction was 35% [1].", {1: passage}).flags == []


def test_wrapped_sentence_is_one_sentence_but_lists_and_headings_stay_apart() -> None:
    assert [s.text for s in split_sentences("Echo showed an ejection\nfraction of 35%.")] == [
        "Echo showed an ejection\nfraction of 35%."
    ]
    assert len(split_sentences("Troponin peaked at\n2.4 ng/mL on admission.")) == 1
    assert [s.text for s in split_sentences("- metformin 500 mg\n- lisinopril 10 mg")] == [
        "- metformin 500 mg",
        "- lisinopril 10 mg",
    ]
    assert [s.text for s in split_sentences("## Medications\nmetformin 500 mg [1]")] == [
        "metformin 500 mg [1]"
    ]
    assert len(split_sentences("Her BP was 120/80.\nShe felt well.")) == 2
    assert len(split_sentences("Plan:\nfollow up in clinic")) == 1  # the label is left out


def test_multi_word_measures_and_time_points_bind_across_line_breaks() -> None:
    (bound,) = bind("Heart\nrate was 110 on\nadmission.")
    assert (bound.attribute, bound.timepoint) == ("heart rate", "admission")
    (bound,) = bind("Blood  pressure\t150/90 at\n discharge.")
    assert (bound.attribute, bound.timepoint) == ("blood pressure", "discharge")


def test_wrapped_passage_still_catches_a_misattributed_value_and_says_so_plainly() -> None:
    passage = "Echo: ejection\nfraction 55%. She received 50 Gy in\n25 fractions."
    result = ground("Her ejection fraction was 25 [1].", {1: passage})
    assert kinds(result) == [(0, "misattributed_value", "25")]
    message = result.flags[0].message
    assert "the number of fractions" in message and "not the ejection fraction" in message
    assert "as the fractions" not in message
    assert ground("Her ejection fraction was 55% [1].", {1: passage}).flags == []


def test_multi_word_drug_name_is_found_across_a_line_break() -> None:
    assert mentions("continue insulin\nglargine 20 units", "insulin glargine")
    assert not mentions("continue insulin lispro", "insulin glargine")


# -- 2. cited sentences the cited passage does not back ----------------------------------------

NOTE = {
    1: "Mrs. Jones is a 72-year-old woman with hypertension and type 2 diabetes mellitus, "
    "admitted with community-acquired pneumonia of the right lower lobe. Chest X-ray showed "
    "right lower lobe consolidation. Exam: bibasilar crackles, SOB on exertion. She was treated "
    "with ceftriaxone and azithromycin and improved. Echocardiogram showed an ejection fraction "
    "of 55%. She was discharged home on amoxicillin-clavulanate for five more days.",
    2: "Medications on discharge: metformin 500 mg twice daily, lisinopril 10 mg daily, "
    "atorvastatin 40 mg at night.",
}

FABRICATIONS = [
    "She has a history of stroke [1].",
    "Ankle swelling was unilateral [1].",
    "She has chronic kidney disease requiring dialysis [1].",
    "An MRI of the brain showed a meningioma [1].",
    "She reported crushing chest pain radiating to the jaw [1].",
    "Her asthma is poorly controlled [2].",
]

PARAPHRASES = [
    "She was admitted with pneumonia in the right lower lobe [1].",
    "The chest radiograph showed consolidation of the right lower lobe [1].",
    "She is a 72-year-old woman with high blood pressure and diabetes [1].",
    "She was hypertensive and diabetic on admission [1].",
    "Her pneumonia was treated with ceftriaxone plus azithromycin and she improved [1].",
    "Her chest X-ray showed consolidation [1].",
    "Her ejection fraction on echocardiography was 55% [1].",
    "She went home on Augmentin [1].",
    "She takes metformin 500 mg twice daily and lisinopril 10 mg daily [2].",
    "Lipitor 40 mg is taken at bedtime [2].",
    "She has HTN and T2DM [1].",
    "She had CAP [1].",
    "Crackles were heard at both lung bases [1].",
    "She was short of breath when exerting herself [1].",
]


@pytest.mark.parametrize("sentence", FABRICATIONS)
def test_cited_sentence_the_passage_does_not_back_is_flagged(sentence: str) -> None:
    result = ground(sentence, NOTE)
    weak = [f for f in result.flags if f.kind == "weak_support"]
    assert len(weak) == 1, result.flags
    assert weak[0].passage == int(sentence[-3]) and "may not support" in weak[0].message


@pytest.mark.parametrize("sentence", PARAPHRASES)
def test_faithful_paraphrase_raises_no_flag(sentence: str) -> None:
    assert ground(sentence, NOTE).flags == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The documents do not mention a stroke [1].",
        "Not found in the selected documents.",
        "There is no record of a prior stroke in these notes [1].",
        "Her smoking history is not documented [1].",
    ],
)
def test_sentence_saying_the_documents_are_silent_is_not_flagged(sentence: str) -> None:
    assert "weak_support" not in {f.kind for f in ground(sentence, NOTE).flags}


def test_weak_support_names_the_missing_words() -> None:
    (flag,) = ground("She has a history of stroke [1].", NOTE).flags
    assert flag.kind == "weak_support" and "'stroke'" in flag.message and flag.passage == 1


# -- 3. placeholder and unclosed citations ---------------------------------------------------


@pytest.mark.parametrize(
    "placeholder", ["[n]", "[N]", "[x]", "[#]", "[?]", "[source]", "[citation needed]", "[ n ]"]
)
def test_placeholder_citations_are_removed_and_reported(placeholder: str) -> None:
    cleaned = keep_valid(f"Morphine: 40mg {placeholder}. Metformin daily [1].", {1})
    assert cleaned.text == "Morphine: 40mg. Metformin daily [1]."
    assert cleaned.broken == [placeholder] and cleaned.invalid == []


@pytest.mark.parametrize(
    "placeholder",
    [
        "[n, no source]",
        "[n, n, n]",
        "[x, x]",
        "[?, ?]",
        "[no source]",
        "[source needed]",
        "[N, source]",
        "[ref, n]",
        "[citation, needed]",
        "[no citation]",
        "[n; no source]",
        "[References]",
    ],
)
def test_placeholder_like_brackets_are_removed_and_reported(placeholder: str) -> None:
    cleaned = keep_valid(f"Morphine: 40mg {placeholder}. Metformin daily [1].", {1})
    assert cleaned.text == "Morphine: 40mg. Metformin daily [1]."
    assert cleaned.broken == [placeholder] and cleaned.invalid == []


@pytest.mark.parametrize(
    "text",
    [
        "Doses [1] and [1, 3] and [2-4].",
        "He wrote 'recieved' [sic] [1].",
        "Potassium 3.1 [L] and sodium 149 [H] [1].",
        "Potassium 3.1 [3.5-5.0] [1].",
        "Magnesium 0.6 [0.7 - 1.0] [1].",
        "No documented reason [no] [1].",
        "Consent [needed] [1].",
    ],
)
def test_real_citations_and_clinical_brackets_are_kept(text: str) -> None:
    cleaned = keep_valid(text, {1, 2, 3, 4})
    assert cleaned.text == text.replace("[2-4]", "[2, 3, 4]")
    assert cleaned.broken == [] and cleaned.invalid == []


def test_summary_drops_and_flags_a_placeholder_with_words() -> None:
    def script(messages: Sequence[ChatMessage]) -> str:
        if messages[-1].content.startswith("Passages:"):
            return "Morphine 40 mg given [1]."
        return "Morphine: 40mg [n, no source]"

    record = [hit(1, "Morphine 40 mg given for pain.", start=0)]
    summary = Summarizer(FakeChatModel(script), params=SamplingParams(max_tokens=40)).summarize(
        record, get_template("soap")
    )
    assert "no source" not in summary.text
    invalid = {f.token for f in summary.flags if f.kind == "invalid_citation"}
    assert invalid == {"[n, no source]"}


def test_unclosed_citations_are_removed_and_reported() -> None:
    assert keep_valid("Pain over the last two weeks [1", {1}).text == "Pain over the last two weeks"
    cleaned = keep_valid("Pain for two weeks [1. Nausea [2, 3 and vomiting [1].", {1, 2, 3})
    assert cleaned.text == "Pain for two weeks. Nausea and vomiting [1]."
    assert cleaned.broken == ["[1", "[2, 3"]
    assert keep_valid("Doses [1, 2] and [2-3].", {1, 2, 3}).broken == []
    assert renumber("Pain [1] for weeks [2", {1: 10, 2: 11}).text == "Pain [10] for weeks"


def test_broken_citations_in_an_answer_are_flagged_invalid_and_not_read_as_numbers() -> None:
    passages = {1: "Morphine 40 mg was given. Pain over the last two weeks."}
    result = ground("Morphine: 40mg [n].\nPain over the last two weeks [1", passages)
    # The sentences left uncited get the passage sharing their words, openly (attached_citation).
    assert result.text == "Morphine: 40mg [1].\nPain over the last two weeks [1]"
    assert [(f.kind, f.token) for f in result.flags if f.kind == "invalid_citation"] == [
        ("invalid_citation", "[n]"),
        ("invalid_citation", "[1"),
    ]
    assert not any(f.kind == "unverified_number" for f in result.flags)


def test_summary_drops_placeholder_and_unclosed_citations() -> None:
    def script(messages: Sequence[ChatMessage]) -> str:
        if messages[-1].content.startswith("Passages:"):
            return "Morphine 40 mg given [1]. Pain for the last two weeks [2]."
        return "Morphine: 40mg [n]\nPain over the last two weeks [1"

    record = [
        hit(1, "Morphine 40 mg given for pain.", start=0),
        hit(2, "Pain for the last two weeks.", start=80),
    ]
    summary = Summarizer(FakeChatModel(script), params=SamplingParams(max_tokens=40)).summarize(
        record, get_template("soap")
    )
    assert "[n]" not in summary.text and "weeks [1\n" not in summary.text + "\n"
    invalid = {f.token for f in summary.flags if f.kind == "invalid_citation"}
    assert invalid == {"[n]", "[1"}
    assert not any(f.kind == "unverified_number" and f.token == "1" for f in summary.flags)
