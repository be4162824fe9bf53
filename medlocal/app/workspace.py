"""The composition root both faces construct: settings, engine, model registry and the open vault.

No module-level singletons: a face builds one :class:`Workspace` (tests build one per test with
fakes injected) and every verb goes through it. Long verbs take the project's one progress type
(:mod:`medlocal.progress`) and a ``threading.Event`` cancel.

This module builds the collaborators and holds the loaded models, search and import; the other
verbs are mixins named for their job: ``workspace_settings``, ``workspace_vault`` (create, unlock,
lock), ``workspace_answers`` (grounded chat, summary, export), ``workspace_backup`` (backup,
restore) and ``workspace_models`` (model management, fit, doctor, evaluation).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from medlocal.app import document_import
from medlocal.app.general_answer import GeneralAnswer
from medlocal.app.installed_models import ModelCheck
from medlocal.app.loaded_models import HeldReranker, LoadedModels, ModelLoader, Notice
from medlocal.app.retrieval import check_search_scope, retriever_for
from medlocal.app.vault_session import VaultSession
from medlocal.app.warm_up import load_dictionaries_and_freeze
from medlocal.app.workspace_answers import WorkspaceAnswers
from medlocal.app.workspace_backup import WorkspaceBackup
from medlocal.app.workspace_models import WorkspaceModels
from medlocal.app.workspace_settings import WorkspaceSettings
from medlocal.app.workspace_vault import WorkspaceVault
from medlocal.engine.api import ChatMessage, Embedder, Reranker, SamplingParams
from medlocal.engine.reasoning import ThinkingMeter
from medlocal.engine.runtime import Engine, LoadOptions
from medlocal.errors import MedLocalError, UserInputError
from medlocal.ingest.import_report import ImportReport, LongFile, ProgressEvent
from medlocal.ingest.rechunk import RechunkReport, pending_documents, rechunk_documents
from medlocal.models.registry import Registry
from medlocal.privacy.deid_child import ChildRules
from medlocal.privacy.deid_jobs import IN_PROCESS, InProcessRules, Rules
from medlocal.progress import Progress, ProgressCallback, check_cancel, report
from medlocal.rag.passages import Retriever
from medlocal.settings import Settings
from medlocal.vault.keys import KdfParams
from medlocal.vault.records import SearchHit
from medlocal.vault.reembed import ReembedReport
from medlocal.vault.store import Vault

# ModelCheck lives in installed_models.py; callers may import it from here, with the workspace.
__all__ = ["ModelCheck", "ModelLoader", "Notice", "Workspace"]

log = logging.getLogger(__name__)


class Workspace(
    WorkspaceSettings, WorkspaceVault, WorkspaceAnswers, WorkspaceBackup, WorkspaceModels
):
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
        self._settings_stamp = None
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
        # Told when a backup or a restore ends (workspace_backup.py).
        self._backup_listeners = []
        self._restore_listeners = []
        # Where the de-identification rules run: here (the CLI: no window to freeze), or in a
        # process of their own (:meth:`rules_in_own_process`, the window's choice). Ended with
        # the vault: the child holds no patient text between jobs, but nothing outlives a lock.
        self.rules: Rules = IN_PROCESS
        self._session.add_lock_listener(lambda _reason: self.rules.close())

    def rules_in_own_process(self) -> None:
        """Build and run the de-identification rules in a child process for the session
        (deid_child): building them here held the interpreter lock for seconds and stalled the
        window (walkfix54a D2). The child starts with :meth:`warm_up` (or the first export that
        redacts) and builds the rules at once."""
        if not isinstance(self.rules, ChildRules):
            self.rules = ChildRules()

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
        (medlocal.app.warm_up); delete the partial copies of model imports a killed process
        left (a model-sized file each: the window's start need not wait for the next import)."""
        # Imported here: the commands that build a workspace need none of the importer.
        from medlocal.models.importer import remove_stopped_imports
        from medlocal.paths import models_dir

        remove_stopped_imports(models_dir())
        try:
            self.rules.start()  # a child builds them meanwhile, beside this process
        except MedLocalError as exc:  # the first redacted preview tries again and says why
            log.warning("de-identification process not started (%s)", exc)
        load_dictionaries_and_freeze(rules_here=isinstance(self.rules, InProcessRules))

    def chat_model(self, model: str | None = None, n_ctx: int | None = None) -> Any:
        """The chat model (``model``: an installed id or a GGUF path; None: the default)."""
        return self._models.chat_model(model, n_ctx)

    def take_model_switch_note(self) -> str | None:
        """Once: what the last chat model load said of a model that is no longer installed and
        the one answering instead (see LoadedModels.take_switch_note)."""
        return self._models.take_switch_note()

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

    # -- search, import and index --------------------------------------------------------------

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

    # -- lifetime ------------------------------------------------------------------------------

    def close(self) -> None:
        """Lock the vault and unload every model (the engine thread ends if we started it), and
        end the rules' process if one runs."""
        self.lock("closed")
        self.rules.close()
        self._models.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
