"""Which drug each dose, treatment duration and dosing regimen in a text belongs to, and the
words given a dose that no drug list knows: the facts the grounding checks
(:mod:`~medlocal.rag.grounding`) compare between an answer's sentence and its cited passages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from decimal import Decimal
from typing import TypeVar

from medlocal.rag.frequency import Frequency, frequencies
from medlocal.rag.medications import MedicationLexicon
from medlocal.rag.routes import RouteWord, route_words
from medlocal.rag.sentences import Sentence, clause_span, split_sentences
from medlocal.values import Value, extract_values, is_dose, quantity

DosePair = tuple[str, str, str | None]  # (drug, canonical amount, unit)


# Clause boundaries inside a sentence; a comma between digits ("1,000 mg", and the decimal
# comma of "2,5 mg": walk 47b D2) is not one.
_CLAUSE_BREAK = re.compile(r";|(?<!\d),|,(?!\d{1,3}\b)|\band\b", re.I)
# Durations belong to a drug when they say how long it is given: "for 7 days", "x10 days".
_DURATION_UNITS = frozenset({"day", "week", "month"})
_DURATION_LEAD = re.compile(r"(?:\bfor|\bx|×)\s*$", re.I)


def _drug_for(names: list[tuple[int, int, str]], value: Value, body: str) -> str | None:
    """The drug a dose belongs to: in the dose's clause, the nearest name that ends before the
    dose ("metoprolol 25 mg"), else the nearest one after it ("81 mg aspirin"); a clause without
    a name takes the nearest name before it ("Metformin, 500 mg")."""
    start, end = clause_span(body, value.start, value.start, _CLAUSE_BREAK)
    before = [n for n in names if start <= n[0] and n[1] <= value.start]
    if before:
        return max(before, key=lambda n: n[1])[2]
    after = [n for n in names if n[0] >= value.start and n[1] <= end]
    if after and not _dosed_unlisted_name(body, value):
        return min(after, key=lambda n: n[0])[2]
    earlier = [n for n in names if n[1] <= start]
    if earlier:
        return max(earlier, key=lambda n: n[1])[2]
    return None


# A capitalised word right before a dose ("Priadel 800 mg", "Tazocin 4.5 g"): the dose's drug.
_NAME_BEFORE = re.compile(r"(?<![A-Za-z])([A-Z][A-Za-z\-]{3,})\s*\(?\s*$")


def _dosed_unlisted_name(body: str, value: Value) -> bool:
    """Whether ``value`` is written right after a drug name the lists lack (a brand: "He takes
    Priadel 800 mg at night alongside quetiapine 100 mg"): the dose is that drug's, not the
    listed drug's named after it. A clinical word of the word lists (which hold brands the drug
    lists may not) that is no English word."""
    found = _NAME_BEFORE.search(body, 0, value.start)
    if found is None:
        return False
    from medlocal.privacy.deid_lexicon import lexicon as word_lexicon  # loaded once, on need

    words = word_lexicon()
    word = found.group(1).lower()
    return word not in words.english and words.clinical(word)


def _drug_bound(value: Value, body: str) -> bool:
    if is_dose(value):
        return True
    lead = body[max(0, value.start - 6) : value.start]
    return (
        value.kind == "number"
        and value.unit in _DURATION_UNITS
        and (_DURATION_LEAD.search(lead) is not None or value.raw[:1] in "x×")
    )


def is_treatment_length(value: Value, body: str) -> bool:
    """Whether ``value`` of ``body`` says how long a drug is given ("for 7 days", "x10 days")."""
    return not is_dose(value) and _drug_bound(value, body)


def drug_at(names: list[tuple[int, int, str]], start: int, raw: str, body: str) -> str | None:
    """The drug that the words ``raw`` at ``start`` of ``body`` (a treatment length such as
    "lifelong") are told of, found as a dose's drug is."""
    return _drug_for(names, Value("number", "", None, raw, start), body)


