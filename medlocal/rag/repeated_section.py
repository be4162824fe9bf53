"""A summary section that only repeats an earlier one: every sentence of it one of the earlier
sections', nearly word for word (walk 26)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from medlocal.rag.citations import blank_citations
from medlocal.rag.coverage import says_documents_silent
from medlocal.rag.sentences import split_sentences


def _words(sentence: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", blank_citations(sentence, fill=" ").lower()))


# A sentence repeats an earlier one when it says nothing the earlier one does not (nearly all
# its words are the earlier one's: "The patient is Margaret Thornbury [1]." after "The patient
# is Margaret Thornbury ... at 17 Wattle Creek Road [1]."), or when it holds nearly all of the
# earlier one's words and most of its own words are those ("She was treated with ... [6] and
# stopped due to stopping medications." after "She was treated with ... [6].", walk 26).
REPEAT_COVERS = 0.9
REPEAT_SHARE = 0.6
# Words a sentence must have for "nothing new" to mean anything ("Stable." says little anyway).
REPEAT_MIN_WORDS = 4


def _same(mine: set[str], theirs: set[str]) -> bool:
    shared = len(mine & theirs)
    nothing_new = len(mine) >= REPEAT_MIN_WORDS and shared >= REPEAT_COVERS * len(mine)
    return nothing_new or (
        bool(shared)
        and shared >= REPEAT_COVERS * len(theirs)
        and shared >= REPEAT_SHARE * len(mine)
    )


def _claims(text: str) -> list[str]:
    """The sentences of ``text`` that say something ("None documented." does not)."""
    return [s.text for s in split_sentences(text) if not says_documents_silent(s.text)]


def repeated_section(text: str, earlier: Sequence[tuple[str, str]]) -> tuple[str, str] | None:
    """(heading, sentence) of the earlier section that ``text`` only repeats: every sentence
    of it is one of ``earlier``'s ((heading, text) pairs), nearly word for word; None when it
    says anything of its own."""
    sentences = _claims(text)
    if not sentences:
        return None
    theirs = [(h, s) for h, body in earlier for s in _claims(body)]
    first: tuple[str, str] | None = None
    for sentence in sentences:
        words = _words(sentence)
        match = next(((h, s) for h, s in theirs if _same(words, _words(s))), None)
        if match is None:
            return None
        first = first or match
    return first
