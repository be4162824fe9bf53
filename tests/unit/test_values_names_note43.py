"""Note 43 (left for session 44): "N of Month YYYY" after a person's name ("Seen by Dr Patel 8 of
November 2026") lost its day, the name read as a counted noun; counted nouns, capitalised or
not, still make the number a count ("Dose 2 of May 2026", "had Pfizer Dose 2 of May 2026")."""

from __future__ import annotations

import pytest

from medlocal import values


def _dates(text: str) -> list[str]:
    return [v.canonical for v in values.extract_dates(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Seen by Dr Patel 8 of November 2026.", ["2026-11-08"]),
        ("Seen by Dr. Patel 8 of November 2026.", ["2026-11-08"]),
        ("Met Mrs Jones 3 of May 2025.", ["2025-05-03"]),
        ("Reviewed by Nurse Okafor 12 of March 2026.", ["2026-03-12"]),
        ("Seen by Anna Smith 8 of November 2026.", ["2026-11-08"]),
        ("Seen by Dr Smith-Jones 8 of November 2026.", ["2026-11-08"]),
    ],
)
def test_a_name_before_the_day_keeps_it(text: str, expected: list[str]) -> None:
    assert _dates(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Dose 2 of May 2026.",
        "Cycle 2 of May 2026.",
        "She had Pfizer Dose 2 of May 2026.",
        "Received Cycle 2 of May 2026.",
        "She had Pfizer Booster 2 of May 2026.",  # review 44b B7
        "Moderna Vaccine 3 of May 2026 given.",
    ],
)
def test_a_counted_noun_before_the_number_still_counts(text: str) -> None:
    assert _dates(text) == ["2026-05"]