def dose_pairs(text: str, lexicon: MedicationLexicon) -> list[tuple[DosePair, Value]]:
    """Each dose (and treatment duration) in ``text`` paired with the medication it belongs to,
    clause by clause, so "amlodipine 5 mg and metoprolol 25 mg" gives (amlodipine, 5 mg) and
    (metoprolol, 25 mg); "A and B at 81 mg and 75 mg, respectively" pairs them in order.
    Value offsets are offsets in ``text``."""
    pairs: list[tuple[DosePair, Value]] = []
    for sentence in split_sentences(text):
        body = sentence.text
        names = lexicon.spans(body)
        if not names:
            continue
        doses = [v for v in extract_values(body) if _drug_bound(v, body)]
        owners: list[str | None]
        if re.search(r"\brespectively\b", body, re.I) and len(doses) == len(names):
            owners = [n[2] for n in sorted(names)]
        else:
            unlisted = _unlisted_drugs_dosed(body, doses, names, lexicon)
            owners = [
                None if value.start in unlisted else _drug_for(names, value, body)
                for value in doses
            ]
        found = [
            ((drug, value.canonical, value.unit), value)
            for value, drug in zip(doses, owners, strict=True)
            if drug is not None
        ]
        pairs += [(pair, value.moved(sentence.start)) for pair, value in _in_sequence(found, body)]
    return pairs


def _unlisted_drugs_dosed(
    body: str, doses: list[Value], names: list[tuple[int, int, str]], lexicon: MedicationLexicon
) -> set[int]:
    """The offsets of the doses of ``doses`` written right after a drug name the lists lack
    ("Ramipril 2,5 mg und Xyzolin 5 mg", "quetiapine 100 mg and Priadel 800 mg"): such a dose
    is that drug's, and no listed drug named before it may take it across the other name
    (note 47: the 5 mg was read as ramipril's). A drug name is a word no dictionary knows or
    one with a drug's ending (``unknown_dosed_names``), or a capitalised clinical word that
    is no English word (a brand: ``_dosed_unlisted_name``); a word of a listed drug's name or
    one right after it ("Ramipril Hexal 5 mg", "ferrous fumarate 210 mg") is none, and so is
    a dosage form, a route or a maker of generics however written ("Ramipril, Tabs 10 mg",
    "Ramipril; Ratiopharm 10 mg": review48 R3, the 10 mg is ramipril's)."""
    starts = {v.start for v in doses if is_dose(v)}
    words = [
        m
        for m in _DOSED_WORD.finditer(body)
        if m.end() in starts and m.group(1).lower() not in _PRODUCT_WORDS
    ]
    dose_after = {m.start(1): m.end() for m in words}  # a word's match ends where its dose starts
    claimed = {dose_after[start] for start, _, _ in _unknown_names(words, body, lexicon)}
    for value in doses:
        found = _NAME_BEFORE.search(body, 0, value.start)
        if (
            found is not None
            and value.start in starts
            and not any(a <= found.start(1) < b for a, b, _ in names)
            and found.group(1).lower() not in _PRODUCT_WORDS
            and not _after_a_drug(body, found.start(1), lexicon)
            and _dosed_unlisted_name(body, value)
        ):
            claimed.add(value.start)
    return claimed


_Found = TypeVar("_Found")


def _dosed_sentences(
    text: str, lexicon: MedicationLexicon, find: Callable[[str], list[_Found]]
) -> Iterator[tuple[Sentence, list[_Found], list[tuple[int, int, str]], list[Value]]]:
    """Each sentence of ``text`` in which ``find`` finds something (routes, regimens) and that
    names a drug, with what was found, the drugs' spans and the sentence's doses."""
    for sentence in split_sentences(text):
        found = find(sentence.text)
        if not found:
            continue
        names = lexicon.spans(sentence.text)
        if names:
            yield sentence, found, names, [v for v in extract_values(sentence.text) if is_dose(v)]


def dose_routes(text: str, lexicon: MedicationLexicon) -> dict[int, RouteWord]:
    """The route each dose of ``text`` is given by, keyed by the dose's offset in ``text``
    (the offsets of ``dose_pairs``): a route written with the dose for its drug, in its clause,
    before or after it ("IV co-amoxiclav 1.2 g", "co-amoxiclav 1.2 g IV", "1.2 g tds
    intravenously"), with no other drug or dose between them, the nearest one where there are
    two ("switched from IV to oral co-amoxiclav 625 mg": oral). A dose written with no route
    has none here."""
    found: dict[int, RouteWord] = {}
    for sentence, routes, names, doses in _dosed_sentences(text, lexicon, route_words):
        body = sentence.text
        for value in doses:
            drug = _drug_for(names, value, body)
            if drug is None:
                continue
            route = _route_of(value, drug, names, doses, routes, body)
            if route is not None:
                found[sentence.start + value.start] = route
    return found


