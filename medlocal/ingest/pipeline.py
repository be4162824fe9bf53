"""Import a batch of files into a patient's records: extract, chunk, embed, commit.

Each document is committed by one ``add_document`` call, which the vault runs as a single
transaction (document, original bytes, chunks, vectors, FTS rows, audit event): a document is
visible only once complete. A file that cannot be imported is reported with its reason and the
batch goes on. Cancellation is honoured between files, between the sentences of a text being
split into passages (which reports how far it got when long) and between embedding batches; the
file in progress is then dropped before anything of it is written.
"""

from __future__ import annotations

import codecs
import dataclasses
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np
import numpy.typing as npt

from medlocal.engine.api import Embedder
from medlocal.errors import DiskFullError, GenerationCancelled, MedLocalError
from medlocal.fsutil import disk_full_error, readable_name
from medlocal.ingest.carried import Carried
from medlocal.ingest.chunker import ChunkingParams, chunk_document
from medlocal.ingest.document import Attachment
from medlocal.ingest.errors import (
    FileNotFoundIngestError,
    IngestError,
    NoTextError,
    UnreadableFileError,
    UnsupportedFormatError,
)
from medlocal.ingest.extractor_versions import extractor_version
from medlocal.ingest.extractors.pictures import picture_spans
from medlocal.ingest.formats import (
    DEFAULT_MAX_BYTES,
    SUPPORTED_SUFFIXES,
    Format,
    check_size,
    format_by_content,
    format_for,
)
from medlocal.ingest.import_report import (
    FileOutcome,
    ImportReport,
    LongFile,
    ProgressCallback,
    ProgressEvent,
    Stage,
)
from medlocal.ingest.ocr.pages import OcrOptions, ocr_page_notes, place_chunks
from medlocal.progress import duration_text, time_left
from medlocal.vault.documents import sha256_hex
from medlocal.vault.errors import DuplicateDocumentError
from medlocal.vault.records import ChunkRecord, PageSpan, PictureMarks
from medlocal.vault.rows import DocumentInfo

log = logging.getLogger(__name__)


# Passages per embedder call. The engine's embedder batches again internally (64 per engine
# call); this outer batch stays because it is where the pipeline checks for cancellation, so a
# cancel takes effect within one batch instead of after the whole document.
EMBED_BATCH = 32
# The first batch is smaller, and the time left is shown from the second batch on, at the pace
# since the first ended (the first carries the model's warm-up): a long file says how long it
# will take within seconds (walk 39: a 4 MB text waited three full batches, 3 minutes at its
# pace then, before saying "about 5.5 h left").
FIRST_BATCH = 8
# A file whose indexing would take longer than this, at the pace of its first batches, is
# announced before the rest is indexed (walk 43: a 10 MB lab CSV, 35,009 passages, said "about 63
# min left" half a minute in, with no word before), and the caller may leave it out.
LONG_INDEXING_S = 10 * 60.0
DUPLICATE_REASON = "duplicate: already imported for this patient"


# A file named that is not there: chosen (or dropped) then moved or deleted, or mistyped on the
# command line; one found and then gone before it was read (walk 53a L6: "file not found" alone
# read like a fault of MedLocal's).
MISSING_WHEN_STARTED = (
    "file not found: it was moved or deleted after it was chosen, or its name is mistyped"
)
VANISHED = "file not found: it was moved or deleted before it could be read"


def _duplicate_reason(existing_id: int) -> str:
    """Which document it repeats: a copy in another folder, or under another name, is found by
    its bytes, and the report should let the clinician find the one already in the vault."""
    return f"{DUPLICATE_REASON} (document {existing_id})"


