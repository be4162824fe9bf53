"""A named part of a hospital or care home: a wing, suite, bay, pod or ward called by a name
(round 19).

"Room: 7 (Rowan wing)", "moved to Oak Suite", "bed 4 in Larch bay": a care home or a hospital
names its wings and wards after trees, flowers, birds or benefactors, and the name with its
wing narrows down where the person lives or lay. The word scan reads such a name only where
its head is written with a capital after a word it knows as no plain word ("Cedar Ward"); a
plain word before a head in lower case was left.

Only where something before it leads to a place: an opening bracket, a label's colon, a
room's or bed's number and comma ("Room 7, Rowan wing"), or a word of place ("on", "in",
"to", "from", "at", "onto", "into", "the"). The name word is one capitalised word that says
no kind of ward ("east wing", "Labour ward", "Female bay", "Day unit", "Resus bay"), no
clinical word, title, role, relation or calendar word, and no plain adjective of a room
("Side bay", "Single suite"); a nerve block and a numbered bay ("bay 3") are no part of this.
One search, from capitals only.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import CALENDAR_WORDS, Lexicon, fold
from medlocal.privacy.deid_people_words import RELATIONS, ROLES, TITLES
from medlocal.privacy.deid_place_words import GENERIC, WARD_KINDS

# The head of a named part, in either case, after one capitalised word; ending its word.
_PART = re.compile(
    r"(?<![\w'’&-])(?P<n>[A-Z][a-z][\w'’-]*)[ \t]+(?P<h>[Ww]ing|[Ss]uite|[Bb]ay|[Pp]od|ward|unit)"
    r"(?![\w'’-])"
)
# What leads to a place before the name: a bracket, a label's colon, a room's or a bed's number
# and comma, or a word of place.
_LEAD = re.compile(
    r"(?:\(|:|\d[A-Za-z]?,|(?<![\w'’-])(?:on|in|to|from|at|onto|into|the|back[ \t]+to))[ \t]*\Z"
)
# Words that say which kind of room or who lies there rather than its name.
_NOT_NAMES = frozenset(
    {
        "male", "female", "men's", "women's", "mens", "womens", "ladies", "gents", "children's",
        "childrens", "boys", "girls", "side", "single", "double", "open", "closed", "same",
        "other", "another", "this", "that", "next", "previous", "quiet", "sick", "isolation",
        "loading", "ambulance", "trolley", "bed", "chair", "dialysis", "infusion", "treatment",
        "procedure", "procedures", "assessment", "recovery", "holding", "waiting", "sleep",
        "family", "relatives", "visitors", "nursing", "nurse", "nurses", "doctors", "staff",
        "patient", "patients", "bariatric", "dementia", "memory", "palliative", "respite",
        "rehabilitation", "maternity", "neonatal", "paediatric", "pediatric", "medical",
        "surgical", "hospital", "hospice", "home", "care", "residential", "private",
        "public", "clean", "dirty", "sluice", "utility", "store", "storage", "resus", "triage",
        "minor", "major", "minors", "majors", "cubicle", "labour", "labor", "birth", "birthing",
        "obs", "observation", "one", "two", "three", "four", "five", "six", "first", "second",
        "third", "fourth", "fifth", "upper", "lower", "top", "bottom", "ground", "front", "back",
        "left", "right", "far", "near", "end", "corner", "big", "small", "large", "little",
        "whole", "entire", "full", "empty", "busy", "new", "old", "main", "central", "outer",
        "inner", "adult", "adults", "elderly", "acute", "general", "his", "her", "their", "our",
        "my", "your", "its", "a", "an", "no", "any", "each", "every", "which", "what", "theatre",
        "theatres", "operating", "endoscopy", "imaging", "radiology", "xray", "scan", "ct", "mri",
        "consulting", "consultation", "examination", "clinic", "outpatient", "outpatients",
        "inpatient", "inpatients", "day", "night", "overnight", "weekend", "covid", "flu", "red",
        "amber", "green", "blue",
    }
)  # fmt: skip
_NOT_NAME_WORDS = _NOT_NAMES | GENERIC | WARD_KINDS | TITLES | ROLES | RELATIONS | CALENDAR_WORDS


def facility_parts(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """(start, end) of each named wing, suite, bay, pod or ward after a word that leads to it."""
    found: list[tuple[int, int]] = []
    for match in skipped_finditer(_PART, text):
        word = fold(match.group("n"))
        if word in _NOT_NAME_WORDS or lex.clinical(word):
            continue
        if _LEAD.search(text, max(0, match.start() - 12), match.start()) is None:
            continue
        found.append((match.start(), match.end()))
    return found
