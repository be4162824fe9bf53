"""Text as the rules should read it: a scan's commonest character slips mended, and the
underscores of file names read as spaces.

Optical character recognition confuses the digit 0 with the letter O, and 1 with a lower-case l:
"Si0bhan", "C0MMUNITY HEALTH", "D0B: O9/23/1966", "NPI: l295834417". Each slip hides a name from
the word lists and a date or number from the patterns. :func:`ocr_repaired` returns a copy of
the text of the same length (so every offset found in it holds in the text as written) where

* a 0 in a word of three or more letters is read as the letter ("Si0bhan" -> "Siobhan",
  "0UTPATIENT" -> "OUTPATIENT", "New 0rleans" -> "New Orleans"): a capital where it opens the
  word or follows one;
* an O, o or l in a number is read as the digit ("2O26" -> "2026", "l2/O8/21" -> "12/08/21"):
  a word of digits and those letters with two digits or more, or one beside another number
  across a date's or a code's separator ("O9/23").

Only a text that shows the slips is mended: two or more clear ones (a 0 between two letters,
an O or l between two digits). Typed notes have none, and their "O2", "CO2" and "T0" stay as
written.
"""

from __future__ import annotations

import re
from itertools import islice

from medlocal.privacy.deid_contacts import HANDLE_CUE

# A clear slip: a 0 between two letters, or an O, o or l between two digits; round 15: or a 1
# inside a word, between a letter and two more ("Nott1ngham", "WH1TLOCK"; "HbA1c", "C1q" and
# "CYP2C19" have a digit or one letter after it). Speed (session 56): the slipped character is
# read first and what stands before it looked behind at (it was written "(?<=[^\W\d_])0(?=...)"):
# the same one-character matches, but the engine skips to the characters 0, O, o, l and 1 (a set
# opens every alternative) instead of trying three look-behinds at every place of the text.
_CLEAR = re.compile(
    r"0(?<=[^\W\d_]0)(?=[^\W\d_])|[Ool](?<=\d[Ool])(?=\d)|1(?<=[^\W\d_]1)(?=[^\W\d_]{2})"
)
# A word of letters and digits.
_WORD = re.compile(r"[^\W_]+")
_NUMBER_LIKE = re.compile(r"[\dOol]+")
_SEPARATORS = "/.:-"


def ocr_repaired(text: str) -> str:
    """``text`` with its scan slips mended where it shows them (see the module's notes); the
    same string where it does not."""
    if next(islice(_CLEAR.finditer(text, 0, 200_000), 1, None), None) is None:
        # fewer than two clear slips in the first 200,000 characters
        return text
    chars = list(text)
    for word in _WORD.finditer(text):
        token = word.group()
        if _NUMBER_LIKE.fullmatch(token):
            if _a_number(text, word.start(), word.end(), token):
                for i, ch in enumerate(token):
                    if ch in "Ool":
                        chars[word.start() + i] = "0" if ch in "Oo" else "1"
        elif "1" in token and len(token) >= 4 and _letters_and_ones(token):
            mended = _ones_as_letters(token)
            if mended is not None:
                chars[word.start() : word.end()] = list(mended)
        elif _CODE_WITH_L.fullmatch(token):
            # "K0A lA0", "CF14 lQR": a code in capitals and digits holds no lower-case l.
            for i, ch in enumerate(token):
                if ch == "l":
                    chars[word.start() + i] = "1"
        elif "0" in token and sum(ch.isalpha() for ch in token) >= 3 and _letters_and_zeros(token):
            if token[0] == "0" and word.start() > 0 and text[word.start() - 1] in ".,":
                continue  # "3.0mmol": a decimal's last zero before its unit, not a letter
            for i, ch in enumerate(token):
                if ch == "0":
                    # A word's first letter is a capital; inside, the case of the letter before.
                    upper = i == 0 or token[i - 1].isupper()
                    chars[word.start() + i] = "O" if upper else "o"
    return "".join(chars)


def _letters_and_zeros(token: str) -> bool:
    return all(ch.isalpha() or ch == "0" for ch in token)


def _letters_and_ones(token: str) -> bool:
    return all(ch.isalpha() or ch == "1" for ch in token)


# A code of capitals and digits with a lower-case l among them ("lA0", "lQR", "B7l").
_CODE_WITH_L = re.compile(r"(?=[A-Z0-9l]*[A-Z0-9])(?=[A-Z0-9l]*\d|l[A-Z]{2})[A-Z0-9]*l[A-Z0-9l]*")