def _skip_duplicate(vault: DocumentStore, existing_id: int, collection: str | None) -> str:
    """The reason a duplicate is skipped. Imported again with a collection, the document
    already in the vault joins that collection when it is in none (a document belongs to at
    most one), so searching or asking within the collection finds it."""
    reason = _duplicate_reason(existing_id)
    if collection is None or not collection.strip():
        return reason
    collection = collection.strip()
    before = vault.add_to_collection(existing_id, collection)
    if before is None:
        return f"{reason}; added to collection {collection}"
    if before == collection:
        return f"{reason}; already in collection {collection}"
    return f"{reason}; it stays in collection {before} (a document is in one collection only)"


class DocumentStore(Protocol):
    """What the pipeline needs from the vault."""

    def add_document(
        self,
        patient_id: int,
        file_name: str,
        file_type: str,
        data: bytes,
        chunks: Sequence[ChunkRecord],
        vectors: npt.NDArray[np.float32],
        embed_model_id: str,
        collection: str | None = None,
        *,
        text: str | None = None,
        pages: Sequence[PageSpan] = (),
        notes: Sequence[str] = (),
        attached_to: int | None = None,
        stored: bytes | None = None,
        pictures: PictureMarks | None = None,
        extractor_version: int | None = None,
    ) -> int: ...

    def replace_stored_copy(self, document_id: int, stored: bytes) -> None: ...

    def attachments_of(self, document_id: int) -> Sequence[DocumentInfo]: ...

    def duplicate_of(self, patient_id: int, sha256: str) -> int | None: ...

    def add_to_collection(self, document_id: int, collection: str) -> str | None: ...


class _Cancelled(Exception):
    """Raised inside a file's import when the user cancels; nothing of that file is written."""


class _LeftOut(Exception):
    """Raised inside a file's import when the caller chose not to wait for a long file."""

    def __init__(self, long_file: LongFile) -> None:
        super().__init__(long_file.text())
        self.long_file = long_file


@dataclass(frozen=True)
class FoundFile:
    """A file to import, whether the user named it or it was found inside a folder, and how a
    report names it: its path relative to the imported folder (two ``letter.pdf`` in different
    subfolders stay apart; prefixed by the folder's name when a batch names several folders),
    or the full path of a file named by itself."""

    path: Path
    from_folder: bool
    shown: str = ""


def import_paths(
    vault: DocumentStore,
    paths: Iterable[str | os.PathLike[str]],
    patient_id: int,
    embedder: Embedder,
    *,
    collection: str | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    chunking: ChunkingParams | None = None,
    embed_batch: int = EMBED_BATCH,
    ocr: OcrOptions | None = None,
    check_text: Callable[[str], list[str]] | None = None,
    confirm_long: Callable[[LongFile], bool] | None = None,
    on_batch: Callable[[list[str]], None] | None = None,
) -> ImportReport:
    """Import files and folders (walked recursively, in sorted order) for one patient.

    Scanned pages and images are read by OCR as ``ocr`` says (default: on, default page cap);
    its progress reports pages of the file being read, and the batch's ``cancel`` applies.
    ``check_text`` reads each file's text and gives notes to show with it (the application's
    check that a file names no other patient); they are stored with the document too.
    ``confirm_long`` is asked, once per file, whether to go on with a file whose indexing takes
    longer than ``LONG_INDEXING_S`` at the pace of its first batches (the event that carries
    ``long_file`` is sent first); False leaves that file out (skipped) and the batch goes on;
    ``cancel`` set while it was asked (Ctrl-C at the question) cancels that file and the batch.
    ``on_batch`` is told every file of the batch, as reports name them, before the first is read."""
    run = _Run(
        vault,
        patient_id,
        embedder,
        ImportReport(),
        collection=collection,
        cancel=cancel,
        max_bytes=max_bytes,
        chunking=chunking or ChunkingParams(),
        embed_batch=embed_batch,
        ocr=dataclasses.replace(ocr or OcrOptions(), cancel=cancel),
        check_text=check_text,
        confirm_long=confirm_long,
    )
    candidates = collect_files(paths)
    if on_batch is not None:
        on_batch([_shown(c) for c in candidates])
    report = run.report
    notify = progress or (lambda _event: None)
    total = len(candidates)
    for index, candidate in enumerate(candidates, start=1):
        if run.cancelled():
            report.cancelled = True
            report.not_reached = [_shown(c) for c in candidates[index - 1 :]]
            break
        outcome, carried = _import_one(
            run, candidate, _stage_notifier(notify, index, total, _shown(candidate))
        )
        report.files.append(outcome)
        # Its attachments, before its own end is told: a close meanwhile leaves it among the
        # files to import again, which imports the attachments not yet in the vault.
        left = _import_carried(run, outcome, carried, index, total, notify)
        if not left:
            notify(
                ProgressEvent(
                    index,
                    total,
                    outcome.shown,
                    "done",
                    outcome=outcome.status,
                    detail=outcome.reason,
                )
            )
        if report.stopped:  # the disk is full: the next files would fail the same way
            report.not_reached = [*left, *(_shown(c) for c in candidates[index:])]
            break
        if outcome.status == "cancelled" or left:
            report.cancelled = True
            report.not_reached = [*left, *(_shown(c) for c in candidates[index:])]
            break
    return report


