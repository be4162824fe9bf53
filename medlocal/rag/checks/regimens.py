"""Regimens: how often a drug is given, against what the cited passages give for it."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from medlocal.rag.checks.passage_facts import PassageFacts
from medlocal.rag.checks.sentence_flags import SentenceCheck, quoted, sentence_at
from medlocal.rag.checks.worked_out import day_totals
from medlocal.rag.drug_facts import DosePair, dose_pairs, frequency_pairs
from medlocal.rag.frequency import Frequency, frequencies
from medlocal.rag.medications import MedicationLexicon
from medlocal.values import Value, extract_values, is_dose, quantity

# (claimed, drug, passage, passage's, whether the passage's is only "as needed")
WrongRegimen = tuple[Frequency, str, int, Frequency, bool]


def wrong_regimens(
    body: str, cited: list[int], facts: PassageFacts, lexicon: MedicationLexicon
) -> list[WrongRegimen]:
    """The regimens of the sentence that differ from every one the cited passages give for the
    same drug. A drug the passages give no regimen for, or a sentence that states none, is
    left alone; a drug the passages give two regimens for (a dose change) accepts either. A
    split dose is checked by its total ("500 mg mane and 500 mg nocte" == "twice daily"), and
    the passages' split doses give both their times and their total. A regimen the passages
    give only "as needed" ("q6h PRN") is wrong stated as a regular one ("q6h")."""
    wrong: list[WrongRegimen] = []
    evidence = [
        (n, drug, f, _dose_before(f, facts.regimens(n), facts.doses(n)))
        for n in cited
        for drug, f in facts.regimens(n)
    ]
    claimed = frequency_pairs(body, lexicon)
    my_doses = dose_pairs(body, lexicon)
    # One time of a split dose, and the total it is part of.
    split_times = {
        (n, part): (f.start, f.end) for n in cited for f in facts.frequencies(n) for part in f.parts
    }
    parts = {part for _, f in claimed for part in f.parts}
    # A day's total the sentence works out ("1,000 mg twice daily, which is 2 g a day"): its
    # "a day" says how much in a day, not how often.
    totals = {
        (f.start, f.end)
        for _, f in day_totals(body, extract_values(body), frequencies(body))
        if f is not None
    }
    # A dose and regimen the passages write in a sentence that names no drug ("Plan: titrate by
    # max 10 mg every 3 days") may be the sentence's drug's (round 7, as for doses:
    # rag/checks/doses.py): (the dose, the regimen).
    drugless = [
        (quantity(v), f)
        for n in cited
        for f in facts.frequencies(n)
        for at in [sentence_at(facts.text([n]), f.start)]
        if not lexicon.find(at)
        for v in extract_values(at)
        if is_dose(v)
    ]
    for drug, freq in claimed:
        if (freq.start, freq.end) in parts and not freq.parts:
            continue  # one time of a split dose: its total is checked
        if (freq.start, freq.end) in totals:
            continue
        theirs = [(n, f) for n, d, f, _ in evidence if lexicon.same_drug(drug, d)]
        if not theirs:
            continue
        spans = {(n, (f.start, f.end)) for n, f in theirs}
        if any(
            (n, total) not in spans
            for n, f in theirs
            for total in [split_times.get((n, (f.start, f.end)))]
            if total is not None
        ):
            # The passage's regimen for the drug was read as one time of a split dose without
            # its total ("1 tab at 07:00, 11:00, 15:00, 19:00" paired as "at 07:00"): no plain
            # reading of how often it is given.
            continue
        # A dose change with a regimen for each dose ("15 mg BID x 21 days then 20 mg daily"):
        # a dose's regimen is the one given with that dose.
        mine = _dose_before(freq, claimed, my_doses)
        if mine is not None and any(dose == mine and freq.same(f) for dose, f in drugless):
            continue
        if mine is not None and any(
            mine in _unread_regimen_doses(n, drug, facts, lexicon) for n in cited
        ):
            continue
        if mine is not None:
            theirs = [
                (n, f)
                for n, d, f, dose in evidence
                if lexicon.same_drug(drug, d) and not _other_dose(dose, mine)
            ] or theirs
        same = [(n, f) for n, f in theirs if freq.same(f)]
        if not same:
            # A split dose is quoted as its total ("mane and nocte"), not one of its times.
            n, example = next(((n, f) for n, f in theirs if f.parts), theirs[0])
            wrong.append((freq, drug, n, example, False))
        elif not freq.as_needed and all(f.as_needed for _, f in same):
            n, example = same[0]
            wrong.append((freq, drug, n, example, True))
    if not lexicon.find(body):
        wrong += _drugless_wrong(body, cited, facts)
    return wrong


def _drugless_wrong(body: str, cited: list[int], facts: PassageFacts) -> list[WrongRegimen]:
    """A sentence that names no drug but gives a dose with a regimen ("so 5 mg once daily
    remains appropriate") against passages that give the same dose only with other regimens
    ("5 mg twice daily"): wrong for that dose (walk 51b: it passed, the drug check needs a
    drug). Where the passages give the dose with several regimens (two drugs, a change), any of
    them fits; a dose they give with no regimen is left alone."""
    wrong: list[WrongRegimen] = []
    for dose, freq in _dosed_regimens(body):
        theirs = [
            (n, f)
            for n in cited
            for d, f in _dosed_regimens(facts.text([n]))
            if quantity(d) == quantity(dose)
        ]
        if theirs and not any(freq.same(f) for _, f in theirs):
            n, example = theirs[0]
            wrong.append((freq, f"the dose '{dose.raw}'", n, example, False))
    return wrong


# A dose and its regimen are this close ("5 mg twice daily", "5 mg orally once a day").
_DOSE_REGIMEN_GAP = 24


def _dosed_regimens(text: str) -> list[tuple[Value, Frequency]]:
    """Each regimen of ``text`` with the dose written just before it in its sentence, no other
    regimen between: ("5 mg", twice daily)."""
    found = [f for f in frequencies(text) if not f.parts and f.per_day is not None]
    doses = [v for v in extract_values(text) if is_dose(v)]
    pairs: list[tuple[Value, Frequency]] = []
    for freq in found:
        before = [v for v in doses if v.start + len(v.raw) <= freq.start]
        if not before:
            continue
        dose = before[-1]
        end = dose.start + len(dose.raw)
        if freq.start - end > _DOSE_REGIMEN_GAP or any(end <= g.start < freq.start for g in found):
            continue
        if any(ch in ".;\n" for ch in text[end : freq.start]):
            continue
        pairs.append((dose, freq))
    return pairs


def _unread_regimen_doses(
    n: int, drug: str, facts: PassageFacts, lexicon: MedicationLexicon
) -> list[tuple[str, str | None]]:
    """The doses of ``drug`` in passage ``n`` given with no regimen the reader reads before
    another dose in their unit, in a sentence that gives the drug a regimen ("increase
    furosemide 40 mg OM to 40 mg BD": "OM" is unread): how often that dose is given, the
    passage does not plainly say (round 7 of the precision audit), so no regimen stated with it
    is called wrong."""
    text = facts.text([n])
    # The doses as written, not a count of tablets read as its total ("ONE tablet" of 2.5mg).
    totals = {v.start for _, v in facts.totals(n)}
    written = [(pair, v) for pair, v in facts.doses(n) if is_dose(v) and v.start not in totals]
    doses = sorted((v for _, v in written), key=lambda v: v.start)
    with_regimen = {
        sentence_at(text, f.start) for d, f in facts.regimens(n) if lexicon.same_drug(drug, d)
    }
    unread = []
    for pair, v in written:
        if not lexicon.same_drug(drug, pair[0]):
            continue
        # The next dose is one in the same unit: the drug's new dose ("... to 40 mg BD"), not
        # the same dose in other words ("2.5mg - ONE tablet TWICE a day").
        nxt = next((w for w in doses if w.start > v.start), None)
        if nxt is None or quantity(nxt)[1] != quantity(v)[1]:
            continue
        said = any(v.start < f.start < nxt.start for f in facts.frequencies(n))
        # Nothing but "to" between the doses ("increased bisoprolol from 2.5 mg to 5 mg once
        # daily"): no unread regimen; the one after the new dose is the drug's (walk 40b item
        # 4: "bisoprolol 2.5 mg twice daily" passed).
        if _ONLY_TO.fullmatch(text, v.start + len(v.raw), nxt.start):
            continue
        if not said and sentence_at(text, v.start) in with_regimen:
            unread.append(quantity(v))
    return unread


# The words between a dose changed from and the dose changed to, when they say nothing else.
_ONLY_TO = re.compile(r"\s*(?:(?:up|down)\s+)?(?:to|->|→|⟶)\s*", re.IGNORECASE)


def _dose_before(
    freq: Frequency,
    regimens: Sequence[tuple[str, Frequency]],
    doses: Sequence[tuple[DosePair, Value]],
) -> tuple[str, str | None] | None:
    """The dose (amount, unit) a regimen is given with: the last dose before it, with no other
    regimen between them ("20 mg daily"); None where there is none."""
    before = [(pair, v) for pair, v in doses if v.start < freq.start and is_dose(v)]
    if not before:
        return None
    value = max((v for _, v in before), key=lambda v: v.start)
    if any(value.start < f.start < freq.start for _, f in regimens):
        return None
    return quantity(value)


def _other_dose(dose: tuple[str, str | None] | None, mine: tuple[str, str | None]) -> bool:
    """Whether ``dose`` is another amount in the unit of ``mine`` ("15 mg" beside "20 mg"; "2
    tablets" is not comparable with "1 g")."""
    return dose is not None and dose[1] == mine[1] and dose != mine


def regimen_spans(freq: Frequency) -> list[tuple[int, int]]:
    """Where a regimen's words are: a split dose's times, not the doses between them."""
    return list(freq.parts) or [(freq.start, freq.end)]


def flag_wrong_regimens(
    check: SentenceCheck, wrong: Sequence[WrongRegimen], passages: Mapping[int, str]
) -> None:
    """Flag each regimen ``wrong_regimens`` found wrong, quoting the passage's."""
    for freq, drug, n, example, prn_left_out in wrong:
        why = (
            f"the cited passages give {drug} '{example.raw}' only as needed, not as a regular"
            " regimen"
            if prn_left_out
            else f"frequency '{freq.raw}' is not what the cited passages give for {drug}"
            f" (they give '{example.raw}')"
        )
        check.add(
            "unverified_number",
            freq.raw,
            why,
            freq.start,
            quote=quoted(sentence_at(passages[n], example.start)),
            passage=n,
        )
