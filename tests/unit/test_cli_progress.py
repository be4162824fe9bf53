"""Progress written to a log (stderr not a terminal): a line when each stage starts, at each
tenth of it, and now and then where its size is unknown (walk 20: after "map: 1/1 steps" the
reduce stage printed nothing for 15 minutes, as the tenths were counted across stages)."""

from __future__ import annotations

import pytest

from medlocal.cli import common
from medlocal.cli.common import TerminalProgress
from medlocal.progress import Progress


@pytest.fixture
def progress(monkeypatch: pytest.MonkeyPatch) -> TerminalProgress:
    monkeypatch.setattr(common.sys.stderr, "isatty", lambda: False)
    return TerminalProgress()


def test_each_stage_starts_its_own_tenths(
    progress: TerminalProgress, capsys: pytest.CaptureFixture[str]
) -> None:
    progress(Progress("map", 0, 1, unit="steps"))
    progress(Progress("map", 1, 1, unit="steps"))
    progress(Progress("reduce", 0, 4, unit="steps"))
    progress(Progress("reduce", 1, 4, unit="steps"))
    progress(Progress("reduce", 1, 4, unit="steps"))  # no new tenth: not repeated
    lines = capsys.readouterr().err.splitlines()
    assert lines == ["map: 0/1 steps", "map: 1/1 steps", "reduce: 0/4 steps", "reduce: 1/4 steps"]


def test_a_stage_of_unknown_size_says_it_is_alive_now_and_then(
    progress: TerminalProgress, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = iter([100.0, 101.0, 100.0 + common.QUIET_PROGRESS_S + 1])
    monkeypatch.setattr(common.time, "monotonic", lambda: next(clock))
    progress(Progress("writing", 10, None, unit="tokens"))
    progress(Progress("writing", 20, None, unit="tokens"))  # a second later: held back
    progress(Progress("writing", 90, None, unit="tokens"))
    assert capsys.readouterr().err.splitlines() == ["writing: 10 tokens", "writing: 90 tokens"]


def test_a_backups_counts_are_said_in_the_singular_for_one() -> None:
    from medlocal.cli.backup_cmds import _count

    assert [_count(n, "saved output") for n in (0, 1, 2)] == [
        "0 saved outputs",
        "1 saved output",
        "2 saved outputs",
    ]


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> TerminalProgress:
    monkeypatch.setattr(common.sys.stderr, "isatty", lambda: True)
    monkeypatch.setenv("COLUMNS", "60")
    return TerminalProgress()


def test_a_terminal_line_is_not_written_again_unchanged(
    terminal: TerminalProgress, capsys: pytest.CaptureFixture[str]
) -> None:
    """Walk 54a D6: the record's reading told each document twice (its start, then its one
    piece), and the terminal read "(document 1 of 7)   ... (document 1 of 7)   ..."."""
    for number in (1, 1, 2, 2):
        terminal(Progress("reading the patient's record", detail=f"document {number} of 7"))
    terminal.done()
    err = capsys.readouterr().err
    assert err.count("document 1 of 7") == 1 and err.count("document 2 of 7") == 1, err
    assert err.endswith("\n")


def test_a_shorter_line_blanks_the_last_and_a_long_one_fits_the_terminal(
    terminal: TerminalProgress, capsys: pytest.CaptureFixture[str]
) -> None:
    terminal(Progress("embedding", 10, 12, unit="documents", detail="a long name.pdf"))
    terminal(Progress("embedding", 11, 12, unit="documents"))
    terminal(Progress("reading the patient's record", detail="document 3 of 8, " + "x" * 80))
    writes = capsys.readouterr().err.split("\r")[1:]
    first, second, third = writes
    assert len(second) == len(first) and second.rstrip() == "embedding: 11/12 documents"
    assert len(third) == 59 and third.endswith("…")  # COLUMNS 60: never wraps
