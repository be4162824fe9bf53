"""What the statistical line (:mod:`~medlocal.privacy.deid_tagger`) sees of each word.

The words are the word scan's own (:func:`~medlocal.privacy.deid_words.read_tokens`: clinical
phrases, eponyms, values and medication lists already read as protected), cut into one sequence
per line. Each word is described by its shape, what the word lists say of it, the punctuation
around it, its place in its run of capitalised words, and the same of its neighbours. A word's
own spelling is a feature only where it is an English or clinical word ("hospital", "daughter",
"dr"): a name's spelling never is, so the model learns from the context a name stands in, not
from the names it was trained on.

Training (``tools/train_deid_tagger.py``) and tagging use this one function, so the two cannot
drift apart.
"""

from __future__ import annotations

import itertools
import re

from medlocal.privacy.deid_lexicon import Lexicon
from medlocal.privacy.deid_tokens import Tok

_DIGIT = re.compile(r"\d")
_SPACE = re.compile(r"[ \t]+")
_ZEROS = re.compile(r"0+")
_MAX_SPELLED = 20  # longer words are jargon or codes: their spelling teaches nothing general


def lines_of(tokens: list[Tok], text: str) -> list[list[Tok]]:
    """The tokens cut into one sequence per line of ``text``."""
    lines: list[list[Tok]] = []
    current: list[Tok] = []
    previous_end = 0
    for tok in tokens:
        if current and text.find("\n", previous_end, tok.start) >= 0:
            lines.append(current)
            current = []
        current.append(tok)
        previous_end = tok.end
    if current:
        lines.append(current)
    return lines


def _gap(text: str) -> str:
    """The punctuation between two words, spaces folded and digits as 0 ("Dr. " -> ".", ", 22 "
    -> ",_0_")."""
    stripped = text.strip(" \t")
    if not stripped:
        return " "  # most gaps: a space (what the substitutions below make of it)
    gap = _DIGIT.sub("0", _SPACE.sub("_", stripped))
    return _ZEROS.sub("0", gap)[:4] or " "


def _shape(tok: Tok) -> str:
    word = tok.word
    if tok.shape == "lower" and word[:1].isupper():
        return "prot"  # capitalised but protected (an eponym, a drug, a clinical phrase)
    if word.isupper():
        return "CAPS" if len(word) > 1 else "I"
    return tok.shape


# Speed (session 40b): the length's feature written once, not once per word.
_LENGTHS = tuple(f"len={n}" for n in range(10))


def _own(tok: Tok, lex: Lexicon, shape: str | None = None) -> list[str]:
    """What the word is, apart from its place: its shape (``shape``, where the caller read
    it), spelling where that is general, and the word lists' verdicts."""
    lower = tok.bare
    known = lex.known(lower)
    clinical = lex.clinical(lower)
    feats = [f"sh={_shape(tok) if shape is None else shape}", _LENGTHS[min(len(lower), 9)]]
    if (known or clinical) and len(lower) <= _MAX_SPELLED:
        feats.append(f"w={lower}")
    else:
        # How an unknown word is spelled says something of where it comes from ("-son", "-ez",
        # "Mc-", "-ville", "-ham"), never which word it is.
        feats += ["w=?", f"suf={lower[-3:]}", f"suf2={lower[-2:]}", f"pre={lower[:2]}"]
    if known:
        feats.append("known")
    if clinical:
        feats.append("clin")
    if lower in lex.given_names:
        feats.append("given")
    if lower in lex.surnames:
        feats.append("sur")
    if lower in lex.places:
        feats.append("place")
    if tok.strong:
        feats.append("strong")
    if tok.weak:
        feats.append("weak")
    return feats


_CAPITALISED = ("title", "CAPS", "I")
_RUN_GAPS = (" ", "-", ". ", "'s ")


