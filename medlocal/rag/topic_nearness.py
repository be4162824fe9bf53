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
  three words or more (two, only as a label and its value: "Serum" above "Sodium 138 mmol/L"):
  but "Urine" above "Protein intake advised; creatinine 90; ratio normal" names no urine
  protein creatinine ratio, nor "Right arm" above "Blood pressure systolic 150,
  ventricular rate 80" a right ventricular systolic pressure. So the words the heading lacks
  must lie close together in one short item of a row (between commas).

Fix46d read only a heading on a line of its own and the first clause below it, so reports lost
topics they do name (note 46): "Mitral valve: thickened; area 1.8 cm2" (mitral valve area),
"Aortic valve: trileaflet. Peak velocity 2.9 m/s." A heading is now also a label opening a line
or sentence, and its rows run to the next heading (rag/report_sections.py); any row may hold the
rest, when the item opens with it (after the topic's words or one describing word): a row that
names a thing of its own first is that thing's ("Right ventricle size normal" under "Left
ventricle:", "LVOT peak velocity" under "Aortic valve:"). And across a ";" each side's phrase
must be its own: "Aortic valve trileaflet; mitral valve area 4.2 cm2" shares "valve" between
the aortic valve and the mitral valve area, and names no aortic valve area.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from medlocal.rag.report_sections import Section, report_sections
from medlocal.sentence_ends import sentence_pieces

# Whether a passage's part holds a word of the topic (topics.names_topic decides how).
Holds = Callable[[str, str], bool]

# Where a clause ends within a sentence: ";" joins findings, each its own.
_CLAUSE_END = ";"
# A topic of this many words or more may be split between a heading and any short row below
# it: two words are one phrase ("Blood tests" above "Group education offered" names no blood
# group), split only by a row that is the other word and its value ("Serum" above "Sodium 138").
_SPLIT_TOPIC = 3
# A value opening: "138", "<5", "-2.1".
_FIGURE = re.compile(r"[<>~±+-]?\d")
# The words of a row's item under a heading: a label and its value ("Peak velocity 2.9 m/s",
# "Free light chain ratio 1.2 (0.26-1.65)"), not a sentence of its own.
_ROW_WORDS = 6
# A word that may stand before a row's label and leave it the heading's: a describing word
# ("simple cyst", "estimated area"), not another thing's name in capitals ("LVOT").
_PLAIN_WORD = re.compile(r"[A-Za-z][a-z]+(?:-[a-z]+)*")
# How many other words a group of a phrase's words may hold: "peak systolic velocity".
_SLACK = 1
_WORD = re.compile(r"\S+")


def named_together(topic: tuple[str, ...], text: str, holds: Holds) -> bool:
    """Whether ``text`` holds all of ``topic``'s words (as ``holds`` reads each one) together:
    in one clause, in two phrases either side of a ";", or, for three words or more, in a
    heading and a short row below it."""
    # A sentence ends after . ! ? and a space (not an abbreviation's point: "Ramipril Tabl. 5
    # mg"), or at a line (a table row).
    for sentence in (piece for line in text.split("\n") for piece in sentence_pieces(line)):
        clauses = [c for c in sentence.split(_CLAUSE_END) if c.strip()]
        if any(all(holds(word, clause) for word in topic) for clause in clauses):
            return True
        if any(
            _phrases_across(topic, one, other, holds) for one, other in itertools.pairwise(clauses)
        ):
            return True
    return any(_headed_row(topic, section, holds) for section in report_sections(text))


def _phrases_across(topic: tuple[str, ...], one: str, other: str, holds: Holds) -> bool:
    """Whether the topic's words lie in two phrases of two words or more, one each side of a
    ";": "aortic valve" and "peak velocity"; never one word on a side ("blood ...; group"),
    nor a word shared ("aortic valve ...; mitral valve area" is the mitral valve's area)."""
    if not all(holds(word, f"{one} {other}") for word in topic):
        return False
    return any(
        set(mine) | set(theirs) >= set(topic) and not mine & theirs
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


def _headed_row(topic: tuple[str, ...], section: Section, holds: Holds) -> bool:
    """Whether a heading and a short row under it hold the topic: the words the heading lacks
    close together in one item of the row (between commas), after nothing but the topic's
    words or one plain word ("Mitral valve:" ... "area 1.8 cm2"; "Left kidney:" ... "simple
    cyst 2 cm"). A row naming a thing of its own first ("Right ventricle size normal" under
    "Left ventricle:", "LVOT peak velocity" under "Aortic valve:") is that thing's."""
    rest = tuple(word for word in topic if not holds(word, section.heading))
    if not 0 < len(rest) < len(topic):
        return False  # the heading names none of it, or all of it: each is read as a sentence
    items = [item.split() for row in section.rows for item in row.split(",")]
    if len(topic) < _SPLIT_TOPIC:
        return any(_label_and_value(rest, item, holds) for item in items)
    return any(_opens_with(rest, topic, item, holds) for item in items)


def _label_and_value(rest: tuple[str, ...], item: list[str], holds: Holds) -> bool:
    """Whether a row's item is the rest of a two-word topic and its value, and nothing before:
    "Sodium 138 mmol/L" under "Serum", not "Group A strep swab 12/03" under "Blood"."""
    return (
        len(item) >= 2
        and all(holds(w, item[0]) for w in rest)
        and _FIGURE.match(item[1]) is not None
    )


def _opens_with(
    rest: tuple[str, ...], topic: tuple[str, ...], item: list[str], holds: Holds
) -> bool:
    """Whether a row's item (its words) is a short label and value whose label is ``rest``."""
    if len(item) > _ROW_WORDS:
        return False
    for start, word in enumerate(item):
        if not any(holds(w, word) for w in rest):
            continue
        if not all(holds(w, " ".join(item[start : start + len(rest) + _SLACK])) for w in rest):
            continue
        before = item[:start]
        return all(any(holds(w, b) for w in topic) for b in before) or (
            len(before) == 1 and _PLAIN_WORD.fullmatch(before[0]) is not None
        )
    return False
