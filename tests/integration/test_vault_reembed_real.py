"""Re-embedding with the real demo embedder (llama.cpp, mean pooled), real chromadb and real
SQLCipher: documents stored with another model's vectors are found by meaning with the real
model only after ``Vault.reembed``, and the audit log records the load and each conversion."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from medlocal.vault.keys import KdfParams
from medlocal.vault.records import ChunkRecord
from medlocal.vault.store import Vault

FAST = KdfParams(memory_kib=1024, iterations=1, lanes=1)
NOTES = [
    "Started dabigatran for atrial fibrillation after discussion of bleeding risk.",
    "Renal function is stable; continue the current dose of all medicines.",
    "Allergy to penicillin causing rash documented.",
]


class OldModel:
    """Stands in for the previously installed embedder."""

    model_id = "old-embedder"
    dim = 4

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        out = np.ones((len(texts), self.dim), dtype=np.float32)
        normalised: npt.NDArray[np.float32] = out / np.linalg.norm(out, axis=1, keepdims=True)
        return normalised


def test_reembed_with_the_real_demo_embedder(tmp_path: Path, demo_embedder: Any) -> None:
    vault, _ = Vault.create(tmp_path / "vault", "correct horse battery", kdf_params=FAST)
    try:
        patient = vault.add_patient("P")
        old = OldModel()
        docs = [
            vault.add_document(
                patient,
                f"{i}.txt",
                "txt",
                text.encode(),
                [ChunkRecord(text, 1, 0, len(text))],
                old.embed([text]),
                old.model_id,
            )
            for i, text in enumerate(NOTES)
        ]
        query = demo_embedder.embed(["blood thinner for an irregular heartbeat"])[0]
        model = demo_embedder.model_id
        before = vault.search("", query, k=3, embed_model_id=model)
        assert before == []

        vault.record_model_load("embedding", demo_embedder.name, demo_embedder.sha256)
        report = vault.reembed(demo_embedder)
        assert (report.total, report.converted, report.cancelled) == (3, 3, False)
        after = vault.search("", query, k=3, embed_model_id=model)
        assert {h.document_id for h in after} == set(docs)
        assert all(h.vector_score is not None for h in after)
        assert vault.status().embed_models == [model]
        events = [e.event for e in vault.audit_entries()]
        assert events.count("reembed") == 3 and "model_load" in events
        assert vault.audit_verify().ok
    finally:
        vault.lock()
