"""Allergies: a drug the text gives as an allergy or intolerance must be given as one by a
passage it cites (walk 38: "Colchicine [2]" under "Allergies and intolerances", where note 2
prescribes colchicine for gout). A passage that only names the drug, prescribing it, does not
back it: "unsupported_allergy".

A drug is given as an allergy when its sentence stands under a heading about allergies or
intolerances, or when the sentence ties it to one ("allergic to penicillin", "penicillin
allergy", "intolerant of codeine", "Allergies: penicillin, latex"). A passage gives it as one
when the passage sentence naming it, or the line before that ("Allergies:" above a list), says
allergy, intolerance, reaction, ADR, NKDA, anaphylaxis, hypersensitivity, rash and the like.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from medlocal.rag.checks.sentence_flags import SentenceCheck, quoted
from medlocal.rag.medications import MedicationLexicon
from medlocal.rag.sentences import split_sentences

# A heading of a section that lists allergies ("Allergies and intolerances", "Adverse reactions").
_ALLERGY_HEADING = re.compile(r"allerg|intoleran|adverse|sensitivit", re.IGNORECASE)
# What a passage says when it gives a drug as an allergy or intolerance.
_ALLERGY_WORDS = re.compile(
    r"\b(?:allerg\w*|intoleran\w*|hypersensitiv\w*|anaphyla\w*|reactions?|ADRs?|adverse"
    r"|NKDA|NKA|sensitivit\w*|angio-?o?edema|urticaria|rash\w*|hives|contra-?indicat\w*)\b",
    re.IGNORECASE,
)
# The words of a sentence that tie a drug to an allergy: "allergic to", "intolerance of",
# "allergies:"; the drug must follow within a few words, in a list ("penicillin, codeine and
# latex"). A bare "no known drug allergies and uses salbutamol" ties nothing (heldout6 r04).
_ALLERGY_BEFORE = re.compile(
    r"\b(?:allerg\w*|intoleran\w*|hypersensitiv\w*|sensitivit\w*|anaphyla\w*|ADRs?)"
    r"(?:\s+(?:to|of)\s+|\s*[:–]\s*)"
    r"((?:[\w/\-]+(?:\s*\([^)]*\))?(?:,\s*|\s+(?:and|or)\s+|\s+)){0,3}[\w/\-]+)",
    re.IGNORECASE,
)
# "penicillin allergy", "codeine intolerance": the drug just before the word.
_ALLERGY_AFTER = re.compile(
    r"([\w/\-]+)\s*(?:\([^)]*\)\s*)?(?:allerg\w*|intoleran\w*|hypersensitiv\w*)", re.IGNORECASE
)


def stated_allergies(body: str, heading: str, lexicon: MedicationLexicon) -> list[tuple[int, str]]:
    """(offset in ``body``, drug) for each drug ``body`` gives as an allergy or intolerance."""
    spans = lexicon.spans(body)
    if _ALLERGY_HEADING.search(heading):
        return [(start, name) for start, _, name in spans]
    tied: set[int] = set()
    for match in _ALLERGY_BEFORE.finditer(body):
        tied |= {s for s, _, _ in spans if match.start(1) <= s < match.end(1)}
    for match in _ALLERGY_AFTER.finditer(body):
        tied |= {s for s, _, _ in spans if match.start(1) <= s < match.end(1)}
    return [(start, name) for start, _, name in spans if start in tied]


def _given_as_allergy(passage: str, name: str, lexicon: MedicationLexicon) -> bool:
    sentences = [s.text for s in split_sentences(passage)]
    for i, sentence in enumerate(sentences):
        if not lexicon.supported(sentence, name):
            continue
        before = sentences[i - 1] if i else ""
        if _ALLERGY_WORDS.search(sentence) or _ALLERGY_WORDS.search(before):
            return True
    return False


def check_allergies(
    check: SentenceCheck,
    body: str,
    heading: str,
    cited: Sequence[int],
    passages: Mapping[int, str],
    lexicon: MedicationLexicon,
) -> None:
    """Flag each drug ``body`` gives as an allergy that no cited passage gives as one. A
    sentence that cites nothing is flagged "unsupported" already."""
    if not cited:
        return
    for at, name in stated_allergies(body, heading, lexicon):
        if any(_given_as_allergy(passages[n], name, lexicon) for n in cited):
            continue
        naming = next((n for n in cited if lexicon.supported(passages[n], name)), 0)
        where = ""
        if naming:
            said = _naming_sentence(passages[naming], name, lexicon)
            where = f"; passage [{naming}] names it, but not as one: “{said}”"
        check.add(
            "unsupported_allergy",
            name,
            f"'{name}' is given as an allergy or intolerance, but no cited passage says it is"
            f" one{where}",
            at,
            passage=naming,
        )


def _naming_sentence(passage: str, name: str, lexicon: MedicationLexicon) -> str:
    found = next((s.text for s in split_sentences(passage) if lexicon.supported(s.text, name)), "")
    return quoted(found or passage)
