"""Walk 47b D13 and D12: the grounding checks split words at every accented letter
("Cardíaca" -> "card", "aca"; "Hämoglobin" -> "moglobin"), and a summary's flag quoted the
fragments; the not-found note cut "HbA1c" to 'hba'. Words are Unicode words, and the note names
the whole term asked for."""

from __future__ import annotations

from medlocal.rag.answer_notes import absent_terms, no_passage_names
from medlocal.rag.coverage import content_words, coverage
from medlocal.rag.medications import default_lexicon
from medlocal.rag.text_units import WORD

SPANISH = "Motivo de ingreso: insuficiencia cardíaca descompensada. Fracción de eyección del 35 %."


def test_accented_words_are_whole_words() -> None:
    words = content_words(
        "Ingeniería Cardíaca, Fracción de eyección, Hämoglobin erhöht, Lévothyroxine, Þórsson"
    )
    assert {"cardíaca", "fracción", "eyección", "hämoglobin", "erhöht", "þórsson"} <= words
    assert not words & {"card", "aca", "fracci", "eyecci", "moglobin", "erh", "rsson"}
    assert WORD.search("ñú") is not None


def test_a_spanish_sentence_is_covered_by_its_spanish_passage() -> None:
    found = coverage(
        "La fracción de eyección era baja, insuficiencia cardíaca.", SPANISH, default_lexicon()
    )
    assert "fracción" in found.terms and "cardíaca" in found.terms
    assert "baja" in found.missing
    assert not {"fracción", "eyección", "cardíaca"} & set(found.missing)
    # A word the passage lacks is missing whole, not by its fragments.
    other = coverage("Insuficiencia renal crónica.", SPANISH, default_lexicon())
    assert "crónica" in other.missing and "nica" not in other.terms


def test_the_not_found_note_names_the_whole_term() -> None:
    terms = absent_terms(
        "What is his HbA1c?", ["Creatinina 1,4 mg/dl, potasio 4,9 mmol/l."], default_lexicon()
    )
    assert terms == ("hba1c",)
    assert no_passage_names(terms) == "no passage found names any of 'hba1c'"
