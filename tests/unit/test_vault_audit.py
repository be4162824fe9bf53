"""The audit log's HMAC chain detects edited, deleted and reordered rows (real SQLCipher)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from medlocal.vault.keys import KdfParams
from medlocal.vault.records import ChunkRecord
from medlocal.vault.store import Vault

FAST = KdfParams(memory_kib=1024, iterations=1, lanes=1)
PASS = "correct horse battery"


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    vault, _ = Vault.create(tmp_path / "vault", PASS, kdf_params=FAST)
    patient = vault.add_patient("Someone")
    vector = np.ones((1, 4), dtype=np.float32) / 2
    doc = vault.add_document(
        patient, "a.txt", "txt", b"x", [ChunkRecord("warfarin 5 mg", None, 0, 13)], vector, "m"
    )
    vault.search("warfarin dose please", vector[0], patient_id=patient)
    vault.delete_document(doc)
    yield vault
    vault.lock()


def _raw(vault: Vault) -> Any:
    """The open connection, with the append-only triggers dropped as an attacker would."""
    session = vault._s
    assert session is not None
    conn = session.conn
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("DROP TRIGGER audit_no_delete")
    return conn


def test_chain_verifies_and_records_every_kind_of_event(vault: Vault) -> None:
    report = vault.audit_verify()
    assert report.ok and report.rows >= 5
    events = [e.event for e in vault.audit_entries()]
    for event in ("create", "patient_add", "import", "search", "delete"):
        assert event in events
    vault.record_event("model_load", {"sha256": "ab" * 32})
    assert vault.audit_entries(limit=1)[0].event == "model_load"
    assert vault.audit_verify().ok


def test_audit_holds_ids_and_hashes_never_text(vault: Vault) -> None:
    dump = json.dumps([e.details for e in vault.audit_entries()])
    for word in ("warfarin", "dose", "please", "Someone", "a.txt"):
        assert word not in dump
    with pytest.raises(ValueError):
        vault.record_event("ask", {"question": "What is the warfarin dose for this patient? " * 5})


def test_triggers_refuse_update_and_delete(vault: Vault) -> None:
    session = vault._s
    assert session is not None
    from medlocal.vault.db import DatabaseError

    with pytest.raises(DatabaseError, match="append-only"):
        session.conn.execute("UPDATE audit SET event = 'x' WHERE seq = 1")
    with pytest.raises(DatabaseError, match="append-only"):
        session.conn.execute("DELETE FROM audit WHERE seq = 1")


def test_edited_row_is_detected(vault: Vault) -> None:
    conn = _raw(vault)
    conn.execute("UPDATE audit SET details = '{\"patient_id\":99}' WHERE seq = 2")
    report = vault.audit_verify()
    assert not report.ok and report.bad_seq == 2


def test_edited_timestamp_is_detected(vault: Vault) -> None:
    conn = _raw(vault)
    conn.execute("UPDATE audit SET ts = '2000-01-01T00:00:00+00:00' WHERE seq = 3")
    assert not vault.audit_verify().ok


def test_deleted_row_is_detected(vault: Vault) -> None:
    conn = _raw(vault)
    conn.execute("DELETE FROM audit WHERE seq = 3")
    report = vault.audit_verify()
    assert not report.ok and report.bad_seq == 4


def test_deleted_newest_row_is_detected(vault: Vault) -> None:
    conn = _raw(vault)
    last = conn.execute("SELECT max(seq) FROM audit").fetchone()[0]
    conn.execute("DELETE FROM audit WHERE seq = ?", (last,))
    report = vault.audit_verify()
    assert not report.ok and "newest" in (report.problem or "")


def test_reordered_rows_are_detected(vault: Vault) -> None:
    conn = _raw(vault)
    rows = conn.execute("SELECT seq, ts, event, details, mac FROM audit WHERE seq IN (2, 3)")
    (s2, *r2), (s3, *r3) = rows.fetchall()
    conn.execute("UPDATE audit SET ts=?, event=?, details=?, mac=? WHERE seq=?", (*r3, s2))
    conn.execute("UPDATE audit SET ts=?, event=?, details=?, mac=? WHERE seq=?", (*r2, s3))
    report = vault.audit_verify()
    assert not report.ok and report.bad_seq == 2


def test_renumbered_rows_are_detected(vault: Vault) -> None:
    conn = _raw(vault)
    conn.execute("UPDATE audit SET seq = seq + 1000 WHERE seq = 1")
    assert not vault.audit_verify().ok


def test_chain_survives_key_rotation_and_reopen(vault: Vault, tmp_path: Path) -> None:
    vault.rotate_key(PASS)
    assert vault.audit_verify().ok
    vault.lock()
    with Vault.open(tmp_path / "vault", PASS) as reopened:
        assert reopened.audit_verify().ok
        assert [e.event for e in reopened.audit_entries()][-1] == "unlock"
