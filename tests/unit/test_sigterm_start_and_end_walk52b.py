"""Walk 52b L3: `vault restore` sent SIGTERM during its seconds of start-up (before "restore:
reading backup…") died with status 143 and no word; sent SIGTERM just after it printed
"Restored the vault into …", it also ended 143, so a script took a good restore for a failed one.
README: a command asked to end by the system says so and exits 130; one that finished keeps its
own exit code. Real child processes: the signals, the handlers and the exit codes are the OS's."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fixtures.child_process import child_env, run_child

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads /proc/PID/status: Linux signals"
)


def _catches_sigterm(pid: int) -> bool:
    """Whether the process has a handler for SIGTERM (/proc/PID/status, SigCgt)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    caught = next(line for line in status.splitlines() if line.startswith("SigCgt:"))
    return bool(int(caught.split()[1], 16) >> (signal.SIGTERM - 1) & 1)


def test_sigterm_during_start_up_is_said_and_ends_130(medlocal_home: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "medlocal", "vault", "init"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(medlocal_home),
    )
    try:
        deadline = time.monotonic() + 60
        while not _catches_sigterm(child.pid) and time.monotonic() < deadline:
            time.sleep(0.005)
        # Still starting up: no command has begun (it leaves its run marker first thing).
        assert not list((medlocal_home / "logs").glob("run-*.marker")), "past start-up already"
        child.send_signal(signal.SIGTERM)
        _, err = child.communicate(timeout=60)
    finally:
        child.kill()
        child.wait(timeout=30)
    # An interrupt's status, as after Ctrl+C during start-up: Python ends itself by SIGINT,
    # which a shell reads as 130 (`$?`), as it reads a command's own 130.
    assert child.returncode in (130, -signal.SIGINT), (child.returncode, err)
    assert "interrupted (asked to end by the system)" in err, err
    assert "Traceback" not in err, err


def test_sigterm_after_the_command_finished_keeps_its_exit_code(medlocal_home: Path) -> None:
    """The signal lands while the finished command closes its workspace (where the restore's
    came): the command's own exit code, not 143, and no "interrupted"."""
    done = run_child(
        """
        import os, signal, sys
        from medlocal.app import Workspace
        closing = Workspace.close

        def close(self):
            os.kill(os.getpid(), signal.SIGTERM)  # as `kill` after "Restored the vault …"
            closing(self)

        Workspace.close = close
        from medlocal.launcher import main
        sys.exit(main(["settings", "show"]))
        """,
        medlocal_home,
    )
    assert done.returncode == 0, (done.returncode, done.stderr)
    assert "interrupted" not in done.stderr, done.stderr
