"""Review 44 on a real terminal: the long-file question with standard output redirected
(``medlocal import ... > log``) must be seen on the terminal (standard error), and Ctrl-C at
the question must cancel the import like Ctrl-C elsewhere: that file not written, the files
before it kept, the rest not reached, and the import returns (its summary is printed)."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")

_CHILD = """
import json, sys, threading
from pathlib import Path
from fixtures.ingest_files import FakeEmbedder, FakeVault
from medlocal.cli.ingest_cmds import ProgressBar, _cancel_on_interrupt, _long_file_question
from medlocal.ingest import pipeline
import argparse

pipeline.LONG_INDEXING_S = 0.0
folder = Path(sys.argv[1])
cancel = threading.Event()
args = argparse.Namespace(yes=False, json=False)
ask = _long_file_question(args, ProgressBar(sys.stderr), cancel)
vault = FakeVault()
with _cancel_on_interrupt(cancel):
    report = pipeline.import_paths(
        vault, [folder / "a.txt", folder / "b.txt", folder / "c.txt"], 1, FakeEmbedder(),
        cancel=cancel, confirm_long=ask,
    )
print(json.dumps({"statuses": [o.status for o in report.files], "documents": len(vault.documents),
                  "not_reached": len(report.not_reached)}))
"""


def _read_until(fd: int, marker: bytes, seconds: float) -> bytes:
    seen = b""
    end = time.monotonic() + seconds
    while marker not in seen and time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                seen += os.read(fd, 4096)
            except OSError:
                break
    return seen


def test_ctrl_c_at_the_question_with_stdout_redirected_cancels(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Seen in clinic. Potassium 4.1 mmol/L.")
    (tmp_path / "b.txt").write_text(
        "\n\n".join(f"Day {n}: potassium {n % 7}.1 mmol/L, stable." for n in range(900))
    )
    (tmp_path / "c.txt").write_text("Reviewed again. Stable.")
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), str(root / "tests")])}
    master, slave = os.openpty()
    log = tmp_path / "stdout.txt"
    with log.open("wb") as out:
        child = subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(tmp_path)],
            stdin=slave,
            stdout=out,  # "> log"
            stderr=slave,
            env=env,
        )
    os.close(slave)
    try:
        seen = _read_until(master, b"[y/N] ", 60.0)
        assert b"Index it now?" in seen, seen  # on the terminal, not in the log
        child.send_signal(signal.SIGINT)  # what Ctrl-C sends
        seen += _read_until(master, b"cancelled", 10.0)
        assert child.wait(timeout=30) == 0, seen
    finally:
        if child.poll() is None:
            child.kill()
        os.close(master)
    result = json.loads(log.read_text())  # the log holds the report only: no question in it
    assert result == {"statuses": ["imported", "cancelled"], "documents": 1, "not_reached": 1}
    assert b"cancelled" in seen
