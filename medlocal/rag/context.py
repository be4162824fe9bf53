"""Fit a prompt into the chat model's context window.

Budget: tokens(system + history + question + passages, as the chat template renders them)
+ max_tokens <= n_ctx. Passages are dropped whole, weakest first (they arrive best first), so no
passage is ever cut mid-sentence; conversation history is capped, oldest turns first. Everything
dropped is reported so the caller can tell the user.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from medlocal.engine.api import ChatMessage, ChatModel
from medlocal.engine.reasoning import THINKING_MIN, THINKING_SETTING
from medlocal.errors import ContextBudgetError
from medlocal.rag.passages import NumberedPassage, number_hits
from medlocal.settings import in_window
from medlocal.vault.records import SearchHit

# Share of the window history may keep before passages are considered: fresh evidence matters
# more than old turns.
HISTORY_SHARE = 0.25


@dataclass
class ContextFit:
    messages: list[ChatMessage]
    passages: list[NumberedPassage]
    dropped: list[SearchHit] = field(default_factory=list)
    dropped_turns: int = 0
    prompt_tokens: int = 0

    def notes(self) -> list[str]:
        notes = []
        if self.dropped:
            notes.append(
                f"{len(self.dropped)} lower-ranked passage(s) left out to fit the context window"
            )
        if self.dropped_turns:
            notes.append(f"{self.dropped_turns} earlier message(s) of this chat left out")
        return notes


def suggested_max_tokens(n_ctx: int) -> int:
    """A longest answer that leaves most of an ``n_ctx`` window to the question and passages."""
    return max(16, n_ctx // 4)


def suggested_thinking(n_ctx: int, max_tokens: int) -> int | None:
    """A thinking budget that, beside ``max_tokens`` of answer, leaves half of an ``n_ctx``
    window to the question; None when no budget of the setting's least (64) does."""
    value = min(n_ctx // 2 - max_tokens, 16384)
    return value if value >= THINKING_MIN else None


def thinking_advice(n_ctx: int, max_tokens: int, what: str, *, window: bool = False) -> str:
    """How to make room for a reasoning model's thinking: a thinking budget that fits, or when
    none does beside this answer length, a shorter ``what`` (the answer's setting). ``window``:
    worded for the window (its Settings fields, no command)."""
    fits = suggested_thinking(n_ctx, max_tokens)
    context = in_window("context_tokens")
    if window and fits is not None:
        return f"Lower {in_window(THINKING_SETTING)}, e.g. to {fits}, or raise {context}"
    if window:
        return f"Lower {in_window(what)} and {in_window(THINKING_SETTING)}, or raise {context}"
    if fits is not None:
        return (
            f"Lower the thinking budget, e.g. 'medlocal settings set {THINKING_SETTING} {fits}'"
            " (Settings), or raise the context size (context_tokens)"
        )
    return (
        f"Lower {what} and the thinking budget ({THINKING_SETTING}) in Settings, or raise the"
        " context size (context_tokens)"
    )


def budget(model: ChatModel, max_tokens: int) -> int:
    return model.n_ctx - max_tokens


def trim_history(
    model: ChatModel, history: Sequence[ChatMessage], limit: int
) -> tuple[list[ChatMessage], int]:
    """Drop the oldest turns (a user message and its answer together) until ``history`` fits
    ``limit`` tokens."""
    kept = list(history)
    dropped = 0
    while kept and model.count_chat_tokens(kept) > limit:
        take = 2 if len(kept) >= 2 and kept[0].role == "user" else 1
        kept = kept[take:]
        dropped += take
    return kept, dropped


def fit_passages(
    model: ChatModel,
    hits: Sequence[SearchHit],
    build: Callable[[Sequence[NumberedPassage], Sequence[ChatMessage]], list[ChatMessage]],
    *,
    max_tokens: int,
    history: Sequence[ChatMessage] = (),
    thinking: int = 0,
) -> ContextFit:
    """Keep as many of ``hits`` (best first) as fit; ``build(passages, history)`` makes the
    messages. ``thinking``: room a reasoning model's thinking needs besides the answer. Raises
    ContextBudgetError when even the question alone cannot fit."""
    limit = budget(model, max_tokens + thinking)
    if limit <= 0:
        if thinking:
            no_room = (
                f"the longest-answer setting (max_tokens = {max_tokens}) with the thinking budget"
                f" ({THINKING_SETTING} = {thinking}) leaves no room for the question in the"
                f" model's context window ({model.n_ctx} tokens). "
            )
            raise ContextBudgetError(
                no_room + thinking_advice(model.n_ctx, max_tokens, "max_tokens"),
                window=no_room
                + thinking_advice(model.n_ctx, max_tokens, "max_tokens", window=True),
            )
        no_room = (
            f"the longest-answer setting (max_tokens = {max_tokens}) leaves no room for the "
            f"question in the model's context window ({model.n_ctx} tokens). Lower it, e.g. "
        )
        shorter = suggested_max_tokens(model.n_ctx)
        raise ContextBudgetError(
            f"{no_room}'medlocal settings set max_tokens {shorter}' or Settings > Longest answer "
            "in the window, or raise the context size (context_tokens)",
            window=f"{no_room}to {shorter} ({in_window('max_tokens')}), or raise "
            f"{in_window('context_tokens')}",
        )
    kept_history, dropped_turns = trim_history(model, history, int(model.n_ctx * HISTORY_SHARE))
    # Weakest last, so trimming the tail drops the weakest passages first.
    ranked = sorted(hits, key=lambda h: h.score, reverse=True)
    dropped: list[SearchHit] = []

    def attempt(count: int, hist: Sequence[ChatMessage]) -> tuple[list[ChatMessage], int]:
        passages = number_hits(ranked[:count])
        messages = build(passages, hist)
        return messages, model.count_chat_tokens(messages)

    count = len(ranked)
    messages, used = attempt(count, kept_history)
    # Fewer passages means fewer tokens: search for the largest count that fits.
    if used > limit:
        lo, hi = 0, count - 1
        best = -1
        while lo <= hi:
            mid = (lo + hi) // 2
            _, tokens = attempt(mid, kept_history)
            if tokens <= limit:
                best, lo = mid, mid + 1
            else:
                hi = mid - 1
        while best < 0 and kept_history:
            # Not even the question fits beside the history: give up history, oldest first.
            kept_history, extra = trim_history(
                model, kept_history, model.count_chat_tokens(kept_history) - 1
            )
            dropped_turns += extra
            if attempt(0, kept_history)[1] <= limit:
                best = 0
                while best < count and attempt(best + 1, kept_history)[1] <= limit:
                    best += 1
        if best < 0:
            raise ContextBudgetError(
                "the question is too long for this model's context window; shorten it or choose"
                " a model with a larger window"
            )
        dropped = ranked[best:]
        count = best
        messages, used = attempt(count, kept_history)
    return ContextFit(
        messages=messages,
        passages=number_hits(ranked[:count]),
        dropped=dropped,
        dropped_turns=dropped_turns,
        prompt_tokens=used,
    )
