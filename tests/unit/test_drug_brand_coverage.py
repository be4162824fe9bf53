"""Coverage of the brands dictated notes use (issue 14): each maps to its generic through the
generated dictionaries, and the hand-kept lines are only those no generated source has."""

from __future__ import annotations

import pytest

from medlocal.paths import resource_entries, resources_dir
from medlocal.rag.medications import default_lexicon

# Brands common in U.S. dictated notes (discharge medication lists, ED and ward notes), each
# with one generic it must resolve to.
COMMON_BRANDS = {
    "Augmentin": "amoxicillin",
    "Keflex": "cephalexin",
    "Norco": "hydrocodone",
    "Lasix": "furosemide",
    "Coumadin": "warfarin",
    "Plavix": "clopidogrel",
    "Lovenox": "enoxaparin",
    "Zosyn": "piperacillin",
    "Percocet": "oxycodone",
    "Vicodin": "hydrocodone",
    "Tylenol": "acetaminophen",
    "Motrin": "ibuprofen",
    "Protonix": "pantoprazole",
    "Lipitor": "atorvastatin",
    "Toprol": "metoprolol",
    "Lopressor": "metoprolol",
    "Zofran": "ondansetron",
    "Ativan": "lorazepam",
    "Xarelto": "rivaroxaban",
    "Eliquis": "apixaban",
    "Flomax": "tamsulosin",
    "Synthroid": "levothyroxine",
    "Glucophage": "metformin",
    "Neurontin": "gabapentin",
    "Bactrim": "sulfamethoxazole",
    "Cipro": "ciprofloxacin",
    "Levaquin": "levofloxacin",
    "Rocephin": "ceftriaxone",
    "Solu-Medrol": "methylprednisolone",
    "Decadron": "dexamethasone",
    "Unasyn": "ampicillin",
    "Valium": "diazepam",
    "Viagra": "sildenafil",
    "Klor-Con": "potassium chloride",
    "Levoxyl": "levothyroxine",
    "Norvasc": "amlodipine",
    "Lantus": "insulin glargine",
    "Dilaudid": "hydromorphone",
    "Haldol": "haloperidol",
    "Seroquel": "quetiapine",
    "Versed": "midazolam",  # hand-kept: an English word, filtered from generated data
}


@pytest.mark.parametrize(("brand", "generic"), sorted(COMMON_BRANDS.items()))
def test_common_brand_resolves_to_its_generic(brand: str, generic: str) -> None:
    lexicon = default_lexicon()
    assert lexicon.is_medication(brand)
    assert lexicon.same_drug(brand, generic), (brand, lexicon.generics(brand))


def test_combination_brands_stand_for_every_part() -> None:
    lexicon = default_lexicon()
    assert {"amoxicillin", "clavulanate"} <= lexicon.generics("Augmentin")
    assert {"hydrocodone", "acetaminophen"} <= lexicon.generics("Norco")
    assert {"piperacillin", "tazobactam"} <= lexicon.generics("Zosyn")


def _generated_names() -> set[str]:
    folder = resources_dir()
    return {
        line.split("\t")[0].lower()
        for name in ("drug_names.txt", "drug_brands.txt")
        for line in resource_entries(folder / name)
    }


def test_hand_kept_lines_are_only_names_the_generated_dictionaries_lack() -> None:
    hand = [
        line.split("=")[0].strip().lower()
        for line in resource_entries(resources_dir() / "medications.txt")
        if "=" in line
    ]
    assert hand, "medications.txt should still say which names it keeps by hand"
    assert not set(hand) & _generated_names()
    # A short, justified list, not a second dictionary: a few names, and the three-letter
    # initialisms notes write for common drugs ("MTX", "PCN"), which no drug source lists.
    initialisms = [name for name in hand if len(name) == 3]
    assert len(hand) - len(initialisms) <= 8
    assert len(initialisms) <= 16


def test_the_fda_data_ships_with_its_notice() -> None:
    folder = resources_dir()
    for name in ("drug_brands.txt", "drug_classes.txt"):
        head = (folder / name).read_text(encoding="utf-8")[:600]
        assert "tools/build_fda_drugs.py" in head and "public domain" in head
    notices = (folder / "NOTICES.txt").read_text(encoding="utf-8")
    for source in ("National Drug Code", "UNII", "drug_brands.txt", "drug_classes.txt"):
        assert source in notices
