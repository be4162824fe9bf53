"""Model-manager benchmark: integrity hashing and hub download throughput, each against a baseline.

* SHA-256 verification (``medlocal.engine.hashing.sha256_file``, what the registry runs before a
  load) against plain ``hashlib.file_digest`` on the same file, page cache warm, best of 3.
* Download from the loopback hub (``tests/fakehub.py``) through MedLocal's real download path
  (HEAD, GET through huggingface_hub into a .part file, fsync, SHA-256 check, rename) against a
  plain ``http.client`` GET of the same URL from the same server, and against the same work done
  by hand (GET + fsync + SHA-256), best of 3 each.

Prints one JSON object on its last line (``benchmarks/run.py`` collects it).
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # fakehub

MB = 1 << 20


def _best_of(runs: int, func: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - started)
    return best


def _make_file(path: Path, size_mb: int) -> None:
    block = os.urandom(16 * MB)
    with path.open("wb") as handle:
        for _ in range(size_mb // 16):
            handle.write(block)


def bench_hashing(work: Path, size_mb: int) -> dict[str, float]:
    from medlocal.engine.hashing import sha256_file

    path = work / "hash.bin"
    _make_file(path, size_mb)
    path.read_bytes()  # warm the page cache so both sides measure hashing, not the disk

    def plain() -> str:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()

    assert sha256_file(path) == plain()
    ours = _best_of(3, lambda: sha256_file(path))
    base = _best_of(3, plain)
    return {
        "file_mb": size_mb,
        "medlocal_mb_s": round(size_mb / ours, 1),
        "hashlib_mb_s": round(size_mb / base, 1),
        "ratio": round(base / ours, 3),
    }


def bench_download(work: Path, size_mb: int) -> dict[str, float]:
    from fakehub import FakeHub

    os.environ["MEDLOCAL_HOME"] = str(work / "home")
    hub = FakeHub()
    os.environ["HF_ENDPOINT"] = hub.endpoint
    repo, name = "bench/model-GGUF", "bench.gguf"
    data = os.urandom(size_mb * MB)
    hub.add_file(repo, name, data)
    from medlocal.models.download import download_file

    def ours() -> None:
        done = download_file(repo, name)
        done.path.unlink()

    url = urlsplit(f"{hub.endpoint}/{repo}/resolve/main/{name}")

    def plain(durable_and_checked: bool = False) -> None:
        conn = http.client.HTTPConnection(url.hostname or "127.0.0.1", url.port, timeout=30)
        conn.request("GET", url.path)
        response = conn.getresponse()
        digest = hashlib.sha256()
        with (work / "plain.bin").open("wb") as out:
            while chunk := response.read(MB):
                out.write(chunk)
                if durable_and_checked:
                    digest.update(chunk)
            if durable_and_checked:
                out.flush()
                os.fsync(out.fileno())
        conn.close()

    try:
        ours_s = _best_of(3, ours)
        plain_s = _best_of(3, plain)
        same_work_s = _best_of(3, lambda: plain(durable_and_checked=True))
    finally:
        hub.close()
    return {
        "file_mb": size_mb,
        "medlocal_mb_s": round(size_mb / ours_s, 1),
        "plain_get_mb_s": round(size_mb / plain_s, 1),
        "ratio_vs_plain_get": round(plain_s / ours_s, 3),
        # The same work by hand: GET + fsync + SHA-256, no HEAD, no library.
        "plain_get_fsync_sha256_mb_s": round(size_mb / same_work_s, 1),
        "ratio_vs_same_work": round(same_work_s / ours_s, 3),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="smaller files")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="medlocal-bench-models-") as tmp:
        work = Path(tmp)
        result = {
            "sha256": bench_hashing(work, 128 if args.quick else 512),
            "download": bench_download(work, 64 if args.quick else 256),
        }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
