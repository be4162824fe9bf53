"""How de-identification time grows with a document's size (walk 45, D9: a 0.76 MB document's
redacted export took 4 min at load ~9, against seconds for a 20-page record).

A text of about ``--base`` characters is built from development notes (never held-out ones),
then repeated 1, 2, 4 and 8 times. For each size this times, in CPU seconds (wall time on a
shared machine mostly measures the other processes):

* ``Redactor.redact`` of the text, the rules and the statistical line;
* with ``--export``, a redacted export of the text imported as a document
  (``medlocal.app.outputs.export_shared``, as both faces call it), in a fresh vault: the first
  export reads the patient's record too, the second finds it read.

The figure to watch is ``*_8x_over_1x``: near 8 while every step grows linearly, far above
when one is quadratic. Not a pass/fail test: the lead reads the figures with ``uptime``.

    python benchmarks/bench_deid_scaling.py [--base 95000] [--export]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from fixtures.deid_corpus import load

from medlocal.privacy.redact import PatientIdentity, Redactor

TIMES = (1, 2, 4, 8)
PASS = "benchmark scaling passphrase"


def base_text(size: int) -> tuple[str, PatientIdentity]:
    """About ``size`` characters of development notes, one after another, and the identity of
    the first note's patient."""
    notes = load("dev") + load("dev3") + load("dev4")
    parts: list[str] = []
    total = 0
    while total < size:
        note = notes[len(parts) % len(notes)]
        parts.append(note.text + "\n")
        total += len(parts[-1])
    first = notes[0]
    return "".join(parts), PatientIdentity(first.patient_name, first.mrn, first.dob)


def cpu_seconds(call: Callable[[], object]) -> float:
    started = time.process_time()
    call()
    return round(time.process_time() - started, 3)


def redact_times(text: str, identity: PatientIdentity) -> dict[str, float]:
    redactor = Redactor(identity, shift_days=40)
    # Once untimed: the word lists, the tagger and the patterns compiled on first use load then.
    redactor.redact(text)
    return {f"redact_{n}x_cpu_s": cpu_seconds(partial(redactor.redact, text * n)) for n in TIMES}


def export_times(text: str, identity: PatientIdentity) -> dict[str, float]:
    """The first and second redacted export of ``text`` as a patient's only document."""
    import numpy as np

    from medlocal.app import Workspace
    from medlocal.app.outputs import export_shared
    from medlocal.rag.export import Shared
    from medlocal.vault.keys import KdfParams
    from medlocal.vault.records import ChunkRecord

    result: dict[str, float] = {}
    for n in (1, 8):
        body = text * n
        folder = Path(tempfile.mkdtemp(prefix="medlocal-bench-scaling-"))
        ws = Workspace(folder, kdf_params=KdfParams(8 * 1024, 1, 1))
        ws.create_vault(PASS, PASS)
        vault = ws.require_vault()
        patient = vault.add_patient(identity.name or "Patient", mrn=identity.mrn)
        chunk = [ChunkRecord(body[:2000], 1, 0, min(len(body), 2000))]
        vector = np.full((1, 4), 0.5, dtype=np.float32)
        doc = vault.add_document(
            patient, "long.txt", "txt", body.encode(), chunk, vector, "bench-v1", text=body
        )
        out = folder / "out.txt"
        export = partial(export_shared, vault, Shared.document(doc), out, redact=True)
        for run in ("first", "second"):
            result[f"export_{n}x_{run}_cpu_s"] = cpu_seconds(export)
        ws.close()
        shutil.rmtree(folder)  # the vault and the exported copy: nothing is left behind
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=95_000, help="characters at 1x")
    parser.add_argument("--export", action="store_true", help="time the redacted export too")
    args = parser.parse_args()
    text, identity = base_text(args.base)
    result: dict[str, object] = {"base_chars": len(text), "load_1min": os.getloadavg()[0]}
    times = redact_times(text, identity)
    result.update(times)
    result["redact_8x_over_1x"] = round(times["redact_8x_cpu_s"] / times["redact_1x_cpu_s"], 2)
    if args.export:
        exports = export_times(text, identity)
        result.update(exports)
        for run in ("first", "second"):
            one, eight = exports[f"export_1x_{run}_cpu_s"], exports[f"export_8x_{run}_cpu_s"]
            result[f"export_{run}_8x_over_1x"] = round(eight / one, 2)
    result["load_1min_after"] = os.getloadavg()[0]
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
