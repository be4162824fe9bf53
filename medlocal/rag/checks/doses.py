"""Doses and treatment lengths: what the cited passages give for the same drug."""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping

from medlocal.rag.checks.dose_routes import check_routes
from medlocal.rag.checks.named_changes import named_change
from medlocal.rag.checks.passage_facts import PassageFacts
from medlocal.rag.checks.sentence_flags import SentenceCheck, quoted, sentence_at
from medlocal.rag.checks.units import a_rate_of, body_weights, per_weight_product
from medlocal.rag.checks.worked_out import course_total, day_totals
from medlocal.rag.drug_facts import dose_pairs
from medlocal.rag.frequency import frequencies
from medlocal.rag.lengths import check_lengths
from medlocal.rag.medications import MedicationLexicon
from medlocal.values import Value, extract_values, is_dose, quantity, same_value


def check_doses(
    check: SentenceCheck,
    body: str,
    cited: list[int],
    facts: PassageFacts,
    lexicon: MedicationLexicon,
    passages: Mapping[int, str],
) -> None:
    evidence = [(n, pair, v) for n in cited for pair, v in facts.doses(n)]
    drugless = given_to_no_drug(cited, facts, lexicon, passages)
    mine = dose_pairs(body, lexicon)
    weights = [v for n in cited for v in body_weights(facts.text([n]), facts.values(n))]
    # A day's total of the sentence's own dose and regimen ("1,000 mg twice daily, which is 2 g
    # a day") or a course's ("32 g a day ... 160 g in total"): checked as arithmetic
    # (checks/worked_out.py), not as another dose of the drug.
    written = extract_values(body)
    # So is a change named after the drug's old and new doses ("from 5 mg to 7.5 mg, an
    # increase of 2.5 mg": checks/named_changes.py).
    known = [v for n in cited for v in facts.values(n)]
    totals = {t.start for t, _ in day_totals(body, written, frequencies(body))} | {
        v.start
        for v in written
        if course_total(v, written, body) or named_change(v, written, body, known)
    }
    for (drug, _, _), value in mine:
        if value.start in totals:
            continue
        # A dose is compared with the drug's doses; a treatment length with the lengths the
        # passages give that drug (rag/lengths.py; walk 26: "ceftriaxone ... for 5 days" was
        # told "they give '1 g'"; walk 31: "ramipril for 12 months" passed on clopidogrel's).
        if not is_dose(value):
            continue
        same_drug = [
            (n, v) for n, (d, _, _), v in evidence if lexicon.same_drug(drug, d) and is_dose(v)
        ]
        if not same_drug or any(same_value(value, v) for _, v in same_drug):
            continue
        if any(same_value(value, v) for v in drugless):
            continue  # the passages give the dose in a statement that names no drug
        if per_weight_product(value, [v for _, v in same_drug], weights):
            continue  # the drug's dose per kilogram at the weight given (round 8)
        if any(v.canonical == value.canonical and a_rate_of(value, v, body) for _, v in same_drug):
            continue
        n, example = same_drug[0]
        check.add(
            "unverified_number",
            value.raw,
            f"dose '{value.raw}' is not what the cited passages give for {drug}"
            f" (they give '{example.raw}')",
            value.start,
            passage=n,
        )
    lengths = {n: facts.lengths(n) for n in cited}
    for problem in check_lengths(body, cited, lengths, passages, lexicon):
        told = problem.length.value
        if told is not None and told.start in check.flagged:
            continue  # "until 09/03/2028": its date is flagged already
        check.add(
            "unverified_number",
            problem.length.raw,
            problem.message,
            problem.length.start,
            quote=quoted(problem.quote),
            passage=problem.passage,
        )
    check_routes(check, body, mine, evidence, facts, lexicon, passages)
    # One drug given two doses in one order ("500 mg on day 1, then 250 mg") must keep it.
    # Doses only: "1 g for 5 days" against "for 5 days at 1 g" is one regimen, not two doses.
    # A dose by body size and the dose it comes to are one dose written twice, in either order
    # ("70 mg, 1 mg/kg" is "1 mg/kg = 70 mg"): each kind keeps its own order; so are a dose and
    # its volume or rate in another unit ("2 mL/h = 100 mcg/h", "525 mg (10.5 mL)"; round 8):
    # each unit keeps its own order. A strength ("250 mg/5 mL") is no dose given.
    for drug, kind in itertools.product(
        dict.fromkeys(d for (d, _, _), _ in mine),
        dict.fromkeys(_order_kind(v) for _, v in mine),
    ):
        order = [
            v
            for (d, _, _), v in mine
            if d == drug
            and is_dose(v)
            and _order_kind(v) == kind
            and not _in_strength(v, body)
            and v.start not in totals  # a total or a named change is no dose of the order
        ]
        theirs = [
            v
            for n, (d, _, _), v in evidence
            if lexicon.same_drug(drug, d)
            and is_dose(v)
            and _order_kind(v) == kind
            and not _in_strength(v, passages[n])
        ]
        positions = [next((i for i, t in enumerate(theirs) if same_value(v, t)), -1) for v in order]
        if len(order) >= 2 and -1 not in positions and positions != sorted(positions):
            check.add(
                "unverified_number",
                order[0].raw,
                f"the doses of {drug} are in the opposite order in the cited passages",
                order[0].start,
            )


