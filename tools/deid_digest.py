"""Digests of what the redactor removes, to prove a speed change changes no output.

For every half of the evaluation set (``benchmarks/bench_deid.py``'s ``HALVES``, held-out ones
included) each note is redacted (the full line: rules and statistical line) and the list of its
redactions' ``(start, end, kind, replacement)`` is hashed, all notes of a half into one sha256;
then the bench's 20-page record and its odd input shapes, once per line (patterns only, rules
alone, full). Only digests and counts are printed, never a note's text or spans, so the held-out
halves can be checked without being read.

``python tools/deid_digest.py [--halves dev,dev3] [--out FILE]``: run it before a change and
after, and compare the two outputs (``diff``); every line must stay the same.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_deid  # noqa: E402
from fixtures.deid_corpus import Note, load  # noqa: E402

from medlocal.privacy.deid_spans import Redaction  # noqa: E402
from medlocal.privacy.redact import PatientIdentity, Redactor  # noqa: E402

# The three lines the bench times, as Redactor keywords.
LINES: dict[str, dict[str, bool]] = {
    "patterns_only": {"word_scan": False},
    "rules_only": {"tagger": False},
    "full": {},
}


def add_spans(digest: hashlib._Hash, redactions: Iterable[Redaction]) -> int:
    """Feed one text's redactions to ``digest``; the number of redactions."""
    spans = [(r.start, r.end, r.kind, r.replacement) for r in redactions]
    digest.update(repr(spans).encode())
    digest.update(b"\0")  # the end of one text: two texts' spans never read as one
    return len(spans)


def half_digest(notes: Iterable[Note]) -> tuple[int, int, str]:
    """(notes, redactions, sha256) of the full line over ``notes``."""
    digest = hashlib.sha256()
    count = spans = 0
    for note in notes:
        redactor = Redactor(PatientIdentity(note.patient_name, note.mrn, note.dob), shift_days=40)
        spans += add_spans(digest, redactor.preview(note.text))
        count += 1
    return count, spans, digest.hexdigest()


def record_digests() -> dict[str, str]:
    """Per line, one sha256 over the bench's 20-page record and its odd input shapes."""
    notes = load("dev") + load("heldout")
    record = bench_deid._twenty_pages(notes)
    identity = PatientIdentity(notes[0].patient_name, notes[0].mrn, notes[0].dob)
    out: dict[str, str] = {}
    for name, keywords in LINES.items():
        redactor = Redactor(identity, shift_days=40, **keywords)
        digest = hashlib.sha256()
        add_spans(digest, redactor.preview(record))
        for text in bench_deid._odd_shapes(len(record)).values():
            add_spans(digest, redactor.preview(text))
        out[name] = digest.hexdigest()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--halves", default=",".join(bench_deid.HALVES))
    ap.add_argument("--no-record", action="store_true", help="the halves only")
    ap.add_argument("--out", type=Path, help="also write the lines to this file")
    args = ap.parse_args()
    lines: list[str] = []
    for half in args.halves.split(","):
        notes, spans, digest = half_digest(load(half))
        lines.append(f"{half} notes={notes} spans={spans} {digest}")
        print(lines[-1], flush=True)
    if not args.no_record:
        for name, digest in record_digests().items():
            lines.append(f"record+odd_shapes/{name} {digest}")
            print(lines[-1], flush=True)
    if args.out is not None:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
