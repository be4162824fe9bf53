"""The trigger phrases of the assertion reader: the published NegEx/ConText lists (negation,
historical, hypothetical, experiencer), trimmed to clinical English, and our own modifiers
(current, stopped, laterality, plans stated after the thing planned)."""

from __future__ import annotations

import re

# A denial bounded in time ("no heroin use in the last three months", "no pain since
# discharge"): it agrees with the thing present before that time.
TIME_BOUNDED = re.compile(
    r"\b(?:in|over|for|during|within)\s+the\s+(?:last|past|previous|preceding)\b|\bsince\b",
    re.IGNORECASE,
)

# NegEx / ConText negation triggers ("definite negated existence"), forward and backward.
NEG_FORWARD = (
    "no", "not", "denies", "denied", "denying", "deny", "without", "no evidence of",
    "no evidence for", "no sign of", "no signs of", "negative for", "free of", "absence of",
    "absent", "never", "never had", "none", "neither", "nor", "fails to reveal",
    "failed to reveal", "does not have", "did not have", "no history of", "not seen",
    "no suspicious", "rules out", "ruled out", "resolved", "no findings of", "no new",
    "no complaints of", "not demonstrate", "not appreciated", "no further",
    # Our own: what the patient declines is not given ("Declines antidepressant").
    "declines", "declined", "declining", "refuses", "refused", "refusing",
    # A result with the place it was taken after it: "negative on the rectal sample", "NAAT
    # negative at all sites" deny the sample and the sites (the finding before stays denied by
    # the backward "negative").
    "negative on", "negative at", "negative in",
    # Advice to go without: "avoid driving for 6 months" is the note's "no driving" (written
    # after it, "NSAIDs were avoided", the denial reaches back).
    "avoid", "avoids", "avoiding", "abstain from", "refrain from",
)  # fmt: skip
NEG_BACKWARD = (
    "was ruled out", "were ruled out", "is ruled out", "has been ruled out", "unlikely",
    "was negative", "were negative", "is negative", "are negative", "not seen", "is absent",
    "was absent", "are absent", "were absent", "not present", "was not present", "resolved",
    "free", "does not", "do not", "did not", "is not", "was not",
    # Walk 26: an examination note puts the result after the test with no verb ("Phalen's test
    # negative; Tinel's sign negative").
    "negative",
    # A treatment judged unneeded, the judgement after it: "MgSO4 not required at present".
    "not required", "not needed", "not indicated",
    # An act not done, the denial after it as notes write it: "IOC not performed", "cultures
    # not sent", "HPV not detected" (a sentence writes "was not performed": the same denial).
    "not performed", "not done", "not sent", "not obtained", "not undertaken", "not carried out",
    "not tested", "not checked", "not detected", "not identified", "not found", "not observed",
    "not visualised", "not visualized", "not palpable", "not given", "not administered",
    "avoided", "to be avoided", "be avoided",
    # Our own: a screen for a disease found normal finds no disease ("coeliac screen was
    # normal" against "coeliac serology negative"); a test's word must name it a screen.
    "screen was normal", "screen were normal", "screen normal", "screen is normal",
    "screening was normal", "serology was normal", "serology normal", "serology is normal",
    # The same written as a label and its result ("Baby G6PD screen: normal"; round 12).
    "screen : normal", "screening : normal", "serology : normal",
)  # fmt: skip
# A result stated after the finding ("Phalen's test was positive") affirms it, whatever an
# earlier negation's window reached ("no ferritin result and Phalen's test was positive").
AFFIRM_BACKWARD = ("positive", "was positive", "is positive", "were positive", "are positive")
# Words that end an affirmation's backward reach: the item before them is another finding.
AFFIRM_STOPS = frozenset({",", "and", "or", "nor"})
# Phrases that contain a trigger but negate nothing (NegEx pseudo-triggers).
PSEUDO = (
    "no increase", "no change", "no significant change", "not only", "no further change",
    "gram negative", "not necessarily", "without difficulty", "not certain if", "not ruled out",
    "no interval change", "not extend", "no suspicious change", "not cause", "triple negative",
    # Our own: "do not stop aspirin" keeps it going.
    "not stop", "not discontinue", "not hold",
    # "free" before what it qualifies is no denial ("no free fluid" denies the fluid, not the
    # appendix before it; "free T4 normal").
    "free fluid", "free air", "free gas", "free water", "free t4", "free t3", "free light",
)  # fmt: skip
HISTORICAL = (
    "history of", "h/o", "hx of", "previous", "previously", "prior", "remote", "remote history",
    "past medical history", "past history", "status post", "s/p", "in the past", "years ago",
    "former", "formerly", "was diagnosed", "history",
)  # fmt: skip
# Our own: words that put a concept in the present episode (a mismatch needs both sides marked).
CURRENT = (
    "currently", "current", "now", "active", "acute", "acutely", "presents with", "presented with",
    "presenting with", "presents for", "admitted with", "admitted for", "this admission",
    "ongoing", "today", "is receiving", "is undergoing", "new onset", "is having",
)  # fmt: skip
# A suggestion of a change of treatment: "suggest adding", "recommended starting", "advise
# switching to". Only with the change after it: "suggest" alone is a radiologist's "probable"
# ("appearances suggest consolidation"), and "recommend continuing ramipril" keeps it taken.
_SUGGESTED_CHANGES = tuple(
    f"{verb} {change}"
    for verb in ("suggest", "suggests", "suggested", "recommend", "recommends", "recommended",
                 "advise", "advises", "advised", "propose", "proposes", "proposed")
    for change in ("adding", "starting", "switching", "commencing", "trying", "introducing",
                   "initiating", "a trial of", "stopping", "discontinuing", "changing",
                   "increasing", "reducing", "restarting", "decreasing", "holding",
                   "withholding", "titrating")
)  # fmt: skip
# Advice asked on a CHANGE ("Please advise on adding an SGLT2 inhibitor", "... on increasing
# her ramipril", "... on stopping her warfarin": review 43b R2, every kind of change); advice on
# a drug already taken ("Please advise on her warfarin dosing", "Advice regarding apixaban before
# surgery") is no suggestion that it is not taken (review 43 D4).
_ADVICE_ASKED = tuple(
    f"{ask} {change}"
    for ask in ("advise on", "advice on", "advise re", "advice re", "advise regarding",
                "advice regarding", "advise about", "advice about", "advise whether",
                "advice whether", "advise on whether", "advice on whether")
    for change in ("adding", "starting", "switching", "commencing", "trying", "introducing",
                   "initiating", "a trial of", "trial of", "restarting", "to add", "to start",
                   "to switch", "to commence", "to try", "to restart",
                   # A change of a drug taken: the change is only asked about, the drug is
                   # taken (NOT_A_START; rag/assertion_mismatches.py reads it so).
                   "stopping", "discontinuing", "increasing", "reducing", "decreasing",
                   "changing", "holding", "withholding", "titrating", "weaning", "tapering",
                   "halving", "to stop", "to discontinue", "to increase", "to reduce",
                   "to decrease", "to change", "to hold", "to withhold", "to titrate",
                   "to wean", "to taper", "to halve")
)  # fmt: skip
# A suggestion of a treatment not yet given: read by rag/assertion_scopes.py, which lets a
# record of it done later in the sentence ("..., which she has done") cancel it.
SUGGESTIONS = (
    *_ADVICE_ASKED, "would benefit from", "may benefit from", "might benefit from",
    "could benefit from", "could try", "worth trying", "worth considering", "worth a trial of",
    *_SUGGESTED_CHANGES,
)  # fmt: skip
# What records a suggested change as done after it: "I recommended reducing her bisoprolol,
# which she has done"; "We advised starting amlodipine and she began it on 3 May".
DONE_AFTER_SUGGESTION = (
    "has done", "had done", "has done so", "did so", "did this", "began", "begun", "has begun",
    "started", "has started", "commenced", "has commenced", "is now on", "now on", "now takes",
    "is now taking", "now taking", "which she takes", "which he takes", "which they take",
    "which she is taking", "which he is taking", "already takes", "already on",
    "already taking", "was started", "were started", "has been started",
)  # fmt: skip
# Of those, the ones that record any change done ("which she has done"); the others record a
# start only, so they answer a suggestion to add or start something, never one to stop or
# change a dose ("Consider stopping aspirin, which was started in 2019": review 43b R3).
DONE_ANY_CHANGE = frozenset({"has done", "had done", "has done so", "did so", "did this"})
# A verb of starting records the suggested start only with the patient or the suggestion as
# its subject ("she began it", "which was started"), not another drug or a condition ("warfarin
# was started in 2015", "her chest pain began": review 43b R3).
DONE_START_VERBS = frozenset(
    {"began", "begun", "has begun", "started", "has started", "commenced", "has commenced",
     "was started", "were started", "has been started"}
)  # fmt: skip
DONE_SUBJECTS = frozenset(
    {"she", "he", "they", "which", "who", "it", "this", "that", "so", "and", "patient"}
)
# Changes other than a start: only DONE_ANY_CHANGE records them done. A drug whose change of
# this kind is only suggested or asked about is one taken now ("Please advise on increasing her
# ramipril"): the suggestion denies the change, not the drug (review 43b R2).
NOT_A_START = frozenset(
    {"stopping", "discontinuing", "reducing", "increasing", "changing", "weaning", "tapering",
     "withdrawing", "lowering", "halving", "decreasing", "holding", "withholding", "titrating",
     "stop", "discontinue", "reduce", "increase", "change", "wean", "taper", "withdraw",
     "lower", "halve", "decrease", "hold", "withhold", "titrate"}
)  # fmt: skip
# The answer's side: a sentence that records a change of the drug as made ("Her ramipril was
# increased", "ramipril reduced to 2.5 mg", "she halved her ramipril", "ramipril was started"),
# which a passage that only suggests a change of it does not support; a stop is read by
# rag/assertion_stops.py. Read by rag/assertion_stops.changed_medications.
CHANGE_DONE = (
    "increased", "reduced", "decreased", "lowered", "raised", "halved", "doubled", "titrated",
    "uptitrated", "up-titrated", "downtitrated", "down-titrated", "weaned", "tapered",
    "adjusted", "changed", "switched", "altered", "started", "commenced", "added", "initiated",
    "introduced", "restarted", "began", "begun",
)  # fmt: skip
# Words by which the next sentence points back at the suggestion ("She began it on 3 May.",
# "This was started today."): with a DONE_AFTER_SUGGESTION phrase near its start, it records
# the suggested change as done.
DONE_POINTERS = frozenset({"it", "this", "that", "so", "them", "these", "those"})
# Going on with a treatment is no change: "would benefit from continuing metformin".
GO_ON_WORDS = frozenset({"continuing", "staying", "remaining", "keeping", "ongoing"})
HYPOTHETICAL = (
    "if", "should", "in case", "will be", "would be", "consider", "considering",
    "may need", "might", "planned", "plan to", "return if",
    "in the event",
    # Our own: a change only talked over ("Discussed switching to apixaban").
    "discussed switching to", "discussed switching", "discussed starting", "discussed adding",
    "discussed changing to", "option of", "options include",
    # Choices laid out, none yet taken: "Options discussed: surveillance vs surgery".
    "options discussed", "options were discussed", "discussed options", "options are",
    "options were", "treatment options",
    # A preference is not yet a decision: "leaning toward surveillance".
    "leaning toward", "leaning towards", "inclined toward", "inclined towards", "would prefer",
    "prefers", "favours", "favors", "favouring", "favoring",
    # Booked, not yet done: "Booked for growth scan at 32 weeks".
    "booked for", "booked in for", "is booked", "was booked",
    # A query written "?": "(?switch to apixaban)".
    "?",
    # Advice is what to do, not what was done: "told to stop carbimazole if she develops a sore
    # throat", "advised to avoid driving".
    "told to", "advised to", "instructed to", "asked to", "counselled to", "counseled to",
    # A change only asked or suggested is not one made (grfix43, walk 42gb: "Please advise on
    # adding an SGLT2 inhibitor" let "she stopped her SGLT2 inhibitor" pass): a request for
    # advice on a change, a benefit foreseen, something worth a try.
    *SUGGESTIONS,
)  # fmt: skip
# Our own: a plan stated after the thing planned ("lamotrigine would be considered", "with
# semaglutide to be considered if ..."): hypothetical back to the start of its clause.
HYPOTHETICAL_BACKWARD = (
    "to be considered", "would be considered", "will be considered", "may be considered",
    "could be considered", "be considered", "is being considered", "being considered",
    "under consideration", "was discussed", "were discussed",
    # Put off, not given: "Ticagrelor deferred to cardiology".
    "deferred", "was deferred", "postponed", "was postponed",
    # A change a threshold would bring, stated after the thing ("the level of 120 at which the
    # TB drugs would be stopped"; round 12).
    "would be stopped", "would be started", "would be added", "would be given",
    "would be withheld", "would be held", "would be restarted", "would be switched",
)  # fmt: skip
HYPOTHETICAL_REACH = 5
# Back to the clause's start: "atenolol will be increased to 50 mg if ..." plans atenolol too.
CONDITION_REACH = 10
# A change of treatment, which a condition after it makes a plan; "hold X if ..." is an order
# for a case, read by the stop triggers.
CHANGES = (
    "increas", "decreas", "reduc", "start", "add", "switch", "restart", "titrat", "uptitrat",
    "commenc", "chang", "wean", "escalat",
)  # fmt: skip
MODALS = frozenset({"will", "would", "shall", "may", "might", "could", "can"})
AS_NEEDED = frozenset({"needed", "required", "necessary", "tolerated", "symptomatic", "so"})
# Our own: a medication stopped ("stop amitriptyline", "quetiapine was tapered off", "STOPPED:
# lisinopril"); read only for medication names, so that "stopped smoking" is left to the others.
STOP_FORWARD = (
    "stop", "stopped", "discontinue", "discontinued", "cease", "ceased", "withdraw", "withdrawn",
    "taper off", "tapered off", "came off", "come off", "hold", "held", "withhold", "withheld",
    "suspend", "suspended", "pause", "paused",
    # A list headed by what is not taken: "Not taking: atorvastatin 40 mg".
    "not taking", "no longer taking", "not currently taking",
)  # fmt: skip
STOP_BACKWARD = (
    "stopped", "was stopped", "were stopped", "discontinued", "was discontinued", "ceased",
    "was ceased", "tapered off", "was tapered off", "withdrawn", "was withdrawn", "on hold",
    "was held",
    # Notes drop the "was": "warfarin held tonight", "metformin withheld (AKI)".
    "held", "withheld", "was withheld", "were withheld", "suspended", "was suspended", "paused",
    "was paused",
    # What another took the place of: "sodium valproate was replaced by levetiracetam" (round
    # 10); the drug after "by" is the one taken. Only with its "by": "potassium was replaced
    # orally" (or "with Sando-K") gives potassium (review 60f).
    "was replaced by", "were replaced by",
)  # fmt: skip
# Our own: a medication another takes the place of ("linagliptin started in place of
# metformin", "switched from ramipril to losartan"): what follows is stopped, never taken (walk
# 42g: "in place of metformin" read as metformin present cancelled "METFORMIN STOPPED"). Not in
# TRIGGER_LISTS: they end no other trigger's scope.
STOP_REPLACED = (
    "in place of", "instead of", "replacing", "switched from", "switch from", "switching from",
    "changed from", "change from", "converted from", "swapped from", "swapped over from",
)  # fmt: skip
TRIGGER_LISTS = (
    NEG_FORWARD, NEG_BACKWARD, HISTORICAL, CURRENT, HYPOTHETICAL, STOP_FORWARD,
    STOP_BACKWARD,
)  # fmt: skip
# ConText experiencer triggers plus the relatives dictated notes name.
RELATIVES = (
    "mother", "father", "brother", "sister", "son", "daughter", "aunt", "uncle", "cousin",
    "grandmother", "grandfather", "grandparent", "parent", "parents", "sibling", "siblings",
    "family history", "family history of", "fhx", "maternal", "paternal", "wife", "husband",
    "partner", "niece", "nephew", "twin", "mum", "mom", "dad",
)  # fmt: skip
SIDES = {"left": "left", "right": "right", "bilateral": "bilateral", "both": "bilateral",
         "bilaterally": "bilateral", "l": "left", "r": "right"}  # fmt: skip
