"""Export an answer, a summary or an imported document's text, with the citations as a
reference list, the grounding flags, a provenance footer and optional de-identification: the
plan (what redaction removes, what the person kept or added), the date offset, the audit event.
The files themselves are written by :mod:`medlocal.rag.export_files`; what is read of the
patient's whole record by :mod:`medlocal.rag.export_record`; the optional model line is
:mod:`medlocal.rag.export_model_line`.

Redaction covers everything patient-derived that goes into the file: title, body, flag tokens and
the reference list (file names and snippets). The provenance footer holds model and software
facts only and is written as is.
"""

from __future__ import annotations

import errno
import hashlib
import threading
from collections.abc import Hashable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from weakref import WeakKeyDictionary

from medlocal.errors import UserInputError
from medlocal.fsutil import atomic_private_file, shown_path
from medlocal.privacy.deid_jobs import IN_PROCESS, RedactorSpec, Rules, redactor_of
from medlocal.progress import Progress, ProgressCallback, check_cancel, report
from medlocal.rag.export_files import WRITERS, ExportDocument

# The model line's names are the export's to the layers above (the workspace, the window).
from medlocal.rag.export_model_line import MODEL_LINE_STAGE as MODEL_LINE_STAGE
from medlocal.rag.export_model_line import NamedProposer
from medlocal.rag.export_model_line import chat_model_line as chat_model_line
from medlocal.rag.export_record import LONG_DOCUMENT, ExportSource, patient_record
from medlocal.rag.flags import Flag
from medlocal.rag.passages import SourceRef
from medlocal.rag.provenance import document_provenance

if TYPE_CHECKING:
    # The redactor compiles some two thousand patterns when it is imported (about 1.5 s of CPU):
    # it is imported where an export redacts, so that commands that never redact ("import",
    # "ask", "patient list", "--help") do not wait for it.
    from medlocal.privacy.deid_model import SpanProposer
    from medlocal.privacy.deid_plan import PlanItem, RedactionPlan
    from medlocal.privacy.deid_spans import Redaction
    from medlocal.privacy.redact import DateMode, PatientIdentity, Redactor

    # A redaction and the part of the document it is in ("title", "body", "flag 3",
    # "reference 2"), with its number in the preview and whether the user kept it.
    PlannedRedaction = PlanItem

FORMATS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".docx": "docx",
    ".pdf": "pdf",
}
# The formats in words, for every message and help text that names them.
FORMAT_WORDS = ".md, .txt, .docx or .pdf"

REDACT_STAGE = "finding identifiers in the text"


class ExportError(UserInputError):
    """An export cannot be written (unknown format, unwritable path)."""


@dataclass
class ExportReport:
    path: Path
    format: str
    redactions: list[PlannedRedaction]  # every span of the plan, the kept ones too
    # Keeps an added text overrode: (kept number, the added span's number); the faces say so.
    overridden: list[tuple[int, int]] = field(default_factory=list)

    @property
    def removed(self) -> int:
        """How many spans the file had replaced (a kept span stays in the file)."""
        return sum(not item.kept for item in self.redactions)

    @property
    def kept(self) -> int:
        return sum(item.kept for item in self.redactions)

    def tally(self) -> str:
        """What redaction did, for a person: "3 identifier(s) removed" or "0 identifier(s)
        removed, 1 kept (reason recorded in the audit log)"."""
        return redaction_tally(self.redactions, done=True)


def overridden_text(number: int, into: int) -> str:
    """Said when an added text overrode a keep (both faces): the added text wins."""
    return (
        f"kept redaction {number} overlaps a text you added to remove: it is now part of "
        f"redaction {into} and will be removed with it (the keep is overridden)"
    )


# The patient's own identifiers, as the vault knows them: keeping one re-identifies the export
# however well the rest is redacted, so both faces warn (walk 19: only a reason was asked).
_OWN_IDENTITY = {"patient_name": "name", "dob": "date of birth", "mrn": "record number"}


