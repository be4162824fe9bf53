"""The audit log as both faces show it: each command-line run unlocks and locks the vault, so
its ``unlock`` and ``lock`` entries crowded out everything else ("audit show --limit 4" was all
sessions, walk 38). They are left out unless asked for, and counted so nothing looks missing."""

from __future__ import annotations

from dataclasses import dataclass

from medlocal.vault.audit import AuditEntry
from medlocal.vault.store import Vault

# Opening and closing the vault. ``failed_unlock`` is not among them: a wrong passphrase tried
# is worth seeing among the rest.
SESSION_EVENTS = ("unlock", "lock")


@dataclass(frozen=True)
class AuditView:
    entries: list[AuditEntry]
    # Session entries left out of the span the list covers (from its first entry to the newest
    # entry of the log; the whole log when the list is empty). 0 when they were included.
    hidden_sessions: int = 0

    def hidden_note(self, how_to_show: str) -> str:
        """ "12 unlock/lock entries not shown (--sessions shows them)." or "" when none were."""
        if not self.hidden_sessions:
            return ""
        return f"{self.hidden_sessions} unlock/lock entries not shown ({how_to_show})."


def audit_view(vault: Vault, limit: int | None = None, *, sessions: bool = False) -> AuditView:
    """The last ``limit`` entries (all if None), oldest first; without ``sessions`` the vault's
    unlock and lock entries are left out before the limit applies, and counted."""
    if sessions:
        return AuditView(vault.audit_entries(limit))
    entries = vault.audit_entries(limit, hide=SESSION_EVENTS)
    first = entries[0].seq if entries and limit is not None else 1
    return AuditView(entries, vault.audit_count(SESSION_EVENTS, first))