def _order_kind(value: Value) -> tuple[bool, str | None]:
    """What a dose's order is kept among: doses by body size or not, in one unit."""
    return _by_size(value), quantity(value)[1]


def _in_strength(value: Value, text: str) -> bool:
    """Whether ``value`` is a side of a strength in ``text`` ("250 mg/5 mL", "50 mg / 1 mL")."""
    end = value.start + len(value.raw)
    return _STRENGTH_AFTER.match(text, end) is not None or (
        _VOLUME.search(value.raw) is not None
        and _STRENGTH_BEFORE.search(text, 0, value.start) is not None
    )


# A strength's denominator is a volume ("250 mg/5 mL", "1 g / 1 L"); "80 mg/12 h" is a dose
# and its interval (review 33), kept in the order.
_STRENGTH_AFTER = re.compile(r"\s?/\s?\d+(?:\.\d+)?\s?(?:mL|ml|ML|L|l|litres?|liters?)\b")
_STRENGTH_BEFORE = re.compile(r"\d\s?[A-Za-zµμ]+\s?/\s?$")
_VOLUME = re.compile(r"\d\s?(?:mL|ml|ML|L|l|litres?|liters?)$")


# Round 7 of the precision audit (tests/fixtures/grounding_eval/RESULTS.md): a dose the cited
# passages write in a statement that names no drug ("Plan: titrate by max 10 mg every 3 days"
# under "Methadone continued at 60 mg daily") may be the sentence's drug's: no plain reading
# gives it to another drug, so the sentence's pairing is not called wrong.
def given_to_no_drug(
    cited: list[int], facts: PassageFacts, lexicon: MedicationLexicon, passages: Mapping[int, str]
) -> list[Value]:
    """The doses of the cited passages written in a sentence that names no drug."""
    return [
        v
        for n in cited
        for v in facts.values(n)
        if is_dose(v) and not lexicon.find(sentence_at(passages[n], v.start))
    ]


def _by_size(value: Value) -> bool:
    """Whether a dose is given per body weight or surface ("1 mg/kg", "75 mg/m2")."""
    return value.unit is not None and any(
        part in ("kg", "m2", "m²", "1.73m2") for part in value.unit.split("/")[1:]
    )


# A dose changed from: "increased bisoprolol from 2.5 mg to 5 mg", "switched from ramipril 5 mg
# to losartan 50 mg", "reduced from 40 mg OD to 20 mg OD" ("from" up to two words before it, and
# "to" a dose after it), or "ramipril 5 mg reduced to 2.5 mg", "5 mg -> 2.5 mg" (a change verb
# or arrow after it, then a dose).
_FROM_NEAR = re.compile(r"\bfrom\s+(?:[A-Za-z][\w\-]*\s+){0,2}$", re.IGNORECASE)
_TO_DOSE_AFTER = re.compile(
    r"\s*(?:\(?[A-Za-z]+\)?\s+){0,3}?(?:to|->|→|⟶)\s+(?:[A-Za-z][\w\-]*\s+){0,2}\d",
    re.IGNORECASE,
)
_CHANGED_AFTER = re.compile(
    r"\s*(?:[A-Za-z]+\s+){0,2}?(?:(?:was|were|is|been|then)\s+)?"
    r"(?:increased|reduced|decreased|changed|switched|titrated|lowered|raised|uptitrated"
    r"|downtitrated|weaned|stepped\s+(?:up|down)|went\s+(?:up|down))\s+(?:\w+\s+)?to\s+\d"
    r"|\s*(?:->|→|⟶)\s*\d",
    re.IGNORECASE,
)
# "switched from simvastatin 40 mg (myalgia)": the drug and its dose were left, to whatever.
_SWITCHED_FROM = re.compile(
    r"\b(?:switched|changed|converted|swapped)\s+(?:over\s+)?from\s+(?:[A-Za-z][\w\-]*\s+){0,2}$",
    re.IGNORECASE,
)
# A sentence that tells the dose as a past one: "previously on 2.5 mg", "until", a time that is
# over ("at the time", "two years ago", "in 2024", "on admission").
_PAST_DOSE = re.compile(
    r"\b(?:previous(?:ly)?|prior|formerly|originally|initially|initial|old|earlier|used\s+to"
    r"|had\s+been|until|before|from|changed|increased|reduced|decreased|switched|titrated"
    r"|stopped|at\s+(?:the|that)\s+time|ago|back\s+in|in\s+(?:19|20)\d\d|(?:on|at)\s+admission)\b",
    re.IGNORECASE,
)
# The past tense alone ("was taking 80 mg", "was on", "were"): a past dose only where nothing
# presents it as current. An answer to "Is she still on gliclazide?" writes "Yes, she was
# taking 80 mg twice daily" of the dose it gives as current (note41/note42: the tense let such
# a dose skip the superseded-dose flag that "is taking 80 mg" gets).
_PAST_TENSE = re.compile(r"\b(?:was\s+(?:on|taking|given)|were)\b", re.IGNORECASE)


