"""Cross-encoder reranking through llama.cpp's low-level API.

A reranker GGUF (pooling type RANK) reads a query and a passage together and its classification
head gives one relevance score per pair. ``Llama.embed`` cannot drive it: it tokenises each text
on its own (no pair, no separator tokens) and returns ``n_embd`` floats of a pooled vector, where
rank pooling leaves ``n_cls_out`` scores. So pairs are built here the way llama.cpp's server
builds them (``format_prompt_rerank``): the model's own ``rerank`` prompt template when its GGUF
carries one (Qwen3-style rerankers), else ``[BOS] query [EOS] [SEP] passage [EOS]`` with each
special token only where the vocabulary says to add it, EOS falling back to SEP (BERT has no
EOS). Pairs are packed into batches, one sequence id per pair, decoded, and the first float of
each sequence's output (``llama_get_embeddings_seq``) is its score (what the server returns).

Everything that touches the llama.cpp context runs on the engine thread (``score_batch``);
building pairs only reads the vocabulary and runs on the caller's thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from medlocal.engine.gguf import POOLING_RANK, GGUFInfo

_POOLING_NAMES = {0: "no", 1: "mean", 2: "CLS", 3: "last-token", POOLING_RANK: "rank"}
# The query is cut to this share of the pair budget so a long question cannot crowd out the
# passage it is judged against.
_QUERY_SHARE = 0.5
_DOCUMENT = "{document}"
_QUERY = "{query}"

Tokenize = Callable[[str, bool], list[int]]  # (text, parse special tokens) -> ids, no BOS


def reranker_problem(info: GGUFInfo) -> str | None:
    """Why ``info`` cannot be used as a reranker (one line), or None when it can."""
    if info.pooling_type != POOLING_RANK:
        declared = (
            "no pooling type"
            if info.pooling_type is None
            else f"{_POOLING_NAMES.get(info.pooling_type, str(info.pooling_type))} pooling"
        )
        return (
            f"not a reranker: its GGUF declares {declared}, not rank pooling "
            "(a cross-encoder reranker GGUF, e.g. bge-reranker, is needed)"
        )
    if not info.classifier_head:
        return (
            "not a usable reranker: rank pooling is declared but the file has no classification "
            "head (cls.weight / cls.output.weight), so it cannot produce relevance scores"
        )
    return None


@dataclass(frozen=True)
class PairFormat:
    """How a (query, passage) pair becomes one token sequence for this model."""

    bos: int
    eos: int  # EOS, or SEP where the vocabulary has no EOS (BERT); -1 when neither exists
    sep: int
    add_bos: bool
    add_eos: bool
    add_sep: bool
    template: str | None  # the GGUF's "rerank" prompt with {query} and {document}

    @classmethod
    def from_model(cls, model: Any) -> PairFormat:
        """The special tokens and flags of a loaded ``llama_cpp`` model (``Llama._model``)."""
        import llama_cpp

        vocab = model.vocab
        eos = int(llama_cpp.llama_vocab_eos(vocab))
        sep = int(llama_cpp.llama_vocab_sep(vocab))
        raw = llama_cpp.llama_model_chat_template(model.model, b"rerank")
        return cls(
            bos=int(llama_cpp.llama_vocab_bos(vocab)),
            eos=eos if eos >= 0 else sep,
            sep=sep,
            add_bos=bool(llama_cpp.llama_vocab_get_add_bos(vocab)),
            add_eos=bool(llama_cpp.llama_vocab_get_add_eos(vocab)),
            add_sep=bool(llama_cpp.llama_vocab_get_add_sep(vocab)),
            template=raw.decode("utf-8", errors="replace") if raw else None,
        )

    def problem(self) -> str | None:
        """What llama.cpp's own loader warns makes reranking fail, or None."""
        if self.template is not None:
            return None
        if self.add_bos and self.bos < 0:
            return "its vocabulary has no BOS token, which reranking needs"
        if self.eos < 0 and self.sep < 0:
            return "its vocabulary has no EOS or SEP token and no rerank prompt"
        return None

    def build(self, query: str, passage: str, tokenize: Tokenize, limit: int) -> list[int]:
        """The pair's tokens, at most ``limit`` long: the passage is cut first, then the query
        (to ``_QUERY_SHARE`` of the budget). Passage text never has special tokens parsed, so a
        document cannot forge a separator."""
        if self.template is not None:
            return self._build_templated(query, passage, tokenize, limit)
        head = [self.bos] if self.add_bos else []
        middle = ([self.eos] if self.add_eos else []) + ([self.sep] if self.add_sep else [])
        tail = [self.eos] if self.add_eos else []
        fixed = len(head) + len(middle) + len(tail)
        q = tokenize(query, False)[: max(1, int((limit - fixed) * _QUERY_SHARE))]
        d = tokenize(passage, False)[: max(0, limit - fixed - len(q))]
        return head + q + middle + d + tail

    def _build_templated(
        self, query: str, passage: str, tokenize: Tokenize, limit: int
    ) -> list[int]:
        # The prompt is tokenised in three parts (before the passage, the passage, after it) so
        # the passage alone can be cut to fit; the server tokenises it whole, which can differ
        # by a merge at the two seams.
        template = self.template or ""
        before, found, after = template.partition(_DOCUMENT)
        if not found:
            before, after = template, ""
        budget_q = max(1, int(limit * _QUERY_SHARE))
        q_tokens = tokenize(query, False)
        if len(q_tokens) > budget_q:
            query = _detokenize_prefix(query, len(q_tokens), budget_q)
        pre = tokenize(before.replace(_QUERY, query), True)
        post = tokenize(after.replace(_QUERY, query), True)
        d = tokenize(passage, False)[: max(0, limit - len(pre) - len(post))] if found else []
        return (pre + d + post)[:limit]


