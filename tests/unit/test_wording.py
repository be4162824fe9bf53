"""Counts in messages read as English (walk 39: "1 tokens so far", "3 saved answer(s) or
summar(ies)")."""

from __future__ import annotations

from medlocal.wording import counted, saved_outputs


def test_counted_says_one_and_many() -> None:
    assert counted(1, "token") == "1 token"
    assert counted(0, "token") == "0 tokens"
    assert counted(2048, "token") == "2,048 tokens"
    assert counted(3, "summary", "summaries") == "3 summaries"


def test_saved_outputs() -> None:
    assert saved_outputs(1) == "1 saved answer or summary"
    assert saved_outputs(3) == "3 saved answers or summaries"


def test_with_article_reads_an_before_a_vowel() -> None:
    """Walk 40: "'all-minilm-l6-v2' is a embedding model"."""
    from medlocal import wording

    assert wording.with_article("embedding") == "an embedding"
    assert wording.with_article("chat") == "a chat"
    assert wording.with_article("reranker") == "a reranker"
    assert wording.with_article("") == "a "