def kept_span_warnings(planned: Sequence[PlannedRedaction]) -> list[str]:
    """A warning for each kept span that holds the patient's own name, date of birth or record
    number, whatever kind it was found as, and for a kept date while other dates are shifted
    (both faces say them with the preview)."""
    warnings = [
        f"kept redaction {item.number} holds the patient's own {_OWN_IDENTITY[item.own]}"
        f"{' (or part of it)' if item.own == 'patient_name' else ''}:"
        " the exported file will identify them"
        for item in planned
        if item.kept and item.own in _OWN_IDENTITY
    ]
    shifted = any(not item.kept and item.redaction.kind == "date" for item in planned)
    kept_dates = [
        item.number
        for item in planned
        if item.kept and item.redaction.kind == "date" and item.own not in _OWN_IDENTITY
    ]
    if shifted and kept_dates:
        # Walk 30: every date of a patient moves by the same number of days in every export,
        # so one real date beside the shifted ones lets a reader who knows it undo them all.
        numbers = ", ".join(map(str, kept_dates))
        warnings.append(
            f"kept date(s) {numbers} stay as written while the other dates are shifted by the"
            " same number of days (in every export of this patient): a reader who knows when a"
            " kept date's event happened can work out the shift and undo it"
        )
    return warnings


class AddedTextNotFound(UserInputError):
    """A text to remove (``--add``) that the export does not hold: nothing was added."""

    def __init__(self, text: str) -> None:
        super().__init__(not_found_text(text) + " and nothing written")
        self.text = text


def not_found_text(text: str) -> str:
    """Said when a text to remove is not in the export (both faces; the person typed it)."""
    return f"“{text.strip()}” does not occur in the text being exported; nothing added"


def redaction_tally(planned: Sequence[PlannedRedaction], *, done: bool) -> str:
    """The spans removed and kept, said apart: a kept span is in the file, so counting it as
    removed told the person an identifier was gone that was not (walk). ``done`` says "removed"
    (after the export) rather than "will be removed" (a preview)."""
    kept = sum(item.kept for item in planned)
    removed = len(planned) - kept
    text = f"{removed} identifier(s) {'removed' if done else 'will be removed'}"
    if kept:
        reasons = "reason" if kept == 1 else "reasons"
        text += f", {kept} kept" + (f" ({reasons} recorded in the audit log)" if done else "")
    return text


def document_from_output(
    title: str,
    kind: str,
    content: str,
    provenance: dict[str, Any],
    flags: Sequence[dict[str, Any]],
) -> ExportDocument:
    """Rebuild an exportable document from a stored output."""
    return ExportDocument(
        title=title,
        kind=kind,
        body=content,
        sources=[SourceRef.from_dict(s) for s in provenance.get("sources", [])],
        flags=[Flag.from_dict(f) for f in flags],
        provenance=dict(provenance),
        notes=[str(note) for note in provenance.get("notes", [])],
    )


# -- redaction -------------------------------------------------------------------------------------


def patient_identity(name: str | None, mrn: str | None, dob: str | None) -> PatientIdentity:
    """The identifiers the vault holds for a patient (``dob`` as stored, ISO YYYY-MM-DD)."""
    birth = None
    if dob:
        try:
            birth = date.fromisoformat(dob)
        except ValueError:
            birth = None  # an unparseable DOB is still caught by the date patterns
    from medlocal.privacy.deid_identity import PatientIdentity

    return PatientIdentity(name=name or None, mrn=mrn or None, dob=birth)


def _flag_messages(doc: ExportDocument) -> set[str]:
    """The parts that are a flag's message: MedLocal's wording around quotes of the text."""
    return {f"flag {i + 1} message" for i in range(len(doc.flags))}


def _notes(doc: ExportDocument) -> set[str]:
    """The parts that are a note: MedLocal's own sentences, shown after "Note:"."""
    return {f"note {i + 1}" for i in range(len(doc.notes))}


