"""The recogniser's commonest slips inside clinical codes and form labels, mended: "HbAlc" ->
"HbA1c", "D0B" -> "DOB".

Lab names and clinical codes mix letters and digits (HbA1c, FEV1, SpO2, CO2, B12), and there the
recogniser confuses a digit with the letter it resembles: 1 with l or I, 0 with O. It does so
with full confidence on a clean page, so no low-confidence mark warns the reader, and an exact
search for "HbA1c" misses the scan (walk 25). A token is mended when

* it is no word as read: not in the clinical vocabulary, not an English word ("LI", "TIL" stay);
* it holds a letter that is no look-alike: a number ("02" of a date) is never made a code ("O2");
* swapping some of its l, I, O (to 1, 1, 0) or 0 (to O) makes exactly one known clinical code
  that holds both a letter and a digit: a code is where the slip happens, and a swap that gave
  a plain word ("C1" -> "Cl") would change a code that may be right as read.

A form label in capitals slips the other way, a letter read as a digit ("D0B" for "DOB", walk
27). A capitals token is mended to a label when a 0 or 1 stands between two capitals and reading
its every 0 as O and 1 as I makes a known abbreviation that holds no digit (one reading only, so
exactly one label results), while the token as read is no word. A digit at either end is left
alone: codes end or start with one ("T1", "N0", "5HT"), and "T1" -> "TI" would change one.

The clinical vocabulary is the project's own lists, not a hand list: the abbreviations
(``resources/abbreviations.txt`` via :mod:`medlocal.abbreviations`), the clinical words and lab
names (``resources/deid_clinical_terms.txt``) and the medicines (``resources/medications.txt``).
Each swap keeps the text's length, so every offset and line box found for the text holds.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from medlocal.abbreviations import default_abbreviations
from medlocal.paths import resource_entries, resources_dir
from medlocal.values import UNIT_START

# What each confusable character may really have been.
_SWAPS = {"l": "1", "I": "1", "O": "0", "0": "O"}
# A token with more confusable characters than this is no code (2**4 readings at most).
_MAX_CONFUSABLE = 4
# A form label read with a digit for a capital: only capitals and digits, a 0 or 1 between two
# capitals ("D0B", "N0K", "I0P").
_LABEL_READ_AS_DIGIT = re.compile(r"(?=[A-Z0-9]*[A-Z][01][A-Z])[A-Z0-9]{3,6}")
_LABEL_SWAPS = str.maketrans({"0": "O", "1": "I"})
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")
# A unit with a stroke ("mmol/L", "mL/min/1.73m2"), and what a unit's l may be read as.
_UNIT_TOKEN = re.compile(r"(?<![\w/])[A-Za-zµμ]+(?:/[A-Za-z0-9.]+){1,2}(?![\w/])")
_UNIT_SWAPS = {"i": "l", "I": "l", "1": "l"}
_LETTER = re.compile(r"[a-z]")
_DIGIT = re.compile(r"[0-9]")


@dataclass(frozen=True)
class Slip:
    """One token mended: ``read`` as the recogniser gave it, ``mended`` as the page has it."""

    read: str
    mended: str


@dataclass(frozen=True)
class ClinicalVocabulary:
    codes: frozenset[str]  # lower case, each holding a letter and a digit
    words: frozenset[str]  # lower case: every clinical word (codes included)

    @classmethod
    def from_lists(cls, clinical: Iterable[str]) -> ClinicalVocabulary:
        words = frozenset(word.lower() for word in clinical if " " not in word)
        codes = frozenset(w for w in words if _LETTER.search(w) and _DIGIT.search(w))
        return cls(codes, words)


def mend_slips(
    text: str, vocabulary: ClinicalVocabulary | None = None
) -> tuple[str, tuple[Slip, ...]]:
    """``text`` with its mended tokens, and what was mended (empty where nothing was)."""
    vocabulary = vocabulary or default_vocabulary()
    text, slips = _mended_units(text)
    parts: list[str] = []
    end = 0
    for token in _TOKEN.finditer(text):
        mended = _mended(token.group(), vocabulary)
        if mended is not None:
            parts += [text[end : token.start()], mended]
            end = token.end()
            slips.append(Slip(token.group(), mended))
    return "".join([*parts, text[end:]]), tuple(slips)


def _mended_units(text: str) -> tuple[str, list[Slip]]:
    """``text`` with units read with an i or a 1 for an l mended ("mmoi/L" -> "mmol/L", walk 50b
    D2): a token shaped as a unit that no unit reads as, and that exactly one reading with its
    i, I or 1 as l makes a unit (as ``medlocal.values`` reads units)."""
    slips: list[Slip] = []

    def mend(match: re.Match[str]) -> str:
        token = match.group()
        confusable = [index for index, char in enumerate(token) if char in _UNIT_SWAPS]
        if not confusable or len(confusable) > _MAX_CONFUSABLE or _is_unit(token):
            return token
        found = {
            reading
            for chosen in itertools.product((False, True), repeat=len(confusable))
            if any(chosen) and _is_unit(reading := _swapped(token, confusable, chosen, _UNIT_SWAPS))
        }
        if len(found) != 1:
            return token
        slips.append(Slip(token, mended := found.pop()))
        return mended

    return _UNIT_TOKEN.sub(mend, text), slips


def _is_unit(token: str) -> bool:
    found = UNIT_START.match(token)
    return found is not None and found.end() == len(token)


def _swapped(
    token: str, confusable: list[int], chosen: tuple[bool, ...], swaps: dict[str, str]
) -> str:
    chars = list(token)
    for index, swap in zip(confusable, chosen, strict=True):
        if swap:
            chars[index] = swaps[chars[index]]
    return "".join(chars)


def _mended(token: str, vocabulary: ClinicalVocabulary) -> str | None:
    return _mended_code(token, vocabulary) or _mended_label(token, vocabulary)


def _mended_label(token: str, vocabulary: ClinicalVocabulary) -> str | None:
    if not _LABEL_READ_AS_DIGIT.fullmatch(token) or token.lower() in vocabulary.words:
        return None
    label = token.translate(_LABEL_SWAPS)
    if not label.isalpha() or label.lower() not in vocabulary.words:
        return None
    return None if _is_english(token) else label


def _mended_code(token: str, vocabulary: ClinicalVocabulary) -> str | None:
    confusable = [index for index, char in enumerate(token) if char in _SWAPS]
    if not confusable or len(confusable) > _MAX_CONFUSABLE:
        return None
    if not any(char.isalpha() and char not in _SWAPS for char in token):
        return None  # a number ("02" of a date) or a token of look-alikes only ("lO")
    if token.lower() in vocabulary.words:
        return None
    found = {
        reading.lower(): reading
        for reading in _readings(token, confusable)
        if reading.lower() in vocabulary.codes
    }
    if len(found) != 1:
        return None  # none, or two codes it could be: left as read
    mended = next(iter(found.values()))
    return None if _is_english(token) else mended


def _readings(token: str, confusable: list[int]) -> Iterable[str]:
    """Every reading of ``token`` with at least one of its confusable characters swapped."""
    for chosen in itertools.product((False, True), repeat=len(confusable)):
        if any(chosen):
            yield _swapped(token, confusable, chosen, _SWAPS)


def is_known_word(token: str) -> bool:
    """Whether ``token`` as read is a clinical word or code, or an English word, or the plural
    of one ("Units": the word list has few plurals)."""
    words = default_vocabulary().words
    forms = [token] + ([token[:-1]] if token.endswith("s") and len(token) > 3 else [])
    return any(form.lower() in words or _is_english(form) for form in forms)


def _is_english(token: str) -> bool:
    # Looked up only for a token that would be mended: the dictionary is large.
    return token.lower() in _english_words()


@lru_cache(maxsize=1)
def default_vocabulary() -> ClinicalVocabulary:
    folder = resources_dir()
    clinical = [*default_abbreviations().senses]
    clinical += _entries(folder / "deid_clinical_terms.txt")
    clinical += _entries(folder / "medications.txt")
    return ClinicalVocabulary.from_lists(clinical)


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    # Webster's 1934 word list, as the de-identification lexicon uses it.
    return frozenset(_entries(resources_dir() / "deid_english_words.txt"))


def _entries(path: Path) -> list[str]:
    return resource_entries(path) if path.exists() else []


# A number read as letters: only l, I, O and digits, with a letter among them ("l", "O.5",
# "1O"), standing alone as a word.
_NUMBER_AS_LETTERS = re.compile(r"(?<![\w.,/])(?=[0-9.,]*[lIO])[lIO0-9]+(?:[.,][lIO0-9]+)?(?![\w])")


def number_read_as_letters(text: str) -> bool:
    """Whether ``text`` has a number read as look-alike letters right before a unit or a time
    word: "in l week", "O.5 mg", "l tablet". The recogniser reads such a 1 or 0 with full
    confidence on a clean page, and no code mending applies (walk 53b, M1): the line is to be
    marked doubtful, not changed (a mended "1" might be a 7). A lone "I" or "O" counts only
    before a unit of two letters or more ("I m" is "I'm" read without its apostrophe)."""
    for found in _NUMBER_AS_LETTERS.finditer(text):
        unit = UNIT_START.match(text, found.end())
        if unit is None:
            continue
        if found.group() in ("I", "O") and len(unit.group().strip()) < 2:
            continue
        return True
    return False