def _run_features(line: list[Tok], text: str, shapes: list[str] | None = None) -> list[list[str]]:
    """Each word's place in its run of capitalised words (one gap of a single space or a
    hyphen apart), and the run's last word where that is a plain word ("Hospital").
    ``shapes``, where given, are :func:`_shape` of each word (read once per line)."""
    shapes = [_shape(tok) for tok in line] if shapes is None else shapes
    feats: list[list[str]] = [[] for _ in line]
    i = 0
    while i < len(line):
        if shapes[i] not in _CAPITALISED:
            i += 1
            continue
        j = i
        while (
            j + 1 < len(line)
            and shapes[j + 1] in _CAPITALISED
            and text[line[j].end : line[j + 1].start] in _RUN_GAPS
        ):
            j += 1
        last = line[j].lower
        for k in range(i, j + 1):
            place = "one" if i == j else "first" if k == i else "last" if k == j else "mid"
            feats[k] += [f"run={place}", f"runlen={min(j - i + 1, 4)}", f"runend={last}"]
        i = j + 1
    return feats


class _Word:
    """What the word lists say of one word (its own features), and those features as its
    neighbours see them, by offset: made once per word of a text, where they were made for
    every word next to it (a word stands in four neighbourhoods)."""

    __slots__ = ("biased", "next1", "next2", "own", "prev1", "prev2")

    def __init__(self, own: list[str]) -> None:
        self.own = own
        self.biased = ["bias", *own]  # how the word's own list opens its features
        # Speed (session 36): the four neighbourhoods' lists at once. Speed (session 40b):
        # read by place, not by each feature's prefix: _own writes the shape first, the length
        # second, the spelling ("w=") third, and no later feature opens with "w=", "sh" or "le"
        # (tests/unit/test_deid_speed40b.py checks it on every development note).
        shape, spelling, rest = own[0], own[2], own[3:]
        self.prev2 = ["-2" + shape, "-2" + spelling]
        self.prev1 = ["-1" + shape, "-1" + spelling, *["-1" + f for f in rest]]
        self.next1 = ["1" + shape, "1" + spelling, *["1" + f for f in rest]]
        self.next2 = ["2" + shape, "2" + spelling]

    def seen_from(self, offset: int) -> list[str]:
        """The features a word ``offset`` away takes from this one: shape and word from two
        away, everything but the length from one away."""
        return {-2: self.prev2, -1: self.prev1, 1: self.next1, 2: self.next2}[offset]


Memo = dict[tuple[str, str, bool, bool], _Word]


def line_features(
    line: list[Tok], text: str, lex: Lexicon, memo: Memo | None = None
) -> list[list[str]]:
    """The feature strings of each word of one line, for the CRF. ``memo`` carries what the
    word lists said of each word between the lines of one text (the lookups are most of the
    cost)."""
    memo = {} if memo is None else memo
    shapes = [_shape(tok) for tok in line]
    words: list[_Word] = []
    for tok, shape in zip(line, shapes, strict=True):
        key = (tok.lower, shape, tok.strong, tok.weak)
        word = memo.get(key)
        if word is None:
            word = memo[key] = _Word(_own(tok, lex, shape))
        words.append(word)
    runs = _run_features(line, text, shapes)
    line_start = text.rfind("\n", 0, line[0].start) + 1
    gaps = [_gap(text[line_start : line[0].start])]
    gaps += [_gap(text[a.end : b.start]) for a, b in itertools.pairwise(line)]
    line_end = text.find("\n", line[-1].end)
    after_last = _gap(text[line[-1].end : line_end if line_end >= 0 else len(text)])
    gaps_before = [f"gap<={gap}" for gap in gaps]
    gaps_after = [f"gap>={gap}" for gap in gaps[1:]] + [f"gap>={after_last}"]
    last = len(line) - 1
    out: list[list[str]] = []
    for i, word in enumerate(words):
        feats = [*word.biased, *runs[i], gaps_before[i], gaps_after[i]]
        if i >= 2:
            feats += words[i - 2].prev2
            feats += words[i - 1].prev1
        elif i == 1:
            feats.append("-2edge")
            feats += words[0].prev1
        else:
            feats += ("bol", "-2edge", "-1edge")
        if i + 1 < last:
            feats += words[i + 1].next1
            feats += words[i + 2].next2
        elif i < last:
            feats += words[i + 1].next1
            feats.append("2edge")
        else:
            feats += ("1edge", "2edge")
        if i > 0:
            # the word before, with this shape
            feats.append(f"-1{words[i - 1].own[2]}|{word.own[0]}")
        out.append(feats)
    return out
