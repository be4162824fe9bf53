"""Echoes: the words of removed identifiers quoted again, out of context, elsewhere in an export.

A grounding flag quotes single values and words of the text it checks ("number '4870' does not
appear in the cited passages", "key words ('[NAME]', 'harrow')"). Out of context the redactor
cannot tell a postcode from a count or a surname's second half from a farm tool, so the same
item the body lost survived in the flags (walk: "QLD [ZIP]" in the body, "'4870'" in a flag).

:class:`RemovedWords` holds every word (letters or digits, split at hyphens, apostrophes and
spaces) of every text the plan removes, with the placeholder of the span it came from, and the
patient's own identifiers from the vault (each part of the name, the MRN, the year of birth)
whatever the plan found. :meth:`RemovedWords.spans` finds them again in a quoting text, compared
case-insensitively, word by word. Recall first, as the redactor is: a word one removed span had
("15" of "15 January 2026") goes from every quoting text, a dose of 15 mg too. Function words
("the", "of") are not taken from addresses and facility names, nor a place's kind words
("Hospital", "Ward"), and a one-character word only where it stands quoted on its own ("'5'").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_identity import PatientIdentity
from medlocal.privacy.deid_lexicon import CALENDAR_WORDS, WEEKDAYS
from medlocal.privacy.deid_place_words import GENERIC, WARD_KINDS
from medlocal.privacy.deid_spans import Redaction, label

# A number with its decimal point or thousands comma is one word: a quoted '10.7' is no echo
# of the "10" of a removed date (walk 20: "number '[DATE].7'").
_WORD = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+")
# The quoted parts of a flag's message: the rest is MedLocal's own wording ("they may not
# support it", "10 of this sentence's 11 key words"), which walk 20 saw turned into "they
# [NAME] not" and "[DOB] key words" by the words of a removed name and date of birth. An
# apostrophe inside a word ("sentence's", "O'Neil") neither opens nor closes a quote.
_QUOTED = re.compile(
    r"(?<!\w)'(?:[^'\n]|'(?=\w))*'(?!\w)|\"[^\"\n]*\"|“[^”\n]*”|‘(?:[^’\n]|’(?=\w))*’(?!\w)"
)
_QUOTES = "'\"‘’“”`"


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` quotes between its own words (each quote with its marks)."""
    return [quote.span() for quote in skipped_finditer(_QUOTED, text)]


# Words too common to quote an identifier by: "12 The Avenue" must not take "the" from every
# flag message. A word of an identifier outside this list goes, English or not ("harrow").
_FUNCTION_WORDS = frozenset(
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "de", "del", "der", "des", "di", "do",
        "du", "for", "from", "in", "is", "it", "la", "le", "los", "of", "on", "or", "the", "to",
        "van", "von", "with",
    }
)  # fmt: skip
# Placeholder words: a quote of "[NAME]" is a placeholder already, never an identifier.
_PLACEHOLDER_KINDS = {"name", "date", "dob", "zip", "id", "mrn", "address", "redacted"}


_DATE_LABELS = frozenset({label("date"), label("dob")})
# A place's kind words ("Hospital", "Clinic", "Ward", "Medical Centre") name no place alone:
# walk 29's summary flag quoted "[FACILITY]" for every "hospital" once a facility was removed.
_PLACE_LABELS = frozenset(label(k) for k in ("facility", "location", "city", "county"))
_PLACE_KIND_WORDS = GENERIC | WARD_KINDS | {"st", "saint", "mount", "mt"}


def _placeholder(kind: str) -> str:
    """What an echo of ``kind`` is replaced by: the plain label (a shifted date's value belonged
    to the whole date, and "90+" says what an age over 89 was)."""
    return label(kind)


