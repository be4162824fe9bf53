"""A command never replaces an existing file (perhaps an earlier export) unless told to with
--overwrite; the check comes before any work. The window's save dialog asks itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from medlocal.app.outputs import check_export_path
from medlocal.cli import build_parser, main
from medlocal.cli.export_cmds import run_outputs_export
from medlocal.cli.summarize_cmds import run_summarize
from medlocal.errors import UserInputError


@pytest.fixture
def earlier(tmp_path: Path) -> Path:
    path = tmp_path / "referral.pdf"
    path.write_bytes(b"an earlier export")
    return path


def _commands(tmp_path: Path, out: Path) -> list[list[str]]:
    vault = ["--vault", str(tmp_path / "no-vault")]
    return [
        ["summarize", *vault, "--patient", "1", "--template", "soap", "--out", str(out)],
        ["outputs", "export", "1", *vault, "--out", str(out)],
    ]


def _run(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    return run_summarize(args) if argv[0] == "summarize" else run_outputs_export(args)


def test_an_existing_file_is_refused_before_any_work(tmp_path: Path, earlier: Path) -> None:
    for argv in _commands(tmp_path, earlier):
        with pytest.raises(UserInputError, match=r"already exists: .*--overwrite"):
            _run(argv)
    assert earlier.read_bytes() == b"an earlier export"


def test_overwrite_lets_the_command_go_on(
    tmp_path: Path, earlier: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for argv in _commands(tmp_path, earlier):
        # Past the path check: the next thing it needs is the (missing) vault.
        assert main([*argv, "--overwrite"]) == 2
        error = capsys.readouterr().err
        assert "no-vault" in error and "already exists" not in error, error


def test_the_app_layer_allows_replacing_unless_asked_not_to(earlier: Path) -> None:
    assert check_export_path(earlier) == earlier  # the window confirmed in its save dialog
    with pytest.raises(UserInputError, match="already exists"):
        check_export_path(earlier, overwrite=False)
