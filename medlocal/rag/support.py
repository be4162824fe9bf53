"""The model check, second line of grounding: ask the loaded model whether the cited passages
support a sentence, and read its answer as P("yes") against P("no") from one forward pass.

The passages form a prompt prefix shared by every sentence of an answer, so their KV cache is
computed once and reused (the engine's scoring primitive); each sentence then costs one batch of
its own tokens plus the question. Below ``threshold`` the sentence is flagged "the model doubts
support". A small model judges support poorly: the rules are the first line, this is a second.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from medlocal.engine.api import ChatMessage
from medlocal.engine.reasoning import model_reasons, prompt_opens_thinking, template_thinks
from medlocal.engine.scoring import ScoringModel

SYSTEM = (
    "You check clinical statements against source passages. Answer only yes or no: yes if the"
    " passages state everything the statement says, no otherwise."
)
_MARK = "\x00STATEMENT\x00"
_YES = ("yes", "Yes", " yes", " Yes", "YES")
_NO = ("no", "No", " no", " No", "NO")


@dataclass
class SupportStats:
    sentences: int = 0
    prefix_tokens_evaluated: int = 0
    prefix_tokens_reused: int = 0
    sentence_tokens: int = 0
    seconds: float = 0.0

    @property
    def ms_per_sentence(self) -> float:
        return 1000 * self.seconds / self.sentences if self.sentences else 0.0


@dataclass
class ModelSupportCheck:
    model: ScoringModel
    threshold: float = 0.5
    stats: SupportStats = field(default_factory=SupportStats)

    def __post_init__(self) -> None:
        self._yes, self._no = yes_no_tokens(self.model)
        if not self._yes or not self._no or set(self._yes) & set(self._no):
            raise ValueError("this model's vocabulary has no distinct yes/no tokens")
        self._opening = answer_opening(self.model)

    def probability(
        self, sentence: str, cited: Sequence[int], passages: Mapping[int, str]
    ) -> float:
        """P(yes) / (P(yes) + P(no)) for "do passages ``cited`` support ``sentence``?", with every
        passage in ``passages`` in the shared prefix (so the KV cache is reused between
        sentences); only the cited ones when all would not fit."""
        started = time.perf_counter()
        prefix_text, suffix_text = self._prompt(sentence, cited, passages)
        prefix = self.model.tokenize(prefix_text)
        tokens = self.model.tokenize(suffix_text)
        if len(prefix) + len(tokens) > self.model.n_ctx:
            shown = {n: passages[n] for n in cited if n in passages}
            prefix_text, suffix_text = self._prompt(sentence, cited, shown)
            prefix = self.model.tokenize(prefix_text)
            tokens = self.model.tokenize(suffix_text)
            overflow = len(prefix) + len(tokens) - self.model.n_ctx
            if overflow > 0:
                prefix = prefix[: len(prefix) - overflow]  # the end of the passages is lost
        result = self.model.score(prefix, tokens, (-1,))
        logits = result.logits[0].astype(np.float64)
        p = yes_probability(logits, self._yes, self._no)
        s = self.stats
        s.sentences += 1
        s.prefix_tokens_reused += result.reused_prefix_tokens
        s.prefix_tokens_evaluated += len(prefix) - result.reused_prefix_tokens
        s.sentence_tokens += len(tokens)
        s.seconds += time.perf_counter() - started
        return p

    def _prompt(
        self, sentence: str, cited: Sequence[int], passages: Mapping[int, str]
    ) -> tuple[str, str]:
        shown = "\n\n".join(f"[{n}] {passages[n]}" for n in sorted(passages))
        which = ", ".join(f"[{n}]" for n in cited)
        user = (
            f"Passages:\n{shown}\n\nStatement:{_MARK}\n\n"
            f"Do passages {which} support every part of the statement? Answer yes or no."
        )
        messages = [ChatMessage("system", SYSTEM), ChatMessage("user", user)]
        rendered = self.model.template.render(messages).text
        prefix, _, rest = rendered.partition(_MARK)
        return prefix, " " + " ".join(sentence.split()) + rest + self._opening


# Why a reasoning model gets no model check (or chat reranking): its first token is thinking.
REASONING_SKIP = (
    "skipped: the model reasons before it answers and its chat template has no thinking block"
    " to close, so its first token is no yes/no answer"
)


def answer_opening(model: object) -> str:
    """What follows the rendered prompt so that the scored token is the model's answer: nothing
    for a model not known to reason; for one whose template knows ``<think>`` (or opens it in
    the prompt), a closed empty block, so it answers without thinking. Raises ValueError for a
    reasoning model whose template has no block to close (HuatuoGPT-o1's "## Thinking"): its
    first token would be its thinking's, and yes/no read there means nothing."""
    if not model_reasons(model):
        return ""
    template = getattr(model, "template", None)
    rendered = template.render([ChatMessage("user", "?")]).text if template is not None else ""
    if prompt_opens_thinking(rendered):
        return "\n</think>\n\n"
    if template_thinks(getattr(getattr(model, "info", None), "chat_template", None)):
        return "<think>\n\n</think>\n\n"
    raise ValueError(REASONING_SKIP)


def support_check_for(model: object, threshold: float = 0.5) -> ModelSupportCheck | None:
    """The model check for ``model`` when it can score (a real llama.cpp chat model); None for
    models without the scoring primitive (the tests' fake models)."""
    if not all(hasattr(model, a) for a in ("score", "tokenize", "template", "n_ctx")):
        return None
    try:
        return ModelSupportCheck(model, threshold)  # type: ignore[arg-type]
    except ValueError:
        return None


def yes_no_tokens(model: ScoringModel) -> tuple[list[int], list[int]]:
    """The first token of each spelling of "yes" and of "no" in ``model``'s vocabulary: the
    answers a yes/no question is read from (support check, chat-model reranking)."""
    return _first_tokens(model, _YES), _first_tokens(model, _NO)


def _first_tokens(model: ScoringModel, words: Sequence[str]) -> list[int]:
    ids: dict[int, None] = {}
    for word in words:
        tokens = model.tokenize(word, special=False)
        if tokens:
            ids.setdefault(tokens[0], None)
    return list(ids)


def yes_probability(logits: np.ndarray, yes: Sequence[int], no: Sequence[int]) -> float:
    """P(yes) against P(no) from one position's logits (the rest of the vocabulary ignored)."""

    def logsumexp(ids: Sequence[int]) -> float:
        values = logits[list(ids)]
        top = float(values.max())
        return top + math.log(float(np.exp(values - top).sum()))

    a, b = logsumexp(yes), logsumexp(no)
    return 1.0 / (1.0 + math.exp(b - a))
