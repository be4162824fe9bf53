"""The redaction plan: what an export will remove, reviewed before anything is written.

A plan holds every span the :class:`~medlocal.privacy.redact.Redactor` found in each named part of
a document ("title", "body", "reference 2"), numbered from 1 in document order. Before export the
user may *keep* a span they judge safe (an eponym taken for a name, say), giving a reason that the
audit log records, or *add* a span the rules missed (every occurrence of the text, in every part).

A span's number never changes: spans added later get new numbers after every number given so
far, so the number the user read in a preview (or selected in the window) names the same span
whether texts were added before or after. An added text that overlaps found spans is merged with
them into one new span; the numbers it absorbed name no span any more and cannot be kept.
Both faces use this one object: the CLI preview prints it and takes ``--keep``/``--add``; the
window lists it with check boxes. It is Qt-free and writes nothing; the texts it holds are
patient data and stay in memory.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from medlocal.errors import UserInputError
from medlocal.privacy.deid_echoes import RemovedWords, quoted_spans
from medlocal.privacy.deid_identity import PatientIdentity, split_name
from medlocal.privacy.deid_people_words import TITLES
from medlocal.privacy.deid_spans import Redaction, apply_redactions, label, resolve

if TYPE_CHECKING:
    from medlocal.privacy.redact import Redactor

# What only building a plan reads (the word lists, the file-name and own-sentence rules, and the
# redactor itself, some two thousand patterns) is imported in :meth:`RedactionPlan.build`: the
# window's process keeps, adds and applies plans that the rules built in a process of their own
# (deid_child), and importing them there stalled the window (walkfix54a D2).

# The audit log takes short strings only (so that free text cannot slip in): a reason is a note,
# not an essay, and must never quote the identifier it keeps.
MAX_REASON = 120
_OWN_KINDS = frozenset({"patient_name", "mrn", "dob"})
_DATE_KINDS = frozenset({"date", "dob"})


def _date_key(written: str) -> str:
    """A date as compared with its other copies: case and blanks aside."""
    return re.sub(r"\s+", "", written).casefold()


# Between the parts of a document when they are read as one text: a paragraph break, so that no
# rule reads one part's last word with the next part's first.
_PART_GAP = "\n\n"
# What a span outside every quote of MedLocal's own wording (a flag's message) may be guessed
# from words and so be wrong there ("they may not support it": "may" a name, walk 22). Any other
# kind has a form of its own (a date, a phone number, an MRN) that MedLocal's wording holds only
# when it copies it from the text: walk 29's "there it is a value on 2026-11-08" kept a real
# date beside the shifted one, giving the shift away.
_WORD_KINDS = frozenset({"name", "facility", "location", "city", "county", "street_address"})
# The kind of a span the user added (``--add``, the window's Add): the rules did not find it, so
# nothing says what it is, and it is replaced by the neutral "[REDACTED]" (walk 39: "NYHA" added
# was typed "name" and read "much less breathless ([NAME] class II)", as if a person was named).
ADDED_KIND = "added"


@dataclass
class PlanItem:
    """One span of the plan: where it is, what it is, and whether the user kept it."""

    where: str
    redaction: Redaction
    number: int = 0
    kept: bool = False
    reason: str = ""
    added: bool = False  # added by the user rather than found by the rules
    part: int = 0  # index of the part in the plan's fields (two parts may share a name)
    # The patient's own identifier the span holds ("patient_name", "mrn", "dob"), whatever
    # kind it was found as: walk 21 kept "MARGERY WHITLOCK-DUNNE D.O.B" (a "name" span) with
    # no warning that the file would name the patient.
    own: str = ""
    # What the preview calls the span where that is not its kind: a span found as the patient's
    # name that holds another person's word is a "name" (walk 38: her husband "Gordon
    # Hathersage", found by the surname they share, read "Patient name"); one that holds only
    # part of the patient's name is "patient_name_part" (a bare surname may be a relative's).
    shown_kind: str = ""

    @property
    def type(self) -> str:
        """The span's type as the preview shows it (see ``shown_kind``)."""
        return self.shown_kind or self.redaction.kind


