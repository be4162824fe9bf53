"""`patient remove` and `delete` ask first when a person is at the terminal; scripts (standard
input not a terminal) and --yes go ahead as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.terminal import at_terminal
from fixtures.terminal import run_cli as _cli

from medlocal.vault.keys import KdfParams
from medlocal.vault.store import Vault

PASS = "correct horse battery"
FAST = KdfParams(memory_kib=1024, iterations=1, lanes=1)


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, list[str]]:
    folder = tmp_path / "vault"
    vault, _ = Vault.create(folder, PASS, kdf_params=FAST)
    with vault:
        vault.add_patient("Ada Lovelace")
        vault.add_patient("Grace Hopper")
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS + "\n")
    return folder, ["--vault", str(folder), "--passphrase-file", str(secret)]


def _patients(folder: Path) -> list[str]:
    with Vault.open(folder, PASS) as vault:
        return [p.name for p in vault.list_patients()]


def test_a_person_at_the_terminal_is_asked(
    setup: tuple[Path, list[str]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder, opts = setup
    questions = at_terminal(monkeypatch, "n", "y")
    assert _cli("patient", "remove", "1", *opts) == 1
    assert "Nothing removed." in capsys.readouterr().out
    assert _patients(folder) == ["Ada Lovelace", "Grace Hopper"]
    assert "Ada Lovelace" in questions[0] and "cannot be undone" in questions[0]
    assert _cli("patient", "remove", "1", *opts) == 0
    assert _patients(folder) == ["Grace Hopper"]
    assert _cli("patient", "remove", "2", "--yes", *opts) == 0  # not asked: no third answer
    assert _patients(folder) == []


def test_scripts_are_not_asked(setup: tuple[Path, list[str]]) -> None:
    folder, opts = setup  # pytest's standard input is not a terminal
    assert _cli("patient", "remove", "1", *opts) == 0
    assert _patients(folder) == ["Grace Hopper"]
