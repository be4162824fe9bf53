"""Medication names: every drug a sentence names must be named in its cited passages, by any
of its names, and so must a word given a dose, or standing where a medicine does, that is no
known drug and no English word ("zorbaxiline 10 mg")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from medlocal.drugs import default_vocabulary
from medlocal.rag.binding import measured_in
from medlocal.rag.checks.elsewhere import Elsewhere
from medlocal.rag.checks.passage_facts import PassageFacts
from medlocal.rag.checks.ranges import claimed_measures
from medlocal.rag.checks.sentence_flags import SentenceCheck, absent
from medlocal.rag.coverage import list_item
from medlocal.rag.drug_facts import unknown_dosed_names, unknown_listed_names
from medlocal.rag.medications import MedicationLexicon, mentions
from medlocal.rag.tested_names import names_read_as_tests

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
    # "her potassium was 5.0", "her potassium was normal": a blood result, checked as a number
    # and against its range, not a medicine to find in the passages; so is "what was his
    # potassium?" (walk 55a L8), where no value stands beside it.
    measured = measured_in(body, facts.sentence_day_first(body, cited)) | claimed_measures(body)
    measured |= names_read_as_tests(body)
    for start, end, name in lexicon.spans(body):
        if name in measured:
            continue
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


# A stop a sentence states ("she stopped her SGLT2 inhibitor", "statin discontinued").
_STOP_WORDS = re.compile(
    r"\b(?:stop(?:ped|s)?|discontinu\w*|ceased?|came\s+off|come\s+off|coming\s+off|"
    r"no\s+longer\s+(?:taking|takes|on|uses|using)|withdrawn|withheld|with-held|held)\b",
    re.IGNORECASE,
)
_CLASS_MEMBERS_SHOWN = 3


def check_stopped_classes(
    check: SentenceCheck, body: str, cited: Sequence[int], evidence_text: str
) -> None:
    """Flag a drug class a sentence says was stopped where the cited passages name neither the
    class nor any drug of it (walk 42g: "She also stopped taking her SGLT2 inhibitor [5]",
    which no passage started or stopped, was flagged only for its attached citation: the
    medication check reads drug names, and the stop check compares what the passages say of
    the same word, so a class no passage names escaped both). Only in a sentence that states a
    stop: a class named in passing ("vitamin D", "painkillers") has members this list may not
    hold, and is left alone."""
    if not cited or not _STOP_WORDS.search(body):
        return
    vocabulary = default_vocabulary()
    in_passages = vocabulary.named_classes(evidence_text)
    carried = vocabulary.exemplified_class_words(body, evidence_text)
    for key, members in vocabulary.named_classes(body):
        if carried.issuperset(key) or any(set(members) & set(m) for _, m in in_passages):
            continue
        # As the sentence writes it ("SGLT2 inhibitor", "beta-blockers"), where it can be found.
        found = re.search(
            r"\b" + r"\W*".join(re.escape(w) + r"\w*" for w in key), body, re.IGNORECASE
        )
        name = found.group() if found else " ".join(key)
        shown = ", ".join(dict.fromkeys(m.split()[0] for m in members))
        drugs = ", ".join(shown.split(", ")[:_CLASS_MEMBERS_SHOWN])
        check.add(
            "unverified_medication",
            name,
            f"drug class '{name}' is said to be stopped, but the cited passages name neither it"
            f" nor any drug of it ({drugs}, …)",
            found.start() if found else -1,
        )
