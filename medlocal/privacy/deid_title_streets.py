"""A doctor's title read as a street's "Dr" (issue 16, session 58, deid58a).

The street grammar reads "Dr" as Drive, and its name words may hold a full stop, so a dose or a
list before a sentence that names a doctor became an address: "Heparin 7000 U. Operator Dr Kim
Seung-woo" and "Reviewed: BPH, CKD 2, HTN. Reporter Dr Marcia Thompson" were "[ADDRESS] Kim
Seung-woo" (dev69, written blind). A street's "Dr" ends the street; a title's is followed by the
person's given name. A street match that runs over a sentence's end (". ") and ends in "Dr"
right before a given name is the title, and the match no street, where no place list knows the
name or a surname follows it. A street written with its town after "Dr" ("14 Oakley Dr
Springfield", "9 Lake Dr Hamilton") keeps its reading: a town is no given name, or a listed
place with no surname after it. So does a street with a person after it: "14 Kensington Dr Anna
Smith" is an address line and a name (review58d: the street was kept when the full stop was
not asked for).
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_lexicon import fold, lexicon

_DR_END = re.compile(r"(?<![\w.])Dr\.?\Z")
# A sentence's end inside the match: the dose or list before it was read as the street's number
# and name ("7000 U. Operator Dr", "CKD 2, HTN. Reporter Dr").
_SENTENCE_END = re.compile(r"\.[ \t]")
_NAME_AFTER = re.compile(r"[ \t]+(?P<w>[A-Z][a-z'’-]+)\b(?P<surname>[ \t]+[A-Z][a-z'’-]+)?")


def title_not_street(text: str, start: int, end: int) -> bool:
    """Whether the street match ``text[start:end]`` ends with a doctor's title before a given
    name (see the module's docstring)."""
    title = _DR_END.search(text, start, end)
    if title is None or _SENTENCE_END.search(text, start, title.start()) is None:
        return False
    after = _NAME_AFTER.match(text, end)
    if after is None:
        return False
    lex = lexicon()
    word = fold(after.group("w"))
    # A given name that is a place too ("Kim") is a person's where a surname follows it.
    return word in lex.given_names and (
        word not in lex.places or after.group("surname") is not None
    )
