"""Walk 49b: a year of weekly backups of one vault.

D1: backups piled up unseen (5 full copies, nothing listed them, ``--keep`` had to be typed each
time, the window's Keep newest was forgotten). ``vault backup --list`` names each backup (date,
size, verified or unfinished, which vault); the backup_keep setting is used by a plain ``vault
backup``; keeping all (the default) is said after each backup with the folder's count and size.
D2: a full stick's refusal named no older backup and no way to make room. D4: a stick pulled out
mid-backup was told as another program's doing.
"""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from fixtures.backup_vault import PASS, make_planted_vault

from medlocal.cli import main as cli_main
from medlocal.settings import load_settings, update_setting
from medlocal.vault import backup_files
from medlocal.vault.backup import create_backup
from medlocal.vault.backup_listing import list_backups, room_note
from medlocal.vault.manifest import BackupError
from medlocal.vault.store import Vault


@pytest.fixture
def planted(tmp_path: Path) -> tuple[Path, list[str]]:
    vault = make_planted_vault(tmp_path / "vault", documents=2, chunks=4).folder
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS + "\n")
    return vault, ["--vault", str(vault), "--passphrase-file", str(secret)]


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    """The backups' folder (a USB stick's)."""
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


def _backup(args: list[str], usb: Path, *more: str) -> int:
    return cli_main(["vault", "backup", *args, "--to", str(usb), *more])


def test_list_names_each_backup_with_date_size_state_and_vault(
    planted: tuple[Path, list[str]], usb: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _vault, args = planted
    assert _backup(args, usb) == 0
    assert _backup(args, usb) == 0
    out = capsys.readouterr().out
    # Keeping all (the default) is said, with the count, the space and how to keep fewer.
    assert "now holds 2 backup(s) of this vault" in out, out
    assert "medlocal settings set backup_keep N" in out and "--prune 1" in out, out
    (usb / ".medlocal-backup-20261203T215728Z-ffffffff-35d7.partial").mkdir()  # interrupted
    assert cli_main(["vault", "backup", "--list", "--vault", args[1], "--to", str(usb)]) == 0
    listed = capsys.readouterr().out
    lines = [line for line in listed.splitlines() if line.startswith("  ")]
    assert len(lines) == 3, listed
    assert lines[0].lstrip().startswith("2026-12-03 21:57 UTC"), listed
    assert "UNFINISHED: cannot be restored; vault unknown" in lines[0], listed
    assert all("verified when written; this vault" in line for line in lines[1:]), listed
    assert all(" MB " in line for line in lines), listed
    assert "3 backup folder(s)" in listed and "2 finished of this vault" in listed, listed


def test_the_keep_setting_is_used_by_a_plain_backup(
    planted: tuple[Path, list[str]], usb: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _vault, args = planted
    assert load_settings().backup_keep == 0  # default: keep all, nothing deleted unasked
    assert _backup(args, usb) == 0 and _backup(args, usb) == 0
    update_setting("backup_keep", "1")
    assert _backup(args, usb) == 0
    out = capsys.readouterr().out
    assert out.count("removed older backup") == 2, out
    assert "the newest 1 are kept" in out, out
    assert len([b for b in list_backups(usb) if b.finished]) == 1


def test_prune_removes_only_this_vaults_oldest(
    planted: tuple[Path, list[str]], usb: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _vault, args = planted
    for _ in range(3):
        assert _backup(args, usb) == 0
    newest = list_backups(usb)[-1].folder
    # The removal unlocks the vault (here with --passphrase-file) for its audit entry (left 49).
    command = ["vault", "backup", "--prune", "1", *args, "--to", str(usb)]
    assert cli_main([*command, "--yes"]) == 0
    assert "Removed 2 backups of this vault" in capsys.readouterr().out
    assert [b.folder for b in list_backups(usb)] == [newest]


def test_a_full_stick_names_the_older_backups_and_the_command_to_make_room(
    planted: tuple[Path, list[str]], usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault, _args = planted
    with Vault.open(vault, PASS) as opened:
        first = create_backup(opened, PASS, usb)
    size = list_backups(usb)[0].size
    # Another drive, with room for a little less than one more backup.
    monkeypatch.setattr(
        backup_files, "free_bytes", lambda folder: size // 2 if folder == usb else 10**12
    )
    real_stat = backup_files.os.stat

    def stat(path: object, *a: object, **k: object) -> object:
        found = real_stat(path, *a, **k)  # type: ignore[arg-type]
        if isinstance(path, str | Path) and Path(path) == usb:
            fields = list(found)
            fields[2] = found.st_dev + 1
            return backup_files.os.stat_result(fields)
        return found

    monkeypatch.setattr(backup_files.os, "stat", stat)
    with Vault.open(vault, PASS) as opened, pytest.raises(BackupError) as refused:
        create_backup(opened, PASS, usb)
    message = str(refused.value)
    made = first.header.created_at[:10]
    assert "That folder holds 1 older MedLocal backup(s)" in message and made in message, message
    # The only backup is never offered for removal (review 49b R2: pruning keeps at least 1).
    assert "--prune 0" not in message, message
    assert "Even removing all but this vault's newest" in message, message
    assert first.path.is_dir()  # nothing removed unasked


def test_room_note_removes_only_as_many_as_needed(
    planted: tuple[Path, list[str]], usb: Path
) -> None:
    vault, _args = planted
    with Vault.open(vault, PASS) as opened:
        for _ in range(3):
            create_backup(opened, PASS, usb)
        vault_id = opened.vault_id
    size = list_backups(usb)[0].size
    note = room_note(usb, vault_id, size + 1)  # two of the three must go
    assert "oldest 2 would make room" in note and "--prune 1" in note, note
    assert "Even removing" in room_note(usb, vault_id, 10 * size)
    assert room_note(usb.parent, vault_id, 1) == ""  # no backup there: nothing to name


def test_a_drive_gone_mid_write_says_it_may_be_disconnected(
    planted: tuple[Path, list[str]], usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault, _args = planted

    def pulled(*_a: object, **_k: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(backup_files, "write_parts", pulled)
    with Vault.open(vault, PASS) as opened, pytest.raises(BackupError) as failed:
        create_backup(opened, PASS, usb)
    assert "the drive may have been disconnected" in str(failed.value), failed.value
    assert "your vault is unchanged" in str(failed.value)


def test_a_staging_folder_gone_before_publishing_names_a_disconnected_drive(
    usb: Path,
) -> None:
    staging = usb / ".medlocal-backup-x.partial"
    staging.mkdir()
    final = usb / "medlocal-backup-x"
    # The folder vanished after its last fsync, as a pulled stick's does.
    real_rename = backup_files.os.rename

    def gone(src: object, dst: object) -> None:
        backup_files.remove_tree(staging)
        real_rename(src, dst)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(backup_files.os, "rename", gone)
        with pytest.raises(BackupError, match="the drive may have been disconnected"):
            backup_files.publish(staging, final)
