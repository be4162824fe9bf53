"""Pausing Python's cyclic garbage collector for a stretch of work that makes no garbage cycles.

A redaction of a 20-page record allocates some 47,000 short-lived containers (tokens, matches,
spans): enough for ~70 young-generation sweeps and most of a full one per redaction, 40-50 ms
of its ~1.4 s CPU (session 50), and every sweep during it frees nothing (the redactor's objects
die by reference counting: three redactions of the record left 11 objects in cycles). A full
sweep also walks the word lists' 300,000-word sets (deid_lexicon), 30 ms a walk.

The collector is process-wide, so two threads may pause it at once (an export's preview and
the window's warm-up): it is off while at least one pause is open and back on when the last
one closes, unless it was already off before the first (a person's own ``gc.disable()`` is
kept). Cycles made meanwhile are freed by the first collection after it.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_open = 0  # pauses open now, on any thread
_was_on = False  # whether the collector ran before the first of them


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No automatic garbage collection until the block (and every other open pause) ends."""
    global _open, _was_on
    with _lock:
        if _open == 0:
            _was_on = gc.isenabled()
            gc.disable()
        _open += 1
    try:
        yield
    finally:
        with _lock:
            _open -= 1
            if _open == 0 and _was_on:
                gc.enable()
