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
from medlocal.privacy.deid_people_words import HONORIFICS, RELATIONS, TITLES
from medlocal.privacy.deid_spans import Redaction, label

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
# Titles written in full, given back like their short forms whatever the words after them
# (deidfix33, walk 35: "Professor Declan Ruane" read "[NAME]", where "Declan" is a word the
# lists know; "Prof Declan Ruane" kept its title).
_FULL_TITLES = TITLES | frozenset({"professor", "doctor"})
# The title and the space after it, with its full stop ("Dr. ").
_LEADING_WORD = re.compile(r"([A-Z][a-z]+)\.?[ \t]+(?=[A-Z])")
# A list's label: one plural word at a line's start (or after a field gap) and its colon.
_LABEL = re.compile(r"[A-Z][a-z]{2,}s")
_WORDS = re.compile(r"[^\W\d_][\w'’-]*")
# A specialty's initials after a clinician's name ("Dr Khan ENT"): the service, not the name.
_TRAILING_SPECIALTY = re.compile(r"(?<=[a-z])[ \t]+(?:ENT|ORL|OMFS|ITU|HDU|CCU|SLT|OBGYN|GP)\Z")
_LIST_GAP = re.compile(r"[ \t]*(?:,|;|and\b|&)[ \t]*")


# A specialty named in full after a clinician's name ("Dr Ignatius Ferrabee Cardiology",
# "Dr Quill Endocrinology", walk 27): its ending tells it, whatever the specialty.
_SPECIALTY_ENDINGS = ("ology", "iatry", "iatrics", "paedics", "pedics")
_LAST_WORD = re.compile(r"[ \t]+([A-Z][a-z]+)\Z")


_TITLE_BEFORE = re.compile(r"([A-Z][a-z]+)\.?[ \t]+\Z")


def _without_specialty(text: str, red: Redaction) -> Redaction:
    match = _TRAILING_SPECIALTY.search(red.original)
    if match is None:
        match = _LAST_WORD.search(red.original)
        if match is None or not _specialty(match.group(1).lower()):
            return red
        # Only a clinician's name, told by the title: a letterhead's "Sunnybrook
        # Otolaryngology" names a clinic.
        title = _TITLE_BEFORE.search(text, max(0, red.start - 20), red.start)
        if title is None or title.group(1).lower() not in TITLES:
            return red
    if match.start() == 0:
        return red
    cut = match.start()
    return Redaction(red.kind, red.start, red.start + cut, red.original[:cut], red.replacement)


def _specialty(lower: str) -> bool:
    return lower.endswith(_SPECIALTY_ENDINGS) and not lexicon().name_like(lower)


def _without_title(red: Redaction) -> Redaction:
    match = _LEADING_WORD.match(red.original)
    if match is None or match.group(1).lower() not in _ROLE_TITLES:
        return red
    cut = match.end()
    # After a role (not a title) only a person's words: name-list words or words no dictionary
    # holds ("Nurse Bell"); a plain word makes it an organisation's name ("Physio Plus Whanganui").
    if match.group(1).lower() not in _FULL_TITLES and not all(
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


# Walk 23: "Uncle Ravi and Aunty Pat" became "Uncle [NAME]": a joiner and a relation or
# title inside a name's span, between two names.
_JOINED_RELATION = re.compile(r"[ \t]*(?:,|&|\band\b)[ \t]+([A-Z][a-z]+)\.?[ \t]+(?=[A-Z])")
# An honorific with its full stop at the span's start ("Smt. Meenakshi Ammal", "Sra. Ruiz").
_HONORIFIC_FIRST = re.compile(r"([A-Z][a-z]{1,7})\.[ \t]+(?=[A-Z])")


def _split_at_relations(red: Redaction) -> list[Redaction]:
    """A name's span cut where a joiner and a relation or title stand inside it: each name keeps
    its own redaction, and the words between stay in view."""
    for match in _JOINED_RELATION.finditer(red.original):
        word = match.group(1).lower()
        if match.start() == 0 or not (word in RELATIONS or word in TITLES or word in HONORIFICS):
            continue
        left = Redaction(
            red.kind, red.start, red.start + match.start(), red.original[: match.start()],
            red.replacement,
        )  # fmt: skip
        rest = Redaction(
            red.kind, red.start + match.end(), red.end, red.original[match.end() :],
            red.replacement,
        )  # fmt: skip
        return [left, *_split_at_relations(rest)]
    return [red]


def _without_honorific(red: Redaction) -> Redaction:
    match = _HONORIFIC_FIRST.match(red.original)
    if match is None or match.group(1).lower() not in HONORIFICS:
        return red
    cut = match.end()
    return Redaction(red.kind, red.start + cut, red.end, red.original[cut:], red.replacement)


# Walk 23: "Physiotherapy (Tom Hill)" read "[ADDRESS]": a given name and a street word that is
# also a surname, with no house number, is a person.
_GIVEN_AND_STREET_SURNAME = re.compile(r"([A-Z][a-z]+)[ \t]+([A-Z][a-z]+)")


def _person_not_street(red: Redaction) -> Redaction:
    match = _GIVEN_AND_STREET_SURNAME.fullmatch(red.original)
    if red.kind != "street_address" or match is None:
        return red
    lex = lexicon()
    given, last = match.group(1).lower(), match.group(2).lower()
    if given not in lex.given_names or given in lex.places or last not in lex.surnames:
        return red
    return Redaction("name", red.start, red.end, red.original, label("name"))


def _honorific_alone(text: str, red: Redaction, after: list[Redaction]) -> bool:
    """An honorific found as a name of its own right before the name it honours ("Smt.
    Meenakshi Ammal" read "[NAME]. [NAME]")."""
    if red.original.lower() not in HONORIFICS or red.original.lower() in lexicon().given_names:
        return False
    return bool(after) and after[0].kind in _KINDS and text[red.end : after[0].start] in (". ", " ")


# Review 44: a personal title found alone before a name ("Seen with Mr Edwards syndrome nurse.":
# the eponym kept "Edwards syndrome" whole, the run took "Mr" alone): a title is no identifier.
_PERSONAL_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof"})


def _title_alone(text: str, red: Redaction, after: list[Redaction]) -> bool:
    """A title written in full, found as a name of its own right before the name it titles
    (deidfix34: "Professor Declan Ruane, FRCPI" read "[NAME] [NAME], FRCPI", the tagger's
    "Professor" beside the rules' name)."""
    title = red.original.lower().rstrip(".")
    if title not in _FULL_TITLES or (title in TITLES and title not in _PERSONAL_TITLES):
        return False
    return bool(after) and after[0].kind in _KINDS and text[red.end : after[0].start] == " "


def name_edges(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` (in text order) with roles before names and list labels given back."""
    out: list[Redaction] = []
    for i, red in enumerate(redactions):
        if red.kind == "street_address":
            out.append(_person_not_street(red))
        elif red.kind not in _KINDS:
            out.append(red)
        elif _honorific_alone(text, red, redactions[i + 1 : i + 2]) or _title_alone(
            text, red, redactions[i + 1 : i + 2]
        ):
            continue
        elif not _list_label(text, red, redactions[i + 1 : i + 3]):
            for part in _split_at_relations(red):
                out.append(_without_specialty(text, _without_title(_without_honorific(part))))
    return out
