"""Flags print a date without its year as a reader writes it ("8 Nov"), never as ISO 8601's
"--11-08" (walk 41, item 8: "not the potassium --11-08")."""

from __future__ import annotations

import pytest

from medlocal.rag.grounding import ground
from medlocal.values import readable_date

LABS = "08/11/2026 Potassium 5.9 mmol/L 3.5-5.3 H. 05/12/2026 Potassium 5.0 mmol/L 3.5-5.3."


@pytest.mark.parametrize(
    ("canonical", "said"),
    [
        ("--11-08", "8 Nov"),
        ("--07-19", "19 Jul"),
        # full dates, months and years read plainly as they are
        ("2026-11-08", "2026-11-08"),
        ("2026-11", "2026-11"),
        ("2026", "2026"),
        # not a date: unchanged
        ("admission", "admission"),
        ("--13-01", "--13-01"),
    ],
)
def test_readable_date(canonical: str, said: str) -> None:
    assert readable_date(canonical) == said


def test_a_flag_names_a_day_without_its_year_readably() -> None:
    result = ground("Her potassium was 5.0 mmol/L on 8 November [1].", {1: LABS})
    flag = next(f for f in result.flags if f.kind == "misattributed_value")
    assert "not the potassium on 8 Nov" in flag.message
    assert "--" not in flag.message


def test_a_full_date_in_a_flag_is_still_given_in_full() -> None:
    result = ground("Her potassium was 5.0 mmol/L on 08/11/2026 [1].", {1: LABS})
    flag = next(f for f in result.flags if f.kind == "misattributed_value")
    # Both dates may be read either way round: each is named as it is written (ground58 F9),
    # not by a month-first reading the record may not use.
    assert "the potassium on 05/12/2026, not the potassium on 08/11/2026" in flag.message
