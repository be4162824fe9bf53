"""Allergies that are not single drugs (session 41): latex, foods, contrast, dressings, stings and
drug classes (resources/allergens.txt) are read by both allergy checks as drugs are. Sentences
and passages are our own, written as a clinician's records read. The flag tests failed on main
(the checks read only the medication lexicon) before the allergen list; the negatives are
decisions: a diet is no allergy list, "latex-free gloves" and "egg-shaped" name no allergen, and
"NKDA" speaks of drugs only."""

from __future__ import annotations

from pathlib import Path

import pytest

from medlocal.rag.allergens import AllergenLexicon, allergy_vocabulary, default_allergens
from medlocal.rag.checks.allergy_wording import listed_allergens, stated_allergies
from medlocal.rag.flags import Flag
from medlocal.rag.grounding import ground
from medlocal.rag.medications import default_lexicon

LATEX = "Allergies: latex (anaphylaxis)."
SHELLFISH = "Allergies: shellfish - urticaria."
NSAIDS = "Allergies: NSAIDs - bronchospasm."
LIST = "ALLERGIES\n- Tree nuts (angioedema)\n- Bee stings\n- Elastoplast (blistering)"
CLINIC = "Clinic letter: blood pressure 132/78 mmHg, stable on amlodipine 5 mg daily."
DIET = "Dietitian review: eats peanuts most days; shellfish supper on Fridays. Weight stable."
GLOVES = "Latex-free gloves used throughout the procedure. Egg-shaped swelling over the scalp."
COELIAC = "Coeliac disease diagnosed 2019: wheat intolerance, strict gluten-free diet."


def _flags(text: str, passages: dict[int, str], kind: str) -> list[Flag]:
    return [f for f in ground(text, passages).flags if f.kind == kind]


@pytest.mark.parametrize(
    ("text", "passages"),
    [
        ("She is allergic to latex [1].", {1: LATEX}),
        ("She has a shellfish allergy [1].", {1: SHELLFISH}),
        ("She is allergic to NSAIDs [1].", {1: NSAIDS}),
        ("She has a tree nut allergy [1].", {1: LIST}),
        ("She is allergic to bee stings [1].", {1: LIST}),
        ("She is allergic to adhesive plasters [1].", {1: LIST}),
        ("She is allergic to penicillins [1].", {1: "Allergies: penicillin - rash."}),
    ],
)
def test_a_passage_listing_the_allergen_backs_it(text: str, passages: dict[int, str]) -> None:
    assert not _flags(text, passages, "unsupported_allergy")


@pytest.mark.parametrize(
    ("text", "passages", "allergen"),
    [
        ("She is allergic to peanuts [1].", {1: f"{LATEX} {DIET}"}, "peanuts"),
        ("She is allergic to shellfish [1].", {1: f"{LATEX} {DIET}"}, "shellfish"),
        ("She is allergic to latex [1].", {1: f"Allergies: penicillin - rash. {GLOVES}"}, "latex"),
        ("She is allergic to NSAIDs [1].", {1: f"{LATEX} {CLINIC}"}, "NSAIDs"),
        (
            "She has had an allergic reaction to iodinated contrast [1].",
            {1: f"{LATEX}\nImaging: CT with IV contrast 2024, uneventful."},
            "iodinated contrast",
        ),
    ],
)
def test_an_allergen_no_cited_passage_gives_as_one_is_flagged(
    text: str, passages: dict[int, str], allergen: str
) -> None:
    found = _flags(text, passages, "unsupported_allergy")
    assert [f.token for f in found] == [allergen], ground(text, passages).flags


@pytest.mark.parametrize(
    ("text", "passages", "allergen"),
    [
        ("She has no known allergies [1].", {1: CLINIC, 2: LATEX}, "latex"),
        ("She has no known allergies [1].", {1: CLINIC, 2: SHELLFISH}, "shellfish"),
        ("She has no known allergies [1].", {1: CLINIC, 2: LIST}, "tree nuts"),
        # NSAIDs are medicines: "no known drug allergies" denies them too.
        ("She has no known drug allergies [1].", {1: CLINIC, 2: NSAIDS}, "NSAIDs"),
        ("NKDA [1].", {1: CLINIC, 2: NSAIDS}, "NSAIDs"),
    ],
)
def test_a_denial_against_a_listed_allergen_is_a_negation_conflict(
    text: str, passages: dict[int, str], allergen: str
) -> None:
    found = _flags(text, passages, "negation_conflict")
    assert len(found) == 1 and allergen in found[0].message, ground(text, passages).flags
    assert found[0].passage == 2 and found[0].quote


