"""Session 41 with the real vault, search and demo embedder (the model scripted): an answer that
gives a food from a diet note as an allergy, and denies the latex allergy the allergy list gives,
is flagged through the whole path (import, search, prompt, grounding). On main the allergy checks
read only drugs, and both sentences passed."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from fixtures.fake_models import FakeChatModel

from medlocal.engine.api import ChatMessage, Embedder
from medlocal.ingest.pipeline import import_paths
from medlocal.rag.answer import GroundedAnswerer
from medlocal.rag.passages import Scope
from medlocal.vault.store import Vault

QUESTION = "Does she have any allergies?"

NOTES = {
    "allergy_record.txt": (
        "GP record, 02/02/2026.\nAllergies: latex (anaphylaxis during surgery 2011).\n"
    ),
    "dietitian_note.txt": (
        "Dietitian review, 10/03/2026. Eats peanuts most days; shellfish supper on Fridays."
        " Weight stable at 64 kg.\n"
    ),
}


def _cite_the_diet_note(messages: Sequence[ChatMessage]) -> str:
    """The model's answer, citing the dietitian's note by the number the prompt gives it."""
    prompt = messages[-1].content
    found = re.search(r"\[(\d+)\] \(dietitian_note\.txt", prompt)
    assert found, prompt
    n = found.group(1)
    return f"She is allergic to peanuts [{n}]. She has no known allergies [{n}]."


def test_non_drug_allergies_are_checked_through_the_whole_path(
    vault: Vault, tmp_path: Path, demo_embedder: Embedder
) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    for name, text in NOTES.items():
        (folder / name).write_text(text, encoding="utf-8")
    patient = vault.add_patient("Wilhelmina Treloar", mrn="WT-448120")
    report = import_paths(vault, [folder / n for n in sorted(NOTES)], patient, demo_embedder)
    assert [f.status for f in report.files] == ["imported"] * len(NOTES)

    answerer = GroundedAnswerer(FakeChatModel(_cite_the_diet_note), vault, demo_embedder)
    answer = answerer.ask(QUESTION, Scope(patient)).consume()
    assert {p.hit.file_name for p in answer.passages} == set(NOTES), answer.passages

    unsupported = [f for f in answer.flags if f.kind == "unsupported_allergy"]
    assert [f.token for f in unsupported] == ["peanuts"], answer.flags
    # The denial cites the diet note; the allergy record, given but not cited, lists latex.
    conflicts = [f for f in answer.flags if f.kind == "negation_conflict"]
    assert len(conflicts) == 1, answer.flags
    record = next(p.number for p in answer.passages if p.hit.file_name == "allergy_record.txt")
    assert conflicts[0].passage == record and "latex" in conflicts[0].message, conflicts
    assert "does not cite" in conflicts[0].message
