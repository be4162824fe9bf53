"""What a sentence asserts about each clinical concept it names: negated or affirmed, which side,
historical or current, the patient or a relative, real or hypothetical.

This is the ConText algorithm (Harkema et al., J Biomed Inform 2009; NegEx, Chapman et al. 2001)
in a few small modules: trigger phrases open a scope that runs forward (or backward) to the end
of the sentence or to a termination term (rag/assertion_tokens.py), and every concept word inside
the scope takes the trigger's value. A negation's scope also ends at a comma that opens a new
claim rather than continuing a list, and six words into one list item (NegEx's window;
rag/negation_scope.py). The triggers (rag/assertion_triggers.py) are the published NegEx/ConText
lists (as shipped by medspaCy's default context rules), trimmed to clinical English; laterality,
"current" markers and relatives as experiencers are modifiers of our own on top of them.
medspaCy itself is not used: on Python 3.11 it pins spaCy and numpy below 2, and its sentence
splitter logs tokens.

Concepts are found without an ontology: a concept is a content word (or a pair of adjacent ones,
so "type 1 diabetes" differs from "type 2 diabetes") that the answer sentence and a cited passage
share. rag/assertion_mismatches.py compares them: a mismatch is reported only when every
occurrence in the passages disagrees with the sentence, so a word used both ways in the passages
never raises a flag.
"""

from __future__ import annotations

import calendar
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from medlocal.abbreviations import SHORTHAND
from medlocal.privacy.deid_lexicon import lexicon as word_lexicon
from medlocal.rag.assertion_tokens import (
    DASHES,
    TERMINATORS,
    Token,
    backward_scope,
    before_aside,
    clause_before,
    find_phrases,
    forward_scope,
    is_break,
    tokenize,
)
from medlocal.rag.assertion_triggers import (
    AFFIRM_BACKWARD,
    AFFIRM_STOPS,
    AS_NEEDED,
    CHANGES,
    CONDITION_REACH,
    CURRENT,
    HISTORICAL,
    HYPOTHETICAL,
    HYPOTHETICAL_BACKWARD,
    HYPOTHETICAL_REACH,
    MODALS,
    NEG_BACKWARD,
    NEG_FORWARD,
    PSEUDO,
    RELATIVES,
    SIDES,
    STOP_BACKWARD,
    STOP_FORWARD,
    TRIGGER_LISTS,
)
from medlocal.rag.medications import default_lexicon
from medlocal.rag.negation_scope import (
    NEG_ITEM_OPENERS,
    NEG_UNCOUNTED,
    NEW_CLAUSE,
    ends_scope,
    negation_scope,
)
from medlocal.rag.sentences import split_sentences

# Words that name the test or the act of reporting rather than a finding: a negation scope runs
# over them ("no recurrence on the mammogram") without saying the mammogram was not done.
TEST_WORDS = frozenset(
    {"mammogram", "ct", "mri", "x-ray", "xray", "radiograph", "scan", "echocardiogram", "exam",
     "examination", "angiogram", "ultrasound", "study", "imaging", "radiotherapy", "radiation",
     # The test as a word ("his HIV and syphilis tests were negative" says nothing of the "test
     # of cure" booked); what it found is the finding.
     "test", "serology", "screen", "swab", "sample", "specimen", "panel", "assay", "naat", "pcr"}
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
     "wife", "husband", "partner", "carer", "caregiver", "relative", "relatives", "next", "kin",
     "if", "will", "should", "would", "may", "might", "consider", "planned", "scheduled",
     # Part of the triggers "no further", "no known", "nil known": what they deny follows.
     "further", "known",
     # Verbs of finding or reporting, as "seen" and "noted": "no shortening or rotation
     # observed" denies the shortening, not the observations a sentence speaks of.
     "observed", "identified", "detected", "demonstrated", "visualised", "visualized",
     "appreciated", "documented", "elicited", "recorded"}
)  # fmt: skip

# Months and weekdays date a finding; they are none ("Not seen in October" denies the visit,
# walk 28). Full names and the usual short forms.
_CALENDAR = frozenset(
    [m.lower() for m in calendar.month_name[1:] + calendar.day_name[:]]
    + ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
       "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri"]
)  # fmt: skip
_NOT_CONCEPTS = _NOT_CONCEPTS | _CALENDAR

# Words that are no concept alone but make one with the next: "severe hypoglycemia".
_QUALIFIERS = frozenset({"mild", "moderate", "severe", "acute", "new", "active", "complete"})

# Words that end in "s" without being plurals.
_SINGULAR_S = frozenset(
    {"diabetes", "herpes", "rabies", "scabies", "series", "species", "feces", "faeces", "mumps",
     "measles", "pancreas", "abscess", "ascites", "psoriasis", "pertussis", "tetanus", "status"}
)  # fmt: skip
_YEAR_CONTEXT = re.compile(r"\b(?:in|since|during|from)\s+(?:19|20)\d{2}\b", re.I)


