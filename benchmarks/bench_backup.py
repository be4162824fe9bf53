"""Backup benchmark: encrypted backup, verification and restore of the synthetic vault.

Builds the same vault as ``bench_vault`` (random 384-d vectors, default Argon2id), then measures
in one run:
* a plain file copy of the vault database (copy + fsync): the baseline;
* ``create_backup`` (snapshot under a fresh key, copy into parts, verify from the destination);
* ``verify_backup`` of the finished backup;
* ``restore_backup`` into an empty folder (join, verify, re-encrypt, key file).

Throughputs are the vault database's size over the wall time; the ratios against the plain copy
measured in the same run are the result (absolute numbers on a shared machine are noise). Each
timing includes Argon2id with the default cost, reported separately.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench_vault import PASSPHRASE, build

from medlocal.vault.backup import create_backup, verify_backup
from medlocal.vault.keys import KdfParams, derive_kek
from medlocal.vault.restore import restore_backup
from medlocal.vault.store import Vault


def plain_copy(source: Path, target: Path) -> float:
    started = time.perf_counter()
    shutil.copyfile(source, target)
    fd = os.open(target, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    elapsed = time.perf_counter() - started
    target.unlink()
    return elapsed


def argon2_seconds() -> float:
    started = time.perf_counter()
    derive_kek(PASSPHRASE, bytes(16), KdfParams()).wipe()
    return time.perf_counter() - started


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--chunks", type=int, default=100_000)
    ap.add_argument("--patients", type=int, default=100)
    ap.add_argument("--per-doc", type=int, default=50, help="chunks per document")
    ap.add_argument("--quick", action="store_true", help="10,000 chunks, 20 patients")
    args = ap.parse_args()
    if args.quick:
        args.chunks, args.patients = 10_000, 20
    result: dict[str, object] = {"chunks": args.chunks, "cpu_count": os.cpu_count()}
    with tempfile.TemporaryDirectory(prefix="medlocal-bench-") as tmp:
        os.environ["MEDLOCAL_HOME"] = tmp
        folder = Path(tmp) / "vault"
        build(folder, args.chunks, args.patients, args.per_doc, seed=3)
        database = folder / "vault.db"
        mb = database.stat().st_size / 1e6
        result["database_mb"] = round(mb, 1)
        result["argon2id_default_s"] = round(argon2_seconds(), 3)
        dest = Path(tmp) / "usb"
        dest.mkdir()

        copies = [plain_copy(database, Path(tmp) / "copy.db")]
        with Vault.open(folder, PASSPHRASE) as vault:
            started = time.perf_counter()
            backup = create_backup(vault, PASSPHRASE, dest)
            backup_s = time.perf_counter() - started
        copies.append(plain_copy(database, Path(tmp) / "copy.db"))
        started = time.perf_counter()
        verify_backup(backup.path, passphrase=PASSPHRASE)
        verify_s = time.perf_counter() - started
        started = time.perf_counter()
        restore_backup(backup.path, Path(tmp) / "restored", passphrase=PASSPHRASE)
        restore_s = time.perf_counter() - started

        copy_s = sum(copies) / len(copies)
        result["plain_copy_mb_per_s"] = round(mb / copy_s, 1)
        result["backup_s"] = round(backup_s, 2)
        result["backup_mb_per_s"] = round(mb / backup_s, 1)
        result["backup_vs_copy"] = round(copy_s / backup_s, 3)
        result["verify_s"] = round(verify_s, 2)
        result["verify_mb_per_s"] = round(mb / verify_s, 1)
        result["verify_vs_copy"] = round(copy_s / verify_s, 3)
        result["restore_s"] = round(restore_s, 2)
        result["restore_vs_copy"] = round(copy_s / restore_s, 3)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
