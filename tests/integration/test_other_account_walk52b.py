"""Walk 52b M2: a second OS account named the first account's backup folder or vault, and was
told "MedLocal may not use …/backup.json: Permission denied. Make its folder writable again":
advice to loosen another account's private patient data, naming a file that was not even at
that level; and `vault backup --verify` asked for a passphrase before it found it could not
read the folder. Now the folder is named as another account's, nothing advises changing it,
and --verify and restore say so before asking for a passphrase.

The other account is real: the command runs in a child process that has given up root for
the ``nobody`` account (root reads everything, so only another account meets the refusal);
the backup folder belongs to a third user id. Root-only, POSIX-only."""

from __future__ import annotations

import importlib
import os
import pkgutil
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import medlocal.cli

NOBODY, OWNER = 65534, 65533

pytestmark = pytest.mark.skipif(
    os.name != "posix" or os.geteuid() != 0, reason="needs root to act as two accounts"
)


@pytest.fixture
def shared() -> Iterator[Path]:
    """A folder other accounts can reach (the test's own tmp folders are root's, 0700), with a
    sticky shared folder holding the other account's private backup folder, and a home for
    ``nobody``."""
    places = [p for p in ("/var/tmp", "/dev/shm") if os.access(p, os.W_OK)]
    if not places or not os.stat(places[0]).st_mode & 0o001:
        pytest.skip("no folder that every account can reach")
    base = Path(tempfile.mkdtemp(prefix="medlocal-test-", dir=places[0]))
    base.chmod(0o755)
    (base / "common").mkdir(mode=0o1777)
    (base / "common").chmod(0o1777)
    backups = base / "common" / "medlocal"
    (backups / "medlocal-backup-x").mkdir(parents=True)
    (backups / "medlocal-backup-x" / "backup.json").write_text("{}")
    for folder in (backups, backups / "medlocal-backup-x"):
        os.chown(folder, OWNER, OWNER)
        folder.chmod(0o700)
    home = base / "home"
    home.mkdir()
    os.chown(home, NOBODY, NOBODY)
    home.chmod(0o700)
    # Whatever the commands import is imported here: as nobody, this checkout (under root's
    # folders) cannot be read.
    for found in pkgutil.walk_packages(medlocal.__path__, "medlocal."):
        if ".ui." not in found.name and not found.name.endswith("__main__"):
            importlib.import_module(found.name)
    yield base
    shutil.rmtree(base)


def _as_nobody(base: Path, job: Callable[[], int]) -> tuple[int, str]:
    """``job``'s exit code and what it printed, run in a child process as ``nobody``."""
    out = base / "out.txt"
    out.write_text("")
    out.chmod(0o666)
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 99
        try:
            fd = os.open(out, os.O_WRONLY | os.O_APPEND)
            os.dup2(fd, 1)
            os.dup2(fd, 2)
            # pytest's capture replaced sys.stdout/err with its own files: write to ours.
            sys.stdout = sys.stderr = os.fdopen(os.dup(fd), "w", buffering=1)
            os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            home = str(base / "home")
            os.environ.update(HOME=home, MEDLOCAL_HOME=home, XDG_STATE_HOME=home)
            code = job()
        except BaseException as err:
            print(f"child failed: {type(err).__name__}: {err}", flush=True)
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), out.read_text()


def _said(text: str, backups: Path) -> None:
    assert f"the folder {backups}" in text or f"{backups}: it belongs" in text, text
    assert "belongs to another user account" in text, text
    assert "writable" not in text and "chmod" not in text, text


def test_verify_names_another_accounts_folder_before_asking_a_passphrase(shared: Path) -> None:
    backups = shared / "common" / "medlocal"
    code, said = _as_nobody(
        shared, lambda: medlocal.cli.main(["vault", "backup", "--verify", str(backups)])
    )
    assert code == 2, said
    _said(said, backups)
    assert "passphrase could be read" not in said


def test_restore_names_another_accounts_folder(shared: Path) -> None:
    backups = shared / "common" / "medlocal"
    target = shared / "home" / "stolen"
    code, said = _as_nobody(
        shared,
        lambda: medlocal.cli.main(["vault", "restore", str(backups), "--vault", str(target)]),
    )
    assert code == 2, said
    _said(said, backups)
    assert not target.exists()


def test_a_vault_behind_another_accounts_folder_names_that_folder(shared: Path) -> None:
    backups = shared / "common" / "medlocal"
    inside = backups / "medlocal-backup-x"
    code, said = _as_nobody(
        shared, lambda: medlocal.cli.main(["patient", "list", "--vault", str(inside)])
    )
    assert code == 2, said
    _said(said, backups)


def test_the_window_words_it_the_same(shared: Path) -> None:
    """The window's restore and verify read the folder on a worker: its PermissionError, as the
    window words it."""
    from medlocal.ui.dialogs.common import error_text
    from medlocal.vault import backup_files

    backups = shared / "common" / "medlocal"

    def job() -> int:
        try:
            backup_files.find_backups(backups)
        except PermissionError as err:
            print(error_text(err, "The restore"))
            return 2
        return 0

    code, said = _as_nobody(shared, job)
    assert code == 2, said
    _said(said, backups)


def test_a_link_into_another_accounts_folder_names_that_folder(shared: Path) -> None:
    """Review 52b F4: a link in one's own folder to a file in another account's private folder
    failed its stat from the link itself, and the old "Make its folder writable again" came
    back (advice to loosen another account's folder); the link's target is walked too."""
    from medlocal.crash import cannot_write_message

    backups = shared / "common" / "medlocal"
    link = shared / "home" / "backup-link.json"
    link.symlink_to(backups / "medlocal-backup-x" / "backup.json")
    os.lchown(link, NOBODY, NOBODY)

    def job() -> int:
        print(cannot_write_message(PermissionError(13, "Permission denied", str(link))))
        return 2

    code, said = _as_nobody(shared, job)
    assert code == 2, said
    _said(said, backups)