@dataclass
class Assertion:
    negated: bool = False
    historical: bool = False
    current: bool = False
    family: str = ""  # the relative, when the concept concerns one
    hypothetical: bool = False
    side: str = ""
    stopped: bool = False  # a medication stopped, tapered off or on hold


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
    raw: str = field(default="", compare=False)  # the word as written (single words)
    # A person's name or a word of one ("Mere Whitlock", "Rosalind"), no finding.
    person: bool = field(default=False, compare=False)
    # Whether the reading of the assertion could be wrong (see ``_Readings``): a conflict is
    # reported only between readings that cannot.
    unsure_denial: bool = field(default=False, compare=False)
    unsure_experiencer: bool = field(default=False, compare=False)


def word_key(word: str) -> str:
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


_ADVICE = frozenset({"told to", "advised to", "instructed to", "asked to", "counselled to",
                     "counseled to"})  # fmt: skip
_GO_ON = frozenset({"continue", "keep", "carry", "remain", "stay", "resume"})


def _advised_to_go_on(tokens: Sequence[Token], span: tuple[int, int]) -> bool:
    """Advice to go on with something ("advised to continue aspirin") says it is taken now, not
    that it might be (review 31: it contradicted "She takes aspirin 75 mg daily")."""
    phrase = " ".join(t.text for t in tokens[span[0] : span[1]])
    return phrase in _ADVICE and span[1] < len(tokens) and tokens[span[1]].text in _GO_ON


def _sentence_assertions(tokens: Sequence[Token], text: str) -> list[Assertion]:
    out = [Assertion() for _ in tokens]
    pseudo = {i for s, e in find_phrases(tokens, PSEUDO) for i in range(s, e)}

    def live(span: tuple[int, int]) -> bool:
        return not pseudo.intersection(range(*span))

    triggers = {
        i
        for phrases in (*TRIGGER_LISTS, HYPOTHETICAL_BACKWARD)
        for start, end in find_phrases(tokens, phrases)
        for i in range(start, end)
    }
    for span in find_phrases(tokens, NEG_FORWARD):
        if live(span) and not _a_fall(tokens, span) and not _state_of_a_person(tokens, span):
            for i in negation_scope(tokens, span[1], 1, triggers):
                out[i].negated = True
    for span in find_phrases(tokens, NEG_BACKWARD):
        if (
            live(span)
            and not _auxiliary_before_verb(tokens, span)
            and not _state_of_a_person(tokens, span)
        ):
            for i in negation_scope(tokens, span[0] - 1, -1, triggers):
                out[i].negated = True
    _denied_labels(tokens, out)
    _carried_results(tokens, out, triggers)
    _affirmations(tokens, out, live)
    _stopped_medications(tokens, out, triggers)
    for span in find_phrases(tokens, HISTORICAL):
        for i in forward_scope(tokens, span[1]):
            out[i].historical = True
    if _YEAR_CONTEXT.search(text):  # "DVT of the right leg in 2017": the whole sentence is past
        for a in out:
            a.historical = True
    for span in find_phrases(tokens, CURRENT):
        for i in (*backward_scope(tokens, span[0]), *forward_scope(tokens, span[1])):
            out[i].current = True
    for span in find_phrases(tokens, HYPOTHETICAL):
        if _as_needed(tokens, span) or _advised_to_go_on(tokens, span):
            continue
        # Over a label's colon: "Options discussed: A vs B".
        first = span[1] + 1 if span[1] < len(tokens) and tokens[span[1]].text == ":" else span[1]
        for i in forward_scope(tokens, first):
            out[i].hypothetical = True
        if tokens[span[0]].text in _CONDITIONS:
            _persisting(tokens, out, range(first, len(tokens)))
    for span in find_phrases(tokens, HYPOTHETICAL_BACKWARD):
        for i in clause_before(tokens, span[0], HYPOTHETICAL_REACH):
            out[i].hypothetical = True
    for start, end in find_phrases(tokens, ("if", "unless")):
        # A plan with its condition after it: "increase bisoprolol to 5 mg if HR > 60".
        if _as_needed(tokens, (start, end)):
            continue
        clause = clause_before(tokens, start, CONDITION_REACH)
        if _under_plan_label(tokens, clause) or any(
            tokens[i].text.startswith(CHANGES) or tokens[i].text in MODALS for i in clause
        ):
            for i in clause:
                out[i].hypothetical = True
    for span in find_phrases(tokens, RELATIVES):
        if _reports(tokens, span):
            continue
        relative = " ".join(t.text for t in tokens[span[0] : span[1]])
        # "Her mother has X" and "X in his brother": the relative governs its whole clause.
        for i in (*backward_scope(tokens, span[0]), *_participle_forward(tokens, span[1])):
            out[i].family = relative
    _sides(tokens, out)
    return out


# "X negative, as was Y": the result before the comma is Y's too.
_AS_WAS = ("as was", "as were", "as is", "as are", "as did")


