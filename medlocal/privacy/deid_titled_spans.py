"""A person's title makes the name after it a person's, whatever its last word (walk 22).

"Dr Bill Street" became "Dr [ADDRESS]" in every document ("[ADDRESS] is also her neighbour's
GP") and "Mrs Hope Ward" "Mrs [FACILITY]": a surname that is a street's or a ward's word read the
whole name as a street or a unit. The span is removed either way; its placeholder told the
reader a false thing. A short street or facility span (a given name and such a surname) right
after a personal title is labelled as the name it is. A possessive ("Dr Gray's Hospital") or a
longer span stays what it was found as.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_spans import Redaction, label

_TITLE_BEFORE = re.compile(r"(?<![\w.])(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof)\.?[ \t]+\Z")
_RELABELLED = frozenset({"street_address", "facility"})
_NAME_WORDS = re.compile(r"[A-Z][a-zà-ÿ'’-]+(?:[ \t]+[A-Z][a-zà-ÿ'’-]+){1,2}")


def titled_as_names(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` with each short street or facility span after a title labelled a name."""
    out = []
    for red in redactions:
        if (
            red.kind in _RELABELLED
            and red.replacement == label(red.kind)
            and _NAME_WORDS.fullmatch(red.original)
            and "'" not in red.original
            and "’" not in red.original
            and _TITLE_BEFORE.search(text, max(0, red.start - 8), red.start)
        ):
            red = Redaction("name", red.start, red.end, red.original, label("name"))
        out.append(red)
    return out
