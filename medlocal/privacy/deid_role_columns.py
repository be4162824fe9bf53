"""Round 20 (people): a table's column headed by a role ("ATTENDING", "PCP", "Consultant",
"Scrub nurse") holds people, so a one-word cell under it is a surname even where the word is an
English word or an eponym ("Bishop", "Ward", "Cushing"): a condition in such a column would carry
its head ("Cushing syndrome"), and a specialty its ending ("Cardiology").

Tables are read in the three shapes exports write: delimited by commas (CSV, quotes allowed), by
bars or tabs, or aligned by runs of two or more spaces. A row counts only where it splits into as
many cells as its header, and the table ends at the first blank line.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Mapping

from medlocal.abbreviations import default_abbreviations
from medlocal.privacy.deid_lexicon import CALENDAR_WORDS, CLINICAL_SHORT, Lexicon
from medlocal.privacy.deid_people_words import COLON_ROLES, RELATIONS, ROLES, TITLES
from medlocal.privacy.deid_spans import Redaction, label

# Header cells that name who holds the row's role.
_ROLE_HEADERS = (COLON_ROLES | ROLES) - {"days", "nights", "handover", "student", "worker"} | {
    "pcp", "md", "provider", "doctor", "clinician", "referring", "named nurse", "scrub nurse",
    "scrub", "key worker", "care coordinator", "case manager", "social worker", "sw",
    "attending physician", "primary nurse", "assigned nurse", "assigned rn", "responsible",
    "seen by", "reviewed by", "signed by", "author", "cons.", "surgeon 1", "assistant",
}  # fmt: skip
_HEADER_CUE = re.compile(
    # A run of blanks opens a cell only at its start, read once (possessive): tried at every
    # blank of a long run, the pattern was quadratic (a label and 5,000 blanks took 3 s; 60,000
    # tabs 2 s).
    r"(?i)(?:^|(?<![ \t])\t|[,|;]|(?<![ \t])  )[ \t]*+\"?"
    r"(?:attending|pcp|gp|consultant|cons|nurse|rn|surgeon|"
    r"physician|provider|doctor|md|clinician|registrar|resident|midwife|therapist|physio|ot|"
    r"sw|pharmacist|anaesthetist|anesthetist|keyworker|key worker|scrub|referr\w*|seen by|"
    r"reviewed by|signed by|author|named nurse|assigned \w+)\"?[ \t]*(?:$|[\t,|;]|  )",
    re.M,
)
_SPACED = re.compile(r"[ \t]{2,}|\t")
_CELL_WORD = re.compile(r"(?:(?:Dr|Mr|Mrs|Ms|Miss|Prof)\.?[ \t]+)?(?P<v>[^\W\d_][\w'’-]+)")
_SPECIALTY_ENDINGS = ("ology", "ologist", "iatry", "iatrics", "ics", "ery", "medicine")
_MAX_ROWS = 400
# A header cell: empty or a label of up to three words ("ATTENDING", "Principal Dx", "Ext").
_LABEL = re.compile(r"\"?(?:[^\W\d_][\w.#/&'’()-]*(?: [^\W\d_][\w.#/&'’()-]*){0,2})?\"?")


def role_column_spans(text: str, lex: Lexicon) -> Iterator[Redaction]:
    """The one-word cells under a role header in ``text``'s tables."""
    senses = default_abbreviations().senses
    seen: set[int] = set()
    for header in _HEADER_CUE.finditer(text):
        line_start = text.rfind("\n", 0, header.start()) + 1
        if line_start in seen:
            continue
        seen.add(line_start)
        line_end = text.find("\n", header.end() - 1)
        if line_end < 0:
            continue
        cells, split = _cells(text[line_start:line_end])
        roles = [i for i, c in enumerate(cells) if c.strip(' "').lower() in _ROLE_HEADERS]
        if len(cells) < 3 or not roles or not all(_LABEL.fullmatch(c.strip()) for c in cells):
            continue  # a line of prose or an address with commas, not a header
        start = line_end + 1
        for _ in range(_MAX_ROWS):
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
            row = text[start:end]
            if not row.strip() or set(row.strip()) <= set("-=+|: "):
                if not row.strip():
                    break
                start = end + 1
                continue
            for cell_start, cell_end in _cell_spans(row, split, len(cells), roles):
                match = _CELL_WORD.fullmatch(row, cell_start, cell_end)
                if match is not None and _surname(match.group("v"), lex, senses):
                    a, b = start + match.start("v"), start + match.end("v")
                    yield Redaction("name", a, b, text[a:b], label("name"))
            if end >= len(text):
                break
            start = end + 1


def _cells(line: str) -> tuple[list[str], str]:
    """The header's cells and how they were split: "," "|" "\t" or "  " (aligned)."""
    for sep in ("|", "\t", ","):
        if line.count(sep) >= 2:
            if sep == ",":
                return next(csv.reader([line])), sep
            return line.split(sep), sep
    return _SPACED.split(line.strip()), "  "


def _cell_spans(row: str, split: str, count: int, columns: list[int]) -> Iterator[tuple[int, int]]:
    """(start, end) in ``row`` of the cells at ``columns``, trimmed, where the row splits into
    ``count`` cells as its header does."""
    bounds: list[tuple[int, int]] = []
    if split == "  ":
        pos = len(row) - len(row.lstrip())
        for gap in _SPACED.finditer(row, pos):
            if gap.start() > pos:
                bounds.append((pos, gap.start()))
            pos = gap.end()
        if pos < len(row.rstrip()):
            bounds.append((pos, len(row.rstrip())))
    elif split == ",":
        pos, quoted = 0, False
        for i, ch in enumerate(row):
            if ch == '"':
                quoted = not quoted
            elif ch == "," and not quoted:
                bounds.append((pos, i))
                pos = i + 1
        bounds.append((pos, len(row)))
    else:
        pos = 0
        for i, ch in enumerate(row):
            if ch == split:
                bounds.append((pos, i))
                pos = i + 1
        bounds.append((pos, len(row)))
    if len(bounds) != count:
        return
    for column in columns:
        a, b = bounds[column]
        while a < b and row[a] in ' \t"':
            a += 1
        while b > a and row[b - 1] in ' \t"':
            b -= 1
        if a < b:
            yield a, b


def _surname(word: str, lex: Lexicon, senses: Mapping[str, object]) -> bool:
    """A cell's word that can be a person's name: capitalised, no role, title, day, team word,
    specialty or clinical abbreviation; a clinical word only where it is also a listed surname
    (an eponym: "Cushing")."""
    lower = word.lower()
    if not word[0].isupper() or len(lower) < 3 or lower.endswith(_SPECIALTY_ENDINGS):
        return False
    if lower in ROLES or lower in TITLES or lower in RELATIONS or lower in CALENDAR_WORDS:
        return False
    if lower in _NOT_NAMES or lower in CLINICAL_SHORT:
        return False
    if word.upper() in senses and lower not in lex.surnames:
        return False
    return not lex.clinical(lower) or lower in lex.surnames


# Cells under a role header that name no one.
_NOT_NAMES = frozenset(
    {
        "none", "nil", "n/a", "tbc", "tba", "unknown", "pending", "locum", "agency", "bank",
        "vacant", "various", "same", "team", "yes", "no", "on", "off", "call", "duty",
        "self", "family", "patient", "unassigned", "awaiting", "see", "above", "below",
    }
)  # fmt: skip
