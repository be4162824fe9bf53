"""Review 50b R2: the recall-first pass (deid_recall_first) took everyday clinical words written
in Title Case as names where the document never wrote them in lower case: "Penicillin (Rash)",
"PMH: Asthma, Eczema, Thrush", "Site of pain - Lower Back". An English word after a clinical
label or a drug on its line and in its sentence stays; a name the pass was made for still goes."""

from __future__ import annotations

import pytest

from medlocal.privacy.redact import Redactor

LETTER = (
    "DISCHARGE LETTER\nAllergies: Penicillin (Rash)\nPMH: Asthma, Eczema, Thrush, Hypertension\n"
    "Plan: review in clinic."
)


def _redact(text: str) -> str:
    return Redactor(shift_days=10).redact(text)


def test_a_letters_allergy_and_history_lists_keep_their_words() -> None:
    redacted = _redact(LETTER)
    assert "Penicillin (Rash)" in redacted
    assert "Eczema, Thrush, Hypertension" in redacted


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Site of pain - Lower Back, worse at night.", "Back"),
        ("Drug allergies: Trimethoprim causes Mole, Latex causes Hives.", "Mole"),
        ("Reaction: Amoxicillin / Brace.", "Brace"),
        ("Allergy to Penicillin (Knee) and Codeine (Nausea).", "Knee"),
        ("PMH: Asthma, Eczema, Frame, Hypertension.", "Frame"),
        ("Symptoms include Fever, Head and Headache over two days.", "Head"),
        ("Allergies: Penicillin (Bath). Review next week.", "Bath"),
    ],
)
def test_an_english_word_in_a_clinical_list_stays(text: str, word: str) -> None:
    assert word in _redact(text)


def test_a_listed_word_in_a_plain_sentence_still_goes() -> None:
    assert "Deer" not in _redact("Thanksgiving at her sister's in Deer - family transporting.")
