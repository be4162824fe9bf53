"""Fixtures the real-component integration tests share: a fresh encrypted vault, and the
packaged MiniLM embedder converted to GGUF once per session (a conversion takes seconds)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fixtures.keychain import store  # noqa: F401 (a fixture, offered to the suite by name)

from medlocal.engine.api import Embedder
from medlocal.models.embedders import convert_packaged_embedder, packaged_model_zip
from medlocal.vault.keys import KdfParams
from medlocal.vault.store import Vault

# Argon2id at its cheapest: these tests exercise the vault, not the key derivation.
FAST_KDF = KdfParams(memory_kib=8 * 1024, iterations=1, lanes=1)


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    created, _recovery = Vault.create(tmp_path / "vault", "test passphrase", kdf_params=FAST_KDF)
    with created:
        yield created


@pytest.fixture(scope="session")
def minilm_gguf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The packaged embedder converted to GGUF once for the session. The conversion's scratch
    folder lies under MEDLOCAL_HOME's models folder, and a session fixture is set up before any
    test's own MEDLOCAL_HOME (conftest.medlocal_home): without one of its own here, it went to
    the real user's data folder (ci57)."""
    zip_path = packaged_model_zip()
    assert zip_path is not None
    folder = tmp_path_factory.mktemp("minilm")
    out = folder / "minilm.gguf"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MEDLOCAL_HOME", str(folder / "medlocal-home"))
        convert_packaged_embedder(zip_path, out)
    return out


@pytest.fixture(scope="session")
def minilm(engine: Any, minilm_gguf: Path) -> Iterator[Embedder]:
    model = engine.load_embedder(minilm_gguf)
    yield model
    model.unload()
