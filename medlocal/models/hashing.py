"""SHA-256 of model files: multi-gigabyte reads with progress and cancel.

``hashlib`` releases the GIL while hashing large buffers, so a GUI stays responsive while a worker
thread hashes; a 4 MiB ``readinto`` buffer keeps the number of Python-level iterations small.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from pathlib import Path

from medlocal.errors import GenerationCancelled, ModelLoadError

CHUNK_BYTES = 4 << 20

HashProgress = Callable[[int, int], None]  # (bytes done, total bytes)


class HashCancelled(GenerationCancelled):
    """The user stopped a verification."""


def sha256_file(
    path: Path,
    progress: HashProgress | None = None,
    cancel: threading.Event | None = None,
) -> str:
    """Lowercase hex SHA-256 of ``path``."""
    digest = hashlib.sha256()
    buffer = bytearray(CHUNK_BYTES)
    view = memoryview(buffer)
    done = 0
    try:
        total = path.stat().st_size
        with path.open("rb", buffering=0) as handle:
            while True:
                if cancel is not None and cancel.is_set():
                    raise HashCancelled(f"verification of {path.name} stopped")
                count = handle.readinto(buffer)
                if not count:
                    break
                digest.update(view[:count])
                done += count
                if progress is not None:
                    progress(done, total)
    except OSError as exc:
        raise ModelLoadError(f"{path.name} cannot be read ({exc.strerror or exc})") from exc
    return digest.hexdigest()
