"""What a grounded answer gives instead of the model's: "Not found in the selected documents"
or a labelled general answer when nothing relevant was found, the passages listed when the model
declined though they name what was asked, and "no supported answer" with the draft kept in a
flag when the model's answer is set aside (a base of
:class:`~medlocal.rag.answer.GroundedAnswerer`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Generator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from medlocal.engine.api import ChatMessage
from medlocal.rag.answer_generation import AnswerGeneration, Generated
from medlocal.rag.answer_notes import (
    SetAside,
    absent_terms,
    declined_listing,
    draft_notes,
    no_passage_names,
    set_aside_flag,
)
from medlocal.rag.answer_result import GroundedAnswer, with_draft, with_thinking
from medlocal.rag.answer_verdicts import whole_text_flags
from medlocal.rag.context import ContextFit
from medlocal.rag.followup import repeated_answer_note
from medlocal.rag.loops import without_loops
from medlocal.rag.medications import MedicationLexicon
from medlocal.rag.prompts import GENERAL_LABEL, GENERAL_SYSTEM, NOT_FOUND_MESSAGE
from medlocal.rag.provenance import build_provenance
from medlocal.rag.relevance import relevance_text


@dataclass(frozen=True)
class Asked:
    """One question as :meth:`~medlocal.rag.answer.GroundedAnswerer._run` reads it: as asked and
    as searched (``query``), with what a fallback answer needs."""

    question: str
    query: str
    history: Sequence[ChatMessage]
    general: bool
    cancel: threading.Event | None
    timings: dict[str, float]
    started: float


class AnswerFallbacks(AnswerGeneration):
    """The answers given instead of the model's; :class:`~medlocal.rag.answer.GroundedAnswerer`
    sets the lexicon and gives the embedding model's id (declared here for the type checker)."""

    lexicon: MedicationLexicon | None

    if TYPE_CHECKING:

        def _embedder_id(self) -> str | None: ...

    def _declined(
        self, result: GroundedAnswer, query: str, fit: ContextFit, open_question: bool
    ) -> None:
        """The model declined, but passages it read name what the question asks about: they are
        listed (answer_notes.declined_listing); "Not found in the selected documents" is kept
        for when none names it."""
        listing = declined_listing(self.lexicon, query, fit, open_question)
        if listing is None:
            return
        result.text, sources = listing
        result.sources = sources
        result.provenance = build_provenance(
            self.model,
            self.params,
            kind="answer",
            passages=fit.passages,
            sources=sources,
            flags=[],
            embedder_id=self._embedder_id(),
            notes=result.notes,
            extra={"status": "not_found", "model_declined": True},
        )

    def _fold(
        self,
        asked: Asked,
        generated: Generated,
        fit: ContextFit,
        draft: str,
        why: SetAside,
        detail: str = "",
    ) -> Generator[str, None, GroundedAnswer]:
        """The model's answer ``draft`` is not given as the answer (``why``): "no supported
        answer" with the draft kept in a flag, or the general answer when asked for one. Where
        no passage the model read names what the question asks ("Has she had a coronary
        angiogram?"), it says so plainly: not found (walk 46a D7: the same "the documents may
        still hold the answer" as for a question they do answer)."""
        question, history = asked.question, asked.history
        result = yield from self._fallback(
            question, history, asked.general, asked.cancel, asked.timings, asked.started
        )
        raw = generated.text
        result = with_draft(result, raw, fit, draft_notes(self.lexicon, asked.query, raw, fit))
        if result.status == "not_found":
            _note_a_repeated_draft(result, question, draft, history)
            self._set_aside(result, draft, fit, why, detail)
            read = [relevance_text(p.hit) for p in fit.passages]
            absent = absent_terms(question, read, self.lexicon)
            if absent:
                result.text = NOT_FOUND_MESSAGE
                result.notes.append(no_passage_names(absent))
                result.provenance["notes"] = list(result.notes)
        return with_thinking(result, generated.stream)

    def _set_aside(
        self,
        result: GroundedAnswer,
        draft: str,
        fit: ContextFit,
        why: SetAside,
        detail: str = "",
    ) -> None:
        """No statement of the model's answer rests on a passage it cites (or it broke down):
        the answer says there is no supported answer and the draft is kept only in a flag that
        says it is unsupported (answer_notes.set_aside_flag). The passages given stay in the
        provenance, so they are listed to look in."""
        result.text, flag = set_aside_flag(draft, why, detail)
        result.flags = [flag]
        result.provenance = build_provenance(
            self.model,
            self.params,
            kind="answer",
            passages=fit.passages,
            sources=[],
            flags=result.flags,
            embedder_id=self._embedder_id(),
            notes=result.notes,
            extra={
                "status": "not_found",
                "unsupported_draft": True,
                **({"every_statement_flagged": True} if why == "every_statement_flagged" else {}),
                **({"broken_answer": True} if why == "broken" else {}),
                **({"identity_only": True} if why == "identity_only" else {}),
            },
        )

    def _fallback(
        self,
        question: str,
        history: Sequence[ChatMessage],
        general: bool,
        cancel: threading.Event | None,
        timings: dict[str, float],
        started: float,
    ) -> Generator[str, None, GroundedAnswer]:
        """Nothing relevant: say so, or (when asked) give a labelled general answer."""
        if not general:
            timings["total"] = time.perf_counter() - started
            return GroundedAnswer(
                question=question,
                status="not_found",
                text=NOT_FOUND_MESSAGE,
                raw_text="",
                provenance=self._unreferenced_provenance("not_found"),
                timings=timings,
            )
        yield GENERAL_LABEL + "\n"
        messages = [ChatMessage("system", GENERAL_SYSTEM), ChatMessage("user", question)]
        t0 = time.perf_counter()
        generated = yield from self._stream_model(
            messages, cancel, timings, started, holdback=False
        )
        raw = generated.text
        text, loops = without_loops(raw)
        timings["generation"] = time.perf_counter() - t0
        timings["total"] = time.perf_counter() - started
        return GroundedAnswer(
            question=question,
            status="general",
            text=f"{GENERAL_LABEL}\n{text.strip()}",
            raw_text=raw,
            flags=whole_text_flags(generated, loops, self.params.max_tokens),
            provenance=self._unreferenced_provenance("general"),
            timings=timings,
            thinking=generated.stream.thinking,
            thinking_tokens=generated.stream.thinking_tokens,
        )

    def _unreferenced_provenance(self, status: str) -> dict[str, Any]:
        """Provenance of an answer that rests on no passage (not found, or general)."""
        return build_provenance(
            self.model,
            self.params,
            kind="answer",
            passages=[],
            sources=[],
            flags=[],
            embedder_id=self._embedder_id(),
            extra={"status": status},
        )


def _note_a_repeated_draft(
    result: GroundedAnswer, question: str, draft: str, history: Sequence[ChatMessage]
) -> None:
    """A draft set aside that copies an earlier answer of the chat says so, as an answer does
    (walk 42g #7: two new questions' drafts were the first answer word for word, set aside,
    and the window showed only "(27 words; click to read)": nothing said why the model wrote
    about metformin when asked about suicidal ideation)."""
    repeat = repeated_answer_note(question, draft, history, what="the model's draft, set aside,")
    if repeat is not None:
        result.notes.append(repeat)
