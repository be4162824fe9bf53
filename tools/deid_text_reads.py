"""Which rules of the redactor read the whole text, and how often, in one preview (session 58).

A speed round asks whether the same text is read more than once ("one shared token pass"). This
answers it by measurement, not by reading the code: one preview runs under a profile hook that
counts each call of a function of ``medlocal.privacy`` given the whole text (a string of the
text's length: the text, or its re-cased or repaired reading at the same offsets) and no place.
A function given an offset, a word or a span too reads at that place ("the word before 1,204"),
not the text, and is not counted. A generator is counted where it starts, not at each
resumption.

``python tools/deid_text_reads.py [--all]``: the bench's 20-page record (benchmarks/bench_deid.py,
the full line), read once to load the word lists, then once under the hook; prints the functions
called more than once with the whole text (``--all``: every such function). Only function names
and counts are printed, never text.
"""

from __future__ import annotations

import argparse
import dis
import sys
from collections import Counter
from pathlib import Path
from types import CodeType, FrameType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_deid  # noqa: E402
from fixtures.deid_corpus import load  # noqa: E402

from medlocal.privacy.redact import PatientIdentity, Redactor  # noqa: E402

_PACKAGE = str(ROOT / "medlocal" / "privacy")
_GENERATOR = 0x20  # inspect.CO_GENERATOR
_FIRST_RESUME: dict[CodeType, int] = {}


def _first_resume(code: CodeType) -> int:
    """The offset of a generator's first RESUME: where its frame stands when it starts (later
    resumptions stand after a yield)."""
    known = _FIRST_RESUME.get(code)
    if known is None:
        known = next((i.offset for i in dis.get_instructions(code) if i.opname == "RESUME"), 0)
        _FIRST_RESUME[code] = known
    return known


def _starts(frame: FrameType) -> bool:
    """Whether a "call" event of ``frame`` starts the function (not a generator resumed)."""
    code = frame.f_code
    return not code.co_flags & _GENERATOR or frame.f_lasti <= _first_resume(code)


def _a_place(value: object, size: int) -> bool:
    """Whether an argument places its call in the text: an offset, a word or span (anything
    with a start), or a list of them or of (start, end) pairs that covers less than half of the
    text (a run of words, a line's cells), or an empty one (nothing to read)."""
    if type(value) is int or hasattr(value, "start"):
        return True
    if not isinstance(value, list):
        return False
    if not value:
        return True
    first, last = value[0], value[-1]
    if isinstance(first, tuple) and isinstance(last, tuple) and first and last:
        start, end = first[0], last[-1]
    else:
        start, end = getattr(first, "start", None), getattr(last, "end", None)
        # A word's or a span's offsets, or a match's (methods).
        start, end = (start() if callable(start) else start), (end() if callable(end) else end)
    return isinstance(start, int) and isinstance(end, int) and end - start < size // 2


def whole_text_reads(redactor: Redactor, text: str) -> Counter[str]:
    """How many times each function of ``medlocal.privacy`` ("module.function") is called with
    a string of ``text``'s length and no offset while ``redactor`` previews ``text``."""
    size = len(text)
    counts: Counter[str] = Counter()

    def hook(frame: FrameType, event: str, arg: Any) -> None:
        code = frame.f_code
        if event != "call" or not code.co_filename.startswith(_PACKAGE) or not _starts(frame):
            return
        names = code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]
        values = [frame.f_locals.get(name) for name in names]
        if any(_a_place(v, size) for v in values):
            return  # a reader of a place (an offset, a word, a run of words), not of the text
        if any(isinstance(v, str) and len(v) == size for v in values):
            module = Path(code.co_filename).stem
            counts[f"{module}.{code.co_qualname}"] += 1

    previous = sys.getprofile()
    sys.setprofile(hook)
    try:
        redactor.preview(text)
    finally:
        sys.setprofile(previous)
    return counts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--all", action="store_true", help="every whole-text reader, not only repeats")
    args = ap.parse_args()
    notes = load("dev") + load("heldout")
    record = bench_deid._twenty_pages(notes)
    redactor = Redactor(PatientIdentity(notes[0].patient_name, notes[0].mrn, notes[0].dob))
    redactor.preview(record)  # the word lists and compiled patterns load once, outside the count
    counts = whole_text_reads(redactor, record)
    shown = [(name, n) for name, n in counts.most_common() if args.all or n > 1]
    for name, n in shown:
        print(f"{n:4d}  {name}")
    print(
        f"{len(counts)} functions read the whole {len(record):,}-character record "
        f"({sum(counts.values())} calls); {sum(1 for n in counts.values() if n > 1)} more than once"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
