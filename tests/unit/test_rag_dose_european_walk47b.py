"""Walk 47b D2: a German lab report ("Die Patientin nimmt Ramipril 2,5 mg einmal täglich und
Amlodipin 5 mg") gave ramipril amlodipine's 5 mg, and the report was dated by the patient's
date of birth ("geb. 22.07.1961"), so the answer noted an invented dose change "2.5 mg (3 Apr
2025); 5 mg (22 Jul 1961)". A dose belongs to the drug written next to it, and a date of
birth dates no document, in any language. A scripted model through the real answerer."""

from __future__ import annotations

import pytest
from fixtures.fake_models import FakeChatModel, FakeEmbedder, FakeRetriever, hit

from medlocal.document_dates import own_date, own_date_shown
from medlocal.rag.answer import GroundedAnswerer
from medlocal.rag.drug_facts import dose_pairs
from medlocal.rag.medications import default_lexicon
from medlocal.rag.passages import Scope

LAB_REPORT = hit(
    51,
    "Patientin: Zoë Müller-Łukasiewicz, geb.\n22.07.1961\nWohnort: Kastanienallee 17, 10435"
    " Berlin\nLaborbefund vom 03.04.2025\nKlinische Angaben: arterielle Hypertonie. Die"
    " Patientin nimmt Ramipril 2,5\nmg einmal täglich und Amlodipin 5 mg.\nKreatinin 1,2 mg/dl",
    document_id=1,
    file_name="laborbefund_charite_2025.pdf",
)
GP_LETTER = hit(
    52,
    "Thank you for the Charité laboratory report of 03.04.2025. She continues ramipril 2.5 mg"
    " once daily and amlodipine 5 mg.",
    document_id=2,
    file_name="gp_letter_to_nephrology.docx",
    page=None,
)


def _pairs(text: str) -> list[tuple[str, str, str | None]]:
    return [pair for pair, _ in dose_pairs(text, default_lexicon())]


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        (
            "Die Patientin nimmt Ramipril 2,5\nmg einmal täglich und Amlodipin 5 mg.",
            [("ramipril", "2.5", "mg"), ("amlodipin", "5", "mg")],
        ),
        ("- Enalapril 2,5 mg cada 12 horas", [("enalapril", "2.5", "mg")]),
        ("- Bisoprolol 2,5 mg cada 24 horas", [("bisoprolol", "2.5", "mg")]),
        (
            "Warfarin 2,5 mg daily on weekdays and 5 mg on Saturdays and Sundays.",
            [("warfarin", "2.5", "mg"), ("warfarin", "5", "mg")],
        ),
        ("Lévothyroxine 0,05 mg : un comprimé le matin", [("lévothyroxine", "0.05", "mg")]),
        (
            "2,5 mg ramipril and 5 mg amlodipine.",
            [("ramipril", "2.5", "mg"), ("amlodipine", "5", "mg")],
        ),
        # English thousands groups hold.
        (
            "Metformin 1,000 mg, aspirin 75 mg.",
            [("metformin", "1000", "mg"), ("aspirin", "75", "mg")],
        ),
    ],
)
def test_each_dose_belongs_to_the_drug_written_with_it(
    text: str, pairs: list[tuple[str, str, str | None]]
) -> None:
    assert _pairs(text) == pairs


@pytest.mark.parametrize(
    ("opening", "own"),
    [
        ("Patientin: Zoë Müller, geb.\n22.07.1961\nLaborbefund vom 03.04.2025", "03.04.2025"),
        ("Patient: Max Weber, geboren am 01.02.1950\nBefund 05.03.2025", "05.03.2025"),
        (
            "Paciente: José García\nFecha de nacimiento: 10/02/1955\nFecha de alta: 14.02.2025",
            "14.02.2025",
        ),
        ("Patiente : Mme Anh, née le 03/11/1988, vue le 05/06/2025", "05/06/2025"),
        ("Paziente: Rossi, data di nascita 12/04/1947, visita 18/09/2025", "18/09/2025"),
        ("Pasient: Olsen, født 14.05.1960. Poliklinikk 02.09.2025", "02.09.2025"),
        ("Patient: Jan de Vries, geboortedatum 04-07-1958, bezoek 12-08-2025", "12-08-2025"),
    ],
)
def test_a_date_of_birth_in_any_language_dates_no_document(opening: str, own: str) -> None:
    found = own_date(opening, "txt")
    assert found is not None and found.written == own


def test_no_invented_dose_change_and_no_date_of_birth() -> None:
    model = FakeChatModel("She takes ramipril 2.5 mg once daily [2].")
    answerer = GroundedAnswerer(model, FakeRetriever([LAB_REPORT, GP_LETTER]), FakeEmbedder())  # type: ignore[arg-type]
    answer = answerer.ask("What dose of ramipril is she taking?", Scope(patient_id=1)).consume()
    notes = " ".join(answer.notes)
    assert "changed over time" not in notes and "disagree" not in notes, answer.notes
    assert "1961" not in notes
    assert own_date_shown(LAB_REPORT.text, "pdf") == "2025-04-03"