def _fields(doc: ExportDocument) -> list[tuple[str, str]]:
    fields = [("title", doc.title), ("body", doc.body)]
    fields += [(f"note {i + 1}", note) for i, note in enumerate(doc.notes)]
    for i, flag in enumerate(doc.flags):
        fields.append((f"flag {i + 1}", flag.token))
        fields.append((f"flag {i + 1} message", flag.message))
        # A flag's quote is passage text: planned and redacted like its message.
        fields.append((f"flag {i + 1} quote", flag.quote))
    for src in doc.sources:
        fields.append((f"reference {src.number} file", src.file_name))
        fields.append((f"reference {src.number}", src.snippet))
    return fields


def plan_export(doc: ExportDocument, redactor: Redactor) -> RedactionPlan:
    """The preview as a plan the user can change (keep or add spans) before the export."""
    from medlocal.privacy.deid_plan import RedactionPlan

    return RedactionPlan.build(
        _fields(doc), redactor, wording=_flag_messages(doc), sentences=_notes(doc)
    )


def parse_keep(value: str) -> tuple[int, str]:
    """``"3=eponym, not a name"`` -> (3, "eponym, not a name"), as ``--keep`` takes it."""
    number, sep, reason = value.partition("=")
    if not sep or not number.strip().isdigit() or not reason.strip():
        raise ExportError(
            f"--keep takes NUMBER=REASON (the number from the preview), not {value!r}"
        )
    return int(number), reason.strip()


def plan_redactions(doc: ExportDocument, redactor: Redactor) -> list[PlannedRedaction]:
    """Every redaction the export would make, by place in the document."""
    return plan_export(doc, redactor).items


def _moved(pos: int, redactions: Sequence[Redaction], end: bool = False) -> int:
    """Offset ``pos`` of a text, in that text with ``redactions`` applied; a position inside a
    span goes to the start of its replacement (the end, for an ``end`` offset)."""
    if pos < 0:
        return pos
    delta = 0
    for red in sorted(redactions, key=lambda r: r.start):
        if red.end <= pos:
            delta += len(red.replacement) - (red.end - red.start)
        elif red.start < pos:
            return red.start + delta + (len(red.replacement) if end else 0)
        else:
            break
    return pos + delta


def _flag_in_redacted_body(flag: Flag, redactions: Sequence[Redaction]) -> Flag:
    """``flag`` with its sentence and token offsets moved into the redacted body, so that the
    flag list quotes the redacted sentence, never the identifier it held."""
    return replace(
        flag,
        start=_moved(flag.start, redactions),
        end=_moved(flag.end, redactions, end=True),
        token_start=_moved(flag.token_start, redactions),
        token_end=_moved(flag.token_end, redactions, end=True),
    )


def _each_clause_once(message: str) -> str:
    """A redacted flag's message with each of its "; "-joined clauses once: the three groups of
    an NHS number gave three "number '[ID]' does not appear…" after redaction (walk 38)."""
    clauses = message.split("; ")
    return "; ".join(dict.fromkeys(clauses))


def redact_document(doc: ExportDocument, plan: RedactionPlan) -> ExportDocument:
    """``doc`` with the plan applied to every part the plan was made from."""
    body_spans = plan.active("body", doc.body)
    # A flag quotes single words and numbers of the text it checks, where the redactor cannot
    # read them in context ("number '4870'", "key words ('harrow')"): every word a span of the
    # plan removed, and the patient's own identifiers, go from the flags wherever they stand.
    removed = plan.removed_words()
    return replace(
        doc,
        title=plan.apply("title", doc.title),
        body=plan.apply("body", doc.body),
        notes=[plan.apply(f"note {i + 1}", note) for i, note in enumerate(doc.notes)],
        flags=[
            replace(
                _flag_in_redacted_body(f, body_spans),
                token=plan.apply_quoting(f"flag {i + 1}", f.token, removed),
                message=_each_clause_once(
                    plan.apply_quoting(
                        f"flag {i + 1} message", f.message, removed, quoted_only=True
                    )
                ),
                quote=plan.apply_quoting(f"flag {i + 1} quote", f.quote, removed),
            )
            for i, f in enumerate(doc.flags)
        ],
        sources=[
            replace(
                s,
                file_name=plan.apply(f"reference {s.number} file", s.file_name),
                snippet=plan.apply(f"reference {s.number}", s.snippet),
            )
            for s in doc.sources
        ],
    )


