"""What a sentence asserts about each clinical concept it names: negated or affirmed, which side,
historical or current, the patient or a relative, real or hypothetical.

This is the ConText algorithm (Harkema et al., J Biomed Inform 2009; NegEx, Chapman et al. 2001)
in a small module: trigger phrases open a scope that runs forward (or backward) to the end of the
sentence or to a termination term, and every concept word inside the scope takes the trigger's
value. A negation's scope also ends at a comma that opens a new claim rather than continuing a
list, and six words into one list item (NegEx's window; see ``_negation_scope``). The triggers
are the published NegEx/ConText lists (as shipped by medspaCy's default context rules), trimmed
to clinical English; laterality, "current" markers and relatives as experiencers are modifiers
of our own on top of them. medspaCy itself is not used: on Python 3.11
it pins spaCy and numpy below 2, and its sentence splitter logs tokens.

Concepts are found without an ontology: a concept is a content word (or a pair of adjacent ones,
so "type 1 diabetes" differs from "type 2 diabetes") that the answer sentence and a cited passage
share. A mismatch is reported only when every occurrence in the passages disagrees with the
sentence, so a word used both ways in the passages never raises a flag.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from medlocal.rag.citations import blank_citations
from medlocal.rag.sentences import split_sentences

# --- trigger lists ------------------------------------------------------------------------------
# NegEx / ConText negation triggers ("definite negated existence"), forward and backward.
_NEG_FORWARD = (
    "no", "not", "denies", "denied", "denying", "deny", "without", "no evidence of",
    "no evidence for", "no sign of", "no signs of", "negative for", "free of", "absence of",
    "absent", "never", "never had", "none", "neither", "nor", "fails to reveal",
    "failed to reveal", "does not have", "did not have", "no history of", "not seen",
    "no suspicious", "rules out", "ruled out", "resolved", "no findings of", "no new",
    "no complaints of", "not demonstrate", "not appreciated", "no further",
)  # fmt: skip
_NEG_BACKWARD = (
    "was ruled out", "were ruled out", "is ruled out", "has been ruled out", "unlikely",
    "was negative", "were negative", "is negative", "are negative", "not seen", "is absent",
    "was absent", "are absent", "were absent", "not present", "was not present", "resolved",
    "free", "does not", "do not", "did not", "is not", "was not",
    # Walk 26: an examination note puts the result after the test with no verb ("Phalen's test
    # negative; Tinel's sign negative").
    "negative",
)  # fmt: skip
# A result stated after the finding ("Phalen's test was positive") affirms it, whatever an
# earlier negation's window reached ("no ferritin result and Phalen's test was positive").
_AFFIRM_BACKWARD = ("positive", "was positive", "is positive", "were positive", "are positive")
# Words that end an affirmation's backward reach: the item before them is another finding.
_AFFIRM_STOPS = frozenset({",", "and", "or", "nor"})
# Phrases that contain a trigger but negate nothing (NegEx pseudo-triggers).
_PSEUDO = (
    "no increase", "no change", "no significant change", "not only", "no further change",
    "gram negative", "not necessarily", "without difficulty", "not certain if", "not ruled out",
    "no interval change", "not extend", "no suspicious change", "not cause", "triple negative",
)  # fmt: skip
_HISTORICAL = (
    "history of", "h/o", "hx of", "previous", "previously", "prior", "remote", "remote history",
    "past medical history", "past history", "status post", "s/p", "in the past", "years ago",
    "former", "formerly", "was diagnosed", "history",
)  # fmt: skip
# Our own: words that put a concept in the present episode (a mismatch needs both sides marked).
_CURRENT = (
    "currently", "current", "now", "active", "acute", "acutely", "presents with", "presented with",
    "presenting with", "presents for", "admitted with", "admitted for", "this admission",
    "ongoing", "today", "is receiving", "is undergoing", "new onset", "is having",
)  # fmt: skip
_HYPOTHETICAL = (
    "if", "should", "in case", "will be", "would be", "consider", "considering",
    "may need", "might", "planned", "plan to", "return if",
    "in the event",
)  # fmt: skip
# ConText experiencer triggers plus the relatives dictated notes name.
_RELATIVES = (
    "mother", "father", "brother", "sister", "son", "daughter", "aunt", "uncle", "cousin",
    "grandmother", "grandfather", "grandparent", "parent", "parents", "sibling", "siblings",
    "family history", "family history of", "fhx", "maternal", "paternal", "wife", "husband",
    "partner", "niece", "nephew", "twin",
)  # fmt: skip
_TERMINATORS = frozenset(
    {"but", "however", "although", "though", "except", "which", "whereas", "aside", "apart",
     "because", "since", "yet", "still", "who", "while", "then"}
)  # fmt: skip
_SIDES = {"left": "left", "right": "right", "bilateral": "bilateral", "both": "bilateral",
          "bilaterally": "bilateral", "l": "left", "r": "right"}  # fmt: skip

# Words that name the test or the act of reporting rather than a finding: a negation scope runs
# over them ("no recurrence on the mammogram") without saying the mammogram was not done.
_TESTS = frozenset(
    {"mammogram", "ct", "mri", "x-ray", "xray", "radiograph", "scan", "echocardiogram", "exam",
     "examination", "angiogram", "ultrasound", "study", "imaging", "radiotherapy", "radiation"}
)  # fmt: skip
_NOT_CONCEPTS = frozenset(
    {"report", "reports", "showed",
     "shows", "show", "seen", "found", "noted", "evidence", "present", "patient", "history",
     "was", "were", "has", "had", "have", "the", "and", "with", "for", "there", "this", "that",
     "she", "he", "her", "his", "they", "them", "also", "any", "are", "is", "be", "been", "of",
     "on", "in", "at", "to", "by", "from", "a", "an", "or", "as", "it", "its", "which", "who",
     "again", "small", "large", "new", "day", "days", "week", "weeks", "time", "today", "now",
     "currently", "active", "acute", "mild", "moderate", "severe", "complete", "completed",
     "performed", "given", "started", "takes", "received", "taking", "reported",
     "denies", "eye", "chest", "blood", "cultures", "culture", "age", "year", "years", "old",
     "impression", "findings", "finding", "diagnosis", "procedure", "note", "approach", "via",
     "left", "right", "bilateral", "both", "no", "not", "without", "prior", "previous", "remote",
     "status", "post", "family", "mother", "father", "brother", "sister", "son", "daughter",
     "if", "will", "should", "would", "may", "might", "consider", "planned", "scheduled"}
)  # fmt: skip

# Words that end in "s" without being plurals.
_SINGULAR_S = frozenset(
    {"diabetes", "herpes", "rabies", "scabies", "series", "species", "feces", "faeces", "mumps",
     "measles", "pancreas", "abscess", "ascites", "psoriasis", "pertussis", "tetanus", "status"}
)  # fmt: skip
# A word keeps its digits and inner hyphens ("HbA1c", "SpO2", "T4", "CA-125", "COVID-19") and an
# ion's or receptor's trailing "+" ("Na+", "HER2+"); commas are tokens, for the negation scope.
_TOKEN = re.compile(r"[A-Za-z](?:[A-Za-z0-9'/]|-(?=[A-Za-z0-9]))*\+?|\d+(?:\.\d+)?|[;:(),]")
_YEAR_CONTEXT = re.compile(r"\b(?:in|since|during|from)\s+(?:19|20)\d{2}\b", re.I)


@dataclass
class Assertion:
    negated: bool = False
    historical: bool = False
    current: bool = False
    family: str = ""  # the relative, when the concept concerns one
    hypothetical: bool = False
    side: str = ""


@dataclass(frozen=True)
class Mention:
    """One concept mention: its key (a word or a word pair), where it is, what is asserted."""

    key: str
    start: int  # offset in the text the sentence came from
    end: int
    sentence: str
    assertion: Assertion = field(compare=False)
    # A capitalised word after another ("Rosalind Thornbury"): a family name, shared by the
    # patient and the relatives the passage names with it.
    surname: bool = field(default=False, compare=False)


def _norm(word: str) -> str:
    w = word.lower().strip("'").rstrip("+")  # "Na+" ~ "Na"
    if w.endswith("'s"):
        w = w[:-2]
    # Plurals and simple inflections compare equal ("complications" ~ "complication").
    if w in _SINGULAR_S:
        return w
    for suffix in ("ies", "s"):
        if w.endswith(suffix) and len(w) > 4 and not w.endswith("ss") and not w.endswith("is"):
            return w[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return w


@dataclass(frozen=True)
class _Token:
    text: str  # lower case
    start: int
    end: int


def _tokens(text: str, offset: int, limit: int | None = None) -> list[_Token]:
    # Citation brackets are not words: "[1]" must not read as the "1" of "type 1 diabetes" or as a
    # value in a list item (blanked, so offsets stay those of ``text``). ``limit``: the highest
    # passage number, as the other readers of the text pass it (see ``is_reference_range``).
    text = blank_citations(text, limit)
    return [
        _Token(m.group().lower(), offset + m.start(), offset + m.end())
        for m in _TOKEN.finditer(text)
    ]


@lru_cache(maxsize=32)
def _index(phrases: tuple[str, ...]) -> dict[str, list[tuple[str, ...]]]:
    """Phrases by first word, longest first."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted({tuple(p.split()) for p in phrases}, key=len, reverse=True):
        index.setdefault(phrase[0], []).append(phrase)
    return index


