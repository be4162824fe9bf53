"""Ctrl+C where no command handles it (walk 49a D6): during start-up's imports, as a finished
command closes, and while the run marker is removed at exit. One plain line, or nothing, never
a traceback; a change that was made and said keeps its exit code 0."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.child_process import run_child

from medlocal import run_marker
from medlocal.app.workspace import Workspace
from medlocal.cli import main
from medlocal.vault.keys import KdfParams
from medlocal.vault.store import Vault

PASS = "correct horse battery"
FAST = KdfParams(memory_kib=1024, iterations=1, lanes=1)


def test_ctrl_c_during_start_up_is_one_line(tmp_path: Path) -> None:
    # The launcher is imported, then the interrupt lands in what it imports next.
    result = run_child("import medlocal.launcher\nraise KeyboardInterrupt\n", tmp_path / "home")
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == "medlocal: interrupted"
    assert result.returncode != 0  # still an interrupted run for the shell (130)


def test_ctrl_c_as_a_finished_command_closes_keeps_its_exit_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "vault"
    Vault.create(folder, PASS, kdf_params=FAST)[0].lock()
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS + "\n")
    closing = Workspace.close

    def interrupted_close(self: Workspace) -> None:
        closing(self)
        raise KeyboardInterrupt

    monkeypatch.setattr(Workspace, "close", interrupted_close)
    code = main(["vault", "status", "--vault", str(folder), "--passphrase-file", str(secret)])
    out, err = capsys.readouterr()
    assert code == 0
    assert "Remembered:" in out
    assert "interrupted" not in err


def test_ctrl_c_while_the_marker_is_removed_at_exit_still_removes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = tmp_path / "run-1.marker"
    marker.write_text("{}")
    removing = run_marker._remove
    interrupts = iter([True])

    def interrupted_remove(path: Path) -> None:
        if next(interrupts, False):
            raise KeyboardInterrupt
        removing(path)

    monkeypatch.setattr(run_marker, "_remove", interrupted_remove)
    monkeypatch.setattr(run_marker, "_written", [marker])
    try:
        run_marker.end_run()
    except KeyboardInterrupt:  # at exit it was "Exception ignored in atexit callback"
        pytest.fail("end_run let the Ctrl+C through")
    assert not marker.exists()
