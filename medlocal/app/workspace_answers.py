"""The workspace's grounded work on a patient's record: a chat answered from the documents, a
summary into a template, and an export (redacted or not) with its preview (a mixin of
:class:`~medlocal.app.workspace.Workspace`; the work is :mod:`medlocal.rag`'s and
:mod:`medlocal.app.outputs`')."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from medlocal.app.outputs import SavedSummary, export_shared, preview_redactions, summarize_patient
from medlocal.app.patient_mixups import answer_check, question_check
from medlocal.app.retrieval import check_search_scope
from medlocal.app.workspace_parts import WorkspaceParts
from medlocal.engine.api import SamplingParams
from medlocal.errors import ExportDiskFullError
from medlocal.fsutil import disk_full_said
from medlocal.progress import Progress, ProgressCallback, report
from medlocal.rag.answer import GroundedAnswerer
from medlocal.rag.chat import ChatSession
from medlocal.rag.checks.patient_identity import RecordIdentity
from medlocal.rag.export import MODEL_LINE_STAGE, ExportReport, Shared, chat_model_line
from medlocal.rag.passages import Scope
from medlocal.vault.store import Vault

if TYPE_CHECKING:  # the redactor is imported where an export redacts (see rag.export)
    from medlocal.privacy.deid_model import SpanProposer
    from medlocal.privacy.deid_plan import RedactionPlan


class WorkspaceAnswers(WorkspaceParts):
    """Grounded chat, summaries and exports, for :class:`~medlocal.app.workspace.Workspace`."""

    def grounded_chat(
        self,
        patient_id: int,
        *,
        collection: str | None = None,
        chat_id: int | None = None,
        model: str | None = None,
        n_ctx: int | None = None,
        params: SamplingParams | None = None,
    ) -> ChatSession:
        """A multi-turn grounded chat about one patient (a new one, or ``chat_id`` reopened).
        An unknown patient or collection is refused here, before a model loads or anything is
        saved (not answered "Not found in the selected documents."), as search refuses it."""
        vault = self.require_vault()
        check_search_scope(vault, patient_id, collection)
        chat = self.chat_model(model, n_ctx)
        # Walk 52b L7: a model removed elsewhere and replaced (by the demo model, say) is said
        # in the first answer it gives, where the clinician reads, and kept with that answer.
        switched = [note] if (note := self.take_model_switch_note()) else []
        embedder = self.embedder()
        doubt = self.settings.model_check
        answerer = GroundedAnswerer(
            chat,
            self._retriever(vault, chat=chat),
            embedder,
            params=params or self.sampling(),
            model_check=doubt > 0,
            model_check_threshold=doubt,
            think_budget=self.settings.thinking_budget,
            # An identifier the answer gives that the passages lack may still be the record's
            # own MRN (rag/checks/patient_identity.py).
            identity=_record_identity(vault, patient_id),
        )
        return ChatSession(
            answerer,
            vault,
            Scope(patient_id, collection),
            chat_id=chat_id,
            # Read at each question: a patient added meanwhile counts.
            question_notes=lambda question: (
                _once(switched) + question_check(vault.list_patients(), patient_id)(question)
            ),
            answer_check=lambda question, text, attached: answer_check(
                vault.list_patients(), patient_id
            )(question, text, attached),
        )

    def summarize(
        self,
        patient_id: int,
        template: str,
        *,
        document_ids: Sequence[int] | None = None,
        model: str | None = None,
        n_ctx: int | None = None,
        params: SamplingParams | None = None,
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
    ) -> SavedSummary:
        """Summarise a patient's documents into a template, check it and save it. The user's
        sampling settings apply; each model step is the ``summary_step_tokens`` setting long
        unless ``params`` say otherwise."""
        vault = self.require_vault()
        chat = self.chat_model(model, n_ctx)
        chosen = params or self.sampling(max_tokens=self.settings.summary_step_tokens)
        return summarize_patient(
            vault,
            chat,
            patient_id,
            template,
            chosen,
            document_ids=document_ids,
            progress=progress,
            cancel=cancel,
            think_budget=self.settings.thinking_budget,
        )

    def export(
        self,
        shared: Shared,
        out: str | Path,
        *,
        redact: bool = False,
        date_mode: str = "shift",
        keep: Sequence[tuple[int, str]] = (),
        add: Sequence[str] = (),
        model_line: bool = False,
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
    ) -> ExportReport:
        """Export a saved answer or summary (``Shared.output(id)``) or an imported document's
        text (``Shared.document(id)``); with ``redact``, the spans the preview listed minus those
        ``keep`` names (number, reason) plus every occurrence of ``add``. ``model_line`` also
        asks the chat model for names and places (only ever adds)."""
        vault = self.require_vault()
        # Walk 38: one line for a full disk; walk 45: in an export's words (nothing written)
        # where the file's write ran out, in the vault's where reading the vault did (review45b
        # D12: SQLite's temporary store fills up on reads too, and that is not the --out folder).
        out_folder = Path(out).expanduser().parent
        with (
            disk_full_said(vault.folder),
            disk_full_said(out_folder, ExportDiskFullError, files_only=True),
        ):
            return export_shared(
                vault,
                shared,
                out,
                redact=redact,
                date_mode=date_mode,
                keep=keep,
                add=add,
                proposer=self._proposer(model_line, progress, cancel),
                progress=progress,
                cancel=cancel,
                rules=self.rules,
            )

    def preview_redactions(
        self,
        shared: Shared,
        date_mode: str = "shift",
        keep: Sequence[tuple[int, str]] = (),
        add: Sequence[str] = (),
        model_line: bool = False,
        *,
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
    ) -> RedactionPlan:
        """What :meth:`export` with ``redact`` would remove; writes nothing. The first export of
        a patient reads the patient's record (``progress``; ``cancel`` stops it)."""
        return preview_redactions(
            self.require_vault(),
            shared,
            date_mode,
            keep,
            add,
            self._proposer(model_line, progress, cancel),
            progress=progress,
            cancel=cancel,
            rules=self.rules,
        )

    def _proposer(
        self,
        model_line: bool,
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
    ) -> SpanProposer | None:
        """The model line's proposer (the default chat model, loaded here: on the caller's
        worker thread), or None without ``model_line``."""
        if not model_line:
            return None
        report(progress, Progress(MODEL_LINE_STAGE, detail="loading the chat model"))
        return chat_model_line(
            self.chat_model(),
            self.settings.thinking_budget,
            progress=progress,
            cancel=cancel,
            memo_in=self.require_vault(),
        )


def _record_identity(vault: Vault, patient_id: int) -> RecordIdentity:
    patient = vault.get_patient(patient_id)
    return RecordIdentity(patient.name, patient.mrn, patient.dob)


def _once(notes: list[str]) -> list[str]:
    """``notes`` the first time, then nothing (they are said in one answer)."""
    said = list(notes)
    notes.clear()
    return said
