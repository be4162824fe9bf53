"""Walk 37: a read-only MedLocal home (``chmod -R a-w``, or a read-only mount) ended every
command and the window in a traceback (the crash handler could not open its log) or in
"internal error (OperationalError)" with crash reports. Now: one line naming the folder, exit 2,
no crash report; the crash handler falls back to stderr; and MedLocal's 0700 chmod no longer
makes a folder writable again behind the user's back.

CI may run these tests as root, whom file permissions do not stop: since review 35 MedLocal asks
whether *this* user can write (``os.access``, a read-only mount's flag), so root may use a 0500
folder. Where a test needs a user that the permissions stop, it says what ``os.access`` says for
a non-root user when run as root (``fixtures.permissions``), and checks the real thing
otherwise."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures.child_process import run_child
from fixtures.permissions import ROOT, as_a_user

from medlocal import crash
from medlocal.fsutil import ReadOnlyFolderError, private_dir


def _read_only_home(home: Path) -> None:
    for name in ("data", "config", "logs"):
        (home / name).mkdir(parents=True, mode=0o700)
    for folder in (home / "data", home / "config", home / "logs", home):
        folder.chmod(0o500)


@pytest.fixture
def read_only_home(tmp_path: Path):  # type: ignore[no-untyped-def]
    home = tmp_path / "home"
    _read_only_home(home)
    yield home
    for folder in (home, home / "data", home / "config", home / "logs"):
        folder.chmod(0o700)


def test_a_folder_without_write_permission_is_said_not_made_writable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o700)
    folder.chmod(0o500)
    as_a_user(monkeypatch)
    try:
        with pytest.raises(ReadOnlyFolderError) as caught:
            private_dir(folder)
        assert folder.stat().st_mode & 0o777 == 0o500  # not chmodded back to 0700
        assert str(caught.value).startswith(f"MedLocal cannot write to its folder {folder}: ")
        assert "read-only" in str(caught.value)
    finally:
        folder.chmod(0o700)


def test_a_folder_this_user_can_write_is_used_whatever_the_owner_bit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review 35: the owner's write bit was read, not whether this user may write: root with a
    0500 folder was refused, and so would a member of a group-writable folder's group be. Such
    a folder is used and keeps its owner's bits (never made writable behind anyone's back)."""
    folder = tmp_path / "grp"
    folder.mkdir(mode=0o700)
    folder.chmod(0o570)  # as a group member sees it: the group may write, the owner not
    if not ROOT:  # the system's answer for root (or a group member) with such a folder
        monkeypatch.setattr(os, "access", lambda path, mode, *a, **k: True)
    try:
        assert private_dir(folder) == folder
        assert folder.stat().st_mode & 0o777 == 0o500  # group access off; no write bit added
    finally:
        folder.chmod(0o700)


@pytest.mark.skipif(not ROOT, reason="root only: file permissions stop other users")
def test_root_uses_a_0500_folder(tmp_path: Path) -> None:
    folder = tmp_path / "r"
    folder.mkdir(mode=0o500)
    folder.chmod(0o500)
    try:
        assert private_dir(folder) == folder and folder.stat().st_mode & 0o777 == 0o500
        (folder / "probe").write_text("x")  # and it really is writable
    finally:
        folder.chmod(0o700)