def _route_of(
    value: Value,
    drug: str,
    names: list[tuple[int, int, str]],
    doses: list[Value],
    routes: list[RouteWord],
    body: str,
) -> RouteWord | None:
    start, end = clause_span(body, value.start, value.start, _CLAUSE_BREAK)
    value_end = value.start + len(value.raw)
    # The dose's own words: from its drug's name when that is in the clause before it with no
    # other dose between ("co-amoxiclav 1.2 g"), else the dose alone.
    own = [n for n in names if n[2] == drug and start <= n[0] and n[1] <= value.start]
    head = max(own, key=lambda n: n[0])[0] if own else value.start
    if any(head <= d.start < value.start for d in doses):
        head = value.start
    others = [(n[0], n[1]) for n in names if not head <= n[0] < value_end]
    others += [(d.start, d.start + len(d.raw)) for d in doses if d is not value]
    regimens = [span for f in frequencies(body) for span in ((f.start, f.end), *f.parts)]

    def clear(lo: int, hi: int) -> bool:
        """Nothing but how and how often it is given between a route and its dose: "IV dose of
        gentamicin", "1.2 g three times daily IV"; not "IV fluids with paracetamol 1 g"."""
        if any(lo <= a < hi for a, _ in others):
            return False
        between = "".join(
            " " if any(a <= i < b for a, b in regimens) else body[i] for i in range(lo, hi)
        )
        words = re.findall(r"[a-z]+", between.lower())
        return all(w in _ROUTE_FILLER for w in words)

    near: list[tuple[int, RouteWord]] = []
    for route in routes:
        if not (start <= route.start and route.end <= end) or _roman(route, body):
            continue
        if any(n[0] < route.end and route.start < n[1] for n in names):
            continue  # part of a drug's name ("PEG 3350", "IV paracetamol" as a product)
        if head <= route.start and route.end <= value_end:
            near.append((0, route))
        elif route.end <= head and clear(route.end, head):
            near.append((head - route.end, route))
        elif (
            route.start >= value_end
            and clear(value_end, route.start)
            and not _leads_a_name(route, names, body)
        ):
            near.append((route.start - value_end + 1, route))  # a tie goes to the one before
    return min(near, key=lambda pair: pair[0])[1] if near else None


# Words that may stand between a route and the dose it is written with.
_ROUTE_FILLER = frozenset(
    {
        "given", "was", "were", "is", "be", "taken", "administered", "dose", "doses", "of", "the",
        "a", "an", "stat", "bolus", "loading", "as", "tablet", "tablets", "tab", "tabs",
        "capsule", "capsules", "solution", "liquid", "suspension", "infusion", "over", "via",
        "by", "for", "x", "day", "days", "week", "weeks", "minutes", "min", "mins", "hours",
        "hour", "h", "hrs", "then", "route", "formulation", "form",
    }
)  # fmt: skip
# A roman numeral "IV" (a class, grade or stage, or a list's "(iv)") is no route.
_ROMAN_BEFORE = re.compile(
    r"(?:\b(?:class|grade|stage|type|nyha|gold|ckd|phase|level)\s*|\()$", re.I
)


def _roman(route: RouteWord, body: str) -> bool:
    return route.raw.lower() == "iv" and (
        _ROMAN_BEFORE.search(body, 0, route.start) is not None
        or body[route.end : route.end + 1] == ")"
    )


def _leads_a_name(route: RouteWord, names: list[tuple[int, int, str]], body: str) -> bool:
    """Whether a route is written right before a drug's name: that drug's ("400 mg with IV
    ceftriaxone": IV is ceftriaxone's, not the metronidazole's before it)."""
    after = route.end + len(body[route.end :]) - len(body[route.end :].lstrip())
    return any(n[0] == after for n in names)


# A dose that follows "from" came before the one it is told beside: "750 mg BD (increased
# from 500 mg BD in 10/2023)" gives 500 mg, then 750 mg.
_FROM_BEFORE = re.compile(r"\bfrom\s*$", re.I)


