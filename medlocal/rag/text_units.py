"""A text a model wrote, read in units (lines, and the sentences and clauses of a line) with
their offsets, and cut: what the loop finding (rag/loops.py) and the summary section guard
(rag/section_guard.py) compare and remove."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from medlocal.rag.citations import blank_citations, has_citation
from medlocal.rag.coverage import content_words, stem
from medlocal.rag.sentences import split_sentences

# A line's shape is its first two words and last word, where at most this many words lie
# between (see loops.SHAPE_REPEATS: lines of one shape may be a loop that changes a word).
SHAPE_MIDDLE = 3

_EDGE = re.compile(r"^[\s\"'“”‘’`>*_#•\-–—]+|[\s\"'“”‘’`*_]+$")  # decoration around a line
_LIST_NUMBER = re.compile(r"^\d{1,3}[.)]\s+")
_END_PUNCTUATION = re.compile(r"[\s:;,.!]+$")
_DIGITS = re.compile(r"\d+")
# A word, in a unit's ``plain`` text: a unit without one says nothing.
WORD = re.compile(r"[^\W\d_]{2,}")  # accented letters too (walk 47b D13)
# A citation that ends a statement with no full stop: a capitalised word follows it.
_CLAUSE_END = re.compile(r"\[\d[\d,\s\-–]*\](?=[ \t]+[A-Z])")
# A list marker ("- ", "2. ") before a line's words.
BULLET = re.compile(r"\s*(?:[-*•]|\d{1,3}[.)])\s+")


@dataclass(frozen=True)
class Unit:
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
        return Unit(0, 0, blank_citations(self.text, fill="")).plain

    @property
    def pattern(self) -> str:
        """``plain`` without citations, each number as "#": "objective 1:" ~ "objective 35"."""
        return _DIGITS.sub("#", Unit(0, 0, blank_citations(self.text, fill="")).plain)

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


def line_units(text: str) -> list[Unit]:
    units: list[Unit] = []
    at = 0
    for line in text.split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            units.append(Unit(at + lead, at + len(line.rstrip()), line.strip()))
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


def sentence_units(text: str) -> list[Unit]:
    """Each line's sentences (cut after a citation a new clause follows), or the line itself
    where it holds none (a label, a heading)."""
    units: list[Unit] = []
    for line in line_units(text):
        spans = [(s.start, s.end) for s in split_sentences(line.text)]
        if spans and spans[0][0] and BULLET.fullmatch(line.text[: spans[0][0]]):
            spans[0] = (0, spans[0][1])  # the list marker is the first sentence's ("2. ...")
        spans = [clause for a, b in spans for clause in _clauses(line.text, a, b)]
        units += [Unit(line.start + a, line.start + b, line.text[a:b]) for a, b in spans] or [line]
    return units


def without_spans(text: str, cuts: Sequence[tuple[int, int]]) -> str:
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


# Words that present a text rather than say something ("Here is the section ..."): not counted.
_PRESENTING = frozenset({"here", "below", "above", "following", "sure", "okay", "now"})


def presents(text: str) -> bool:
    """Whether ``text`` uses a word that presents a text ("Here is", "Below", "The following")."""
    return any(w in _PRESENTING for w in content_words(text))


def word_stems(text: str) -> set[str]:
    """The stems of the words of ``text`` that say something (no numbers, no "Here is ...")."""
    return {stem(w) for w in content_words(text) if not w[0].isdigit() and w not in _PRESENTING}
