"""icd41 (issue 16): ICD-10-CM's clinical words and eponym phrases (resources/deid_icd_terms.txt,
built by tools/build_icd_terms.py) keep capitalised clinical words the name reading took
("Klumpke paralysis", "Marburg virus", "Takotsubo syndrome"), while the same words as places or
organisations ("Marburg" in an address, "Coxsackie, NY", "Queensland Health", "Co-op") are still
removed: the capitalised word is protected only together with the ICD word after it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.tools import load_tool

from medlocal.paths import resource_entries, resources_dir
from medlocal.privacy.deid_lexicon import build_lexicon, lexicon
from medlocal.privacy.redact import Redactor

build = load_tool("build_icd_terms")


def _removed(text: str, tagger: bool = True) -> list[str]:
    return [r.original for r in Redactor(shift_days=40, tagger=tagger).preview(text)]


@pytest.mark.parametrize("tagger", [True, False])
@pytest.mark.parametrize(
    ("text", "term"),
    [
        # Each was removed as a name before the list (checked against main's tree).
        ("Diagnosis: Takotsubo Cardiomyopathy.", "Takotsubo"),
        ("Takotsubo on echo, EF 35%.", "Takotsubo"),
        ("1. Takotsubo\n2. Asthma", "Takotsubo"),
        ("PROBLEMS:\nKlumpke Paralysis (birth)\nAsthma", "Klumpke"),
        ("Hollenhorst Plaque seen.", "Hollenhorst"),
        ("Plan: rule out West Nile.", "Nile"),
        ("Oropouche Fever, resolved.", "Oropouche"),
        ("Malta Fever (brucellosis) treated.", "Malta"),
        ("Queensland Tick Typhus suspected.", "Queensland"),
        ("Sao Paulo Fever considered.", "Paulo"),
        ("Omsk Hemorrhagic Fever.", "Omsk"),
        ("Acalculia and agraphia noted.", "Acalculia"),
    ],
)
def test_icd_terms_are_kept(text: str, term: str, tagger: bool) -> None:
    assert not any(term in removed for removed in _removed(text, tagger)), (text, _removed(text))


@pytest.mark.parametrize(
    ("text", "identifier"),
    [
        ("Address: 14 Ketzerbach, 35037 Marburg, Germany.", "Marburg"),
        ("Moved from Marburg last spring with her husband.", "Marburg"),
        ("Lives at 22 Mill Street, Coxsackie, NY 12051.", "Coxsackie"),
        ("Referred by Queensland Health for review.", "Queensland"),
        ("Works night shifts at the Co-op on the high street.", "Co-op"),
        ("Collected her prescription from Co-op Pharmacy.", "Co-op"),
        # ICD's lower-case "colli" and "women" name facilities (reviewed out of the list).
        ("Transferred from the Azienda Ospedaliera dei Colli in Naples.", "Colli"),
        ("Followed at Women's College for her pregnancy.", "Women"),
        # Two capitalised ICD words that read as a person or a place alone.
        ("Met Braxton Hicks at the clinic.", "Braxton Hicks"),
        ("Flew in from St Louis on Monday.", "St Louis"),
    ],
)
def test_places_and_organisations_named_like_icd_words_are_removed(
    text: str, identifier: str
) -> None:
    assert any(identifier in removed for removed in _removed(text)), (text, _removed(text))


def test_the_shipped_list_holds_no_name_or_place_as_a_single_word() -> None:
    lex = lexicon()
    words = [w for w in resource_entries(resources_dir() / "deid_icd_terms.txt") if " " not in w]
    assert words, "deid_icd_terms.txt holds no single words"
    assert [w for w in words if lex.name_like(w) or w in lex.places] == []


def test_the_lexicon_loads_the_icd_terms_only_when_asked() -> None:
    folder = resources_dir()
    assert "takotsubo" in build_lexicon(folder).clinical_words
    assert "takotsubo" not in build_lexicon(folder, icd_terms=False).clinical_words
    assert build_lexicon(folder).clinical_phrases.fullmatch("Marburg virus")
    assert not build_lexicon(folder).clinical_phrases.fullmatch("Marburg")


def test_the_builder_keeps_capitalised_words_only_with_their_follower() -> None:
    lex = build_lexicon(resources_dir(), icd_terms=False)
    texts = [
        "Marburg virus disease",
        "Klumpke's paralysis due to birth injury",
        "viral pericarditis due to Coxsackie virus",
        "Co-op apartment as the place of occurrence of the external cause",
        "In 1980 the 33rd World Health Assembly declared that smallpox had been eradicated.",
        "Parietal lesion with acalculia",
        "Sao Paulo fever",
        "Löffler's syndrome",
        "Marcus Gunn syndrome",
        "St Louis encephalitis",
        "Other Cowden syndrome",
        "Braxton Hicks contractions",
        "Hepatitis of other origin, acute",
        "Acute Chagas' disease with myocarditis",
        "the organisation of women in the orphanage",
    ]
    words, phrases = build.terms(texts, lex, build.excluded_lists(lex))
    assert "acalculia" in words
    assert {"marburg virus", "klumpke paralysis", "klumpke's paralysis", "coxsackie virus"} <= (
        phrases
    )
    assert "sao paulo fever" in phrases
    assert {"loffler syndrome", "marcus gunn syndrome", "st louis encephalitis"} <= phrases
    assert "braxton hicks contractions" in phrases
    assert not {"marcus gunn", "braxton hicks", "st louis", "other cowden", "acute chagas"} & (
        phrases
    )
    assert not {"women", "orphanage"} & words
    # No single capitalised word, no place of two words, no facility's or plain words' capitals.
    assert not {"marburg", "klumpke", "coxsackie", "co-op", "paulo"} & words
    assert not {"sao paulo", "co-op apartment", "assembly declared", "health assembly"} & phrases


def test_the_builder_says_where_the_tabular_list_is_missing(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="not found"):
        build.main(tmp_path)
