"""The one thread that touches llama.cpp.

llama.cpp contexts are not thread-safe, and a GUI must never block on them, so every call that
decodes, samples or loads runs here, in submission order. Callers get a Future, or an iterator for
streamed work. Work is cancelled cooperatively through a ``threading.Event`` checked between
tokens.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from typing import Any, TypeVar

T = TypeVar("T")

_DONE = object()


class EngineWorker:
    def __init__(self, name: str = "medlocal-engine") -> None:
        self._jobs: queue.SimpleQueue[tuple[Callable[[], Any], Future[Any]] | None] = (
            queue.SimpleQueue()
        )
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._closed = False
        self._thread.start()

    def _run(self) -> None:
        while True:
            item = self._jobs.get()
            if item is None:
                return
            fn, future = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(fn())
            except BaseException as exc:  # delivered to the caller, never lost in the thread
                future.set_exception(exc)

    @property
    def thread(self) -> threading.Thread:
        return self._thread

    def submit(self, fn: Callable[[], T]) -> Future[T]:
        if self._closed:
            raise RuntimeError("the engine has been shut down")
        future: Future[T] = Future()
        self._jobs.put((fn, future))
        return future

    def call(self, fn: Callable[[], T]) -> T:
        """Run ``fn`` on the engine thread and wait for it (runs inline if already there)."""
        if threading.current_thread() is self._thread:
            return fn()
        return self.submit(fn).result()

    def stream(
        self, produce: Callable[[Callable[[T], None], threading.Event], None]
    ) -> Iterator[T]:
        """Run ``produce(emit, stop)`` on the engine thread and yield what it emits.

        If the consumer stops iterating early (``break``, generator closed), ``stop`` is set so
        the producer ends within one step instead of generating into the void.
        """
        out: queue.SimpleQueue[Any] = queue.SimpleQueue()
        stop = threading.Event()

        def job() -> None:
            try:
                produce(out.put, stop)
            except BaseException as exc:
                out.put(_Failure(exc))
            finally:
                out.put(_DONE)

        self.submit(job)
        try:
            while True:
                item = out.get()
                if item is _DONE:
                    return
                if isinstance(item, _Failure):
                    raise item.exc
                yield item
        finally:
            stop.set()

    def shutdown(self, wait: bool = True) -> None:
        if self._closed:
            return
        self._closed = True
        self._jobs.put(None)
        if wait and threading.current_thread() is not self._thread:
            self._thread.join(timeout=30)


class _Failure:
    def __init__(self, exc: BaseException) -> None:
        self.exc = exc
