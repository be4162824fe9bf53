"""Walk 50a D7: the window's first answer after unlock stalled 0.5-0.7 s near its end while a
worker built the medication lexicon's spelling index (6,691 names folded in pure Python, the
first time an answer's medication check needed it). The start-up warm-up builds it now, before
any question. A fresh interpreter: in this one an earlier test has usually built it."""

from __future__ import annotations

import subprocess
import sys


def test_the_warm_up_builds_the_medication_spelling_index() -> None:
    script = (
        "from medlocal.app.warm_up import load_dictionaries_and_freeze\n"
        "from medlocal.rag.medications import default_lexicon\n"
        "load_dictionaries_and_freeze()\n"
        "lexicon = default_lexicon()\n"
        "built = '_generics_by_key' in vars(lexicon)\n"
        "print(built, sorted(lexicon.english_generics('amlodipin')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=True
    )
    assert done.stdout.split() == ["True", "['amlodipine']"], done.stdout