@dataclass
class _Run:
    """One batch's vault, patient, embedder, report and settings, as each file's import
    (and each of its attachments') uses them."""

    vault: DocumentStore
    patient_id: int
    embedder: Embedder
    report: ImportReport
    collection: str | None
    cancel: threading.Event | None
    max_bytes: int
    chunking: ChunkingParams
    embed_batch: int
    ocr: OcrOptions
    check_text: Callable[[str], list[str]] | None
    confirm_long: Callable[[LongFile], bool] | None

    def cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.is_set()


# How many attachments within attachments are read (an e-mail attached to an e-mail ...).
CARRIED_DEPTH = 10
# Between a file and an attachment in the name a document keeps: "letter.eml › discharge.pdf".
CARRIED_MARK = " › "


def _import_carried(
    run: _Run,
    parent: FileOutcome,
    carried: Carried,
    index: int,
    total: int,
    notify: ProgressCallback,
    depth: int = 1,
) -> list[str]:
    """Import the files ``parent`` carries (an e-mail's attachments), each as a document of
    its own of the same patient, through the same checks, stages and duplicate check as a file
    on disk, each with its own outcome in the report, named after ``parent``. Returns what a
    cancel or a full disk left: ``parent`` as reports name it, to import again (empty when
    all were done). Each attachment's bytes are let go once it is a document linked to
    ``parent``; the others' stay inside ``parent``'s stored copy (see ``carried``)."""
    items = carried.attachments
    kept: list[bytes | None] = [None] * len(items)
    left: list[str] = []
    linked = _linked_to(run, parent) if any(items) else set()
    for number, attachment in enumerate(items):
        if attachment is None:
            continue
        if run.cancelled() or run.report.stopped:
            left = [parent.shown]
            break
        items[number] = None
        shown = f"{parent.shown}{CARRIED_MARK}{attachment.name}"
        emit = _stage_notifier(notify, index, total, shown)
        outcome, inner = _import_attachment(run, parent, attachment, emit)
        # A duplicate of a document not linked to ``parent`` stays inside it (review49 R1):
        # that document may be deleted on its own, and deleting ``parent`` does not name it.
        if outcome.document_id is not None:
            linked.add(outcome.document_id)
        if outcome.document_id is None and outcome.duplicate_of not in linked:
            kept[number] = attachment.data
        del attachment
        run.report.files.append(outcome)
        if inner.attachments and depth >= CARRIED_DEPTH:
            outcome.notes.append(
                f"its {len(inner.attachments)} attachment(s) are not imported: attached "
                f"more than {CARRIED_DEPTH} deep; save them and import each"
            )
            inner = Carried()
        if _import_carried(run, outcome, inner, index, total, notify, depth + 1):
            left = [parent.shown]
            break
        notify(
            ProgressEvent(
                index, total, outcome.shown, "done", outcome=outcome.status, detail=outcome.reason
            )
        )
        if outcome.status == "cancelled":
            left = [parent.shown]
            break
    for number, attachment in enumerate(items):  # not reached: kept inside the e-mail
        if attachment is not None:
            kept[number] = attachment.data
    _store_final_form(run, parent, carried, kept)
    return left


