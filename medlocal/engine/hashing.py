"""File hashing shared by the engine (provenance) and the model manager (integrity)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

_CHUNK = 4 << 20  # 4 MiB reads: near hashlib's peak throughput, small enough for smooth progress


def sha256_file(path: Path, progress: Callable[[int, int], None] | None = None) -> str:
    """Hex sha256 of ``path``; ``progress(done_bytes, total_bytes)`` after each block."""
    total = path.stat().st_size
    digest = hashlib.sha256()
    done = 0
    with path.open("rb") as handle:
        while block := handle.read(_CHUNK):
            digest.update(block)
            done += len(block)
            if progress is not None:
                progress(done, total)
    return digest.hexdigest()
