"""Assertions: what a sentence asserts about each concept (negated, side, past, a relative,
hypothetical) must match the cited passages (rag/assertions.py reads it, ConText;
rag/assertion_mismatches.py compares): the "*_conflict" flags. A lifestyle habit is one fact
whatever word names it ("smokes", "non-smoker", "ex-smoker": rag/habits.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from medlocal.rag.assertion_mismatches import compare as compare_assertions
from medlocal.rag.checks.passage_facts import PassageFacts
from medlocal.rag.checks.sentence_flags import SentenceCheck, quoted
from medlocal.rag.flags import FlagKind
from medlocal.rag.habits import conflicting, describe, habit_mentions

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


def check_habits(
    check: SentenceCheck,
    body: str,
    cited: Sequence[int],
    facts: PassageFacts,
    passages: Mapping[int, str],
    limit: int,
) -> None:
    """A lifestyle habit the sentence gives otherwise than every cited passage does: "she
    smokes" against "She is a non-smoker" ("negation_conflict"), against "ex-smoker"
    ("timing_conflict": given up, not current). The concept check above compares words by
    their form and missed these (walk 42gb: keys "smoke" and "smoker" differ). One flag per
    habit; a word the concept check flagged already keeps its flag."""
    evidence = facts.habits(cited)
    if not evidence:
        return
    done: set[str] = set()
    for mine in habit_mentions(body, limit):
        if mine.habit in done:
            continue
        theirs = conflicting(mine, evidence)
        if not theirs:
            continue
        done.add(mine.habit)
        other = theirs[0]
        timing = {mine.status, *(t.status for t in theirs)} <= {"current", "past"}
        words = body[mine.start : mine.end]
        check.add(
            "timing_conflict" if timing else "negation_conflict",
            words,
            f"'{words}': the cited passage says the patient"
            f' {describe(other.habit, other.status)}: "{quoted(other.sentence, 160)}"',
            mine.start,
            quote=quoted(other.sentence),
            passage=_passage_of(other.sentence, cited, passages),
        )


def _passage_of(sentence_text: str, cited: Sequence[int], passages: Mapping[int, str]) -> int:
    return next((n for n in cited if sentence_text in passages[n]), cited[0] if cited else 0)
