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
