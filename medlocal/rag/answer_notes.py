"""What a grounded answer says beside its own text (rag/answer.py puts it together): the notes
(documents dosing or stopping a drug differently, a revised document beside the one it replaces,
a drug name read as respelt, what the files' imports noted, an earlier answer copied), the flag on
a dose the newest document changed, and the wording that stands in for a draft the checks set
aside or the model declined. All of it reads the passages the model was given; none of it calls
the model."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from medlocal.engine.api import ChatMessage
from medlocal.fsutil import shown_name
from medlocal.rag.context import ContextFit
from medlocal.rag.dose_disagreements import (
    asks_current,
    dose_disagreements,
    superseded_dose_flags,
)
from medlocal.rag.flags import UNSUPPORTED_DRAFT, Flag
from medlocal.rag.followup import ASPECT_WORDS, repeated_answer_note
from medlocal.rag.latest_values import newest_value_notes
from medlocal.rag.medications import MedicationLexicon, default_lexicon
from medlocal.rag.open_questions import is_open_question
from medlocal.rag.passages import (
    NumberedPassage,
    SourceRef,
    file_notes,
    respelling_notes,
    version_notes,
)
from medlocal.rag.prompts import (
    ALL_STATEMENTS_FLAGGED,
    BROKEN_ANSWER,
    IDENTITY_ONLY_ANSWER,
    NO_SUPPORTED_ANSWER,
    model_declined_text,
)
from medlocal.rag.relevance import (
    asked_terms,
    key_terms,
    matched_names,
    names_drug_class,
    relevance_text,
    term_finder,
)
from medlocal.rag.stop_notes import newest_stops, stop_notes


def dose_notes(
    lexicon: MedicationLexicon | None, query: str, answer: str, passages: Sequence[NumberedPassage]
) -> list[str]:
    """Notes for the drugs the question names (else the answer) that the documents given to
    the model dose differently (walk 40b item 3: the discharge summary's apixaban 5 mg
    against the GP list's 2.5 mg, one of them answered without a word); before them, for a
    question about a test's latest value, that value in the newest dated passage (walk 44)."""
    lexicon = lexicon or default_lexicon()
    # A test's newest value, as a medicine's newest dose is noted (walk 44 D1).
    newest = newest_value_notes(query, passages, lexicon)
    drugs = lexicon.find(query) or lexicon.find(answer)
    if not drugs:
        return newest
    stops = newest_stops(passages, drugs)
    return (
        newest
        + dose_disagreements(passages, drugs, lexicon, current=asks_current(query), stops=stops)
        + stop_notes(passages, drugs)
    )


def superseded_flags(
    lexicon: MedicationLexicon | None, query: str, answer: str, passages: Sequence[NumberedPassage]
) -> list[Flag]:
    """Flags on a dose the answer gives as current that the newest dated document given
    changed (walk 41: "her current dose of bisoprolol is 3.75 mg", the discharge summary of
    2 Dec giving 2.5 mg): set against every passage given, cited or not."""
    lexicon = lexicon or default_lexicon()
    drugs = lexicon.find(query) or lexicon.find(answer)
    if not drugs:
        return []
    stops = newest_stops(passages, drugs)
    return superseded_dose_flags(answer, passages, drugs, lexicon, query, stops)


def answer_notes(
    lexicon: MedicationLexicon | None,
    question: str,
    query: str,
    answer: str,
    fit: ContextFit,
    history: Sequence[ChatMessage],
) -> list[str]:
    """The notes of an answer given: ``query`` is the question as searched (a follow-up with
    the one it continues), ``answer`` the checked text."""
    # The documents' disagreement leads the notes (walk 41: it was buried in a flag).
    notes = (
        dose_notes(lexicon, query, answer, fit.passages)
        + fit.notes()
        + version_notes(fit.passages)
        + respelling_notes(query, fit.passages)
        + file_notes(fit.passages)
    )
    # A follow-up answered with an earlier answer, copied (walk 40b item 9).
    repeat = repeated_answer_note(question, answer, history)
    if repeat is not None:
        notes.append(repeat)
    return notes


def draft_notes(
    lexicon: MedicationLexicon | None, query: str, draft: str, fit: ContextFit
) -> list[str]:
    """The notes of a draft not given as the answer (declined, or set aside by the checks):
    the passages it was written from are listed with it, and how the question was read holds
    whatever the model wrote (walk 42g)."""
    return (
        fit.notes()
        + file_notes(fit.passages)
        + dose_notes(lexicon, query, draft, fit.passages)
        + respelling_notes(query, fit.passages)
    )


def declined_listing(
    lexicon: MedicationLexicon | None, query: str, fit: ContextFit, open_question: bool
) -> tuple[str, list[SourceRef]] | None:
    """The model declined, but passages it read name what the question asks about: the
    answer's text says the model gave no supported answer and lists those passages (the
    sources returned), which may hold it; ``None`` (a plain "Not found in the selected
    documents") when none names it (walk 39: "What dose of amlodipine is she taking?" said a
    bare "Not found" while the discharge table giving the dose was the passage search ranked
    first)."""
    if open_question:
        # Every passage it read may speak to an overall question: all are listed, with the
        # tool that gives an overview.
        listed = list(fit.passages)
        terms: tuple[str, ...] = ()
    else:
        names = term_finder(query)
        listed = [p for p in fit.passages if names(relevance_text(p.hit))]
        # What those passages name, not the question's words (walk 43 D9).
        terms = tuple(matched_names(query, [relevance_text(p.hit) for p in listed])) or ("",)
    # A question naming a drug class is given passages naming drugs no class list holds
    # (relevance.RelevanceThreshold.near_top): they are listed too, apart, since they do
    # not name what was asked (walk 40: the referral giving warfarin beside apixaban).
    others: list[NumberedPassage] = []
    if not open_question and names_drug_class(query):
        lexicon = lexicon or default_lexicon()
        others = [p for p in fit.passages if p not in listed and lexicon.spans(p.hit.text)]
    if not listed and not others:
        return None
    sources = [p.source() for p in (*listed, *others)]
    text = model_declined_text(
        len(fit.passages),
        terms,
        [f"[{s.number}] {shown_name(s.place)}" for s in sources[: len(listed)]],
        [f"[{s.number}] {shown_name(s.place)}" for s in sources[len(listed) :]],
    )
    return text, sources


# Why a draft was set aside: no statement is supported; every statement is flagged; or the
# answer broke down (looped, or named a page, document or passage not given); or it only
# repeated the patient's details from a heading (checks/identity_only.py).
SetAside = Literal["unsupported", "every_statement_flagged", "broken", "identity_only"]
_SET_ASIDE: dict[SetAside, tuple[str, str]] = {
    "unsupported": (
        NO_SUPPORTED_ANSWER,
        "no statement of the model's answer is supported by the passages it cites",
    ),
    "every_statement_flagged": (
        ALL_STATEMENTS_FLAGGED,
        "every statement of the model's answer is flagged (unsupported, or giving what the"
        " passages it cites do not)",
    ),
    "broken": (BROKEN_ANSWER, "the model's answer broke down"),
    "identity_only": (
        IDENTITY_ONLY_ANSWER,
        "the model's answer only repeats the patient's details (name, date of birth, record"
        " number, address), which do not answer the question",
    ),
}


def set_aside_flag(draft: str, why: SetAside, detail: str = "") -> tuple[str, Flag]:
    """The text that stands in for a draft the checks set aside, and the flag that keeps the
    draft, saying it is unsupported (``detail``: what broke, from its flags). Not "Not found":
    the passages may hold the answer (walk 29); not the draft as the answer (walk 25: a made-up
    answer, flagged, was still shown as the answer)."""
    text, reason = _SET_ASIDE[why]
    if detail:
        reason += f" ({detail.rstrip('.')})"
    flag = Flag(
        -1,
        UNSUPPORTED_DRAFT,
        "",
        f"{reason}, so it is not given as the answer; its draft is kept below, unsupported."
        " Read the passages listed before concluding the documents are silent",
        quote=draft.strip(),
    )
    return text, flag


def no_passage_names(terms: Sequence[str]) -> str:
    """The note that says the documents name nothing asked: "no passage found names any of
    'coronary', 'angiogram'"."""
    return "no passage found names any of " + ", ".join(f"'{t}'" for t in terms)


def absent_terms(
    question: str, texts: Sequence[str], lexicon: MedicationLexicon | None = None
) -> tuple[str, ...]:
    """What ``question`` itself asks about (``asked_terms``) when none of ``texts`` (the
    passages the model read) names it; () when one does, or when the question names nothing of
    its own to look for (an open question; "Why was it stopped?" asks about what came before)."""
    lexicon = lexicon or default_lexicon()
    own = [t for t in key_terms(question, lexicon) if t not in ASPECT_WORDS]
    if not own or is_open_question(question, lexicon):
        return ()
    names = term_finder(question)
    if any(names(text) for text in texts):
        return ()
    return tuple(dict.fromkeys(_as_asked(question, t) for t in asked_terms(question, lexicon)))


def _as_asked(question: str, term: str) -> str:
    """``term`` as ``question`` writes it, whole: "hba1c" where the word reader kept "hba" of
    "HbA1c" (walk 47b D12: "no passage found names any of 'hba'")."""
    found = re.search(rf"(?<![^\W_]){re.escape(term)}[^\W_]*", question, re.IGNORECASE)
    return found.group().lower() if found else term
