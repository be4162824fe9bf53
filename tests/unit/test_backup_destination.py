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
