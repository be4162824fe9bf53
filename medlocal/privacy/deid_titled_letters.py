"""A person's initials after a title or a signing cue, spaced or dotted (session 55, deid55c).

A signature line of capitals writes who saw the patient by their initials alone, each letter a
word: "SEEN BY: DR E J H / NURSE M T", "Signed: Dr A. K.", "CHECKED BY E J". The word scan reads
one-letter words as nothing (an article, a grade, a lead), and the letters after "DR" were left in
view or only the first of them taken ("[NAME] J H"). Review 54b listed these as a leak of main.

What keeps a clinical letter out: the letters come right after a title of a person (DR, PROF,
MRS, MISS, NURSE, SISTER, MIDWIFE, ...; not "MR"/"MS", which are mitral regurgitation and
stenosis) or a signing cue ("SEEN BY", "SIGNED", "CHECKED BY" with a colon or a blank), there
are one to four of them, each a single capital (a dot after it allowed), and they end the
field: the line's end, a slash, comma, semicolon, bracket, dash or a column gap. "Dr A FIB",
"NURSE A&E", "SEEN BY A&E", "GRADE B" and "HEP B" are not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_people_words import CREDENTIALS
from medlocal.privacy.deid_spans import Redaction, label

# Titles and roles of a person, in capitals or in title case ("DR", "Dr.", "Nurse").
_TITLE_WORDS = (
    r"DR|PROF|MRS|MISS|MX|NURSE|SISTER|MIDWIFE|MATRON|PHYSIO|PHARMACIST|CONSULTANT|SURGEON|"
    r"REGISTRAR|PRACTITIONER|PARAMEDIC|THERAPIST|RN|RGN|RMN|SN|HCA|CNS|ANP|DN"
)
_TITLE = (
    rf"(?:(?:{_TITLE_WORDS})|(?:Dr|Prof|Mrs|Miss|Mx|Nurse|Sister|Midwife|Matron|Physio|"
    r"Pharmacist|Consultant|Surgeon|Registrar|Practitioner|Paramedic|Therapist))\.?"
)
# A signing cue with its colon, or "BY" after a verb of signing or seeing.
_CUE = (
    r"(?i:(?:seen|reviewed|examined|checked|signed|dictated|typed|verified|authori[sz]ed|"
    r"reported|witnessed|countersigned|completed|assessed|given|administered)[ \t]+by|"
    r"signed|signature|sig|initials)[ \t]*:?"
)
# One to four single capitals, each perhaps with a dot, spaced or dotted.
# Glued capitals are no initials here: "Physio II ring" is a model's numeral.
_LETTERS = r"[A-Z](?:(?:\.[ \t]?|[ \t])[A-Z](?![\w&])){0,3}\.?"
# The field ends: the line's end, a slash, comma, semicolon, bracket, dash, a column gap, or
# a word in lower case or a bracket after a blank ("Dr E J H reviewed", "A K (Locum)"; "DR A
# FIB" is no one).
# Session 56: a colon and a blank after a lone letter, as a transcript names its speakers
# ("Dr A: Any chest pain?"); "Grade: B" has no title before it.
# A slash counts with a blank on one side ("E J H / NURSE"): "A/W", "N/A" are abbreviations.
_END = r"(?=[ \t]*(?:$|[,;)|]|(?<=[A-Z]):[ \t]|[-–][ \t]|[ \t]{2,}|\t|/[ \t])|[ \t]+(?:[a-z(]|/))"
_INITIALS = re.compile(
    rf"(?<![\w&])(?:{_TITLE}|{_CUE})[ \t]+(?P<i>{_LETTERS})(?![\w&]){_END}", re.M
)
# The next initials of a list after a slash ("Checked by: M T / A K").
_NOT_LETTERS = re.compile(r"[^A-Za-z]")
_NEXT = re.compile(rf"(?:[ \t]+/[ \t]*|/[ \t]+)(?P<i>{_LETTERS})(?![\w&]){_END}", re.M)


def titled_letter_candidates(text: str) -> Iterator[Redaction]:
    """Names for the initials after a title or a signing cue in ``text`` (see above)."""
    for found in skipped_finditer(_INITIALS, text):
        match: re.Match[str] | None = found
        while match is not None:
            letters = match.group("i").rstrip(".")
            start = match.start("i")
            # A dotted credential is no one's initials ("Signed: M.D.", "Seen by R.N."), as the
            # signature rule reads it (deid_initials); spaced letters after a title are ("Dr M D").
            dotted = "." in match.group("i")
            if not dotted or _NOT_LETTERS.sub("", letters).lower() not in CREDENTIALS:
                yield Redaction("name", start, start + len(letters), letters, label("name"))
            match = _NEXT.match(text, match.end("i"))
