"""The backup destination's errors say what is wrong with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from medlocal.vault.backup_files import check_destination
from medlocal.vault.manifest import BackupRefusedError


def test_a_file_is_not_called_a_missing_folder(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("x")
    with pytest.raises(BackupRefusedError, match="is a file, not a folder"):
        check_destination(note)
    with pytest.raises(BackupRefusedError, match="does not exist"):
        check_destination(tmp_path / "missing")
    check_destination(tmp_path)


def test_a_missing_folder_under_a_read_only_one_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walk 40: `vault backup --to /ro-mount/sub` said "does not exist. Create it first" though
    the read-only mount lets nobody create it. (os.access is what a read-only mount answers even
    to root; chmod does not stop root, so the answer is planted.)"""
    import os

    from medlocal.vault import backup_files

    read_only = tmp_path / "ro"
    read_only.mkdir()
    real_access = os.access

    def access(path: object, mode: int) -> bool:
        return False if Path(str(path)) == read_only else real_access(path, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(backup_files.os, "access", access)
    with pytest.raises(BackupRefusedError, match="is not writable") as caught:
        check_destination(read_only / "sub")
    assert "Create it first" not in str(caught.value)
    assert f"the folder {read_only} is not writable" in str(caught.value)
    with pytest.raises(BackupRefusedError, match="Create it first"):  # a writable parent
        check_destination(tmp_path / "sub")
