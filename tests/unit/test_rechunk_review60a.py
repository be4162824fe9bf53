"""Review60a L1: a document the update cannot read again is named in its report.

The current ODT extractor leaves a section out that Writer hides by its condition (ingest60); a
letter whose only text was in such a section now reads as no text. The update keeps its old
text (and records the version, so it is not tried at every unlock), as for a missing original
or OCR text; it was counted "left as it was" without a name or a reason, where those two are
named ("kept as it was: ...")."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.office_files import make_odt, with_parts
from fixtures.reread_letter import EMB, older_odt_extractor
from fixtures.vault_file import new_vault

from medlocal.ingest.extractor_versions import extractor_version
from medlocal.ingest.pipeline import import_paths
from medlocal.ingest.rechunk import UNREADABLE, pending_documents, rechunk_documents
from medlocal.vault.store import Vault


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    with new_vault(tmp_path / "vault") as vault:
        yield vault


def _all_hidden() -> bytes:
    section = (
        '<text:section text:name="Old" text:display="condition" text:condition="ooow:1" '
        'text:is-hidden="true"><text:p>Warfarin 5 mg daily.</text:p></text:section>'
    )
    return with_parts(
        make_odt(["MARKER"]),
        lambda name, part: (
            part.replace(b"<text:p>MARKER</text:p>", section.encode())
            if name == "content.xml"
            else part
        ),
    )


def test_a_document_the_update_cannot_read_is_named_with_why(
    vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    patient = vault.add_patient("P")
    path = tmp_path / "template.odt"
    path.write_bytes(_all_hidden())
    with older_odt_extractor(monkeypatch):
        (outcome,) = import_paths(vault, [path], patient, EMB).files
    document_id = outcome.document_id
    assert document_id is not None
    with vault._tx() as s:  # read before versions were kept
        s.conn.execute("DELETE FROM document_extractors")
    old_text = vault.document_text(document_id)
    result = rechunk_documents(vault, EMB)
    assert (result.total, result.failed) == (1, 1)
    ((name, why),) = result.kept
    assert name == "template.odt" and why.startswith(UNREADABLE) and "no text" in why
    assert vault.document_text(document_id) == old_text
    assert vault.extractor_version(document_id) == extractor_version("odt")
    assert pending_documents(vault) == []
