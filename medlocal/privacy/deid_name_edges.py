"""The words at a person's redaction's edges that name no one, given back (round 18, walk 21).

* A title or a care role before the name ("Nurse Bell RN." became "[NAME] RN."; "Dr Smith MD"):
  the role says what the person does, the redaction keeps the name ("Nurse [NAME] RN"), as the
  cued rules and the tagger's line already leave "Dr [NAME]" and "Sister [NAME]".
* A specialty's initials after the name ("Seen by Dr Khan ENT." lost "ENT"): the service the
  clinician works in.
* A list's label before its colon ("Attendees: Bishop, Frank" lost "Attendees"): one word that
  opens its line, in the plural, before a list of names is what the list is, not a name in it.

Read after resolution, on the spans as they will be written, whichever rule found them.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_people_words import TITLES
from medlocal.privacy.deid_spans import Redaction

# Roles written before a name as its title. Roles that are also common surnames ("Porter",
# "Judge", "Clerk", "Warden") are left out: there the word may be the name itself.
_ROLE_TITLES = TITLES | frozenset(
    {
        "nurse", "sister", "matron", "midwife", "doctor", "consultant", "registrar", "physio",
        "chaplain", "pastor", "reverend", "rabbi", "imam", "vicar", "paramedic", "pharmacist",
        "therapist", "physician", "surgeon", "dietitian", "counsellor", "counselor",
        "psychologist", "radiographer", "sonographer", "professor",
    }
)  # fmt: skip
_KINDS = frozenset({"name", "patient_name"})
# The title and the space after it, with its full stop ("Dr. ").
_LEADING_WORD = re.compile(r"([A-Z][a-z]+)\.?[ \t]+(?=[A-Z])")
# A list's label: one plural word at a line's start (or after a field gap) and its colon.
_LABEL = re.compile(r"[A-Z][a-z]{2,}s")
_WORDS = re.compile(r"[^\W\d_][\w'’-]*")
# A specialty's initials after a clinician's name ("Dr Khan ENT"): the service, not the name.
_TRAILING_SPECIALTY = re.compile(r"(?<=[a-z])[ \t]+(?:ENT|ORL|OMFS|ITU|HDU|CCU|SLT|OBGYN|GP)\Z")
_LIST_GAP = re.compile(r"[ \t]*(?:,|;|and\b|&)[ \t]*")


def _without_specialty(red: Redaction) -> Redaction:
    match = _TRAILING_SPECIALTY.search(red.original)
    if match is None or match.start() == 0:
        return red
    cut = match.start()
    return Redaction(red.kind, red.start, red.start + cut, red.original[:cut], red.replacement)


def _without_title(red: Redaction) -> Redaction:
    match = _LEADING_WORD.match(red.original)
    if match is None or match.group(1).lower() not in _ROLE_TITLES:
        return red
    cut = match.end()
    # After a role (not a title) only a person's words: name-list words or words no dictionary
    # holds ("Nurse Bell"); a plain word makes it an organisation's name ("Physio Plus Whanganui").
    if match.group(1).lower() not in TITLES and not all(
        _person_word(w.lower()) for w in _WORDS.findall(red.original[cut:])
    ):
        return red
    return Redaction(red.kind, red.start + cut, red.end, red.original[cut:], red.replacement)


def _person_word(lower: str) -> bool:
    lex = lexicon()
    return lex.name_like(lower) or not lex.known(lower)


def _list_label(text: str, red: Redaction, after: list[Redaction]) -> bool:
    """Whether ``red`` is a plural label at its line's start, before a colon and two or more
    names joined as a list ("Attendees: Bishop, Frank")."""
    if not _LABEL.fullmatch(red.original) or not text.startswith(":", red.end):
        return False
    line = text.rfind("\n", 0, red.start) + 1
    if text[line : red.start].strip() or len(after) < 2:
        return False
    first, second = after[0], after[1]
    if first.kind != "name" or second.kind != "name" or text[red.end + 1 : first.start].strip():
        return False
    return _LIST_GAP.fullmatch(text, first.end, second.start) is not None


def name_edges(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` (in text order) with roles before names and list labels given back."""
    out: list[Redaction] = []
    for i, red in enumerate(redactions):
        if red.kind not in _KINDS:
            out.append(red)
        elif not _list_label(text, red, redactions[i + 1 : i + 3]):
            out.append(_without_specialty(_without_title(red)))
    return out
