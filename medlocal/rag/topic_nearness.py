"""Whether a passage holds a phrase's words together, so that it names the phrase's concept.

A phrase ("blood group", "aortic valve peak velocity") is named by its words near each other, in
any order: in one sentence or one clause of it (a table's row is a line), not scattered:
"Blood tests: Hb 131 g/L. Group education offered." names no blood group.

Rag46 (walk 46a D1) let two more places count, and review 46b D8 found both too loose:

- across a ";": an echo writes "Aortic valve: trileaflet, mildly calcified; peak velocity 2.9 m/s"
  as one finding, but "Blood pressure 130/80 mmHg; group therapy offered" names no blood group.
  The echo's words sit in two phrases of their own ("aortic valve", "peak velocity"), each a
  few words long; the blood pressure's are one word on each side. So the words may be read
  across a ";" only as groups of two or more words, each within a word of its own length, one
  group on each side.
- a heading and the row below it ("AORTIC VALVE" above "Peak velocity 2.9 m/s"), for a phrase of
  three words or more: but "Urine" above "Protein intake advised; creatinine 90; ratio normal"
  names no urine protein creatinine ratio, nor "Right arm" above "Blood pressure systolic 150,
  ventricular rate 80" a right ventricular systolic pressure. So the row's first clause must be
  short (a table row's label and value) and the words the heading lacks must lie in one item
  of it (between commas), close together.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

# Whether a passage's part holds a word of the topic (topics.names_topic decides how).
Holds = Callable[[str, str], bool]

# Where a sentence ends: after . ! ? and a space, or at a line (a table row).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n")
# Where a clause ends within a sentence: ";" joins findings, each its own.
_CLAUSE_END = ";"
# A line that heads the rows after it ("Aortic valve", "Left ventricle:"): a few words, no figure.
_HEADING = re.compile(r"[A-Za-z][A-Za-z /()'-]{0,40}:?")
_HEADING_WORDS = 5
# A topic of this many words or more may be split between a heading and the row below it: two
# words are one phrase ("Blood tests" above "Group education offered" names no blood group).
_SPLIT_TOPIC = 3
# The words of a row under a heading: a label and its value ("Peak velocity 2.9 m/s", "Free
# light chain ratio 1.2 (0.26-1.65)"), not a sentence of its own.
_ROW_WORDS = 6
# How many other words a group of a phrase's words may hold: "peak systolic velocity".
_SLACK = 1
_WORD = re.compile(r"\S+")


def named_together(topic: tuple[str, ...], text: str, holds: Holds) -> bool:
    """Whether ``text`` holds all of ``topic``'s words (as ``holds`` reads each one) together:
    in one clause, in two phrases either side of a ";", or, for three words or more, in a
    heading and a short row below it."""
    for sentence in _SENTENCE_END.split(text):
        clauses = [c for c in sentence.split(_CLAUSE_END) if c.strip()]
        if any(all(holds(word, clause) for word in topic) for clause in clauses):
            return True
        if any(
            _phrases_across(topic, one, other, holds) for one, other in itertools.pairwise(clauses)
        ):
            return True
    return len(topic) >= _SPLIT_TOPIC and any(
        _headed_row(topic, heading, row, holds) for heading, row in _headings_and_rows(text)
    )


def _phrases_across(topic: tuple[str, ...], one: str, other: str, holds: Holds) -> bool:
    """Whether the topic's words lie in two phrases of two words or more, one each side of a
    ";": "aortic valve" and "peak velocity"; never one word on a side ("blood ...; group")."""
    if not all(holds(word, f"{one} {other}") for word in topic):
        return False
    return any(
        set(mine) | set(theirs) >= set(topic)
        for mine in _groups(topic, one, holds, least=2)
        for theirs in _groups(topic, other, holds, least=2)
    )


def _groups(topic: tuple[str, ...], clause: str, holds: Holds, least: int) -> list[frozenset[str]]:
    """The sets of ``least`` or more of the topic's words that ``clause`` holds close together:
    in a run of words no longer than their number and ``_SLACK``."""
    words = [word for word in topic if holds(word, clause)]
    if len(words) < least:
        return []
    spans = [m.span() for m in _WORD.finditer(clause)]
    found: list[frozenset[str]] = []
    for start, (begin, _) in enumerate(spans):
        for stop in range(start + least - 1, min(len(spans), start + len(words) + _SLACK)):
            run = clause[begin : spans[stop][1]]
            held = frozenset(word for word in words if holds(word, run))
            if len(held) >= least and stop - start + 1 <= len(held) + _SLACK:
                found.append(held)
    return found


def _headings_and_rows(text: str) -> list[tuple[str, str]]:
    """Each heading line with the first clause of the line below it."""
    lines = [line.strip() for line in text.split("\n")]
    return [
        (line, re.split(rf"{_CLAUSE_END}|{_SENTENCE_END.pattern}", below)[0])
        for line, below in itertools.pairwise(lines)
        if below and _HEADING.fullmatch(line) and len(line.split()) <= _HEADING_WORDS
    ]


def _headed_row(topic: tuple[str, ...], heading: str, row: str, holds: Holds) -> bool:
    """Whether a heading and the short row under it hold the topic: the words the heading lacks
    close together in one item of the row ("AORTIC VALVE" above "Peak velocity 2.9 m/s")."""
    if len(row.split()) > _ROW_WORDS:
        return False
    rest = tuple(word for word in topic if not holds(word, heading))
    if not 0 < len(rest) < len(topic):
        return False  # the heading names none of it, or all of it: each is read as a sentence
    return any(set(rest) in _groups(rest, item, holds, least=len(rest)) for item in row.split(","))
