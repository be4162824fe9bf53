"""Whether a word's doubtful letters can matter: only plain words are read as right.

A heading read right ("Result" with its 'l' at 0.45) was marked for one doubtful letter, and
marking perfect headings taught readers to ignore the mark (walk 50b, D9); the letter's doubt is
forgiven when the word reads as a whole known word. Not every known word is safe so (review 50a,
R3): a doubtful letter in a drug name may be another drug (a 'Furosemide' read at 0.30 may not
be furosemide at all; hydralazine and hydroxyzine look alike), and where another letter in the
doubtful place makes another known word ("now"/"not", "Stop"/"Step", "Fall"/"Fail") the reading
may be the wrong one of the two. Those keep their doubt; only plain English and clinical words
that no such change turns into another word are forgiven. Short words (under
``MIN_FORGIVEN_LETTERS``) never are: one letter makes another word of most of them, and the
English list (Webster's 1934) is too large to ask about the longer ones ("Result" would be
"Resuit"): their doubtful letter is tried against the clinical words and drug names.
"""

from __future__ import annotations

import string
from collections.abc import Collection

from medlocal.drugs import default_vocabulary as drug_vocabulary
from medlocal.ingest.ocr.slips import default_vocabulary, is_known_word

MIN_FORGIVEN_LETTERS = 5


def doubt_forgiven(word: str, doubtful: Collection[int]) -> bool:
    """Whether ``word`` (letters only) reads as a known word that its letters at the places
    ``doubtful`` cannot change into another known word, and that names no drug."""
    if len(word) < MIN_FORGIVEN_LETTERS or not is_known_word(word) or _is_drug(word):
        return False
    return not any(_other_word(word, place) for place in doubtful)


def _is_drug(word: str) -> bool:
    vocabulary = drug_vocabulary()
    folded = word.lower()
    return folded in vocabulary.generics_of or folded in vocabulary.brands_of


def _other_word(word: str, place: int) -> bool:
    """Whether another letter at ``place`` makes a clinical word or a drug name."""
    clinical = default_vocabulary().words
    lower = word[place].lower()
    for letter in string.ascii_lowercase:
        if letter == lower:
            continue
        other = word[:place] + (letter.upper() if word[place].isupper() else letter)
        other += word[place + 1 :]
        if other.lower() in clinical or _is_drug(other):
            return True
    return False
