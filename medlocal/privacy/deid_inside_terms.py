"""A name found inside a listed clinical term is given back (round 19, precision): a patient
called Pugh lost "Child-Pugh C11" to "Child-[NAME]", one called Leiden "factor V Leiden", one
called Addenbrooke "Addenbrooke's Cognitive Examination".

The patient's own name is searched for everywhere in the note, and a surname is often an
eponym's. Where the words around the span make a listed clinical phrase that reaches beyond it
("factor V Leiden", "St John's wort"), or a listed hyphenated or possessive term it is a part
of ("Child-Pugh", "Addenbrooke's" before a clinical word), the span is part of the term and
names no one there; but the patient's own surname in the possessive stays hers (review 14:
"Nelson's syndrome" of a patient Nelson is removed). A title right before the span keeps it
a name ("Mr Addenbrooke's daughter", "Dr Child-Pugh" are people).
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_lexicon import Lexicon, lexicon
from medlocal.privacy.deid_spans import Redaction

_KINDS = frozenset({"name", "patient_name", "location", "city"})
_TITLE_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sr)\.?[ \t]+\Z")
_JOINED_BEFORE = re.compile(r"[^\W\d_][\w]*-\Z")
_JOINED_AFTER = re.compile(r"-[^\W\d_][\w]*")
_POSSESSIVE_AFTER = re.compile(r"['’]s[ \t]+([A-Za-z]+)")
# Words after a possessive that make it a place's or an organisation's name.
_PLACE_HEADS = frozenset(
    {"hospital", "clinic", "centre", "center", "house", "road", "street", "school", "ward",
     "unit", "surgery", "practice", "trust", "college", "university", "hall", "court", "lane",
     "home", "infirmary", "church", "park", "place", "square", "medical", "health"}
)  # fmt: skip
# How far around a span a phrase is looked for: the longest listed phrases are of some words.
_REACH = 40


def _in_phrase(text: str, red: Redaction, lex: Lexicon) -> bool:
    start = max(0, red.start - _REACH)
    for found in lex.clinical_phrases.finditer(text, start, min(len(text), red.end + _REACH)):
        if found.start() > red.start:
            break
        if found.end() >= red.end and (found.start(), found.end()) != (red.start, red.end):
            return True
    return False


def _in_compound(text: str, red: Redaction, lex: Lexicon) -> bool:
    before = _JOINED_BEFORE.search(text, max(0, red.start - 30), red.start)
    after = _JOINED_AFTER.match(text, red.end)
    if before is not None or after is not None:
        left = before.start() if before is not None else red.start
        right = after.end() if after is not None else red.end
        if text[left:right].lower() in lex.clinical_words:
            return True
    possessive = _POSSESSIVE_AFTER.match(text, red.end)
    if possessive is not None and " " not in red.original:
        term = text[red.start : red.end + 2].lower().replace("’", "'")
        head = possessive.group(1).lower()
        word = possessive.group(1)
        if head in _PLACE_HEADS:
            return False  # "Addenbrooke's Hospital" is a place
        return term in lex.clinical_words and (word[:1].isupper() or lex.clinical(head))
    return False


# "(Baker's) cyst", "Thompson prosthesis": the eponym's possessive or bracket, then its head.
_HEAD_AFTER = re.compile(r"(['’]s)?\)?[ \t]+([a-z]+)")


def _before_its_head(text: str, red: Redaction, lex: Lexicon) -> bool:
    """The span, its "'s" and the lower-case word after make a listed phrase ("(Baker's) cyst",
    "Thompson prosthesis")."""
    after = _HEAD_AFTER.match(text, red.end)
    if after is None or " " in red.original:
        return False
    possessive = "'s" if after.group(1) else ""
    phrase = f"{red.original.lower()}{possessive} {after.group(2)}"
    return lex.clinical_phrases.fullmatch(phrase) is not None


def without_inside_terms(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` less the names that are part of a listed clinical term (see above)."""
    kept: list[Redaction] = []
    lex: Lexicon | None = None
    for red in redactions:
        if red.kind not in _KINDS or _TITLE_BEFORE.search(text, max(0, red.start - 8), red.start):
            kept.append(red)
            continue
        if red.kind == "patient_name" and text[red.end : red.end + 2] in ("'s", "’s"):
            # Review 14: the patient's surname in the possessive is hers ("Doe's syndrome").
            kept.append(red)
            continue
        lex = lex or lexicon()
        inside = _in_compound(text, red, lex) or _in_phrase(text, red, lex)
        if not (inside or _before_its_head(text, red, lex)):
            kept.append(red)
    return kept
