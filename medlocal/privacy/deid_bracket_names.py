"""Names in brackets right after a person's name (session 48, deid48a).

A note names a person and then, in brackets, who or what they belong to: their own full name or
nickname ("grandson "Bish" (Bishop)", "mother Ammi (Zubaida Begum)"), their employer, nursery,
practice or church ("Childminder Tasha (Little Acorns)", "Pastor Ade (Grace Fellowship)"). The
word scan reads a bracket's words alone, where plain English words ("Little Acorns", "Bishop")
say nothing of a name. After a name they do: what else stands in such a bracket is a role or a
grade ("(Consultant)", "(Team Manager)"), a specialty ("(Radiology)", "(Gen Surg)"), a language
("(Punjabi)"), a relation ("(Mother)"), a time or a clinical word; those stay.
:mod:`~medlocal.privacy.deid_bracket_affiliations` reads the same place for initials.

Read once the rules and the statistical line have found the names: each name's end is tested
once against a bounded pattern, so the cost is linear in the number of names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from medlocal.privacy.deid_bracket_affiliations import brackets_after_people
from medlocal.privacy.deid_lexicon import CALENDAR_WORDS, Lexicon, clinical_abbreviation, fold
from medlocal.privacy.deid_people_words import (
    CREDENTIALS,
    RELATIONS,
    ROLE_QUALIFIERS,
    ROLES,
    TITLES,
)
from medlocal.privacy.deid_peoples import peoples
from medlocal.privacy.deid_place_words import GENERIC, WARD_KINDS
from medlocal.privacy.deid_spans import Redaction, label

# One to three capitalised words alone in the bracket right after the name (a quote mark of a
# nickname between them may stand: "Bish" (Bishop)).
_BRACKETED = re.compile(r"[\"'”’]?[ \t]{0,2}\((?P<n>[A-Z][a-z'’-]+(?:[ \t][A-Z][a-z'’-]+){0,2})\)")
# Specialties, services and their short forms written in brackets after a clinician's name
# ("Dr Rao (Gen Surg)", "(Rad Onc)", "(Physio)", "(Pedia Cardio)"), and the words of a team's
# kind that a bracket names with them ("(Night Team)", "(On Call)").
_SPECIALTY_END = re.compile(
    r"(?:olog(?:y|ies|ist)|iatr(?:y|ics|ist)|paedics|pedics|etics|ery|ics|ist|ian)\Z"
)
_SHORT_SERVICES = frozenset(
    {
        "reg", "path", "onc", "surg", "gen", "rad", "physio", "pedia", "peds", "paeds", "paed",
        "cardio", "pulmo", "neuro", "ortho", "obs", "gyn", "gynae", "psych", "derm", "haem",
        "heme", "renal", "resp", "gastro", "endo", "uro", "vasc", "plastics", "ent", "micro",
        "para", "anaes", "anaesth", "anesth", "med", "medic", "medics", "ward", "night", "day",
        "call", "on", "duty", "locum", "bank", "agency", "team", "lead", "student", "trainee",
        "senior", "junior", "deputy", "acting", "interim", "retired", "private", "pflege",
        "ambulance", "paramedic", "police", "ret", "deceased", "late", "nok", "proxy", "husband",
        "wife", "partner", "friend", "neighbour", "neighbor", "carer", "caregiver", "guardian",
        "sister", "brother", "mother", "father", "son", "daughter",
    }
)  # fmt: skip


def _plain_word(word: str, lex: Lexicon) -> bool:
    """A word that says what or when, never whose: the bracket holding it stays."""
    lower = fold(word.rstrip("'’").removesuffix("'s").removesuffix("’s"))
    return (
        lower in TITLES
        or lower in RELATIONS
        or lower in ROLES
        or lower in ROLE_QUALIFIERS
        or lower in CREDENTIALS
        or lower in CALENDAR_WORDS
        or lower in _SHORT_SERVICES
        or lower in WARD_KINDS
        or lower in peoples()
        or lex.clinical(lower)
        or clinical_abbreviation(word)
        or bool(_SPECIALTY_END.search(lower))
    )


def bracketed_names(text: str, spans: Iterable[Redaction], lex: Lexicon) -> Iterator[Redaction]:
    """Redactions of the capitalised words in brackets right after the people in ``spans``:
    a name where the bracket holds one word or only listed names, else an organisation."""
    for _, match in brackets_after_people(text, spans, _BRACKETED):
        words = match.group("n").split()
        if any(_plain_word(w, lex) for w in words):
            continue
        if all(fold(w) in GENERIC for w in words):
            continue
        named = len(words) == 1 or all(lex.name_like(fold(w)) for w in words)
        kind = "name" if named else "facility"
        yield Redaction(kind, match.start("n"), match.end("n"), match.group("n"), label(kind))
