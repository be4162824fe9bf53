"""The composition root both faces construct: settings, engine, model registry and the open vault.

No module-level singletons: a face builds one :class:`Workspace` (tests build one per test with
fakes injected) and every verb goes through it. Long verbs take the project's one progress type
(:mod:`medlocal.progress`) and a ``threading.Event`` cancel.
"""

from __future__ import annotations

import gc
import logging
import os
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from medlocal import paths
from medlocal.app import backups
from medlocal.app.doctor import DoctorReport, doctor_report
from medlocal.app.evaluation import EvalRequest, run_evaluations
from medlocal.app.fit import fit_advice
from medlocal.app.outputs import (
    SavedSummary,
    export_stored_output,
    preview_redactions,
    summarize_patient,
)
from medlocal.app.passphrase import check_new_passphrase
from medlocal.engine.api import Embedder, Reranker, SamplingParams
from medlocal.engine.hardware import physical_cores
from medlocal.engine.runtime import (
    Engine,
    LlamaChatModel,
    LlamaEmbedder,
    LlamaReranker,
    LoadOptions,
)
from medlocal.errors import MedLocalError, UserInputError
from medlocal.eval.runs import EvalRun, RunStore
from medlocal.ingest.ocr.pages import OcrOptions
from medlocal.ingest.pipeline import ImportReport, ProgressEvent, import_paths
from medlocal.ingest.rechunk import RechunkReport, pending_documents, rechunk_documents
from medlocal.models.catalog import Role
from medlocal.models.embedders import default_embedder_path
from medlocal.models.fit import FitAdvice
from medlocal.models.registry import (
    Registry,
    default_chat_path,
    default_reranker_id,
    default_reranker_path,
    resolve_model,
)
from medlocal.privacy.deid_model import SpanProposer
from medlocal.privacy.deid_plan import RedactionPlan
from medlocal.progress import Progress, ProgressCallback, report
from medlocal.rag.answer import GroundedAnswerer
from medlocal.rag.chat import ChatSession
from medlocal.rag.export import ExportReport, chat_model_line
from medlocal.rag.passages import Retriever, Scope
from medlocal.rag.rerank import RerankingRetriever, chat_judge_for
from medlocal.settings import Settings, load_settings, save_settings
from medlocal.vault.errors import (
    PassphraseRequiredError,
    VaultExistsError,
    VaultLockedError,
    VaultNotFoundError,
)
from medlocal.vault.keys import KdfParams
from medlocal.vault.records import SearchHit
from medlocal.vault.reembed import ReembedReport
from medlocal.vault.store import Vault

log = logging.getLogger(__name__)

Notice = Callable[[str], None]
DEFAULT = "<default>"
ModelLoader = Callable[[str | None], Any]
LEXICAL_ONLY = "Searching exact words only."
SUMMARY_STEP_TOKENS = 256  # each map/reduce step; the summary itself is several steps


@dataclass(frozen=True)
class ModelCheck:
    """One installed model re-hashed against its record (``verify``)."""

    model_id: str
    ok: bool
    message: str