def export_document(
    doc: ExportDocument,
    path: Path,
    *,
    redactor: Redactor | None = None,
    plan: RedactionPlan | None = None,
) -> ExportReport:
    """Write ``doc`` to ``path`` (format from the suffix), de-identified by ``plan`` (as the user
    left it after the preview) or, without one, by everything ``redactor`` finds. The file
    appears complete or not at all, readable by the owner only: it may hold patient data."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ExportError(f"cannot export to '{path.suffix}': use {FORMAT_WORDS}")
    if not path.parent.is_dir():
        raise ExportError(f"folder does not exist: {shown_path(path.parent)}")
    if plan is None and redactor is not None:
        plan = plan_export(doc, redactor)
    planned: list[PlannedRedaction] = []
    if plan is not None:
        planned = plan.items
        doc = redact_document(doc, plan)
    try:
        with atomic_private_file(path) as tmp:
            WRITERS[fmt](doc, tmp)
    except OSError as err:
        raise ExportError(
            f"cannot write {shown_path(path)}: {err.strerror or err}{_next_step(err)}"
        ) from err
    overridden = list(plan.overridden) if plan is not None else []
    return ExportReport(path=path, format=fmt, redactions=planned, overridden=overridden)


# What to do where the folder refuses the file (walk 52a L5: a read-only drive was said with no
# next step, where a full disk's message gives one). Nothing was written either way.
_REFUSED = {
    errno.EROFS: "the drive or folder is read-only",
    errno.EACCES: "you may not write in that folder",
    errno.EPERM: "you may not write in that folder",
}


def _next_step(err: OSError) -> str:
    said = _REFUSED.get(err.errno or 0)
    if said is None:
        return ""
    return f" ({said}). Nothing was written: choose another folder or drive and export again"


def patient_scope(patient_id: int) -> str:
    """The date-shift scope of everything exported of one patient: every answer, summary and
    document copy of a patient moves its dates by the same days, so a case shared in several
    files keeps one timeline (walk 18: four documents of one patient got four offsets, and a
    referral written after a discharge read as a year before it)."""
    return f"patient:{patient_id}"


def output_scope(output_id: int) -> str:
    """The date-shift scope of a saved output: its preview and its export share the offset."""
    return f"output:{output_id}"


def document_scope(document_id: int) -> str:
    """The date-shift scope of an imported document's redacted copy (its own offset, the same
    in every preview and export of it)."""
    return f"document:{document_id}"


@dataclass(frozen=True)
class Shared:
    """What an export shares: a saved output (an answer or a summary) or an imported document's
    text. Both go through one plan, one writer and one audit event; this names which."""

    kind: Literal["output", "document"]
    id: int

    def __post_init__(self) -> None:
        # A misspelt kind would take the document's date scope and audit name in silence.
        if self.kind not in ("output", "document"):
            raise ValueError(f"an export shares an output or a document, not {self.kind!r}")

    @classmethod
    def output(cls, output_id: int) -> Shared:
        return cls("output", output_id)

    @classmethod
    def document(cls, document_id: int) -> Shared:
        return cls("document", document_id)

    @property
    def scope(self) -> str:
        """Its own date-shift scope, used where no patient is known."""
        return output_scope(self.id) if self.kind == "output" else document_scope(self.id)

    @property
    def audit_subject(self) -> dict[str, int]:
        """How the audit log names it: ``{"output_id": 3}`` or ``{"document_id": 7}``."""
        return {f"{self.kind}_id": self.id}


def document_copy(file_name: str, text: str, medlocal_version: str) -> ExportDocument:
    """An imported document's extracted text as an exportable document: the file name as its
    title (redacted with the rest), no sources or flags, a footer that no model wrote it."""
    return ExportDocument(
        title=file_name,
        kind="document",
        body=text,
        provenance=document_provenance(medlocal_version),
    )


def redactor_spec(
    source: ExportSource,
    patient_id: int | None,
    date_mode: DateMode = "shift",
    shift_days: int | None = None,
    *,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    rules: Rules = IN_PROCESS,
) -> RedactorSpec:
    """What a Redactor of this patient's export is built from: the patient's own name, MRN
    and date of birth from the vault, and what the patient's documents name (see
    :class:`PatientRecord`, read by ``rules``)."""
    identity = patient_identity(None, None, None)
    day_first = None
    names = None
    if patient_id is not None:
        patient = source.get_patient(patient_id)
        identity = patient_identity(patient.name, patient.mrn, patient.dob)
        record = patient_record(
            source, patient_id, identity, progress=progress, cancel=cancel, rules=rules
        )
        day_first = record.day_first if date_mode == "shift" else None
        names = record.names
    return RedactorSpec(identity, date_mode, shift_days, day_first, names)


def redactor_for_patient(
    source: ExportSource,
    patient_id: int | None,
    date_mode: DateMode = "shift",
    proposer: SpanProposer | None = None,
    shift_days: int | None = None,
    *,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> Redactor:
    """A Redactor, in this process, that knows this patient's own name, MRN and date of birth
    from the vault, and what the patient's documents name (see :class:`PatientRecord`)."""
    spec = redactor_spec(
        source, patient_id, date_mode, shift_days, progress=progress, cancel=cancel
    )
    return redactor_of(spec, proposer)


