"""A passphrase piped in without a terminal is read without Python's GetPassWarning and its
source line on stderr (QA); with nothing to read, the error says how to pass it instead."""

from __future__ import annotations

import getpass
import io
import warnings

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
