"""When is a retrieved passage relevant enough to answer from?

The vault's fused score is a reciprocal-rank score: it orders hits but says nothing about whether
the best one is any good. Relevance is therefore judged on the cosine similarity of the vector
search, or on content words the passage shares with the question (the lexical side). Words are
compared by their stems ("drugs" ~ "drug", "doses" ~ "dose", "medications" ~ "Medication"), and
a question about medicines in general ("What medications is she taking?", "Which drugs were
prescribed?") relates to every passage that names a drug.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from medlocal.drugs import query_expansion
from medlocal.rag.coverage import content_words, stem
from medlocal.rag.medications import default_lexicon
from medlocal.vault.records import SearchHit

# Words every question carries ("what is the current dose...", "what was the result of her
# colonoscopy", "her latest troponin level"): sharing them with a passage says nothing about
# whether the passage answers it (a lab table's "Result" column is not a colonoscopy result).
_QUESTION_FILLER = frozenset(
    {"what", "when", "where", "which", "who", "how", "does", "did", "do", "is", "are", "any",
     "current", "patient", "patients", "was", "were", "her", "his", "she", "has", "have", "had",
     "result", "results", "finding", "findings", "level", "levels", "value", "values", "latest",
     "last", "recent", "most", "show", "shows", "showed", "shown", "tell", "about"}
)  # fmt: skip


# Words asking about medicines in general: a passage naming any drug answers them. ("dose" is
# not one: "the dose of dabigatran" asks about one drug, and a lab table's "Dose" is no answer.)
_MEDICINE_STEMS = frozenset(
    stem(w)
    for w in ("medication", "medications", "medicine", "medicines", "meds", "med", "drug",
              "drugs", "prescription", "prescriptions", "prescribed", "tablets", "pills")
)  # fmt: skip


def question_words(question: str) -> set[str]:
    return content_words(question) - _QUESTION_FILLER


def _key(word: str) -> str:
    """What a word is compared by: its stem; a number as written."""
    return word if word[0].isdigit() else stem(word)


def _stems(words: set[str]) -> set[str]:
    return {_key(w) for w in words}


def shared_words(question: str, text: str) -> set[str]:
    """The question's content words the passage holds, compared by stem ("drugs" ~ "drug")."""
    passage = _stems(content_words(text))
    return {w for w in question_words(question) if _key(w) in passage}


def asks_about_medicines(question: str) -> bool:
    return bool(_stems(question_words(question)) & _MEDICINE_STEMS)


@dataclass(frozen=True)
class RelevanceThreshold:
    """A hit is relevant when its cosine similarity reaches ``min_vector_score`` or it shares at
    least ``min_shared_words`` content words with the question. Set ``min_shared_words`` to 0 to
    judge on the vector score alone."""

    min_vector_score: float = 0.5
    min_shared_words: int = 1

    def accepts(
        self, hit: SearchHit, question: str, expansion: re.Pattern[str] | None = None
    ) -> bool:
        if hit.vector_score is not None and hit.vector_score >= self.min_vector_score:
            return True
        if self.min_shared_words <= 0:
            return False
        shared = shared_words(question, hit.text)
        if len(shared) >= self.min_shared_words:
            return True
        # "What medications is she taking?" is answered by the table naming apixaban, whatever
        # its headings say (new-user test: "drugs" and "medications" matched no word and the
        # medication table search ranked first, cosine 0.46, was dropped).
        if asks_about_medicines(question) and default_lexicon().spans(hit.text):
            return True
        # What search itself read into the question counts too: "which anticoagulant" is
        # answered by the passage naming apixaban, which search ranked first for it; without
        # this that passage was dropped here and the model answered from others.
        return expansion is not None and expansion.search(hit.text) is not None

    def filter(self, hits: list[SearchHit], question: str) -> list[SearchHit]:
        expansion = expansion_pattern(question)
        return [h for h in hits if self.accepts(h, question, expansion)]


def expansion_pattern(question: str) -> re.Pattern[str] | None:
    """Whole-word matcher for the drug names and abbreviation senses search adds to
    ``question`` (a class's drugs, a brand's generic, "myocardial infarction" for MI)."""
    names = query_expansion(question).names()
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
