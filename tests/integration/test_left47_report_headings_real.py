"""Note 46's report headings with the real encrypted vault, its search, the demo embedder and
the demo model: an echo written as headings and short rows answers "What is her mitral valve
area?" (fix46d refused it as not found), and an area the report gives only for another valve
is still not found without the model; a stop read through a restarted clause is noted."""

from __future__ import annotations

from pathlib import Path

from fixtures.fake_models import FakeChatModel
from test_rag_real import import_notes

from medlocal.engine.api import ChatModel, Embedder, SamplingParams
from medlocal.rag.answer import GroundedAnswerer
from medlocal.rag.passages import Scope
from medlocal.rag.prompts import NOT_FOUND_MESSAGE
from medlocal.vault.store import Vault

NOTES = {
    "echo_2026-03-02.txt": (
        "Transthoracic echocardiogram, 02/03/2026.\n\n"
        "Left ventricle: normal size; EF 58%.\n"
        "Aortic valve: trileaflet, mildly calcified. Peak velocity 2.9 m/s.\n"
        "Mitral valve: thickened; area 1.8 cm2.\n"
    ),
    "discharge_2026-04-10.txt": (
        "Discharge summary, 10/04/2026.\n\n"
        "Ramipril stopped; IV fluids given and restarted. Creatinine 160 umol/L on discharge.\n"
    ),
}


def test_a_valve_area_under_its_heading_reaches_the_model_and_another_valves_does_not(
    vault: Vault, tmp_path: Path, demo_chat: ChatModel, demo_embedder: Embedder
) -> None:
    patient = import_notes(vault, tmp_path / "a", NOTES, demo_embedder)
    answerer = GroundedAnswerer(
        demo_chat, vault, demo_embedder, params=SamplingParams(max_tokens=16)
    )
    asked = answerer.ask("What is her mitral valve area?", Scope(patient)).consume()
    assert asked.raw_text, "refused before the model"
    assert not any("no passage found names" in n for n in asked.notes), asked.notes
    absent = answerer.ask("What is her aortic valve area?", Scope(patient)).consume()
    assert absent.raw_text == "" and absent.text == NOT_FOUND_MESSAGE
    assert absent.notes == ["no passage found names any of 'aortic valve area'"]


def test_a_stop_whose_restart_is_another_things_is_noted(
    vault: Vault, tmp_path: Path, demo_embedder: Embedder
) -> None:
    patient = import_notes(vault, tmp_path / "b", NOTES, demo_embedder)
    model = FakeChatModel("She takes ramipril [1].")
    answer = (
        GroundedAnswerer(model, vault, demo_embedder)  # type: ignore[arg-type]
        .ask("Is she still on ramipril?", Scope(patient))
        .consume()
    )
    stops = [n for n in answer.notes if "ramipril was stopped" in n]
    assert stops and "IV fluids given and restarted" in stops[0], answer.notes
    assert "negation_conflict" in [f.kind for f in answer.flags]
