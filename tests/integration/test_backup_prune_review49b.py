"""Review 49b: removing older backups must never lose the one that matters.

R1: with the clock set back, the backup just written sorted oldest and retention removed it,
while the record still named it as the last verified backup. R2: ``--prune 0`` removed every
backup unasked. R3: a manifest date that does not parse crashed the listing. R4: a removal cut
short left a manifest that listed as verified. R5: a link named like a backup was followed.
Real SQLCipher vaults and real backups throughout.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from fixtures.backup_vault import PASS, make_planted_vault

from medlocal.cli import main as cli_main
from medlocal.vault import backup as backup_module
from medlocal.vault import backup_files
from medlocal.vault.backup import BackupResult, create_backup, prune_backups
from medlocal.vault.backup_listing import list_backups, room_note
from medlocal.vault.backup_state import last_verified_backup
from medlocal.vault.manifest import MANIFEST_NAME
from medlocal.vault.store import Vault


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    return make_planted_vault(tmp_path / "vault", documents=1, chunks=2).folder


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


def _backup(vault: Path, usb: Path, keep: int | None = None) -> BackupResult:
    with Vault.open(vault, passphrase=PASS) as opened:
        return create_backup(opened, PASS, usb, keep=keep)


def _with_date(source: Path, suffix: str, created_at: str) -> Path:
    """A copy of a backup whose manifest carries ``created_at`` (a damaged or future date)."""
    copy = source.with_name(source.name[:-4] + suffix)
    copy.mkdir()
    for part in source.iterdir():
        (copy / part.name).write_bytes(part.read_bytes())
    manifest = json.loads((copy / MANIFEST_NAME).read_text())
    manifest["created_at"] = created_at
    (copy / MANIFEST_NAME).write_text(json.dumps(manifest))
    return copy


def _names(usb: Path) -> set[str]:
    return {p.name for p in usb.iterdir()}


def test_the_backup_just_written_is_kept_with_the_clock_set_back(
    vault: Path, usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _backup(vault, usb)
    _backup(vault, usb)

    class DayBehind(datetime):
        @classmethod
        def now(cls, tz: object = None) -> DayBehind:  # type: ignore[override]
            return datetime.now(tz) - timedelta(days=1)  # type: ignore[arg-type, return-value]

    monkeypatch.setattr(backup_module, "datetime", DayBehind)
    newest = _backup(vault, usb, keep=1)
    assert newest.path.is_dir() and newest.path not in newest.removed
    recorded = last_verified_backup(newest.header.vault_id)
    assert recorded is not None and Path(recorded.path).is_dir()  # never a removed folder


def test_an_unreadable_or_future_date_is_listed_and_never_pruned(
    vault: Path, usb: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = _backup(vault, usb)
    bad = _with_date(first.path, "beef", "2026-13-05T10:00:00+00:00")
    ahead = _with_date(first.path, "cafe", "2099-01-01T00:00:00+00:00")
    _backup(vault, usb)
    last = _backup(vault, usb)
    removed = prune_backups(usb, first.header.vault_id, 1)
    assert bad.is_dir() and ahead.is_dir() and last.path.is_dir()
    # The far-future one did not count as "the newest": dated ones went by their own order.
    assert first.path in removed and last.path not in removed
    listed = {b.folder: b for b in list_backups(usb)}
    assert listed[bad].made == "date unreadable" and not listed[bad].finished
    assert "DAMAGED: the date in its manifest cannot be read" in listed[bad].describe()
    assert "date unreadable" in room_note(usb, first.header.vault_id, 10**12)
    assert cli_main(["vault", "backup", "--list", "--vault", str(vault), "--to", str(usb)]) == 0
    assert "date unreadable" in capsys.readouterr().out


def test_prune_keeps_at_least_one_and_asks_first(
    vault: Path, usb: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for _ in range(3):
        last = _backup(vault, usb)
    before = _names(usb)
    command = ["vault", "backup", "--vault", str(vault), "--to", str(usb), "--prune"]
    assert cli_main([*command, "0", "--yes"]) != 0
    assert "keep at least 1" in capsys.readouterr().err
    assert cli_main([*command, "1"]) != 0  # a script (no terminal) without --yes: refused
    assert "asks for confirmation" in capsys.readouterr().err
    assert _names(usb) == before
    secret = usb.parent / "pass.txt"
    secret.write_text(PASS + "\n")
    # The removal unlocks the vault for its audit entry (left 49).
    assert cli_main([*command, "1", "--yes", "--passphrase-file", str(secret)]) == 0
    assert _names(usb) == {last.path.name}
    recorded = last_verified_backup(last.header.vault_id)
    assert recorded is not None and Path(recorded.path).is_dir()


def test_a_removal_cut_short_leaves_nothing_that_lists_as_verified(
    vault: Path, usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _backup(vault, usb)
    last = _backup(vault, usb)

    def pulled(folder: Path) -> None:
        raise OSError("the stick was pulled out")

    monkeypatch.setattr(backup_files, "remove_tree", pulled)
    with pytest.raises(OSError):
        prune_backups(usb, first.header.vault_id, 1)
    assert [b.folder for b in list_backups(usb)] == [last.path]  # set aside in one rename
    # A manifest without its data is not a verified backup.
    (last.path / backup_files.part_name(0)).unlink()
    (damaged,) = list_backups(usb)
    assert not damaged.finished and "its data files are missing" in damaged.describe()


def test_a_link_named_like_a_backup_is_neither_listed_nor_followed(
    vault: Path, usb: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "other_disk"
    elsewhere.mkdir()
    far = _backup(vault, elsewhere)
    first = _backup(vault, usb)
    last = _backup(vault, usb)
    older_link = usb / first.path.name.replace(first.path.name[16:32], "20000101T000000Z")
    older_link.symlink_to(far.path)
    newer_link = usb / first.path.name.replace(first.path.name[16:32], "20990101T000000Z")
    newer_link.symlink_to(far.path)
    assert {b.folder for b in list_backups(usb)} == {first.path, last.path}
    assert prune_backups(usb, first.header.vault_id, 1) == (first.path,)
    assert far.path.is_dir() and last.path.is_dir() and older_link.is_symlink()


def test_a_newer_medlocals_backup_is_listed_as_such_and_left(vault: Path, usb: Path) -> None:
    """R9: it was listed as "DAMAGED: its manifest cannot be read"."""
    first = _backup(vault, usb)
    newer = _with_date(first.path, "f00d", first.header.created_at)
    manifest = json.loads((newer / MANIFEST_NAME).read_text())
    manifest["version"] += 1
    (newer / MANIFEST_NAME).write_text(json.dumps(manifest))
    _backup(vault, usb)
    listed = {b.folder: b for b in list_backups(usb)}
    assert "written by another MedLocal version" in listed[newer].describe()
    assert "DAMAGED" not in listed[newer].describe()
    assert prune_backups(usb, first.header.vault_id, 1) == (first.path,)
    assert newer.is_dir()
