"""review58b: ground58's readings probed — a flag names an unlisted test as reports write it,
and what is still missed (strict xfails)."""

from __future__ import annotations

import pytest

from medlocal.rag.grounding import ground

LETTER = "Iron 12 umol/L. Ferrous sulfate 200 mg BD started. LDH 450 U/L, ALP 130 U/L."


def test_a_flag_names_an_abbreviated_test_in_capitals() -> None:
    flags = ground("ALP was 450 U/L [1].", {1: LETTER}).flags
    assert [f.kind for f in flags] == ["misattributed_value"]
    assert "the LDH, not the ALP" in flags[0].message


ROW = "Test,Result,Unit,Low,High\nPotassium,5.9,mmol/L,3.5,5.3\n"


def test_the_right_limit_named_passes() -> None:
    assert ground("Potassium 5.9 was above the upper limit of 5.3 [1].", {1: ROW}).flags == []


# Mended in ground59 (a strict xfail before): a named limit and a Low/High cell carry a side.
def test_the_lower_limit_given_as_the_upper_is_flagged() -> None:
    assert ground("Potassium 5.9 was above the upper limit of 3.5 [1].", {1: ROW}).flags


@pytest.mark.xfail(
    strict=True,
    reason="vitamin D and B12 are also medicines, so prose binds no value to them: B12's 250 "
    "passes as the vitamin D",
)
def test_a_vitamin_level_given_another_vitamins_value_is_flagged() -> None:
    passage = "Vitamin D 45 nmol/L. B12 250 ng/L. Folate 3.1 ug/L."
    assert ground("Vitamin D was 250 [1].", {1: passage}).flags
