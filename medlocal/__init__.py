"""MedLocal: private, offline medical language models with an encrypted document vault.

Importing the package applies the offline environment before any third-party library is imported
(huggingface_hub and chromadb read these variables at import time). The socket guard itself is
installed by each entry point (CLI, GUI, tests) through ``medlocal.privacy.netguard.install``.
"""

from __future__ import annotations

import os as _os

__version__ = "0.1.0"

OFFLINE_ENV: dict[str, str] = {
    "HF_HUB_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "DO_NOT_TRACK": "1",
    "ANONYMIZED_TELEMETRY": "False",
    # onnxruntime (the OCR engine) >= 1.2x on Linux/macOS starts Microsoft 1DS telemetry at import:
    # a device id and an event queue under ~/.cache/Microsoft/DeveloperTools/.onnxruntime and
    # HTTPS uploads from native code, which the Python socket guard cannot see.
    "ORT_DISABLE_TELEMETRY": "1",
}

# Forced, not setdefault: a user's shell or a stray .env must not switch telemetry back on.
_os.environ.update(OFFLINE_ENV)