@pytest.mark.parametrize(
    ("text", "passages"),
    [
        # NKDA: no known DRUG allergies. Latex, foods and stings are not drugs.
        ("NKDA [1].", {1: LATEX}),
        ("She has no known drug allergies [1].", {1: LATEX}),
        ("She has no known drug allergies [1].", {1: CLINIC, 2: LIST}),
        ("Allergies: NKDA [1].", {1: CLINIC, 2: SHELLFISH}),
        # A diet, gloves, a shape and coeliac disease list no allergy.
        ("She has no known allergies [1].", {1: DIET}),
        ("She has no known allergies [1].", {1: f"{GLOVES} Allergies: none known."}),
        ("She has no known allergies [1].", {1: CLINIC, 2: COELIAC}),
        # The answer names the allergen before denying others.
        ("She is allergic to latex [1]. No other known allergies [1].", {1: LATEX}),
        (
            "She is allergic to penicillin [1]. No other known allergies [1].",
            {1: "Allergies: penicillin (rash)."},
        ),
    ],
)
def test_no_conflict_where_nothing_contradicts_the_denial(
    text: str, passages: dict[int, str]
) -> None:
    assert not _flags(text, passages, "negation_conflict"), ground(text, passages).flags


def test_a_summary_heading_about_allergies_states_its_allergens() -> None:
    flagged = _flags(
        "## Allergies and intolerances\nLatex and peanuts [1].", {1: LATEX}, "unsupported_allergy"
    )
    assert [f.token for f in flagged] == ["peanuts"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Allergies: peanuts, shell fish, bee stings and Elastoplast", None),
        ("latex-free gloves; egg-shaped lesion; nut free diet; fish oil 1 g", []),
        ("povidone-iodine skin preparation", []),
        ("Adhesive capsulitis; rubber band ligation; latex agglutination test; tape measure", []),
        ("Coeliac disease: avoids wheat.", []),
        ("Wheat - urticaria.", ["wheat"]),
        ("cow's milk protein allergy", ["cow's milk"]),
    ],
)
def test_allergen_spellings(text: str, names: list[str] | None) -> None:
    found = [name for _, _, name in default_allergens().spans(text)]
    if names is None:  # each spelling found, under the allergen's first name
        assert found == ["peanuts", "shellfish", "bee stings", "adhesive dressings"]
    else:
        assert found == names


def test_a_drug_and_its_class_are_one_allergen_and_nkda_speaks_of_medicines() -> None:
    vocab = allergy_vocabulary(default_lexicon())
    assert vocab.same("penicillins", "penicillin") and not vocab.same("latex", "penicillin")
    assert vocab.is_medicine("NSAIDs") and vocab.is_medicine("iodinated contrast")
    assert vocab.is_medicine("amoxicillin") and not vocab.is_medicine("latex")
    # "penicillin antibiotics" is the class; "chlorhexidine" stays the drug the lexicon knows.
    assert [n for _, _, n in vocab.spans("penicillin antibiotics, chlorhexidine")] == [
        "penicillins",
        "chlorhexidine",
    ]


