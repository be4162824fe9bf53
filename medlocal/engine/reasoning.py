"""A reasoning model's thinking, split from its answer as the pieces stream in.

Reasoning models write their thinking before the answer: ``<think>…</think>`` (Qwen3,
II-Medical), ``<thinking>`` or ``<reasoning>`` blocks (any case), a block the chat template
opened in the prompt (only the closing tag appears), or HuatuoGPT-o1's "## Thinking" … "## Final
Response" sections. :class:`ReasoningSplitter` turns the stream into answer text and thinking;
a tag split across pieces is held back until it is known (as ``StopFilter`` holds a stop
string), so a model that never thinks passes through unchanged, delayed only by a tag-prefix.
:class:`ReasoningStream` runs one generation through it with the thinking budget.
"""

from __future__ import annotations

import codecs
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from medlocal.engine.api import STOP_LENGTH, ChatMessage, ChatModel, SamplingParams
from medlocal.errors import MedLocalError
from medlocal.settings import declared_default, in_window

_OPEN = re.compile(r"<(think|thinking|reasoning)>", re.I)
_CLOSE = re.compile(r"</(think|thinking|reasoning)>", re.I)
# HuatuoGPT-o1: "## Thinking" opens only at the start of the output, on a line of its own.
_MD_OPEN = re.compile(r"\s*##[ \t]*thinking[ \t]*\r?\n", re.I)
_MD_CLOSE = re.compile(r"##[ \t]*final[ \t]+response[ \t]*", re.I)
_OPEN_TAGS = ("<think>", "<thinking>", "<reasoning>")
_CLOSE_TAGS = ("</think>", "</thinking>", "</reasoning>")


def _prefixes(parts: Sequence[str]) -> re.Pattern[str]:
    """A pattern matching any proper beginning of the pattern ``"".join(parts)``: each part an
    atom ("#", "[ \\t]*", "f"), so a stream cut mid-way is held back by the same spacing rules
    the whole match follows."""
    pattern = ""
    for part in reversed(parts):
        pattern = f"{part}(?:{pattern})?" if pattern else part
    return re.compile(pattern, re.I)


def _atoms(words: str) -> list[str]:
    out: list[str] = []
    for char in words:
        if char == " ":
            out.append("[ \\t]+")
        elif char == "_":
            out.append("[ \\t]*")
        else:
            out.append(re.escape(char))
    return out


# "##Thinking", "## thinking" (its line ends after) and "##  Final  Response", piece by piece.
_MD_OPEN_PARTIAL = _prefixes([*_atoms("##_thinking"), "[ \\t]*", "\\r?"])
_MD_CLOSE_PARTIAL = _prefixes(_atoms("##_final response"))

THINKING_SETTING = "thinking_budget"
THINKING_MIN = 64  # the setting's least value (settings.py)
# The thinking budget where none is given: the setting's declared default.
DEFAULT_THINK_BUDGET: int = declared_default(THINKING_SETTING)
# Pieces past the budget before a block the engine was asked to close counts as never closed.
CLOSE_SLACK = 32


class ThinkingBudgetExceeded(MedLocalError):
    """The model was still thinking when its thinking budget ran out."""


def template_thinks(template_source: str | None) -> bool:
    """Whether a chat template knows reasoning blocks (Qwen3 and DeepSeek-R1 templates do)."""
    return bool(template_source) and _CLOSE.search(template_source or "") is not None


def prompt_opens_thinking(prompt: str) -> bool:
    """Whether a rendered prompt ends inside a thinking block the template opened."""
    opened = list(_OPEN.finditer(prompt))
    return (
        bool(opened)
        and _CLOSE.search(prompt, opened[-1].end()) is None
        and (not prompt[opened[-1].end() :].strip())
    )


def model_reasons(model: Any) -> bool:
    """Whether ``model`` is known to think before it answers (``reasoning`` set at load from the
    catalog's ``reasoning_output`` or the chat template); unknown models are not."""
    return bool(getattr(model, "reasoning", False))


