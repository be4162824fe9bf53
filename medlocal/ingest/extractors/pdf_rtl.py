"""Lines of a PDF page with right-to-left text (Hebrew, Arabic), in the order they are read.

PDF producers draw such a line in the order it is shown, left to right: "םויב גמ 75 ןיריפסא"
for "אספירין 75 מג ביום" (aspirin 75 mg a day). pypdf's plain reading turns each right-to-left
run back, with the spaces and commas after it, but leaves the runs in the order they are shown,
so a number or an English word in a Hebrew line moves ("מג ביום75 אספירין": the dose before the
drug, a space lost), and a Hebrew name in an English line takes the comma and space after it
("Patient:  ,משה כהןHb 98"). A citation must hold the sentence as written, so such a line is
read again from the page's layout reading, which keeps the shown order, by the bidirectional
rule: a right-to-left line (see below) is read from right to left, each run of
left-to-right text in it (numbers, Latin words, with the spaces and signs between them) kept as
it reads; in a left-to-right line, each right-to-left run (its words, with the spaces, signs and
numbers between them) is read from right to left where it stands. Brackets in a run read from
right to left are drawn mirrored and are turned back.

Which way a line runs is told by its ends as shown: a right-to-left line begins at the right, so
its rightmost letter is right-to-left, and a left-to-right line's leftmost letter is Latin. A
line with a Latin letter at the left and a right-to-left one at the right reads either way
("Name: ןהכ השמ" is "Name: משה כהן" in an English letter, and "משה כהן :Name" in a Hebrew
one), so it runs the way most of the page's other lines run; only where they are as many each
way does it run the way most of its own letters do.

Only where it is safe, the plain text and the layout reading have the same lines with
right-to-left letters, in the same order, each with the same characters (spaces aside): a page
of columns or a table, whose layout lines hold several plain lines, keeps its plain reading.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

# Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic and their presentation forms; not the
# Arabic-Indic digits, which read left to right as other digits do, nor the Arabic percent sign
# and decimal and thousands separators (U+066A-U+066C), which belong to the number they stand in:
# "٢٫٥" (2.5) taken apart at its separator was read "٥٫٢" (5.2).
_RTL = "\u0590-\u065f\u066d-\u06ef\u06fa-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
_RTL_LETTER = re.compile(f"[{_RTL}]")
_LATIN = f"[^\\W\\d_{_RTL}]"
_LATIN_LETTER = re.compile(_LATIN)
_LETTER = re.compile(f"[{_RTL}]|{_LATIN}")
# Right-to-left text within a left-to-right line: from a right-to-left letter to the last one
# before the next Latin letter, with the spaces, signs and numbers between them.
_RIGHT_TO_LEFT = re.compile(f"[{_RTL}](?:(?:(?!{_LATIN}).)*[{_RTL}])?")
# Left-to-right text within a right-to-left line: from a Latin letter or digit to the last one
# before the next right-to-left letter, with what stands between them ("Hb 98 g/L", "2.5").
_LEFT_TO_RIGHT = re.compile(f"[^\\W_{_RTL}][^{_RTL}]*[^\\W_{_RTL}]|[^\\W_{_RTL}]")
# Signs that belong to the number beside them ("75%", "£20"): read with it, on either side.
_WITH_NUMBER = "%‰°$€£#\u066a"
_MIRRORED = str.maketrans("()[]{}<>«»", ")(][}{><»«")
_OPENING = "([{"
_CLOSING = {")": "(", "]": "[", "}": "{"}  # each closing bracket's opening one
_SPACES = re.compile(r"\s+")
_LEFTWARDS, _RIGHTWARDS = "right to left", "left to right"  # the ways a line runs


def read_right_to_left(plain: str, read_layout: Callable[[], str]) -> str:
    """``plain`` with its right-to-left lines read in their logical order from the layout
    reading; ``plain`` itself where it has none, or where the two readings do not agree."""
    if not _RTL_LETTER.search(plain):
        return plain
    try:
        layout = read_layout()
    except Exception:  # the layout reading is an improvement, never a reason to lose the page
        return plain
    lines = plain.split("\n")
    mixed = [index for index, line in enumerate(lines) if _RTL_LETTER.search(line)]
    shown = [line for line in layout.split("\n") if _RTL_LETTER.search(line)]
    if len(shown) != len(mixed):
        return plain
    for index, visual in zip(mixed, shown, strict=True):
        if sorted(_SPACES.sub("", visual)) != sorted(_SPACES.sub("", lines[index])):
            return plain
    visuals = {
        index: _SPACES.sub(" ", visual.strip()) for index, visual in zip(mixed, shown, strict=True)
    }
    ways = [_way(visuals.get(index, line)) for index, line in enumerate(lines)]
    page = ways.count(_LEFTWARDS) - ways.count(_RIGHTWARDS)
    for index, line in visuals.items():
        way = ways[index]
        if way is None:  # its ends do not tell: the way the page runs, or most of its letters
            letters = len(_RTL_LETTER.findall(line)) - len(_LATIN_LETTER.findall(line))
            way = _LEFTWARDS if (page or letters) >= 0 else _RIGHTWARDS
        if way == _LEFTWARDS:
            lines[index] = logical_order(line)
        else:
            lines[index] = _RIGHT_TO_LEFT.sub(lambda run: logical_order(run[0]), line)
    return "\n".join(lines)


def _way(line: str) -> str | None:
    """Which way a line as shown runs, told by its ends: right to left where its letters at
    both ends are right-to-left ones, left to right where both are Latin (or it has no
    right-to-left letter); None where they differ, or it has no letter."""
    letters = _LETTER.findall(line)
    if not letters:
        return None
    left, right = (bool(_RTL_LETTER.match(letter)) for letter in (letters[0], letters[-1]))
    if left != right:
        return None
    return _LEFTWARDS if right else _RIGHTWARDS


def logical_order(visual: str) -> str:
    """A right-to-left line given in the order it is shown (left to right), in the order it is
    read: right to left, with its left-to-right runs kept as they read."""
    pieces: list[str] = []
    at = 0
    for start, end in _left_to_right_runs(visual):
        while start > at and visual[start - 1] in _WITH_NUMBER:
            start -= 1
        while end < len(visual) and visual[end] in _WITH_NUMBER:
            end += 1
        pieces.extend(visual[at:start].translate(_MIRRORED))
        pieces.append(visual[start:end])
        at = end
    pieces.extend(visual[at:].translate(_MIRRORED))
    return "".join(reversed(pieces))


def _left_to_right_runs(visual: str) -> Iterator[tuple[int, int]]:
    """The spans of the left-to-right runs of a right-to-left line as shown, cut at each bracket
    whose partner stands outside the run: a pair around Latin words beside a number is read with
    the right-to-left text around it ("גמ 75 (Aspirin) ןיריפסא" is "אספירין (Aspirin) 75 מג",
    not "אספירין (75 (Aspirin מג"); a pair inside a run ("HbA1c (DCCT) 7.5%") stays in it."""
    partner = _bracket_pairs(visual)
    for run in _LEFT_TO_RIGHT.finditer(visual):
        at = run.start()
        for cut in range(run.start(), run.end()):
            if cut in partner and not run.start() <= partner[cut] < run.end():
                if part := _LEFT_TO_RIGHT.search(visual, at, cut):
                    yield part.span()
                at = cut + 1
        if part := _LEFT_TO_RIGHT.search(visual, at, run.end()):
            yield part.span()


def _bracket_pairs(visual: str) -> dict[int, int]:
    """Each paired bracket's place and its partner's, paired as shown (a pair read from right to
    left is drawn mirrored, so it looks as one read from left to right); unpaired ones left out."""
    partner: dict[int, int] = {}
    open_at: list[int] = []
    for at, char in enumerate(visual):
        if char in _OPENING:
            open_at.append(at)
        elif char in _CLOSING and open_at and visual[open_at[-1]] == _CLOSING[char]:
            opening = open_at.pop()
            partner[opening], partner[at] = at, opening
    return partner
