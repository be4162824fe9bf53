"""SQL for chats and generated outputs (called by the Vault inside its transactions)."""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from medlocal.vault.audit import MAX_DETAIL_STRING, AuditLog
from medlocal.vault.db import Connection
from medlocal.vault.errors import NotFoundError
from medlocal.vault.ids import next_id
from medlocal.vault.patients import require_patient
from medlocal.vault.rows import StoredMessage, StoredOutput

CHAT_ROLES = frozenset({"system", "user", "assistant"})


@dataclass(frozen=True)
class NewOutput:
    """A generated answer or summary about to be saved."""

    patient_id: int | None
    kind: str
    title: str
    content: str
    provenance: dict[str, Any]
    flags: list[dict[str, Any]]


def append_message(
    conn: Connection, audit: AuditLog, chat_id: int, role: str, content: str, at: str
) -> int:
    """One chat message with its ``chat_message`` event (ids and role, no text)."""
    if role not in CHAT_ROLES:
        raise ValueError(f"unknown chat role {role!r}")
    if not chat_exists(conn, chat_id):
        raise NotFoundError(f"No chat with id {chat_id}.")
    message_id = insert_message(conn, chat_id, role, content, at)
    audit.append("chat_message", {"chat_id": chat_id, "message_id": message_id, "role": role})
    return message_id


def append_output(conn: Connection, audit: AuditLog, output: NewOutput, at: str) -> int:
    """One saved output with its ``output_save`` event (ids and kind, no text)."""
    if output.patient_id is not None:
        require_patient(conn, output.patient_id)
    output_id = insert_output(
        conn,
        patient_id=output.patient_id,
        kind=output.kind,
        title=output.title,
        content=output.content,
        provenance=output.provenance,
        flags=output.flags,
        created_at=at,
    )
    audit.append(
        "output_save",
        {
            "output_id": output_id,
            "patient_id": output.patient_id,
            "kind": output.kind[:MAX_DETAIL_STRING],
        },
    )
    return output_id


def insert_chat(conn: Connection, patient_id: int | None, created_at: str) -> int:
    chat_id = next_id(conn, "chats")
    conn.execute(
        "INSERT INTO chats (id, patient_id, created_at) VALUES (?, ?, ?)",
        (chat_id, patient_id, created_at),
    )
    return chat_id


def chat_exists(conn: Connection, chat_id: int) -> bool:
    return conn.execute("SELECT 1 FROM chats WHERE id = ?", (chat_id,)).fetchone() is not None


def insert_message(conn: Connection, chat_id: int, role: str, content: str, at: str) -> int:
    cursor = conn.execute(
        "INSERT INTO chat_messages (chat_id, role, content, created_at) VALUES (?, ?, ?, ?)",
        (chat_id, role, content, at),
    )
    return int(cursor.lastrowid)


