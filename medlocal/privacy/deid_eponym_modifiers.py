"""An eponym made an adjective by a hyphenated lower-case word is no one (session 45, issue 16,
precision): "Ganser-type answers", "Bobath-informed trunk work", "Parkinson-like gait",
"Kocher-based approach". The word scan read the whole hyphenated word as a name because its
first part is a surname on the name lists.

A person's name is never joined by a hyphen to one of these words: a double-barrelled surname
joins two capitalised names ("Sheehan-Kelly"), and a French or Arabic particle ("Jean-de",
"Abd-el") is not among them. Privacy first: a title, a relation or a role before the span keeps
it a person's ("Dr Smith-like" is no phrase, but is removed all the same), and only spans of the
word scan and the tagger ("name") are given back; the patient's own name stays hers.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_people_words import RELATIONS, ROLES, TITLES
from medlocal.privacy.deid_spans import Redaction

# Words that make the capitalised word before the hyphen a kind, a likeness, a basis or a cause.
_MODIFIER = (
    r"type|like|style|pattern|shaped|based|informed|guided|derived|related|associated|"
    r"induced|dependent|resistant|positive|negative|compatible|variant"
)
_EPONYM_ADJECTIVE = re.compile(r"[A-Z][a-zà-ÿ'’]+-(?:" + _MODIFIER + r")")
_WORD_BEFORE = re.compile(r"([^\W\d_][\w.'’-]*)[ \t]+\Z")
_PEOPLE = frozenset(w.lower().rstrip(".") for w in TITLES | RELATIONS | ROLES)


def _eponym_adjective(text: str, red: Redaction) -> bool:
    if red.kind != "name" or _EPONYM_ADJECTIVE.fullmatch(red.original) is None:
        return False
    before = _WORD_BEFORE.search(text, max(0, red.start - 24), red.start)
    return before is None or before.group(1).lower().rstrip(".") not in _PEOPLE


def without_eponym_modifiers(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` less the eponyms made adjectives by a hyphenated word (see above)."""
    if "-" not in text:
        return redactions
    return [red for red in redactions if not _eponym_adjective(text, red)]
