"""How the window says to remove older backups: with its own controls, never a terminal command
(walk 50a D4: after a backup it said "medlocal settings set backup_keep N …, or now: medlocal
vault backup --prune 1 --to …" beside the Keep newest box that does it). In the window, removing
older backups is Keep newest plus a new backup (the older ones go once it is verified), or, when
the drive is too full for one more, Remove older backups with the count it asks for (left 51,
review 51b R2)."""

from __future__ import annotations

from medlocal.vault.backup_listing import LAST_ONLY, RoomAdvice

KEEP_FEWER = (
    "To keep only the newest N, set Keep newest above to N: each backup then removes the older "
    "ones once it is verified (press Back up now to do it now)."
)
ERASE_FROM_BACKUPS = (
    "after the removal open Tools → Backup and restore…, choose that folder, set Keep newest to "
    "1 and press Back up now: once the new backup is verified the older ones there are removed "
    "(remove any copies elsewhere yourself)."
)

# The window's own action for removing this vault's older backups from the chosen folder.
REMOVE_OLDER = "Remove older backups"


def make_room(plain: str, advice: RoomAdvice | None, keep_newest: int = 0) -> str:
    """A backup refused for a full drive, as the window says it (left 51: it ended with a
    ``medlocal vault backup --prune N --to …`` command): what is in that folder, and the
    window's own way to make room there: Remove older backups, keeping the count it asks for
    (review 51b R2: the advice went through Keep newest, so the backup after it removed one more
    than it said and Keep newest stayed changed). ``keep_newest``: the Keep newest box (0:
    "all"), whose removal the new backup then does as well, said when it removes more."""
    if advice is None:
        return plain
    if advice.keep is None:
        return plain + advice.note + (LAST_ONLY if advice.last_only else "")
    after = advice.keep + 1  # this vault's backups there once the new one is written
    if 0 < keep_newest < after:
        then = (
            f" (With Keep newest at {keep_newest}, that backup then keeps only the newest "
            f"{keep_newest} of them there.)"
        )
    else:
        then = f" The {advice.keep} kept stay beside the new one."
    return (
        f"{plain}{advice.note} Removing this vault's oldest {advice.removed} would make room: "
        f"press {REMOVE_OLDER}, keep the newest {advice.keep}, then Back up now.{then}"
    )
