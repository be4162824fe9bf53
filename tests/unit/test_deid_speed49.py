"""Session 49 (speed): a token's bare word is read once when the token is made, the cue word
before a run is kept for the text read last until the preview ends, and the cancel check hands
the items on as they are outside a cancellable block. Each gives what the work done at every
ask gave, the kept cues never outlive their text or answer for another, and a reading asked to
stop still stops."""

from __future__ import annotations

import threading

import pytest
from fixtures.deid_corpus import load

from medlocal.errors import GenerationCancelled
from medlocal.privacy import deid_names, deid_patterns
from medlocal.privacy.deid_cancel import cancellable, checked
from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_names import _word_cue, forget_cues, word_cue
from medlocal.privacy.deid_tokens import TOKEN, Tok
from medlocal.privacy.deid_words import read_tokens
from medlocal.privacy.redact import PatientIdentity, Redactor


def _bare_as_before(lower: str) -> str:
    """Session 48's property, read at every ask."""
    return lower.rstrip("'’").removesuffix("'s").removesuffix("’s")


@pytest.fixture(autouse=True)
def _no_kept_cues() -> None:
    forget_cues()


@pytest.mark.parametrize(
    "lower", ["brigid's", "brigid’s", "james'", "o'neill", "jones’", "'s", "", "’", "x's's"]
)
def test_a_token_made_anywhere_holds_its_bare_word(lower: str) -> None:
    tok = Tok(0, len(lower), lower, "title", lower)
    assert tok.bare == _bare_as_before(lower)


def test_every_token_of_the_notes_holds_the_bare_word_of_its_folded_form() -> None:
    lex = lexicon()
    for note in load("dev")[:40]:
        for tok in read_tokens(note.text, lex):
            assert tok.bare == _bare_as_before(tok.lower), (tok.word, tok.lower)


def _run_starts(text: str) -> list[int]:
    return [m.start() for m in TOKEN.finditer(text) if m.group()[:1].isupper()]


def test_the_kept_cue_is_the_one_read_at_every_ask() -> None:
    for note in load("dev")[:30]:
        text = note.text
        places = _run_starts(text)
        # Asked twice over, as the scan asks: the second ask reads what was kept.
        for _ in range(2):
            for start in places:
                assert word_cue(text, start) == _word_cue(text, start), (start, text[:40])


def test_a_cue_kept_for_one_text_never_answers_for_another() -> None:
    # The same place in two texts: "Dr. Frost" and "Mr. Frost".
    first, second = "Seen by Dr. Frost today", "Seen by Mr. Frost today"
    at = first.index("Frost")
    assert word_cue(first, at) == "dr"
    assert word_cue(second, at) == "mr"
    # A text of the same words as an earlier one but another object reads its own cues.
    again = "".join(["Seen by Dr. ", "Frost today"])
    assert again == first and again is not first
    assert word_cue(again, at) == "dr"
    # And back to the first text: its cues are read again, not the second's.
    assert word_cue(first, at) == "dr"


def test_a_preview_keeps_no_cue_or_text_after_it() -> None:
    note = load("dev")[0]
    redactor = Redactor(PatientIdentity(note.patient_name, note.mrn, note.dob), shift_days=40)
    redactor.preview(note.text)
    assert deid_names._CUES_OF is None


def test_forgetting_drops_the_kept_text() -> None:
    word_cue("Her daughter Grace", 13)
    assert deid_names._CUES_OF is not None
    forget_cues()
    assert deid_names._CUES_OF is None


def test_checked_hands_on_the_items_outside_a_cancellable_block() -> None:
    items = [3, 1, 2]
    assert list(checked(items)) == items
    assert list(checked(x for x in items)) == items


def test_checked_still_stops_a_reading_asked_to_stop() -> None:
    cancel = threading.Event()
    seen: list[int] = []
    with cancellable(cancel, "the test reading"), pytest.raises(GenerationCancelled):
        for n in checked(range(1000), every=10):
            seen.append(n)
            if n == 14:
                cancel.set()
    # Stopped at the next check after the event: the twentieth item is not handed on.
    assert seen == list(range(20))
    cancel.set()
    with cancellable(cancel), pytest.raises(GenerationCancelled):
        next(checked([1, 2]))  # checked before the first item


def test_every_fixed_pattern_reads_its_value_groups_in_the_written_order() -> None:
    order = ("v", "w", "u", "v2", "g", "a", "a2", "a3")
    for _, pattern in deid_patterns._PATTERNS:
        assert deid_patterns._VALUE_GROUPS[id(pattern)] == tuple(
            name for name in order if name in pattern.groupindex
        ), pattern.pattern[:60]
