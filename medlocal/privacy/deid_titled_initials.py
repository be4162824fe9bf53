"""A person named by a title and one initial alone (round 18): "Dr B. will discuss it at your
visit", "Mrs K. phoned back". The title says the initial is a person's; a lower-case word after
the initial's full stop says no surname follows (those are the initials rules' own: "Dr B.
Okafor"). Without a title a capital and a stop are too often a vitamin, a hepatitis or an
organism's genus ("vitamin D. levels", "Hep B. vaccine") to read.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_tokens import WordSpan

# A title with or without its stop, one capital and its stop, then a lower-case word.
_TITLED_INITIAL = re.compile(
    r"(?<![\w.])(?:Dr|Drs|Dra|Prof|Mr|Mrs|Ms|Mx|Sr|Fr)\.?[ \t]+(?P<v>[A-Z])\.[ \t]+(?=[a-z]{2})"
)


def titled_initials(text: str) -> list[WordSpan]:
    """The lone initials after a title, each with its full stop (the person's whole name)."""
    if ". " not in text:
        return []
    return [
        WordSpan("name", match.start("v"), match.end("v") + 1)
        for match in skipped_finditer(_TITLED_INITIAL, text)
    ]
