"""Session 54 (speed54): speed changes that must change no output.

Each fast path is compared with the reading it replaced, on invented texts built to hit its
edges and on the development notes."""

from __future__ import annotations

import pytest
from fixtures.deid_corpus import load

from medlocal.privacy import deid_car_models
from medlocal.privacy.deid_lexicon import fold, lexicon
from medlocal.privacy.deid_tokens import TOKEN, Tok, word_shape


def read_tokens(text: str, lex: object = None) -> list[Tok]:
    """The words of ``text`` as the scan first makes them (no rule has read them yet)."""
    return [
        Tok(m.start(), m.end(), m.group(), word_shape(m.group(), text, m.end()), fold(m.group()))
        for m in TOKEN.finditer(text)
    ]


def _shapes(tokens: list[Tok]) -> list[str]:
    return [tok.shape for tok in tokens]


def _as_before(tokens: list[Tok], text: str) -> None:
    """protect_car_models as it was before session 54: the whole-text search first."""
    if deid_car_models._ANY_MAKE.search(text) is None:
        return
    original = deid_car_models._make_written
    deid_car_models._make_written = lambda tokens, text: True
    try:
        deid_car_models.protect_car_models(tokens, text, lexicon())
    finally:
        deid_car_models._make_written = original


CARS = [
    "She drives a Ford Focus to clinic; Mazda CX-5 parked outside.",
    "Harrison Ford visited. Dr Ford Focus? The Toyota South Africa Motors office.",
    # A make folded from a letter the search does not fold ("Śkoda" reads as "skoda").
    "Car: Śkoda Octavia, reg withheld. Works at Nissan.",
    "Car: ŠKODA Octavia and a KIA Rio; the program diagram was fine.",
    "Kelvin sign: \u212aia Rio. Ram 1500 truck. Ramsey Street.",
    "No vehicle here at all: mitral regurgitation, Hb 120 g/L.",
    "Ford",
    "",
]


@pytest.mark.parametrize("text", CARS)
def test_car_models_as_before_on_awkward_text(text: str) -> None:
    lex = lexicon()
    fast, slow = read_tokens(text, lex), read_tokens(text, lex)
    deid_car_models.protect_car_models(fast, text, lex)
    _as_before(slow, text)
    assert _shapes(fast) == _shapes(slow)


def test_car_models_as_before_on_the_development_notes() -> None:
    lex = lexicon()
    notes = load("dev") + load("dev49")
    joined = "\n\n".join(note.text for note in notes)
    for text in [note.text for note in notes] + [joined]:
        fast, slow = read_tokens(text, lex), read_tokens(text, lex)
        deid_car_models.protect_car_models(fast, text, lex)
        _as_before(slow, text)
        assert _shapes(fast) == _shapes(slow)
