"""The medications a sentence says were stopped, tapered off or held: a stop trigger's scope,
forward or back to the drugs it names, not in a condition ("hold amlodipine if SBP < 100")."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence

from medlocal.rag.assertion_records import Assertion
from medlocal.rag.assertion_tokens import (
    Token,
    before_aside,
    find_phrases,
    forward_scope,
    is_break,
)
from medlocal.rag.assertion_triggers import (
    CHANGE_DONE,
    STOP_BACKWARD,
    STOP_FORWARD,
    STOP_REPLACED,
)
from medlocal.rag.medications import default_lexicon
from medlocal.rag.negation_scope import NEW_CLAUSE, negation_scope

_PASSIVE = frozenset({"was", "were", "is", "are", "been", "be"})
NOT_WORDS = frozenset({"not", "never", "don't", "dont"})
CONDITIONS = frozenset({"if", "unless", "when", "should"})


def _conditional(tokens: Sequence[Token], end: int, bracket: bool = False) -> bool:
    """Whether the clause after token ``end`` sets a condition ("if SBP < 100"). In a stop's
    bracket (``bracket``) a condition after a restart word is the restart's: "(stopped 2019 -
    restart when eGFR > 30)" is a stop (review45b D5)."""
    for i in forward_scope(tokens, end):
        if bracket and tokens[i].text in _UNDONE:
            return False
        if tokens[i].text in CONDITIONS:
            return True
    return False


def stopped_medications(
    tokens: Sequence[Token], out: list[Assertion], triggers: set[int], asked: bool = False
) -> None:
    """Mark the medications a stop trigger governs (its scope is a negation's), forward over a
    label's colon ("STOPPED: lisinopril 10 mg daily") or back to the drug ("quetiapine 50 mg
    qhs was tapered off"). ``asked``: the sentence ends in a question mark."""
    lexicon = default_lexicon()
    # Each token a stop governs, with where its stop ends (a restart counts only after it).
    scopes: list[tuple[int, int]] = []
    for start, end in find_phrases(tokens, STOP_FORWARD):
        if start > 0 and tokens[start - 1].text in _PASSIVE | NOT_WORDS:
            # "lisinopril was stopped and replaced by ...": the drug came before; "do not
            # stop aspirin": it goes on.
            continue
        if _conditional(tokens, end):
            continue  # "hold amlodipine if SBP < 100": an order for a case, not a stop
        first = _after_label(tokens, end)
        if first < len(tokens) and tokens[first].text in _NOTHING:
            continue  # "Stopped medications: none" stops nothing (review45 D5)
        if tokens[start].text in _EVERYDAY and not names_a_drug_first(tokens, first):
            continue  # "hold parameters for ramipril", "held her hand": no drug is held
        if first != end:
            # A label heads the list that follows it: "Stopped medications: ramipril 10 mg,
            # amlodipine 5 mg" stops both (review45 D4).
            scopes += [(i, end) for i in _listed(tokens, first)]
        # Up to the drugs it names and no further: "stop doxazosin and halve her amlodipine"
        # stops the doxazosin only.
        reach = negation_scope(tokens, first, 1, triggers)
        scopes += [(i, end) for i in _back_to_the_drugs(tokens, reach, lexicon.is_medication)]
    for _start, end in find_phrases(tokens, STOP_REPLACED):
        # "in place of metformin", "switched from ramipril to losartan": the drug right after
        # is the one given up, and only it ("to losartan" is what is taken). "was switched
        # from" is no drug named before, so the passive test above does not apply; a switch
        # made on a condition ("switch from ramipril to losartan if she coughs") is a plan.
        if _conditional(tokens, end) or not names_a_drug_first(tokens, end):
            continue
        reach = negation_scope(tokens, end, 1, triggers)
        scopes += [(i, end) for i in _back_to_the_drugs(tokens, reach, lexicon.is_medication)]
    for start, end in find_phrases(tokens, STOP_BACKWARD):
        if start > 0 and tokens[start - 1].text in NOT_WORDS:
            continue  # "Warfarin not stopped.": it went on (heldout12's extraction on warfarin)
        opens_bracket = start > 1 and tokens[start - 1].text == "("
        if _conditional(tokens, end, opens_bracket):
            continue
        if _on_the_phone(tokens, end):
            continue  # "was on hold for the phone to the pharmacy about her ramipril"
        # Back to the drug, not past the subject of the stopping ("we have stopped"), but over
        # the verb that keeps it stopped: "Ramipril remains on hold", "has been withheld since".
        # A stop that opens a bracket speaks of what comes before it: "ramipril 10 mg (stopped
        # 18/11/2023)" (review 44b B5).
        if opens_bracket and not _stops_what_came_before(tokens, end, asked):
            continue
        before = start - 2 if opens_bracket else start - 1
        reach = _back_reach(tokens, _after_then(tokens, before, end), triggers)
        scopes += [(i, end) for i in _back_to_the_drugs(tokens, reach, lexicon.is_medication)]
    for i, end in scopes:
        if lexicon.is_medication(tokens[i].text) and not _restarted_after(tokens, i, end):
            out[i].stopped = True