def test_a_read_only_mount_flag_is_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A read-only mount stops root too; its flag is read before any chmod is tried."""
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o755)
    real = os.statvfs(folder)

    class ReadOnly:
        f_flag = real.f_flag | os.ST_RDONLY

    monkeypatch.setattr(os, "statvfs", lambda path: ReadOnly())
    with pytest.raises(ReadOnlyFolderError):
        private_dir(folder)
    assert folder.stat().st_mode & 0o777 == 0o755  # refused before any chmod


def test_a_read_only_mount_is_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "mounted"
    folder.mkdir()

    def refuse(self: Path, mode: int) -> None:
        raise OSError(errno.EROFS, "Read-only file system", str(self))

    monkeypatch.setattr(Path, "chmod", refuse)
    with pytest.raises(ReadOnlyFolderError):
        private_dir(folder)


def test_other_folders_still_become_0700(tmp_path: Path) -> None:
    folder = tmp_path / "open"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    assert private_dir(folder).stat().st_mode & 0o777 == 0o700


def test_a_read_only_error_gets_one_line_and_no_crash_report(medlocal_home: Path) -> None:
    line = crash.report_internal_error(ReadOnlyFolderError(Path("/x")))
    assert line.startswith("medlocal: error: MedLocal cannot write to its folder /x: read-only")
    assert not (medlocal_home / "logs").exists() or not list(
        (medlocal_home / "logs").glob("crash-*")
    )
    refused = PermissionError(errno.EACCES, "Permission denied", "/x/data/vault/vault.db")
    assert "/x/data/vault/vault.db" in (crash.cannot_write_message(refused) or "")
    assert crash.cannot_write_message(ValueError("x")) is None


def test_the_crash_handler_falls_back_to_stderr(tmp_path: Path) -> None:
    """The handler itself must never stop start-up: an unopenable native log (here os.open
    refused, as for a read-only folder) leaves the hooks installed and stacks on stderr."""
    proc = run_child(
        """
        import os, sys, threading
        from medlocal import crash
        real_open = os.open
        def refuse(path, *args, **kwargs):
            if str(path).endswith(crash.NATIVE_LOG_NAME):
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, *args, **kwargs)
        os.open = refuse
        assert crash.install_crash_handler() is None
        assert sys.excepthook is crash._excepthook
        assert threading.excepthook is crash._thread_excepthook
        print("started")
        """,
        tmp_path / "home",
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "started\n" and "Traceback" not in proc.stderr


_AS_A_USER_MAIN = """
import os, runpy, sys
from fixtures.permissions import owner_access
os.access = owner_access
sys.argv = sys.argv[1:]
runpy.run_module("medlocal", run_name="__main__", alter_sys=True)
"""


@pytest.mark.parametrize("command", [["patient", "list"], ["search", "anything"]])
def test_commands_in_a_read_only_home_say_so_in_one_line(
    read_only_home: Path, command: list[str]
) -> None:
    # As root (CI), the command is run with os.access answering as for a non-root owner.
    run, env = ["-m", "medlocal"], {**os.environ, "MEDLOCAL_HOME": str(read_only_home)}
    if ROOT:
        run = ["-c", _AS_A_USER_MAIN, "medlocal"]
        tests = str(Path(__file__).resolve().parents[1])
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [tests, env.get("PYTHONPATH")]))
    proc = subprocess.run(
        [sys.executable, *run, *command],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("medlocal: error: MedLocal cannot write to its folder ")
    assert "read-only" in lines[0] and "Traceback" not in proc.stderr
    assert not list((read_only_home / "logs").glob("crash-*"))
    assert read_only_home.stat().st_mode & 0o777 == 0o500


def test_doctor_in_a_read_only_home_reports_it_among_its_checks(read_only_home: Path) -> None:
    """Walk 38: ``doctor`` stopped at the first read-only folder with the one-line error the
    other commands give. It is the command to run when something is wrong: every check runs,
    the read-only folder is a PROBLEM line among them, exit 0 (findings are not errors)."""
    run, env = ["-m", "medlocal"], {**os.environ, "MEDLOCAL_HOME": str(read_only_home)}
    if ROOT:
        run = ["-c", _AS_A_USER_MAIN, "medlocal"]
        tests = str(Path(__file__).resolve().parents[1])
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [tests, env.get("PYTHONPATH")]))
    proc = subprocess.run(
        [sys.executable, *run, "doctor"], capture_output=True, text=True, env=env, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    out = proc.stdout
    problems = [line for line in out.splitlines() if line.startswith("PROBLEM:")]
    assert problems and all("read-only" in line for line in problems)
    assert any(f"{read_only_home / 'data'}: read-only" in line for line in problems)
    # The checks after the folders still ran and reported.
    for heading in ("OS:", "RAM:", "data:", "logs:", "Models:", "Offline:", "OCR:", "Crashes:"):
        assert any(line.startswith(heading) for line in out.splitlines()), heading
    assert not list((read_only_home / "logs").glob("crash-*"))
