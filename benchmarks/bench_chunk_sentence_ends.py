"""Do the chunker's passages change with the shared sentence-end rule (medlocal/sentence_ends.py)
only where a text writes one of its dotted abbreviations?

Every passage of the grounding precision set (``tests/fixtures/grounding_eval/``: GP notes,
letters, lab tables, mostly English, some German, French, Spanish, Italian, Dutch) and every
passage of a walk's English hospital letters (``tests/fixtures/walk42gb_chunks.json``) is cut into
sentence units and packed into chunks twice: by the chunker as it is, and by the chunker with
the shared rule taken out (its own words and lower-case continuations only, as before session
50). Sizes are counted in words, small chunks (``--max-tokens``) so that many cuts are judged.
Only counts are printed (the held-out part is never shown text by text).

Prints one JSON object on its last line: texts with and without such an abbreviation, and how
many of each changed (``changed_without`` must be 0).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from unittest import mock

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))


class _WordCounter:
    def count_tokens(self, text: str) -> int:
        return len(text.split())


def _initial_only(word: str, following: str = "") -> bool:
    """The chunker's rule before the shared one: a single letter's point is an initial's."""
    last = word.strip(".").lstrip("([{\"'")
    return len(last) == 1 and last.isalpha()


def main() -> int:
    from fixtures.grounding_eval import PARTS, load

    from medlocal.ingest import chunker
    from medlocal.ingest.document import ExtractedDocument
    from medlocal.sentence_ends import ABBREVIATIONS

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--max-tokens", type=int, default=24)
    ap.add_argument("--quick", action="store_true", help="(accepted for benchmarks/run.py)")
    args = ap.parse_args()
    written = re.compile(
        r"(?<![\w.])(?:"
        + "|".join(re.escape(a) for a in sorted(ABBREVIATIONS, key=len, reverse=True))
        + r")\.",
        re.IGNORECASE,
    )
    params = chunker.ChunkingParams(args.max_tokens, args.max_tokens // 4)
    counter = _WordCounter()
    texts = {p for part in PARTS for case in load(part) for p in case.set.passages}
    walk = json.loads((HERE.parent / "tests" / "fixtures" / "walk42gb_chunks.json").read_text())
    texts |= {chunk for chunks in walk.values() for chunk in chunks}
    counts = {"with": 0, "without": 0, "changed_with": 0, "changed_without": 0}
    for text in sorted(texts):
        document = ExtractedDocument(text, "txt")
        now = [(c.start, c.end) for c in chunker.chunk_document(document, counter, params)]
        units_now = [(u.start, u.end) for u in chunker._units(document, counter, params)]
        with mock.patch.object(chunker, "abbreviation_point", _initial_only):
            before = [(c.start, c.end) for c in chunker.chunk_document(document, counter, params)]
            units_before = [(u.start, u.end) for u in chunker._units(document, counter, params)]
        kind = "with" if written.search(text) else "without"
        counts[kind] += 1
        counts[f"changed_{kind}"] += now != before or units_now != units_before
    print(
        f"{len(texts)} passages: {counts['with']} write a dotted abbreviation"
        f" ({counts['changed_with']} cut otherwise), {counts['without']} do not"
        f" ({counts['changed_without']} cut otherwise)"
    )
    print(json.dumps({"chunk_sentence_ends": counts}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
