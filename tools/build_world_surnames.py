"""Build resources/deid_faker_surnames.txt: surnames of African, South Asian and Southeast Asian
locales of Faker that no other list of resources/ holds (issue 16, session 57, deid57b).

    pip download --no-deps faker==40.54.0 -d /tmp/fk
    PYTHONPATH=$PWD python tools/build_world_surnames.py /tmp/fk/faker-40.54.0-py3-none-any.whl

note56 left names of these countries in view where only a name list tells them ("Tab Mbeki 10
mg" needs "Mbeki" on a list; the medicine-slot rule reads listed surnames only). Faker (MIT,
Copyright (c) 2012 Daniele Faraglia) ships surnames per locale; the wheel's provider sources are
read as literals, never imported (tools/build_medical_dictionary.py reads the same wheel the
same way). A surname is kept only where it is no English, clinical, drug, product, dictionary,
foreign clinical word or place on its list, no clinical abbreviation, and has four letters or
more: a name list's word is taken off the drug lists (deid_lexicon._drug_words), so a name that
is also a medicine must never reach it. Run by hand when Faker changes; the list is committed
and shipped.
"""

from __future__ import annotations

import ast
import re
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from medlocal.privacy.deid_lexicon import build_lexicon, clinical_abbreviation, fold

OUT = Path(__file__).resolve().parent.parent / "resources" / "deid_faker_surnames.txt"
LOCALES = (
    # Africa
    "en_KE", "en_NG", "ig_NG", "yo_NG", "ha_NG", "zu_ZA", "tw_GH", "sw",
    # South Asia
    "en_PK", "en_IN", "hi_IN", "bn_BD", "ne_NP", "si_LK", "ta_IN", "gu_IN", "mr_IN", "or_IN",
    # Southeast Asia
    "vi_VN", "id_ID", "th_TH", "en_TH",
)  # fmt: skip
_LAST_NAMES = re.compile(r"last_name")
# Surnames that are clinical initials the abbreviation table lacks, read in capitals in notes
# ("MODY (HNF1A) ruled out" in dev50 became a name with "Mody" listed).
CLINICAL_INITIALS = frozenset({"mody"})
# Everyday words of the letters MedLocal reads from abroad that a locale also lists as a surname
# (resources/deid_foreign_letter_words.txt drops an entry that is a listed name): "Servicio de
# Cardiología mañana" became one name once "Manana" was listed (lead, session 57).
EVERYDAY_WORDS_ABROAD = frozenset({"manana"})
_LETTERS = re.compile(r"[^\W\d_]+")


def _literal_strings(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Call) and node.args:
        node = node.args[0]
    if isinstance(node, ast.Dict):
        return [
            k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)
        ]
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return [
            e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)
        ]
    return []


def faker_surnames(wheel: Path) -> set[str]:
    """The folded surnames of :data:`LOCALES` in Faker's wheel."""
    words: set[str] = set()
    with zipfile.ZipFile(wheel) as bundle:
        names = set(bundle.namelist())
        for locale in LOCALES:
            source = f"faker/providers/person/{locale}/__init__.py"
            if source not in names:
                raise SystemExit(f"{wheel.name} has no {source}")
            for node in ast.walk(ast.parse(bundle.read(source).decode("utf-8"))):
                if isinstance(node, ast.Assign):
                    targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
                elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                    targets = [node.target.id]
                else:
                    continue
                if node.value is None or not any(_LAST_NAMES.search(t) for t in targets):
                    continue
                for value in _literal_strings(node.value):
                    words.update(fold(w) for w in _LETTERS.findall(value))
    return words


def main(wheel: Path) -> None:
    lex = build_lexicon(OUT.parent, faker_surnames=False)
    kept = sorted(
        w
        for w in faker_surnames(wheel)
        if w.isascii()
        and w.isalpha()
        and len(w) >= 4  # three capitals are an acronym's space: "SEM", "RAI", "PAI"
        and w not in CLINICAL_INITIALS
        and w not in EVERYDAY_WORDS_ABROAD
        and not lex.name_like(w)
        # The English list itself: known() also reads inflections, and takes every word
        # ending in "-ase" for an enzyme ("Ntshangase", "Mvelase").
        and w not in lex.english
        and not lex.clinical(w)
        and not clinical_abbreviation(w)
        and w not in lex.products
        and w not in lex.dictionary_words
        and w not in lex.foreign_words
        and w not in lex.letter_words
        and w not in lex.places
    )
    header = [
        f"# Surnames of Faker {wheel.name.split('-')[1]} (MIT, Copyright (c) 2012 Daniele "
        "Faraglia), locales",
        "# " + ", ".join(LOCALES) + ",",
        "# with four letters or more that no other list here holds and no English, clinical,",
        "# drug, product or place word is: built by tools/build_world_surnames.py (session 57).",
        "# Notice: deid_NOTICES.txt.",
    ]
    OUT.write_text("\n".join(header + kept) + "\n", "utf-8")
    print(f"{OUT.name}: {len(kept)}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
