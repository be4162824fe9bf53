"""What a sentence asserts about each of its tokens: the scopes of its ConText triggers (negated,
historical, current, hypothetical, a relative's), with the exceptions notes need (a fall that is
no refusal, a label given a denial, a relative who only reports, a condition that something goes
on). Stopped medications are read by rag/assertion_stops.py, sides by rag/assertion_sides.py."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from medlocal.rag.assertion_possessives import (
    accompanies,
    describes_what_follows,
    opens_own_clause,
    possessive_relatives,
    relative_labels,
)
from medlocal.rag.assertion_records import Assertion
from medlocal.rag.assertion_sides import sides
from medlocal.rag.assertion_stops import (
    CONDITIONS,
    changed_medications,
    first_drugs,
    stopped_medications,
)
from medlocal.rag.assertion_tokens import (
    Token,
    backward_scope,
    clause_before,
    find_phrases,
    forward_scope,
    is_break,
)
from medlocal.rag.assertion_triggers import (
    AFFIRM_BACKWARD,
    AFFIRM_STOPS,
    AS_NEEDED,
    CHANGES,
    CONDITION_REACH,
    CURRENT,
    DONE_AFTER_SUGGESTION,
    DONE_ANY_CHANGE,
    DONE_POINTERS,
    DONE_START_VERBS,
    DONE_SUBJECTS,
    GO_ON_WORDS,
    HISTORICAL,
    HYPOTHETICAL,
    HYPOTHETICAL_BACKWARD,
    HYPOTHETICAL_REACH,
    MODALS,
    NEG_BACKWARD,
    NEG_FORWARD,
    NOT_A_START,
    PSEUDO,
    RELATIVES,
    SUGGESTIONS,
    TRIGGER_LISTS,
)
from medlocal.rag.negation_scope import NEG_UNCOUNTED, negation_scope

_YEAR_CONTEXT = re.compile(r"\b(?:in|since|during|from)\s+(?:19|20)\d{2}\b", re.I)


_ADVICE = frozenset({"told to", "advised to", "instructed to", "asked to", "counselled to",
                     "counseled to"})  # fmt: skip
_GO_ON = frozenset({"continue", "keep", "carry", "remain", "stay", "resume"})


def _advised_to_go_on(tokens: Sequence[Token], span: tuple[int, int]) -> bool:
    """Advice to go on with something ("advised to continue aspirin") says it is taken now, not
    that it might be (review 31: it contradicted "She takes aspirin 75 mg daily")."""
    phrase = " ".join(t.text for t in tokens[span[0] : span[1]])
    return phrase in _ADVICE and span[1] < len(tokens) and tokens[span[1]].text in _GO_ON


_SUGGESTIONS = frozenset(SUGGESTIONS)


# How far into the next sentence its record of the change and its pointer back may lie.
_DONE_REACH = 8


def records_done(tokens: Sequence[Token]) -> bool:
    """Whether a sentence starts by recording a change suggested just before as done ("She began
    it on 3 May.", "She has done so."): a done phrase and a word pointing back, near its start."""
    start = tokens[:_DONE_REACH]
    return bool(_done_phrases(start, start_too=True)) and any(
        t.text in DONE_POINTERS for t in start
    )


def _done_phrases(tokens: Sequence[Token], *, start_too: bool) -> list[tuple[int, int]]:
    """The phrases of ``tokens`` that record a suggested change as done: any of them for a
    suggested start (``start_too``), a verb of starting only with the patient or the suggestion
    as its subject; only "has done"-like ones for a stop or a dose change (review 43b R3)."""
    found = []
    for first, last in find_phrases(tokens, DONE_AFTER_SUGGESTION):
        phrase = " ".join(t.text for t in tokens[first:last])
        if phrase in DONE_ANY_CHANGE:
            found.append((first, last))
        elif not start_too:
            continue
        elif (
            phrase not in DONE_START_VERBS
            or first == 0
            or tokens[first - 1].text.lower() in DONE_SUBJECTS
        ):
            found.append((first, last))
    return found


def _suggestion_done(tokens: Sequence[Token], span: tuple[int, int], done_next: bool) -> bool:
    """A suggested change that the passage goes on to record as done ("I recommended reducing
    her bisoprolol to 2.5 mg, which she has done"; "... She began it on 3 May."), or a
    suggestion to go on with a treatment ("would benefit from continuing metformin"), leaves the
    treatment taken (review 43 D4)."""
    phrase = " ".join(t.text for t in tokens[span[0] : span[1]])
    if phrase not in _SUGGESTIONS:
        return False
    if span[1] < len(tokens) and tokens[span[1]].text in GO_ON_WORDS:
        return True
    words = {t.text for t in tokens[span[0] : span[1] + 1]}
    start_too = not words & NOT_A_START
    if done_next and start_too:
        return True
    return bool(_done_phrases(tokens[span[1] :], start_too=start_too))


def _changes_a_drug_taken(tokens: Sequence[Token], span: tuple[int, int]) -> bool:
    """Whether a hypothetical trigger suggests or asks about a stop or a dose change ("Please
    advise on increasing her ramipril", "Consider stopping aspirin"), which a drug taken now
    undergoes; a condition ("if stopping ...") is left a plain possibility."""
    if tokens[span[0]].text in CONDITIONS:
        return False
    return bool({t.text for t in tokens[span[0] : span[1] + 1]} & NOT_A_START)


def sentence_assertions(
    tokens: Sequence[Token], text: str, done_next: bool = False
) -> list[Assertion]:
    """``done_next``: the next sentence records a change suggested here as done (see
    ``records_done``)."""
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
    _signed_denials(tokens, out)
    stopped_medications(tokens, out, triggers, text.rstrip().endswith("?"))
    changed_medications(tokens, out, triggers)
    for span in find_phrases(tokens, HISTORICAL):
        for i in forward_scope(tokens, span[1]):
            out[i].historical = True
    if _YEAR_CONTEXT.search(text):  # "DVT of the right leg in 2017": the whole sentence is past
        for a in out:
            a.historical = True
    for span in find_phrases(tokens, CURRENT):
        for i in (*backward_scope(tokens, span[0]), *forward_scope(tokens, span[1])):
            out[i].current = True
    # What only a suggested change of a drug taken makes hypothetical, and what anything else
    # does: a word in both is a plain possibility.
    change_only: set[int] = set()
    plain: set[int] = set()
    for span in find_phrases(tokens, HYPOTHETICAL):
        if (
            _as_needed(tokens, span)
            or _advised_to_go_on(tokens, span)
            or _suggestion_done(tokens, span, done_next)
        ):
            continue
        # Over a label's colon: "Options discussed: A vs B".
        first = span[1] + 1 if span[1] < len(tokens) and tokens[span[1]].text == ":" else span[1]
        scope = forward_scope(tokens, first)
        for i in scope:
            out[i].hypothetical = True
        if _changes_a_drug_taken(tokens, span):
            # Only the drugs the change names: the rest of the scope stays a possibility
            # ("Consider stopping aspirin and referral to ...").
            drugs = first_drugs(tokens, scope)
            change_only.update(drugs)
            plain.update(set(scope) - set(drugs))
        else:
            plain.update(scope)
        if tokens[span[0]].text in CONDITIONS:
            _persisting(tokens, out, range(first, len(tokens)))
    for span in find_phrases(tokens, HYPOTHETICAL_BACKWARD):
        for i in clause_before(tokens, span[0], HYPOTHETICAL_REACH):
            out[i].hypothetical = True
            plain.add(i)
    for i in change_only - plain:
        out[i].change_only = out[i].hypothetical
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
        # "Her mother has X" and "X in his brother": the relative governs its whole clause,
        # save what comes before a relative who is company ("Travelling with husband").
        before = (
            ()
            if accompanies(tokens, span[0])
            or opens_own_clause(tokens, span[0])
            or describes_what_follows(tokens, span)
            else backward_scope(tokens, span[0])
        )
        for i in (*before, *_participle_forward(tokens, span[1])):
            out[i].family = relative
    possessive_relatives(tokens, out)
    relative_labels(tokens, out)
    sides(tokens, out)
    return out


# A word's prefix left open before the word it shares ("pre- and post-operative"): no result.
_OPEN_PREFIXES = frozenset(
    {"pre", "post", "non", "anti", "sub", "semi", "self", "co", "re", "ex", "mid", "peri",
     "intra", "extra", "inter", "over", "under", "hypo", "hyper", "uni", "bi", "multi"}
)  # fmt: skip


def signed_denial(word: str) -> bool:
    """Whether ``word`` (a token) is a short test name written with a minus sign as its result
    ("ER-", "HER2-" in "ER+/PR+/HER2-", "Rh-"): denied, as "HER2 negative" is, and plainly so
    (review 62g: after round 12 made "HER2-" a word of its own, an "ER-" written against an
    ER-positive tumour was read as nothing at all)."""
    stem = word[:-1]
    return (
        word.endswith("-")
        and 1 < len(word) <= 7
        and stem[-1:].isalnum()
        and stem not in _OPEN_PREFIXES
    )


def _signed_denials(tokens: Sequence[Token], out: list[Assertion]) -> None:
    for token, assertion in zip(tokens, out, strict=True):
        if signed_denial(token.text):
            assertion.negated = True


# "X negative, as was Y": the result before the comma is Y's too.
AS_WAS = ("as was", "as were", "as is", "as are", "as did")


def _carried_results(tokens: Sequence[Token], out: list[Assertion], triggers: set[int]) -> None:
    """Give what follows "as was" the denial of what comes before its comma: "the tests were
    all negative, as was the stool antigen" denies the antigen."""
    denials = {i for s, e in find_phrases(tokens, NEG_BACKWARD + NEG_FORWARD) for i in range(s, e)}
    for start, end in find_phrases(tokens, AS_WAS):
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
DENYING_VALUES = (
    "nkda", "nka", "nkfa", "nil", "nil known", "none", "none known", "no known", "nad",
    # A finding labelled with its absence, as reports write them: "Ulceration: absent",
    # "Microsatellites: not identified", "Syphilis serology: negative".
    "absent", "negative", "not seen", "not identified", "not detected", "not present",
    "none seen", "none identified", "not found",
)  # fmt: skip
_LABEL_WORDS = 3


def _denied_labels(tokens: Sequence[Token], out: list[Assertion]) -> None:
    """Mark a label (up to three words before a colon) whose value is a denial as negated,
    unless the denial names what it denies after it: "Diabetes: negative for ketones" denies
    the ketones, and diabetes is the heading they are listed under (note45)."""
    for start, end in find_phrases(tokens, DENYING_VALUES):
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
        labelled = {_singular(t.text) for t in tokens[first:label]}
        named = _own_object(tokens, end)
        denied = {_singular(tokens[i].text) for i in named}
        if (
            denied
            and not denied & labelled
            and not (_names_a_target(tokens[first:label]) and _tests_the_label(tokens, named))
        ):
            continue
        for i in range(first, label):
            out[i].negated = True


# What opens the object of a label's denying value: "negative for ketones", "none of the
# complications", "no known drug allergies" (the object of "known" follows it directly).
_OBJECT_OPENERS = frozenset({"for", "of"})


def _own_object(tokens: Sequence[Token], end: int) -> list[int]:
    """The words a label's denying value (ending at token ``end``) names as what it denies, to
    the clause's end: "ketones" in "Diabetes: negative for ketones"; none in "Hepatitis B:
    negative", "Ulceration: absent (focal)" or "negative on the rectal sample" (a place)."""
    if end < len(tokens) and tokens[end].text in _OBJECT_OPENERS:
        end += 1
    elif (
        tokens[end - 1].text != "known"
        or end >= len(tokens)
        or tokens[end].text in NEG_UNCOUNTED  # "none known to medications": the label's
    ):
        return []
    return [
        i
        for i in forward_scope(tokens, end)
        if tokens[i].text[0].isalpha()
        and tokens[i].text not in NEG_UNCOUNTED
        and tokens[i].text not in _NO_OBJECT
    ]


# Labels that name what a test looks for: an organism, its infection or its marker. "Hepatitis
# B: negative for surface antigen" denies the hepatitis (review46 D1), but a negative antigen,
# culture or antibody does not deny a disease named by the patient's illness: "Pneumonia:
# negative for legionella antigen", "Cellulitis: negative for growth", "Diabetes: negative for
# antibodies (GAD)" still have the pneumonia, cellulitis and diabetes (review46b D1).
_TARGETS = frozenset(
    {"hbv", "hcv", "hav", "hev", "hdv", "hbsag", "hbeag", "hiv", "htlv", "mrsa", "vre", "cpe",
     "cre", "esbl", "covid", "covid-19", "sars-cov-2", "coronavirus", "influenza", "flu", "rsv",
     "norovirus", "rotavirus", "difficile", "cdiff", "c-diff", "pylori", "syphilis", "chlamydia",
     "gonorrhoea", "gonorrhea", "tb", "tuberculosis", "cmv", "ebv", "hsv", "vzv", "varicella",
     "measles", "rubella", "mumps", "malaria", "toxoplasma", "legionella", "pertussis",
     "mycoplasma", "trichomonas", "candida", "aspergillus", "salmonella", "shigella",
     "campylobacter", "listeria", "strep", "streptococcus", "gbs", "mpox", "dengue", "zika"}
)  # fmt: skip
# "Hepatitis" is a target only as a virus: "Hepatitis B", "viral hepatitis", not "autoimmune
# hepatitis", whose negative antibodies do not rule it out.
_HEPATITIS = frozenset({"hepatitis", "hep"})
_HEPATITIS_VIRUSES = frozenset({"a", "b", "c", "d", "e", "viral"})


def _names_a_target(label: Sequence[Token]) -> bool:
    """Whether a label's words name what a test looks for: "MRSA", "HIV", "Hepatitis B", not
    "Pneumonia" or "Autoimmune hepatitis"."""
    words = {t.text for t in label}
    return bool(words & _TARGETS) or bool(words & _HEPATITIS and words & _HEPATITIS_VIRUSES)


# What a target label's own test looks for or is done on: "Hepatitis B: negative for surface
# antigen", "HIV: negative for antibodies", "MRSA: negative for nasal carriage" deny the label
# (review46 D1), where "Diabetes: negative for ketones" denies the ketones.
_ANALYTES = frozenset(
    {"antigen", "antigens", "antibody", "antibodies", "ab", "ag", "igg", "igm", "rna", "dna",
     "pcr", "naat", "carriage", "colonisation", "colonization", "colonised", "colonized",
     "growth", "organisms", "serology", "swab", "screen", "screening", "test", "testing",
     "culture", "markers", "marker", "titre", "titres", "assay", "infection", "hbsag"}
)  # fmt: skip
# What ends the object's own words before the place or sample it was found on: "negative for
# ketones on urine dip" names the ketones, not the dip.
_OBJECT_ENDS = frozenset({"on", "in", "at", "by", "from", "with", "after", "and", "or"})


def _tests_the_label(tokens: Sequence[Token], named: Sequence[int]) -> bool:
    """Whether the object a label's denial names (token indexes ``named``, in order) is what
    the label's own test looks for, up to its place or sample: "surface antigen" in "Hepatitis
    B: negative for surface antigen", not "ketones" in "negative for ketones on urine dip"."""
    for i in named:
        word = tokens[i].text
        if word in _OBJECT_ENDS:
            return False
        if word in _ANALYTES:
            return True
    return False


# What follows "none of" without naming anything: "Allergies: none of note", "nil of
# significance", "none of the above" still deny the label.
_NO_OBJECT = frozenset(
    {"note", "significance", "concern", "relevance", "interest", "above", "these", "those",
     "them", "kind", "sort"}
)  # fmt: skip


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


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
