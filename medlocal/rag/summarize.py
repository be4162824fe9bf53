"""Map-reduce summaries of records of any length into a note template.

1. Number every passage of the selected documents in document order (the global passage list).
2. Map: pack consecutive passages into groups that fit the context window; the model summarises
   each group citing its local numbers, which are renumbered into the global list. Only sentences
   that carry a citation go forward: the model's, where its passages hold the sentence's numbers,
   else one MedLocal attaches or re-points to a passage holding its words and every number
   (map_citations.py; a wrong number MedLocal cannot place stays cited, for the checks to flag);
   a summary sentence citing only passages MedLocal attached is flagged as attached.
3. Combine (only when needed): while the map notes do not fit one reduce prompt, condense them in
   groups, keeping their citations.
4. Reduce: each template section is written from the notes, keeping the citations.
5. The same grounding checks as answers run over the assembled document.

Cancel stops within one token and raises GenerationCancelled; nothing is stored, because storing
is the caller's step after a summary completes.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from medlocal.engine.api import STOP_LENGTH, ChatMessage, ChatModel, SamplingParams
from medlocal.engine.reasoning import DEFAULT_THINK_BUDGET, ReasoningStream, model_reasons
from medlocal.errors import ContextBudgetError, GenerationCancelled
from medlocal.rag.checks.document_names import check_document_names
from medlocal.rag.checks.patient_identity import RecordIdentity, check_patient_identity
from medlocal.rag.citations import citations, has_citation, renumber
from medlocal.rag.context import thinking_advice
from medlocal.rag.coverage import says_documents_silent
from medlocal.rag.flags import UNSUPPORTED_DRAFT, Flag, FlagKind, section_at
from medlocal.rag.grounding import flagged_throughout, ground, supported_sentences
from medlocal.rag.loop_watch import LoopWatch
from medlocal.rag.loops import clip
from medlocal.rag.map_citations import attached_in_map, fit_model_citations
from medlocal.rag.medications import MedicationLexicon
from medlocal.rag.passages import (
    NumberedPassage,
    SourceRef,
    checked_texts,
    number_hits,
    render_passages,
    summary_file_notes,
    uncited_documents_note,
)
from medlocal.rag.prompts import (
    MAP_SYSTEM,
    REDUCE_SYSTEM,
    combine_user_message,
    map_user_message,
    reduce_frame,
    reduce_user_message,
)
from medlocal.rag.provenance import build_provenance
from medlocal.rag.repeated_section import repeated_section
from medlocal.rag.section_guard import Prompt, guard_section
from medlocal.rag.sentences import split_sentences
from medlocal.rag.store import OutputStore
from medlocal.rag.support import support_check_for
from medlocal.rag.templates import Section, Template
from medlocal.settings import in_window
from medlocal.vault.records import SearchHit

ProgressCallback = Callable[[str, int, int], None]  # (stage, done, total)

NONE_DOCUMENTED = "None documented."
# Written instead of NONE_DOCUMENTED when the map step kept no cited note although it read
# passages and the model never said they were silent: "None documented" would tell a clinician
# the record holds nothing (no medications), when MedLocal only failed to extract it.
NOT_EXTRACTED = (
    "Not extracted: the model gave no cited notes for this section, so MedLocal cannot say what"
    " the documents hold here; check the source documents."
)
# Written instead of a section whose text was no summary (a loop of "Objective 1:" lines, the
# instructions restated, nothing at all): the flag on it says what the model wrote.
NOT_USABLE = (
    "Not extracted: the model's text for this section was not usable (see the flag on it), so"
    " MedLocal cannot say what the documents hold here; check the source documents."
)
# Written instead of a section none of whose lines rests on a passage it cites (walk 38: 14
# invented "risk factors" for a patient whose notes say nothing of them). Worded as the chat's
# "No supported answer" (prompts.NO_SUPPORTED_ANSWER): the documents may not hold it, or the
# model failed to cite what they hold. The model's draft is kept in an "unsupported_draft" flag
# on the section's heading, shown greyed after the flags.
NO_SUPPORTED_SECTION = (
    "No supported text: none of the statements the model wrote for this section rests on this"
    " patient's documents (its draft is kept after the flags, unsupported; check the documents"
    " before concluding they are silent)."
)
# Written instead of a section of three statements or more, every one of them flagged (walk 53a
# M1: 24 invented drugs under "Current medications", each an "unverified medication" citing a
# passage that names none of them, were shown as the list). The chat's rule, per section, in its
# words (prompts.ALL_STATEMENTS_FLAGGED).
ALL_FLAGGED_SECTION = (
    "No supported text: every statement the model wrote for this section is flagged"
    " (unsupported, or giving what the passages it cites do not; its draft is kept after the"
    " flags, unsupported; check the documents before concluding they are silent)."
)
_PLACEHOLDERS = frozenset(
    {NONE_DOCUMENTED, NOT_EXTRACTED, NOT_USABLE, NO_SUPPORTED_SECTION, ALL_FLAGGED_SECTION}
)
# The engine's stop reason for a step MedLocal ended itself because its lines had become a loop.
_STOP_LOOP = "loop"
_MAX_COMBINE_ROUNDS = 8
_SAFETY_TOKENS = 8  # slack for templates that render slightly differently than counted


@dataclass
class Summary:
    template: Template
    title: str
    text: str
    passages: list[NumberedPassage]
    sources: list[SourceRef] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    provenance: dict[str, Any] = field(default_factory=dict)
    steps: dict[str, int] = field(default_factory=dict)
    # What the imports noted about the documents summarised (one names another patient): shown
    # under the summary and kept in its provenance, so every export carries it (walk 40b).
    notes: list[str] = field(default_factory=list)


@dataclass
class MappedRecord:
    """The map step's result: the global passage list and the cited notes drawn from it."""

    passages: list[NumberedPassage]
    notes: list[str]
    documents: list[int]
    # Map steps (groups of passages) whose output kept no cited sentence without saying the
    # passages were silent: what they hold is missing from the notes. Out of ``map_steps``.
    unextracted: int = 0
    map_steps: int = 0
    # The passages the model's map notes cited itself (global numbers); None when not known. A
    # summary sentence citing none of them carries MedLocal's citations (map_citations.py).
    model_cited: set[int] | None = None


