"""A hyphened pair of eponyms written without its head (session 39).

Clinical writing names a disease, a sign, an equation or a placement by its two discoverers
alone once the head is understood: "Creutzfeldt-Jakob not suspected", "no Kimmelstiel-Wilson
nodules", "Harris-Benedict 1850 kcal", "Mason-Likar placement", "Jarisch-Herxheimer watch".
With a head the eponym rules keep them ("Creutzfeldt-Jakob disease"); without one the pair of
surnames read as a double-barrelled name. A person's double-barrelled surname is written after a
title, a given name, an initial or a verb of meeting ("Dr Pryce-Jones", "seen by Sheehan-Kelly",
"handed over to Smith-Jones"), and a person does things after it ("Pryce-Jones reviewed").

Privacy first, so the pair is read as lower case only where all of these hold:

* each half a capitalised word of three letters or more, the first no given name alone ("Anne-
  Marie", "Jean-Paul" open a person's name);
* the pair opens its clause: a line's start, or after ";", ":", ".", "," or "(" (a title's stop
  aside: "Dr. Pryce-Jones"), or after a word of absence ("no", "not", "nor", "without");
* the line before it names no people (a contact, a relation, a role or a title: "Contacts:
  Smith-Jones negative" are two people screened);
* the note gives the pair to no person elsewhere ("Dr Sheehan-Kelly ... Sheehan-Kelly not
  available");
* a word about a finding, a test or a part follows it: a result or a judgement ("negative",
  "absent", "no", "excluded"), "not" with a participle of judging ("not suspected", "not
  needed"; "not available" may be a person's), a listed eponym head, a head of this module
  ("placement", "response", "protein"), or a number with an energy or percentage unit.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_eponym_heads import HEADS_AFTER
from medlocal.privacy.deid_lexicon import Lexicon
from medlocal.privacy.deid_people_words import FUNCTION_CUES, RELATIONS, ROLES, TITLES
from medlocal.privacy.deid_tokens import Tok

# Two capitalised halves of three letters or more ("Creutzfeldt-Jakob", "Tamm-Horsfall").
_PAIR = re.compile(r"[A-Z][a-zà-ÿ]{2,}-[A-Z][a-zà-ÿ]{2,}\Z")
# What opens a clause before the pair: a line's start or a stop, a colon, a semicolon, a comma
# or a bracket, then blanks.
_CLAUSE_BREAK = re.compile(r"(?:\A|[;:.,(\n])[ \t]*\Z")
_ABSENCE_BEFORE = frozenset({"no", "not", "nor", "without"})
# A result or a judgement right after the pair.
_RESULT_AFTER = frozenset(
    {
        "no", "negative", "positive", "absent", "present", "excluded", "unlikely", "suspected",
        "considered", "confirmed", "equivocal", "normal", "abnormal",
    }
)  # fmt: skip
# "not" and a participle of judging or doing a test: never "not available", "not in", "not
# contactable", which a person may be.
_NOT_PARTICIPLE = re.compile(
    r"[ \t]+not[ \t]+(?:suspected|needed|required|indicated|considered|seen|detected|done|"
    r"performed|used|tested|relevant|likely|excluded|applicable|found|met|present|elicited|"
    r"demonstrated|identified|shown)\b"
)
# Heads that follow a bare pair of eponyms and that no list of eponym heads holds because a
# single surname before them may be a person's ("Smith placement" is a job).
_PAIR_HEADS = frozenset(
    {
        "placement", "response", "responses", "protein", "proteins", "watch", "casts",
        "nodules", "nodule", "physiology", "pattern", "patterns", "configuration", "lead",
        "leads", "manoeuvre", "maneuver", "equation", "formula",
    }
)  # fmt: skip
_NUMBER_UNIT = re.compile(r"[ \t]+\d[\d,.]*[ \t]*(?:kcal|kJ|cal|%)(?![\w])")
_WORD_AFTER = re.compile(r"[ \t]+([a-z]+)\b")
_PEOPLE = TITLES | RELATIONS
# A title, a relation, a role or a group of people earlier on the line ("Dr Ames: ...", "Bay 3
# patients ...", "Contacts: ...", "Interpreter: ..."); not the joining words the relation list
# also holds ("with", "and", "by"), which any clinical line has.
_PEOPLE_ON_LINE = re.compile(
    r"(?i:\b(?:dr|mr|mrs|ms|miss|prof|nurse|sister|patients|pts|contacts?|residents|staff|"
    r"nurses|children|siblings?|family|members|clients|cases|household|relatives?|visitors?|"
    r"interpreter|keyworker|"
    + "|".join(sorted(re.escape(w) for w in (RELATIONS - FUNCTION_CUES) | ROLES))
    + r")\b)"
)


class PeopleOnLines:
    """Whether the line before a place of ``text`` names a person by a title, a relation, a role
    or a group ("Dr Ames: ...", "Contacts: ..."): a capitalised word after it may be one of them.
    Each line's people words are found once (review 39: searching from the line's start at every
    candidate took 4.6 s on a 10 KB one-line text of "; Foley removed", 0.24 s before the rule)."""

    def __init__(self, text: str) -> None:
        self.text = text
        # line start -> (start, end) of the line's first people word, or None
        self._first: dict[int, tuple[int, int] | None] = {}

    def before(self, start: int) -> bool:
        text = self.text
        line_start = text.rfind("\n", 0, start) + 1
        if line_start not in self._first:
            line_end = text.find("\n", line_start)
            found = _PEOPLE_ON_LINE.search(
                text, line_start, len(text) if line_end < 0 else line_end
            )
            self._first[line_start] = None if found is None else found.span()
        first = self._first[line_start]
        if first is None or first[0] >= start:
            return False
        if first[1] <= start:
            return True
        # The first word runs past ``start`` (a phrase of the lists the candidate is inside):
        # the line's search up to ``start`` itself, as the rule reads it.
        return _PEOPLE_ON_LINE.search(text, line_start, start) is not None


def protect_hyphen_eponyms(
    tokens: list[Tok], text: str, lex: Lexicon, people: set[str] | None = None
) -> None:
    """Read a bare hyphened pair of eponyms as lower case (see the module's rules). ``people``
    holds the words the note gives a person (after a title or a given name)."""
    people_before = PeopleOnLines(text)
    for i, tok in enumerate(tokens):
        if tok.shape != "title" or "-" not in tok.word or _PAIR.match(tok.word) is None:
            continue
        first = tok.bare.split("-", 1)[0]
        if first in lex.given_names and first not in lex.surnames:
            continue  # "Anne-Marie", "Jean-Paul": a given name
        if people is not None and tok.bare in people:
            continue  # the note names a person so
        if not opens_clause(tokens, i, text):
            continue  # "Dr. Pryce-Jones", "Sister Smith-Jones", "seen by Sheehan-Kelly"
        if not _finding_after(text, tok.end):
            continue
        if people_before.before(tok.start):
            continue
        tok.shape = "lower"


def opens_clause(tokens: list[Tok], i: int, text: str) -> bool:
    """Whether ``tokens[i]`` opens its clause: the first word, or after a line's start, ";",
    ":", ".", "," or "(" (never a title's or a relation's stop: "Dr. Pryce-Jones"), or right
    after a word of absence ("no Kimmelstiel-Wilson nodules"). Session 60 (prec60) shares it
    with deid_verdict_eponyms."""
    if not i:
        return True
    before = tokens[i - 1]
    if before.lower.rstrip(".") in _PEOPLE:
        return False
    between = text[before.end : tokens[i].start]
    return _CLAUSE_BREAK.search(between) is not None or (
        before.lower in _ABSENCE_BEFORE and between in (" ", "\t")
    )


def _finding_after(text: str, end: int) -> bool:
    """Whether a result, a judgement, a head or a measured value follows the pair."""
    if _NOT_PARTICIPLE.match(text, end) or _NUMBER_UNIT.match(text, end):
        return True
    after = _WORD_AFTER.match(text, end)
    if after is None:
        return False
    word = after.group(1)
    return word in _RESULT_AFTER or word in _PAIR_HEADS or word in HEADS_AFTER
