"""Documents that give the same drug at different doses or frequencies: a note under the answer.

Walk 40b item 3: the discharge summary of 18 Sep gave apixaban 5 mg twice daily and the GP
medication list of 4 Nov gave 2.5 mg twice daily. The window's answer gave 5 mg alone; the
CLI's gave 2.5 mg, the disagreement only buried inside an unsupported flag (rag/checks/
elsewhere.py lists the doses other passages give, but only for a sentence it flags). Whichever
dose the model picks, the clinician must be told that the documents it read disagree, with
where each dose is written, newest first; so the note is made from the passages given to the
model, whatever it wrote.

A passage that gives a drug two doses itself ("increased from 2.5 mg to 5 mg") records a change,
not a disagreement, and is left out; so is a passage that gives no dose or frequency for it.
The drugs compared are those the question names, else those the answer names: a note about
every drug the passages mention would bury the one asked about.

Walk 44 D3: ramipril titrated 2.5 mg (2019), 5 mg (2020), 10 mg (2022), then stopped
(18/11/2023), was noted as "the documents disagree on ramipril: 10 mg once daily [7] (17 May
2022) vs 5 mg [6] ...", the superseded-dose flag naming 10 mg as the newest dose, as if current.
Doses each dated by its document, no two documents under two weeks apart giving different ones,
changed over time: the note says so, newest first. Doses of one day, or in an undated document,
still disagree; so do doses of documents under two weeks apart (review 44b B4: a discharge
summary of 12 Jan giving apixaban 2.5 mg and a GP list of 13 Jan giving 5 mg are a
reconciliation discrepancy, not a titration). Where a stop is dated after the newest dose
(rag/stop_notes.py), the note and the flag say the dose ran "until stopped 18/11/2023 [2]".
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from medlocal.document_dates import UNCLEAR_ORDER, day_first_in, day_of, iso_when_clear
from medlocal.fsutil import shown_name
from medlocal.rag.checks.doses import changed_from, past_dose, says_current
from medlocal.rag.drug_facts import dose_pairs, frequency_pairs
from medlocal.rag.flags import Flag
from medlocal.rag.frequency import Frequency
from medlocal.rag.medications import MedicationLexicon
from medlocal.rag.passages import NumberedPassage
from medlocal.rag.sentences import split_sentences
from medlocal.rag.single_doses import given_once
from medlocal.values import Value, extract_dates
from medlocal.vault.diversify import hit_date

# How far apart two documents giving a drug different doses must be for the doses to read as a
# change over time rather than a disagreement. Titration steps (ACE inhibitors, beta-blockers,
# SGLT2 inhibitors, antidepressants) are made at intervals of two weeks or more; documents a day
# or a few days apart (a discharge summary and the GP list that copies it) describe one regimen,
# so a difference between them is a discrepancy the clinician must resolve. Any doubt reads
# "the documents disagree".
_TITRATION_GAP = timedelta(days=14)


@dataclass(frozen=True)
class Stop:
    """A drug's newest stop (rag/stop_notes.py: no newer document gives it as taken)."""

    passage: NumberedPassage
    document_day: date | None  # the day of the stop's document
    day: date | None  # the stop's day: a date its sentence writes, else its document's
    written: str | None  # that date as the sentence writes it ("18/11/2023"); None: the document's
    # Where the sentence saying it was stopped lies in the passage's text (start, end).
    span: tuple[int, int] = (0, 0)

    def ends(self, when: date | None, regimen: _Regimen) -> bool:
        """Whether this stop ends ``regimen``, the newest dose (of day ``when``): it is dated
        after it, or given by the dose's own document on its day or in the sentence that gives
        the dose (review 44b B5: "Stopped medications: ramipril 10 mg (stopped 18/11/2023)" in
        a discharge summary of 20 Nov: the stop is dated before the document, and ends the
        dose all the same). The dose's own mention must lie in that sentence, not merely its
        text: "stopped ..., while amlodipine 10 mg was continued. ... Ramipril 10 mg restarted
        today" ends no dose, the restart is the newest (review45 D8)."""
        if when is None or self.day is None:
            return False
        if self.day > when:
            return True
        if self.passage.hit.document_id != regimen.passage.hit.document_id:
            return False
        if self.day >= when:
            return True
        same_passage = self.passage.number == regimen.passage.number
        return (
            same_passage and regimen.dose_at >= 0 and self.span[0] <= regimen.dose_at < self.span[1]
        )

    def until(self) -> str:
        """ "until stopped 18/11/2023 [2]"."""
        day = self.written or (f"{self.day.day} {self.day:%b %Y}" if self.day else "")
        return f"until stopped {day} [{self.passage.number}]"


