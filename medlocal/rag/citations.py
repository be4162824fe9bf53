"""Inline citations: find them, drop the ones that point nowhere, and rewrite their numbers.

The model is asked to cite passages as ``[1]``, ``[2, 3]`` or ``[1][2]``. Anything it cites must
be a passage it was actually given; other numbers are removed from the text and reported, and
so are the placeholders a model copies from a template instead of citing ("[n]", "[x]",
"[source]", "[citation needed]", "[n, no source]") and a citation left unclosed ("... two weeks
[1"), whose number must not be read as a claim.

A bracket that holds a value's reference range is not a citation, although it reads like one:
"Sodium 138 mmol/L [135-145] [2]." Its range is kept as text (not expanded to 135..145, removed
and reported as eleven invalid citations); see ``is_reference_range``. Every reader of citations
takes the same decision: find them with ``citations``, never with ``CITATION`` alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field

from medlocal.measured_things import ends_with_measure

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
# "[3.5-5.0]" (a reference range) is not one: a decimal point after the number keeps the bracket;
# nor is "[0-40 U/L]" or "[3-5 mmol/L]": a "]" closes it on its line before any other "[".
UNCLOSED = re.compile(
    rf"\[\s*{_NUMBERS}(?:\s*[,;])?(?!\s*(?:[\d\],;\-–]|\.\d))(?![^\[\]\n]*\])", re.I
)

# What comes before a reference range. A value, its unit and a high/low mark: "138 mmol/L",
# "7 x10^9/L", "149 H", "4.1 (L)", "98%". Units of time or dose ("for 14 days [1-3]", "500 mg")
# are not lab units: a citation range follows them often.
_LAB_UNIT = (
    r"%|[a-zµμ]{1,6}\s?/\s?[a-zµμ0-9.²^]{1,8}(?:\s?/\s?[a-z0-9.²]{1,6})?"
    r"|[x×]\s?10\s?\^?\s?\d+(?:\s?/\s?[a-zµμ]+)?"
    r"|mmol|µmol|μmol|umol|meq|mmhg|bpm|fl|pg|iu|u|g|mm|cm|kg"
)
_VALUE_BEFORE = re.compile(
    rf"(?<![\d.])(\d+(?:\.\d+)?)\s?(?:(?:{_LAB_UNIT})(?![a-z]))?"
    r"\s*(?:\(?\b(?:[HL]|high|low)\b\)?|[↑↓*])?\s*[:=]?\s*$",
    re.I,
)
# Words that announce one: "reference range [135-145]", "(normal: [0-5])", "ref [4-11]".
_RANGE_WORD_BEFORE = re.compile(
    r"\b(?:ref(?:erence)?|normal|range|interval)\.?(?:\s+(?:range|interval|values?))?"
    r"\s*[:=]?\s*\(?\s*$",
    re.I,
)
# Brackets between a value and its range ("7 [H] [4-11]", "7 [9] [4-11]") are skipped.
_TRAILING_BRACKETS = re.compile(r"(?:\[[^\[\]\n]{0,30}\]\s*)+$")
# A range whose first number lies this far past the highest passage given is no citation when
# something before it says value, or when it spans more than this many numbers (a model inventing
# citations writes a short run: "[14-16]", reported, not kept as text)...
_FAR_PAST = 10
# ... and with no passages known, or whatever stands before it, a range from this number on.
_FAR = 100
# A value is on a range's scale when it lies within this factor of the range's ends: "CRP 12
# [1-5]", "ALT 250 [7-56]", not "Creatinine 92 [1-3]" (a citation of passages 1 to 3).
_SCALE = 10
# A value inside a range this wide makes it a reference range whatever the passage count: "Sodium
# 138 mmol/L [135-145]" with 200 passages given is no citation of passages 135 to 145.
_INSIDE_WIDTH = 5


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


def is_reference_range(text: str, match: re.Match[str], limit: int | None = None) -> bool:
    """Whether the bracket ``match`` (a ``CITATION`` match in ``text``) holds a reference range,
    not citation numbers; ``limit`` is the highest passage number given (None: not known). Every
    reader of one text must pass the same ``limit``.

    Only a single range can be one ("[135-145]", not "[1, 3-5]" nor "[Passages 1-3]"). It starts
    at 0 ("[0-40]"), or it follows a value ("138 mmol/L [135-145]", "WBC 7 [4-11]"), the name of
    what was measured ("Potassium [3-5]") or a word such as "reference range". A value must be on
    the range's scale: within a factor of 10 of its ends ("CRP 12 [1-5]"; not "Creatinine 92
    [1-3] [5]", a citation of passages 1 to 3 and 5). Then it is one when it lies far past the
    passages ("[135-145]" for 8 passages: more than 10 past), reaches past them ("WBC 7 [4-11]"
    for 5 passages), when no limit is known, when a citation follows it ("4.2 mmol/L [3-5]
    [1]"), or when the value lies inside a range at least 5 wide ("Sodium 138 [135-145]" for 200
    passages). "Sodium 138 mmol/L [1-3]." for 5 passages stays a citation of passages 1 to 3.
    With nothing before it, a range is one only from 100 on, or far past the passages and more
    than 10 wide ("Ferritin noted [30-400]" for 5 passages); "Started 2 weeks ago [14-16]." for 3
    passages is an invented citation, removed and reported."""
    body = match.group(1)
    if _LABEL_WORD.search(body) or re.search(r"[,;]", body):
        return False
    ends = re.split(r"\s*[-–]\s*", body.strip())
    if len(ends) != 2:
        return False
    lo, hi = int(ends[0]), int(ends[1])
    if lo == 0:
        return True
    if lo > hi:
        return False  # a citation written backwards, or an error: cleaned and reported
    far_past = lo > (limit + _FAR_PAST if limit is not None else _FAR - 1)
    if lo >= _FAR and far_past:
        return True
    before = text[max(0, match.start() - 60) : match.start()].replace("\x00", "")
    before = _TRAILING_BRACKETS.sub("", before)
    value = _VALUE_BEFORE.search(before)
    if value is not None:
        number = float(value.group(1))
        if not lo / _SCALE <= number <= hi * _SCALE:
            return False
        if lo <= number <= hi and hi - lo >= _INSIDE_WIDTH:
            return True
    elif not (_RANGE_WORD_BEFORE.search(before) or ends_with_measure(before.rstrip())):
        return far_past and hi - lo > _FAR_PAST
    if far_past or limit is None or hi > limit:
        return True
    after = text[match.end() :].lstrip()
    return bool(after.startswith("[") and CITATION.match(after))


def citations(text: str, limit: int | None = None) -> list[re.Match[str]]:
    """The citation brackets of ``text``, reference ranges left out (see ``is_reference_range``;
    ``limit``: the highest passage number given, None when not known)."""
    return [m for m in CITATION.finditer(text) if not is_reference_range(text, m, limit)]


def has_citation(text: str, limit: int | None = None) -> bool:
    return bool(citations(text, limit))


def blank_citations(text: str, limit: int | None = None, fill: str | None = None) -> str:
    """``text`` with each citation bracket replaced by ``fill`` (default: as many spaces, so
    offsets stay those of ``text``); reference ranges stay."""
    pieces: list[str] = []
    pos = 0
    for m in citations(text, limit):
        pieces.append(text[pos : m.start()])
        pieces.append(" " * len(m.group()) if fill is None else fill)
        pos = m.end()
    pieces.append(text[pos:])
    return "".join(pieces)


def cited_numbers(text: str, limit: int | None = None) -> list[int]:
    """Every cited number in order of first appearance, without duplicates."""
    seen: dict[int, None] = {}
    for match in citations(text, limit):
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


def rewrite_citations(
    text: str, transform: Callable[[int], int | None], limit: int | None = None
) -> CitationCleanup:
    """Rewrite every citation group with ``transform`` (None removes that number).

    Groups left empty disappear together with the space before them, and so do placeholder and
    unclosed citations (listed in ``broken``). Reference ranges stay as written (``limit``: the
    highest passage number given, see ``is_reference_range``).
    """
    invalid: list[int] = []

    def replace(match: re.Match[str]) -> str:
        if is_reference_range(match.string, match, limit):
            return match.group()
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
    return rewrite_citations(text, lambda n: n if n in valid else None, max(valid, default=0))


def renumber(text: str, mapping: Mapping[int, int]) -> CitationCleanup:
    """Translate local passage numbers into global ones; unknown numbers are removed."""
    return rewrite_citations(text, mapping.get, max(mapping, default=0))
