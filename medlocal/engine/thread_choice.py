"""How many CPU threads an embedding decode should use, chosen by measuring.

llama.cpp runs each decode on ``n_threads`` threads that meet at a barrier after every operation
of the graph (about a hundred for MiniLM). The wheel is built with OpenMP, whose threads spin at
that barrier. On a machine whose cores are all busy (other programs, other jobs), a spinning
thread waits for the one the scheduler took away, at every barrier: walk 39 embedded 0.5 MiniLM
passages a second with 2 threads on 2 busy cores (a 4 MB text: about 5.5 hours), where 1 thread
on the same machine embedded 7 (a short text: 1.3 s with 2 threads, 9 ms with 1). On an idle
machine the threads help a larger embedder instead. Which one wins depends on the load at the
time, so the embedder measures: each setting's seconds per token, kept as a moving average, and
the faster one used, with the other tried again now and then (less often each time it loses)
because the load changes while a long import runs. The vectors do not depend on the count
(llama.cpp splits each operation by rows: the same sums either way).
"""

from __future__ import annotations

# Texts embedded between two tries of the setting not in use, at first and at most: each try
# that loses doubles the wait (a try at the slow setting costs one slow text), one that wins
# brings it back to the first.
FIRST_PROBE_AFTER = 16
LONGEST_PROBE_AFTER = 512
# Weight of the newest measurement in a setting's moving average.
SMOOTHING = 0.3


class ThreadChoice:
    """Chooses between ``threads`` (the configured count) and one thread, by measured speed
    (only ``threads`` when ``fixed``).

    ``pick()`` says which count to use for the next text; ``record()`` hears how long that text
    took. Not thread-safe: the engine thread alone calls it."""

    def __init__(
        self,
        threads: int,
        *,
        fixed: bool = False,
        first_probe_after: int = FIRST_PROBE_AFTER,
        longest_probe_after: int = LONGEST_PROBE_AFTER,
    ) -> None:
        # fixed: the user set the count; it is used as it is, never compared with one thread.
        self.options: tuple[int, ...] = (
            (threads, 1) if threads > 1 and not fixed else (max(1, threads),)
        )
        self._first_wait = first_probe_after
        self._longest_wait = longest_probe_after
        self._wait = first_probe_after
        self._since_probe = 0
        self._probing = False
        self._seconds_per_token: dict[int, float] = {}

    @property
    def best(self) -> int:
        """The setting measured fastest so far (the configured count before any measurement)."""
        measured = self._seconds_per_token
        if len(measured) < len(self.options):
            return self.options[0]
        return min(self.options, key=lambda option: measured[option])

    def measured(self, threads: int) -> bool:
        """Whether ``threads`` has been timed at least once."""
        return threads in self._seconds_per_token

    def pick(self) -> int:
        """The thread count for the next text."""
        for option in self.options:  # each setting is measured once before any is preferred
            if option not in self._seconds_per_token:
                return option
        if len(self.options) > 1 and self._since_probe >= self._wait:
            self._probing = True
            return next(option for option in self.options if option != self.best)
        return self.best

    def record(self, threads: int, tokens: int, seconds: float) -> None:
        """One text of ``tokens`` tokens took ``seconds`` with ``threads`` threads."""
        before = self.best
        rate = seconds / max(1, tokens)
        previous = self._seconds_per_token.get(threads)
        # A try of the setting not in use replaces its measurement, which is stale (the load
        # has changed since, or it was the first decode's warm-up); the setting in use averages.
        if previous is None or self._probing:
            self._seconds_per_token[threads] = rate
        else:
            self._seconds_per_token[threads] = SMOOTHING * rate + (1 - SMOOTHING) * previous
        if self._probing:
            self._probing = False
            self._since_probe = 0
            won = self.best != before
            self._wait = self._first_wait if won else min(self._wait * 2, self._longest_wait)
        else:
            self._since_probe += 1
