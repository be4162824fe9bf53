"""Lines of a summary's medication section that qualify its list instead of adding to it: where
its entries come from ("Over-the-counter only", "As per the GP record [2]"), what became of them
together ("Both were stopped in hospital [3]", "All continued on discharge", "These were held
because of AKI"), or that they are as they were ("As above", "Unchanged since admission").

Such a line names no medicine because it speaks of those the section lists (fix44f: both lines
above were flagged "wrong_section"). It fits its heading; a line that neither points back at the
list nor names a source or sameness ("Hb 98 g/L [2]", "Latex [1]", "They were admitted with chest
pain") is still the heading check's to flag (rag/checks/heading_fit.py), and so is a line that
says who reported and stops ("Patient reported [1]."): cut off, it qualifies nothing.
"""

from __future__ import annotations

import re

# The list's entries named together, at the line's start (after a list marker): "Both", "All of
# them", "These", "Neither", "The above", "Each".
_BACK = (
    r"(?:both(?:\s+of\s+(?:them|these|the\s+above))?|all(?:\s+of)?(?:\s+(?:them|these|those"
    r"|the\s+above|the\s+others?))?|these|those|they|each(?:\s+of\s+(?:them|these))?"
    r"|neither(?:\s+of\s+(?:them|these))?|the\s+(?:above|others?|rest|same)|(?:it|this)\s+and"
    r"\s+(?:the\s+)?(?:others?|rest))"
)
# What a medication section says became of its drugs: stopped, held, continued, changed. Not
# "taken" or "reviewed", which samples and patients are as well ("These were taken on admission:
# Hb 98", "They were reviewed in clinic": review45 D3).
_STATUS = (
    r"(?:stopped|started|restarted|continued|continuing|held|withheld|suspended|paused|ceased"
    r"|discontinued|omitted|resumed|unchanged|changed|reduced|increased|titrated|switched"
    r"|tapered|weaned|prescribed|self-?purchased|bought|rationalised|rationalized"
    r"|deprescribed)"
)
# What may stand between the back reference and its status: auxiliaries and adverbs only, so
# that a noun there ("All bloods were unchanged", "Both kidneys were reduced") is what the
# status is of, and the line is no qualifier of the list (review45 D3).
_HELPERS = (
    r"(?:were|was|are|is|have|has|had|been|being|be|since|all|also|both|then|now|temporarily"
    r"|subsequently|later|each|again)"
)
# How many and what the back reference names, right after it: "These two were held", "All
# three were stopped", "Both drugs were stopped", "These two medications" (review45b D8). Only
# counts and medicine nouns: another noun ("All bloods were unchanged") is what the status is of.
_COUNTED = (
    r"(?:\s+(?:two|three|four|five|six))?"
    r"(?:\s+(?:drugs?|medications?|medicines?|meds|tablets?|agents?|items?))?"
)
# The back reference, then the status after at most three helpers ("Both were stopped", "All
# have since been continued", "These were temporarily held"); whatever follows (why, when)
# belongs to it.
_TOGETHER = re.compile(
    rf"^[\W\d]*?{_BACK}{_COUNTED}(?:\s+{_HELPERS}){{0,3}}\s+{_STATUS}\b",
    re.IGNORECASE,
)
# A line made only of a source or a sameness: "Over-the-counter only", "OTC", "As per GP
# records", "From the discharge summary", "Patient-reported", "As above", "Unchanged", "Same as
# on admission". Every word must be one of these, so a line adding a fact is still read.
_SOURCE_WORDS = (
    r"over|the|counter|otc|non|prescription|only|as|per|from|according|to|in|on|at|by|of|since"
    r"|source|sources|documented|listed|recorded|reported|self|patient|patients|family|carer"
    r"|gp|general|practice|practitioner|surgery|record|records|list|lists|letter|letters"
    r"|summary|summaries|discharge|admission|clinic|hospital|pharmacy|pharmacist|notes|chart"
    r"|referral|report|community|repeat|purchased|bought|shop|herbal|above|below|before"
    r"|previously|unchanged|same|no|change|changes|ongoing|continue|continued|her|his|their"
    r"|latest|most|recent|this|that|these|medication|medications|medicines?"
)
# Between the words only punctuation and spaces (citations are blanked already): a number is a
# fact the line adds ("Previously 160/95": a reading, review45 D3).
_SOURCE_LINE = re.compile(
    rf"^\W*(?:\d{{1,2}}[.)])?\W*(?:(?:{_SOURCE_WORDS})\b[^\w]*)+$",
    re.IGNORECASE,
)
# Words that on their own line say nothing of source or sameness ("the", "as", "no"): a line of
# them alone is no qualifier.
_SAYS_SOURCE = re.compile(
    r"\b(?:over[\s-]+the[\s-]+counter|otc|non[\s-]*prescription|per|from|according|source|"
    r"documented|listed|recorded|reported|self[\s-]*purchased|shop[\s-]*bought|herbal|"
    r"above|before|previously|unchanged|same|changes?|ongoing|continued?)\b",
    re.IGNORECASE,
)


# Who reports, then a reporting verb and nothing after it: "Patient reported [1].", "GP
# documented." A clause cut off before what was reported, not a source: it names no medicine,
# and its citation makes the list look sourced while supporting no item of it (note45). A
# source written as one ("Patient-reported", "As reported by the patient", "Self-reported")
# still qualifies the list.
_REPORTED_NOTHING = re.compile(
    r"^\W*(?:\d{1,2}[.)])?\W*(?:the\s+|her\s+|his\s+|their\s+)?"
    r"(?:patient|pt|she|he|they|family|carer|gp|pharmacist|pharmacy|hospital|daughter|son|wife"
    r"|husband|partner)\s+(?:reported|reports|documented|recorded|stated|states|noted"
    r"|notes|said|says|confirmed|confirms)\W*$",
    re.IGNORECASE,
)


def reports_nothing(plain: str) -> bool:
    """Whether ``plain`` (a line, citations blanked) says who reported and stops there:
    "Patient reported [1]."."""
    return _REPORTED_NOTHING.match(plain) is not None


def qualifies_the_section(plain: str) -> bool:
    """Whether ``plain`` (a line, citations blanked) speaks of the section's listed medicines
    together or names their source or sameness, rather than listing anything itself."""
    if _TOGETHER.search(plain):
        return True
    return _SOURCE_LINE.match(plain) is not None and _SAYS_SOURCE.search(plain) is not None
