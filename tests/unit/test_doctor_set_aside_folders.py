"""Left by fix48a: `vault init --start-over` moves an earlier setup's files into a hidden
``.vault.set-aside-*`` folder beside the vault and never deletes it, but `doctor` did not list
them, so a hidden folder (perhaps holding the missing database) was forgotten. Doctor now lists
each with its size and date, and says how to delete one once nothing in it is needed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fixtures.vault_file import new_vault

from medlocal.cli import main
from medlocal.vault.unlock import VaultFiles, set_aside_folders


def _set_aside(folder: Path) -> Path:
    """A vault whose database went missing, set aside as `vault init --start-over` does."""
    with new_vault(folder):
        pass
    (folder / "vault.db").unlink()
    return VaultFiles(folder).set_aside()


def test_doctor_lists_set_aside_folders_with_size_date_and_how_to_delete(
    medlocal_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    vault = tmp_path / "vault"
    aside = _set_aside(vault)
    size = sum(p.lstat().st_size for p in aside.iterdir())
    assert size > 0

    assert main(["doctor", "--vault", str(vault)]) == 0
    lines = capsys.readouterr().out.splitlines()
    start = lines.index(
        "Set aside: 1 hidden folder of files from an earlier vault setup (vault init --start-over):"
    )
    listed = lines[start + 1]
    assert re.fullmatch(
        rf" +{re.escape(str(aside))} \([\d.]+ (bytes|KB)\, set aside \d{{4}}-\d\d-\d\d \d\d:\d\d\)",
        listed,
    ), listed
    assert "rm -r FOLDER" in lines[start + 2] and "never deletes" in lines[start + 2]

    assert main(["doctor", "--vault", str(vault), "--json"]) == 0
    (entry,) = json.loads(capsys.readouterr().out)["set_aside"]
    assert entry["path"] == str(aside) and entry["size"] == size


def test_only_this_vaults_set_aside_folders_are_listed(tmp_path: Path) -> None:
    mine, other = tmp_path / "my[vault]", tmp_path / "other"
    first = _set_aside(mine)
    _set_aside(other)
    (tmp_path / ".my[vault].set-aside-note.txt").write_text("a file, not a folder")
    assert set_aside_folders(mine) == [first]
    assert set_aside_folders(tmp_path / "none") == []


def test_doctor_says_nothing_of_set_aside_folders_when_there_are_none(
    medlocal_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with new_vault(tmp_path / "vault"):
        pass
    assert main(["doctor", "--vault", str(tmp_path / "vault")]) == 0
    assert "Set aside:" not in capsys.readouterr().out
