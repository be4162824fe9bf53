"""How much of a cited sentence its passages carry, word for word: the "weak_support" check.

A sentence the model cites must rest on the passages it cites. The other checks look at its
numbers, drugs and assertions; this one looks at its words. A sentence whose clinical words are
almost all absent from the cited passages ("She has a history of stroke [1]" against a note that
never mentions a stroke) is not supported by them, however correct its citation looks.

Words are compared loosely, so that a faithful paraphrase passes: inflections share a stem
("stented" ~ "stent", "echocardiography" ~ "echocardiogram"), an abbreviation matches what it
stands for ("MI" ~ "myocardial infarction", and the reverse), a drug matches any of its names
("Plavix" ~ "clopidogrel"), and words that only carry the sentence ("showed", "noted", "history")
are not counted. Numbers are left to the value checks. A sentence that says the documents are
silent ("The notes do not mention a stroke") claims nothing and is not checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from medlocal.abbreviations import SHORTHAND, default_abbreviations
from medlocal.drugs import default_vocabulary, fold
from medlocal.measured_things import measure_names
from medlocal.rag.chart_words import eye_chart_words, month_words, range_words
from medlocal.rag.frequency import frequencies
from medlocal.rag.medications import MedicationLexicon
from medlocal.spelling import american_clinical as american
from medlocal.values import extract_values, mentions_gestational_age

STOPWORDS = frozenset(
    {
        "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "has",
        "have", "he", "her", "his", "in", "into", "is", "it", "its", "of", "on", "or", "she",
        "that", "the", "their", "there", "these", "they", "this", "to", "was", "were", "which",
        "who", "will", "with", "patient", "patients", "not", "no", "yes", "also", "than", "then",
        "had", "may", "can", "could", "would", "should", "per",
    }
)  # fmt: skip
# Letters with accents are letters: "Cardíaca", "Hämoglobin" (walk 47b D13: read as "card" and
# "aca", "moglobin").
_TOKEN = re.compile(r"[^\W\d_](?:[^\W\d_]|-){2,}|\d+(?:\.\d+)?")

# Words that carry a sentence without being a claim of their own: reporting verbs, time and
# degree words, pronouns. A sentence is judged by the rest.
_CARRIERS = frozenset(
    {
        "history", "found", "finding", "findings", "showed", "shows", "show", "shown", "noted",
        "notes", "note", "documented", "reported", "reports", "report", "described", "stated",
        "states", "given", "give", "gave", "giving", "received", "receiving", "started",
        "continued", "remains", "remained", "being", "does", "did", "done", "during", "after",
        "before", "since", "until", "while", "when", "where", "what", "about", "over", "under",
        "again", "currently", "current", "recently", "recent", "previously", "prior", "past", "now",
        "today", "later", "also", "still", "further", "other", "both", "each", "all", "any", "some",
        "more", "most", "less", "very", "well", "due", "because", "following", "followed", "him",
        "them", "our", "your", "you", "day", "days", "week", "weeks", "month", "months", "year",
        "years", "old", "time", "times", "daily", "dose", "doses", "taking", "takes", "take",
        "taken", "using", "used", "uses", "use", "including", "includes", "include", "included",
        "per", "via", "presented", "presents", "admitted", "seen", "went", "made", "make", "has",
        "having", "get", "got", "one", "two", "three", "first", "second", "level", "levels",
        "value", "result", "results", "test", "tests", "studies", "showing", "revealed",
        "reveals", "came", "come",
        "demonstrated", "demonstrates", "consistent", "known", "diagnosed", "diagnosis", "treated",
        "treatment", "therapy", "plan", "planned", "record", "records", "documents",
        "document", "mentioned", "according", "evidence", "rose", "rise", "risen", "rising", "fell",
        "fall", "fallen", "falling", "down", "up", "increased", "decreased", "four", "five", "six",
        "seven", "eight", "nine", "ten", "hours", "hour", "once", "twice", "then", "heard", "felt",
        "present", "performed", "occurred", "took", "completed", "previous", "count", "counts",
        "episode", "episodes", "above", "below", "within", "range", "beyond",
        # A change its numbers state ("lost 13 kg, from 64 kg to 51 kg"), and the time points
        # the value checks judge ("at presentation", "on arrival").
        "lost", "loss", "lose", "gained", "gain", "dropped", "presentation", "arrival",
        # An absence the assertion checks judge ("without losing consciousness" ~ "no LOC").
        "without", "losing",
        # How a value kept to a range over a time ("stayed between 126 and 129 throughout",
        # "ranged from", "hovered around"): the values and their time points are judged.
        "stayed", "stay", "stays", "staying", "between", "throughout", "ranged", "ranging",
        "varied", "varying", "hovered", "hovering", "remaining", "consistently", "persistently",
        "around", "approximately", "roughly", "nearly", "almost",
        # A degree word before a comparison ("just above the upper limit"): the values judge it.
        "just",
    }
)  # fmt: skip
# A side written as its capital letter ("L 10.8 cm, R 11.2 cm", "R 2nd toe"), not the litre of
# "1.6 L": it says "left" or "right".
_SIDE_LETTER = re.compile(r"(?<![A-Za-z0-9./])(?<!\d )(?P<side>[LR])(?![A-Za-z0-9])")
_SIDE_WORDS = {"L": "left", "R": "right"}
# What a gestational age in figures ("35w2d", "33/40") says without the word.
_GESTATION_WORDS = ("gestation", "gestational", "pregnancy", "pregnant")
_SUFFIXES = (
    "ically", "ations", "ation", "ments", "ment", "ness", "ings", "ing", "ies", "ied", "ed",
    "es", "ly", "al", "ic", "s", "y", "e",
)  # fmt: skip
_STEM = 6  # letters a stem keeps: "hypertension" ~ "hypertensive", "catheter" ~ "catheterization"

# "The documents do not mention ...", "No record of ...", "Not found in the selected documents."
_SILENT = re.compile(
    r"\b(?:(?:do(?:es)?|did|is|are|was|were)\s*(?:not|n't)\s+(?:mention|documented|recorded|"
    r"stated?|specif|describ|report|record|say|include|contain|found|available|given|provide|"
    r"list|note|address|indicate)"
    r"|not\s+(?:mentioned|documented|recorded|stated|specified|described|reported|found|"
    r"available|provided|listed|noted|given|known|clear)"
    r"|no\s+(?:mention|record|documentation|information|data|details?|report)\b"
    r"|none\s+documented|nothing\s+(?:is\s+)?(?:documented|recorded|mentioned)"
    r"|(?:unclear|unknown)\s+from\s+the|cannot\s+be\s+determined|not\s+in\s+(?:the\s+)?documents)",
    re.I,
)


def content_words(text: str) -> set[str]:
    """Lower-cased words (3+ letters, no stopwords; British spellings folded to American) and
    numbers: what lexical overlap compares."""
    return {american(t) for t in _TOKEN.findall(text.lower()) if t not in STOPWORDS}


def class_words_carried(text: str, words: Iterable[str], evidence: str) -> set[str]:
    """The ``words`` of ``text`` that name a drug class of which ``evidence`` names a member
    (walk 26: "Yes, she is on a beta blocker." shares no word with "Bisoprolol 2.5 mg once
    daily", yet says what it says)."""
    carried = default_vocabulary().exemplified_class_words(text, evidence)
    return {w for w in words if fold(w) in carried} if carried else set()


def stem(word: str) -> str:
    """A crude stem: the word (British spelling folded to American) without one inflectional
    suffix, cut to six letters."""
    w = american(word.lower())
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            w = w[: -len(suffix)]
            break
    return w[:_STEM]


# Words and numbers as a copy keeps them: punctuation, case and list dashes aside.
_COPY_TOKEN = re.compile(r"[^\W_]+")
# Fewer words than this are no copy to speak of ("No." is in most passages).
_COPY_MIN_WORDS = 3


_COPY_CLAUSE = re.compile(r"[.;!?]+(?:\s|$)|\n\s*\n")  # a line break inside a sentence joins
# Words after a copied run, in its clause, that undo or deny it.
_TAKEN_BACK = frozenset(
    {"stopped", "discontinued", "ceased", "held", "withheld", "suspended", "not", "no", "never",
     "declined", "refused", "negative", "excluded", "unlikely", "ruled", "changed", "switched",
     "replaced", "reduced", "increased", "previously", "until", "if", "planned", "proposed"}
)  # fmt: skip


def copied_from(text: str, evidence: str) -> bool:
    """Whether ``text`` is ``evidence``'s own words, all of them in the same order with nothing
    between (punctuation, case and spacing aside): "Penicillin - anaphylaxis (1988)" from
    "ALLERGIES: Penicillin - anaphylaxis (1988). No other known drug allergies." Words left out
    do not count as copied: "No allergies" from "No other known drug allergies" may not say the
    same; nor does a copy whose clause goes on to take it back ("... - stopped on admission")."""
    words = _COPY_TOKEN.findall(text.lower())
    if len(words) < _COPY_MIN_WORDS:
        return False
    size = len(words)
    # Most sentences are no copy: one substring test over the whole passage says so at once.
    joined = " " + " ".join(_COPY_TOKEN.findall(evidence.lower())) + " "
    if " " + " ".join(words) + " " not in joined:
        return False
    for clause in _COPY_CLAUSE.split(evidence.lower()):
        tokens = _COPY_TOKEN.findall(clause)
        for at in range(len(tokens) - size + 1):
            # The rest of the passage's clause may take the copied words back ("Aspirin 75 mg
            # once daily - stopped on admission", review 31b): then it is no copy of a claim.
            if tokens[at : at + size] == words and not _TAKEN_BACK & set(tokens[at + size :]):
                return True
    return False


def says_documents_silent(text: str) -> bool:
    """Whether the sentence says the documents do not give something (no claim to check)."""
    return _SILENT.search(text) is not None


# The label of a list line a template has the model write, one item a line: "Medication 2:",
# "Problem:", "Allergy:", "Risk factor:", "Active problem #1:", "Discharge diagnosis:". Its words
# name the list, not the item: a passage holding them ("medications") supports nothing.
_LIST_KINDS = (
    r"medications?|medicines?|drugs?|problems?|diagnos[ie]s|allerg(?:y|ies)|intolerances?"
    r"|(?:risk\s+)?factors?|conditions?|comorbidit(?:y|ies)|issues?|items?"
)
_LIST_QUALIFIERS = (
    r"current|active|past|previous|resolved|principal|primary|secondary|main|discharge|admission"
    r"|admitting|stopped|new|known|regular|working|other|chronic|significant|drug|medication"
)
_LIST_LABEL = re.compile(
    rf"^\s*(?P<label>(?:(?:{_LIST_QUALIFIERS})\s+){{0,2}}(?:{_LIST_KINDS}))"
    r"\s*(?:#?\d{1,2}|\(\d{1,2}\))?\s*:\s*(?=\S)",
    re.IGNORECASE,
)
# The list labels whose items are medicines.
_MEDICATION_LIST = re.compile(r"medication|medicine|drug(?!\s+allerg)", re.IGNORECASE)


@dataclass(frozen=True)
class ListItem:
    label: str  # "Medication 2", as written
    start: int  # where the item begins in the line
    medicines: bool  # whether the list is of medicines ("Medication 2:", not "Drug allergy:")


def list_item(line: str) -> ListItem | None:
    """The item of a "Label: item" list line ("Risk factor: Family history"), or None for other
    sentences. Only the labels of lists (medications, problems, diagnoses, allergies, risk
    factors) count: "Chest X-ray: clear" is a finding whose label is part of the claim."""
    match = _LIST_LABEL.match(line)
    if match is None:
        return None
    label = match.group("label")
    medicines = _MEDICATION_LIST.search(label) is not None and "allerg" not in label.lower()
    return ListItem(line[match.start("label") : match.end()].rstrip(" :"), match.end(), medicines)


@dataclass(frozen=True)
class Coverage:
    terms: tuple[str, ...]  # the sentence's clinical words, as written (lower case), in order
    missing: tuple[str, ...]  # those the cited passages lack


def _words(text: str) -> list[str]:
    out: list[str] = []
    for token in _TOKEN.findall(text.lower()):
        if token[0].isdigit():
            continue
        for part in token.split("-"):
            if len(part) >= 3 and part not in STOPWORDS and part not in _CARRIERS:
                out.append(part)
    return list(dict.fromkeys(out))


def _without_values(text: str) -> str:
    """``text`` with its numbers, doses, dates and dosing regimens blanked out ("March 2023",
    "500 mcg", "every morning", "when required"): the value and frequency checks judge those."""
    spans = [(v.start, v.start + len(v.raw)) for v in extract_values(text)]
    spans += [(f.start, f.end) for f in frequencies(text)]
    spans += [span for f in frequencies(text) for span in f.parts]
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


@lru_cache(maxsize=256)
def _stems(evidence: str) -> frozenset[str]:
    """The stems of ``evidence``'s words, with its abbreviations' senses, the abbreviations of
    the senses it spells out ("myocardial infarction" covers "MI"), and every name of the
    measures it names ("SpO2" covers "oxygen saturation", "wt" covers "weight"). Cached: a
    summary's sentences cite the same passages again and again."""
    abbreviations = default_abbreviations()
    stems = {stem(w) for w in _words(_without_values(evidence))}
    stems |= {stem(key) for key in abbreviations.spelled_out(evidence)}
    stems |= {stem(w) for name in measure_names(evidence) for w in _words(name)}
    stems |= {stem(_SIDE_WORDS[m.group("side")]) for m in _SIDE_LETTER.finditer(evidence)}
    if mentions_gestational_age(evidence):
        stems |= {stem(w) for w in _GESTATION_WORDS}
    stems |= {
        stem(w) for w in month_words(evidence) | eye_chart_words(evidence) | range_words(evidence)
    }
    return frozenset(stems | {s for phrase in _expansions(evidence) for s in phrase})


def _phrase_stems(text: str) -> tuple[str, ...]:
    """The stems of every word of ``text`` but stopwords, carrier words included: how a phrase
    is compared whole ("family history" keeps its "history")."""
    return tuple(
        stem(part)
        for token in _TOKEN.findall(text.lower())
        if not token[0].isdigit()
        for part in token.split("-")
        if len(part) >= 3 and part not in STOPWORDS
    )


@lru_cache(maxsize=256)
def _expansions(evidence: str) -> tuple[tuple[str, ...], ...]:
    """The stems of what ``evidence``'s abbreviations and shorthand stand for, phrase by phrase
    ("CRP": "c-reactive protein"; "GP": "general practitioner", "family doctor", ...)."""
    abbreviations = default_abbreviations()
    senses = [
        sense
        for key in abbreviations.abbreviations_in(evidence)
        for sense in abbreviations.senses[key][:2]
    ]
    phrases = tuple(stems for stems in map(_phrase_stems, senses) if stems)
    return phrases + _shorthand(evidence)


@lru_cache(maxsize=256)
def _shorthand(evidence: str) -> tuple[tuple[str, ...], ...]:
    """The stems of what ``evidence``'s clinical shorthand stands for ("GP": "family doctor")."""
    senses = [
        phrase
        for short, phrases in SHORTHAND.items()
        if re.search(rf"(?<![^\W\d_]){short}(?![^\W\d_])", evidence, re.I)
        for phrase in phrases
    ]
    return tuple(stems for stems in map(_phrase_stems, senses) if stems)


@lru_cache(maxsize=256)
def _qualifiers(evidence: str) -> dict[str, tuple[frozenset[str], ...]]:
    """The stems ``evidence`` holds only as a qualifier in what its shorthand stands for, each
    with the other stems of its phrases: "family" of "GP" = "family doctor". Such a word says
    what the shorthand says only beside the rest of its phrase (walk 32: "Risk factor: Family
    history" passed on a note whose only "family" was its GP). The abbreviation dictionary's
    senses are left alone: there the first word is often the disease itself ("hepatitis" of
    "HCV", "hepatitis C virus"), which a sentence names without the rest."""
    phrases = _shorthand(evidence)
    standalone = _stems_of_own_words(evidence) | {phrase[-1] for phrase in _expansions(evidence)}
    found: dict[str, list[frozenset[str]]] = {}
    for phrase in phrases:
        for qualifier in phrase[:-1]:
            if qualifier not in standalone:
                found.setdefault(qualifier, []).append(frozenset(phrase) - {qualifier})
    return {q: tuple(rest) for q, rest in found.items()}


def _stems_of_own_words(evidence: str) -> frozenset[str]:
    """``evidence``'s stems without its abbreviations' and shorthand's senses."""
    expanded = {s for phrase in _expansions(evidence) for s in phrase}
    own = {stem(w) for w in _words(_without_values(evidence))}
    return frozenset(s for s in _stems(evidence) if s not in expanded or s in own)


def _clipped(stems: frozenset[str]) -> tuple[str, ...]:
    """The evidence's short words that may be clipped forms of longer ones, as notes write them
    ("hypos" for hypoglycaemic episodes, "rehab", "chemo", "physio"): whole words of four or
    five letters, shorter than a stem is cut to."""
    return tuple(s for s in stems if 4 <= len(s) < _STEM)


def _covered(word: str, stems: frozenset[str]) -> bool:
    """Whether ``stems`` hold ``word``: its stem, its singular where it is a plural of a short
    word ("INRs" ~ "INR"), or a clipped form it starts with ("hypoglycaemic" ~ "hypos")."""
    mine = stem(word)
    if mine in stems:
        return True
    if word.endswith("s") and not word.endswith("ss") and stem(word[:-1]) in stems:
        return True
    return any(mine.startswith(c) for c in _clipped(stems))


def coverage(body: str, evidence: str, lexicon: MedicationLexicon) -> Coverage:
    """Which clinical words of ``body`` (a sentence, citations masked) ``evidence`` lacks.
    A drug the evidence does not name is left out: unverified_medication flags it."""
    abbreviations = default_abbreviations()
    body = _without_values(body)
    evidence_stems = _stems(evidence)
    covered: set[str] = set()
    drugs: set[str] = set()
    for start, end, name in lexicon.spans(body):
        drugs |= set(_words(body[start:end]))
        if lexicon.supported(evidence, name):
            covered |= set(_words(body[start:end]))
    for key in abbreviations.abbreviations_in(body):
        senses = abbreviations.senses[key][:2]
        if any(_words(s) and all(stem(w) in evidence_stems for w in _words(s)) for s in senses):
            covered.add(key.lower())
    covered |= class_words_carried(body, _words(body), evidence)
    terms = [w for w in _words(body) if w in covered or w not in drugs]
    qualifiers = _qualifiers(evidence)
    plain_stems = evidence_stems - qualifiers.keys()
    body_stems = set(_phrase_stems(body))

    def held(word: str) -> bool:
        if word in covered or _covered(word, plain_stems):
            return True
        return any(rest & body_stems for rest in qualifiers.get(stem(word), ()))

    missing = tuple(w for w in terms if not held(w))
    return Coverage(tuple(terms), missing)
