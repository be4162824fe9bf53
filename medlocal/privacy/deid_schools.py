"""Schools told by their level (eleventh round): a name before "Primary", "Secondary",
"Elementary", "Infants" or "Grammar" is a school even without the word "School" ("High",
"Junior", "Middle" and "Prep" only with it: "MSI High", "Klean Prep"), and a church's designation
between them belongs to it ("St Aidan's C of E Primary", "Walton St Mary CE Primary", "Our
Lady's RC Junior School"). Each of those words is also clinical or plain ("unknown primary",
"secondary to"), so the name must say which school: a saint, a word no dictionary has, or a
listed name or place that is no English word ("Blood" and "Bath" are surnames and places);
digits and acronyms are markers and diseases ("PD-L1", "DLBCL").
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import Lexicon, fold
from medlocal.privacy.deid_tokens import TOKEN, WordSpan

_DESIGNATION = (
    r"C\.?[ \t]?of[ \t]?E\.?|CofE|CE|RC|R\.C\.|Catholic|Church[ \t]+of[ \t]+England|Anglican|"
    r"Methodist|Baptist|Christian|Islamic|Jewish|Community|County|Public|State|National|"
    r"Infant[ \t]+and[ \t]+Junior|Junior[ \t]+and[ \t]+Infant"
)
# Levels that name a school alone; "High", "Middle", "Prep" and "Junior" are also a grade, a
# risk or a bowel preparation ("MSI High", "Klean Prep"), so they need "School" or "Academy".
_LEVEL = r"Primary|Infants?|Secondary|Elementary|Grammar|Comprehensive|Intermediate"
_LEVEL_WITH_SCHOOL = r"Junior|Middle|High|Preparatory|Prep"
_SCHOOL = re.compile(
    # One to four capitalised words ("St." and possessives inside), a designation, the level,
    # and "School" or "Academy" where written.
    r"(?<![\w'’.-])(?P<name>(?:St\.?[ \t]+|Saint[ \t]+|Our[ \t]+Lady(?:['’]s)?[ \t]+)?"
    r"[A-Z][\w'’-]*(?:[ \t]+(?:St\.?|[A-Z][\w'’-]*)){0,3})"
    rf"(?:[ \t]+(?:{_DESIGNATION}))?[ \t]+(?:(?:{_LEVEL})(?:[ \t]+(?:School|Academy))?"
    rf"|(?:{_LEVEL_WITH_SCHOOL})[ \t]+(?:School|Academy))\b"
    # Not a grade, a risk or a result ("Burkitt Primary lymphoma" is no school either).
    r"(?![ \t]+(?i:risk|grade|expression|sensitivity|tumou?r|lymphoma|cancer|care|prevention|"
    r"survey|closure|intention|outcome|endpoint|dose))"
)
_DESIGNATION_WORD = re.compile(r"CE|RC|COFE|CofE")
_SAINT = re.compile(r"(?:St\.?|Saint|Our[ \t]+Lady)\b")


def school_names(text: str, lex: Lexicon) -> list[WordSpan]:
    """The schools in ``text`` named by their level, each with its designation and level."""
    found: list[WordSpan] = []
    for match in skipped_finditer(_SCHOOL, text):
        name = match.group("name")
        words = [fold(m.group().rstrip("'’")).removesuffix("'s") for m in TOKEN.finditer(name)]
        acronyms = [w for w in name.split() if len(w) > 1 and w.isupper()]
        if any(c.isdigit() for c in name) or any(
            not _DESIGNATION_WORD.fullmatch(w) for w in acronyms
        ):
            continue  # "PD-L1", "MSI", "DLBCL": a marker or a disease, not a school's name
        if _SAINT.match(name) or any(
            not lex.known(w) or ((lex.name_like(w) or w in lex.places) and w not in lex.english)
            for w in words
            if not lex.clinical(w)
        ):
            found.append(WordSpan("facility", match.start(), match.end()))
    return found
