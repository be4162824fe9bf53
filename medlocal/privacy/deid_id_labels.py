"""The label of an identifier given back where a word of it was read as a name (walk 52a L2:
"Hosp no WHC-558213" became "[NAME] no [MRN]").

An identifier's label may open with a shortened word no list holds ("Hosp no", "Acct #"), and
the word scan takes a capitalised unknown word for a name. Where the rules found an identifier
right after it and the words from the span to that identifier are one of the identifier labels
the rules read (:data:`~medlocal.privacy.deid_codes.ID_CUES`, with its "no", "#" or colon), the
span is the label, not a person or a place, and it stays.

A word right after a title, a relation or a role is a name, whatever label it spells (review 52b
F6: "Husband Mr White card 4471902K", "Daughter Ms Chi 0104511234", "Seen by Dr Dossier 7734120"
kept the surname): no label opens after "Mr", "Daughter" or "Consultant".
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_codes import ID_CUES
from medlocal.privacy.deid_lexicon import fold
from medlocal.privacy.deid_people_words import FUNCTION_CUES, RELATIONS, ROLES, TITLES
from medlocal.privacy.deid_spans import Redaction

# The kinds guessed from words: the only ones a label's word can be mistaken for.
_WORD_KINDS = frozenset({"name", "facility", "location", "city", "county"})
_LABEL = re.compile(r"(?i:" + "|".join(cue for _, cue in ID_CUES) + r")")
_GAP = 16  # characters at most from the span's start to the identifier after its label
# Words after which a capitalised word is a person's name, never a label's.
_NAME_CUES = TITLES | (RELATIONS - FUNCTION_CUES) | ROLES | {"named", "called"}
_NAME_CUES |= {"sir", "dame", "lady", "lord", "madam", "madame", "hon", "revd"}
_WORD_BEFORE = re.compile(r"([^\W\d_]+(?:['’-][^\W\d_]+)*)\.?[ \t]*$")


def without_label_words(text: str, found: list[Redaction]) -> list[Redaction]:
    """``found`` (in text order, no overlaps) less the word spans that open an identifier's
    label the identifier of which the rules found right after it."""
    out: list[Redaction] = []
    for i, red in enumerate(found):
        after = found[i + 1] if i + 1 < len(found) else None
        if (
            red.kind in _WORD_KINDS
            and after is not None
            and after.kind not in _WORD_KINDS
            and after.start - red.start <= _GAP
            and _is_label(text[red.start : after.start])
            and not _after_name_cue(text, red.start)
        ):
            continue
        out.append(red)
    return out


def _is_label(words: str) -> bool:
    """``words`` (up to the identifier) are a label, with or without its colon or "#"."""
    bare = words.rstrip(" \t:")
    return bool(_LABEL.fullmatch(bare) or _LABEL.fullmatch(bare.rstrip(" \t#")))


def _after_name_cue(text: str, start: int) -> bool:
    """The word right before ``start`` (on its line) is a title, relation or role ("Mr", "Dr.",
    "Daughter"): what follows is a name."""
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return before is not None and fold(before.group(1)) in _NAME_CUES
