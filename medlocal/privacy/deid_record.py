"""Record context: what one of a patient's documents names, removed from every export of the
patient.

A patient's documents repeat the same people and places: the daughter named with a cue in the
referral ("his daughter Frost") is "Frost" alone in the next letter, where nothing says she is
a person; the care home named whole in the discharge summary ("Sunrise Meadows Nursing Home") is
"back to Sunrise Meadows" in the nursing note. The word scan passes a found name on to the other
places its words are written in the same text (:class:`~medlocal.privacy.deid_words.NameSeeds`);
:func:`record_seeds` reads every document of the record once and passes on what they found of
people, organisations and places, so an export of any one document (or of an answer quoting a
snippet of it) removes them too.

Only names, facilities and locations pass on: streets, cities and counties are found by their
own lists and shapes wherever they stand, and the words of a street ("Mill", "Station") would
take ordinary words from other documents. Dates, numbers and codes are found by their shapes.

A record is read one document at a time and each document in pieces of at most
:data:`PIECE_CHARS` characters cut at paragraph (else line) ends: one regular-expression call
over a 5 MB text held the interpreter lock for seconds, and the window froze while its preview
read the record (walk 35). Each document's :class:`DocumentSeeds` are kept in the vault, so only
a document not read before costs anything (rag.export).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from medlocal.privacy.deid_cancel import cancellable
from medlocal.privacy.deid_dates import DayCounts, day_order, day_order_counts
from medlocal.privacy.deid_identity import PatientIdentity
from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_seeds_version import SEEDS_VERSION as SEEDS_VERSION
from medlocal.privacy.deid_seeds_version import seeds_version as seeds_version
from medlocal.privacy.deid_words import NameSeeds, name_seeds
from medlocal.privacy.redact import Redactor
from medlocal.progress import check_cancel

RECORD_KINDS = frozenset({"name", "facility", "location"})

# A piece of a long text read in one go: some 25 KB, a few hundred milliseconds of rules.
PIECE_CHARS = 24_000

# Called with (characters read, characters in all) while a long text is read.
PieceProgress = Callable[[int, int], None]


@dataclass(frozen=True)
class DocumentSeeds:
    """What one document passes on to the rest of its patient's record: the names,
    organisations and places it names, and the tallies of its day order."""

    words: dict[str, str] = field(default_factory=dict)
    phrases: dict[str, str] = field(default_factory=dict)
    days: DayCounts = (0, 0, 0, 0, 0, 0)

    def to_json(self) -> str:
        return json.dumps(
            {"words": self.words, "phrases": self.phrases, "days": list(self.days)},
            ensure_ascii=False,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> DocumentSeeds:
        data: Any = json.loads(text)
        days = tuple(int(n) for n in data["days"])
        if len(days) != 6:
            raise ValueError("stored record seeds hold a day tally of the wrong length")
        return cls(
            {str(k): str(v) for k, v in data["words"].items()},
            {str(k): str(v) for k, v in data["phrases"].items()},
            (days[0], days[1], days[2], days[3], days[4], days[5]),
        )


def pieces(text: str, limit: int | None = None) -> Iterator[tuple[int, int]]:
    """``text`` as (start, end) pieces of at most ``limit`` (:data:`PIECE_CHARS`) characters,
    each ending at a paragraph's end where one lies in its second half, else at a line's end,
    else (a line longer than ``limit``) after a space, else where the limit falls."""
    limit = limit or PIECE_CHARS
    start, size = 0, len(text)
    while size - start > limit:
        end = start + limit
        half = start + limit // 2
        cut = -1
        for mark in ("\n\n", "\n", " "):
            found = text.rfind(mark, half, end)
            if found >= 0:
                cut = found + len(mark)
                break
        cut = cut if cut > start else end
        yield start, cut
        start = cut
    if start < size or size == 0:
        yield start, size


def document_seeds(
    text: str,
    redactor: Redactor,
    *,
    cancel: threading.Event | None = None,
    progress: PieceProgress | None = None,
) -> DocumentSeeds:
    """The :class:`DocumentSeeds` of one document's ``text``, read piece by piece with
    ``redactor`` (one made by :func:`record_redactor`). ``cancel`` stops it between pieces
    (GenerationCancelled)."""
    seeds = NameSeeds()
    days = [0] * 6
    for start, end in pieces(text):
        check_cancel(cancel, "reading the patient's record")
        piece = text[start:end]
        with cancellable(cancel, "reading the patient's record"):  # stops part-way too
            found = redactor.preview(piece)
        seeds = seeds.under(name_seeds(piece, found, lexicon(), RECORD_KINDS))
        for i, count in enumerate(day_order_counts(piece)):
            days[i] += count
        if progress is not None:
            progress(end, len(text))
    return DocumentSeeds(
        dict(seeds.words),
        dict(seeds.phrases),
        (days[0], days[1], days[2], days[3], days[4], days[5]),
    )


def record_redactor(identity: PatientIdentity | None = None) -> Redactor:
    """The redactor that reads a record's documents: the patient's ``identity``, without the
    optional model line, and a fixed date offset (only names are kept, and a fixed offset draws
    no randomness)."""
    return Redactor(identity, shift_days=0)


def combined(documents: Iterable[DocumentSeeds]) -> tuple[bool | None, NameSeeds]:
    """A record's day order (None where its dates do not say) and its :class:`NameSeeds`, from
    its documents' seeds in order (a later document's kind wins where two name one word)."""
    seeds = NameSeeds()
    days = [0] * 6
    for doc in documents:
        seeds = seeds.under(NameSeeds(doc.words, doc.phrases))
        for i, count in enumerate(doc.days):
            days[i] += count
    order = day_order((days[0], days[1], days[2], days[3], days[4], days[5]))
    return order, NameSeeds(seeds.words, seeds.phrases)


def record_seeds(texts: Iterable[str], identity: PatientIdentity | None = None) -> NameSeeds:
    """The names, organisations and places found in ``texts`` (a patient's documents, read
    with the patient's ``identity``), to be removed from any one of them or any text quoting
    them. Each text is read as its own export reads it, without the optional model line."""
    redactor = record_redactor(identity)
    return combined(document_seeds(text, redactor) for text in texts)[1]
