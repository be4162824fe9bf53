"""Where the page really has blank space inside a detected text box.

The recogniser's character positions come from its output columns, which are too coarse to
tell a space from the gap inside a word ("mgtwice" has its two words 4 pixels apart, "m g" 10).
The pixels are not: the box is straightened, its ink measured column by column, and runs of
blank columns found. A run as wide as a space is a space; one much wider is a gap between
table cells that the detector joined into one box.
"""

from __future__ import annotations

import itertools
import math
import re
import statistics
from collections.abc import Sequence
from typing import TYPE_CHECKING

import cv2
import numpy as np
import numpy.typing as npt

from medlocal.ingest.ocr.slips import mend_slips

if TYPE_CHECKING:
    from medlocal.privacy.deid_lexicon import Lexicon

Point = tuple[float, float]
# A column holding fewer dark pixels than this is blank (a speck of dust is not a letter).
_MIN_INK = 2


def blank_runs(
    gray: npt.NDArray[np.uint8], quad: Sequence[Point]
) -> tuple[list[tuple[float, float]], float]:
    """Blank column runs ``(start, end)`` along the box's top edge, in pixels from its first
    corner, and the box's height."""
    p0, p1, p2, p3 = (np.asarray(point, dtype=np.float32) for point in quad[:4])
    width = max(round(max(math.dist(p0, p1), math.dist(p3, p2))), 1)
    height = max(round(max(math.dist(p0, p3), math.dist(p1, p2))), 1)
    target = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(np.stack([p0, p1, p2, p3]), target)
    crop = cv2.warpPerspective(
        gray, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=255
    )
    low, high = np.percentile(crop, 5), np.percentile(crop, 95)
    if high - low < 40:  # no contrast: nothing to measure
        return [], float(height)
    ink = (crop < (low + high) / 2).sum(axis=0) >= _MIN_INK
    runs: list[tuple[float, float]] = []
    start: int | None = None
    for x, inked in enumerate(ink):
        if not inked and start is None:
            start = x
        elif inked and start is not None:
            runs.append((float(start), float(x)))
            start = None
    if start is not None:
        runs.append((float(start), float(width)))
    return runs, float(height)


def along(quad: Sequence[Point], point: Point) -> float:
    """How far ``point`` lies along the box's top edge, in pixels from its first corner."""
    (x0, y0), (x1, y1) = quad[0], quad[1]
    length = math.dist((x0, y0), (x1, y1)) or 1.0
    return ((point[0] - x0) * (x1 - x0) + (point[1] - y0) * (y1 - y0)) / length


def widest_gap(runs: Sequence[tuple[float, float]], left: float, right: float) -> float:
    """The widest blank run whose middle lies between ``left`` and ``right``."""
    inside = (end - start for start, end in runs if left < (start + end) / 2 < right)
    return max(inside, default=0.0)


# ---- a number's narrow glyphs -----------------------------------------------------------------

# Glyphs narrower than a digit's advance: the blank beside them is the glyph's own side room,
# not a space ("1 4/03/1961", "RCC- 4482 1 3" and "1 7 Larkspur Lane" from a blurred 110-dpi
# letter, walk 50b D8). Beside one, a blank is a space only where the pitch (centre to centre)
# is wider too: a digit's advance is the same for every digit, and a space adds half of one.
_NARROW = frozenset("1-/")
# Advances, in a digit's: a digit (the "1" included: digits are set in one width) and the
# narrow punctuation of numbers.
_ADVANCE = {"-": 0.55, "/": 0.55}
_DIGITS = frozenset("0123456789")
# The pitch above the two glyphs' own advances that makes a space: a space adds about half an
# advance (1.45-1.6 measured across spaces beside a "1", 1.0-1.33 inside blurred numbers).
SPACE_PITCH = 0.4


def one_number(before: str, after: str, pitch: float) -> bool:
    """Whether the characters ``before`` and ``after``, whose centres lie ``pitch`` apart (in the
    line's typical pitch inside a word), belong to one number although a blank lies between
    them: one is a digit, the other a digit or a dash or slash, one of them is a narrow glyph,
    and the pitch holds no space."""
    if not (before in _DIGITS or after in _DIGITS):
        return False
    if not {before, after} <= _DIGITS | _NARROW or not {before, after} & _NARROW:
        return False
    own = (_ADVANCE.get(before, 1.0) + _ADVANCE.get(after, 1.0)) / 2
    return pitch < own + SPACE_PITCH