def _back_reach(tokens: Sequence[Token], i: int, triggers: set[int]) -> list[int]:
    """The tokens a backward stop reaches from token ``i`` (nearest first), to the end of its
    clause. A stop after another event of the sentence with no drug between is the event's
    subject's, so the last event wins: "Ramipril was restarted in April, then stopped again
    in June" stops the ramipril (note 46), "Ramipril was stopped in April, restarted in May,
    then stopped again" too; not when the event has a subject of its own ("physiotherapy
    restarted in April, then stopped")."""
    reach = negation_scope(tokens, _before_link(tokens, i), -1, triggers)
    reach = list(itertools.takewhile(lambda k: tokens[k].text not in NEW_CLAUSE, reach))
    is_medication = default_lexicon().is_medication
    event = next((n for n, k in enumerate(reach) if tokens[k].text in _EVENTS), None)
    if event is None or any(is_medication(tokens[k].text) for k in reach[:event]):
        return reach
    # The event's own subject, back over its verb and a comma ("stopped in April, restarted").
    before, comma = reach[event] - 1, False
    while before >= 0 and tokens[before].text in _LINKS | {","}:
        comma = comma or tokens[before].text == ","
        before -= 1
    if before < 0:
        return reach[: event + 1]
    word = tokens[before].text
    if comma or is_medication(word) or word in REGIMEN_WORDS or word[0].isdigit():
        return reach[: event + 1] + _back_reach(tokens, before, triggers)
    return reach[: event + 1]  # "physiotherapy restarted": the event's subject is its own


# The events a drug goes through that a later subject-less one in the sentence follows.
_EVENTS = frozenset(
    {"restarted", "resumed", "recommenced", "reintroduced", "re-started", "re-introduced",
     "re-commenced", "reinstated", "started", "stopped", "held", "withheld", "suspended",
     "paused", "discontinued", "ceased"}
)  # fmt: skip
# Words that say the next event follows: "restarted in April, then stopped in June".
_SEQUENCE = frozenset({"then", "subsequently", "later"})


def _after_then(tokens: Sequence[Token], i: int, end: int) -> int:
    """The token before "then" (and its comma or "and") that ends at token ``i``: a stop that
    ends at token ``end`` and follows another event is read back to that event's drug, unless
    it has an object of its own ("Aspirin continued, then stopped smoking")."""
    if i < 0 or tokens[i].text not in _SEQUENCE:
        return i
    if end < len(tokens) and _names_an_object([t.text for t in tokens[end:]]):
        return i
    i -= 1
    return i - 1 if i >= 0 and tokens[i].text in {",", ";", "and"} else i


# A restart done, later in the sentence that stops the drug: "Ramipril was held for AKI and
# restarted at 5 mg on day 4" leaves it taken (note45). Not "to be restarted", "not restarted".
RESTARTED = frozenset(
    {"restarted", "resumed", "recommenced", "reintroduced", "re-started", "re-introduced",
     "re-commenced", "reinstated"}
)  # fmt: skip


def _restarted_after(tokens: Sequence[Token], drug: int, stop_end: int) -> bool:
    """Whether the sentence restarts the drug at token ``drug`` after the stop that ends at
    token ``stop_end``: a done restart word further on in the sentence with no subject of its
    own ("held for AKI; physiotherapy resumed" restarts the physiotherapy, review46 D2) and no
    other drug between (that would be its restart). A ";" or a new clause does not end the
    search: "held for the CT scan; restarted 48 hours later", "stopped while she was septic and
    then restarted" restart the drug (review46b D2). A restart before the stop is undone by it:
    "Ramipril was restarted in April, then stopped again in June" (review46 D3)."""
    is_medication = default_lexicon().is_medication
    since = max(drug + 1, stop_end)
    for i in range(since, len(tokens)):
        word = tokens[i].text
        if is_medication(word) and word != tokens[drug].text:
            return False
        if word in RESTARTED:
            return not _has_a_subject(tokens, i, since) and restart_done(tokens, i)
    return False


