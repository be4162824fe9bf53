"""Whether a PDF page's text layer is a poor OCR's garbage: words with digits for letters.

Scanners and fax servers put an invisible text layer under the page image, made by their own
OCR; a poor one reads "Pota55ium S.9 mmo1/L" and "P1an: 5top 5pirono1actone". That text was
stored as the document's, not marked as read from a scan, and it hid the patient's name from the
wrong-patient check (walk 53b, H3). Such a page is read again by MedLocal's OCR from its image,
or, where that cannot be, named in the import report.

The sign judged is specific: a word that holds a digit where reading the digit as the letter it
resembles (5 as s, 1 as l or i, 0 as o, ...) makes a known word (the project's clinical words,
medicines and English word list) that the word as written is not. Codes and values of a good
page ("HbA1c", "SpO2", "T2DM", "B12", "10mg", "MRN KTW-530771") make no known word so read, and
short tokens ("10am" as "loam") and a known word with a number before or after it ("Room5",
"Bed12") are not judged, so a good lab page or ward list with many codes is kept.
A page is damaged when at least ``MIN_DAMAGED`` such words make at least ``MIN_SHARE`` of its
words.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from medlocal.ingest.ocr.slips import is_known_word

# What each digit may have been, as a poor OCR misreads letters.
_LETTERS_FOR = {
    "0": "o",
    "1": "li",
    "2": "z",
    "3": "e",
    "4": "a",
    "5": "s",
    "6": "bg",
    "7": "t",
    "8": "b",
    "9": "g",
}
_WORD = re.compile(r"[A-Za-z0-9]+")
_MIXED = re.compile(
    r"(?<![A-Za-z0-9])(?=[A-Za-z]*[0-9])(?=[0-9]*[A-Za-z])[A-Za-z0-9]{5,}(?![A-Za-z0-9])"
)
MIN_LETTERS = 5  # shorter tokens are codes and times too often to judge
MAX_DIGITS = 3
MIN_DAMAGED = 2
MIN_SHARE = 0.05


@dataclass(frozen=True)
class Damage:
    damaged: bool
    examples: tuple[str, ...]  # the misread words found, as written (for the report)


def judge_text_layer(text: str) -> Damage:
    words = len(_WORD.findall(text))
    # Only tokens of letters and digits can be misread words (a page has few: cheap to judge).
    found = [word for word in _MIXED.findall(text) if _misread_word(word)]
    damaged = len(found) >= MIN_DAMAGED and len(found) >= MIN_SHARE * words
    return Damage(damaged, tuple(dict.fromkeys(found))[:3])


def _misread_word(token: str) -> bool:
    digits = [index for index, char in enumerate(token) if char.isdigit()]
    letters = len(token) - len(digits)
    if len(token) < MIN_LETTERS or not digits or len(digits) > MAX_DIGITS or letters < 3:
        return False
    if is_known_word(token):
        return False
    # A known word with a number run before or after it is a label and its number ("Room5",
    # "Tube5", "Ward3", "Bed12", review 53c F6), not a misreading: only digits inside a word, or
    # beside letters that make no word, are judged.
    letters_only = token.strip("0123456789")
    if letters_only.isalpha() and is_known_word(letters_only):
        return False
    choices = [_LETTERS_FOR[char] if index in digits else char for index, char in enumerate(token)]
    return any(is_known_word("".join(reading)) for reading in itertools.product(*choices))
