"""The composition root both faces construct: settings, engine, model registry and the open vault.

No module-level singletons: a face builds one :class:`Workspace` (tests build one per test with
fakes injected) and every verb goes through it. Long verbs take the project's one progress type
(:mod:`medlocal.progress`) and a ``threading.Event`` cancel.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from medlocal.app import backups, document_import, installed_models
from medlocal.app.audit_view import AuditView, audit_view
from medlocal.app.doctor import DoctorReport, doctor_report, failure_text
from medlocal.app.evaluation import EvalRequest, run_evaluations
from medlocal.app.fit import fit_advice
from medlocal.app.general_answer import GeneralAnswer
from medlocal.app.installed_models import InstalledListing, ModelCheck, ModelRemoval
from medlocal.app.loaded_models import HeldReranker, LoadedModels, ModelLoader, Notice
from medlocal.app.outputs import (
    SavedSummary,
    export_shared,
    preview_redactions,
    summarize_patient,
)
from medlocal.app.patient_mixups import answer_check, question_check
from medlocal.app.retrieval import check_search_scope, retriever_for
from medlocal.app.vault_session import VaultSession
from medlocal.app.warm_up import load_dictionaries_and_freeze
from medlocal.engine.api import ChatMessage, Embedder, Reranker, SamplingParams
from medlocal.engine.reasoning import ThinkingMeter
from medlocal.engine.runtime import Engine, LoadOptions
from medlocal.errors import ExportDiskFullError, UserInputError
from medlocal.eval.runs import EvalRun, RunStore
from medlocal.fsutil import disk_full_said
from medlocal.ingest.pipeline import ImportReport, LongFile, ProgressEvent
from medlocal.ingest.rechunk import RechunkReport, pending_documents, rechunk_documents
from medlocal.models.catalog import Role
from medlocal.models.fit import FitAdvice
from medlocal.models.registry import InstalledModel, Registry
from medlocal.progress import Progress, ProgressCallback, check_cancel, report
from medlocal.rag.answer import GroundedAnswerer
from medlocal.rag.chat import ChatSession
from medlocal.rag.checks.patient_identity import RecordIdentity
from medlocal.rag.export import MODEL_LINE_STAGE, ExportReport, Shared, chat_model_line
from medlocal.rag.passages import Retriever, Scope
from medlocal.settings import (
    Settings,
    SettingsFileError,
    load_settings,
    reset_settings_file,
    save_settings,
    settings_path,
    unknown_settings,
)
from medlocal.vault.keys import KdfParams
from medlocal.vault.records import SearchHit
from medlocal.vault.reembed import ReembedReport
from medlocal.vault.store import Vault

if TYPE_CHECKING:  # the redactor is imported where an export redacts (see rag.export)
    from medlocal.privacy.deid_model import SpanProposer
    from medlocal.privacy.deid_plan import RedactionPlan

# ModelCheck lives in installed_models.py; callers may import it from here, with the workspace.
__all__ = ["ModelCheck", "ModelLoader", "Notice", "Workspace"]

log = logging.getLogger(__name__)


def _file_stamp(path: Path) -> tuple[int, int, int] | None:
    """What tells a rewritten file from the one read before (None: no file, or unreadable).
    The inode as well as the time: settings are saved by replacing the file, and two saves can
    fall within one tick of a coarse file-system clock."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_ino, info.st_mtime_ns, info.st_size


def _changed_names(before: Settings, after: Settings) -> set[str]:
    return {f.name for f in fields(before) if getattr(before, f.name) != getattr(after, f.name)}


