"""A form's label given back after resolution (round 19, walk 22): "Cc:", "Continence:" and
"Countersigned:" became "[NAME]:", a DOCX footer's "Page 1" "[NAME] 1", "Head of Finance"
"[NAME] of Finance", "Preferred name:" lost "Preferred".

A label is one word at the start of a line before its colon, a word before "of" that heads a
field ("Date of birth", "Head of Finance"), a word before "name:" ("Preferred name:"), or
"Page" and its number alone at a line's end. The word must be a plain English word that is no
listed given name or surname (a speaker's "Rose:" or "Smith:" in a transcript stays a name),
or one of the letter labels below; "Page" is one however listed. A title right before it
makes it a name again ("Dr Page 1" is not read so: the footer stands alone).
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_lexicon import Lexicon, lexicon
from medlocal.privacy.deid_people_words import TITLE_BEFORE
from medlocal.privacy.deid_spans import Redaction

_KINDS = frozenset({"name", "patient_name"})
# Labels of letters and forms that are no English words.
_LETTER_LABELS = frozenset({"cc", "bcc", "fao", "attn", "re", "enc", "encl", "ref", "pp"})
# Words that head a field before "of" ("Date of birth", "Head of Finance").
_OF_HEADS = frozenset(
    {"date", "place", "head", "time", "cause", "country", "mode", "reason", "type", "director",
     "chief", "department", "history", "duration", "source", "level", "route"}
)  # fmt: skip
_COLON_AFTER = re.compile(r"[ \t]*:")
_LINE_START = re.compile(r"(?:\A|\n)[ \t]*(?:[-*•>][ \t]*)?\Z")
_PAGE_AFTER = re.compile(r"[ \t]+\d{1,4}(?:[ \t]*(?:of|/)[ \t]*\d{1,4})?[ \t]*(?:\n|\Z)")
_OF_AFTER = re.compile(r"[ \t]+of[ \t]+[A-Za-z]")
_NAME_LABEL_AFTER = re.compile(r"[ \t]+(?:name|names)[ \t]*:")


def _plain_word(lower: str, lex: Lexicon) -> bool:
    return lower in lex.english and lower not in lex.given_names and lower not in lex.surnames


def _label(text: str, red: Redaction, lex: Lexicon) -> bool:
    word = red.original
    lower = word.lower()
    before = text[max(0, red.start - 12) : red.start]
    if TITLE_BEFORE.search(before):
        return False
    if lower == "page" and _PAGE_AFTER.match(text, red.end):
        return _LINE_START.search(text, max(0, red.start - 40), red.start) is not None
    if lower in _OF_HEADS and _OF_AFTER.match(text, red.end):
        return True
    if _NAME_LABEL_AFTER.match(text, red.end):
        return _plain_word(lower, lex)
    if _COLON_AFTER.match(text, red.end) is None:
        return False
    if _LINE_START.search(text, max(0, red.start - 40), red.start) is None:
        return False
    return lower in _LETTER_LABELS or _plain_word(lower, lex)


def without_form_labels(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` less the one-word form labels they took (see above)."""
    kept: list[Redaction] = []
    lex: Lexicon | None = None
    for red in redactions:
        word = red.original
        if red.kind not in _KINDS or not word.isalpha() or not word[:1].isupper():
            kept.append(red)
            continue
        lex = lex or lexicon()
        if not _label(text, red, lex):
            kept.append(red)
    return kept
