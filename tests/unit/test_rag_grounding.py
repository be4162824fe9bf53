"""Citation mapping and the number / dose / medication checks, on fixed texts."""

from __future__ import annotations

from medlocal.rag.citations import cited_numbers, keep_valid, renumber
from medlocal.rag.grounding import ground
from medlocal.rag.sentences import split_sentences
from medlocal.rag.values import extract_values

PASSAGES = {
    1: "Metformin 500 mg twice daily. HbA1c 7.2% on 03/04/2021.",
    2: "Lisinopril 10mg once daily for hypertension. Creatinine 1,000 umol/L.",
}


def kinds(result: object) -> list[tuple[int, str, str]]:
    return [(f.sentence, f.kind, f.token) for f in result.flags]  # type: ignore[attr-defined]


def test_invented_citation_numbers_are_removed_and_flagged() -> None:
    result = ground("Metformin 500 mg twice daily [1][7]. Lisinopril 10 mg daily [2, 9].", PASSAGES)
    assert result.text == "Metformin 500 mg twice daily [1]. Lisinopril 10 mg daily [2]."
    assert [(f.kind, f.token) for f in result.flags] == [
        ("invalid_citation", "[7]"),
        ("invalid_citation", "[9]"),
    ]
    assert result.cited == [1, 2]


def test_citation_made_only_of_invented_numbers_disappears() -> None:
    cleaned = keep_valid("Metformin 500 mg daily [4].", {1, 2})
    assert cleaned.text == "Metformin 500 mg daily."
    assert cleaned.invalid == [4]


def test_citation_forms_parse() -> None:
    assert cited_numbers("a [1] b [2, 3] c [4-6] d [1][7]") == [1, 2, 3, 4, 5, 6, 7]
    assert renumber("x [1, 2]. y [3].", {1: 10, 2: 11}).text == "x [10, 11]. y."


def test_wrong_dose_is_flagged() -> None:
    result = ground("The patient takes metformin 850 mg twice daily [1].", PASSAGES)
    assert kinds(result) == [(0, "unverified_number", "850 mg")]


def test_dose_spacing_and_thousands_separators_are_normalised() -> None:
    text = (
        "Metformin 500mg twice daily [1]. Lisinopril 10 mg daily [2]. Creatinine 1000 umol/L [2]."
    )
    assert ground(text, PASSAGES).flags == []


def test_decimal_forms_and_dates_are_normalised() -> None:
    assert ground("HbA1c was 7.20 % on March 4, 2021 [1].", PASSAGES).flags == []
    result = ground("HbA1c was 7.3% on 03/05/2021 [1].", PASSAGES)
    assert {f.token for f in result.flags} == {"7.3%", "03/05/2021"}


def test_number_must_be_in_the_cited_passage_not_another() -> None:
    result = ground("Lisinopril 500 mg daily [2].", PASSAGES)
    assert kinds(result) == [(0, "unverified_number", "500 mg")]


def test_unit_mismatch_is_flagged() -> None:
    assert kinds(ground("Metformin 500 mL twice daily [1].", PASSAGES)) == [
        (0, "unverified_number", "500 mL")
    ]


def test_medication_absent_from_cited_passage_is_flagged() -> None:
    result = ground("Atorvastatin 10 mg daily was started [2].", PASSAGES)
    assert kinds(result) == [(0, "unverified_medication", "atorvastatin")]
    # A name outside the lexicon is still caught by its stem.
    result = ground("Zanubrutinib was given [1].", PASSAGES)
    assert kinds(result) == [(0, "unverified_medication", "zanubrutinib")]


def test_uncited_sentence_without_supporting_passage_is_unsupported() -> None:
    result = ground("The patient enjoys gardening on weekends.", PASSAGES)
    assert kinds(result) == [(0, "unsupported", "")]
    assert result.cited == []


def test_uncited_sentence_gets_overlapping_passage_attached_and_flagged() -> None:
    result = ground("Lisinopril 10 mg once daily for hypertension.", PASSAGES)
    assert result.text == "Lisinopril 10 mg once daily for hypertension [2]."
    assert kinds(result) == [(0, "attached_citation", "")]


def test_sentence_split_keeps_decimals_abbreviations_and_trailing_citations() -> None:
    text = "Dr. Smith gave 2.5 mg daily. [1] Next sentence here [2].\n## Heading\n- item three [1]"
    sentences = [s.text for s in split_sentences(text)]
    assert sentences == [
        "Dr. Smith gave 2.5 mg daily. [1]",
        "Next sentence here [2].",
        "- item three [1]",
    ]


def test_values_ignore_names_with_digits() -> None:
    values = [(v.canonical, v.unit) for v in extract_values("HbA1c 7.2%, vitamin B12, COVID-19")]
    assert values == [("7.2", "%")]


def test_dose_is_checked_against_the_drug_it_belongs_to() -> None:
    passages = {1: "Metformin 500 mg twice daily. Lisinopril 10 mg once daily for hypertension."}
    result = ground("The patient takes 10 mg of metformin twice daily [1].", passages)
    assert [(f.kind, f.token) for f in result.flags] == [("unverified_number", "10 mg")]
    assert "metformin" in result.flags[0].message
    assert ground("Metformin 500 mg and lisinopril 10 mg daily [1].", passages).flags == []