# Adverbs between a stop and its restart: "held, then restarted", "subsequently resumed".
_THEN = frozenset({"then", "subsequently", "later", "successfully", "since"})


def _has_a_subject(tokens: Sequence[Token], i: int, since: int) -> bool:
    """Whether the restart word at token ``i`` has a subject of its own after token ``since``:
    "physiotherapy resumed", "diet was resumed", not "held for AKI and restarted", "held,
    then restarted" or "held; it was restarted" (the drug's own pronoun). A restart joined by
    "and" to a clause with a subject of its own is that subject's: in "Ramipril stopped; IV
    fluids given and restarted" the fluids were restarted, and the ramipril's stop stands."""
    k = i - 1
    while k >= since and (tokens[k].text in _LINKS or tokens[k].text in _THEN):
        k -= 1
    if k >= since and tokens[k].text in _JOINS:
        return _joined_to_a_subject(tokens, k, since)
    return k >= since and tokens[k].text[0].isalpha() and tokens[k].text != "it"


# What joins a restart to the clause before it: "given and restarted", "given, then restarted".
_JOINS = frozenset({"and", "but", ","})
# Where a clause of its own may begin after a stop: "Ramipril stopped; IV fluids given",
# "stopped and IV fluids given".
_CLAUSE_STARTS = frozenset({";", ",", "and"})
# Done verbs that do not end in "-ed": "IV fluids given and restarted".
_DONE_VERBS = frozenset(
    {"given", "taken", "done", "begun", "kept", "sent", "seen", "made", "put", "set", "held",
     "run", "drawn", "written"}
)  # fmt: skip
# First words of a clause that give it no subject of its own: the stop's reason or time
# ("for AKI", "while septic", "on day 2"), or the patient or the drug ("she was reviewed and
# restarted" restarts the drug).
_NO_SUBJECT = frozenset(
    {"for", "while", "when", "after", "before", "because", "as", "since", "until", "due", "on",
     "in", "at", "with", "during", "by", "from", "following", "pending", "over", "then", "and",
     "but", "it", "to", "she", "he", "they", "we", "patient", "pt", "again", "temporarily",
     "briefly", "initially", "today", "yesterday"}
)  # fmt: skip


def _joined_to_a_subject(tokens: Sequence[Token], join: int, since: int) -> bool:
    """Whether the clause before the join at token ``join`` is one of its own after the stop
    (after a ";", "," or "and" that follows it), a subject and its done verb: "; IV fluids
    given and restarted", not "held for AKI and restarted" (the stop's own clause), "held for
    AKI and hyperkalaemia and restarted" (no verb) nor "held; on day 4 restarted"."""
    k = join - 1
    while k >= since and tokens[k].text in _JOINS | _THEN:
        k -= 1
    start = k
    while start >= since and tokens[start].text not in _CLAUSE_STARTS:
        start -= 1
    if start < since or start == k:
        return False  # the stop's own clause: "held for AKI and restarted"
    first, *rest = (t.text for t in tokens[start + 1 : k + 1])
    return (
        first[0].isalpha()
        and first not in _NO_SUBJECT
        and not first.endswith("ed")
        and any(w.endswith("ed") or w in _DONE_VERBS for w in rest)
    )


def restart_done(tokens: Sequence[Token], i: int) -> bool:
    """Whether the restart or continue word at token ``i`` is done, not denied, put off or
    made a plan by the words just before it ("not restarted", "to be restarted", "can be
    restarted", "may be continued", "do not continue") nor a condition after it ("restarted
    when eGFR > 30")."""
    before = {t.text for t in tokens[max(0, i - _UNDO_REACH) : i]}
    return not before & UNDO_DENIED and not _conditional(tokens, i + 1)


# Words in a stop's bracket that undo or doubt it: "(held for CT contrast, restarted 12/03)",
# "(stopped by GP? please check)".
_UNDONE = frozenset(
    {"restarted", "restart", "resumed", "resume", "recommenced", "reintroduced", "re-started",
     "re-introduced", "?", "check", "query", "queried", "unclear", "unsure", "possibly"}
)  # fmt: skip
# An undo word after these is denied or put off, and the stop stands: "(stopped - not
# restarted)", "(stopped; do not restart)", "(stopped 2019 - plan to restart)" (review45b D5).
UNDO_DENIED = frozenset(
    {"not", "no", "never", "don't", "dont", "without", "to", "will", "may", "can", "could",
     "should", "consider", "until", "if", "when", "once", "unless"}
)  # fmt: skip
# A condition after an undo word makes it a plan: "(stopped - restart when eGFR > 30)".
_UNDO_CONDITIONS = frozenset({"if", "when", "once", "unless", "after"})
# A doubt about why, not about whether: "(stopped, reason unclear)".
_WHY_WORDS = frozenset({"reason", "reasons", "cause", "why", "indication", "rationale"})
_UNDO_REACH = 2


