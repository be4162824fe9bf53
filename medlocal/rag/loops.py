"""Loops a model wrote, found in general (any small model, walk 26, SmolLM2-135M): one line
written again and again ("She was treated ... [6]" three times), one numbered pattern counting up
with nothing in it ("Objective 1:" ... "Objective 35:"), lines of one shape that change an
invented word, a run of lines said again, a phrase said back to back. :func:`find_loops` finds
them in a text, :func:`without_loops` cuts them from an answer; the summary section guard
(rag/section_guard.py) cuts them from a section and the loop watch (rag/loop_watch.py) stops a
generation that has become one."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from medlocal.rag.allergens import AllergyVocabulary, allergy_vocabulary
from medlocal.rag.coverage import content_words, stem
from medlocal.rag.medications import default_lexicon
from medlocal.rag.text_units import (
    WORD,
    Unit,
    line_units,
    sentence_units,
    without_spans,
    word_stems,
)

# This many units (lines or sentences) alike are a loop, cut down to one. Two may be a real list.
REPEATS = 3
# Uncited lines that differ only in their numbers are a loop from this many on ("Follow-up: 8
# years after the treatment", "... 9 years ...", "... 12 years ..."): fewer may be a trend.
UNCITED_REPEATS = 5
# Uncited lines of one shape (the same first two words and last word, at most
# text_units.SHAPE_MIDDLE words between that differ) are a loop from this many on: walk 42g's
# "Allergy to sulfa drugs (3)", "Allergy to sulfite (6)", ... "Allergy to sulfimules (29)", 19
# invented allergies that differ in a word as well as their numbers. Review 42: a real list may
# cite its notes once, above it ("Allergies (from the clinic letter [3]):" and six "- Allergic
# to X: anaphylaxis" lines; six "- HbA1c on <date>: N mmol/mol" lines), so such lines are a
# loop only where one of them names, in the words that differ, something no given note names
# and that is no known drug or allergen ("sulfimules"); then only the lines whose differing
# words no note names are cut, and lines under a cited lead-in line never are.
SHAPE_REPEATS = 6
# Words said again and again in a line ("Subjective: Subjective: Subjective: ..."): a phrase of
# up to PHRASE_WORDS words said REPEATS times or more back to back, PHRASE_SPAN words in all at
# least, is a loop too.
PHRASE_WORDS = 8
PHRASE_SPAN = 6
# While generating, this many lines, or phrases, alike in a row end the step early: no section
# writes eight of them, and the rest of its token budget would go the same way.
RUNAWAY = 8

_TOKEN = re.compile(r"\S+")
_CITATION_TOKEN = re.compile(r"\[\d[\d,\s\-–]*\][.,;:]*")
_TOKEN_EDGE = "\"'“”‘’.,;:!?*_"
# An unfinished citation at the end of a text the length limit cut ("... Cardiology [1").
_OPEN_CITATION = re.compile(r"\s*\[[\d,\s\-–]*$")


def _counts_up(group: Sequence[Unit]) -> bool:
    """Whether the units' first numbers count up one by one for REPEATS in a row."""
    numbers = [u.first_number() for u in group]
    run = 1
    for before, after in pairwise(numbers):
        run = run + 1 if before is not None and after == before + 1 else 1
        if run >= REPEATS:
            return True
    return False


def is_loop(group: Sequence[Unit]) -> bool:
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
class Notes:
    """The word stems of the notes a section was written from: what a line's words may come
    from (None: no notes were given, and nothing is named in them)."""

    stems: frozenset[str]

    @classmethod
    def of(cls, notes: str | None) -> Notes:
        return cls(frozenset(word_stems(notes)) if notes else frozenset())

    def name_all(self, words: Iterable[str]) -> bool:
        return all(stem(w) in self.stems for w in words)


def _differing(unit: Unit) -> tuple[str, str]:
    """The words between a line's shape (after its first two words, before its last), as text
    and as the content words compared with the notes ("sulfa drugs" of "allergy to sulfa drugs
    (#)"; numbers left out)."""
    middle = " ".join(unit.pattern.split()[2:-1])
    words = [w for w in content_words(middle) if w.isalpha() and len(w) >= 3]
    return middle, " ".join(words)


def _unnamed(unit: Unit, notes: Notes) -> bool:
    """Whether a word that differs in ``unit`` is named in no note."""
    return not notes.name_all(_differing(unit)[1].split())


def _invented(unit: Unit, notes: Notes) -> bool:
    """Whether ``unit``'s differing words name something that no note names and that is no
    known drug or allergen ("sulfimules", walk 42g): a loop's invention, not a list's entry."""
    middle, words = _differing(unit)
    return bool(words) and _unnamed(unit, notes) and not _allergy_words().spans(middle)


