"""Counts in messages, in proper English: "1 token", "3 tokens", "1 saved answer or summary"."""

from __future__ import annotations


def counted(count: int, one: str, many: str | None = None) -> str:
    """``count`` with the singular ``one`` or the plural ``many`` (default: ``one`` + "s"), in
    digits grouped by thousands: ``counted(1, "token")`` is "1 token", ``counted(2048, "token")``
    "2,048 tokens" (walk 39 read "1 tokens so far" and "3 saved answer(s) or summar(ies)")."""
    return f"{count:,} {one if count == 1 else many or one + 's'}"


def saved_outputs(count: int) -> str:
    """Saved answers and summaries, counted: "1 saved answer or summary", "3 saved answers or
    summaries"."""
    return counted(count, "saved answer or summary", "saved answers or summaries")


def with_article(word: str) -> str:
    """``word`` after "a" or "an", by its first letter: "a chat", "an embedding" (walk 40 read
    "'all-minilm-l6-v2' is a embedding model"). Meant for MedLocal's own words (model roles,
    labels): the vowel-letter rule, which an "hour" or a "user" would get wrong."""
    vowel = word[:1].lower() in ("a", "e", "i", "o", "u")  # not `in "aeiou"`: "" is in it
    return f"{'an' if vowel else 'a'} {word}"