def _undoes(words: Sequence[str]) -> bool:
    """Whether ``words`` (a stop's bracket or a stopped list item) restart or doubt the stop: an
    undo word that no negation, plan or condition governs ("restarted 12/03", "please check"),
    not "not restarted", "do not resume", "restart when eGFR > 30" or "reason unclear"."""
    for i, word in enumerate(words):
        if word not in _UNDONE:
            continue
        before = words[max(0, i - _UNDO_REACH) : i]
        after = words[i + 1 : i + 1 + _UNDO_REACH]
        if word != "?" and any(w in UNDO_DENIED for w in before):
            continue
        if word != "?" and any(w in _UNDO_CONDITIONS for w in after):
            continue
        if word in {"unclear", "unsure"} and before and before[-1] in _WHY_WORDS:
            continue
        return True
    return False


# "-ing" words that are no object of a stop: "(stopped following the AKI)".
_NOT_OBJECTS = frozenset({"following", "during", "pending", "according", "awaiting"})
# What a person stops that is no medicine: "(stopped alcohol 2019)", "(stopped work)". A bare
# noun otherwise is the reason clinicians write for the drug's stop: "(stopped AKI)", "(held
# hyperkalaemia)", "(stopped cough)".
_HABITS = frozenset(
    {"alcohol", "cigarettes", "cigarette", "cigars", "tobacco", "cannabis", "marijuana",
     "caffeine", "coffee", "tea", "drink", "drinks", "drugs", "smoke", "vapes", "work",
     "exercise", "sport", "sports", "gym", "school", "breastfeeding", "driving"}
)  # fmt: skip
# Words that make what follows the stop its object: "(stopped the aspirin)", "(stopped her
# HRT)", "(stopped all NSAIDs)"; not a time ("(stopped the day before surgery)").
_DETERMINERS = frozenset({"the", "her", "his", "their", "all", "any", "both", "its", "my"})
_TIMES = frozenset(
    {"day", "night", "morning", "evening", "week", "weekend", "month", "year", "same", "next",
     "previous", "last", "following", "time", "few", "couple", "final",
     # "(stopped the Monday before surgery)", "(stopped the first week of March)" (review46 D4).
     "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
     "january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december",
     "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "two", "three", "four",
     "five", "six", "seven"}
)  # fmt: skip


def _names_an_object(inside: Sequence[str]) -> bool:
    """Whether the words after a stop that opens a bracket are its own object, not the reason
    or time of the drug's stop before the bracket: a drug, a habit or an "-ing" word
    ("(stopped atenolol)", "(stopped alcohol 2019)", "(stopped smoking)"), or a determiner
    before anything but a time ("(stopped her HRT)", not "(stopped the day before surgery)").
    A bare noun is the reason: "(stopped AKI)", "(held hyperkalaemia)" (note45); punctuation
    first ("(held - hyperkalaemia)", "(stopped: AKI)") leaves no object."""
    first = inside[0]
    if first in _DETERMINERS:
        # A number after it counts days or gives a date: "(held the 2 days before surgery)".
        return len(inside) > 1 and inside[1] not in _TIMES and not inside[1][0].isdigit()
    return (
        default_lexicon().is_medication(first)
        or first in _HABITS
        or (first.endswith("ing") and first not in _NOT_OBJECTS)
    )


def _stops_what_came_before(tokens: Sequence[Token], end: int, asked: bool) -> bool:
    """Whether the stop that opens a bracket and ends at token ``end`` stops the drug before the
    bracket: not when the stop has an object of its own ("(stopped atenolol ...)", "(stopped
    smoking 2019)", "(stopped taking ...)") or the bracket restarts or doubts it ("(stopped in
    error, restarted)", "(stopped by GP? please check)") (review45 D1). ``asked``: the sentence
    ends in a question mark, which ends a bracket still open ("(stopped by GP?") as a doubt."""
    close = end
    while close < len(tokens) and tokens[close].text != ")":
        close += 1
    if close == len(tokens) and asked:
        return False
    inside = [t.text for t in tokens[end:close]]
    if _undoes(inside) or "back on" in " ".join(inside):
        return False
    return not inside or not _names_an_object(inside)


