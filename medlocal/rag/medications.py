"""Recognise medication names in text and tell which names are the same drug.

Four sources, because no bundled list can be complete:
* ``resources/drug_names.txt``: about 23,000 brand and generic names with their generic
  (canonical) names, generated from the maintained dictionary of the drug-named-entity-recognition
  project (DrugBank, MeSH, MedlinePlus, NHS, Wikipedia; see tools/build_drug_names.py and
  resources/NOTICES.txt). "Plavix" and "clopidogrel" are one drug; "Effient" is another.
* ``resources/drug_brands.txt``: U.S. brand names with their generics from the FDA's NDC
  Directory and UNII Names list (tools/build_fda_drugs.py), which has the combination brands the
  first dictionary lacks (Augmentin, Norco, Zosyn, Percocet).
* ``resources/medications.txt``: common generic names, and the few "brand = generic" lines
  neither dictionary has (short forms such as "vanco", "KCl").
* the stems that pharmacology naming conventions put at the end of generic names (-pril, -olol,
  -statin, -mab, -azole, ...), for names in neither list.
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache
from pathlib import Path

from medlocal.folding import fold_letters
from medlocal.measured_things import names_in_full
from medlocal.paths import resource_entries, resources_dir

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
# Letters first; digits may follow, as in a chemical formula ("MgSO4"). Three letters are
# enough: the only three-letter names are the initialisms resources/medications.txt lists ("MTX",
# "PCN", "KCl"); the generated dictionaries hold none, and the stems need six.
# Letters with accents too: "Paracétamol", "Lévothyroxine" (walk 47b D7: cut at the "é").
_WORD = re.compile(r"[^\W\d_](?:[^\W_]|-){2,}")
# A generic name as German, Spanish, French, Italian and the Nordic languages spell it
# ("Amlodipin", "Levotiroxina", "Paracétamol", "Ibuprofeno", "Espironolactona", "Amoxicilline"):
# the same INN with the language's own letters and ending. Both it and the English name are
# read to one key: accents folded, the letters that differ by language made one (th and t,
# ph and f, y and i, k and c, a double consonant single), a final vowel dropped, and Spanish's
# "es" before an "s" and a consonant dropped. The key must be an English generic's on the
# lists; the word must be long enough to be no English word that happens to share it.
_SPELLING = (("ph", "f"), ("th", "t"), ("y", "i"), ("k", "c"), ("ae", "e"), ("oe", "e"))
_DOUBLE = re.compile(r"([b-df-hj-np-tv-z])\1")
_SPANISH_ES = re.compile(r"^es(?=s[b-df-hj-np-tv-z])")
_FINAL_VOWEL = re.compile(r"(?<=[b-df-hj-np-tv-z])[aeo]$")
_MIN_FOREIGN = 7  # letters of a foreign spelling read so ("Amlodipin", "Metformina")


class MedicationLexicon:
    def __init__(
        self,
        names: set[str],
        suffixes: tuple[str, ...] = DRUG_SUFFIXES,
        canonical: dict[str, frozenset[str]] | None = None,
    ) -> None:
        self.canonical_of = {k.lower(): v for k, v in (canonical or {}).items()}
        self.names = frozenset({n.lower() for n in names} | set(self.canonical_of))
        self.suffixes = suffixes

    @classmethod
    def from_file(cls, path: Path, *dictionaries: Path) -> MedicationLexicon:
        """Names from ``path`` ("name" or "brand = generic[|generic]" lines) and the generated
        ``dictionaries`` ("variant<TAB>canonical[|canonical][<TAB>...]" lines); a name in
        several stands for the generics of all of them."""
        names: set[str] = set()
        canonical: dict[str, frozenset[str]] = {}
        for dictionary in dictionaries:
            for line in resource_entries(dictionary):
                variant, targets = [*line.split("\t"), ""][:2]
                generics = frozenset(targets.split("|")) if targets else frozenset()
                key = variant.lower()
                canonical[key] = canonical.get(key, frozenset()) | generics
        for line in resource_entries(path):
            name, sep, targets = (part.strip() for part in line.lower().partition("="))
            names.add(name)
            if sep:
                canonical[name] = frozenset(t.strip() for t in targets.split("|"))
        return cls(names, canonical=canonical)

    @cached_property
    def _generics_by_key(self) -> dict[str, frozenset[str]]:
        """The English generics (names the lists map others to, and the hand list's) by their
        spelling key (see ``_SPELLING``)."""
        generics = {g for targets in self.canonical_of.values() for g in targets} & self.names
        generics |= {n for n in self.names if n not in self.canonical_of}
        by_key: dict[str, set[str]] = {}
        for name in generics:
            if name.isalpha():
                by_key.setdefault(spelling_key(name), set()).add(name)
        return {key: frozenset(names) for key, names in by_key.items()}

    def prepare(self) -> None:
        """Build the spelling index now (0.1-0.7 s of pure Python, holding the GIL in turns
        with the window's thread). Built lazily, it came with the first answer's checks, when
        the window's first answer stalled 0.5-0.7 s near its end (walk 50a D7); the start-up
        warm-up builds it instead, before any question."""
        _ = self._generics_by_key

    def english_generics(self, word: str) -> frozenset[str]:
        """The English generic(s) a foreign spelling of an INN stands for ("amlodipin":
        {"amlodipine"}); none for a name the lists hold as written, or for a word that is no
        such spelling."""
        w = word.lower()
        if w in self.names or len(w) < _MIN_FOREIGN or not w.isalpha():
            return frozenset()
        plain = fold_letters(w)
        if plain in self.names:  # "Paracétamol": the listed name with its accents
            return frozenset({plain})
        return self._generics_by_key.get(spelling_key(w), frozenset())

    def is_medication(self, word: str) -> bool:
        w = word.lower().strip("-")
        if w in self.names or self.english_generics(w):
            return True
        if "-" in w:  # "amoxicillin-clavulanate": a combination of two known drugs
            parts = [p for p in w.split("-") if p]
            return len(parts) > 1 and all(self.is_medication(p) for p in parts)
        if len(w) < 6 or w in _NOT_DRUGS:
            return False
        # Cephalosporins share a prefix rather than a suffix (cefazolin, ceftriaxone).
        return w.endswith(self.suffixes) or w.startswith("cef")

    def generics(self, name: str) -> frozenset[str]:
        """The generic names ``name`` stands for: {"clopidogrel"} for "Plavix", both parts for
        "amoxicillin-clavulanate"; a name the dictionary does not map stands for itself."""
        w = name.lower().strip("-")
        if self.canonical_of.get(w):
            return self.canonical_of[w] | {w}
        foreign = self.english_generics(w)
        if foreign:
            return frozenset({w, *foreign}).union(*(self.canonical_of.get(g, ()) for g in foreign))
        if "-" in w and w not in self.names:
            return frozenset().union(*(self.generics(p) for p in w.split("-") if p))
        return frozenset({w})

    def same_drug(self, a: str, b: str) -> bool:
        """Whether two names share a generic ("Lantus" and "glargine": insulin glargine)."""
        ga, gb = self.generics(a), self.generics(b)
        if ga & gb:
            return True
        words_a = {w for g in ga for w in g.split()}
        words_b = {w for g in gb for w in g.split()}
        return bool({a.lower()} & words_b or {b.lower()} & words_a)

    def find(self, text: str) -> list[str]:
        """Medication names in ``text``, lower-cased, in order, without duplicates."""
        return list(dict.fromkeys(name for _, _, name in self.spans(text)))

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, lower-cased name) of every medication name in ``text``."""
        found: list[tuple[int, int, str]] = []
        for match in _WORD.finditer(text):
            word = match.group().lower().strip("-")
            if self.is_medication(word):
                found.append((match.start(), match.end(), word))
            elif "-" in word:  # "clopidogrel-induced": the known part alone
                offset = match.start()
                for part in match.group().split("-"):
                    if len(part) > 3 and self.is_medication(part):
                        found.append((offset, offset + len(part), part.lower()))
                    offset += len(part) + 1
        return found

    def supported(self, evidence: str, name: str) -> bool:
        """``name`` or another name of the same drug appears in ``evidence`` (a drug that is a
        blood test's ion as well by the test's name in another language: "Kalium" for
        potassium)."""
        if mentions(evidence, name) or _clipped_combination(evidence, name):
            return True
        if names_in_full(evidence, name):
            return True
        return any(self.same_drug(name, other) for other in self.find(evidence))


def spelling_key(word: str) -> str:
    """The key two spellings of one INN share (see ``_SPELLING``): "levotiroxin" for
    "Levotiroxina", "Lévothyroxine" and "levothyroxine"."""
    key = fold_letters(word)
    for written, common in _SPELLING:
        key = key.replace(written, common)
    key = _DOUBLE.sub(r"\1", key)
    key = _SPANISH_ES.sub("", key)
    return _FINAL_VOWEL.sub("", key)


# A combination's parts clipped, as ward notes write them: "pip-tazo" is piperacillin-tazobactam,
# "amox/clav" amoxicillin/clavulanate, "tmp-smx" is not (no part starts the name's own).
_CLIPPED_PAIR = re.compile(r"(?<![A-Za-z])([A-Za-z]{3,})\s?[-/]\s?([A-Za-z]{3,})(?![A-Za-z])")


def _clipped_combination(evidence: str, name: str) -> bool:
    """Whether ``evidence`` writes the two-part combination ``name`` with each part cut short."""
    parts = re.split(r"\s*[-/]\s*|\s+", name.lower())
    if len(parts) != 2:
        return False
    return any(
        parts[0].startswith(m.group(1).lower()) and parts[1].startswith(m.group(2).lower())
        for m in _CLIPPED_PAIR.finditer(evidence)
    )


def mentions(text: str, name: str) -> bool:
    # A name of several words ("insulin glargine") may wrap onto the next line.
    pattern = r"\s+".join(re.escape(word) for word in name.split())
    return re.search(rf"(?<![^\W\d_]){pattern}(?![^\W\d_])", text, re.I) is not None


@lru_cache(maxsize=1)
def default_lexicon() -> MedicationLexicon:
    folder = resources_dir()
    return MedicationLexicon.from_file(
        folder / "medications.txt", folder / "drug_names.txt", folder / "drug_brands.txt"
    )
