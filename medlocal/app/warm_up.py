"""Start-up work that keeps a window responsive later."""

from __future__ import annotations

import contextlib
import gc
import logging
import threading
import time
from collections.abc import Iterator
from contextvars import ContextVar

from medlocal.collector import collector_paused
from medlocal.progress import check_cancel

log = logging.getLogger(__name__)


def load_dictionaries_and_freeze(*, rules_here: bool = True) -> None:
    """Load what every search needs once (the drug, class and abbreviation dictionaries:
    some 200,000 small objects) and what a redacted export's preview needs (the
    de-identification word lists and the statistical line's model: building them on the
    preview's worker held the interpreter lock long enough to stall the window 0.2-0.4 s; and
    the redactor, whose import compiles some two thousand patterns in 1.7-2.3 s, so that the
    first "Export redacted copy…" lists its preview at once instead of seconds later), then
    move everything alive so far out of the garbage collector's reach (``gc.freeze``). Its full
    sweeps stop every thread, a window's included, for as long as they take to walk the heap:
    130-310 ms during generation with the dictionaries in it, under 50 ms with them frozen.
    Meant for a worker thread at start; what is frozen is long-lived anyway (modules,
    dictionaries, the window).

    First of all it imports chromadb, which the vault's index needs when the vault opens; the
    lock screen's unlock would otherwise import it on its own worker, beside this one. With Qt
    loaded, an import opens and stats hundreds of files (PySide6's import hook also reads each
    new module's source) and each such call lets go of the interpreter lock: taking it back
    from a busy thread costs up to 5 ms a time. Walk 34, 170-document vault, load 3-4 on 2
    cores, from "Unlock" to the working window: 2.4 s without the warm-up, 4.0-4.6 s beside it,
    0.4-0.8 s with chromadb already imported. (The walk's 73 s came from its script's
    ``QTest.qWait``, which keeps the interpreter lock while it sleeps.) The passphrase takes
    longer to type than the import; a remembered vault's unlock, started at once, waits for
    this import (one thread imports a module, others wait for it) instead of racing it.

    The collector is off while all this loads (``_collector_off``): walk 44 asked a question at
    the moment the window started (load 8 on 2 cores) and the warm-up's 240,000 new objects set
    off full sweeps of the growing heap, 330-960 ms each, on whichever thread allocated next:
    the window stood still 0.96 s. What loads here lives as long as the process, so sweeping it
    while it loads finds nothing to free.

    A chat model's load waits for it (:func:`wait_until_warm`): walk 46a started a summary 8 s
    after the window opened, the warm-up still importing, and the two together (load 10-16 on
    2 cores) left the window without a turn for up to 3.6 s; one after the other they share
    the CPU with the window, not with each other, and the pair ends sooner.

    Without ``rules_here`` the de-identification rules run in a process of their own
    (deid_child): only what this process does with their plans (keep, add, apply) is imported;
    the rules' import here stalled the window 0.3-0.8 s at a load of 6 (stall55)."""
    _idle.clear()
    try:
        with _collector_off():
            _load_dictionaries_and_freeze(rules_here)
    finally:
        _idle.set()


# Set while no warm-up runs (the process starts with none).
_idle = threading.Event()
_idle.set()
WARM_UP_WAIT_S = 120.0  # a model load waits at most this long (a stuck warm-up delays, no more)
# How often a wait looks at its task's Stop: well under the half second a person notices.
STOP_POLL_S = 0.05
# The cancel event of the task on this thread (a window's job), set by :func:`stops_the_wait`.
# Held in a context variable, not passed down: the wait sits inside the chat model's load,
# which a dozen callers (a question, a summary, an export's model line, an evaluation) reach
# without a cancel of their own to hand on.
_STOP: ContextVar[threading.Event | None] = ContextVar("warm_up_stop", default=None)


@contextlib.contextmanager
def stops_the_wait(cancel: threading.Event) -> Iterator[None]:
    """Within the block, a wait for the warm-up on this thread ends once ``cancel`` is set
    (:func:`wait_until_warm` raises GenerationCancelled); the warm-up itself goes on."""
    token = _STOP.set(cancel)
    try:
        yield
    finally:
        try:
            _STOP.reset(token)
        except ValueError:
            # A generator task closed on another thread than the one it ran on (an abort, or
            # collection at quit; review47 R7): the token is the worker thread's, and this
            # thread's stop was never set here, so there is nothing to undo. The worker
            # thread's stale event is replaced by the next task it runs.
            log.debug("a task's stop was left on its worker thread: closed from another")


def wait_until_warm(timeout_s: float = WARM_UP_WAIT_S) -> bool:
    """Wait for a running warm-up to end (at once when none runs); False if it still runs.
    Inside :func:`stops_the_wait`, the task's Stop ends the wait (GenerationCancelled): a
    question or summary asked during the warm-up was stopped only when the warm-up ended
    (review 46b: Esc, Stop and a patient switch did nothing for as long as it lasted)."""
    if _idle.is_set():
        return True
    log.info("waiting for the start-up warm-up before loading a model")
    stop = _STOP.get()
    deadline = time.monotonic() + timeout_s
    while not _idle.wait(max(0.0, min(STOP_POLL_S, deadline - time.monotonic()))):
        check_cancel(stop, "Loading the model")
        if time.monotonic() >= deadline:
            return False
    return True


@contextlib.contextmanager
def _collector_off() -> Iterator[None]:
    """No automatic collection until the block ends, then the collector as it was (a person's
    own ``gc.disable()`` is kept). Cycles other threads leave meanwhile are freed by the next
    collection after it, or frozen with the rest: a few seconds' worth. Shared with the
    redactor's pause (medlocal.collector), so a preview that ends during the warm-up does not
    turn the collector back on under it."""
    with collector_paused(off=True):
        yield


def _load_dictionaries_and_freeze(rules_here: bool) -> None:
    from medlocal.vault.index import load_index_library

    load_index_library()

    from medlocal.abbreviations import default_abbreviations
    from medlocal.drugs import default_vocabulary
    from medlocal.errors import MedLocalError
    from medlocal.privacy.deid_lexicon import lexicon
    from medlocal.rag.medications import default_lexicon

    default_vocabulary()
    default_abbreviations()
    default_lexicon().prepare()  # the answers' medication checks (walk 50a D7)
    lexicon()  # the word lists: the answers' checks read them in this process too
    if rules_here:
        from medlocal.privacy.deid_tagger import shipped_tagger
        from medlocal.privacy.redact import Redactor  # noqa: F401  (compiles its patterns)

        try:
            shipped_tagger()
        except MedLocalError as exc:  # the export says so itself, when one is asked for
            log.warning("de-identification model not loaded at start (%s)", exc)
    else:
        # What keeps, adds and applies the plans the rules' process builds (~0.3 s).
        import medlocal.privacy.deid_echoes
        import medlocal.privacy.deid_plan  # noqa: F401
    gc.freeze()
