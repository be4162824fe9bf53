"""Append-only, tamper-evident audit log inside the vault.

Each row carries ``mac = HMAC-SHA256(key, previous_mac || canonical(row))``; the newest MAC is also
kept in ``audit_head``. Editing a row breaks its MAC, deleting or reordering rows breaks the chain,
and dropping the newest rows no longer matches the head. Triggers refuse UPDATE and DELETE on the
table, so only someone who deliberately drops them can try — and verification catches that.

The HMAC key is derived once, with HKDF, from the data key the vault was created with, and kept in
the encrypted ``meta`` table, so the chain survives DEK rotation. Details hold ids, counts and
hashes — never patient text (use :func:`text_digest` for a question or a query).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from medlocal.vault.db import Connection
from medlocal.vault.keys import SecretKey

AUDIT_KEY_META = "audit_hmac_key"
GENESIS_MAC = bytes(32)

# Detail values are restricted to these types; strings are capped so free text cannot slip in.
MAX_DETAIL_STRING = 128


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    ts: str
    event: str
    details: dict[str, Any]


@dataclass(frozen=True)
class AuditReport:
    ok: bool
    rows: int
    problem: str | None = None
    bad_seq: int | None = None


def derive_audit_key(dek: SecretKey, vault_id: str) -> SecretKey:
    hkdf = HKDF(hashes.SHA256(), 32, salt=vault_id.encode("ascii"), info=b"medlocal audit hmac v1")
    return SecretKey(hkdf.derive(bytes(dek.buffer)))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _canonical(seq: int, ts: str, event: str, details_json: str) -> bytes:
    return json.dumps([seq, ts, event, details_json], separators=(",", ":")).encode("utf-8")


def _check_details(details: dict[str, Any]) -> None:
    for name, value in details.items():
        if isinstance(value, list):
            for item in value:
                _check_value(name, item)
        else:
            _check_value(name, value)


def _check_value(name: str, value: Any) -> None:
    if value is None or isinstance(value, bool | int | float):
        return
    if isinstance(value, str) and len(value) <= MAX_DETAIL_STRING:
        return
    raise ValueError(f"audit detail {name!r} must be an id, number, flag or short hash")


class AuditLog:
    """Writes and verifies the chain. Callers wrap :meth:`append` in their own transaction so the
    event commits together with the change it records."""

    def __init__(self, conn: Connection, key: SecretKey) -> None:
        self._conn = conn
        self._key = key

    def text_digest(self, text: str) -> str:
        """A keyed hash of text, so the log can link repeated queries without holding them."""
        return hmac.new(self._key.buffer, text.encode("utf-8"), hashlib.sha256).hexdigest()[:32]

    def _mac(self, previous: bytes, canonical: bytes) -> bytes:
        return hmac.new(self._key.buffer, previous + canonical, hashlib.sha256).digest()

    def append(self, event: str, details: dict[str, Any] | None = None) -> int:
        details = details or {}
        _check_details(details)
        details_json = json.dumps(details, sort_keys=True, separators=(",", ":"))
        head = self._conn.execute("SELECT seq, mac FROM audit_head WHERE id = 1").fetchone()
        seq, previous = (int(head[0]) + 1, bytes(head[1])) if head else (1, GENESIS_MAC)
        ts = _now()
        mac = self._mac(previous, _canonical(seq, ts, event, details_json))
        self._conn.execute(
            "INSERT INTO audit (seq, ts, event, details, mac) VALUES (?, ?, ?, ?, ?)",
            (seq, ts, event, details_json, mac),
        )
        self._conn.execute(
            "INSERT INTO audit_head (id, seq, mac) VALUES (1, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, mac = excluded.mac",
            (seq, mac),
        )
        return seq

    def verify(self) -> AuditReport:
        previous = GENESIS_MAC
        expected_seq = 1
        rows = self._conn.execute(
            "SELECT seq, ts, event, details, mac FROM audit ORDER BY seq"
        ).fetchall()
        for seq, ts, event, details_json, mac in rows:
            if seq != expected_seq:
                return AuditReport(False, len(rows), "a row is missing or out of order", seq)
            computed = self._mac(previous, _canonical(seq, ts, event, details_json))
            if not hmac.compare_digest(computed, bytes(mac)):
                return AuditReport(False, len(rows), "a row was altered, removed or moved", seq)
            previous = computed
            expected_seq += 1
        head = self._conn.execute("SELECT seq, mac FROM audit_head WHERE id = 1").fetchone()
        last_seq = expected_seq - 1
        if head is None and rows:
            return AuditReport(False, len(rows), "the audit head is missing", None)
        if head is not None and (
            int(head[0]) != last_seq or not hmac.compare_digest(bytes(head[1]), previous)
        ):
            return AuditReport(False, len(rows), "the newest rows were removed", last_seq + 1)
        return AuditReport(True, len(rows))

    def entries(self, limit: int | None = None, hide: Collection[str] = ()) -> list[AuditEntry]:
        """Newest last; ``limit`` keeps only the last N; events named in ``hide`` are left out
        (before the limit is applied)."""
        hidden = sorted(set(hide))
        where = f"WHERE event NOT IN ({', '.join('?' * len(hidden))})" if hidden else ""
        params: tuple[str | int, ...] = tuple(hidden)
        if limit is None:
            query = f"SELECT seq, ts, event, details FROM audit {where} ORDER BY seq"
        else:
            query = (
                f"SELECT * FROM (SELECT seq, ts, event, details FROM audit {where} "
                "ORDER BY seq DESC LIMIT ?) ORDER BY seq"
            )
            params = (*params, limit)
        return [
            AuditEntry(int(seq), str(ts), str(event), json.loads(details))
            for seq, ts, event, details in self._conn.execute(query, params).fetchall()
        ]

    def naming(
        self, patient_id: int, document_ids: Collection[int], output_ids: Collection[int]
    ) -> tuple[int, int]:
        """How many entries name the patient, one of their documents or saved outputs, and how
        many of those are exports. Counted by SQLite (review 49b R8: decoding a 100,000-entry
        log in Python for it paused the window for most of a second)."""
        row = self._conn.execute(
            "SELECT count(*), coalesce(sum(event = 'export'), 0) FROM audit "
            "WHERE json_extract(details, '$.patient_id') = ? "
            "OR json_extract(details, '$.document_id') IN (SELECT value FROM json_each(?)) "
            "OR json_extract(details, '$.output_id') IN (SELECT value FROM json_each(?))",
            (patient_id, json.dumps(sorted(document_ids)), json.dumps(sorted(output_ids))),
        ).fetchone()
        return int(row[0]), int(row[1])

    def count(self, events: Collection[str], from_seq: int = 1) -> int:
        """How many entries of these events have a sequence number of ``from_seq`` or more."""
        wanted = sorted(set(events))
        if not wanted:
            return 0
        marks = ", ".join("?" * len(wanted))
        row = self._conn.execute(
            f"SELECT count(*) FROM audit WHERE seq >= ? AND event IN ({marks})",
            (from_seq, *wanted),
        ).fetchone()
        return int(row[0])