def typical_pitch(positions: Sequence[float], spaced: Sequence[bool]) -> float | None:
    """The median pitch between neighbouring characters with no blank between them (inside a
    word: across a space the pitch is wider); ``None`` where there is no such pair."""
    pitches = [
        b - a
        for (a, b), blank in zip(itertools.pairwise(positions), spaced, strict=False)
        if not blank and b > a
    ]
    return statistics.median(pitches) if pitches else None


# ---- words the recogniser glued together --------------------------------------------------

# Where the page's gaps were too narrow to measure (a phone photo, a 100-dpi fax) words come back
# glued: "QuenbyVandersloot", "begrateful ifyou", "twicedaily", "HerSp02", "son-in-fawBartholomew"
# (walk 50b D1, D5). A glued name hides from every rule that reads words, and a glued "SpO2" from
# search. A token is split only where the split is certain: every piece is a listed word or name
# (or, after a lower-case letter, a capitalised word), and the token itself is listed nowhere.

# A run of letters and digits (a word as the recogniser may have glued it).
_GLUED = re.compile(r"[A-Za-z][A-Za-z0-9]*")
# A lower-case letter before a capital that opens a word or a code ("wB", "rS", not "pO2").
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
# A form label glued to the number it labels ("D.O.B14", "No9434765919"), or a number glued to
# the label after it ("9434765919D.O.B").
_LABEL = r"D\.O\.B\.?|DOB|MRN|NHS|No|Tel|Fax|Mob|Ref"
_LABEL_THEN_NUMBER = re.compile(rf"(?<![A-Za-z])(?:{_LABEL})(?=\d)")
_NUMBER_THEN_LABEL = re.compile(rf"(?<=\d)(?=(?:{_LABEL})(?![a-z]))")
# Capitals glued to the word after them ("NHSnumber", "NHSNo").
_CAPITALS_THEN_WORD = re.compile(r"\b([A-Z]{2,})([A-Z][a-z]+|[a-z]{2,})(?![a-z])")
_CAPITAL_LABELS = frozenset({"NHS", "MRN", "DOB", "GP", "ID"})
# A word glued to the number after it ("was91%", "in1988").
_WORD_THEN_NUMBER = re.compile(r"\b([a-z]{2,})(?=\d)")
# The shortest glued token read for words inside it, and the most words it may hold (two
# where it is capitalised: "Irevlewed", a misreading of "I reviewed", is no "I rev lewed").
_MIN_GLUED = 5
# A piece of a token split before its capitals has three letters at least (a title apart).
_SHORTEST_PIECE = 3
_MAX_PIECES = 3
_MAX_CAPITALISED_PIECES = 2
# English's closed-class words: where a glued token reads two ways ("foratrial": "for atrial",
# "fora trial"), the reading with one of these is taken (the recogniser glues short words).
_FUNCTION_WORDS = frozenset(
    {
        "a", "an", "the", "of", "for", "to", "in", "on", "at", "by", "if", "is", "be", "as",
        "and", "or", "but", "with", "was", "were", "are", "has", "had", "have", "you", "your",
        "me", "my", "she", "he", "her", "his", "him", "it", "its", "we", "our", "they", "them",
        "this", "that", "these", "those", "from", "into", "over", "under", "would", "could",
        "should", "will", "can", "may", "not", "no", "so", "than", "then", "when", "which",
        "who", "there", "here", "also", "very", "all", "any", "some", "per", "up", "out",
    }
)  # fmt: skip
_ONE_LETTER_WORDS = frozenset({"a", "i"})
# A capitalised token is read for words only where it opens with one of these ("Shetakes",
# "Isallergic", "Pleasecontact"): a place or a name glued from words ("Eastwick") opens with
# none of them.
_SENTENCE_OPENERS = frozenset(
    {"i", "she", "he", "it", "is", "we", "they", "you", "please", "this", "there", "if", "next"}
)


def unglued(text: str) -> str:
    """``text`` with the words the recogniser glued together split again where that is certain
    (see above); the same text where nothing is glued."""
    text = _CAPITALS_THEN_WORD.sub(_capitals_apart, text)
    text = _LABEL_THEN_NUMBER.sub(lambda m: m.group() + " ", text)
    text = _NUMBER_THEN_LABEL.sub(" ", text)
    text = _WORD_THEN_NUMBER.sub(_word_apart, text)
    return _GLUED.sub(lambda m: _split_token(m.group()), text)


