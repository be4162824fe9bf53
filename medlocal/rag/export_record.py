"""What every export of a patient reads from the whole record: the day order of its dates and
the names, organisations and places its documents name (:class:`PatientRecord`). Each document's
reading ("seeds") is kept in the vault, and the last record read is kept in memory per vault, so
the window's preview after every keep does not read the record again.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable
from weakref import WeakKeyDictionary

from medlocal.privacy.deid_jobs import IN_PROCESS, RecordNames, Rules
from medlocal.progress import Progress, ProgressCallback, report
from medlocal.rag.store import AuditTrail

if TYPE_CHECKING:
    from medlocal.privacy.redact import PatientIdentity


class ExportSource(AuditTrail, Protocol):
    """What exporting a saved output needs from the vault."""

    def get_patient(self, patient_id: int) -> Any: ...

    def date_shift_days(self, scope: str) -> int: ...

    def list_documents(self, patient_id: int | None = None) -> Sequence[Any]: ...

    def document_text(self, document_id: int) -> str: ...


@runtime_checkable
class SeedStore(Protocol):
    """Where each document's record seeds are kept (the vault: ``record_seeds``)."""

    def record_seeds(self, document_id: int, key: str) -> str | None: ...

    def set_record_seeds(self, document_id: int, key: str, seeds: str) -> None: ...


@dataclass(frozen=True)
class PatientRecord:
    """What every export of a patient reads from all of the patient's documents."""

    # Whether the record writes its dates day first (None where its dates do not say): every
    # export of the patient then reads "6/3" the same way, however little of the record a
    # summary's snippets quote (walk 20).
    day_first: bool | None
    # The names, organisations and places its documents name (deid_record): a daughter named
    # with a cue in one letter goes from the letter that names her alone.
    names: RecordNames


# One record read per vault (the last patient's): the window previews again after every keep.
# Keyed weakly, so the names go with the vault object when it is locked; the key holds each
# document's hash, so an import or a deletion looks again (each document's seeds are kept in
# the vault too: only a document never read before is read).
_RECORDS: WeakKeyDictionary[Any, tuple[tuple[Any, ...], PatientRecord]] = WeakKeyDictionary()

RECORD_STAGE = "reading the patient's record"
# Said before the de-identification rules are built, once per process (some 5 s of CPU, 13-15 s
# at a load of 9: walk 51b L4's 25 s redacted export was mostly this and the imports, not the
# record, whose documents were read once and kept; a terminal showed nothing meanwhile).
RULES_STAGE = "preparing the de-identification rules"
LONG_DOCUMENT = 200_000  # characters: the progress line counts how much of one is read


def seeds_key(text: str, identity: PatientIdentity | None) -> str:
    """What a document's stored seeds were read from and with: its text, the patient's identity
    (their own name reads differently) and the seeds version (deid_seeds_version.SEEDS_VERSION)."""
    from medlocal.privacy.deid_seeds_version import seeds_version

    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass"))
    digest.update(b"\0" + repr(identity).encode("utf-8", "surrogatepass"))
    return f"{seeds_version()}:{digest.hexdigest()}"


def _record_progress(
    progress: ProgressCallback | None, number: int, total: int
) -> Callable[[int, int], None]:
    def report_piece(done: int, size: int) -> None:
        detail = f"document {number} of {total}"
        if size > LONG_DOCUMENT:
            detail += f", {done / 1e6:.1f} of {size / 1e6:.1f} MB"
        report(progress, Progress(RECORD_STAGE, detail=detail))

    return report_piece


def patient_record(
    source: ExportSource,
    patient_id: int,
    identity: PatientIdentity | None = None,
    *,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    rules: Rules = IN_PROCESS,
) -> PatientRecord:
    """The :class:`PatientRecord` of ``patient_id``, read with the patient's ``identity``.
    Each document is read once (``reading the patient's record (document 3 of 8)`` to
    ``progress``) and its seeds kept in the vault; ``cancel`` stops the reading between pieces
    of a document (GenerationCancelled), keeping what was read of the documents before. The
    vault is read here; the documents are read by ``rules`` (this process's, or deid_child's)."""
    docs = list(source.list_documents(patient_id))
    key = (patient_id, identity, tuple((doc.id, getattr(doc, "sha256", None)) for doc in docs))
    try:
        cached = _RECORDS.get(source)
    except TypeError:  # a source that cannot be referenced weakly is read every time
        cached = None
    if cached is not None and cached[0] == key:
        return cached[1]
    if not rules.ready():  # the first job builds the rules
        report(progress, Progress(RULES_STAGE))

    # The vault keeps them; a source without a store (a test's) reads the record every time.
    store = source if isinstance(source, SeedStore) else None
    found: list[str] = []
    texts: list[tuple[int, str, str]] = []  # (document id, text, seeds key) of each document

    def read(number: int) -> str:
        doc_id, text, doc_key = texts[number - 1]
        tell = _record_progress(progress, number, len(docs))
        tell(0, len(text))
        seeds = rules.document_seeds(text, identity, progress=tell, cancel=cancel)
        if store is not None:
            _keep_seeds(store, doc_id, doc_key, seeds)
        return seeds

    for number, doc in enumerate(docs, start=1):
        text = source.document_text(doc.id)
        doc_key = seeds_key(text, identity)
        texts.append((doc.id, text, doc_key))
        stored = store.record_seeds(doc.id, doc_key) if store is not None else None
        found.append(stored if stored is not None else read(number))
    reading = rules.combine(found)
    if reading.unreadable:  # stored seeds that no longer read (damaged): read those again
        for i in reading.unreadable:
            found[i] = read(i + 1)
        reading = rules.combine(found)
    record = PatientRecord(reading.day_first, reading.names)
    with suppress(TypeError):
        _RECORDS[source] = (key, record)
    return record


def _keep_seeds(store: SeedStore, document_id: int, key: str, seeds: str) -> None:
    """Store a document's seeds; a vault too busy to take them (another process's import holds
    it past the wait) is no reason to fail the export: they are read again next time."""
    from medlocal.vault.errors import VaultBusyError

    with suppress(VaultBusyError):
        store.set_record_seeds(document_id, key, seeds)


def patient_day_order(source: ExportSource, patient_id: int) -> bool | None:
    """Whether the patient's record writes its dates day first (see :class:`PatientRecord`)."""
    return patient_record(source, patient_id).day_first
