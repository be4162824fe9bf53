"""A device named by its eponym alone, before its state (session 39).

Nurses and surgeons name a catheter, a tube or a drain by its maker or inventor alone and say
what state it is in: "Foley in situ;", "Foley removed;", "Dobhoff not needed.", "Hickman re-
sited." The surname lists hold "Foley", so the word read as a person's name. A person is never
"in situ", and a clause that ends right after "removed" or "not needed" has no object a person
would act on ("Smith removed the drain" is a person).

Privacy first, so a single capitalised word is read as lower case only where all of these hold:

* no given name ("Grace removed." may be a nurse's note about Grace) and not a word the note
  gives a person after a title or a given name ("Dr Foley ... Foley not needed");
* it opens its clause (a line's start, or after ";", ":", ".", "," or "(", no title's stop);
* a state follows and closes the clause: "in situ", "removed", "inserted", "sited", "re-sited",
  "changed", "draining", "bypassing", "blocked", "flushed", "not needed", "not required",
  "not inserted", then a stop, a comma, a semicolon, a bracket or the line's end (or "in situ"
  before anything);
* the line before it names no people (a title, a contact, a relation or a role).
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_hyphen_eponyms import PeopleOnLines
from medlocal.privacy.deid_lexicon import Lexicon
from medlocal.privacy.deid_people_words import RELATIONS, TITLES
from medlocal.privacy.deid_tokens import Tok

_CLAUSE_BREAK = re.compile(r"(?:\A|[;:.,(\n])[ \t]*\Z")
_STATE_AFTER = re.compile(
    r"[ \t]+(?:in[ \t]+situ\b"
    r"|(?:removed|inserted|sited|re-?sited|changed|draining|bypassing|blocked|flushed|"
    r"not[ \t]+(?:needed|required|inserted))(?=[ \t]*(?:[.,;:()]|$)))",
    re.M,
)
_PEOPLE = TITLES | RELATIONS


def protect_device_states(
    tokens: list[Tok], text: str, lex: Lexicon, people: set[str] | None = None
) -> None:
    """Read a device's eponym before its state as lower case (see the module's rules)."""
    if "situ" not in text and "remov" not in text and "not " not in text and "sited" not in text:
        return  # speed: most notes name no device's state
    people_before = PeopleOnLines(text)
    for i, tok in enumerate(tokens):
        if tok.shape != "title" or _STATE_AFTER.match(text, tok.end) is None:
            continue
        if tok.bare in lex.given_names or (people is not None and tok.bare in people):
            continue
        if i:
            before = tokens[i - 1]
            if before.lower.rstrip(".") in _PEOPLE:
                continue
            if _CLAUSE_BREAK.search(text[before.end : tok.start]) is None:
                continue
        if people_before.before(tok.start):
            continue
        tok.shape = "lower"
