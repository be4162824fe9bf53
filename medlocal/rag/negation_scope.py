"""How far a negation trigger reaches: NegEx's window of words and ConText's termination terms,
over one list item, clause or result."""

from __future__ import annotations

from collections.abc import Sequence

from medlocal.rag.assertion_tokens import DASHES, Token, before_aside, is_break

# NegEx read a window of five words after a trigger; ConText ends the scope at a termination
# term instead. Both apply here: the window (a little wider, as "no evidence of" is one trigger)
# counts the words of one list item and starts again after a comma that continues the list, or
# at "or"/"nor", which open the next thing denied ("chest pain or shortness of breath or
# palpitations").
_NEG_WINDOW = 6
# Words the window does not count: articles, prepositions, possessives and coordinators, and the
# position words that place a finding ("no pain in the left lower quadrant of the abdomen
# radiating to the back" is one finding, not eleven words).
NEG_UNCOUNTED = frozenset(
    {"a", "an", "the", "of", "in", "on", "at", "to", "into", "onto", "from", "with", "within",
     "by", "for", "over", "under", "his", "her", "their", "its", "my", "your", "our", "any",
     "and", "or", "nor", "left", "right", "bilateral", "both", "upper", "lower", "mid", "l",
     "r"}
)  # fmt: skip
# Each starts a new item, so "hepatitis B surface antigen and hepatitis C antibody were
# negative" reaches both.
NEG_ITEM_OPENERS = frozenset({"or", "nor", "and"})
# After "and" or "or", a subject or a finite verb before the next comma opens a new clause
# that the negation does not reach: "denies suicidal thoughts and is euthymic", "no known drug
# allergies and his immunizations are up to date". Participles that may close the list itself
# ("no fever and chills reported") are not among them.
_CONJUNCTIONS = frozenset({"and", "or"})
NEW_CLAUSE = frozenset(
    {"he", "she", "they", "we", "i", "it", "there", "patient", "pt", "is", "are", "was", "were",
     "has", "have", "had", "reports", "complains", "describes", "states", "feels", "remains",
     "continues", "takes", "says", "admits", "endorses", "appears", "looks", "tolerates",
     "needs", "requires",
     # Their past forms that cannot close a list of things denied ("denied hitting her head and
     # complained of hip pain"; "reported" and "noted" can: "no fever and chills reported").
     "complained", "described", "stated", "said", "felt", "took", "developed", "underwent",
     "endorsed", "became", "noticed", "sustained", "went", "walked",
     # An instruction of its own after "and": "Avoid NSAIDs and continue aspirin" does not deny
     # the aspirin (review 31).
     "continue", "resume", "restart", "commence", "keep"}
)  # fmt: skip
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
     "likely",
     # A grade or stage given: "without ulceration, staged pT1a" stages, it denies nothing.
     "staged", "graded", "classified", "scored", "measured", "measuring", "rated"}
)  # fmt: skip


def _continues_list(tokens: Sequence[Token], i: int, step: int, triggers: set[int]) -> bool:
    """Whether the list item starting at token ``i`` (read in direction ``step``) is one more
    thing a negation names: no value in it ("HbA1C 58"), no verb or subject of a new clause, no
    trigger of its own."""
    seen = False
    while 0 <= i < len(tokens) and tokens[i].text != "," and not is_break(tokens[i]):
        t = tokens[i].text
        if t[0].isdigit() or t in _CLAUSE_WORDS or i in triggers:
            return False
        seen = True
        i += step
    return seen


def _opens_clause(tokens: Sequence[Token], i: int) -> bool:
    """Whether the words from token ``i`` to the next comma or break hold a subject or a finite
    verb (``NEW_CLAUSE``): a new clause rather than one more thing denied."""
    while i < len(tokens) and tokens[i].text != "," and not is_break(tokens[i]):
        if tokens[i].text in NEW_CLAUSE:
            return True
        i += 1
    return False


# Words that open a subject of its own after "and": "grew S. pneumoniae and her PCR was
# negative" says nothing negative of what grew; "fever and chills were absent" denies both.
_SUBJECT_OPENERS = frozenset(
    {"he", "she", "they", "it", "her", "his", "their", "its", "the", "this", "that", "these",
     "those", "patient", "pt"}
)  # fmt: skip


def ends_scope(tokens: Sequence[Token], i: int, step: int) -> bool:
    """Whether the conjunction at token ``i`` ends a negation's scope: forward, where a new
    clause follows it or an item with a value of its own ("no double vision and a clinical
    activity score of 1/7"); backward, where the trigger's clause has a subject of its own after
    it."""
    if step == 1:
        return _opens_clause(tokens, i + 1) or _holds_a_value(tokens, i + 1)
    return i + 1 < len(tokens) and tokens[i + 1].text in _SUBJECT_OPENERS


