"""Row ids that are never handed out twice.

SQLite gives a new row ``max(id) + 1``, so deleting the newest document (or patient, saved output
or chat) and adding another would give the newcomer the deleted one's id. Saved answers, chats and
the audit log name documents and patients by id: a citation of a deleted document would then open a
different document, perhaps another patient's, and ``--patient N`` in a script would reach a
different person; a new saved output would inherit a deleted one's audit entries and the date
offset of its redacted exports (keyed by the output id); a new chat would claim the saved answers
kept from a deleted one (they name their chat by id). The highest id ever used is kept in ``meta``
(inside the encrypted vault) and new rows are numbered above it. Callers hold the session and own
the transaction.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Literal

from medlocal.privacy.deid_dates import shift_from_bytes
from medlocal.vault.db import Connection

Table = Literal["chats", "documents", "outputs", "patients"]


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


DATE_SHIFT_KEY = "date_shift_key"


def date_shift_days(conn: Connection, scope: str) -> int:
    """The date offset of one redacted export ``scope`` (e.g. a saved output): an HMAC of the
    scope under a random key kept in ``meta``, so the preview and the export of the same output
    move dates by the same days, and the offset cannot be computed outside the vault."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (DATE_SHIFT_KEY,)).fetchone()
    if row is None:
        key = secrets.token_bytes(32)
        conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (DATE_SHIFT_KEY, key))
    else:
        key = bytes(row[0])
    return shift_from_bytes(hmac.new(key, scope.encode(), hashlib.sha256).digest())
