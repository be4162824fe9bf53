"""Round 18: walk 21's findings in the redactor that the lead mended."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A quotation's closing mark is no part of the name it closes.
        ("conflict — 'Dr Imogen' says the passage", "conflict — 'Dr [NAME]' says the passage"),
        ("Flag: 'Dr Imogen Castellanos-Pryce'.", "Flag: 'Dr [NAME]'."),
    ],
)
def test_a_closing_quote_stays_in_view(text: str, expected: str) -> None:
    assert redact(text) == expected