def _in_sequence(found: list[tuple[DosePair, Value]], body: str) -> list[tuple[DosePair, Value]]:
    """One sentence's doses in the order they were given, as the dose-order check compares
    them: a dose after "from" before the dose of its drug it is told beside, and a dose restated
    in brackets ("gentamicin 5 mg/kg (340 mg)", "60 ml (60 mg)") in one group with the dose it
    restates, the group in a fixed order, so that "340 mg (5 mg/kg)" is the same sequence."""
    keys: list[tuple[float, str]] = []
    for i, (pair, value) in enumerate(found):
        same_drug = [j for j in range(i - 1, -1, -1) if found[j][0][0] == pair[0]]
        if not same_drug:
            keys.append((float(i), ""))
            continue
        previous = same_drug[0]
        changed = next((j for j in same_drug if _same_dimension(found[j][1], value)), None)
        if changed is not None and _FROM_BEFORE.search(body, 0, value.start):
            keys.append((keys[changed][0] - 0.5, ""))
            continue
        head = keys[previous][0]
        if _restates(body, found[previous][1], value):
            keys[previous] = (head, _unit_key(found[previous][1]))
            keys.append((head, _unit_key(value)))
        else:
            keys.append((float(i), ""))
    order = sorted(range(len(found)), key=lambda k: keys[k])
    return [found[k] for k in order]


def _same_dimension(a: Value, b: Value) -> bool:
    return quantity(a)[1] == quantity(b)[1]


def _restates(body: str, head: Value, value: Value) -> bool:
    """Whether ``value`` opens a bracket after ``head`` with nothing closed between them."""
    between = body[head.start + len(head.raw) : value.start]
    return "(" in between and ")" not in between and not re.search(r"[;.]", between)


def _unit_key(value: Value) -> str:
    return value.unit or ""


# How many tablets or capsules make a dose: "500 mg tablets - two tablets four times a day".
_COUNT_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4}
_UNITS_TAKEN = re.compile(
    r"\b(?P<count>[1-4]|one|two|three|four)\s+(?:tablets?|tabs?|capsules?|caps?)\b", re.I
)
_STRENGTH_UNITS = frozenset({"mg", "mcg", "g"})


def dose_totals(text: str, lexicon: MedicationLexicon) -> list[tuple[DosePair, Value]]:
    """The dose a count of tablets or capsules makes of a strength given before it for the
    same drug, on one line of a medication list: "Paracetamol 500 mg tablets - 2 tablets up
    to four times a day" gives paracetamol 1000 mg, as a clinician writes it ("1 g"). Offsets
    are those of the count."""
    totals: list[tuple[DosePair, Value]] = []
    for sentence in split_sentences(text):
        body = sentence.text
        names = lexicon.spans(body)
        strengths = [
            v for v in extract_values(body) if v.kind == "number" and v.unit in _STRENGTH_UNITS
        ]
        for count in _UNITS_TAKEN.finditer(body):
            strength = max(
                (v for v in strengths if v.start < count.start()),
                default=None,
                key=lambda v: v.start,
            )
            if strength is None or not strength.canonical.replace(".", "").isdigit():
                continue
            drug = _drug_for(names, strength, body)
            if drug is None:
                continue
            word = count.group("count").lower()
            number = _COUNT_WORDS.get(word) or int(word)
            amount = format((Decimal(strength.canonical) * number).normalize(), "f")
            total = Value("number", amount, strength.unit, count.group(), count.start())
            totals.append(((drug, amount, strength.unit), total.moved(sentence.start)))
    return totals


# Words that may stand between a drug's dose and how often it is given, in a clause of their own:
# "Metformin 500 mg, taken orally twice daily". A clause with other words ("she walks daily")
# says nothing about the drug.
_REGIMEN_FILLER = frozenset(
    {
        "taken", "take", "given", "give", "orally", "oral", "po", "by", "mouth", "iv", "sc",
        "subcut", "subcutaneously", "im", "with", "food", "meals", "then", "and", "tablet",
        "tablets", "tab", "tabs", "capsule", "capsules", "dose", "doses", "one", "two", "to",
        "be", "is", "was", "were", "continued", "continue", "started", "restarted", "at",
        "same", "dosing", "dosed", "administered", "inhaled", "nebulised", "nebulized", "topically",
        "applied", "each", "every", "the", "a",
        # A change of the regimen told in a clause of its own is still the drug's: "salbutamol 6
        # puffs 2-hourly, now weaned to 4-hourly", "insulin BD, since changed to daily".
        "now", "since", "currently", "weaned", "wean", "weaning", "increased", "reduced",
        "decreased", "changed", "switched", "stepped", "down", "up", "spaced", "out", "titrated",
        "from",
    }
)  # fmt: skip


