"""A generation read piece by piece and stopped once it has become a loop (rag/loops.py): its
last lines alike, a run of lines said again and again, or its last words one phrase said over
and over. The rest of the step's token budget would go the same way."""

from __future__ import annotations

from medlocal.rag.loops import (
    PHRASE_WORDS,
    REPEATS,
    RUNAWAY,
    Notes,
    is_loop,
    is_shape_loop,
    times_repeated,
    under_cited_lead_in,
    written_words,
)
from medlocal.rag.text_units import line_units

# A run of up to this many lines written again and again ends the step too.
BLOCK_LINES = 4


def _ends_in_a_phrase_loop(text: str) -> bool:
    """Whether the last complete words of ``text`` are one phrase said RUNAWAY times."""
    tail = text[: max(text.rfind(" "), text.rfind("\n")) + 1]
    # Enough characters for RUNAWAY sayings of a phrase of common words.
    words = written_words(tail[-RUNAWAY * PHRASE_WORDS * 10 :])
    for n in range(1, PHRASE_WORDS + 1):
        last = words[len(words) - n * RUNAWAY :]
        if len(last) == n * RUNAWAY and times_repeated(last, 0, n) >= RUNAWAY:
            return True
    return False


def _ends_in_a_line_loop(text: str, patterns: bool = True, notes: Notes | None = None) -> bool:
    """Whether the last RUNAWAY complete lines of ``text`` are one loop; without ``patterns``
    only lines of the same words are (lines alike but for their numbers may be a list)."""
    complete = text[: text.rfind("\n") + 1]
    recent = complete.rsplit("\n", 3 * RUNAWAY)  # blank lines between them allowed
    lines = line_units("\n".join(recent[1:] if len(recent) > 3 * RUNAWAY else recent))
    tail = lines[-RUNAWAY:]
    if len(tail) < RUNAWAY:
        return False
    if not patterns:
        return len({u.uncited for u in tail}) == 1
    if (
        len({u.shape for u in tail}) == 1
        and is_shape_loop(tail, notes or Notes(frozenset()))
        and not under_cited_lead_in(lines, len(lines) - RUNAWAY)
    ):
        return True  # "Allergy to sulfite (6)", "Allergy to sulfites (8)", ...
    return len({u.pattern for u in tail}) == 1 and is_loop(tail)


def _ends_in_a_block_loop(text: str) -> bool:
    """Whether the last complete lines of ``text`` are a run of two to BLOCK_LINES lines written
    again and again, RUNAWAY lines and three sayings at least."""
    complete = text[: text.rfind("\n") + 1]
    recent = complete.rsplit("\n", 3 * RUNAWAY * BLOCK_LINES)
    plains = [u.plain for u in line_units("\n".join(recent))]
    for n in range(2, BLOCK_LINES + 1):
        times = max(REPEATS, -(-RUNAWAY // n))
        last = plains[len(plains) - n * times :]
        if (
            len(last) == n * times
            and len(set(last[:n])) > 1
            and times_repeated(last, 0, n) >= times
        ):
            return True
    return False


class LoopWatch:
    """Reads a generation piece by piece and says when it has become a loop: its last RUNAWAY
    lines alike, or its last words one phrase said RUNAWAY times. The step can stop there: the
    rest of its budget would go the same way, and the summary's section guard
    (:func:`medlocal.rag.section_guard.guard_section`) cuts the loop down."""

    def __init__(self, patterns: bool = True, notes: str | None = None) -> None:
        """Without ``patterns`` (answers) only lines of the same words make a loop: an answer's
        rows alike but for their numbers are a list or a table (review 32b: a 12-row HbA1c
        list was stopped at its eighth row). ``notes``: what a section is written from (lines
        of one shape naming only what they name are a list, see SHAPE_REPEATS)."""
        self.text = ""
        self.patterns = patterns
        self.notes = Notes.of(notes)

    def feed(self, piece: str) -> bool:
        """Add ``piece``; True once the text is a loop, which then ends where the loop's last
        line or word does (not in the next one, begun). Cheap: lines are looked at when one
        ends, words when one may have."""
        self.text += piece
        if "\n" in piece and (
            _ends_in_a_line_loop(self.text, self.patterns, self.notes)
            or _ends_in_a_block_loop(self.text)
        ):
            self.text = self.text[: self.text.rfind("\n") + 1]  # the loop's next line, begun
            return True
        if any(c.isspace() for c in piece) and _ends_in_a_phrase_loop(self.text):
            self.text = self.text[: max(self.text.rfind(" "), self.text.rfind("\n")) + 1]
            return True
        return False
