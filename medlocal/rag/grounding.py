"""Grounding checks on generated text, sentence by sentence.

1. Citations must name passages that were given; others are removed and flagged.
2. A sentence the model left uncited gets the passage that shares most of its words, when one
   shares enough (flagged "attached_citation": the link is MedLocal's, not the model's); a sentence
   that no passage supports stays uncited and is flagged "unsupported". Small models often do not
   cite at all; this keeps every statement traceable without pretending the model cited it.
3. Every number, dose, date and lab value must appear in the passages the sentence cites
   ("unverified_number"), and so must every medication name ("unverified_medication").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from medlocal.rag.citations import CITATION, cited_numbers, keep_valid
from medlocal.rag.flags import Flag
from medlocal.rag.medications import MedicationLexicon, default_lexicon, mentions
from medlocal.rag.sentences import Sentence, split_sentences, strip_list_marker
from medlocal.rag.values import Value, extract_values, is_dose, is_supported

_STOPWORDS = frozenset(
    {
        "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "has",
        "have", "he", "her", "his", "in", "into", "is", "it", "its", "of", "on", "or", "she",
        "that", "the", "their", "there", "these", "they", "this", "to", "was", "were", "which",
        "who", "will", "with", "patient", "patients", "not", "no", "yes", "also", "than", "then",
        "had", "may", "can", "could", "would", "should", "per",
    }
)  # fmt: skip
_TOKEN = re.compile(r"[a-z][a-z\-]{2,}|\d+(?:\.\d+)?")


def content_words(text: str) -> set[str]:
    """Lower-cased words (3+ letters, no stopwords) and numbers: what lexical overlap compares."""
    return {t for t in _TOKEN.findall(text.lower()) if t not in _STOPWORDS}


@dataclass
class GroundingResult:
    text: str
    flags: list[Flag] = field(default_factory=list)
    cited: list[int] = field(default_factory=list)  # passage numbers cited in the final text


def _strip_citations(text: str) -> str:
    return strip_list_marker(CITATION.sub(" ", text))


def attach_citations(
    text: str, passages: Mapping[int, str], min_overlap: float = 0.5
) -> tuple[str, set[int]]:
    """Give each uncited sentence the passage sharing most of its content words, if that passage
    holds at least ``min_overlap`` of them (and two or more words). Returns the new text and the
    indexes of the sentences that received a citation."""
    passage_words = {n: content_words(t) for n, t in passages.items()}
    pieces: list[str] = []
    attached: set[int] = set()
    cursor = 0
    for sentence in split_sentences(text):
        if CITATION.search(sentence.text):
            continue
        words = content_words(_strip_citations(sentence.text))
        if not words:
            continue
        best, best_overlap = None, 0
        for number, pw in passage_words.items():
            overlap = len(words & pw)
            if overlap > best_overlap:
                best, best_overlap = number, overlap
        if best is None or best_overlap < min(2, len(words)):
            continue
        if best_overlap / len(words) < min_overlap:
            continue
        # Insert before the closing punctuation: "... daily [2]."
        end = sentence.end
        while end > sentence.start and text[end - 1] in ".!?;:":
            end -= 1
        pieces.append(text[cursor:end])
        pieces.append(f" [{best}]")
        cursor = end
        attached.add(sentence.index)
    pieces.append(text[cursor:])
    return "".join(pieces), attached


DosePair = tuple[str, str, str | None]  # (drug, canonical amount, unit)


# Clause boundaries inside a sentence; a comma between digits ("1,000 mg") is not one.
_CLAUSE_BREAK = re.compile(r";|,(?!\d{3}\b)|\band\b", re.I)


def _clause_of(body: str, offset: int) -> tuple[int, int]:
    start, end = 0, len(body)
    for match in _CLAUSE_BREAK.finditer(body):
        if match.end() <= offset:
            start = match.end()
        elif match.start() >= offset:
            end = match.start()
            break
    return start, end


def _drug_for(names: list[tuple[int, int, str]], value: Value, body: str) -> str | None:
    """The drug a dose belongs to: in the dose's clause, the nearest name that ends before the
    dose ("metoprolol 25 mg"), else the nearest one after it ("81 mg aspirin"); a clause without
    a name takes the nearest name before it ("Metformin, 500 mg")."""
    start, end = _clause_of(body, value.start)
    before = [n for n in names if start <= n[0] and n[1] <= value.start]
    if before:
        return max(before, key=lambda n: n[1])[2]
    after = [n for n in names if n[0] >= value.start and n[1] <= end]
    if after:
        return min(after, key=lambda n: n[0])[2]
    earlier = [n for n in names if n[1] <= start]
    if earlier:
        return max(earlier, key=lambda n: n[1])[2]
    return None


def dose_pairs(text: str, lexicon: MedicationLexicon) -> list[tuple[DosePair, Value]]:
    """Each dose in ``text`` paired with the medication it belongs to, clause by clause, so
    "amlodipine 5 mg and metoprolol 25 mg" gives (amlodipine, 5 mg) and (metoprolol, 25 mg)."""
    pairs: list[tuple[DosePair, Value]] = []
    for sentence in split_sentences(text):
        body = sentence.text
        names = [
            (m.start(), m.end(), m.group().lower().strip("-"))
            for m in re.finditer(r"[A-Za-z][A-Za-z\-]{3,}", body)
            if lexicon.is_medication(m.group())
        ]
        if not names:
            continue
        for value in extract_values(body):
            if not is_dose(value):
                continue
            drug = _drug_for(names, value, body)
            if drug is not None:
                pairs.append(((drug, value.canonical, value.unit), value))
    return pairs


class _LazyValues(dict[int, list[Value]]):
    """Values of each passage, extracted the first time a sentence cites it (a summary may hold
    hundreds of passages, few of them cited)."""

    def __init__(self, passages: Mapping[int, str]) -> None:
        super().__init__()
        self._passages = passages

    def __missing__(self, number: int) -> list[Value]:
        values = extract_values(self._passages[number])
        self[number] = values
        return values


def check_sentence(
    sentence: Sentence,
    passages: Mapping[int, str],
    passage_values: Mapping[int, list[Value]],
    lexicon: MedicationLexicon,
) -> list[Flag]:
    flags: list[Flag] = []
    span = {"start": sentence.start, "end": sentence.end}
    cited = [n for n in cited_numbers(sentence.text) if n in passages]
    if not cited:
        flags.append(
            Flag(sentence.index, "unsupported", "", "no passage supports this sentence", **span)
        )
    body = _strip_citations(sentence.text)
    evidence_text = "\n".join(passages[n] for n in cited)
    evidence_values = [v for n in cited for v in passage_values[n]]
    for value in extract_values(body):
        if not is_supported(value, evidence_values):
            flags.append(
                Flag(
                    sentence.index,
                    "unverified_number",
                    value.raw,
                    f"{value.kind} '{value.raw}' does not appear in the cited passages",
                    **span,
                )
            )
    flagged = {f.token for f in flags}
    evidence_pairs = {pair for pair, _ in dose_pairs(evidence_text, lexicon)}
    dosed_drugs = {drug for drug, _, _ in evidence_pairs}
    for pair, value in dose_pairs(body, lexicon):
        drug = pair[0]
        if value.raw in flagged or drug not in dosed_drugs or pair in evidence_pairs:
            continue
        flags.append(
            Flag(
                sentence.index,
                "unverified_number",
                value.raw,
                f"dose '{value.raw}' is not the dose the cited passages give for {drug}",
                **span,
            )
        )
    for name in lexicon.find(body):
        if not mentions(evidence_text, name):
            flags.append(
                Flag(
                    sentence.index,
                    "unverified_medication",
                    name,
                    f"medication '{name}' does not appear in the cited passages",
                    **span,
                )
            )
    return flags


def ground(
    raw_text: str,
    passages: Mapping[int, str],
    *,
    lexicon: MedicationLexicon | None = None,
    attach: bool = True,
    min_overlap: float = 0.5,
) -> GroundingResult:
    """Clean the citations of ``raw_text`` against the numbered ``passages`` and flag every sentence
    whose claims the cited passages do not carry."""
    lexicon = lexicon or default_lexicon()
    cleanup = keep_valid(raw_text, passages.keys())
    flags = [
        Flag(-1, "invalid_citation", f"[{n}]", f"citation [{n}] names no given passage; removed")
        for n in cleanup.invalid
    ]
    text = cleanup.text
    attached: set[int] = set()
    if attach:
        text, attached = attach_citations(text, passages, min_overlap)
    passage_values = _LazyValues(passages)
    for sentence in split_sentences(text):
        if sentence.index in attached:
            flags.append(
                Flag(
                    sentence.index,
                    "attached_citation",
                    "",
                    "the model did not cite this sentence; the passage sharing most of its words"
                    " was attached",
                    sentence.start,
                    sentence.end,
                )
            )
        flags.extend(check_sentence(sentence, passages, passage_values, lexicon))
    cited = [n for n in cited_numbers(text) if n in passages]
    return GroundingResult(text=text, flags=flags, cited=cited)
