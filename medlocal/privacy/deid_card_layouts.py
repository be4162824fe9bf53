"""National health-card numbers told by their printed layout alone, with no label before them.

Walk 23: "Old card: 2953 41027 1" and "her number is 2953 41027 1" survived, while the same
number after "Medicare" was removed. An Australian Medicare card prints its ten digits as four,
five and one (the first digit 2 to 6), with the holder's reference number perhaps after a
slash or a dash ("2953 41027 1/2"); no clinical value is written in that layout (a result list
separates its values by more than single spaces or by units, and a date or a dose never has
five digits between two groups).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_pattern_context import LAB_BEFORE_NUMBER
from medlocal.privacy.deid_spans import Redaction, label

_MEDICARE = re.compile(r"(?<![\w.,/-])[2-6]\d{3} \d{5} \d(?:[/-]\d)?(?![\w/-]|[.,]\d| \d)")


def card_layout_candidates(text: str) -> Iterator[Redaction]:
    """Each number written in a health card's printed layout."""
    if " " not in text:
        return
    for match in skipped_finditer(_MEDICARE, text):
        if LAB_BEFORE_NUMBER.search(text[max(0, match.start() - 30) : match.start()]):
            continue  # "Platelets 2953 41027 1": results in a row
        yield Redaction(
            "health_plan_id", match.start(), match.end(), match.group(), label("health_plan_id")
        )
