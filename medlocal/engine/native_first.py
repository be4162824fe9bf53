"""llama.cpp's native libraries loaded before numpy's, once, at start.

Why: on the session-40 GPU check (an H200 machine, llama-cpp-python 0.3.36 built with CUDA by the
README's command, that machine's own numpy 2.5.2) every model load segfaulted, on the GPU and on
the CPU alike, when numpy had been imported before llama_cpp (``import numpy, llama_cpp;
Llama(...)``), and none did when llama_cpp came first (nine runs of each order). MedLocal imports
numpy when the vault's index opens, before the first model loads, so every answer crashed there.
The cause inside that numpy build was not established (its native libraries against llama.cpp's
OpenMP runtime are the suspects); loading llama.cpp first is cheap (about 0.1 s, the import the
first model load pays anyway) and changes nothing where numpy is well behaved.
"""

from __future__ import annotations

import importlib.util
import logging
import sys

log = logging.getLogger(__name__)


def load_before_numpy() -> bool:
    """Import llama_cpp (its native libraries first) unless numpy is already loaded, llama_cpp
    already is, or it is not installed. True when this call loaded it."""
    if "llama_cpp" in sys.modules:
        return False
    if "numpy" in sys.modules:
        log.debug("numpy was imported before llama.cpp; the load order cannot be chosen now")
        return False
    if importlib.util.find_spec("llama_cpp") is None:
        return False
    from medlocal.engine import backends
    from medlocal.engine.loading import quiet_native_stderr

    try:
        # A build with loadable backends registers them before llama.cpp is used (as
        # hardware.detect_backend does); a CUDA build announces its devices on fd 2 at import.
        backends.ensure_loaded()
        with quiet_native_stderr():
            import llama_cpp  # noqa: F401
    except Exception:  # a broken install: doctor and the first model load report it
        log.exception("loading llama.cpp at start failed")
        return False
    return True
