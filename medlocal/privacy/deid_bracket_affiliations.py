"""An organisation's initials in brackets right after a person's name (session 44, deidrec44).

Letters and handovers give a clinician's hospital or service after the name, in brackets and by
its initials alone ("cardiologist Vikram Sethuraman (RVH)", "discussed with Hugh McCready
(NSLHD)"). The rules read initials as an organisation only after a word of place ("at RVH.");
in brackets after a name the same initials were left. The name says whose the bracket is; what
else stands there is the person's own initials (deid_name_initials reads those), a role or a
grade ("(NUM)", "(JMO)", "(CNC)"), post-nominal letters, a specialty or a clinical
abbreviation ("(ID)", "(ICU)"), a state ("(NSW)") or a word: those stay.

Read once the rules and the statistical line have found the names: each name's end is tested
once against a bounded pattern, so the cost is linear in the number of names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from medlocal.privacy.deid_lexicon import Lexicon
from medlocal.privacy.deid_org_initials import plain_initials
from medlocal.privacy.deid_people_words import CREDENTIALS, RELATIONS, ROLES
from medlocal.privacy.deid_post_nominals import post_nominal
from medlocal.privacy.deid_spans import Redaction, label
from medlocal.privacy.deid_states import CODES

_PERSON_KINDS = frozenset({"name", "patient_name"})
# The bracket right after a name: two to six capitals, perhaps joined by "&" ("N&N"), alone in it.
_BRACKETED = re.compile(r"[ \t]{0,2}\((?P<n>[A-Z]{2,6}|[A-Z]{1,4}&[A-Z]{1,3})\)")
# Roles and grades of Australian, New Zealand and British staff written in brackets after a
# name, which the role and credential lists (written for a role before a name) lack: nurse unit
# manager, clinical nurse consultant and educator, assistant in nursing, junior and resident
# medical officer, postgraduate year, basic physician trainee, GP specialty trainee, community
# health worker, senior social worker, mental health nurse, link or lead clinician; and (review
# 44) the British grades: foundation year, house officer, core and specialty trainee, specialty
# registrar, staff grade and associate specialist, clinical fellow.
_BRACKET_ROLES = frozenset(
    {"NUM", "CNC", "CNE", "CNS", "AIN", "JMO", "RMO", "PGY", "BPT", "AT", "GPST", "CHW", "SSW",
     "MHN", "LMC", "NIC", "CSW", "HCSW", "ANUM", "CMO", "SMO", "VMO", "CMHN", "CPN",
     "FY", "HO", "CT", "ST", "STR", "SAS", "CF"}
)  # fmt: skip
_COUNTRIES = frozenset({"UK", "US", "USA", "UAE", "NZ", "EU", "SA", "RSA", "KSA", "PRC", "ROI"})


def _name_initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def brackets_after_people(
    text: str, spans: Iterable[Redaction], bracket: re.Pattern[str]
) -> Iterator[tuple[Redaction, re.Match[str]]]:
    """Each person of ``spans`` with ``bracket`` matched right after the name."""
    for red in spans:
        if red.kind not in _PERSON_KINDS:
            continue
        match = bracket.match(text, red.end)
        if match is not None:
            yield red, match


def bracketed_affiliations(
    text: str, spans: Iterable[Redaction], lex: Lexicon
) -> Iterator[Redaction]:
    """Facility redactions of the initials in brackets right after the people in ``spans``."""
    for red, match in brackets_after_people(text, spans, _BRACKETED):
        initials = match.group("n")
        if (
            initials in _BRACKET_ROLES
            or initials in CODES
            or initials in _COUNTRIES
            or initials == _name_initials(red.original)
            or initials.lower() in ROLES
            or initials.lower() in CREDENTIALS
            or initials.lower() in RELATIONS
            or post_nominal(initials)
            or plain_initials(initials, lex)
        ):
            continue
        yield Redaction("facility", match.start("n"), match.end("n"), initials, label("facility"))
