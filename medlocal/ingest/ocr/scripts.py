"""Specks read as letters of another script: left out only on evidence; real text is kept.

The bundled recogniser reads Latin and Chinese. On a speckled fax of an English lab report it
read specks as Chinese characters ("公", "集长", walk 50b D2), at low confidence, as lines of
their own. Being a minority on the page is no evidence: a Chinese name on an English report
("Patient: Wang Wei 王伟") or the hanzi of a Chinese lab report whose codes and units are Latin
are real text (review 50a, R1). Letters of a script other than the page's own (the script most
of its letters are in) are left out only when they look like a speck:

* read at very low confidence, and no more than ``MAX_SPECK_LETTERS`` of them in the box;
* a lone letter of its script on the whole page (none beside it on its line or elsewhere);
* a lone letter whose box is far smaller than the other characters of its line.

Anything else is kept as read; a line read at low confidence is marked as every line is.
Latin is never left out (codes and units on a Chinese page), nor Greek (µmol/L, α, β).
Full-width and font-variant letters ("ｍｇ", "ℓ") are folded to their plain forms first
(review 50a, R2): they are Latin, not another script.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from medlocal.ingest.ocr.engine import Detection, Piece

# Scripts whose letters are kept on any page, and letters of no script named by their use
# (MICRO SIGN "µ", FEMININE ORDINAL "ª", MODIFIER LETTER ...).
_ALWAYS_KEPT = frozenset({"LATIN", "GREEK", "MICRO", "FEMININE", "MASCULINE", "MODIFIER"})
# A line that lost a character keeps at most this confidence: it is marked, as its reading near
# the speck is doubtful too (pages.LINE_LOW is 0.80).
DAMAGED_LINE = 0.5
# Letters read under this (very low) confidence are a speck's when there are few of them in the
# box: the walk's specks read at 0.13 and 0.24. Real text read that poorly is rare, and a longer
# run of it is kept (its line is marked as any weak line is).
SPECK_CONFIDENCE = 0.4
MAX_SPECK_LETTERS = 2
# A lone letter whose box is under this share of its line's typical character height.
SPECK_HEIGHT = 0.5
# Compatibility forms that are the same letter or digit in another width or font: folded one
# character for one, so word boxes stay in step with the text.
_SAME_LETTER_TAGS = ("<wide>", "<narrow>", "<font>")


@dataclass(frozen=True)
class Cleaned:
    detections: list[Detection]
    left_out: int  # characters of another script left out as specks


def script(char: str) -> str | None:
    """The script of a letter ("LATIN", "CJK", "CYRILLIC", ...), None for anything else."""
    if not unicodedata.category(char).startswith("L"):
        return None
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else None


def page_script(detections: Sequence[Detection]) -> str | None:
    counts = Counter(s for det in detections for c in det.text if (s := script(c)) is not None)
    return counts.most_common(1)[0][0] if counts else None


def fold_width(text: str) -> str:
    """``text`` with full-width, half-width and font-variant forms as their plain characters
    ("ｍｇ" -> "mg", "ℓ" -> "l", "１２" -> "12"); one character for one."""
    return "".join(_plain(char) for char in text)


def _plain(char: str) -> str:
    if char.isascii() or not unicodedata.decomposition(char).startswith(_SAME_LETTER_TAGS):
        return char
    folded = unicodedata.normalize("NFKC", char)
    return folded if len(folded) == 1 else char


def _folded(det: Detection) -> Detection:
    text = fold_width(det.text)
    if text == det.text:
        return det
    pieces = tuple(Piece(fold_width(p.text), p.points, p.confidence) for p in det.pieces)
    return Detection(text, det.points, det.confidence, pieces)


def leave_out_other_scripts(detections: Sequence[Detection]) -> Cleaned:
    """``detections`` (folded, see :func:`fold_width`) without the speck-like letters of a script
    the page does not use; a detection left with nothing is dropped, one left with text is kept
    without its word boxes (its text no longer matches them) and with its confidence capped so
    that the line is marked."""
    folded = [_folded(det) for det in detections]
    own = page_script(folded)
    # Letters read at speck confidence are no company for a lone letter.
    on_page = Counter(
        s
        for det in folded
        for i, c in enumerate(det.text)
        if (s := script(c)) is not None and _confidence(det, i) >= SPECK_CONFIDENCE
    )
    kept: list[Detection] = []
    left_out = 0
    for det in folded:
        specks = {i for i, c in enumerate(det.text) if _is_speck(det, i, c, own, on_page)}
        if not specks:
            kept.append(det)
            continue
        left_out += len(specks)
        text = " ".join("".join(c for i, c in enumerate(det.text) if i not in specks).split())
        if text:
            kept.append(Detection(text, det.points, min(det.confidence, DAMAGED_LINE), ()))
    return Cleaned(kept, left_out)


def _is_speck(
    det: Detection, index: int, char: str, own: str | None, on_page: Counter[str]
) -> bool:
    found = script(char)
    if found is None or found == own or found in _ALWAYS_KEPT:
        return False
    in_box = sum(script(c) == found for c in det.text)
    piece = _piece_of(det, index)
    if _confidence(det, index) < SPECK_CONFIDENCE and in_box <= MAX_SPECK_LETTERS:
        return True
    if in_box > 1:
        return False
    return on_page[found] == 1 or (piece is not None and _far_smaller(piece, det))


def _confidence(det: Detection, index: int) -> float:
    piece = _piece_of(det, index)
    return piece.confidence if piece is not None else det.confidence


def _piece_of(det: Detection, index: int) -> Piece | None:
    """The word box holding the text's ``index``-th character, when the boxes spell the text."""
    if "".join(p.text for p in det.pieces) != det.text.replace(" ", ""):
        return None
    position = index - det.text[:index].count(" ")
    for piece in det.pieces:
        if position < len(piece.text):
            return piece
        position -= len(piece.text)
    return None


def _far_smaller(piece: Piece, det: Detection) -> bool:
    others = sorted(_height(p.points) for p in det.pieces if p is not piece)
    return bool(others) and _height(piece.points) < SPECK_HEIGHT * others[len(others) // 2]


def _height(points: Sequence[tuple[float, float]]) -> float:
    ys = [y for _, y in points]
    return max(ys) - min(ys)
