"""Row ids that are never handed out twice.

SQLite gives a new row ``max(id) + 1``, so deleting the newest document (or patient) and
importing another would give the newcomer the deleted one's id. Saved answers, chats and the audit
log name documents and patients by id: a citation of a deleted document would then open a
different document, perhaps another patient's, and ``--patient N`` in a script would reach a
different person. The highest id ever used is kept in ``meta`` (inside the encrypted vault) and
new rows are numbered above it. Callers hold the session and own the transaction.
"""

from __future__ import annotations

from typing import Literal

from medlocal.vault.db import Connection

Table = Literal["documents", "patients"]


def next_id(conn: Connection, table: Table) -> int:
    """An id above every id ``table`` has ever held, recorded as used."""
    key = f"{table}_last_id"
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    used = int(row[0]) if row is not None else 0
    present = conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()
    new_id = max(used, int(present[0])) + 1
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, str(new_id)),
    )
    return new_id
