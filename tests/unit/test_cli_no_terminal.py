"""A command that needs a passphrase, run with nothing to read it from (a script, cron, stdin
closed), says how to give it instead of failing with an internal error (EOFError crash report)."""

from __future__ import annotations

import getpass
from pathlib import Path

import pytest

from medlocal import paths
from medlocal.cli import main
from medlocal.vault.keys import KdfParams
from medlocal.vault.store import Vault


def _closed_input(prompt: str = "") -> str:
    raise EOFError


@pytest.mark.parametrize(
    "argv",
    [
        ["patient", "list"],
        ["vault", "init"],
        ["vault", "passwd"],
    ],
)
def test_prompt_without_input_is_a_clear_error(
    argv: list[str],
    medlocal_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if argv[:2] != ["vault", "init"]:
        vault, _ = Vault.create(
            paths.vault_dir(), "correct horse battery", kdf_params=KdfParams(1024, 1, 1)
        )
        vault.lock()
    monkeypatch.setattr(getpass, "getpass", _closed_input)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "--passphrase-file FILE" in err and "internal error" not in err