class Workspace:
    """Everything a MedLocal session holds. Faces call its verbs; it calls the services.

    ``chat_loader`` / ``embedder_loader`` / ``reranker_loader`` replace loading through the
    engine (tests pass fakes, a benchmark its own); they take the model argument (an id, a path
    or None for the default) and return the model or raise a ``MedLocalError``. Loaded models
    are kept until another one is asked for. ``notice`` receives one-line messages a person
    should see (a fallback taken, a model loaded on the CPU after the GPU failed); the CLI prints
    them on stderr, the window shows them in its status bar.
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
        self._vault_folder = Path(vault_folder).expanduser() if vault_folder else None
        self._settings = settings
        self._engine = engine
        self._owns_engine = engine is None
        self._registry = registry
        self._chat_loader = chat_loader
        self._embedder_loader = embedder_loader
        self._reranker_loader = reranker_loader
        self._chat: tuple[tuple[str, int | None], Any] | None = None
        self._embedder: tuple[str, Embedder] | None = None
        # (registry path or DEFAULT, the loaded reranker or None after a failed load: a broken
        # reranker file is reported once, not at every search)
        self._reranker: tuple[str, Reranker | None] | None = None
        self._kdf_params = kdf_params
        self.notice: Notice = notice or (lambda text: log.info("%s", text))
        self.vault: Vault | None = None
        self._audited: set[tuple[str, str, str]] = set()
        self._lock_listeners: list[Callable[[str], None]] = []
        self._models_lock = threading.RLock()
        # Set by a window before it loads models: see _automatic_threads.
        self.leave_cpu_for_window = False

    # -- settings ------------------------------------------------------------------------------

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings()
        return self._settings

    def update_settings(self, **changes: Any) -> Settings:
        """Save changed settings (validated by their declarations) and use them from now on."""
        from medlocal.settings import coerce_setting

        checked = {name: coerce_setting(name, value) for name, value in changes.items()}
        updated = replace(self.settings, **checked)
        save_settings(updated)
        self._settings = updated
        if self.vault is not None and not self.vault.is_locked and "auto_lock_minutes" in changes:
            self.vault.set_idle_timeout(self._idle_seconds())
        if "rerank" in changes:
            # Off frees the reranker's memory; back on loads it (and retries one that failed).
            with self._models_lock:
                self._unload_reranker()
        return updated

    def sampling(self, **overrides: Any) -> SamplingParams:
        """Sampling parameters from the user's settings, with per-call overrides (None = keep)."""
        s = self.settings
        base = SamplingParams(temperature=s.temperature, max_tokens=s.max_tokens, seed=s.seed)
        return replace(base, **{k: v for k, v in overrides.items() if v is not None})

    # -- engine and models ---------------------------------------------------------------------

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = Engine()
        return self._engine

    @property
    def registry(self) -> Registry:
        if self._registry is None:
            self._registry = Registry()
        return self._registry

    def _load_options(self, path: Path, n_ctx: int | None = None) -> LoadOptions:
        # The registry already verified the file against its recorded hash: reuse it rather
        # than hashing a multi-gigabyte file again for provenance.
        record = self.registry.find_by_path(path)
        s = self.settings
        return LoadOptions(
            n_ctx=n_ctx or s.context_tokens or None,
            n_threads=s.threads or self._automatic_threads(),
            n_gpu_layers=None if s.gpu_layers < 0 else s.gpu_layers,
            sha256=record.sha256 if record else None,
            speculative_draft=s.speculative_draft,
        )

    def _automatic_threads(self) -> int | None:
        """llama.cpp threads when the settings say automatic (0). The engine's default is one per
        physical core, and its threads busy-wait between steps: where cores are all there is
        (no SMT: virtual machines, VDI desktops) the window's GUI thread then has no CPU of its
        own while a model embeds or generates. With a window, one logical CPU stays free for
        it; machines with SMT keep a thread per core. On a busy 2-vCPU machine, importing 50
        notes in the window took half the time with one thread instead of two, with fewer and
        shorter stalls (benchmarks/bench_gui.py)."""
        if not self.leave_cpu_for_window:
            return None
        logical = os.cpu_count() or 1
        return max(1, min(physical_cores(), logical - 1))

    def warm_up(self) -> None:
        """Load what every search needs once (the drug, class and abbreviation dictionaries:
        some 200,000 small objects), then move everything alive so far out of the garbage
        collector's reach (``gc.freeze``). Its full sweeps stop every thread, a window's
        included, for as long as they take to walk the heap: 130-310 ms during generation with
        the dictionaries in it, under 50 ms with them frozen. Meant for a worker thread at
        start; what is frozen is long-lived anyway (modules, dictionaries, the window)."""
        from medlocal.abbreviations import default_abbreviations
        from medlocal.drugs import default_vocabulary

        default_vocabulary()
        default_abbreviations()
        gc.freeze()

    def chat_model(self, model: str | None = None, n_ctx: int | None = None) -> Any:
        """The chat model (``model``: an installed id or a GGUF path; None: the default)."""
        with self._models_lock:
            key = (model or DEFAULT, n_ctx)
            if (
                self._chat is not None
                and self._chat[0][0] == key[0]
                and n_ctx in (None, self._chat[0][1])
            ):
                loaded = self._chat[1]
            else:
                self._unload_chat()
                if self._chat_loader is not None:
                    loaded = self._chat_loader(model)
                else:
                    path = resolve_model(model, "chat") if model else default_chat_path()
                    loaded = self.engine.load_chat(path, self._load_options(path, n_ctx))
                    if loaded.load_message:
                        self.notice(loaded.load_message)
                self._chat = (key, loaded)
        self._audit_model("chat", loaded)
        return loaded

    @property
    def loaded_chat_model(self) -> Any | None:
        """The chat model in memory, if one is (for a status bar); never loads one."""
        return self._chat[1] if self._chat is not None else None

    # Only models this workspace loaded itself are unloaded: one handed in by a loader belongs
    # to whoever made it (a test session's shared model, a benchmark's baseline).

    def _unload_embedder(self) -> None:
        held = self._embedder
        if (
            held is not None
            and self._embedder_loader is None
            and isinstance(held[1], LlamaEmbedder)
        ):
            held[1].unload()
        self._embedder = None

    def _unload_chat(self) -> None:
        held, owned = self._chat, self._chat_loader is None
        if held is not None and owned and isinstance(held[1], LlamaChatModel):
            held[1].unload()
        self._chat = None

    def embedder(self, model: str | None = None, *, required: bool = False) -> Embedder | None:
        """The embedding model; without one (none installed, a malformed file) search falls back
        to exact words and says so, unless ``required``."""
        try:
            with self._models_lock:
                key = model or DEFAULT
                if self._embedder is not None and self._embedder[0] == key:
                    loaded = self._embedder[1]
                else:
                    self._unload_embedder()
                    loaded = self._load_embedder(model)
                    self._embedder = (key, loaded)
        except MedLocalError as err:
            if required:
                raise
            self.notice(f"{err} {LEXICAL_ONLY}")
            return None
        self._audit_model("embedding", loaded)
        return loaded

    def _load_embedder(self, model: str | None) -> Any:
        if self._embedder_loader is not None:
            return self._embedder_loader(model)
        path = resolve_model(model, "embedding") if model else default_embedder_path()
        return self.engine.load_embedder(path, self._load_options(path))

    def _unload_reranker(self) -> None:
        held = self._reranker
        if (
            held is not None
            and self._reranker_loader is None
            and isinstance(held[1], LlamaReranker)
        ):
            held[1].unload()
        self._reranker = None

    def reranker(self) -> Reranker | None:
        """The cross-encoder reranker when the ``rerank`` setting allows it and one is installed
        (the default reranker, or the only one); None otherwise. A reranker that cannot load is
        reported once through ``notice`` and search goes on without it."""
        if self.settings.rerank == "off":
            return None
        try:
            with self._models_lock:
                if self._reranker_loader is not None:
                    key = DEFAULT
                else:
                    path = default_reranker_path(self.registry)
                    if path is None:
                        self._unload_reranker()
                        return None
                    key = str(path)
                if self._reranker is not None and self._reranker[0] == key:
                    loaded = self._reranker[1]
                else:
                    self._unload_reranker()
                    self._reranker = (key, None)
                    loaded = self._load_reranker(key)
                    self._reranker = (key, loaded)
        except MedLocalError as err:
            self.notice(f"{err} Searching without reranking.")
            return None
        if loaded is not None:
            self._audit_model("reranker", loaded)
        return loaded

    def _load_reranker(self, key: str) -> Any:
        if self._reranker_loader is not None:
            return self._reranker_loader(None)
        path = Path(key)
        # A reranker reads one (question, passage) pair at a time: 512 tokens holds a question
        # and a passage of this app's chunk size, and keeps the encoder's attention cheap.
        return self.engine.load_reranker(path, self._load_options(path, n_ctx=512))

    def _retriever(
        self, vault: Vault, *, chat: Any = None, cancel: threading.Event | None = None
    ) -> Retriever:
        """The vault's fused search, with the reranking stages the settings and the installed
        models allow (rag/rerank.py); the vault itself when there are none."""
        s = self.settings
        reranker = self.reranker()
        judge = chat_judge_for(chat) if chat is not None and s.chat_rerank > 1 else None
        if reranker is None and judge is None:
            return vault
        return RerankingRetriever(
            vault,
            reranker,
            candidates=s.rerank_candidates,
            judge=judge,
            chat_top=s.chat_rerank,
            cancel=cancel,
        )

    def _audit_model(self, role: str, model: Any) -> None:
        """The audit log's ``model_load`` event, once per model per unlocked vault."""
        vault = self.vault
        sha = getattr(model, "sha256", None)
        if vault is None or vault.is_locked or not isinstance(sha, str):
            return
        key = (vault.vault_id, role, sha)
        if key in self._audited:
            return
        vault.record_model_load(role, str(getattr(model, "name", "model")), sha)
        self._audited.add(key)

    # -- vault: create, unlock, lock -----------------------------------------------------------

    @property
    def vault_folder(self) -> Path:
        return self._vault_folder or paths.vault_dir()

    def use_vault_folder(self, folder: Path | str) -> None:
        """Work with the vault in ``folder`` (``--vault DIR``); locks one open elsewhere."""
        path = Path(folder).expanduser()
        if self.vault is not None and path != self.vault_folder:
            self.lock("closed")
        self._vault_folder = path

    def vault_exists(self) -> bool:
        return Vault.exists(self.vault_folder)

    def vault_remembered(self) -> bool:
        return Vault.is_remembered(self.vault_folder)

    def create_vault(self, passphrase: str, confirmation: str | None = None) -> str:
        """Create the vault and leave it unlocked; returns the recovery key (show it once)."""
        if self.vault_exists():
            raise VaultExistsError(f"A vault already exists in {self.vault_folder}.")
        check_new_passphrase(passphrase, confirmation)
        vault, recovery_key = Vault.create(
            self.vault_folder, passphrase, kdf_params=self._kdf_params
        )
        self._attach(vault)
        return recovery_key

    def unlock(
        self,
        passphrase: str | None = None,
        *,
        recovery_key: str | None = None,
        prompt: Callable[[], str] | None = None,
        idle_lock: bool = False,
    ) -> Vault:
        """Unlock in the one order both faces use: a given passphrase (or recovery key), else
        the keychain wrap when this computer remembers the vault, else ``prompt()``."""
        folder = self.vault_folder
        if not Vault.exists(folder):
            raise VaultNotFoundError(
                f"No vault in {folder}. Create one with 'medlocal vault init' or the window."
            )
        if self.vault is not None and not self.vault.is_locked:
            return self.vault
        vault: Vault | None = None
        if passphrase is not None or recovery_key is not None:
            vault = Vault.open(folder, passphrase=passphrase, recovery_key=recovery_key)
        else:
            if Vault.is_remembered(folder):
                try:
                    vault = Vault.open(folder, use_keychain=True)
                except PassphraseRequiredError as err:
                    self.notice(str(err))
            if vault is None:
                if prompt is None:
                    raise PassphraseRequiredError("The vault passphrase is needed to unlock it.")
                vault = Vault.open(folder, passphrase=prompt())
        self._attach(vault, idle_lock=idle_lock)
        return vault

    def _attach(self, vault: Vault, *, idle_lock: bool = False) -> None:
        self.vault = vault
        vault.add_lock_listener(self._vault_locked)
        if idle_lock:
            vault.set_idle_timeout(self._idle_seconds())
        held: tuple[tuple[str, Any], ...] = (
            ("chat", self._chat),
            ("embedding", self._embedder),
            ("reranker", self._reranker),
        )
        for role, holder in held:
            if holder is not None and holder[1] is not None:
                self._audit_model(role, holder[1])

    def _idle_seconds(self) -> float | None:
        minutes = self.settings.auto_lock_minutes
        return minutes * 60.0 if minutes > 0 else None

    def add_lock_listener(self, listener: Callable[[str], None]) -> None:
        """``listener(reason)`` runs (on whichever thread locked) whenever the vault locks:
        ``user``, ``idle``, ``closed``..."""
        self._lock_listeners.append(listener)

    def _vault_locked(self, reason: str) -> None:
        for listener in list(self._lock_listeners):
            try:
                listener(reason)
            except Exception:  # a listener must not stop the others or the lock itself
                log.exception("lock listener failed")

    def lock(self, reason: str = "user") -> None:
        vault, self.vault = self.vault, None
        if vault is not None:
            vault.lock(reason)

    def require_vault(self) -> Vault:
        vault = self.vault
        if vault is None or vault.is_locked:
            raise VaultLockedError("The vault is locked: unlock it first.")
        return vault

    def touch(self) -> None:
        """Activity ping from a face: postpones the idle lock."""
        if self.vault is not None and not self.vault.is_locked:
            self.vault.touch()

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
        if patient_id is not None:
            vault.get_patient(patient_id)  # an unknown id is an error, not "no matching passages"
        if collection is not None and collection not in {c.name for c in vault.list_collections()}:
            raise UserInputError(f"No collection named '{collection}'.")
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
    ) -> ImportReport:
        """Import files and folders for one patient; a bad file is reported, the batch goes on.
        ``progress`` gets files done of the batch (unit ``files``) and, while a file is
        embedded, its passages done after each batch (unit ``passages``). ``on_file`` gets the
        pipeline's per-file events (outcome and reason) for a live list."""
        vault = self.require_vault()
        vault.get_patient(patient_id)  # an unknown patient is bad input: fail before any work
        embedder = self.embedder(model, required=True)
        assert embedder is not None
        limit = max_mb if max_mb is not None else float(self.settings.import_max_mb)

        def relay(event: ProgressEvent) -> None:
            if event.passages_total:
                # After each embedding batch: the passages of the file being embedded, so a
                # 900-page document shows movement instead of minutes on "embed: 0/1 files".
                report(progress, event.as_progress())
            else:
                finished = event.index if event.stage == "done" else event.index - 1
                stage = event.outcome or "done" if event.stage == "done" else event.stage
                report(progress, Progress(stage, finished, event.total, event.file_name, "files"))
            if on_file is not None:
                on_file(event)

        return import_paths(
            vault,
            list(sources),
            patient_id,
            embedder,
            collection=collection,
            progress=relay,
            cancel=cancel,
            max_bytes=int(limit * 1024 * 1024),
            # OCR reports pages of the file it is reading (with an ETA) on the same callback.
            ocr=OcrOptions(
                enabled=self.settings.ocr == "on",
                max_pages=self.settings.ocr_max_pages,
                progress=progress,
            ),
        )

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
        """A multi-turn grounded chat about one patient (a new one, or ``chat_id`` reopened)."""
        vault = self.require_vault()
        vault.get_patient(patient_id)  # a clear message for an unknown patient
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
        )
        return ChatSession(answerer, vault, Scope(patient_id, collection), chat_id=chat_id)

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
        sampling settings apply (each model step is ``SUMMARY_STEP_TOKENS`` long unless set)."""
        vault = self.require_vault()
        chat = self.chat_model(model, n_ctx)
        chosen = params or self.sampling(max_tokens=SUMMARY_STEP_TOKENS)
        return summarize_patient(
            vault,
            chat,
            patient_id,
            template,
            chosen,
            document_ids=document_ids,
            progress=progress,
            cancel=cancel,
        )

    def export_output(
        self,
        output_id: int,
        out: str | Path,
        *,
        redact: bool = False,
        date_mode: str = "shift",
        keep: Sequence[tuple[int, str]] = (),
        add: Sequence[str] = (),
        model_line: bool = False,
    ) -> ExportReport:
        """Export a stored answer or summary; with ``redact``, the spans the preview listed
        minus those ``keep`` names (number, reason) plus every occurrence of ``add``.
        ``model_line`` also asks the chat model for names and places (only ever adds)."""
        return export_stored_output(
            self.require_vault(),
            output_id,
            out,
            redact=redact,
            date_mode=date_mode,
            keep=keep,
            add=add,
            proposer=self._proposer(model_line),
        )

    def preview_redactions(
        self,
        output_id: int,
        date_mode: str = "shift",
        keep: Sequence[tuple[int, str]] = (),
        add: Sequence[str] = (),
        model_line: bool = False,
    ) -> RedactionPlan:
        return preview_redactions(
            self.require_vault(), output_id, date_mode, keep, add, self._proposer(model_line)
        )

    def _proposer(self, model_line: bool) -> SpanProposer | None:
        return chat_model_line(self.chat_model()) if model_line else None

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
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
    ) -> backups.BackupResult:
        """Write, then verify, an encrypted backup of the open vault (passphrase needed: the
        backup's key is wrapped under it, never under the keychain)."""
        vault = self.require_vault()
        target = backups.backup_destination(destination, self.settings.backup_folder)
        return backups.back_up(
            vault, passphrase, target, keep=keep, progress=progress, cancel=cancel
        )

    def backup_due(self) -> bool:
        """Whether the last verified backup is older than the reminder interval (or missing)."""
        vault = self.vault
        vault_id = vault.vault_id if vault is not None and not vault.is_locked else None
        return backups.backup_due(self.settings.backup_reminder_days, vault_id)

    def backup_summary(self) -> str:
        vault = self.vault
        vault_id = vault.vault_id if vault is not None and not vault.is_locked else None
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
        locked first (the service refuses a vault open elsewhere, not one open here)."""
        self.lock("restore")
        return backups.restore_backup(
            Path(source).expanduser(),
            self.vault_folder,
            passphrase=passphrase,
            recovery_key=recovery_key,
            new_passphrase=new_passphrase,
            replace=replace,
            progress=progress,
            cancel=cancel,
        )

    def set_default_model(self, model_id: str, role: Role | None = None) -> Role:
        """Make ``model_id`` the default for its role. A new embedder means the vault needs
        re-embedding (:meth:`reembed`): vectors of different models are never compared."""
        chosen: Role = role or self.registry.get(model_id).role
        self.registry.set_default(model_id, chosen)
        with self._models_lock:
            if chosen == "embedding":
                self._unload_embedder()
            elif chosen == "reranker":
                self._unload_reranker()
            else:
                self._unload_chat()
        return chosen

    def verify_models(
        self,
        model_id: str | None = None,
        *,
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
    ) -> list[ModelCheck]:
        """Re-hash installed models against their records (one, or all)."""
        registry = self.registry
        targets = [registry.get(model_id)] if model_id else registry.models()
        results: list[ModelCheck] = []
        for index, model in enumerate(targets):
            if cancel is not None and cancel.is_set():
                break
            report(progress, Progress("verifying", index, len(targets), model.id, "models"))
            try:
                registry.verified_path(model.id, force=True)
                results.append(ModelCheck(model.id, True, f"sha256 {model.sha256[:16]}…"))
            except MedLocalError as exc:
                results.append(ModelCheck(model.id, False, str(exc)))
        report(progress, Progress("verifying", len(results), len(targets), unit="models"))
        return results

    def fit(self, model: str, n_ctx: int | None = None) -> FitAdvice:
        """Will ``model`` (an installed id or a GGUF path) fit this machine, and how."""
        return fit_advice(self.registry, model, n_ctx)

    def doctor(self) -> DoctorReport:
        return doctor_report(
            [m.id for m in self.registry.models()],
            self.settings.backup_reminder_days,
            ocr_enabled=self.settings.ocr == "on",
            reranker=self.reranker_summary(),
        )

    def reranker_summary(self) -> str:
        """One line on reranking: which model rescoring how many passages, or why none."""
        s = self.settings
        chat = (
            f"; the chat model re-orders the top {s.chat_rerank} of an answer's passages"
            if s.chat_rerank > 1
            else ""
        )
        if s.rerank == "off":
            return "off (setting rerank = off)" + chat
        installed = [m.id for m in self.registry.models() if m.role == "reranker"]
        if not installed:
            return "none installed (search uses the fused ranking)" + chat
        chosen = default_reranker_id(self.registry)
        if chosen is None:
            return (
                f"{len(installed)} installed, none chosen: "
                "medlocal models default ID --role reranker" + chat
            )
        return f"{chosen}, rescoring the top {s.rerank_candidates} fused passages" + chat

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
        with self._models_lock:
            self._unload_chat()
            self._unload_embedder()
            self._unload_reranker()
        if self._engine is not None and self._owns_engine:
            self._engine.shutdown()
            self._engine = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