@dataclass(frozen=True)
class _Step:
    """One generation: its text, and why it ended (``STOP_*``, or ``_STOP_LOOP``)."""

    text: str
    stop: str


@dataclass
class _Section:
    """A written section, with the problems to flag on its heading: (kind, message)."""

    heading: str
    body: str
    problems: list[tuple[FlagKind, str]] = field(default_factory=list)
    # The model's text, set aside when none of its lines rests on a passage it cites.
    draft: str = ""

    @property
    def placeholder(self) -> bool:
        return self.body in _PLACEHOLDERS


class Summarizer:
    def __init__(
        self,
        model: ChatModel,
        *,
        params: SamplingParams | None = None,
        lexicon: MedicationLexicon | None = None,
        attach_min_overlap: float = 0.5,
        model_check: bool = False,
        think_budget: int = DEFAULT_THINK_BUDGET,
    ) -> None:
        self.model = model
        # A reasoning model's thinking is split off each step (engine/reasoning.py): only the
        # answer after it is summary text; the thinking is never checked or saved.
        self.think_budget = think_budget
        self.params = params or SamplingParams(max_tokens=256)
        self.lexicon = lexicon
        self.attach_min_overlap = attach_min_overlap
        # The model check costs one forward pass per sentence: optional for long summaries, and
        # run on the final text only (the map and combine notes are checked by the rules).
        self.support = support_check_for(model) if model_check else None

    # -- generation ----------------------------------------------------------------------------

    def _generate(self, messages: list[ChatMessage], cancel: threading.Event | None) -> str:
        return self._step(messages, cancel).text

    def _step(
        self,
        messages: list[ChatMessage],
        cancel: threading.Event | None,
        notes: str | None = None,
    ) -> _Step:
        """Generate, stopping early once the text has become a loop (``LoopWatch``): the rest
        of the budget would go the same way, and the loop is cut down afterwards anyway.
        Sampling is untouched, so text that does not loop is what the model writes without
        this. ``notes``: what a section is written from (a list of what they name is no loop)."""
        if cancel is not None and cancel.is_set():
            raise GenerationCancelled("the summary was stopped")
        watch = LoopWatch(notes=notes)
        looped = False
        stream = ReasoningStream(
            self.model, messages, self.params, cancel, think_budget=self.think_budget
        )
        pieces = iter(stream)
        try:
            for piece in pieces:
                if watch.feed(piece):
                    looped = True
                    break
        finally:
            close = getattr(pieces, "close", None)  # a generator: stops the engine's step
            if close is not None:
                close()
        if cancel is not None and cancel.is_set():
            raise GenerationCancelled("the summary was stopped")
        return _Step(watch.text, _STOP_LOOP if looped else stream.stop_reason)

    def _write_section(
        self,
        notes: str,
        template: Template,
        section: Section,
        cancel: threading.Event | None,
    ) -> _Section:
        """One section from the notes, without what the model wrote that is no summary (a loop,
        an echoed heading, its instructions restated); a section with nothing else left reads
        NOT_USABLE. Problems go to flags on the section's heading."""
        step = self._step(_reduce_messages(notes, template, section), cancel, notes)
        prompt = Prompt(reduce_frame(), section.heading, template.title, section.instructions)
        guarded = guard_section(step.text.strip(), prompt, notes)
        removed = guarded.problems()
        stopped = " MedLocal stopped the model once it looped." if step.stop == _STOP_LOOP else ""
        if not guarded.substance:
            why = removed or "the model wrote nothing for it"
            return _Section(
                section.heading,
                NOT_USABLE,
                [("not_extracted", f"MedLocal could not extract this section: {why}.{stopped}")],
            )
        written = _Section(section.heading, _demoted(guarded.text))
        if removed:
            written.problems.append(
                (
                    "degenerate_output",
                    f"{removed}.{stopped} The model may have missed what this section should"
                    " hold: check it against the sources.",
                )
            )
        if step.stop == STOP_LENGTH:
            # The engine stopped it at the budget (or a full context): it may end mid-sentence
            # (walk 26: "Her treatment options include met").
            written.problems.append(("cut_short", _cut_short(self.params.max_tokens)))
        return written

    def _set_aside_unsupported(
        self, template: Template, sections: Sequence[_Section], texts: dict[int, str]
    ) -> None:
        """A section none of whose lines rests on a passage it cites (each is "unsupported" or
        "weak support", as the chat's ``supported_sentences`` decides) reads
        NO_SUPPORTED_SECTION, its text kept as an unsupported draft: a list of invented lines,
        each flagged, read as the summary's content (walk 38). One of three lines or more, every
        one of them flagged (the chat's ``flagged_throughout``), reads ALL_FLAGGED_SECTION. A
        section that only says the documents are silent keeps its words."""
        text = _assembled(template, sections)
        checked = ground(text, texts, lexicon=self.lexicon, min_overlap=self.attach_min_overlap)
        supported = set(supported_sentences(checked, texts))
        backed: set[str] = set()
        by_section: dict[str, set[int]] = {}
        for sentence in split_sentences(checked.text):
            heading = section_at(checked.text, sentence.start)
            by_section.setdefault(heading, set()).add(sentence.index)
            if sentence.index in supported:
                backed.add(heading)
        for section in sections:
            if section.placeholder or _says_silent(section.body):
                continue
            if section.heading not in backed:
                section.draft, section.body = section.body, NO_SUPPORTED_SECTION
            elif flagged_throughout(checked, texts, by_section.get(section.heading, set())):
                # Some lines rest on a passage, but each names what it does not give (a drug,
                # a value): the chat reads such an answer "No supported answer" (walk 53a M1).
                section.draft, section.body = section.body, ALL_FLAGGED_SECTION

    def _limit(self) -> int:
        thinking = self.think_budget if model_reasons(self.model) else 0
        limit = self.model.n_ctx - self.params.max_tokens - thinking - _SAFETY_TOKENS
        if limit <= 0:
            n_ctx, step = self.model.n_ctx, self.params.max_tokens
            if thinking:
                no_room = (
                    f"the summary step length (summary_step_tokens = {step}) with the thinking"
                    f" budget (thinking_budget = {thinking}) leaves no room in the model's"
                    f" context window ({n_ctx} tokens). "
                )
                raise ContextBudgetError(
                    no_room + thinking_advice(n_ctx, step, "summary_step_tokens"),
                    window=no_room
                    + thinking_advice(n_ctx, step, "summary_step_tokens", window=True),
                )
            too_long = (
                f"the summary step length (summary_step_tokens = {step}) exceeds the model's"
                f" context window ({n_ctx} tokens): lower it"
            )
            raise ContextBudgetError(
                f"{too_long}, or raise the context size (context_tokens)",
                window=f"{too_long} ({in_window('summary_step_tokens')}), or raise"
                f" {in_window('context_tokens')}",
            )
        return limit

    # -- packing -------------------------------------------------------------------------------

    def _pack(
        self,
        items: Sequence[str],
        build: Callable[[str], list[ChatMessage]],
        separator: str = "\n\n",
    ) -> list[list[int]]:
        """Group consecutive ``items`` (by index) so that each group's prompt fits the window.
        Token costs are estimated per item and checked on the rendered prompt."""
        limit = self._limit()
        overhead = self.model.count_chat_tokens(build(""))
        sep_cost = self.model.count_tokens(separator)
        costs = [self.model.count_tokens(item) + sep_cost for item in items]
        groups: list[list[int]] = []
        current: list[int] = []
        used = overhead
        for i, cost in enumerate(costs):
            if overhead + cost > limit:
                raise ContextBudgetError(
                    "a passage is longer than this model's context window allows; re-import"
                    " with smaller chunks or choose a model with a larger window"
                )
            if current and used + cost > limit:
                groups.append(current)
                current, used = [], overhead
            current.append(i)
            used += cost
        if current:
            groups.append(current)
        # Estimates can undercount at item joins: verify and split where needed.
        verified: list[list[int]] = []
        for group in groups:
            while group:
                take = len(group)
                while take > 1:
                    text = separator.join(items[j] for j in group[:take])
                    if self.model.count_chat_tokens(build(text)) <= limit:
                        break
                    take -= 1
                verified.append(group[:take])
                group = group[take:]
        return verified

    # -- steps ---------------------------------------------------------------------------------

    def _map(
        self,
        passages: list[NumberedPassage],
        progress: ProgressCallback | None,
        cancel: threading.Event | None,
    ) -> tuple[list[str], int, int, set[int]]:
        """The cited notes, the number of map steps that kept none (and did not say their
        passages were silent), the number of map steps, and the passages the model cited itself.
        A note's citations are checked by its numbers (``fit_model_citations``) and attached
        only to a passage holding them: the demo model cites wrong numbers, or none."""

        def build(block: str) -> list[ChatMessage]:
            return [ChatMessage("system", MAP_SYSTEM), ChatMessage("user", map_user_message(block))]

        # Pack on the text rendered with a wide number, so local renumbering never grows it.
        rendered = [render_passages([NumberedPassage(9999, p.hit)]) for p in passages]
        groups = self._pack(rendered, build)
        notes: list[str] = []
        unextracted = 0
        model_cited: set[int] = set()
        for done, group in enumerate(groups):
            if progress:
                progress("map", done, len(groups))
            local = number_hits([passages[i].hit for i in group])
            to_global = {lp.number: passages[i].number for lp, i in zip(local, group, strict=True)}
            raw = self._generate(build(render_passages(local)), cancel)
            local_texts = checked_texts(local)
            fitted = fit_model_citations(raw, local_texts, self.attach_min_overlap)
            model_cited |= {to_global[n] for n in fitted.model_cited}
            checked = ground(
                fitted.text,
                local_texts,
                lexicon=self.lexicon,
                min_overlap=self.attach_min_overlap,
                attach_by_numbers=True,
            )
            # One limit for this step's text: its own passages (the model saw 1..len(local)).
            # Sentences are chosen on the local text, with the limit renumbering and grounding
            # used, so a bracket is a citation or a reference range once, not once each.
            note = renumber(_cited_sentences(checked.text, len(local)), to_global).text
            if note:
                notes.append(note)
            elif not _says_silent(raw):
                unextracted += 1
        if progress:
            progress("map", len(groups), len(groups))
        return notes, unextracted, len(groups), model_cited

    def _combine_until_fits(
        self,
        notes: list[str],
        template: Template,
        texts: dict[int, str],
        progress: ProgressCallback | None,
        cancel: threading.Event | None,
    ) -> tuple[list[str], int]:
        limit = self._limit()

        def fits(current: list[str]) -> bool:
            joined = "\n\n".join(current)
            return all(
                self.model.count_chat_tokens(_reduce_messages(joined, template, section)) <= limit
                for section in template.sections
            )

        def build(block: str) -> list[ChatMessage]:
            return [
                ChatMessage("system", MAP_SYSTEM),
                ChatMessage("user", combine_user_message(block)),
            ]

        rounds = 0
        while not fits(notes):
            if rounds >= _MAX_COMBINE_ROUNDS:
                raise ContextBudgetError("the record could not be condensed to fit this model")
            rounds += 1
            groups = self._pack(notes, build)
            condensed: list[str] = []
            for done, group in enumerate(groups):
                if progress:
                    progress(f"combine {rounds}", done, len(groups))
                raw = self._generate(build("\n\n".join(notes[i] for i in group)), cancel)
                top = max(texts, default=0)
                cited = {int(n) for i in group for n in _numbers_in(notes[i], top)}
                checked = ground(
                    raw,
                    {n: texts[n] for n in cited if n in texts},
                    lexicon=self.lexicon,
                    min_overlap=self.attach_min_overlap,
                    attach_by_numbers=True,
                )
                note = _cited_sentences(checked.text, top)
                if note:
                    condensed.append(note)
            notes = condensed
        return notes, rounds

    def map_record(
        self,
        hits: Sequence[SearchHit],
        *,
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
    ) -> MappedRecord:
        """The map step over ``hits`` (every chunk of the chosen documents, in document order).
        The result can be reduced into several templates without mapping again."""
        passages = number_hits(hits)
        notes, unextracted, steps, model_cited = self._map(passages, progress, cancel)
        documents = sorted({h.document_id for h in hits})
        return MappedRecord(passages, notes, documents, unextracted, steps, model_cited)

    def summarize(
        self,
        hits: Sequence[SearchHit],
        template: Template,
        *,
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
        record: Collection[str] = (),
        identity: RecordIdentity | None = None,
    ) -> Summary:
        """Map ``hits`` and reduce them into ``template``; ``record``: the file names of all
        the patient's documents (by default those of ``hits``); ``identity``: the vault's
        record of the patient, against which a name, DOB or MRN the summary gives is checked."""
        mapped = self.map_record(hits, progress=progress, cancel=cancel)
        return self.reduce(
            mapped, template, progress=progress, cancel=cancel, record=record, identity=identity
        )

    def reduce(
        self,
        mapped: MappedRecord,
        template: Template,
        *,
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
        record: Collection[str] = (),
        identity: RecordIdentity | None = None,
    ) -> Summary:
        passages = mapped.passages
        texts = checked_texts(passages)
        notes, rounds = self._combine_until_fits(
            list(mapped.notes), template, texts, progress, cancel
        )
        joined = "\n\n".join(notes)

        # No notes because the model failed, not because the passages are silent: say so.
        failed = not notes and bool(passages) and mapped.unextracted > 0
        total = len(template.sections)
        sections: list[_Section] = []
        for done, section in enumerate(template.sections):
            if progress:
                progress("reduce", done, total)
            if notes:
                sections.append(self._write_section(joined, template, section, cancel))
            else:
                sections.append(
                    _Section(section.heading, NOT_EXTRACTED if failed else NONE_DOCUMENTED)
                )
        if progress:
            progress("reduce", total, total)
        _flag_repeated_sections(sections)
        self._set_aside_unsupported(template, sections, texts)

        checked = ground(
            _assembled(template, sections),
            texts,
            lexicon=self.lexicon,
            min_overlap=self.attach_min_overlap,
            support=self.support,
        )
        flags = [f for f in checked.flags if not _is_placeholder(checked.text, f)]
        if mapped.model_cited is not None:
            attached = {f.sentence for f in flags if f.kind == "attached_citation"}
            flags += attached_in_map(checked.text, texts, mapped.model_cited, attached)
        flags += _extraction_flags(checked.text, mapped, failed=failed)
        flags += _section_flags(checked.text, sections)
        # A file name the model gives as a source must be one of the patient's documents.
        flags += check_document_names(checked.text, record or {p.hit.file_name for p in passages})
        # A name, DOB or MRN that is not this patient's: another patient's letter mixed in.
        flags += check_patient_identity(checked.text, identity)
        by_number = {p.number: p for p in passages}
        # With the passages the flags name that the summary does not cite (grounding.py).
        sources = [by_number[n].source() for n in sorted({*checked.cited, *checked.named})]
        file_warnings = summary_file_notes(passages, {*checked.cited, *checked.named})
        # Chosen documents no statement cites: said, or the summary reads as if they were
        # silent (walk 51b).
        uncited = uncited_documents_note(passages, checked.cited)
        if uncited:
            file_warnings.append(uncited)
        steps = {
            "passages": len(passages),
            "map_notes": len(mapped.notes),
            "map_unextracted": mapped.unextracted,
            "combine_rounds": rounds,
            "reduce_notes": len(notes),
        }
        return Summary(
            template=template,
            title=template.title,
            text=checked.text.strip() + "\n",
            passages=passages,
            sources=sources,
            flags=flags,
            provenance=build_provenance(
                self.model,
                self.params,
                kind="summary",
                passages=passages,
                sources=sources,
                flags=flags,
                template=template.name,
                notes=file_warnings,
                extra={"steps": steps, "documents": mapped.documents},
            ),
            steps=steps,
            notes=file_warnings,
        )


