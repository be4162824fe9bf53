"""Section headings of dictated and typed clinical notes, found in their plain text.

Such notes mark sections with capitalised labels rather than styles: a label alone on its line
(``DISCHARGE MEDICATIONS:``, ``HOSPITAL COURSE``) opens a section; a label that starts a line of
text (``HEENT: Normocephalic ...``, ``IMPRESSION: Pneumonia.``) opens a subsection named after
both (``PHYSICAL EXAMINATION: HEENT``), so each passage knows which part of the note it is.

Labels need four letters or more: ``BP:``, ``MRN:`` or ``DOB:`` start a line of values, not a
section.
"""

from __future__ import annotations

import re

from medlocal.ingest.document import SectionHeading

_LABEL = r"[A-Z][A-Z0-9 /&,()'\-]{1,58}[A-Z)]"
_STANDALONE = re.compile(rf"^[ \t]*({_LABEL})[ \t]*:?[ \t]*$", re.MULTILINE)
_INLINE = re.compile(rf"^[ \t]*({_LABEL}):[ \t]+(?=\S)", re.MULTILINE)
_MIN_LETTERS = 4


def clinical_headings(text: str) -> tuple[SectionHeading, ...]:
    """Headings in ``text`` in order, each starting at its label's first character."""
    found: list[tuple[int, str, bool]] = []  # (start, label, standalone)
    for pattern, standalone in ((_STANDALONE, True), (_INLINE, False)):
        for match in pattern.finditer(text):
            label = " ".join(match.group(1).split())
            if sum(ch.isalpha() for ch in label) >= _MIN_LETTERS:
                found.append((match.start(1), label, standalone))
    found.sort()
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
