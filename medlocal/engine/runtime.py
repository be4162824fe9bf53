"""The engine: loads GGUF models into llama.cpp on one worker thread and serves chat and
embedding requests from any thread.

The pieces live beside it: load options and construction (loading.py), context and GPU sizing
(sizing.py), the loaded models (llama_chat.py, llama_embedder.py, llama_reranker.py on
llama_model.py) and the generation loop's text handling (generation.py). Callers import them
from here, as before.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from medlocal.engine.generation import GenerationStats
from medlocal.engine.gguf import GGUFInfo, read_gguf_info
from medlocal.engine.hashing import sha256_file
from medlocal.engine.llama_chat import LlamaChatModel
from medlocal.engine.llama_embedder import LlamaEmbedder
from medlocal.engine.llama_model import LoadedLlama
from medlocal.engine.llama_reranker import LlamaReranker
from medlocal.engine.loading import GpuLoadFailed, LoadOptions, construct_llama, llama_arguments
from medlocal.engine.rerank import reranker_problem
from medlocal.engine.sizing import (
    choose_gpu_layers,
    context_cap_note,
    default_context,
    kv_bytes_per_token,
)
from medlocal.engine.speculative import SpeculationConfig, kv_can_roll_back
from medlocal.engine.worker import EngineWorker
from medlocal.errors import ModelLoadError, NoticeText, window_wording

__all__ = [
    "Engine",
    "GenerationStats",
    "LlamaChatModel",
    "LlamaEmbedder",
    "LlamaReranker",
    "LoadOptions",
    "choose_gpu_layers",
    "default_context",
    "kv_bytes_per_token",
]

log = logging.getLogger(__name__)


class Engine:
    """Owns the engine thread and every loaded model."""

    def __init__(self) -> None:
        self.worker = EngineWorker()
        self._models: list[LoadedLlama] = []

    def load_chat(self, path: str | Path, options: LoadOptions | None = None) -> LlamaChatModel:
        options = options or LoadOptions()
        model: LlamaChatModel = self._load(Path(path), options, LlamaChatModel, embedding=False)
        if options.speculative_draft > 0 and self.worker.call(
            lambda: kv_can_roll_back(model._llama)
        ):
            # Each extra token of a verification batch is nearly free where decoding is
            # memory-bound (GPU) and costs most of a decode on a compute-bound CPU.
            model.speculation = SpeculationConfig(
                max_draft=options.speculative_draft,
                batch_cost=0.1 if model.n_gpu_layers != 0 else 0.7,
            )
        return model

    def load_embedder(self, path: str | Path, options: LoadOptions | None = None) -> LlamaEmbedder:
        model: LlamaEmbedder = self._load(
            Path(path), options or LoadOptions(), LlamaEmbedder, embedding=True
        )
        return model

    def load_reranker(self, path: str | Path, options: LoadOptions | None = None) -> LlamaReranker:
        """A cross-encoder reranker GGUF (rank pooling and a classification head); any other
        GGUF is refused with the reason before llama.cpp sees it."""
        import llama_cpp

        def check(info: GGUFInfo) -> None:
            problem = reranker_problem(info)
            if problem is not None:
                raise ModelLoadError(f"{info.path.name}: {problem}")

        # Flash attention on the CPU rounds K and V to f16, which moves a pair's score by ~1e-2
        # depending on which other pairs share its batch: a passage's rank must not depend on its
        # neighbours, and an encoder over a few hundred tokens gains little from it.
        chosen = replace(options or LoadOptions(), flash_attn=False)
        model: LlamaReranker = self._load(
            Path(path),
            chosen,
            LlamaReranker,
            embedding=True,
            pooling=llama_cpp.LLAMA_POOLING_TYPE_RANK,
            check=check,
        )
        return model

    def _load(
        self,
        path: Path,
        options: LoadOptions,
        kind: type[Any],
        embedding: bool,
        pooling: int | None = None,
        check: Callable[[GGUFInfo], None] | None = None,
    ) -> Any:
        info = read_gguf_info(path)  # raises ModelLoadError with a one-line reason
        if check is not None:
            check(info)
        sha256 = options.sha256 or sha256_file(info.path)
        backend, n_gpu, kwargs = llama_arguments(info, options, embedding, pooling)
        message = None if embedding else context_cap_note(info, options.n_ctx)
        if message:
            log.warning("%s: %s", info.path.name, message)
        try:
            llama = self.worker.call(lambda: construct_llama(info.path, kwargs, n_gpu, options))
        except GpuLoadFailed as exc:
            fallback = f"Loading on the GPU failed ({exc}); running on the CPU instead."
            log.warning("%s: %s", info.path.name, fallback)
            message = (
                NoticeText(f"{message} {fallback}", f"{window_wording(message)} {fallback}")
                if message
                else fallback
            )
            n_gpu = 0
            llama = self.worker.call(lambda: construct_llama(info.path, kwargs, 0, options))
        model = kind(
            self, llama, info, sha256, n_gpu, backend, message, pin_threads=options.pin_threads
        )
        self._models.append(model)
        log.info(
            "loaded %s (sha256 %s…, ctx %d, gpu layers %d, %s)",
            info.path.name,
            sha256[:12],
            model.n_ctx,
            n_gpu,
            "reranker" if pooling is not None else "embedding" if embedding else "chat",
        )
        return model

    def loaded(self) -> list[LoadedLlama]:
        return [m for m in self._models if not m._closed]

    def shutdown(self) -> None:
        for model in self.loaded():
            with contextlib.suppress(Exception):
                model.unload()
        self._models.clear()
        self.worker.shutdown()
