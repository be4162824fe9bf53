"""A value built once per process, however many threads ask for it first.

``functools.cache`` does not hold a second caller back while the first one builds: the window's
warm-up and a question asked at start-up (gap 44) each built the de-identification word lists
and the drug dictionary, seconds of work and twice the memory until one copy was dropped. A
caller that finds the build running here waits for it and takes its value."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class BuiltOnce(Generic[T]):
    """``build()``'s value, built by the first call and given to every later one; a build that
    raises leaves nothing behind, so the next call tries again."""

    def __init__(self, build: Callable[[], T]) -> None:
        self._build = build
        # Re-entrant, so a build that asks for its own value raises (below) instead of hanging
        # on a lock its own thread holds (functools.cache raised a RecursionError there).
        self._lock = threading.RLock()
        self._building = False
        self._value: tuple[T] | None = None
        functools.update_wrapper(self, build)

    def __call__(self) -> T:
        value = self._value  # built already: no lock to take
        if value is None:
            with self._lock:
                value = self._value
                if value is None:
                    if self._building:
                        name = getattr(self._build, "__name__", "build")
                        raise RuntimeError(f"{name}() asked for its own value while building it")
                    self._building = True
                    try:
                        value = self._value = (self._build(),)
                    finally:
                        self._building = False
        return value[0]

    @property
    def built(self) -> bool:
        return self._value is not None

    def cache_clear(self) -> None:
        """Forget the value (tests: the next call builds it again)."""
        with self._lock:
            self._value = None


def built_once(build: Callable[[], T]) -> BuiltOnce[T]:
    """Decorator: see :class:`BuiltOnce`."""
    return BuiltOnce(build)
