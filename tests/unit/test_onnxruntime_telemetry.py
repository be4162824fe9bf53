"""onnxruntime's native telemetry must stay off: importing it through MedLocal writes nothing into
the user's home folder (its 1DS SDK keeps a device id and an event queue there and uploads from
native code, out of reach of the Python socket guard)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def test_importing_onnxruntime_after_medlocal_writes_nothing_to_home(tmp_path: Path) -> None:
    pytest.importorskip("onnxruntime")
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "ORT_DISABLE_TELEMETRY"}
    # TMPDIR too: the SDK also leaves a session file (.ses) in the temp folder.
    env.update(HOME=str(home), XDG_CACHE_HOME=str(home / ".cache"), TMPDIR=str(home))
    subprocess.run(
        [sys.executable, "-c", "import medlocal, onnxruntime"],
        env=env,
        check=True,
        timeout=120,
    )
    assert [p for p in home.rglob("*") if p.is_file()] == []