def _phrases(tokens: Sequence[_Token], phrases: tuple[str, ...]) -> list[tuple[int, int]]:
    """(first, last+1) token indexes of the phrases in ``tokens``, left to right, the longest
    phrase winning where two start at the same word."""
    index = _index(phrases)
    words = [t.text for t in tokens]
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        for phrase in index.get(words[i], ()):
            if tuple(words[i : i + len(phrase)]) == phrase:
                found.append((i, i + len(phrase)))
                i += len(phrase)
                break
        else:
            i += 1
    return found


def _is_break(token: _Token) -> bool:
    return token.text in _TERMINATORS or token.text in {";", ":", "("}


def _forward(tokens: Sequence[_Token], end: int, limit: int | None = None) -> range:
    stop = end
    while stop < len(tokens) and not _is_break(tokens[stop]):
        stop += 1
        if limit is not None and stop - end >= limit:
            break
    return range(end, stop)


def _backward(tokens: Sequence[_Token], start: int, limit: int | None = None) -> range:
    first = start
    while first > 0 and not _is_break(tokens[first - 1]):
        first -= 1
        if limit is not None and start - first >= limit:
            break
    return range(first, start)


# NegEx read a window of five words after a trigger; ConText ends the scope at a termination
# term instead. Both apply here: the window (a little wider, as "no evidence of" is one trigger)
# counts the words of one list item and starts again after a comma that continues the list, or
# at "or"/"nor", which open the next thing denied ("chest pain or shortness of breath or
# palpitations").
_NEG_WINDOW = 6
# Words the window does not count: articles, prepositions, possessives and coordinators, and the
# position words that place a finding ("no pain in the left lower quadrant of the abdomen
# radiating to the back" is one finding, not eleven words).
_NEG_UNCOUNTED = frozenset(
    {"a", "an", "the", "of", "in", "on", "at", "to", "into", "onto", "from", "with", "within",
     "by", "for", "over", "under", "his", "her", "their", "its", "my", "your", "our", "any",
     "and", "or", "nor", "left", "right", "bilateral", "both", "upper", "lower", "mid", "l",
     "r"}
)  # fmt: skip
_NEG_ITEM_OPENERS = frozenset({"or", "nor"})
# A list item holding one of these is a new clause ("denies chest pain, reports dyspnoea"; "no
# fever, she has a cough"; "no rash, pruritus present"), not one more thing the trigger denies.
_CLAUSE_WORDS = frozenset(
    {"he", "she", "they", "we", "i", "it", "there", "patient", "pt", "reports", "reported",
     "reporting", "endorses", "endorsed", "complains", "complained", "complaining", "admits",
     "describes", "described", "notes", "noted", "has", "had", "have", "having", "is", "was",
     "are", "were", "shows", "showed", "shown", "presents", "presented", "states", "stated",
     "feels", "felt", "takes", "took", "taking", "started", "continues", "continued", "remains",
     "remained", "developed", "underwent", "received", "requires", "required", "needs",
     "tolerates", "tolerated", "present", "positive", "seen", "found", "confirmed", "suspected",
     "likely"}
)  # fmt: skip


