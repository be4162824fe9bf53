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
gives the drug as taken (a restart), or the stop's own document restarts or continues it further
on ("Ramipril 10 mg held for AKI. ... Creatinine back to baseline; ramipril restarted at 5 mg":
note45); a plain taken mention in an undated document or in the stop's own document does not
cancel it (an admission list beside "stopped on this admission"). A stop read from an item of a
list under a stop label ("Stopped medications:\n- ramipril 10 mg") is quoted with its label, or
the item alone would read as a drug taken. A stop read from a medication table's stop column
is quoted with its header's names and dated by its stop cell (rag/stop_note_rows.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from medlocal.document_dates import day_of
from medlocal.rag.assertion_records import Mention
from medlocal.rag.assertion_stops import (
    NOT_WORDS,
    RESTARTED,
    UNDO_DENIED,
    restart_done,
    stop_label_above,
)
from medlocal.rag.assertion_tokens import Token, find_phrases, tokenize
from medlocal.rag.assertion_triggers import STOP_BACKWARD
from medlocal.rag.assertions import mentions, word_key
from medlocal.rag.dose_disagreements import Stop, passage_date, where_written
from medlocal.rag.medications import default_lexicon
from medlocal.rag.passages import NumberedPassage
from medlocal.rag.stop_note_rows import RowStop, row_stop, stopped_on
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
    quoted: str  # what the note quotes: the sentence, after its stop label where it has one
    row: RowStop | None = None  # the table row a stop column gives as stopped, where it is one


