"""Treatment lengths and the drugs they are given for, and the check that a sentence's length
for a drug is one its cited passages give for that drug.

A length is "for 12 months", "x 7 days", "until 09/03/2027" or "lifelong". Walk 31: "continue
ramipril for 12 months" passed against a medication list whose only length was clopidogrel's
"for 12 months" (the number was in the passage, and a drug with no length of its own was not
checked). A length belongs to the drug it is written with (``drug_facts.dose_pairs``) and also
to the drugs it is shared with: named with that drug by "and" ("clopidogrel and aspirin for 12
months"), or by the words "both", "all", "each", "course" or "total" ("both for 6 weeks",
"5 days total"), or named by a class word in a sentence of its own ("Antibiotics for 7 days."),
or written in the same row of a table's columns.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from medlocal.drugs import default_vocabulary
from medlocal.rag.drug_facts import dose_pairs, drug_at, is_treatment_length
from medlocal.rag.medications import MedicationLexicon
from medlocal.rag.sentences import split_sentences
from medlocal.values import Value, extract_values, is_dose, same_value

_LIFELONG = re.compile(r"\b(?:life-?long|for life|indefinitely|long[- ]term)\b", re.I)
_UNTIL = re.compile(r"\b(?:until|till)\s*$", re.I)
# Words in a length's clause that make it the whole course's, of every drug named in its
# sentence: "both for 6 weeks", "a course of 7 days", "5 days in total".
# "each" only as "each of them", not "each 8 hours" or "each morning" (review 31b).
_WHOLE_COURSE_BEFORE = re.compile(
    r"\b(?:both|all|course|total(?: of)?|each(?!\s+(?:\d|other|day|night|morning|evening|"
    r"hour|week|month|time|dose)))\b",
    re.I,
)
# What a whole course's length is shared across: up to a semicolon or a sentence's end, not
# past it ("Paracetamol 1 g as needed; amoxicillin course for 7 days" gave paracetamol 7 days).
_STATEMENT_BREAK = re.compile(r";|[.!?](?=\s|$)")
_CLAUSE_BREAK = re.compile(r";|,(?!\d{3}\b)|\band\b", re.I)
_WHOLE_COURSE_AFTER = re.compile(r"^\s*(?:in\s+)?total\b", re.I)
# What stands between two drug names that share what follows them: "clopidogrel and aspirin",
# "amoxicillin, clarithromycin and omeprazole"; the last link must be a conjunction (in
# "Because ciprofloxacin interacts with warfarin, cephalexin ... for 7 days" nothing is shared).
_JOINED = re.compile(r"^\s*,?\s*(?:and|or|plus|&|\+)?\s*$", re.I)
_CONJOINED = re.compile(r"\b(?:and|or|plus)\b|[&+]", re.I)
# A table row's cells: apart by a tab, a bar or two spaces or more.
_CELL_GAP = re.compile(r"\t|\s*\|\s*| {2,}")
_EVERY = re.compile(r"\b(?:every|each|per|q)\s*$", re.I)
_LENGTH_UNITS = frozenset({"day", "week", "month"})


# The drug of a length told of a course as a whole, no drug named ("Antibiotics for 7 days").
COURSE = ""


@dataclass(frozen=True)
class Length:
    """A treatment length told of ``drug``: ``value`` is its number ("12 months") or its end
    date ("until 09/03/2027"); None for a lifelong course. ``start``: offset in the text."""

    drug: str
    raw: str
    start: int
    value: Value | None

    @property
    def kind(self) -> str:
        if self.value is None:
            return "lifelong"
        return "until" if self.value.kind == "date" else "span"

    def same(self, other: Length) -> bool:
        if self.value is None or other.value is None:
            return self.value is None and other.value is None
        return same_value(self.value, other.value)

    def comparable(self, other: Length) -> bool:
        """Whether the two can be told apart without a start date: a span and an end date
        cannot ("for 12 months" may end on 09/03/2027); a lifelong course and either can."""
        return self.kind == other.kind or "lifelong" in (self.kind, other.kind)


def treatment_lengths(text: str, lexicon: MedicationLexicon) -> list[Length]:
    """Every treatment length of ``text`` with each drug it is told of (one ``Length`` per
    drug); offsets are offsets in ``text``."""
    own = _own_lengths(text, lexicon)
    found = list(own)
    named = lexicon.spans(text)
    for sentence in split_sentences(text):
        body, at = sentence.text, sentence.start
        names = [(a - at, b - at, d) for a, b, d in named if at <= a and b <= sentence.end]
        mine = [x for x in own if at <= x.start < sentence.end]
        for length in mine:
            local = length.start - at
            for drug in _sharing(body, names, length.drug, local, len(length.raw)):
                found.append(Length(drug, length.raw, length.start, length.value))
        if not names:
            found += _class_lengths(body, at, text, named, lexicon)
    found += _row_lengths(text, lexicon, found)
    unique: dict[tuple[str, int], Length] = {}
    for length in found:
        unique.setdefault((length.drug, length.start), length)
    return sorted(unique.values(), key=lambda x: (x.start, x.drug))


def _own_lengths(text: str, lexicon: MedicationLexicon) -> list[Length]:
    """The lengths written with one drug: "for 12 months" (as ``dose_pairs`` pairs it),
    "until DATE" and "lifelong"."""
    found = [
        Length(drug, value.raw, value.start, value)
        for (drug, _, _), value in dose_pairs(text, lexicon)
        if not is_dose(value)
    ]
    for sentence in split_sentences(text):
        body = sentence.text
        names = lexicon.spans(body)
        if not names:
            continue
        words: list[tuple[int, str, Value | None]] = [
            (m.start(), m.group(), None) for m in _LIFELONG.finditer(body)
        ]
        for date in extract_values(body):
            lead = _UNTIL.search(body, 0, date.start) if date.kind == "date" else None
            if lead is not None:
                raw = body[lead.start() : date.start] + date.raw
                words.append((lead.start(), raw, date.moved(sentence.start)))
        for start, raw, end in words:
            drug = drug_at(names, start, raw, body)
            if drug is not None:
                found.append(Length(drug, raw, sentence.start + start, end))
    return found


def _sharing(
    body: str, names: list[tuple[int, int, str]], drug: str, start: int, size: int
) -> list[str]:
    """The other drugs of ``body`` a length at ``start`` told of ``drug`` is theirs too."""
    clause = max((m.end() for m in _CLAUSE_BREAK.finditer(body, 0, start)), default=0)
    if _WHOLE_COURSE_BEFORE.search(body, clause, start) or _WHOLE_COURSE_AFTER.match(
        body[start + size :]
    ):
        opens = max((m.end() for m in _STATEMENT_BREAK.finditer(body, 0, start)), default=0)
        closing = _STATEMENT_BREAK.search(body, start + size)
        closes = closing.start() if closing is not None else len(body)
        return [d for s, e, d in names if d != drug and opens <= s and e <= closes]
    own = [n for n in names if n[2] == drug and n[1] <= start]
    if not own:
        return []
    head = max(own, key=lambda n: n[1])
    shared: list[str] = []
    for name in sorted((n for n in names if n[1] <= head[0]), key=lambda n: -n[1]):
        link = body[name[1] : head[0]]
        if not _JOINED.match(link) or (not shared and not _CONJOINED.search(link)):
            break
        shared.append(name[2])
        head = name
    return shared


def _class_lengths(
    body: str, at: int, text: str, named: list[tuple[int, int, str]], lexicon: MedicationLexicon
) -> list[Length]:
    """A length in a sentence that names no drug but a class or the course ("Antibiotics for
    7 days in total."): the length of each drug of that class ``text`` names, and the course's
    (``COURSE``), which a drug the passage gives no length of its own may have: the class lists
    are not complete (doxycycline is no "antibiotic" there)."""
    lengths = [v for v in extract_values(body) if is_treatment_length(v, body)]
    if not lengths:
        return []
    classes = default_vocabulary().named_classes(body)
    if not classes and not _WHOLE_COURSE_BEFORE.search(body):
        return []
    members = {m for _, found in classes for m in found}
    drugs = {d for _, _, d in named if lexicon.generics(d) & members} | {COURSE}
    return [Length(d, v.raw, at + v.start, v.moved(at)) for v in lengths for d in sorted(drugs)]


# A row's cell that is its length: the value alone, or after "x"/"for"/"total" ("x 7 days").
_LENGTH_CELL = re.compile(r"(?:(?:x|for|total|course)\s*)?", re.I)


def _cell_is_length(cells: Sequence[str], raw: str) -> bool:
    """Whether ``raw`` is a whole cell of the row (review 31b: "started 2 days ago" and "review
    in 3 months" were taken as the drug's length)."""
    return any(
        (lead := _LENGTH_CELL.match(cell.strip())) is not None
        and cell.strip()[lead.end() :].strip() == raw
        for cell in cells
        if raw in cell
    )


def _row_lengths(text: str, lexicon: MedicationLexicon, known: Sequence[Length]) -> list[Length]:
    """A length in a table row that names one drug (a medication list in columns: "Clopidogrel
    75 mg  OD  12 months") is that drug's; it has no "for" to tie it."""
    taken = {x.start for x in known}
    found: list[Length] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        drugs = {d for _, _, d in lexicon.spans(line)}
        cells = [c for c in _CELL_GAP.split(line.strip()) if any(ch.isalnum() for ch in c)]
        if len(drugs) == 1 and len(cells) >= 3:
            drug = drugs.pop()
            found += [
                Length(drug, v.raw, offset + v.start, v.moved(offset))
                for v in extract_values(line)
                if v.kind == "number"
                and v.unit in _LENGTH_UNITS
                and offset + v.start not in taken
                and not _EVERY.search(line, 0, v.start)
                and _cell_is_length(cells, v.raw)
            ]
        offset += len(line)
    return found


@dataclass(frozen=True)
class LengthProblem:
    """A sentence's length that its cited passages do not give its drug."""

    length: Length
    message: str
    passage: int
    quote: str


def check_lengths(
    body: str,
    cited: Sequence[int],
    given: Mapping[int, Sequence[Length]],
    passages: Mapping[int, str],
    lexicon: MedicationLexicon,
) -> list[LengthProblem]:
    """Each length of ``body`` for a drug that the cited passages (``given``: their lengths)
    give that drug another length, or none while giving other drugs theirs. A sentence whose
    passages give no length at all is left to the number check."""
    evidence = [(n, x) for n in cited for x in given.get(n, ()) if x.drug != COURSE]
    courses = [(n, x) for n in cited for x in given.get(n, ()) if x.drug == COURSE]
    problems: list[LengthProblem] = []
    for mine in treatment_lengths(body, lexicon):
        if mine.drug == COURSE:
            continue  # "antibiotics for 7 days": its number is checked as a number
        theirs = [(n, x) for n, x in evidence if lexicon.same_drug(mine.drug, x.drug)]
        theirs = theirs or courses
        if theirs:
            comparable = [(n, x) for n, x in theirs if mine.comparable(x)]
            if not comparable or any(mine.same(x) for _, x in comparable):
                continue
            n, example = comparable[0]
            message = (
                f"duration '{mine.raw}' is not what the cited passages give for {mine.drug}"
                f" (they give '{example.raw}')"
            )
        else:
            others = [(n, x) for n, x in evidence if not lexicon.same_drug(mine.drug, x.drug)]
            if not others:
                continue
            n, example = others[0]
            told = ", ".join(dict.fromkeys(f"{x.raw} for {x.drug}" for _, x in others))
            subject = "the cited passage gives" if len(cited) == 1 else "the cited passages give"
            message = (
                f"duration '{mine.raw}' is not given for {mine.drug} in the cited passages:"
                f" {subject} {told}, no length for {mine.drug}"
            )
        problems.append(LengthProblem(mine, message, n, _sentence_at(passages[n], example.start)))
    return problems


def _sentence_at(text: str, offset: int) -> str:
    found = next((s.text for s in split_sentences(text) if s.start <= offset < s.end), "")
    return " ".join(found.split())
