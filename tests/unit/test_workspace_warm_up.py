"""The window's warm-up: the search and de-identification dictionaries load once and everything
alive is frozen out of the garbage collector's full sweeps (which stop every thread, the
window's included)."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator
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
    assert default_vocabulary.cache_info().currsize == 1
    assert default_abbreviations.cache_info().currsize == 1
    # A redacted export's first preview finds its word lists and model loaded.
    assert lexicon.cache_info().currsize == 1
    assert shipped_tagger.cache_info().currsize == 1
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
