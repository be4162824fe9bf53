"""The model's own citations in a map note, checked against the numbers each sentence gives
(cite64).

Shown how to cite, the demo model (SmolLM2-135M) writes brackets with the wrong numbers (ui63:
"HbA1c was 48 mmol/mol [1]" where passage 2 held the HbA1c), and its map notes carried them into
every section. A note sentence whose numbers are not all in the passages it cites is re-pointed
to the one passage that holds every one of its numbers and most of its words, where exactly one
does: the citation is then MedLocal's, not the model's, and is marked so in the summary
(``attached_in_map``). Otherwise it keeps the model's bracket, for the grounding checks to flag
the number the cited passage does not give ("unverified_number"): a number in no passage, or in
several, is not for MedLocal to place.

A sentence that gives no number keeps its citation (the grounding checks judge its words), and
so does one whose brackets name no given passage (``keep_valid`` removes those and says so).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from medlocal.rag.citations import cited_numbers, format_group, rewrite_citations
from medlocal.rag.coverage import content_words
from medlocal.rag.flags import ATTACHED_MARK, Flag
from medlocal.rag.grounding import claim_text
from medlocal.rag.number_fit import holders, numbers_of, passage_numbers
from medlocal.rag.sentences import split_sentences


@dataclass
class FittedNote:
    text: str
    # Passages the model cited itself and kept: a citation of any other is MedLocal's.
    model_cited: set[int] = field(default_factory=set)
    # Sentences whose citation MedLocal moved to the one passage holding their numbers.
    repointed: int = 0
    # Sentences left citing a passage that lacks one of their numbers, for the checks to flag.
    unplaced: int = 0


def fit_model_citations(
    text: str, passages: Mapping[int, str], min_overlap: float = 0.5
) -> FittedNote:
    """``text`` (a map step's output, citing ``passages`` by their local numbers) with each
    sentence's citations checked by its numbers (see the module's note); ``min_overlap``: the
    share of the sentence's words the passage it is re-pointed to must hold, as attaching asks."""
    limit = max(passages, default=0)
    held = passage_numbers(passages)
    fitted = FittedNote("")
    pieces: list[str] = []
    cursor = 0
    for sentence in split_sentences(text):
        cited = [n for n in cited_numbers(sentence.text, limit) if n in passages]
        if not cited:
            continue
        claim = claim_text(sentence.text, limit)
        numbers = numbers_of(claim)
        if numbers <= frozenset().union(*(held[n] for n in cited)):
            fitted.model_cited.update(cited)
            continue
        holding = [n for n in holders(numbers, held) if _shares(claim, passages[n], min_overlap)]
        if len(holding) != 1:
            fitted.model_cited.update(cited)
            fitted.unplaced += 1
            continue
        pieces += [text[cursor : sentence.start], _cite_only(sentence.text, holding[0], limit)]
        cursor = sentence.end
        fitted.repointed += 1
    pieces.append(text[cursor:])
    fitted.text = "".join(pieces)
    return fitted


def _shares(claim: str, passage: str, min_overlap: float) -> bool:
    """Whether ``passage`` holds ``min_overlap`` of the content words of ``claim``, and two or
    more of them (or its only one)."""
    words = content_words(claim)
    shared = len(words & content_words(passage))
    return bool(words) and shared >= min(2, len(words)) and shared >= min_overlap * len(words)


def _cite_only(sentence: str, number: int, limit: int) -> str:
    """``sentence`` with its citations replaced by ``[number]``, at its end: "... [2]."."""
    group = format_group([number])
    bare = rewrite_citations(sentence, lambda n: None, limit).text.rstrip()
    end = len(bare)
    while end and bare[end - 1] in ".!?;:":
        end -= 1
    return f"{bare[:end]} {group}{bare[end:]}"


def attached_in_map(
    text: str,
    passages: Mapping[int, str],
    model_cited: Collection[int],
    flagged: Collection[int],
) -> list[Flag]:
    """An ``attached_citation`` flag on each sentence of a summary's ``text`` that cites only
    passages no map note of the model cited (``model_cited``): its citations are MedLocal's,
    attached or re-pointed in the map step and copied on by the model, and are marked as such
    wherever the summary is shown (ui63's notice says so of a summary cited by MedLocal alone).
    ``flagged``: sentences already flagged so by the summary's own grounding."""
    limit = max(passages, default=0)
    flags: list[Flag] = []
    for sentence in split_sentences(text):
        cited = [n for n in cited_numbers(sentence.text, limit) if n in passages]
        if not cited or sentence.index in flagged or set(cited) & set(model_cited):
            continue
        numbers = format_group(cited)
        flags.append(
            Flag(
                sentence.index,
                "attached_citation",
                "",
                f"the model cited no passage for this in its notes; MedLocal attached passage"
                f" {numbers} in the map step, the one holding the note's words and numbers (its"
                f" chip is marked {ATTACHED_MARK}); it shows where the words come from, not that"
                " the passage supports the sentence",
                sentence.start,
                sentence.end,
            )
        )
    return flags
