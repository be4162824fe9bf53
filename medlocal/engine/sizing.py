"""How large a context and how many GPU layers a model gets on this machine."""

from __future__ import annotations

import psutil

from medlocal.engine.gguf import GGUFInfo
from medlocal.errors import NoticeText
from medlocal.settings import in_window

# Share of currently available RAM the KV cache may take when we pick a default context size.
_KV_RAM_SHARE = 0.25
_MIN_CTX = 512
# llama.cpp pads a context to a multiple of 256 while llama-cpp-python sizes its token buffer by
# the size requested: asking for a padded size keeps the two equal (--ctx 300 crashed once a
# prompt outgrew 300 tokens, since the context reported 512).
_CTX_PAD = 256
_VRAM_MARGIN_BYTES = 512 << 20  # CUDA/Metal runtime, scratch buffers, the desktop's own use


def kv_bytes_per_token(info: GGUFInfo) -> int:
    """f16 K and V for every layer: 2 * layers * kv_heads * head_dim * 2 bytes."""
    layers = info.block_count or 0
    kv_heads = info.head_count_kv or info.head_count or 0
    head_dim = info.head_dim or 0
    return 2 * layers * kv_heads * head_dim * 2


def padded_context(n_ctx: int) -> int:
    """``n_ctx`` rounded up to the multiple of 256 llama.cpp will actually allocate."""
    return -(-n_ctx // _CTX_PAD) * _CTX_PAD


def chat_context(info: GGUFInfo, requested: int | None) -> int:
    """The context a chat model is loaded with: the size asked for (None: the default), as
    llama.cpp allocates it, never past the model's training context. llama.cpp would run past
    it, only writing a warning to the log, and a model answers worse beyond what it was trained
    on; ``models fit --ctx`` refuses such a size for the same reason (walk 46b)."""
    size = padded_context(default_context(info) if requested is None else requested)
    trained = info.context_length
    if trained and size > trained:
        # Rounded down to llama.cpp's multiple of 256: rounding up would pass the training
        # context again (2,000 -> 2,048; review 46b D9).
        return max(trained // _CTX_PAD * _CTX_PAD, min(trained, _CTX_PAD))
    return size


def context_cap_note(info: GGUFInfo, requested: int | None) -> str | None:
    """What the user is told when :func:`chat_context` held a size back; None when it did not."""
    trained = info.context_length
    if requested is None or not trained:
        return None
    used = chat_context(info, requested)
    if used >= requested:
        return None
    said = f"This model was trained on a context of {trained:,} tokens: it runs with {used:,}, "
    # The window has no --ctx (left 52): it names where the window sets the size.
    return NoticeText(
        f"{said}not the {requested:,} asked for (--ctx or the context size setting).",
        f"{said}not the {requested:,} asked for ({in_window('context_tokens')}).",
    )


def default_context(info: GGUFInfo, available_ram: int | None = None) -> int:
    trained = info.context_length or 4096
    per_token = kv_bytes_per_token(info)
    if per_token <= 0:
        return trained
    ram = psutil.virtual_memory().available if available_ram is None else available_ram
    cap = int(ram * _KV_RAM_SHARE // per_token) // 256 * 256
    return max(_MIN_CTX, min(trained, cap))


def choose_gpu_layers(info: GGUFInfo, n_ctx: int, free_vram: int | None, supported: bool) -> int:
    """How many layers to offload: all (-1) if they fit, else as many as fit, else 0."""
    if not supported:
        return 0
    if free_vram is None:
        return -1  # backend without a memory query (e.g. Vulkan): let llama.cpp try, fall back
    layers = (info.block_count or 0) + 1  # +1: output layer
    per_layer = info.tensor_bytes / layers + kv_bytes_per_token(info) * n_ctx / max(layers - 1, 1)
    usable = free_vram - _VRAM_MARGIN_BYTES
    if usable <= 0:
        return 0
    fit = int(usable // per_layer)
    return -1 if fit >= layers else max(fit, 0)
