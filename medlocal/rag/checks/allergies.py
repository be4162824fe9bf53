"""Allergies: a drug the text gives as an allergy or intolerance must be given as one by a
passage it cites (walk 38: "Colchicine [2]" under "Allergies and intolerances", where note 2
prescribes colchicine for gout). A passage that only names the drug, prescribing it, does not
back it: "unsupported_allergy".

"Drug" here means any allergen: a drug of the medication lexicon, or one of the drug classes,
contrast media, foods, latex and dressings, stings and the like of resources/allergens.txt
("allergic to latex", "NSAIDs - bronchospasm", "Allergies: shellfish"), read by the same rules
through :class:`~medlocal.rag.allergens.AllergyVocabulary`. A food outside those rules ("eats
peanuts", "shellfish supper") is diet, not an allergy; "latex-free gloves" names no allergen.

The wording that gives one is read by rag/checks/allergy_wording.py; a sentence that denies any
allergy is checked by rag/checks/allergy_denial.py.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from medlocal.rag.allergens import AllergyVocabulary, allergy_vocabulary
from medlocal.rag.checks.allergy_wording import (
    ALLERGY_BEFORE,
    ALLERGY_WORDS,
    NEGATION_BEFORE,
    given_as_allergy,
    not_the_patients,
    stated_allergies,
    susceptibility_masked,
)
from medlocal.rag.checks.sentence_flags import SentenceCheck, quoted
from medlocal.rag.medications import MedicationLexicon
from medlocal.rag.sentences import split_sentences


def check_allergies(
    check: SentenceCheck,
    body: str,
    heading: str,
    cited: Sequence[int],
    passages: Mapping[int, str],
    lexicon: MedicationLexicon,
) -> None:
    """Flag each drug or other allergen (resources/allergens.txt: latex, peanuts, NSAIDs)
    ``body`` gives as an allergy that no cited passage gives as one. A sentence that cites
    nothing is read against every passage given: walk 42g's summary looped through 19 invented
    allergies ("Allergy to sulfa drugs (3)", "Allergy to sulfite (6)") flagged only
    "unsupported", the same flag as any uncited line, while an invented allergy is the one a
    clinician must not miss."""
    vocab = allergy_vocabulary(lexicon)
    sources = list(cited) if cited else sorted(passages)
    cites = "no cited passage says it is one" if cited else _UNCITED
    stated = stated_allergies(body, heading, vocab)
    for at, name in stated:
        if any(given_as_allergy(passages[n], name, vocab) for n in sources):
            continue
        naming = next((n for n in sources if vocab.supported(passages[n], name)), 0)
        where = ""
        if naming:
            said = _naming_sentence(passages[naming], name, vocab)
            where = f"; passage [{naming}] names it, but not as one: “{said}”"
        check.add(
            "unsupported_allergy",
            name,
            f"'{name}' is given as an allergy or intolerance, but {cites}{where}",
            at,
            passage=naming,
        )
    if not cited:
        _unknown_allergens(check, body, passages, vocab, {at for at, _ in stated})


_UNCITED = "this sentence cites no passage, and no passage given says it is one"
# An item of an allergy list, its bracketed note left off: "sulfite (6)" is "sulfite".
_ITEM_SPLIT = re.compile(r",|;|\s+(?:and|or)\s+", re.IGNORECASE)
_BRACKETED = re.compile(r"\([^)]*\)")
# Words before or after an allergy word that name no allergen: "all allergies and
# intolerances", "any drug allergy", "her known allergies", "severe reaction".
_NO_ALLERGEN = frozenset(
    {"all", "and", "or", "any", "the", "a", "an", "her", "his", "their", "its", "known",
     "drug", "drugs", "food", "foods", "other", "no", "of", "with", "severe", "mild",
     "moderate", "serious", "possible", "suspected", "previous", "new", "documented",
     "recorded", "reported", "medication", "medications", "medicine", "medicines", "these",
     "those", "this", "that", "some", "multiple", "several", "true", "significant",
     "allergic", "an allergic", "skin", "local", "systemic", "acute", "delayed", "immediate",
     "adverse", "transfusion", "infusion", "contrast"}
)  # fmt: skip


def _unknown_allergens(
    check: SentenceCheck,
    body: str,
    passages: Mapping[int, str],
    vocab: AllergyVocabulary,
    known: set[int],
) -> None:
    """Flag, in a sentence that cites nothing, an allergen an allergy word governs ("Allergy to
    sulfite", "allergic to sulfimules") that no allergen list knows and no passage given names at
    all: a name the model made up (walk 42g: "sulfimules", "sulfonamidoses"). One that a
    passage names is left to the "unsupported" flag the sentence has: it may be a real
    allergen this check has no word for."""
    masked = susceptibility_masked(body)
    everything = "\n".join(passages.values())
    # Only the words after an allergy word ("allergy to X", "Allergies: X"): the one word
    # before one ("also allergic", "all allergies") is too often no allergen at all.
    for match in ALLERGY_BEFORE.finditer(masked):
        if NEGATION_BEFORE.search(masked[: match.start()]):
            continue
        offset = match.start(1)
        for part in _ITEM_SPLIT.split(match.group(1)):
            item = _BRACKETED.sub("", part).strip(" -")
            at = offset + part.find(item) if item else -1
            offset += len(part) + 1
            if not item or item.lower() in _NO_ALLERGEN or at in known:
                continue
            if not any(c.isalpha() for c in item) or ALLERGY_WORDS.fullmatch(item):
                continue
            if vocab.spans(item) or not_the_patients(body, at, at + len(item)):
                continue
            words = r"\s+".join(re.escape(w) for w in item.split())
            if re.search(rf"(?<![^\W\d_]){words}(?![^\W\d_])", everything, re.IGNORECASE):
                continue
            check.add(
                "unsupported_allergy",
                item,
                f"'{item}' is given as an allergy or intolerance, but {_UNCITED}, nor names it",
                at,
            )


def _naming_sentence(passage: str, name: str, vocab: AllergyVocabulary) -> str:
    found = next((s.text for s in split_sentences(passage) if vocab.supported(s.text, name)), "")
    return quoted(found or passage)
