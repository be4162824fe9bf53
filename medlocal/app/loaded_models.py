"""The models a session holds: its chat model, embedder and reranker.

Each is loaded on first use (through the engine, or through a loader handed in: tests pass
fakes, a benchmark its own), kept until another one is asked for, and unloaded only if it was
loaded here: one handed in by a loader belongs to whoever made it (a test session's shared
model, a benchmark's baseline).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from medlocal.app.warm_up import wait_until_warm
from medlocal.engine.api import Embedder, Reranker
from medlocal.engine.hardware import physical_cores
from medlocal.engine.runtime import (
    Engine,
    LlamaChatModel,
    LlamaEmbedder,
    LlamaReranker,
    LoadOptions,
)
from medlocal.errors import MedLocalError, error_notice
from medlocal.models.catalog import Role
from medlocal.models.demo import DEMO_MODEL_ID
from medlocal.models.embedders import default_embedder_path
from medlocal.models.registry import (
    Registry,
    default_chat_id,
    default_chat_path,
    default_reranker_path,
    resolve_model,
)
from medlocal.settings import Settings, SettingsFileError

log = logging.getLogger(__name__)

Notice = Callable[[str], None]
ModelLoader = Callable[[str | None], Any]
# Audits a model as it is handed out: (role, model).
ModelAudit = Callable[[str, Any], None]
DEFAULT = "<default>"
LEXICAL_ONLY = "Searching exact words only."


class LoadedModels:
    """The chat model, embedder and reranker of one workspace, guarded by one lock.

    ``settings`` and ``notice`` are called each time they are needed (the workspace's settings
    change, and a window replaces its notice after construction); ``audit`` gets every model
    handed out, with its role."""

    def __init__(
        self,
        settings: Callable[[], Settings],
        notice: Notice,
        audit: ModelAudit,
        *,
        engine: Engine | None = None,
        registry: Registry | None = None,
        chat_loader: ModelLoader | None = None,
        embedder_loader: ModelLoader | None = None,
        reranker_loader: ModelLoader | None = None,
    ) -> None:
        self._settings = settings
        self._notice = notice
        self._audit = audit
        self._engine = engine
        self._owns_engine = engine is None
        self._registry = registry
        self._chat_loader = chat_loader
        self._embedder_loader = embedder_loader
        self._reranker_loader = reranker_loader
        self._chat: tuple[tuple[str, int | None], Any] | None = None
        # "The chat model X is no longer installed: answering with Y": kept for the next answer
        # to carry as a note (walk 52b L7: a status-bar message for a few seconds was missed).
        self._switch_note: str | None = None
        # The installed model behind _chat (id, file), when it came from the registry.
        self._chat_record: tuple[str, Path] | None = None
        self._embedder: tuple[str, Embedder] | None = None
        # (registry path or DEFAULT, the loaded reranker or None after a failed load: a broken
        # reranker file is reported once, not at every search)
        self._reranker: tuple[str, Reranker | None] | None = None
        self._lock = threading.RLock()
        # Rerankers held by a rescoring now (``reranker_in_use``), by id: (model, holders); and
        # those unloaded meanwhile, which are let go when their last holder is done.
        self._reranker_holds: dict[int, tuple[Reranker, int]] = {}
        self._retired_rerankers: dict[int, tuple[str, Reranker]] = {}
        # Set by a window before it loads models: see automatic_threads.
        self.leave_cpu_for_window = False

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

    def load_options(self, path: Path, n_ctx: int | None = None) -> LoadOptions:
        # The registry already verified the file against its recorded hash: reuse it rather
        # than hashing a multi-gigabyte file again for provenance.
        record = self.registry.find_by_path(path)
        s = self._settings()
        return LoadOptions(
            n_ctx=n_ctx or s.context_tokens or None,
            n_threads=s.threads or self.automatic_threads(),
            pin_threads=s.threads > 0,
            n_gpu_layers=None if s.gpu_layers < 0 else s.gpu_layers,
            sha256=record.sha256 if record else None,
            speculative_draft=s.speculative_draft,
        )

    def automatic_threads(self) -> int | None:
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

    # -- chat ----------------------------------------------------------------------------------

    def chat_model(self, model: str | None = None, n_ctx: int | None = None) -> Any:
        """The chat model (``model``: an installed id or a GGUF path; None: the default)."""
        if self._chat is None:
            # Not beside the start-up warm-up: one after the other (see wait_until_warm). Waited
            # for before the lock, so a Stop that ends the wait ends the only wait: an import's
            # or a search's embedder is not held up behind it. (A chat model held means the
            # warm-up has ended: its own load waited.)
            wait_until_warm()
        with self._lock:
            # The default is named by the id it stands for now: when `medlocal models default`
            # changes it while the window holds the old one, the next question loads the new one.
            key = (model or f"{DEFAULT}{default_chat_id(self.registry) or ''}", n_ctx)
            gone = self._uninstalled_chat()
            if (
                self._chat is not None
                and gone is None
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
                    loaded = self.engine.load_chat(path, self.load_options(path, n_ctx))
                    record = self.registry.find_by_path(path)
                    if record is not None:
                        # Chat, evaluation, the status bar and provenance name the installed id
                        # ("demo-smollm2-135m"), as `models list` and --model do, not the
                        # GGUF's own title ("Smollm2 135M 8k Lc100K Mix1 Ep2").
                        loaded.name = record.id
                        self._chat_record = (record.id, Path(record.path))
                    if _catalog_reasons(record.catalog_id if record else None, path, loaded):
                        # HuatuoGPT-o1's template says nothing of its "## Thinking".
                        loaded.reasoning = True
                    if gone is not None:
                        self._switch_note = _replaced_note(gone, loaded.name)
                        self._notice(self._switch_note)
                    if loaded.load_message:
                        self._notice(loaded.load_message)
                self._chat = (key, loaded)
        self._audit("chat", loaded)
        return loaded

    @property
    def loaded_chat_model(self) -> Any | None:
        """The chat model in memory, if one is (for a status bar); never loads one."""
        return self._chat[1] if self._chat is not None else None

    def take_switch_note(self) -> str | None:
        """The note of a chat model that stopped being installed and was replaced at the last
        load, once (the answer it serves says it); None when there is none."""
        with self._lock:
            note, self._switch_note = self._switch_note, None
        return note

    def _uninstalled_chat(self) -> str | None:
        """The id of the installed chat model held here when it is no longer installed (removed
        with ``medlocal models remove`` while the window kept it loaded, or its file deleted):
        it is then not used again."""
        if self._chat is None or self._chat_record is None:
            return None
        model_id, path = self._chat_record
        record = self.registry.find(model_id)
        if record is not None and Path(record.path) == path and path.is_file():
            return None
        return model_id

    def _unload_chat(self) -> None:
        _unload_own(self._chat, self._chat_loader, LlamaChatModel)
        self._chat = None
        self._chat_record = None

    # -- embedder ------------------------------------------------------------------------------

    def embedder(self, model: str | None = None, *, required: bool = False) -> Embedder | None:
        """The embedding model; without one (none installed, a malformed file) search falls back
        to exact words and says so, unless ``required``."""
        try:
            with self._lock:
                key = model or DEFAULT
                if self._embedder is not None and self._embedder[0] == key:
                    loaded = self._embedder[1]
                else:
                    self._unload_embedder()
                    loaded = self._load_embedder(model)
                    self._embedder = (key, loaded)
        except MedLocalError as err:
            # A broken settings file is no missing model: exact words would fail on it next
            # (walk 28 saw "...fix or delete it Searching exact words only." and then the error).
            if required or isinstance(err, SettingsFileError):
                raise
            self._notice(error_notice(err, LEXICAL_ONLY))
            return None
        self._audit("embedding", loaded)
        return loaded

    def _load_embedder(self, model: str | None) -> Any:
        if self._embedder_loader is not None:
            return self._embedder_loader(model)
        path = resolve_model(model, "embedding") if model else default_embedder_path()
        return self.engine.load_embedder(path, self.load_options(path))

    def _unload_embedder(self) -> None:
        _unload_own(self._embedder, self._embedder_loader, LlamaEmbedder)
        self._embedder = None

    # -- reranker ------------------------------------------------------------------------------

    def reranker(self) -> Reranker | None:
        """The cross-encoder reranker when the ``rerank`` setting allows it and one is installed
        (the default reranker, or the only one); None otherwise. A reranker that cannot load is
        reported once through ``notice`` and search goes on without it."""
        if self._settings().rerank == "off":
            return None
        try:
            with self._lock:
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
            self._notice(error_notice(err, "Searching without reranking."))
            return None
        if loaded is not None:
            self._audit("reranker", loaded)
        return loaded

    def _load_reranker(self, key: str) -> Any:
        if self._reranker_loader is not None:
            return self._reranker_loader(None)
        path = Path(key)
        # A reranker reads one (question, passage) pair at a time: 512 tokens holds a question
        # and a passage of this app's chunk size, and keeps the encoder's attention cheap.
        return self.engine.load_reranker(path, self.load_options(path, n_ctx=512))

    def _unload_reranker(self) -> None:
        held = self._reranker
        self._reranker = None
        if held is not None and held[1] is not None and id(held[1]) in self._reranker_holds:
            # A search is rescoring with it: it is unloaded when that search is done.
            self._retired_rerankers[id(held[1])] = (held[0], held[1])
            return
        _unload_own(held, self._reranker_loader, LlamaReranker)

    @contextmanager
    def reranker_in_use(self) -> Iterator[Reranker | None]:
        """The reranker (as ``reranker`` gives it), held in memory until the block ends: an
        unload meanwhile (the ``rerank`` setting changed on any thread, another default model)
        takes it out of use at once but unloads it only when the last holder is done."""
        for _ in range(3):  # unloaded or replaced between loading and holding it: once more
            loaded = self.reranker()
            if loaded is None:
                yield None
                return
            with self._lock:
                if self._reranker is not None and self._reranker[1] is loaded:
                    _, holders = self._reranker_holds.get(id(loaded), (loaded, 0))
                    self._reranker_holds[id(loaded)] = (loaded, holders + 1)
                    break
        else:
            yield None
            return
        try:
            yield loaded
        finally:
            self._let_go(loaded)

    def _let_go(self, model: Reranker) -> None:
        with self._lock:
            _, holders = self._reranker_holds[id(model)]
            if holders > 1:
                self._reranker_holds[id(model)] = (model, holders - 1)
                return
            del self._reranker_holds[id(model)]
            retired = self._retired_rerankers.pop(id(model), None)
            if retired is not None:
                _unload_own(retired, self._reranker_loader, LlamaReranker)

    # -- all of them ---------------------------------------------------------------------------

    def held(self) -> list[tuple[str, Any]]:
        """(role, model) for each model in memory."""
        slots: tuple[tuple[str, Any], ...] = (
            ("chat", self._chat),
            ("embedding", self._embedder),
            ("reranker", self._reranker),
        )
        return [(role, slot[1]) for role, slot in slots if slot is not None and slot[1] is not None]

    def unload(self, role: Role) -> None:
        """Forget the model of ``role`` (its default changed, or a setting turned it off); the
        next use loads it again."""
        with self._lock:
            if role == "embedding":
                self._unload_embedder()
            elif role == "reranker":
                self._unload_reranker()
            else:
                self._unload_chat()

    def close(self) -> None:
        """Unload every model (the engine thread ends if we started it)."""
        with self._lock:
            self._unload_chat()
            self._unload_embedder()
            self._unload_reranker()
            for retired in self._retired_rerankers.values():  # closing: held or not
                _unload_own(retired, self._reranker_loader, LlamaReranker)
            self._retired_rerankers.clear()
        if self._engine is not None and self._owns_engine:
            self._engine.shutdown()
            self._engine = None


def _catalog_reasons(catalog_id: str | None, path: Path | str, loaded: Any) -> bool:
    """Whether the bundled catalog says the model writes reasoning before its answer: the
    entry the registry matched, or for a file imported without a match (HuatuoGPT-o1's entry has
    no sha256) or passed by path, the entry its file name or GGUF names (``general.name``,
    ``general.basename``) are."""
    from medlocal.models.catalog import bundled_catalog, entry_for_file

    catalog = bundled_catalog()
    entry = catalog.find(catalog_id) if catalog_id else None
    if entry is None:
        info = getattr(loaded, "info", None)
        metadata = getattr(info, "metadata", None) or {}
        basename = metadata.get("general.basename")
        entry = entry_for_file(
            catalog,
            filename=Path(path).name,
            names=(getattr(info, "name", None), basename if isinstance(basename, str) else None),
        )
    return entry is not None and entry.reasoning_output


def _replaced_note(gone: str, now: str) -> str:
    demo = ", the demo model (not for clinical use)" if now == DEMO_MODEL_ID else ""
    return f"The chat model {gone} is no longer installed: answering with {now}{demo}."


def _unload_own(
    held: tuple[Any, Any] | None,
    loader: ModelLoader | None,
    kind: type[LlamaChatModel | LlamaEmbedder | LlamaReranker],
) -> None:
    """Unload a model this workspace loaded itself; one a loader handed in is left alone."""
    if held is not None and loader is None and isinstance(held[1], kind):
        held[1].unload()


class HeldReranker:
    """Stands for a workspace's reranker in a retriever: each rescoring holds the reranker
    loaded then for its length (``LoadedModels.reranker_in_use``), so no unload pulls it from
    under the search, and a retriever kept for a whole chat uses the reranker of each turn."""

    def __init__(self, models: LoadedModels, loaded: Reranker) -> None:
        self._models = models
        self.name = loaded.name
        self.sha256 = loaded.sha256

    def rerank_scores(
        self,
        query: str,
        passages: Sequence[str],
        cancel: threading.Event | None = None,
    ) -> list[float]:
        with self._models.reranker_in_use() as reranker:
            if reranker is None:
                # Reranking turned off (or no reranker left) since the retriever was made: the
                # fused order is kept, as a search without reranking has it.
                return [0.0] * len(passages)  # ties keep the fused order
            return reranker.rerank_scores(query, passages, cancel)