def stop_notes(passages: Sequence[NumberedPassage], drugs: Sequence[str]) -> list[str]:
    """One note per drug of ``drugs`` that a passage among ``passages`` says was stopped and no
    later-dated passage gives as taken: "the documents say metformin was stopped: “METFORMIN
    STOPPED 09/07/2026, Do not restart.” [2] (discharge_summary.txt, 14 Jul 2026)". A table
    row's note is dated by its stop cell, not its document: "... “Drug: Metformin; ...; Stopped:
    2024-03-04” [1] (meds.csv, stopped 4 Mar 2024)"."""
    return [
        f"the documents say {drug} was stopped: “{_quote(n.quoted)}” "
        f"{where_written(n.shown, n.when, n.passage, dated=stopped_on(n.row) if n.row else None)}"
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
        if noted.row is not None:
            # A table row's stop cell dates it, whatever other dates the row gives (Started).
            if noted.row.day is not None:
                day, written = noted.row.day, noted.row.written
        elif len(found) == 1 and found[0].alt is None:
            said = day_of(found[0].canonical)
            # A date after the document's own is a plan ("review 01/03/2024"), not the stop.
            if said is not None and (noted.when is None or said <= noted.when):
                day, written = said, found[0].raw
        stops[drug] = Stop(noted.passage, noted.when, day, written, noted.span)
    return stops


def _newest_stops(passages: Sequence[NumberedPassage], drugs: Sequence[str]) -> dict[str, _Noted]:
    """The newest stop of each drug of ``drugs`` that no later-dated passage gives as taken and
    its own document does not restart or continue further on."""
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
        stops: list[_Noted] = []
        taken: list[tuple[date | None, int]] = []
        # Where in its document (document id, offset) each restart or continuation lies.
        restarts: list[tuple[int, int]] = []
        for passage, shown, when, found in read:
            for mention in found:
                if mention.key != key:
                    continue
                a = mention.assertion
                if a.family or a.hypothetical:
                    continue
                if a.stopped:
                    stops.append(_noted(shown, when, passage, mention))
                elif not a.negated:
                    taken.append((when, passage.hit.document_id))
                    if _restarts(passage.hit.text, mention):
                        at = passage.hit.start + mention.start
                        restarts.append((passage.hit.document_id, at))
        if not stops:
            continue
        # The newest stop speaks for the drug (of one document's, the first: "METFORMIN
        # STOPPED" before "in place of metformin"); an undated stop stands only where none is
        # dated.
        dated = [s for s in stops if s.when is not None]
        stop = max(dated, key=lambda s: s.when or date.min) if dated else stops[0]
        document = stop.passage.hit.document_id
        if stop.when is not None and any(
            day is not None and day > stop.when and taken_in != document for day, taken_in in taken
        ):
            continue  # given as taken in a newer document: restarted
        # A restart counts only after the document's last stop: "restarted in April ...
        # stopped again in June" stays stopped.
        last = max(_at(s) for s in stops if s.passage.hit.document_id == document)
        if any(where == document and at > last for where, at in restarts):
            continue  # restarted or continued further on in the stop's own document
        noted[drug] = stop
    return noted


def _noted(
    shown: str | None, when: date | None, passage: NumberedPassage, mention: Mention
) -> _Noted:
    """The stop ``mention`` reads in ``passage``, its sentence quoted after its stop label where
    it is an item of a list under one: "Stopped medications: - ramipril 10 mg" (note45: the item
    alone, "- ramipril 10 mg", read as a drug taken)."""
    text = passage.hit.text
    span = _sentence_span(text, mention.sentence, mention.start)
    quoted = mention.sentence
    row = row_stop(text, mention.start, _QUOTE_CHARS)
    if row is not None:
        return _Noted(shown, when, passage, mention.sentence, span, row.quoted, row)
    label = stop_label_above(text, span[0])
    if label is not None:
        # Items between the label and this one are left out, and the quote says so.
        between = text[label[1] : text.rfind("\n", 0, span[0]) + 1].strip()
        heading = text[label[0] : label[1]].strip().lstrip("#").strip()  # "## Stopped meds"
        heading += "" if heading.endswith(":") else ":"
        quoted = f"{heading} {'… ' if between else ''}{quoted}"
    return _Noted(shown, when, passage, mention.sentence, span, quoted)


def _at(stop: _Noted) -> int:
    """Where a stop's sentence ends in its document."""
    return stop.passage.hit.start + stop.span[1]


# Words that give a drug as taken again or still: "ramipril restarted at 5 mg", "resumed",
# "continue ramipril", "back on ramipril". Not the bare "restart", which is mostly a plan
# ("restart ramipril in 2 weeks"): the stop stands until it is done.
_RESTARTS = RESTARTED | {"continue", "continued", "continuing"}
# What ends a drug's clause between it and such a word: "amlodipine continued and ramipril
# reviewed" continues the amlodipine only.
_CLAUSE_ENDS = frozenset({"and", "but", "while", "whereas", "although", "though", "with"})
_RESTART_REACH = 6
# Words that leave the drug out of a continuation: "Continue all other medications except
# ramipril", "apart from ramipril" (review46 D3).
_EXCEPTED = frozenset({"except", "excepting", "excluding", "apart", "aside", "besides"})


def _restarts(text: str, mention: Mention) -> bool:
    """Whether ``mention`` (a drug given as taken in ``text``) restarts or continues it: a word
    of ``_RESTARTS`` (or "back on") within a few words of it in its own clause, no other drug
    between, the drug not excepted from it, the word not denied, put off or a plan ("has not
    been restarted", "can be restarted once ...", "do not continue") and the sentence no
    question ("Continue ramipril?") (review46 D3)."""
    start = text.rfind(mention.sentence, 0, mention.start + len(mention.sentence))
    if start < 0 or mention.sentence.rstrip().endswith("?"):
        return False
    tokens = tokenize(mention.sentence, start)
    here = next((i for i, t in enumerate(tokens) if t.start == mention.start), None)
    if here is None:
        return False
    words = [t.text for t in tokens]
    if _EXCEPTED & set(words[max(0, here - 2) : here]):
        return False
    is_medication = default_lexicon().is_medication
    for step in (-1, 1):
        i = here + step
        while 0 <= i < len(words) and abs(i - here) <= _RESTART_REACH:
            word = words[i]
            if word in _RESTARTS or (
                word == "back" and step == -1 and words[i + 1 : i + 2] == ["on"]
            ):
                between = set(words[min(i, here) + 1 : max(i, here)])
                # After the drug, a plan or denial may stand apart from the word: "ramipril
                # has not yet been restarted"; before it, "to" leads the drug ("continue to
                # take ramipril").
                denied = UNDO_DENIED if step == 1 else NOT_WORDS
                return (
                    not between & (denied | _EXCEPTED)
                    and restart_done(tokens, i)
                    and not _stopped_again(tokens, i)
                )
            if word in _CLAUSE_ENDS or word == ";" or is_medication(word):
                break
            i += step
    return False


def _stopped_again(tokens: Sequence[Token], restart: int) -> bool:
    """Whether the sentence stops the drug again after its restart word at token ``restart``,
    no other drug between: "Ramipril was restarted in April, then stopped again in June"
    (review46 D3; the assertion reader now reads that mention as stopped too, but not one
    whose stop it cannot reach back from: "Ramipril restarted; plan: stopped in June")."""
    is_medication = default_lexicon().is_medication
    return any(
        start > restart and not any(is_medication(t.text) for t in tokens[restart + 1 : start])
        for start, _end in find_phrases(tokens, STOP_BACKWARD)
    )


def _sentence_span(text: str, sentence: str, inside: int) -> tuple[int, int]:
    """Where ``sentence``, the one holding offset ``inside``, lies in ``text``: the last
    occurrence of it that starts at or before that offset."""
    start = text.rfind(sentence, 0, inside + len(sentence))
    return (start, start + len(sentence)) if start >= 0 else (inside, inside)