def _continues_list(tokens: Sequence[_Token], i: int, step: int, triggers: set[int]) -> bool:
    """Whether the list item starting at token ``i`` (read in direction ``step``) is one more
    thing a negation names: no value in it ("HbA1C 58"), no verb or subject of a new clause, no
    trigger of its own."""
    seen = False
    while 0 <= i < len(tokens) and tokens[i].text != "," and not _is_break(tokens[i]):
        t = tokens[i].text
        if t[0].isdigit() or t in _CLAUSE_WORDS or i in triggers:
            return False
        seen = True
        i += step
    return seen


def _negation_scope(tokens: Sequence[_Token], i: int, step: int, triggers: set[int]) -> list[int]:
    """Token indexes a negation trigger governs, from ``i`` forward (step 1) or backward (-1): to
    a termination term, the end of the sentence, a comma that opens a new item or clause, or
    ``_NEG_WINDOW`` counted words into one item (an "or" or "nor" starts a new item)."""
    scope: list[int] = []
    words = 0
    while 0 <= i < len(tokens) and not _is_break(tokens[i]):
        if tokens[i].text == ",":
            if not _continues_list(tokens, i + step, step, triggers):
                break
            words = 0
        else:
            scope.append(i)
            if tokens[i].text in _NEG_ITEM_OPENERS:
                words = 0
            elif tokens[i].text not in _NEG_UNCOUNTED:
                words += 1
                if words >= _NEG_WINDOW:
                    break
        i += step
    return scope