def _holds_a_value(tokens: Sequence[Token], i: int) -> bool:
    """Whether the words from token ``i`` to the next comma, conjunction or break give a number:
    a finding measured is one reported, not one more thing denied."""
    while i < len(tokens) and tokens[i].text not in {",", *_CONJUNCTIONS}:
        if is_break(tokens[i]):
            return False
        if tokens[i].text[0].isdigit() and not _a_duration(tokens, i):
            return True
        i += 1
    return False


# A number that says how long, not what was measured: "nausea and vomiting x 3 days", "and
# cough for 2 weeks" are still denied.
_DURATION_BEFORE = frozenset({"x", "for", "over", "past", "last", "since", "within"})
_DURATION_UNITS = frozenset(
    {"day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours", "h",
     "hrs", "d", "wk", "wks", "min", "mins", "minutes"}
)  # fmt: skip


def _a_duration(tokens: Sequence[Token], i: int) -> bool:
    before = tokens[i - 1].text if i > 0 else ""
    after = tokens[i + 1].text if i + 1 < len(tokens) else ""
    return before in _DURATION_BEFORE or after in _DURATION_UNITS


# What a denial is bounded by rather than what it denies: a duration ("no sex for 7 days after
# treatment": the treatment is not denied) or what it lasts until ("no driving until reviewed").
_NUMBER_WORDS = frozenset(
    {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
     "twelve", "several", "a", "an", "the", "at", "another", "few"}
)  # fmt: skip


# What a "for" must reach to say how long ("for 7 days", "for a week", "for the next 3 months"):
# "No need for a blood transfusion" denies the transfusion; its "for a" says no length (review 31).
_TIME_UNITS = frozenset(
    {"second", "seconds", "minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs", "h",
     "day", "days", "night", "nights", "week", "weeks", "wk", "wks", "month", "months", "year",
     "years", "yr", "yrs", "d", "w", "m"}
)  # fmt: skip
_LENGTH_WORDS = frozenset({"next", "further", "more", "last", "past", "following", "consecutive"})


# Whose word a denial is, not what it denies: "bridging was not needed according to cardiology"
# denies no cardiology.
_ATTRIBUTIONS = (("according", "to"), ("as", "advised", "by"), ("on", "the", "advice", "of"))


def _attributes(tokens: Sequence[Token], i: int) -> bool:
    return any(
        tuple(t.text for t in tokens[i : i + len(words)]) == words for words in _ATTRIBUTIONS
    )


def _bounds_a_denial(tokens: Sequence[Token], i: int) -> bool:
    text = tokens[i].text
    if text == "until" or text in DASHES or _attributes(tokens, i):
        return True
    if text != "for":
        return False
    for token in tokens[i + 1 : i + 5]:
        word = token.text
        if word in _TIME_UNITS:
            return True
        if not (word[0].isdigit() or word in _NUMBER_WORDS or word in _LENGTH_WORDS):
            return False
    return False


# A result of its own: a denial written after a finding ("HER2 negative") reaches back no further
# than the finding before it that has its own ("ER and PR positive and HER2 negative").
_OWN_RESULTS = frozenset(
    {"positive", "present", "normal", "abnormal", "raised", "elevated", "reactive", "detected",
     "confirmed"}
)  # fmt: skip


def _signed(word: str) -> bool:
    """A finding written with its result as a sign ("ER+", "PR+", "HER2-"): a result of its own,
    so "ER+ PR+ HER2-negative" denies the HER2 alone (round 12)."""
    return len(word) > 1 and word[-1] in "+-" and word[-2].isalnum()


def negation_scope(tokens: Sequence[Token], i: int, step: int, triggers: set[int]) -> list[int]:
    """Token indexes a negation trigger governs, from ``i`` forward (step 1) or backward (-1): to
    a termination term, the end of the sentence, a comma that opens a new item or clause, a
    conjunction that opens a new clause (forward), a result of its own (backward), or
    ``_NEG_WINDOW`` counted words into one item (an "or", "nor" or "and" starts a new item)."""
    scope: list[int] = []
    words = 0
    if step == 1 and i < len(tokens) and tokens[i].text in ("yet", "still"):
        i += 1  # "not yet opened", "not still taking": an adverb of the denial, no "but"
    if step == -1:
        # Back over a bracketed aside: "Syphilis (TPPA) negative" denies the syphilis.
        before = before_aside(tokens, i)
        scope += range(before + 1, i + 1) if before != i else []
        i = before
    while 0 <= i < len(tokens) and not is_break(tokens[i]):
        if step == -1 and (tokens[i].text in _OWN_RESULTS or _signed(tokens[i].text)):
            break
        if step == 1 and _bounds_a_denial(tokens, i):
            break
        if tokens[i].text == ",":
            if not _continues_list(tokens, i + step, step, triggers):
                break
            words = 0
        elif tokens[i].text in _CONJUNCTIONS and ends_scope(tokens, i, step):
            break
        else:
            scope.append(i)
            if tokens[i].text in NEG_ITEM_OPENERS:
                words = 0
            elif tokens[i].text not in NEG_UNCOUNTED:
                words += 1
                if words >= _NEG_WINDOW:
                    break
        i += step
    return scope