def frequency_pairs(text: str, lexicon: MedicationLexicon) -> list[tuple[str, Frequency]]:
    """Each regimen ("twice daily", "q8h", "PRN") in ``text`` paired with the medication it is
    for, found as a dose's drug is (``_drug_for``): "apixaban 5 mg twice daily" gives
    (apixaban, 2 a day). A regimen in a clause that names no drug and gives no dose belongs to
    the drug before it only when the clause says nothing else ("Metformin 500 mg, twice
    daily"). A split dose's total ("500 mg mane and 500 mg nocte": 2 a day) belongs to a drug
    when each of its times does, to that drug. A regimen is ``as_needed`` where "PRN" in the
    sentence goes with it ("q6h PRN", "every 6 hours, as needed for pain"). Offsets are offsets
    in ``text``."""
    pairs: list[tuple[str, Frequency]] = []
    for sentence, found, names, doses in _dosed_sentences(text, lexicon, frequencies):
        body = sentence.text
        owner: dict[tuple[int, int], str] = {}
        unlisted = _unlisted_drugs_dosed(body, doses, names, lexicon)
        # Each time of a split dose before the total that needs their drugs.
        for freq in sorted(found, key=lambda f: bool(f.parts)):
            if freq.parts:
                drugs = {owner.get(part) for part in freq.parts}
                drug = drugs.pop() if len(drugs) == 1 else None
            elif _after_unlisted_dose(freq, names, doses, unlisted):
                drug = None  # "... and Xyzolin 5 mg twice daily": Xyzolin's, not ramipril's
            else:
                drug = _regimen_drug(freq, names, doses, body)
            if drug is None or (freq.start, freq.end) in owner:
                continue
            owner[(freq.start, freq.end)] = drug
            qualifiers = [
                prn
                for prn in found
                if prn.per_day is None
                and freq.per_day is not None
                and _goes_with(prn, freq, drug, names, doses, body, lexicon)
            ]
            pairs.append((drug, replace(freq, as_needed=bool(qualifiers)).moved(sentence.start)))
            for prn in qualifiers:  # "q6h, as needed for pain": the PRN is the drug's too
                if (prn.start, prn.end) not in owner:
                    owner[(prn.start, prn.end)] = drug
                    pairs.append((drug, prn.moved(sentence.start)))
    return pairs


def _after_unlisted_dose(
    freq: Frequency, names: list[tuple[int, int, str]], doses: list[Value], unlisted: set[int]
) -> bool:
    """Whether the nearest drug name or dose before ``freq`` is a dose of a drug the lists lack
    (``unlisted``: their offsets, ``_unlisted_drugs_dosed``): the regimen is that drug's."""
    before = [(n[1], -1) for n in names if n[1] <= freq.start]
    before += [(v.start, v.start) for v in doses if v.start < freq.start]
    return bool(before) and max(before)[1] in unlisted


def _regimen_drug(
    freq: Frequency, names: list[tuple[int, int, str]], doses: list[Value], body: str
) -> str | None:
    start, end = clause_span(body, freq.start, freq.start, _CLAUSE_BREAK)
    own = any(start <= n[0] and n[1] <= end for n in names) or any(
        start <= v.start < end for v in doses
    )
    if own and _monitoring_before(freq, names, doses, body, start):
        return None
    if not own:
        rest = body[start:end][: freq.start - start] + body[freq.end : end]
        words = re.findall(r"[a-z]+", rest.lower())
        if any(w not in _REGIMEN_FILLER for w in words):
            return None
    return _drug_for(names, Value("number", "", None, freq.raw, freq.start), body)


# What is done on a schedule besides giving a drug: "continue X with bloods every 3 months".
_MONITORING = frozenset(
    {
        "labs", "bloods", "blood", "tests", "test", "monitoring", "review", "reviews", "check",
        "checks", "levels", "level", "scan", "scans", "visits", "visit", "follow-up",
        "appointments", "clinic", "ecg", "echo", "imaging", "x-ray", "screening",
    }
)  # fmt: skip


