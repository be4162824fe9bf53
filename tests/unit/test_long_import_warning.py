"""Walk 43: a 10 MB lab CSV (35,009 passages) began about 63 minutes of indexing with no word;
the time left showed half a minute in, as one more progress line. A file whose indexing takes
longer than ``LONG_INDEXING_S`` at the pace of its first batches is now announced (an event
carrying ``long_file``), and the import asks ``confirm_long`` whether to index it: no leaves
that file out (skipped, nothing written) and the batch goes on. The command line prints the
estimate and asks at a terminal unless ``--yes``; a script goes on, with the line in its log."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from threading import Event
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest
from fixtures.ingest_files import FakeEmbedder, FakeVault

from medlocal.cli import common, ingest_cmds
from medlocal.cli.ingest_cmds import ProgressBar
from medlocal.ingest import pipeline
from medlocal.ingest.pipeline import (
    FIRST_BATCH,
    ImportReport,
    LongFile,
    ProgressEvent,
    _embed,
    import_paths,
)


def _files(folder: Path) -> list[Path]:
    big = folder / "a_lab_export.txt"
    big.write_text("\n\n".join(f"Day {n}: potassium {n % 7}.1 mmol/L, stable." for n in range(900)))
    small = folder / "b_note.txt"
    small.write_text("Seen in clinic. Potassium 4.1 mmol/L. Plan: review in two weeks.")
    return [big, small]


@pytest.mark.parametrize("answer", [True, False])
def test_a_long_file_is_announced_once_and_left_out_when_the_answer_is_no(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer: bool
) -> None:
    monkeypatch.setattr(pipeline, "LONG_INDEXING_S", 0.0)  # every file with a pace is long
    events: list[ProgressEvent] = []
    asked: list[LongFile] = []

    def confirm(long_file: LongFile) -> bool:
        asked.append(long_file)
        return answer

    vault = FakeVault()
    big, small = _files(tmp_path)
    report = import_paths(
        vault, [big, small], 1, FakeEmbedder(), progress=events.append, confirm_long=confirm
    )
    announced = [e for e in events if e.long_file is not None]
    assert len(asked) == 1 and [e.long_file for e in announced] == asked
    (long_file,) = asked
    assert long_file.file_name == str(big) and long_file.passages > 50
    # Said after the second batch, the first with a pace: seconds in, not minutes.
    assert announced[0].passages_done == FIRST_BATCH + pipeline.EMBED_BATCH
    assert f"makes {long_file.passages:,} passages: indexing them takes about" in (long_file.text())
    first, second = report.files
    assert second.status == "imported"  # the batch went on either way
    if answer:
        assert first.status == "imported" and len(vault.documents) == 2
    else:
        assert first.status == "skipped" and len(vault.documents) == 1
        assert first.reason is not None and first.reason.startswith("left out, not indexed: ")
        assert not report.cancelled and not report.failed


def test_a_file_indexed_in_minutes_is_not_announced(tmp_path: Path) -> None:
    events: list[ProgressEvent] = []

    def never(_long_file: LongFile) -> bool:
        raise AssertionError("asked about a short file")

    report = import_paths(
        FakeVault(), _files(tmp_path), 1, FakeEmbedder(), progress=events.append, confirm_long=never
    )
    assert [o.status for o in report.files] == ["imported", "imported"]
    assert not any(e.long_file for e in events)


class _SlowEmbedder(FakeEmbedder):
    """Two seconds a passage on a fake clock."""

    def __init__(self, now: list[float]) -> None:
        super().__init__()
        self.now = now

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        self.now[0] += 2.0 * len(texts)
        return super().embed(texts)


def test_the_time_spent_answering_is_not_counted_as_indexing() -> None:
    now = [0.0]
    heard: list[tuple[int, float | None]] = []

    def on_batch(done: int, left: float | None) -> None:
        heard.append((done, left))
        if len(heard) == 2:
            now[0] += 900.0  # fifteen minutes before the person answers

    texts = [f"passage {n}" for n in range(500)]
    _embed(_SlowEmbedder(now), texts, 32, None, on_batch, clock=lambda: now[0])
    done, left = heard[2]
    assert left == pytest.approx(2.0 * (500 - done))


def _args(yes: bool, json: bool = False) -> argparse.Namespace:
    return argparse.Namespace(yes=yes, json=json)


LONG = LongFile("lab_export_10mb.csv", 35_009, 63 * 60.0)


class _Tty(io.StringIO):
    """A terminal stand-in: standard input or standard error as a person's terminal."""

    def __init__(self, text: str = "", terminal: bool = True) -> None:
        super().__init__(text)
        self.terminal = terminal

    def isatty(self) -> bool:
        return self.terminal


def _terminal(monkeypatch: pytest.MonkeyPatch, typed: str, stderr_terminal: bool = True) -> _Tty:
    monkeypatch.setattr(ingest_cmds, "stdin_is_terminal", lambda: True)
    monkeypatch.setattr(sys, "stdin", _Tty(typed))
    err = _Tty(terminal=stderr_terminal)
    monkeypatch.setattr(sys, "stderr", err)
    return err


