"""Note 43 (Restore): a vault whose passphrase wrap was made from the decomposed form (NFD,
"e" + combining accent, before wraps used NFC) paid two Argon2id runs on every correct unlock:
NFC first (fails), then the form that opens it. A successful unlock with a non-NFC form now
re-wraps the key under the NFC form, in the one atomic key-file write the unlock makes anyway,
so the next unlock pays one run. A crash before that write leaves the old wrap, which opens."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.backup_vault import FAST

from medlocal import fsutil
from medlocal.vault import keys
from medlocal.vault.keyfile import KEY_FILE_NAME
from medlocal.vault.store import Vault

WORDS = "forêt glacée été château brûlé"
NFC = unicodedata.normalize("NFC", WORDS)
NFD = unicodedata.normalize("NFD", WORDS)


class Crash(BaseException):
    """A process killed mid-write: not an Exception, so nothing on the way catches it."""


@pytest.fixture
def nfd_vault(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A vault made before wraps used NFC, with the passphrase typed decomposed."""
    with monkeypatch.context() as old:
        old.setattr(keys.unicodedata, "normalize", lambda _form, text: text)
        vault, _recovery = Vault.create(tmp_path / "vault", NFD, kdf_params=FAST)
        vault.lock()
    yield tmp_path / "vault"


def _argon2_runs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    runs: list[str] = []
    derive = keys.derive_kek

    def counted(passphrase: str, salt: bytes, params: keys.KdfParams) -> keys.SecretKey:
        runs.append(passphrase)
        return derive(passphrase, salt, params)

    monkeypatch.setattr(keys, "derive_kek", counted)
    return runs


def test_an_nfd_vault_is_rewrapped_once_then_opens_with_one_run(
    nfd_vault: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs = _argon2_runs(monkeypatch)
    Vault.open(nfd_vault, passphrase=NFD).lock()
    assert runs == [NFC, NFD, NFC]  # NFC fails, NFD opens, the re-wrap under NFC
    for typed in (NFD, NFC):
        runs.clear()
        Vault.open(nfd_vault, passphrase=typed).lock()
        assert runs == [NFC], typed


def test_an_nfc_vault_and_an_ascii_one_are_not_rewritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for folder, passphrase in (("nfc", NFC), ("ascii", "plain ascii words here")):
        Vault.create(tmp_path / folder, passphrase, kdf_params=FAST)[0].lock()
        wrap = (tmp_path / folder / KEY_FILE_NAME).read_text(encoding="utf-8")
        runs = _argon2_runs(monkeypatch)
        Vault.open(tmp_path / folder, passphrase=passphrase).lock()
        assert len(runs) == 1
        after = (tmp_path / folder / KEY_FILE_NAME).read_text(encoding="utf-8")
        assert _passphrase_wrap(after) == _passphrase_wrap(wrap)


def _passphrase_wrap(text: str) -> str:
    return json.dumps(json.loads(text)["wraps"]["passphrase"], sort_keys=True)


def test_a_crash_between_the_rewrap_and_its_write_leaves_the_old_wrap(
    nfd_vault: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The new wrap is made, the temporary key file written, and the process dies before it
    replaces the old one: the key file on disk is byte for byte the old one, and it opens
    with either form (and is re-wrapped then)."""
    before = (nfd_vault / KEY_FILE_NAME).read_bytes()
    replace = fsutil.os.replace
    with monkeypatch.context() as crash:

        def dies(src: object, dst: object) -> None:
            raise Crash

        crash.setattr(fsutil.os, "replace", dies)
        with pytest.raises(Crash):
            Vault.open(nfd_vault, passphrase=NFD)
    assert fsutil.os.replace is replace
    assert (nfd_vault / KEY_FILE_NAME).read_bytes() == before
    assert [p.name for p in nfd_vault.iterdir() if p.name.startswith(KEY_FILE_NAME)] == [
        KEY_FILE_NAME
    ]
    runs = _argon2_runs(monkeypatch)
    Vault.open(nfd_vault, passphrase=NFC).lock()  # the vault was not left open: no busy error
    assert runs == [NFC, NFD, NFC]
    runs.clear()
    Vault.open(nfd_vault, passphrase=NFD).lock()
    assert runs == [NFC]


def test_the_recovery_key_still_opens_after_the_rewrap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as old:
        old.setattr(keys.unicodedata, "normalize", lambda _form, text: text)
        vault, recovery = Vault.create(tmp_path / "vault", NFD, kdf_params=FAST)
        vault.add_patient("Ana Ferreira")
        vault.lock()
    Vault.open(tmp_path / "vault", passphrase=NFD).lock()
    with Vault.open(tmp_path / "vault", recovery_key=recovery) as reopened:
        assert [p.name for p in reopened.list_patients()] == ["Ana Ferreira"]
