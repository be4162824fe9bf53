"""`medlocal vault backup --to DIR` makes a missing DIR with its missing parents, as `mkdir -p`
(session 41: a folder two levels deep was refused, though the window offers to make it), says
the absolute path it made, and refuses with one clear line, before asking the passphrase, a
path that is a file, a folder that cannot be written, and a missing folder where drives appear."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fixtures.backup_vault import PASS, make_planted_vault

from medlocal.cli import main
from medlocal.vault import backup_files
from medlocal.vault.backup_files import is_published


@pytest.fixture
def auth(tmp_path: Path, medlocal_home: Path) -> list[str]:
    vault = make_planted_vault(tmp_path / "vault", documents=1, chunks=2).folder
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS + "\n")
    return ["--vault", str(vault), "--passphrase-file", str(secret)]


def _backup(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["vault", "backup", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_folder_two_levels_deep_is_made_with_its_parents(
    auth: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deep = tmp_path / "usb" / "medlocal" / "backups"
    code, out, err = _backup(capsys, *auth, "--to", str(deep))
    assert code == 0, err
    assert out.startswith(
        f"Created the backup folder {deep} (and the missing folders from {tmp_path / 'usb'} "
        "down).\nBackup written and verified: "
    ), out
    assert [is_published(p) for p in deep.iterdir()] == [True]
    # Only its own name missing: said as before.
    sibling = tmp_path / "usb" / "medlocal" / "more"
    code, out, err = _backup(capsys, *auth, "--to", str(sibling))
    assert code == 0, err
    assert out.startswith(f"Created the backup folder {sibling}.\n"), out


def test_a_relative_deep_folder_is_made_under_the_shells_folder_and_said_whole(
    auth: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = _backup(capsys, *auth, "--to", "a/b/c")
    assert code == 0, err
    assert out.startswith(
        f"Backup folder: {tmp_path / 'a/b/c'} (relative to the current folder)\n"
        f"Created the backup folder {tmp_path / 'a/b/c'} (and the missing folders from "
        f"{tmp_path / 'a'} down).\n"
    ), out


def test_a_file_in_the_way_is_refused_before_the_passphrase_and_nothing_is_made(
    tmp_path: Path, medlocal_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    vault = make_planted_vault(tmp_path / "vault", documents=1, chunks=2).folder
    note = tmp_path / "note.txt"
    note.write_text("x")
    # No passphrase file and no terminal: asking for it would fail otherwise.
    code, _, err = _backup(capsys, "--vault", str(vault), "--to", str(note))
    assert code == 2 and f"{note} is a file, not a folder" in err, err
    code, _, err = _backup(capsys, "--vault", str(vault), "--to", str(note / "a" / "b"))
    assert code == 2, err
    assert f"cannot be created: {note} is a file, not a folder" in err, err


def test_a_folder_that_cannot_be_written_is_said_so(
    auth: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    read_only = tmp_path / "ro"
    read_only.mkdir()
    real_access = os.access

    def access(path: object, mode: int) -> bool:  # what a read-only mount answers, even root
        return False if Path(str(path)) == read_only else real_access(path, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(backup_files.os, "access", access)
    code, _, err = _backup(capsys, *auth, "--to", str(read_only / "x" / "y"))
    assert code == 2 and f"the folder {read_only} is not writable" in err, err
    assert not (read_only / "x").exists()
    code, _, err = _backup(capsys, *auth, "--to", str(read_only))
    assert code == 2 and f"The backup folder {read_only} is not writable" in err, err


def test_a_missing_drive_is_still_never_made_on_the_local_disk(
    auth: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    media = tmp_path / "media"
    (media / "me").mkdir(parents=True)
    monkeypatch.setattr(backup_files, "_DRIVE_FOLDERS", (media,))
    monkeypatch.setattr(backup_files, "_PER_USER_DRIVE_FOLDERS", (media,))
    code, _, err = _backup(capsys, *auth, "--to", str(media / "me" / "STICK" / "backups"))
    assert code == 2 and "may not be plugged in or mounted yet" in err, err
    assert list((media / "me").iterdir()) == []