class Workspace:
    """Everything a MedLocal session holds. Faces call its verbs; it calls the services.

    ``chat_loader`` / ``embedder_loader`` / ``reranker_loader`` replace loading through the
    engine (tests pass fakes, a benchmark its own); they take the model argument (an id, a path
    or None for the default) and return the model or raise a ``MedLocalError``. Loaded models
    are kept until another one is asked for. ``notice`` receives one-line messages a person
    should see (a fallback taken, a model loaded on the CPU after the GPU failed); the CLI prints
    them on stderr, the window shows them in its status bar.

    The models it holds are a :class:`~medlocal.app.loaded_models.LoadedModels`, the vault a
    :class:`~medlocal.app.vault_session.VaultSession`; the verbs compose them with the services.
    """

    def __init__(
        self,
        vault_folder: Path | str | None = None,
        *,
        settings: Settings | None = None,
        engine: Engine | None = None,
        registry: Registry | None = None,
        chat_loader: ModelLoader | None = None,
        embedder_loader: ModelLoader | None = None,
        reranker_loader: ModelLoader | None = None,
        kdf_params: KdfParams | None = None,
        notice: Notice | None = None,
    ) -> None:
        self._settings = settings
        # Settings handed in (tests, a caller's own) are used as they are; settings read from the
        # file are read again when the file changes (see ``settings``).
        self._settings_from_file = settings is None
        self._settings_stamp: tuple[int, int, int] | None = None
        self._settings_lock = threading.RLock()  # re-entrant: reading settings reads settings
        self.notice: Notice = notice or (lambda text: log.info("%s", text))
        # The collaborators read settings and notice through the workspace at each use: settings
        # change, and a window replaces ``notice`` after construction.
        self._session = VaultSession(
            Path(vault_folder).expanduser() if vault_folder else None,
            kdf_params=kdf_params,
            settings=lambda: self.settings,
            notice=lambda text: self.notice(text),
            held_models=lambda: self._models.held(),
        )
        self._models = LoadedModels(
            lambda: self.settings,
            lambda text: self.notice(text),
            self._session.audit_model,
            engine=engine,
            registry=registry,
            chat_loader=chat_loader,
            embedder_loader=embedder_loader,
            reranker_loader=reranker_loader,
        )
        self._backup_listeners: list[Callable[[], None]] = []
        self._restore_listeners: list[Callable[[backups.RestoreResult | None], None]] = []

    # -- settings ------------------------------------------------------------------------------

    @property
    def settings(self) -> Settings:
        """The settings in use. When the file changes while MedLocal runs (``medlocal settings
        set`` in a terminal beside an open window), the next use reads it again, so neither side
        silently undoes the other's change; a file damaged meanwhile is logged and the settings in
        use are kept (the next start asks about it)."""
        if self._settings is not None and not self._settings_from_file:
            return self._settings
        changed: set[str] = set()
        # Any thread reads settings (worker jobs too): one of them reads the changed file and
        # takes its changes, once. What they do (``_settings_took_effect``) runs after the lock
        # is let go: it takes the models' and the vault's own locks, and loading a model reads
        # settings (one lock order, no deadlock).
        with self._settings_lock:
            stamp = _file_stamp(settings_path())
            if self._settings is None:
                self._settings = load_settings()
                self._settings_stamp = stamp
            elif stamp != self._settings_stamp:
                self._settings_stamp = stamp
                try:
                    reread = load_settings()
                except UserInputError as exc:
                    log.warning("settings file changed and cannot be used (%s); keeping these", exc)
                else:
                    before, self._settings = self._settings, reread
                    changed = _changed_names(before, reread)
            current = self._settings
        if changed:
            self._settings_took_effect(changed)
        return current

    def reset_settings(self) -> Path | None:
        """Move an unusable settings file aside (kept as ``settings.toml.bad-<time>``) and use
        the defaults. Returns the backup copy's path (None when there was no file)."""
        with self._settings_lock:
            backup = reset_settings_file()
            self._settings = None
        return backup

    def update_settings(self, **changes: Any) -> Settings:
        """Save changed settings (validated by their declarations) and use them from now on."""
        from medlocal.settings import coerce_setting

        checked = {name: coerce_setting(name, value) for name, value in changes.items()}
        with self._settings_lock:
            updated = replace(self.settings, **checked)
            save_settings(updated)
            self._settings = updated
            self._settings_stamp = _file_stamp(settings_path())
        self._settings_took_effect(set(changes))
        return updated

    def _settings_took_effect(self, changed: set[str]) -> None:
        """What a changed setting does at once, whether the window saved it or a terminal's
        ``medlocal settings set`` rewrote the file (read again at the next use). It may run on
        any thread that reads settings: the vault's idle timer is re-armed under the vault's
        timer lock, and an unload waits for the searches holding the reranker
        (``LoadedModels.reranker_in_use``)."""
        if "auto_lock_minutes" in changed:
            self._session.idle_setting_changed()
        if "rerank" in changed:
            # Off frees the reranker's memory; back on loads it (and retries one that failed).
            self._models.unload("reranker")

    def sampling(self, **overrides: Any) -> SamplingParams:
        """Sampling parameters from the user's settings, with per-call overrides (None = keep)."""
        s = self.settings
        base = SamplingParams(temperature=s.temperature, max_tokens=s.max_tokens, seed=s.seed)
        return replace(base, **{k: v for k, v in overrides.items() if v is not None})

    # -- engine and models (medlocal.app.loaded_models) ----------------------------------------

    @property
    def engine(self) -> Engine:
        return self._models.engine

    @property
    def registry(self) -> Registry:
        return self._models.registry

    @property
    def leave_cpu_for_window(self) -> bool:
        """Set by a window before it loads models: see ``LoadedModels.automatic_threads``."""
        return self._models.leave_cpu_for_window

    @leave_cpu_for_window.setter
    def leave_cpu_for_window(self, value: bool) -> None:
        self._models.leave_cpu_for_window = value

    def _load_options(self, path: Path, n_ctx: int | None = None) -> LoadOptions:
        return self._models.load_options(path, n_ctx)

    def _automatic_threads(self) -> int | None:
        return self._models.automatic_threads()

    def warm_up(self) -> None:
        """Load the search dictionaries and freeze them out of the collector's sweeps
        (medlocal.app.warm_up)."""
        load_dictionaries_and_freeze()

    def chat_model(self, model: str | None = None, n_ctx: int | None = None) -> Any:
        """The chat model (``model``: an installed id or a GGUF path; None: the default)."""
        return self._models.chat_model(model, n_ctx)

    def general_answer(
        self,
        messages: Sequence[ChatMessage],
        params: SamplingParams,
        cancel: threading.Event | None = None,
        *,
        model: Any = None,
        meter: ThinkingMeter | None = None,
    ) -> GeneralAnswer:
        """A general answer (no patient's documents) to ``messages``' last question, labelled
        as one before its first word, whichever face shows it (app/general_answer.py).
        ``model``: a loaded chat model (a conversation keeps one); None: the default's."""
        return GeneralAnswer(
            model if model is not None else self.chat_model(),
            messages,
            params,
            cancel,
            think_budget=self.settings.thinking_budget,
            meter=meter,
        )

    @property
    def loaded_chat_model(self) -> Any | None:
        """The chat model in memory, if one is (for a status bar); never loads one."""
        return self._models.loaded_chat_model

    def embedder(self, model: str | None = None, *, required: bool = False) -> Embedder | None:
        """The embedding model, or None (and a notice) unless ``required``; see
        ``LoadedModels.embedder``."""
        return self._models.embedder(model, required=required)

    def reranker(self) -> Reranker | None:
        """The reranker, or None (see ``LoadedModels.reranker``)."""
        return self._models.reranker()

    def _retriever(
        self, vault: Vault, *, chat: Any = None, cancel: threading.Event | None = None
    ) -> Retriever:
        # The retriever gets a stand-in: each rescoring holds the reranker loaded then, so an
        # unload meanwhile (the rerank setting changed) waits for it, and a chat kept open uses
        # the reranker of each turn, not one unloaded since.
        loaded = self.reranker()
        held = None if loaded is None else HeldReranker(self._models, loaded)
        return retriever_for(vault, self.settings, held, chat=chat, cancel=cancel)

    # -- vault: create, unlock, lock (medlocal.app.vault_session) ------------------------------

    @property
    def vault(self) -> Vault | None:
        """The open vault, if any (locked when it idled out or was locked elsewhere)."""
        return self._session.vault

    @property
    def vault_folder(self) -> Path:
        return self._session.folder

    def use_vault_folder(self, folder: Path | str) -> None:
        """Work with the vault in ``folder`` (``--vault DIR``); locks one open elsewhere."""
        self._session.use_folder(folder)

    def vault_exists(self) -> bool:
        return self._session.exists()

    def vault_remembered(self) -> bool:
        return self._session.remembered()

    def create_vault(
        self, passphrase: str, confirmation: str | None = None, *, finish: bool = True
    ) -> str:
        """Create the vault and leave it unlocked; returns the recovery key (show it once).
        The faces pass ``finish=False`` and call :meth:`finish_vault_creation` once the key was
        shown: a crash before that leaves a vault the next creation replaces (walk 47a D1)."""
        return self._session.create(passphrase, confirmation, finish=finish)

    def finish_vault_creation(self) -> None:
        self._session.finish_creation()

    def vault_unfinished(self) -> bool:
        """Whether an earlier creation of the vault was interrupted (it holds nothing)."""
        return self._session.unfinished()

    def unlock(
        self,
        passphrase: str | None = None,
        *,
        recovery_key: str | None = None,
        prompt: Callable[[], str] | None = None,
        idle_lock: bool = False,
        on_busy: Callable[[], None] | None = None,
    ) -> Vault:
        """Unlock the vault (``VaultSession.unlock`` says in which order it tries).
        ``on_busy()`` runs (on this thread) when another process's write holds the unlock up:
        it waits up to ``db.BUSY_WAIT_S`` for it, then says the vault is busy."""
        return self._session.unlock(
            passphrase,
            recovery_key=recovery_key,
            prompt=prompt,
            idle_lock=idle_lock,
            on_busy=on_busy,
        )

    def add_lock_listener(self, listener: Callable[[str], None]) -> None:
        """``listener(reason)`` runs (on whichever thread locked) whenever the vault locks:
        ``user``, ``idle``, ``closed``..."""
        self._session.add_lock_listener(listener)

    def lock(self, reason: str = "user") -> None:
        self._session.lock(reason)

    def require_vault(self) -> Vault:
        return self._session.require()

    def take_upgrade_notice(self) -> str | None:
        """The one-time "Vault upgraded to format N; older MedLocal versions cannot open it;
        ..." after the unlock that migrated the vault; None otherwise (walk 44 D5)."""
        return self._session.take_upgrade_notice()

    def touch(self) -> None:
        """Activity ping from a face: postpones the idle lock."""
        self._session.touch()

    # -- verbs ---------------------------------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        patient_id: int | None = None,
        collection: str | None = None,
        k: int = 8,
        model: str | None = None,
        cancel: threading.Event | None = None,
    ) -> list[SearchHit]:
        """Query -> embed -> hybrid search (exact words only when no embedder can load) ->
        reranking when a reranker is installed and the ``rerank`` setting allows it."""
        text = query.strip()
        if not text:
            raise UserInputError("Give some words to search for.")
        vault = self.require_vault()
        check_search_scope(vault, patient_id, collection)
        embedder = self.embedder(model)
        vector = None if embedder is None else embedder.embed([text])[0]
        return self._retriever(vault, cancel=cancel).search(
            text,
            vector,
            patient_id=patient_id,
            collection=collection,
            k=k,
            embed_model_id=None if embedder is None else embedder.model_id,
        )

    def import_documents(
        self,
        sources: Iterable[str | Path],
        patient_id: int,
        *,
        collection: str | None = None,
        model: str | None = None,
        max_mb: float | None = None,
        progress: ProgressCallback | None = None,
        on_file: Callable[[ProgressEvent], None] | None = None,
        cancel: threading.Event | None = None,
        confirm_long: Callable[[LongFile], bool] | None = None,
        on_batch: Callable[[list[str]], None] | None = None,
    ) -> ImportReport:
        """Import files and folders for one patient; a bad file is reported, the batch goes on.
        ``progress`` gets files done of the batch (unit ``files``) and, while a file is
        embedded, its passages done after each batch (unit ``passages``). ``on_file`` gets the
        pipeline's per-file events (outcome and reason) for a live list, among them the one
        that says a file takes long to index (``ProgressEvent.long_file``); ``confirm_long``
        then decides whether to index it (False: left out, the batch goes on). ``on_batch``
        gets the batch's files before the first is read."""
        vault = self.require_vault()
        vault.get_patient(patient_id)  # an unknown patient is bad input: fail before any work
        embedder = self.embedder(model, required=True)
        assert embedder is not None
        return document_import.import_documents(
            vault,
            sources,
            patient_id,
            embedder,
            self.settings,
            collection=collection,
            max_mb=max_mb,
            progress=progress,
            on_file=on_file,
            cancel=cancel,
            confirm_long=confirm_long,
            on_batch=on_batch,
        )

    def remember_interrupted_import(self, stopped: document_import.InterruptedImport) -> None:
        """Keep, in the vault, which files an import stopped by closing MedLocal left out."""
        document_import.remember_interrupted(self.require_vault(), stopped)

    def take_interrupted_import(self) -> document_import.InterruptedImport | None:
        """The import the last close stopped (told once), or None."""
        return document_import.take_interrupted(self.require_vault())

    def index_patient(
        self,
        patient_id: int,
        progress: Callable[[int, int], None],
        cancel: threading.Event | None = None,
    ) -> None:
        """Build the patient's in-memory vector collection for the default embedder now, unless
        built, telling ``progress(done, total)`` in vectors: a huge record's first build takes a
        while, which a window can show instead of a bare "finding passages" (walk 36). ``cancel``
        (or a lock) stops the build between batches; a cancelled one raises GenerationCancelled."""
        vault = self.require_vault()
        embedder = self.embedder()
        if embedder is None:
            return  # exact words only: nothing to build
        size = [0]
        done = [0]

        def total(n: int) -> None:
            size[0] = n
            progress(0, n)

        def step(n: int) -> None:
            done[0] += n
            progress(done[0], size[0])

        vault.ensure_index(patient_id, embedder.model_id, step, total=total, cancel=cancel)
        check_cancel(cancel, "indexing")

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
            question_notes=lambda question: question_check(vault.list_patients(), patient_id)(
                question
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

    def reembed(
        self,
        *,
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
    ) -> ReembedReport:
        """Give every document vectors of the default embedder (after switching it)."""
        vault = self.require_vault()
        embedder = self.embedder(required=True)
        assert embedder is not None

        def relay(done: int, total: int) -> None:
            report(progress, Progress("re-embedding", done, total, unit="documents"))

        return vault.reembed(embedder, progress=relay, cancel=cancel)

    def rechunk_pending(self) -> int:
        """Documents to bring up to date in the background: imported before passages followed
        sections (re-chunked), or PDFs from before page spans were kept (spans recorded)."""
        return len(pending_documents(self.require_vault()))

    def rechunk(
        self,
        *,
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
    ) -> RechunkReport:
        """Re-chunk older documents from their stored originals, one transaction each (no
        re-import); stops cleanly at a lock or a cancel and picks up where it left off."""
        vault = self.require_vault()
        embedder = self.embedder(required=True)
        assert embedder is not None
        return rechunk_documents(vault, embedder, progress=progress, cancel=cancel)

    # -- backups -------------------------------------------------------------------------------

    def backup(
        self,
        passphrase: str,
        destination: str | Path | None = None,
        *,
        keep: int | None = None,
        create_folder: bool = False,
        create_parents: bool = False,
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
    ) -> backups.BackupResult:
        """Write, then verify, an encrypted backup of the open vault (passphrase needed: the
        backup's key is wrapped under it, never under the keychain). ``create_folder`` makes
        a missing destination whose parent exists, ``create_parents`` also its missing
        parents (:func:`backups.folder_to_create`: the window asks first). A relative
        destination is refused (:func:`backups.full_path`)."""
        vault = self.require_vault()
        # A full disk is the backup's own line ("Not enough space for the backup in …, or next
        # to the vault; nothing was written"): the space may have run out on either disk.
        result = backups.back_up(
            vault,
            passphrase,
            self.backup_target(destination),
            keep=keep,
            create_folder=create_folder,
            create_parents=create_parents,
            progress=progress,
            cancel=cancel,
        )
        _tell(self._backup_listeners)
        return result

    def add_backup_listener(self, listener: Callable[[], None]) -> None:
        """``listener()`` runs (on the backing-up thread) after a backup was written and
        verified, so a face can drop a "no recent backup" reminder it shows."""
        self._backup_listeners.append(listener)

    def add_restore_listener(
        self, listener: Callable[[backups.RestoreResult | None], None]
    ) -> None:
        """``listener(result)`` runs (on the restoring thread) when a restore that locked this
        vault has ended: its result, or None when it failed, was refused or was cancelled (the
        vault is then as it was). A face that said "restoring" on its lock screen replaces that
        with the outcome, whichever dialog or command started the restore."""
        self._restore_listeners.append(listener)

    def backup_target(self, destination: str | Path | None = None) -> Path:
        """Where a backup goes: ``destination``, else the backup folder setting (UserInputError
        when neither is set, or for a relative path)."""
        return backups.backup_destination(destination, self.settings.backup_folder)

    def backup_due(self) -> bool:
        """Whether the last verified backup is older than the reminder interval (or missing)."""
        vault_id = self._session.open_vault_id()
        return backups.backup_due(self.settings.backup_reminder_days, vault_id)

    def backup_summary(self) -> str:
        vault_id = self._session.open_vault_id()
        return backups.backup_summary(self.settings.backup_reminder_days, vault_id)

    def restore(
        self,
        source: str | Path,
        passphrase: str | None = None,
        *,
        recovery_key: str | None = None,
        new_passphrase: str | None = None,
        replace: bool = False,
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
    ) -> backups.RestoreResult:
        """Restore a backup into this workspace's vault folder. This workspace's own vault is
        locked first (the service refuses a vault open elsewhere, not one open here), but only
        once the backup has been read and checked whole (it opens with what was given, its
        part files match the manifest's sizes and checksums, the joined snapshot passes every
        check): a wrong passphrase or recovery key, a truncated or damaged backup, or a
        backup of another vault, is refused with the vault as it was, still open. The backup is
        read once for both, not once to check and again to restore (session 40: slow for a large
        vault on a USB stick).
        A relative ``source`` is refused: the window's current folder is wherever it was
        started from."""
        source = backups.full_path(source, "The backup to restore")
        # A just-made vault (one that never held a record) may give way to another vault's
        # backup (walk 43 D1): the face asked before calling with ``replace``.
        replaceable = backups.empty_vault_id(self.vault) if replace else None
        open_vault = self.vault
        prepared = backups.prepare_restore(
            source,
            self.vault_folder,
            passphrase=passphrase,
            recovery_key=recovery_key,
            new_passphrase=new_passphrase,
            # A vault there without ``replace``, or a backup of another vault, is refused before
            # the lock (review 41, D3); whether another process has it open is asked after it.
            replace=replace,
            replaceable=replaceable,
            target_open_here=True,
            progress=progress,
            cancel=cancel,
        )
        if prepared.manifest.header.vault_id == replaceable:
            replaceable = None  # this vault's own backup: an ordinary replace, locked first
        result: backups.RestoreResult | None = None

        def last_check() -> None:
            # Review 43, D2: records added while the backup was read (an import finishing, a
            # patient added) are refused here, the vault left open; else it locks in the same
            # hold, so nothing is written between the check and the lock.
            if open_vault is None:
                raise backups.changed_while_read(self.vault_folder, [])
            backups.lock_if_unused(open_vault, self.vault_folder)
            self.lock("restore")  # drops this workspace's reference to the locked vault

        try:
            if replaceable is None:
                self.lock("restore")
        except BaseException:
            prepared.discard()
            raise
        try:
            result = backups.finish_restore(
                prepared,
                replace=replace,
                replaceable=replaceable,
                last_check=last_check,
                progress=progress,
                cancel=cancel,
            )
            return result
        finally:
            prepared.discard()  # already done by an install; a refusal leaves no staging copy
            _tell(self._restore_listeners, result)

    def set_default_model(self, model_id: str, role: Role | None = None) -> Role:
        """Make ``model_id`` the default for its role. A new embedder means the vault needs
        re-embedding (:meth:`reembed`): vectors of different models are never compared."""
        chosen: Role = role or self.registry.get(model_id).role
        self.registry.set_default(model_id, chosen)
        self._models.unload(chosen)
        return chosen

    def installed_models(self, models: list[InstalledModel] | None = None) -> InstalledListing:
        """The installed models and each role's default as it answers (the demo model for chat
        when none is chosen): what ``models list`` (plain and ``--json``) and the model
        manager show."""
        return installed_models.installed_listing(self.registry, models)

    def remove_model(self, model_id: str, *, keep_file: bool = False) -> ModelRemoval:
        """Remove an installed model (``medlocal models remove`` and the model manager): its
        role's model is unloaded first, so a removed file is never still in use here."""
        self._models.unload(self.registry.get(model_id).role)
        return installed_models.remove_model(self.registry, model_id, keep_file=keep_file)

    def verify_models(
        self,
        model_id: str | None = None,
        *,
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
    ) -> list[ModelCheck]:
        """Re-hash installed models against their records (one, or all)."""
        return installed_models.verify_models(
            self.registry, model_id, progress=progress, cancel=cancel
        )

    def fit(self, model: str, n_ctx: int | None = None) -> FitAdvice:
        """Will ``model`` (an installed id or a GGUF path) fit this machine, and how."""
        return fit_advice(self.registry, model, n_ctx)

    def audit_view(self, limit: int | None = None, *, sessions: bool = False) -> AuditView:
        """The open vault's audit log as both faces list it (see :func:`audit_view`)."""
        return audit_view(self.require_vault(), limit, sessions=sessions)

    def doctor(self) -> DoctorReport:
        # A settings file that cannot be used is one finding; the rest is checked with defaults.
        problem = ""
        try:
            settings = self.settings
        except SettingsFileError as exc:
            problem, settings = str(exc), Settings()
        except Exception as exc:  # a read-only config folder, say: one failed check of many
            problem, settings = failure_text(exc), Settings()
        # Every check runs, whatever fails before it (walk 38: a read-only home ended doctor
        # at the model list); each failure is a problem line of the report.
        problems: list[str] = []
        missing: list[str] = []
        try:
            listing = self.installed_models()
            models = [m.id + (" (missing)" if listing.missing(m) else "") for m in listing.models]
            missing = listing.missing_defaults(self.registry)
            reranker = installed_models.reranker_summary(settings, self.registry)
        except Exception as exc:
            problems.append(f"models: {failure_text(exc)}")
            models, reranker = [], ""
        try:
            vault_folder: Path | None = self.vault_folder
        except Exception:  # the report's folder check says why
            vault_folder = None
        return doctor_report(
            models,
            settings.backup_reminder_days,
            ocr_enabled=settings.ocr == "on",
            reranker=reranker,
            vault_folder=vault_folder,
            settings_problem=problem,
            problems=problems,
            settings_unknown=self.unknown_settings(),
            models_missing=missing,
        )

    def unknown_settings(self) -> list[str]:
        """Notes on the settings file's keys that are no setting ("'temprature' is not a
        setting (did you mean temperature?) …"); [] when there are none or no file."""
        try:
            return unknown_settings()
        except Exception:  # a check of many: doctor's other lines still come
            return []

    def reranker_summary(self) -> str:
        """One line on reranking: which model rescoring how many passages, or why none."""
        return installed_models.reranker_summary(self.settings, self.registry)

    # -- model evaluation (issue 9): public benchmark files, never the vault ----------------------

    def evaluate_models(
        self,
        request: EvalRequest,
        *,
        n_ctx: int | None = None,
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
    ) -> list[EvalRun]:
        """Evaluate each requested model on a benchmark file (see ``medlocal.app.evaluation``)."""
        return run_evaluations(
            lambda model: self.chat_model(model, n_ctx),
            request,
            store=self.evaluation_runs(),
            progress=progress,
            cancel=cancel,
        )

    def evaluation_runs(self) -> RunStore:
        """Stored evaluation runs, under the data folder."""
        return RunStore()

    # -- lifetime ------------------------------------------------------------------------------

    def close(self) -> None:
        """Lock the vault and unload every model (the engine thread ends if we started it)."""
        self.lock("closed")
        self._models.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _tell(listeners: Sequence[Callable[..., None]], *args: Any) -> None:
    """Each listener hears the news; one that fails is logged and does not stop the others or
    the task that told them."""
    for listener in list(listeners):
        try:
            listener(*args)
        except Exception:
            log.exception("listener failed")


def _record_identity(vault: Vault, patient_id: int) -> RecordIdentity:
    patient = vault.get_patient(patient_id)
    return RecordIdentity(patient.name, patient.mrn, patient.dob)
