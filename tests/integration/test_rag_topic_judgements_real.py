"""Walk 40b item 1 with the real vault, search and demo embedder: "Is her haemoglobin normal?"
on a patient whose labs give haemoglobin with its range reaches the model with the lab passage
and is answered from it (it was refused "Not found", the note naming 'haemoglobin normal')."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pytest
from fixtures.fake_models import FakeChatModel

from medlocal.engine.api import ChatMessage, Embedder
from medlocal.ingest.pipeline import import_paths
from medlocal.rag.answer import GroundedAnswerer
from medlocal.rag.passages import Scope
from medlocal.vault.store import Vault

NOTES = {
    "labs_HRT-440912.csv": (
        "Test,Date,Result,Units,Reference range,Flag\n"
        "Haemoglobin,2026-09-18,118,g/L,120-150,L\n"
        "Haemoglobin,2026-10-30,112,g/L,120-150,L\n"
        "eGFR,2026-09-18,48,mL/min/1.73m2,>60,L\n"
        "eGFR,2026-10-30,41,mL/min/1.73m2,>60,L\n"
        "Potassium,2026-10-30,5.8,mmol/L,3.5-5.3,H\n"
    ),
    "clinic_letter.txt": (
        "Cardiology clinic letter, 30/10/2026.\n\nBisoprolol increased from 2.5 mg to 5 mg once"
        " daily. Ramipril held because of potassium 5.8. Repeat bloods in one week.\n"
    ),
}


@pytest.mark.parametrize(
    ("question", "said", "lab"),
    [
        ("Is her haemoglobin normal?", "No: haemoglobin 112 g/L on 2026-10-30 is low [1].", "112"),
        ("Is her eGFR low?", "Yes: eGFR 41 mL/min/1.73m2 on 2026-10-30 [1].", "41"),
    ],
)
def test_a_judgement_question_is_answered_from_the_lab_passage(
    vault: Vault, tmp_path: Path, demo_embedder: Embedder, question: str, said: str, lab: str
) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for file_name, text in NOTES.items():
        (folder / file_name).write_text(text, encoding="utf-8")
    patient = vault.add_patient("Margaret Ellen Hartley", mrn="HRT-440912")
    report = import_paths(vault, [folder / n for n in sorted(NOTES)], patient, demo_embedder)
    assert [f.status for f in report.files] == ["imported"] * len(NOTES)

    # The scripted answer cites the lab passage by the number it was given in the prompt.
    def script(messages: Sequence[ChatMessage]) -> str:
        found = re.search(r"\[(\d+)\] \(labs_", messages[-1].content)
        return said.replace("[1]", f"[{found.group(1)}]") if found else "NOT FOUND"

    model = FakeChatModel(script)
    answer = GroundedAnswerer(model, vault, demo_embedder).ask(question, Scope(patient)).consume()
    assert model.calls, "refused before the model"
    assert not any("no passage found names" in n for n in answer.notes), answer.notes
    labs = [p for p in answer.passages if p.hit.file_name.startswith("labs_")]
    assert labs and lab in labs[0].hit.text
    assert answer.status == "answered", answer
