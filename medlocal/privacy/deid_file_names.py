"""Words of a file name that name someone or something: an export's title and its reference
list carry the names of the files they quote ("discharge_summary_stwilfrids.pdf").

A file name is read by the rules like any text (its underscores as spaces, see
:mod:`~medlocal.privacy.deid_ocr`), but it is typed in lower case and squashed: "stwilfrids"
is "St Wilfrid's" without its capitals, space and apostrophe, "oatlands" the practice of the
letter's heading, and no rule that reads capitals or words finds them (walk 24). Here each
run of letters of a file name's stem is taken where it is

* the letters of a word, or of words written together, of a span the plan removed elsewhere in
  the export ("St Wilfrid's Hospital" in the body: "stwilfrids", "wilfrids", "stwilfridshospital"),
  with that span's kind; or
* no known word (English, clinical, or a clinical word of another language) of four letters or
  more: recall first, as the rules are; a file name loses little by it ("hcpa", "encaminhamento").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from medlocal.privacy.deid_lexicon import Lexicon, clinical_abbreviation, fold
from medlocal.privacy.deid_spans import Redaction, label

# A file's name as MedLocal stores it: no spaces around a stem and an extension of 1-5 letters
# or digits ("letter_2025.pdf", "scan 3.PNG" has a space and is read as text alone).
_FILE_NAME = re.compile(r"[^\s/\\]+\.[A-Za-z0-9]{1,5}")
_LETTERS = re.compile(r"[^\W\d_]+")
# The kinds whose words name someone or somewhere; a removed date or number says nothing of
# the letters of a file name.
_WORD_KINDS = frozenset(
    {"patient_name", "name", "facility", "location", "city", "county", "street_address"}
)
_MOST_WORDS = 4  # words written together: "stwilfridshospital", not a whole address
_UNKNOWN_KIND = "file_name_word"  # shown as "[REDACTED]": it may be a name, a place or a clinic


def is_file_name(text: str) -> bool:
    return _FILE_NAME.fullmatch(text) is not None


def removed_letters(removed: Iterable[Redaction]) -> dict[str, str]:
    """Folded letters of each removed word, and of up to four neighbouring words written
    together, -> the kind of the span they came from."""
    letters: dict[str, str] = {}
    for red in removed:
        if red.kind not in _WORD_KINDS:
            continue
        words = [fold(w).lower() for w in _LETTERS.findall(red.original)]
        for i in range(len(words)):
            for j in range(i + 1, min(len(words), i + _MOST_WORDS) + 1):
                joined = "".join(words[i:j])
                if len(joined) >= 3:
                    letters.setdefault(joined, red.kind)
    return letters


def file_name_spans(
    name: str, removed: dict[str, str], lex: Lexicon, covered: Iterable[Redaction] = ()
) -> list[Redaction]:
    """The runs of letters of ``name``'s stem that name what the export removed elsewhere, or
    that are no known word, outside the ``covered`` spans."""
    if not is_file_name(name):
        return []
    stem_end = name.rindex(".")
    taken = bytearray(len(name))
    for red in covered:
        taken[red.start : red.end] = b"\x01" * (red.end - red.start)
    out: list[Redaction] = []
    for match in _LETTERS.finditer(name, 0, stem_end):
        start, end = match.span()
        if any(taken[start:end]):
            continue
        word = fold(match.group()).lower()
        kind = removed.get(word)
        if kind is None and len(word) >= 4 and not _known(word, lex):
            kind = _UNKNOWN_KIND
        if kind is not None:
            out.append(Redaction(kind, start, end, match.group(), label(kind)))
    return out


def _known(word: str, lex: Lexicon) -> bool:
    return lex.known(word) or lex.clinical(word) or clinical_abbreviation(word)
