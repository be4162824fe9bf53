"""A Stop that reaches into a running llama.cpp decode.

Between decode calls a Stop is seen by the generation loop (generation.py); within one, only
llama.cpp can act. Its abort callback (``llama_set_abort_callback``) is called by the CPU
backend after every graph node, from the thread that called ``llama_decode``; when it returns
true the backend stops the graph and ``llama_decode`` returns 2, which llama-cpp-python's
``LlamaContext.decode`` raises as ``RuntimeError("llama_decode returned 2")``.

What llama.cpp leaves behind (src/llama-context.cpp, ``llama_context::decode``): when a ubatch
fails or is aborted it removes that ubatch's positions from the memory module,
``memory->seq_rm(s, pos_min[s], -1)``, and returns 2 for ``GGML_STATUS_ABORTED``. Ubatches of
the same call that finished before it stay. llama-cpp-python updates ``n_tokens`` and
``input_ids`` only after a decode succeeds, so they still describe the cache before the
call; ``forget_aborted`` cuts anything an earlier ubatch left past ``n_tokens`` and marks the
last logits stale (they were overwritten or belong to no position now).

The callback runs once per graph node (about 500 times per decode of the demo model), while
the backend's other threads wait at a barrier. A Python callback would take the GIL each
time: with another Python thread busy, one decode took 3.1 s instead of 0.5 s here. So the
flag is one byte in C memory and the callback is the C library's ``strlen`` over the
two-byte buffer ``[flag, 0]``: it returns 1 when the flag is set and 0 otherwise, without
Python. Where no C library can be found no callback is installed (a Stop then waits for the
batch under way, as before): a slower Stop beats decoding several times slower.

Where it applies: chat models only. Every decode of a request goes through it: read_prompt's
batches, the last batch and each token of ``Llama.generate``, and speculative verification
batches (``LlamaTarget.verify``; its positions are removed like any other ubatch and
``n_tokens`` is left before it). Sliding-window models keep every cell (llama-cpp-python's
``swa_full``), so removing the aborted ubatch leaves the window cache as before the call.
Recurrent and hybrid models are emptied instead: their state may be half updated. Embedders
and rerankers get no callback: each decode is one passage or one pair of at most n_batch
tokens of a small encoder (milliseconds), and an import or a search already checks cancel
between their engine calls.

llama.cpp hands the callback to the backends that export ``ggml_backend_set_abort_callback``:
the CPU's (and Metal's, which may call it from its encoding threads: harmless for a C
function). CUDA, Vulkan and the other GPU backends do not: there a Stop waits for the batch
being computed, which takes well under a second on a GPU; the between-batch and per-token
checks still apply.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
import threading
from collections.abc import Callable
from typing import Any

from medlocal.engine import llama_log

# llama_decode's return value for an aborted computation (GGML_STATUS_ABORTED).
_ABORTED = "llama_decode returned 2"


def _c_strlen() -> Any:
    """The C library's strlen, or None where none can be loaded."""
    try:
        if sys.platform == "win32":
            return ctypes.cdll.msvcrt.strlen
        name = ctypes.util.find_library("c")
        return ctypes.CDLL(name).strlen
    except (OSError, AttributeError):
        return None


class DecodeAbort:
    """The flag one loaded context's abort callback reads. Set from any thread; the engine
    clears it when a request starts and when it ends."""

    def __init__(self) -> None:
        import llama_cpp

        self._byte = ctypes.create_string_buffer(2)  # [flag, NUL]
        strlen = _c_strlen()
        self.native = strlen is not None
        # Without it no callback at all (a Stop then acts between batches, as before): a Python
        # callback would slow every decode several times over while another thread holds the GIL.
        self._callback = (
            ctypes.cast(strlen, llama_cpp.ggml_abort_callback) if strlen is not None else None
        )

    def set(self) -> None:
        # Told first, so the errors llama.cpp logs as the decode stops are known for its echo.
        llama_log.aborting(id(self), True)
        self._byte[0] = b"\x01"

    def clear(self) -> None:
        self._byte[0] = b"\x00"
        llama_log.aborting(id(self), False)

    def is_set(self) -> bool:
        return self._byte[0] != b"\x00"

    @property
    def callback(self) -> Any:
        """The ``ggml_abort_callback`` (kept alive here as long as the context uses it)."""
        return self._callback

    @property
    def data(self) -> ctypes.c_void_p:
        return ctypes.c_void_p(ctypes.addressof(self._byte))

    def install(self, llm: Any) -> None:
        """Make ``llm``'s context (a llama-cpp-python ``Llama``) read this flag."""
        import llama_cpp

        if self._callback is not None:
            llama_cpp.llama_set_abort_callback(llm._ctx.ctx, self._callback, self.data)


def is_abort(exc: BaseException) -> bool:
    """Whether ``exc`` is llama-cpp-python's error for a decode the abort callback stopped."""
    return isinstance(exc, RuntimeError) and str(exc) == _ABORTED


def forget_aborted(llm: Any) -> None:
    """Leave ``llm`` as if the aborted decode call had never been made: the cache cut back to
    ``n_tokens`` (llama.cpp already removed the aborted ubatch; an earlier ubatch of the same
    call may remain), or emptied where it cannot be cut (recurrent and hybrid models, whose
    state the abort may have left half-updated)."""
    recurrent = bool(getattr(llm, "_is_recurrent", False) or getattr(llm, "_is_hybrid", False))
    if recurrent or not llm._ctx.kv_cache_seq_rm(-1, llm.n_tokens, -1):
        llm.reset()
        llm._ctx.kv_cache_clear()
    # The context's logits are not those of position n_tokens - 1 any more.
    llm._requires_eval = True


class StopWatch:
    """While a request runs, sets ``abort`` within ``interval`` seconds of ``cancelled()``
    turning true. A Stop is a plain ``threading.Event`` set by whoever holds it (the window,
    a CLI's Ctrl-C, the consumer closing the stream), which cannot call llama.cpp's flag
    itself, so a thread watches for it. Use as a context manager on the engine thread."""

    def __init__(
        self, abort: DecodeAbort, cancelled: Callable[[], bool], interval: float = 0.02
    ) -> None:
        self._abort = abort
        self._cancelled = cancelled
        self._interval = interval
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, name="medlocal-stop-watch", daemon=True)

    def _run(self) -> None:
        while not self._done.wait(self._interval):
            if self._cancelled():
                self._abort.set()
                return

    def __enter__(self) -> StopWatch:
        self._abort.clear()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._thread.join()
        # Later work on this context (scoring, the next request) must not be aborted.
        self._abort.clear()