_TIMES = {1: "once daily", 2: "twice daily", 3: "three times daily", 4: "four times daily"}


@dataclass(frozen=True)
class _Regimen:
    """What one passage gives one drug: its dose (as written, and canonical) and frequency."""

    passage: NumberedPassage
    dose: tuple[str, str | None] | None  # (canonical amount, unit)
    dose_raw: str
    frequency: Frequency | None
    dose_at: int = -1  # the dose's offset in the passage's text; -1 where none is given

    def key(self) -> tuple[object, object]:
        return (self.dose, self.frequency.key if self.frequency else None)

    def describe(self) -> str:
        parts = [self.dose_raw] if self.dose_raw else []
        if self.frequency is not None:
            parts.append(_frequency_words(self.frequency))
        return " ".join(parts)


def _frequency_words(freq: Frequency) -> str:
    if freq.per_day is None:
        return "as needed"
    low, high = freq.per_day
    if low == high and low.denominator == 1 and int(low) in _TIMES:
        return _TIMES[int(low)]
    if low == high and low == Fraction(1, 7):
        return "once weekly"
    return freq.raw


def passage_date(passage: NumberedPassage) -> str | None:
    """The date of a passage's document by the app's one rule (medlocal/document_dates.py), as
    the vault read it from the document's opening with the hit: YYYY-MM-DD, or as written with
    "day and month order unclear" (never a guess; session 40 read "04/11/2026" day first here
    and month first elsewhere). A hit that does not carry it (not from the vault's search) is
    dated by the same rule from its file name and the part of its text inside the document's
    opening: a date labelled further in ("Seen in clinic 12/10/2026") is an event, not the
    document's date. None where nothing dates it."""
    return hit_date(passage.hit)  # the rule the version notes read dates by too


def _regimens(
    passage: NumberedPassage, drugs: set[str], lexicon: MedicationLexicon
) -> list[_Regimen]:
    """The one regimen ``passage`` gives each of ``drugs``; none for a drug it gives two doses
    or two frequencies (a change it records) or neither."""
    text = passage.hit.text
    doses: dict[str, dict[tuple[str, str | None], Value]] = {}
    for (drug, amount, unit), value in dose_pairs(text, lexicon):
        # The dose a change was made from ("2.5 mg once daily (reduced from 3.75 mg)") is not
        # the passage's dose: its new one is (walk 41: the passage was left out as giving two).
        if (
            drug in drugs
            and value.unit not in {"day", "week", "month"}
            and not changed_from(text, value)
            and not given_once(text, drug, value, lexicon)  # a loading dose (walk 52a)
        ):
            doses.setdefault(drug, {}).setdefault((amount, unit), value)
    freqs: dict[str, dict[object, Frequency]] = {}
    for drug, freq in frequency_pairs(text, lexicon):
        if drug in drugs:
            freqs.setdefault(drug, {}).setdefault(freq.key, freq)
    found = []
    for drug in sorted(drugs):
        given = doses.get(drug, {})
        times = freqs.get(drug, {})
        if len(given) > 1 or len(times) > 1 or not (given or times):
            continue
        frequency = next(iter(times.values()), None)
        if not given:
            found.append(_Regimen(passage, None, "", frequency))
            continue
        ((dose, value),) = given.items()
        found.append(_Regimen(passage, dose, value.raw, frequency, value.start))
    return found


