"""The medications a sentence says were stopped, tapered off or held: a stop trigger's scope,
forward or back to the drugs it names, not in a condition ("hold amlodipine if SBP < 100")."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

from medlocal.rag.assertion_records import Assertion
from medlocal.rag.assertion_tokens import Token, before_aside, find_phrases, forward_scope
from medlocal.rag.assertion_triggers import (
    CHANGE_DONE,
    STOP_BACKWARD,
    STOP_FORWARD,
    STOP_REPLACED,
)
from medlocal.rag.medications import default_lexicon
from medlocal.rag.negation_scope import NEW_CLAUSE, negation_scope

_PASSIVE = frozenset({"was", "were", "is", "are", "been", "be"})
_NOT = frozenset({"not", "never", "don't", "dont"})
CONDITIONS = frozenset({"if", "unless", "when", "should"})


def _conditional(tokens: Sequence[Token], end: int) -> bool:
    """Whether the clause after token ``end`` sets a condition ("if SBP < 100")."""
    return any(tokens[i].text in CONDITIONS for i in forward_scope(tokens, end))


def stopped_medications(tokens: Sequence[Token], out: list[Assertion], triggers: set[int]) -> None:
    """Mark the medications a stop trigger governs (its scope is a negation's), forward over a
    label's colon ("STOPPED: lisinopril 10 mg daily") or back to the drug ("quetiapine 50 mg
    qhs was tapered off")."""
    lexicon = default_lexicon()
    scopes: list[int] = []
    for start, end in find_phrases(tokens, STOP_FORWARD):
        if start > 0 and tokens[start - 1].text in _PASSIVE | _NOT:
            # "lisinopril was stopped and replaced by ...": the drug came before; "do not
            # stop aspirin": it goes on.
            continue
        if _conditional(tokens, end):
            continue  # "hold amlodipine if SBP < 100": an order for a case, not a stop
        first = _after_label(tokens, end)
        if tokens[start].text in _EVERYDAY and not names_a_drug_first(tokens, first):
            continue  # "hold parameters for ramipril", "held her hand": no drug is held
        # Up to the drugs it names and no further: "stop doxazosin and halve her amlodipine"
        # stops the doxazosin only.
        reach = negation_scope(tokens, first, 1, triggers)
        scopes += _back_to_the_drugs(tokens, reach, lexicon.is_medication)
    for _start, end in find_phrases(tokens, STOP_REPLACED):
        # "in place of metformin", "switched from ramipril to losartan": the drug right after
        # is the one given up, and only it ("to losartan" is what is taken). "was switched
        # from" is no drug named before, so the passive test above does not apply; a switch
        # made on a condition ("switch from ramipril to losartan if she coughs") is a plan.
        if _conditional(tokens, end) or not names_a_drug_first(tokens, end):
            continue
        reach = negation_scope(tokens, end, 1, triggers)
        scopes += _back_to_the_drugs(tokens, reach, lexicon.is_medication)
    for start, end in find_phrases(tokens, STOP_BACKWARD):
        if _conditional(tokens, end):
            continue
        if _on_the_phone(tokens, end):
            continue  # "was on hold for the phone to the pharmacy about her ramipril"
        # Back to the drug, not past the subject of the stopping ("we have stopped"), but over
        # the verb that keeps it stopped: "Ramipril remains on hold", "has been withheld since".
        # A stop that opens a bracket speaks of what comes before it: "ramipril 10 mg (stopped
        # 18/11/2023)" (review 44b B5).
        before = start - 2 if start > 1 and tokens[start - 1].text == "(" else start - 1
        reach = negation_scope(tokens, _before_link(tokens, before), -1, triggers)
        reach = list(itertools.takewhile(lambda i: tokens[i].text not in NEW_CLAUSE, reach))
        scopes += _back_to_the_drugs(tokens, reach, lexicon.is_medication)
    for i in scopes:
        if lexicon.is_medication(tokens[i].text):
            out[i].stopped = True


# What a stop heads before its colon: "Stopped medications: ramipril 10 mg" (review 44b B5).
_STOPPED_LABELS = frozenset(
    {"medication", "medications", "medicine", "medicines", "meds", "drugs", "items"}
)


def _after_label(tokens: Sequence[Token], end: int) -> int:
    """The token after a forward stop's label and its colon ("STOPPED: lisinopril", "Stopped
    medications: ramipril"); ``end`` where there is no colon."""
    i = end + 1 if end < len(tokens) and tokens[end].text in _STOPPED_LABELS else end
    return i + 1 if i < len(tokens) and tokens[i].text == ":" else end


_CHANGE_TO = frozenset({"on", "to", "onto"})


def changed_medications(tokens: Sequence[Token], out: list[Assertion], triggers: set[int]) -> None:
    """Mark the medications whose dose change a sentence records as made: back to the drug
    ("Her ramipril was increased", "ramipril reduced to 2.5 mg") or forward to it ("she halved
    her ramipril"), not in a condition or a denial ("was not increased"). Only a change that a
    passage merely asks about or suggests is judged by it (review 43b R2)."""
    lexicon = default_lexicon()
    scopes: list[int] = []
    for start, end in find_phrases(tokens, CHANGE_DONE):
        if _conditional(tokens, end) or (start > 0 and tokens[start - 1].text in _NOT):
            continue
        back = negation_scope(tokens, _before_link(tokens, start - 1), -1, triggers)
        back = list(itertools.takewhile(lambda i: tokens[i].text not in NEW_CLAUSE, back))
        scopes += _back_to_the_drugs(tokens, back, lexicon.is_medication)
        # "started on ramipril", "switched to losartan": the drug after its preposition.
        after = end + 1 if end < len(tokens) and tokens[end].text in _CHANGE_TO else end
        if names_a_drug_first(tokens, after):
            scopes += _back_to_the_drugs(
                tokens, negation_scope(tokens, after, 1, triggers), lexicon.is_medication
            )
    for i in scopes:
        if lexicon.is_medication(tokens[i].text):
            out[i].changed = True


# Verbs and adverbs that keep a drug in the state a backward stop names ("Ramipril remains on
# hold", "has been withheld since", "is currently held", "continues to be suspended"); the
# scope's clause cut (``NEW_CLAUSE`` holds "is", "has", "remains") must not stop at them.
_LINKS = frozenset(
    {"is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "remains",
     "remain", "remained", "stays", "stay", "stayed", "continues", "continue", "continued",
     "to", "kept", "still", "currently", "now", "temporarily", "again", "also"}
)  # fmt: skip


def _before_link(tokens: Sequence[Token], i: int) -> int:
    """The token before the aside, dash and linking verbs that end at token ``i``."""
    while True:
        j = before_aside(tokens, i)
        while j >= 0 and tokens[j].text in _LINKS:
            j -= 1
        if j == i or j < 0:
            return j if j >= 0 else i
        i = j


# Forward triggers with an everyday sense ("held her hand", "hold parameters", "paused for
# breath"): they stop a drug only where it is their object, after at most these words.
_EVERYDAY = frozenset({"hold", "held", "pause", "paused", "suspend", "suspended"})
_OBJECT_LEAD = frozenset(
    {"her", "his", "their", "the", "all", "any", "usual", "regular", "current", "dose", "doses",
     "of", "tonight's", "today's", "morning", "evening", "next", "both", "-", ":", "oral", "iv",
     "further"}
)  # fmt: skip


def names_a_drug_first(tokens: Sequence[Token], i: int) -> bool:
    """Whether the first word from token ``i`` that is not a determiner or a dose word is a
    medication's name."""
    is_medication = default_lexicon().is_medication
    while i < len(tokens) and tokens[i].text in _OBJECT_LEAD:
        i += 1
    return i < len(tokens) and is_medication(tokens[i].text)


# "on hold" of a telephone call, not of a drug: the words right after it name the call.
_CALL_WORDS = frozenset({"phone", "telephone", "line", "call", "switchboard", "helpline"})


def _on_the_phone(tokens: Sequence[Token], end: int) -> bool:
    return any(t.text in _CALL_WORDS for t in tokens[end : end + 4])


def first_drugs(tokens: Sequence[Token], reach: Sequence[int]) -> list[int]:
    """The medications of ``reach`` (nearest first) up to the first group of drugs it names:
    in "Consider reducing her ramipril and a referral to the renal team", the ramipril."""
    is_medication = default_lexicon().is_medication
    return [
        i for i in _back_to_the_drugs(tokens, reach, is_medication) if is_medication(tokens[i].text)
    ]


# What may lie between drugs stopped together: "aspirin 75 mg and clopidogrel 75 mg were held".
REGIMEN_WORDS = frozenset(
    {"and", "or", ",", "mg", "mcg", "g", "ml", "units", "unit", "u", "iu", "od", "bd", "tds",
     "qds", "on", "nocte", "mane", "daily", "po", "iv", "sc", "prn", "qhs", "hs", "bid", "tid"}
)  # fmt: skip


def _back_to_the_drugs(
    tokens: Sequence[Token], reach: Sequence[int], is_medication: Callable[[str], bool]
) -> list[int]:
    """A backward stop's reach (nearest first) up to the drugs it names and no further: in
    "clarithromycin interacts with simvastatin - simvastatin 40 mg ON was withheld", what was
    withheld is the simvastatin, not the clarithromycin the clause before it speaks of."""
    kept: list[int] = []
    named = False
    for i in reach:
        text = tokens[i].text
        drug = is_medication(text)
        if named and not (drug or text in REGIMEN_WORDS or text[0].isdigit()):
            break
        kept.append(i)
        named = named or drug
    return kept
