"""``medlocal vault backup`` and ``medlocal vault restore``: encrypted, verified backups.

Thin: arguments, secrets, confirmation and a progress line; the work is in
``medlocal.vault.backup`` and ``medlocal.vault.restore``, which the window calls too.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from medlocal.cli.common import (
    add_vault_args,
    ask_secret,
    confirm,
    notice,
    read_secret_file,
    tell_vault_upgrade,
    workspace,
)
from medlocal.cli.vault_cmds import new_passphrase
from medlocal.errors import MedLocalError, UserInputError
from medlocal.fsutil import shown_name, shown_path
from medlocal.other_account import refuse_another_accounts
from medlocal.progress import Progress
from medlocal.settings import load_settings
from medlocal.wording import counted

if TYPE_CHECKING:
    from medlocal.app.backups import Held
from medlocal.vault.errors import VaultNotFoundError


def register_vault_actions(actions: Any) -> None:
    """Add ``backup`` and ``restore`` to the ``medlocal vault`` actions."""
    backup = actions.add_parser(
        "backup", help="write an encrypted, verified backup of the vault (or --verify one)"
    )
    add_vault_args(backup)
    backup.add_argument(
        "--to",
        metavar="DIR",
        help="folder to write into, made with any missing folders above it, as mkdir -p "
        "(never where drives appear: /media, /mnt, /Volumes) (default: the backup_folder "
        "setting)",
    )
    backup.add_argument(
        "--keep",
        type=_positive_int,
        metavar="N",
        help="then remove this vault's oldest backups in DIR beyond N (default: the "
        "backup_keep setting; 0 there keeps all)",
    )
    backup.add_argument(
        "--list",
        action="store_true",
        help="instead, list the backups in DIR (date, size, verified or unfinished, which vault)",
    )
    backup.add_argument(
        "--prune",
        type=_whole_number,
        metavar="N",
        help="instead, remove this vault's oldest backups in DIR so that the newest N (at least "
        "1) remain, to make room; asks first, then unlocks the vault to write the removal to its "
        "audit log; writes no backup",
    )
    backup.add_argument("--yes", action="store_true", help="with --prune: do not ask")
    backup.add_argument(
        "--verify",
        metavar="PATH",
        help="instead, re-check a backup (its folder or backup.json) or every backup in a folder",
    )
    backup.add_argument(
        "--recovery-key-file", metavar="FILE", help="with --verify: open with the recovery key"
    )
    backup.set_defaults(func=run_backup)

    restore = actions.add_parser(
        "restore", help="restore a vault from a backup (into an empty folder, or --replace)"
    )
    restore.add_argument(
        "source", metavar="FROM", help="a backup folder, or a folder of backups (newest is used)"
    )
    add_vault_args(restore)
    restore.add_argument(
        "--replace",
        action="store_true",
        help="replace the vault there (kept until the restored one verifies; asks first)",
    )
    restore.add_argument("--yes", action="store_true", help="do not ask before --replace")
    restore.add_argument(
        "--recovery-key-file", metavar="FILE", help="open the backup with the recovery key"
    )
    restore.add_argument(
        "--new-passphrase-file", metavar="FILE", help="passphrase for the restored vault"
    )
    restore.add_argument(
        "--current-passphrase-file",
        metavar="FILE",
        help="with --replace, over a vault that is not the backup's: that vault's own passphrase "
        "(asked for otherwise); a vault that never held a record may be replaced by another "
        "vault's backup (asks first)",
    )
    restore.set_defaults(func=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    if args.verify:
        return _verify(args)
    from medlocal.app.backups import folder_to_create
    from medlocal.vault.backup import create_backup
    from medlocal.vault.backup_listing import folder_summary
    from medlocal.vault.store import Vault

    settings = load_settings()
    destination = _backup_folder(args, settings.backup_folder)
    if args.list:
        return _list(destination, _vault_id_or_none(args))
    folder = _existing_vault(args)
    if args.prune is not None:
        return _prune(destination, folder, args)
    # A missing folder is made with its missing parents, as `mkdir -p` would (session 41: a
    # folder two levels deep was refused, though the window offers to make it). What cannot be
    # made is refused now, before the passphrase is asked: a file in the path, a folder that
    # is not writable, or a missing folder where drives appear (/media/me/STICK with the stick
    # unplugged), which would put the backup on the local disk.
    new_folder = folder_to_create(destination)
    keep = args.keep or settings.backup_keep or None
    # The backup key is wrapped under the passphrase, so it is needed even for a remembered vault.
    passphrase = _secret(args.passphrase_file, "Vault passphrase: ")
    printer = _ProgressLine("backup")
    with Vault.open(folder, passphrase=passphrase) as vault:
        tell_vault_upgrade(vault)  # review 44b B6: the backup's open upgraded it silently
        try:
            result = create_backup(
                vault,
                passphrase,
                destination,
                keep=keep,
                create_folder=True,
                create_parents=True,
                progress=printer,
            )
        finally:
            printer.done()
    if result.created_folder:
        made = result.path.parent
        above = new_folder.first_missing if new_folder else made
        chain = "" if above == made else f" (and the missing folders from {shown_path(above)} down)"
        print(f"Created the backup folder {shown_path(made)}{chain}.")
    counts = result.counts
    print(f"Backup written and verified: {shown_path(result.path)}")
    print(
        f"  {_count(counts['patients'], 'patient')}, {_count(counts['documents'], 'document')} "
        f"({_count(counts['chunks'], 'passage')}), "
        f"{_count(counts['chat_messages'], 'chat message')}, "
        f"{_count(counts['outputs'], 'saved output')}; {result.snapshot_bytes / 1e6:.1f} MB"
    )
    for old in result.removed:
        print(f"  removed older backup {shown_name(old.name)}")
    print("It opens with the current passphrase or the recovery key.")
    print(folder_summary(result.path.parent, result.header.vault_id, keep, folder))
    if result.prune_warning:
        # The backup was made and verified: exit 0, the failed removal a warning of its own.
        print(f"medlocal: warning: {result.prune_warning}", file=sys.stderr)
    return 0


def _backup_folder(args: argparse.Namespace, setting: str) -> Path:
    """``--to``, else the backup_folder setting (a full path: settings refuse a relative one)."""
    destination = _typed_path(args.to, "Backup folder") if args.to else setting
    if not destination:
        raise UserInputError(
            "Say where the backups are: --to DIR, or once with "
            "'medlocal settings set backup_folder DIR'."
        )
    return Path(destination)


def _existing_vault(args: argparse.Namespace) -> Path:
    from medlocal.vault.store import Vault

    folder = workspace(args).vault_folder
    if not Vault.exists(folder):
        raise VaultNotFoundError(
            f"No vault in {shown_path(folder)}. Create one with 'medlocal vault init'."
        )
    return folder


def _vault_id_or_none(args: argparse.Namespace) -> str | None:
    """The id of the vault in use, read from its key file (no passphrase), or None."""
    from medlocal.vault.errors import KeyFileError
    from medlocal.vault.keyfile import load_key_file
    from medlocal.vault.unlock import VaultFiles

    try:
        return load_key_file(VaultFiles(workspace(args).vault_folder).key_file).vault_id
    except (KeyFileError, OSError):
        return None


def _list(destination: Path, vault_id: str | None) -> int:
    """``vault backup --list``: every backup in the folder, oldest first (walk 49b D1)."""
    from medlocal.app.backups import unfinished_note
    from medlocal.vault.backup_files import mb
    from medlocal.vault.backup_listing import list_backups, of_vault

    if not destination.is_dir():
        raise UserInputError(f"{shown_path(destination)} is not a folder that exists.")
    found = list_backups(destination)
    if not found:
        print(f"No MedLocal backup in {shown_path(destination)}.")
        return 0
    print(f"Backups in {shown_path(destination)}, oldest first:")
    for backup in found:
        print(f"  {backup.describe(vault_id)}")
    mine = of_vault(found, vault_id) if vault_id else []
    total = sum(b.size for b in found)
    print(
        f"{len(found)} backup folder(s), {mb(total)} in all; {len(mine)} finished of this vault. "
        "'Verified when written' means it was checked before it got its name; 'vault backup "
        "--verify DIR' checks them again now."
    )
    if note := unfinished_note(destination):
        print(f"Note: {note}")
    return 0


def _prune(destination: Path, vault_folder: Path, args: argparse.Namespace) -> int:
    """``vault backup --prune N``: remove this vault's oldest backups there beyond N, asked for
    by the person (a full drive's refusal names this command: walk 49b D2), after saying which
    (review 49b R2: "--prune 0" removed every backup unasked, though 0 keeps all in the
    setting)."""
    from medlocal.app.backup_pruning import plan_prune, prune
    from medlocal.cli.common import open_vault
    from medlocal.vault.keyfile import load_key_file
    from medlocal.vault.unlock import VaultFiles

    keep: int = args.prune
    if keep < 1:
        raise UserInputError(
            "--prune 0 would remove every backup of this vault there: keep at least 1 "
            "(--prune 1 keeps the newest). To remove the last one too, delete its folder yourself "
            "once a copy is kept elsewhere."
        )
    vault_id = load_key_file(VaultFiles(vault_folder).key_file).vault_id
    plan = plan_prune(destination, vault_id, keep)  # one the window's Remove older backups makes
    if not plan.doomed:
        print(f"Nothing to remove: {shown_path(destination)} holds no older backup to remove.")
        return 0

    refused = (
        "Removing backups asks for confirmation: run it in a terminal or add --yes. Nothing was "
        "removed."
    )
    if not confirm(plan.question, args, scripts_refused=refused):
        raise UserInputError("Not confirmed; nothing was removed.")
    # Unlocked (remembered key, --passphrase-file, or asked) to write the removal to the
    # vault's audit log (left 49: pruning left no trace there).
    try:
        vault = open_vault(args)
    except MedLocalError as err:
        # Review 50a R12: a script with no passphrase to read heard only why, not that its
        # backups are all still there.
        kind = UserInputError if isinstance(err, UserInputError) else MedLocalError
        raise kind(f"{str(err).rstrip()} Nothing was removed.") from err
    pruned = prune(vault, plan)
    for old in pruned.removed:
        print(f"Removed older backup {shown_name(old.name)}")
    if pruned.failure:
        raise MedLocalError(pruned.warning())
    print(
        f"Removed {_count(len(pruned.removed), 'backup')} of this vault from "
        f"{shown_path(destination)}; kept {_count(pruned.kept, 'backup')} of it (another "
        "vault's backups are never removed)."
    )
    if pruned.audit_failure:
        print(f"medlocal: warning: {pruned.warning()}", file=sys.stderr)
    return 0


def _verify(args: argparse.Namespace) -> int:
    from medlocal.app.backups import BackupCheck, unfinished_note, verify_backups

    path = _typed_path(args.verify, "Checking")
    refuse_another_accounts(path)  # before a passphrase is asked for (walk 52b M2)
    recovery = read_secret_file(args.recovery_key_file) if args.recovery_key_file else None
    passphrase = None if recovery else _secret(args.passphrase_file, "Backup passphrase: ")
    printer = _ProgressLine("backup")

    def line(check: BackupCheck) -> None:
        printer.done()
        print(check.describe())

    try:
        checks = verify_backups(
            path, passphrase=passphrase, recovery_key=recovery, progress=printer, on_check=line
        )
    finally:
        printer.done()
    if path.is_dir() and (note := unfinished_note(path)):
        print(f"Note: {note}")
    failures = sum(not check.ok for check in checks)
    if failures:
        raise MedLocalError(f"{failures} of {len(checks)} backups failed verification.")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from medlocal.vault.restore import restore_backup

    target = workspace(args).vault_folder
    refuse_another_accounts(Path(args.source).expanduser())  # before the passphrase (walk 52b M2)
    recovery = read_secret_file(args.recovery_key_file) if args.recovery_key_file else None
    if recovery:
        passphrase = None
        fresh: str | None = new_passphrase(args.new_passphrase_file)
    else:
        passphrase = _secret(args.passphrase_file, "Backup passphrase: ")
        fresh = new_passphrase(args.new_passphrase_file) if args.new_passphrase_file else None
    source = _typed_path(args.source, "Restoring from")
    replace: bool = args.replace
    current: str | None = None
    replaceable: str | None = None
    if replace and (other := _other_vault_there(target, source)) is not None:
        # Review 43, D3: the vault there is opened with its owner's passphrase only, never with
        # the backup's as a guess (each wrong try counts as a failed unlock and throttles it).
        current = _secret(
            args.current_passphrase_file,
            f"Passphrase of the vault now in {shown_path(target)} (another vault's, to be "
            f"replaced): ",
        )
        replaceable = _unused_vault_there(target, source, other, current)
        _confirm_replace(target, source, args, empty=True)
    before: list[Held | None] = []  # what the vault there held, once counted (walk 49b D7)
    if replace and current is None:

        def loss() -> str:
            from medlocal.app.backups import backup_holds, loss_note

            before.append(_held_there(target, args, passphrase))
            return loss_note(
                before[-1],
                backup_holds(source, passphrase, recovery),
                "the passphrase in --current-passphrase-file does not open it"
                if args.current_passphrase_file
                else "the backup's passphrase no longer opens it; --current-passphrase-file FILE "
                "gives its own",
            )

        _confirm_replace(target, source, args, loss=loss)
        if not before:  # not asked (--yes): counted for the result alone
            before.append(_held_there(target, args, passphrase))

    def last_check() -> None:
        # Review 43, D2: records added there while the backup was read refuse the restore.
        from medlocal.app.backups import changed_while_read, open_unused_vault

        if current is None:
            raise changed_while_read(target, [])
        vault_id, records = open_unused_vault(target, current)
        if records or vault_id != replaceable:
            raise changed_while_read(target, records or ["it is another vault now"])

    printer = _ProgressLine("restore")
    try:
        result = restore_backup(
            source,
            target,
            passphrase=passphrase,
            recovery_key=recovery,
            new_passphrase=fresh,
            replace=replace,
            replaceable=replaceable,
            last_check=last_check,
            progress=printer,
        )
    finally:
        printer.done()
    print(
        f"Restored the vault into {shown_path(result.vault_folder)} from "
        f"{shown_name(result.backup.name)}."
    )
    if upgraded := result.upgrade_note():
        print(f"  {upgraded}")
    if result.replaced:
        print("  The previous vault there was replaced.")
        if before and (held := before[-1]) is not None:
            from medlocal.app.backups import held_in

            now = held_in(result.counts).words()
            print(f"  It held {held.words()}; the restored vault holds {now}.")
    counts = result.counts
    print(
        f"  {counted(counts['documents'], 'document')}, "
        f"{counted(counts['audit'], 'audit entry', 'audit entries')} plus the restore."
    )
    print(result.unlock_note())
    if remembered := result.keychain_note():
        print(f"  {remembered}")
    if not result.new_passphrase:
        print(f"  To change it: medlocal vault passwd{_vault_option(args, target)}")
    return 0


# --- helpers ----------------------------------------------------------------------------------


def _typed_path(text: str, what: str) -> Path:
    """A path typed at the shell, a relative one taken from the shell's current folder as
    command-line users expect. The absolute path used is printed then, so that a backup never
    lands somewhere unexpected without a word (the window refuses relative paths instead: its
    current folder is wherever it was started from)."""
    path = Path(text).expanduser()
    if path.is_absolute():
        return path
    absolute = Path(os.path.abspath(path))  # ".." folded, symlinks kept as typed
    print(f"{what}: {shown_path(absolute)} (relative to the current folder)")
    return absolute


def _vault_option(args: argparse.Namespace, target: Path) -> str:
    """`` --vault DIR`` for a hint, when the command used a vault other than the default one."""
    from medlocal.vault.backup_listing import vault_option

    return vault_option(target) if args.vault else ""


def _secret(file_name: str | None, prompt: str) -> str:
    return read_secret_file(file_name) if file_name else ask_secret(prompt)


def _other_vault_there(target: Path, source: Path) -> str | None:
    """The id of the vault in ``target`` when it is not the backup's vault (its key file read,
    the vault never opened), else None: no vault there, the same vault, or an unreadable key
    file (the restore's own check says what is wrong with it)."""
    from medlocal.vault.errors import KeyFileError
    from medlocal.vault.keyfile import load_key_file
    from medlocal.vault.restore import backup_to_restore
    from medlocal.vault.unlock import VaultFiles

    key_file = VaultFiles(target).key_file
    if not key_file.exists():
        return None
    try:
        current = load_key_file(key_file).vault_id
    except KeyFileError:
        return None
    return None if current == backup_to_restore(source)[1].vault_id else current


def _unused_vault_there(target: Path, source: Path, vault_id: str, passphrase: str) -> str:
    """``vault_id`` when the vault in ``target``, opened with its owner's ``passphrase``, never
    held a record; else the refusal naming what it holds and the next step."""
    from medlocal.app.backups import open_unused_vault
    from medlocal.vault.manifest import BackupRefusedError
    from medlocal.vault.restore import another_vault_refusal, backup_to_restore

    opened_id, records = open_unused_vault(target, passphrase, notice=notice)
    if records:
        header = backup_to_restore(source)[1]
        raise BackupRefusedError(
            f"{another_vault_refusal(header.vault_id, target, opened_id)} "
            f"(It holds: {', '.join(records)}.)"
        )
    return vault_id


def _held_there(target: Path, args: argparse.Namespace, backup_secret: str | None) -> Held | None:
    """What the vault in ``target`` holds now, opened with --current-passphrase-file, else this
    computer's remembered key, else the backup's passphrase when it still opens that vault
    (checked against its key file first: a wrong one never counts as a failed unlock); None
    when none does: the question then says it was not counted. Never asks for another one."""
    from medlocal.app.backups import held_now
    from medlocal.vault.backup import passphrase_opens
    from medlocal.vault.errors import KeyFileError
    from medlocal.vault.store import Vault

    given = read_secret_file(args.current_passphrase_file) if args.current_passphrase_file else None
    tries: list[str | None] = [None]
    with contextlib.suppress(KeyFileError, OSError):
        # Review 49b R6: a wrong --current-passphrase-file was tried with an unlock, which
        # counted as a failed unlock of that vault; each secret is checked on its key file first.
        if given and passphrase_opens(target, given):
            tries = [given]
        elif not given and backup_secret and passphrase_opens(target, backup_secret):
            tries.append(backup_secret)
    for secret in tries:
        try:
            with Vault.open(target, passphrase=secret, use_keychain=secret is None) as vault:
                return held_now(vault)
        except MedLocalError:
            continue
    return None


def _confirm_replace(
    target: Path,
    source: Path,
    args: argparse.Namespace | None = None,
    *,
    empty: bool = False,
    loss: Callable[[], str] | None = None,
) -> None:
    """Ask (naming the backup and its date) before a restore replaces a vault; ``--yes`` skips
    the question, a script without it is refused, and anything but 'replace' (Ctrl-D too)
    changes nothing. ``empty``: the vault there is another vault's that never held a record."""
    from medlocal.app.backups import UNUSED_VAULT_WORDS
    from medlocal.vault.restore import backup_to_restore

    def question() -> str:
        folder, header = backup_to_restore(source)  # a folder of backups: which one, and when
        made = header.created_at[:16].replace("T", " ")
        if empty:
            return (
                f"The vault in {shown_path(target)} is not the backup's vault, and it "
                f"{UNUSED_VAULT_WORDS}.\nReplace it, with its audit trail, by the backup made "
                f"{made} UTC ({shown_name(folder.name)})?"
            )
        return (
            f"Replace the vault in {shown_path(target)} with the backup made {made} UTC "
            f"({shown_name(folder.name)})?\n"
            + (loss() if loss else "Everything added or changed since then will be lost.")
        )

    refused = (
        "Replacing a vault asks for confirmation: run it in a terminal or add --yes. Nothing "
        "was changed."
    )
    if not confirm(
        question, args or argparse.Namespace(), typed="replace", scripts_refused=refused
    ):
        raise UserInputError("Not confirmed; nothing was replaced.")


def _whole_number(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or a positive whole number")
    return value


def _positive_int(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be a positive whole number")
    return value


class _ProgressLine:
    """One updating line on a terminal; a line per stage otherwise, named by its command
    ("backup: copying…"), as import's progress is (walk 48b D6: bare "snapshot", "copying",
    "verifying" in a log said nothing of what was running)."""

    def __init__(self, command: str) -> None:
        self.command = command
        self.tty = sys.stderr.isatty()
        self.stage = ""
        self.printed = False

    def __call__(self, p: Progress) -> None:
        if p.unit == "bytes":
            total = f"/{p.total / 1e6:.0f}" if p.total else ""
            text = f"{p.stage}: {p.done / 1e6:.0f}{total} MB"
        else:
            text = p.describe()
        if self.tty:
            print("\r" + text.ljust(60), end="", file=sys.stderr, flush=True)
            self.printed = True
        elif p.stage != self.stage:
            print(f"{self.command}: {p.stage}…", file=sys.stderr, flush=True)
        self.stage = p.stage

    def done(self) -> None:
        """End the line; the next stage (of the next backup) prints again."""
        self.stage = ""
        if self.printed:
            print(file=sys.stderr)
            self.printed = False


def _count(number: int, noun: str) -> str:
    """ "1 saved output", "2 saved outputs" (walk 20: "1 saved outputs")."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