@dataclass
class RemovedWords:
    """Lower-cased word -> the placeholder it is replaced by where a flag quotes it."""

    words: dict[str, str] = field(default_factory=dict)

    @classmethod
    def collect(
        cls, removed: Iterable[Redaction], identity: PatientIdentity | None = None
    ) -> RemovedWords:
        found = cls()
        if identity is not None:
            found._identity(identity)
        for red in removed:
            found._add(red.original, _placeholder(red.kind))
        return found

    def _add(self, text: str, placeholder: str) -> None:
        dated = placeholder in _DATE_LABELS
        for word in _WORD.findall(text):
            word = word.casefold()
            if word in _FUNCTION_WORDS or word in self.words:
                continue
            if placeholder in _PLACE_LABELS and word in _PLACE_KIND_WORDS:
                continue
            if dated and (word in CALENDAR_WORDS or word in WEEKDAYS):
                # A month or weekday alone says nothing of the date it came from, and as a word
                # it is ordinary ("they may not support it" lost "may" to "12 May", walk 18).
                continue
            self.words[word] = placeholder

    def _identity(self, identity: PatientIdentity) -> None:
        if identity.name:
            self._add(identity.name, label("patient_name"))
        if identity.mrn:
            self._add(identity.mrn, label("mrn"))
            digits = "".join(c for c in identity.mrn if c.isdigit())
            if digits:
                self.words.setdefault(digits, label("mrn"))
        if identity.dob is not None:
            # The full date's forms are the redactor's; a quoted year of birth is one more.
            self.words.setdefault(str(identity.dob.year), label("dob"))

    def spans(
        self, text: str, covered: Sequence[Redaction] = (), *, quoted_only: bool = False
    ) -> list[Redaction]:
        """Each removed word in ``text`` outside the ``covered`` spans (the plan's own), as a
        redaction with its placeholder; with ``quoted_only``, only inside the quotes of a
        message that quotes between its own words."""
        if not self.words or not text:
            return []
        taken = bytearray(len(text))
        for red in covered:
            taken[red.start : red.end] = b"\x01" * (red.end - red.start)
        if quoted_only:  # what stands outside every quote is taken as well
            at = 0
            for quote in skipped_finditer(_QUOTED, text):
                taken[at : quote.start()] = b"\x01" * (quote.start() - at)
                at = quote.end()
            taken[at:] = b"\x01" * (len(text) - at)
        out: list[Redaction] = []
        for match in _WORD.finditer(text):
            start, end = match.span()
            if any(taken[start:end]):
                continue
            word = match.group().casefold()
            placeholder = self.words.get(word)
            if placeholder is None or _in_placeholder(text, start, end, word):
                continue
            if word.isdigit() and _in_citation(text, start, end):
                continue
            if placeholder != label("age_over_89") and measured(text, start, end):
                continue
            if len(word) == 1 and not _quoted_alone(text, start, end):
                continue
            out.append(Redaction("echo", start, end, match.group(), placeholder))
        return out


# A number written as a measurement (walk 48b D2): an end of a result's range ("CBC 20-41",
# "Fibrin 1.7-2.5") or a value before its unit ("dapagliflozin 10 mg", "LVEF 45%"). A removed
# date's day ("20" of "20/12/2025", "10" of "14/10/2025") took "CBC [DATE]-41" and
# "dapagliflozin [DATE] mg" from a redacted answer's draft; a day or a month is never written
# so. A range is two numbers, the lower first, neither with a leading zero nor joined to a third
# ("20-12-2025" is a date); units of time are left out ("94 years" is an age).
_RANGE = re.compile(
    r"(?<![\d.,/-])(?P<a>(?:0|[1-9]\d*)(?:\.\d+)?)[ \t]?[-–][ \t]?"
    r"(?P<b>(?:0|[1-9]\d*)(?:\.\d+)?)(?![\d.,/]|[-–]\d)"
)
_UNIT_AFTER = re.compile(
    r"[ \t]?(?:mg|mcg|µg|micrograms?|milligrams?|g|grams?|kg|ml|mls|l|dl|mmol|µmol|umol|nmol|"
    r"pmol|units?|iu|meq|mmhg|bpm|%)(?![A-Za-z])",
    re.IGNORECASE,
)


def measured(text: str, start: int, end: int) -> bool:
    """Whether the number at ``start:end`` is a measurement: one end of a range of results, or
    a value before its unit."""
    if _UNIT_AFTER.match(text, end):
        return True
    for found in _RANGE.finditer(text, max(0, start - 12), min(len(text), end + 12)):
        if found.start("a") == start or found.start("b") == start:
            return float(found.group("a")) <= float(found.group("b"))
    return False


def _in_placeholder(text: str, start: int, end: int, word: str) -> bool:
    """``word`` is the inside of a placeholder already written ("[NAME]", "[DATE]")."""
    return (
        word in _PLACEHOLDER_KINDS
        and text[start - 1 : start] == "["
        and text[end : end + 1] == "]"
        and text[start:end].isupper()
    )


# A citation marker of an answer's sentence: "[12]", "[3, 12]", "[4-6]", "[1†]". Its numbers
# are MedLocal's passage numbers, not patient text: a flag quoting "- Dihydroselenium [12]" lost
# its marker to the "12" of a removed date ("[[DATE]]", walk 41b N2).
_CITATION_AROUND = re.compile(r"\[[\d,;\s\-–†]*\Z"), re.compile(r"[\d,;\s\-–†]*\]")


def _in_citation(text: str, start: int, end: int) -> bool:
    """The number at ``start:end`` is one of a citation marker's numbers."""
    before, after = _CITATION_AROUND
    return bool(before.search(text, max(0, start - 24), start)) and bool(
        after.match(text, end, end + 24)
    )


def _quoted_alone(text: str, start: int, end: int) -> bool:
    before = text[start - 1 : start]
    after = text[end : end + 1]
    return (start == 0 and end == len(text)) or (
        before != "" and before in _QUOTES and after != "" and after in _QUOTES
    )
