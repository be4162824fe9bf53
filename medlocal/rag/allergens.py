"""Allergens that are not single drugs: drug classes ("penicillins", "NSAIDs"), contrast media,
foods, latex and dressings, insect stings (resources/allergens.txt, written for MedLocal).

A clinician's record lists them under "Allergies" beside the drugs of the medication lexicon,
and they matter as much: the allergy checks (rag/checks/allergies.py) read both through
:class:`AllergyVocabulary`, so one set of sentence, heading and negation rules serves each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from medlocal.fsutil import shown_name
from medlocal.paths import resource_entries, resources_dir
from medlocal.rag.medications import MedicationLexicon

# Categories that are medicines: "NKDA" (no known DRUG allergies) speaks of them, not of latex
# or peanuts.
MEDICINE_CATEGORIES = frozenset({"drug class", "contrast"})
# Words that, right after any allergen, make it none: "latex-free gloves", "egg-shaped", "nut
# free diet", "latex-based".
_NEVER_AFTER = frozenset({"free", "shaped", "like", "based"})
# A sentence naming coeliac disease talks of diet: wheat there is not an allergy (coeliac
# disease is autoimmune; a gluten-free diet is no allergy list).
_COELIAC = re.compile(r"\b(?:coeliac|celiac)\b", re.IGNORECASE)
_NEXT_WORD = re.compile(r"\s*-?\s*([A-Za-z]+)")
# A word as the spellings' first words are split ("cow's", "x" of "x-ray").
_WORD = re.compile(r"\w[\w']*")


@dataclass(frozen=True)
class Allergen:
    name: str
    category: str
    not_before: frozenset[str]

    @property
    def is_medicine(self) -> bool:
        return self.category in MEDICINE_CATEGORIES


def _key(text: str) -> str:
    """``text`` lower-cased with runs of spaces and hyphens as one space ("Shell-fish")."""
    return re.sub(r"[\s\-]+", " ", text.lower()).strip()


class AllergenLexicon:
    """The allergens of resources/allergens.txt, found in text by any of their spellings."""

    def __init__(self, allergens: dict[str, Allergen]) -> None:
        # Spelling (as _key writes it) -> allergen.
        self.by_spelling = allergens
        self.by_name = {a.name: a for a in allergens.values()}
        # The spellings by their first word, longest first ("tree nuts" before "tree"): a
        # pattern is tried only where a word starts that begins a spelling, which is one pass
        # over the words instead of a long alternation at every character.
        grouped: dict[str, list[str]] = {}
        for spelling in sorted(allergens, key=len, reverse=True):
            grouped.setdefault(spelling.split()[0], []).append(spelling)
        self._patterns = {
            first: re.compile(
                "(?:"
                + "|".join(r"(?:\s+|-)".join(map(re.escape, s.split())) for s in spellings)
                + r")(?![\w])",
                re.IGNORECASE,
            )
            for first, spellings in grouped.items()
        }

    @classmethod
    def from_file(cls, path: Path) -> AllergenLexicon:
        """Lines "category<TAB>name|spelling|...[<TAB>word|word]" (see the file's header)."""
        allergens: dict[str, Allergen] = {}
        for number, line in enumerate(resource_entries(path), 1):
            fields = line.split("\t")
            if len(fields) not in (2, 3) or not fields[1].strip():
                raise ValueError(
                    f"{shown_name(path.name)}: entry {number} {line!r} is not"
                    " 'category<TAB>name|spelling|...[<TAB>word|word]'"
                )
            category, names = fields[0].strip(), [n for n in fields[1].split("|") if n.strip()]
            not_before = frozenset(
                w.strip().lower() for w in (fields[2] if len(fields) == 3 else "").split("|")
            ) - {""}
            allergen = Allergen(names[0].strip(), category, not_before)
            for spelling in names:
                allergens[_key(spelling)] = allergen
        return cls(allergens)

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, allergen name) of each allergen ``text`` names, not as part of another
        word ("povidone-iodine"), not "latex-free" or "fish oil"."""
        found: list[tuple[int, int, str]] = []
        end = 0
        for word in _WORD.finditer(text):
            at = word.start()
            pattern = self._patterns.get(word.group().lower())
            if at < end or pattern is None:
                continue
            if at and (text[at - 1] == "-" or text[at - 1].isalnum()):
                continue  # part of another word: "povidone-iodine", "non-latex"
            match = pattern.match(text, at)
            if match is None:
                continue
            end = match.end()
            allergen = self.by_spelling[_key(match.group())]
            after = _NEXT_WORD.match(text, match.end())
            if after and after.group(1).lower() in (_NEVER_AFTER | allergen.not_before):
                continue
            if allergen.category == "food" and _COELIAC.search(_sentence_at(text, match.start())):
                continue
            found.append((match.start(), match.end(), allergen.name))
        return found

    def allergen(self, name: str) -> Allergen | None:
        return self.by_name.get(name)


def _sentence_at(text: str, at: int) -> str:
    start = max(text.rfind(".", 0, at), text.rfind("\n", 0, at)) + 1
    ends = [e for e in (text.find(".", at), text.find("\n", at)) if e >= 0]
    return text[start : min(ends) if ends else len(text)]


@lru_cache(maxsize=1)
def default_allergens() -> AllergenLexicon:
    return AllergenLexicon.from_file(resources_dir() / "allergens.txt")


def _singular(name: str) -> str:
    return name[:-1] if name.endswith("s") and not name.endswith("ss") else name


class AllergyVocabulary:
    """What an allergy list names: the drugs of ``lexicon`` and the allergens of ``allergens``.
    A drug's name comes from the lexicon (lower-cased), an allergen's from its first spelling
    ("NSAIDs", "latex"); a name both know is the drug's, unless the allergen's spelling is longer
    ("penicillin antibiotics" is the class "penicillins")."""

    def __init__(self, lexicon: MedicationLexicon, allergens: AllergenLexicon) -> None:
        self.lexicon = lexicon
        self.allergens = allergens

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        drugs = self.lexicon.spans(text)
        extra = self.allergens.spans(text)
        kept = [
            d
            for d in drugs
            if not any(s <= d[0] and d[1] <= e and e - s > d[1] - d[0] for s, e, _ in extra)
        ]
        kept += [a for a in extra if not any(s < a[1] and a[0] < e for s, e, _ in kept)]
        return sorted(kept)

    def is_medicine(self, name: str) -> bool:
        """Whether ``name`` is a drug or a medicine class: what "NKDA" speaks of."""
        allergen = self.allergens.allergen(name)
        return allergen.is_medicine if allergen else True

    def same(self, a: str, b: str) -> bool:
        """Whether two names are one allergen: the same drug, the same allergen, or a class and
        its singular ("penicillins", "penicillin")."""
        if a.lower() == b.lower() or _singular(a.lower()) == _singular(b.lower()):
            return True
        if self.allergens.allergen(a) or self.allergens.allergen(b):
            return False
        return self.lexicon.same_drug(a, b)

    def supported(self, evidence: str, name: str) -> bool:
        """Whether ``evidence`` names ``name`` (any of its spellings, or another name of it)."""
        if self.allergens.allergen(name) is None and self.lexicon.supported(evidence, name):
            return True
        return any(self.same(name, other) for _, _, other in self.spans(evidence))


def allergy_vocabulary(lexicon: MedicationLexicon) -> AllergyVocabulary:
    return AllergyVocabulary(lexicon, default_allergens())