def _capitals_apart(match: re.Match[str]) -> str:
    capitals, word = match.group(1), match.group(2)
    if capitals in _CAPITAL_LABELS and _listed(word.lower()):
        return f"{capitals} {word}"
    return match.group()


def _word_apart(match: re.Match[str]) -> str:
    word = match.group(1)
    if word in _FUNCTION_WORDS or (word in _english() and not _clinical(word)):
        return word + " "
    return word


def _split_token(token: str) -> str:
    lower = token.lower()
    if len(token) < _MIN_GLUED or _listed(lower) or mend_slips(token)[1]:
        return token  # a word, or a code misread by a look-alike ("HbAlc" is no "Hb Alc")
    pieces = _CAMEL.split(token)
    if len(pieces) > 1:
        if not all(_camel_piece(piece, first=i == 0) for i, piece in enumerate(pieces)):
            return token
        return " ".join(_split_token(piece) for piece in pieces)
    if not token[1:].islower() or not token.isalpha():
        return token
    capitalised = token[0].isupper()
    words = _words_in(lower, _MAX_CAPITALISED_PIECES if capitalised else _MAX_PIECES)
    if words is None or (capitalised and words[0] not in _SENTENCE_OPENERS):
        return token
    out, at = [], 0
    for word in words:
        out.append(token[at : at + len(word)])
        at += len(word)
    return " ".join(out)


def _camel_piece(piece: str, *, first: bool) -> bool:
    """A piece of a token split before its capitals: a listed word or name, a capitalised word
    of three letters or more that is no name particle ("Mc", "De": "McDonald", "DeLong"), or
    a clinical code the look-alike mending knows ("Sp02")."""
    lower = piece.lower()
    if lower in _particles():
        return False
    if first and lower in _titles():
        return True
    if len(piece) < _SHORTEST_PIECE:
        return False  # "Hb" of "HbAlc", "Sp" of "SpO2": a code's letters, no word
    if _listed(lower):
        return True
    if piece.isalpha():
        return len(piece) >= 3 and piece[0].isupper() and (not first or piece[1:].islower())
    return bool(mend_slips(piece)[1]) or _clinical(lower)


def _words_in(lower: str, most: int) -> list[str] | None:
    """The one reading of a glued lower-case token as listed words: the fewest words, and of
    two such readings the one with a function word; ``None`` where there is none or no one."""
    readings: list[list[str]] = []
    for count in range(2, most + 1):
        readings = _readings(lower, count)
        if readings:
            break
    if len(readings) > 1:
        readings = [r for r in readings if any(w in _FUNCTION_WORDS for w in r)]
    return readings[0] if len(readings) == 1 else None


def _readings(lower: str, count: int) -> list[list[str]]:
    if count == 1:
        return [[lower]] if _piece_word(lower) else []
    found = []
    for cut in range(1, len(lower)):
        head = lower[:cut]
        if _piece_word(head):
            found += [[head, *rest] for rest in _readings(lower[cut:], count - 1)]
    return found


def _piece_word(lower: str) -> bool:
    if len(lower) == 1:
        return lower in _ONE_LETTER_WORDS
    if len(lower) == 2:
        return lower in _FUNCTION_WORDS  # the dictionary's two-letter words are mostly noise
    return (
        lower in _FUNCTION_WORDS
        or lower in _english()
        or _lexicon().inflected(lower)
        or _clinical(lower)
    )


def _listed(lower: str) -> bool:
    """A word as a list holds it: English, clinical (a medicine's brand included) or a name."""
    lexicon = _lexicon()
    return (
        lower in lexicon.english
        or lexicon.inflected(lower)
        or _clinical(lower)
        or lower in lexicon.products
        or lexicon.name_like(lower)
        or lower in lexicon.places
    )


def _clinical(lower: str) -> bool:
    return lower in _lexicon().clinical_words


def _english() -> frozenset[str]:
    return _lexicon().english


def _particles() -> frozenset[str]:
    from medlocal.privacy.deid_people_words import PARTICLES

    return PARTICLES


def _titles() -> frozenset[str]:
    from medlocal.privacy.deid_people_words import TITLES

    return TITLES


def _lexicon() -> Lexicon:
    from medlocal.privacy.deid_lexicon import lexicon  # the word lists load once, on first use

    return lexicon()
