"""Fifteenth round: a listed given name that is also a dictionary word, capitalised in the middle
of a sentence, is a name. Examples are invented here, not taken from the evaluation set."""

from __future__ import annotations

from datetime import date

from medlocal.privacy.redact import PatientIdentity, Redactor


def redact(text: str) -> str:
    redactor = Redactor(PatientIdentity("Jane Doe", "123", date(1950, 1, 1)), shift_days=40)
    return redactor.redact(text)


def test_a_given_name_that_is_a_dictionary_word_is_a_name_mid_sentence() -> None:
    out = redact("Catheter care explained to Gemma, happy to help tomorrow.")
    assert "Gemma" not in out, out
    out = redact("Swallow screen passed, Maria aware and will feed him.")
    assert "Maria" not in out, out


def test_the_same_word_at_a_sentence_start_or_in_lower_case_is_left() -> None:
    # At a sentence's start a capital says nothing; in lower case the word is the word.
    out = redact("Plan agreed. Will review in clinic.")
    assert "Will review" in out, out
    assert "a major bleed" in redact("No sign of a major bleed; rose to 140.")


def test_clinical_words_and_eponyms_that_are_given_names_stay() -> None:
    out = redact("Examined the left Iris under slit lamp; Bell's palsy improving.")
    assert "Iris" in out and "Bell's palsy" in out, out
    # The words that spell out clinical abbreviations are clinical vocabulary.
    assert "CT Brain" in redact("Reviewed the CT Brain with the registrar.")


def test_a_given_name_right_after_a_clinical_word_or_product_is_its_variant() -> None:
    assert "Xience Sierra" in redact("Deployed a Xience Sierra stent to the LAD.")
