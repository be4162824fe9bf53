"""Passphrase policy, shared by ``medlocal vault init|passwd``, ``backup restore`` with a new
passphrase, the first-run wizard and the backup window.

The rule for a vault of patient records: 8 to 1000 characters, not only spaces, not rated weak
by the strength meter, and not one of the most common passwords (with digits or symbols added
around it, or written with ``@`` for ``a`` and the like, it still is one: those variants are
tried first). The meter and the rule agree: what the meter calls weak is refused.

The meter is zxcvbn (Dropbox's estimator, maintained on PyPI; MIT) on top of the rules here:
an alphabet run, a keyboard row or a word typed twice with digits ('abcdefghijkl',
'qwertyuiopasdf', 'doctor123doctor123') looked varied to a count of characters (walk 49a D5),
and zxcvbn knows those patterns, dates and dictionaries. Fewer than 10^8 guesses (its score 2
or less) is weak: each guess costs an Argon2id run, but an offline attacker has the time."""

from __future__ import annotations

import math
import re
import string
from dataclasses import dataclass

from zxcvbn import zxcvbn

from medlocal.errors import UserInputError

MIN_PASSPHRASE = 8
# A terminal's line holds 4095 bytes: a longer passphrase typed there is cut short without a
# word, and the vault got the cut one (walk 49a D4). 1000 characters (4 bytes each at most)
# always fit, and the same limit holds for a file and the window.
MAX_PASSPHRASE = 1000
# zxcvbn's own default limit: its time grows fast with length, and 72 characters that are easy
# to guess make the passphrase easy to guess, however it goes on.
_JUDGED_CHARS = 72
# zxcvbn's scores: 0-2 are below 10^8 guesses.
_GUESSABLE_SCORE = 2

STRONG_HINT = (
    "Use several unrelated words (four or more, with spaces between them, a number too if you "
    "like): length makes a passphrase strong, and words are easier to remember than symbols."
)

# The passwords that lead the published lists of leaked passwords, keyboard runs, and the words a
# clinic or this program puts in front of people. Compared with a passphrase's letters only, so
# 'Password1!', 'P@ssw0rd' and 'welcome2024' are all found.
_COMMON_WORDS = """
    password passwort passwd pass word secret letmein welcome loveyou hello login admin
    administrator root guest default changeme access master trustno iloveyou loveme lovely
    love whatever
    qwerty qwertyuiop qwertz asdf asdfgh asdfghjkl zxcvbn zxcvbnm qazwsx qaz wsx azerty
    abc abcd abcde abcdef abcdefg abcdefgh abcdefghi abcdefghij
    monkey dragon shadow superman batman starwars pokemon football baseball soccer hockey
    basketball sunshine princess flower summer winter spring autumn freedom mustang harley
    ranger hunter buster killer pepper cheese chocolate cookie ginger maggie bailey charlie
    michael jennifer jessica michelle ashley daniel thomas andrew joshua jordan george matthew
    computer internet samsung apple google microsoft windows linux
    doctor doctors medicine medical clinic clinics hospital surgery practice patient patients
    nurse nursing health healthcare records reception vault medlocal passphrase
    australia england london sydney melbourne
"""
_COMMON = frozenset(_COMMON_WORDS.split())
_LOOKALIKES = str.maketrans(
    {
        "@": "a",
        "4": "a",
        "3": "e",
        "1": "i",
        "!": "i",
        "0": "o",
        "$": "s",
        "5": "s",
        "7": "t",
        "+": "t",
    }
)
_REPEATED = re.compile(r"(.+?)\1+")


@dataclass(frozen=True)
class Strength:
    """A rough strength estimate for the wizard's meter (0 weak .. 4 strong)."""

    score: int
    bits: float
    label: str


_LABELS = ("too short", "weak", "fair", "good", "strong")
WEAK = 1


def estimate_strength(secret: str) -> Strength:
    """Entropy of the character classes used, times length; repeated characters count once.

    Deliberately simple and conservative: it never calls a short passphrase strong, and a common
    password is weak whatever its length or symbols. It is what the rule refuses below "fair"
    (the Argon2id cost slows each guess; it cannot save a password guessed among the first).
    """
    if len(secret) < MIN_PASSPHRASE:
        return Strength(0, 0.0, _LABELS[0])
    pool = 0
    for chars, size in (
        (string.ascii_lowercase, 26),
        (string.ascii_uppercase, 26),
        (string.digits, 10),
        (string.punctuation + " ", 33),
    ):
        if any(c in chars for c in secret):
            pool += size
    if any(ord(c) > 127 for c in secret):
        pool += 64
    effective = len(set(secret)) + (len(secret) - len(set(secret))) / 4
    bits = effective * math.log2(max(pool, 2))
    if is_common_password(secret):
        return Strength(WEAK, bits, "weak (a common password)")
    score = 1 if bits < 40 else 2 if bits < 60 else 3 if bits < 80 else 4
    if score > WEAK and guessable(secret) is not None:
        return Strength(WEAK, bits, "weak (easy to guess)")
    return Strength(score, bits, _LABELS[score])


def guessable(secret: str) -> str | None:
    """Why zxcvbn finds ``secret`` easy to guess (its warning, or a general reason), or None
    when it takes 10^8 guesses or more."""
    result = zxcvbn(secret[:_JUDGED_CHARS], max_length=_JUDGED_CHARS)
    if int(result["score"]) > _GUESSABLE_SCORE:
        return None
    warning = str(result.get("feedback", {}).get("warning") or "").strip()
    return warning or "It follows a pattern that is easy to guess."


def is_common_password(secret: str) -> bool:
    """Whether ``secret`` is a common password dressed up: its letters (look-alike digits and
    symbols read as letters, the digits and symbols around it dropped, a word said twice read
    once) are one of the list's."""
    # The digits and symbols around it go first: the '1' of 'password1' is no 'i'.
    core = secret.lower().strip(string.digits + string.punctuation + " ").translate(_LOOKALIKES)
    core = re.sub(r"[^a-z]+", "", core)
    if not core:
        return False  # digits and symbols only: the meter judges those
    repeated = _REPEATED.fullmatch(core)
    return core in _COMMON or (repeated is not None and repeated.group(1) in _COMMON)


def check_new_passphrase(secret: str, confirmation: str | None = None) -> str:
    """The passphrase if it may be used for a vault, else a :class:`UserInputError` saying why
    and how to choose a strong one."""
    if confirmation is not None and confirmation != secret:
        raise UserInputError("The passphrases do not match.")
    if len(secret) < MIN_PASSPHRASE:
        raise UserInputError(
            f"Use a passphrase of at least {MIN_PASSPHRASE} characters. {STRONG_HINT}"
        )
    if len(secret) > MAX_PASSPHRASE:
        raise UserInputError(
            f"Use a passphrase of at most {MAX_PASSPHRASE} characters (this one has "
            f"{len(secret)}; a longer one typed at a terminal would be cut short without a "
            "word)."
        )
    if not secret.strip():
        raise UserInputError("The passphrase cannot be only spaces.")
    if is_common_password(secret):
        raise UserInputError(
            "This is one of the most common passwords, the first ones tried (digits or symbols "
            f"added to it do not change that). {STRONG_HINT}"
        )
    if estimate_strength(secret).score <= WEAK:
        why = guessable(secret)
        raise UserInputError(
            "This passphrase is too easy to guess for a vault of patient records (the meter "
            f"rates it weak{': ' + why[:1].lower() + why[1:].rstrip('.') if why else ''}). "
            f"{STRONG_HINT}"
        )
    return secret
