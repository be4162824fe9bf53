"""Words of a file name that name someone or something: an export's title and its reference
list carry the names of the files they quote ("discharge_summary_stwilfrids.pdf").

A file name is read by the rules like any text (its underscores as spaces, see
:mod:`~medlocal.privacy.deid_ocr`), but it is typed in lower case and squashed: "stwilfrids"
is "St Wilfrid's" without its capitals, space and apostrophe, "oatlands" the practice of the
letter's heading, and no rule that reads capitals or words finds them (walk 24). Here the
stem is read as words (runs of letters: "_", "-", ".", spaces and digits split it, so "latin1"
is "latin"), and each is taken where it is

* the letters of a word, or of words written together, of a span the plan removed elsewhere in
  the export ("St Wilfrid's Hospital" in the body: "stwilfrids", "wilfrids", "stwilfridshospital"),
  with that span's kind; but a word alone that only says what the span was (an English,
  clinical or service word on no list of names or places: "cardiology", "hospital") is kept,
  unless the span was the patient's name, or the runs beside it spell on the span's words
  ("wattle_creek_road");
* no known word (English, clinical, a clinical word of another language, a service's initials,
  a language or people) of four letters or more: recall first, as the rules are; a file name
  loses little by it ("hcpa", "encaminhamento"); or
* a listed given name or surname beside a word taken as a name, or after a title
  ("smith_john", "dr_white"): names come together.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from medlocal.privacy.deid_lexicon import Lexicon, clinical_abbreviation, fold
from medlocal.privacy.deid_people_words import TITLES
from medlocal.privacy.deid_peoples import peoples
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
_SEPARATORS = "_-. "  # between the words of a file name
_NAME_KINDS = frozenset({"patient_name", "name"})
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
    that are no known word, outside the ``covered`` spans; and a listed name beside a removed
    one ("smith_john_referral.docx")."""
    if not is_file_name(name):
        return []
    covered = list(covered)
    runs = _runs(name, covered)
    kinds = [_run_kind(run.group(), removed, lex) for run in runs]
    _take_joined_words(runs, kinds, removed)
    _take_names_beside_names(runs, kinds, name, covered, lex)
    return [
        Redaction(kind, run.start(), run.end(), run.group(), label(kind))
        for run, kind in zip(runs, kinds, strict=True)
        if kind is not None
    ]


def _runs(name: str, covered: list[Redaction]) -> list[re.Match[str]]:
    """The stem's runs of letters (split at "_", "-", ".", spaces and digits: "latin1" is
    "latin"), less those a span of the plan already holds."""
    taken = bytearray(len(name))
    for red in covered:
        taken[red.start : red.end] = b"\x01" * (red.end - red.start)
    return [
        match
        for match in _LETTERS.finditer(name, 0, name.rindex("."))
        if not any(taken[match.start() : match.end()])
    ]


def _run_kind(run: str, removed: dict[str, str], lex: Lexicon) -> str | None:
    """The kind one run of letters is removed as, read alone; None to keep it."""
    word = fold(run).lower()
    kind = removed.get(word)
    if kind is not None and (kind == "patient_name" or not _plain_word(word, lex)):
        return kind
    if len(word) >= 4 and not _known(word, lex):
        return _UNKNOWN_KIND
    return None


def _plain_word(word: str, lex: Lexicon) -> bool:
    """A word that says what a span was, not whose or where (walk 26: "Cardiology" after a
    doctor's name in a snippet took "cardiology" from "referral_cardiology_2025-03-12.pdf";
    "Hospital" of "Dubbo Base Hospital" would take it from "hospital_discharge.pdf"). A listed
    name or place stays what it was removed as ("smith", "orange")."""
    return _known(word, lex) and not lex.name_like(word) and word not in lex.places


def _take_joined_words(
    runs: list[re.Match[str]], kinds: list[str | None], removed: dict[str, str]
) -> None:
    """Runs that together spell words of one removed span go, though each alone is a plain word
    ("wattle_creek_road.pdf" after "17 Wattle Creek Road")."""
    for i in range(len(runs)):
        for j in range(i + 2, min(len(runs), i + _MOST_WORDS) + 1):
            joined = "".join(fold(run.group()).lower() for run in runs[i:j])
            kind = removed.get(joined)
            if kind is not None:
                for k in range(i, j):
                    kinds[k] = kinds[k] or kind


def _take_names_beside_names(
    runs: list[re.Match[str]],
    kinds: list[str | None],
    name: str,
    covered: list[Redaction],
    lex: Lexicon,
) -> None:
    """A listed name next to a removed one goes too: names come together in a file name as in
    a letter ("smith_john_referral.docx": "john" is no English word, "smith" is one), read
    from each removed name outwards until no neighbour is added. Both are then a name. So
    does a listed name after a title ("dr_white_letter.pdf")."""
    named = [(red.start, red.end) for red in covered if red.kind in _NAME_KINDS]
    listed = [_listed_name(run.group(), lex) for run in runs]
    changed = True
    while changed:
        changed = False
        for i, run in enumerate(runs):
            if kinds[i] is not None or not listed[i]:
                continue
            beside = [j for j in (i - 1, i + 1) if 0 <= j < len(runs) and kinds[j] and listed[j]]
            after_title = i > 0 and fold(runs[i - 1].group()).lower() in TITLES  # "dr_white"
            if not (beside or after_title or _beside_covered_name(run, name, named)):
                continue
            kinds[i], changed = "name", True
            for j in beside:
                if kinds[j] == _UNKNOWN_KIND:
                    kinds[j] = "name"


def _beside_covered_name(run: re.Match[str], name: str, named: list[tuple[int, int]]) -> bool:
    """Whether a name span of the plan stands right before or after ``run``, past separators."""
    return any(
        (end <= run.start() and not name[end : run.start()].strip(_SEPARATORS))
        or (start >= run.end() and not name[run.end() : start].strip(_SEPARATORS))
        for start, end in named
    )


def _listed_name(run: str, lex: Lexicon) -> bool:
    return lex.name_like(fold(run).lower())


def _known(word: str, lex: Lexicon) -> bool:
    return (
        lex.known(word)
        or lex.clinical(word)
        or clinical_abbreviation(word)
        or word in peoples()  # a language or people: "latin1_note.txt", "greek_letter.pdf"
    )
