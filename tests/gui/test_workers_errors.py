"""A streamed task that fails always ends: superqt's GeneratorWorker dropped a RuntimeError
raised inside the generator (it takes one for a deleted worker), so the job never finished."""

from __future__ import annotations

import threading
from collections.abc import Generator

import pytest
from pytestqt.qtbot import QtBot

from medlocal.ui.workers import stream_task


@pytest.mark.parametrize("error", [RuntimeError("llama_decode returned -3"), ValueError("x")])
def test_a_failing_stream_reports_its_error_and_ends(qtbot: QtBot, error: Exception) -> None:
    pieces: list[str] = []
    errors: list[BaseException] = []

    def work(_cancel: threading.Event) -> Generator[str, None, str]:
        yield "partial"
        raise error

    job = stream_task("test", work, pieces.append, lambda _r: None, errors.append)
    qtbot.waitUntil(lambda: not job.running, timeout=5000)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert errors == [error]  # the original exception, not a wrapper
    assert pieces == ["partial"]


def test_a_stream_still_returns_its_value(qtbot: QtBot) -> None:
    results: list[str] = []

    def work(_cancel: threading.Event) -> Generator[str, None, str]:
        yield "a"
        return "done"

    job = stream_task("test", work, lambda _p: None, results.append)
    qtbot.waitUntil(lambda: not job.running and results == ["done"], timeout=5000)
