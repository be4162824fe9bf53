"""Patient and collection rows. Callers hold the session and own the transaction."""

from __future__ import annotations

from medlocal.errors import UserInputError
from medlocal.vault.db import Connection
from medlocal.vault.errors import NotFoundError
from medlocal.vault.ids import next_id
from medlocal.vault.rows import Collection, Patient

_PATIENT_COLUMNS = "id, name, mrn, dob, created_at"


def insert_patient(
    conn: Connection, name: str, mrn: str | None, dob: str | None, created_at: str
) -> int:
    patient_id = next_id(conn, "patients")
    conn.execute(
        "INSERT INTO patients (id, name, mrn, dob, created_at) VALUES (?, ?, ?, ?, ?)",
        (patient_id, name, mrn, dob, created_at),
    )
    return patient_id


def list_patients(conn: Connection) -> list[Patient]:
    rows = conn.execute(f"SELECT {_PATIENT_COLUMNS} FROM patients ORDER BY id").fetchall()
    return [Patient(int(r[0]), str(r[1]), r[2], r[3], str(r[4])) for r in rows]


def get_patient(conn: Connection, patient_id: int) -> Patient | None:
    row = conn.execute(
        f"SELECT {_PATIENT_COLUMNS} FROM patients WHERE id = ?", (patient_id,)
    ).fetchone()
    if row is None:
        return None
    return Patient(int(row[0]), str(row[1]), row[2], row[3], str(row[4]))


def require_patient(conn: Connection, patient_id: int) -> None:
    if conn.execute("SELECT 1 FROM patients WHERE id = ?", (patient_id,)).fetchone() is None:
        raise NotFoundError(f"No patient with id {patient_id}.")


def collection_id(conn: Connection, name: str, *, created_at: str | None) -> int | None:
    """The id of collection ``name``. A new name is created stamped ``created_at``, or gives
    None when ``created_at`` is None (a lookup only)."""
    name = name.strip()
    if not name:
        raise UserInputError("A collection needs a name.")
    row = conn.execute("SELECT id FROM collections WHERE name = ?", (name,)).fetchone()
    if row is not None:
        return int(row[0])
    if created_at is None:
        return None
    cursor = conn.execute(
        "INSERT INTO collections (name, created_at) VALUES (?, ?)", (name, created_at)
    )
    return int(cursor.lastrowid)


def list_collections(conn: Connection) -> list[Collection]:
    rows = conn.execute("SELECT id, name FROM collections ORDER BY name").fetchall()
    return [Collection(int(r[0]), str(r[1])) for r in rows]