def _by_regimen(
    passages: Sequence[NumberedPassage], drug: str, lexicon: MedicationLexicon
) -> tuple[list[tuple[str | None, date | None, _Regimen]], bool]:
    """The distinct regimens documents among ``passages`` give ``drug``, each at its newest
    document (its date as shown, as a day), newest first; documents without a date read one
    way last, in passage order. Empty where the documents do not differ. With it, whether they
    changed over time rather than disagree: every document dated, no two under
    ``_TITRATION_GAP`` apart differing."""
    by_document: dict[int, _Regimen] = {}
    for passage in passages:
        for regimen in _regimens(passage, {drug}, lexicon):
            # A document's first passage giving the drug stands for it.
            by_document.setdefault(passage.hit.document_id, regimen)
    regimens = list(by_document.values())
    if not _differ(regimens):
        return [], False
    dated = [(_dose_date(r), r) for r in regimens]
    if any(shown is not None and shown.endswith(UNCLEAR_ORDER) for shown, _ in dated):
        # A date read two ways ("02/11/2025") is read in the order the passages given write
        # their dates, as the Summarise dialog reads it by the patient's other documents (walk
        # 52a L3: "day and month order unclear" beside "09/11/2025" and "20/02/2026").
        day_first = day_first_in("\n\n".join(p.hit.text for p in passages))
        dated = [(_read_in(shown, day_first), r) for shown, r in dated]
    days = [day_of(shown) for shown, _ in dated]
    known = [d for d in days if d is not None]
    over_time = len(known) == len(days) and not any(
        abs(known[i] - known[j]) < _TITRATION_GAP and _differ([regimens[i], regimens[j]])
        for i in range(len(regimens))
        for j in range(i + 1, len(regimens))
    )
    order = sorted(range(len(dated)), key=lambda i: _newest_first(days[i]))
    seen: set[tuple[object, object]] = set()
    found = []
    for i in order:
        (shown, regimen), when = dated[i], days[i]
        if regimen.key() not in seen:
            seen.add(regimen.key())
            found.append((shown, when, regimen))
    return found, over_time


def _read_in(shown: str | None, day_first: bool | None) -> str | None:
    """A date shown as unclear, read in the order ``day_first`` where that is known."""
    if shown is None or day_first is None or not shown.endswith(UNCLEAR_ORDER):
        return shown
    return iso_when_clear(shown.removesuffix(f", {UNCLEAR_ORDER}"), day_first)


_SENTENCE_STARTS = re.compile(r"[.!?;]\s+")
# What may stand before the date that opens a line: its indent or bullet ("- 14/01/2025 ...").
_LINE_OPENING = " \t*\u2022\u2013\u2014-"


def _dose_date(regimen: _Regimen) -> str | None:
    """The date a dose is given on: a day that opens its own sentence, else its line, before it
    ("14/01/2025 Bisoprolol 1.25 mg once daily started", in running notes opened on 11 Jan),
    else its document's (walk 46a D5: the note dated that dose 11 Jan 2025). A date inside the
    line is not the dose's: "Bisoprolol (since March 2019) 5 mg", "started 02/03/2019" give
    when the drug was begun (review46b D3), "Ramipril stopped (18/11/2023). Metformin 500 mg"
    another sentence's event, "review 01/03/2026" a plan; a date read two ways is no date."""
    text, at = regimen.passage.hit.text, regimen.dose_at
    if at >= 0:
        line = text[text.rfind("\n", 0, at) + 1 : at]
        sentence = _SENTENCE_STARTS.split(line)[-1]
        for part in (sentence, line):
            opening = _opening_day(part)
            if opening is not None:
                return opening
    return passage_date(regimen.passage)


