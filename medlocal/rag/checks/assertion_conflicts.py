"""Assertions: what a sentence asserts about each concept (negated, side, past, a relative,
hypothetical) must match the cited passages (rag/assertions.py reads it, ConText;
rag/assertion_mismatches.py compares): the "*_conflict" flags."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from medlocal.rag.assertion_mismatches import compare as compare_assertions
from medlocal.rag.checks.passage_facts import PassageFacts
from medlocal.rag.checks.sentence_flags import SentenceCheck, quoted
from medlocal.rag.flags import FlagKind

_ASSERTION_KINDS: dict[str, FlagKind] = {
    "negation": "negation_conflict",
    "stopped": "negation_conflict",
    "laterality": "laterality_conflict",
    "experiencer": "experiencer_conflict",
    "historical": "timing_conflict",
    "hypothetical": "hypothetical_conflict",
}


def check_assertions(
    check: SentenceCheck,
    body: str,
    cited: Sequence[int],
    facts: PassageFacts,
    passages: Mapping[int, str],
    limit: int,
) -> None:
    for mismatch in compare_assertions(body, facts.mentions(cited), limit=limit):
        m = mismatch.mention
        check.add(
            _ASSERTION_KINDS[mismatch.dimension],
            body[m.start : m.end],
            mismatch.message,
            m.start,
            quote=quoted(mismatch.evidence.sentence),
            passage=_passage_of(mismatch.evidence.sentence, cited, passages),
        )


def _passage_of(sentence_text: str, cited: Sequence[int], passages: Mapping[int, str]) -> int:
    return next((n for n in cited if sentence_text in passages[n]), cited[0] if cited else 0)
