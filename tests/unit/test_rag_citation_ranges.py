"""A reference range in square brackets after a lab value is text, not citations.

"Sodium 138 mmol/L [135-145] [2]." read "[135-145]" as citations of passages 135 to 145: the
range was removed from the answer and reported as eleven invalid citations. Every reader of
citations (cleanup, grounding, summary notes, the window's links) now takes it as text, and real
citation ranges ("[1-3]", "[2-4]" for 5 passages) still work.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from fixtures.fake_models import FakeChatModel, hit

from medlocal.engine.api import ChatMessage, SamplingParams
from medlocal.rag.answer import model_declined
from medlocal.rag.assertion_tokens import tokenize
from medlocal.rag.citations import blank_citations, cited_numbers, keep_valid, renumber
from medlocal.rag.grounding import ground
from medlocal.rag.summarize import Summarizer, _cited_sentences, _numbers_in
from medlocal.ui.render import answer_html

FIVE = {1, 2, 3, 4, 5}


@pytest.mark.parametrize(
    "text",
    [
        "Sodium 138 mmol/L [135-145] [2].",
        "Sodium 138 [135-145] [2].",
        "Potassium 3.1 mmol/L [3-5] [1].",  # an integer range inside the passages' numbers
        "WBC 7 x10^9/L [4-11] [1].",
        "WBC 7 [H] [4-11] [1].",
        "Hemoglobin 11 g/dL L [12-16] [1].",
        "CRP [0-5] [1].",
        "CRP 3 [0-5].",
        "ALT 30 [0-40 U/L] [1].",
        "Potassium 3.1 [3-5 mmol/L] [1].",
        "Troponin [<5] [1].",
        "Glucose 5.2 [3.9-6.1] [1].",
        "Potassium [3-8] [1].",  # after the name of what was measured
        "Magnesium 0.8 (reference range [7-10]) [1].",
        "Platelets 250 [150-400] [1].",
        "Saturation 97% [94-100] [1].",
        "Sodium 138 mmol/L [135-145] and potassium 4.1 mmol/L [3.5-5.0] [1, 2].",
    ],
)
def test_reference_ranges_stay_as_text(text: str) -> None:
    cleaned = keep_valid(text, FIVE)
    assert cleaned.text == text
    assert cleaned.invalid == [] and cleaned.broken == []
    assert set(cited_numbers(text, 5)) <= {1, 2}
    assert renumber(text, {1: 11, 2: 12, 3: 13, 4: 14, 5: 15}).text == text.replace(
        "[1]", "[11]"
    ).replace("[2]", "[12]").replace("[1, 2]", "[11, 12]")


@pytest.mark.parametrize(
    ("text", "cleaned_text"),
    [
        ("Metformin was started [1-3].", "Metformin was started [1, 2, 3]."),
        ("Sodium 138 mmol/L [2-4].", "Sodium 138 mmol/L [2, 3, 4]."),  # inside the 5 given
        ("Metformin 500 mg twice daily [1-3].", "Metformin 500 mg twice daily [1, 2, 3]."),
        ("Pain for 14 days [2-4].", "Pain for 14 days [2, 3, 4]."),
        ("Doses [1-3][4].", "Doses [1, 2, 3][4]."),
        ("Doses [1, 3-5].", "Doses [1, 3, 4, 5]."),
        ("Doses [Passages 2-3].", "Doses [2, 3]."),
    ],
)
def test_citation_ranges_still_work(text: str, cleaned_text: str) -> None:
    cleaned = keep_valid(text, FIVE)
    assert cleaned.text == cleaned_text
    assert cleaned.invalid == [] and cleaned.broken == []


def test_a_range_just_past_the_passages_is_still_an_invalid_citation() -> None:
    # Nothing says value here, and 7 is not far past 5: a model's bad citation, reported.
    cleaned = keep_valid("Metformin was started [7-9].", FIVE)
    assert cleaned.text == "Metformin was started." and cleaned.invalid == [7, 8, 9]
    # Far past the passages given, a range is no citation whatever stands before it.
    assert keep_valid("Ferritin noted [30-400].", FIVE).text == "Ferritin noted [30-400]."


def test_without_a_passage_limit_a_range_after_a_value_is_text() -> None:
    text = "Sodium 138 mmol/L [135-145] [2]. WBC 7 [4-11] [1]. Started [1-3]."
    assert cited_numbers(text) == [2, 1, 3]
    assert blank_citations(text) == text.replace("[2]", "   ").replace("[1]", "   ").replace(
        "[1-3]", "     "
    )


def test_grounding_keeps_the_range_and_reports_nothing_invalid() -> None:
    passages = {
        1: "Metformin 500 mg twice daily.",
        2: "Labs: sodium 138 mmol/L (135-145), potassium 4.1 mmol/L (3.5-5.0).",
    }
    text = "Sodium was 138 mmol/L [135-145] [2]. Metformin 500 mg twice daily [1]."
    result = ground(text, passages)
    assert result.text == text
    assert result.flags == []
    assert result.cited == [2, 1]


def test_an_invented_range_is_checked_as_numbers_not_dropped_as_citations() -> None:
    # The passage gives no reference range: the model's own range is a number to check, shown
    # where it stands, not a citation removed and reported eleven times.
    passages = {1: "Metformin 500 mg twice daily.", 2: "Sodium 138 mmol/L on admission."}
    result = ground("Sodium 138 mmol/L [135-145] [2].", passages)
    assert result.text == "Sodium 138 mmol/L [135-145] [2]."
    assert [(f.kind, f.token) for f in result.flags] == [
        ("unverified_number", "135"),
        ("unverified_number", "145"),
    ]
    assert result.cited == [2]


def test_summary_notes_and_declines_do_not_take_a_range_for_a_citation() -> None:
    assert _cited_sentences("Sodium 138 mmol/L [135-145]. Metformin [1].", 5) == "Metformin [1]."
    declined = "The passages do not say. Sodium 138 mmol/L [135-145]."
    assert model_declined(declined, 5) == model_declined("The passages do not say.", 5)


def test_the_window_links_only_the_citations() -> None:
    html = answer_html("Sodium 138 mmol/L [135-145] [2].", cite_prefix="0.")
    assert "[135-145]" in html
    assert html.count('href="cite:') == 1 and 'href="cite:0.2"' in html


# Review 14, item 10: one limit per text, and a value must be on its range's scale.


def test_a_range_around_its_value_is_text_whatever_the_passage_count() -> None:
    # With 145 passages or more, "[135-145]" after "138" was read as citations of 135 to 145.
    text = "Sodium was 138 mmol/L [135-145]."
    assert _cited_sentences(text, 200) == ""
    assert _numbers_in(text, 200) == []
    assert keep_valid("Na 138 [135-145].", set(range(1, 201))).text == "Na 138 [135-145]."
    for valid in ({1, 2, 3}, set(range(1, 201))):
        assert keep_valid("CRP 12 [0-5].", valid).text == "CRP 12 [0-5]."
        assert keep_valid("Na 138 [135-145].", valid).invalid == []


def test_a_citation_range_after_a_value_far_off_its_scale_stays_a_citation() -> None:
    assert cited_numbers("Creatinine 92 [1-3] [5].", 5) == [1, 2, 3, 5]
    cleaned = keep_valid("Creatinine 92 [1-3] [5].", FIVE)
    assert cleaned.text == "Creatinine 92 [1, 2, 3] [5]." and cleaned.invalid == []
    # On the scale, a citation after it still makes the bracket a range (as before).
    assert keep_valid("WBC 7 [4-11] [5].", FIVE).text == "WBC 7 [4-11] [5]."


def test_an_invented_citation_range_with_no_value_before_it_is_reported() -> None:
    cleaned = keep_valid("Started 2 weeks ago [14-16].", {1, 2, 3})
    assert cleaned.text == "Started 2 weeks ago." and cleaned.invalid == [14, 15, 16]
    result = ground("Started 2 weeks ago [14-16].", {1: "a", 2: "b", 3: "c"}, attach=False)
    assert [f.token for f in result.flags if f.kind == "invalid_citation"] == [
        "[14]",
        "[15]",
        "[16]",
    ]


def test_assertion_tokens_take_the_limit_too() -> None:
    # For 5 passages "[1-3]" after "7.2%" is a citation (as cleanup reads it): not words.
    words = [t.text for t in tokenize("HbA1c 7.2% [1-3] noted", 0, 5)]
    assert "1" not in words and "3" not in words
    # Without a limit it reads as a range, as before.
    assert "3" in [t.text for t in tokenize("HbA1c 7.2% [1-3] noted", 0)]


def test_the_map_step_reads_its_notes_with_its_own_passage_count() -> None:
    # Late map steps hold passages numbered past 140; the model sees them as 1, 2, ... A range
    # the step kept as text (far past its own few passages) must not turn into citations of the
    # global passages 140 to 150 when its sentences are chosen: one limit for the step's text.
    def model_reply(messages: Sequence[ChatMessage]) -> str:
        return "Creatinine 92 umol/L [140-150]."

    hits = [hit(i, f"Day {i}: sodium checked.", start=i * 40) for i in range(1, 161)]
    mapped = Summarizer(
        FakeChatModel(model_reply, n_ctx=300), params=SamplingParams(max_tokens=40)
    ).map_record(hits)
    assert mapped.notes == []