def patient_name_type(original: str, identity: PatientIdentity | None) -> str:
    """What a span found as the patient's name is: "patient_name" where it is her whole name (or
    a form of it the rules know, "Ellie", "E. Hathersage"), "patient_name_part" where it is one
    part of it alone, "name" where it holds a word of no part of it ("Gordon Hathersage")."""
    if identity is None or not identity.name:
        return "patient_name"
    given, surname = split_name(identity.name)
    fold = _fold
    given_words = {fold(p) for w in given for p in _NAME_WORD.findall(w)}
    surname_words = {fold(p) for w in surname for p in _NAME_WORD.findall(w)}
    initials = {w[:1] for w in given_words}  # "E. Hathersage" is hers
    # fixdeid35 (review 35b): forms of her own name were typed "Name": "Eléanor Hathersage"
    # (accents folded), "Eleanor M. Hathersage" (a middle initial), "Dame Eleanor Hathersage"
    # (an honorific) and "Eleanor Hathersage-Smith" (her surname in a double-barrelled one).
    words = []
    for token in original.split():
        parts = [fold(w) for w in _NAME_WORD.findall(token)]
        if len(parts) > 1 and any(p in surname_words for p in parts):
            parts = [p for p in parts if p in surname_words]
        words += [p for p in parts if p not in _NOT_NAME_WORDS]
    words = [w for w in words if len(w) > 1 or w in initials]
    others = [w for w in words if w not in given_words | surname_words | initials]
    if others:
        # A form of her name the rules know alone ("Ellie", "EH") is hers; beside a word of
        # her name, another word is another person's ("Gordon Hathersage").
        return "patient_name" if len(words) == 1 else "name"
    has_given = not given_words or any(w in given_words or w in initials for w in words)
    has_surname = any(w in surname_words for w in words)
    return "patient_name" if has_given and has_surname else "patient_name_part"


_NAME_WORD = re.compile(r"[^\W\d_]+")
# A title, an honorific or a joiner inside a span names no one ("Mrs Hathersage and Eleanor",
# "Dame Eleanor Hathersage").
_NOT_NAME_WORDS = TITLES | {
    "and", "or", "of", "the", "s", "dame", "sir", "lady", "lord", "madam", "madame", "mx",
    "rev", "revd", "hon",
}  # fmt: skip


