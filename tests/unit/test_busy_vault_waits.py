"""Session 34: how the vault waits for another process's write (a command-line import).

A write waits up to db.BUSY_WAIT_S, except from a thread that limits its waits (the window's);
between tries it lets go of the session, so another thread's read goes on; locking never waits
for the other process; folding the WAL after a deletion on the window's thread does not wait
for it either; an unlock that finds the vault busy says so (while waiting, and once at the end),
never "damaged".

No time here is checked against a number of seconds (a loaded machine overran such bounds): a
wait that must be short is compared with the full wait, which the tests that must not wait make
long (LONG_WAIT_S), so that a wait that is not cut short takes all of it; the unlock's full waits
are counted."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from medlocal.app import Workspace
from medlocal.vault import db
from medlocal.vault.errors import VaultBusyError
from medlocal.vault.keys import KdfParams

PASS = "correct horse battery staple"
FAST = KdfParams(8 * 1024, 1, 1)
LONG_WAIT_S = 10.0  # the full wait where a test checks that nothing waits it out


def _wait_long(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(db, "BUSY_WAIT_S", LONG_WAIT_S)


def _not_waited_out(took: float, what: str) -> None:
    # A wait that is not cut short takes LONG_WAIT_S, or (a writer waiting) nearly all of it.
    assert took < LONG_WAIT_S / 2, f"{what} waited {took:.2f} s (the full wait: {LONG_WAIT_S} s)"


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Workspace]:
    monkeypatch.setattr(db, "BUSY_WAIT_S", 2.0)
    workspace = Workspace(tmp_path / "vault", kdf_params=FAST)
    workspace.create_vault(PASS, PASS)
    workspace.require_vault().add_patient("Ada Quill")
    yield workspace
    workspace.close()


def _other(ws: Workspace) -> db.Connection:
    vault = ws.require_vault()
    return db.connect(vault.folder / db.DB_FILE_NAME, vault._session().dek)


def test_a_thread_that_limits_its_waits_gives_up_soon(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    _wait_long(monkeypatch)
    other = _other(ws)
    other.execute("BEGIN IMMEDIATE")
    try:
        with db.waiting_at_most(0.2):
            started = time.monotonic()
            with pytest.raises(VaultBusyError):
                ws.require_vault().add_patient("Bo Quill")
            _not_waited_out(time.monotonic() - started, "the limited write")
    finally:
        other.execute("ROLLBACK")
        other.close()
    ws.require_vault().add_patient("Bo Quill")  # nothing left half-open


def test_a_read_goes_on_while_another_thread_waits_to_write(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    _wait_long(monkeypatch)
    vault = ws.require_vault()
    other = _other(ws)
    other.execute("BEGIN IMMEDIATE")
    added: list[int] = []
    writer = threading.Thread(target=lambda: added.append(vault.add_patient("Bo Quill")))
    writer.start()
    time.sleep(0.3)  # the writer holds the session, waiting for the lock
    try:
        started = time.monotonic()
        names = [p.name for p in vault.list_patients()]
        took = time.monotonic() - started
    finally:
        other.execute("ROLLBACK")
        other.close()
    writer.join(5)
    assert names == ["Ada Quill"]
    _not_waited_out(took, "the read")
    assert added and [p.name for p in vault.list_patients()] == ["Ada Quill", "Bo Quill"]


def test_locking_does_not_wait_and_ends_a_write_waiting_meanwhile(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    _wait_long(monkeypatch)
    vault = ws.require_vault()
    other = _other(ws)
    other.execute("BEGIN IMMEDIATE")
    failed: list[BaseException] = []

    def write() -> None:
        try:
            vault.add_patient("Bo Quill")
        except BaseException as exc:
            failed.append(exc)

    writer = threading.Thread(target=write)
    writer.start()
    time.sleep(0.3)
    try:
        started = time.monotonic()
        ws.lock()
        took = time.monotonic() - started
        writer.join(5)
    finally:
        other.execute("ROLLBACK")
        other.close()
    _not_waited_out(took, "locking")
    assert vault.is_locked and type(failed[0]).__name__ == "VaultLockedError"
    vault = ws.unlock(PASS)
    assert [p.name for p in vault.list_patients()] == ["Ada Quill"]
    assert vault.audit_verify().ok  # the lock that could not be recorded left no gap


def test_folding_the_wal_does_not_wait_for_another_process(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On the window's thread; a worker waits its full limit (test_vault_owed_purge)."""
    _wait_long(monkeypatch)
    other = _other(ws)
    other.execute("BEGIN IMMEDIATE")
    try:
        with ws.require_vault()._read() as s, db.waiting_at_most(db.GUI_WAIT_S):
            started = time.monotonic()
            folded = db.fold_wal(s.conn)
            took = time.monotonic() - started
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert folded is False
    _not_waited_out(took, "the fold")
    with ws.require_vault()._read() as s:
        assert db.fold_wal(s.conn) is True


def test_unlocking_a_busy_vault_says_so_while_waiting_and_waits_once(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    full_waits: list[bool] = []  # each wait with the full limit: ended busy
    begin = db._begin

    def counted(conn: db.Connection) -> None:
        full = db.wait_limit() == db.BUSY_WAIT_S
        try:
            begin(conn)
        except VaultBusyError:
            full_waits.extend([True] if full else [])
            raise
        full_waits.extend([False] if full else [])

    other = _other(ws)
    ws.lock()
    other.execute("BEGIN IMMEDIATE")
    told: list[float] = []
    monkeypatch.setattr(db, "_begin", counted)
    started = time.monotonic()
    try:
        with pytest.raises(VaultBusyError):
            ws.unlock(PASS, on_busy=lambda: told.append(time.monotonic() - started))
        took = time.monotonic() - started
    finally:
        other.execute("ROLLBACK")
    # Told once, as the wait began (not at its end: the wait is most of the unlock's time).
    assert len(told) == 1 and told[0] < took / 2, (told, took)
    assert full_waits == [True], full_waits  # the full wait sat out once, not twice
    other.close()
    assert ws.unlock(PASS).list_patients()[0].name == "Ada Quill"


def test_a_vault_held_whole_by_another_process_is_busy_not_damaged(ws: Workspace) -> None:
    """A process with the file in exclusive locking mode: the key check's read cannot start.
    That was taken for a wrong key, then said as "damaged or altered"."""
    other = _other(ws)
    ws.lock()
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("INSERT INTO meta (key, value) VALUES ('busy34', x'00')")
    try:
        with pytest.raises(VaultBusyError):
            ws.unlock(PASS)
    finally:
        other.close()
    ws.unlock(PASS)
