"""A chat model's thread count for each decode on a CPU, chosen by measuring (thread_choice.py).

The chat model has the embedder's problem (engine/thread_choice.py): llama.cpp's OpenMP threads
spin at a barrier after every operation of the graph, and on cores other programs also use each
decode waits for a thread the scheduler took away. Walk 39 (demo SmolLM2 on 2 cores at load
~11): a 451-token prompt took 4.9 s with one thread and 10.5 s with two; a generated token
0.018-0.026 s with one and 0.12-0.40 s with two.

Every decode of a request goes through the context's ``decode`` (``Llama.eval``'s prompt
batches, ``Llama.generate``'s tokens, speculative verification batches, scoring), so that is
where the count is set (``llama_set_n_threads``, a plain store into the context's parameters)
and the decode timed.

Only batches (two tokens or more) are chosen for; one-token steps keep the configured count,
because their result depends on it: for a single query, the CPU's flash attention splits the
cached positions between the threads and adds the parts up (once a context holds more than
about 256 tokens), so one and two threads give different logits (by up to ~0.9 on the demo
model) and a greedy answer can change its words. A batch's queries are split by rows instead,
each computed whole by one thread: its logits are the same to the bit with any count
(tests/integration/test_engine_real.py), so choosing for batches leaves every answer as it was.

Batches are compared only with batches of about the same size: a short batch (speculative
verification, the tail of a prompt), a medium and a long one cost very different amounts per
token, and a try at the other setting must be judged against its own kind. Short batches are
cheap to try. One thread is tried for a longer kind only when the machine is busy (a load
average above its CPU count: other programs want the cores), once it has won on a shorter kind,
or when it was tried for that kind before: on an idle many-core machine a try at one thread on
a long batch would cost that batch several times its time, and threads help a long batch more
than a short one, so where the configured count wins on short batches it wins on long ones too.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

from medlocal.engine.thread_choice import ThreadChoice

# Upper bounds (inclusive) of the kinds of decode compared among themselves, by tokens: one-token
# steps (never chosen for; see above), short batches (a speculative verification is at most
# 1 + 8 tokens), medium, long.
KINDS = (1, 15, 127)


def kind_of(n_tokens: int) -> int:
    """Index into the kinds of decode for a decode of ``n_tokens`` tokens."""
    for index, bound in enumerate(KINDS):
        if n_tokens <= bound:
            return index
    return len(KINDS)


def machine_busy() -> bool:
    """Whether other programs want the cores: the load average of the last minute (runnable
    threads, ours included) above the logical CPU count."""
    import psutil

    try:
        load = float(psutil.getloadavg()[0])
    except (OSError, AttributeError):  # not measurable here: assume idle (no costly try)
        return False
    return load > (os.cpu_count() or 1)


class DecodeThreads:
    """Picks the thread count of each decode of one context and learns from its time."""

    def __init__(
        self,
        threads: int,
        set_threads: Callable[[int], None],
        *,
        clock: Callable[[], float] | None = None,
        busy: Callable[[], bool] | None = None,
    ) -> None:
        self.configured = max(1, threads)
        self._choices = [ThreadChoice(threads) for _ in range(len(KINDS) + 1)]
        self._set_threads = set_threads
        self._current = self.configured  # the batch count the context was created with
        # Looked up when made, not when this module was imported, so a test's clock applies.
        self._clock = clock or time.perf_counter
        self._busy = busy or machine_busy

    def choice(self, n_tokens: int) -> ThreadChoice:
        """The choice for decodes of ``n_tokens`` tokens."""
        return self._choices[kind_of(n_tokens)]

    def pick(self, n_tokens: int) -> int:
        """The thread count for a decode of ``n_tokens`` tokens."""
        kind = kind_of(n_tokens)
        if kind == 0:
            return self.configured  # a step's logits depend on the count (module note)
        choice = self._choices[kind]
        shorter = self._choices[1:kind]
        if kind == 1 or choice.measured(1) or any(c.best == 1 for c in shorter) or self._busy():
            return choice.pick()
        return self.configured  # one thread not tried on this kind yet (module note)

    def wrap(self, decode: Callable[[Any], None]) -> Callable[[Any], None]:
        """``decode`` (``LlamaContext.decode``) with the count set and the time recorded."""

        def timed_decode(batch: Any) -> None:
            n_tokens = int(batch.batch.n_tokens)
            if n_tokens <= 1:  # llama.cpp's n_threads, left at the configured count
                decode(batch)
                return
            threads = self.pick(n_tokens)
            if threads != self._current:
                self._set_threads(threads)
                self._current = threads
            started = self._clock()
            decode(batch)  # an aborted or failed decode raises: its partial time is not kept
            self.choice(n_tokens).record(threads, n_tokens, self._clock() - started)

        return timed_decode


def install(llm: Any, threads: int) -> DecodeThreads:
    """Route every decode of ``llm`` (a ``Llama`` on the CPU) through a ``DecodeThreads``."""
    import llama_cpp

    ctx = llm._ctx
    chooser = DecodeThreads(
        threads,
        # llama.cpp takes n_threads for one-token decodes (kept as configured) and
        # n_threads_batch for the rest (the chosen count).
        lambda n: llama_cpp.llama_set_n_threads(ctx.ctx, threads, n),
    )
    # An instance attribute shadows the method for this context alone.
    ctx.decode = chooser.wrap(ctx.decode)
    return chooser
