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

The steps are here; the answer's types are :mod:`medlocal.rag.answer_result`'s, the streaming of
the model :mod:`medlocal.rag.answer_generation`'s, the judgements on its text as a whole
(declined, looped, cut short, broken down) :mod:`medlocal.rag.answer_verdicts`', and the answers
given instead of the model's :mod:`medlocal.rag.answer_fallbacks`'.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Generator, Sequence

from medlocal.engine.api import ChatMessage, ChatModel, Embedder, SamplingParams
from medlocal.engine.reasoning import DEFAULT_THINK_BUDGET, ThinkingMeter, model_reasons
from medlocal.rag.answer_fallbacks import AnswerFallbacks, Asked
from medlocal.rag.answer_notes import (
    SetAside,
    answer_notes,
    draft_notes,
    no_passage_names,
    superseded_flags,
)
from medlocal.rag.answer_result import AnswerStatus as AnswerStatus
from medlocal.rag.answer_result import AnswerStream as AnswerStream
from medlocal.rag.answer_result import GroundedAnswer as GroundedAnswer
from medlocal.rag.answer_result import with_draft, with_thinking
from medlocal.rag.answer_verdicts import breakdown, whole_text_flags
from medlocal.rag.answer_verdicts import model_declined as model_declined
from medlocal.rag.checks.identity_only import repeats_identity_only
from medlocal.rag.checks.patient_identity import RecordIdentity, check_identifiers
from medlocal.rag.checks.question_dates import question_date_flags
from medlocal.rag.citations import cited_numbers
from medlocal.rag.context import fit_passages
from medlocal.rag.followup import medlocal_wording, standalone_question, supported_turns
from medlocal.rag.grounding import flagged_throughout, ground, supported_sentences
from medlocal.rag.loops import without_loops
from medlocal.rag.medications import MedicationLexicon
from medlocal.rag.open_questions import is_open_question
from medlocal.rag.passages import (
    NumberedPassage,
    Retriever,
    Scope,
    checked_texts,
    render_passages,
    respelling_notes,
    version_notes,
)
from medlocal.rag.prompts import GROUNDED_SYSTEM, grounded_user_message
from medlocal.rag.provenance import build_provenance
from medlocal.rag.references import GivenPassage, unknown_documents
from medlocal.rag.relevance import RelevanceThreshold, asked_terms
from medlocal.rag.support import REASONING_SKIP, answer_opening, support_check_for
from medlocal.vault.records import SearchHit


class GroundedAnswerer(AnswerFallbacks):
    """Answers questions from a patient's documents (its bases stream the model and give the
    answers that stand in for the model's)."""

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
            result = with_draft(result, raw, fit, draft_notes(self.lexicon, query, raw, fit))
            if result.status == "not_found":
                self._declined(result, query, fit, open_question)
            return with_thinking(result, stream)

        t0 = time.perf_counter()
        texts = checked_texts(fit.passages)
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
        asked = Asked(question, query, history, general, cancel, timings, started)
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
        whole = whole_text_flags(generated, loops, self.params.max_tokens)
        # An answer that looped, or names a page, document or passage the model was not given,
        # has broken down: set aside too (walk 46a D2: rows made up in a loop beside "[4]
        # (referral_scan.pdf, page 20)" of a one-page scan were shown as the answer).
        broken = breakdown(checked.flags, made_up, whole)
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
        return with_thinking(
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