def _sentence_assertions(tokens: Sequence[_Token], text: str) -> list[Assertion]:
    out = [Assertion() for _ in tokens]
    pseudo = {i for s, e in _phrases(tokens, _PSEUDO) for i in range(s, e)}

    def live(span: tuple[int, int]) -> bool:
        return not pseudo.intersection(range(*span))

    triggers = {
        i
        for phrases in (_NEG_FORWARD, _NEG_BACKWARD, _HISTORICAL, _CURRENT, _HYPOTHETICAL)
        for start, end in _phrases(tokens, phrases)
        for i in range(start, end)
    }
    for span in _phrases(tokens, _NEG_FORWARD):
        if live(span):
            for i in _negation_scope(tokens, span[1], 1, triggers):
                out[i].negated = True
    for span in _phrases(tokens, _NEG_BACKWARD):
        if live(span):
            for i in _negation_scope(tokens, span[0] - 1, -1, triggers):
                out[i].negated = True
    _affirmations(tokens, out, live)
    for span in _phrases(tokens, _HISTORICAL):
        for i in _forward(tokens, span[1]):
            out[i].historical = True
    if _YEAR_CONTEXT.search(text):  # "DVT of the right leg in 2017": the whole sentence is past
        for a in out:
            a.historical = True
    for span in _phrases(tokens, _CURRENT):
        for i in (*_backward(tokens, span[0]), *_forward(tokens, span[1])):
            out[i].current = True
    for span in _phrases(tokens, _HYPOTHETICAL):
        for i in _forward(tokens, span[1]):
            out[i].hypothetical = True
    for span in _phrases(tokens, _RELATIVES):
        relative = " ".join(t.text for t in tokens[span[0] : span[1]])
        # "Her mother has X" and "X in his brother": the relative governs its whole clause.
        for i in (*_backward(tokens, span[0]), *_forward(tokens, span[1])):
            out[i].family = relative
    _sides(tokens, out)
    return out


