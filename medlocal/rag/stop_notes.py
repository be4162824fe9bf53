"""Stopped drugs: a note under the answer when the passages given say a drug the question names
was stopped, and no newer document gives it as taken again.

Walk 42g: "Is she still on metformin?" was given the discharge summary's "METFORMIN STOPPED
09/07/2026, Do not restart"; the model wrote that the documents say nothing of her treatment,
and nothing under the answer said that the drug had been stopped. As with the documents' dose
disagreements (rag/dose_disagreements.py), the note is made from the passages given to the
model, whatever it wrote, and leads the notes.

A stop is read by the assertion reader (rag/assertions.py: "stopped", "discontinued", "on
hold", "in place of X"); a mention of the drug that is neither stopped, denied, hypothetical nor
a relative's counts as taken. The stop is noted unless a document dated after the newest stop
gives the drug as taken (a restart); a taken mention in an undated document or in the stop's own
document does not cancel it (an admission list beside "stopped on this admission").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from medlocal.document_dates import day_of
from medlocal.rag.assertions import mentions, word_key
from medlocal.rag.dose_disagreements import Stop, passage_date, where_written
from medlocal.rag.passages import NumberedPassage
from medlocal.values import extract_dates

# A stop's sentence is quoted up to this many characters (a table row can run long).
_QUOTE_CHARS = 160


def _quote(sentence: str) -> str:
    text = " ".join(sentence.split())
    return text if len(text) <= _QUOTE_CHARS else text[: _QUOTE_CHARS - 1].rstrip() + "…"


@dataclass(frozen=True)
class _Noted:
    """The stop a drug's note quotes, where its document gives it."""

    shown: str | None  # the document's date as shown
    when: date | None  # ... as a day
    passage: NumberedPassage
    sentence: str
    span: tuple[int, int]  # where the sentence lies in the passage's text


def stop_notes(passages: Sequence[NumberedPassage], drugs: Sequence[str]) -> list[str]:
    """One note per drug of ``drugs`` that a passage among ``passages`` says was stopped and no
    later-dated passage gives as taken: "the documents say metformin was stopped: “METFORMIN
    STOPPED 09/07/2026, Do not restart.” [2] (discharge_summary.txt, 14 Jul 2026)"."""
    return [
        f"the documents say {drug} was stopped: “{_quote(n.sentence)}” "
        f"{where_written(n.shown, n.when, n.passage)}"
        for drug, n in _newest_stops(passages, drugs).items()
    ]


def newest_stops(passages: Sequence[NumberedPassage], drugs: Sequence[str]) -> dict[str, Stop]:
    """The stop each drug of ``drugs`` (lower-cased) has a note for (:func:`stop_notes`), with
    its day: the one date its sentence writes ("stopped 18/11/2023 on admission", in a review
    of 12 Dec 2023), else its document's; the dose notes say a dose ran "until stopped" by it
    (walk 44 D3: ramipril's last dose was named as the newest while the next note said it had
    been stopped)."""
    stops = {}
    for drug, noted in _newest_stops(passages, drugs).items():
        day, written = noted.when, None
        found = extract_dates(noted.sentence)
        if len(found) == 1 and found[0].alt is None:
            said = day_of(found[0].canonical)
            # A date after the document's own is a plan ("review 01/03/2024"), not the stop.
            if said is not None and (noted.when is None or said <= noted.when):
                day, written = said, found[0].raw
        stops[drug] = Stop(noted.passage, noted.when, day, written, noted.span)
    return stops


def _newest_stops(passages: Sequence[NumberedPassage], drugs: Sequence[str]) -> dict[str, _Noted]:
    """The newest stop of each drug of ``drugs`` that no later-dated passage gives as taken."""
    noted: dict[str, _Noted] = {}
    if not drugs:
        return noted
    # Each passage's date and mentions are read once, whatever the number of drugs asked.
    read = []
    for passage in passages:
        shown = passage_date(passage)
        read.append((passage, shown, day_of(shown), mentions(passage.hit.text)))
    for drug in sorted({d.lower() for d in drugs}):
        key = word_key(drug)
        stops: list[tuple[date | None, str | None, NumberedPassage, str, tuple[int, int]]] = []
        taken: list[tuple[date | None, int]] = []
        for passage, shown, when, found in read:
            for mention in found:
                if mention.key != key:
                    continue
                a = mention.assertion
                if a.family or a.hypothetical:
                    continue
                if a.stopped:
                    span = _sentence_span(passage.hit.text, mention.sentence, mention.start)
                    stops.append((when, shown, passage, mention.sentence, span))
                elif not a.negated:
                    taken.append((when, passage.hit.document_id))
        if not stops:
            continue
        # The newest stop speaks for the drug; an undated stop stands only where none is dated.
        dated = [(s[0], s) for s in stops if s[0] is not None]
        when, shown, passage, sentence, span = (
            max(dated, key=lambda d: d[0])[1] if dated else stops[0]
        )
        if when is not None and any(
            day is not None and day > when and document != passage.hit.document_id
            for day, document in taken
        ):
            continue  # given as taken in a newer document: restarted
        noted[drug] = _Noted(shown, when, passage, sentence, span)
    return noted


def _sentence_span(text: str, sentence: str, inside: int) -> tuple[int, int]:
    """Where ``sentence``, the one holding offset ``inside``, lies in ``text``: the last
    occurrence of it that starts at or before that offset."""
    start = text.rfind(sentence, 0, inside + len(sentence))
    return (start, start + len(sentence)) if start >= 0 else (inside, inside)
