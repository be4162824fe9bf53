"""Walk 47a D4 and D5: what the next command says after one that did not close.

D5: after a killed import, backup, restore, passwd or init the notice always spoke of "a question
whose answer was being written". The run marker now holds the command's name (no arguments), so
the notice names it and says what to do. D4: after a native crash the command line said only
"was killed or the computer stopped", though the crash report was just written; it now names the
report, where it is and that it holds no patient text, as the window does.

Each earlier run is a real `medlocal` subprocess that ends at the given point: SIGKILL, or a real
SIGSEGV (faulthandler writes its stack to the native crash log)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from medlocal import paths
from medlocal.cli import main
from medlocal.run_marker import UncleanEnd

ROOT = Path(__file__).resolve().parents[2]
# Runs `medlocal ARGS...` and ends the process right after its run marker was written.
ENDS_AFTER_MARKING = textwrap.dedent(
    """
    import faulthandler, os, signal, sys
    from medlocal import run_marker
    how, args = sys.argv[1], sys.argv[2:]
    marked = run_marker.start_run
    def mark_then_end(*a, **k):
        marked(*a, **k)
        if how == "segv":
            faulthandler._sigsegv()
        os.kill(os.getpid(), signal.SIGKILL)
    run_marker.start_run = mark_then_end
    from medlocal.cli import main
    main(args)
    """
)


def _end_run(how: str, *args: str) -> None:
    child = subprocess.run(
        [sys.executable, "-c", ENDS_AFTER_MARKING, how, *args],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    expected = signal.SIGSEGV if how == "segv" else signal.SIGKILL
    assert child.returncode == -expected, child.stderr


def _next_command_says(capsys: pytest.CaptureFixture[str]) -> str:
    main(["patient", "list", "--passphrase-file", os.devnull])  # no vault here: the notice counts
    return capsys.readouterr().err


def test_a_killed_import_is_named_with_what_to_do(
    medlocal_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _end_run("kill", "import", str(medlocal_home / "letters"), "--patient", "1")
    said = _next_command_says(capsys)
    assert "The last run of 'medlocal import' (started " in said
    assert "Run the same import again: files already imported are skipped." in said
    assert "a question whose answer" not in said


def test_a_native_crash_names_its_report_on_the_command_line(
    medlocal_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _end_run("segv", "patient", "list", "--passphrase-file", os.devnull)
    said = _next_command_says(capsys)
    assert "it hit an internal error (see the crash report below), was killed" in said
    reports = sorted(paths.log_dir().glob("crash-*.txt"))
    assert len(reports) == 1
    assert f"crash report(s) in {paths.log_dir()}: {reports[0].name}." in said
    assert "no patient text" in said


@pytest.mark.parametrize(
    ("command", "advice"),
    [
        ("vault init", "was not finished and holds nothing: run 'medlocal vault init' again"),
        ("vault backup", "a hidden .partial folder, never restored); run the backup again"),
        ("vault restore", "'medlocal doctor' lists any folder the restore left"),
        ("vault passwd", "exactly one passphrase opens it"),
        ("vault rotate-key", "run 'medlocal vault rotate-key' again"),
        ("ask", "a question whose answer was being written shows in its chat as interrupted"),
        # Walk 49b D5: a killed removal was told about chats, not whether the patient went.
        ("patient remove", "The removal did not finish, so the patient is most likely still there"),
        ("delete", "The deletion did not finish, so the document is most likely still there"),
    ],
)
def test_each_interrupted_command_gets_its_own_advice(command: str, advice: str) -> None:
    said = UncleanEnd("command", "2026-12-05 15:20", True, command).note()
    assert f"'medlocal {command}'" in said and advice in said
    if command in ("patient remove", "delete"):
        assert "interrupted; ask it again" not in said
    if command == "vault init":  # walk 47a D1: an unfinished vault was called safe and kept
        assert "everything it had saved is kept" not in said