def _carried_results(tokens: Sequence[Token], out: list[Assertion], triggers: set[int]) -> None:
    """Give what follows "as was" the denial of what comes before its comma: "the tests were
    all negative, as was the stool antigen" denies the antigen."""
    denials = {i for s, e in find_phrases(tokens, NEG_BACKWARD + NEG_FORWARD) for i in range(s, e)}
    for start, end in find_phrases(tokens, _AS_WAS):
        before = start - 2 if start >= 2 and tokens[start - 1].text == "," else start - 1
        if before < 0 or not (before in denials or out[before].negated):
            continue
        for i in negation_scope(tokens, end, 1, triggers):
            out[i].negated = True


# A condition that something goes on ("if pain remains uncontrolled", "should the rash
# persist") says that it is there now: only its going on is the possibility.
_PERSISTING = frozenset(
    {"remains", "remain", "persists", "persist", "continues", "continue", "worsens", "worsen",
     "fails", "stays", "still"}
)  # fmt: skip
_PERSISTING_REACH = 4


def _persisting(tokens: Sequence[Token], out: list[Assertion], clause: range) -> None:
    """Clear the possibility from the words right before a verb of going on in a condition."""
    for k in clause:
        if is_break(tokens[k]) or tokens[k].text == ",":
            return
        if tokens[k].text in _PERSISTING:
            for j in range(max(clause.start, k - _PERSISTING_REACH), k):
                out[j].hypothetical = False
            return


# "does not" and the like deny backward only where they end the clause ("the rash did not"): with
# a verb after them, what is denied is the verb and its object, not the subject before them
# ("Neurosurgery did not recommend an operation"; "the pain does not radiate"), and the forward
# "not" reads those.
_AUXILIARY_NOT = frozenset({("does", "not"), ("do", "not"), ("did", "not")})


def _auxiliary_before_verb(tokens: Sequence[Token], span: tuple[int, int]) -> bool:
    start, end = span
    words = tuple(t.text for t in tokens[start:end])
    return (
        words in _AUXILIARY_NOT
        and end < len(tokens)
        and tokens[end].text[0].isalpha()
        and not is_break(tokens[end])
    )


# Words that refuse and words that fall are the same: "declined surgery" but "eGFR has declined
# from 24 to 18". A fall names where from, where to, by how much or how: "from", "by", "over", a
# number, "to" and a number, or an adverb of change.
_REFUSALS = frozenset({"declines", "declined", "declining"})
_FALL_WORDS = frozenset(
    {"from", "by", "over", "steadily", "further", "slightly", "gradually", "significantly",
     "rapidly", "markedly", "sharply", "since", "again", "somewhat"}
)  # fmt: skip


def _a_fall(tokens: Sequence[Token], span: tuple[int, int]) -> bool:
    """Whether a refusal trigger ("declined") says that a value fell rather than that the
    patient refused something."""
    start, end = span
    if tokens[start].text not in _REFUSALS or end >= len(tokens):
        return False
    after = tokens[end].text
    if after in _FALL_WORDS or after[0].isdigit():
        return True
    return after == "to" and end + 1 < len(tokens) and tokens[end + 1].text[0].isdigit()


# What a person was not ("her prescriber was not aware", "the GP was not informed"): the state is
# denied, not the person, who the backward "was not" would otherwise deny, nor what the person
# did not know of ("not aware of the change").
_PERSON_STATES = frozenset(
    {"aware", "sure", "certain", "keen", "willing", "able", "happy", "interested", "concerned",
     "convinced", "available", "contactable", "reachable", "agreeable", "informed", "notified",
     "told", "contacted", "consulted"}
)  # fmt: skip
_COPULA_NOT = frozenset({("is", "not"), ("was", "not"), ("were", "not"), ("are", "not"), ("not",)})


def _state_of_a_person(tokens: Sequence[Token], span: tuple[int, int]) -> bool:
    start, end = span
    return (
        tuple(t.text for t in tokens[start:end]) in _COPULA_NOT
        and end < len(tokens)
        and tokens[end].text in _PERSON_STATES
    )


# A label given a denial for its value: "Allergies: NKDA", "Allergies: nil known".
_DENYING_VALUES = (
    "nkda", "nka", "nkfa", "nil", "nil known", "none", "none known", "no known", "nad",
    # A finding labelled with its absence, as reports write them: "Ulceration: absent",
    # "Microsatellites: not identified", "Syphilis serology: negative".
    "absent", "negative", "not seen", "not identified", "not detected", "not present",
    "none seen", "none identified", "not found",
)  # fmt: skip
_LABEL_WORDS = 3


def _denied_labels(tokens: Sequence[Token], out: list[Assertion]) -> None:
    """Mark a label (up to three words before a colon) whose value is a denial as negated."""
    for start, _end in find_phrases(tokens, _DENYING_VALUES):
        if start < 2 or tokens[start - 1].text != ":":
            continue
        label = start - 1
        first = label
        while (
            first > 0
            and label - first < _LABEL_WORDS
            and tokens[first - 1].text[0].isalpha()
            and not is_break(tokens[first - 1])
        ):
            first -= 1
        for i in range(first, label):
            out[i].negated = True


# Labels of a plan: an item with its condition after it ("Plan: SBT if noradrenaline off") is
# to be done if that comes about, not done.
_PLAN_LABELS = frozenset({"plan", "plans", "recommendation", "recommendations", "to do", "todo"})


