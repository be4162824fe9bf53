"""Move titles out of name spans in evaluation halves, as their conventions require.

``python tools/deid_titles_outside.py heldout6 [dev9 ...]`` rewrites tests/fixtures/deid/<half>.txt
so that "{PERSON|Dr. Bishop}" reads "Dr. {PERSON|Bishop}" (PATIENT alike) and prints how many spans
moved. It reads the markup only, so a held-out half is mended without anyone reading its notes.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from fixtures.deid_corpus import CORPUS_DIR, titles_outside


def main(halves: list[str]) -> int:
    for half in halves:
        path = CORPUS_DIR / f"{half}.txt"
        text, moved = titles_outside(path.read_text(encoding="utf-8"))
        path.write_text(text, encoding="utf-8")
        print(f"{half}: {moved} name spans had a title moved outside")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
