"""Section headings of dictated and typed clinical notes, found in their plain text.

Such notes mark sections with capitalised labels rather than styles: a label alone on its line
(``DISCHARGE MEDICATIONS:``, ``HOSPITAL COURSE``) opens a section; a label that starts a line of
text (``HEENT: Normocephalic ...``, ``IMPRESSION: Pneumonia.``) opens a subsection named after
both (``PHYSICAL EXAMINATION: HEENT``), so each passage knows which part of the note it is.

Labels need four letters or more: ``BP:``, ``MRN:`` or ``DOB:`` start a line of values, not a
section.

A line that continues the line above it is no heading: where the line above stops mid-phrase
(:func:`ends_open`: ``... FOR THE ADMISSION OF`` then ``MR X TO THE CARDIOLOGY WARD``, a title
wrapped onto two lines), a label line after a heading extends that heading, and one after text
is part of the text.
"""

from __future__ import annotations

import re

from medlocal.ingest.document import SectionHeading

_LABEL = r"[A-Z][A-Z0-9 /&,()'\-]{1,58}[A-Z)]"
_STANDALONE = re.compile(rf"^[ \t]*({_LABEL})[ \t]*:?[ \t]*$", re.MULTILINE)
_INLINE = re.compile(rf"^[ \t]*({_LABEL}):[ \t]+(?=\S)", re.MULTILINE)
_MIN_LETTERS = 4
# Words a finished heading or sentence does not end on, but a line wrapped mid-phrase does.
_OPEN_WORDS = (
    "an|and|as|at|between|by|for|from|in|including|into|nor|of|on|onto|or|per|regarding|than"
    "|the|to|via|with|without"
)
_OPEN_END = re.compile(rf"(?:[,&\-]|\b(?:{_OPEN_WORDS}))[ \t]*$", re.IGNORECASE)


def ends_open(line: str) -> bool:
    """The line stops mid-phrase, so the next line continues it: it ends with a comma, hyphen
    or ampersand, or with a word such as "of", "the" or "and" ("a" is left out: "HEPATITIS A")."""
    return _OPEN_END.search(line) is not None


def _line_before(text: str, position: int) -> tuple[int, str] | None:
    """Start and text of the line above the one holding ``position``; None at the top of the
    text or after a blank line."""
    line_start = text.rfind("\n", 0, position) + 1
    if line_start == 0:
        return None
    previous_start = text.rfind("\n", 0, line_start - 1) + 1
    previous = text[previous_start : line_start - 1]
    return (previous_start, previous) if previous.strip() else None


def clinical_headings(text: str) -> tuple[SectionHeading, ...]:
    """Headings in ``text`` in order, each starting at its label's first character."""
    labels: list[tuple[int, str, bool]] = []  # (start, label, standalone)
    for pattern, standalone in ((_STANDALONE, True), (_INLINE, False)):
        for match in pattern.finditer(text):
            labels.append((match.start(1), " ".join(match.group(1).split()), standalone))
    labels.sort()
    found: list[tuple[int, str, bool]] = []
    for start, label, standalone in labels:
        above = _line_before(text, start)
        if above is not None and ends_open(above[1]):
            last = found[-1] if found else None
            if last is not None and last[2] and last[0] >= above[0]:
                found[-1] = (last[0], f"{last[1]} {label}", True)  # a heading wrapped in two
            continue  # else the label's words go on with the text above
        if sum(ch.isalpha() for ch in label) >= _MIN_LETTERS:
            found.append((start, label, standalone))
    headings: list[SectionHeading] = []
    major: str | None = None
    for start, label, standalone in found:
        if standalone:
            major = label
            headings.append(SectionHeading(label, start))
        else:
            headings.append(SectionHeading(f"{major}: {label}" if major else label, start))
    return tuple(headings)


# Plain words for the standard sections of history-and-physical, discharge and clinic notes (the
# section names of HL7 C-CDA document templates and their usual abbreviations): a question asks
# "what symptoms", a note says "HISTORY OF PRESENT ILLNESS". Added to the passage's indexing
# header only, never to its text.
_SECTION_GLOSSES: dict[str, str] = {
    "chief complaint": "reason for the visit",
    "presenting complaint": "reason for the visit",
    "reason for admission": "why admitted",
    "reason for referral": "question for the specialist",
    "history of present illness": "presenting symptoms and their story",
    "history of presenting complaint": "presenting symptoms and their story",
    "hpi": "presenting symptoms and their story",
    "past medical history": "previous illnesses and long-term conditions",
    "pmh": "previous illnesses and long-term conditions",
    "social history": "home, who the patient lives with, work, smoking, alcohol",
    "family history": "illnesses in relatives",
    "review of systems": "symptoms by body system",
    "physical examination": "examination findings",
    "physical exam": "examination findings",
    "examination": "examination findings",
    "hospital course": "what happened during the stay: treatment, tests and results",
    "clinical course": "what happened during the stay: treatment, tests and results",
    "investigations": "tests and results",
    "results": "tests and results",
    "impression": "diagnosis",
    "assessment": "diagnosis and judgement",
    "diagnosis": "diagnosis",
    "assessment and plan": "diagnosis and plan",
    "plan": "plan and next steps",
    "discharge medications": "medicines to take after leaving hospital",
    "medications": "medicines",
    "allergies": "allergies, intolerances and drug reactions",
    "follow-up": "appointments after discharge",
    "follow up": "appointments after discharge",
    "disposition": "where the patient went after the visit",
    "diet": "food and fluid advice",
    "activity": "exercise and activity advice",
}


def section_gloss(title: str) -> str | None:
    """Plain words for a standard section title; for a subsection (``PHYSICAL EXAMINATION:
    NECK``) those of its own name, else of the section it is part of."""
    for part in (title, title.rsplit(":", 1)[-1], title.split(":", 1)[0]):
        gloss = _SECTION_GLOSSES.get(" ".join(part.lower().split()).strip(" :"))
        if gloss is not None:
            return gloss
    return None