# A heading the model wrote inside its section: "## Gout", "# Notes".
_INNER_HEADING = re.compile(r"^[ \t]{0,3}#{1,2}(?=[ \t])", re.M)


def _demoted(body: str) -> str:
    """``body`` with the "# " and "## " headings the model wrote made "### " subheadings: a
    "## " line is a section of the summary to every reader of its text (``section_at``: the
    set-aside step, the flag list in the window and every export), and one inside a section
    cut the section's own text off from it (review 35: a "## Gout" line under "Current
    medications" left that section "No supported text")."""
    return _INNER_HEADING.sub("###", body)


def _assembled(template: Template, sections: Sequence[_Section]) -> str:
    parts = [f"# {template.title}"] + [f"## {s.heading}\n\n{s.body}" for s in sections]
    return "\n\n".join(parts) + "\n"


def _reduce_messages(notes: str, template: Template, section: Section) -> list[ChatMessage]:
    # Notes first, section last: consecutive sections share the prompt prefix, which the engine
    # keeps in its KV cache, so only the section instruction is evaluated again.
    prompt = reduce_user_message(notes, template.title, section.heading, section.instructions)
    return [ChatMessage("system", REDUCE_SYSTEM), ChatMessage("user", prompt)]


def _numbers_in(text: str, limit: int | None = None) -> list[str]:
    return re.findall(r"\d+", " ".join(m.group(1) for m in citations(text, limit)))


