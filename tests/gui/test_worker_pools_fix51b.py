"""Workers on a pool of our own (the folder looks) rely only on superqt's public worker API
(review 51b R8: the start copied superqt's private ``_worker_set``/``_finished``, which an
upgrade may rename: every folder look in the Backup dialog would then raise). These fail
loudly if superqt's worker stops behaving as the pooled start assumes."""

from __future__ import annotations

import gc
import threading
import weakref

import pytest
from pytestqt.qtbot import QtBot

from medlocal.ui import workers
from medlocal.ui.workers import folder_looks, run_task

# Generous: a busy 2-core machine (CI, or a run beside other suites) can hold a pool thread
# for seconds; a worker that never reports or never lets go still fails, only later.
WAIT_MS = 20_000


def test_a_pooled_worker_runs_on_its_pool_reports_and_is_released(qtbot: QtBot) -> None:
    results: list[str] = []
    seen: dict[str, int] = {}

    def look(_cancel: threading.Event) -> str:
        seen["looks"] = folder_looks().activeThreadCount()
        return "answered"

    job = run_task("look", look, results.append, pool=folder_looks())
    worker = weakref.ref(job.worker)
    qtbot.waitUntil(lambda: results == ["answered"] and not job.running, timeout=WAIT_MS)
    assert seen["looks"] >= 1  # it ran on the folder looks' pool, not Qt's global one
    qtbot.waitUntil(lambda: not workers._POOLED, timeout=WAIT_MS)  # let go once finished
    job.worker = None
    # The finished signal (which empties _POOLED) is delivered while the pool's thread may still
    # be inside run() and the pool may still hold the runnable: the last reference can go after
    # one collection, so collect on every look (a real leak stays alive through all of them).
    # A pool's idle thread may hold the last runnable it ran until the thread expires (Qt's
    # business, not ours): let the pool's threads go first, so that only a reference of our
    # own can keep the worker (the whole gui folder failed here now and then, even at 20 s).
    assert folder_looks().waitForDone(WAIT_MS)
    qtbot.waitUntil(lambda: gc.collect() >= 0 and worker() is None, timeout=WAIT_MS)


def test_a_pooled_worker_that_fails_reports_and_is_released(qtbot: QtBot) -> None:
    errors: list[BaseException] = []

    def look(_cancel: threading.Event) -> str:
        raise OSError("the share went quiet")

    job = run_task("look", look, None, errors.append, pool=folder_looks())
    qtbot.waitUntil(lambda: bool(errors) and not job.running, timeout=WAIT_MS)
    assert isinstance(errors[0], OSError)
    qtbot.waitUntil(lambda: not workers._POOLED, timeout=WAIT_MS)


def test_a_pooled_worker_cannot_be_started_twice(qtbot: QtBot) -> None:
    hold = threading.Event()
    job = run_task("look", lambda _c: hold.wait(5), None, None, pool=folder_looks())
    try:
        with pytest.raises(RuntimeError, match="already started"):
            job.worker.start()
    finally:
        hold.set()
    qtbot.waitUntil(lambda: not job.running and not workers._POOLED, timeout=WAIT_MS)


def test_the_global_pool_still_goes_through_superqt(qtbot: QtBot) -> None:
    results: list[int] = []
    job = run_task("sum", lambda _c: 1 + 1, results.append)
    qtbot.waitUntil(lambda: results == [2] and not job.running, timeout=WAIT_MS)
    assert not workers._POOLED
