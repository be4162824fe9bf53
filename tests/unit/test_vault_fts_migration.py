"""Schema step 2 on a real SQLCipher database: a vault written by the first schema keeps every
passage findable after the upgrade, and exact-word search now stems (``discharged`` finds
``DISCHARGE``) while doses and drug names still match only themselves."""

from __future__ import annotations

from pathlib import Path

from medlocal.vault import db
from medlocal.vault.keys import SecretKey
from medlocal.vault.lexical import bm25_search
from medlocal.vault.schema import MIGRATIONS

PASSAGES = [
    "DISCHARGE MEDICATIONS: Metformin 500mg twice daily.",
    "She was prescribed amoxicillin 875 mg for pneumonia.",
    "Follow-up with the diabetes nurse in two weeks.",
]


def _version_one_vault(path: Path) -> db.Connection:
    conn = db.connect(path, SecretKey.generate())
    with db.transaction(conn):
        for statement in db._statements(MIGRATIONS[0]):
            conn.execute(statement)
        conn.execute("PRAGMA user_version = 1")
        conn.execute("INSERT INTO patients (id, name, created_at) VALUES (1, 'A', 'now')")
        conn.execute(
            "INSERT INTO documents (id, patient_id, file_name, file_type, size, sha256, "
            "imported_at, embed_model_id, content) VALUES (1, 1, 'a.txt', 'txt', 1, 'x', 'now', "
            "'m', x'00')"
        )
        for ordinal, text in enumerate(PASSAGES):
            conn.execute(
                "INSERT INTO chunks (document_id, ord, text, start_char, end_char) "
                "VALUES (1, ?, ?, 0, 1)",
                (ordinal, text),
            )
    return conn


def _found(conn: db.Connection, query: str) -> list[str]:
    ids = [chunk_id for chunk_id, _ in bm25_search(conn, query, 10, patient_id=1)]
    texts = dict(conn.execute("SELECT id, text FROM chunks").fetchall())
    return [texts[i] for i in ids]


def test_upgrade_keeps_passages_and_stems(tmp_path: Path) -> None:
    conn = _version_one_vault(tmp_path / "vault.db")
    assert _found(conn, "discharged") == []  # the first schema does not stem
    db.migrate(conn)
    assert db.schema_version(conn) == len(MIGRATIONS)
    assert _found(conn, "discharged") == [PASSAGES[0]]
    assert _found(conn, "prescribing") == [PASSAGES[1]]
    assert _found(conn, "500mg") == [PASSAGES[0]]  # a dose stays one token
    assert _found(conn, "500") == []
    assert _found(conn, "amoxicillin") == [PASSAGES[1]]
    assert _found(conn, "nurses") == [PASSAGES[2]]
    conn.close()


def test_new_passages_are_indexed_with_their_header(tmp_path: Path) -> None:
    conn = _version_one_vault(tmp_path / "vault.db")
    db.migrate(conn)
    with db.transaction(conn):
        conn.execute(
            "INSERT INTO chunks (document_id, ord, text, start_char, end_char, context) "
            "VALUES (1, 9, 'Walk daily as tolerated.', 0, 1, 'discharge summary | ACTIVITY')"
        )
    # Found by a word of its header; the stored (and shown) text is the passage alone.
    assert _found(conn, "activity") == ["Walk daily as tolerated."]
    with db.transaction(conn):
        conn.execute("DELETE FROM chunks WHERE ord = 9")
    assert _found(conn, "activity") == []
    conn.close()