def _monitoring_before(
    freq: Frequency,
    names: list[tuple[int, int, str]],
    doses: list[Value],
    body: str,
    start: int,
) -> bool:
    """Whether a test or visit is named between the regimen and the drug or dose before it in
    its clause: then the schedule is the test's ("continue Truvada with bloods every 3 months")."""
    ends = [n[1] for n in names if start <= n[0] and n[1] <= freq.start]
    ends += [v.start + len(v.raw) for v in doses if start <= v.start < freq.start]
    if not ends:
        return False
    between = body[max(ends) : freq.start].lower()
    return any(w in _MONITORING for w in re.findall(r"[a-z][a-z\-]*", between))


def _goes_with(
    prn: Frequency,
    freq: Frequency,
    drug: str,
    names: list[tuple[int, int, str]],
    doses: list[Value],
    body: str,
    lexicon: MedicationLexicon,
) -> bool:
    """Whether "as needed" qualifies ``freq`` (for ``drug``): in its clause ("q6h PRN"), or in
    a clause of its own that gives no other dose ("q6h, as needed for pain"), for the same drug
    or for none named ("As needed, paracetamol 1 g q6h"). "Morphine 10 mg q4h and 5 mg PRN" is
    a regular dose and an as-needed one, and so is "Zomorph 60 mg BD plus Oramorph 5 mg PRN":
    a "PRN" after another dose is that dose's, even for the same drug."""
    if any(freq.end <= v.start < prn.start for v in doses):
        return False
    start, end = clause_span(body, freq.start, freq.start, _CLAUSE_BREAK)
    if not start <= prn.start < end:
        lo, hi = clause_span(body, prn.start, prn.start, _CLAUSE_BREAK)
        if any(lo <= v.start < hi for v in doses):
            return False
    theirs = _drug_for(names, Value("number", "", None, prn.raw, prn.start), body)
    return theirs is None or lexicon.same_drug(theirs, drug)


# A word right before a dose: "zorbaxiline 10 mg".
_DOSED_WORD = re.compile(r"(?<![\w-])([A-Za-z][a-z]{5,})\s+(?=[\d.])")
# How generic and brand drug names end; English words with these endings must be dictionary
# words (not ones known only by the shape of their ending) to pass as no drug.
_DRUG_ENDINGS = (
    "ine", "ide", "ol", "one", "ate", "il", "in", "an", "ax", "ex", "ix", "ox", "um", "yl",
    "ane", "ene", "ium", "am", "ast", "ant",
)  # fmt: skip

# Salts and release forms that follow a drug's name ("ferrous sulfate", "MST Continus").
_SALT_WORDS = frozenset(
    {
        "sulfate", "sulphate", "hydrochloride", "carboxymaltose", "continus", "contin",
        "succinate", "tartrate", "citrate", "gluconate", "fumarate", "maleate", "mesylate",
        "besylate", "bromide", "chloride", "acetate", "phosphate", "carbonate", "oxide",
        "hydroxide", "sodium", "potassium", "calcium", "magnesium", "retard", "mofetil",
    }
)  # fmt: skip


# Words a prescription writes between a drug and its dose that name how it is made, given or
# by whom, never another drug: dosage forms and their abbreviations (English, German, French,
# Spanish), routes and the makers of generics ("Ramipril, Tabs 10 mg", "Ramipril, Ratiopharm
# 10 mg", "Metformin; Hexal 500 mg"). After a comma or a semicolon they are not read as part
# of the drug's name (``_after_a_drug``), so without this list they were taken for a drug the
# lists lack and took its dose (review48 R3).
_PRODUCT_WORDS = frozenset(
    {
        # forms
        "tab", "tabs", "tabl", "tbl", "tablet", "tablets", "tabletten", "filmtabletten",
        "ftbl", "cap", "caps", "capsule", "capsules", "kapseln", "kps", "comp", "comprimé",
        "comprimés", "comprimido", "comprimidos", "gélule", "gélules", "inj", "injection",
        "sol", "solution", "lösung", "susp", "suspension", "syrup", "sirup", "elixir",
        "liquid", "drops", "tropfen", "sachet", "sachets", "granules", "powder", "amp",
        "ampoule", "ampoules", "ampulle", "ampullen", "vial", "vials", "infusion", "inf",
        "neb", "nebules", "inh", "inhaler", "patch", "pflaster", "cream", "gel", "supp",
        "suppository", "dispersible", "effervescent", "chewable", "orodispersible",
        "retard", "depot", "mite", "forte", "sig", "dose",
        # release forms and routes
        "xl", "sr", "mr", "la", "er", "cr", "xr", "cd", "ir", "po", "iv", "im", "sc", "sl",
        "pr", "oral", "orally", "subcut",
        # makers of generics
        "ratiopharm", "hexal", "sandoz", "teva", "accord", "mylan", "viatris", "actavis",
        "zentiva", "stada", "aliud", "abz", "aurobindo", "zydus", "krka", "apotex",
        "betapharm", "heumann", "puren", "winthrop", "almus", "bluefish", "glenmark",
        "lupin", "cipla", "ranbaxy", "wockhardt", "medochemie", "genericon", "arrow",
        "biogaran", "cristers", "mepha", "helvepharm", "spirig", "normon", "cinfa", "kern",
        "aristo", "dexcel", "milpharm", "torrent", "accord-uk", "ratio", "basics", "1a",
    }
)  # fmt: skip


