"""What an import reports: its progress values (a file's stage, the passages of a long file
indexed, the time left) and its outcome, file by file, in words people read in the window and
the terminal alike. (Split out of pipeline.py, session 52: the import itself is there.)"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from medlocal.fsutil import shown_name
from medlocal.progress import Progress, duration_text

Stage = Literal["extract", "chunk", "embed", "write", "done"]
Status = Literal["imported", "skipped", "failed", "cancelled"]
STAGES: tuple[Stage, ...] = ("extract", "chunk", "embed", "write")
# What each stage (and each finished file's outcome) is called on a progress line: plain words,
# never the internal names (walk 39b: the window said "embed: 1/12 files (/tmp/…/x.pdf)").
# "embedding", "chunking" and "ocr" are the stages of the file's own progress values.
STAGE_WORDS: dict[str, str] = {
    "extract": "Reading",
    "ocr": "Recognising text (OCR)",
    "chunk": "Splitting into passages",
    "chunking": "Splitting into passages",
    "embed": "Indexing",
    "embedding": "Indexing",
    "write": "Saving",
    "imported": "Imported",
    "skipped": "Skipped",
    "failed": "Failed",
    "cancelled": "Cancelled",
    "done": "Done",
}


def import_progress_text(value: Progress) -> str:
    """An import's progress value as one line for people, the same in the window and the
    terminal: "Reading: file 2 of 12 (letter.pdf)", "Indexing: 64 of 900 passages (scan.pdf,
    about 2 min left)", "Splitting into passages: 40% (notes.txt)", "Imported: 3 of 12 files
    (letter.pdf)". The detail is shown as the caller gave it (the window gives file names)."""
    words = STAGE_WORDS.get(value.stage, value.stage)
    detail = f" ({value.detail})" if value.detail else ""
    if not value.total:
        return f"{words}{detail}"
    if value.unit == "characters":  # millions of them: a share says more
        return f"{words}: {100 * value.done // value.total}%{detail}"
    if value.unit == "files" and value.stage in STAGES:  # done counts the files before it
        return f"{words}: file {min(value.done + 1, value.total)} of {value.total}{detail}"
    return f"{words}: {value.done:,} of {value.total:,} {value.unit}{detail}".rstrip()


@dataclass(frozen=True)
class LongFile:
    """A file whose passages take long to index: how many, and the time at the pace measured on
    its first batches (a few seconds in: the estimate the progress line shows next)."""

    file_name: str  # as the import names it (``FoundFile.shown``)
    passages: int
    seconds: float

    def text(self) -> str:
        return (
            f"{shown_name(self.file_name)} makes {self.passages:,} passages: indexing them "
            f"takes about {duration_text(self.seconds)} at this computer's pace"
        )


@dataclass(frozen=True)
class ProgressEvent:
    """Sent when a file starts a stage and when it is finished (stage ``done`` with outcome);
    while a file is embedded, once more after every embedding batch with the passages done (and,
    after a few batches, the time left), so a 900-page document shows movement instead of
    minutes of silence; while a long text is split into passages, every hundredth of it with the
    characters done."""

    index: int  # 1-based position of the file in the batch
    total: int
    file_name: str  # the file as the user knows it (``FoundFile.shown``)
    stage: Stage
    outcome: Status | None = None
    detail: str | None = None  # the reason, for skipped and failed files
    passages_done: int | None = None  # stage "embed": passages of this file embedded so far
    passages_total: int | None = None
    characters_done: int | None = None  # stage "chunk": characters of this file's text split
    characters_total: int | None = None
    seconds_left: float | None = None  # stage "embed": at the pace of the batches so far
    long_file: LongFile | None = None  # stage "embed", once: the file takes long to index

    @property
    def within_file(self) -> bool:
        """News of the file's own progress (passages embedded, text split), not of the batch."""
        return bool(self.passages_total or self.characters_total)

    @property
    def stage_text(self) -> str:
        """The stage for a progress line: ``Indexing 64/900 passages`` while embedding,
        ``Splitting into passages 40%`` while a long text is split."""
        words = STAGE_WORDS.get(self.stage, self.stage)
        if self.passages_total:
            return f"{words} {self.passages_done or 0}/{self.passages_total} passages{self._left()}"
        if self.characters_total:
            return f"{words} {100 * (self.characters_done or 0) // self.characters_total}%"
        return words

    def as_progress(self) -> Progress:
        """The same news as the project's one progress type: files of the batch, or the
        passages of the file being embedded."""
        if self.passages_total:
            return Progress(
                "embedding",
                self.passages_done or 0,
                self.passages_total,
                detail=f"{self.file_name}{self._left()}",
                unit="passages",
            )
        if self.characters_total:
            return Progress(
                "chunking",
                self.characters_done or 0,
                self.characters_total,
                detail=self.file_name,
                unit="characters",
            )
        done = self.index if self.stage == "done" else self.index - 1
        return Progress(self.stage, done, self.total, detail=self.file_name, unit="files")

    def _left(self) -> str:
        if self.seconds_left is None:
            return ""
        return f", about {duration_text(self.seconds_left)} left"


@dataclass
class FileOutcome:
    file_name: str  # the base name, which the document keeps in the vault
    status: Status
    reason: str | None = None
    document_id: int | None = None
    file_type: str | None = None
    pages: int = 0
    chunks: int = 0
    size: int = 0
    ocr_pages: int = 0  # pages read by OCR
    notes: list[str] = field(default_factory=list)  # e.g. "page 3: low OCR confidence (71%)"
    # A skipped duplicate: the document already in the vault with these bytes (whose stored
    # notes the application adds to ``notes``, so a re-import repeats them).
    duplicate_of: int | None = None
    path: str = ""  # as the user knows it (``FoundFile.shown``), for reports

    @property
    def shown(self) -> str:
        """The file in a report: its path inside the imported folder, or the path given."""
        return self.path or self.file_name


@dataclass
class ImportReport:
    files: list[FileOutcome] = field(default_factory=list)
    cancelled: bool = False
    # A cancelled import: the files it never reached, as reports name them (to run them again).
    not_reached: list[str] = field(default_factory=list)
    # Why the batch stopped before its end ("" when it did not): the disk filled up, so every
    # further write would fail too. The files not reached are in ``not_reached``.
    stopped: str = ""
    # Seconds spent per stage, summed over the batch (for the benchmark and the CLI summary).
    timings: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))

    def _with(self, status: Status) -> list[FileOutcome]:
        return [outcome for outcome in self.files if outcome.status == status]

    @property
    def imported(self) -> list[FileOutcome]:
        return self._with("imported")

    @property
    def skipped(self) -> list[FileOutcome]:
        return self._with("skipped")

    @property
    def failed(self) -> list[FileOutcome]:
        return self._with("failed")

    @property
    def pages(self) -> int:
        return sum(outcome.pages for outcome in self.imported)

    @property
    def chunks(self) -> int:
        return sum(outcome.chunks for outcome in self.imported)

    def as_dict(self) -> dict[str, Any]:
        return {
            "imported": len(self.imported),
            "skipped": len(self.skipped),
            "failed": len(self.failed),
            "cancelled": self.cancelled,
            "not_reached": list(self.not_reached),
            "stopped": self.stopped,
            "pages": self.pages,
            "chunks": self.chunks,
            "timings_s": {stage: round(seconds, 4) for stage, seconds in self.timings.items()},
            "files": [asdict(outcome) for outcome in self.files],
        }


ProgressCallback = Callable[[ProgressEvent], None]
