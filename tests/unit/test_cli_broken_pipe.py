"""A reader that goes away ('medlocal templates list | head -1') is not an internal error:
MedLocal used to print 'internal error (BrokenPipeError)' and write a crash report."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from medlocal import paths
from medlocal.cli import EXIT_BROKEN_PIPE, main


class ClosedPipe:
    """stdout whose reader has gone: every write fails like a pipe closed by 'head'."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self) -> None:
        raise BrokenPipeError(32, "Broken pipe")

    def fileno(self) -> int:
        return self.fd

    def isatty(self) -> bool:
        return False


def test_closed_stdout_exits_quietly_without_a_crash_report(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    read_end, write_end = os.pipe()
    try:
        # Only stdout is put back afterwards: a bare monkeypatch.undo() also dropped the
        # fixture's MEDLOCAL_HOME, so the check below read the real user's log folder.
        with capsys.disabled(), monkeypatch.context() as patch:
            patch.setattr(sys, "stdout", ClosedPipe(write_end))
            code = main(["templates", "list"])
    finally:
        os.close(read_end)
        os.close(write_end)
    assert code == EXIT_BROKEN_PIPE
    assert "internal error" not in capsys.readouterr().err
    assert not list(paths.log_dir().glob("crash-*.txt"))
