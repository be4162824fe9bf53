"""Stopping a redaction part-way, when the person asks.

The rules read a whole text in one call (a 0.76 MB document takes some 20 s of CPU), so a
cancel checked only between texts took effect when the reading ended (session 45). The caller
opens :func:`cancellable` with its cancel event around the reading; the rules call
:func:`checkpoint` between their steps and every so many words, which raises
:class:`~medlocal.errors.GenerationCancelled` once the event is set. Outside such a block a
checkpoint costs a lookup and does nothing.

The event is held in a context variable, not passed down: every rule module would otherwise
take a ``cancel`` argument it only hands on. A context variable is the thread's own, so a
preview stopped in the window's worker does not stop a reading on another thread.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from medlocal.progress import check_cancel

T = TypeVar("T")

# The cancel event of the reading under way, and what it is called when it stops.
_CANCEL: ContextVar[tuple[threading.Event, str] | None] = ContextVar("deid_cancel", default=None)

# How many items :func:`checked` lets pass between two checks: a word or a match costs
# microseconds, so a check every few hundred is far below the half second a person notices.
EVERY = 256


@contextmanager
def cancellable(cancel: threading.Event | None, what: str = "the redaction") -> Iterator[None]:
    """Within the block, :func:`checkpoint` stops the reading once ``cancel`` is set
    (GenerationCancelled: "``what`` was stopped")."""
    token = _CANCEL.set(None if cancel is None else (cancel, what))
    try:
        yield
    finally:
        _CANCEL.reset(token)


def checkpoint() -> None:
    """Raise GenerationCancelled if the reading under way was asked to stop."""
    under_way = _CANCEL.get()
    if under_way is not None:
        check_cancel(*under_way)


def checked(items: Iterable[T], every: int = EVERY) -> Iterator[T]:
    """``items``, with a :func:`checkpoint` before the first and after each ``every``."""
    under_way = _CANCEL.get()
    if under_way is None:
        # Speed (session 49): outside a cancellable block the items themselves, not through a
        # generator that hands each on (some 60,000 a 20-page record). The rules loop over
        # what this returns at once, so the block is read when the loop starts, as before.
        return iter(items)
    return _checked(items, every, under_way)


def _checked(items: Iterable[T], every: int, under_way: tuple[threading.Event, str]) -> Iterator[T]:
    for n, item in enumerate(items):
        if n % every == 0:
            check_cancel(*under_way)
        yield item
