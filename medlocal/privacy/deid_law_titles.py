"""A country or a state in the title of a law, given back (round 20, precision): "Mental Health
(Care and Treatment) (Scotland) Act 2003" lost "Scotland" to the name scan. A law's title
writes its country in brackets right before "Act" ("(Scotland) Act", "(Northern Ireland)
Order"); a person is never written so, and the country names no one.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_spans import Redaction

_KINDS = frozenset({"name", "location", "city", "state"})
_LAW_AFTER = re.compile(r"\)[ \t]+(?:Act|Order|Regulations?|Law|Bill)\b")


def without_law_titles(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` less a place in brackets right before a law's "Act" (see above)."""
    if "Act" not in text and "Order" not in text and "Regulation" not in text:
        return redactions
    return [
        red
        for red in redactions
        if not (
            red.kind in _KINDS
            and text[red.start - 1 : red.start] == "("
            and _LAW_AFTER.match(text, red.end) is not None
        )
    ]