class ReasoningSplitter:
    """Feed pieces; get back answer text. ``thinking`` holds the reasoning; ``thinking_now``
    says whether the model is inside a block; ``thinking_pieces`` counts the pieces fed there.

    ``opened``: the prompt opened the block (the output starts inside it). ``reasons``: the
    model is known to reason, so a closing tag alone (a block its template opened) ends thinking.
    An opening tag counts only at the start of the output; for a model neither known to reason
    nor given an opened block, a closing tag alone is answer text, so such a model's output
    passes through unchanged unless it starts with a block."""

    def __init__(self, *, opened: bool = False, reasons: bool = False) -> None:
        self.reasons = reasons or opened
        self.raw = ""  # everything fed
        self.pieces = 0
        self.answer = ""
        self.thinking = ""
        self.thinking_pieces = 0
        self.had_thinking = opened
        self.unclosed = False
        self._buf = ""
        self._think = opened
        self._markdown = False  # the open block is a "## Thinking" section
        self._tag = "think"  # the open block's tag name
        self._after_block = False  # drop the blank lines between a block and the answer
        # Before any block, a closing tag alone says the template opened one in the prompt.
        self._seen_block = opened
        self._spoke = False  # answer text other than whitespace has been given

    @property
    def thinking_now(self) -> bool:
        return self._think

    def feed(self, piece: str) -> str:
        if self._think:
            self.thinking_pieces += 1
        self.raw += piece
        self.pieces += 1
        self._buf += piece
        out: list[str] = []
        while self._step(out):
            pass
        text = "".join(out)
        self.answer += text
        self._spoke = self._spoke or bool(text.strip())
        return text

    def flush(self) -> str:
        """The end of the output: an unclosed block takes what is left; otherwise a held-back
        tag prefix was answer text after all."""
        rest, self._buf = self._buf, ""
        if self._think:
            self.thinking += rest
            self.unclosed = True
            return ""
        if self._after_block:
            rest = rest.lstrip()
        self.answer += rest
        return rest

    def _step(self, out: list[str]) -> bool:
        """One move over the buffer; True when another may follow."""
        buf = self._buf
        if self._think:
            found = (_MD_CLOSE if self._markdown else _CLOSE).search(buf)
            if found:
                self.thinking += buf[: found.start()]
                self._buf = buf[found.end() :]
                self._think = self._markdown = False
                self._after_block = True
                return True
            keep = _md_held(buf) if self._markdown else _held(buf, _CLOSE_TAGS)
            self.thinking += buf[: len(buf) - keep]
            self._buf = buf[len(buf) - keep :]
            return False
        if self._after_block:
            buf = self._buf = buf.lstrip()
            if not buf:
                return False
            self._after_block = False
        at_start = not self._seen_block and not self._spoke and not "".join(out).strip()
        if at_start:
            # "## Thinking" is HuatuoGPT-o1's; another model's heading of that name is its text.
            opening = _MD_OPEN.match(buf) if self.reasons else None
            if opening:
                self._enter(opening.end(), markdown=True)
                return True
            head = buf.lstrip()
            lead = buf[: len(buf) - len(head)]
            opening_tag = _OPEN.match(head)
            if opening_tag:
                out.append(lead)
                self._buf = head
                self._tag = opening_tag.group(1)
                self._enter(opening_tag.end(), markdown=False)
                return True
            md_prefix = self.reasons and _whole(_MD_OPEN_PARTIAL, head)
            if not head or md_prefix or _held(head, _OPEN_TAGS) == len(head):
                return False  # might still open a block ("<thi", "## Thinking" before its line)
        if not self.reasons and not self._seen_block:
            out.append(buf)  # no block: a tag written later is answer text
            self._buf = ""
            self._spoke = self._spoke or bool(buf.strip())
            return False
        closing = _CLOSE.search(buf)
        if closing:
            if not self._seen_block:  # the template opened the block: all so far was thinking
                self.thinking += self.answer + "".join(out) + buf[: closing.start()]
                self.answer = ""
                self._spoke = False
                out.clear()
                self.had_thinking = self._seen_block = True
            else:  # a stray closing tag after a block: dropped
                out.append(buf[: closing.start()])
            self._buf = buf[closing.end() :]
            self._after_block = True
            return True
        keep = _held(buf, _CLOSE_TAGS)
        out.append(buf[: len(buf) - keep])
        self._buf = buf[len(buf) - keep :]
        return False

    def closing_text(self) -> str:
        """What closes the open block, for an engine that closes it when the budget runs out."""
        return "\n\n## Final Response\n\n" if self._markdown else f"</{self._tag}>\n\n"

    def _enter(self, end: int, *, markdown: bool) -> None:
        self._buf = self._buf[end:]
        self._think = self.had_thinking = self._seen_block = True
        self._markdown = markdown


