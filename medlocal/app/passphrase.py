"""Passphrase policy, shared by ``medlocal vault init|passwd`` and the first-run wizard."""

from __future__ import annotations

import math
import string
from dataclasses import dataclass

from medlocal.errors import UserInputError

MIN_PASSPHRASE = 8


@dataclass(frozen=True)
class Strength:
    """A rough strength estimate for the wizard's meter (0 weak .. 4 strong)."""

    score: int
    bits: float
    label: str


_LABELS = ("too short", "weak", "fair", "good", "strong")


def estimate_strength(secret: str) -> Strength:
    """Entropy of the character classes used, times length; repeated characters count once.

    Deliberately simple and conservative: it never calls a short passphrase strong, and it is
    only advice (the Argon2id cost is what protects the vault).
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
    score = 1 if bits < 40 else 2 if bits < 60 else 3 if bits < 80 else 4
    return Strength(score, bits, _LABELS[score])


def check_new_passphrase(secret: str, confirmation: str | None = None) -> str:
    """The passphrase if it may be used for a vault, else a :class:`UserInputError`."""
    if confirmation is not None and confirmation != secret:
        raise UserInputError("The passphrases do not match.")
    if len(secret) < MIN_PASSPHRASE:
        raise UserInputError(f"Use a passphrase of at least {MIN_PASSPHRASE} characters.")
    if not secret.strip():
        raise UserInputError("The passphrase cannot be only spaces.")
    return secret