def _fold(word: str) -> str:
    """``word`` in small letters without its accents ("Eléanor" -> "eleanor")."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass
class RedactionPlan:
    fields: list[tuple[str, str]]  # (where, text), in document order
    items: list[PlanItem] = field(default_factory=list)  # in document order
    # Numbers of spans an added text absorbed -> the number of the span they are now part of.
    merged: dict[int, int] = field(default_factory=dict)
    last_number: int = 0  # the highest number given so far; the next span added gets the next
    # The patient's own identifiers the plan was made with: a quoting part loses them always.
    identity: PatientIdentity | None = None
    # Keeps an added text overrode: (the kept number, the added span's number it is now part of).
    overridden: list[tuple[int, int]] = field(default_factory=list)

    @classmethod
    def build(
        cls,
        fields: Sequence[tuple[str, str]],
        redactor: Redactor,
        wording: Container[str] = (),
        sentences: Container[str] = (),
    ) -> RedactionPlan:
        """The plan of every part, read together as one text: a name found by its cue in the
        body ("Grandson Tyler Summers") is then found too where a reference's snippet quotes it
        without one ("Tyler turned them away"). Read part by part, the snippet kept it.

        The parts named in ``wording`` are MedLocal's own words around quotes of the text (a
        grounding flag's message): outside their quotes, only identifiers of a form of their
        own (dates, numbers, addresses on the net) are planned, not those guessed from words.
        Walk 22: "key words ('mrs', 'recovered'); they may not support it" lost "may" as a
        name after the quoted title.

        The parts named in ``sentences`` are MedLocal's own sentences shown after a lead
        ("Note: the model's draft … may not answer …"): re-cased as a line typed in lower case,
        for what they insert (a question as typed, a file or a patient's name), but MedLocal's
        own plain words keep their small letters (walk 52a: "earlier" and "may" became [NAME];
        review 52b F1: read as prose, "did dr hastings …" kept its names)."""
        from medlocal.privacy.deid_lexicon import lexicon
        from medlocal.privacy.deid_own_sentences import notes_as_read

        # A stand-in redactor (a test's) may know no identity.
        plan = cls(list(fields), identity=getattr(redactor, "identity", None))
        own = getattr(redactor, "own_patterns", [])  # the patient's name and MRN, compiled once
        bounds: list[tuple[int, int]] = []
        pos = 0
        for _, text in plan.fields:
            bounds.append((pos, pos + len(text)))
            pos += len(text) + len(_PART_GAP)
        notes = [bounds[i] for i, (where, _) in enumerate(plan.fields) if where in sentences]
        joined = notes_as_read(_PART_GAP.join(text for _, text in plan.fields), notes, lexicon())
        quoted = {
            part: quoted_spans(text)
            for part, (where, text) in enumerate(plan.fields)
            if where in wording
        }
        for red in redactor.preview(joined):
            for part, (lo, hi) in enumerate(bounds):
                start, end = max(red.start, lo), min(red.end, hi)
                if start >= end:
                    continue
                if (
                    part in quoted
                    and red.kind in _WORD_KINDS
                    and not any(a < end - lo and start - lo < b for a, b in quoted[part])
                ):
                    continue  # guessed from MedLocal's own wording, outside every quote
                # A span that ran over a part's edge keeps only its own part's text, under its
                # plain label (a shifted date's replacement belonged to the whole span).
                whole = (start, end) == (red.start, red.end)
                replacement = red.replacement if whole else label(red.kind)
                written = plan.fields[part][1][start - lo : end - lo]  # not as read
                piece = Redaction(red.kind, start - lo, end - lo, written, replacement)
                holds = (
                    red.kind
                    if red.kind in _OWN_KINDS
                    else next((kind for kind, pattern in own if pattern.search(piece.original)), "")
                )
                shown = (
                    patient_name_type(piece.original, plan.identity)
                    if piece.kind == "patient_name"
                    else ""
                )
                plan.items.append(
                    PlanItem(
                        plan.fields[part][0],
                        piece,
                        part=part,
                        own=holds,
                        shown_kind="" if shown == piece.kind else shown,
                    )
                )
        plan._file_name_words()
        plan._sort()
        for item in plan.items:
            item.number = plan._next_number()
        return plan

    def copy(self) -> RedactionPlan:
        """A copy whose keeps and adds leave this plan as it was (the spans themselves are
        shared: a Redaction cannot change)."""
        return replace(
            self,
            fields=list(self.fields),
            items=[replace(item) for item in self.items],
            merged=dict(self.merged),
            overridden=list(self.overridden),
        )

    def _file_name_words(self) -> None:
        """The words of a file name (the title of a document's copy, a reference's file) that
        name what the plan removes elsewhere, or that are no known word (walk 24:
        "discharge_summary_stwilfrids.pdf" kept the hospital the body lost)."""
        from medlocal.privacy.deid_file_names import file_name_spans, is_file_name, removed_letters
        from medlocal.privacy.deid_lexicon import lexicon

        names = [(part, text) for part, (_, text) in enumerate(self.fields) if is_file_name(text)]
        if not names:
            return
        # A span over the extension's dot read the name as a web address ("family.txt"): it is
        # cut back to the stem where that holds a digit (a code, "NHS1234567.pdf"), else the
        # stem's words are judged below; the extension stays.
        dots = {part: text.rindex(".") for part, text in names}
        kept: list[PlanItem] = []
        for item in self.items:
            red = item.redaction
            dot = dots.get(item.part, -1)
            if red.start <= dot < red.end:
                stem = red.original[: dot - red.start]
                if not any(c.isdigit() for c in stem):
                    continue
                item.redaction = Redaction(red.kind, red.start, dot, stem, label(red.kind))
            kept.append(item)
        self.items = kept
        removed = removed_letters(item.redaction for item in self.items)
        for part, text in names:
            covered = [item.redaction for item in self.items if item.part == part]
            for red in file_name_spans(text, removed, lexicon(), covered):
                self.items.append(PlanItem(self.fields[part][0], red, part=part))

    def _sort(self) -> None:
        self.items.sort(key=lambda it: (it.part, it.redaction.start))

    def _next_number(self) -> int:
        self.last_number += 1
        return self.last_number

    def item(self, number: int) -> PlanItem:
        for item in self.items:
            if item.number == number:
                return item
        into = self.absorbed_into(number)  # merged, perhaps merged again by a later add
        if into is not None:
            raise UserInputError(
                f"redaction {number} is now part of redaction {into}, a text you added to "
                "remove: it stays removed"
            )
        listed = _ranges(sorted(it.number for it in self.items)) or "none"
        raise UserInputError(f"no redaction number {number}: the preview lists {listed}")

    def absorbed_into(self, number: int) -> int | None:
        """The added span that span ``number`` is now part of; None if it was not absorbed."""
        if number not in self.merged:
            return None
        into = number
        while into in self.merged:
            into = self.merged[into]
        return into

    def keep_unless_added(self, number: int, reason: str) -> PlanItem | None:
        """Keep span ``number``, unless an added text absorbed it: the added text wins (it must
        go), and the overridden keep is recorded in :attr:`overridden` for the faces to say."""
        into = self.absorbed_into(number)
        if into is None:
            return self.keep(number, reason)
        self.overridden.append((number, into))
        return None

    def keep(self, number: int, reason: str) -> PlanItem:
        """Leave span ``number`` in the export. A reason is required: it goes to the audit log."""
        if not reason.strip():
            raise UserInputError("say why this span is safe to keep (the reason is audited)")
        if len(reason.strip()) > MAX_REASON:
            raise UserInputError(f"keep the reason to {MAX_REASON} characters (it is audited)")
        item = self.item(number)
        if item.added:
            raise UserInputError(
                f"redaction {number} is a text you added to remove: leave out that text instead"
            )
        item.kept, item.reason = True, reason.strip()
        if item.redaction.kind in _DATE_KINDS:
            # The same date written elsewhere stays too: kept in one place and shifted in
            # another, the pair gives away the shift of every date of the patient (walk 30:
            # "DISCHARGE NOTE 14/03/2025" in the body, "09/08/2025" in a reference).
            same = _date_key(item.redaction.original)
            for other in self.items:
                if (
                    other is not item
                    and not other.kept
                    and not other.added
                    and other.redaction.kind in _DATE_KINDS
                    and _date_key(other.redaction.original) == same
                ):
                    other.kept, other.reason = True, f"same date as kept redaction {number}"
        return item

    def already_removed(self, text: str) -> list[int]:
        """The numbers of the removed spans that hold every occurrence of ``text`` (as
        :meth:`add` finds them), in order; empty where one occurrence is outside them all (or
        in a kept span, which adding it would override) or there is none. Walk 38: adding
        "Stepping Hill", already removed inside "Stepping Hill Hospital", moved its line to
        the end of the list under a new number and said nothing. fixdeid35 (review 35b): a span
        whose replacement writes the text back ("20/08/2023" -> "2023" in year mode) does not
        remove it, so adding "2023" there is no text already removed."""
        pattern = re.compile(rf"(?<!\w){re.escape(text.strip())}(?!\w)", re.I)
        holding: list[int] = []
        for part, (_, body) in enumerate(self.fields):
            spans = [it for it in self.items if it.part == part and not it.kept]
            for match in pattern.finditer(body):
                within = next(
                    (
                        it
                        for it in spans
                        if it.redaction.start <= match.start() and match.end() <= it.redaction.end
                    ),
                    None,
                )
                if within is None or pattern.search(within.redaction.replacement):
                    return []
                if within.number not in holding:
                    holding.append(within.number)
        return holding

    def add(self, text: str, kind: str = ADDED_KIND) -> int:
        """Redact every occurrence of ``text`` (whole words, any case) in every part; returns how
        many places were added. Spans it overlaps are merged with it, so nothing is lost (a kept
        one too: the added text must go). New spans are numbered after every number given so
        far, and no span that was there keeps a different number."""
        if len(text.strip()) < 2:
            raise UserInputError("give at least two characters to redact")
        pattern = re.compile(rf"(?<!\w){re.escape(text.strip())}(?!\w)", re.I)
        added = 0
        for part, (where, body) in enumerate(self.fields):
            matches = list(pattern.finditer(body))
            if not matches:
                continue
            added += len(matches)
            current = [it for it in self.items if it.part == part]
            new = [Redaction(kind, m.start(), m.end(), m.group(), label(kind)) for m in matches]
            merged = resolve(body, [it.redaction for it in current] + new)
            by_span = {(it.redaction.start, it.redaction.end): it for it in current}
            rest = [it for it in self.items if it.part != part]
            for red in merged:
                old = by_span.get((red.start, red.end))
                # A found span that holds an added text whole ("Whitcombe" in "Eleanor
                # Whitcombe-Harrow") comes out of the merge unchanged, but it is the added
                # text's now: kept, it would have left the added text in the file (walk).
                holds_added = any(m.start < red.end and red.start < m.end for m in new)
                if old is not None and not holds_added:
                    rest.append(old)
                    continue
                if holds_added and pattern.search(red.replacement):
                    # fixdeid35: a span that wrote the added text back ("20/08/2023" -> "2023"
                    # in year mode) removes it now.
                    red = Redaction(red.kind, red.start, red.end, red.original, label(red.kind))
                new_item = PlanItem(where, red, self._next_number(), added=True, part=part)
                for it in current:  # the spans this one absorbed
                    if it.redaction.start < red.end and red.start < it.redaction.end:
                        self.merged[it.number] = new_item.number
                rest.append(new_item)
            self.items = rest
            self._sort()
        return added

    def active(self, where: str, text: str) -> list[Redaction]:
        """The spans (less the kept ones) the plan removes from ``text`` of part ``where``. A
        text the plan was not made from is refused rather than written out unredacted."""
        for part, field_ in enumerate(self.fields):
            if field_ == (where, text):
                return [it.redaction for it in self.items if it.part == part and not it.kept]
        raise ValueError(f"the redaction plan was not made from this text of {where!r}")

    def apply(self, where: str, text: str) -> str:
        """``text`` of part ``where`` with the plan's spans (less the kept ones) replaced."""
        return apply_redactions(text, self.active(where, text))

    def removed_words(self) -> RemovedWords:
        """The words of every span the plan removes (the kept ones stay in the file, so they
        may be quoted too), and the patient's own identifiers."""
        return RemovedWords.collect(
            (it.redaction for it in self.items if not it.kept), self.identity
        )

    def apply_quoting(
        self,
        where: str,
        text: str,
        removed: RemovedWords | None = None,
        *,
        quoted_only: bool = False,
    ) -> str:
        """``text`` of a part that quotes the rest out of context (a grounding flag): the
        plan's spans replaced, and every word of a removed span or of the patient's identity
        too, wherever it stands, or with ``quoted_only`` wherever it stands between quotes (a
        flag's message: the rest is MedLocal's wording) (:mod:`~medlocal.privacy.deid_echoes`)."""
        active = self.active(where, text)
        if quoted_only:
            active = [_year_of_quoted_date(text, red) for red in active]
        words = removed if removed is not None else self.removed_words()
        echoes = words.spans(text, active, quoted_only=quoted_only)
        return apply_redactions(text, [*active, *echoes])

    def audit_details(self) -> dict[str, Any]:
        """What the audit log records, flat as the log requires: counts by type, and each kept
        span's number, type and place with the user's reason. Never the identifiers themselves."""
        by_type: dict[str, int] = {}
        for item in self.items:
            if not item.kept:
                by_type[item.redaction.kind] = by_type.get(item.redaction.kind, 0) + 1
        kept = [it for it in self.items if it.kept]
        overridden: dict[str, Any] = {}
        if self.overridden:
            overridden["keeps_overridden"] = [f"{n} into {into}" for n, into in self.overridden]
        return {
            "redactions": sum(by_type.values()),
            "redaction_types": [f"{kind}={n}" for kind, n in sorted(by_type.items())],
            "redactions_added": sum(1 for it in self.items if it.added),
            "kept": [f"{it.number} {it.redaction.kind} in {it.where}" for it in kept],
            "kept_reasons": [it.reason for it in kept],
            **overridden,
        }


# A flag's message quoting a date it checked: "date '20/08/2023' does not appear in the cited
# passages". Kept to its year (``--date-mode year``), that read "date '2023' does not appear"
# beside a passage that holds 2023 (walk 38): the message then says what was checked.
_DATE_QUOTE_OPEN = "date '"
_YEAR = re.compile(r"\d{4}")


def _year_of_quoted_date(text: str, red: Redaction) -> Redaction:
    """``red`` over a whole quoted date of a flag's message, kept to its year, widened over the
    words "date '...'" and written as what the reader can check ("a date in 2023 (day and month
    removed)"): the year alone may well be in the passages, the full date is not."""
    opened = red.start - len(_DATE_QUOTE_OPEN)
    if (
        red.kind not in _DATE_KINDS
        or _YEAR.fullmatch(red.replacement) is None
        or red.original == red.replacement
        or opened < 0
        or text[opened : red.start] != _DATE_QUOTE_OPEN
        or text[red.end : red.end + 1] != "'"
    ):
        return red
    said = f"a date in {red.replacement} (day and month removed)"
    return Redaction(red.kind, opened, red.end + 1, text[opened : red.end + 1], said)


def _ranges(numbers: Sequence[int]) -> str:
    """[1, 2, 3, 5, 7, 8] -> "1-3, 5, 7-8": the numbers a plan holds, short enough to print."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ", ".join(str(lo) if lo == hi else f"{lo}-{hi}" for lo, hi in runs)
