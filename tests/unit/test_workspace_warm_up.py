"""The window's warm-up: the search and de-identification dictionaries load once and everything
alive is frozen out of the garbage collector's full sweeps (which stop every thread, the
window's included)."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from medlocal.abbreviations import default_abbreviations
from medlocal.app import Workspace
from medlocal.drugs import default_vocabulary
from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_tagger import shipped_tagger


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()  # other tests run with the collector as usual


def test_warm_up_loads_the_dictionaries_and_freezes(tmp_path: Path, unfrozen: None) -> None:
    default_vocabulary.cache_clear()
    default_abbreviations.cache_clear()
    lexicon.cache_clear()
    shipped_tagger.cache_clear()
    assert gc.get_freeze_count() == 0
    workspace = Workspace(tmp_path / "vault")
    try:
        workspace.warm_up()
    finally:
        workspace.close()
    assert default_vocabulary.built
    assert default_abbreviations.built
    # A redacted export's first preview finds its word lists and model loaded.
    assert lexicon.built
    assert shipped_tagger.built
    assert gc.get_freeze_count() > 100_000  # the dictionaries' objects among them


def test_warm_up_loads_the_redactor_and_the_index_library() -> None:
    # Walk 25: the first "Export redacted copy…" waited 1.7-2.3 s for the redactor's patterns to
    # compile. Walk 34: the window's first unlock imported chromadb beside the warm-up (4.6 s in
    # the running window, 0.5 s with chromadb already in). A fresh interpreter: in this one an
    # earlier test has usually imported both.
    script = (
        "import sys\n"
        "from medlocal.app.warm_up import load_dictionaries_and_freeze\n"
        "assert 'medlocal.privacy.deid_patterns' not in sys.modules\n"
        "assert 'chromadb' not in sys.modules\n"
        "load_dictionaries_and_freeze()\n"
        "print('medlocal.privacy.deid_patterns' in sys.modules, 'chromadb' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=True
    )
    assert done.stdout.split() == ["True", "True"]


def test_warm_up_imports_the_index_library_before_the_dictionaries(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The unlock needs chromadb within seconds of the window opening (a remembered vault's at
    # once); the dictionaries can wait. Loaded first, the unlock finds it imported or waits for
    # the one import instead of importing it beside the dictionaries' work.
    import medlocal.abbreviations
    import medlocal.drugs
    import medlocal.privacy.deid_lexicon
    import medlocal.privacy.deid_tagger
    import medlocal.vault.index
    from medlocal.app.warm_up import load_dictionaries_and_freeze

    calls: list[str] = []
    for module, name in (
        (medlocal.vault.index, "load_index_library"),
        (medlocal.drugs, "default_vocabulary"),
        (medlocal.abbreviations, "default_abbreviations"),
        (medlocal.privacy.deid_lexicon, "lexicon"),
        (medlocal.privacy.deid_tagger, "shipped_tagger"),
        (gc, "freeze"),
    ):
        monkeypatch.setattr(module, name, lambda name=name: calls.append(name))
    load_dictionaries_and_freeze()
    assert calls[0] == "load_index_library"
    assert calls[-1] == "freeze"
    assert sorted(calls[1:-1]) == [
        "default_abbreviations",
        "default_vocabulary",
        "lexicon",
        "shipped_tagger",
    ]


def _patch_loaders(monkeypatch: pytest.MonkeyPatch, load: Callable[[], object]) -> None:
    import medlocal.abbreviations
    import medlocal.drugs
    import medlocal.privacy.deid_lexicon
    import medlocal.privacy.deid_tagger
    import medlocal.vault.index

    for module, name in (
        (medlocal.vault.index, "load_index_library"),
        (medlocal.drugs, "default_vocabulary"),
        (medlocal.abbreviations, "default_abbreviations"),
        (medlocal.privacy.deid_lexicon, "lexicon"),
        (medlocal.privacy.deid_tagger, "shipped_tagger"),
    ):
        monkeypatch.setattr(module, name, load)


def test_warm_up_runs_no_collection_while_it_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    # Walk 44: a question asked as the window started; the warm-up's new objects set off full
    # sweeps of the heap (330-960 ms each at load 8) that stopped the window 0.96 s.
    from medlocal.app.warm_up import load_dictionaries_and_freeze

    kept: list[list[int]] = []
    loading: list[bool] = []

    def load() -> None:
        loading.append(True)
        kept.extend([i] for i in range(50_000))  # long-lived containers, as the dictionaries
        loading.pop()

    _patch_loaders(monkeypatch, load)
    # Automatic collection off at the freeze: the young threshold 0 (review 50b R6: the
    # warm-up leaves gc.isenabled() alone, so a gc.disable() meanwhile is kept).
    off_at_freeze: list[bool] = []
    monkeypatch.setattr(gc, "freeze", lambda: off_at_freeze.append(gc.get_threshold()[0] == 0))
    collections: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and loading:  # one set off by the loading itself
            collections.append(info["generation"])

    assert gc.isenabled()
    gc.callbacks.append(note)
    try:
        load_dictionaries_and_freeze()
    finally:
        gc.callbacks.remove(note)
    assert len(kept) == 250_000
    assert collections == []  # without the pause: several hundred, some of them full sweeps
    assert off_at_freeze == [True]
    assert gc.isenabled()
    assert gc.get_threshold()[0] > 0


def test_warm_up_gives_the_collector_back_as_it_was(monkeypatch: pytest.MonkeyPatch) -> None:
    from medlocal.app.warm_up import load_dictionaries_and_freeze

    def broken() -> None:
        raise OSError("word list unreadable")

    _patch_loaders(monkeypatch, broken)
    with pytest.raises(OSError, match="unreadable"):
        load_dictionaries_and_freeze()
    assert gc.isenabled()  # on again after a failed warm-up
    _patch_loaders(monkeypatch, lambda: None)
    monkeypatch.setattr(gc, "freeze", lambda: None)
    gc.disable()
    try:
        load_dictionaries_and_freeze()
        assert not gc.isenabled()  # someone's own gc.disable() is kept
    finally:
        gc.enable()