def _under_plan_label(tokens: Sequence[Token], clause: range) -> bool:
    """Whether ``clause`` comes right after a plan's label and its colon ("Plan: ...")."""
    first = clause.start
    return first >= 2 and tokens[first - 1].text == ":" and tokens[first - 2].text in _PLAN_LABELS


def _as_needed(tokens: Sequence[Token], span: tuple[int, int]) -> bool:
    """Whether an "if" is "if needed", "if required" and the like: it says when a dose is
    taken (as needed), not that the treatment is only a possibility."""
    start, end = span
    return (
        tokens[start].text in {"if", "unless"}
        and end < len(tokens)
        and tokens[end].text in AS_NEEDED
    )


# A relative who tells the team something ("his mother reports that he misses doses",
# "according to her daughter she has fallen", "falls at home (per daughter)") is the source of
# what is said, not whom it concerns.
_REPORTING_VERBS = frozenset(
    {"reports", "reported", "says", "said", "states", "stated", "notes", "noted", "feels", "felt",
     "thinks", "thought", "told", "describes", "described", "explains", "explained", "confirms",
     "confirmed", "mentions", "mentioned", "worries", "worried"}
)  # fmt: skip
_SOURCE_BEFORE = (("according", "to"), ("per",), ("reported", "by"), ("collateral", "from"),
                  ("told", "by"), ("as", "per"))  # fmt: skip
_POSSESSIVES = frozenset({"his", "her", "their", "the", "patient's", "pt's"})
_FAMILY_HISTORY = frozenset({"fhx", "fh", "family"})


def _reports(tokens: Sequence[Token], span: tuple[int, int]) -> bool:
    """Whether the relative at ``span`` is the source of a report rather than its subject: a
    relative who reports, outside a family history ("Wife reports night sweats" is collateral
    about the patient; "FHx: mother reported breast cancer at 45" is the mother's)."""
    start, end = span
    if end < len(tokens) and tokens[end].text in _REPORTING_VERBS:
        return not any(t.text in _FAMILY_HISTORY for t in tokens[:start])
    first = start - 1 if start > 0 and tokens[start - 1].text in _POSSESSIVES else start
    return any(
        first >= len(before)
        and tuple(t.text for t in tokens[first - len(before) : first]) == before
        for before in _SOURCE_BEFORE
    )


def _participle_forward(tokens: Sequence[Token], end: int) -> list[int]:
    """``forward_scope``, carried on over "while" and a participle, whose subject is the one before
    it: in "her sister had a DVT while taking the pill", the pill is the sister's too."""
    found: list[int] = []
    # Over a bracketed aside right after the relative: "Older sister (4 years) has asthma".
    if end < len(tokens) and tokens[end].text == "(":
        close = next((j for j in range(end, len(tokens)) if tokens[j].text == ")"), None)
        end = close + 1 if close is not None else end
    span = forward_scope(tokens, end)
    while True:
        found += span
        stop = span.stop
        if not (
            stop + 1 < len(tokens)
            and tokens[stop].text == "while"
            and tokens[stop + 1].text.endswith("ing")
        ):
            return found
        span = forward_scope(tokens, stop + 1)


_PASSIVE = frozenset({"was", "were", "is", "are", "been", "be"})
_NOT = frozenset({"not", "never", "don't", "dont"})
_CONDITIONS = frozenset({"if", "unless", "when", "should"})


def _conditional(tokens: Sequence[Token], end: int) -> bool:
    """Whether the clause after token ``end`` sets a condition ("if SBP < 100")."""
    return any(tokens[i].text in _CONDITIONS for i in forward_scope(tokens, end))


def _stopped_medications(tokens: Sequence[Token], out: list[Assertion], triggers: set[int]) -> None:
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
        first = end + 1 if end < len(tokens) and tokens[end].text == ":" else end
        # Up to the drugs it names and no further: "stop doxazosin and halve her amlodipine"
        # stops the doxazosin only.
        reach = negation_scope(tokens, first, 1, triggers)
        scopes += _back_to_the_drugs(tokens, reach, lexicon.is_medication)
    for start, end in find_phrases(tokens, STOP_BACKWARD):
        if _conditional(tokens, end):
            continue
        # Back to the drug, not past the subject of the stopping ("we have stopped").
        reach = negation_scope(tokens, before_aside(tokens, start - 1), -1, triggers)
        reach = list(itertools.takewhile(lambda i: tokens[i].text not in NEW_CLAUSE, reach))
        scopes += _back_to_the_drugs(tokens, reach, lexicon.is_medication)
    for i in scopes:
        if lexicon.is_medication(tokens[i].text):
            out[i].stopped = True