def delete_chats(conn: Connection, audit: AuditLog, chat_ids: Collection[int]) -> None:
    """Remove chats with their messages, each with a ``chat_delete`` event (ids and the number
    of messages, never text); NotFoundError, removing nothing once the caller rolls back, when
    one does not exist. Saved answers given in them are separate records and stay. The caller
    folds the WAL back afterwards (``secure_delete`` zeroes the freed cells)."""
    for chat_id in sorted(set(chat_ids)):
        row = conn.execute("SELECT patient_id FROM chats WHERE id = ?", (chat_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"No chat with id {chat_id}.")
        gone = conn.execute("DELETE FROM chat_messages WHERE chat_id = ?", (chat_id,)).rowcount
        conn.execute("DELETE FROM chats WHERE id = ?", (chat_id,))
        audit.append(
            "chat_delete",
            {
                "chat_id": chat_id,
                "patient_id": None if row[0] is None else int(row[0]),
                "messages": int(gone),
            },
        )


def remove_message(conn: Connection, audit: AuditLog, chat_id: int, message_id: int) -> bool:
    """Remove one message of a chat, with a ``chat_message_remove`` event (ids only); False
    when it was not there (its chat deleted meanwhile)."""
    gone = conn.execute(
        "DELETE FROM chat_messages WHERE id = ? AND chat_id = ?", (message_id, chat_id)
    ).rowcount
    if gone:
        audit.append("chat_message_remove", {"chat_id": chat_id, "message_id": message_id})
    return bool(gone)


def has_message(conn: Connection, chat_id: int, message_id: int) -> bool:
    row = conn.execute(
        "SELECT 1 FROM chat_messages WHERE id = ? AND chat_id = ?", (message_id, chat_id)
    ).fetchone()
    return row is not None


def messages(conn: Connection, chat_id: int) -> list[StoredMessage]:
    rows = conn.execute(
        "SELECT id, chat_id, role, content, created_at FROM chat_messages "
        "WHERE chat_id = ? ORDER BY id",
        (chat_id,),
    ).fetchall()
    return [StoredMessage(int(r[0]), int(r[1]), str(r[2]), str(r[3]), str(r[4])) for r in rows]


def chats(conn: Connection, patient_id: int | None) -> list[tuple[int, int | None, str]]:
    sql = "SELECT id, patient_id, created_at FROM chats"
    params: tuple[object, ...] = ()
    if patient_id is not None:
        sql += " WHERE patient_id = ?"
        params = (patient_id,)
    rows = conn.execute(sql + " ORDER BY id", params).fetchall()
    return [(int(r[0]), None if r[1] is None else int(r[1]), str(r[2])) for r in rows]


def insert_output(
    conn: Connection,
    *,
    patient_id: int | None,
    kind: str,
    title: str,
    content: str,
    provenance: dict[str, Any],
    flags: list[dict[str, Any]],
    created_at: str,
) -> int:
    output_id = next_id(conn, "outputs")
    conn.execute(
        "INSERT INTO outputs (id, patient_id, kind, title, content, provenance, flags, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            output_id,
            patient_id,
            kind,
            title,
            content,
            json.dumps(provenance, sort_keys=True),
            json.dumps(flags, sort_keys=True),
            created_at,
        ),
    )
    return output_id


def delete_outputs(conn: Connection, audit: AuditLog, output_ids: Collection[int]) -> None:
    """Remove saved outputs, each with an ``output_delete`` event (ids and kind, never text);
    NotFoundError, removing nothing once the caller rolls back, when one does not exist.
    ``secure_delete`` zeroes the freed cells; the caller folds the WAL back afterwards."""
    for output_id in sorted(set(output_ids)):
        row = conn.execute(
            "SELECT patient_id, kind FROM outputs WHERE id = ?", (output_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"No saved output with id {output_id}.")
        conn.execute("DELETE FROM outputs WHERE id = ?", (output_id,))
        audit.append(
            "output_delete",
            {
                "output_id": output_id,
                "patient_id": None if row[0] is None else int(row[0]),
                "kind": str(row[1])[:MAX_DETAIL_STRING],
            },
        )


def outputs(
    conn: Connection,
    *,
    output_id: int | None = None,
    patient_id: int | None = None,
    chat_id: int | None = None,
) -> list[StoredOutput]:
    """Saved outputs, oldest first: one, a patient's, or the answers given in chat ``chat_id``
    (its id in their provenance; only those rows are read into Python and decoded)."""
    sql = "SELECT id, patient_id, kind, title, content, provenance, flags, created_at FROM outputs"
    params: tuple[object, ...] = ()
    if output_id is not None:
        sql, params = sql + " WHERE id = ?", (output_id,)
    elif chat_id is not None:
        sql += " WHERE kind = 'answer' AND json_extract(provenance, '$.chat_id') = ?"
        params = (chat_id,)
    elif patient_id is not None:
        sql, params = sql + " WHERE patient_id = ?", (patient_id,)
    return [
        StoredOutput(
            id=int(r[0]),
            patient_id=None if r[1] is None else int(r[1]),
            kind=str(r[2]),
            title=str(r[3]),
            content=str(r[4]),
            provenance=json.loads(r[5]),
            flags=json.loads(r[6]),
            created_at=str(r[7]),
        )
        for r in conn.execute(sql + " ORDER BY id", params).fetchall()
    ]