def _allergy_words() -> AllergyVocabulary:
    return allergy_vocabulary(default_lexicon())


def is_shape_loop(group: Sequence[Unit], notes: Notes) -> bool:
    """Uncited lines of one shape, SHAPE_REPEATS of them or more, none a label, one of which
    names what no note and no drug or allergen list does: a loop that changes a word each time
    (see SHAPE_REPEATS)."""
    return (
        len(group) >= SHAPE_REPEATS
        and bool(group[0].shape)
        and not any(u.cited or u.label for u in group)
        and any(_invented(u, notes) for u in group)
    )


def under_cited_lead_in(units: Sequence[Unit], first: int) -> bool:
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
    units: Sequence[Unit], patterns: bool = True, notes: Notes | None = None
) -> tuple[list[Loop], set[int]]:
    """The loops among ``units`` and the indexes of the units to drop; with ``patterns``,
    units of one pattern count too (lines counting up, uncited lines alike but for numbers),
    and lines of one shape (of those, only the lines naming what no one of ``notes`` does)."""
    notes = notes or Notes(frozenset())
    loops: list[Loop] = []
    dropped: set[int] = set()
    looped: set[int] = set()
    # The same words first, so that three copies of one cited sentence are found among others
    # of its pattern; then one pattern.
    keys: list[tuple[Callable[[Unit], str], Callable[[Sequence[Unit]], bool]]] = [
        (lambda u: u.uncited, is_loop)
    ]
    if patterns:
        keys += [
            (lambda u: u.pattern, is_loop),
            (lambda u: u.shape, lambda group: is_shape_loop(group, notes)),
        ]
    for number, (key, looping) in enumerate(keys):
        groups: dict[str, list[int]] = {}
        for i, unit in enumerate(units):
            if i not in looped:
                groups.setdefault(key(unit), []).append(i)
        for indexes in groups.values():
            group = [units[i] for i in indexes]
            if not looping(group):
                continue
            if number == 2:  # one shape: see SHAPE_REPEATS
                if under_cited_lead_in(units, indexes[0]):
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


def times_repeated(plains: Sequence[str], i: int, n: int) -> int:
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


def _block_loops(units: Sequence[Unit]) -> tuple[list[Loop], set[int]]:
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
        runs = [(n, times_repeated(plains, i, n)) for n in range(2, (len(units) - i) // 2 + 1)]
        runs = [
            (n, k)
            for n, k in runs
            if k >= 2
            and len(set(plains[i : i + n])) > 1  # one line again and again is _loops' to find
            and any(not u.label and WORD.search(u.plain) for u in units[i : i + n])
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
        runs = [(n, times_repeated(words, i, n)) for n in range(1, PHRASE_WORDS + 1)]
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


def written_words(text: str) -> list[str]:
    """The words of ``text`` as the loops compare them (see :func:`_words_of`)."""
    return _words_of(list(_TOKEN.finditer(text)))


def find_loops(
    text: str, patterns: bool, notes: Notes | None = None
) -> tuple[str, list[Unit], set[Unit], list[Loop]]:
    """``text`` without its phrase loops, its units, the units that repeat a loop's first
    saying (to drop) and the loops found. Without ``patterns`` (answers) the units are whole
    lines and a phrase must be said RUNAWAY times: a sentence such as "No acute abnormality."
    under three different scans, or "130/80 mmHg" on three visits, is no loop (review 32b)."""
    written = _words_of(list(_TOKEN.finditer(text)))
    phrase_loops, phrase_cuts = _phrase_loops(text, REPEATS if patterns else RUNAWAY)
    text = without_spans(text, phrase_cuts)
    units = sentence_units(text) if patterns else line_units(text)
    block_loops, in_blocks = _block_loops(units)
    rest = [u for i, u in enumerate(units) if i not in in_blocks]
    line_loops, in_loops = _loops(rest, patterns, notes)
    dropped = {units[i] for i in in_blocks} | {rest[i] for i in in_loops}
    if units and units[-1] not in dropped and _begins_a_dropped(units[-1], dropped):
        dropped.add(units[-1])
    return text, units, dropped, _merged(phrase_loops + block_loops + line_loops, written)


def _begins_a_dropped(unit: Unit, dropped: Iterable[Unit]) -> bool:
    """Whether ``unit``, the text's last, is the beginning of a saying of a loop that was cut,
    where the length limit stopped the model ("... Cardiology [1] Dr Imogen", walk 39b): the
    loop's flag says it was kept once, and this would be it again, unfinished."""
    words = Unit(0, 0, _OPEN_CITATION.sub("", unit.text)).uncited.split()
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
    text, units, dropped, loops = find_loops(text, patterns=False)
    return without_spans(text, [(u.start, u.end) for u in units if u in dropped]), tuple(loops)
