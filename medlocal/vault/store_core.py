"""The plumbing every part of the :class:`~medlocal.vault.store.Vault` facade calls through.

:class:`VaultCore` holds the session of an unlocked vault and the ways a vault call takes hold of
it (:meth:`~VaultCore._read`, :meth:`~VaultCore._tx`, ...). ``Vault`` inherits it through the
mixins that hold its documents (``store_documents``) and chats (``store_chats``), so each of
those modules is typed against the same helpers the facade itself uses.
"""

from __future__ import annotations

import time
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any

from medlocal.errors import DiskFullError
from medlocal.vault.errors import VaultLockedError
from medlocal.vault.session import Session, reading, writing

# Keys of ``meta`` holding notes from one run to the next (see VaultCore.keep_note).
NOTE_PREFIX = "note:"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class VaultCore:
    """The session (None once locked) and the helpers that fetch it; ``Vault`` sets both
    attributes when it opens."""

    _s: Session | None
    _last_used: float

    @property
    def is_locked(self) -> bool:
        return self._s is None

    def _session(self) -> Session:
        session = self._s
        if session is None:
            raise VaultLockedError("The vault is locked.")
        self._last_used = time.monotonic()
        return session

    def _read(self) -> AbstractContextManager[Session]:
        return reading(self._session)

    def _tx(self) -> AbstractContextManager[Session]:
        return writing(self._session)

    def _write(self, event: str, details: dict[str, Any]) -> None:
        with self._tx() as s:
            s.audit.append(event, details)

    def _write_or_defer(
        self,
        entries: list[tuple[str, dict[str, Any]]],
        now_only: list[tuple[str, dict[str, Any]]] | None = None,
    ) -> DiskFullError | None:
        """Audit what a read did (an unlock, a model load) in one transaction; when the disk
        is full, keep the entries for the next write instead (Session.deferred_audit) and
        return the error, so the read goes on (walk 47a D3). ``now_only`` go first, and only
        in this transaction: never deferred."""
        try:
            with self._tx() as s:
                for event, details in [*(now_only or []), *entries]:
                    s.audit.append(event, details)
        except DiskFullError as full:
            self._session().deferred_audit.extend(entries)
            return full
        return None

    def keep_note(self, key: str, value: str) -> None:
        """Keep a short text for a later run inside the vault (encrypted with everything else:
        it may name files or patients), replacing an earlier one under ``key``."""
        with self._tx() as s:
            s.conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (f"{NOTE_PREFIX}{key}", value.encode("utf-8")),
            )

    def read_note(self, key: str) -> str | None:
        """The text kept under ``key``, left in place (a choice the next run starts from);
        None when none."""
        with self._read() as s:
            row = s.conn.execute(
                "SELECT value FROM meta WHERE key = ?", (f"{NOTE_PREFIX}{key}",)
            ).fetchone()
        return None if row is None else bytes(row[0]).decode("utf-8", errors="replace")

    def take_note(self, key: str) -> str | None:
        """The text kept under ``key``, removed as it is read (told once); None when none."""
        name = f"{NOTE_PREFIX}{key}"
        with self._read() as s:  # most unlocks find none: no write for them
            row = s.conn.execute("SELECT value FROM meta WHERE key = ?", (name,)).fetchone()
        if row is None:
            return None
        with self._tx() as s:
            s.conn.execute("DELETE FROM meta WHERE key = ?", (name,))
        return bytes(row[0]).decode("utf-8", errors="replace")