def _affirmations(
    tokens: Sequence[_Token], out: list[Assertion], live: Callable[[tuple[int, int]], bool]
) -> None:
    """Clear the negation of the finding a "positive" names just before it (back to a comma or
    a conjunction), unless that "positive" is itself negated ("not positive")."""
    for span in _phrases(tokens, _AFFIRM_BACKWARD):
        if not live(span) or out[span[1] - 1].negated:
            continue
        i = span[0] - 1
        while i >= 0 and not _is_break(tokens[i]) and tokens[i].text not in _AFFIRM_STOPS:
            out[i].negated = False
            i -= 1


def _sides(tokens: Sequence[_Token], out: list[Assertion]) -> None:
    """A side word qualifies the next few words ("left upper lobe nodule") and, across "of"/
    "to" ("MRI of the right knee"), the noun just before it."""
    for i, token in enumerate(tokens):
        side = _SIDES.get(token.text) or _SIDES.get(token.text.split("-")[0], "")
        if not side or (len(token.text) == 1 and i + 1 < len(tokens) and tokens[i + 1].text == "/"):
            continue
        if token.text in ("l", "r") and not (i + 1 < len(tokens) and tokens[i + 1].text.isalpha()):
            continue
        for j in _forward(tokens, i + 1, limit=4):
            out[j].side = out[j].side or side
        k = i - 1
        while k >= 0 and tokens[k].text in ("the", "a", "his", "her"):
            k -= 1
        if k >= 1 and tokens[k].text in ("of", "to", "in", "on"):
            for j in _backward(tokens, k, limit=4):
                out[j].side = out[j].side or side


# A heading in capitals (a few words, no sentence's full stop) names a section, not a finding; a
# note typed in capitals says what it finds with a trigger ("PT DENIES CP", "NO FEVER").
_HEADING = re.compile(r"[^a-z.!?]{0,60}[A-Z][^a-z.!?]{0,60}")
_HEADING_WORDS = 5
_TRIGGERS = frozenset(_NEG_FORWARD + _NEG_BACKWARD)


def _is_heading(sentence: str) -> bool:
    if _HEADING.fullmatch(sentence) is None:
        return False
    words = sentence.lower().split()
    return len(words) <= _HEADING_WORDS and not any(w.strip(":;,") in _TRIGGERS for w in words)


def mentions(text: str, limit: int | None = None) -> list[Mention]:
    """Concept mentions of ``text`` with their assertions, sentence by sentence (``limit``: the
    highest passage number its citations may name, None when not known)."""
    found: list[Mention] = []
    for sentence in split_sentences(text):
        if _is_heading(sentence.text):
            continue  # walk 24: "DISCHARGE SUMMARY" reports no discharge as present
        tokens = _tokens(sentence.text, sentence.start, limit)
        assertions = _sentence_assertions(tokens, sentence.text)
        words = [_norm(t.text) for t in tokens]
        for i, token in enumerate(tokens):
            if not _is_concept(words[i], token.text):
                continue
            surname = _is_surname(sentence.text, sentence.start, tokens, i)
            found.append(
                Mention(words[i], token.start, token.end, sentence.text, assertions[i], surname)
            )
            if i + 1 < len(tokens) and _is_concept(words[i + 1], tokens[i + 1].text, pair=True):
                key = f"{words[i]} {words[i + 1]}"
                found.append(
                    Mention(key, token.start, tokens[i + 1].end, sentence.text, assertions[i])
                )
            elif i > 0 and tokens[i - 1].text[0].isdigit():
                key = f"{words[i - 1]} {words[i]}"  # "1 diabetes" in "type 1 diabetes"
                found.append(
                    Mention(key, tokens[i - 1].start, token.end, sentence.text, assertions[i])
                )
    return found


def _is_surname(sentence: str, start: int, tokens: Sequence[_Token], i: int) -> bool:
    def capitalised(token: _Token) -> bool:
        raw = sentence[token.start - start : token.end - start]
        return raw[:1].isupper() and raw[1:2].islower()

    return i > 0 and capitalised(tokens[i]) and capitalised(tokens[i - 1])


def _is_concept(word: str, raw: str, pair: bool = False) -> bool:
    if pair and raw[:1].isdigit():
        return False
    return len(word) >= 2 and word.isascii() and word[0].isalpha() and word not in _NOT_CONCEPTS


