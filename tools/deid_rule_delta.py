"""One rule's effect, before and after, in one process: every half is redacted with the rule on;
the notes where it fired are redacted again with it off (the rule is the only difference, so a
note where it never fired reads the same both ways). Session 51 (deid51b), for its two rules:
the Title Case eponym heads of ``deid_title_heads`` and the stages of ``deid_clinical_steps``.

``PYTHONPATH=$PWD python tools/deid_rule_delta.py [--halves dev52,dev50]``. Held-out halves
(``bench_deid.HELD_OUT``) are summed and printed in aggregate only, counts only; for development
halves the identifiers and terms that changed are listed.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import bench_deid
from fixtures.deid_corpus import Note, load, score

from medlocal.privacy import deid_eponyms, deid_scale_parts
from medlocal.privacy.redact import PatientIdentity, Redactor

_state = {"on": True, "fired": False}


def _switched(real: Callable[..., bool]) -> Callable[..., bool]:
    """``real``, answering False while the rules are off and noting when it fires."""

    def patched(*args: object, **kwargs: object) -> bool:
        if not _state["on"]:
            return False
        hit = real(*args, **kwargs)
        _state["fired"] = _state["fired"] or hit
        return hit

    return patched


_RULES = {
    "heads": (deid_eponyms, "title_case_head"),
    "stages": (deid_scale_parts, "stage_of_condition"),
}


def _install(only: str) -> None:
    """Switch the rules named by ``only`` ("heads", "stages" or both); the others stay on."""
    for name, (module, attr) in _RULES.items():
        if only in ("both", name):
            setattr(module, attr, _switched(getattr(module, attr)))


def _spans(note: Note) -> list[tuple[int, int]]:
    identity = PatientIdentity(note.patient_name, note.mrn, note.dob)
    return [(r.start, r.end) for r in Redactor(identity, shift_days=40).preview(note.text)]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--halves", default=",".join(bench_deid.HALVES))
    ap.add_argument("--only", choices=("both", *_RULES), default="both")
    args = ap.parse_args()
    _install(args.only)
    totals: dict[str, Counter[str]] = {g: Counter() for g in ("dev", "held")}
    for half in args.halves.split(","):
        held = half in bench_deid.HELD_OUT
        notes = load(half)
        on: dict[str, list[tuple[int, int]]] = {}
        off: dict[str, list[tuple[int, int]]] = {}
        fired = 0
        for note in notes:
            _state["on"], _state["fired"] = True, False
            on[note.note_id] = _spans(note)
            if _state["fired"]:
                fired += 1
                _state["on"] = False
                off[note.note_id] = _spans(note)
            else:
                off[note.note_id] = on[note.note_id]
        a = score(notes, lambda n, spans=off: spans[n.note_id])
        b = score(notes, lambda n, spans=on: spans[n.note_id])
        t = totals["held" if held else "dev"]
        for tag, sc in (("off", a), ("on", b)):
            t[f"{tag}_found"] += sum(sc.found.values())
            t[f"{tag}_damaged"] += sc.clinical_damaged
            for kind in sc.total:
                t[f"{tag}_found_{kind}"] += sc.found[kind]
        t["total"] += sum(b.total.values())
        t["clinical"] += b.clinical_total
        t["fired_notes"] += fired
        for kind in b.total:
            t[f"total_{kind}"] += b.total[kind]
        if held:
            print(f"== {half}: (held out, summed only)", file=sys.stderr)
            continue
        print(
            f"== {half}: fired in {fired}/{len(notes)} notes; identifiers "
            f"{sum(a.found.values())} -> {sum(b.found.values())}/{sum(b.total.values())}; "
            f"damaged {a.clinical_damaged} -> {b.clinical_damaged}/{b.clinical_total}",
            file=sys.stderr,
        )
        for item in sorted(set(a.missed) ^ set(b.missed)):
            when = "after" if item in b.missed else "before"
            print(f"   missed {when}: {item}", file=sys.stderr)
        for dmg in sorted(set(a.damaged) ^ set(b.damaged)):
            when = "after" if dmg in b.damaged else "before"
            print(f"   damaged {when}: {dmg}", file=sys.stderr)
    for group, t in totals.items():
        if not t["total"]:
            continue
        kinds = sorted(k[6:] for k in t if k.startswith("total_"))
        print(
            f"## {group}: fired in {t['fired_notes']} notes; identifiers {t['off_found']} -> "
            f"{t['on_found']}/{t['total']}; damaged {t['off_damaged']} -> {t['on_damaged']}"
            f"/{t['clinical']}"
        )
        for kind in kinds:
            print(
                f"   {kind}: {t['off_found_' + kind]} -> {t['on_found_' + kind]}"
                f"/{t['total_' + kind]}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
