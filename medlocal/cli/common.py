"""What several command groups share: one engine per process and how models are chosen."""

from __future__ import annotations

import atexit
import sys
from pathlib import Path

from medlocal.engine.runtime import Engine, LlamaChatModel, LlamaEmbedder, LoadOptions
from medlocal.models.registry import (
    Registry,
    default_chat_path,
    default_embedder_path,
    resolve_model,
)
from medlocal.settings import load_settings

_engine: Engine | None = None


def get_engine() -> Engine:
    global _engine
    if _engine is None:
        _engine = Engine()
        atexit.register(_engine.shutdown)
    return _engine


def _options_for(path: Path, n_ctx: int | None = None) -> LoadOptions:
    # The registry already verified the file against its recorded hash: reuse it rather than
    # hashing a multi-gigabyte file again for provenance.
    record = Registry().find_by_path(path)
    settings = load_settings()
    return LoadOptions(
        n_ctx=n_ctx or settings.context_tokens or None,
        n_threads=settings.threads or None,
        n_gpu_layers=None if settings.gpu_layers < 0 else settings.gpu_layers,
        sha256=record.sha256 if record else None,
        speculative_draft=settings.speculative_draft,
    )


def load_chat_model(model_arg: str | None = None, n_ctx: int | None = None) -> LlamaChatModel:
    path = resolve_model(model_arg, "chat") if model_arg else default_chat_path()
    model = get_engine().load_chat(path, _options_for(path, n_ctx))
    if model.load_message:
        print(f"medlocal: {model.load_message}", file=sys.stderr)
    return model


def load_default_embedder(model_arg: str | None = None) -> LlamaEmbedder:
    path = resolve_model(model_arg, "embedding") if model_arg else default_embedder_path()
    return get_engine().load_embedder(path, _options_for(path))
