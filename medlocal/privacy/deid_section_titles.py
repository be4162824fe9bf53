"""A note's standard section title is no identifier (session 42, issue 16): "Review of Systems:",
"Reason for Referral:", "Chief Complaints:" and "Rheumatologic Review of Systems:" open a
section of a history-and-physical, a consult or a clinic letter, yet the word scan read "Review
of Systems" as an organisation ("X of Y" in capitals, like "Department of Health"), "Referral"
as one after "Reason for" and "Complaints" as a name after the title "Chief".

A span is given back where it lies wholly inside a heading at a line's start (after blanks, a
bullet or a list number) that ends with a colon or the line's end and whose words are a listed
section title (:data:`SECTION_TITLES`), in any case, its last word in the singular or plural,
with at most one qualifier before it that is a dictionary or clinical word and no listed name
("Rheumatologic", "Focused", "Cardiovascular"). A person or a place is never written so, and
the listed titles hold no name, so recall cannot lose by it.

Source of the list: the section titles of the HL7 Consolidated CDA (C-CDA R2.1) document
templates and their common variants in British, Irish and Commonwealth notes, written by hand
for MedLocal from the published section names (the words of the titles alone; no file copied;
see resources/deid_NOTICES.txt).
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_spans import Redaction

_KINDS = frozenset({"name", "facility", "location", "city"})

# Lower case, single-spaced. The C-CDA R2.1 section titles (first block) and the usual forms of
# other English-speaking countries (second block).
SECTION_TITLES = frozenset(
    {
        # HL7 C-CDA R2.1 section titles
        "advance directives", "allergies", "allergies and intolerances",
        "anesthesia", "assessment", "assessment and plan", "chief complaint",
        "chief complaint and reason for visit", "complications", "course of care",
        "discharge diagnosis", "discharge medications", "family history", "functional status",
        "goals", "health concerns", "history of past illness", "history of present illness",
        "hospital admission diagnosis", "hospital consultations", "hospital course",
        "hospital discharge instructions", "hospital discharge physical",
        "hospital discharge studies summary", "immunizations", "implants", "instructions",
        "interventions", "medical equipment", "medications", "medications administered",
        "mental status", "nutrition", "objective", "operative note fluids",
        "operative note surgical procedure", "past medical history", "payers", "physical exam",
        "physical examination", "plan of treatment", "plan of care", "planned procedure",
        "postoperative diagnosis", "postprocedure diagnosis", "preoperative diagnosis",
        "problem list", "problems", "procedure description", "procedure disposition",
        "procedure estimated blood loss", "procedure findings", "procedure implants",
        "procedure indications", "procedure specimens taken", "procedures",
        "reason for referral", "reason for visit", "results", "review of systems",
        "social history", "subjective", "surgical drains", "vital signs",
        # Commonwealth and Irish forms of the same sections
        "presenting complaint", "history of presenting complaint", "reason for admission",
        "reason for consultation", "reason for attendance", "past surgical history",
        "past psychiatric history", "drug history", "medication history", "systems review",
        "systemic enquiry", "functional enquiry", "mental state examination",
        "risk assessment", "investigations", "impression", "differential diagnosis",
        "management plan", "clinical course", "follow-up arrangements", "history of complaint",
    }
)  # fmt: skip
_LONGEST = max(len(title.split()) for title in SECTION_TITLES)

# A heading at a line's start: blanks, a bullet or a list number before it, then up to eight
# words (one blank or tab between each, so a long run of blanks costs one pass) before a colon
# or the line's end.
_HEADING = re.compile(
    r"^[ \t]*(?:[-*•][ \t]+|\d{1,2}[.)][ \t]+)?"
    r"([^\W\d_][\w'’-]*(?:[ \t][\w'’-]+){0,7})[ \t]*(?::|$)",
    re.M,
)


def _listed(words: list[str]) -> bool:
    title = " ".join(words)
    if title in SECTION_TITLES:
        return True
    # "Chief Complaints", "Vital Sign": the last word's other number.
    last = words[-1]
    other = last[:-1] if last.endswith("s") else last + "s"
    return " ".join([*words[:-1], other]) in SECTION_TITLES


def _title(heading: str) -> bool:
    """Whether ``heading`` is a listed title, or one qualifier and a listed title."""
    words = heading.lower().split()
    if not words or len(words) > _LONGEST + 1:
        return False
    if _listed(words):
        return True
    if len(words) < 2 or not _listed(words[1:]):
        return False
    lex = lexicon()
    qualifier = words[0]
    return lex.known(qualifier) and not lex.name_like(qualifier) and qualifier not in lex.places


def _heading_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for match in _HEADING.finditer(text):
        if _title(match.group(1)):
            spans.append((match.start(1), match.end(1)))
    return spans


def without_section_titles(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` less the names and places read inside a standard section title."""
    if not any(red.kind in _KINDS for red in redactions):
        return redactions
    headings = _heading_spans(text)
    if not headings:
        return redactions
    kept: list[Redaction] = []
    for red in redactions:
        if red.kind in _KINDS and any(a <= red.start and red.end <= b for a, b in headings):
            continue
        kept.append(red)
    return kept
