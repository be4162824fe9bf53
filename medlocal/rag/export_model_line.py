"""The optional model line of de-identification: the loaded chat model proposes names, places
and organisations, which are only ever added to the rules' spans. Its answers are remembered per
vault and model, so an export after a model-line preview does not ask again.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Hashable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from medlocal.engine.api import ChatMessage, ChatModel, ModelProvenance, SamplingParams
from medlocal.engine.reasoning import DEFAULT_THINK_BUDGET, ReasoningStream
from medlocal.progress import Progress, ProgressCallback, check_cancel, report

if TYPE_CHECKING:
    from medlocal.privacy.deid_model import SpanProposer


MODEL_LINE_STAGE = "the chat model looking for names and places"
# What the model line proposed, by vault (as _RECORDS: gone when the vault object is), model,
# thinking budget and text: the window's export after a model-line preview asks again about the
# same text with the same greedy model; remembering the answers saves the minutes a second
# reading would take. The model is known by what was loaded (file, hash, context), not by the
# Python object: a model loaded after another is freed may get the freed one's id() (review45b
# D10).
_ProposalKey = tuple[ModelProvenance, int, str]
_PROPOSALS: WeakKeyDictionary[Any, dict[_ProposalKey, list[tuple[str, str]]]] = WeakKeyDictionary()
_PROPOSALS_KEPT = 32  # texts remembered per vault: a few exports' fields


def chat_model_line(
    model: ChatModel,
    think_budget: int = DEFAULT_THINK_BUDGET,
    *,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    memo_in: Any = None,
) -> SpanProposer:
    """The optional model line: the loaded chat model proposes names, places and organisations
    (greedy decoding, so the same text gets the same proposals). Costs one generation per 2000
    characters; its spans are only ever added to the rules' spans. A reasoning model's thinking
    is dropped (it quotes the text it reads: its names are not proposals); one still thinking at
    ``think_budget`` proposes nothing. Each generation is said to ``progress`` (a count; never
    the text) and ``cancel`` stops between and inside them (GenerationCancelled). With
    ``memo_in`` (the vault), a text asked about before with this model is not asked again."""
    params = SamplingParams(temperature=0.0, max_tokens=160)  # a list, not prose
    asked = 0

    def complete(prompt: str) -> str:
        nonlocal asked
        report(progress, Progress(MODEL_LINE_STAGE, done=asked, unit="parts read"))
        messages = [ChatMessage("user", prompt)]
        stream = ReasoningStream(
            model, messages, params, cancel, think_budget=think_budget, on_cap="stop"
        )
        text = "".join(stream)
        check_cancel(cancel, "the model line")  # a cut-off list is no list: not used
        asked += 1
        return text

    from medlocal.privacy.deid_model import model_proposer

    propose = model_proposer(complete)
    if memo_in is None:
        return propose
    memo = _PROPOSALS.setdefault(memo_in, {})
    loaded = model.provenance()

    def remembered(text: str) -> list[tuple[str, str]]:
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        key = (loaded, think_budget, digest)
        if key not in memo:
            while len(memo) >= _PROPOSALS_KEPT:
                memo.pop(next(iter(memo)))
            memo[key] = propose(text)
        return list(memo[key])

    return NamedProposer(remembered, (loaded, think_budget))


@dataclass(frozen=True)
class NamedProposer:
    """A model line's proposer with what its proposals depend on (the model as loaded, the
    thinking budget): a plan made with it may be reused by one made with an equal key."""

    propose: SpanProposer
    key: Hashable

    def __call__(self, text: str) -> list[tuple[str, str]]:
        return self.propose(text)
