"""How the window says to remove older backups: with its own controls, never a terminal command
(walk 50a D4: after a backup it said "medlocal settings set backup_keep N …, or now: medlocal
vault backup --prune 1 --to …" beside the Keep newest box that does it). In the window, removing
older backups is Keep newest plus a new backup (the older ones go once it is verified)."""

from __future__ import annotations

KEEP_FEWER = (
    "To keep only the newest N, set Keep newest above to N: each backup then removes the older "
    "ones once it is verified (press Back up now to do it now)."
)
ERASE_FROM_BACKUPS = (
    "after the removal open Tools → Backup and restore…, choose that folder, set Keep newest to "
    "1 and press Back up now: once the new backup is verified the older ones there are removed "
    "(remove any copies elsewhere yourself)."
)