# The rules' plan of the last text planned, by vault (as _RECORDS: gone with the vault object,
# never written anywhere), before the person's keeps and adds. The window previews again after
# every keep or add and then exports: each applied the person's choices to a plan the rules made
# afresh (~20 s of CPU for a 0.76 MB document, perf45). Keyed on everything the rules read: the
# exported text, and the redactor's identity, date mode and offset, day order, record names and
# model line; a change to any of them plans again.
_PLANS: WeakKeyDictionary[Any, tuple[Hashable, RedactionPlan]] = WeakKeyDictionary()


def _plan_key(
    doc: ExportDocument, spec: RedactorSpec, proposer: SpanProposer | None
) -> Hashable | None:
    """What the rules' plan of ``doc`` by ``spec``'s redactor depends on; None where that
    cannot be told (a proposer that does not say which model it asks), and the plan is not
    kept."""
    if proposer is not None and not isinstance(proposer, NamedProposer):
        return None
    digest = hashlib.sha256()
    for where, text in _fields(doc):
        for part in (where, text):
            digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    line = proposer.key if proposer is not None else None
    return (digest.hexdigest(), spec.key(), line)


def _rules_plan(
    source: ExportSource,
    doc: ExportDocument,
    spec: RedactorSpec,
    proposer: SpanProposer | None,
    *,
    progress: ProgressCallback | None,
    cancel: threading.Event | None,
    rules: Rules,
) -> RedactionPlan:
    """The plan the rules make of ``doc`` (no keeps or adds yet): the one made last for this
    vault where it was made from the same inputs (a copy: the caller's keeps and adds leave it
    as it was), else a new one by ``rules``, which ``cancel`` stops part-way."""
    key = _plan_key(doc, spec, proposer)
    try:
        kept = _PLANS.get(source)
    except TypeError:  # a source that cannot be referenced weakly plans every time
        kept = None
    if key is not None and kept is not None and kept[0] == key:
        return kept[1].copy()
    if len(doc.body) > LONG_DOCUMENT:
        # Seconds to minutes for a long document (walk 45: 4 min for 0.76 MB at load 10), and
        # the rules report nothing meanwhile: said once, so the wait is not taken for a hang.
        size = f"{len(doc.body) / 1e6:.1f} MB of text"
        report(progress, Progress(REDACT_STAGE, detail=size))
    plan = rules.plan(
        _fields(doc),
        spec,
        wording=_flag_messages(doc),
        sentences=_notes(doc),
        proposer=proposer,
        cancel=cancel,
    )
    if key is not None:
        with suppress(TypeError):
            _PLANS[source] = (key, plan.copy())
    return plan