def _carrier(parent: FileOutcome) -> int | None:
    """``parent``'s document: imported now, or before (a re-import finds a duplicate)."""
    return parent.document_id if parent.document_id is not None else parent.duplicate_of


def _linked_to(run: _Run, parent: FileOutcome) -> set[int]:
    """The documents linked to ``parent``'s as its attachments (those of a re-import)."""
    if parent.duplicate_of is None:
        return set()  # imported now: none yet
    return {document.id for document in run.vault.attachments_of(parent.duplicate_of)}


def _store_final_form(
    run: _Run, parent: FileOutcome, carried: Carried, kept: list[bytes | None]
) -> None:
    """Put the attachments that are no documents linked to ``parent`` back inside its stored
    copy, where it was written without them (nothing when it already holds just those)."""
    if (carrier := _carrier(parent)) is None:
        return
    try:
        if (stored := carried.final_form(kept)) is not None:
            run.vault.replace_stored_copy(carrier, stored)
    except Exception as err:  # the disk filled up, say: the file on disk still has them
        why = str(err) if isinstance(err, MedLocalError) else type(err).__name__
        log.warning("attachments not put back into their e-mail (%s)", type(err).__name__)
        parent.notes.append(
            f"its attachments not imported could not be kept with it in the vault ({why}); "
            "keep the e-mail file"
        )


# An attachment that says what the e-mail's own text says (review 48 R8), and a picture with no
# text (a logo, a signature): neither is a document, nor a failure of the import.
SAME_AS_TEXT = (
    "its text is already in the e-mail's own text: not imported again; it stays in the e-mail"
)
NO_TEXT_PICTURE = (
    "a picture with no text to read (a logo or signature, say): not imported as a document; "
    "it stays in the e-mail"
)


def _import_attachment(
    run: _Run, parent: FileOutcome, attachment: Attachment, emit: _StageEmitter
) -> tuple[FileOutcome, Carried]:
    name = f"{parent.file_name}{CARRIED_MARK}{attachment.name}"
    outcome = FileOutcome(
        file_name=name, status="failed", path=f"{parent.shown}{CARRIED_MARK}{attachment.name}"
    )
    with _OutcomeOf(run, outcome):
        emit("extract")
        if attachment.repeats_text:
            outcome.status, outcome.reason = "skipped", SAME_AS_TEXT
            return outcome, Carried()
        try:
            file_format = format_for(Path(attachment.name))
        except UnsupportedFormatError as err:
            # Like a file in a folder: said, no failure (a calendar invite, a signature).
            outcome.status = "skipped"
            outcome.reason = f"attachment not imported: {err.reason} (save it from the e-mail)"
            return outcome, Carried()
        outcome.file_type = file_format.file_type
        check_size(Path(name), len(attachment.data), run.max_bytes)
        try:  # linked to the e-mail's document: deleting it names this
            return outcome, _import_data(
                run, outcome, attachment.data, file_format, emit, attached_to=_carrier(parent)
            )
        except NoTextError:
            if file_format.file_type != "image":
                raise
            outcome.status, outcome.reason = "skipped", NO_TEXT_PICTURE
            outcome.notes = []  # how it was read: nothing of it is kept as a document
    return outcome, Carried()


def _tried(attachment: Attachment) -> bool:
    """Whether the import will try to make a document of ``attachment``."""
    readable = Path(attachment.name).suffix.lower() in SUPPORTED_SUFFIXES
    return readable and not attachment.repeats_text


