"""Walk 46b D1: a context larger than the model's training context is held to it, with a note,
and a message too long is never answered with advice to run the model past it."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from fixtures.model_files import header_info

from medlocal.engine.api import ChatMessage
from medlocal.engine.chat import fit_messages
from medlocal.engine.gguf import GGUFInfo
from medlocal.engine.sizing import chat_context, context_cap_note
from medlocal.errors import ContextBudgetError


def trained_on(tokens: int) -> GGUFInfo:
    return header_info(context_length=tokens)


def test_a_larger_context_is_held_to_the_training_context_with_a_note() -> None:
    info = trained_on(1024)
    assert chat_context(info, 8192) == 1024
    note = context_cap_note(info, 8192)
    assert note is not None and "trained on a context of 1,024 tokens" in note
    assert "not the 8,192 asked for" in note


def test_the_window_is_told_where_it_sets_the_context_not_ctx() -> None:
    """Left 53 (left 52 left): the window showed "(--ctx or the context size setting)"; it has
    no --ctx. The terminal keeps its words; the window names its setting."""
    from medlocal.errors import window_wording
    from medlocal.settings import in_window

    note = context_cap_note(trained_on(1024), 8192)
    assert note is not None and "--ctx" in note
    shown = window_wording(note)
    assert "--ctx" not in shown and in_window("context_tokens") in shown
    assert "not the 8,192 asked for" in shown


def test_a_training_context_off_the_padding_is_rounded_down_and_the_note_says_so() -> None:
    # Review 46b D9: 2,000 trained, 4,096 asked loaded 2,048 (padded up past it) and the note
    # said 2,000.
    info = trained_on(2000)
    assert chat_context(info, 4096) == 1792
    assert chat_context(info, None) <= 2000
    note = context_cap_note(info, 4096)
    assert note is not None and "it runs with 1,792, not the 4,096 asked for" in note


@pytest.mark.parametrize("asked", [None, 512, 1024])
def test_a_size_within_the_training_context_is_kept_without_a_note(asked: int | None) -> None:
    info = trained_on(1024)
    assert context_cap_note(info, asked) is None
    if asked is not None:
        assert chat_context(info, asked) == asked


def words(messages: Sequence[ChatMessage]) -> int:
    return sum(len(m.content.split()) + 4 for m in messages)


def refusal(n_ctx: int, trained: int | None) -> str:
    msgs = [ChatMessage("system", "s"), ChatMessage("user", "w " * 5000)]
    with pytest.raises(ContextBudgetError) as caught:
        fit_messages(msgs, 100, n_ctx, words, trained=trained)
    return str(caught.value)


def test_at_the_training_context_the_advice_is_another_model_not_a_larger_context() -> None:
    text = refusal(1024, 1024)
    assert "larger context" not in text
    assert "choose a model trained on a longer context (this one's is 1,024 tokens)" in text


def test_below_the_training_context_the_advice_names_its_limit() -> None:
    assert "larger context (up to 8,192 tokens, its training context" in refusal(1024, 8192)