def plan_for_export(
    source: ExportSource,
    patient_id: int | None,
    doc: ExportDocument,
    date_mode: DateMode = "shift",
    keep: Sequence[tuple[int, str]] = (),
    add: Sequence[str] = (),
    proposer: SpanProposer | None = None,
    *,
    scope: str,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    rules: Rules = IN_PROCESS,
) -> RedactionPlan:
    """The redaction plan of an exported document (a :class:`Shared` one's ``scope``), with the
    user's kept and added spans: what the preview shows and the export applies. Dates move by
    the patient's offset (the same in every preview and export of any of the patient's outputs
    and documents), or where no patient is known by ``scope``'s own. ``rules`` reads the text
    (this process's, or the window's rules process: deid_child)."""
    if patient_id is not None:
        scope = patient_scope(patient_id)
    shift = source.date_shift_days(scope)
    spec = redactor_spec(
        source, patient_id, date_mode, shift, progress=progress, cancel=cancel, rules=rules
    )
    plan = _rules_plan(source, doc, spec, proposer, progress=progress, cancel=cancel, rules=rules)
    check_cancel(cancel, "the redaction")  # stopped meanwhile: no plan, and nothing written
    # A span's number does not change when a text is added (added spans are numbered after the
    # rules' ones), so a number read from a preview made with or without the adds names the same
    # span. Adds go first: a keep of a span an added text absorbed is overridden (the added text
    # must go) and recorded in ``plan.overridden``, which both faces say.
    for text in add:
        if not plan.add(text):
            # A text that is nowhere in the export (a misspelt name, say) removes nothing: the
            # person believed something gone that never was, or the name they meant is still
            # there under another spelling. Refused, so they look again.
            raise AddedTextNotFound(text)
    numbers = [number for number, _ in keep]
    twice = sorted({number for number in numbers if numbers.count(number) > 1})
    if twice:
        # Walk 19: the second reason silently replaced the first in the audit log.
        raise ExportError(f"redaction {twice[0]} is kept twice: give one --keep N=REASON for it")
    for number, reason in keep:
        plan.keep_unless_added(number, reason)
    return plan


def export_audited(
    source: ExportSource,
    shared: Shared,
    patient_id: int | None,
    doc: ExportDocument,
    path: Path,
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
    """Export ``doc``, what ``shared`` names, optionally de-identified, and record the export
    in the audit log. ``keep`` holds (preview number, reason) for spans the user judged safe,
    ``add`` texts the rules missed; the audit event records the counts by type and each kept
    span's type and reason."""
    if (keep or add) and not redact:
        raise ExportError("keeping or adding redactions needs --redact")
    plan = None
    if redact:
        plan = plan_for_export(
            source,
            patient_id,
            doc,
            date_mode,
            keep,
            add,
            proposer,
            scope=shared.scope,
            progress=progress,
            cancel=cancel,
            rules=rules,
        )
    report = export_document(doc, path, plan=plan)
    details: dict[str, Any] = {**shared.audit_subject, "format": report.format, "redacted": redact}
    if plan is not None:
        details.update(plan.audit_details())
    source.record_event("export", details)
    return report