# A short label that may head a dated entry before its day ("Ward round 14/01/2025: bisoprolol
# 1.25 mg started"): up to three words, none of which makes the day a start, a limit or a plan
# ("From 14/03/2019", "since", "Review 01/03/2026").
_ENTRY_LABEL = re.compile(r"(?:[A-Za-z]+\.?\s+){1,3}")
_NOT_THE_ENTRYS_DAY = frozenset(
    {
        *("since", "from", "started", "starting", "start", "commenced", "began", "begun"),
        *("until", "till", "after", "before", "by", "review", "next", "planned", "plan", "due"),
        "stopped",
    }
)


def _opening_day(text: str) -> str | None:
    """The day (YYYY-MM-DD) written first in ``text``, past its indent or bullet and a short
    entry label; None where ``text`` opens with anything else, a month without its day or a date
    read two ways."""
    dates = extract_dates(text)
    if not dates:
        return None
    first = dates[0]
    opening = len(text) - len(text.lstrip(_LINE_OPENING))
    if first.start != opening:
        label = _ENTRY_LABEL.fullmatch(text, opening, first.start)
        if label is None or _NOT_THE_ENTRYS_DAY & set(
            label.group().lower().replace(".", " ").split()
        ):
            return None
    return first.canonical if first.alt is None and day_of(first.canonical) else None


def where_written(
    shown: str | None, when: date | None, passage: NumberedPassage, *, dated: str | None = None
) -> str:
    """ "[2] (discharge_summary.txt, 14 Jul 2026)": a passage, its file and its document's date;
    ``dated`` in place of that date where the note has a truer one ("stopped 4 Mar 2024": a
    table row's stop cell, rag/stop_note_rows.py)."""
    if dated:
        day = f", {dated}"
    else:
        day = f", {when.day} {when:%b %Y}" if when else f", {shown or 'undated'}"
    # Printed in answer notes: the file name shown escaped (review 43b R7).
    return f"[{passage.number}] ({shown_name(passage.hit.file_name)}{day})"


def _where(shown: str | None, when: date | None, regimen: _Regimen) -> str:
    return where_written(shown, when, regimen.passage)


def asks_current(question: str) -> bool:
    """Whether ``question`` asks for what is taken now ("current dose", "still on")."""
    return says_current(question)


def dose_disagreements(
    passages: Sequence[NumberedPassage],
    drugs: Sequence[str],
    lexicon: MedicationLexicon,
    *,
    current: bool = False,
    stops: Mapping[str, Stop] | None = None,
) -> list[str]:
    """One note per drug of ``drugs`` that documents among ``passages`` give at different doses
    or frequencies: "the documents disagree on apixaban: 2.5 mg twice daily [2]
    (gp_medication_list_2026-11-04.docx, 4 Nov 2026) vs 5 mg twice daily [1]
    (discharge_summary_2026-09-18.pdf, 18 Sep 2026)", the newest first. For a question about
    the ``current`` dose, the newest dated document's is named as such: "the documents disagree
    on bisoprolol: the newest dated document gives 2.5 mg once daily [3] (..., 2 Dec 2026);
    older: 3.75 mg once daily [2] (..., 12 Nov 2026)" (walk 41). Doses dated in order are a
    change: "the dose of ramipril changed over time (newest first): 10 mg once daily [7] (...,
    17 May 2022) until stopped 18/11/2023 [2]; 5 mg [6] (..., 8 Dec 2020)", the stop from
    ``stops`` (lower-cased drug -> its newest stop) where it is dated after the newest dose
    (walk 44 D3)."""
    notes = []
    for drug in sorted({d.lower() for d in drugs}):
        found, over_time = _by_regimen(passages, drug, lexicon)
        if not found:
            continue
        parts = [f"{r.describe()} {_where(shown, when, r)}" for shown, when, r in found]
        stop = (stops or {}).get(drug)
        stopped = stop is not None and stop.ends(found[0][1], found[0][2])
        if stop is not None and stopped:
            parts[0] += f" {stop.until()}"
        lead = (
            f"the dose of {drug} changed over time"
            if over_time
            else f"the documents disagree on {drug}"
        )
        if current and found[0][1] is not None:
            newest = "the last dose given is" if stopped else "the newest dated document gives"
            notes.append(
                f"{lead}: {newest} {parts[0]}; older: "
                + ("; " if over_time else " vs ").join(parts[1:])
            )
        elif over_time:
            notes.append(f"{lead} (newest first): " + "; ".join(parts))
        else:
            notes.append(f"{lead}: " + " vs ".join(parts))
    return notes


