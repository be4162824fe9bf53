"""A period summary's documents: those whose own date falls in a chosen range.

A clinician asked to summarise "the last admission" or "since March" had to tick documents one by
one (walk51b L6). The range is read against each document's own date (the one the Summarise
dialog lists: medlocal/document_dates.py), never the import date, which says when the file was
added, not what period it covers. A document without a clear own date is left out and named, so
the person can add it by hand; so is one whose import noted that it names another patient, as a
summary without a period leaves it out (``outputs.default_summary_documents``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from medlocal.app.patients import document_dates
from medlocal.document_dates import day_of
from medlocal.errors import UserInputError
from medlocal.vault.rows import DocumentInfo
from medlocal.vault.store import Vault


@dataclass(frozen=True)
class Period:
    """A range of days, both ends included; an end left open takes every day on that side."""

    start: date | None = None
    end: date | None = None

    def __post_init__(self) -> None:
        if self.start is not None and self.end is not None and self.start > self.end:
            raise UserInputError(
                f"the period starts ({self.start.isoformat()}) after it ends "
                f"({self.end.isoformat()}): swap the two dates"
            )

    def holds(self, day: date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    def words(self) -> str:
        if self.start is not None and self.end is not None:
            return f"dated {self.start.isoformat()} to {self.end.isoformat()}"
        if self.start is not None:
            return f"dated {self.start.isoformat()} or later"
        if self.end is not None:
            return f"dated {self.end.isoformat()} or earlier"
        return "of any date"


@dataclass(frozen=True)
class PeriodChoice:
    """``chosen``: ids of the documents dated in the period, in id order. ``undated``: documents
    with no clear own date (left out: nothing says they belong). ``noted``: documents dated in
    the period whose import noted they name another patient (left out unless named)."""

    chosen: list[int]
    undated: list[DocumentInfo]
    noted: list[DocumentInfo]


def parse_day(text: str) -> date:
    """A day written YYYY-MM-DD (the one order that cannot be misread: 03/04 is March or April
    depending on the country). Raises UserInputError saying how to write it."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UserInputError(
            f"{text!r} is not a date written YYYY-MM-DD (for example 2024-03-31)"
        ) from None


def documents_in_period(
    documents: Sequence[DocumentInfo], dates: Mapping[int, str], period: Period
) -> PeriodChoice:
    """Split ``documents`` by ``period`` using ``dates`` (document id -> own date as shown by
    ``app.patients.document_dates``). A date shown with its day and month order unclear, or
    with no day, counts as no date: guessing the order could put a letter in the wrong month."""
    chosen: list[int] = []
    undated: list[DocumentInfo] = []
    noted: list[DocumentInfo] = []
    for document in sorted(documents, key=lambda d: d.id):
        day = day_of(dates.get(document.id))
        if day is None:
            undated.append(document)
        elif not period.holds(day):
            continue
        elif document.notes:
            noted.append(document)
        else:
            chosen.append(document.id)
    return PeriodChoice(chosen, undated, noted)


def period_documents(vault: Vault, patient_id: int, period: Period) -> PeriodChoice:
    """:func:`documents_in_period` over the patient's documents and their own dates (an
    unknown patient raises the vault's own NotFoundError first)."""
    vault.get_patient(patient_id)
    documents = vault.list_documents(patient_id)
    return documents_in_period(documents, document_dates(vault, documents), period)