def _ones_as_letters(token: str) -> str | None:
    """A word whose 1s are the letter i or l ("Reg1nald", "B1SHOP", "Be11"), read as the one
    that makes a known word or name; ``None`` where neither does ("HbA1c", "T1a" stay)."""
    from medlocal.privacy.deid_lexicon import lexicon  # the word lists load once, on first use

    lex = lexicon()
    for letter in "il":
        mended = "".join(
            (letter.upper() if _upper_beside(token, i) else letter) if ch == "1" else ch
            for i, ch in enumerate(token)
        )
        lower = mended.lower()
        if lex.known(lower) or lex.name_like(lower):
            return mended
    return None


def _upper_beside(token: str, i: int) -> bool:
    """Whether the letter at ``i`` is a capital: the word's first, or after a capital that is
    not the word's only one ("B1SHOP" -> "BISHOP"; "Reg1nald" -> "Reginald")."""
    if i == 0:
        return True
    before = token[i - 1]
    after = token[i + 1] if i + 1 < len(token) else ""
    return before.isupper() and (i > 1 or after.isupper() or not after)


def _a_number(text: str, start: int, end: int, token: str) -> bool:
    """A word of digits, O, o and l that reads as a number: two digits or more, or one digit
    beside another number across a separator ("O9/23", "l2/O8")."""
    digits = sum(ch.isdigit() for ch in token)
    if digits == len(token):
        return False  # nothing to mend
    if digits >= 2:
        return True
    if digits == 0:
        return False
    before = start >= 2 and text[start - 1] in _SEPARATORS and text[start - 2].isdigit()
    after = end + 1 < len(text) and text[end] in _SEPARATORS and text[end + 1] in "0123456789Ool"
    return before or after


# A word with an underscore (a run of anything but spaces, from its start: linear), and what
# makes one an e-mail or a web address.
_WORD_WITH_UNDERSCORE = re.compile(r"(?<!\S)\S*_\S*")
_ADDRESS_LIKE = re.compile(r"@|://|\bwww\.|\.[A-Za-z]{2,}/", re.I)
# A system login of lower-case parts joined by dots and underscores ("ward.nurse_ad",
# "j.okoro_2"), with no file extension at its end: its underscores are part of it.
# The review of round 16: or lower-case parts joined by underscores alone ("jdoe_ward4",
# "kobrien_rn" on the line after "Printed ... by"), which no rule reads as words either way and
# the login rules read whole.
_LOGIN_LIKE = re.compile(
    r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+|"
    r"[a-z][a-z0-9]*(?=[a-z0-9._]*\.)(?=[a-z0-9._]*_)(?:[._][a-z0-9]+)+"
    r"(?<!\.pdf)(?<!\.doc)(?<!\.docx)(?<!\.txt)(?<!\.jpg)(?<!\.png)(?<!\.csv)(?<!\.xml)"
    r"(?<!\.rtf)(?<!\.xls)(?<!\.xlsx)(?<!\.jpeg)(?<!\.tif)(?<!\.dcm)(?<!\.zip)"
)
# An underscore between two letters or digits; a blank's "___" stands for missing text and is kept.
_JOINING_UNDERSCORE = re.compile(r"(?<=[^\W_])_(?=[^\W_])")


def underscores_as_spaces(text: str) -> str:
    """``text`` with the underscores that join words as spaces, at the same offsets:
    "Okafor_1951-04-17_letter.pdf" hides a name and a date from every rule that reads words
    ("_" is a word character). E-mail and web addresses keep theirs ("ann_lee@example.org",
    "dropbox.com/s/a_b.pdf"), so does a user name after its platform or a username word, and
    so does a blank ("Dr. ___ saw her")."""
    if "_" not in text:
        return text
    chars = list(text)
    for word in _WORD_WITH_UNDERSCORE.finditer(text):
        if _ADDRESS_LIKE.search(word.group()) or _LOGIN_LIKE.fullmatch(word.group()):
            continue
        cues = HANDLE_CUE.finditer(text, max(0, word.start() - 32), word.start() + 1)
        if any(word.start() <= cue.end() <= word.start() + 1 for cue in cues):
            continue  # a user name keeps its underscores ("Grindr handle jo_okafor00")
        for joint in _JOINING_UNDERSCORE.finditer(text, word.start(), word.end()):
            chars[joint.start()] = " "
    return "".join(chars)
