"""What a model writes into a summary section that is no summary: found in general (any small
model), removed before the section is shown, and said in a flag (walk 26, SmolLM2-135M):

* a loop: one line written again and again ("She was treated ... [6]" three times), or one
  numbered pattern counting up with nothing in it ("Objective 1:" ... "Objective 35:");
* the section's heading (or the document's title) echoed as a line of its own, or opening the
  first line ("Active problems:" under "## Active problems"): dropped without a flag, it is only
  a doubled heading;
* MedLocal's own instructions restated ('Add the note "Allergies and intolerances" to the end of
  the section.'): an uncited sentence nearly all of whose words come from the instructions in
  the prompt, among them words the prompt uses for the task itself ("section", "notes",
  "document"). The notes are not compared: they are the record, which a section should repeat.

* a lead-in that only restates the request ("Here is the section:", 'The section "Current
  medications" of a Medication list:'): a label, on its own or opening a line, whose words are
  all the prompt's and that names the request itself ("section", "notes") or presents a text
  ("here", "below"); dropped without a flag, as a heading echo is, whatever else the section
  holds (walk51b L8: kept, and exported as content, when the section had other text).

A section left with nothing but labels and lead-ins ("Here is the section written in the
objective format:") has no substance: the summary says it was not extracted. A section whose
every sentence repeats an earlier section's is found by
:func:`medlocal.rag.repeated_section.repeated_section`. The loops are found by rag/loops.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from medlocal.rag.citations import has_citation
from medlocal.rag.coverage import says_documents_silent
from medlocal.rag.loops import Loop, Notes, clip, find_loops
from medlocal.rag.medications import default_lexicon
from medlocal.rag.text_units import (
    BULLET,
    WORD,
    Unit,
    line_units,
    presents,
    sentence_units,
    without_spans,
    word_stems,
)

# A sentence restates the instructions when this share of its words are the prompt's, with at
# least FRAME_WORDS of the words the prompt uses for the task itself: a template's clinical
# words alone ("examination findings") are what a real sentence says too.
INSTRUCTION_SHARE = 0.75
FRAME_WORDS = 2


@dataclass(frozen=True)
class Prompt:
    """What the model was told to do for one section, notes left out: ``frame`` is MedLocal's
    wording of the task (the system prompt, "Write the section ... of a ..."), the rest the
    template's words for this section."""

    frame: str
    heading: str
    title: str
    instructions: str

    def frame_stems(self) -> set[str]:
        return word_stems(self.frame)

    def all_stems(self) -> set[str]:
        return word_stems(" ".join((self.frame, self.heading, self.title, self.instructions)))


def _restates(unit: Unit, frame: set[str], prompt: set[str]) -> bool:
    if unit.cited or says_documents_silent(unit.text):
        return False
    words = word_stems(unit.text)
    if not words:
        return False
    # The drug lookup last: most sentences share too little with the prompt to need it.
    return (
        len(words & prompt) >= INSTRUCTION_SHARE * len(words)
        and len(words & frame) >= FRAME_WORDS
        and not _states_a_fact(unit.text)
    )


def _states_a_fact(text: str) -> bool:
    """A medicine or a number: a clinical statement, whatever words it shares with the prompt
    ("The notes document that she stopped aspirin." in *Stopped medications*, which shares all
    its other words with that section's instructions)."""
    return any(c.isdigit() for c in text) or bool(default_lexicon().find(text))


# Words of a lead-in that name the request rather than the patient's record: "Here is the
# section:", "The notes for this section:", "Summary of the document:".
_REQUEST_STEMS = word_stems("section notes document summary heading template")
# Words that say the text was asked for, allowed in a lead-in that presents one ("Here are the
# requested notes:"); alone ("Request: CT head") they are the record's own label.
_ASKED_STEMS = word_stems("requested request asked wanted")
# A lead-in is short: a longer text before a colon says something ("Patient was seen on ...").
_LEAD_IN_WORDS = 14
_COLON = re.compile(r":[\s\"'”*_]*")


