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

A section left with nothing but labels and lead-ins ("Here is the section written in the
objective format:") has no substance: the summary says it was not extracted. A section whose
every sentence repeats an earlier section's is found by :func:`repeated_section`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from medlocal.rag.allergens import AllergyVocabulary, allergy_vocabulary
from medlocal.rag.citations import blank_citations, has_citation
from medlocal.rag.coverage import content_words, says_documents_silent, stem
from medlocal.rag.medications import default_lexicon
from medlocal.rag.sentences import split_sentences

# This many units (lines or sentences) alike are a loop, cut down to one. Two may be a real list.
REPEATS = 3
# Uncited lines that differ only in their numbers are a loop from this many on ("Follow-up: 8
# years after the treatment", "... 9 years ...", "... 12 years ..."): fewer may be a trend.
UNCITED_REPEATS = 5
# Uncited lines of one shape (the same first two words and last word, at most SHAPE_MIDDLE
# words between that differ) are a loop from this many on: walk 42g's "Allergy to sulfa drugs
# (3)", "Allergy to sulfite (6)", ... "Allergy to sulfimules (29)", 19 invented allergies that
# differ in a word as well as their numbers. Review 42: a real list may cite its notes once,
# above it ("Allergies (from the clinic letter [3]):" and six "- Allergic to X: anaphylaxis"
# lines; six "- HbA1c on <date>: N mmol/mol" lines), so such lines are a loop only where one
# of them names, in the words that differ, something no given note names and that is no known
# drug or allergen ("sulfimules"); then only the lines whose differing words no note names are
# cut, and lines under a cited lead-in line never are.
SHAPE_REPEATS = 6
SHAPE_MIDDLE = 3
# Words said again and again in a line ("Subjective: Subjective: Subjective: ..."): a phrase of
# up to PHRASE_WORDS words said REPEATS times or more back to back, PHRASE_SPAN words in all at
# least, is a loop too.
PHRASE_WORDS = 8
PHRASE_SPAN = 6
# While generating, this many lines, or phrases, alike in a row end the step early: no section
# writes eight of them, and the rest of its token budget would go the same way.
RUNAWAY = 8
# A run of up to this many lines written again and again ends the step too.
BLOCK_LINES = 4
# A sentence restates the instructions when this share of its words are the prompt's, with at
# least FRAME_WORDS of the words the prompt uses for the task itself: a template's clinical
# words alone ("examination findings") are what a real sentence says too.
INSTRUCTION_SHARE = 0.75
FRAME_WORDS = 2
# Words that present a text rather than say something ("Here is the section ..."): not counted.
_PRESENTING = frozenset({"here", "below", "above", "following", "sure", "okay", "now"})

_EDGE = re.compile(r"^[\s\"'“”‘’`>*_#•\-–—]+|[\s\"'“”‘’`*_]+$")  # decoration around a line
_LIST_NUMBER = re.compile(r"^\d{1,3}[.)]\s+")
_END_PUNCTUATION = re.compile(r"[\s:;,.!]+$")
_DIGITS = re.compile(r"\d+")
_WORD = re.compile(r"[a-z]{2,}")
_TOKEN = re.compile(r"\S+")
_CITATION_TOKEN = re.compile(r"\[\d[\d,\s\-–]*\][.,;:]*")
_TOKEN_EDGE = "\"'“”‘’.,;:!?*_"
# A citation that ends a statement with no full stop: a capitalised word follows it.
_CLAUSE_END = re.compile(r"\[\d[\d,\s\-–]*\](?=[ \t]+[A-Z])")
# An unfinished citation at the end of a text the length limit cut ("... Cardiology [1").
_OPEN_CITATION = re.compile(r"\s*\[[\d,\s\-–]*$")


@dataclass(frozen=True)
class _Unit:
    """A line, or one sentence of a line, of a section's text (offsets into that text)."""

    start: int
    end: int
    text: str

    @property
    def plain(self) -> str:
        """The words without decoration, list marker or case: what "alike" compares."""
        inner = _EDGE.sub("", _LIST_NUMBER.sub("", _EDGE.sub("", self.text)))
        return _END_PUNCTUATION.sub("", " ".join(inner.lower().split()))

    @property
    def uncited(self) -> str:
        """``plain`` without citations: the same sentence cited to other passages is the same
        (walk 28: "1. He works night shifts ... [5]. 2. ... [5] 3. ... [6]")."""
        return _Unit(0, 0, blank_citations(self.text, fill="")).plain

    @property
    def pattern(self) -> str:
        """``plain`` without citations, each number as "#": "objective 1:" ~ "objective 35"."""
        return _DIGITS.sub("#", _Unit(0, 0, blank_citations(self.text, fill="")).plain)

    @property
    def shape(self) -> str:
        """``pattern``'s first two words and last word, where at most SHAPE_MIDDLE words lie
        between ("allergy to sulfa drugs (#)" ~ "allergy to sulfite (#)"); "" for a line of
        another length, which has no shape to share."""
        words = self.pattern.split()
        if not 3 <= len(words) <= 3 + SHAPE_MIDDLE:
            return ""
        return " ".join((*words[:2], "…", words[-1]))

    @property
    def cited(self) -> bool:
        return has_citation(self.text)

    @property
    def label(self) -> bool:
        """Ends with a colon: a label or a lead-in, which says nothing by itself."""
        return _EDGE.sub("", self.text).endswith(":")

    def first_number(self) -> int | None:
        found = _DIGITS.search(blank_citations(self.text, fill=""))
        return int(found.group()) if found else None


def _line_units(text: str) -> list[_Unit]:
    units: list[_Unit] = []
    at = 0
    for line in text.split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            units.append(_Unit(at + lead, at + len(line.rstrip()), line.strip()))
        at += len(line) + 1
    return units


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The span ``start``-``end`` of ``text`` cut after each citation that a new capitalised
    clause follows: a small model's list written without full stops ("Dr Imogen Hartwell,
    Cardiology [1] Dr Okonkwo, Cardiology [1] ...", walk 39b) is one "sentence" of many
    statements, each of which can be said again and again."""
    spans: list[tuple[int, int]] = []
    for found in _CLAUSE_END.finditer(text, start, end):
        spans.append((start, found.end()))
        start = found.end() + len(text[found.end() : end]) - len(text[found.end() : end].lstrip())
    return [*spans, (start, end)]


def _units(text: str) -> list[_Unit]:
    """Each line's sentences (cut after a citation a new clause follows), or the line itself
    where it holds none (a label, a heading)."""
    units: list[_Unit] = []
    for line in _line_units(text):
        spans = [(s.start, s.end) for s in split_sentences(line.text)]
        if spans and spans[0][0] and _BULLET.fullmatch(line.text[: spans[0][0]]):
            spans[0] = (0, spans[0][1])  # the list marker is the first sentence's ("2. ...")
        spans = [clause for a, b in spans for clause in _clauses(line.text, a, b)]
        units += [_Unit(line.start + a, line.start + b, line.text[a:b]) for a, b in spans] or [line]
    return units


def _counts_up(group: Sequence[_Unit]) -> bool:
    """Whether the units' first numbers count up one by one for REPEATS in a row."""
    numbers = [u.first_number() for u in group]
    run = 1
    for before, after in pairwise(numbers):
        run = run + 1 if before is not None and after == before + 1 else 1
        if run >= REPEATS:
            return True
    return False


def _is_loop(group: Sequence[_Unit]) -> bool:
    """Units of one pattern that are a loop, not a list: the same words each time, or uncited
    labels, lines counting up ("Objective 1:", "Objective 2:", ...) or UNCITED_REPEATS lines
    alike. Cited lines that differ only in their numbers are a real list ("Creatinine 102
    umol/L [3]", "... 98 umol/L [4]")."""
    if len(group) < REPEATS:
        return False
    if len({u.uncited for u in group}) == 1:
        return True
    return not any(u.cited for u in group) and (
        sum(u.label for u in group) >= REPEATS or _counts_up(group) or len(group) >= UNCITED_REPEATS
    )


@dataclass(frozen=True)
class _Notes:
    """The word stems of the notes a section was written from: what a line's words may come
    from (None: no notes were given, and nothing is named in them)."""

    stems: frozenset[str]

    @classmethod
    def of(cls, notes: str | None) -> _Notes:
        return cls(frozenset(_stems(notes)) if notes else frozenset())

    def name_all(self, words: Iterable[str]) -> bool:
        return all(stem(w) in self.stems for w in words)


def _differing(unit: _Unit) -> tuple[str, str]:
    """The words between a line's shape (after its first two words, before its last), as text
    and as the content words compared with the notes ("sulfa drugs" of "allergy to sulfa drugs
    (#)"; numbers left out)."""
    middle = " ".join(unit.pattern.split()[2:-1])
    words = [w for w in content_words(middle) if w.isalpha() and len(w) >= 3]
    return middle, " ".join(words)


def _unnamed(unit: _Unit, notes: _Notes) -> bool:
    """Whether a word that differs in ``unit`` is named in no note."""
    return not notes.name_all(_differing(unit)[1].split())


def _invented(unit: _Unit, notes: _Notes) -> bool:
    """Whether ``unit``'s differing words name something that no note names and that is no
    known drug or allergen ("sulfimules", walk 42g): a loop's invention, not a list's entry."""
    middle, words = _differing(unit)
    return bool(words) and _unnamed(unit, notes) and not _allergy_words().spans(middle)


def _allergy_words() -> AllergyVocabulary:
    return allergy_vocabulary(default_lexicon())


def _is_shape_loop(group: Sequence[_Unit], notes: _Notes) -> bool:
    """Uncited lines of one shape, SHAPE_REPEATS of them or more, none a label, one of which
    names what no note and no drug or allergen list does: a loop that changes a word each time
    (see SHAPE_REPEATS)."""
    return (
        len(group) >= SHAPE_REPEATS
        and bool(group[0].shape)
        and not any(u.cited or u.label for u in group)
        and any(_invented(u, notes) for u in group)
    )


def _under_cited_lead_in(units: Sequence[_Unit], first: int) -> bool:
    """Whether the unit before ``units[first]`` is a cited lead-in ("Allergies (from the
    clinic letter [3]):"): the lines under it are the list it cites."""
    return first > 0 and units[first - 1].label and units[first - 1].cited


@dataclass(frozen=True)
class Loop:
    """Units alike that the guard cut down: what the flag quotes."""

    first: str
    last: str
    count: int
    kept: bool = True  # the first saying stays; lines with nothing in them all go
    block: int = 1  # how many lines or sentences each saying is (a run said again: 2 or more)

    def describe(self) -> str:
        fate = "kept once" if self.kept else "removed"
        if self.block > 1:
            return (
                f"wrote the same {self.block} sentences, “{clip(self.first)}” … "
                f"“{clip(self.last)}”, {self.count} times ({fate})"
            )
        if self.first == self.last:
            return f"wrote “{clip(self.first)}” {self.count} times ({fate})"
        return (
            f"wrote {self.count} lines alike, “{clip(self.first)}” … “{clip(self.last)}” ({fate})"
        )


def clip(text: str, words: int = 8) -> str:
    """The first ``words`` words of ``text``, with "…" when it goes on."""
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def _loops(
    units: Sequence[_Unit], patterns: bool = True, notes: _Notes | None = None
) -> tuple[list[Loop], set[int]]:
    """The loops among ``units`` and the indexes of the units to drop; with ``patterns``,
    units of one pattern count too (lines counting up, uncited lines alike but for numbers),
    and lines of one shape (of those, only the lines naming what no one of ``notes`` does)."""
    notes = notes or _Notes(frozenset())
    loops: list[Loop] = []
    dropped: set[int] = set()
    looped: set[int] = set()
    # The same words first, so that three copies of one cited sentence are found among others
    # of its pattern; then one pattern.
    keys: list[tuple[Callable[[_Unit], str], Callable[[Sequence[_Unit]], bool]]] = [
        (lambda u: u.uncited, _is_loop)
    ]
    if patterns:
        keys += [
            (lambda u: u.pattern, _is_loop),
            (lambda u: u.shape, lambda group: _is_shape_loop(group, notes)),
        ]
    for number, (key, is_loop) in enumerate(keys):
        groups: dict[str, list[int]] = {}
        for i, unit in enumerate(units):
            if i not in looped:
                groups.setdefault(key(unit), []).append(i)
        for indexes in groups.values():
            group = [units[i] for i in indexes]
            if not is_loop(group):
                continue
            if number == 2:  # one shape: see SHAPE_REPEATS
                if _under_cited_lead_in(units, indexes[0]):
                    continue
                cut = [i for i in indexes[1:] if _unnamed(units[i], notes)]
                if not cut:
                    continue
                looped |= {indexes[0], *cut}
                dropped |= set(cut)
                loops.append(Loop(group[0].text, units[cut[-1]].text, len(cut) + 1))
                continue
            empty = sum(u.label for u in group) >= REPEATS
            looped |= set(indexes)
            dropped |= set(indexes if empty else indexes[1:])
            loops.append(Loop(group[0].text, group[-1].text, len(group), kept=not empty))
    return loops, dropped


def _repeats(plains: Sequence[str], i: int, n: int) -> int:
    """How many times the ``n`` units (or words) at ``i`` are written back to back from there."""
    count = 1
    # The first units compared first: most runs differ there, before any slice is made.
    while (
        i + count * n < len(plains)
        and plains[i + count * n] == plains[i]
        and plains[i + count * n : i + (count + 1) * n] == plains[i : i + n]
    ):
        count += 1
    return count


def _block_loops(units: Sequence[_Unit]) -> tuple[list[Loop], set[int]]:
    """Runs of two or more units written again right after themselves (walk 27: a model wrote
    its three-line medication list twice). One copy of a single line may be a real list's two
    entries; a run of sentences said twice over in the same order is no list."""
    plains = [u.uncited for u in units]
    # A unit said REPEATS times or more in the section is a loop of its own, kept once by
    # _loops: a run of such units ("Dr Imogen Hartwell ... [1] Dr Okonkwo ... [1] Dr Okonkwo
    # ... [1]", again and again, walk 39b) is those units' loops, not a block said again, or
    # its one kept copy would still hold each of them twice.
    said = Counter(plains)
    loops: list[Loop] = []
    dropped: set[int] = set()
    i = 0
    while i < len(units):
        runs = [(n, _repeats(plains, i, n)) for n in range(2, (len(units) - i) // 2 + 1)]
        runs = [
            (n, k)
            for n, k in runs
            if k >= 2
            and len(set(plains[i : i + n])) > 1  # one line again and again is _loops' to find
            and any(not u.label and _WORD.search(u.plain) for u in units[i : i + n])
            and any(said[p] < REPEATS for p in plains[i : i + n])
        ]
        if not runs:
            i += 1
            continue
        n, k = max(runs, key=lambda run: (run[0] * run[1], -run[0]))
        loops.append(Loop(units[i].text, units[i + n - 1].text, k, block=n))
        dropped |= set(range(i + n, i + n * k))
        i += n * k
    return loops, dropped


def _word_of(token: str, i: int) -> str:
    if "|" in token:
        return f"|{i}"  # a table's cell border matches nothing: cells alike are no loop
    if _CITATION_TOKEN.fullmatch(token):
        return "[#]"  # "Subjective: [2] Subjective: [3] ..." counts its citations up
    return token.lower().strip(_TOKEN_EDGE)


def _words_of(tokens: Sequence[re.Match[str]]) -> list[str]:
    """The tokens compared without case or punctuation, citations without their numbers."""
    return [_word_of(t.group(), i) for i, t in enumerate(tokens)]


def _phrase_loops(text: str, times: int = REPEATS) -> tuple[list[Loop], list[tuple[int, int]]]:
    """The phrases ``text`` says ``times`` times or more back to back, and the spans of their
    repeats (the first saying stays)."""
    tokens = list(_TOKEN.finditer(text))
    words = _words_of(tokens)
    loops: dict[tuple[str, ...], tuple[Loop, list[str]]] = {}
    cuts: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        runs = [(n, _repeats(words, i, n)) for n in range(1, PHRASE_WORDS + 1)]
        runs = [(n, k) for n, k in runs if k >= times and n * k >= PHRASE_SPAN]
        if not runs:
            i += 1
            continue
        n, k = max(runs, key=lambda run: run[0] * run[1])
        key = _rotation_key(words[i : i + n])
        if key not in loops:
            phrase = " ".join(t.group() for t in tokens[i : i + n])
            loops[key] = (Loop(phrase, phrase, k), words[i : i + n])
            cuts.append((tokens[i + n].start(), tokens[i + n * k - 1].end()))
            i += n * k
            continue
        # The phrase looped before and was kept there: this run goes whole, and the one flag
        # counts it (walk 39b: one phrase was flagged three times, "kept once" each, and stayed
        # three times in the text). A run read from another word on ("[1]. No change" for "No
        # change [1].") is cut from where a saying of the phrase begins, through the end of
        # its last one: the words before are another sentence's.
        earlier, phrase_words = loops[key]
        shift = next(r for r in range(n) if words[i + r : i + r + n] == phrase_words)
        end = i + n * k
        if shift and words[end : end + shift] == words[i : i + shift]:
            end += shift
        loops[key] = (replace(earlier, count=earlier.count + (end - i - shift) // n), phrase_words)
        cuts.append((tokens[i + shift].start(), tokens[end - 1].end()))
        i = end
    return [loop for loop, _ in loops.values()], cuts


def _rotation_key(words: Sequence[str]) -> tuple[str, ...]:
    """The same for a phrase and each of its rotations: a loop read from another word on
    ("Cardiology [1] Dr Imogen Hartwell," for "Dr Imogen Hartwell, Cardiology [1]") is the
    same loop."""
    return min((*words[i:], *words[:i]) for i in range(len(words))) if words else ()


def _ends_in_a_phrase_loop(text: str) -> bool:
    """Whether the last complete words of ``text`` are one phrase said RUNAWAY times."""
    tail = text[: max(text.rfind(" "), text.rfind("\n")) + 1]
    # Enough characters for RUNAWAY sayings of a phrase of common words.
    words = _words_of(list(_TOKEN.finditer(tail[-RUNAWAY * PHRASE_WORDS * 10 :])))
    for n in range(1, PHRASE_WORDS + 1):
        last = words[len(words) - n * RUNAWAY :]
        if len(last) == n * RUNAWAY and _repeats(last, 0, n) >= RUNAWAY:
            return True
    return False


def _ends_in_a_line_loop(text: str, patterns: bool = True, notes: _Notes | None = None) -> bool:
    """Whether the last RUNAWAY complete lines of ``text`` are one loop; without ``patterns``
    only lines of the same words are (lines alike but for their numbers may be a list)."""
    complete = text[: text.rfind("\n") + 1]
    recent = complete.rsplit("\n", 3 * RUNAWAY)  # blank lines between them allowed
    lines = _line_units("\n".join(recent[1:] if len(recent) > 3 * RUNAWAY else recent))
    tail = lines[-RUNAWAY:]
    if len(tail) < RUNAWAY:
        return False
    if not patterns:
        return len({u.uncited for u in tail}) == 1
    if (
        len({u.shape for u in tail}) == 1
        and _is_shape_loop(tail, notes or _Notes(frozenset()))
        and not _under_cited_lead_in(lines, len(lines) - RUNAWAY)
    ):
        return True  # "Allergy to sulfite (6)", "Allergy to sulfites (8)", ...
    return len({u.pattern for u in tail}) == 1 and _is_loop(tail)


def _ends_in_a_block_loop(text: str) -> bool:
    """Whether the last complete lines of ``text`` are a run of two to BLOCK_LINES lines written
    again and again, RUNAWAY lines and three sayings at least."""
    complete = text[: text.rfind("\n") + 1]
    recent = complete.rsplit("\n", 3 * RUNAWAY * BLOCK_LINES)
    plains = [u.plain for u in _line_units("\n".join(recent))]
    for n in range(2, BLOCK_LINES + 1):
        times = max(REPEATS, -(-RUNAWAY // n))
        last = plains[len(plains) - n * times :]
        if len(last) == n * times and len(set(last[:n])) > 1 and _repeats(last, 0, n) >= times:
            return True
    return False


class LoopWatch:
    """Reads a generation piece by piece and says when it has become a loop: its last RUNAWAY
    lines alike, or its last words one phrase said RUNAWAY times. The step can stop there: the
    rest of its budget would go the same way, and :func:`guard_section` cuts the loop down."""

    def __init__(self, patterns: bool = True, notes: str | None = None) -> None:
        """Without ``patterns`` (answers) only lines of the same words make a loop: an answer's
        rows alike but for their numbers are a list or a table (review 32b: a 12-row HbA1c
        list was stopped at its eighth row). ``notes``: what a section is written from (lines
        of one shape naming only what they name are a list, see SHAPE_REPEATS)."""
        self.text = ""
        self.patterns = patterns
        self.notes = _Notes.of(notes)

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


def _stems(text: str) -> set[str]:
    return {stem(w) for w in content_words(text) if not w[0].isdigit() and w not in _PRESENTING}


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
        return _stems(self.frame)

    def all_stems(self) -> set[str]:
        return _stems(" ".join((self.frame, self.heading, self.title, self.instructions)))


def _restates(unit: _Unit, frame: set[str], prompt: set[str]) -> bool:
    if unit.cited or says_documents_silent(unit.text):
        return False
    words = _stems(unit.text)
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


_BULLET = re.compile(r"\s*(?:[-*•]|\d{1,3}[.)])\s+")


def _echo(unit: _Unit, names: Iterable[str]) -> tuple[int, int] | None:
    """The span of ``unit`` (offsets in it) that echoes a heading: all of it when it is only the
    heading; "Subjective: " of "Subjective: The patient ...", after a list marker, which stays;
    None when there is none."""
    if unit.plain in names:
        return 0, len(unit.text)
    bullet = _BULLET.match(unit.text)
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


def _find_loops(
    text: str, patterns: bool, notes: _Notes | None = None
) -> tuple[str, list[_Unit], set[_Unit], list[Loop]]:
    """``text`` without its phrase loops, its units, the units that repeat a loop's first
    saying (to drop) and the loops found. Without ``patterns`` (answers) the units are whole
    lines and a phrase must be said RUNAWAY times: a sentence such as "No acute abnormality."
    under three different scans, or "130/80 mmHg" on three visits, is no loop (review 32b)."""
    written = _words_of(list(_TOKEN.finditer(text)))
    phrase_loops, phrase_cuts = _phrase_loops(text, REPEATS if patterns else RUNAWAY)
    text = _without(text, phrase_cuts)
    units = _units(text) if patterns else _line_units(text)
    block_loops, in_blocks = _block_loops(units)
    rest = [u for i, u in enumerate(units) if i not in in_blocks]
    line_loops, in_loops = _loops(rest, patterns, notes)
    dropped = {units[i] for i in in_blocks} | {rest[i] for i in in_loops}
    if units and units[-1] not in dropped and _begins_a_dropped(units[-1], dropped):
        dropped.add(units[-1])
    return text, units, dropped, _merged(phrase_loops + block_loops + line_loops, written)


def _begins_a_dropped(unit: _Unit, dropped: Iterable[_Unit]) -> bool:
    """Whether ``unit``, the text's last, is the beginning of a saying of a loop that was cut,
    where the length limit stopped the model ("... Cardiology [1] Dr Imogen", walk 39b): the
    loop's flag says it was kept once, and this would be it again, unfinished."""
    words = _Unit(0, 0, _OPEN_CITATION.sub("", unit.text)).uncited.split()
    return bool(words) and any(d.uncited.split()[: len(words)] == words for d in dropped)


def _occurrences(words: Sequence[str], phrase: Sequence[str]) -> int:
    """How many times ``phrase`` stands in ``words``, sayings not overlapping."""
    count = i = 0
    while phrase and i + len(phrase) <= len(words):
        if words[i : i + len(phrase)] == list(phrase):
            count += 1
            i += len(phrase)
        else:
            i += 1
    return count


def _merged(loops: Sequence[Loop], written: Sequence[str]) -> list[Loop]:
    """``loops`` with those of one phrase made one, however each was found (a run said back to
    back, from any of its words on; a sentence said again among others), so that each phrase
    is flagged once, counted as often as ``written`` (the words as the model wrote them) holds
    it (walk 39b: one phrase flagged three times, with three counts)."""
    merged: dict[tuple[str, ...], Loop] = {}
    others: list[Loop] = []
    for loop in loops:
        phrase = _words_of(list(_TOKEN.finditer(loop.first)))
        if loop.block > 1 or phrase != _words_of(list(_TOKEN.finditer(loop.last))):
            others.append(loop)  # lines alike but not the same: nothing to count them by
            continue
        key = _rotation_key(phrase)
        earlier = merged.get(key)
        count = max(loop.count, _occurrences(written, phrase))
        if earlier is None:
            # Sayings that differ only in what they cite are one phrase said N times.
            merged[key] = replace(loop, last=loop.first, count=count)
        else:
            merged[key] = replace(
                earlier, count=max(earlier.count, count), kept=earlier.kept or loop.kept
            )
    return [*merged.values(), *others]


def without_loops(text: str) -> tuple[str, tuple[Loop, ...]]:
    """An answer's text without its loops (walk 33: a small model wrote a paragraph, or four
    bullets, three times over) and the loops removed. Only whole lines of the same words said
    again count, or a phrase said RUNAWAY times: an answer's lines alike but for their numbers
    may be a real list, and one sentence under several findings is no loop."""
    text, units, dropped, loops = _find_loops(text, patterns=False)
    return _without(text, [(u.start, u.end) for u in units if u in dropped]), tuple(loops)


def guard_section(text: str, prompt: Prompt, notes: str | None = None) -> GuardedSection:
    """``text`` (a section the model wrote) without heading echoes, loops and restated
    instructions, with what was removed. ``notes``: what the section was written from (lines
    of one shape are cut only where they name what no note does, see SHAPE_REPEATS)."""
    text, units, dropped, loops = _find_loops(text, patterns=True, notes=_Notes.of(notes))
    names = {_Unit(0, 0, prompt.heading).plain, _Unit(0, 0, prompt.title).plain}
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
            unit = _Unit(unit.start + echo[1], unit.end, unit.text[echo[1] :])
        if _restates(unit, frame, words):
            cuts.append((unit.start, unit.end))
            restated.append(unit.text)
    kept = _without_trailing_labels(_without(text, cuts))
    substance = any(not u.label and _WORD.search(u.plain) for u in _units(kept))
    return GuardedSection(kept, tuple(loops), tuple(restated), substance)


def _without_trailing_labels(text: str) -> str:
    """``text`` without the labels it ends with ("Note:" before a loop that was cut): they
    introduce nothing."""
    lines = _line_units(text)
    while lines and lines[-1].label:
        lines.pop()
    return text[: lines[-1].end] if lines else ""


def _without(text: str, cuts: Sequence[tuple[int, int]]) -> str:
    """``text`` without the ``cuts`` spans; a line they leave without a letter or digit outside
    citations (a bullet, a quote mark, "[2]") goes, and so do the blank lines that pile up."""
    chars = list(text)
    for start, end in cuts:
        for i in range(start, end):
            chars[i] = "\x00"
    lines = []
    for line in "".join(chars).split("\n"):
        if "\x00" not in line:
            lines.append(line)
            continue
        # Cuts side by side (a loop's sayings, cut one by one) leave one space between them.
        rest = re.sub(r"[ \t]*\x00[\x00 \t]*", " ", line).rstrip()
        rest = rest if line[:1].isspace() else rest.lstrip()
        if re.search(r"[^\W_]", blank_citations(rest, fill="")):
            lines.append(rest)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _words(sentence: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", blank_citations(sentence, fill=" ").lower()))


# A sentence repeats an earlier one when it says nothing the earlier one does not (nearly all
# its words are the earlier one's: "The patient is Margaret Thornbury [1]." after "The patient
# is Margaret Thornbury ... at 17 Wattle Creek Road [1]."), or when it holds nearly all of the
# earlier one's words and most of its own words are those ("She was treated with ... [6] and
# stopped due to stopping medications." after "She was treated with ... [6].", walk 26).
REPEAT_COVERS = 0.9
REPEAT_SHARE = 0.6
# Words a sentence must have for "nothing new" to mean anything ("Stable." says little anyway).
REPEAT_MIN_WORDS = 4


def _same(mine: set[str], theirs: set[str]) -> bool:
    shared = len(mine & theirs)
    nothing_new = len(mine) >= REPEAT_MIN_WORDS and shared >= REPEAT_COVERS * len(mine)
    return nothing_new or (
        bool(shared)
        and shared >= REPEAT_COVERS * len(theirs)
        and shared >= REPEAT_SHARE * len(mine)
    )


def _claims(text: str) -> list[str]:
    """The sentences of ``text`` that say something ("None documented." does not)."""
    return [s.text for s in split_sentences(text) if not says_documents_silent(s.text)]


def repeated_section(text: str, earlier: Sequence[tuple[str, str]]) -> tuple[str, str] | None:
    """(heading, sentence) of the earlier section that ``text`` only repeats: every sentence
    of it is one of ``earlier``'s ((heading, text) pairs), nearly word for word; None when it
    says anything of its own."""
    sentences = _claims(text)
    if not sentences:
        return None
    theirs = [(h, s) for h, body in earlier for s in _claims(body)]
    first: tuple[str, str] | None = None
    for sentence in sentences:
        words = _words(sentence)
        match = next(((h, s) for h, s in theirs if _same(words, _words(s))), None)
        if match is None:
            return None
        first = first or match
    return first
