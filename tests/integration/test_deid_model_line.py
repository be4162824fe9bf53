"""The model line with the real demo model (SmolLM2-135M through llama.cpp): a mechanism test.
The demo model is far too small to be a good de-identifier; what must hold is that its
proposals reach the redactor and can only add to the rules' spans."""

from __future__ import annotations

import time

from medlocal.engine.api import ChatModel
from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.redact import PatientIdentity, Redactor
from medlocal.rag.export import chat_model_line

NOTE = (
    "Mrs. Achterberg was seen with her great-niece Corinne in Dubuque. Aspiration pneumonia "
    "treated with piperacillin-tazobactam 4.5 g. She lives at Prairie Rose Assisted Living."
)


def test_demo_model_proposals_only_add_to_the_rules(demo_chat: ChatModel) -> None:
    calls: list[list[tuple[str, str]]] = []
    line = chat_model_line(demo_chat)

    def recording(text: str) -> list[tuple[str, str]]:
        calls.append(line(text))
        return calls[-1]

    identity = PatientIdentity("Winifred Achterberg")
    rules = Redactor(identity, shift_days=40).preview(NOTE)
    started = time.perf_counter()
    merged = Redactor(identity, shift_days=40, proposer=recording).preview(NOTE)
    elapsed = time.perf_counter() - started
    assert len(calls) == 1  # one chunk, one generation
    covered = {i for r in merged for i in range(r.start, r.end)}
    assert all(i in covered for r in rules for i in range(r.start, r.end))
    # Whatever the model proposed that is in the note and not a clinical word is redacted.
    lex = lexicon()
    proposed = {v for _, v in calls[0] if v in NOTE and len(v) > 1 and not lex.clinical(v.lower())}
    assert all(any(r.start <= NOTE.index(v) < r.end for r in merged) for v in proposed)
    print(f"model line: {elapsed:.2f} s for {len(NOTE)} characters; proposals {len(calls[0])}")
