"""Walk 52b L4: ~/.local/state/MedLocal was 0755 (README: the folders are 0700): mkdir made the
log folder's parent, MedLocal's own folder there, with the umask's mode. Real folders under a
fresh XDG_STATE_HOME, umask 022 as useradd's accounts have."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from medlocal import paths


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG layout")
def test_the_state_folder_above_the_logs_is_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(paths.HOME_ENV, raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    previous = os.umask(0o022)
    try:
        logs = paths.log_dir()
    finally:
        os.umask(previous)
    assert logs.parent == tmp_path / "state" / paths.APP_NAME
    for folder in (logs, logs.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    # A folder made 0755 by an earlier version is put right too.
    logs.parent.chmod(0o755)
    paths.log_dir()
    assert stat.S_IMODE(logs.parent.stat().st_mode) == 0o700
