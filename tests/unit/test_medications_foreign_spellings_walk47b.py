"""Walk 47b D7: generic names as German, Spanish, French, Italian and Nordic letters spell them
("Amlodipin", "Paracétamol", "Lévothyroxine", "Levotiroxina") were no medication, so an answer's
"Amlodipine 5 mg [2]" citing "Amlodipin 5 mg" was flagged as an unverified medication. Each
is read as the English generic it spells, only where that generic is on the drug lists."""

from __future__ import annotations

import pytest

from medlocal.rag.grounding import ground
from medlocal.rag.medications import default_lexicon

SPELLINGS = [
    ("Amlodipin", "amlodipine"),  # German
    ("Paracétamol", "paracetamol"),  # French
    ("Lévothyroxine", "levothyroxine"),  # French
    ("Levotiroxina", "levothyroxine"),  # Spanish
    ("Metformina", "metformin"),  # Spanish, Italian
    ("Ibuprofeno", "ibuprofen"),  # Spanish
    ("Espironolactona", "spironolactone"),  # Spanish
    ("Furosemid", "furosemide"),  # German, Nordic
    ("Spironolacton", "spironolactone"),  # German, Dutch
    ("Bisoprololo", "bisoprolol"),  # Italian
    ("Atorvastatina", "atorvastatin"),  # Spanish, Italian
    ("Amiodaron", "amiodarone"),  # German
    ("Ciprofloxacino", "ciprofloxacin"),  # Spanish
    ("Amoxicilline", "amoxicillin"),  # French
    ("Losartán", "losartan"),  # Spanish
    ("Hidroclorotiazida", "hydrochlorothiazide"),  # Spanish
]


@pytest.mark.parametrize(("written", "generic"), SPELLINGS)
def test_a_foreign_spelling_is_its_english_generic(written: str, generic: str) -> None:
    lexicon = default_lexicon()
    assert lexicon.is_medication(written)
    assert generic in lexicon.generics(written)
    assert lexicon.same_drug(written, generic)
    assert lexicon.find(f"Die Patientin nimmt {written} 5 mg.") == [written.lower()]


@pytest.mark.parametrize(
    "word", ["heating", "patient", "creatine", "protein", "routine", "Caroline", "Valentina"]
)
def test_words_and_names_are_no_medication(word: str) -> None:
    assert not default_lexicon().is_medication(word)


def test_an_answer_naming_the_english_generic_is_not_flagged() -> None:
    """The German question's answer: "Amlodipine 5 mg [1]" against the lab report."""
    passages = {1: "Die Patientin nimmt Ramipril 2,5 mg einmal täglich und Amlodipin 5 mg."}
    result = ground("She takes amlodipine 5 mg and ramipril 2.5 mg daily [1].", passages)
    assert [f.kind for f in result.flags] == []
    wrong = ground("She takes amlodipine 10 mg daily [1].", passages)
    assert "unverified_number" in {f.kind for f in wrong.flags}
