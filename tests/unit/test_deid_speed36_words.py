"""Session 36 (speed): read_tokens reads a longer word's shape and folded form once per distinct
word of a text (a lone letter's shape still reads the text after it), and the tagger's line
features make a word's four neighbourhood lists at once; both give what they gave before."""

from __future__ import annotations

import itertools

import pytest
from fixtures.deid_corpus import load

from medlocal.privacy.deid_lexicon import fold, lexicon
from medlocal.privacy.deid_tagger_features import _gap, _own, _run_features, line_features, lines_of
from medlocal.privacy.deid_tokens import Tok, word_shape
from medlocal.privacy.deid_words import read_tokens

_AWKWARD = (
    "H. Lindgren saw A. Patel. Grade A. (L) knee. Siofra O Donnabhain, O. Donnell",
    "Dr. Frost, DR. FROST, dr frost; Hôpital de l'Enfant-Jésus, Centre d'Accueil",
    "MaNdlovu, Pola-R-CHP, IgA, FibroScan, HealthSystem, Acme Medical LLC, ERIE COUNTY EMS",
    "Seen 12/03/2025 and 25/03/2025; colour, centre. NHS.\nA\nB. C D",
)


def _texts() -> list[str]:
    return [note.text for note in load("dev")][:30] + list(_AWKWARD)


def test_read_tokens_shapes_and_folds_as_each_word_reads_alone() -> None:
    lex = lexicon()
    try:
        for text in _texts():
            for tok in read_tokens(text, lex):
                if tok.lower == "" and tok.shape == "lower":
                    continue  # inside a clinical phrase: protected, not read
                if tok.shape == "lower" and tok.word[:1].isupper():
                    continue  # protected after reading (an eponym, a value, a product)
                assert tok.lower == fold(tok.word), tok
                assert tok.shape == word_shape(tok.word, text, tok.end), (tok, text)
    finally:
        lex.forget()


def test_a_lone_letters_shape_still_reads_the_text_after_it() -> None:
    text = "H. Lindgren and grade H today; H Lindgren"
    lex = lexicon()
    try:
        shapes = [tok.shape for tok in read_tokens(text, lex) if tok.word == "H"]
    finally:
        lex.forget()
    assert shapes == ["initial", "lower", "initial"]


def _reference_features(line: list[Tok], text: str) -> list[list[str]]:
    """The line features as session 35 made them: each neighbour's list made where it is used."""
    lex = lexicon()
    own = [_own(tok, lex) for tok in line]

    def seen(j: int, offset: int) -> list[str]:
        out = [f"{offset}{f}" for f in own[j] if f[:2] in ("w=", "sh")]
        if abs(offset) == 1:
            out += [f"{offset}{f}" for f in own[j] if f[:2] not in ("w=", "sh", "le")]
        return out

    runs = _run_features(line, text)
    line_start = text.rfind("\n", 0, line[0].start) + 1
    gaps = [_gap(text[line_start : line[0].start])]
    gaps += [_gap(text[a.end : b.start]) for a, b in itertools.pairwise(line)]
    line_end = text.find("\n", line[-1].end)
    after_last = _gap(text[line[-1].end : line_end if line_end >= 0 else len(text)])
    result = []
    for i in range(len(line)):
        feats = ["bias", *own[i], *runs[i], f"gap<={gaps[i]}"]
        feats.append(f"gap>={gaps[i + 1] if i + 1 < len(line) else after_last}")
        if i == 0:
            feats.append("bol")
        for offset in (-2, -1, 1, 2):
            j = i + offset
            feats += seen(j, offset) if 0 <= j < len(line) else [f"{offset}edge"]
        if i > 0:
            feats.append(f"-1{own[i - 1][2]}|{own[i][0]}")
        result.append(feats)
    return result


@pytest.mark.parametrize("length", [1, 2, 3, 4, 7])
def test_line_features_equal_the_reference_at_every_line_length(length: int) -> None:
    words = [
        "Seen",
        "by",
        "Dr",
        "Ewa",
        "Kowalczyk",
        "at",
        "St.",
        "Brigid's",
        "Hospital,",
        "Co.",
        "Kerry",
    ]
    text = " ".join(words[:length])
    lex = lexicon()
    try:
        tokens = read_tokens(text, lex)
        assert line_features(tokens, text, lex, {}) == _reference_features(tokens, text)
    finally:
        lex.forget()


def test_line_features_equal_the_reference_on_notes() -> None:
    lex = lexicon()
    try:
        for text in _texts():
            memo: dict = {}  # type: ignore[type-arg]
            for line in lines_of(read_tokens(text, lex), text):
                assert line_features(line, text, lex, memo) == _reference_features(line, text)
    finally:
        lex.forget()
