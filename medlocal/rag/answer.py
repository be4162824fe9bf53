"""Grounded answers: retrieve, fit, stream, check.

``GroundedAnswerer.ask`` returns an :class:`AnswerStream`: iterate it for the text pieces as the
model writes them, then read ``.result`` for the checked answer (citations cleaned and resolved to
document, page and offsets; flags; provenance). When nothing relevant is retrieved, when no
relevant passage holds a key term of the question (or, for a question about one concept such as
"blood group", names that concept: rag/topics.py), when the model says the passages do not hold
the answer, when none of its statements is supported by the passages it cites, or when every
statement of a longer answer is flagged (grounding.flagged_throughout), the result is
"not found in the selected documents" (in the last two cases the draft is kept in a flag);
with ``general=True`` a clearly labelled general answer without references is given instead.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from medlocal.engine.api import STOP_LENGTH, ChatMessage, ChatModel, Embedder, SamplingParams
from medlocal.engine.reasoning import (
    DEFAULT_THINK_BUDGET,
    ReasoningStream,
    ThinkingMeter,
    model_reasons,
)
from medlocal.errors import GenerationCancelled
from medlocal.rag.answer_notes import (
    SetAside,
    absent_terms,
    answer_notes,
    declined_listing,
    draft_notes,
    no_passage_names,
    set_aside_flag,
    superseded_flags,
)
from medlocal.rag.checks.identity_only import repeats_identity_only
from medlocal.rag.checks.patient_identity import RecordIdentity, check_identifiers
from medlocal.rag.checks.question_dates import question_date_flags
from medlocal.rag.citations import cited_numbers
from medlocal.rag.context import ContextFit, fit_passages
from medlocal.rag.flags import CONTENT_KINDS, Flag
from medlocal.rag.followup import (
    medlocal_wording,
    repeated_answer_note,
    standalone_question,
    supported_turns,
)
from medlocal.rag.grounding import flagged_throughout, ground, supported_sentences
from medlocal.rag.loop_watch import LoopWatch
from medlocal.rag.loops import Loop, without_loops
from medlocal.rag.medications import MedicationLexicon
from medlocal.rag.open_questions import is_open_question
from medlocal.rag.passages import (
    NumberedPassage,
    Retriever,
    Scope,
    SourceRef,
    render_passages,
    respelling_notes,
    version_notes,
)
from medlocal.rag.prompts import (
    GENERAL_LABEL,
    GENERAL_SYSTEM,
    GROUNDED_SYSTEM,
    NOT_FOUND_MESSAGE,
    NOT_FOUND_SENTINEL,
    grounded_user_message,
)
from medlocal.rag.provenance import build_provenance
from medlocal.rag.references import GivenPassage, unknown_documents
from medlocal.rag.relevance import (
    RelevanceThreshold,
    asked_terms,
)
from medlocal.rag.support import REASONING_SKIP, answer_opening, support_check_for
from medlocal.vault.records import SearchHit

AnswerStatus = Literal["answered", "not_found", "general"]

# Ways small models say the passages are silent, besides the sentinel they were asked for.
_SOURCES = r"(?:passages?|documents?|records?|notes?|context|excerpts?|sources?)"
_DECLINE = re.compile(
    rf"\b(?:{_SOURCES}|information provided)\b[^.]{{0,40}}?"
    r"\b(?:do|does|did)\s*(?:n[o']t|not)\s+(?:contain|mention|include|provide|say|specify|"
    r"state|list|show|give|indicate|describe|report|document|discuss|have|record)"
    r"|\b(?:could|can|did)\s*(?:n[o']t|not)\s+(?:find|locate|see|identify)\b"
    rf"[^.]{{0,60}}?\b{_SOURCES}\b"
    rf"|\bunable\s+to\s+(?:find|locate|identify)\b[^.]{{0,60}}?\b{_SOURCES}\b"
    r"|\bnot\s+(?:(?:found|mentioned|available|provided|stated|present|included|contained|"
    r"documented|listed|given|specified|recorded)\s+)?(?:in|within)\s+(?:the\s+)?"
    rf"(?:provided\s+|given\s+|available\s+|patient'?s?\s+)?{_SOURCES}"
    r"|\bno\s+(?:mention|information|record|data|documentation)\s+(?:of|about|on|regarding)\b",
    re.I,
)
# Markdown emphasis and quotes that small models wrap around the sentinel: "**NOT IN DOCUMENTS**".
_WRAPPING = re.compile(r"^[\s*_`\"'“”‘’>#]+")


@dataclass
class GroundedAnswer:
    question: str
    status: AnswerStatus
    text: str  # the final text (cleaned citations, or the not-found / general message)
    raw_text: str  # what the model wrote
    passages: list[NumberedPassage] = field(default_factory=list)
    sources: list[SourceRef] = field(default_factory=list)  # the cited passages, by number
    flags: list[Flag] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. passages left out to fit the window
    provenance: dict[str, Any] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    # A reasoning model's thinking before its answer: shown folded, never checked or saved.
    thinking: str = ""
    thinking_tokens: int = 0

    @property
    def found(self) -> bool:
        return self.status == "answered"


class AnswerStream:
    """Iterate for streamed text; ``result`` holds the checked answer once iteration ends."""

    def __init__(self, generator: Generator[str, None, GroundedAnswer]) -> None:
        self._generator = generator
        self._result: GroundedAnswer | None = None

    def __iter__(self) -> Iterator[str]:
        self._result = yield from self._generator

    @property
    def result(self) -> GroundedAnswer:
        if self._result is None:
            raise RuntimeError("the answer stream has not been consumed")
        return self._result

    def consume(self) -> GroundedAnswer:
        for _ in self:
            pass
        return self.result


@dataclass(frozen=True)
class _Generated:
    """One generation: the stream (stop reason, thinking), its answer text up to where a loop
    was stopped, and whether one was."""

    stream: ReasoningStream
    text: str
    looped: bool


@dataclass(frozen=True)
class _Asked:
    """One question as :meth:`GroundedAnswerer._run` reads it: as asked and as searched
    (``query``), with what a fallback answer needs."""

    question: str
    query: str
    history: Sequence[ChatMessage]
    general: bool
    cancel: threading.Event | None
    timings: dict[str, float]
    started: float


def _whole_text_flags(generated: _Generated, loops: Sequence[Loop], max_tokens: int) -> list[Flag]:
    """What went wrong with the answer as a whole (walk 33: a small model's answer stopped at
    "...and it" with no word of it, and a paragraph said three times was kept)."""
    if loops or generated.looped:
        said = "; ".join(f"the model {loop.describe()}" for loop in loops)
        if generated.looped:  # even where nothing was left to cut: the rest of it is missing
            said += (". " if said else "") + "MedLocal stopped the model once it looped"
        return [Flag(-1, "degenerate_output", "", said + ".")]
    if generated.stream.stop_reason == STOP_LENGTH:
        return [
            Flag(
                -1,
                "cut_short",
                "",
                f"the answer reached the length limit ({max_tokens} tokens) and may be cut short:"
                " it may end mid-sentence and miss what follows. Ask again with a longer limit"
                " (Settings → Longest answer, or medlocal settings set max_tokens).",
            )
        ]
    return []


def model_declined(text: str, limit: int | None = None) -> bool:
    """True when the model reports that the passages do not hold the answer (``limit``: the
    highest passage number it was given, to tell a reference range from a citation)."""
    stripped = text.strip()
    if _WRAPPING.sub("", stripped).upper().startswith(NOT_FOUND_SENTINEL):
        return True
    return not cited_numbers(stripped, limit) and _DECLINE.search(stripped) is not None


class GroundedAnswerer:
    def __init__(
        self,
        model: ChatModel,
        retriever: Retriever,
        embedder: Embedder | None,
        *,
        params: SamplingParams | None = None,
        threshold: RelevanceThreshold | None = None,
        lexicon: MedicationLexicon | None = None,
        k: int = 8,
        attach_min_overlap: float = 0.5,
        model_check: bool = True,
        model_check_threshold: float = 0.5,
        think_budget: int = DEFAULT_THINK_BUDGET,
        identity: RecordIdentity | None = None,
    ) -> None:
        self.model = model
        # The vault's record of the patient asked about: its MRN is no made-up identifier.
        self.identity = identity
        self.think_budget = think_budget
        self._meter: ThinkingMeter | None = None  # the current question's, set by ask()
        self.retriever = retriever
        self.embedder = embedder
        self.params = params or SamplingParams()
        self.threshold = threshold or RelevanceThreshold()
        self.lexicon = lexicon
        self.k = k
        self.attach_min_overlap = attach_min_overlap
        # Second line of grounding (rag/support.py): on by default for answers; models that
        # cannot score (fakes) skip it.
        self.support = support_check_for(model, model_check_threshold) if model_check else None
        # A reasoning model whose first token would be thinking is not asked (provenance says).
        self._check_skipped = model_check and self.support is None and _skips_check(model)

    def ask(
        self,
        question: str,
        scope: Scope,
        *,
        history: Sequence[ChatMessage] = (),
        general: bool = False,
        cancel: threading.Event | None = None,
        meter: ThinkingMeter | None = None,
    ) -> AnswerStream:
        """``meter``: live thinking figures of a reasoning model, for a window to show."""
        self._meter = meter
        return AnswerStream(self._run(question, scope, history, general, cancel))

    # -- steps ----------------------------------------------------------------------------------

    def _retrieve(self, query: str, scope: Scope) -> list[SearchHit]:
        # Without an embedding model the search is lexical only (the vault accepts no vector).
        vector = self.embedder.embed([query])[0] if self.embedder is not None else None
        return self.retriever.search(
            query,
            vector,
            patient_id=scope.patient_id,
            collection=scope.collection,
            document_ids=list(scope.document_ids) if scope.document_ids else None,
            k=self.k,
            embed_model_id=self._embedder_id(),
        )

    def _embedder_id(self) -> str | None:
        return self.embedder.model_id if self.embedder is not None else None

    def _stream_model(
        self,
        messages: list[ChatMessage],
        cancel: threading.Event | None,
        timings: dict[str, float],
        started: float,
        holdback: bool,
    ) -> Generator[str, None, _Generated]:
        """Stream the model's answer pieces (a reasoning model's thinking is split off, see
        engine/reasoning.py); with ``holdback``, hold the opening back until it is clear the
        model is not answering with the not-found sentinel (which is never shown). A text that
        has become a loop is stopped there (``LoopWatch``): the rest would go the same way."""
        raw = ""
        decided = not holdback
        watch = LoopWatch(patterns=False)  # an answer's rows alike but for numbers are a list
        looped = False
        stream = ReasoningStream(
            self.model,
            messages,
            self.params,
            cancel,
            think_budget=self.think_budget,
            meter=self._meter,
        )
        pieces = iter(stream)
        try:
            for piece in pieces:
                if "first_token" not in timings:
                    timings["first_token"] = time.perf_counter() - started
                raw += piece
                if len(stream.answer) < len(raw):
                    # The splitter took text back as thinking (a block the template opened,
                    # seen only at its closing tag): the watch reads the answer alone.
                    raw, watch = stream.answer, LoopWatch(patterns=False)
                    looped = watch.feed(raw)  # the piece is the answer's end already
                else:
                    looped = watch.feed(piece)
                if looped:
                    break
                if decided:
                    yield piece
                    continue
                head = raw.lstrip().upper()
                if len(head) < len(NOT_FOUND_SENTINEL) and NOT_FOUND_SENTINEL.startswith(head):
                    continue
                decided = True
                if head.startswith(NOT_FOUND_SENTINEL):
                    break
                yield raw
        finally:
            close = getattr(pieces, "close", None)
            if close is not None:
                close()
        if cancel is not None and cancel.is_set():
            raise GenerationCancelled("the answer was stopped")
        return _Generated(stream, watch.text if looped else stream.answer, looped)

    def _run(
        self,
        question: str,
        scope: Scope,
        history: Sequence[ChatMessage],
        general: bool,
        cancel: threading.Event | None,
    ) -> Generator[str, None, GroundedAnswer]:
        started = time.perf_counter()
        timings: dict[str, float] = {}
        # A follow-up ("Why was it changed?") is searched and checked as the question it stands
        # for, with the earlier one it continues; the model still reads it as asked.
        query = standalone_question(question, history, self.lexicon)
        hits = self._retrieve(query, scope)
        # "How is she doing?" names nothing a passage must share or hold (walk 39, session 39:
        # a bare "Not found" beside a letter saying "much less breathless"): the model reads what
        # search ranked first, and the checks judge what it writes as for any answer.
        open_question = is_open_question(query, self.lexicon)
        relevant = hits if open_question else self.threshold.filter(hits, query)
        timings["retrieval"] = time.perf_counter() - started

        if not relevant:
            result = yield from self._fallback(question, history, general, cancel, timings, started)
            return result
        if not open_question and not self.threshold.answerable(relevant, query):
            result = yield from self._fallback(question, history, general, cancel, timings, started)
            result.notes.append(no_passage_names(asked_terms(query, self.lexicon)))
            return result

        def build(
            passages: Sequence[NumberedPassage], hist: Sequence[ChatMessage]
        ) -> list[ChatMessage]:
            block = render_passages(passages)
            versions = version_notes(passages)
            if versions:  # a revised document next to the one it replaces
                block += "\n\nNote: " + " ".join(versions)
            for line in respelling_notes(query, passages):  # a misspelt drug (walk 42g)
                block += f"\n\nNote: {line}."
            user = grounded_user_message(block, question)
            return [
                ChatMessage("system", GROUNDED_SYSTEM),
                *hist,
                ChatMessage("user", user),
            ]

        t0 = time.perf_counter()
        # A reasoning model's thinking needs room in the window besides the answer.
        fit = fit_passages(
            self.model,
            relevant,
            build,
            max_tokens=self.params.max_tokens,
            history=supported_turns(history),
            thinking=self.think_budget if model_reasons(self.model) else 0,
        )
        timings["context_fit"] = time.perf_counter() - t0
        if not fit.passages:
            result = yield from self._fallback(question, history, general, cancel, timings, started)
            result.notes.extend(fit.notes())
            return result

        t0 = time.perf_counter()
        generated = yield from self._stream_model(
            fit.messages, cancel, timings, started, holdback=True
        )
        stream, raw = generated.stream, generated.text
        timings["generation"] = time.perf_counter() - t0

        if model_declined(raw, max((p.number for p in fit.passages), default=0)):
            result = yield from self._fallback(question, history, general, cancel, timings, started)
            result = _with_draft(result, raw, fit, draft_notes(self.lexicon, query, raw, fit))
            if result.status == "not_found":
                self._declined(result, query, fit, open_question)
            return _thought(result, stream)

        t0 = time.perf_counter()
        texts = {p.number: p.hit.text for p in fit.passages}
        text, loops = without_loops(raw)
        checked = ground(
            text,
            texts,
            lexicon=self.lexicon,
            attach=True,
            min_overlap=self.attach_min_overlap,
            support=self.support,
        )
        timings["checks"] = time.perf_counter() - t0
        asked = _Asked(question, query, history, general, cancel, timings, started)
        # Nothing rests on a cited passage, and no flag points to a passage that holds the
        # answer's drugs or values: whatever the model wrote, it is not from the documents.
        # Nor is an answer that cites no passage given at all, whatever other passages hold
        # its numbers: walk 44's "The most recent creatinine is 104 umol/L" (104 the top of
        # the reports' reference range, and one 2020 result) was printed as the answer.
        nothing_cited = not any(n in texts for n in checked.cited)
        if not supported_sentences(checked, texts) and (not checked.named or nothing_cited):
            return (yield from self._fold(asked, generated, fit, checked.text, "unsupported"))
        # Every statement of a longer answer flagged, none clean (walk 39 item 4: thirty
        # invented lines, each flagged, where no passage gave the answer): set aside the same way,
        # the draft kept behind its label, not shown as the answer.
        if flagged_throughout(checked, texts):
            why: SetAside = "every_statement_flagged"
            return (yield from self._fold(asked, generated, fit, checked.text, why))
        # File names and pages the model made up ("(referral_2025-14-29.pdf, page 8)"; walk 26).
        made_up = unknown_documents(
            checked.text.strip(),
            (GivenPassage(p.hit.file_name, p.hit.page, p.hit.last_page) for p in fit.passages),
        )
        whole = _whole_text_flags(generated, loops, self.params.max_tokens)
        # An answer that looped, or names a page, document or passage the model was not given,
        # has broken down: set aside too (walk 46a D2: rows made up in a loop beside "[4]
        # (referral_scan.pdf, page 20)" of a one-page scan were shown as the answer).
        broken = _breakdown(checked.flags, made_up, whole)
        # Nor is MedLocal's own wording the model copied ("The model gave no supported answer
        # ..."): it is no answer of the model's, whatever it cites.
        copied = medlocal_wording(checked.text)
        if copied:
            broken = "; ".join(filter(None, [broken, f"it wrote MedLocal's own words, '{copied}'"]))
        if broken:
            return (yield from self._fold(asked, generated, fit, checked.text, "broken", broken))
        # Copied from a cited heading, so "supported", yet only the patient's name, number and
        # address: it answers nothing (walk 47b D10).
        if repeats_identity_only(checked.text, query, self.identity, self.lexicon):
            return (yield from self._fold(asked, generated, fit, checked.text, "identity_only"))
        by_number = {p.number: p for p in fit.passages}
        # The flags may name passages the text does not cite ("apixaban is named in passage
        # [2], which this sentence does not cite"): they are listed too, so they can be found.
        sources = [by_number[n].source() for n in sorted({*checked.cited, *checked.named})]
        flags = (
            checked.flags
            # A day the question names that the cited passages do not give (walk 39).
            + question_date_flags(
                question,
                checked.text,
                texts,
                {p.number: p.hit.section or "" for p in fit.passages},
            )
            + made_up
            + whole
        )
        # An MRN, NHS number or other code the cited passages do not hold, nor the record
        # (walk 43 D3: "DOB:KV-9376500 [2]" passed every check).
        flags += check_identifiers(checked.text, texts, self.identity, flags)
        # A superseded dose is listed with its sentence's other problems, first of the answer's.
        superseded = [
            f
            for f in superseded_flags(self.lexicon, query, checked.text, fit.passages)
            if not any(
                g.kind == "timing_conflict" and g.token_start == f.token_start for g in flags
            )
        ]
        flags = superseded + flags
        timings["total"] = time.perf_counter() - started
        notes = answer_notes(self.lexicon, question, query, checked.text, fit, history)
        # The passages a superseded-dose flag or a note names ("the newest dated document gives
        # 40 mg twice daily [2]") are listed with the sources, so that their [n] can be read
        # (walk 42g: [2] named, only [1] in Sources).
        listed = {source.number for source in sources}
        named = {f.passage for f in superseded}
        named |= set(cited_numbers("\n".join(notes))) & by_number.keys()
        sources += [by_number[n].source() for n in sorted(named - listed)]
        return _thought(
            GroundedAnswer(
                question=question,
                status="answered",
                text=checked.text.strip(),
                raw_text=raw,
                passages=fit.passages,
                sources=sources,
                flags=flags,
                notes=notes,
                provenance=build_provenance(
                    self.model,
                    self.params,
                    kind="answer",
                    passages=fit.passages,
                    sources=sources,
                    flags=flags,
                    embedder_id=self._embedder_id(),
                    notes=notes,
                    extra={
                        "status": "answered",
                        "retrieved": len(hits),
                        **({"model_check": REASONING_SKIP} if self._check_skipped else {}),
                    },
                ),
                timings=timings,
            ),
            stream,
        )

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
        asked: _Asked,
        generated: _Generated,
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
        result = _with_draft(result, raw, fit, draft_notes(self.lexicon, asked.query, raw, fit))
        if result.status == "not_found":
            _note_a_repeated_draft(result, question, draft, history)
            self._set_aside(result, draft, fit, why, detail)
            absent = absent_terms(question, [p.hit.text for p in fit.passages], self.lexicon)
            if absent:
                result.text = NOT_FOUND_MESSAGE
                result.notes.append(no_passage_names(absent))
                result.provenance["notes"] = list(result.notes)
        return _thought(result, generated.stream)

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
            flags=_whole_text_flags(generated, loops, self.params.max_tokens),
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


# An invalid citation that names a passage by a number the model was not given ("[9]"), not a
# placeholder ("[n]") it left.
_NUMBERED = re.compile(r"\[\d+\]")


# Content flags that say an answer gives what the passages do not; not the model's doubt, nor
# weak support (a made-up heading "(ref.pdf, page 11)" shares few words with any passage).
_GIVES_OTHERWISE = CONTENT_KINDS - {"model_doubt", "weak_support"}


def _breakdown(checked: Sequence[Flag], made_up: Sequence[Flag], whole: Sequence[Flag]) -> str:
    """What broke in an answer that also gives something the passages do not (``_GIVES_OTHERWISE``),
    from its flags ("" when nothing did, or when the rest of it is supported): it looped
    (``whole``'s degenerate_output), named a document or page not given (``made_up``), or
    cited a passage number not given (``checked``). A supported answer with such a slip stays
    the answer, flagged: a loop cut from it (walk 33), a made-up heading "(ref.pdf, page 11)"
    (walk 26), an extra "[5]"."""
    if not any(f.kind in _GIVES_OTHERWISE for f in checked):
        return ""
    broken = [f for f in whole if f.kind == "degenerate_output"] + list(made_up)
    broken += [f for f in checked if f.kind == "invalid_citation" and _NUMBERED.fullmatch(f.token)]
    return "; ".join(dict.fromkeys(f.message.rstrip(".") for f in broken))


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


def _with_draft(
    result: GroundedAnswer, raw: str, fit: ContextFit, notes: list[str]
) -> GroundedAnswer:
    """A not-found (or general) answer given after the model wrote ``raw`` from ``fit``'s
    passages: what it wrote and was given stays with it, with the draft's ``notes``
    (answer_notes.draft_notes)."""
    result.raw_text = raw
    result.passages = fit.passages
    result.notes.extend(notes)
    return result


def _skips_check(model: object) -> bool:
    """Whether the model check is left out only because ``model`` reasons first and its
    template has no thinking block to close (rag/support.py answer_opening); a model that
    cannot score at all (the tests' fakes) is not one."""
    if not all(hasattr(model, a) for a in ("score", "tokenize", "template", "n_ctx")):
        return False
    try:
        answer_opening(model)
    except ValueError:
        return True
    return False


def _thought(result: GroundedAnswer, stream: ReasoningStream) -> GroundedAnswer:
    """The thinking that came before ``result``'s answer, kept with it (folded, unchecked); the
    provenance records only how long it was and its budget, never what it said."""
    if not result.thinking:
        result.thinking, result.thinking_tokens = stream.thinking, stream.thinking_tokens
    if result.thinking_tokens:
        result.provenance["thinking"] = {
            "tokens": result.thinking_tokens,
            "budget": stream.think_budget,
        }
    return result
