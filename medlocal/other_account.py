"""A folder or file of another user account, met on the way to a path MedLocal was asked to use.

Walk 52b M2: a second account named the first account's backup or vault, and the permission
error that followed read "Make its folder writable again": advice to loosen another account's
private (patient) data, naming a file that was not even there. A permission error is now checked
against the path's owners; when another account's private folder (or file) is what refused it,
the message says so, names that folder, and points at the user's own vault and backups.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from medlocal.errors import UserInputError
from medlocal.fsutil import shown_path


def blocking_entry(path: Path) -> tuple[Path, int] | None:
    """The first folder on the way to ``path`` (or ``path`` itself) that this process may not
    open and that belongs to another user account, with that account's user id; None when
    nothing on the way is another account's (or when it cannot be told: not POSIX)."""
    if os.name != "posix":
        return None
    full = Path(os.path.abspath(path))
    found = _blocking_on_the_way(full)
    if found is None:
        # A symbolic link on the way (a file of one's own folder pointing into another
        # account's private folder) is not followed by the walk above: its stat fails from
        # the link itself, so the link's target is walked too (review 52b F4).
        target = Path(os.path.realpath(full))
        if target != full:
            found = _blocking_on_the_way(target)
    return found


def _blocking_on_the_way(full: Path) -> tuple[Path, int] | None:
    me = os.geteuid()
    for entry in (*reversed(full.parents), full):
        try:
            found = entry.stat()
        except OSError:  # missing, or refused by a folder above that this loop allowed
            return None
        folder = stat.S_ISDIR(found.st_mode)
        # Folders above need only be passed through (x); the path itself must be readable.
        wanted = os.X_OK if entry != full else (os.R_OK | os.X_OK if folder else os.R_OK)
        if _allowed(entry, wanted):
            continue
        return (entry, found.st_uid) if found.st_uid != me else None
    return None


def _allowed(entry: Path, mode: int) -> bool:
    if os.access in os.supports_effective_ids:
        return os.access(entry, mode, effective_ids=True)
    return os.access(entry, mode)


def account_name(uid: int) -> str:
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return f"user id {uid}"


def another_account_message(path: Path) -> str | None:
    """What to say when ``path`` cannot be read because another account's private folder or
    file is on the way; None when that is not why."""
    found = blocking_entry(path)
    if found is None:
        return None
    entry, owner = found
    name = account_name(owner)
    full = Path(os.path.abspath(path))
    itself = entry in (full, Path(os.path.realpath(full)))
    where = "it" if itself else f"the folder {shown_path(entry)}"
    return (
        f"MedLocal cannot read {shown_path(full)}: {where} belongs to another user account "
        f"({name}) and is private to that account. Nothing was read or changed. Each account "
        f"keeps its own vault and backups: use your own, or sign in as that account to use these."
    )


def refuse_another_accounts(path: Path) -> None:
    """Raise :class:`UserInputError` before anything else is asked (a passphrase, say) when
    ``path`` is behind another account's private folder."""
    if (message := another_account_message(path)) is not None:
        raise UserInputError(message)