def _cited_sentences(text: str, limit: int | None = None) -> str:
    """Only the sentences that carry a citation: uncited map output is not traceable (a
    reference range, "[135-145]", is no citation; ``limit``: the highest passage number)."""
    kept = [s.text for s in split_sentences(text) if has_citation(s.text, limit)]
    return " ".join(kept)


def _says_silent(raw: str) -> bool:
    """Whether the map output says its passages hold nothing to summarise (and says nothing
    else): then no note is the right result, not a failure to extract."""
    sentences = [s.text for s in split_sentences(raw) if s.text.strip()]
    return bool(sentences) and all(says_documents_silent(s) for s in sentences)


def _is_placeholder(text: str, flag: Flag) -> bool:
    """A flag on MedLocal's own placeholder ("None documented.", NOT_EXTRACTED), not a claim."""
    return (
        flag.kind in {"unsupported", "weak_support"}
        and text[flag.start : flag.end].strip() in _PLACEHOLDERS
    )


def _cut_short(max_tokens: int) -> str:
    return (
        f"this section reached the length limit ({max_tokens} tokens) and may be cut short: it"
        " may end mid-sentence and miss what follows. Check the sources, or summarise again with"
        " more tokens per step (Settings → Summary step (tokens), or medlocal summarize"
        " --max-tokens)."
    )


