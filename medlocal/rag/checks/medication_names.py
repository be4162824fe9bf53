"""Medication names: every drug a sentence names must be named in its cited passages, by any
of its names, and so must a word given a dose, or standing where a medicine does, that is no
known drug and no English word ("zorbaxiline 10 mg")."""

from __future__ import annotations

from collections.abc import Sequence

from medlocal.rag.binding import measured_in
from medlocal.rag.checks.elsewhere import Elsewhere
from medlocal.rag.checks.passage_facts import PassageFacts
from medlocal.rag.checks.sentence_flags import SentenceCheck, absent
from medlocal.rag.coverage import list_item
from medlocal.rag.drug_facts import unknown_dosed_names, unknown_listed_names
from medlocal.rag.medications import MedicationLexicon, mentions

_WHERE_A_MEDICINE_STANDS = "stands where a medicine does but is not named in"


def check_medications(
    check: SentenceCheck,
    body: str,
    cited: Sequence[int],
    evidence_text: str,
    facts: PassageFacts,
    lexicon: MedicationLexicon,
    elsewhere: Elsewhere,
) -> None:
    measured = measured_in(body, facts.sentence_day_first(body, cited))
    for start, end, name in lexicon.spans(body):
        if name in measured:
            continue  # "her potassium was 5.0": a blood result, checked as a number above
        if not lexicon.supported(evidence_text, name):
            raw = body[start:end]
            generic = sorted(lexicon.generics(name) - {name})
            aka = f" ({', '.join(generic)})" if generic else ""
            where = elsewhere.medication(name)
            check.add(
                "unverified_medication",
                name,
                absent(f"medication '{raw}'{aka}", "is not named in", cited) + where.said,
                start,
                quote=where.quote,
                passage=where.passage,
            )
    dosed = unknown_dosed_names(body, lexicon)
    for start, end, word in dosed:
        if not mentions(evidence_text, word):
            check.add(
                "unverified_medication",
                word,
                absent(f"'{body[start:end]}'", "is given a dose but is not named in", cited)
                + " (nor is it a medication name MedLocal knows)",
                start,
            )
    item = list_item(body)
    medicines_from = item.start if item is not None and item.medicines else None
    for start, end, word in unknown_listed_names(body, lexicon, medicines_from):
        if any(s == start for s, _, _ in dosed) or mentions(evidence_text, word):
            continue
        check.add(
            "unverified_medication",
            word,
            absent(f"'{body[start:end]}'", _WHERE_A_MEDICINE_STANDS, cited)
            + " (nor is it a medication name MedLocal knows)",
            start,
        )
