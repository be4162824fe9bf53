"""Summaries and exports: summarise -> save -> export, and stored output -> export document.

Both faces call these through :class:`~medlocal.app.workspace.Workspace`; the audit events
(``summarize``, ``export``) are written by the rag services underneath.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from medlocal import __version__
from medlocal.app.given_passages import given_sources
from medlocal.engine.api import SamplingParams
from medlocal.engine.reasoning import DEFAULT_THINK_BUDGET
from medlocal.errors import UserInputError
from medlocal.fsutil import shown_name, shown_path
from medlocal.privacy.deid_jobs import IN_PROCESS, Rules
from medlocal.progress import Countdown, Progress, ProgressCallback, rate_slope, report
from medlocal.rag.checks.patient_identity import RecordIdentity
from medlocal.rag.export import (
    FORMAT_WORDS,
    FORMATS,
    ExportReport,
    Shared,
    document_copy,
    document_from_output,
    export_audited,
    plan_for_export,
)
from medlocal.rag.export_files import ExportDocument
from medlocal.rag.flags import unsupported_draft
from medlocal.rag.record import record_passages
from medlocal.rag.summarize import Summarizer, Summary, save_summary
from medlocal.rag.templates import get_template
from medlocal.vault.rows import DocumentInfo, StoredOutput
from medlocal.vault.store import Vault
from medlocal.wording import counted

if TYPE_CHECKING:  # the redactor is imported where an export redacts (see rag.export)
    from medlocal.privacy.deid_model import SpanProposer
    from medlocal.privacy.deid_plan import PlanItem, RedactionPlan

DateMode = str
# How a list of redactions types a span the person added rather than the rules found.
ADDED_BY_YOU = "added by you"


def span_type(item: PlanItem) -> str:
    """A span's type in a list of redactions: its kind; a text the person added has no known
    kind ("added by you", replaced by "[REDACTED]"; walk 39's "NYHA" read "name (added)" and
    "[NAME]"), unless it merged with a span the rules found, whose kind it then has."""
    from medlocal.privacy.deid_plan import ADDED_KIND  # loaded already: the item is the plan's

    if item.type == ADDED_KIND:
        return ADDED_BY_YOU
    return f"{item.type} ({ADDED_BY_YOU})" if item.added else item.type


@dataclass(frozen=True)
class SavedSummary:
    output_id: int
    summary: Summary


def check_export_path(value: str | Path, *, overwrite: bool = True) -> Path:
    """An export target MedLocal can write: a known format in an existing folder; with
    ``overwrite`` False, not an existing file (the window's save dialog asks about that itself;
    a command must not replace a file, perhaps an earlier export, without being told to)."""
    path = Path(value).expanduser()
    if path.is_dir():
        raise UserInputError(
            f"{shown_path(path)} is a folder; give a file name ending in {FORMAT_WORDS}"
        )
    if not path.suffix:
        raise UserInputError(
            f"{shown_path(path)} has no extension: end the name with {FORMAT_WORDS}"
        )
    if path.suffix.lower() not in FORMATS:
        raise UserInputError(f"cannot export to '{path.suffix}': use {FORMAT_WORDS}")
    if not path.parent.is_dir():
        raise UserInputError(f"folder does not exist: {shown_path(path.parent)}")
    if not overwrite and path.exists():
        raise UserInputError(
            f"{shown_path(path)} already exists: choose another name, or add --overwrite"
        )
    return path


# A summary's plan (its steps, and the time they took this model in an earlier summary) goes to
# the progress callback as a value of its own, before the first step: the faces show it where it
# stays in sight (walk 41: "reading the documents: 0/32 steps" and nothing for a minute, with ~2 h
# to go, and no chance to choose fewer documents).
PLAN_STAGE = "summary plan"

# Seconds a map step took, by model, in this session's summaries (the process: the window's,
# or one command's): the next summary's plan says how long it should take.
SESSION_PACE: dict[str, float] = {}

# The first step is timed from its live figures before it ends: once part of its prompt is
# read, or after this many seconds with some read (one batch is a rough rate, a few a fair one).
FIRST_ESTIMATE_AFTER_S = 10.0
FIRST_ESTIMATE_PART = 0.1
# Until the model starts writing, its writing rate is unknown: on a CPU a written token costs
# about as much as ten read in a batch. Replaced by the measured rate once writing starts.
WRITE_COST_IN_READ_TOKENS = 10.0
# Seconds of writing, and tokens written, before its rate is measured: a tick's second is a
# coarse clock, and the first tokens come slowly (walk41b N1: "about 4.5 h left" from 2 tokens
# written in 9 s, then 66 min, then 30).
WRITE_SAMPLE_S = 3.0
WRITE_SAMPLE_TOKENS = 16
# The first step's estimate, once shown, is replaced by one of the same kind (from the reading
# rate, or from the writing rate) only when it differs by this part and the one shown has stood
# this many seconds: the window redraws it every second, and walk41b N1 saw 12, 24, 12, 18 min
# within 30 s. A first estimate from the writing rate replaces one from the reading rate at once.
FIRST_ESTIMATE_MOVE = 0.2
FIRST_ESTIMATE_HOLD_S = 10.0
# The reading rate is taken over the batches of about the last minute, not since the step
# began: a busy machine, or a prompt that reads more slowly as it grows (each token attends to
# all before it), makes the rate since the start too fast, and an estimate made from it grows as
# the step nears its end (walk51b M3: 20 min left, then 24, 30, 36 at 5,632 of 6,606 tokens).
READ_RATE_WINDOW_S = 60.0
# A section step reads only its own instructions (the notes before them are the same for every
# section and stay in the engine's cache: one read, by the first section) and writes up to
# ``max_tokens``: far less than a step reading the documents. Walk51b M3 counted each of 6
# sections as one more 6,606-token reading step, and every move of the first step's estimate
# moved the time left seven times as much.
SECTION_PROMPT_TOKENS = 100
# The batches read so far slowing down is extrapolated to the prompt's end (progress.rate_slope),
# to at most this many times the recent rate: a few noisy batches must not promise hours.
READ_SLOWING_CAP = 3.0
# The most sections of a bundled template: a plan advises fewer sections only past it.
SECTIONS_OF_A_USUAL_TEMPLATE = 6


def plan_shortened_by(plan: Progress) -> str:
    """What shortens a summary whose :data:`PLAN_STAGE` value is ``plan``: "sections" where the
    template's sections are most of its steps (walk51b M2: 400 section steps after 1 reading
    step, and the advice was to choose fewer documents), else "documents"."""
    return "sections" if plan.unit == "sections" else "documents"


def model_key(model: Any) -> str | None:
    """What names a model's pace across summaries: its file's hash, else its name; None for a
    model without either (a test's fake), whose pace is not kept."""
    for attribute in ("sha256", "name"):
        value = getattr(model, attribute, None)
        if isinstance(value, str) and value:
            return value
    return None


class StepClock:
    """The summarizer's steps as Progress, with the time left in a stage once a step of it has
    been timed: a long record's map stage runs for many minutes on a CPU, and "map: 0/26 steps"
    alone looked like a hang (QA).

    Within a step, :meth:`tick` (called every second by :meth:`ticking`) says how far the
    model has read the step's prompt and how much it has written, from the live figures of
    ``model.last_stats``: walk 38 read "reading the documents: 0/4 steps" for 8 minutes.

    The first step of a stage is timed from its live reading and writing rates before it ends
    (the step's prompt length and the writing limit ``max_tokens`` are known): walk 41's first
    step took 4 minutes of 32 with no estimate. While reading the documents, the time left
    counts the ``sections`` still to write after them. Before the first step, a
    :data:`PLAN_STAGE` value says how many steps there are and, where this model summarised
    before in this session (``pace``), how long they should take."""

    def __init__(
        self,
        progress: ProgressCallback | None,
        clock: Callable[[], float] = time.monotonic,
        model: Any = None,
        *,
        max_tokens: int = 0,
        sections: int = 0,
        pace: dict[str, float] | None = None,
    ) -> None:
        self.progress, self.clock, self.model = progress, clock, model
        self.max_tokens, self.sections = max_tokens, sections
        self.pace = SESSION_PACE if pace is None else pace
        self.key = model_key(model)
        self.stage, self.started = "", 0.0
        self.done = self.total = 0
        self.step_started = 0.0
        self._stale: object = None  # the model's figures of the step before this one
        self._first_step: float | None = None  # seconds the first step should take, estimated
        self._writing: tuple[float, int] | None = None  # when writing was first seen, and count
        self._read_mark: tuple[float, int] | None = None  # when the prompt read last grew, and to
        self._read_marks: list[tuple[float, int]] = []  # (when, tokens read) at each batch
        self._read_rate: float | None = None  # seconds per prompt token, lately (any step)
        self._write_rate: float | None = None  # seconds per written token, measured
        self._countdown = Countdown()  # the time left as shown: see progress.Countdown
        self._estimate_kind = ""  # what the first step's estimate was made from
        self._estimated_at = 0.0  # when it was last replaced
        self._lock = threading.Lock()

    def __call__(self, stage: str, done: int, total: int) -> None:
        with self._lock:
            now = self.clock()
            stats = getattr(self.model, "last_stats", None)
            finished = ""
            # The step just done, with the tokens it wrote in all: the line a log keeps (walk
            # 39: "writing, 1 tokens so far" was the only writing line of each step).
            ended = stage == self.stage and done > self.done
            if ended and stats is not None and stats is not self._stale and stats.generated_tokens:
                written = counted(stats.generated_tokens, "token")
                finished = f"step {done} of {total} wrote {written}"
            if stage != self.stage:
                self.stage, self.started = stage, now
                self._first_step = None
                if stage == "map" and done == 0 and total > 0:
                    self._plan(total)
            if stage == "map" and ended and done == total and self.key is not None:
                self.pace[self.key] = (now - self.started) / total
            self.done, self.total, self.step_started = done, total, now
            self._stale, self._writing, self._read_mark = stats, None, None
            self._read_marks = []
            # A step ended is a measurement: the time left from it is shown as it is.
            self._countdown.reset()
            self._report(now, finished, 0.0)

    def tick(self) -> None:
        """Progress inside the current step: the prompt tokens read, then the tokens written."""
        with self._lock:
            stats = getattr(self.model, "last_stats", None)
            if not self.stage or self.done >= self.total or stats is None:
                return
            if stats is self._stale or not stats.prompt_tokens:
                return  # this step's generation has not started yet
            now = self.clock()
            step = f"step {self.done + 1} of {self.total}"
            if stats.generated_tokens:
                within = f"{step}: writing, {counted(stats.generated_tokens, 'token')} so far"
                part, live = 1.0, True
            else:
                read, prompt = stats.prompt_read, stats.prompt_tokens
                within = f"{step}: read {read:,} of {prompt:,} tokens"
                part, live = read / prompt, False
            self._measure_reading(now, stats)
            if self.done == 0:
                self._estimate_first_step(now, stats)
            # Reading the prompt is most of a step on a CPU: the bar moves with it, short of
            # the step's end until the step is done. The count written so far is only for a
            # display that redraws it (a terminal's line, the window); a log gets the step's
            # final count when it ends instead.
            self._report(now, within, 0.95 * min(part, 1.0), live=live)

    def _estimate_first_step(self, now: float, stats: Any) -> None:
        """The first step's length from its live rates: the rest of the prompt at the rate
        read so far, then the writing limit at the rate written (guessed from the reading rate
        until writing has gone on for a few seconds and tokens)."""
        elapsed = now - self.step_started
        reused = stats.reused_prefix_tokens
        to_read = max(stats.prompt_tokens - reused, 1)
        if stats.generated_tokens:
            if self._writing is None:
                self._writing = (now, stats.generated_tokens)
                return  # keep the reading phase's estimate until writing is timed
            since, first = self._writing
            written = stats.generated_tokens - first
            if now - since < WRITE_SAMPLE_S or written < WRITE_SAMPLE_TOKENS:
                return
            to_write = max(self.max_tokens - stats.generated_tokens, 0)
            self._write_rate = (now - since) / written
            self._adopt(now, elapsed + to_write * self._write_rate, "writing")
            return
        if self._read_mark is None:
            return
        marked, read = self._read_mark[0] - self.step_started, stats.prompt_read - reused
        if read <= 0 or marked < 1.0 or self._read_rate is None:
            return  # nothing read yet, or a rate over less than a tick's second: noise
        if marked < FIRST_ESTIMATE_AFTER_S and read < FIRST_ESTIMATE_PART * to_read:
            return  # one batch in a second or two: too rough a rate to multiply by 30 steps
        # The time read so far, then the rest at the recent rate, slowing as the batches so far
        # have slowed (at most READ_SLOWING_CAP times by the end), and the writing at the rate
        # of the prompt's end.
        rate = self._read_rate
        slope = rate_slope(self._read_marks)
        end_rate = min(rate + slope * max(to_read - read, 0), rate * READ_SLOWING_CAP)
        rest = max(to_read - read, 0) * (rate + end_rate) / 2
        writing = self.max_tokens * WRITE_COST_IN_READ_TOKENS * end_rate
        self._adopt(now, marked + rest + writing, "reading")

    def _measure_reading(self, now: float, stats: Any) -> None:
        """The reading rate over about the last :data:`READ_RATE_WINDOW_S` of the step's prompt.
        The prompt is read in batches: timed to the tick that saw the last batch land, not to
        now, else the rate falls between batches and jumps at each (walk41b N1)."""
        if stats.generated_tokens:
            return
        if not self._read_marks:  # the step's start: the cached prefix counts as read then
            self._read_marks.append((self.step_started, stats.reused_prefix_tokens))
        if self._read_mark is None or stats.prompt_read != self._read_mark[1]:
            self._read_mark = (now, stats.prompt_read)
            if stats.prompt_read > self._read_marks[-1][1]:
                self._read_marks.append(self._read_mark)
        last_time, last_read = self._read_marks[-1]
        base_time, base_read = self._read_marks[0]
        for when, read in self._read_marks:  # the latest mark a window before the last
            if when <= last_time - READ_RATE_WINDOW_S:
                base_time, base_read = when, read
        if last_read > base_read and last_time - base_time >= 1.0:
            self._read_rate = (last_time - base_time) / (last_read - base_read)

    def _adopt(self, now: float, step: float, kind: str) -> None:
        """Take ``step`` (seconds) as the first step's length, unless it would move the one shown,
        of the same ``kind``, by little or soon after its last move (``FIRST_ESTIMATE_MOVE``)."""
        current = self._first_step
        if current is not None and kind == self._estimate_kind:
            if now - self._estimated_at < FIRST_ESTIMATE_HOLD_S:
                return
            if abs(step - current) < FIRST_ESTIMATE_MOVE * current:
                return
        if kind != self._estimate_kind:
            self._countdown.reset()  # the first timed writing: a measurement, shown at once
        self._first_step, self._estimate_kind, self._estimated_at = step, kind, now

    def _plan(self, total: int) -> None:
        """The steps ahead, said before the first (see :data:`PLAN_STAGE`)."""
        steps = total + self.sections
        detail = f"{counted(total, 'step')} to read the documents"
        if self.sections:
            detail = f"{steps} steps: {total} to read the documents, {self.sections} to write"
            detail += " the sections"
        pace = self.pace.get(self.key) if self.key is not None else None
        if pace is not None:
            detail += f"; about {_duration(pace * steps)} at this model's pace in the last summary"
        else:
            detail += "; the time left is estimated during the first step"
        # The unit a plan is counted in is what shortens it (see plan_shortened_by): "sections"
        # where the template's sections outnumber its reading steps twice over and are more than
        # a bundled template has: a section step (its instructions read, up to max_tokens
        # written) is shorter than a reading step, so 3 sections after 1 reading step are not
        # what to cut, 20 or 400 are.
        many = self.sections > max(2 * total, SECTIONS_OF_A_USUAL_TEMPLATE)
        shorter = "sections" if many else "documents"
        report(self.progress, Progress(PLAN_STAGE, detail=detail, unit=shorter))

    @contextmanager
    def ticking(self, every: float = 1.0) -> Iterator[StepClock]:
        """Call :meth:`tick` every ``every`` seconds on a thread of its own until the block
        ends."""
        ended = threading.Event()

        def run() -> None:
            while not ended.wait(every):
                self.tick()

        thread = threading.Thread(target=run, name="summary-progress", daemon=True)
        thread.start()
        try:
            yield self
        finally:
            ended.set()
            thread.join()

    def _report(self, now: float, within: str, part: float, *, live: bool = False) -> None:
        done, total = self.done, self.total
        details = [within] if within else []
        if 0 < done < total:
            per_step = (self.step_started - self.started) / done
            left = per_step * (total - done) + self._later(per_step) - (now - self.step_started)
            details.append(f"about {_duration(self._countdown.shown(now, left))} left")
        elif done == 0 < total:
            guess = self._first_guess()
            if guess is not None:
                per_step, source = guess
                left = per_step * total + self._later(per_step) - (now - self.step_started)
                details.append(
                    f"about {_duration(self._countdown.shown(now, left))} left, {source}"
                )
        report(
            self.progress,
            Progress(
                _stage_words(self.stage),
                done,
                total,
                detail="; ".join(details),
                unit="steps",
                part=part,
                live=live,
            ),
        )

    def _later(self, per_step: float) -> float:
        """Seconds the sections take after the documents are read (none in a later stage): each
        reads its instructions and writes up to ``max_tokens`` at the rates measured, and the
        first reads the notes, at most ``max_tokens`` per reading step (see
        :data:`SECTION_PROMPT_TOKENS`); a reading step's length each where no rate is known."""
        if self.stage != "map" or not self.sections:
            return 0.0
        if self._read_rate is None or not self.max_tokens:
            return per_step * self.sections
        read, write = self._read_rate, self._write_rate
        if write is None:
            write = read * WRITE_COST_IN_READ_TOKENS
        notes = self.total * self.max_tokens * read
        return notes + self.sections * (SECTION_PROMPT_TOKENS * read + self.max_tokens * write)

    def _first_guess(self) -> tuple[float, str] | None:
        """Seconds a step takes before one has ended: from the first step's live rates, else
        (reading the documents) from this model's pace in an earlier summary."""
        if self._first_step is not None:
            return self._first_step, "estimated from the first step"
        pace = self.pace.get(self.key) if self.key is not None else None
        if pace is not None and self.stage == "map":
            return pace, "at this model's pace in the last summary"
        return None


# The summarizer's stages as a clinician reads them (walk 32: "map: 0/1 steps" was jargon).
_STAGE_WORDS = {"map": "reading the documents", "reduce": "writing the sections"}


def _stage_words(stage: str) -> str:
    if stage.startswith("combine "):  # "combine 2": the notes merged until they fit, round 2
        return f"combining the notes (round {stage.removeprefix('combine ')})"
    return _STAGE_WORDS.get(stage, stage)


def _duration(seconds: float) -> str:
    if seconds < 60:
        return "1 min"
    if seconds < 90 * 60:
        return f"{round(seconds / 60)} min"
    return f"{seconds / 3600:.1f} h"


def default_summary_documents(
    vault: Vault, patient_id: int
) -> tuple[list[int], list[DocumentInfo]]:
    """The documents a summary takes when none are named, and those it leaves out: a document
    whose import noted that it names another patient of this vault. Summarised by default, such
    a letter put another patient's history into this one's summary unnoticed (walk 40b); named
    on purpose (``--doc``, a ticked row), it is summarised and the summary carries the note.
    Refused, with directions, when every document is one."""
    documents = vault.list_documents(patient_id)
    chosen = [d.id for d in sorted(documents, key=lambda d: d.id) if not d.notes]
    left_out = [d for d in documents if d.notes]
    if documents and not chosen:
        named = ", ".join(f"{d.id} ({shown_name(d.file_name)})" for d in left_out)
        raise UserInputError(
            f"every document of patient {patient_id} names another patient of this vault "
            f"(documents {named}): check where they belong, or name them with --doc to "
            "summarise them anyway"
        )
    return chosen, left_out


def summarize_patient(
    vault: Vault,
    model: Any,
    patient_id: int,
    template_name: str,
    params: SamplingParams,
    *,
    document_ids: Sequence[int] | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    think_budget: int = DEFAULT_THINK_BUDGET,
) -> SavedSummary:
    """Map the chosen documents, reduce into the template, check, save; nothing is saved when
    cancelled (the summarizer raises GenerationCancelled)."""
    template = get_template(template_name)
    if params.max_tokens <= 0:
        raise UserInputError("the summary step length must be positive")
    patient = vault.get_patient(patient_id)
    hits = record_passages(vault, patient_id, document_ids)
    record = [d.file_name for d in vault.list_documents(patient_id)]
    identity = RecordIdentity(patient.name, patient.mrn, patient.dob)
    steps = StepClock(
        progress, model=model, max_tokens=params.max_tokens, sections=len(template.sections)
    )
    with steps.ticking() as clock:
        summary = Summarizer(model, params=params, think_budget=think_budget).summarize(
            hits, template, progress=clock, cancel=cancel, record=record, identity=identity
        )
    return SavedSummary(save_summary(vault, patient_id, summary), summary)


def list_outputs(vault: Vault, patient_id: int | None = None) -> list[StoredOutput]:
    """Saved answers and summaries (of one patient if given). An unknown patient is an error
    (NotFoundError, "No patient with id N."), not an empty list."""
    if patient_id is not None:
        vault.get_patient(patient_id)
    return vault.list_outputs(patient_id)


def output_document(vault: Vault, output_id: int) -> tuple[ExportDocument, int | None]:
    """A stored answer or summary rebuilt for export, with its patient id."""
    stored = vault.get_output(output_id)
    doc = document_from_output(
        stored.title, stored.kind, stored.content, stored.provenance, stored.flags
    )
    if not doc.sources and unsupported_draft(doc.flags):
        # Its flag says to read the passages the model was given: the export lists them.
        doc.sources = given_sources(vault, stored.provenance)
    return doc, stored.patient_id


def source_document(vault: Vault, document_id: int) -> tuple[ExportDocument, int]:
    """An imported document's extracted text, ready for export, with its patient id. An unknown
    id is NotFoundError ("No document with id N.")."""
    info = vault.get_document(document_id)
    doc = document_copy(info.file_name, vault.document_text(document_id), __version__)
    return doc, info.patient_id


def shared_document(vault: Vault, shared: Shared) -> tuple[ExportDocument, int | None]:
    """What ``shared`` names, as an exportable document, with its patient id."""
    if shared.kind == "output":
        return output_document(vault, shared.id)
    return source_document(vault, shared.id)


def preview_redactions(
    vault: Vault,
    shared: Shared,
    date_mode: DateMode = "shift",
    keep: Sequence[tuple[int, str]] = (),
    add: Sequence[str] = (),
    proposer: SpanProposer | None = None,
    *,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    rules: Rules = IN_PROCESS,
) -> RedactionPlan:
    """Exactly what a redacted export of ``shared`` would remove (numbered spans with their
    types, the user's kept and added spans applied, the same date offset); writes nothing.
    ``rules`` reads the text (here, or in the window's rules process)."""
    doc, patient_id = shared_document(vault, shared)
    return plan_for_export(
        vault,
        patient_id,
        doc,
        _date_mode(date_mode),
        keep,
        add,
        proposer,
        scope=shared.scope,
        progress=progress,
        cancel=cancel,
        rules=rules,
    )


def export_shared(
    vault: Vault,
    shared: Shared,
    out: str | Path,
    *,
    redact: bool = False,
    date_mode: DateMode = "shift",
    keep: Sequence[tuple[int, str]] = (),
    add: Sequence[str] = (),
    proposer: SpanProposer | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    rules: Rules = IN_PROCESS,
) -> ExportReport:
    """Write a saved output or an imported document's text to .md/.docx/.pdf, optionally
    de-identified by the plan :func:`preview_redactions` shows; audited (``export`` with its
    ``output_id`` or ``document_id``). The faces ask for ``redact`` on a document's copy unless
    the person explicitly chose an unredacted one."""
    path = check_export_path(out)
    doc, patient_id = shared_document(vault, shared)
    return export_audited(
        vault,
        shared,
        patient_id,
        doc,
        path,
        redact=redact,
        date_mode=_date_mode(date_mode),
        keep=keep,
        add=add,
        proposer=proposer,
        progress=progress,
        cancel=cancel,
        rules=rules,
    )


def _date_mode(value: str) -> Any:
    if value not in ("shift", "year"):
        raise UserInputError("date mode must be 'shift' or 'year'")
    return value


def citing_output_ids(vault: Vault, document_ids: Collection[int]) -> list[int]:
    """The saved answers and summaries written from passages of these documents."""
    wanted = set(document_ids)
    found = []
    for output in vault.list_outputs():
        passages = output.provenance.get("passages") or []
        sources = output.provenance.get("sources") or []
        cited = {int(p.get("document_id", -1)) for p in [*passages, *sources]}
        if cited & wanted:
            found.append(output.id)
    return found


def outputs_citing(vault: Vault, document_ids: Collection[int]) -> int:
    """How many saved answers and summaries were written from passages of these documents.
    They keep their own text (with its quotations) when a document is deleted unless deleted
    with it (:func:`delete_document`): both faces say so before deleting, so a wrongly filed
    letter is not thought gone while answers still quote it."""
    return len(citing_output_ids(vault, document_ids))


def delete_outputs(vault: Vault, output_ids: Sequence[int]) -> int:
    """Delete saved answers or summaries (all or none; audited by id); returns how many."""
    if not output_ids:
        raise UserInputError("no saved output chosen")
    vault.delete_outputs(output_ids)
    return len(set(output_ids))


def delete_document(vault: Vault, document_id: int, *, with_outputs: bool = False) -> list[int]:
    """Delete a document; with ``with_outputs`` also the saved outputs quoting it, in the same
    transaction. Returns the ids of the outputs deleted."""
    output_ids = citing_output_ids(vault, [document_id]) if with_outputs else []
    vault.delete_document(document_id, output_ids=output_ids)
    return output_ids
