"""Review47 R7: a generator task wrapped so that its Stop ends a wait for the warm-up
(ui/workers._its_stop_ends_waits) raised ValueError when closed from another thread than the
one it ran on ("Token ... was created in a different Context"), as a generator collected on
the GUI thread at quit is. The reset is now safe; on its own thread the stop still holds
across the task's yields and is undone at its end."""

from __future__ import annotations

import threading
from collections.abc import Generator

from medlocal.app import warm_up
from medlocal.ui.workers import _its_stop_ends_waits


def _job(cancel: threading.Event) -> Generator[int, None, str]:
    yield 1
    yield 2
    return "done"


def _on_a_thread(run: object) -> None:
    thread = threading.Thread(target=run)  # type: ignore[arg-type]
    thread.start()
    thread.join(10)


def test_a_task_closed_from_another_thread_closes_quietly() -> None:
    cancel = threading.Event()
    started: dict[str, Generator[int, None, str]] = {}

    def start() -> None:
        steps = _its_stop_ends_waits(_job)(cancel)
        next(steps)
        started["steps"] = steps

    _on_a_thread(start)
    started["steps"].close()  # raised ValueError from the context variable's reset
    assert warm_up._STOP.get() is None  # this thread's stop untouched


def test_on_its_own_thread_the_stop_holds_across_yields_and_is_undone() -> None:
    cancel = threading.Event()
    seen: list[object] = []

    def run() -> None:
        steps = _its_stop_ends_waits(_job)(cancel)
        for _ in steps:
            seen.append(warm_up._STOP.get())
        seen.append(warm_up._STOP.get())

    _on_a_thread(run)
    assert seen == [cancel, cancel, None]
