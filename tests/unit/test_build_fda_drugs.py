"""tools/build_fda_drugs.py on small FDA-shaped inputs: salts reduce to their generic, a brand
means its most-listed product, generic listings and everyday words are not brands, and class
names link to MeSH action terms."""

from __future__ import annotations

from types import ModuleType

import pytest
from fixtures.tools import load_tool

HEADER = "PRODUCTTYPENAME\tPROPRIETARYNAME\tMARKETINGCATEGORYNAME\tSUBSTANCENAME\tPHARM_CLASSES\n"


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    return load_tool("build_fda_drugs")


def _ndc(*rows: tuple[str, str, str, str]) -> bytes:
    lines = [
        f"HUMAN PRESCRIPTION DRUG\t{name}\t{cat}\t{subst}\t{cls}" for name, cat, subst, cls in rows
    ]
    return (HEADER + "\n".join(lines) + "\n").encode("latin-1")


ROWS = (
    ("Plavix", "NDA", "CLOPIDOGREL BISULFATE", "P2Y12 Platelet Inhibitor [EPC]"),
    ("Clopidogrel", "ANDA", "CLOPIDOGREL BISULFATE", "P2Y12 Platelet Inhibitor [EPC]"),
    (
        "Augmentin",
        "NDA",
        "AMOXICILLIN; CLAVULANATE POTASSIUM",
        "Penicillin-class Antibacterial [EPC]",
    ),
    ("Amoxil", "NDA", "AMOXICILLIN", "Penicillin-class Antibacterial [EPC],Penicillins [CS]"),
    ("Keflex", "NDA", "CEPHALEXIN", "Cephalosporin Antibacterial [EPC]"),
    ("Relief", "NDA", "IBUPROFEN", "Nonsteroidal Anti-inflammatory Drug [EPC]"),
    ("Calmo", "UNAPPROVED HOMEOPATHIC", "ARNICA", ""),
    ("K-Tab", "NDA", "POTASSIUM CHLORIDE", "Potassium Salt [EPC]"),
)
UNII = [
    ("CLOPIDOGREL", "of", "CLOPIDOGREL"),
    ("CLOPIDOGREL BISULFATE", "cn", "CLOPIDOGREL BISULFATE"),
    ("AMOXICILLIN", "of", "AMOXICILLIN"),
    ("ROCEPHIN", "bn", "CEFTRIAXONE SODIUM"),
    ("AMOXIL", "bn", "AMOXICILLIN"),
    ("CEFTRIAXONE", "of", "CEFTRIAXONE"),
]


def test_brands_from_ndc_products(tool: ModuleType) -> None:
    ndc = tool.read_ndc(_ndc(*ROWS))
    substances = tool.Substances([d for _, _, d in UNII] + ["CEPHALEXIN", "IBUPROFEN"])
    brands = tool.build_brands(ndc, UNII, substances, {"relief": 20000})
    assert brands["plavix"] == (frozenset({"clopidogrel"}), 1)
    # A lone anion name unlisted as a substance still loses its cation.
    assert brands["augmentin"][0] == frozenset({"amoxicillin", "clavulanate"})
    assert brands["k-tab"][0] == frozenset({"potassium chloride"})  # the salt is the drug
    assert "clopidogrel" not in brands  # a generic listing, not a brand
    assert "relief" not in brands  # an everyday word
    assert "calmo" not in brands  # unapproved listings are left out


def test_unii_brands_fill_what_the_ndc_lacks(tool: ModuleType) -> None:
    ndc = tool.read_ndc(_ndc(*ROWS, ("Ceftriaxone", "ANDA", "CEFTRIAXONE SODIUM", "")))
    substances = tool.Substances([d for _, _, d in UNII] + ["CEPHALEXIN"])
    brands = tool.build_brands(ndc, UNII, substances, {})
    assert brands["rocephin"] == (frozenset({"ceftriaxone"}), 0)


def test_a_brand_means_its_most_listed_product(tool: ModuleType) -> None:
    rows = [("Tylox", "NDA", "ACETAMINOPHEN", "")] * 3 + [
        ("Tylox", "NDA", "ACETAMINOPHEN; OXYCODONE HYDROCHLORIDE", "")
    ]
    ndc = tool.read_ndc(_ndc(*rows))
    brands = tool.build_brands(ndc, [], tool.Substances(["ACETAMINOPHEN", "OXYCODONE"]), {})
    assert brands["tylox"] == (frozenset({"acetaminophen"}), 4)


