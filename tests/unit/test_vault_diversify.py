"""Near-duplicate passages (a bundle's repeated progress notes) make way for other evidence."""

from __future__ import annotations

from medlocal.vault.diversify import demote_near_duplicates
from medlocal.vault.records import SearchHit


def _hit(chunk_id: int, text: str) -> SearchHit:
    return SearchHit(chunk_id, 1, 1, "a.json", None, 0, len(text), None, text, 1.0, None, None)


NOTE = "Nursing note: resting comfortably, weights recorded, no chest pain. Day {} of admission."


def test_repeats_move_behind_new_evidence() -> None:
    hits = [
        _hit(1, NOTE.format(1)),
        _hit(2, NOTE.format(2)),
        _hit(3, NOTE.format(3)),
        _hit(4, "Empagliflozin 10 mg daily; reason: heart failure with reduced ejection fraction."),
        _hit(5, "Date of birth: 1948-07-14."),
    ]
    assert [h.chunk_id for h in demote_near_duplicates(hits, 3)] == [1, 4, 5]
    # With room to spare the repeats are still returned, after everything else.
    assert [h.chunk_id for h in demote_near_duplicates(hits, 10)] == [1, 4, 5, 2, 3]


def test_different_passages_keep_their_order() -> None:
    hits = [_hit(i, f"Passage {i} about topic {'abcdefgh'[i]} alone.") for i in range(6)]
    assert [h.chunk_id for h in demote_near_duplicates(hits, 4)] == [0, 1, 2, 3]
