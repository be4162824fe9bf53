"""Follow-up questions read together with the conversation, without the model.

"What dose of metformin is she taking now?" then "Why was it changed?": the second question
names nothing to search for, and searched on its own it found no passage and was refused by the
key-term check (walk 27). A question that depends on the conversation is therefore searched and
checked as the standalone question it stands for: the earlier question(s) it continues, its own
words, and the drugs the previous answer named when none of those questions names one.

The rewrite is plain string work, deterministic and cheap: the small local models cannot be
trusted to rewrite a question. Only retrieval and the relevance checks read the standalone
question; the model is given the question as asked, with the conversation as history.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from medlocal.engine.api import ChatMessage
from medlocal.rag.medications import MedicationLexicon, default_lexicon
from medlocal.rag.prompts import (
    GENERAL_LABEL,
    MODEL_DECLINED_OPENING,
    NO_SUPPORTED_OPENING,
    NOT_FOUND_MESSAGE,
)
from medlocal.rag.relevance import key_terms

# Words that point back to something said before. (She, her, he and his are the patient, whom
# the chat is about anyway: "What is her eGFR?" stands on its own.)
_REFERRING = re.compile(
    r"\b(?:it|its|itself|they|them|their|theirs|those|these|same|(?:this|that)"
    r"(?!\s+(?:she|he|they|it|the|a|an|her|his|there|we|i|you)\b))\b",
    re.IGNORECASE,
)
# Openings that continue the previous question: "and the dose?", "what about her potassium?".
_CONTINUING = re.compile(
    r"^\W*(?:and|or|but|also|so|then|what\s+about|how\s+about|same\s+for|and\s+what)\b",
    re.IGNORECASE,
)
# Words that ask about something without naming it: "What were the side effects?", "How often?",
# "Why was it stopped?", "Who prescribed it?" are about the medicine or test asked of before. A
# question whose every key term is one of these continues the conversation (walk 27: "What were
# the side effects?" after a question about amiodarone was searched alone).
ASPECT_WORDS = frozenset(
    {"side", "effect", "effects", "adverse", "often", "frequency", "frequently", "reason",
     "reasons", "why", "indication", "indications", "interaction", "interactions", "duration",
     "long", "started", "starting", "start", "stopped", "stopping", "stop", "changed", "change",
     "changes", "increased", "decreased", "reduced", "prescribed", "prescriber", "timing",
     "response", "monitoring", "monitored", "trend", "latest", "last", "previous", "before",
     "since", "ago", "next", "due", "when"}
)  # fmt: skip
MAX_CONTINUED = 3  # the question a chain started from, and the latest follow-ups of it
MAX_ANSWER_DRUGS = 3  # drugs carried from the previous answer


def depends_on_conversation(question: str) -> bool:
    """Whether ``question`` cannot be searched on its own: it refers back ("Why was it
    changed?"), continues the previous question ("and the dose?"), names no clinical term
    ("When?") or only asks about an aspect of something it does not name ("What were the side
    effects?")."""
    if _REFERRING.search(question) is not None or _CONTINUING.search(question) is not None:
        return True
    return all(term in ASPECT_WORDS for term in key_terms(question))


def standalone_question(
    question: str,
    history: Sequence[ChatMessage],
    lexicon: MedicationLexicon | None = None,
) -> str:
    """What retrieval and the relevance checks read for ``question`` asked after ``history``:
    the question itself when it stands on its own, else the earlier question(s) it continues
    followed by it (and, when none names a drug, the drugs the previous answer named)."""
    asked = [m.content for m in history if m.role == "user"]
    if not asked or not depends_on_conversation(question):
        return question
    chain = [question]
    for earlier in reversed(asked):
        chain.insert(0, earlier)
        if not depends_on_conversation(earlier):
            break
    if len(chain) > MAX_CONTINUED:  # keep what the chain started from
        chain = [chain[0], *chain[-(MAX_CONTINUED - 1) :]]
    lexicon = lexicon or default_lexicon()
    standalone = " ".join(" ".join(q.split()) for q in chain)
    if not lexicon.find(standalone):
        standalone = " ".join([standalone, *_answer_drugs(history, lexicon)])
    return standalone


# What MedLocal itself writes in place of an answer (no supported answer, the model declined, a
# general answer's label), and the listing of a declined answer's passages: no model writes
# these of itself. (Its "Not found in the selected documents." a model may say of one part.)
_MEDLOCAL_TEXTS = (
    NO_SUPPORTED_OPENING,
    MODEL_DECLINED_OPENING,
    GENERAL_LABEL,
    "before concluding the documents are silent",
)


def supported_turns(history: Sequence[ChatMessage]) -> list[ChatMessage]:
    """The turns of ``history`` the model may read as the conversation: each question with the
    model's supported answer to it. A turn answered by MedLocal's own text ("Not found in the
    selected documents.", "The model gave no supported answer ... This passage names
    'potassium'; read it before concluding ...") is left out, question and all: walk 46a D2's
    small model copied those texts as its next answer, with made-up rows and a page that does
    not exist. So is an answer that copies them (stored before this check)."""
    kept: list[ChatMessage] = []
    question: ChatMessage | None = None
    for message in history:
        if message.role == "user":
            question = message
        elif message.role == "assistant" and question is not None:
            said = message.content
            if not medlocal_wording(said) and not said.strip().startswith(NOT_FOUND_MESSAGE):
                kept += [question, message]
            question = None
    return kept


def medlocal_wording(text: str) -> str:
    """The first of MedLocal's own texts that ``text`` holds ("" when none does)."""
    return next((said for said in _MEDLOCAL_TEXTS if said in text), "")


def _answer_drugs(history: Sequence[ChatMessage], lexicon: MedicationLexicon) -> list[str]:
    """The drugs the last answer named ("What does she take for diabetes?" → "Metformin 500 mg
    twice daily [1]"), for a follow-up about "it"; none when it found nothing."""
    answer = next((m.content for m in reversed(history) if m.role == "assistant"), "")
    if not answer or answer.strip().startswith(
        (NOT_FOUND_MESSAGE, NO_SUPPORTED_OPENING, MODEL_DECLINED_OPENING)
    ):
        return []
    return lexicon.find(answer)[:MAX_ANSWER_DRUGS]


# How alike an answer and an earlier one of the chat must be to count as a repeat: the walk's
# copies differed only in their citation numbers; two honest answers about one drug share far
# less than this (a dose and a date at most).
REPEAT_SIMILARITY = 0.85
_CITATION_MARK = re.compile(r"\[\d+(?:\s*[-–,]\s*\d+)*\]|†")


def repeated_answer_note(
    question: str, answer: str, history: Sequence[ChatMessage], what: str = "this answer"
) -> str | None:
    """A note when ``answer`` repeats an earlier answer of the chat almost word for word;
    ``what`` names it in the note ("the model's draft, set aside," for one not shown).

    Walk 40b item 9: after "What dose of apixaban is she on?", the window answered "What was
    her last potassium?" and then "And before that?" with the apixaban answer, verbatim but for
    its citation numbers. The model is given the earlier turns as history and the follow-up as
    asked ("And before that?"), and a small model copies the last answer it sees there (the
    demo model did so in session 40's run of the three questions: its third answer was its
    second, a date apart); the checks passed the copy, as its doses are in the passages.
    Nothing in MedLocal answers from a cache: the copy is the model's. So the answer must say
    it repeats, and that it may not answer the question asked. Citation marks are left out of
    the comparison: the copies were renumbered."""
    mine = _comparable(answer)
    if not mine:
        return None
    for earlier in reversed([m.content for m in history if m.role == "assistant"]):
        theirs = _comparable(earlier)
        if theirs and SequenceMatcher(None, mine, theirs, autojunk=False).ratio() >= (
            REPEAT_SIMILARITY
        ):
            return (
                f"{what} repeats an earlier answer of this chat almost word for word, so it"
                f' may not answer "{" ".join(question.split())}": check the passages cited, or'
                " ask the question in full"
            )
    return None


def _comparable(text: str) -> str:
    return " ".join(_CITATION_MARK.sub(" ", text).lower().split())
