"""Drug names and drug classes for the exact-word search: which other words a query means.

A question names a class ("which oral antibiotic", "is she on a statin") or a brand while the
passage names the drug ("Augmentin 875-125 mg", "atorvastatin 80 mg"): neither the embedder nor
bm25 connects them. :func:`query_expansion` returns the names to add to the lexical query: a
brand's generics and a generic's brands (synonyms of a word the question has), and a class's
member drugs with each one's best-known brand (which the search ranks on their own).

Everything comes from generated dictionaries in ``resources/`` (no hand lists here):

* ``drug_classes.txt``: FDA pharmacologic classes and MeSH pharmacological-action terms ->
  member generics, most-listed first (tools/build_fda_drugs.py);
* ``drug_brands.txt``: FDA brand names -> generics, with how many NDC listings each has, which
  orders a generic's brands (tools/build_fda_drugs.py); its unlisted (count 0) names include a
  generic's international and British names ("salbutamol" for albuterol, "frusemide" for
  furosemide), which :func:`other_names` picks out so that either name finds the other;
* ``drug_names.txt``: the drug-named-entity-recognition dictionary, name -> generic
  (tools/build_drug_names.py), for brands the FDA files lack (non-U.S. brands such as Clexane);
* the few "name = generic" lines ``medications.txt`` still keeps by hand (short forms);
* ``drug_class_aliases.txt``: the names clinicians and patients give classes that the FDA and
  MeSH names do not spell so ("beta blocker", "blood thinner", "water tablet"), each pointing at
  classes of ``drug_classes.txt`` (a short hand list: no generated source has them).

An "anti-" class is also found without its generic head word ("agent, antiplatelet" answers
"antiplatelet", "agents, antifungal" answers "antifungal").

The expansion is bounded (:data:`MAX_TERMS`), so a query stays as fast as a longer question.
:func:`query_expansion` also carries clinical abbreviations both ways ("MI" <-> "myocardial
infarction", :mod:`medlocal.abbreviations`) and the words notes use for a few concepts
("gestation", "LMP" for "pregnant": :mod:`medlocal.concepts`) among the synonyms. This module
sits below the vault (it needs only the resources folder) so that every search, the CLI's, the
chat's and the benchmark's, expands the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from itertools import pairwise
from pathlib import Path

from medlocal.abbreviations import abbreviation_terms
from medlocal.built_once import built_once
from medlocal.concepts import search_words
from medlocal.paths import resource_entries, resources_dir

MAX_TERMS = 32  # added names per query, all sources together
CLASS_MEMBERS = 12  # most-listed members of one class named in the query
BRANDS_PER_GENERIC = 6  # most-listed brands of one generic named in the query
OTHER_NAMES_PER_GENERIC = 3  # international/British names of one generic (most have one)
# How alike a generic and an unlisted name of it must be to count as its other spelling
# ("frusemide" 0.84, "lignocaine" 0.84, "amoxycillin" 0.96 against "furosemide", "lidocaine",
# "amoxicillin"; foreign brands such as "aerolin" for albuterol stay well below, and a clipped
# "profen" for ibuprofen, 0.80, is no name of it).
_SPELLING_RATIO = 0.82
_MAX_CLASS_WORDS = 6
# Head words that name no class of their own ("agent, antiplatelet" is the antiplatelet class).
_GENERIC_CLASS_WORDS = frozenset({"agent", "drug", "compound", "medication", "medicine"})
_TOKEN = re.compile(r"[a-z0-9]+")


def fold(word: str) -> str:
    """One form for singular and plural ("statins" -> "statin"), for class-name matching."""
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def class_tokens(text: str) -> tuple[str, ...]:
    """Folded words of a class name or a query; "anti-coagulant" and "anticoagulants" agree."""
    joined = re.sub(r"\banti-", "anti", text.lower())
    return tuple(fold(t) for t in _TOKEN.findall(joined))


@dataclass(frozen=True)
class DrugVocabulary:
    generics_of: dict[str, frozenset[str]]  # brand or other name -> generic names
    brands_of: dict[str, tuple[str, ...]]  # generic -> FDA brands, most-listed first
    classes: dict[tuple[str, ...], tuple[str, ...]]  # folded class words -> member generics
    # generic -> its international/British names ("albuterol" -> "salbutamol"), see other_names
    other_names_of: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # generic -> those of its other names a class search spends terms on (see class_names)
    class_names_of: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def from_folder(cls, folder: Path) -> DrugVocabulary:
        generics_of: dict[str, set[str]] = {}
        listed: dict[str, list[tuple[int, str]]] = {}
        unlisted: dict[str, list[str]] = {}  # generic -> its one-drug names with no NDC listing
        other: dict[str, list[str]] = {}  # generic -> other names a hand line gives it

        def add(name: str, generics: Iterable[str]) -> None:
            targets = {g for g in generics if g and g != name}
            if targets:
                generics_of.setdefault(name, set()).update(targets)

        nerd_names: set[str] = set()  # the names drug_names.txt knows (a second source)
        names = folder / "drug_names.txt"
        if names.exists():
            for line in resource_entries(names):
                variant, _, targets = line.partition("\t")
                add(variant.lower(), targets.lower().split("|"))
                nerd_names.add(variant.lower())
        brands = folder / "drug_brands.txt"
        if brands.exists():
            for line in resource_entries(brands):
                brand, targets, count = [*line.split("\t"), "", "0"][:3]
                generics = targets.lower().split("|")
                add(brand.lower(), generics)
                # Only names the NDC lists as products count as brands of their generic: the
                # UNII-only names (count 0) include foreign and former names.
                if int(count or 0) > 0:
                    for generic in generics:
                        listed.setdefault(generic, []).append((-int(count), brand.lower()))
                elif len(generics) == 1:
                    unlisted.setdefault(generics[0], []).append(brand.lower())
        hand = folder / "medications.txt"
        if hand.exists():
            for line in resource_entries(hand):
                name, sep, targets = (p.strip() for p in line.lower().partition("="))
                if sep:
                    generics = [t.strip() for t in targets.split("|")]
                    add(name, generics)
                    # "gtn = nitroglycerin|glyceryl trinitrate": a target no dictionary knows
                    # beside one they do is that drug's other name, not a combination's part
                    # ("septra = trimethoprim|sulfamethoxazole" names two known drugs).
                    known = [g for g in generics if g in listed or g in unlisted]
                    if len(known) == 1:
                        names_of = [g for g in generics if g not in known]
                        other.setdefault(known[0], []).extend(names_of)
                        for alias in names_of:
                            add(alias, known)
                    for generic in generics:
                        listed.setdefault(generic, []).append((0, name))
        classes: dict[tuple[str, ...], tuple[str, ...]] = {}
        drug_classes = folder / "drug_classes.txt"
        if drug_classes.exists():
            for line in resource_entries(drug_classes):
                name, _, members = line.partition("\t")
                key = class_tokens(name)
                if not key or len(key) > _MAX_CLASS_WORDS:
                    continue
                these = tuple(m for m in members.split("|") if m)
                _merge_class(classes, key, these)
                bare = tuple(t for t in key if t not in _GENERIC_CLASS_WORDS)
                # Only an "anti-" class: "agents, gastrointestinal" read as "gastrointestinal"
                # would bring drugs into every question about a gastrointestinal bleed.
                if bare and bare != key and bare[0].startswith("anti"):
                    _merge_class(classes, bare, these)
        aliases = folder / "drug_class_aliases.txt"
        if aliases.exists():
            for alias, meant in class_aliases(aliases):
                for name in meant:
                    _merge_class(classes, class_tokens(alias), classes.get(class_tokens(name), ()))
        every_name = frozenset(generics_of)  # built once: per generic it was most of the load
        hand_names = {g: tuple(v) for g, v in other.items()}
        several = _several_member_classes(classes)
        for generic, candidates in unlisted.items():
            found = other_names(generic, candidates, every_name, several)
            other[generic] = [*other.get(generic, ()), *found]
        other_names_of = {
            g: tuple(dict.fromkeys(v))[:OTHER_NAMES_PER_GENERIC] for g, v in other.items() if v
        }
        return cls(
            {k: frozenset(v) for k, v in generics_of.items()},
            {g: tuple(b for _, b in sorted(v)) for g, v in listed.items()},
            classes,
            other_names_of,
            {
                g: kept
                for g, v in other_names_of.items()
                if (kept := class_names(g, v, hand_names.get(g, ()), every_name, nerd_names))
            },
        )

    def class_members(self, query: str) -> list[tuple[str, ...]]:
        """Members of each class the query names, longest class names first ("loop
        diuretics" is the loop class, not every diuretic)."""
        return [members for _, members in self.named_classes(query)]

    def named_classes(self, text: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
        """(folded class words, member generics) of each class ``text`` names, longest class
        names first."""
        tokens = class_tokens(text)
        taken = [False] * len(tokens)
        found: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
        for size in range(min(_MAX_CLASS_WORDS, len(tokens)), 0, -1):
            for start in range(len(tokens) - size + 1):
                if any(taken[start : start + size]):
                    continue
                key = tokens[start : start + size]
                members = self.classes.get(key)
                if members:
                    found.append((key, members))
                    taken[start : start + size] = [True] * size
        return found

    def exemplified_class_words(self, text: str, evidence: str) -> frozenset[str]:
        """Folded words of the classes ``text`` names ("beta blocker") of which ``evidence``
        names a member drug, by its generic or a brand ("Bisoprolol 2.5 mg"): a sentence that
        says the class is carried by a passage that names the drug."""
        words: set[str] = set()
        lower = evidence.lower()
        for key, members in self.named_classes(text):
            names = (
                n
                for m in members
                for n in (m, *self.other_names_of.get(m, ()), *self.brands_of.get(m, ()))
            )
            if any(re.search(rf"\b{re.escape(n)}\b", lower) for n in names):
                words.update(key)
        return frozenset(words)

    def counterparts(self, word: str) -> list[str]:
        """Other names of the drug ``word`` names: a brand's generics, a generic's
        international/British names and brands ("albuterol": salbutamol, Ventolin; "salbutamol":
        albuterol, Ventolin)."""
        w = word.lower().strip("-")
        if self._names_a_class(w):
            # A class's name is no drug's other name, whatever a dictionary maps it to
            # ("sulfonamide" -> sulfanilamide, review 43 D7): its members come as the class's.
            return []
        out = sorted(self.generics_of.get(w, ()))
        out += [n for n in self.other_names_of.get(w, ()) if n not in out]
        out += [b for b in self.brands_of.get(w, ())[:BRANDS_PER_GENERIC] if b not in out]
        for generic in self.generics_of.get(w, ()):
            out += [n for n in self.other_names_of.get(generic, ()) if n != w]
            # "Tylenol" -> acetaminophen -> "Panadol": a brand asks for its generic's other
            # brands too, since a note may use any of them.
            out += [b for b in self.brands_of.get(generic, ())[:BRANDS_PER_GENERIC] if b != w]
        return list(dict.fromkeys(out))

    def _names_a_class(self, word: str) -> bool:
        members = self.classes.get(class_tokens(word))
        return members is not None and len(members) >= _SEVERAL_MEMBERS

    def expansion(self, query: str, limit: int = MAX_TERMS) -> Expansion:
        """Names to add to the exact-word query: empty when the query names no drug or class."""
        asked = set(_TOKEN.findall(query.lower()))
        words = [w.strip("-") for w in re.findall(r"[A-Za-z][A-Za-z\-]{2,}", query)]
        drugs: list[str] = []
        # A two-word name ("glyceryl trinitrate") is looked up as one too.
        for pair in (f"{a} {b}" for a, b in pairwise(words)):
            drugs += self.counterparts(pair)
        for word in words:
            drugs += self.counterparts(word)
            if "-" in word:  # "amoxicillin-clavulanate": each part's names
                for part in word.split("-"):
                    drugs += self.counterparts(part)
        # Members are interleaved across the named classes so that every class gets its most
        # common drugs in before the bound.
        members = self.class_members(query)
        interleaved: list[str] = []
        for generic in (g[i] for i in range(CLASS_MEMBERS) for g in members if i < len(g)):
            # A note names the drug by its generic or its best-known brand ("Augmentin" is
            # the antibiotic of "which oral antibiotic"): the most-listed brand comes along.
            # Its international/British name too: "which bronchodilator" is answered by
            # "salbutamol 100 micrograms" (walk 43: "Not found").
            # Only names fit to spend the bounded terms on (review 43 D7: "hydrochlorothiaizide"
            # took a thiazide's place), see class_names.
            interleaved += [
                generic,
                *self.class_names_of.get(generic, ()),
                *self.brands_of.get(generic, ())[:1],
            ]
        seen = set(asked)
        synonyms = _bounded(drugs, seen, limit)
        return Expansion(synonyms, _bounded(interleaved, seen, limit - len(synonyms)))


def other_names(
    generic: str,
    candidates: Iterable[str],
    names: AbstractSet[str],
    class_keys: AbstractSet[tuple[str, ...]] = frozenset(),
) -> list[str]:
    """The international and British names of ``generic`` among ``candidates``, its unlisted
    names in drug_brands.txt (which mix those with foreign and former brands): a name whose
    Latin INN form is listed too ("salbutamol": "salbutamolum"; "pethidine": "pethidinum"), or
    another spelling of the generic ("frusemide", "lignocaine", "amoxycillin"). Not a Latin
    form itself ("furosemidum"), nor a name holding the generic's word ("filgrastim-sndz"),
    which search finds by that word already, nor a class's name (``class_keys``: "sulfonamide"
    is listed for sulfanilamide, review 43 D7). Latin-attested names first, then the closest
    spellings."""

    def known(name: str) -> bool:
        return name == generic or name in names

    def latin(name: str) -> bool:
        return name.endswith("um") and (known(name[:-2]) or known(f"{name[:-2]}e"))

    def has_latin(name: str) -> bool:
        return known(f"{name}um") or (name.endswith("e") and known(f"{name[:-1]}um"))

    scored: list[tuple[int, float, str]] = []
    for name in candidates:
        if name == generic or latin(name) or class_tokens(name) in class_keys:
            continue
        if re.search(rf"(?<![a-z]){re.escape(generic)}(?![a-z])", name):
            continue
        ratio = SequenceMatcher(None, name, generic).ratio()
        if has_latin(name) or ratio >= _SPELLING_RATIO:
            scored.append((0 if has_latin(name) else 1, -ratio, name))
    return [name for _, _, name in sorted(scored)]


# A class of this many members or more is a class, not one drug's other name ("glycerol" is a
# class of glycerin alone and stays glycerin's name).
_SEVERAL_MEMBERS = 2


def _several_member_classes(
    classes: dict[tuple[str, ...], tuple[str, ...]],
) -> frozenset[tuple[str, ...]]:
    return frozenset(k for k, m in classes.items() if len(m) >= _SEVERAL_MEMBERS)


def class_names(
    generic: str,
    found: Iterable[str],
    hand: Iterable[str],
    names: AbstractSet[str],
    second_source: AbstractSet[str],
) -> tuple[str, ...]:
    """Those of ``generic``'s other names (``found``) a class search spends its bounded terms on:
    a hand line's (``hand``), or one with a Latin INN form ("salbutamol") or that a second
    dictionary knows too (``second_source``, drug_names.txt: "frusemide", "lignocaine"), more
    than one letter's edit from the generic. The rest are, most of them, a
    product list's misspellings ("hydrochlorothiaizide", "aprednislon", "damitriptyline") or a
    letter's variant ("hydrocodon", "amoxicilline") that take a member's place (review 43 D7);
    a question naming the drug still gets them as its synonyms."""
    own = set(hand)

    def kept(name: str) -> bool:
        if name in own:
            return True
        latin = f"{name}um" in names or (name.endswith("e") and f"{name[:-1]}um" in names)
        # One letter's edit is a variant whatever attests it: "hydrocodon" + "um" is the
        # Latin of hydrocodone itself, not of another name.
        return (latin or name in second_source) and not _one_edit(name, generic)

    return tuple(n for n in found if kept(n))


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one letter inserted, dropped, changed or two swapped."""
    if len(a) == len(b):
        diffs = [k for k in range(len(a)) if a[k] != b[k]]
        return len(diffs) == 1 or (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and (a[diffs[0]], a[diffs[1]]) == (b[diffs[1]], b[diffs[0]])
        )
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    if len(longer) - len(shorter) != 1:
        return False
    i = 0
    while i < len(shorter) and longer[i] == shorter[i]:
        i += 1
    return longer[i + 1 :] == shorter[i:]


def _merge_class(
    classes: dict[tuple[str, ...], tuple[str, ...]], key: tuple[str, ...], these: tuple[str, ...]
) -> None:
    """Add ``these`` members under ``key``. Several names fold to one key ("anti-coagulant", the
    FDA class, and "anticoagulants", the MeSH term with its narrower classes): the longer list
    leads, the other's further members follow."""
    if not these:
        return
    first, second = sorted((these, classes.get(key, ())), key=len, reverse=True)
    classes[key] = tuple(dict.fromkeys(first + second))


def class_aliases(path: Path) -> list[tuple[str, list[str]]]:
    """The ``alias = class | class`` lines of ``drug_class_aliases.txt``."""
    out: list[tuple[str, list[str]]] = []
    for line in resource_entries(path):
        alias, sep, targets = line.partition("=")
        if sep:
            out.append((alias.strip(), [t.strip() for t in targets.split("|") if t.strip()]))
    return out


def _bounded(names: list[str], seen: set[str], limit: int) -> list[str]:
    out: list[str] = []
    for name in names:
        if len(out) >= limit:
            break
        if name not in seen:
            seen.add(name)
            out.append(name)
    return out


@dataclass(frozen=True)
class Expansion:
    """What a query means besides its own words, in two kinds that rank differently.

    ``synonyms``: other names of a drug the query names (a brand's generic, a generic's
    brands): the same thing in other words, so they join the query's own words.
    ``members``: drugs of a class the query names: notes name the drug, almost never its class,
    so these rank passages on their own (one more ranking in the fusion).
    """

    synonyms: list[str]
    members: list[str]

    def __bool__(self) -> bool:
        return bool(self.synonyms or self.members)

    def names(self) -> list[str]:
        return self.synonyms + self.members


@built_once
def default_vocabulary() -> DrugVocabulary:
    return DrugVocabulary.from_folder(resources_dir())


def query_expansion(query: str, *, abbreviations: bool = True) -> Expansion:
    """Drug names and abbreviation senses that ``query`` means but may not say (see the module
    docstring); ``abbreviations=False`` leaves the abbreviations out. At most :data:`MAX_TERMS`
    added names in all, the abbreviations' (at most 8) taken first."""
    terms = abbreviation_terms(query) if abbreviations else []
    # The words notes use for a concept the query asks about in others ("pregnant": gestation,
    # LMP, hCG; medlocal/concepts.py): bm25 finds those passages too.
    terms += [w for w in search_words(query) if w not in terms]
    drugs = default_vocabulary().expansion(query, MAX_TERMS - len(terms))
    synonyms = drugs.synonyms + [t for t in terms if t not in drugs.synonyms]
    return Expansion(synonyms, [m for m in drugs.members if m not in synonyms])
