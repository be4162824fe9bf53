"""Walk 50b D4: a cited passage read by OCR says so beside its source, in the CLI's source
list, the window's sources panel and exports (all print ``SourceRef.place``): OCR can misread a
value with full confidence. A mixed PDF names the scanned pages. The real SQLCipher vault gives
each hit the pages its OCR line boxes lie on."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from medlocal.cli.answer_sources import source_line
from medlocal.rag.export_parts import ExportDocument, reference_lines
from medlocal.rag.passages import SourceRef
from medlocal.vault.keys import KdfParams
from medlocal.vault.records import ChunkRecord, PageSpan, Region
from medlocal.vault.store import Vault

FAST = KdfParams(memory_kib=1024, iterations=1, lanes=1)
TYPED = "Discharge summary. Potassium 5.8 mmol/L on admission, treated."
SCANNED = "Eastwick Pathology Laboratory\nPotassium | 5.8 | mmol/L | 3.5-5.3"


def _source(page: int, last: int | None, scanned: tuple[int, ...]) -> SourceRef:
    return SourceRef(1, 1, 1, "mixed3.pdf", page, 0, 10, "Potassium 5.8", last, scanned)


def test_a_passage_read_from_a_scan_says_so_beside_its_source() -> None:
    assert _source(2, 3, (2,)).place == "mixed3.pdf, pp. 2\u20133 (read from a scan, p. 2)"
    assert _source(2, None, (2,)).place == "mixed3.pdf, p. 2 (read from a scan)"
    assert _source(1, 4, (1, 3)).place == "mixed3.pdf, pp. 1\u20134 (read from a scan, pp. 1, 3)"
    assert _source(1, None, ()).place == "mixed3.pdf, p. 1"  # a text layer: nothing added
    assert "(read from a scan)" in source_line(_source(2, None, (2,)))  # the CLI
    export = ExportDocument("Answer", "answer", "Potassium 5.8 [1].", [_source(2, 3, (2,))])
    assert "(read from a scan, p. 2)" in reference_lines(export)[0]  # exports


def test_saved_answers_keep_the_mark_and_older_ones_read_without_it() -> None:
    source = _source(2, 3, (2,))
    assert SourceRef.from_dict(source.as_dict()) == source
    older = {k: v for k, v in source.as_dict().items() if k != "scanned_pages"}
    assert SourceRef.from_dict(older).scanned_pages == ()


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    vault, _ = Vault.create(tmp_path / "vault", "pass", kdf_params=FAST)
    yield vault
    vault.lock()


def test_the_vaults_hits_name_the_pages_read_by_ocr(vault: Vault) -> None:
    patient = vault.add_patient("Scan Patient")
    text = f"{TYPED}\n\n{SCANNED}"
    typed = ChunkRecord(TYPED, 1, 0, len(TYPED))
    start = len(TYPED) + 2
    box = Region(2, 0.1, 0.2, 0.8, 0.25)
    scanned = ChunkRecord(SCANNED, 2, start, start + len(SCANNED), regions=(box,))
    vectors = np.full((2, 4), 0.5, dtype=np.float32)
    pages = (PageSpan(1, 0, len(TYPED)), PageSpan(2, start, len(text)))
    vault.add_document(
        patient,
        "mixed3.pdf",
        "pdf",
        b"%PDF",
        [typed, scanned],
        vectors,
        "m",
        text=text,
        pages=pages,
    )
    hits = vault.search("potassium", None, patient_id=patient, k=4)
    by_page = {hit.page: hit for hit in hits}
    assert by_page[1].scanned_pages == ()
    assert by_page[2].scanned_pages == (2,)
    shown = [SourceRef.from_hit(n, hit).place for n, hit in enumerate(hits, start=1)]
    assert "mixed3.pdf, p. 2 (read from a scan)" in shown
    assert "mixed3.pdf, p. 1" in shown
