"""Every export of a patient reads a day-and-month date the way the patient's record writes its
dates (walk 20: "on 6/3" became 21 July in a document's copy and 18 October in a summary's,
whose few words could not say which came first; an Australian note whose dates were all
ambiguous was read the American way)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from medlocal.privacy.deid_dates import writes_day_first
from medlocal.privacy.redact import Redactor
from medlocal.rag.export import Shared, document_from_output, plan_for_export
from medlocal.rag.export_record import patient_day_order
from medlocal.vault.keys import KdfParams
from medlocal.vault.records import ChunkRecord
from medlocal.vault.store import Vault

FAST = KdfParams(memory_kib=1024, iterations=1, lanes=1)
RECORD = "Seen 25/02/2024 in clinic; bloods 27/02/2024. Review on 6/3 with results."


def _vault(tmp_path: Path, text: str) -> tuple[Vault, int]:
    vault, _ = Vault.create(tmp_path / "vault", "pass", kdf_params=FAST)
    patient = vault.add_patient("Ada Quinlan")
    chunk = ChunkRecord(text, 1, 0, len(text))
    vector = np.full((1, 4), 0.5, dtype=np.float32)
    vault.add_document(patient, "note.txt", "txt", text.encode(), [chunk], vector, "m")
    return vault, patient


def test_a_summary_reads_a_day_and_month_as_the_patients_record_does(tmp_path: Path) -> None:
    vault, patient = _vault(tmp_path, RECORD)
    assert patient_day_order(vault, patient) is True
    summary = document_from_output("Summary", "summary", "Review on 6/3 [1].", {}, [])
    plan = plan_for_export(vault, patient, summary, scope=Shared.output(1).scope)
    shift = vault.date_shift_days(f"patient:{patient}")
    moved = [it.redaction.replacement for it in plan.items if it.redaction.original == "6/3"]
    # 6 March, moved by the patient's offset and written day first as the record writes; read
    # alone the summary's "6/3" would have been 3 June. Compared with the day-first reading
    # itself, not with the other: an offset can write both alike (158 days makes each "11/8").
    day_first = Redactor(shift_days=shift, day_first=True).preview("Review on 6/3.")
    alone = Redactor(shift_days=shift).preview("Review on 6/3.")
    assert moved == [day_first[0].replacement], (moved, day_first, alone)
    vault.lock()


def test_the_writing_says_the_day_order_where_the_dates_do_not() -> None:
    assert writes_day_first("Toowong QLD 4066. Seen 12/08/2024; haemoglobin 121.") is True
    assert writes_day_first("Columbus, OH 43215. Seen 12/08/2024; hemoglobin 12.1.") is False
    assert writes_day_first("Seen 12/08/2024.") is None
    assert writes_day_first("Seen 25/08/2024 in Columbus, OH 43215.") is True  # dates first