def _after_a_drug(body: str, start: int, lexicon: MedicationLexicon) -> bool:
    """A word right after a drug's name is part of it: a salt or a product ("morphine
    sulfate", "mycophenolate mofetil", "paliperidone Sustenna")."""
    previous = re.search(r"([A-Za-z][A-Za-z\-]*)[\s/]+$", body[:start])
    return previous is not None and lexicon.is_medication(previous.group(1))


def unknown_dosed_names(body: str, lexicon: MedicationLexicon) -> list[tuple[int, int, str]]:
    """(start, end, lower-cased word) of each word that is given a dose ("zorbaxiline 10 mg")
    but is neither a listed drug nor an English or clinical word: a drug name the dictionaries
    do not know, or a misspelt one. A word with a drug's ending must be a dictionary word."""
    doses = {v.start for v in extract_values(body) if is_dose(v)}
    return _unknown_names(
        [m for m in _DOSED_WORD.finditer(body) if m.end() in doses], body, lexicon
    )


# A word where only a medicine stands: after "takes", "started on", "prescribed".
_TAKEN_WORD = re.compile(
    r"\b(?:takes|taking|took|prescribed|commenced\s+on|started\s+on|switched\s+to"
    r"|changed\s+to)\s+([A-Za-z][a-z]{5,})(?![\w-])",
    re.IGNORECASE,
)
_ITEM_WORD = re.compile(r"(?<![\w-])([A-Za-z][a-z]{5,})(?![\w-])")


def unknown_listed_names(
    body: str, lexicon: MedicationLexicon, item_start: int | None
) -> list[tuple[int, int, str]]:
    """(start, end, lower-cased word) of each word where a medicine stands, with no dose, that
    is neither a listed drug nor an English or clinical word (walk 32: "Medication 2:
    Antacumaxillin"): the words of a medication list's item (``item_start``: where it begins,
    None for no such list line), and the word after "takes" or "started on"."""
    candidates = list(_TAKEN_WORD.finditer(body))
    if item_start is not None:
        candidates += _ITEM_WORD.finditer(body, item_start)
    return _unknown_names(candidates, body, lexicon)


def _unknown_names(
    candidates: list[re.Match[str]], body: str, lexicon: MedicationLexicon
) -> list[tuple[int, int, str]]:
    """The words (group 1) of ``candidates`` that are no known drug, no part of one's name and
    no English or clinical word."""
    candidates = [
        m
        for m in candidates
        if not lexicon.is_medication(m.group(1)) and not _after_a_drug(body, m.start(1), lexicon)
    ]
    if not candidates:
        return []
    from medlocal.privacy.deid_lexicon import lexicon as word_lexicon  # loaded once, on need

    words = word_lexicon()
    found: dict[int, tuple[int, int, str]] = {}
    for match in candidates:
        word = match.group(1).lower()
        if words.name_like(word) or word in _SALT_WORDS:
            continue
        dictionary = word in words.english or words.clinical(word) or words.inflected(word)
        if dictionary or (words.known(word) and not word.endswith(_DRUG_ENDINGS)):
            continue
        found[match.start(1)] = (match.start(1), match.end(1), word)
    return sorted(found.values())
