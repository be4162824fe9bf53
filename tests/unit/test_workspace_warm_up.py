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


def test_warm_up_loads_the_redactor() -> None:
    # Walk 25: the first "Export redacted copy…" waited 1.7-2.3 s for the redactor's patterns to
    # compile. A fresh interpreter: in this one an earlier test has usually imported it.
    script = (
        "import sys\n"
        "from medlocal.app.warm_up import load_dictionaries_and_freeze\n"
        "assert 'medlocal.privacy.deid_patterns' not in sys.modules\n"
        "load_dictionaries_and_freeze()\n"
        "print('medlocal.privacy.deid_patterns' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=True
    )
    assert done.stdout.split() == ["True"]
