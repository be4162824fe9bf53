"""Deleting a document says how many saved answers and summaries were written from it (they keep
their own text, quotations included)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from medlocal.app.outputs import outputs_citing
from medlocal.vault.keys import KdfParams
from medlocal.vault.store import Vault

FAST = KdfParams(memory_kib=1024, iterations=1, lanes=1)


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    vault, _ = Vault.create(tmp_path / "vault", "correct horse battery", kdf_params=FAST)
    with vault:
        yield vault


def test_counts_outputs_whose_passages_or_sources_name_the_document(vault: Vault) -> None:
    patient = vault.add_patient("P")
    vault.save_output(patient, "answer", "q", "a [1]", {"passages": [{"document_id": 7}]}, [])
    vault.save_output(patient, "summary", "s", "b", {"sources": [{"document_id": 7}]}, [])
    vault.save_output(patient, "answer", "q2", "c", {"passages": [{"document_id": 8}]}, [])
    vault.save_output(patient, "answer", "q3", "Not found.", {}, [])
    assert outputs_citing(vault, [7]) == 2
    assert outputs_citing(vault, [7, 8]) == 3
    assert outputs_citing(vault, [9]) == 0


def test_preview_and_export_of_one_output_shift_dates_alike(vault: Vault, tmp_path: Path) -> None:
    """The CLI previews and exports in two runs: both must move dates by the same days (the
    preview shows exactly what the file will hold); every output of the same patient moves them
    alike (one timeline for a case shared in several files), another patient's by its own
    offset."""
    from medlocal.app.outputs import export_shared, preview_redactions
    from medlocal.rag.export import Shared

    patient = vault.add_patient("P")
    body = "Admitted on 2024-03-05 and discharged on 2024-03-09."
    first = vault.save_output(patient, "answer", "q", body, {}, [])
    second = vault.save_output(patient, "answer", "q", body, {}, [])

    def shifted(output_id: int) -> list[str]:
        plan = preview_redactions(vault, Shared.output(output_id))
        return [i.redaction.replacement for i in plan.items if i.redaction.kind == "date"]

    preview = shifted(first)
    assert len(preview) == 2 and preview == shifted(first)
    out = tmp_path / "export.md"
    export_shared(vault, Shared.output(first), out, redact=True)
    assert all(date in out.read_text() for date in preview)
    offsets = {vault.date_shift_days(f"output:{n}") for n in range(first, first + 40)}
    assert len(offsets) > 20 and all(30 <= abs(days) <= 365 for days in offsets)
    assert shifted(second) == preview  # the same patient: the same offset
    other = vault.add_patient("Q")
    third = vault.save_output(other, "answer", "q", body, {}, [])
    if vault.date_shift_days(f"patient:{other}") != vault.date_shift_days(f"patient:{patient}"):
        assert shifted(third) != preview
