"""Inline citations: find them, drop the ones that point nowhere, and rewrite their numbers.

The model is asked to cite passages as ``[1]``, ``[2, 3]`` or ``[1][2]``. Anything it cites must
be a passage it was actually given; other numbers are removed from the text and reported, and
so are the placeholders a model copies from a template instead of citing ("[n]", "[x]",
"[source]", "[citation needed]", "[n, no source]") and a citation left unclosed ("... two weeks
[1"), whose number must not be read as a claim.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field

# Small models also write "[ 12 ]", "[1,2,]", "[Source 12]" or "[Passage 2]": spaces, a trailing
# comma and a label word before a number are accepted.
_LABEL = r"(?:(?:passages?|sources?|refs?|references?)\.?\s*)"
CITATION = re.compile(
    rf"\[\s*({_LABEL}?\d{{1,4}}(?:\s*[,;]\s*{_LABEL}?\d{{1,4}}|\s*[-–]\s*\d{{1,4}})*)"
    r"\s*[,;]?\s*\]",
    re.I,
)
_LABEL_WORD = re.compile(_LABEL, re.I)
_NUMBERS = rf"{_LABEL}?\d{{1,4}}(?:\s*[,;]\s*{_LABEL}?\d{{1,4}}|\s*[-–]\s*\d{{1,4}})*"
# What stands where a number should: "[n]", "[x]", "[#]", "[?]", "[source]", "[citation needed]",
# and any list of such words: "[n, n]", "[n, no source]", "[ref, n]", "[source needed]". A bracket
# of the modifier words alone ("[no]", "[needed]") is not one, nor are "[sic]", "[L]", "[H]",
# numbers or reference ranges ("[3.5-5.0]"): nothing in them is a placeholder word.
_PLACEHOLDER_CORE = (
    r"(?:[nx#]|\?+|\.\.\.|…|sources?|refs?\.?|references?|cite|citations?|passages?|number)"
)
_PLACEHOLDER_WORD = rf"(?:{_PLACEHOLDER_CORE}|no|not|none|missing|needed|required|unknown)"
_PLACEHOLDER_SEP = r"(?:\s*[,;]\s*|\s+)"
PLACEHOLDER = re.compile(
    rf"\[\s*(?=(?:{_PLACEHOLDER_WORD}{_PLACEHOLDER_SEP})*{_PLACEHOLDER_CORE}(?![\w?.…#]))"
    rf"{_PLACEHOLDER_WORD}(?:{_PLACEHOLDER_SEP}{_PLACEHOLDER_WORD})*\s*[,;]?\s*\]",
    re.I,
)
# A bracket opened on citation numbers that no "]" closes: "... two weeks [1" or "[2, 3 and".
# "[3.5-5.0]" (a reference range) is not one: a decimal point after the number keeps the bracket.
UNCLOSED = re.compile(rf"\[\s*{_NUMBERS}(?:\s*[,;])?(?!\s*(?:[\d\],;\-–]|\.\d))", re.I)


def parse_group(body: str) -> list[int]:
    """Numbers in one bracket body: "1, 3" -> [1, 3]; "2-4" -> [2, 3, 4] (ranges capped at 50)."""
    numbers: list[int] = []
    for part in re.split(r"\s*[,;]\s*", _LABEL_WORD.sub("", body).strip()):
        if re.search(r"[-–]", part):
            lo_s, hi_s = re.split(r"\s*[-–]\s*", part)
            lo, hi = int(lo_s), int(hi_s)
            if lo <= hi and hi - lo <= 50:
                numbers.extend(range(lo, hi + 1))
            else:
                numbers.extend([lo, hi])
        elif part:
            numbers.append(int(part))
    return numbers


def cited_numbers(text: str) -> list[int]:
    """Every cited number in order of first appearance, without duplicates."""
    seen: dict[int, None] = {}
    for match in CITATION.finditer(text):
        for n in parse_group(match.group(1)):
            seen.setdefault(n, None)
    return list(seen)


def format_group(numbers: list[int]) -> str:
    return "[" + ", ".join(str(n) for n in numbers) + "]"


@dataclass(frozen=True)
class CitationCleanup:
    text: str
    invalid: list[int]  # cited numbers that matched no passage, in order of appearance
    # placeholders and unclosed citations removed, as written ("[n]", "[1"), in order
    broken: list[str] = field(default_factory=list)


def rewrite_citations(text: str, transform: Callable[[int], int | None]) -> CitationCleanup:
    """Rewrite every citation group with ``transform`` (None removes that number).

    Groups left empty disappear together with the space before them, and so do placeholder and
    unclosed citations (listed in ``broken``).
    """
    invalid: list[int] = []

    def replace(match: re.Match[str]) -> str:
        kept: list[int] = []
        for n in parse_group(match.group(1)):
            mapped = transform(n)
            if mapped is None:
                if n not in invalid:
                    invalid.append(n)
            elif mapped not in kept:
                kept.append(mapped)
        return format_group(kept) if kept else "\x00"

    broken: list[str] = []

    def drop(match: re.Match[str]) -> str:
        broken.append(match.group().strip())
        return "\x00"

    rewritten = PLACEHOLDER.sub(drop, text)
    rewritten = CITATION.sub(replace, rewritten)
    rewritten = UNCLOSED.sub(drop, rewritten)
    rewritten = re.sub(r"[ \t]*\x00", "", rewritten)
    return CitationCleanup(text=rewritten, invalid=invalid, broken=broken)


def keep_valid(text: str, valid: Collection[int]) -> CitationCleanup:
    """Remove citations to numbers not in ``valid``."""
    return rewrite_citations(text, lambda n: n if n in valid else None)


def renumber(text: str, mapping: Mapping[int, int]) -> CitationCleanup:
    """Translate local passage numbers into global ones; unknown numbers are removed."""
    return rewrite_citations(text, mapping.get)
