"""Review 50b R3: a lock landing during a passphrase change, after the key file was rewritten,
made the change raise "The vault is locked." while only the new passphrase opened the vault,
and left no key_change entry in the audit log. The lock now waits for the change and its
entry."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from medlocal.vault import unlock
from medlocal.vault.errors import WrongPassphraseError
from medlocal.vault.keys import KdfParams
from medlocal.vault.store import Vault

FAST = KdfParams(memory_kib=1024, iterations=1, lanes=1)
OLD, NEW = "correct horse battery staple 91", "quiet lantern orchard violet 47"


def test_a_lock_during_the_change_waits_for_it_and_its_audit_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault, _ = Vault.create(tmp_path, OLD, kdf_params=FAST)
    written = threading.Event()
    change = unlock.change_passphrase

    def change_then_lock_elsewhere(*args: Any, **kwargs: Any) -> Any:
        key_file = change(*args, **kwargs)
        written.set()
        locker.join(timeout=0.5)  # the lock is asked for now, after the key file is written
        return key_file

    monkeypatch.setattr(unlock, "change_passphrase", change_then_lock_elsewhere)
    locker = threading.Thread(target=lambda: (written.wait(), vault.lock("idle")))
    locker.start()
    vault.change_passphrase(NEW, FAST)  # told as done: no VaultLockedError
    locker.join()
    with pytest.raises(WrongPassphraseError):
        Vault.open(tmp_path, OLD)
    with Vault.open(tmp_path, NEW) as opened:
        events = [e.event for e in opened.audit_entries()]
    assert "key_change" in events
    assert events.index("key_change") < len(events) - 1 - events[::-1].index("lock")
