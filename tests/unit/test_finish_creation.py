"""Review 47 R2: ``finish_creation`` marked the vault finished in memory before its key file was
written. A write that failed (a full disk) left the key file saying "unfinished" while a second
call did nothing and reported success: data added after it was refused as "holds nothing" and
the next creation deleted it. The flag now follows the write. Real SQLCipher vault; the key
file's write is made to fail with ENOSPC."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

import pytest
from fixtures.vault_file import FAST, PASS

from medlocal.vault import unlock
from medlocal.vault.errors import VaultFolderError
from medlocal.vault.store import Vault


def _full_disk(*_args: Any, **_kwargs: Any) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_finish_that_was_not_written_is_said_and_written_by_the_next_call(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "vault"
    vault, _key = Vault.create(folder, PASS, kdf_params=FAST, finish=False)
    try:
        with monkeypatch.context() as patch:
            patch.setattr(unlock, "save_key_file", _full_disk)
            with pytest.raises(VaultFolderError) as caught:
                vault.finish_creation()
        said = str(caught.value)
        assert said.startswith("The vault was not finished: its key file in ")
        assert "the disk is full" in said and "try again" in said
        assert Vault.is_unfinished(folder) and not Vault.exists(folder)
        vault.finish_creation()  # space freed: the second call writes it
        assert Vault.exists(folder) and not Vault.is_unfinished(folder)
    finally:
        vault.lock()
    Vault.open(folder, PASS).lock()  # and it opens
