"""One benchmark question, whatever file it came from."""

from __future__ import annotations

from dataclasses import dataclass

LETTERS = "ABCDEFGHIJ"
YES_NO_MAYBE = ("yes", "no", "maybe")


@dataclass(frozen=True)
class Item:
    """A question with its options (label, text) in order and the right label.

    Multiple-choice items are labelled A, B, C...; PubMedQA items are labelled yes/no/maybe and
    carry the abstract's passages in ``context``."""

    id: str
    question: str
    options: tuple[tuple[str, str], ...]
    answer: str
    subject: str = ""
    context: str = ""

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(label for label, _ in self.options)

    @property
    def yes_no(self) -> bool:
        return self.labels == YES_NO_MAYBE


@dataclass(frozen=True)
class Dataset:
    """Items read from one file; ``sha256`` identifies the file's bytes in stored runs."""

    name: str
    format: str
    items: tuple[Item, ...]
    sha256: str
    notes: tuple[str, ...] = ()  # what detection decided (e.g. MedMCQA's answer base)