@dataclass(frozen=True)
class Mismatch:
    dimension: str  # negation, laterality, historical, experiencer, hypothetical
    mention: Mention  # in the sentence
    evidence: Mention  # a passage mention that disagrees (for the quote)
    message: str


def index_mentions(text: str) -> dict[str, list[Mention]]:
    """The concept mentions of ``text`` by key (what ``compare`` reads from the passages)."""
    index: dict[str, list[Mention]] = {}
    for m in mentions(text):
        index.setdefault(m.key, []).append(m)
    return index


def compare(
    sentence: str,
    passages: str | Mapping[str, Sequence[Mention]],
    offset: int = 0,
    limit: int | None = None,
) -> list[Mismatch]:
    """Concepts of ``sentence`` whose assertion every mention in ``passages`` (a text, or its
    ``index_mentions``) contradicts. Offsets of the returned mentions are shifted by ``offset``;
    ``limit``: the highest passage number the sentence's citations may name."""
    evidence = index_mentions(passages) if isinstance(passages, str) else passages
    results: list[Mismatch] = []
    seen: set[str] = set()
    # Word pairs first, so a flag names "pulmonary embolism" rather than "pulmonary".
    for mention in sorted(mentions(sentence, limit), key=lambda m: " " not in m.key):
        others = evidence.get(mention.key)
        if not others:
            continue
        for dimension, disagrees in _CHECKS:
            if dimension in seen or (mention.key in _TESTS and dimension != "laterality"):
                continue
            if dimension == "experiencer" and any(o.surname for o in others):
                # Walk 26: "given to Margaret Thornbury" is not about "her daughter Rosalind
                # Thornbury"; the relative's own given name still is.
                continue
            if all(disagrees(mention.assertion, o.assertion) for o in others):
                other = others[0]
                seen.add(dimension)
                shifted = Mention(
                    mention.key,
                    mention.start + offset,
                    mention.end + offset,
                    mention.sentence,
                    mention.assertion,
                )
                words = sentence[mention.start : mention.end]
                results.append(
                    Mismatch(dimension, shifted, other, _message(dimension, words, mention, other))
                )
    return results


def _negation(a: Assertion, b: Assertion) -> bool:
    return a.negated != b.negated and not a.hypothetical and not b.hypothetical


def _laterality(a: Assertion, b: Assertion) -> bool:
    return bool(a.side) and bool(b.side) and a.side != b.side


def _historical(a: Assertion, b: Assertion) -> bool:
    return (a.current and b.historical and not b.current) or (
        a.historical and not a.current and b.current and not b.historical
    )


def _experiencer(a: Assertion, b: Assertion) -> bool:
    return bool(a.family) != bool(b.family)


def _hypothetical(a: Assertion, b: Assertion) -> bool:
    return b.hypothetical and not a.hypothetical and not a.negated


_CHECKS = (
    ("negation", _negation),
    ("laterality", _laterality),
    ("experiencer", _experiencer),
    ("historical", _historical),
    ("hypothetical", _hypothetical),
)


def _quote(sentence: str, limit: int = 160) -> str:
    text = " ".join(sentence.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _message(dimension: str, concept: str, mine: Mention, other: Mention) -> str:
    a, b = mine.assertion, other.assertion
    quote = f'"{_quote(other.sentence)}"'
    if dimension == "negation":
        # Say the passage's own polarity: walk 26 read "reports it as present" beside a passage
        # that says "Phalen's test negative".
        said = "reports it as negative or absent" if b.negated else "reports it as present"
        return f"'{concept}': the cited passage {said}: {quote}"
    if dimension == "laterality":
        return f"'{concept}': this says {a.side}, the cited passage says {b.side}: {quote}"
    if dimension == "experiencer":
        whose = f"the patient's {b.family}" if b.family else "the patient"
        return f"'{concept}': the cited passage says this concerns {whose}: {quote}"
    if dimension == "historical":
        when = "a past event" if b.historical else "current"
        return f"'{concept}': the cited passage describes this as {when}: {quote}"
    return f"'{concept}': the cited passage mentions this only as a possibility: {quote}"
