"""A relation word before a family member's graded condition (deid_names._graded_condition):
"Wife Type 2 DM" named no wife "Type" (review59d); a listed name after a relation stays one."""

from __future__ import annotations

import pytest

from tests.fixtures.deid_rules import gone_words, kept_words


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("FHx: Wife Type 2 DM on metformin.", "Type"),
        ("Family history: Father Type 1 diabetes, mother well.", "Type"),
        ("Mother Grade 3 astrocytoma at 52.", "Grade"),
    ],
)
def test_a_graded_condition_after_a_relation_stays(text: str, word: str) -> None:
    kept_words(text, word)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Wife Hope 2 kids at home", "Hope"),
        ("Son Jack 3 years old, at nursery.", "Jack"),
        ("Daughter Grace 14 attends school.", "Grace"),
        ("Wife Mary 2 weeks ago fell.", "Mary"),
        ("Brother Lindqvist 2 visits a week.", "Lindqvist"),
    ],
)
def test_a_relatives_name_before_a_number_still_goes(text: str, word: str) -> None:
    gone_words(text, word)
