"""Concepts that notes write in other words than a question asks them.

"Is she pregnant?" is answered by "G2P1, 24 weeks' gestation", "LMP 02/01/2026" or "bHCG
positive"; "What is her occupation?" by "works as a school teacher" or "retired plumber"; "What
is his mobility like?" by "walks with a Zimmer frame" or "mobilises with a stick". None of those
passages shares a word (or a stem) with its question, so the word rules refused them as naming
nothing asked ("Not found in the selected documents" before the model was asked, session 38)
and the exact-word search did not look for them.

Each :class:`Concept` here says which question words ask about it (``asked``), how a passage
speaks to it (``written``: a passage matching it can answer, even if only to say no), and the
plain words search adds to such a question (``search``), so that bm25 brings those passages too
(:func:`medlocal.drugs.query_expansion`). The answerability gate (``medlocal.rag.relevance``,
``medlocal.rag.topics``) counts a passage speaking to an asked concept as naming it.

Kept small and specific on purpose: a pattern that matched ordinary clinical prose ("nurse",
"doctor", "transfer") would let a question about an absent concept reach the model on any note,
which is the invented answer the refusal exists to prevent. Concepts that the topic rule already
knew (blood group, smoking, allergies, alcohol, organ function) stay in
``medlocal.rag.topics._CONCEPTS``.

This module sits below the vault and the drug dictionaries (it needs only ``re``), so search and
the answerer read the same table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Concept:
    name: str
    # The question's words that ask about the concept.
    asked: re.Pattern[str]
    # A passage speaking to it, in the ways notes write it.
    written: re.Pattern[str]
    # Whole words search adds to the question (one bm25 term each).
    search: tuple[str, ...]


# Jobs notes name without "works as" ("Retired plumber", "She is a teacher"). Not "nurse",
# "doctor", "carer" or "pharmacist": notes name those as the people caring for the patient.
_JOBS = (
    r"teacher|plumber|electrician|builder|farmer|labourer|laborer|mechanic|engineer|accountant"
    r"|secretary|solicitor|lawyer|carpenter|joiner|decorator|hairdresser|shopkeeper|chef"
    r"|waiter|waitress|miner|firefighter|fireman|postman|postwoman|bus\s+driver|lorry\s+driver"
    r"|taxi\s+driver|shop\s+assistant|police\s+officer|civil\s+servant|office\s+worker"
    r"|factory\s+worker|cleaner|housewife|homemaker"
)

CONCEPTS: tuple[Concept, ...] = (
    Concept(
        "pregnancy",
        re.compile(r"\bpregnan(?:t|cy|cies)\b|\bgestation(?:al)?\b|\bgravida\b", re.IGNORECASE),
        re.compile(
            r"\bpregnan|\bgestation|\b(?:primi|multi)?gravid|\bG\d{1,2}\s*P\d{1,2}\b"
            r"|\bLMP\b|\bEDD\b|\bEDC\b|\b(?:b|beta[\s-]?)?hCG\b|\btrimester|\bante-?natal"
            r"|\bobstetric|\bmidwi(?:fe|ves|fery)\b|\b\d{1,2}(?:\+\d)?/40\b",
            re.IGNORECASE,
        ),
        ("pregnant", "pregnancy", "gestation", "gravida", "LMP", "EDD", "hCG", "bHCG",
         "antenatal", "trimester"),
    ),
    Concept(
        "occupation",
        re.compile(
            r"\boccupation\b|\bjobs?\b|\bemploy(?:ed|ment)\b|\bprofession\b|\bcareer\b"
            r"|\bfor\s+a\s+living\b|\b(?:does|did)\s+(?:s?he|they)\s+(?:still\s+)?work\b"
            r"|\bwork(?:s|ed)?\s+as\b|\bretired\b",
            re.IGNORECASE,
        ),
        re.compile(
            r"\boccupation\b|\bwork(?:s|ed|ing)?\s+(?:as|at|for|in|part[\s-]time|full[\s-]time"
            r"|from\s+home|nights|shifts)\b|\b(?:self[\s-]|un)?employ(?:ed|ment|er)\b|\bjob\b"
            r"|\bprofession|\bcareer\b|\bretired\b|\bstudent\b|\bby\s+trade\b|\bon\s+benefits\b"
            rf"|\b(?:{_JOBS})s?\b",
            re.IGNORECASE,
        ),
        ("occupation", "works", "worked", "employed", "unemployed", "retired", "job",
         "student"),
    ),
    Concept(
        "mobility",
        re.compile(
            r"\bmobil(?:ity|ise|ize|ises|izes|ising|izing)\b|\bambula\w*|\bwalk(?:s|ed|ing)?\b"
            r"|\bgait\b|\bget(?:s|ting)?\s+(?:about|around)\b",
            re.IGNORECASE,
        ),
        re.compile(
            # Not a bare "mobile": "Mobile 07700 900123" is a phone number.
            r"\b(?:im)?mobil(?:ity|is|iz)|\b(?:fully|independently|not)\s+mobile\b|\bimmobile\b"
            r"|\bmobile\s+(?:with|on|around|indoors|outdoors|unaided)\b|\bambula"
            r"|\bwalk(?:s|ed|ing)?\b|\bzimmer"
            r"|\bwalking\s+(?:stick|frame|aid)|\bstick\b|\bcrutch|\bwheel\s*chair|\brollator"
            r"|\bgait\b|\b(?:bed|house|chair)[\s-]?bound\b|\bweight[\s-]bearing|\b[FNP]WB\b"
            r"|\bhoist\b|\bunaided\b|\bfalls?\s+risk\b",
            re.IGNORECASE,
        ),
        ("mobility", "mobilises", "mobilizes", "walks", "walking", "zimmer",
         "frame", "stick", "wheelchair", "rollator", "crutches", "gait", "ambulant"),
    ),
)  # fmt: skip


def concepts_asked(text: str) -> tuple[Concept, ...]:
    """The concepts of the table that ``text`` (a question, or its topic's words) asks about."""
    return tuple(c for c in CONCEPTS if c.asked.search(text))


def speaks_to(concepts: tuple[Concept, ...], text: str) -> bool:
    """Whether ``text`` (a passage) speaks to one of ``concepts`` as notes write it."""
    return any(c.written.search(text) for c in concepts)


def search_words(question: str) -> list[str]:
    """The words search adds to ``question`` for the concepts it asks about."""
    return list(dict.fromkeys(w for c in concepts_asked(question) for w in c.search))