def _flag_repeated_sections(sections: Sequence[_Section]) -> None:
    """Flag a section that only repeats an earlier one's sentences (walk 26: one sentence about
    an inpatient antibiotic was the whole of "Current medications", "Stopped medications" and
    "Allergies and intolerances")."""
    earlier: list[tuple[str, str]] = []
    for section in sections:
        if section.placeholder:
            continue
        repeated = repeated_section(section.body, earlier)
        if repeated is not None:
            heading, sentence = repeated
            section.problems.append(
                (
                    "degenerate_output",
                    f"this section only repeats what the section “{heading}” says"
                    f" (“{clip(sentence, 6)}”):"
                    " the model may have found nothing of its own for it. Check the sources.",
                )
            )
        earlier.append((section.heading, section.body))


def _section_flags(text: str, sections: Sequence[_Section]) -> list[Flag]:
    """The sections' problems as flags on their headings in ``text`` (sentence -1: a whole
    section), so that each names its section wherever it is listed and the window marks the
    heading."""
    flags: list[Flag] = []
    at = 0
    for section in sections:
        found = re.compile(rf"^## ({re.escape(section.heading)})[ \t]*$", re.M).search(text, at)
        start, end = (found.start(1), found.end(1)) if found else (0, 0)
        at = found.end() if found else at
        flags += [
            Flag(-1, kind, section.heading, message, start, end)
            for kind, message in section.problems
        ]
        if section.draft:
            flags.append(
                Flag(
                    -1,
                    UNSUPPORTED_DRAFT,
                    section.heading,
                    (
                        "every statement the model wrote for this section is flagged"
                        if section.body == ALL_FLAGGED_SECTION
                        else "no statement the model wrote for this section rests on the"
                        " passages it cites"
                    )
                    + ", so the section reads “No supported text”; its draft is kept after the"
                    " flags, unsupported",
                    start,
                    end,
                    quote=section.draft,
                )
            )
    return flags


