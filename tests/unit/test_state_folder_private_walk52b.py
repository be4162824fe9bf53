"""Walk 52b L4: ~/.local/state/MedLocal was 0755 (README: the folders are 0700): mkdir made the
log folder's parent, MedLocal's own folder there, with the umask's mode. Real folders under a
fresh XDG_STATE_HOME, umask 022 as useradd's accounts have."""

from __future__ import annotations

import os
import shutil
import stat
import sys
import tempfile
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


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() != 0, reason="needs root to act as another account"
)
def test_a_medlocal_home_named_medlocal_of_another_owner_is_left_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Review 52b F9: MEDLOCAL_HOME ".../MedLocal" made by an administrator (root's, 0755), its
    folders the user's: log_dir() refused with "chmod u+w" advice on a folder not the user's."""
    places = [p for p in ("/var/tmp", "/dev/shm") if os.access(p, os.W_OK)]
    if not places:
        pytest.skip("no folder that every account can reach")
    nobody = 65534
    base = Path(tempfile.mkdtemp(prefix="medlocal-test-", dir=places[0]))
    try:
        base.chmod(0o755)
        home = base / paths.APP_NAME
        (home / "logs").mkdir(parents=True)
        home.chmod(0o755)
        os.chown(home / "logs", nobody, nobody)
        monkeypatch.setenv(paths.HOME_ENV, str(home))
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            said = "child failed"
            try:
                os.setgroups([])
                os.setgid(nobody)
                os.setuid(nobody)
                said = f"log_dir: {paths.log_dir()}"
            except BaseException as err:
                said = f"{type(err).__name__}: {err}"
            finally:
                os.write(write_end, said.encode())
                os._exit(0)
        os.close(write_end)
        os.waitpid(pid, 0)
        with os.fdopen(read_end) as pipe:
            said = pipe.read()
        assert said == f"log_dir: {home / 'logs'}", said
        assert stat.S_IMODE(home.stat().st_mode) == 0o755  # not ours: left as it is
    finally:
        shutil.rmtree(base)
