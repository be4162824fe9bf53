"""Keep what the redactor removes from every note of some halves, as offsets only, so that a
later pass over those spans (tools/deid_miss_attribution.py, or a candidate rule tried on
development text) need not run the whole redactor again.

``python tools/deid_span_cache.py OUT_DIR half[,half...]``: one pickle per half, holding for each
note its id and its redactions as (kind, start, end). No text is written, so a held-out half's
cache holds nothing to read note by note; what reads it prints counts only."""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from fixtures.deid_corpus import load

from medlocal.privacy.redact import PatientIdentity, Redactor


def cache_half(half: str, out: Path) -> None:
    rows = []
    for note in load(half):
        identity = PatientIdentity(note.patient_name, note.mrn, note.dob)
        found = Redactor(identity, shift_days=40).preview(note.text)
        rows.append((note.note_id, [(r.kind, r.start, r.end) for r in found]))
    (out / f"{half}.pkl").write_bytes(pickle.dumps(rows))


def main() -> int:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for half in sys.argv[2].split(","):
        cache_half(half, out)
        print(half, "cached", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
