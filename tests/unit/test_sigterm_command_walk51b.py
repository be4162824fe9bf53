"""A command ended by SIGTERM (``timeout``, a logout, ``kill``) closes as after Ctrl-C: its run
marker is removed and the next start says nothing of a run that "did not close properly"
(walk51b L7). A real child process: the signal and the marker are the operating system's."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fixtures.child_process import child_env

from medlocal import run_marker


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_a_command_ended_by_sigterm_closes_its_run(medlocal_home: Path) -> None:
    # `vault init` waits for its passphrase on standard input: a command busy for as long as
    # the test likes, with no model to load.
    child = subprocess.Popen(
        [sys.executable, "-m", "medlocal", "vault", "init"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(medlocal_home),  # this checkout, whatever the environment installed
    )
    try:
        markers = medlocal_home / "logs"
        deadline = time.monotonic() + 60
        while not list(markers.glob("run-*.marker")) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert list(markers.glob("run-*.marker")), "the command never started"
        time.sleep(1.0)  # past start-up, waiting for the passphrase
        child.send_signal(signal.SIGTERM)
        _, err = child.communicate(timeout=60)
    finally:
        child.kill()
        child.wait(timeout=30)
    assert child.returncode == 130, err
    assert "interrupted (asked to end by the system)" in err and "Traceback" not in err
    assert list(markers.glob("run-*.marker")) == []
    assert run_marker.start_run("command") == []  # the next start: nothing to tell
