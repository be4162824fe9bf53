"""Session 45: each ``medlocal`` command run in one process (as the tests run hundreds, each in
its own home) left its ``medlocal.log`` open on the root logger: the process held hundreds of
open log files of earlier homes, which on Windows also blocks deleting those folders. The
command's log file is now closed when it ends, with what the command logged, its errors
included, written first. Failed before (the handler stayed on the root logger, open)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from medlocal import paths
from medlocal.cli import main


def _log_handlers() -> list[logging.FileHandler]:
    return [h for h in logging.getLogger().handlers if isinstance(h, logging.FileHandler)]


def test_a_command_closes_its_log_file(capsys: pytest.CaptureFixture[str]) -> None:
    before = _log_handlers()
    log_file = paths.log_dir() / "medlocal.log"
    assert main(["settings", "show"]) == 0
    assert _log_handlers() == before
    # A failing command logs its error line before the file is closed.
    assert main(["patient", "list", "--vault", str(Path(paths.data_dir()) / "none")]) != 0
    assert _log_handlers() == before
    assert "No vault" in capsys.readouterr().err
    assert log_file.is_file()


def test_a_log_file_opened_before_the_command_stays_open(tmp_path: Path) -> None:
    """The window's (or a caller's) own log set-up is left as it was."""
    from medlocal.privacy.hardening import configure_logging

    root = logging.getLogger()
    before = list(root.handlers)
    configure_logging()
    opened = [h for h in _log_handlers() if h not in before]
    try:
        assert main(["settings", "show"]) == 0
        assert all(h in root.handlers and h.stream is not None for h in opened)
    finally:
        for handler in opened:
            root.removeHandler(handler)
            handler.close()
