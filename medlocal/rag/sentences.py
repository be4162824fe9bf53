"""Split generated text into sentences with character spans.

Grounding is judged per sentence, so the split must keep offsets into the original text and must
not break inside decimals ("2.5 mg"), common abbreviations ("Dr.", "e.g.") or before a trailing
citation ("... daily. [2]" keeps the [2] with the sentence it follows), nor at a line break that
only wraps a sentence (hard-wrapped notes: "an ejection\nfraction of 35%" is one sentence),
including one between a number and its unit ("121\numol/L") or a title and a name ("Dr\nVasquez").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from medlocal.measured_things import find_measures
from medlocal.sentence_ends import abbreviation_point
from medlocal.values import UNIT_START

# A sentence ends at . ! ? followed by whitespace, or at a line break (but see _hard_wrap).
_BOUNDARY = re.compile(r"(?<=[.!?])[ \t]+|\n+")
_LEADING_CITATIONS = re.compile(r"^(?:\[[\d,\s\-–]+\]\s*)+")
_LIST_MARKER = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)])\s+")
_WORD = re.compile(r"[A-Za-z]{2,}")
# A single line break inside a sentence is a hard wrap, not a boundary ("an ejection\nfraction of
# 35%"): the line before ends without sentence punctuation and is no heading or table row, and
# the next (no list item) goes on in lower case (or with a number after a word).
_WRAPPED_TAIL = re.compile(r"[A-Za-z,(/\-]$")
_LINE_START = re.compile(r"^\s*[#|]")
# Titles that always go with the name after them, even across a line break ("Dr\nVasquez").
_TITLES = frozenset(
    {"dr", "mr", "mrs", "ms", "mx", "prof", "st", "sr", "rev", "sgt", "capt", "dra", "sra", "mme"}
)
_NAME_START = re.compile(r"[ \t]*[A-Z][a-z]")
_GOES_ON = re.compile(r"[ \t]*(?:[a-z(]|\d(?!\d?[.)]\s))")


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


def _ends_with_abbreviation(piece: str, following: str = "") -> bool:
    """Whether ``piece`` ends with an abbreviation's point rather than a sentence's, where
    ``following`` is the text after the space that follows it (medlocal/sentence_ends.py)."""
    words = piece.rstrip().split()
    previous = words[-2] if len(words) > 1 else ""
    return bool(words) and abbreviation_point(words[-1], following, previous)


def _is_heading_or_rule(text: str) -> bool:
    stripped = text.strip()
    if stripped.startswith("#"):
        return True
    if stripped.endswith(":") and len(stripped.split()) <= 6:
        return True  # a section label such as "Medications:"
    # Table rules, lone numbers, punctuation; not a result written with a one-letter symbol
    # ("K 5,9 (3,5-5,1) H" holds no word of two letters but is potassium's row).
    return not _WORD.search(stripped) and not find_measures(stripped)


def _hard_wrap(text: str, newline: int, after: int) -> bool:
    """Whether the single line break at ``newline`` only wraps a sentence onto the next line."""
    line = text[text.rfind("\n", 0, newline) + 1 : newline].rstrip()
    if not line or _LINE_START.match(line):
        return False
    if line[-1].isdigit() and UNIT_START.match(text, after):
        return True  # a number and its unit: "121\numol/L", "3.2\nkg"
    words = line.split()
    if words[-1].rstrip(".").lower() in _TITLES and _NAME_START.match(text, after):
        return True  # a title and the name it belongs to: "Dr\nVasquez"
    if not _WRAPPED_TAIL.search(line):
        return False
    if not _GOES_ON.match(text, after):
        return False
    following = text[after:].lstrip(" \t")
    return not following[:1].isdigit() or line[-1].isalpha()


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` (headings, labels and table rules are left out)."""
    raw: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        piece = text[start : match.start()]
        if match.group() == "\n" and _hard_wrap(text, match.start(), match.end()):
            continue
        if match.group().startswith("\n") or not _ends_with_abbreviation(
            piece, text[match.end() :]
        ):
            raw.append((start, match.start()))
            start = match.end()
    raw.append((start, len(text)))

    # Move citations that open a piece back onto the previous sentence ("daily. [2] Next...").
    merged: list[tuple[int, int]] = []
    for s, e in raw:
        lead = _LEADING_CITATIONS.match(text[s:e])
        if lead and merged and "\n" not in text[merged[-1][1] : s]:
            prev_s, _ = merged[-1]
            merged[-1] = (prev_s, s + lead.end())
            s += lead.end()
        if text[s:e].strip():
            merged.append((s, e))

    sentences: list[Sentence] = []
    for s, e in merged:
        piece = text[s:e]
        # Trim surrounding whitespace but keep offsets exact.
        lead_ws = len(piece) - len(piece.lstrip())
        s2, e2 = s + lead_ws, s + len(piece.rstrip())
        if s2 >= e2 or _is_heading_or_rule(text[s2:e2]):
            continue
        sentences.append(Sentence(index=len(sentences), start=s2, end=e2, text=text[s2:e2]))
    return sentences


def clause_span(
    text: str,
    start: int,
    end: int,
    breaks: re.Pattern[str],
    ignore: Callable[[re.Match[str]], bool] | None = None,
) -> tuple[int, int]:
    """The clause of ``text`` holding ``text[start:end]``: from the last ``breaks`` match that
    ends at or before ``start`` to the first that begins at or after ``end`` (matches that
    ``ignore`` says break nothing left out)."""
    lo, hi = 0, len(text)
    for match in breaks.finditer(text):
        if ignore is not None and ignore(match):
            continue
        if match.end() <= start:
            lo = match.end()
        elif match.start() >= end:
            hi = match.start()
            break
    return lo, hi


def strip_list_marker(text: str) -> str:
    """The sentence without a leading bullet or list number ("1. ", "- ")."""
    return _LIST_MARKER.sub("", text, count=1)
