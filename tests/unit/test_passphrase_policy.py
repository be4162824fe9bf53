"""The passphrase rule for a vault of patient records (walk 25: 'password', rated weak by the
meter, guarded a whole vault because only the 8-character minimum was checked). One check in
the application layer serves `vault init`, `vault passwd`, `backup restore` and the windows; the
meter and the rule agree."""

from __future__ import annotations

import getpass
from pathlib import Path

import pytest

from medlocal.app import Workspace
from medlocal.app.passphrase import (
    MAX_PASSPHRASE,
    check_new_passphrase,
    estimate_strength,
    is_common_password,
)
from medlocal.errors import UserInputError
from medlocal.vault.keys import KdfParams

FAST_KDF = KdfParams(8 * 1024, 1, 1)

# Common passwords as people dress them up: a digit or a symbol added, letters swapped for
# look-alikes, a keyboard run, the word twice.
COMMON = [
    "password",
    "Password1",
    "P@ssw0rd!",
    "qwertyuiop",
    "letmein123",
    "Welcome2024!",
    "passwordpassword",
    "doctor123",
    "medlocal2025",
    "Pass word 12345",
]
# Weak by the meter without being on the list: few distinct characters of one kind.
WEAK = ["12345678", "aaaaaaaa", "19480312", "abababab"]
STRONG = [
    "correct horse battery staple",
    "Bogandilla clinic wattle 2871",
    "kill nine passphrase",
    "patient vault 1 teapot",
    "Tr1cky-Horse!Battery#42",
]


@pytest.mark.parametrize("secret", COMMON)
def test_a_common_password_is_refused_and_the_meter_calls_it_weak(secret: str) -> None:
    assert is_common_password(secret)
    with pytest.raises(UserInputError, match="most common passwords") as refused:
        check_new_passphrase(secret, secret)
    assert "several unrelated words" in str(refused.value)
    assert estimate_strength(secret).label == "weak (a common password)"


@pytest.mark.parametrize("secret", WEAK)
def test_what_the_meter_rates_weak_is_refused(secret: str) -> None:
    assert estimate_strength(secret).label == "weak"
    with pytest.raises(UserInputError, match="rates it weak") as refused:
        check_new_passphrase(secret)
    assert "several unrelated words" in str(refused.value)


@pytest.mark.parametrize("secret", STRONG)
def test_several_words_pass(secret: str) -> None:
    assert not is_common_password(secret)
    assert check_new_passphrase(secret, secret) == secret
    assert estimate_strength(secret).score >= 3


def test_a_vault_is_not_created_with_a_weak_passphrase(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path / "vault", kdf_params=FAST_KDF)
    try:
        with pytest.raises(UserInputError, match="most common passwords"):
            workspace.create_vault("password", "password")
        assert not workspace.vault_exists()
    finally:
        workspace.close()


def test_the_terminal_asks_again_after_a_weak_passphrase(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from medlocal.cli.vault_cmds import new_passphrase

    answers = iter(["password", "wattle teapot river 2871", "wattle teapot river 2871"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(answers))
    assert new_passphrase(None) == "wattle teapot river 2871"
    assert "most common passwords" in capsys.readouterr().err


def test_a_passphrase_file_with_a_weak_passphrase_is_refused(tmp_path: Path) -> None:
    from medlocal.cli.vault_cmds import new_passphrase

    weak = tmp_path / "pw.txt"
    weak.write_text("password\n", encoding="utf-8")
    with pytest.raises(UserInputError, match="most common passwords"):
        new_passphrase(str(weak))


# Walk 49a D5: runs, keyboard rows and a word typed twice with digits looked varied to a count
# of characters; zxcvbn knows the patterns.
PATTERNED = ["abcdefghijkl", "qwertyuiopasdf", "doctor123doctor123", "123doctor123doctor"]


@pytest.mark.parametrize("secret", PATTERNED)
def test_runs_keyboard_rows_and_repeated_halves_are_refused(secret: str) -> None:
    assert estimate_strength(secret).score <= 1
    with pytest.raises(UserInputError, match="too easy to guess") as refused:
        check_new_passphrase(secret, secret)
    assert "several unrelated words" in str(refused.value)


def test_the_longest_passphrase_is_the_same_everywhere(tmp_path: Path) -> None:
    """Walk 49a D4: 5000 characters typed at a terminal reached the vault as the first 4095;
    a passphrase over the maximum is refused, from a file as typed."""
    from medlocal.cli.vault_cmds import new_passphrase

    words = "wattle teapot river 2871 "
    longest = (words * 50)[:MAX_PASSPHRASE]
    assert check_new_passphrase(longest, longest) == longest
    too_long = longest + "x"
    with pytest.raises(UserInputError, match=f"at most {MAX_PASSPHRASE} characters"):
        check_new_passphrase(too_long, too_long)
    file = tmp_path / "pw.txt"
    file.write_text(too_long + "\n", encoding="utf-8")
    with pytest.raises(UserInputError, match=f"at most {MAX_PASSPHRASE} characters"):
        new_passphrase(str(file))
    # The longest, in UTF-8 at 4 bytes a character, still fits a terminal's line.
    assert len(("𝄞" * MAX_PASSPHRASE).encode("utf-8")) < 4095
