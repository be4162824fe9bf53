"""Recognise medication names in text.

Two sources, because no bundled list can be complete: a lexicon of common generic names
(``resources/medications.txt``; a list, not a formulary) and the stems that pharmacology naming
conventions put at the end of generic names (-pril, -olol, -statin, -mab, -azole, ...).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from medlocal.paths import resources_dir

# USAN/INN stems that reliably end generic drug names.
DRUG_SUFFIXES = (
    "pril", "olol", "alol", "statin", "sartan", "mab", "azole", "cillin", "mycin", "floxacin",
    "dipine", "prazole", "tidine", "gliptin", "gliflozin", "glutide", "parin", "xaban", "gatran",
    "oxetine", "triptan", "vir", "tinib", "afil", "lukast", "terol", "sone", "olone", "cycline",
    "azepam", "azolam", "barbital", "caine", "dronate", "glitazone", "setron", "zosin", "thiazide",
    "semide", "profen", "coxib", "triptyline", "peridone", "apine", "tiapine", "conazole",
    "penem", "platin", "rubicin", "trexate",
)  # fmt: skip
# English words that happen to end like a drug stem.
_NOT_DRUGS = frozenset({"cholesterol", "sterol", "alpine", "reason", "season", "lesson"})
_WORD = re.compile(r"[A-Za-z][A-Za-z\-]{3,}")


class MedicationLexicon:
    def __init__(self, names: set[str], suffixes: tuple[str, ...] = DRUG_SUFFIXES) -> None:
        self.names = frozenset(n.lower() for n in names)
        self.suffixes = suffixes

    @classmethod
    def from_file(cls, path: Path) -> MedicationLexicon:
        names = {
            line.strip().lower()
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.lstrip().startswith("#")
        }
        return cls(names)

    def is_medication(self, word: str) -> bool:
        w = word.lower().strip("-")
        if w in self.names:
            return True
        if len(w) < 6 or w in _NOT_DRUGS:
            return False
        # Cephalosporins share a prefix rather than a suffix (cefazolin, ceftriaxone).
        return w.endswith(self.suffixes) or w.startswith("cef")

    def find(self, text: str) -> list[str]:
        """Medication names in ``text``, lower-cased, in order, without duplicates."""
        found: dict[str, None] = {}
        for match in _WORD.finditer(text):
            word = match.group().lower().strip("-")
            if self.is_medication(word):
                found.setdefault(word, None)
        return list(found)


def mentions(text: str, name: str) -> bool:
    return re.search(rf"(?<![A-Za-z]){re.escape(name)}(?![A-Za-z])", text, re.I) is not None


@lru_cache(maxsize=1)
def default_lexicon() -> MedicationLexicon:
    return MedicationLexicon.from_file(resources_dir() / "medications.txt")
