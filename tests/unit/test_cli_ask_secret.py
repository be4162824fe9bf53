"""A passphrase piped in without a terminal is read without Python's GetPassWarning and its
source line on stderr (QA); with nothing to read, the error says how to pass it instead."""

from __future__ import annotations

import getpass
import io
import warnings
from pathlib import Path

import pytest

from medlocal.cli.common import ask_secret
from medlocal.errors import UserInputError


@pytest.fixture
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    # What getpass does when it cannot open /dev/tty: read standard input, echo on.
    monkeypatch.setattr(getpass, "getpass", getpass.fallback_getpass)


def test_a_piped_passphrase_is_read_quietly(
    no_terminal: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("correct horse battery\n"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert ask_secret("Vault passphrase: ") == "correct horse battery"
    assert caught == []


def test_closed_input_says_how_to_pass_it(
    no_terminal: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    with pytest.raises(UserInputError, match="--passphrase-file FILE"):
        ask_secret("Vault passphrase: ")


def test_a_new_passphrase_typed_badly_is_asked_again(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A too-short or mistyped new passphrase ended the command, and `vault passwd` then had to
    # be started again from the current passphrase (QA). Too short is said before the repeat.
    from medlocal.cli.vault_cmds import new_passphrase

    prompts: list[str] = []
    answers = iter(
        ["short", "long enough one", "long enough 1", "long enough one", "long enough one"]
    )

    def typed(prompt: str = "") -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr(getpass, "getpass", typed)
    assert new_passphrase(None) == "long enough one"
    assert prompts == [
        "New passphrase: ",
        "New passphrase: ",
        "Repeat the passphrase: ",
        "New passphrase: ",
        "Repeat the passphrase: ",
    ]
    err = capsys.readouterr().err
    assert "at least 8 characters" in err and "do not match" in err


def test_a_new_passphrase_gives_up_after_three_tries(monkeypatch: pytest.MonkeyPatch) -> None:
    from medlocal.cli.vault_cmds import new_passphrase

    monkeypatch.setattr(getpass, "getpass", lambda prompt="": "short")
    with pytest.raises(UserInputError, match="at least 8"):
        new_passphrase(None)


def test_a_new_passphrase_stops_at_closed_input(
    no_terminal: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from medlocal.cli.vault_cmds import new_passphrase

    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    with pytest.raises(UserInputError, match="--passphrase-file FILE"):
        new_passphrase(None)


def test_with_no_terminal_nothing_is_printed_before_the_error(
    no_terminal: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Walk 33: a script without --passphrase-file got getpass's "Warning: Password input may
    be echoed" and the prompt on stderr before the error."""
    from medlocal.cli import common

    monkeypatch.setattr(common, "_has_terminal", lambda: False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    with pytest.raises(UserInputError, match="--passphrase-file FILE"):
        ask_secret("Vault passphrase: ")
    assert capsys.readouterr().err == ""


def test_a_missing_backup_folder_is_said_to_be_missing(tmp_path: Path) -> None:
    from medlocal.vault.backup_files import find_backups
    from medlocal.vault.manifest import BackupRefusedError

    with pytest.raises(BackupRefusedError, match="does not exist"):
        find_backups(tmp_path / "no-such-folder")


def test_no_standard_input_at_all_says_how_to_pass_it(
    no_terminal: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review 32b: `medlocal vault init <&-` crashed with an AttributeError and a crash report."""
    from medlocal.cli import common

    monkeypatch.setattr(common, "_has_terminal", lambda: False)
    monkeypatch.setattr("sys.stdin", None)
    with pytest.raises(UserInputError, match="--passphrase-file FILE"):
        ask_secret("Vault passphrase: ")
