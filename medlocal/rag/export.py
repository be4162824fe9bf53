"""Export an answer or summary to Markdown, DOCX or PDF, with the citations as a reference list,
the grounding flags, a provenance footer and optional de-identification.

Redaction covers everything patient-derived that goes into the file: title, body, flag tokens and
the reference list (file names and snippets). The provenance footer holds model and software
facts only and is written as is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Protocol
from xml.sax.saxutils import escape

from medlocal.errors import UserInputError
from medlocal.fsutil import atomic_private_file
from medlocal.privacy.redact import DateMode, PatientIdentity, Redaction, Redactor
from medlocal.rag.flags import Flag
from medlocal.rag.passages import SourceRef
from medlocal.rag.provenance import provenance_lines
from medlocal.rag.store import AuditTrail

FORMATS = {".md": "markdown", ".markdown": "markdown", ".docx": "docx", ".pdf": "pdf"}


class ExportError(UserInputError):
    """An export cannot be written (unknown format, unwritable path)."""


@dataclass
class ExportDocument:
    title: str
    kind: str  # "answer" or "summary"
    body: str  # Markdown
    sources: list[SourceRef] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    provenance: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PlannedRedaction:
    """A redaction and the part of the document it is in ("title", "body", "flag 3",
    "reference 2")."""

    where: str
    redaction: Redaction


@dataclass
class ExportReport:
    path: Path
    format: str
    redactions: list[PlannedRedaction]


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
    return PatientIdentity(name=name or None, mrn=mrn or None, dob=birth)


def _fields(doc: ExportDocument) -> list[tuple[str, str]]:
    fields = [("title", doc.title), ("body", doc.body)]
    for i, flag in enumerate(doc.flags):
        fields.append((f"flag {i + 1}", flag.token))
        fields.append((f"flag {i + 1} message", flag.message))
    for src in doc.sources:
        fields.append((f"reference {src.number} file", src.file_name))
        fields.append((f"reference {src.number}", src.snippet))
    return fields


def plan_redactions(doc: ExportDocument, redactor: Redactor) -> list[PlannedRedaction]:
    """The preview: every redaction the export would make, by place in the document."""
    return [
        PlannedRedaction(where, red)
        for where, text in _fields(doc)
        for red in redactor.preview(text)
    ]


def redact_document(doc: ExportDocument, redactor: Redactor) -> ExportDocument:
    r = redactor.redact
    return replace(
        doc,
        title=r(doc.title),
        body=r(doc.body),
        # A flag's quote is passage text: redacted like its message (offsets are of the original).
        flags=[
            replace(f, token=r(f.token), message=r(f.message), quote=r(f.quote)) for f in doc.flags
        ],
        sources=[replace(s, file_name=r(s.file_name), snippet=r(s.snippet)) for s in doc.sources],
    )


# -- rendering ---------------------------------------------------------------------------------


def _body_has_title(doc: ExportDocument) -> bool:
    return doc.body.lstrip().startswith("# ")


def _flag_lines(doc: ExportDocument) -> list[str]:
    lines = []
    for flag in doc.flags:
        where = f"sentence {flag.sentence + 1}" if flag.sentence >= 0 else "whole text"
        lines.append(f"{where}: {flag.kind.replace('_', ' ')} — {flag.message}")
    return lines


def _reference_lines(doc: ExportDocument) -> list[str]:
    return [f"[{s.number}] {s.label()} — “{s.snippet}”" for s in doc.sources]


def render_markdown(doc: ExportDocument) -> str:
    parts = [] if _body_has_title(doc) else [f"# {doc.title}", ""]
    parts.append(doc.body.strip())
    if doc.flags:
        parts += ["", "## Flags", ""] + [f"- {line}" for line in _flag_lines(doc)]
    if doc.sources:
        parts += ["", "## References", ""] + [f"{line}  " for line in _reference_lines(doc)]
    parts += ["", "---", ""] + [f"*{line}*  " for line in provenance_lines(doc.provenance)]
    return "\n".join(parts).rstrip() + "\n"


def _blocks(body: str) -> list[tuple[str, str]]:
    """Markdown body as (kind, text) blocks: h1, h2, h3, bullet, para."""
    blocks: list[tuple[str, str]] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            blocks.append(("para", " ".join(para)))
            para.clear()

    for line in body.splitlines():
        stripped = line.strip()
        if not stripped:
            flush()
        elif stripped.startswith("#"):
            flush()
            level = min(len(stripped) - len(stripped.lstrip("#")), 3)
            blocks.append((f"h{level}", stripped.lstrip("#").strip()))
        elif stripped[:2] in ("- ", "* ", "• "):
            flush()
            blocks.append(("bullet", stripped[2:].strip()))
        else:
            para.append(stripped)
    flush()
    return blocks


def write_docx(doc: ExportDocument, path: Path) -> None:
    from docx import Document
    from docx.shared import Pt

    document = Document()
    if not _body_has_title(doc):
        document.add_heading(doc.title, level=1)
    for kind, text in _blocks(doc.body):
        if kind.startswith("h"):
            document.add_heading(text, level=int(kind[1]))
        elif kind == "bullet":
            document.add_paragraph(text, style="List Bullet")
        else:
            document.add_paragraph(text)
    if doc.flags:
        document.add_heading("Flags", level=2)
        for line in _flag_lines(doc):
            document.add_paragraph(line, style="List Bullet")
    if doc.sources:
        document.add_heading("References", level=2)
        for line in _reference_lines(doc):
            document.add_paragraph(line)
    document.add_heading("Provenance", level=2)
    for line in provenance_lines(doc.provenance):
        run = document.add_paragraph().add_run(line)
        run.font.size = Pt(8)
    footer = document.sections[0].footer.paragraphs[0]
    footer.text = provenance_lines(doc.provenance)[1]
    for run in footer.runs:
        run.font.size = Pt(7)
    document.save(str(path))


def write_pdf(doc: ExportDocument, path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    styles = getSampleStyleSheet()
    story: list[Any] = []

    def para(text: str, style: str) -> None:
        story.append(Paragraph(escape(text), styles[style]))

    if not _body_has_title(doc):
        para(doc.title, "Title")
    for kind, text in _blocks(doc.body):
        if kind == "h1":
            para(text, "Title")
        elif kind.startswith("h"):
            para(text, "Heading2" if kind == "h2" else "Heading3")
        elif kind == "bullet":
            story.append(Paragraph(escape(text), styles["BodyText"], bulletText="•"))
        else:
            para(text, "BodyText")
    if doc.flags:
        para("Flags", "Heading2")
        for line in _flag_lines(doc):
            story.append(Paragraph(escape(line), styles["BodyText"], bulletText="•"))
    if doc.sources:
        para("References", "Heading2")
        for line in _reference_lines(doc):
            para(line, "BodyText")
    story.append(Spacer(1, 6 * mm))
    para("Provenance", "Heading2")
    for line in provenance_lines(doc.provenance):
        para(line, "Italic")
    footer = provenance_lines(doc.provenance)[1]

    def draw_footer(canvas: Any, template: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 6.5)
        canvas.drawString(15 * mm, 8 * mm, footer[:160])
        canvas.drawRightString(A4[0] - 15 * mm, 8 * mm, f"page {canvas.getPageNumber()}")
        canvas.restoreState()

    pdf = SimpleDocTemplate(
        str(path), pagesize=A4, title=doc.title, author="MedLocal", bottomMargin=18 * mm
    )
    pdf.build(story, onFirstPage=draw_footer, onLaterPages=draw_footer)


def _write_markdown(doc: ExportDocument, path: Path) -> None:
    path.write_text(render_markdown(doc), encoding="utf-8")


_WRITERS: dict[str, Callable[[ExportDocument, Path], None]] = {
    "markdown": _write_markdown,
    "docx": write_docx,
    "pdf": write_pdf,
}


def export_document(
    doc: ExportDocument, path: Path, *, redactor: Redactor | None = None
) -> ExportReport:
    """Write ``doc`` to ``path`` (format from the suffix). The file appears complete or not at
    all, readable by the owner only: it may hold patient data."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ExportError(f"cannot export to '{path.suffix}': use .md, .docx or .pdf")
    if not path.parent.is_dir():
        raise ExportError(f"folder does not exist: {path.parent}")
    planned: list[PlannedRedaction] = []
    if redactor is not None:
        planned = plan_redactions(doc, redactor)
        doc = redact_document(doc, redactor)
    try:
        with atomic_private_file(path) as tmp:
            _WRITERS[fmt](doc, tmp)
    except OSError as err:
        raise ExportError(f"cannot write {path.name}: {err.strerror or err}") from err
    return ExportReport(path=path, format=fmt, redactions=planned)


class ExportSource(AuditTrail, Protocol):
    """What exporting a saved output needs from the vault."""

    def get_patient(self, patient_id: int) -> Any: ...


def redactor_for_patient(
    source: ExportSource, patient_id: int | None, date_mode: DateMode = "shift"
) -> Redactor:
    """A Redactor that knows this patient's own name, MRN and date of birth from the vault."""
    if patient_id is None:
        return Redactor(patient_identity(None, None, None), date_mode=date_mode)
    patient = source.get_patient(patient_id)
    return Redactor(patient_identity(patient.name, patient.mrn, patient.dob), date_mode=date_mode)


def export_output(
    source: ExportSource,
    output_id: int,
    patient_id: int | None,
    doc: ExportDocument,
    path: Path,
    *,
    redact: bool = False,
    date_mode: DateMode = "shift",
) -> ExportReport:
    """Export a saved output, optionally de-identified, and record it in the audit log."""
    redactor = redactor_for_patient(source, patient_id, date_mode) if redact else None
    report = export_document(doc, path, redactor=redactor)
    source.record_event(
        "export", {"output_id": output_id, "format": report.format, "redacted": redact}
    )
    return report
