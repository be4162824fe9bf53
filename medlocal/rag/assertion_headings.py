"""Headings that name no finding: a heading in capitals, and a body system heading the findings
after its colon ("Renal:", "Lung bases:")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from medlocal.rag.assertion_tokens import Token
from medlocal.rag.assertion_triggers import NEG_BACKWARD, NEG_FORWARD

# A heading in capitals (a few words, no sentence's full stop) names a section, not a finding; a
# note typed in capitals says what it finds with a trigger ("PT DENIES CP", "NO FEVER").
_HEADING = re.compile(r"[^a-z.!?]{0,60}[A-Z][^a-z.!?]{0,60}")
_HEADING_WORDS = 5
_TRIGGERS = frozenset(NEG_FORWARD + NEG_BACKWARD)


def is_heading(sentence: str) -> bool:
    if _HEADING.fullmatch(sentence) is None:
        return False
    words = sentence.lower().split()
    return len(words) <= _HEADING_WORDS and not any(w.strip(":;,") in _TRIGGERS for w in words)


# Body systems and organs that head a part of a note ("Renal: UO 0.6 mL/kg/h", "Bones: no
# aggressive osseous lesion", "Lung bases: clear"): the heading says where the findings after it
# are, not that anything is present there; a sentence's "renal replacement therapy" or "no bone
# lesion" is no claim about it.
_SYSTEM_HEADINGS = frozenset(
    {"renal", "kidney", "kidneys", "ureters", "bladder", "bones", "bone", "liver", "lungs", "lung",
     "bases", "heart", "cardiac", "cvs", "cv", "resp", "respiratory", "chest", "neuro",
     "neurological", "cns", "gi", "abdomen", "abdo", "skin", "id", "haem", "heme", "haematology",
     "hematology", "endocrine", "msk", "musculoskeletal", "pelvis", "bowel", "spleen",
     "pancreas", "gallbladder", "appendix", "adrenals", "vessels", "vascular", "soft",
     "tissues", "ent", "eyes", "gu", "genitourinary", "psych", "metabolic", "fluids", "lines",
     "airway", "breathing", "circulation", "disability", "exposure", "systems", "ureter",
     "and", "/"}
)  # fmt: skip
_HEADING_REACH = 3


def system_heading(tokens: Sequence[Token]) -> range:
    """The tokens of a body-system heading that opens the sentence before a colon ("Renal:",
    "Kidneys/ureters:", "Lung bases:"); an empty range where there is none."""
    for colon in range(1, min(len(tokens), _HEADING_REACH + 1)):
        if tokens[colon].text == ":":
            words = [w for t in tokens[:colon] for w in t.text.split("/")]
            return range(colon) if all(w in _SYSTEM_HEADINGS for w in words) else range(0)
    return range(0)


# The words a table's column header is made of ("Drug | Dose | Frequency | Change", "Date | Test
# | Result | Units | Reference | Flag", "Allergen | Reaction | Severity"). A row whose every cell
# is such a label names the columns, it states nothing: walk 41 read "Drug | Dose | Frequency |
# Change" as reporting a drug as present against "no drug allergies". A row of data ("Penicillin
# | Rash") has a cell that is no label and is read as ever.
_COLUMN_LABELS = frozenset(
    {"drug", "drugs", "medication", "medications", "medicine", "medicines", "name", "dose",
     "doses", "dosage", "strength", "frequency", "freq", "route", "change", "changes", "status",
     "indication", "comment", "comments", "note", "notes", "date", "dates", "time", "test",
     "tests", "investigation", "result", "results", "value", "values", "unit", "units",
     "reference", "range", "ref", "interval", "flag", "flags", "allergen", "allergy",
     "allergies", "reaction", "reactions", "severity", "type", "start", "started", "stop",
     "stopped", "duration", "started/stopped", "reason", "action", "when", "by", "prescriber",
     "source", "analyte", "specimen", "sample", "normal", "previous", "current", "new", "old",
     "relative", "relationship", "age", "and", "of", "/", "&", "-"}
)  # fmt: skip
_CELL_WORD = re.compile(r"[A-Za-z/&-]+")
_SPACED_CELLS = re.compile(r"\s{2,}|\t")
_SPACED_HEADER_CELLS = 3


def is_table_header(sentence: str) -> bool:
    """Whether ``sentence`` is a table's column header row: two or more "|" cells, or three or
    more set apart by two spaces or a tab, each of column labels only (``_COLUMN_LABELS``),
    with no figure in any."""
    cells = [c.strip() for c in sentence.split("|")]
    cells = [c for c in cells if c]
    if "|" not in sentence:
        # Set out with spaces ("Relative    Relationship    Age    Test date    Result"):
        # three cells at least, as one or two could be a phrase (round 10).
        cells = [c for c in _SPACED_CELLS.split(sentence.strip()) if c]
        if len(cells) < _SPACED_HEADER_CELLS:
            return False
    if len(cells) < 2 or any(ch.isdigit() for ch in sentence):
        return False
    for cell in cells:
        words = _CELL_WORD.findall(cell)
        if not words or any(w.lower() not in _COLUMN_LABELS for w in words):
            return False
    return True


# A passage's title: its first line, a few words without a figure, a colon or a closing full
# stop, with more after it ("Pre-biologic screening (requested by Sr K. Ross)", "Seizure diary
# (reviewed with ...)", "Cascade testing - Dunn family"). It names what the passage is about,
# not a finding: "no tonic-clonic seizures" is no denial of the diary (round 10).
_TITLE_WORDS = 5
_ASIDE = re.compile(r"\([^()]*\)")


def is_title(text: str, start: int, sentence: str) -> bool:
    if text[:start].strip():
        return False
    end = start + len(sentence)
    if not text[end:].strip() or not text[end:].lstrip(" \t").startswith("\n"):
        return False
    bare = _ASIDE.sub(" ", sentence).strip()
    if not bare or bare.endswith(".") or ":" in bare or any(ch.isdigit() for ch in bare):
        return False
    return len(bare.replace(" - ", " ").split()) <= _TITLE_WORDS
