"""A form's label given back after resolution (round 19, walk 22): "Cc:", "Continence:" and
"Countersigned:" became "[NAME]:", a DOCX footer's "Page 1" "[NAME] 1", "Head of Finance"
"[NAME] of Finance", "Preferred name:" lost "Preferred".

A label is one word at the start of a line before its colon, a word before "of" that heads a
field ("Date of birth", "Head of Finance"), a word before "name:" ("Preferred name:"), or
"Page" and its number alone at a line's end. The word must be a plain English word that is no
listed given name or surname (a speaker's "Rose:" or "Smith:" in a transcript stays a name),
or one of the letter labels below; "Page" is one however listed. A title right before it
makes it a name again ("Dr Page 1" is not read so: the footer stands alone).

deidfix34 (session 33): a telephone number's label, wherever it stands ("Leeds, Mobile: 07700
900123" lost "Mobile" as Mobile, Alabama; "Home: ...", "Work number: ..."): one of the label
words below, with up to two lower-case words after it, before a colon and the number the rules
found (a phone's or a fax's span). Such a word names the line, not a place: a place's or a
facility's span that ran on to it ("Leeds, Mobile") ends before it, and one that is the word
alone goes. Without the colon and the number the word stays what the rules read ("Mobile, AL
36602" is the city).

fixdeid34 (review34b): only that closed list, never any English word ("Jane Hill mobile:",
"Sarah Brown:", "4 Kings Road, Reading:" left the surname and the town in the text), and never
a name's span: "Ann Work: 07700 ..." is a person whatever her surname means.
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
# What a span that a telephone label may end can be: a place's or a facility's (a name's never,
# a number's never).
_WORD_KINDS = frozenset({"location", "city", "county", "facility", "street_address"})
# The words that label a telephone number, lower case: a closed list (review34b).
_PHONE_LABELS = frozenset(
    {"mobile", "mob", "home", "work", "tel", "telephone", "phone", "ph", "cell", "cellphone",
     "fax", "office", "landline", "pager", "bleep", "switchboard", "daytime", "evening", "night",
     "direct", "contact", "business", "reception", "emergency"}
)  # fmt: skip
_PHONE_KINDS = frozenset({"phone", "fax"})
# A label's last word at a span's end, after the start or a blank, comma or slash.
_LAST_WORD = re.compile(r"(?:(?<=[\s,;/])|\A)(?P<w>[A-Z][a-z]+)\Z")
# Up to two lower-case words ("number", "phone no") and the colon, before the number.
_PHONE_LABEL_AFTER = re.compile(r"(?:[ \t]+[a-z]+\.?){0,2}[ \t]*:[ \t]*")


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


def _phone_label(text: str, red: Redaction, starts: set[int]) -> int:
    """Where the label of a telephone number that ``red`` ends with begins (see above); -1 where
    it ends with none."""
    if red.kind not in _WORD_KINDS:
        return -1
    after = _PHONE_LABEL_AFTER.match(text, red.end)
    if after is None or after.end() not in starts:
        return -1
    word = _LAST_WORD.search(red.original)
    if word is None:
        return -1
    if word.group("w").lower() not in _PHONE_LABELS:
        return -1
    if TITLE_BEFORE.search(text[max(0, red.start - 12) : red.start + word.start("w")]):
        return -1  # "Dr Home: 0113 ...": a name after its title
    return red.start + word.start("w")


def _before_label(text: str, red: Redaction, at: int) -> list[Redaction]:
    """``red`` less its part from ``at`` (a label) on, and the blanks and comma before it."""
    end = at
    while end > red.start and text[end - 1] in " \t,;/":
        end -= 1
    if end <= red.start:
        return []
    return [Redaction(red.kind, red.start, end, text[red.start : end], red.replacement)]


# Session 42 (walk 42d): a register's initials and "Reg." before "No." and the number the rules
# found ("Medical Officer (MDC Reg. No. MDC/RN/11872)" became "([NAME]. No. [ID])"): the label of
# that number, naming no one. The words before "Reg." are capitals only (a council's initials).
_REGISTER_LABEL = re.compile(r"(?:[A-Z]{2,6}[ \t]+)+Reg(?:n|istration)?")
_NUMBER_AFTER_REGISTER = re.compile(r"\.?[ \t]*(?:No\.?|Number|#)[ \t]*:?[ \t]*")
_CODE_KINDS = frozenset({"licence_number", "id_number"})


def _register_label(text: str, red: Redaction, code_starts: set[int]) -> bool:
    if red.kind not in _KINDS or not _REGISTER_LABEL.fullmatch(red.original):
        return False
    after = _NUMBER_AFTER_REGISTER.match(text, red.end)
    return after is not None and after.end() > red.end + 1 and after.end() in code_starts


def without_form_labels(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` less the one-word form labels they took (see above)."""
    kept: list[Redaction] = []
    lex: Lexicon | None = None
    phones = {r.start for r in redactions if r.kind in _PHONE_KINDS}
    codes = {r.start for r in redactions if r.kind in _CODE_KINDS}
    for red in redactions:
        if codes and _register_label(text, red, codes):
            continue
        if phones and ":" in text[red.end : red.end + 30]:
            at = _phone_label(text, red, phones)
            if at >= 0:
                kept += _before_label(text, red, at)
                continue
        word = red.original
        if red.kind not in _KINDS or not word.isalpha() or not word[:1].isupper():
            kept.append(red)
            continue
        lex = lex or lexicon()
        if not _label(text, red, lex):
            kept.append(red)
    return kept