def test_a_malformed_allergen_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "allergens.txt"
    path.write_text("# header\nfood\tpeanuts|peanut\nlatex only\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"allergens.txt: entry 2 'latex only'"):
        AllergenLexicon.from_file(path)


# Review 41 D4: an allergy word anywhere in a sentence tied every allergen of it. Ordinary prose
# (ours, written as records read) lists no allergy: a clause about something else, a relative's
# allergy, a microbiology report's susceptibilities, "contraindicated".
PROSE = [
    "Baby fed expressed breast milk; nappy rash improving with barrier cream.",
    "Wound dressings changed daily; minor skin reaction at the wound edge, no infection.",
    "Transfusion reaction: fever and rigors after the second unit; dressings dry.",
    "Adverse childhood experiences; fish and chips on Fridays.",
    "Opioid-induced constipation; rash on the back thought to be heat rash.",
    "Dietitian: lactose intolerance, advised lactose-free milk.",
    "Allergic rhinitis, worse with house dust; nasal spray.",
    "Rash on the hands after gardening, possible contact with celery or parsnip sap.",
    "Urine culture: E. coli, sensitivities: cephalosporins S, quinolones R, sulfonamides S.",
    "Sensitivity testing: organism resistant to penicillins, sensitive to tetracyclines.",
    "MSU: sensitivities amoxicillin R, nitrofurantoin S.",
    "Contraindications to NSAIDs: CKD stage 4.",
    "NSAIDs are contraindicated because of her peptic ulcer.",
    "Her mother has a peanut allergy.",
    "Allergy clinic letter for her son, who has an egg allergy.",
    "Nut allergy action plan reviewed at school for her daughter.",
    "Family history: father has a penicillin allergy.",
    "Rash treated with hydrocortisone cream.",
]


@pytest.mark.parametrize("passage", PROSE)
def test_ordinary_prose_lists_no_allergen(passage: str) -> None:
    vocab = allergy_vocabulary(default_lexicon())
    assert listed_allergens(passage, vocab) == []
    assert stated_allergies(passage, "", vocab) == []


@pytest.mark.parametrize(
    ("passage", "names"),
    [
        # The patient's own allergies still count: a relative as informant or companion, an
        # allergy clause beside a relative's, an allergen governed within its clause.
        ("Penicillin allergy, confirmed by her daughter.", ["penicillin"]),
        ("Seen with her mother; allergic to peanuts.", ["peanuts"]),
        ("Baby fed expressed breast milk; cow's milk protein allergy.", ["cow's milk"]),
        ("Allergies: penicillin; latex.", ["penicillin", "latex"]),
        ("Amoxicillin (urticaria).", ["amoxicillin"]),
        ("Wound dressings changed; allergic to Elastoplast.", ["adhesive dressings"]),
        ("NSAIDs contraindicated: anaphylaxis to ibuprofen.", ["ibuprofen"]),
        # A reaction word right before its cause.
        ("Developed urticaria after amoxicillin in 2019.", ["amoxicillin"]),
        ("Anaphylaxis following a wasp sting.", ["wasp stings"]),
        ("Rash on starting co-trimoxazole.", ["co-trimoxazole"]),
    ],
)
def test_a_governed_allergen_is_still_listed(passage: str, names: list[str]) -> None:
    vocab = allergy_vocabulary(default_lexicon())
    assert [name for name, _ in listed_allergens(passage, vocab)] == names


@pytest.mark.parametrize(
    ("text", "passage"),
    [
        ("She has no known allergies [1].", PROSE[0]),
        ("She has no known allergies [1].", PROSE[1]),
        ("She has no known allergies [1].", PROSE[2]),
        ("She has no known allergies [1].", PROSE[3]),
        ("She has no known allergies [1].", "Her mother has a peanut allergy."),
        ("NKDA [1].", PROSE[8]),
        ("NKDA [1].", "Statins contraindicated in pregnancy; restart after delivery."),
    ],
)
def test_a_denial_beside_ordinary_prose_is_no_conflict(text: str, passage: str) -> None:
    assert not _flags(text, {1: passage}, "negation_conflict"), ground(text, {1: passage}).flags


def test_a_relatives_allergy_leaves_the_patients_own_in_conflict() -> None:
    passage = "Her mother has asthma; she is allergic to penicillin."
    found = _flags("She has no known allergies [1].", {1: passage}, "negation_conflict")
    assert len(found) == 1 and "penicillin" in found[0].message


# --- grfix42a (walk 42g #6): an allergy in a line that cites nothing ----------------------------

GP = "Allergies: penicillin (rash as a child). Current medication: metformin MR 1 g twice daily."


def test_an_uncited_allergy_no_passage_gives_is_an_unsupported_allergy() -> None:
    # The summary's body kept "Allergy to sulfa drugs (3)" and the like, flagged only
    # "unsupported" as any uncited line is: an invented allergy gets its own flag, whether the
    # allergen is one the lists know, a drug a passage prescribes, or a name made up.
    text = (
        "## Allergies and intolerances\n\n1. Allergy to penicillin (2)\n2. Allergy to sulfa drugs"
        " (3)\n3. Allergy to sulfimules (4)\n4. Allergy to metformin (5)\n"
    )
    tokens = [f.token for f in _flags(text, {1: GP}, "unsupported_allergy")]
    assert tokens == ["sulfonamides", "sulfimules", "metformin"], tokens
    # In an answer too, and said as the sentence's own: no passage is cited.
    (flag,) = _flags("She is also allergic to latex.", {1: GP}, "unsupported_allergy")
    assert "cites no passage" in flag.message
    # An allergy a passage gives, uncited, is only "unsupported"; a lead-in names no allergen.
    assert not _flags("She is allergic to penicillin.", {1: GP}, "unsupported_allergy")
    lead_in = (
        "## Allergies and intolerances\n\n"
        "Here is the section with all allergies and intolerances:\n"
    )
    assert not _flags(lead_in, {1: GP}, "unsupported_allergy")