@pytest.mark.parametrize(("typed", "goes_on"), [("y\n", True), ("\n", False), ("n\n", False)])
def test_the_command_line_asks_at_a_terminal_on_standard_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], typed: str, goes_on: bool
) -> None:
    err = _terminal(monkeypatch, typed)
    stream = io.StringIO()
    ask = ingest_cmds._long_file_question(_args(yes=False), ProgressBar(stream), Event())
    assert ask(LONG) is goes_on
    assert stream.getvalue() == (
        "lab_export_10mb.csv makes 35,009 passages: indexing them takes about 63 min at this "
        "computer's pace.\n"
    )
    # Review 44: input() wrote the question to standard output, unseen behind "> log".
    assert err.getvalue().endswith("[y/N] ")
    assert capsys.readouterr().out == ""


def test_ctrl_d_at_the_question_is_a_no(monkeypatch: pytest.MonkeyPatch) -> None:
    err = _terminal(monkeypatch, "")
    ask = ingest_cmds._long_file_question(_args(yes=False), ProgressBar(io.StringIO()), Event())
    assert ask(LONG) is False
    assert err.getvalue().endswith("[y/N] \n")


def test_no_question_when_standard_error_is_not_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    err = _terminal(monkeypatch, "n\n", stderr_terminal=False)  # 2> log: nobody would see it
    ask = ingest_cmds._long_file_question(_args(yes=False), ProgressBar(io.StringIO()), Event())
    assert ask(LONG) is True
    assert err.getvalue() == ""


def test_json_never_asks_and_lists_the_notice(monkeypatch: pytest.MonkeyPatch) -> None:
    err = _terminal(monkeypatch, "n\n")
    announced: list[LongFile] = []
    stream = io.StringIO()
    ask = ingest_cmds._long_file_question(
        _args(yes=False, json=True), ProgressBar(stream), Event(), announced
    )
    assert ask(LONG) is True
    assert announced == [LONG] and "35,009 passages" in stream.getvalue()
    assert err.getvalue() == ""


@pytest.mark.parametrize("terminal", [True, False])
def test_yes_or_a_script_goes_on_with_the_line_printed(
    monkeypatch: pytest.MonkeyPatch, terminal: bool
) -> None:
    err = _terminal(monkeypatch, "n\n")
    monkeypatch.setattr(ingest_cmds, "stdin_is_terminal", lambda: terminal)
    stream = io.StringIO()
    ask = ingest_cmds._long_file_question(_args(yes=terminal), ProgressBar(stream), Event())
    assert ask(LONG) is True
    assert "35,009 passages" in stream.getvalue()
    assert err.getvalue() == ""


def test_a_cancel_during_the_question_cancels_the_file_not_leaves_it_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review 44: Ctrl-C at the question, then Enter, recorded "skipped: left out" and the
    batch went on. A cancel set while the question waited cancels that file and the rest."""
    monkeypatch.setattr(pipeline, "LONG_INDEXING_S", 0.0)
    cancel = Event()

    def interrupted(_long_file: LongFile) -> bool:
        cancel.set()
        return False

    vault = FakeVault()
    big, small = _files(tmp_path)
    later = tmp_path / "c_later.txt"
    later.write_text("Reviewed again. Stable.")
    report = import_paths(
        vault, [small, big, later], 1, FakeEmbedder(), cancel=cancel, confirm_long=interrupted
    )
    assert [o.status for o in report.files] == ["imported", "cancelled"]
    assert report.cancelled and len(vault.documents) == 1
    assert report.not_reached == [str(later)]


def test_the_import_command_has_yes() -> None:
    parser = argparse.ArgumentParser()
    ingest_cmds.register(parser.add_subparsers())
    args = parser.parse_args(["import", "x.txt", "--patient", "1", "--yes"])
    assert args.yes is True
    assert common.stdin_is_terminal is ingest_cmds.stdin_is_terminal


def test_the_json_report_lists_the_long_file_and_holds_only_json(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Review 44 D4: with --json the question's text came before the JSON on standard output;
    now nothing is asked and the notice is in the report."""
    _terminal(monkeypatch, "n\n")  # a person at the terminal, who is not asked

    class _Workspace:
        def import_documents(self, *_args: object, **kwargs: Any) -> ImportReport:
            assert kwargs["confirm_long"](LONG) is True
            return ImportReport()

    monkeypatch.setattr(ingest_cmds, "open_vault", lambda _args: contextlib.nullcontext())
    monkeypatch.setattr(ingest_cmds, "workspace", lambda _args: _Workspace())
    note = tmp_path / "note.txt"
    note.write_text("Seen.")
    parser = argparse.ArgumentParser()
    ingest_cmds.register(parser.add_subparsers())
    args = parser.parse_args(["import", str(note), "--patient", "1", "--json"])
    assert ingest_cmds.run_import(args) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["long_files"] == [
        {
            "file": "lab_export_10mb.csv",
            "passages": 35_009,
            "seconds_estimate": 3780,
            "notice": f"{LONG.text()}.",
        }
    ]
    assert "Index it now" not in sys.stderr.getvalue()
