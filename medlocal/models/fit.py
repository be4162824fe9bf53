"""Will this model fit? Memory estimate and advice before loading.

Estimate = weights (the file's tensor bytes) + KV cache at the chosen context (f16 K and V for
every layer: ``2 * layers * kv_heads * head_dim * 2`` bytes per token, the engine's formula) +
overhead (runtime base plus llama.cpp's compute buffer for one 512-token micro-batch; without
flash attention that buffer also holds the attention scores, ``n_head * n_ctx`` per token).
Measured on the demo model (flash attention on, as the engine loads it): 185 MB at context 2048
and 326 MB at 8192 against estimates of 189 MB and 330 MB; the tests hold it within 30%.

A catalog model that is not installed gets the same computation from the catalog's published
size (as the weights) and shape (layers, widths, heads) instead of the file's header, and says it
is an estimate (:func:`catalog_advice`).

Verdict against free RAM (and free VRAM when the backend reports it): green when the estimate
uses at most 70% of what is free, yellow up to 95% (works, but close other programs or shorten the
context), red beyond. The advice names the ``n_gpu_layers`` the engine would choose and the
largest context that is green.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import psutil

from medlocal.engine import hardware
from medlocal.engine.gguf import GGUFInfo
from medlocal.engine.runtime import choose_gpu_layers, kv_bytes_per_token
from medlocal.models.catalog import CatalogEntry
from medlocal.settings import in_window

Verdict = Literal["green", "yellow", "red"]
GREEN_SHARE = 0.70
YELLOW_SHARE = 0.95
BASE_OVERHEAD_BYTES = 32 << 20
MICRO_BATCH = 512
MIN_CTX = 512
_GB = 1e9


@dataclass(frozen=True)
class MemoryEstimate:
    n_ctx: int
    weights_bytes: int
    kv_cache_bytes: int
    overhead_bytes: int

    @property
    def total_bytes(self) -> int:
        return self.weights_bytes + self.kv_cache_bytes + self.overhead_bytes


@dataclass(frozen=True)
class FitAdvice:
    verdict: Verdict
    estimate: MemoryEstimate
    ram_available_bytes: int
    vram_free_bytes: int | None
    backend: str
    n_gpu_layers: int  # what the engine would offload: -1 all, 0 none
    ram_needed_bytes: int  # what stays in system RAM after offloading
    suggested_ctx: int
    message: str
    estimated: bool = False  # from the catalog's size and shape: the model is not installed
    # The message as the window's model manager shows it: its Settings field, not --ctx.
    window_message: str = ""


def _feed_forward(info: GGUFInfo) -> int:
    value = info.metadata.get(f"{info.architecture}.feed_forward_length")
    if isinstance(value, int):
        return value
    if isinstance(value, list) and value and isinstance(value[0], int):
        return int(max(value))  # per-layer lists (some architectures)
    return 4 * (info.embedding_length or 0)


def estimate_memory(info: GGUFInfo, n_ctx: int, flash_attn: bool = True) -> MemoryEstimate:
    n_embd = info.embedding_length or 0
    scores = 0 if flash_attn else (info.head_count or 0) * n_ctx
    scratch_per_token = 4 * (scores + 4 * n_embd + 2 * _feed_forward(info))
    return MemoryEstimate(
        n_ctx=n_ctx,
        weights_bytes=info.tensor_bytes,
        kv_cache_bytes=kv_bytes_per_token(info) * n_ctx,
        overhead_bytes=BASE_OVERHEAD_BYTES + MICRO_BATCH * scratch_per_token,
    )


def _ram_needed(info: GGUFInfo, estimate: MemoryEstimate, n_gpu_layers: int) -> int:
    if n_gpu_layers == 0:
        return estimate.total_bytes
    layers = (info.block_count or 0) + 1
    share = 1.0 if n_gpu_layers < 0 else min(n_gpu_layers / layers, 1.0)
    offloaded = int((estimate.weights_bytes + estimate.kv_cache_bytes) * share)
    return estimate.total_bytes - offloaded


def _verdict(needed: int, available: int) -> Verdict:
    if needed <= available * GREEN_SHARE:
        return "green"
    if needed <= available * YELLOW_SHARE:
        return "yellow"
    return "red"


def advise(
    info: GGUFInfo,
    n_ctx: int | None = None,
    *,
    ram_available: int | None = None,
    vram_free: int | None = None,
    backend: str | None = None,
    gpu_supported: bool | None = None,
    flash_attn: bool = True,
) -> FitAdvice:
    """Fit advice for ``info`` at ``n_ctx`` (default: the trained context, capped at 8192)."""
    trained = info.context_length or 4096
    ctx = max(MIN_CTX, min(n_ctx or min(trained, 8192), trained))
    if backend is None or gpu_supported is None:
        backend, gpu_supported = hardware.detect_backend()
    if vram_free is None and gpu_supported:
        gpus = hardware.gpus_for_backend(backend)
        vram_free = gpus[0].free_bytes if gpus else None
    available = psutil.virtual_memory().available if ram_available is None else ram_available

    def at(context: int) -> tuple[MemoryEstimate, int, int]:
        est = estimate_memory(info, context, flash_attn)
        layers = choose_gpu_layers(info, context, vram_free, bool(gpu_supported))
        return est, layers, _ram_needed(info, est, layers)

    estimate, n_gpu_layers, needed = at(ctx)
    verdict = _verdict(needed, available)
    suggested = ctx
    if verdict != "green":
        candidate = ctx
        while candidate > MIN_CTX:
            candidate = max(MIN_CTX, (candidate // 2) // 256 * 256)
            if _verdict(at(candidate)[2], available) == "green":
                suggested = candidate
                break
        else:
            suggested = MIN_CTX
    gpu_text = (
        "all layers on the GPU"
        if n_gpu_layers < 0
        else f"{n_gpu_layers} layers on the GPU"
        if n_gpu_layers > 0
        else "CPU only"
    )
    message = (
        f"{verdict}: needs about {needed / _GB:.1f} GB of RAM at context {ctx} "
        f"(weights {estimate.weights_bytes / _GB:.1f} GB, KV cache "
        f"{estimate.kv_cache_bytes / _GB:.2f} GB, "
        f"overhead {estimate.overhead_bytes / _GB:.2f} GB); "
        f"{available / _GB:.1f} GB of RAM available; {backend}, {gpu_text}"
    )
    smaller = f"a context of {suggested:,} tokens ({in_window('context_tokens')})"
    window_message = message
    if verdict == "yellow":
        message += f"; it will be tight: close other programs or use --ctx {suggested}"
        window_message += f"; it will be tight: close other programs or use {smaller}"
    elif verdict == "red" and suggested != ctx and _verdict(at(suggested)[2], available) != "red":
        message += f"; it does not fit: try --ctx {suggested}"
        window_message += f"; it does not fit: try {smaller}"
    elif verdict == "red":
        message += "; it does not fit on this machine: choose a smaller model or quantisation"
        window_message = message
    return FitAdvice(
        verdict=verdict,
        estimate=estimate,
        ram_available_bytes=available,
        vram_free_bytes=vram_free,
        backend=backend,
        n_gpu_layers=n_gpu_layers,
        ram_needed_bytes=needed,
        suggested_ctx=suggested,
        message=message,
        window_message=window_message,
    )


def catalog_info(entry: CatalogEntry) -> GGUFInfo:
    """What the GGUF header of a catalog model would say, from the catalog's size and shape:
    so a model that is not installed is judged by the same arithmetic as an installed file."""
    shape = entry.shape
    size = int(entry.size_gb * _GB)
    return GGUFInfo(
        path=Path(entry.filename),
        file_size=size,
        version=3,
        tensor_count=0,
        kv_count=0,
        architecture=entry.architecture,
        name=entry.display_name,
        context_length=entry.context_length,
        block_count=shape.block_count,
        embedding_length=shape.embedding_length,
        head_count=shape.head_count,
        head_count_kv=shape.head_count_kv,
        key_length=shape.head_dim,
        value_length=shape.head_dim,
        chat_template=None,
        vocab_size=None,
        tokenizer_model=None,
        pooling_type=None,
        file_type=None,
        tensor_data_end=size,
        tensor_bytes=size,
        metadata={f"{entry.architecture}.feed_forward_length": shape.feed_forward_length},
    )


def catalog_estimate(entry: CatalogEntry, n_ctx: int | None = None) -> MemoryEstimate:
    """RAM estimate of a catalog model at ``n_ctx`` (default: its ``default_ctx``), CPU only."""
    return estimate_memory(catalog_info(entry), n_ctx or entry.default_ctx)


def catalog_advice(entry: CatalogEntry, n_ctx: int | None = None, **kwargs: Any) -> FitAdvice:
    """:func:`advise` for a catalog model that is not installed, labelled an estimate."""
    advice = advise(catalog_info(entry), n_ctx, **kwargs)

    def estimated(message: str) -> str:
        verdict, _, rest = message.partition(": ")
        return (
            f"{verdict} (estimate: {entry.id} is not installed; from the catalog's size and "
            f"shape): {rest}. Download or import it for a precise check."
        )

    return dataclasses.replace(
        advice,
        message=estimated(advice.message),
        window_message=estimated(advice.window_message),
        estimated=True,
    )