# What may lie between drugs stopped together: "aspirin 75 mg and clopidogrel 75 mg were held".
_REGIMEN_WORDS = frozenset(
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
        if named and not (drug or text in _REGIMEN_WORDS or text[0].isdigit()):
            break
        kept.append(i)
        named = named or drug
    return kept


def _affirmations(
    tokens: Sequence[Token], out: list[Assertion], live: Callable[[tuple[int, int]], bool]
) -> None:
    """Clear the negation of the finding a "positive" names just before it (back to a comma or
    a conjunction), unless that "positive" is itself negated ("not positive")."""
    for span in find_phrases(tokens, AFFIRM_BACKWARD):
        if not live(span) or out[span[1] - 1].negated:
            continue
        i = span[0] - 1
        while i >= 0 and not is_break(tokens[i]) and tokens[i].text not in AFFIRM_STOPS:
            out[i].negated = False
            i -= 1


_ORDINAL_ENDINGS = frozenset({"st", "nd", "rd", "th"})


def _names_a_part(tokens: Sequence[Token], i: int) -> bool:
    """Whether a lone "L" or "R" is a side: a word follows it ("R knee"), or an ordinal ("L 1st
    MTP", "R 5th finger")."""
    if i >= len(tokens):
        return False
    if tokens[i].text.isalpha():
        return True
    return (
        tokens[i].text.isdigit()
        and i + 1 < len(tokens)
        and tokens[i + 1].text in _ORDINAL_ENDINGS
        and tokens[i + 1].start == tokens[i].end
    )


# A lung lobe's abbreviation names its side: "new RUL infiltrate" is on the right (round 9).
_LOBES = {"rul": "right", "rml": "right", "rll": "right", "lul": "left", "lll": "left"}


def _sides(tokens: Sequence[Token], out: list[Assertion]) -> None:
    """A side word qualifies the next few words ("left upper lobe nodule") and, across "of"/
    "to" ("MRI of the right knee"), the noun just before it."""
    for i, token in enumerate(tokens):
        side = (
            SIDES.get(token.text)
            or SIDES.get(token.text.split("-")[0], "")
            or _LOBES.get(token.text, "")
        )
        if "-" in token.text and len(token.text.split("-")[0]) == 1:
            # "R-sided" is a side; "L-spine", "C-spine" and "T-score" name no side.
            side = side if token.text.split("-")[1] in ("sided", "side") else ""
        if not side or (len(token.text) == 1 and i + 1 < len(tokens) and tokens[i + 1].text == "/"):
            continue
        if token.text in ("l", "r") and not _names_a_part(tokens, i + 1):
            continue
        for j in forward_scope(tokens, i + 1, limit=4):
            out[j].side = out[j].side or side
        # A side that heads what follows: "Right eye: proliferative retinopathy with vitreous
        # haemorrhage; VA 6/36. Left eye: ...".
        label = next((j for j in range(i + 1, min(i + 4, len(tokens))) if tokens[j].text == ":"), 0)
        if label:
            for j in forward_scope(tokens, label + 1):
                out[j].side = out[j].side or side
        k = i - 1
        while k >= 0 and tokens[k].text in ("the", "a", "his", "her"):
            k -= 1
        if k >= 1 and tokens[k].text in ("of", "to", "in", "on"):
            for j in backward_scope(tokens, k, limit=4):
                out[j].side = out[j].side or side


# A heading in capitals (a few words, no sentence's full stop) names a section, not a finding; a
# note typed in capitals says what it finds with a trigger ("PT DENIES CP", "NO FEVER").
_HEADING = re.compile(r"[^a-z.!?]{0,60}[A-Z][^a-z.!?]{0,60}")
_HEADING_WORDS = 5
_TRIGGERS = frozenset(NEG_FORWARD + NEG_BACKWARD)


def _is_heading(sentence: str) -> bool:
    if _HEADING.fullmatch(sentence) is None:
        return False
    words = sentence.lower().split()
    return len(words) <= _HEADING_WORDS and not any(w.strip(":;,") in _TRIGGERS for w in words)


# Body systems and organs that head a part of a note ("Renal: UO 0.6 mL/kg/h", "Bones: no
# aggressive osseous lesion", "Lung bases: clear"): the heading says where the findings after it
# are, not that anything is present there; a sentence's "renal replacement therapy" or "no bone
# lesion" is no claim about it.
_SYSTEM_HEADINGS = frozenset(
    {"renal", "kidney", "kidneys", "ureters", "bladder", "bones", "bone", "liver", "lungs", "lung",
     "bases", "heart", "cardiac", "cvs", "cv", "resp", "respiratory", "chest", "neuro",
     "neurological", "cns", "gi", "abdomen", "abdo", "skin", "id", "haem", "heme", "haematology",
     "hematology", "endocrine", "msk", "musculoskeletal", "pelvis", "bowel", "spleen",
     "pancreas", "gallbladder", "appendix", "adrenals", "vessels", "vascular", "soft",
     "tissues", "ent", "eyes", "gu", "genitourinary", "psych", "metabolic", "fluids", "lines",
     "airway", "breathing", "circulation", "disability", "exposure", "systems", "ureter",
     "and", "/"}
)  # fmt: skip
_HEADING_REACH = 3


def _system_heading(tokens: Sequence[Token]) -> range:
    """The tokens of a body-system heading that opens the sentence before a colon ("Renal:",
    "Kidneys/ureters:", "Lung bases:"); an empty range where there is none."""
    for colon in range(1, min(len(tokens), _HEADING_REACH + 1)):
        if tokens[colon].text == ":":
            words = [w for t in tokens[:colon] for w in t.text.split("/")]
            return range(colon) if all(w in _SYSTEM_HEADINGS for w in words) else range(0)
    return range(0)


# --- how sure a reading is -----------------------------------------------------------------------
# A conflict is only as good as the two readings it sets against each other. Each check reads a
# sentence with rules of scope that new wording defeats ("calf soft and non-tender" after "no
# erythema", "Son (6 y): ... on TB preventive therapy"), so a conflict is reported only where
# both readings are plain: a denial whose cue stands right before (or after) the finding with
# only the finding's words between (or "or": "no fever or rigors"); an affirmation in a
# statement (to the semicolons either side) with no cue of denial at all; a relative named
# right before what is theirs; the patient's own in a sentence that names no relative. The rest
# the checks leave unflagged rather than risk a false alarm (round 6 of the precision audit,
# tests/fixtures/grounding_eval/RESULTS.md).

# At most this many words of the finding between a denial's cue and the finding ("no chest
# pain", "HIV test 06/2025 negative"), and between a relative and what is theirs ("FHx: mother -
# melanoma aged 62", "Older sister (4 years) has asthma").
_PLAIN_WORDS = 2
_RELATIVE_WORDS = 3

# Words that deny whatever stands beside them, beyond the trigger phrases: a result ("Sputum
# smear ...: negative", "opiates neg"), a count of none ("0 missed doses"), a negative prefix
# ("non-tender"), shorthand that is a denial ("NKDA", "BNO").
_DENIAL_WORDS = frozenset({"negative", "neg", "nil", "zero", "0", "none", "absent"})


def _a_denial_word(word: str) -> bool:
    return word in _DENIAL_WORDS or any(
        part in ("no", "not", "nil") for sense in SHORTHAND.get(word, ()) for part in sense.split()
    )


# What may stand between a cue and the finding it plainly governs.
_TIGHT_FILLER = NEG_UNCOUNTED - NEG_ITEM_OPENERS
_EITHER = frozenset({"or", "nor"})
_ADVERBS = frozenset({"yet", "still"})
# What binds a label to its value ("Not taking: atorvastatin", "valproate - stopped 2022",
# "Syphilis (TPPA) negative"): no word between them.
_LABEL_MARKS = frozenset({":", "(", ")", *DASHES})


class _Readings:
    """How sure each token's reading is, for one sentence (see the comment above)."""

    def __init__(self, tokens: Sequence[Token], assertions: Sequence[Assertion]) -> None:
        self.tokens = tokens
        self.assertions = assertions
        pseudo = {i for s, e in find_phrases(tokens, PSEUDO) for i in range(s, e)}
        spans = [
            span
            for phrases in (
                NEG_FORWARD,
                NEG_BACKWARD,
                STOP_FORWARD,
                STOP_BACKWARD,
                _AS_WAS,
                _DENYING_VALUES,
            )
            for span in find_phrases(tokens, phrases)
            if not pseudo.intersection(range(*span))
        ]
        words = {i for i, t in enumerate(tokens) if _a_denial_word(t.text)}
        self.cues = {i for start, end in spans for i in range(start, end)} | words
        # A cue that opens a comparison is no denial: "no more than 10 mg", "not later than
        # day 5" bound an amount or a time, they deny nothing beside them.
        self.cues -= {
            i
            for i in self.cues
            if i + 2 < len(tokens) and tokens[i + 2].text == "than" and tokens[i + 1].text.isalpha()
        }
        # Tokens that are themselves part of a denial: read as affirmed, they may be what it
        # denies ("No new medications"); a negative prefix denies its own word ("non-tender").
        self.in_cue = {i for start, end in spans if end - start > 1 for i in range(start, end)}
        self.in_cue |= {i for i, t in enumerate(tokens) if t.text.startswith("non-")}
        # Cues the reader gave no reach: nothing beside them is read as denied or stopped
        # ("pneumococcal vaccine offered, declined", "opiates neg", "0 missed doses").
        self.dangling = {i for i in self.cues if not self._reaches(i)}
        self.relatives = find_phrases(tokens, RELATIVES)

    def _reaches(self, cue: int) -> bool:
        """Whether anything in the cue's clause (to a semicolon or a termination term; over a
        label's colon) is read as denied or stopped."""

        def ends(t: Token) -> bool:
            return t.text == ";" or t.text in TERMINATORS

        first = cue
        while first > 0 and not ends(self.tokens[first - 1]):
            first -= 1
        last = cue
        while last + 1 < len(self.tokens) and not ends(self.tokens[last + 1]):
            last += 1
        return any(
            j not in self.cues and (self.assertions[j].negated or self.assertions[j].stopped)
            for j in range(first, last + 1)
        )

    def judge(self, mention: Mention, i: int) -> Mention:
        if i < 0:
            return mention
        a = self.assertions[i]
        unsure_denial = (
            not self._plainly_denied(i) if (a.negated or a.stopped) else self._cue_near(i)
        )
        # A relative anywhere in the sentence may be whom its other statements speak of too
        # ("Her sister supervises her doses as treatment supporter, and ...").
        unsure_experiencer = not self._plainly_theirs(i) if a.family else bool(self.relatives)
        return replace(mention, unsure_denial=unsure_denial, unsure_experiencer=unsure_experiencer)

    def _between_plain(self, first: int, last: int, step: int, lists: bool = False) -> bool:
        """Whether tokens ``first`` to ``last`` (exclusive) are only the finding's own words,
        a bracketed aside, a label's colon or dash, a regimen's figures and words, and items
        joined by "or" or "nor" (or, before a backward cue, "and"); a comma or a break is
        another statement. ``step``: 1 where the cue comes first, -1 where it comes after;
        ``lists``: a comma joins items too ("No EGFR, ALK or ROS1 alteration"), as it may for a
        reading of the word as affirmed."""
        counted = 0
        aside = 0
        for j in range(first, last):
            t = self.tokens[j].text
            aside += (t == "(") - (t == ")")
            if aside or t in _TIGHT_FILLER or t in _LABEL_MARKS:
                continue
            # After the cue, "and" may join a new claim the reader took for one more item ("as
            # no edema and orthostatic"): no plain reach. Before it, the items are the cue's
            # subject ("fever and chills were absent"), unless a subject of its own follows.
            if t == "and" and (step == 1 or ends_scope(self.tokens, j, step)):
                return False
            if not lists and self._another_predicate(j, last):
                return False
            if t in _EITHER or (t == "," and lists and not self._opens_clause(j + 1)):
                counted = 0  # "no fever or rigors": a denial distributes over "or"
                continue
            if t[0].isdigit() or (t in _REGIMEN_WORDS and t != ","):
                continue
            if t == "," or is_break(self.tokens[j]):
                return False
            counted += 1
            if counted > _PLAIN_WORDS:
                return False
        return True

    def _opens_clause(self, j: int) -> bool:
        """Whether token ``j`` opens a clause of its own ("Denies chest pain, reports
        dyspnoea"): no item of a list after a comma."""
        return j < len(self.tokens) and self.tokens[j].text in NEW_CLAUSE

    def _another_predicate(self, j: int, last: int) -> bool:
        """Whether token ``j``, between a word and a cue at token ``last`` or after it, opens
        what the cue does not plainly govern: "and" right before a backward cue joins a
        predicate of its own ("started on the evening of 2 September and was not relieved"),
        "as" a clause of reason or comparison ("not offered as symptoms > 3 months")."""
        t = self.tokens[j].text
        if t == "and":
            return all(k in self.cues for k in range(j + 1, last))
        return t == "as"

    def _plainly_denied(self, i: int) -> bool:
        return i in self.cues or self._within_reach(i)

    def _within_reach(self, i: int, lists: bool = False) -> bool:
        """Whether a cue other than token ``i`` stands where it plainly governs ``i`` (with
        ``lists``, or governs it as one of a list of items after commas)."""
        return any(
            self._between_plain(self._after_cue(c), i, 1, lists)
            if c < i
            else self._between_plain(i + 1, c, -1, lists)
            for c in self.cues
            if c != i
        )

    def _after_cue(self, c: int) -> int:
        """Where a forward cue's finding may start: past "yet"/"still" ("not yet removed"), an
        adverb of the denial as ``negation_scope`` reads it."""
        after = c + 1
        if after < len(self.tokens) and self.tokens[after].text in _ADVERBS:
            return after + 1
        return after

    def _cue_near(self, i: int) -> bool:
        """Whether token ``i`` is part of a denial, stands where a cue plainly reaches, or a cue
        given no reach stands in its statement: then a reading of ``i`` as affirmed may have
        missed what the cue denies ("no bleeding or bruising and had not started ..."). Here a
        comma may join the cue's items ("No EGFR, ALK or ROS1 alteration")."""
        return (
            i in self.in_cue
            or any(self._statement(i, c) for c in self.dangling)
            or self._within_reach(i, lists=True)
        )

    def _statement(self, i: int, j: int) -> bool:
        """Whether tokens ``i`` and ``j`` are in one statement: no semicolon between them."""
        return not any(t.text == ";" for t in self.tokens[min(i, j) : max(i, j)])

    def _plainly_theirs(self, i: int) -> bool:
        for start, end in self.relatives:
            if end <= i and self._between_words(end, i) <= _RELATIVE_WORDS:
                return True
            if start > i and self._between_words(i + 1, start) <= 1:
                return True
        return False

    def _between_words(self, first: int, last: int) -> int:
        counted = 0
        for t in self.tokens[first:last]:
            if t.text == ";":
                return len(self.tokens)  # another statement
            if t.text not in _TIGHT_FILLER and t.text not in _LABEL_MARKS and t.text != ",":
                counted += 1
        return counted


def mentions(text: str, limit: int | None = None) -> list[Mention]:
    """Concept mentions of ``text`` with their assertions, sentence by sentence (``limit``: the
    highest passage number its citations may name, None when not known)."""
    found: list[Mention] = []
    for sentence in split_sentences(text):
        if _is_heading(sentence.text):
            continue  # walk 24: "DISCHARGE SUMMARY" reports no discharge as present
        tokens = tokenize(sentence.text, sentence.start, limit)
        assertions = _sentence_assertions(tokens, sentence.text)
        readings = _Readings(tokens, assertions)
        heading = _system_heading(tokens)
        words = [word_key(t.text) for t in tokens]
        # Where a person's name of two words starts.
        names = {
            i
            for i in range(len(tokens) - 1)
            if _is_person_name(sentence.text, sentence.start, tokens, i)
        }
        judged = len(found)
        for i, token in enumerate(tokens):
            # How sure each reading of the previous token's mentions is.
            found[judged:] = [readings.judge(m, i - 1) for m in found[judged:]]
            judged = len(found)
            if i in heading:
                continue
            # Shorthand that is itself a denial ("BNO": bowels not opened) denies what its
            # sense says did not happen.
            found += [
                Mention(word, token.start, token.end, sentence.text, _denied(assertions[i]))
                for word in _denied_by_shorthand(token.text)
            ]
            judged = len(found)  # the shorthand's own denial is sure
            if _qualifies(words, tokens, i):
                # "No severe hypoglycemia": what is denied is the severe kind.
                key = f"{words[i]} {words[i + 1]}"
                found.append(
                    Mention(key, token.start, tokens[i + 1].end, sentence.text, assertions[i])
                )
            if not _is_concept(words[i], token.text):
                continue
            surname = _is_surname(sentence.text, sentence.start, tokens, i)
            raw = sentence.text[token.start - sentence.start : token.end - sentence.start]
            person = (i in names or i - 1 in names) or (
                raw[:1].isupper() and raw[1:2].islower() and word_lexicon().name_like(words[i])
            )
            found.append(
                Mention(
                    words[i],
                    token.start,
                    token.end,
                    sentence.text,
                    assertions[i],
                    surname,
                    raw,
                    person,
                )
            )
            if i + 1 < len(tokens) and _is_concept(words[i + 1], tokens[i + 1].text, pair=True):
                key = f"{words[i]} {words[i + 1]}"
                found.append(
                    Mention(
                        key,
                        token.start,
                        tokens[i + 1].end,
                        sentence.text,
                        assertions[i],
                        person=i in names,
                    )
                )
            elif i > 0 and tokens[i - 1].text[0].isdigit():
                key = f"{words[i - 1]} {words[i]}"  # "1 diabetes" in "type 1 diabetes"
                found.append(
                    Mention(key, tokens[i - 1].start, token.end, sentence.text, assertions[i])
                )
        found[judged:] = [readings.judge(m, len(tokens) - 1) for m in found[judged:]]
    return found


def _denied(assertion: Assertion) -> Assertion:
    return replace(assertion, negated=True)


def _denied_by_shorthand(word: str) -> list[str]:
    """The words a shorthand's sense denies: "opened" for "BNO" (bowels not opened)."""
    found: list[str] = []
    for sense in SHORTHAND.get(word, ()):
        parts = sense.split()
        for k, part in enumerate(parts[:-1]):
            if part in ("not", "no"):
                found += [word_key(w) for w in parts[k + 1 :] if _is_concept(word_key(w), w)]
    return found


def _qualifies(words: Sequence[str], tokens: Sequence[Token], i: int) -> bool:
    """Whether word ``i`` is a qualifier ("severe") of a concept right after it."""
    return (
        words[i] in _QUALIFIERS
        and i + 1 < len(tokens)
        and _is_concept(words[i + 1], tokens[i + 1].text, pair=True)
    )


def _capitalised(sentence: str, start: int, token: Token) -> bool:
    raw = sentence[token.start - start : token.end - start]
    return raw[:1].isupper() and raw[1:2].islower()


def _is_surname(sentence: str, start: int, tokens: Sequence[Token], i: int) -> bool:
    return (
        i > 0
        and _capitalised(sentence, start, tokens[i])
        and _capitalised(sentence, start, tokens[i - 1])
    )


def _is_person_name(sentence: str, start: int, tokens: Sequence[Token], i: int) -> bool:
    """Whether words ``i`` and ``i + 1`` are a person's name ("Mere Whitlock"): both capitalised,
    neither clinical, the second no English word, so a title-case finding ("Heart Failure",
    "Parkinson Disease") is none."""
    words = word_lexicon()
    first, second = (t.text.lower() for t in tokens[i : i + 2])
    return (
        _capitalised(sentence, start, tokens[i])
        and _capitalised(sentence, start, tokens[i + 1])
        and second not in words.english
        and not words.clinical(first)
        and not words.clinical(second)
    )


def _is_concept(word: str, raw: str, pair: bool = False) -> bool:
    if pair and raw[:1].isdigit():
        return False
    return len(word) >= 2 and word.isascii() and word[0].isalpha() and word not in _NOT_CONCEPTS