def superseded_dose_flags(
    text: str,
    passages: Sequence[NumberedPassage],
    drugs: Sequence[str],
    lexicon: MedicationLexicon,
    question: str,
    stops: Mapping[str, Stop] | None = None,
) -> list[Flag]:
    """A ``timing_conflict`` flag on a dose an answer gives as current (the question or the
    sentence asks for or says the current dose) that only documents older than the newest dated
    one give, where that newest document gives the drug another dose (walk 41: "her current
    dose of bisoprolol is 3.75 mg" while the discharge summary of 2 Dec gives 2.5 mg once daily,
    reduced from 3.75 mg). A sentence telling the dose as past ("previously 3.75 mg", "reduced
    from 3.75 mg") is left alone. Where ``stops`` holds a stop of the drug dated after that
    newest dose, the flag says it ran "until stopped ..." (walk 44 D3)."""
    newest: dict[str, tuple[str | None, date, _Regimen, list[_Regimen], str]] = {}
    for drug in {d.lower() for d in drugs}:
        found, _ = _by_regimen(passages, drug, lexicon)
        if found and found[0][1] is not None:
            shown, when, regimen = found[0]
            assert when is not None
            stop = (stops or {}).get(drug)
            until = f" {stop.until()}" if stop is not None and stop.ends(when, regimen) else ""
            newest[drug] = (shown, when, regimen, [r for _, _, r in found[1:]], until)
    if not newest:
        return []
    asked_now = asks_current(question)
    flags: list[Flag] = []
    for sentence in split_sentences(text):
        body = sentence.text
        # In an answer to "current dose?" or a sentence saying "currently", the dose is given as
        # the one taken now whatever the tense ("she was taking 80 mg twice daily"); only an
        # explicit past ("until July", "previously") tells it as over.
        if not (asked_now or asks_current(body)) or past_dose(body, current=True):
            continue
        for (drug, amount, unit), value in dose_pairs(body, lexicon):
            entry = next((e for d, e in newest.items() if lexicon.same_drug(drug, d)), None)
            if entry is None or changed_from(body, value):
                continue
            shown, when, latest, older, until = entry
            if latest.dose is None or latest.dose == (amount, unit):
                continue
            if not any(r.dose == (amount, unit) for r in older):
                continue  # a dose no document gives: the number checks flag it
            start = sentence.start + value.start
            flags.append(
                Flag(
                    sentence.index,
                    "timing_conflict",
                    value.raw,
                    f"superseded dose: '{value.raw}' of {drug} is an older document's; the"
                    f" newest dated document gives {latest.describe()}"
                    f" {_where(shown, when, latest)}{until}",
                    sentence.start,
                    sentence.end,
                    token_start=start,
                    token_end=start + len(value.raw),
                    quote=" ".join(latest.passage.hit.text.split())[:160],
                    passage=latest.passage.number,
                )
            )
    return flags


def _newest_first(day: date | None) -> tuple[bool, int]:
    return (day is None, -(day.toordinal() if day else 0))


def _differ(regimens: Sequence[_Regimen]) -> bool:
    """Whether two documents' regimens disagree: different doses (both given), or different
    frequencies (both given)."""
    for i, a in enumerate(regimens):
        for b in regimens[i + 1 :]:
            if a.dose and b.dose and a.dose != b.dose:
                return True
            if a.frequency and b.frequency and not a.frequency.same(b.frequency):
                return True
    return False
