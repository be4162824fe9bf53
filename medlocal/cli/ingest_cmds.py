"""``medlocal import``: bring documents into a patient's records from a terminal."""

from __future__ import annotations

import argparse
import json
import shutil
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from medlocal.cli.common import add_vault_args, open_vault, stdin_is_terminal, workspace
from medlocal.cli.engine_cmds import positive_float
from medlocal.errors import UserInputError
from medlocal.fsutil import shown_name
from medlocal.ingest.formats import SUPPORTED_KINDS, SUPPORTED_SUFFIXES
from medlocal.ingest.import_report import (
    STAGE_WORDS,
    FileOutcome,
    ImportReport,
    LongFile,
    ProgressEvent,
    import_progress_text,
)
from medlocal.progress import Progress

EXIT_OK, EXIT_SOME_FAILED = 0, 1
_STATUS_WIDTH = 9


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "import",
        help="import documents (files or folders) into a patient's records",
        description=f"Import {SUPPORTED_KINDS} into the "
        "encrypted vault for one patient. Folders are searched recursively. Each document is "
        "stored whole or not at all; a file that cannot be imported is reported and the rest "
        "go on. Ctrl-C stops after the current step without leaving a partial document.",
        epilog="Exit status: 0 when no file failed (duplicates, and unsupported files found "
        "inside folders, are skipped, not failed); 1 when at least one file failed or the "
        "import was cancelled; 2 for bad arguments (a named file or folder that does not "
        "exist), an unknown patient or a wrong passphrase. "
        f"Supported extensions: {' '.join(SUPPORTED_SUFFIXES)}.",
    )
    add_vault_args(parser)
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to import")
    parser.add_argument("--patient", type=int, required=True, metavar="ID", help="patient id")
    parser.add_argument("--collection", metavar="NAME", help="add the documents to a collection")
    parser.add_argument("--model", help="embedding model id or path (default: the installed one)")
    parser.add_argument(
        "--max-size-mb",
        type=positive_float,
        default=None,
        metavar="MB",
        help="refuse files larger than this (default: the import_max_mb setting, 200)",
    )
    parser.add_argument(
        "--yes",
        "-y",
        action="store_true",
        help="index a file that takes long to index without asking (it is still announced)",
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.set_defaults(func=run_import)


def run_import(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    _refuse_missing(args.paths)
    with open_vault(args):
        progress = ProgressBar(sys.stderr)
        cancel = threading.Event()
        announced: list[LongFile] = []
        try:
            with _cancel_on_interrupt(cancel):
                report = workspace(args).import_documents(
                    args.paths,
                    args.patient,
                    collection=args.collection,
                    model=args.model,
                    max_mb=args.max_size_mb,
                    on_file=progress.update,
                    progress=progress.pages,
                    cancel=cancel,
                    confirm_long=_long_file_question(args, progress, cancel, announced),
                )
        finally:
            progress.finish()
    elapsed = time.perf_counter() - started
    if args.json:
        # The long-file notice went to standard error; a program reading the JSON gets it too.
        long_files = [
            {
                "file": shown_name(f.file_name),
                "passages": f.passages,
                "seconds_estimate": round(f.seconds),
                "notice": f"{f.text()}.",
            }
            for f in announced
        ]
        report_json = {"patient_id": args.patient, **report.as_dict(), "long_files": long_files}
        print(json.dumps(report_json, indent=2))
    else:
        print_summary(report, elapsed, sys.stdout)
    return EXIT_SOME_FAILED if report.failed or report.cancelled else EXIT_OK


def _long_file_question(
    args: argparse.Namespace,
    progress: ProgressBar,
    cancel: threading.Event,
    announced: list[LongFile] | None = None,
) -> Callable[[LongFile], bool]:
    """Announce a file whose indexing takes long (walk 43: a 10 MB lab CSV, 35,009 passages,
    about 63 minutes, began with no word) and, when a person is at the terminal and did not give
    ``--yes``, ask whether to index it now; a script goes on, as it always did, with the line in
    its log. Each announced file is added to ``announced`` (the JSON report lists them).

    The question is asked only when standard input and standard error are both terminals, and
    written to standard error: review 44 found ``input()``'s prompt on standard output, so with
    ``> log`` or ``--json | jq`` nobody saw it, the import waited for ever and the JSON was
    corrupted. ``--json`` never asks (its output is for a program). Ctrl-C at the question
    cancels the import, as Ctrl-C does elsewhere."""

    def ask(long_file: LongFile) -> bool:
        progress.say(f"{long_file.text()}.")
        if announced is not None:
            announced.append(long_file)
        if getattr(args, "yes", False) or getattr(args, "json", False):
            return True
        if not (stdin_is_terminal() and _is_terminal(sys.stderr)):
            return True
        if cancel.is_set():  # Ctrl-C came just before the question: the import stops anyway
            return False
        return _ask_on_terminal(
            "Index it now? 'n' leaves this file out; the others go on. [y/N] ", progress, cancel
        )

    return ask


def _ask_on_terminal(question: str, progress: ProgressBar, cancel: threading.Event) -> bool:
    """``question`` on standard error, the answer from standard input: True for y/yes.

    The import's first-Ctrl-C handler only sets ``cancel`` (the read would go on waiting), so
    while the question waits Ctrl-C raises KeyboardInterrupt, which ends the read; it then
    cancels the import like a first Ctrl-C elsewhere (a second one aborts)."""
    in_main = threading.current_thread() is threading.main_thread()
    previous = signal.getsignal(signal.SIGINT) if in_main else None
    if in_main:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    interrupted = False
    try:
        sys.stderr.write(question)
        sys.stderr.flush()
        answer = sys.stdin.readline()
    except KeyboardInterrupt:
        interrupted = True
        answer = ""
    except (EOFError, OSError, RuntimeError, ValueError):  # stdin closed meanwhile
        answer = ""
    finally:
        if in_main:
            # After a Ctrl-C the next one aborts at once, as after the first one elsewhere.
            signal.signal(signal.SIGINT, signal.default_int_handler if interrupted else previous)
    if interrupted:
        progress.say("\nmedlocal: stopping: the import is cancelled (Ctrl-C again to abort)")
        cancel.set()
        return False
    if not answer.endswith("\n"):  # Ctrl-D: end the question's line
        sys.stderr.write("\n")
        sys.stderr.flush()
    return answer.strip().lower() in ("y", "yes")


def _is_terminal(stream: TextIO | None) -> bool:
    if stream is None:
        return False
    try:
        return stream.isatty()
    except (OSError, ValueError):  # a closed file
        return False


def _refuse_missing(paths: list[str]) -> None:
    """A file or folder named on the command line that does not exist is bad input (exit 2,
    nothing imported), as a missing file is for every command; a file that cannot be read or
    imported is reported as failed and the rest go on."""
    missing = [path for path in paths if not Path(path).expanduser().exists()]
    if missing:
        raise UserInputError(f"{'; '.join(missing)}: no such file or folder. Nothing was imported.")


def print_summary(report: ImportReport, elapsed: float, out: TextIO) -> None:
    for outcome in report.files:
        print(f"  {outcome.status:<{_STATUS_WIDTH}} {_describe(outcome)}", file=out)
    for shown in report.not_reached:
        print(f"  {'not reached':<{_STATUS_WIDTH}} {shown_name(shown)}", file=out)
    print(
        f"Imported {len(report.imported)}, skipped {len(report.skipped)}, "
        f"failed {len(report.failed)} ({_count(report.pages, 'page')}, "
        f"{_count(report.chunks, 'passage')}) "
        f"in {elapsed:.1f} s."
        + (" Cancelled before the end." if report.cancelled else "")
        + _not_reached(report),
        file=out,
    )
    if report.stopped:
        # Walk 38: a full disk was "unexpected error (OperationalError)" on each file in turn.
        kept = ", ".join(shown_name(o.shown) for o in report.imported) or "none"
        print(f"Import stopped: {report.stopped} Imported before it stopped: {kept}.", file=out)


def _not_reached(report: ImportReport) -> str:
    left = report.not_reached
    if not left:
        return ""
    them = "it" if len(left) == 1 else "them"
    return f" {_count(len(left), 'file')} not reached (listed above): import {them} again."


def _describe(outcome: FileOutcome) -> str:
    # "page 3: low OCR confidence"; for a duplicate, the notes stored with the document already
    # in the vault ("it names another patient of this vault, ...").
    notes = "".join(f"; {note}" for note in outcome.notes)
    if outcome.status == "imported":
        return (
            f"{shown_name(outcome.shown)} (document {outcome.document_id}, "
            f"{_count(outcome.pages, 'page')}, {_count(outcome.chunks, 'passage')}{notes})"
        )
    return f"{shown_name(outcome.shown)}: {outcome.reason}{notes}"


def _tail(path: str, width: int) -> str:
    """``path`` in ``width`` characters, cut at the front: the file's own name stays."""
    if len(path) <= width:
        return path
    return "…" + path[len(path) - width + 1 :] if width > 0 else ""


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


class ProgressBar:
    """A one-line text progress bar on a terminal. Otherwise (a log, a pipe, cron) one line per
    finished file, and inside a long file (splitting it into passages, embedding, OCR) a line
    each tenth of the way or each ``LOG_EVERY_S`` seconds, whichever comes first, so a 900-page
    import shows it is alive (walk 27: a tenth of a 5,681-passage file took 2-3 minutes); OCR
    is logged whatever the page count, each page taking seconds."""

    WIDTH = 24
    LONG = 100  # passages or pages from which a file's own progress is logged off a terminal
    LOG_EVERY_S = 20.0

    def __init__(self, stream: TextIO, clock: Callable[[], float] = time.monotonic) -> None:
        self._stream = stream
        self._live = stream.isatty()
        self._drawn = False
        self._clock = clock
        # The stage being logged, how far it got and the last tenth printed.
        self._logged: tuple[str, int, int] = ("", 0, -1)
        self._logged_at = 0.0

    def update(self, event: ProgressEvent) -> None:
        # A file's reason is printed as it ends, not only in the summary after the batch: an
        # import killed or interrupted midway showed "failed: name" and no why (walk 31).
        why = f": {event.detail}" if event.stage == "done" and event.detail else ""
        if self._live:
            if event.outcome == "failed":
                self._print_above(f"failed: {shown_name(event.file_name)}{why}")
            self._draw(event)
        elif event.stage == "done":
            print(
                f"[{event.index}/{event.total}] {event.outcome}: "
                f"{shown_name(event.file_name)}{why}",
                file=self._stream,
                flush=True,
            )
        elif event.within_file:
            self._log_tenth(event.as_progress())

    def say(self, line: str) -> None:
        """A line of its own (over the bar on a terminal, which is drawn again after it)."""
        if self._live:
            self._print_above(line)
        else:
            print(line, file=self._stream, flush=True)

    def _print_above(self, line: str) -> None:
        """A line that stays, printed over the bar (which is drawn again after it)."""
        if self._drawn:
            columns = shutil.get_terminal_size((80, 24)).columns
            self._stream.write("\r" + " " * (columns - 1) + "\r")
        self._stream.write(line + "\n")
        self._stream.flush()
        self._drawn = False

    def pages(self, value: Progress) -> None:
        """OCR's per-page progress (with its ETA) for the file being read."""
        if value.stage != "ocr":
            return
        if not self._live:
            self._log_tenth(value)
            return
        columns = shutil.get_terminal_size((80, 24)).columns
        line = import_progress_text(value)  # the window's words
        self._stream.write("\r" + line[: columns - 1].ljust(columns - 1))
        self._stream.flush()
        self._drawn = True

    def _log_tenth(self, value: Progress) -> None:
        # A page of OCR takes seconds, a passage milliseconds: a scan of any length is logged
        # (walk 40: a 6-page scan read for 22 s printed nothing off a terminal), passages only
        # in a long file.
        least = 1 if value.unit == "pages" else self.LONG
        if value.total is None or value.total < least:
            return
        stage, done, printed = self._logged
        if value.stage != stage or value.done < done:  # the next file (or stage) starts over
            printed = -1
        tenth = int(10 * value.done / value.total)
        now = self._clock()
        if tenth > printed or now - self._logged_at >= self.LOG_EVERY_S:
            print(import_progress_text(value), file=self._stream, flush=True)
            printed, self._logged_at = tenth, now
        self._logged = (value.stage, value.done, printed)

    def _draw(self, event: ProgressEvent) -> None:
        finished = event.index if event.stage == "done" else event.index - 1
        filled = round(self.WIDTH * finished / max(event.total, 1))
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        outcome = event.outcome or "done"
        stage = STAGE_WORDS.get(outcome, outcome) if event.stage == "done" else event.stage_text
        head = f"[{bar}] {finished}/{event.total} {stage}: "
        columns = shutil.get_terminal_size((80, 24)).columns
        line = head + _tail(shown_name(event.file_name), columns - 1 - len(head))
        self._stream.write("\r" + line[: columns - 1].ljust(columns - 1))
        self._stream.flush()
        self._drawn = True

    def finish(self) -> None:
        if self._drawn:
            self._stream.write("\n")
            self._stream.flush()


@contextmanager
def _cancel_on_interrupt(cancel: threading.Event) -> Iterator[None]:
    """First Ctrl-C asks the import to stop cleanly; a second one interrupts at once."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_interrupt(signum: int, frame: object) -> None:
        print(
            "\nmedlocal: stopping after the current step (Ctrl-C again to abort)", file=sys.stderr
        )
        cancel.set()
        signal.signal(signal.SIGINT, signal.default_int_handler)

    previous = signal.signal(signal.SIGINT, on_interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