def test_classes_and_mesh_terms(tool: ModuleType) -> None:
    ndc = tool.read_ndc(_ndc(*ROWS))
    substances = tool.Substances([d for _, _, d in UNII] + ["CEPHALEXIN", "IBUPROFEN"])
    mesh = {"anti-bacterial agents": ({"antibiotics", "antibiotic"}, ["D27.505.954.122.085"])}
    classes = tool.build_classes(ndc, substances, mesh, {})
    assert classes["penicillin-class antibacterial"] == ["amoxicillin"]  # single-substance only
    assert set(classes["antibiotics"]) == {"amoxicillin", "cephalexin"}
    assert "clopidogrel" in classes["p2y12 platelet inhibitor"]


def _ndc_rows(*rows: tuple[str, str, str, str, str]) -> list[dict[str, str]]:
    """(substance, classes, application, route, category) rows as read_ndc returns them."""
    return [
        {
            "PRODUCTTYPENAME": "HUMAN PRESCRIPTION DRUG",
            "PROPRIETARYNAME": subst.title(),
            "MARKETINGCATEGORYNAME": cat,
            "SUBSTANCENAME": subst,
            "PHARM_CLASSES": cls,
            "APPLICATIONNUMBER": app,
            "ROUTENAME": route,
        }
        for subst, cls, app, route, cat in rows
    ]


# Session 40 (walk 40 W1): "anticoagulant" held blood-bag citrates and lacked warfarin.
COAGULATION = (
    ("HEPARIN SODIUM", "Anti-coagulant [EPC]", "NDA017029", "INTRAVENOUS", "NDA"),
    ("APIXABAN", "Factor Xa Inhibitor [EPC]", "NDA202155", "ORAL", "NDA"),
    *[("WARFARIN SODIUM", "Vitamin K Antagonist [EPC]", "ANDA040301", "ORAL", "ANDA")] * 3,
    ("ENOXAPARIN SODIUM", "Low Molecular Weight Heparin [EPC]", "NDA020164", "SUBCUTANEOUS", "NDA"),
    *[("TRISODIUM CITRATE DIHYDRATE", "Anti-coagulant [EPC]", "BN770923", "INTRAVENOUS", "NDA")]
    * 5,
    *[
        (
            "POTASSIUM CITRATE",
            "Calculi Dissolution Agent [EPC],Anti-coagulant [EPC],Calcium Chelating Activity [MoA]",
            "ANDA203546",
            "ORAL",
            "ANDA",
        )
    ]
    * 4,
    ("SODIUM CITRATE", "Anti-coagulant [EPC]", "NDA880217", "EXTRACORPOREAL", "NDA"),
    *[("POTASSIUM CHLORIDE", "Potassium Salt [EPC],Osmotic Laxative [EPC]", "NDA1", "ORAL", "NDA")]
    * 6,
    ("LACTULOSE", "Osmotic Laxative [EPC]", "ANDA1", "ORAL", "ANDA"),
)
LINKS = [
    ("anticoagulant", ["anti-coagulant", "vitamin k antagonist", "low molecular weight heparin"]),
    ("blood thinner", ["anticoagulant"]),
]


def test_classes_leave_out_blood_bags_chelators_and_fluid_salts(tool: ModuleType) -> None:
    ndc = _ndc_rows(*COAGULATION)
    substances = tool.Substances([r["SUBSTANCENAME"] for r in ndc])
    classes = tool.build_classes(ndc, substances, {}, {})
    assert classes["anti-coagulant"] == ["heparin"]  # no citrate of a bag, tube or chelator
    assert classes["osmotic laxative"] == ["lactulose"]  # potassium chloride is a salt
    assert classes["potassium salt"] == ["potassium chloride"]  # ... in the class named so
    assert classes["calculi dissolution agent"] == ["potassium citrate"]  # what it is for


def test_linked_names_gather_classes_most_common_first(tool: ModuleType) -> None:
    ndc = _ndc_rows(*COAGULATION)
    substances = tool.Substances([r["SUBSTANCENAME"] for r in ndc])
    mesh = {"anticoagulants": ({"anticoagulant agents"}, ["D27.505.954.502.119"])}
    classes = tool.build_classes(ndc, substances, mesh, {}, LINKS)
    # warfarin (3 products) first; every name MedLocal reads as "anticoagulant" agrees.
    assert classes["anticoagulant"] == ["warfarin", "enoxaparin", "heparin"]
    assert classes["anticoagulants"] == classes["anticoagulant"]
    assert classes["anticoagulant agents"] == classes["anticoagulant"]
    assert classes["anti-coagulant"] == classes["anticoagulant"]
    assert classes["blood thinner"] == classes["anticoagulant"]  # a link to a link
    with pytest.raises(SystemExit, match="unknown classes"):
        tool.build_classes(ndc, substances, {}, {}, [("x", ["no such class"])])
