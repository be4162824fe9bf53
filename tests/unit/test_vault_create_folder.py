"""A vault folder that cannot be created is a one-line error, not an internal error."""

from __future__ import annotations

from pathlib import Path

import pytest

from medlocal.vault.errors import VaultFolderError
from medlocal.vault.keys import KdfParams
from medlocal.vault.store import Vault


def test_vault_folder_under_a_file_is_refused_clearly(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(VaultFolderError, match=r"Cannot create the vault folder .*not-a-folder"):
        Vault.create(blocker / "vault", "correct horse battery", kdf_params=KdfParams(1024, 1, 1))
