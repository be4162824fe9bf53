"""Walk 38: ``medlocal audit show --limit 4`` listed nothing but unlock and lock entries, the
pairs each command (that one included) writes. Both faces now leave the vault's session
entries out unless asked for (``--sessions``, the window's box), and count what they left out."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.ingest_files import FakeEmbedder

from medlocal.app import Workspace
from medlocal.app.audit_view import audit_view
from medlocal.cli import main
from medlocal.vault.keys import KdfParams

PASS = "correct horse battery"


@pytest.fixture
def busy_log(tmp_path: Path) -> Path:
    """A vault whose log is two patients added, then many unlock/lock pairs (commands run)."""
    ws = Workspace(
        tmp_path / "vault",
        kdf_params=KdfParams(8 * 1024, 1, 1),
        embedder_loader=lambda model: FakeEmbedder(),
    )
    ws.create_vault(PASS, PASS)
    vault = ws.require_vault()
    vault.add_patient("Ann Example")
    vault.add_patient("Ben Example")
    for _ in range(5):
        ws.lock()
        ws.unlock(PASS)
    ws.close()
    (tmp_path / "pass").write_text(PASS, encoding="utf-8")
    return tmp_path


def _show(folder: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[str, str]:
    args = ["audit", "show", "--vault", str(folder / "vault")]
    code = main([*args, "--passphrase-file", str(folder / "pass"), *extra])
    assert code == 0
    captured = capsys.readouterr()
    return captured.out, captured.err


def _events(out: str) -> list[str]:
    return [line.split()[2] for line in out.splitlines()]


def test_audit_show_leaves_sessions_out_and_counts_them(
    busy_log: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, err = _show(busy_log, capsys, "--limit", "2")
    assert _events(out) == ["patient_add", "patient_add"]
    # 5 lock/unlock pairs, the lock of closing the workspace, and this command's unlock.
    assert "medlocal: 12 unlock/lock entries not shown (--sessions shows them)." in err


def test_audit_show_sessions_lists_them_as_before(
    busy_log: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, err = _show(busy_log, capsys, "--limit", "4", "--sessions")
    assert _events(out) == ["lock", "unlock", "lock", "unlock"]
    assert "not shown" not in err


def test_the_count_covers_only_the_span_listed(busy_log: Path) -> None:
    ws = Workspace(busy_log / "vault", kdf_params=KdfParams(8 * 1024, 1, 1))
    vault = ws.unlock(PASS)
    entries = vault.audit_entries()
    last_add = max(e.seq for e in entries if e.event == "patient_add")
    view = audit_view(vault, 1)
    assert [e.seq for e in view.entries] == [last_add]
    assert view.hidden_sessions == sum(
        1 for e in entries if e.event in ("unlock", "lock") and e.seq >= last_add
    )
    everything = audit_view(vault, sessions=True)
    assert len(everything.entries) == len(entries) and everything.hidden_sessions == 0
    ws.close()
