"""The new-user walkthrough's repro with real components (import pipeline and chunker, llama.cpp
embeddings, SQLCipher, chromadb, FTS5): a text file that is one line repeated 3,000 times must
not push the lab report out of search results or of what an answer is given."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.ingest_files import make_pdf

from medlocal.engine.api import Embedder
from medlocal.ingest.pipeline import import_paths
from medlocal.vault.diversify import text_key
from medlocal.vault.store import Vault


@pytest.mark.slow  # embedding the 3,000-line file takes a few minutes on two cores
def test_a_repeated_line_takes_one_place_and_the_lab_report_is_found(
    vault: Vault, demo_embedder: Embedder, tmp_path: Path
) -> None:
    folder = tmp_path / "records"
    folder.mkdir()
    (folder / "lab_report.pdf").write_bytes(
        make_pdf(["Renal profile. Sodium 139 mmol/L. Potassium 5.4 mmol/L H. Urea 6.2 mmol/L."])
    )
    (folder / "discharge.txt").write_text(
        "Discharge summary.\n\nAdmitted with dehydration and treated with fluids. Potassium "
        "4.1 mmol/L on the day of discharge. Follow up with the GP in one week."
    )
    (folder / "hugeline.txt").write_text("Potassium 4.5 mmol/L " * 3000)
    patient = vault.add_patient("Walkthrough Patient")
    report = import_paths(vault, [folder], patient, demo_embedder)
    assert [o.status for o in report.files] == ["imported"] * 3

    for query, k in (("potassium", 12), ("What was her most recent potassium?", 5)):
        hits = vault.search(
            query,
            demo_embedder.embed([query])[0],
            patient_id=patient,
            k=k,
            embed_model_id=demo_embedder.model_id,
        )
        names = [h.file_name for h in hits]
        assert "lab_report.pdf" in names and "discharge.txt" in names, names
        assert len({text_key(h.text) for h in hits}) == len(hits)