# The old dose after the new one: "Bisoprolol 2.5 mg once daily (reduced from 3.75 mg)",
# "5 mg, up from 2.5 mg" (walk 41: the 3.75 mg there was read as a dose taken, so the discharge
# summary's change was no disagreement and "her current dose is 3.75 mg" went unflagged).
_CHANGED_FROM_BEFORE = re.compile(
    r"\b(?:reduced|increased|decreased|changed|titrated|lowered|raised|uptitrated|downtitrated"
    r"|weaned|down|up|dropped|cut|went\s+(?:up|down))\s+from\s+(?:[A-Za-z][\w\-]*\s+){0,2}$",
    re.IGNORECASE,
)


# A question or sentence about the dose taken now: "What is her current dose of bisoprolol?",
# "Is she still on apixaban?", "the latest dose".
_CURRENT = re.compile(
    r"\b(?:current(?:ly)?|now|still|latest|at\s+present|presently|today|these\s+days"
    r"|remains?|continues?|continuing)\b",
    re.IGNORECASE,
)


def says_current(text: str) -> bool:
    """Whether ``text`` asks for or says what is taken now ("current dose", "still on")."""
    return _CURRENT.search(text) is not None


def past_dose(text: str, *, current: bool = False) -> bool:
    """Whether ``text`` tells a dose as a past one ("previously on 2.5 mg", "reduced from",
    "was taking 80 mg until July"). ``current``: the text is read as giving the dose taken now
    (its question or its own words ask or say so), and then the past tense alone ("was taking
    80 mg") is no sign of a past dose; an explicit one still is."""
    if _PAST_DOSE.search(text) is not None:
        return True
    return not current and _PAST_TENSE.search(text) is not None


def changed_from(text: str, value: Value) -> bool:
    """Whether ``value`` in ``text`` is a dose the text says was changed from."""
    end = value.start + len(value.raw)
    return bool(
        (_FROM_NEAR.search(text, 0, value.start) and _TO_DOSE_AFTER.match(text, end))
        or _CHANGED_AFTER.match(text, end)
        or _SWITCHED_FROM.search(text, 0, value.start)
        or _CHANGED_FROM_BEFORE.search(text, 0, value.start)
    )


def check_superseded_doses(
    check: SentenceCheck,
    body: str,
    cited: list[int],
    facts: PassageFacts,
    lexicon: MedicationLexicon,
    passages: Mapping[int, str],
) -> None:
    """Flag a dose given as current that the cited passages give for its drug only as the dose
    it was changed from (walk 40b item 4: "She continues bisoprolol 2.5 mg" citing "increased
    bisoprolol from 2.5 mg to 5 mg once daily"): "timing_conflict". A sentence that tells the
    change or a past dose itself ("increased from 2.5 mg", "previously 2.5 mg") is left alone,
    and so is a dose any cited passage also gives as a dose taken (an earlier list, "2.5 mg
    once daily")."""
    if past_dose(body, current=says_current(body)):
        return
    evidence = [(n, pair, v) for n in cited for pair, v in facts.doses(n) if is_dose(v)]
    for (drug, _, _), value in dose_pairs(body, lexicon):
        if not is_dose(value) or value.start in check.flagged:
            continue
        same = [
            (n, v)
            for n, (d, _, _), v in evidence
            if lexicon.same_drug(drug, d) and same_value(value, v)
        ]
        if not same or not all(changed_from(passages[n], v) for n, v in same):
            continue
        n, old = same[0]
        said = sentence_at(passages[n], old.start)
        check.add(
            "timing_conflict",
            value.raw,
            f"dose '{value.raw}' is the dose of {drug} that passage [{n}] says was changed or"
            " switched from, not a current dose",
            value.start,
            quote=quoted(said),
            passage=n,
        )