def _detokenize_prefix(text: str, n_tokens: int, keep: int) -> str:
    """Roughly the first ``keep`` of ``n_tokens`` tokens of ``text``, cut at a word boundary."""
    cut = max(1, len(text) * keep // max(n_tokens, 1))
    return text[:cut].rsplit(" ", 1)[0] or text[:cut]


def plan_batches(lengths: Sequence[int], max_tokens: int, max_sequences: int) -> list[list[int]]:
    """Group pair indexes, in order, into batches of at most ``max_tokens`` tokens and
    ``max_sequences`` pairs (every pair is already at most ``max_tokens`` long)."""
    batches: list[list[int]] = []
    current: list[int] = []
    used = 0
    for index, length in enumerate(lengths):
        if current and (used + length > max_tokens or len(current) >= max_sequences):
            batches.append(current)
            current, used = [], 0
        current.append(index)
        used += length
    if current:
        batches.append(current)
    return batches


def score_batch(llm: Any, pairs: Sequence[Sequence[int]]) -> list[float]:
    """Decode ``pairs`` (one sequence id each) and return the first classifier output of each.
    Engine thread only: it uses the model's context and batch."""
    import llama_cpp

    batch = llm._batch
    ctx = llm._ctx
    batch.reset()
    # Encoders keep no cache between calls; a decoder-based reranker must not see the previous
    # batch's pairs.
    ctx.kv_cache_clear()
    for seq_id, tokens in enumerate(pairs):
        batch.add_sequence(list(tokens), seq_id, True)
    try:
        ctx.decode(batch)
    finally:
        batch.reset()
    scores: list[float] = []
    for seq_id in range(len(pairs)):
        values = llama_cpp.llama_get_embeddings_seq(ctx.ctx, seq_id)
        if not values:
            raise RuntimeError(f"llama.cpp returned no score for pair {seq_id}")
        scores.append(float(values[0]))
    ctx.kv_cache_clear()
    return scores