def _shown(candidate: FoundFile) -> str:
    return candidate.shown or readable_name(candidate.path.name)


class _StageEmitter(Protocol):
    def __call__(
        self,
        stage: Stage,
        passages_done: int | None = None,
        passages_total: int | None = None,
        *,
        characters: tuple[int, int] | None = None,
        seconds_left: float | None = None,
        long_file: LongFile | None = None,
    ) -> None: ...


def _stage_notifier(
    notify: ProgressCallback, index: int, total: int, file_name: str
) -> _StageEmitter:
    def emit(
        stage: Stage,
        passages_done: int | None = None,
        passages_total: int | None = None,
        *,
        characters: tuple[int, int] | None = None,
        seconds_left: float | None = None,
        long_file: LongFile | None = None,
    ) -> None:
        done, in_all = characters or (None, None)
        notify(
            ProgressEvent(
                index,
                total,
                file_name,
                stage,
                None,
                None,
                passages_done,
                passages_total,
                done,
                in_all,
                seconds_left,
                long_file,
            )
        )

    return emit


@contextmanager
def _timed(report: ImportReport, stage: Stage) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        report.timings[stage] += time.perf_counter() - started


def collect_files(paths: Iterable[str | os.PathLike[str]]) -> list[FoundFile]:
    """Named files as given; folders walked recursively in sorted order, hidden entries and the
    files programs keep beside documents (:func:`_housekeeping`) skipped.

    Symbolic links to folders are not followed (no loops, no wandering out of the chosen tree).
    The same file named twice is imported once.
    """
    named = [Path(raw) for raw in paths]
    several_folders = sum(path.is_dir() for path in named) > 1
    seen: set[Path] = set()
    found: list[FoundFile] = []

    def add(path: Path, shown: Path, from_folder: bool) -> None:
        key = path.resolve() if path.exists() else path.absolute()
        if key not in seen:
            seen.add(key)
            found.append(FoundFile(path, from_folder, readable_name(str(shown))))

    for path in named:
        if not path.is_dir():
            add(path, path.absolute(), from_folder=False)
            continue
        top = path.absolute().parent if several_folders else path
        for root, dirs, files in os.walk(path, followlinks=False):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                file = Path(root) / name
                if not _housekeeping(file):
                    add(file, file.absolute().relative_to(top.absolute()), from_folder=True)
    return found


# Files the system or an Office program keeps in a folder of documents, never documents: Word's
# and Excel's owner files ("~$letter.docx", beside a document open, or left by a crash: read as
# a DOCX they failed the batch), Windows's thumbnail cache and folder settings.
_OFFICE_OWNER_FILE = "~$"
_SYSTEM_FILES = frozenset({"thumbs.db", "ehthumbs.db", "desktop.ini"})
# An owner file holds its owner's name, padded with NUL bytes to 162 (Word) or 165 (Excel)
# bytes. A "~$" file larger than this, or without a NUL byte, is a document someone named so
# (review61p: it was passed over silently).
_OWNER_FILE_MAX_BYTES = 512
_UTF16_MARKS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _housekeeping(file: Path) -> bool:
    """Whether a file found in a folder is left out: hidden (a dot name, as macOS's "._" copies
    on a USB stick), an Office owner file or a Windows system file."""
    name = file.name
    if name.startswith(_OFFICE_OWNER_FILE):
        return _is_owner_file(file)
    return name.startswith(".") or name.lower() in _SYSTEM_FILES


def _is_owner_file(file: Path) -> bool:
    """Whether a "~$" file is an Office owner file. One that cannot be read is taken for one:
    an owner file goes when its document is closed, maybe while the folder is walked. Nor is
    one that is not a plain file read: opening a named pipe waits for a writer, and the walk
    would wait with it (review62p)."""
    if not file.is_file():
        return True
    try:
        with file.open("rb") as handle:
            head = handle.read(_OWNER_FILE_MAX_BYTES + 1)
    except OSError:
        return True
    return len(head) <= _OWNER_FILE_MAX_BYTES and b"\x00" in head and not _utf16_text(head)


