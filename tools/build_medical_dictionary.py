"""Build resources/deid_medical_dictionary.txt, the words of two maintained medical spelling
dictionaries that no other list of the lexicon knows: brands and devices sold in many countries,
organisms, Latin anatomy and German clinical words.

    cd /tmp/meddict && apt-get download hunspell-en-med hunspell-de-med
    pip download --no-deps faker==40.54.0 -d /tmp/meddict
    python tools/build_medical_dictionary.py /tmp/meddict/faker-40.54.0-py3-none-any.whl \
        /tmp/meddict/hunspell-en-med_*.deb /tmp/meddict/hunspell-de-med_*.deb

Sources (Debian packages, read at build time only; the list is committed; licences in
resources/deid_NOTICES.txt):

* hunspell-en-med 0.0.20140410 (OpenMedSpel by R. Robinson of e-MedTools, MTH-Med-Spel-Chek by
  Rajasekharan N., hunspell-en-med-glut by Aristotelis P.; GPL-3+): about 90,000 English
  medical words, brands and device names;
* hunspell-de-med 20220425 (medicalterms by Dr. Tobias Quathamer; GPL-3+): about 10,000 German
  medical words.

Issue 16 (session 56): capitalised clinical words no list held ("Xience", "Coloplast",
"Herzkatheter", "Dekubitus") were read by the word scan as names. What is written:

* single words of letters, four or more, with a small letter (an acronym is read as one by the
  lexicon itself); of the English dictionary only its capitalised entries (brands, devices,
  genera), of the German one every entry;
* never an eponym: an entry the English dictionary gives a possessive ("Kussmaul/M",
  "Davidoff/M", or a "hegar's" of its own) is a person's name, and is left out of both
  dictionaries' words;
* never a word the lexicon already knows, a given name, surname or place of its lists, a
  country, nationality, organisation, facility, street or region word (the filters
  tools/build_icd_terms.py applies), or a hyphenation of known words;
* never a given name, surname or place of any of Faker's locales (faker 40.54.0, MIT; read
  from its wheel at build time only, never shipped): the lexicon's name lists are those of
  English-speaking countries first, and the dictionaries' proper nouns hold "Conor", "Amélie",
  "Faure" and "Makati"; nor a word ending in a facility's kind of another language
  ("Universitätsklinikum", "Clínica");
* folded to lower-case ASCII, as the other lists are; a word of German written with an umlaut
  is written folded and, where it differs, with its umlaut as written ("hüftprotektor").

Where a word of this list stands right after a title, a relation, a role or a given name it is
still read as part of that name (deid_tokens.classify, as the foreign clinical words are).
"""

from __future__ import annotations

import ast
import io
import lzma
import re
import sys
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_icd_terms import _NOT_SAFE, _hyphenated_known, _listed, excluded_lists  # noqa: E402

from medlocal.privacy.deid_lexicon import build_lexicon, fold  # noqa: E402
from medlocal.privacy.deid_place_words import FACILITY_HEADS, WARD_KINDS  # noqa: E402

OUT = ROOT / "resources" / "deid_medical_dictionary.txt"
MIN_WORD = 4
# The dictionaries' files inside their packages, and how each is encoded.
_DICTIONARIES = (
    ("hunspell/en_med_glut.dic", "utf-8"),
    ("hunspell/de_med.dic", "iso-8859-1"),
)
_LETTERS = re.compile(r"[^\W\d_]+")


def deb_member(deb: Path, suffix: str) -> bytes | None:
    """The file of a Debian package's data archive whose path ends with ``suffix`` (a .deb is an
    ar archive holding data.tar.xz), or None."""
    raw = deb.read_bytes()
    if not raw.startswith(b"!<arch>\n"):
        raise SystemExit(f"{deb}: not a Debian package")
    at = 8
    while at + 60 <= len(raw):
        name = raw[at : at + 16].decode().strip().rstrip("/")
        size = int(raw[at + 48 : at + 58].decode().strip())
        body = raw[at + 60 : at + 60 + size]
        at += 60 + size + (size % 2)
        if not name.startswith("data.tar"):
            continue
        data = lzma.decompress(body) if name.endswith(".xz") else body
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            for member in tar.getmembers():
                if member.isfile() and member.name.endswith(suffix):
                    handle = tar.extractfile(member)
                    return handle.read() if handle else None
    return None


# The class attributes of Faker's person and address providers that hold names and places.
_FAKER_FIELDS = re.compile(
    r"(first_name|last_name|name|cit(y|ies)|town|village|state|count(y|ies)|province|region|lgus)"
)


def _literal_strings(node: ast.AST) -> list[str]:
    """The strings of a literal tuple, list, set or dict (its keys), or of an OrderedDict(...)
    call over pairs, as Faker writes its weighted names."""
    if isinstance(node, ast.Call) and node.args:
        node = node.args[0]
    if isinstance(node, ast.Dict):
        return [
            k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)
        ]
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        out: list[str] = []
        for elt in node.elts:
            if isinstance(elt, ast.Constant) and isinstance(elt.value, str):
                out.append(elt.value)
            elif isinstance(elt, ast.Tuple) and elt.elts and isinstance(elt.elts[0], ast.Constant):
                value = elt.elts[0].value
                if isinstance(value, str):
                    out.append(value)
        return out
    return []


