"""Walk 43 D5: a vault made with "forêt glacée été château brûlé" (composed letters, NFC) did
not open with the same words typed in the decomposed form (NFD, "e" + combining accent), as
some keyboards and pastes send them: the passphrase went to Argon2id as typed. New wraps use the
NFC form, and every unwrap tries NFC, then the form as typed, then NFD, so no vault or backup
wrapped before (under a non-NFC passphrase) is locked out. The recovery key is unaffected."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from fixtures.backup_vault import FAST

from medlocal.vault import keys
from medlocal.vault.backup import create_backup
from medlocal.vault.errors import WrongPassphraseError
from medlocal.vault.restore import restore_backup
from medlocal.vault.store import Vault

WORDS = "forêt glacée été château brûlé"
NFC = unicodedata.normalize("NFC", WORDS)
NFD = unicodedata.normalize("NFD", WORDS)


def _opens(folder: Path, passphrase: str) -> bool:
    try:
        Vault.open(folder, passphrase=passphrase).lock()
    except WrongPassphraseError:
        return False
    return True


def test_the_forms_are_distinct_and_nfc_comes_first() -> None:
    assert NFC != NFD
    assert keys.passphrase_forms(NFD) == [NFC, NFD]
    assert keys.passphrase_forms(NFC) == [NFC, NFD]
    assert keys.passphrase_forms("plain ascii words") == ["plain ascii words"]


def test_a_new_vault_opens_with_either_form_and_its_backup_too(tmp_path: Path) -> None:
    vault, recovery_key = Vault.create(tmp_path / "vault", NFC, kdf_params=FAST)
    with vault:
        vault.add_patient("Ana Ferreira")
        usb = tmp_path / "usb"
        usb.mkdir()
        create_backup(vault, NFD, usb)  # typed decomposed on the day of the backup
    assert _opens(tmp_path / "vault", NFD) and _opens(tmp_path / "vault", NFC)
    assert not _opens(tmp_path / "vault", "foret glacee ete chateau brule")
    restore_backup(usb, tmp_path / "restored", passphrase=NFD)
    assert _opens(tmp_path / "restored", NFC)
    Vault.open(tmp_path / "vault", recovery_key=recovery_key).lock()


def test_a_vault_and_backup_wrapped_before_still_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Made before this change with the decomposed form (wrapped as typed)."""
    with monkeypatch.context() as old:
        old.setattr(keys.unicodedata, "normalize", lambda _form, text: text)
        vault, recovery_key = Vault.create(tmp_path / "vault", NFD, kdf_params=FAST)
        with vault:
            usb = tmp_path / "usb"
            usb.mkdir()
            create_backup(vault, NFD, usb)
    assert _opens(tmp_path / "vault", NFD)  # as typed then: still opens
    assert _opens(tmp_path / "vault", NFC)  # and now in the composed form too
    restore_backup(usb, tmp_path / "restored", passphrase=NFD)
    assert _opens(tmp_path / "restored", NFD) and _opens(tmp_path / "restored", NFC)
    restore_backup(usb, tmp_path / "restored2", passphrase=NFC)
    Vault.open(tmp_path / "vault", recovery_key=recovery_key).lock()