def _utf16_text(head: bytes) -> bool:
    """Whether a file opens as text in UTF-16 does: with a byte-order mark, or a character
    then a NUL. A short note saved so (Notepad's "Unicode", Excel's "Unicode Text") holds NUL
    bytes like an owner file and was passed over silently as one (review62p). An owner file
    opens with the length of its owner's name and then the name: never a NUL second."""
    return head.startswith(_UTF16_MARKS) or (len(head) > 1 and head[0] != 0 and head[1] == 0)


def _import_one(
    run: _Run, candidate: FoundFile, emit: _StageEmitter
) -> tuple[FileOutcome, Carried]:
    """One file of the batch: its outcome, and the files it carries (to import after it)."""
    path = candidate.path
    name = readable_name(path.name)  # what the vault stores and reports show: valid text
    outcome = FileOutcome(file_name=name, status="failed", path=candidate.shown)
    with _OutcomeOf(run, outcome):
        emit("extract")
        with _timed(run.report, "extract"):
            if not candidate.from_folder and not path.exists():
                # Before the extension is judged: a mistyped folder has none.
                raise FileNotFoundIngestError(name, MISSING_WHEN_STARTED)
            read_as = ""
            try:
                file_format = format_for(path)
                data = b""
            except UnsupportedFormatError as err:
                if candidate.from_folder:
                    # A folder may hold anything (scans, spreadsheets): said, but no failure.
                    outcome.status, outcome.reason = "skipped", err.reason
                    return outcome, Carried()
                # A file named on purpose is read by its bytes where its name says nothing
                # MedLocal knows ("report.v2" a PDF), as an e-mail's attachments are (left 49).
                data = _read(path, run.max_bytes)
                if (by_content := format_by_content(path, data)) is None:
                    raise
                file_format, read_as = by_content
            outcome.file_type = file_format.file_type
            data = data or _read(path, run.max_bytes)
        carried = _import_data(run, outcome, data, file_format, emit)
        if read_as:
            outcome.notes.insert(0, read_as)
        return outcome, carried
    return outcome, Carried()