def _held(text: str, markers: Sequence[str]) -> int:
    """Characters at the end of ``text`` that may begin one of ``markers`` (case-insensitive)."""
    low = text[-max(len(m) for m in markers) :].lower()
    for size in range(len(low), 0, -1):
        tail = low[-size:]
        if any(m.startswith(tail) and len(m) > size for m in markers):
            return size
    return 0


def _whole(partial: re.Pattern[str], text: str) -> bool:
    return partial.fullmatch(text) is not None


def _md_held(text: str) -> int:
    """Characters at the end of ``text`` that may begin "## Final Response" (any spacing)."""
    start = text.rfind("#", max(0, len(text) - 64))
    while start >= 0:
        if start > 0 and text[start - 1] == "#":
            start -= 1
        if _whole(_MD_CLOSE_PARTIAL, text[start:]):
            return len(text) - start
        start = text.rfind("#", max(0, len(text) - 64), start)
    return 0


def close_thinking(
    start: Callable[[list[int]], Iterator[int]],
    prompt: Sequence[int],
    budget: int,
    detokenize: Callable[[int], bytes],
    tokenize: Callable[[str], list[int]],
    *,
    opened: bool = False,
) -> Iterator[int]:
    """Tokens from ``start(prompt)``; once the model has thought ``budget`` tokens inside a
    block, the block's closing tag is put in its mouth (yielded as if generated) and generation
    starts again after it (``start(prompt + generated + closing)``: the KV cache holds the
    prefix), so the model answers instead of thinking on. Works for plain and speculative
    decoding alike: each is only restarted. Only for a model known to reason or a prompt that
    opened the block: a closing tag alone then ends the thinking."""
    splitter = ReasoningSplitter(opened=opened, reasons=True)
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    generated: list[int] = []
    source = start(list(prompt))
    try:
        for token in source:
            yield token
            generated.append(token)
            splitter.feed(decoder.decode(detokenize(token)))
            if splitter.thinking_now and splitter.thinking_pieces >= budget:
                break
        else:
            return
        _close(source)
        closing = tokenize(splitter.closing_text())
        yield from closing
        source = start([*prompt, *generated, *closing])
        yield from source
    finally:
        _close(source)


def _close(source: Iterator[Any]) -> None:
    close = getattr(source, "close", None)
    if close is not None:
        close()


@dataclass(frozen=True)
class Reasoned:
    answer: str
    thinking: str
    had_thinking: bool
    unclosed: bool  # the output ended inside the block (its cap cut it)


def split_reasoning(text: str, *, opened: bool = False, reasons: bool = False) -> Reasoned:
    """A whole output, split: the answer (stripped) and the thinking."""
    splitter = ReasoningSplitter(opened=opened, reasons=reasons)
    splitter.feed(text)
    splitter.flush()
    return Reasoned(
        splitter.answer.strip(),
        splitter.thinking.strip(),
        splitter.had_thinking,
        splitter.unclosed,
    )


@dataclass
class ThinkingMeter:
    """Live figures of a generation's thinking, for a window that reads them from another
    thread while the answer has not begun."""

    tokens: int = 0
    active: bool = False
    # Called with the count on every thinking piece, on the generating thread (a terminal's
    # status line); a window polls ``tokens`` instead.
    listener: Callable[[int], None] | None = None


