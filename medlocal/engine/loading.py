"""How a GGUF file becomes a llama.cpp model: the load options, the keyword arguments they turn
into on this machine, and the construction itself (quiet, with a GPU failure told apart)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from medlocal.engine import hardware
from medlocal.engine.gguf import GGUFInfo
from medlocal.engine.sizing import chat_context, choose_gpu_layers
from medlocal.errors import ModelLoadError
from medlocal.settings import in_window

# An embedding model's or a reranker's context when no setting asks for another.
ENCODER_CONTEXT = 512


@dataclass(frozen=True)
class LoadOptions:
    # None: min(training context, RAM-based cap); a larger size is held to the training context.
    n_ctx: int | None = None
    n_threads: int | None = None  # None: physical cores
    # True: every decode uses n_threads (the user set a count). False: on a CPU the engine uses
    # one thread instead where that measures faster under the machine's load (thread_choice.py).
    pin_threads: bool = False
    n_gpu_layers: int | None = None  # None: as many as fit free VRAM; 0: CPU only
    n_batch: int = 512
    # Tokens llama.cpp computes at once within a batch (a ubatch); None: n_batch, one per batch.
    n_ubatch: int | None = None
    # Flash attention: faster on CPU and GPU alike (llama.cpp's own default, "auto", turns it on
    # where supported); llama-cpp-python's wrapper defaults it to off.
    flash_attn: bool = True
    sha256: str | None = None  # known hash (the registry caches it); None: computed here
    # Prompt-lookup speculative decoding (engine/speculative.py): longest draft; 0 turns it off.
    speculative_draft: int = 8


def llama_arguments(
    info: GGUFInfo, options: LoadOptions, embedding: bool, pooling: int | None
) -> tuple[str, int, dict[str, Any]]:
    """The backend, the GPU layers to try and the other ``Llama()`` keyword arguments."""
    backend, supported = hardware.detect_backend()
    if embedding:
        # Each text must fit one micro-batch (encoders attend over the whole text at once).
        n_ctx = min(info.context_length or ENCODER_CONTEXT, options.n_ctx or ENCODER_CONTEXT)
    else:
        n_ctx = chat_context(info, options.n_ctx)
    if options.n_gpu_layers is not None:
        n_gpu = options.n_gpu_layers if supported else 0
    else:
        gpus = hardware.gpus_for_backend(backend) if supported else []
        free = gpus[0].free_bytes if gpus else None
        n_gpu = choose_gpu_layers(info, n_ctx, free, supported)
    kwargs: dict[str, Any] = {
        "n_ctx": n_ctx,
        "n_threads": options.n_threads or hardware.physical_cores(),
        "n_threads_batch": options.n_threads or hardware.physical_cores(),
        "n_batch": n_ctx if embedding else min(options.n_batch, n_ctx),
        "n_ubatch": n_ctx if embedding else min(options.n_ubatch or options.n_batch, n_ctx),
        "embedding": embedding,
        "verbose": False,
    }
    if pooling is not None:
        kwargs["pooling_type"] = pooling
    elif embedding and info.pooling_type is None:
        import llama_cpp

        kwargs["pooling_type"] = llama_cpp.LLAMA_POOLING_TYPE_MEAN  # decoder LLM as embedder
    return backend, n_gpu, kwargs


class GpuLoadFailed(Exception):
    pass


def construct_llama(path: Path, kwargs: dict[str, Any], n_gpu: int, options: LoadOptions) -> Any:
    """The ``Llama`` object (on the engine thread); ``GpuLoadFailed`` when layers were offloaded
    and loading failed, so the caller can retry on the CPU."""
    from llama_cpp import Llama

    from medlocal.engine import backends, llama_log

    backends.ensure_loaded()  # loadable-backend builds have no CPU backend until this runs
    llama_log.install()  # llama.cpp's warnings to the log, not the terminal (walk 38)

    try:
        with quiet_native_stderr():
            return Llama(str(path), n_gpu_layers=n_gpu, flash_attn=options.flash_attn, **kwargs)
    except (ValueError, RuntimeError, OSError) as exc:
        if n_gpu != 0:
            raise GpuLoadFailed(str(exc)) from exc
        hint = window_hint = ""
        if "llama_context" in str(exc):  # the weights loaded; the KV cache could not be made
            n_ctx = int(kwargs.get("n_ctx", 0))
            if kwargs.get("embedding"):
                hint, window_hint = _encoder_context_hint(n_ctx)
            else:
                needs = (
                    f"; its context of {n_ctx:,} tokens may need more memory than is free: try "
                    "a smaller one"
                )
                hint = (
                    f"{needs} (--ctx, or the context_tokens setting; 'medlocal models fit MODEL "
                    "--ctx N' tells what fits)"
                )
                window_hint = (
                    f"{needs} ({in_window('context_tokens')}; the model manager's fit column "
                    "tells what fits)"
                )
        failed = f"{path.name}: llama.cpp could not load this model ({exc})"
        raise ModelLoadError(f"{failed}{hint}", window=f"{failed}{window_hint}") from exc


def _encoder_context_hint(n_ctx: int) -> tuple[str, str]:
    """The terminal's and the window's hint for an embedding model or a reranker whose context
    could not be made. Neither takes ``--ctx`` nor is sized by ``models fit`` (review 52a: the
    chat model's hint was shown for them). Their context is 512 tokens at most unless the
    context size setting raised it (an embedder's is the smaller of the setting and its own
    training context): only then does that setting help."""
    needs = f"; its context of {n_ctx:,} tokens needs more memory than is free: close other "
    if n_ctx <= ENCODER_CONTEXT:
        return f"{needs}programs and try again", f"{needs}programs and try again"
    return (
        f"{needs}programs, or lower the context_tokens setting, which sizes it",
        f"{needs}programs, or lower {in_window('context_tokens')}, which sizes it",
    )


@contextlib.contextmanager
def quiet_native_stderr() -> Iterator[None]:
    """llama.cpp prints load chatter from C straight to fd 2; keep the terminal readable.

    Set MEDLOCAL_LLAMA_VERBOSE=1 to see it when diagnosing a load problem.
    """
    if os.environ.get("MEDLOCAL_LLAMA_VERBOSE") == "1":
        yield
        return
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    try:
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