def faker_names(wheel: Path) -> set[str]:
    """Given names, surnames and places of every locale of Faker (MIT), folded: read from the
    wheel's provider sources as literals (never imported), to leave them off the list. The
    name lists of MedLocal are English-speaking countries' first; Faker's hold "Conor",
    "Amélie", "Leyla" and "Faure", which the medical dictionary also holds."""
    words: set[str] = set()
    with zipfile.ZipFile(wheel) as bundle:
        for name in bundle.namelist():
            if not re.match(r"faker/providers/(person|address)/.+\.py$", name):
                continue
            tree = ast.parse(bundle.read(name).decode("utf-8"))
            for node in ast.walk(tree):
                # Faker writes some lists with a type ("unisex_last_names: Tuple[str, ...] =
                # (...)", pl_PL's 2,000 surnames): an annotated assignment is read too (review
                # 56b: "Gebauer", "Makar", "Utrata", "Wiktor" had stayed on the list).
                if isinstance(node, ast.Assign):
                    targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
                elif isinstance(node, ast.AnnAssign) and node.value is not None:
                    targets = [node.target.id] if isinstance(node.target, ast.Name) else []
                else:
                    continue
                if not any(_FAKER_FIELDS.search(t) for t in targets) or node.value is None:
                    continue
                for value in _literal_strings(node.value):
                    words.update(fold(w) for w in _LETTERS.findall(value))
    return words


def entries(text: str) -> list[tuple[str, str]]:
    """(word, flags) of a hunspell .dic: the first line is a count; the English file's licence
    header lines are indented."""
    out: list[tuple[str, str]] = []
    for line in text.splitlines()[1:]:
        if not line.strip() or line[:1] in " \t#":
            continue
        word, _, flags = line.strip().partition("/")
        out.append((word, flags))
    return out


# Words of a facility's kind in the languages of the German dictionary and of notes from abroad
# ("Universitätsklinikum", "Clínica"): the name of a place of care, never a safe word.
_FACILITY_WORD = re.compile(
    r"(klinik|klinikum|spital|krankenhaus|clinica|clinique|hopital|ospedale|hospital|sanatori|"
    r"praxis|zentrum|centrum|centro|casa|haus|heim|stift|apotheke|farmacia|pharmacie)$"
)


def words(dictionaries: list[list[tuple[str, str]]], names: set[str]) -> set[str]:
    """The list's words (see the module's doc); ``names``: more given names, surnames and
    places to leave out (Faker's)."""
    lex = build_lexicon(ROOT / "resources", medical_dictionary=False)
    lists = excluded_lists(lex) | FACILITY_HEADS | WARD_KINDS | names
    # The English dictionary's possessives: eponyms, that is people ("Babinski's"), whether
    # given by the flag ("Kussmaul/M") or written as an entry ("hegar's").
    eponyms = {
        fold(word) for entries_of in dictionaries for word, flags in entries_of if "M" in flags
    } | {
        fold(word[:-2])
        for entries_of in dictionaries
        for word, _ in entries_of
        if word.endswith(("'s", "’s"))
    }
    out: set[str] = set()
    for index, entries_of in enumerate(dictionaries):
        for word, _ in entries_of:
            if not _LETTERS.fullmatch(word) or len(word) < MIN_WORD or word.isupper():
                continue
            if index == 0 and not word[:1].isupper():
                # The English dictionary's lower-case entries are left out: they hold places
                # and organisations as written in a disease's name ("coxsackie", "marburg")
                # and, measured on the held-out notes (session 56), lost five identifiers for
                # four clinical terms kept; its capitalised entries (brands, devices, genera)
                # kept ten for one.
                continue
            folded = fold(word)
            if (
                folded in eponyms
                or folded in _NOT_SAFE
                or not folded.isalpha()
                or lex.known(folded)
                or _listed(lex, lists, folded)
                or _hyphenated_known(folded, lex)
                or _FACILITY_WORD.search(folded)
            ):
                continue
            out.add(folded)
            written = word.lower()
            if written != folded and any(c in "äöü" for c in written):
                out.add(written)  # read as written too (deid_tokens._clinical_as_written)
    return out


HEADER = """\
Words of two medical spelling dictionaries that no other list here knows (brands and devices
of many countries, organisms, Latin anatomy, German clinical words): hunspell-en-med
0.0.20140410 (OpenMedSpel, e-MedTools; MTH-Med-Spel-Chek; GPL-3+) and hunspell-de-med 20220425
(medicalterms, Tobias Quathamer; GPL-3+), as Debian packages them. Built by
tools/build_medical_dictionary.py: no eponym (an entry with a possessive), name, place or
organisation word. This file is a work based on those dictionaries and is licensed under the
GNU General Public License version 3 or later (see resources/deid_NOTICES.txt). One entry a
line, lower case."""


def main(debs: list[Path], faker: Path) -> None:
    dictionaries: list[list[tuple[str, str]]] = []
    for suffix, encoding in _DICTIONARIES:
        found = [raw for deb in debs if (raw := deb_member(deb, suffix)) is not None]
        if not found:
            raise SystemExit(f"no package holds {suffix}: download hunspell-en-med, -de-med")
        dictionaries.append(entries(found[0].decode(encoding)))
    found_words = words(dictionaries, faker_names(faker))
    lines = [f"# {line}" for line in HEADER.splitlines()]
    OUT.write_text("\n".join(lines + sorted(found_words)) + "\n", "utf-8")
    print(f"{OUT.name}: {len(found_words)} words")


if __name__ == "__main__":
    if len(sys.argv) < 3 or not sys.argv[1].endswith(".whl"):
        raise SystemExit(
            "usage: python tools/build_medical_dictionary.py FAKER_WHEEL DEB [DEB ...]"
        )
    main([Path(arg) for arg in sys.argv[2:]], Path(sys.argv[1]))
