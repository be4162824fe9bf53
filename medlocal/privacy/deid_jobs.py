"""What an export asks of the de-identification rules, in plain data that can cross a pipe: read
one document's record seeds, combine a record's seeds, and build a redaction plan from a
:class:`RedactorSpec`. :class:`InProcessRules` runs them in this process (the CLI: no window to
freeze); :class:`~medlocal.privacy.deid_child.ChildRules` runs the same functions in a process of
their own (the window: building the rules there cannot hold the window's interpreter lock).

This module is light to import on purpose: the rules themselves (``medlocal.privacy.redact``,
some two thousand patterns and the word lists) are imported inside the functions that run them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Container, Hashable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

from medlocal.privacy.deid_identity import PatientIdentity

if TYPE_CHECKING:
    from medlocal.privacy.deid_model import SpanProposer
    from medlocal.privacy.deid_plan import RedactionPlan
    from medlocal.privacy.deid_words import NameSeeds
    from medlocal.privacy.redact import Redactor

# Called with (characters read, characters in all) while a long text is read.
PieceProgress = Callable[[int, int], None]


@dataclass(frozen=True)
class RecordNames:
    """The names, organisations and places a patient's record names (deid_record's combined
    seeds), as sorted pairs: equal records compare equal, so a plan kept for reuse is keyed on
    them, and the window's process holds them without importing the rules."""

    words: tuple[tuple[str, str], ...] = ()
    phrases: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, seeds: NameSeeds) -> RecordNames:
        return cls(tuple(sorted(seeds.words.items())), tuple(sorted(seeds.phrases.items())))

    def seeds(self) -> NameSeeds:
        from medlocal.privacy.deid_words import NameSeeds

        return NameSeeds(dict(self.words), dict(self.phrases))


@dataclass(frozen=True)
class RedactorSpec:
    """Everything a :class:`~medlocal.privacy.redact.Redactor` of an export is built from, but
    the model line (a callable the rules' process cannot hold: it is asked over the pipe)."""

    identity: PatientIdentity
    date_mode: Literal["shift", "year"] = "shift"
    shift_days: int | None = None
    day_first: bool | None = None
    names: RecordNames | None = None

    def key(self) -> Hashable:
        """What the rules' findings depend on besides the text and the model line."""
        return (self.identity, self.date_mode, self.shift_days, self.day_first, self.names)


@dataclass(frozen=True)
class RecordReading:
    """A record's seeds combined: its day order, its names, and the positions of the stored
    seeds that could not be read (read those documents again and combine once more)."""

    day_first: bool | None
    names: RecordNames
    unreadable: tuple[int, ...] = ()


class Rules(Protocol):
    """Where the de-identification rules run (one seam: the application layer picks)."""

    def document_seeds(
        self,
        text: str,
        identity: PatientIdentity | None,
        *,
        progress: PieceProgress | None = None,
        cancel: threading.Event | None = None,
    ) -> str: ...

    def combine(self, seeds: Sequence[str]) -> RecordReading: ...

    def plan(
        self,
        fields: Sequence[tuple[str, str]],
        spec: RedactorSpec,
        *,
        wording: Container[str] = (),
        sentences: Container[str] = (),
        proposer: SpanProposer | None = None,
        cancel: threading.Event | None = None,
    ) -> RedactionPlan: ...

    def ready(self) -> bool:
        """Whether the rules are built (else the first job builds them: seconds)."""
        ...

    def start(self) -> None:
        """Have the rules built ahead of the first job, if they are built apart."""
        ...

    def close(self) -> None: ...


# -- the jobs themselves (run in whichever process holds the rules) --------------------------------


def document_seeds(
    text: str,
    identity: PatientIdentity | None,
    progress: PieceProgress | None = None,
    cancel: threading.Event | None = None,
) -> str:
    """One document's record seeds (deid_record.document_seeds), as stored in the vault."""
    from medlocal.privacy import deid_record

    redactor = deid_record.record_redactor(identity)
    seeds = deid_record.document_seeds(text, redactor, cancel=cancel, progress=progress)
    return seeds.to_json()


def combine(seeds: Sequence[str]) -> RecordReading:
    """The record's day order and names from its documents' stored seeds, in order."""
    from medlocal.privacy.deid_record import DocumentSeeds, combined

    read: list[DocumentSeeds] = []
    unreadable: list[int] = []
    for i, text in enumerate(seeds):
        try:
            read.append(DocumentSeeds.from_json(text))
        except (ValueError, KeyError, TypeError, AttributeError):
            unreadable.append(i)
    day_first, names = combined(read)
    return RecordReading(day_first, RecordNames.of(names), tuple(unreadable))


def redactor_of(spec: RedactorSpec, proposer: SpanProposer | None = None) -> Redactor:
    """The :class:`~medlocal.privacy.redact.Redactor` ``spec`` describes (built where it is
    called: the rules' own process, or this one for the CLI)."""
    from medlocal.privacy.redact import Redactor

    return Redactor(
        spec.identity,
        date_mode=spec.date_mode,
        proposer=proposer,
        shift_days=spec.shift_days,
        day_first=spec.day_first,
        record=None if spec.names is None else spec.names.seeds(),
    )


def build_plan(
    fields: Sequence[tuple[str, str]],
    spec: RedactorSpec,
    wording: Container[str] = (),
    sentences: Container[str] = (),
    proposer: SpanProposer | None = None,
    cancel: threading.Event | None = None,
) -> RedactionPlan:
    """The rules' plan of ``fields`` (no keeps or adds); ``cancel`` stops it part-way."""
    from medlocal.privacy.deid_cancel import cancellable
    from medlocal.privacy.deid_plan import RedactionPlan

    redactor = redactor_of(spec, proposer)
    with cancellable(cancel):
        return RedactionPlan.build(fields, redactor, wording=wording, sentences=sentences)


def build_rules() -> None:
    """Build the rules and load their word lists and statistical line (what the first job
    would otherwise wait for)."""
    from medlocal.errors import MedLocalError
    from medlocal.privacy.deid_lexicon import lexicon
    from medlocal.privacy.deid_tagger import shipped_tagger
    from medlocal.privacy.redact import Redactor  # noqa: F401  (imported to compile its patterns)

    lexicon()
    with suppress(MedLocalError):  # the export says so itself, when one is asked for
        shipped_tagger()


class InProcessRules:
    """The rules run in this process, on the caller's thread."""

    def document_seeds(
        self,
        text: str,
        identity: PatientIdentity | None,
        *,
        progress: PieceProgress | None = None,
        cancel: threading.Event | None = None,
    ) -> str:
        return document_seeds(text, identity, progress, cancel)

    def combine(self, seeds: Sequence[str]) -> RecordReading:
        return combine(seeds)

    def plan(
        self,
        fields: Sequence[tuple[str, str]],
        spec: RedactorSpec,
        *,
        wording: Container[str] = (),
        sentences: Container[str] = (),
        proposer: SpanProposer | None = None,
        cancel: threading.Event | None = None,
    ) -> RedactionPlan:
        return build_plan(fields, spec, wording, sentences, proposer, cancel)

    def ready(self) -> bool:
        import sys

        return "medlocal.privacy.redact" in sys.modules

    def start(self) -> None:
        """Nothing ahead: the window's warm-up imports them, else the first job builds them."""

    def close(self) -> None:
        """Nothing to close: the rules live as long as this process."""


IN_PROCESS = InProcessRules()
