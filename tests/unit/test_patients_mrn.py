"""A second patient with an MRN the vault already holds is a question, not a silent duplicate
(QA: two patients with one MRN were accepted without a word); dates of birth are checked once,
in the application layer, for the CLI and the window alike."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from fixtures.terminal import run_cli
from fixtures.vault_file import PASS, new_vault

from medlocal.app.patients import (
    DuplicateMrnError,
    SimilarPatientError,
    add_patient,
    date_of_birth,
    one_slip_apart,
)
from medlocal.errors import UserInputError
from medlocal.vault.store import Vault


def test_a_known_mrn_is_refused_unless_allowed(tmp_path: Path) -> None:
    with new_vault(tmp_path / "vault") as vault:
        first = add_patient(vault, "Ada Lovelace", " K4471902 ", "19151210")
        assert vault.get_patient(first).mrn == "K4471902"
        assert vault.get_patient(first).dob == "1915-12-10"
        with pytest.raises(DuplicateMrnError, match=f"used by patient {first} \\(Ada Lovelace\\)"):
            add_patient(vault, "Ada King", "k4471902")  # same MRN, other case and spacing
        assert [p.id for p in vault.list_patients()] == [first]
        second = add_patient(vault, "Ada King", "K4471902", allow_duplicate_mrn=True)
        assert [p.id for p in vault.list_patients()] == [first, second]
        add_patient(vault, "No Number")  # no MRN: nothing to compare
        add_patient(vault, "Other Number", "K5512087")


def test_a_patient_very_like_another_is_a_question(tmp_path: Path) -> None:
    """Walk 40b item 12: "Margaret Helen Hartly", HRT-440921, was added beside "Margaret Ellen
    Hartley", HRT-440912 (two digits swapped), without a word."""
    with new_vault(tmp_path / "vault") as vault:
        first = add_patient(vault, "Margaret Ellen Hartley", "HRT-440912", "1948-03-14")
        with pytest.raises(SimilarPatientError, match="MRN HRT-440912 against HRT-440921"):
            add_patient(vault, "Margaret Helen Hartly", "HRT-440921")
        with pytest.raises(SimilarPatientError, match=f"patient {first} \\(Margaret Ellen"):
            add_patient(vault, "Margaret Ellen Hartly", "HRT-440812")  # one digit changed
        with pytest.raises(SimilarPatientError, match="same date of birth 1948-03-14"):
            add_patient(vault, "Margaret Helen Hartly", "Q-1", "19480314")
        assert [p.id for p in vault.list_patients()] == [first]
        # Unlike enough: a different MRN, another date of birth, or another name.
        add_patient(vault, "Margaret Helen Hartly", "HRT-551023", "1950-01-02")
        add_patient(vault, "John Okafor", "Q-2", "1948-03-14")
        # The next number a clinic issues, to someone else: no question.
        add_patient(vault, "John Okafor", "HRT-440913")
        add_patient(vault, "Margaret Helen Hartly", "HRT-440921", allow_similar=True)
        assert len(vault.list_patients()) == 5
    assert one_slip_apart("HRT-440912", "hrt-440921") and one_slip_apart("A12", "A13")
    assert not one_slip_apart("A12", "A12") and not one_slip_apart("1234", "4321")
    assert not one_slip_apart("A12", "A123")


def test_dates_of_birth_are_checked_once_for_both_faces() -> None:
    today = date(2026, 11, 30)
    assert date_of_birth("1970-01-31", today) == date_of_birth("19700131", today) == "1970-01-31"
    assert date_of_birth("2026-11-30", today) == "2026-11-30"
    with pytest.raises(UserInputError, match="in the future"):
        date_of_birth("2026-12-01", today)
    with pytest.raises(UserInputError, match="YYYY-MM-DD"):
        date_of_birth("31/01/1970", today)
    # Written as asked but no such day: "Write the date of birth as YYYY-MM-DD" misled (QA).
    for impossible in ("1948-02-30", "19481301"):
        with pytest.raises(UserInputError, match="is not a real date"):
            date_of_birth(impossible, today)


def test_the_cli_names_the_patient_and_the_way_round(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "vault"
    with new_vault(folder) as vault:
        vault.add_patient("Ada Lovelace", mrn="K4471902")
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS + "\n")
    opts = ["--vault", str(folder), "--passphrase-file", str(secret)]
    add = ["patient", "add", "--name", "Ada King", "--mrn", "K4471902", *opts]
    assert run_cli(*add) == 2
    error = capsys.readouterr().err
    assert "already used by patient 1 (Ada Lovelace)" in error
    assert "--allow-duplicate-mrn" in error
    assert run_cli(*add, "--allow-duplicate-mrn") == 0
    with Vault.open(folder, PASS) as vault:
        assert [p.name for p in vault.list_patients()] == ["Ada Lovelace", "Ada King"]


def test_the_cli_refuses_a_very_similar_patient_unless_allowed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "vault"
    with new_vault(folder) as vault:
        vault.add_patient("Margaret Ellen Hartley", mrn="HRT-440912")
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS + "\n")
    opts = ["--vault", str(folder), "--passphrase-file", str(secret)]
    add = ["patient", "add", "--name", "Margaret Helen Hartly", "--mrn", "HRT-440921", *opts]
    assert run_cli(*add) == 2
    error = capsys.readouterr().err
    assert "very like patient 1 (Margaret Ellen Hartley, MRN HRT-440912 against" in error
    assert "--allow-similar" in error
    assert run_cli(*add, "--allow-similar") == 0
    with Vault.open(folder, PASS) as vault:
        assert len(vault.list_patients()) == 2