def _import_data(
    run: _Run,
    outcome: FileOutcome,
    data: bytes,
    file_format: Format,
    emit: _StageEmitter,
    *,
    attached_to: int | None = None,
) -> Carried:
    """Extract, chunk, embed and write one file's ``data`` (read from disk or carried by
    another file), filling in ``outcome``; returns the files it carries, to import after it
    (those of a duplicate too: the ones not yet in the vault are imported then)."""
    name, vault = outcome.file_name, run.vault
    outcome.size = len(data)
    with _timed(run.report, "extract"):
        existing = vault.duplicate_of(run.patient_id, sha256_hex(data))
        if existing is not None:
            # Checked before the costly stages; add_document checks again atomically.
            outcome.status, outcome.duplicate_of = "skipped", existing
            outcome.reason = _skip_duplicate(vault, existing, run.collection)
            return Carried.again(*file_format.attachments(data, name))
        document = file_format.extract(data, name, run.ocr)
        outcome.pages = document.page_count or 1
        outcome.ocr_pages = len(document.scanned)
        outcome.notes = [*document.notes, *ocr_page_notes(document.scanned)]
        # Where the file belongs (it names another patient): kept with the document, so the
        # warning outlives this report (walk 30). How it was read (OCR, encoding) is not.
        belonging = run.check_text(document.text) if run.check_text is not None else []
        outcome.notes += belonging
        carried = Carried.of(document, _tried)
        stored = carried.first_form()  # an e-mail without the attachments tried as documents
        # The attachments are held once, in ``carried``.
        document = dataclasses.replace(document, attachments=(), stored_form=None)

    emit("chunk")
    with _timed(run.report, "chunk"):
        chunks = chunk_document(
            document,
            run.embedder,
            run.chunking,
            file_name=name,
            cancel=run.cancel,
            progress=lambda done, in_all: emit("chunk", characters=(done, in_all)),
        )
        if document.scanned:  # OCR'd pages: each passage keeps its lines' boxes
            chunks = place_chunks(chunks, document.scanned)
    if not chunks:
        raise NoTextError(name, "no text to import")

    emit("embed")
    with _timed(run.report, "embed"):
        texts = [chunk.indexed_text for chunk in chunks]
        announced: list[LongFile] = []

        def on_batch(done: int, left: float | None) -> None:
            long_file = None
            if not announced and left is not None and left >= LONG_INDEXING_S:
                long_file = LongFile(outcome.shown, len(texts), left)
                announced.append(long_file)
            emit("embed", done, len(texts), seconds_left=left, long_file=long_file)
            if long_file and run.confirm_long is not None:
                index_it = run.confirm_long(long_file)
                # Ctrl-C while the question waits is a cancel, not a "no" (review 44: the
                # file was recorded "skipped: left out" and the next files went on).
                if run.cancelled():
                    raise _Cancelled
                if not index_it:
                    raise _LeftOut(long_file)

        vectors = _embed(run.embedder, texts, run.embed_batch, run.cancel, on_batch)
    if run.cancelled():
        raise _Cancelled

    emit("write")
    with _timed(run.report, "write"):
        outcome.document_id = vault.add_document(
            run.patient_id,
            name,
            file_format.file_type,
            data,
            chunks,
            vectors,
            run.embedder.model_id,
            run.collection,
            text=document.text,
            pages=document.pages,
            notes=belonging,
            attached_to=attached_to,
            stored=stored,
            pictures=PictureMarks(picture_spans(document.text), document.unread_picture_pages),
            extractor_version=extractor_version(file_format.file_type),
        )
    outcome.status, outcome.chunks = "imported", len(chunks)
    return carried


class _OutcomeOf:
    """Whatever stops one file's import becomes its outcome (the reason said), and the batch
    goes on; a full disk also stops the batch (``report.stopped``). An interrupt goes on up."""

    def __init__(self, run: _Run, outcome: FileOutcome) -> None:
        self.run, self.outcome = run, outcome

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: object, err: BaseException | None, trace: object) -> bool:
        if err is None:
            return False
        outcome, run = self.outcome, self.run
        if isinstance(err, (_Cancelled, GenerationCancelled)):
            outcome.status = "cancelled"
            outcome.reason = "import cancelled before this file finished"
        elif isinstance(err, _LeftOut):  # nothing of it was written: it can be imported again
            outcome.status = "skipped"
            outcome.reason = (
                f"left out, not indexed: {err.long_file.passages:,} passages, about "
                f"{duration_text(err.long_file.seconds)} to index; import it again to index it"
            )
        elif isinstance(err, IngestError):
            outcome.status, outcome.reason = "failed", err.reason
        elif isinstance(err, DuplicateDocumentError):
            outcome.status, outcome.duplicate_of = "skipped", err.existing_id
            outcome.notes = []  # this import's notes: the document in the vault has its own
            outcome.reason = _skip_duplicate(run.vault, err.existing_id, run.collection)
        elif isinstance(err, DiskFullError):  # the vault's write was rolled back; batch stops
            outcome.status, outcome.reason = "failed", f"not imported: {err}"
            run.report.stopped = str(err)
        elif isinstance(err, MedLocalError):  # e.g. the embedder failed: the batch goes on
            outcome.status, outcome.reason = "failed", str(err)
        elif (full := disk_full_error(err)) is not None:
            # Out of space outside the vault (OCR's or a converter's temporary files).
            outcome.status, outcome.reason = "failed", f"not imported: {full}"
            run.report.stopped = str(full)
        elif isinstance(err, Exception):
            # A bug or a native failure (llama_decode) on one file: that file fails, the batch
            # goes on. Only the type is shown and logged: the message may quote the text.
            kind_name = type(err).__name__
            outcome.status = "failed"
            outcome.reason = f"unexpected error ({kind_name}); not imported"
            log.error("a file failed to import with an unexpected %s", kind_name)
        else:
            return False
        return True