class ReasoningStream:
    """One generation with its thinking split off: iterate for the answer's pieces; then read
    ``thinking``, ``thinking_tokens`` and ``answer``.

    The thinking has its own budget (``think_budget`` pieces, about one token each): for a model
    known to reason the generation may run ``max_tokens`` + ``think_budget`` tokens and the
    answer is still cut at ``max_tokens``, so the thinking never eats the answer's budget. When
    the budget runs out mid-thought, an engine that can (``closes_thinking``: the real one)
    closes the block itself and the model answers (``close``: ask it to; evaluation does not,
    so its runs stay comparable). Otherwise, or if the block still stays open, the generation
    stops: ``on_cap="raise"`` raises :class:`ThinkingBudgetExceeded` naming the setting;
    ``"stop"`` ends quietly (``capped``)."""

    def __init__(
        self,
        model: ChatModel,
        messages: Sequence[ChatMessage],
        params: SamplingParams,
        cancel: threading.Event | None = None,
        *,
        think_budget: int,
        meter: ThinkingMeter | None = None,
        on_cap: str = "raise",
        reserve: bool | None = None,
        close: bool = True,
    ) -> None:
        self.model = model
        self.params = params
        self._cancel = cancel
        self.think_budget = think_budget
        self.meter = meter if meter is not None else ThinkingMeter()
        self.on_cap = on_cap
        self.capped = False
        self.cut = False  # the answer reached max_tokens
        # The thinking's room is added for a model known to reason (``reserve``: say so).
        reserve = model_reasons(model) if reserve is None else reserve
        budget = params.max_tokens + (think_budget if reserve else 0)
        # With room added for the thinking, the answer is cut here at its own max_tokens.
        self._answer_cap = params.max_tokens if reserve else None
        closes = close and bool(getattr(model, "closes_thinking", False))
        # The engine closes the block at the budget; this cap is then only a safety net.
        self._think_cap = think_budget + CLOSE_SLACK if closes else think_budget
        asked = replace(params, max_tokens=budget, think_budget=think_budget if closes else 0)
        self._pieces = model.stream_chat(messages, asked, cancel)
        # The engine says whether the prompt it rendered opened the block (a ThinkingPieces).
        opened = bool(getattr(self._pieces, "opened_thinking", False))
        self.splitter = ReasoningSplitter(opened=opened, reasons=reserve)
        self.meter.tokens, self.meter.active = 0, opened

    @property
    def answer(self) -> str:
        return self.splitter.answer

    @property
    def thinking(self) -> str:
        return self.splitter.thinking.strip()

    @property
    def thinking_tokens(self) -> int:
        return self.splitter.thinking_pieces

    @property
    def stop_reason(self) -> str:
        return STOP_LENGTH if self.cut or self.capped else self.model.last_stop_reason

    def __iter__(self) -> Iterator[str]:
        splitter, meter = self.splitter, self.meter
        answer_pieces = 0
        try:
            for piece in self._pieces:
                thinking = splitter.thinking_now
                text = splitter.feed(piece)
                meter.tokens, meter.active = splitter.thinking_pieces, splitter.thinking_now
                if splitter.thinking_now and meter.listener is not None:
                    meter.listener(meter.tokens)
                if splitter.thinking_now and splitter.thinking_pieces >= self._think_cap:
                    self.capped = True
                    break
                if text:
                    yield text
                if self._answer_cap and not thinking and not splitter.thinking_now:
                    answer_pieces += 1
                    if answer_pieces >= self._answer_cap:
                        self.cut = True
                        break
        finally:
            close = getattr(self._pieces, "close", None)
            if close is not None:
                close()
            meter.active = False
        tail = splitter.flush()
        cancelled = self._cancel is not None and self._cancel.is_set()
        if splitter.unclosed and not splitter.answer.strip() and not cancelled:
            # The output ended inside the block (the output limit or the context cut it first):
            # no answer, which must not pass for an empty one.
            self.capped = True
        if self.capped:
            if self.on_cap == "raise":
                still = (
                    f"the model was still thinking after {splitter.thinking_pieces} tokens, so it"
                    " gave no answer; raise"
                )
                raise ThinkingBudgetExceeded(
                    f"{still} the '{THINKING_SETTING}' setting (now"
                    f" {self.think_budget}; Settings, or `medlocal settings set"
                    f" {THINKING_SETTING} N`), or if the output limit came first, 'max_tokens' or"
                    " 'context_tokens'; or use a model that does not reason first",
                    window=f"{still} {in_window(THINKING_SETTING)} (now {self.think_budget}), or"
                    f" if the output limit came first, {in_window('max_tokens')} or"
                    f" {in_window('context_tokens')}; or use a model that does not reason first",
                )
            return
        if tail:
            yield tail


class ThinkingPieces:
    """A generation's pieces, and whether the prompt rendered for it opened a thinking block
    (``opened_thinking``): told with the stream, so concurrent requests cannot mix it up."""

    def __init__(self, pieces: Iterator[str], opened_thinking: bool) -> None:
        self._pieces = pieces
        self.opened_thinking = opened_thinking

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        return next(self._pieces)

    def close(self) -> None:
        _close(self._pieces)


THINKING_PREFIX = "Thinking…"


def thinking_status(tokens: int) -> str:
    """The live line while a reasoning model thinks (window and terminal)."""
    return f"{THINKING_PREFIX} {tokens} token{'' if tokens == 1 else 's'} (the model reasons first)"


def thinking_note(tokens: int) -> str:
    """What is said of the thinking once the answer is in."""
    return (
        f"the model reasoned for {tokens} token{'' if tokens == 1 else 's'} before answering;"
        " its reasoning is unchecked and is not part of the answer, its checks or what is saved"
    )
