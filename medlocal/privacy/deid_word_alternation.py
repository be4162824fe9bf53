"""Speed (session 60): a long alternation of words, written grouped by their first character.

The engine tries the alternatives of "(?i:great\\-grandchildren|...|mum|son)" one by one at
each place it is asked, each failing at its first character: a list of 300 kinship words asked
at each of a 20-page record's word starts cost 13 ms (the costliest whole-text search of the
record, tools/deid_pattern_costs.py). Written as "(?i:g(?:reat\\-grandchildren|...)|m(?:um)|
s(?:on))", each group is turned away at its first character with one test: 5 ms.

Exact by the algebra of alternation, the order of trial kept where it can matter:

* "c(?:r1|r2)" matches what "cr1|cr2" matches, trying the two in the same order;
* words go into one group where their first characters fold alike (deid_pattern_cues.folded:
  two characters the engine takes for one another ignoring case fold alike), and a group's
  first character is taken out only where all its words open with that same character; so two
  words of different groups never open a match at the same place, and moving one past the
  other changes no match: at any place the words that may match are one group's, in the
  order they were given.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from medlocal.privacy.deid_pattern_cues import folded


def by_first_character(words: Iterable[str]) -> str:
    """An alternation of ``words`` (plain text, escaped here; none empty), grouped by first
    character (see above): it matches what "|".join(map(re.escape, words)) matches."""
    groups: dict[str, list[str]] = {}
    for word in words:
        if not word:
            raise ValueError("an empty word matches anywhere: not an alternation of words")
        groups.setdefault(folded(word[0]), []).append(word)
    ways: list[str] = []
    for group in groups.values():
        first = group[0][0]
        if len(group) > 1 and all(word[0] == first for word in group):
            rests = "|".join(re.escape(word[1:]) for word in group)
            ways.append(f"{re.escape(first)}(?:{rests})")
        else:
            ways.extend(re.escape(word) for word in group)
    return "|".join(ways)
