"""Characters of a script the page does not otherwise use: specks, not text.

The bundled recogniser reads Latin and Chinese. On a speckled fax of an English lab report it
read specks as Chinese characters ("公", "集长", walk 50b D2), at low confidence but kept as
lines of their own. A letter of a script other than the page's own (the script most of its
letters are in) is taken for such a misreading and left out; the page's report counts them.
Latin is never left out (codes and units on a Chinese page), nor Greek (µmol/L, α, β).
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from medlocal.ingest.ocr.engine import Detection

# Scripts whose letters are kept on any page, and letters of no script named by their use
# (MICRO SIGN "µ", FEMININE ORDINAL "ª", MODIFIER LETTER ...).
_ALWAYS_KEPT = frozenset({"LATIN", "GREEK", "MICRO", "FEMININE", "MASCULINE", "MODIFIER"})
# A line that lost a character keeps at most this confidence: it is marked, as its reading near
# the speck is doubtful too (pages.LINE_LOW is 0.80).
DAMAGED_LINE = 0.5


@dataclass(frozen=True)
class Cleaned:
    detections: list[Detection]
    left_out: int  # characters of another script left out


def script(char: str) -> str | None:
    """The script of a letter ("LATIN", "CJK", "CYRILLIC", ...), None for anything else."""
    if not unicodedata.category(char).startswith("L"):
        return None
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else None


def page_script(detections: Sequence[Detection]) -> str | None:
    counts = Counter(s for det in detections for c in det.text if (s := script(c)) is not None)
    return counts.most_common(1)[0][0] if counts else None


def leave_out_other_scripts(detections: Sequence[Detection]) -> Cleaned:
    """``detections`` without the letters of a script the page does not use; a detection left
    with nothing is dropped, one left with text is kept without its word boxes (its text no
    longer matches them) and with its confidence capped so that the line is marked."""
    own = page_script(detections)
    kept: list[Detection] = []
    left_out = 0
    for det in detections:
        foreign = [c for c in det.text if _foreign(c, own)]
        if not foreign:
            kept.append(det)
            continue
        left_out += len(foreign)
        text = " ".join("".join(c for c in det.text if not _foreign(c, own)).split())
        if text:
            kept.append(Detection(text, det.points, min(det.confidence, DAMAGED_LINE), ()))
    return Cleaned(kept, left_out)


def _foreign(char: str, own: str | None) -> bool:
    found = script(char)
    return found is not None and found != own and found not in _ALWAYS_KEPT
