"""A single eponym written without its head, before a verdict on it (session 60, prec60).

A differential or a work-up names a disease, a syndrome, a test or an operation by its
discoverer alone once the head is understood, and says what became of it: "Kartagener not
relevant", "Noonan excluded", "Fabry negative", "Cabrol not used", "Angelchik never used",
"Tyndall negative". Session 39 kept a hyphened pair so (:mod:`deid_hyphen_eponyms`, "Creutzfeldt-
Jakob not suspected") and a device's eponym before its state (:mod:`deid_device_states`, "Foley
removed"); a single word no list holds still read as a person's name. A person is screened, seen
or asked, but is not "excluded", "negative", "not relevant" or "never used".

Privacy first, so a single capitalised word is read as lower case only where all of these hold:

* a word of three letters or more in title case, no given name ("Grace negative" may be a
  contact screened) and no word the note gives a person after a title or a given name ("Dr Fabry
  ... Fabry not available");
* it opens its clause: a line's start, or after ";", ":", ".", "," or "(" (a title's stop aside),
  or after a word of absence ("no", "not", "nor", "without");
* the line before it names no people (a title, a contact, a relation or a role: "Contacts: Smith
  negative" is a person screened);
* a verdict follows and closes the clause: "excluded", "negative", "positive", "unlikely",
  "ruled out", "never used", or "not" with a participle of judging or doing ("not relevant",
  "not suitable", "not suspected", "not applicable", "not used", "not tested"), then a stop, a
  comma, a semicolon, a colon, a bracket or the line's end. Never "present", "absent", "not
  available" or "not contactable", which a person may be, and never a verdict with words after
  it ("Sarah excluded her brother");
* a listed surname that no clinical list holds ("Kowalski", "Noonan") only before a verdict a
  person is never given ("unlikely", "ruled out", "not suspected"): a contact's screening result
  reads the same as a disease's ("Swab results: Nowak positive, Kowalski negative"; review60c),
  and so does a person left out ("Kowalski excluded", "not suitable", "not tested").
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_hyphen_eponyms import PeopleOnLines, opens_clause
from medlocal.privacy.deid_lexicon import Lexicon
from medlocal.privacy.deid_tokens import Tok
from medlocal.privacy.deid_workup_eponyms import in_a_work_up, names_a_listed_disease

_VERDICT_AFTER = re.compile(
    r"[ \t]+(?:excluded|negative|positive|unlikely|ruled[ \t]+out|never[ \t]+used|"
    r"not[ \t]+(?:relevant|suitable|suspected|applicable|used|tested|indicated|detected|"
    r"elicited|performed|done|excluded|favoured|favored))"
    r"(?=[ \t]*(?:[.,;:()]|$))",
    re.M,
)

# Verdicts on a disease or a sign only, never on a person: all a listed surname may be kept before.
_DISEASE_VERDICT_AFTER = re.compile(
    r"[ \t]+(?:unlikely|ruled[ \t]+out|"
    r"not[ \t]+(?:relevant|suspected|applicable|indicated|detected|elicited|favoured|favored))"
    r"(?=[ \t]*(?:[.,;:()]|$))",
    re.M,
)

# Pieces of every verdict: a note with none of them is passed over (speed).
_VERDICT_CUES = ("xcluded", "egative", "ositive", "nlikely", "uled", "never", " not ")


def protect_verdict_eponyms(
    tokens: list[Tok], text: str, lex: Lexicon, people: set[str] | None = None
) -> None:
    """Read a single eponym before a verdict as lower case (see the module's rules). ``people``
    holds the words the note gives a person (after a title or a given name)."""
    if not any(cue in text for cue in _VERDICT_CUES):
        return  # speed: most notes give no verdict
    people_before = PeopleOnLines(text)
    for i, tok in enumerate(tokens):
        if tok.shape != "title" or len(tok.word) < 3 or "-" in tok.word:
            continue  # a hyphened pair is deid_hyphen_eponyms' to read
        if _VERDICT_AFTER.match(text, tok.end) is None:
            continue
        if tok.bare in lex.given_names or (people is not None and tok.bare in people):
            continue
        if (
            _a_surname(tok.bare, lex)
            and _DISEASE_VERDICT_AFTER.match(text, tok.end) is None
            and not (
                names_a_listed_disease(tok.bare, lex) and in_a_work_up(text, tok.start, tok.end)
            )
        ):
            # "Kowalski negative": a contact screened, or a person left out; "Noonan excluded"
            # in a line of a work-up is the syndrome (deid_workup_eponyms, session 61)
            continue
        if not opens_clause(tokens, i, text):
            continue  # "Dr Fabry", "sister Noonan", "seen by Noonan"
        if people_before.before(tok.start):
            continue
        tok.shape = "lower"


def _a_surname(bare: str, lex: Lexicon) -> bool:
    """Whether ``bare`` is a listed surname that no clinical list holds."""
    return bare in lex.surnames and not lex.clinical(bare)
