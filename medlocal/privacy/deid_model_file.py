"""Where the de-identification tagger's model ships, and whether it opens.

Apart from :mod:`~medlocal.privacy.deid_tagger` so that ``doctor`` can check the file without
importing the word scan and its lists.
"""

from __future__ import annotations

from pathlib import Path

import pycrfsuite

from medlocal.paths import resources_dir

MODEL_FILE = "deid_tagger.crfsuite"


def model_path() -> Path:
    return resources_dir() / MODEL_FILE


def shipped_model_problem() -> str:
    """Why the shipped model cannot be used ("" when it opens)."""
    path = model_path()
    if not path.is_file():
        return f"{path.name} is missing from {path.parent}"
    try:
        pycrfsuite.Tagger().open(str(path))
    except (OSError, ValueError) as exc:
        return f"{path.name} cannot be opened ({exc})"
    return ""