# What a stop heads before its colon: "Stopped medications: ramipril 10 mg" (review 44b B5).
_STOPPED_LABELS = frozenset(
    {"medication", "medications", "medicine", "medicines", "meds", "drugs", "items"}
)


# A stop label's list that lists nothing: "Stopped medications: none", "STOPPED: nil", "N/A".
_NOTHING = frozenset({"none", "nil", "nothing", "n/a", "na", "-", "–", "—"})
_ITEM_BREAKS = frozenset({",", ";", "and", "or", "&"})


def _listed(tokens: Sequence[Token], first: int) -> list[int]:
    """The tokens of the list from token ``first`` on, item by item (split at commas,
    semicolons, "and"), as long as each item opens with a drug's name: in "ramipril 10 mg,
    amlodipine 5 mg; continue bisoprolol" the ramipril and amlodipine items."""
    found: list[int] = []
    i = first
    while i < len(tokens) and names_a_drug_first(tokens, i):
        while i < len(tokens) and tokens[i].text not in _ITEM_BREAKS and not is_break(tokens[i]):
            found.append(i)
            i += 1
        if i >= len(tokens) or tokens[i].text not in _ITEM_BREAKS:
            break
        i += 1
    return found


def stop_listed(tokens: Sequence[Token], out: list[Assertion]) -> None:
    """Mark stopped the drugs a list item under a stop label names (see ``under_stop_label``),
    unless the item restarts or doubts it ("- ramipril (restarted 2024)")."""
    if (tokens and tokens[0].text in _NOTHING) or _undoes([t.text for t in tokens]):
        return
    is_medication = default_lexicon().is_medication
    for i in _listed(tokens, 0):
        if is_medication(tokens[i].text):
            out[i].stopped = True


# A line that heads a list of stopped drugs: "Stopped medications:", "## Discontinued meds",
# "Medicines stopped:".
_STOP_WORDS = r"(?:stopped|discontinued|ceased|withheld|held|suspended|paused)"
_LIST_WORDS = r"(?:medications?|medicines?|meds|drugs|items)"
_STOP_LABEL = re.compile(
    rf"^\s*(?:#+\s*)?(?:{_STOP_WORDS}(?:\s+{_LIST_WORDS})?|{_LIST_WORDS}\s+{_STOP_WORDS})\s*:?\s*$",
    re.IGNORECASE,
)


def under_stop_label(text: str, start: int) -> bool:
    """Whether the line of ``text`` at ``start`` is an item of a list a stop label heads (see
    ``stop_label_above``)."""
    return stop_label_above(text, start) is not None


def stop_label_above(text: str, start: int) -> tuple[int, int] | None:
    """Where the stop label lies (start, end of its line) that heads the list whose item is the
    line of ``text`` at ``start``; None where the line is no such item. The lines between it
    and the label are all items — a bulleted or numbered line, or one that opens with a drug's
    name — "Stopped medications:\n- ramipril\n- amlodipine" (review45 D4). Any other line
    ends the list, a heading without a colon too ("Current medications", "**Current
    medications**", "CURRENT MEDS") (review45b D4)."""
    line_start = text.rfind("\n", 0, start) + 1
    while line_start > 0:
        previous = text.rfind("\n", 0, line_start - 1) + 1
        line = text[previous : line_start - 1]
        if _STOP_LABEL.match(line):
            return previous, line_start - 1
        if not _is_list_item(line):
            return None
        line_start = previous
    return None


# A list item's marker: "- ", "* ", "• ", "1. ", "2) ".
_ITEM_MARKER = re.compile(r"^\s*(?:[-*•+–]|\d{1,2}[.)])\s+\S")
_FIRST_WORD = re.compile(r"[A-Za-z][\w-]*")


def _is_list_item(line: str) -> bool:
    """Whether ``line`` is an item of a list: it has a bullet or number, or opens with a drug's
    name (an unbulleted list: "Stopped meds:\nramipril\namlodipine")."""
    if _ITEM_MARKER.match(line):
        return True
    first = _FIRST_WORD.match(line.strip())
    return first is not None and default_lexicon().is_medication(first.group().lower())


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
        if _conditional(tokens, end) or (start > 0 and tokens[start - 1].text in NOT_WORDS):
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