def _extraction_flags(text: str, mapped: MappedRecord, *, failed: bool) -> list[Flag]:
    """``not_extracted`` flags: one on each NOT_EXTRACTED section, or one for the whole summary
    when only some map steps kept no cited note (it may miss what those passages hold)."""
    if failed:
        return [
            Flag(
                s.index,
                "not_extracted",
                "",
                "MedLocal could not extract this section: the model gave no cited notes"
                " (this does not mean the documents are silent); check the sources.",
                s.start,
                s.end,
            )
            for s in split_sentences(text)
            if s.text.strip() == NOT_EXTRACTED
        ]
    if mapped.notes and mapped.unextracted:
        return [
            Flag(
                -1,
                "not_extracted",
                "",
                f"{mapped.unextracted} of {mapped.map_steps} parts of the record gave no cited"
                " notes; this summary may miss what they hold. Check the sources.",
            )
        ]
    return []


def save_summary(store: OutputStore, patient_id: int, summary: Summary) -> int:
    output_id = store.save_output(
        patient_id,
        "summary",
        summary.title,
        summary.text,
        summary.provenance,
        [f.as_dict() for f in summary.flags],
    )
    store.record_event(
        "summarize",
        {
            "patient_id": patient_id,
            "output_id": output_id,
            "template": summary.provenance.get("template"),
            "documents": summary.provenance.get("documents", []),
        },
    )
    return output_id
