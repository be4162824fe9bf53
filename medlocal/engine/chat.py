"""Chat prompts: the model's own template, and fitting a conversation into the context window."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from medlocal.engine.api import ChatMessage, TrimReport
from medlocal.errors import ContextBudgetError
from medlocal.settings import in_window

# Used only when a GGUF carries no chat template (rare for instruct models); plain labels keep
# the roles apart and give us a textual stop sequence.
_FALLBACK_STOP = "\nUser:"


@dataclass(frozen=True)
class RenderedPrompt:
    text: str
    stop: tuple[str, ...]


class ChatTemplate:
    """Renders messages with the GGUF's ``tokenizer.chat_template`` in llama-cpp-python's
    sandboxed Jinja environment."""

    def __init__(self, template: str | None, bos_token: str, eos_token: str) -> None:
        self._formatter = None
        if template:
            from llama_cpp.llama_chat_format import Jinja2ChatFormatter

            self._formatter = Jinja2ChatFormatter(
                template=template, eos_token=eos_token, bos_token=bos_token
            )
        self.eos_token = eos_token

    @property
    def from_model(self) -> bool:
        return self._formatter is not None

    def render(self, messages: Sequence[ChatMessage]) -> RenderedPrompt:
        if self._formatter is None:
            return self._render_fallback(messages)
        payload = [{"role": m.role, "content": m.content} for m in messages]
        try:
            result = self._formatter(messages=payload)
        except ValueError:
            # Some templates (Gemma, Mistral) refuse a system role: fold it into the first turn.
            result = self._formatter(messages=_fold_system(payload))
        stop = (
            tuple(s for s in (result.stop or ()) if s)
            if not isinstance(result.stop, str)
            else (result.stop,)
        )
        return RenderedPrompt(result.prompt, stop)

    @staticmethod
    def _render_fallback(messages: Sequence[ChatMessage]) -> RenderedPrompt:
        labels = {"system": "System", "user": "User", "assistant": "Assistant"}
        lines = [f"{labels[m.role]}: {m.content}" for m in messages]
        return RenderedPrompt("\n".join(lines) + "\nAssistant:", (_FALLBACK_STOP,))


def _fold_system(payload: list[dict[str, str]]) -> list[dict[str, str]]:
    system = [m["content"] for m in payload if m["role"] == "system"]
    rest = [dict(m) for m in payload if m["role"] != "system"]
    if system and rest and rest[0]["role"] == "user":
        rest[0]["content"] = "\n\n".join([*system, rest[0]["content"]])
    return rest


MIN_ANSWER_TOKENS = 32


def cannot_fit(chars: int, n_ctx: int, piece_bytes: int | None) -> bool:
    """True when a text of ``chars`` characters needs more than ``n_ctx`` tokens whatever it
    says, known without tokenising it. Safe by construction: a token stands for at most
    ``piece_bytes`` bytes of text and a character is at least one byte, so such a text needs
    at least ``chars / piece_bytes`` tokens. None: no such bound is known (a vocabulary that
    normalises text, where one token may stand for more than its own piece)."""
    return piece_bytes is not None and piece_bytes > 0 and chars > n_ctx * piece_bytes


def too_long_advice(n_ctx: int, trained: int | None, *, window: bool = False) -> str:
    """What to do about a message the context cannot hold: a larger context only where the
    model was trained on one (walk 46b: the advice led past the training context). ``window``:
    worded for the window (its Settings field, not --ctx)."""
    if trained and trained > n_ctx:
        where = in_window("context_tokens") if window else "--ctx or the context size setting"
        return (
            f"Shorten it, or load the model with a larger context (up to {trained:,} tokens, "
            f"its training context: {where})."
        )
    if trained:
        return (
            f"Shorten it, or choose a model trained on a longer context (this one's is "
            f"{trained:,} tokens)."
        )
    return "Shorten it, or load the model with a larger context."


def fit_messages(
    messages: Sequence[ChatMessage],
    max_tokens: int,
    n_ctx: int,
    count: Callable[[Sequence[ChatMessage]], int],
    *,
    thinking: bool = False,
    piece_bytes: Callable[[], int | None] | None = None,
    trained: int | None = None,
) -> tuple[list[ChatMessage], int, TrimReport]:
    """Drop the oldest turns until prompt + answer fit ``n_ctx``. ``thinking``: ``max_tokens``
    holds a reasoning model's thinking and its answer (the note says so).

    The system prompt and the latest user message are always kept. Returns the kept messages, the
    answer budget (``max_tokens`` reduced if only that makes it fit) and what was dropped.

    ``piece_bytes``: the most bytes of text one token stands for (see :func:`cannot_fit`),
    asked only for a text longer than ``n_ctx`` characters. Messages that must be kept and
    cannot fit by that bound are refused before anything is tokenised: walk 38's 5 MB question
    took 23 s and 1.1 GB to tokenise only to be refused.

    ``trained``: the model's training context, so that a message too long is never answered
    with advice to run the model past it.
    """
    kept = list(messages)
    report = TrimReport()
    system = [m for m in kept if m.role == "system"][:1]
    body = [m for m in kept if not (system and m is system[0])]
    chars = sum(len(m.content) for m in system + body[-1:])
    if piece_bytes is not None and chars > n_ctx and cannot_fit(chars, n_ctx, piece_bytes()):
        too_long = (
            f"The message is too long for this model: its {chars:,} characters need more than "
            f"the {n_ctx} tokens the context holds."
        )
        raise ContextBudgetError(
            f"{too_long} {too_long_advice(n_ctx, trained)}",
            window=f"{too_long} {too_long_advice(n_ctx, trained, window=True)}",
        )
    used = count(kept)
    while used + max_tokens > n_ctx and len(body) > 1:
        # Drop whole exchanges (a user turn and the answer to it) so roles stay alternating.
        drop = 2 if len(body) > 2 and body[1].role == "assistant" else 1
        dropped = body[:drop]
        body = body[drop:]
        kept = system + body
        new_used = count(kept)
        report.dropped_messages += len(dropped)
        report.dropped_tokens += used - new_used
        used = new_used
    if report.dropped_messages:
        report.notes.append(
            f"The conversation was too long for the model's context ({n_ctx} tokens): "
            f"the {report.dropped_messages} oldest message(s) were left out."
        )
    budget = max_tokens
    if used + budget > n_ctx:
        budget = n_ctx - used
        if budget < MIN_ANSWER_TOKENS:
            too_long = (
                f"The message is too long for this model: it needs {used} tokens and the context "
                f"holds {n_ctx}."
            )
            raise ContextBudgetError(
                f"{too_long} {too_long_advice(n_ctx, trained)}",
                window=f"{too_long} {too_long_advice(n_ctx, trained, window=True)}",
            )
        what = "The thinking and the answer together are" if thinking else "The answer is"
        report.notes.append(f"{what} limited to {budget} tokens to fit the context.")
    return kept, budget, report