def _not_found(path: Path) -> str:
    """Why a file listed or named a moment ago cannot be read: gone, or its whole folder gone
    (a USB stick pulled mid-import, walk 53b L4), which importing again, once it is back,
    mends (the files already imported are skipped as already in the vault)."""
    if path.parent.exists():
        return VANISHED
    return (
        "file not found: its folder is no longer there (a USB stick or network drive "
        "disconnected?); reconnect it and import the folder again: files already imported "
        "are skipped"
    )


def _read(path: Path, max_bytes: int) -> bytes:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise FileNotFoundIngestError(readable_name(path.name), _not_found(path)) from None
    except OSError as err:
        raise UnreadableFileError(
            readable_name(path.name), f"cannot read the file ({err.strerror})"
        ) from None
    if not path.is_file():
        raise FileNotFoundIngestError(readable_name(path.name), "not a regular file")
    check_size(path, info.st_size, max_bytes)
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # the file may have grown since stat()
    except OSError as err:
        raise UnreadableFileError(
            readable_name(path.name), f"cannot read the file ({err.strerror})"
        ) from None
    check_size(path, len(data), max_bytes)
    return data


def _embed(
    embedder: Embedder,
    texts: list[str],
    batch: int,
    cancel: threading.Event | None,
    on_batch: Callable[[int, float | None], None],
    clock: Callable[[], float] = time.monotonic,
) -> npt.NDArray[np.float32]:
    """``texts`` embedded ``batch`` at a time (the first batch ``FIRST_BATCH`` at most), each
    distinct text once; ``on_batch`` gets the passages done after each batch and, from the second
    on, the seconds left at the pace since the first batch ended.

    A text said again and again (walk 28: a 6 MB export of one line repeated, 12,000 passages of
    three distinct texts, about 90 minutes) costs one embedding: the embedder is deterministic,
    so every copy gets the same vector it would have had."""
    distinct = list(dict.fromkeys(texts))
    rows = np.fromiter(_first_rows(texts), dtype=np.int64, count=len(texts))
    covered = np.sort(rows)  # passages whose text is embedded once the first d texts are
    parts = []
    first = min(batch, FIRST_BATCH)
    offsets = [0, *range(first, len(distinct), batch)] if distinct else []
    paced_from: tuple[float, int] | None = None  # (when, texts embedded) after the first batch
    # Time spent in ``on_batch`` is not the embedder's: a question about a long file may wait
    # minutes for its answer, which would otherwise count as indexing time in every later ETA.
    aside = 0.0
    for offset in offsets:
        if cancel is not None and cancel.is_set():
            raise _Cancelled
        step = distinct[offset : offset + (first if offset == 0 else batch)]
        parts.append(np.asarray(embedder.embed(step), dtype=np.float32))
        embedded = offset + len(step)
        done = int(np.searchsorted(covered, embedded))
        left = None
        if paced_from is None:
            paced_from = (clock(), embedded)
        else:
            since, before = paced_from
            left = time_left(clock() - since - aside, embedded - before, len(distinct) - before)
        called = clock()
        on_batch(done, left)
        aside += clock() - called
    vectors = np.concatenate(parts, axis=0)
    if vectors.shape != (len(distinct), embedder.dim):
        raise MedLocalError(
            f"The embedding model returned {vectors.shape} vectors for {len(distinct)} passages."
        )
    return vectors[rows]


def _first_rows(texts: Sequence[str]) -> Iterator[int]:
    """For each text, the index of its first appearance among the distinct texts."""
    seen: dict[str, int] = {}
    for text in texts:
        yield seen.setdefault(text, len(seen))