def _lead_in(unit: Unit, prompt: set[str]) -> int | None:
    """Where the lead-in ``unit`` opens with ends (an offset in it; all of it when it is only
    the lead-in), or None. A lead-in is the text before a colon, after any list marker: uncited,
    naming no medicine or number, every word of it one of the prompt's, and naming the request
    itself or presenting a text."""
    bullet = BULLET.match(unit.text)
    start = bullet.end() if bullet else 0
    colon = _COLON.search(unit.text, start)
    if colon is None:
        return None
    head = unit.text[start : colon.start()]
    if has_citation(head) or len(head.split()) > _LEAD_IN_WORDS or _states_a_fact(head):
        return None
    words = word_stems(head)
    # A lead-in that presents a text may also say it was asked for ("Here is the section with
    # the requested notes:", walk 52a L4), a word the prompt itself need not use.
    others = words - prompt
    if others and not (others <= _ASKED_STEMS and presents(head)):
        return None
    if not (words & _REQUEST_STEMS or presents(head)):
        return None
    return colon.end()


def _echo(unit: Unit, names: Iterable[str]) -> tuple[int, int] | None:
    """The span of ``unit`` (offsets in it) that echoes a heading: all of it when it is only the
    heading; "Subjective: " of "Subjective: The patient ...", after a list marker, which stays;
    None when there is none."""
    if unit.plain in names:
        return 0, len(unit.text)
    bullet = BULLET.match(unit.text)
    start = bullet.end() if bullet else 0
    for name in names:
        found = re.compile(rf"[\s\"'“”*_#>]*{re.escape(name)}[\s\"'”*_]*:[\s\"'”*_]*", re.I).match(
            unit.text, start
        )
        if found:
            return start, found.end()
    return None


@dataclass(frozen=True)
class GuardedSection:
    text: str  # the section without what was removed
    loops: tuple[Loop, ...]
    restated: tuple[str, ...]  # the sentences that restated the instructions, as written
    substance: bool  # something is left that is not a label or lead-in

    def problems(self) -> str:
        """What was removed, in a reader's words ("" when nothing was)."""
        parts = [f"the model {loop.describe()}" for loop in self.loops]
        if self.restated:
            quoted = "; ".join(f"“{clip(s, 14)}”" for s in self.restated)
            parts.append(f"it restated MedLocal's instructions to it ({quoted}; removed)")
        return ", and ".join(parts)


def guard_section(text: str, prompt: Prompt, notes: str | None = None) -> GuardedSection:
    """``text`` (a section the model wrote) without heading echoes, loops and restated
    instructions, with what was removed. ``notes``: what the section was written from (lines
    of one shape are cut only where they name what no note does, see SHAPE_REPEATS)."""
    text, units, dropped, loops = find_loops(text, patterns=True, notes=Notes.of(notes))
    names = {Unit(0, 0, prompt.heading).plain, Unit(0, 0, prompt.title).plain}
    cuts: list[tuple[int, int]] = []
    restated: list[str] = []
    frame, words = prompt.frame_stems(), prompt.all_stems()
    for unit in units:
        if unit in dropped:
            cuts.append((unit.start, unit.end))
            continue
        echo = _echo(unit, names)
        if echo is not None:
            cuts.append((unit.start + echo[0], unit.start + echo[1]))
            if echo[1] == len(unit.text):
                continue
            unit = Unit(unit.start + echo[1], unit.end, unit.text[echo[1] :])
        lead_in = _lead_in(unit, words)
        if lead_in is not None:
            cuts.append((unit.start, unit.start + lead_in))
            if lead_in >= len(unit.text.rstrip()):
                continue
            unit = Unit(unit.start + lead_in, unit.end, unit.text[lead_in:])
        if _restates(unit, frame, words):
            cuts.append((unit.start, unit.end))
            restated.append(unit.text)
    kept = _without_trailing_labels(without_spans(text, cuts))
    substance = any(not u.label and WORD.search(u.plain) for u in sentence_units(kept))
    return GuardedSection(kept, tuple(loops), tuple(restated), substance)


def _without_trailing_labels(text: str) -> str:
    """``text`` without the labels it ends with ("Note:" before a loop that was cut): they
    introduce nothing."""
    lines = line_units(text)
    while lines and lines[-1].label:
        lines.pop()
    return text[: lines[-1].end] if lines else ""
