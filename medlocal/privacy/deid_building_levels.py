"""A floor of a building named alone ("Ward 7B, Level 3", "on Floor 2 of the hospital").

"Level 3" is an address's part where an address goes on after it ("Level 2, 88 Flinders
Street") or where it follows a street ("221 Musgrave Road, Level 3"); alone it says where in a
hospital a ward is, which names no one (walk 21: "Ward 7B, Level 3" lost "Level 3" as an
address). The address rules (:mod:`~medlocal.privacy.deid_addresses`' ADDRESS_PART, read in
:mod:`~medlocal.privacy.deid_patterns` and by the address lines) ask here first.

A level after a word of what is graded ("Modified Diet Level 5, Thickened Fluids Level 2",
"IDDSI Level 4", "Care Level 3", "Evidence Level 2") is a step on a clinical scale, no floor,
whatever follows it (walk 21: 'SALT: Modified Diet Level 5, Thickened Fluids' became an
address twice). A floor follows a building, a comma or the line's start, not such a word.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_addresses import STREET_TYPES

# A floor with its number, or an ordinal floor ("3rd Floor"). A room is left to the address rules:
# "Room 12" alone is also read by the word rules, which must not be left the only reading.
_LEVEL = re.compile(
    r"(?:Level|LEVEL|Floor|FLOOR|Lvl|LVL|Flr|FLR)\b\.?[ \t]*#?[ \t]*\w+"
    r"|\d{1,3}(?:st|nd|rd|th)[ \t]+(?:Floor|FLOOR|Flr|Level|LEVEL)\b"
)
# What ends it alone: the text's or the line's end, a stop, a bracket, or words in lower case
# ("on Level 2 next to radiology", "Level 4, near the lifts"); not another part of an address
# after it ("Level 2, 88 Flinders Street", "Level 2 Rimu House,", a house number on the next
# line).
_ALONE_AFTER = re.compile(r"[ \t]*(?:\Z|\n(?![ \t]*\d)|[.;)](?![ \t]*\d)|,?[ \t]*[a-z])")
# A street before it, across a comma ("88 Flinders Street, Level 2").
_STREET_BEFORE = re.compile(rf"\b(?i:{STREET_TYPES})\b\.?[ \t]*,?[ \t]*\Z")


# What is graded in levels in clinical text: diets and fluid thickness (IDDSI, dysphagia
# diets), care, dependency and assistance, evidence, consciousness, sedation, acuity, triage,
# trauma and neonatal units, pain, activity, mobility, risk. Compared in lower case.
_GRADED = frozenset(
    {
        "diet",
        "diets",
        "fluid",
        "fluids",
        "drink",
        "drinks",
        "food",
        "foods",
        "texture",
        "textures",
        "iddsi",
        "dysphagia",
        "puree",
        "liquid",
        "liquids",
        "care",
        "dependency",
        "assistance",
        "assist",
        "support",
        "evidence",
        "recommendation",
        "consciousness",
        "sedation",
        "acuity",
        "triage",
        "trauma",
        "nicu",
        "icu",
        "pain",
        "activity",
        "activities",
        "mobility",
        "risk",
        "alert",
        "escalation",
        "amputation",
        "injury",
        "competency",
        "competence",
        "dose",
        "severity",
    }
)
# The word just before the level, across blanks only.
_WORD_BEFORE = re.compile(r"([^\W\d_]+)[ \t]+\Z")


def _graded_level(text: str, start: int) -> bool:
    """Whether a word of what is graded stands just before the level at ``start``."""
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    return before is not None and before.group(1).lower() in _GRADED


def lone_level(text: str, start: int, end: int) -> bool:
    """Whether the address part ``text[start:end]`` is a floor named alone, or a graded step
    ("Diet Level 5")."""
    if _LEVEL.fullmatch(text, start, end) is None:
        return False
    if _graded_level(text, start):
        return True
    if _ALONE_AFTER.match(text, end) is None:
        return False
    line_start = text.rfind("\n", max(0, start - 80), start) + 1
    return _STREET_BEFORE.search(text, max(line_start, start - 80), start) is None
